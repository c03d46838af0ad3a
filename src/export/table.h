/* table.h: a format-neutral table of text cells, and its renderers. */
#ifndef MAMORI_EXPORT_TABLE_H
#define MAMORI_EXPORT_TABLE_H

#include <stddef.h>

struct arena;
struct error;
struct strbuf;

/*
 * Columns have a stable key (for JSON and scripts) and a header in the
 * reader's language.  Cells are borrowed strings that must outlive the
 * table; the table's own arrays come from the arena.
 */
struct table_column {
	const char *key;
	const char *header;
};

struct table {
	struct arena *arena;
	const struct table_column *columns;
	size_t column_count;
	const char ***rows;
	size_t row_count;
	size_t row_cap;
};

void table_init(struct table *t, struct arena *arena,
		const struct table_column *columns, size_t column_count);
/* Appends a row of column_count cells (NULL cells read as ""). */
void table_add_row(struct table *t, const char *const *cells);

enum table_format { TABLE_TEXT, TABLE_CSV, TABLE_JSON, TABLE_FORMAT_COUNT };

/* Returns 0 and sets *fmt for "table", "csv" or "json"; -1 otherwise. */
int table_format_parse(const char *name, enum table_format *fmt);

/*
 * Renders as aligned columns for a terminal: widths follow the display
 * width of Japanese text, cells wider than max_width are cut with "…".
 */
void table_render_text(const struct table *t, size_t max_width,
		       struct strbuf *out);

/* CSV options. */
enum csv_flags {
	CSV_BOM = 1 << 0, /* start with a UTF-8 BOM so Excel reads UTF-8 */
};

/*
 * Renders RFC 4180 CSV with CRLF line ends.  A cell that a spreadsheet
 * would run as a formula (starting with = + - @, TAB or CR, unless it is
 * a plain number) is prefixed with an apostrophe.
 */
void table_render_csv(const struct table *t, unsigned flags,
		      struct strbuf *out);
/*
 * Appends one CSV record of count cells, quoted and guarded as above,
 * with its CRLF: for writing a long table row by row without holding it.
 */
void table_csv_row(const char *const *cells, size_t count, struct strbuf *out);

/* Renders a JSON array of objects keyed by the column keys. */
void table_render_json(const struct table *t, struct strbuf *out);

#endif
