/* report.c: the report model, and its Markdown and HTML renderers. */
#include "util/compat.h"
#include "export/report.h"

#include <string.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

/* --- the model ----------------------------------------------------------- */

static const char *copy(struct report *r, const char *s)
{
	return s && *s ? arena_strdup(r->arena, s) : NULL;
}

struct report *report_new(struct arena *arena, const char *language)
{
	struct report *r = arena_calloc(arena, 1, sizeof(*r));

	r->arena = arena;
	r->language = arena_strdup(arena, language ? language : "ja");
	r->font = REPORT_SERIF;
	r->orientation = REPORT_PORTRAIT;
	return r;
}

void report_set_title(struct report *r, const char *title)
{
	r->title = copy(r, title);
}

void report_set_organisation(struct report *r, const char *organisation)
{
	r->organisation = copy(r, organisation);
}

void report_set_version(struct report *r, const char *version)
{
	r->version = copy(r, version);
}

void report_set_date(struct report *r, const char *date)
{
	r->date = copy(r, date);
}

void report_set_approval(struct report *r, const char *approver,
			 const char *approved_on)
{
	r->approver = copy(r, approver);
	r->approved_on = copy(r, approved_on);
}

void report_set_classification(struct report *r, const char *label)
{
	r->classification = copy(r, label);
}

void report_set_words(struct report *r, const struct report_words *w)
{
	r->words.cover = copy(r, w->cover);
	r->words.organisation = copy(r, w->organisation);
	r->words.version = copy(r, w->version);
	r->words.date = copy(r, w->date);
	r->words.approved = copy(r, w->approved);
	r->words.classification = copy(r, w->classification);
	r->words.sheets = copy(r, w->sheets);
}

void report_set_font(struct report *r, enum report_font font)
{
	r->font = font;
}

void report_set_orientation(struct report *r, enum report_orientation o)
{
	r->orientation = o;
}

void report_seal(struct report *r, const char *label, const char *name,
		 const char *date)
{
	struct report_seal *s;

	if (r->seal_count == REPORT_SEALS_MAX)
		BUG("more than %d seal boxes", REPORT_SEALS_MAX);
	s = &r->seals[r->seal_count++];
	s->label = arena_strdup(r->arena, label ? label : "");
	s->name = copy(r, name);
	s->date = copy(r, date);
}

static struct report_block *add_block(struct report *r,
				      enum report_block_kind kind)
{
	struct report_block *b = arena_calloc(r->arena, 1, sizeof(*b));

	b->kind = kind;
	if (r->last)
		r->last->next = b;
	else
		r->first = b;
	r->last = b;
	return b;
}

/* Appends a text of count spans (copied) to block b. */
static void add_text(struct report *r, struct report_block *b,
		     const struct report_span *spans, size_t count)
{
	struct report_text *t;
	size_t i;

	if (b->count == b->cap) {
		size_t cap = b->cap ? st_mult(b->cap, 2) : 8;
		struct report_text *grown =
			arena_alloc(r->arena, st_mult(cap, sizeof(*grown)));

		if (b->count)
			memcpy(grown, b->items, b->count * sizeof(*grown));
		b->items = grown;
		b->cap = cap;
	}
	t = &b->items[b->count++];
	t->count = count;
	t->spans = arena_alloc(r->arena,
			       st_mult(count ? count : 1, sizeof(*t->spans)));
	for (i = 0; i < count; i++) {
		t->spans[i].text = arena_strdup(
			r->arena, spans[i].text ? spans[i].text : "");
		t->spans[i].style = spans[i].style;
	}
}

void report_heading(struct report *r, int level, const char *text)
{
	struct report_block *b = add_block(r, REPORT_HEADING);
	struct report_span s = { text, 0 };

	if (level < 1 || level > 3)
		BUG("heading level %d", level);
	b->level = level;
	add_text(r, b, &s, 1);
}

void report_paragraph(struct report *r, const char *text)
{
	struct report_span s = { text, 0 };

	report_paragraph_spans(r, &s, 1);
}

void report_paragraph_spans(struct report *r, const struct report_span *spans,
			    size_t count)
{
	add_text(r, add_block(r, REPORT_PARAGRAPH), spans, count);
}

