/* table.c: the table model and its text and CSV renderers. */
#include "util/compat.h"
#include "export/table.h"

#include <string.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"

void table_init(struct table *t, struct arena *arena,
		const struct table_column *columns, size_t column_count)
{
	memset(t, 0, sizeof(*t));
	t->arena = arena;
	t->columns = columns;
	t->column_count = column_count;
}

void table_add_row(struct table *t, const char *const *cells)
{
	const char **row;
	size_t i;

	if (t->row_count == t->row_cap) {
		size_t cap = t->row_cap ? st_mult(t->row_cap, 2) : 32;
		const char ***grown =
			arena_alloc(t->arena, st_mult(cap, sizeof(*grown)));

		if (t->row_count)
			memcpy(grown, t->rows, t->row_count * sizeof(*grown));
		t->rows = grown;
		t->row_cap = cap;
	}
	row = arena_alloc(t->arena, st_mult(t->column_count, sizeof(*row)));
	for (i = 0; i < t->column_count; i++)
		row[i] = cells[i] ? cells[i] : "";
	t->rows[t->row_count++] = row;
}

int table_format_parse(const char *name, enum table_format *fmt)
{
	static const char *const names[TABLE_FORMAT_COUNT] = { "table", "csv",
							       "json" };
	int i = parse_name(names, TABLE_FORMAT_COUNT, name);

	if (i < 0)
		return -1;
	*fmt = (enum table_format)i;
	return 0;
}

/* Display width of s, limited to max (where "…" takes one column). */
static size_t cell_width(const char *s, size_t max)
{
	size_t w = utf8_width(s, strlen(s));

	return w > max ? max : w;
}

/* Appends s padded or cut to exactly width columns. */
static void add_cell(struct strbuf *out, const char *s, size_t width)
{
	size_t i = 0, len = strlen(s), used = 0;
	size_t full = utf8_width(s, len);

	if (full <= width) {
		strbuf_addstr(out, s);
		strbuf_addchars(out, ' ', width - full);
		return;
	}
	/* Keep whole characters while they fit in width - 1, then "…". */
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t w = n ? (size_t)utf8_cp_width(cp) : 1;

		if (!n)
			n = 1;
		if (used + w > width - 1)
			break;
		strbuf_add(out, s + i, n);
		used += w;
		i += n;
	}
	strbuf_addstr(out, "…");
	strbuf_addchars(out, ' ', width - 1 - used);
}

void table_render_text(const struct table *t, size_t max_width,
		       struct strbuf *out)
{
	size_t *widths = xcalloc(t->column_count, sizeof(*widths));
	size_t c, r;

	if (max_width < 2)
		max_width = 2;
	for (c = 0; c < t->column_count; c++) {
		widths[c] = cell_width(t->columns[c].header, max_width);
		for (r = 0; r < t->row_count; r++) {
			size_t w = cell_width(t->rows[r][c], max_width);

			if (w > widths[c])
				widths[c] = w;
		}
	}
	for (c = 0; c < t->column_count; c++) {
		if (c)
			strbuf_addstr(out, "  ");
		add_cell(out, t->columns[c].header, widths[c]);
	}
	strbuf_rtrim(out);
	strbuf_addch(out, '\n');
	for (c = 0; c < t->column_count; c++) {
		if (c)
			strbuf_addstr(out, "  ");
		strbuf_addchars(out, '-', widths[c]);
	}
	strbuf_addch(out, '\n');
	for (r = 0; r < t->row_count; r++) {
		for (c = 0; c < t->column_count; c++) {
			if (c)
				strbuf_addstr(out, "  ");
			add_cell(out, t->rows[r][c], widths[c]);
		}
		strbuf_rtrim(out);
		strbuf_addch(out, '\n');
	}
	free(widths);
}

/* Returns 1 when s is a plain decimal number such as -1 or 3.5. */
static int is_number(const char *s)
{
	int digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s != '.')
			return 0;
	}
	return digits > 0;
}

static void add_csv_cell(struct strbuf *out, const char *s)
{
	int formula = strchr("=+-@\t\r", *s) && *s && !is_number(s);

	if (!formula && !strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	if (formula)
		strbuf_addch(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, *s);
	}
	strbuf_addch(out, '"');
}

void table_csv_row(const char *const *cells, size_t count, struct strbuf *out)
{
	size_t c;

	for (c = 0; c < count; c++) {
		if (c)
			strbuf_addch(out, ',');
		add_csv_cell(out, cells[c] ? cells[c] : "");
	}
	strbuf_addstr(out, "\r\n");
}

void table_render_csv(const struct table *t, unsigned flags, struct strbuf *out)
{
	size_t c, r;

	if (flags & CSV_BOM)
		strbuf_addstr(out, "\xef\xbb\xbf");
	for (c = 0; c < t->column_count; c++) {
		if (c)
			strbuf_addch(out, ',');
		add_csv_cell(out, t->columns[c].header);
	}
	strbuf_addstr(out, "\r\n");
	for (r = 0; r < t->row_count; r++)
		table_csv_row(t->rows[r], t->column_count, out);
}
