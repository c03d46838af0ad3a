/*
 * table.c: telling a CSV file from a workbook, and reading CSV with
 * libcsv (the only file of import/ that includes <csv.h>).
 */
#include "util/compat.h"
#include "import/table.h"

#include <csv.h>
#include <string.h>

#include "import/charset.h"
#include "import/xlsx.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

void import_table_free(struct import_table *t)
{
	if (!t)
		return;
	free(t->rows);
	arena_release(&t->arena);
	free(t);
}

int import_table_add_row(struct import_table *t, size_t row_no,
			 const char *const *cells, size_t count,
			 struct error *err)
{
	struct import_row *r;

	while (count && !*cells[count - 1])
		count--;
	if (!count)
		return 0;
	if (t->count >= IMPORT_ROWS_MAX) {
		char n[32];

		snprintf(n, sizeof(n), "%d", IMPORT_ROWS_MAX);
		return error_set(err, ERROR_INPUT, "import.too_many_rows", n,
				 NULL);
	}
	ALLOC_GROW(t->rows, t->count + 1, t->cap);
	r = &t->rows[t->count++];
	r->row_no = row_no;
	r->count = count;
	r->cells = arena_alloc(&t->arena, st_mult(count, sizeof(*r->cells)));
	memcpy(r->cells, cells, count * sizeof(*r->cells));
	return 0;
}

/* The state of libcsv's callbacks. */
struct csv_state {
	struct import_table *t;
	struct error *err;
	const char **cells;
	size_t count, cap;
	size_t row_no;
	int prev_cr;
	int failed;
};

/*
 * Our own CSV writer (export/table.c) puts an apostrophe before a cell a
 * spreadsheet would run as a formula; reading it back takes it off, so a
 * register survives the round trip unchanged.
 */
static const char *unguard(const char *s)
{
	return s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]) ? s + 1 : s;
}

static void on_field(void *s, size_t len, void *data)
{
	struct csv_state *st = data;

	if (st->failed || st->count >= IMPORT_COLUMNS_MAX)
		return;
	ALLOC_GROW(st->cells, st->count + 1, st->cap);
	st->cells[st->count++] =
		s ? unguard(arena_memdupz(&st->t->arena, s, len)) : "";
}

/*
 * libcsv reports every line end outside quotes as a row (CSV_REPALL_NL),
 * so empty lines are counted and rows keep the numbers Excel gives them;
 * the LF of a CRLF after a row is not a row of its own.
 */
static void on_row(int c, void *data)
{
	struct csv_state *st = data;
	int was_cr = st->prev_cr;

	st->prev_cr = c == '\r';
	if (!st->count && c == '\n' && was_cr)
		return;
	st->row_no++;
	if (st->count && !st->failed &&
	    import_table_add_row(st->t, st->row_no, st->cells, st->count,
				 st->err))
		st->failed = 1;
	st->count = 0;
}

static int is_space(unsigned char c)
{
	return c == ' ';
}

/*
 * Comma, unless the first line has more tabs than commas outside quotes
 * (Excel's "Unicode text" and many exports from other systems).
 */
static char guess_separator(const char *text, size_t len)
{
	size_t i, commas = 0, tabs = 0;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		if (text[i] == '"')
			quoted = !quoted;
		else if (!quoted && (text[i] == '\n' || text[i] == '\r'))
			break;
		else if (!quoted && text[i] == ',')
			commas++;
		else if (!quoted && text[i] == '\t')
			tabs++;
	}
	return tabs > commas ? '\t' : ',';
}

static int read_csv(struct import_table *t, const char *data, size_t len,
		    struct error *err)
{
	struct csv_state st;
	struct csv_parser p;
	const char *text;
	size_t text_len;
	int rc = -1;

	if (charset_to_utf8(&t->arena, data, len, &text, &text_len, &t->charset,
			    err))
		return -1;
	memset(&st, 0, sizeof(st));
	st.t = t;
	st.err = err;
	t->format = IMPORT_CSV;
	t->separator = guess_separator(text, text_len);
	if (csv_init(&p, CSV_REPALL_NL | CSV_EMPTY_IS_NULL))
		return error_set(err, ERROR_INTERNAL, "import.bad_csv", NULL);
	csv_set_delim(&p, (unsigned char)t->separator);
	/* Only spaces are trimmed around an unquoted field, never tabs,
	 * which may separate them. */
	csv_set_space_func(&p, is_space);
	/* Without CSV_STRICT libcsv reads what Excel and people write,
	 * stray quotes included; only running out of memory fails. */
	if (csv_parse(&p, text, text_len, on_field, on_row, &st) != text_len ||
	    csv_fini(&p, on_field, on_row, &st)) {
		if (!st.failed)
			error_set(err, ERROR_INPUT, "import.bad_csv", NULL);
		goto out;
	}
	rc = st.failed ? -1 : 0;
out:
	csv_free(&p);
	free(st.cells);
	return rc;
}

int import_table_read(const char *data, size_t len, const char *sheet,
		      struct import_table **out, struct error *err)
{
	struct import_table *t;
	int rc;

	*out = NULL;
	if (len > IMPORT_FILE_MAX) {
		char mb[32];

		snprintf(mb, sizeof(mb), "%d", IMPORT_FILE_MAX / (1024 * 1024));
		return error_set(err, ERROR_INPUT, "import.too_big", mb, NULL);
	}
	if (!len)
		return error_set(err, ERROR_INPUT, "import.empty", NULL);
	if (len >= 8 && !memcmp(data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return error_set(err, ERROR_INPUT, "import.xls", NULL);
	if (len >= 2 &&
	    (!memcmp(data, "\xff\xfe", 2) || !memcmp(data, "\xfe\xff", 2)))
		return error_set(err, ERROR_INPUT, "import.utf16", NULL);
	t = xcalloc(1, sizeof(*t));
	arena_init(&t->arena, 0);
	if (len >= 4 && !memcmp(data, "PK\x03\x04", 4)) {
		t->format = IMPORT_XLSX;
		rc = import_xlsx_read(t, data, len, sheet, err);
	} else if (memchr(data, '\0', len) ||
		   (len >= 5 && !memcmp(data, "%PDF-", 5))) {
		/* Text has no NUL bytes; images, PDFs and programs do. */
		rc = error_set(err, ERROR_INPUT, "import.not_table", NULL);
	} else {
		rc = read_csv(t, data, len, err);
	}
	if (rc) {
		import_table_free(t);
		return -1;
	}
	*out = t;
	return 0;
}