void report_list_begin(struct report *r, int ordered)
{
	add_block(r, REPORT_LIST)->ordered = ordered;
}

void report_item_spans(struct report *r, const struct report_span *spans,
		       size_t count)
{
	if (!r->last || r->last->kind != REPORT_LIST)
		BUG("list item outside a list");
	add_text(r, r->last, spans, count);
}

void report_list(struct report *r, int ordered, const char *const *items,
		 size_t count)
{
	size_t i;

	report_list_begin(r, ordered);
	for (i = 0; i < count; i++) {
		struct report_span s = { items[i], 0 };

		report_item_spans(r, &s, 1);
	}
}

struct report_table *report_table(struct report *r, const char *name,
				  const struct report_column *columns,
				  size_t count, unsigned flags)
{
	struct report_block *b;
	struct report_table *t;
	size_t i;

	if (!count)
		BUG("a table without columns");
	b = add_block(r, REPORT_TABLE);
	t = arena_calloc(r->arena, 1, sizeof(*t));
	t->report = r;
	t->name = arena_strdup(r->arena, name ? name : "");
	t->columns = arena_calloc(r->arena, count, sizeof(*t->columns));
	for (i = 0; i < count; i++) {
		t->columns[i] = columns[i];
		t->columns[i].key = arena_strdup(
			r->arena, columns[i].key ? columns[i].key : "");
		t->columns[i].header = arena_strdup(
			r->arena, columns[i].header ? columns[i].header : "");
	}
	t->column_count = count;
	t->flags = flags;
	b->table = t;
	r->table_count++;
	return t;
}

/* The next cell of the table: in the row being filled, or a new row. */
static struct report_cell *next_cell(struct report_table *t)
{
	struct arena *a = t->report->arena;

	if (!t->row_count || t->filled == t->column_count) {
		if (t->row_count == t->row_cap) {
			size_t cap = t->row_cap ? st_mult(t->row_cap, 2) : 32;
			struct report_cell **grown =
				arena_alloc(a, st_mult(cap, sizeof(*grown)));

			if (t->row_count)
				memcpy(grown, t->rows,
				       t->row_count * sizeof(*grown));
			t->rows = grown;
			t->row_cap = cap;
		}
		t->rows[t->row_count++] =
			arena_calloc(a, t->column_count, sizeof(**t->rows));
		t->filled = 0;
	}
	return &t->rows[t->row_count - 1][t->filled++];
}

void report_cell_text(struct report_table *t, const char *text)
{
	struct report_cell *c = next_cell(t);

	c->kind = REPORT_CELL_TEXT;
	c->text = arena_strdup(t->report->arena, text ? text : "");
}

void report_cell_number(struct report_table *t, double value, const char *shown)
{
	struct report_cell *c = next_cell(t);

	c->kind = REPORT_CELL_NUMBER;
	c->number = value;
	c->text = shown ? arena_strdup(t->report->arena, shown)
			: arena_printf(t->report->arena, "%g", value);
}

void report_cell_date(struct report_table *t, const char *iso)
{
	struct report_cell *c = next_cell(t);

	c->text = arena_strdup(t->report->arena, iso ? iso : "");
	c->kind = parse_date(c->text, &c->date) ? REPORT_CELL_TEXT
						: REPORT_CELL_DATE;
}

const struct report_table *report_table_at(const struct report *r, size_t i)
{
	const struct report_block *b;

	for (b = r->first; b; b = b->next)
		if (b->kind == REPORT_TABLE && !i--)
			return b->table;
	return NULL;
}

/* The cell of row r, column c; a row left short reads as empty cells. */
static const char *cell_text(const struct report_table *t, size_t r, size_t c)
{
	const char *s = t->rows[r][c].text;

	return s ? s : "";
}

/* Japanese text takes full-width punctuation around a label or an aside. */
static int is_ja(const struct report *r)
{
	return !strcmp(r->language, "ja");
}

/* "山田太郎（2026年11月23日）", or "Jane Doe (2026-11-23)". */
static const char *approval_text(const struct report *r)
{
	if (!r->approved_on)
		return r->approver;
	return arena_printf(r->arena, is_ja(r) ? "%s（%s）" : "%s (%s)",
			    r->approver, r->approved_on);
}

