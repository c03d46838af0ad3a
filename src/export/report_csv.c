/*
 * report_csv.c: a table of a report as CSV, in UTF-8 or in Shift_JIS
 * (code page 932) through iconv; the only export file that includes
 * iconv.h.
 */
#include "util/compat.h"
#include "export/report.h"

#include <errno.h>
#include <iconv.h>

#include "export/table.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/*
 * Converts len bytes of UTF-8 at s to CP932, appending to out.  Returns
 * 0, or -1 with *bad at the byte offset of the first character code page
 * 932 cannot hold.  glibc's converter maps the characters that Windows
 * and JIS spell differently (〜 U+301C, − U+2212, ‖, ¢, £, ¬) to what
 * Windows uses, so those convert.
 */
static int to_cp932(iconv_t cd, const char *s, size_t len, struct strbuf *out,
		    size_t *bad)
{
	char *in = (char *)s;
	size_t left = len;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (left) {
		char buf[4096];
		char *o = buf;
		size_t room = sizeof(buf);
		size_t n = iconv(cd, &in, &left, &o, &room);

		strbuf_add(out, buf, (size_t)(o - buf));
		if (n == (size_t)-1 && errno != E2BIG) {
			*bad = (size_t)(in - s);
			return -1;
		}
	}
	return 0;
}

/* Reports the character at bad in cell (row, column) that cp932 lacks. */
static int unconvertible(const struct report_table *t, size_t row, size_t col,
			 const char *cell, size_t bad, struct error *err)
{
	char rowno[24], ch[8] = "?", code[16] = "?";
	uint32_t cp;
	size_t n = utf8_decode(cell + bad, strlen(cell + bad), &cp);

	if (n) {
		memcpy(ch, cell + bad, n);
		ch[n] = '\0';
		snprintf(code, sizeof(code), "U+%04X", (unsigned)cp);
	}
	snprintf(rowno, sizeof(rowno), "%zu", row + 1);
	return error_set(err, ERROR_INPUT, "report.csv_cp932", rowno,
			 t->columns[col].header, ch, code, NULL);
}

int report_render_csv(const struct report *r, const struct report_table *t,
		      enum report_charset charset, struct strbuf *out,
		      struct error *err)
{
	struct strbuf line = STRBUF_INIT, scratch = STRBUF_INIT;
	const char **cells = xcalloc(t->column_count, sizeof(*cells));
	iconv_t cd = (iconv_t)-1;
	size_t start = out->len, row, c, bad;
	int rc = -1;

	(void)r;
	if (charset == REPORT_CP932) {
		cd = iconv_open("CP932", "UTF-8");
		if (cd == (iconv_t)-1) {
			error_set(err, ERROR_INTERNAL, "report.no_charset",
				  "CP932", NULL);
			goto out;
		}
	} else {
		/* The BOM makes Excel read the file as UTF-8, not Shift_JIS. */
		strbuf_addstr(out, "\xef\xbb\xbf");
	}
	/* Row 0 is the header; rows 1 … row_count the table's rows. */
	for (row = 0; row <= t->row_count; row++) {
		for (c = 0; c < t->column_count; c++) {
			const char *s = row ? t->rows[row - 1][c].text
					    : t->columns[c].header;

			cells[c] = s ? s : "";
		}
		strbuf_reset(&line);
		table_csv_row(cells, t->column_count, &line);
		if (charset == REPORT_UTF8) {
			strbuf_add(out, line.buf, line.len);
			continue;
		}
		if (!to_cp932(cd, line.buf, line.len, out, &bad))
			continue;
		/* Which cell: each converts alone, the first that fails. */
		for (c = 0; c < t->column_count; c++) {
			strbuf_reset(&scratch);
			if (to_cp932(cd, cells[c], strlen(cells[c]), &scratch,
				     &bad)) {
				unconvertible(t, row, c, cells[c], bad, err);
				goto out_undo;
			}
		}
		BUG("a CSV line that CP932 refuses with every cell accepted");
	}
	rc = 0;
	goto out;
out_undo:
	strbuf_setlen(out, start);
out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(cells);
	strbuf_release(&line);
	strbuf_release(&scratch);
	return rc;
}
