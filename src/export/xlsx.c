/* xlsx.c: a one-sheet workbook written row by row with libxlsxwriter. */
#include "util/compat.h"
#include "export/xlsx.h"

#include <string.h>
#include <xlsxwriter.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/parse.h"

struct xlsx_writer {
	lxw_workbook *book;
	lxw_worksheet *sheet;
	const struct xlsx_column *columns;
	size_t count;
	lxw_row_t rows;	  /* written, the header included */
	lxw_error failed; /* the first failure, LXW_NO_ERROR until one */
	int too_many;	  /* more rows than a sheet holds */
};

static int failed(struct error *err, const char *why)
{
	return error_set(err, ERROR_INTERNAL, "export.xlsx_failed", why, NULL);
}

static void keep(struct xlsx_writer *w, lxw_error e)
{
	if (e != LXW_NO_ERROR && w->failed == LXW_NO_ERROR)
		w->failed = e;
}

int xlsx_writer_open(const char *path, const char *sheet,
		     const struct xlsx_column *columns, size_t count,
		     unsigned flags, struct xlsx_writer **out,
		     struct error *err)
{
	lxw_workbook_options opts;
	struct xlsx_writer *w;
	lxw_format *bold;
	size_t c;

	*out = NULL;
	if (!count || count > LXW_COL_MAX)
		BUG("xlsx sheet of %zu columns", count);
	memset(&opts, 0, sizeof(opts));
	opts.constant_memory = (flags & XLSX_CONSTANT_MEMORY) ? LXW_TRUE
							      : LXW_FALSE;
	w = xcalloc(1, sizeof(*w));
	w->columns = columns;
	w->count = count;
	w->book = workbook_new_opt(path, &opts);
	if (!w->book) {
		free(w);
		return failed(err, path);
	}
	w->sheet = workbook_add_worksheet(w->book, sheet);
	bold = workbook_add_format(w->book);
	if (!w->sheet || !bold) {
		workbook_close(w->book);
		free(w);
		return failed(err, sheet);
	}
	format_set_bold(bold);
	for (c = 0; c < count; c++) {
		keep(w,
		     worksheet_set_column(w->sheet, (lxw_col_t)c, (lxw_col_t)c,
					  columns[c].width, NULL));
		keep(w, worksheet_write_string(w->sheet, 0, (lxw_col_t)c,
					       columns[c].header, bold));
	}
	/* The header stays in view however far down one scrolls. */
	worksheet_freeze_panes(w->sheet, 1, 0);
	w->rows = 1;
	*out = w;
	return 0;
}

void xlsx_writer_add_row(struct xlsx_writer *w, const char *const *cells)
{
	size_t c;

	if (w->rows >= LXW_ROW_MAX) {
		w->too_many = 1;
		return;
	}
	for (c = 0; c < w->count; c++) {
		const char *v = cells[c] ? cells[c] : "";
		long n;

		if (!*v)
			continue;
		/* Ratings are numbers, so Excel sorts and sums them. */
		if (w->columns[c].numeric &&
		    !parse_long(v, -999999999L, 999999999L, &n))
			keep(w, worksheet_write_number(w->sheet, w->rows,
						       (lxw_col_t)c, (double)n,
						       NULL));
		else
			keep(w, worksheet_write_string(w->sheet, w->rows,
						       (lxw_col_t)c, v, NULL));
	}
	w->rows++;
}

int xlsx_writer_close(struct xlsx_writer *w, struct error *err)
{
	lxw_error e;
	int rc = 0;

	if (!w)
		return 0;
	keep(w, worksheet_autofilter(w->sheet, 0, 0, w->rows - 1,
				     (lxw_col_t)(w->count - 1)));
	e = workbook_close(w->book);
	if (w->too_many)
		rc = error_set(err, ERROR_INPUT, "export.xlsx_too_many", NULL);
	else if (w->failed != LXW_NO_ERROR)
		rc = failed(err, lxw_strerror(w->failed));
	else if (e != LXW_NO_ERROR)
		rc = failed(err, lxw_strerror(e));
	free(w);
	return rc;
}