/* --- formats ------------------------------------------------------------- */

static const char *const format_names[REPORT_FORMAT_COUNT] = { "pdf", "xlsx",
							       "csv", "md",
							       "html" };

int report_format_parse(const char *name, enum report_format *f)
{
	int i = parse_name(format_names, REPORT_FORMAT_COUNT, name);

	if (i < 0)
		return -1;
	*f = (enum report_format)i;
	return 0;
}

const char *report_format_name(enum report_format f)
{
	if ((unsigned)f >= REPORT_FORMAT_COUNT)
		BUG("report format %d", (int)f);
	return format_names[f];
}

const char *report_format_mime(enum report_format f)
{
	switch (f) {
	case REPORT_FORMAT_PDF:
		return "application/pdf";
	case REPORT_FORMAT_XLSX:
		return "application/vnd.openxmlformats-officedocument."
		       "spreadsheetml.sheet";
	case REPORT_FORMAT_CSV:
		return "text/csv; charset=utf-8";
	case REPORT_FORMAT_MD:
		return "text/markdown; charset=utf-8";
	case REPORT_FORMAT_HTML:
		return "text/html; charset=utf-8";
	case REPORT_FORMAT_COUNT:
		break;
	}
	BUG("report format %d", (int)f);
}

int report_render(const struct report *r, enum report_format f,
		  struct strbuf *out, struct error *err)
{
	const struct report_table *t;

	switch (f) {
	case REPORT_FORMAT_PDF:
		return report_render_pdf_buf(r, out, err);
	case REPORT_FORMAT_XLSX:
		return report_render_xlsx_buf(r, out, err);
	case REPORT_FORMAT_CSV:
		t = report_table_at(r, 0);
		if (!t)
			return error_set(err, ERROR_INPUT, "report.no_table",
					 NULL);
		return report_render_csv(r, t, REPORT_UTF8, out, err);
	case REPORT_FORMAT_MD:
		report_render_md(r, out);
		return 0;
	case REPORT_FORMAT_HTML:
		report_render_html(r, out);
		return 0;
	case REPORT_FORMAT_COUNT:
		break;
	}
	BUG("report format %d", (int)f);
}

/* --- Markdown ------------------------------------------------------------ */

/*
 * Appends s so that Markdown reads it as text: the characters that make
 * inline markup anywhere are escaped, and at the start of a line also
 * those that start a block (a heading, a list item, a quote), so that
 * "3. 見直し" or "- 注" stay what they say.  Line breaks become spaces.
 */
static void md_escape(struct strbuf *out, const char *s, int line_start)
{
	const char *p = s;

	if (line_start) {
		while (*p >= '0' && *p <= '9')
			p++;
		if (p > s && (*p == '.' || *p == ')')) {
			strbuf_add(out, s, (size_t)(p - s));
			strbuf_addch(out, '\\');
			s = p;
		} else if (*s && strchr("#-+=>", *s)) {
			strbuf_addch(out, '\\');
		}
	}
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|~&", *s))
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

/* Appends s escaped, its line breaks as Markdown hard breaks. */
static void md_text(struct strbuf *out, const char *s, const char *indent,
		    int at_start)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = xmemdupz(s, len);

		md_escape(out, line, at_start);
		free(line);
		if (!nl)
			break;
		at_start = 1;
		/* A backslash before the newline: a hard break. */
		strbuf_addf(out, "\\\n%s", indent);
		s = nl + 1;
	}
}

static void md_spans(struct strbuf *out, const struct report_text *t,
		     const char *indent, int line_start)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		const struct report_span *s = &t->spans[i];

		if (!*s->text)
			continue;
		if (s->style & REPORT_STRONG)
			strbuf_addstr(out, "**");
		md_text(out, s->text, indent,
			line_start && !i && !(s->style & REPORT_STRONG));
		if (s->style & REPORT_STRONG)
			strbuf_addstr(out, "**");
	}
}

/* A cell: on one line, its pipes escaped. */
static void md_cell(struct strbuf *out, const char *s)
{
	strbuf_addch(out, ' ');
	md_escape(out, s, 0);
	strbuf_addstr(out, " |");
}

