/*
 * table.h: a read-only table of text cells from the bytes of a file: CSV
 * (UTF-8 with or without a BOM, or Shift_JIS as Excel saves it on
 * Japanese Windows; comma or tab separated) or an Excel workbook (.xlsx,
 * its first worksheet or a named one).  Rows keep the numbers a
 * spreadsheet shows, so a problem can name the row the user sees.  The
 * reading is bounded: files, expanded workbook parts, rows and columns
 * have limits, and going over one is an error, never a crash.
 */
#ifndef MAMORI_IMPORT_TABLE_H
#define MAMORI_IMPORT_TABLE_H

#include <stddef.h>

#include "util/arena.h"

struct error;

enum import_format { IMPORT_CSV, IMPORT_XLSX };

/* How a CSV file's text was encoded. */
enum import_charset { IMPORT_UTF8, IMPORT_UTF8_BOM, IMPORT_SHIFT_JIS };

enum {
	IMPORT_FILE_MAX = 50 * 1024 * 1024,	 /* bytes of the file */
	IMPORT_EXPANDED_MAX = 200 * 1024 * 1024, /* bytes unzipped, in all */
	IMPORT_ROWS_MAX = 1000000,		 /* rows that hold something */
	IMPORT_COLUMNS_MAX = 1000, /* cells further right are not read */
};

/* A row that holds something; trailing empty cells are left off. */
struct import_row {
	size_t row_no; /* 1-based, as the spreadsheet numbers it */
	const char **cells;
	size_t count;
};

struct import_table {
	struct arena arena;	 /* every string and array of the table */
	struct import_row *rows; /* in file order; empty rows left out */
	size_t count, cap;
	enum import_format format;
	enum import_charset charset; /* CSV only */
	char separator;		     /* CSV only: ',' or '\t' */
	const char *sheet;	     /* XLSX only: the sheet read */
	const char **sheets;	     /* XLSX only: every worksheet's name */
	size_t sheet_count;
};

/*
 * Reads the len bytes of data as a CSV file or an Excel workbook, telling
 * them apart by their first bytes.  sheet names the worksheet to read
 * (NULL: the first).  On success *out is a table the caller frees with
 * import_table_free().  Fails with ERROR_INPUT for a file over
 * IMPORT_FILE_MAX, an empty file, an old .xls workbook, UTF-16 text, text
 * in neither UTF-8 nor Shift_JIS, a damaged or bomb-like workbook, more
 * than IMPORT_ROWS_MAX rows, or anything else that is no table at all.
 */
int import_table_read(const char *data, size_t len, const char *sheet,
		      struct import_table **out, struct error *err);
void import_table_free(struct import_table *t);

/*
 * For the readers: appends row row_no of count cells (strings from
 * t->arena, or literals) unless every cell is empty.  Fails with
 * ERROR_INPUT beyond IMPORT_ROWS_MAX rows.
 */
int import_table_add_row(struct import_table *t, size_t row_no,
			 const char *const *cells, size_t count,
			 struct error *err);

#endif
