/*
 * fuzz_xlsx.c: Excel workbooks as the import reads them (import/xlsx.c
 * with libzip and libxml2): the archive, the workbook and its relations,
 * shared strings, styles (which cells are dates) and the worksheet.
 *
 * An input that starts with "PK" is taken as the file itself.  Any other
 * is a list of parts, each "@@@ name\n" and its bytes, which this target
 * stores into a fresh archive first: the archive's checksums would
 * otherwise turn away nearly every change the fuzzer makes to the XML.
 * A part name "@@@ sheet:NAME" instead names the worksheet to read.
 *
 * Oracles: as for CSV (fuzz_csv.c) every cell is UTF-8 and rows rise;
 * the sheet read is one of t->sheets; a refusal carries a message.
 */
#include "util/compat.h"

#include <zip.h>

#include "fuzz.h"
#include "import/table.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Stores the parts of a "@@@ name" list into a new archive in out. */
static void build_archive(const char *s, size_t len, struct strbuf *out,
			  char **sheet)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *z;
	struct fuzz_parts parts;
	size_t i;

	zip_error_init(&zerr);
	src = zip_source_buffer_create(NULL, 0, 0, &zerr);
	if (!src)
		BUG("fuzz_xlsx: zip_source_buffer_create");
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
	if (!z)
		BUG("fuzz_xlsx: zip_open_from_source");
	/* "@@@ " opens the first part; parts are separated by "\n@@@ ". */
	if (len >= 4 && !memcmp(s, "@@@ ", 4)) {
		s += 4;
		len -= 4;
	}
	fuzz_split((const uint8_t *)s, len, "\n@@@ ", FUZZ_PARTS_MAX, &parts);
	for (i = 0; i < parts.count; i++) {
		const char *nl = memchr(parts.part[i], '\n', parts.len[i]);
		size_t nlen = nl ? (size_t)(nl - parts.part[i]) : parts.len[i];
		char *name = fuzz_strndup(parts.part[i], nlen);
		const char *body = nl ? nl + 1 : parts.part[i] + nlen;
		size_t blen = parts.len[i] - (size_t)(body - parts.part[i]);
		zip_source_t *file;

		if (!strncmp(name, "sheet:", 6)) {
			free(*sheet);
			*sheet = fuzz_strndup(name + 6, strlen(name + 6));
			free(name);
			continue;
		}
		file = zip_source_buffer(z, body, blen, 0);
		if (!file || zip_file_add(z, name, file, ZIP_FL_OVERWRITE) < 0)
			zip_source_free(file);
		free(name);
	}
	if (zip_close(z) < 0) {
		zip_discard(z);
	} else if (!zip_source_open(src)) {
		char buf[65536];
		zip_int64_t n;

		while ((n = zip_source_read(src, buf, sizeof(buf))) > 0)
			strbuf_add(out, buf, (size_t)n);
		zip_source_close(src);
	}
	zip_source_free(src);
}

static void check_table(const struct import_table *t)
{
	size_t r, c, last = 0;
	int sheet_known = 0;

	for (c = 0; c < t->sheet_count; c++)
		if (t->sheet && !strcmp(t->sheets[c], t->sheet))
			sheet_known = 1;
	FUZZ_CHECK(t->format != IMPORT_XLSX || sheet_known);
	FUZZ_CHECK(t->count <= IMPORT_ROWS_MAX);
	for (r = 0; r < t->count; r++) {
		const struct import_row *row = &t->rows[r];

		FUZZ_CHECK(row->row_no > last);
		last = row->row_no;
		FUZZ_CHECK(row->count >= 1 && row->count <= IMPORT_COLUMNS_MAX);
		for (c = 0; c < row->count; c++)
			FUZZ_CHECK(utf8_valid(row->cells[c],
					      strlen(row->cells[c])));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err = ERROR_INIT;
	struct import_table *t = NULL;
	struct strbuf file = STRBUF_INIT;
	char *sheet = NULL;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
		strbuf_add(&file, data, size);
	else
		build_archive((const char *)data, size, &file, &sheet);
	if (file.len) {
		if (!import_table_read(file.buf, file.len, sheet, &t, &err)) {
			check_table(t);
			import_table_free(t);
		} else {
			FUZZ_CHECK(*err.key);
		}
	}
	free(sheet);
	strbuf_release(&file);
	return 0;
}