static void md_table(struct strbuf *out, const struct report_table *t)
{
	size_t r, c;

	strbuf_addch(out, '|');
	for (c = 0; c < t->column_count; c++)
		md_cell(out, t->columns[c].header);
	strbuf_addstr(out, "\n|");
	for (c = 0; c < t->column_count; c++) {
		switch (t->columns[c].align) {
		case REPORT_LEFT:
			strbuf_addstr(out, " --- |");
			break;
		case REPORT_CENTER:
			strbuf_addstr(out, " :-: |");
			break;
		case REPORT_RIGHT:
			strbuf_addstr(out, " --: |");
			break;
		}
	}
	strbuf_addch(out, '\n');
	for (r = 0; r < t->row_count; r++) {
		strbuf_addch(out, '|');
		for (c = 0; c < t->column_count; c++)
			md_cell(out, cell_text(t, r, c));
		strbuf_addch(out, '\n');
	}
}

/* Appends "label: value" as a line of the metadata, when there is one. */
static void md_meta(const struct report *r, struct strbuf *out,
		    const char *label, const char *value)
{
	if (!value)
		return;
	if (label) {
		md_escape(out, label, 1);
		strbuf_addstr(out, is_ja(r) ? "：" : ": ");
	}
	md_escape(out, value, !label);
	strbuf_addstr(out, "  \n");
}

void report_render_md(const struct report *r, struct strbuf *out)
{
	const struct report_block *b;
	size_t start = out->len, i;

	if (r->title) {
		strbuf_addstr(out, "# ");
		md_escape(out, r->title, 0);
		strbuf_addstr(out, "\n\n");
	}
	md_meta(r, out, r->words.organisation, r->organisation);
	md_meta(r, out, r->words.version, r->version);
	md_meta(r, out, r->words.date, r->date);
	if (r->approver)
		md_meta(r, out, r->words.approved, approval_text(r));
	md_meta(r, out, r->words.classification, r->classification);
	if (out->len > start) {
		strbuf_rtrim(out);
		strbuf_addstr(out, "\n\n");
	}
	for (b = r->first; b; b = b->next) {
		switch (b->kind) {
		case REPORT_HEADING:
			strbuf_addchars(out, '#', (size_t)b->level + 1);
			strbuf_addch(out, ' ');
			md_spans(out, &b->items[0], "", 0);
			break;
		case REPORT_PARAGRAPH:
			md_spans(out, &b->items[0], "", 1);
			break;
		case REPORT_LIST:
			for (i = 0; i < b->count; i++) {
				if (i)
					strbuf_addch(out, '\n');
				if (b->ordered) {
					strbuf_addf(out, "%zu. ", i + 1);
					md_spans(out, &b->items[i], "   ", 1);
				} else {
					strbuf_addstr(out, "- ");
					md_spans(out, &b->items[i], "  ", 1);
				}
			}
			break;
		case REPORT_TABLE:
			md_table(out, b->table);
			strbuf_rtrim(out);
			break;
		}
		strbuf_addstr(out, "\n\n");
	}
	strbuf_rtrim(out);
	strbuf_addch(out, '\n');
}

/* --- HTML ---------------------------------------------------------------- */

/* Element text and quoted attribute values alike. */
static void html_escape(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			strbuf_addstr(out, "&amp;");
			break;
		case '<':
			strbuf_addstr(out, "&lt;");
			break;
		case '>':
			strbuf_addstr(out, "&gt;");
			break;
		case '"':
			strbuf_addstr(out, "&quot;");
			break;
		case '\'':
			strbuf_addstr(out, "&#39;");
			break;
		default:
			strbuf_addch(out, *s);
		}
	}
}

/*
 * A CSS string's contents: ASCII other than letters, digits and spaces
 * as hexadecimal escapes, so that neither a quote nor "</style>" can end
 * it early; the rest of UTF-8 is safe as it is.
 */
static void css_string(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80 || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    c == ' ')
			strbuf_addch(out, *s);
		else
			strbuf_addf(out, "\\%x ", c);
	}
}

