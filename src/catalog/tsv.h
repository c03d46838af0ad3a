/* tsv.h: the tab-separated format of mamori's data files. */
#ifndef MAMORI_CATALOG_TSV_H
#define MAMORI_CATALOG_TSV_H

#include <stddef.h>

struct arena;
struct error;

/* One record: its line number in the file and its fields. */
struct tsv_row {
	size_t line;
	const char **fields; /* column_count entries, never NULL */
};

/*
 * A parsed file.  Comment lines (#…) and blank lines are skipped, the first
 * other line names the columns, and every later line is a row with exactly
 * as many fields.  All memory belongs to the arena given to tsv_parse().
 */
struct tsv {
	const char *name; /* file name, for messages */
	const char **columns;
	size_t column_count;
	struct tsv_row *rows;
	size_t row_count;
};

/*
 * Parses len bytes of data.  Refuses (ERROR_INPUT, the message naming the
 * file and line) invalid UTF-8, a NUL byte, a missing header, duplicate
 * column names and rows with the wrong number of fields.  A CR before LF
 * and a UTF-8 BOM are accepted.  Returns 0 or -1.
 */
int tsv_parse(struct arena *arena, const char *name, const char *data,
	      size_t len, struct tsv *out, struct error *err);

/* Returns the index of column name, or -1. */
int tsv_column(const struct tsv *t, const char *name);

/*
 * Looks up every name of the NULL-terminated list into idx[] (in order);
 * a missing column fails with ERROR_INPUT naming the file and the column.
 */
int tsv_require(const struct tsv *t, int *idx, const char *const *names,
		struct error *err);

/*
 * A field cannot hold a line break, so texts write it as the two
 * characters backslash and n; this turns them into line breaks in place.
 * The parsed strings belong to the arena and may be changed so.
 */
void tsv_unescape_newlines(char *s);

#endif
