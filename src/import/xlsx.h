/*
 * xlsx.h: reading a worksheet of an Excel workbook (.xlsx: a ZIP archive
 * of XML parts) into an import table.  libzip and libxml2 are used in
 * xlsx.c only.
 */
#ifndef MAMORI_IMPORT_XLSX_H
#define MAMORI_IMPORT_XLSX_H

#include <stddef.h>

struct error;
struct import_table;

/*
 * Reads the worksheet named sheet (NULL: the first worksheet) of the
 * workbook in data into t: shared strings, inline strings, numbers (a
 * cell formatted as a date comes as YYYY-MM-DD), booleans and the cached
 * results of formulas.  t->sheets gets every worksheet's name.  No part
 * is read beyond what is left of IMPORT_EXPANDED_MAX, whatever its header
 * claims.  Fails with ERROR_INPUT for a damaged archive, a missing or
 * unknown sheet, XML that is not well-formed or declares a DTD, or a
 * workbook that expands beyond the limit.
 */
int import_xlsx_read(struct import_table *t, const char *data, size_t len,
		     const char *sheet, struct error *err);

#endif