static void html_spans(struct strbuf *out, const struct report_text *t)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		const struct report_span *s = &t->spans[i];
		const char *p = s->text;

		if (s->style & REPORT_STRONG)
			strbuf_addstr(out, "<strong>");
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			char *line = xmemdupz(p, len);

			html_escape(out, line);
			free(line);
			if (!nl)
				break;
			strbuf_addstr(out, "<br>");
			p = nl + 1;
		}
		if (s->style & REPORT_STRONG)
			strbuf_addstr(out, "</strong>");
	}
}

static const char *align_class(enum report_align a)
{
	return a == REPORT_RIGHT    ? " class=\"r\""
	       : a == REPORT_CENTER ? " class=\"c\""
				    : "";
}

static void html_table(struct strbuf *out, const struct report_table *t)
{
	size_t r, c;

	strbuf_addstr(out, "<table class=\"grid");
	if (t->flags & REPORT_TABLE_LANDSCAPE)
		strbuf_addstr(out, " wide");
	strbuf_addstr(out, "\"><thead><tr>");
	for (c = 0; c < t->column_count; c++) {
		strbuf_addf(out, "<th scope=\"col\"%s>",
			    align_class(t->columns[c].align));
		html_escape(out, t->columns[c].header);
		strbuf_addstr(out, "</th>");
	}
	strbuf_addstr(out, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < t->row_count; r++) {
		strbuf_addstr(out, "<tr>");
		for (c = 0; c < t->column_count; c++) {
			strbuf_addf(out, "<td%s>",
				    align_class(t->columns[c].align));
			html_escape(out, cell_text(t, r, c));
			strbuf_addstr(out, "</td>");
		}
		strbuf_addstr(out, "</tr>\n");
	}
	strbuf_addstr(out, "</tbody></table>\n");
}

static void html_meta(struct strbuf *out, const char *label, const char *value)
{
	if (!value)
		return;
	strbuf_addstr(out, "<div><dt>");
	html_escape(out, label ? label : "");
	strbuf_addstr(out, "</dt><dd>");
	html_escape(out, value);
	strbuf_addstr(out, "</dd></div>");
}

/* The style of the page: A4 with mm margins, as the PDF is laid out. */
static void html_style(const struct report *r, struct strbuf *out)
{
	strbuf_addf(out,
		    "<style>\n"
		    "@page { size: A4 %s; margin: 16mm 15mm 18mm;\n"
		    "  @bottom-right { content: counter(page) \" / \" "
		    "counter(pages); font-size: 8pt; }\n",
		    r->orientation == REPORT_LANDSCAPE ? "landscape"
						       : "portrait");
	if (r->classification) {
		strbuf_addstr(out, "  @bottom-center { content: \"");
		css_string(out, r->classification);
		strbuf_addstr(out, "\"; font-size: 8pt; }\n  @top-right { "
				   "content: \"");
		css_string(out, r->classification);
		strbuf_addstr(out, "\"; font-size: 8pt; }\n");
	}
	if (r->organisation) {
		strbuf_addstr(out, "  @top-left { content: \"");
		css_string(out, r->organisation);
		strbuf_addstr(out, "\"; font-size: 8pt; }\n");
	}
	strbuf_addf(
		out,
		"}\n"
		"@page wide { size: A4 landscape; }\n"
		"table.wide { page: wide; }\n"
		"html { font-family: %s; font-size: 10.5pt; "
		"line-height: 1.7; color: #111; }\n"
		"body { margin: 0 auto; max-width: %s; }\n"
		"h1 { font-size: 18pt; text-align: center; margin: 8mm 0 2mm; "
		"font-family: \"Noto Sans CJK JP\", sans-serif; }\n"
		"h2, h3, h4 { font-family: \"Noto Sans CJK JP\", sans-serif; "
		"break-after: avoid; }\n"
		"h2 { font-size: 13pt; border-bottom: 0.5pt solid #555; }\n"
		"h3 { font-size: 11.5pt; } h4 { font-size: 10.5pt; }\n"
		"p, li { text-align: justify; line-break: strict; }\n"
		".meta { display: flex; flex-wrap: wrap; justify-content: "
		"center; gap: 0 6mm; margin: 0 0 8mm; font-size: 9pt; }\n"
		".meta dt { display: inline; color: #555; }\n"
		".meta dt::after { content: \"%s\"; }\n"
		".meta dd { display: inline; margin: 0; }\n"
		".seals { float: right; border-collapse: collapse; "
		"margin: 0 0 4mm 4mm; }\n"
		".seals th, .seals td { border: 0.75pt solid #333; width: "
		"20mm; text-align: center; font-size: 8pt; font-weight: "
		"normal; }\n"
		".seals td { height: 20mm; color: #b7282e; }\n"
		"header.doc { clear: both; }\n"
		"table.grid { border-collapse: collapse; width: 100%%; "
		"font-family: \"Noto Sans CJK JP\", sans-serif; font-size: "
		"8pt; line-height: 1.35; margin: 2mm 0 6mm; }\n"
		"table.grid th, table.grid td { border: 0.5pt solid #888; "
		"padding: 1mm 1.2mm; vertical-align: top; }\n"
		"table.grid th { background: #e9ecef; text-align: left; }\n"
		"table.grid .r { text-align: right; } table.grid .c { "
		"text-align: center; }\n"
		"thead { display: table-header-group; }\n"
		"tr { break-inside: avoid; }\n"
		"@media screen { body { padding: 10mm; } }\n"
		"</style>\n",
		r->font == REPORT_SERIF ? "\"Noto Serif CJK JP\", serif"
					: "\"Noto Sans CJK JP\", sans-serif",
		r->orientation == REPORT_LANDSCAPE ? "267mm" : "180mm",
		is_ja(r) ? "：" : ": ");
}

