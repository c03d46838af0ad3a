/*
 * fuzz_csv.c: CSV files as the import reads them (import/table.c with
 * libcsv, import/charset.c with iconv): UTF-8 with or without a BOM or
 * Shift_JIS (code page 932), comma or tab separated, quoted cells over
 * several lines.  The input is the file.
 *
 * Oracles: the text made of the bytes is well-formed UTF-8; every
 * cell of the table is too, rows keep rising row numbers, no row has
 * more than IMPORT_COLUMNS_MAX cells or ends in an empty one, and the
 * table never has more than IMPORT_ROWS_MAX rows.
 */
#include "util/compat.h"

#include "fuzz.h"
#include "import/charset.h"
#include "import/table.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/utf8.h"

static void check_table(const struct import_table *t)
{
	size_t r, c, last = 0;

	FUZZ_CHECK(t->count <= IMPORT_ROWS_MAX);
	for (r = 0; r < t->count; r++) {
		const struct import_row *row = &t->rows[r];

		FUZZ_CHECK(row->row_no > last);
		last = row->row_no;
		FUZZ_CHECK(row->count >= 1 && row->count <= IMPORT_COLUMNS_MAX);
		FUZZ_CHECK(*row->cells[row->count - 1]);
		for (c = 0; c < row->count; c++)
			FUZZ_CHECK(utf8_valid(row->cells[c],
					      strlen(row->cells[c])));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err = ERROR_INIT;
	struct import_table *t = NULL;
	struct arena arena;
	enum import_charset cs;
	const char *text;
	size_t text_len;

	arena_init(&arena, 0);
	if (!charset_to_utf8(&arena, (const char *)data, size, &text, &text_len,
			     &cs, &err)) {
		FUZZ_CHECK(text[text_len] == '\0');
		FUZZ_CHECK(fuzz_utf8(text, text_len));
	}
	arena_release(&arena);
	error_clear(&err);
	if (!import_table_read((const char *)data, size, NULL, &t, &err)) {
		check_table(t);
		import_table_free(t);
	} else {
		/* A refusal is a message for the user: it has a key. */
		FUZZ_CHECK(*err.key);
	}
	return 0;
}
