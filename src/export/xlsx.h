/*
 * xlsx.h: writing a one-sheet Excel workbook (.xlsx) row by row, with
 * libxlsxwriter in xlsx.c only.  The sheet has a bold header row, panes
 * frozen under it, an autofilter over the data and column widths that
 * suit Japanese text.  Text cells are always strings, never formulas, so
 * a value such as "=1+1" stays what it was typed as.  For big sheets the
 * rows go to a temporary file as they come (constant memory), so 100,000
 * rows are never held in memory at once.
 */
#ifndef MAMORI_EXPORT_XLSX_H
#define MAMORI_EXPORT_XLSX_H

#include <stddef.h>

struct error;
struct xlsx_writer;

struct xlsx_column {
	const char *header;
	int numeric;  /* written as a number when the cell is one */
	double width; /* in Excel's units, about one Latin character */
};

enum xlsx_flags {
	/* Rows are written out as they come: fewer bytes in memory, text
	 * stored inline instead of once per distinct string. */
	XLSX_CONSTANT_MEMORY = 1 << 0,
};

/*
 * Starts the workbook at path (written when it is closed) with one sheet
 * named sheet (at most 31 characters, none of []:*?/\) and the header row
 * of count columns.  Fails with ERROR_INTERNAL "export.xlsx_failed".
 */
int xlsx_writer_open(const char *path, const char *sheet,
		     const struct xlsx_column *columns, size_t count,
		     unsigned flags, struct xlsx_writer **out,
		     struct error *err);
/*
 * Adds a row of the count cells given at open (NULL or "" for an empty
 * cell).  A failure is kept and reported by xlsx_writer_close().
 */
void xlsx_writer_add_row(struct xlsx_writer *w, const char *const *cells);
/*
 * Sets the autofilter over the rows written, writes the file and frees w.
 * Returns 0, or -1 with err set when anything failed since open.
 */
int xlsx_writer_close(struct xlsx_writer *w, struct error *err);

#endif