void report_render_html(const struct report *r, struct strbuf *out)
{
	const struct report_block *b;
	size_t i;

	strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"");
	html_escape(out, r->language);
	strbuf_addstr(out, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_escape(out, r->title ? r->title : "");
	strbuf_addstr(out, "</title>\n");
	html_style(r, out);
	strbuf_addstr(out, "</head>\n<body>\n");
	if (r->seal_count) {
		strbuf_addstr(out, "<table class=\"seals\"><tr>");
		for (i = 0; i < r->seal_count; i++) {
			strbuf_addstr(out, "<th scope=\"col\">");
			html_escape(out, r->seals[i].label);
			strbuf_addstr(out, "</th>");
		}
		strbuf_addstr(out, "</tr><tr>");
		for (i = 0; i < r->seal_count; i++) {
			const struct report_seal *s = &r->seals[i];

			strbuf_addstr(out, "<td>");
			if (s->date) {
				html_escape(out, s->date);
				strbuf_addstr(out, "<br>");
			}
			if (s->name)
				html_escape(out, s->name);
			strbuf_addstr(out, "</td>");
		}
		strbuf_addstr(out, "</tr></table>\n");
	}
	strbuf_addstr(out, "<header class=\"doc\">\n<h1>");
	html_escape(out, r->title ? r->title : "");
	strbuf_addstr(out, "</h1>\n<dl class=\"meta\">");
	html_meta(out, r->words.organisation, r->organisation);
	html_meta(out, r->words.version, r->version);
	html_meta(out, r->words.date, r->date);
	if (r->approver)
		html_meta(out, r->words.approved, approval_text(r));
	html_meta(out, r->words.classification, r->classification);
	strbuf_addstr(out, "</dl>\n</header>\n<main>\n");
	for (b = r->first; b; b = b->next) {
		switch (b->kind) {
		case REPORT_HEADING:
			strbuf_addf(out, "<h%d>", b->level + 1);
			html_spans(out, &b->items[0]);
			strbuf_addf(out, "</h%d>\n", b->level + 1);
			break;
		case REPORT_PARAGRAPH:
			strbuf_addstr(out, "<p>");
			html_spans(out, &b->items[0]);
			strbuf_addstr(out, "</p>\n");
			break;
		case REPORT_LIST:
			strbuf_addstr(out, b->ordered ? "<ol>\n" : "<ul>\n");
			for (i = 0; i < b->count; i++) {
				strbuf_addstr(out, "<li>");
				html_spans(out, &b->items[i]);
				strbuf_addstr(out, "</li>\n");
			}
			strbuf_addstr(out, b->ordered ? "</ol>\n" : "</ul>\n");
			break;
		case REPORT_TABLE:
			html_table(out, b->table);
			break;
		}
	}
	strbuf_addstr(out, "</main>\n</body>\n</html>\n");
}
