/*
 * report_pdf.c: a report as a PDF on A4 paper, with cairo and pango; the
 * only file that includes their headers.
 *
 * The document is laid out twice: once to count the pages (for "page /
 * pages" in every foot) and once to draw them.  Each pass goes through
 * the blocks in order and draws a page at a time, a layout being built,
 * drawn and reused line by line, so memory does not grow with the length
 * of a table: cairo writes each page out when it is finished.
 */
#include "util/compat.h"
#include "export/report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Millimetres to points. */
#define MM(x) ((x)*72.0 / 25.4)

#define SANS  "Noto Sans CJK JP"
#define SERIF "Noto Serif CJK JP"

/* The fonts of the parts of a page. */
enum face {
	FACE_BODY,
	FACE_BODY_BOLD,
	FACE_TITLE,
	FACE_H1,
	FACE_H2,
	FACE_H3,
	FACE_META,
	FACE_RUNNING,
	FACE_MARK,
	FACE_CELL,
	FACE_CELL_BOLD,
	FACE_SEAL,
	FACE_STAMP,
	FACE_COUNT
};

/* Family (0 sans, 1 the body's), weight bold, size in points. */
static const struct {
	int body_family;
	int bold;
	double size;
} faces[FACE_COUNT] = {
	[FACE_BODY] = { 1, 0, 10.5 },	[FACE_BODY_BOLD] = { 1, 1, 10.5 },
	[FACE_TITLE] = { 1, 1, 18 },	[FACE_H1] = { 0, 1, 13 },
	[FACE_H2] = { 0, 1, 11.5 },	[FACE_H3] = { 0, 1, 10.5 },
	[FACE_META] = { 0, 0, 9 },	[FACE_RUNNING] = { 0, 0, 7.5 },
	[FACE_MARK] = { 0, 1, 9 },	[FACE_CELL] = { 0, 0, 8 },
	[FACE_CELL_BOLD] = { 0, 1, 8 }, [FACE_SEAL] = { 0, 0, 7.5 },
	[FACE_STAMP] = { 0, 0, 6 },
};

/* Page furniture, in points. */
static const double margin_x = MM(15), margin_top = MM(10),
		    margin_bottom = MM(10), head_h = MM(10), foot_h = MM(10),
		    cell_pad_x = 3, cell_pad_y = 2.2, seal_w = MM(20),
		    seal_label_h = MM(5), seal_h = MM(20), rule = 0.5;

/* Ink: body text, muted text, rules, the table header, the seal's red. */
static const double ink[3] = { 0.07, 0.07, 0.07 },
		    muted[3] = { 0.33, 0.33, 0.33 },
		    line_ink[3] = { 0.45, 0.45, 0.45 },
		    head_fill[3] = { 0.91, 0.925, 0.94 },
		    vermilion[3] = { 0.78, 0.09, 0.11 };

/*
 * One table being drawn: its columns, and a layout per column for the
 * rows and another for the header (which a row continued on the next
 * page draws while its own cells are still laid out).
 */
struct tbl {
	const struct report_table *t;
	double *x; /* column edges, column_count + 1 */
	PangoLayout **cells;
	PangoLayout **head;
	int *heights; /* the cells' heights, Pango units: rows, then header */
};

struct pdf {
	const struct report *r;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts; /* this rendering's own, freed with it */
	PangoContext *pc;
	PangoLayout *layout; /* prose, reused */
	PangoLayout *mark;   /* a list item's bullet or number */
	/*
	 * Single lines: the running head and foot, the seal boxes.  Apart
	 * from the prose's layout because a page break in the middle of a
	 * paragraph draws the next page's furniture while the paragraph is
	 * still laid out in p->layout.
	 */
	PangoLayout *line;
	PangoFontDescription *font[FACE_COUNT];
	struct strbuf text; /* the text being laid out */
	int drawing;	    /* 0: counting pages; 1: drawing */
	int page;	    /* the current page, from 1 */
	int pages;	    /* how many there are (drawing) */
	int landscape;	    /* the current page's orientation */
	int want_landscape; /* the next page's */
	double w, h;	    /* the current page's size */
	double left, right, top, bottom;
	double y;	      /* where the next thing goes */
	struct tbl *table;    /* whose header a new page repeats */
	double rows_top;      /* y below that header on this page */
	const char *meta_sep; /* between a label and its value */
};

/* --- Japanese line breaking -------------------------------------------- */

/*
 * Characters that must not start a line (行頭禁則): closing brackets and
 * quotes, the punctuation that ends a clause or sentence, the iteration
 * marks, the long vowel mark and the small kana.  Pango follows Unicode's
 * line breaking, which lets small kana and ー start a line and, when a
 * run is too long for the line, breaks anywhere, so the rules are
 * enforced here by forbidding those breaks.
 */
static int no_line_start(uint32_t c)
{
	static const char set[] =
		"、。，．・：；？！゛゜ヽヾゝゞ々〻ー‐゠–〜～"
		"）］｝〕〉》」』】〙〗〟’”｠»"
		"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
		"…‥％),.:;!?]}%";
	const char *p = set;

	if (c >= 0x31F0 && c <= 0x31FF) /* small katakana for Ainu */
		return 1;
	while (*p) {
		uint32_t s;
		size_t n = utf8_decode(p, strlen(p), &s);

		if (s == c)
			return 1;
		p += n ? n : 1;
	}
	return 0;
}

/* Characters that must not end a line (行末禁則): opening brackets. */
static int no_line_end(uint32_t c)
{
	static const char set[] = "（［｛〔〈《「『【〘〖〝‘“｟«([{";
	const char *p = set;

	while (*p) {
		uint32_t s;
		size_t n = utf8_decode(p, strlen(p), &s);

		if (s == c)
			return 1;
		p += n ? n : 1;
	}
	return 0;
}

/*
 * Adds to attrs a "no break" range over every pair of characters that
 * the rules keep together; neighbouring ranges are merged.
 */
static void keep_together(const char *s, size_t len, PangoAttrList *attrs)
{
	size_t i = 0, prev = 0;
	uint32_t prev_cp = 0;
	size_t open_start = 0, open_end = 0;
	int have_prev = 0, open = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (!n) {
			n = 1;
			cp = 0xFFFD;
		}
		if (have_prev && (no_line_start(cp) || no_line_end(prev_cp))) {
			/*
			 * Merged only when the ranges overlap: pango keeps
			 * the break at a range's edges, and a range merely
			 * touching the last one must keep that break.
			 */
			if (open && prev < open_end) {
				open_end = i + n;
			} else {
				if (open) {
					PangoAttribute *a =
						pango_attr_allow_breaks_new(
							FALSE);

					a->start_index = (guint)open_start;
					a->end_index = (guint)open_end;
					pango_attr_list_insert(attrs, a);
				}
				open = 1;
				open_start = prev;
				open_end = i + n;
			}
		}
		have_prev = 1;
		prev = i;
		prev_cp = cp;
		i += n;
	}
	if (open) {
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);

		a->start_index = (guint)open_start;
		a->end_index = (guint)open_end;
		pango_attr_list_insert(attrs, a);
	}
}

/* --- text ---------------------------------------------------------------- */

/*
 * Lays out count spans in l: face for plain spans, bold for strong ones,
 * width points wide (0: unbounded, on one line), lines spaced by spacing.
 */
static void set_spans(struct pdf *p, PangoLayout *l,
		      const struct report_span *spans, size_t count,
		      enum face face, enum face bold, double width,
		      double spacing, PangoAlignment align)
{
	PangoAttrList *attrs = pango_attr_list_new();
	size_t i;

	strbuf_reset(&p->text);
	for (i = 0; i < count; i++) {
		size_t start = p->text.len;

		strbuf_addstr(&p->text, spans[i].text);
		if ((spans[i].style & REPORT_STRONG) && p->text.len > start) {
			PangoAttribute *a =
				pango_attr_font_desc_new(p->font[bold]);

			a->start_index = (guint)start;
			a->end_index = (guint)p->text.len;
			pango_attr_list_insert(attrs, a);
		}
	}
	keep_together(p->text.buf, p->text.len, attrs);
	pango_layout_set_font_description(l, p->font[face]);
	pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_line_spacing(l, (float)spacing);
	pango_layout_set_text(l, p->text.buf, (int)p->text.len);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
}

static void set_plain(struct pdf *p, PangoLayout *l, const char *text,
		      enum face face, double width, double spacing,
		      PangoAlignment align)
{
	struct report_span s = { text, 0 };

	set_spans(p, l, &s, 1, face, face, width, spacing, align);
}

/* The height of l in points. */
static double height_of(PangoLayout *l)
{
	PangoRectangle log;

	pango_layout_get_extents(l, NULL, &log);
	return (double)log.height / PANGO_SCALE;
}

/* About one line of body text: Noto's line is 1.45 em, spaced 1.7. */
static double body_line(void)
{
	return faces[FACE_BODY].size * 1.45 * 1.7;
}

static double width_of(PangoLayout *l)
{
	PangoRectangle log;

	pango_layout_get_extents(l, NULL, &log);
	return (double)log.width / PANGO_SCALE;
}

static void colour(struct pdf *p, const double c[3])
{
	cairo_set_source_rgb(p->cr, c[0], c[1], c[2]);
}

/*
 * Draws the lines of l whose top lies in [from, to) (Pango units of the
 * layout) with the layout's point `from` at page position (x, y).
 * Returns the layout y where drawing stopped: the top of the first line
 * not drawn, or the layout's height.
 */
static int draw_lines(struct pdf *p, PangoLayout *l, double x, double y,
		      int from, int to)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int end = from;

	do {
		int y0, y1;
		PangoRectangle log;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if (y0 < from)
			continue;
		if (y1 > to) {
			end = y0;
			break;
		}
		end = y1;
		if (!p->drawing)
			continue;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		cairo_move_to(p->cr, x + (double)log.x / PANGO_SCALE,
			      y + (double)(pango_layout_iter_get_baseline(it) -
					   from) /
					      PANGO_SCALE);
		pango_cairo_show_layout_line(
			p->cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return end;
}

/* --- pages --------------------------------------------------------------- */

static void page_size(int landscape, double *w, double *h)
{
	*w = landscape ? MM(297) : MM(210);
	*h = landscape ? MM(210) : MM(297);
}

/* A text on one line at (x, baseline-less top y), aligned to x. */
static double text_at(struct pdf *p, const char *s, enum face face, double x,
		      double y, PangoAlignment align, double max_width)
{
	double w;

	set_plain(p, p->line, s, face, 0, 1.0, PANGO_ALIGN_LEFT);
	if (max_width > 0) {
		pango_layout_set_width(p->line, (int)(max_width * PANGO_SCALE));
		pango_layout_set_ellipsize(p->line, PANGO_ELLIPSIZE_END);
	}
	w = width_of(p->line);
	if (align == PANGO_ALIGN_RIGHT)
		x -= w;
	else if (align == PANGO_ALIGN_CENTER)
		x -= w / 2;
	if (p->drawing) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, p->line);
	}
	pango_layout_set_ellipsize(p->line, PANGO_ELLIPSIZE_NONE);
	return w;
}

/* The running head and foot of the current page. */
static void furniture(struct pdf *p)
{
	const struct report *r = p->r;
	double foot = p->bottom + MM(3), third = (p->right - p->left) / 3;

	if (!p->drawing)
		return;
	colour(p, muted);
	if (r->organisation)
		text_at(p, r->organisation, FACE_RUNNING, p->left,
			margin_top + 1, PANGO_ALIGN_LEFT, third * 2);
	if (r->classification) {
		/* The classification boxed, top right: seen first. */
		double w;

		colour(p, vermilion);
		w = text_at(p, r->classification, FACE_MARK, p->right - 4,
			    margin_top - 1, PANGO_ALIGN_RIGHT, 0);
		cairo_set_line_width(p->cr, 0.8);
		cairo_rectangle(p->cr, p->right - w - 8, margin_top - 3, w + 8,
				height_of(p->line) + 4);
		cairo_stroke(p->cr);
	}
	colour(p, line_ink);
	cairo_set_line_width(p->cr, rule);
	cairo_move_to(p->cr, p->left, p->top - MM(3));
	cairo_line_to(p->cr, p->right, p->top - MM(3));
	cairo_move_to(p->cr, p->left, p->bottom + MM(1.5));
	cairo_line_to(p->cr, p->right, p->bottom + MM(1.5));
	cairo_stroke(p->cr);
	colour(p, muted);
	if (r->title) {
		const char *t = r->version ? arena_printf(r->arena, "%s　%s",
							  r->title, r->version)
					   : r->title;

		text_at(p, t, FACE_RUNNING, p->left, foot, PANGO_ALIGN_LEFT,
			third);
	}
	if (r->classification)
		text_at(p, r->classification, FACE_RUNNING,
			(p->left + p->right) / 2, foot, PANGO_ALIGN_CENTER,
			third);
	text_at(p, arena_printf(r->arena, "%d / %d", p->page, p->pages),
		FACE_RUNNING, p->right, foot, PANGO_ALIGN_RIGHT, 0);
	colour(p, ink);
}

static void table_header(struct pdf *p, struct tbl *tb);

/* Ends the current page (if any) and starts the next. */
static void new_page(struct pdf *p)
{
	if (p->page && p->drawing)
		cairo_show_page(p->cr);
	p->page++;
	p->landscape = p->want_landscape;
	page_size(p->landscape, &p->w, &p->h);
	if (p->drawing)
		cairo_pdf_surface_set_size(p->surface, p->w, p->h);
	p->left = margin_x;
	p->right = p->w - margin_x;
	p->top = margin_top + head_h;
	p->bottom = p->h - margin_bottom - foot_h;
	p->y = p->top;
	furniture(p);
	p->rows_top = p->y;
	if (p->table) {
		table_header(p, p->table);
		p->rows_top = p->y;
	}
}

/* Starts a new page unless h points fit below y (or the page is new). */
static void need(struct pdf *p, double h)
{
	if (p->y + h > p->bottom && p->y > p->rows_top + 0.01)
		new_page(p);
}

/*
 * Draws l at x, continuing on new pages between its lines where it does
 * not fit; advances y.
 */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
	int total = (int)(height_of(l) * PANGO_SCALE), from = 0;

	for (;;) {
		int room = (int)((p->bottom - p->y) * PANGO_SCALE);
		int end = draw_lines(p, l, x, p->y, from, from + room);

		if (end == from && p->y <= p->rows_top + 0.01) {
			/* A line taller than a page: draw it anyway. */
			end = draw_lines(p, l, x, p->y, from, from + total);
		}
		p->y += (double)(end - from) / PANGO_SCALE;
		from = end;
		if (from >= total)
			break;
		new_page(p);
	}
}

/* --- the first page's title block and seal boxes ------------------------- */

/* A 日付印 (date stamp) in a seal box: a red ring, the label, date, name. */
static void stamp(struct pdf *p, const struct report_seal *s, double cx,
		  double cy)
{
	/* The chords at ±band cut the ring 2·√(8² − 2.6²) ≈ 15.1 mm wide. */
	const double rad = MM(8), band = MM(2.6), chord = MM(15.1) - 4;
	char date[32];
	size_t i, n = 0;

	cairo_save(p->cr);
	colour(p, vermilion);
	cairo_set_line_width(p->cr, 0.9);
	/* Not joined to where the last text left the current point. */
	cairo_new_path(p->cr);
	cairo_arc(p->cr, cx, cy, rad, 0, 2 * G_PI);
	cairo_stroke(p->cr);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, cx - chord / 2 - 2, cy - band);
	cairo_line_to(p->cr, cx + chord / 2 + 2, cy - band);
	cairo_move_to(p->cr, cx - chord / 2 - 2, cy + band);
	cairo_line_to(p->cr, cx + chord / 2 + 2, cy + band);
	cairo_stroke(p->cr);
	/* "2025-01-02" as a stamp has it: "2025.01.02". */
	for (i = 0; s->date && s->date[i] && n + 1 < sizeof(date); i++)
		date[n++] = s->date[i] == '-' ? '.' : s->date[i];
	date[n] = '\0';
	set_plain(p, p->layout, s->label, FACE_STAMP, 0, 1.0, PANGO_ALIGN_LEFT);
	text_at(p, s->label, FACE_STAMP, cx,
		cy - band - 1.5 - height_of(p->layout), PANGO_ALIGN_CENTER,
		chord);
	set_plain(p, p->layout, date, FACE_STAMP, 0, 1.0, PANGO_ALIGN_LEFT);
	text_at(p, date, FACE_STAMP, cx, cy - height_of(p->layout) / 2,
		PANGO_ALIGN_CENTER, chord + 4);
	text_at(p, s->name, FACE_STAMP, cx, cy + band + 1, PANGO_ALIGN_CENTER,
		chord - 2);
	cairo_restore(p->cr);
}

static void seal_boxes(struct pdf *p)
{
	const struct report *r = p->r;
	double x0 = p->right - seal_w * (double)r->seal_count, y0 = p->y;
	size_t i;

	if (!r->seal_count)
		return;
	if (p->drawing) {
		colour(p, ink);
		cairo_set_line_width(p->cr, 0.75);
		cairo_rectangle(p->cr, x0, y0, seal_w * (double)r->seal_count,
				seal_label_h + seal_h);
		for (i = 1; i < r->seal_count; i++) {
			cairo_move_to(p->cr, x0 + seal_w * (double)i, y0);
			cairo_line_to(p->cr, x0 + seal_w * (double)i,
				      y0 + seal_label_h + seal_h);
		}
		cairo_move_to(p->cr, x0, y0 + seal_label_h);
		cairo_line_to(p->cr, p->right, y0 + seal_label_h);
		cairo_stroke(p->cr);
	}
	for (i = 0; i < r->seal_count; i++) {
		const struct report_seal *s = &r->seals[i];
		double cx = x0 + seal_w * ((double)i + 0.5);

		set_plain(p, p->layout, s->label, FACE_SEAL, 0, 1.0,
			  PANGO_ALIGN_LEFT);
		text_at(p, s->label, FACE_SEAL, cx,
			y0 + (seal_label_h - height_of(p->layout)) / 2,
			PANGO_ALIGN_CENTER, seal_w - 4);
		if (s->name && p->drawing)
			stamp(p, s, cx, y0 + seal_label_h + seal_h / 2);
	}
	p->y = y0 + seal_label_h + seal_h + MM(4);
}

/* The line of metadata under the title: "版：第3版　作成日：…". */
static void meta_line(struct pdf *p)
{
	const struct report *r = p->r;
	const struct {
		const char *label, *value;
	} items[] = {
		{ r->words.version, r->version },
		{ r->words.date, r->date },
		{ r->words.approved,
		  r->approver
			  ? (r->approved_on
				     ? arena_printf(r->arena, "%s（%s）",
						    r->approver, r->approved_on)
				     : r->approver)
			  : NULL },
	};
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(items); i++) {
		if (!items[i].value)
			continue;
		if (line.len)
			strbuf_addstr(&line, "　　");
		if (items[i].label)
			strbuf_addf(&line, "%s%s", items[i].label, p->meta_sep);
		strbuf_addstr(&line, items[i].value);
	}
	if (r->organisation) {
		set_plain(p, p->layout, r->organisation, FACE_META,
			  p->right - p->left, 1.3, PANGO_ALIGN_CENTER);
		if (p->drawing) {
			colour(p, ink);
			cairo_move_to(p->cr, p->left, p->y);
			pango_cairo_show_layout(p->cr, p->layout);
		}
		p->y += height_of(p->layout);
	}
	if (line.len) {
		set_plain(p, p->layout, line.buf, FACE_META, p->right - p->left,
			  1.3, PANGO_ALIGN_CENTER);
		if (p->drawing) {
			colour(p, muted);
			cairo_move_to(p->cr, p->left, p->y);
			pango_cairo_show_layout(p->cr, p->layout);
			colour(p, ink);
		}
		p->y += height_of(p->layout);
	}
	strbuf_release(&line);
}

static void title_block(struct pdf *p)
{
	const struct report *r = p->r;

	seal_boxes(p);
	if (r->title) {
		set_plain(p, p->layout, r->title, FACE_TITLE,
			  p->right - p->left, 1.2, PANGO_ALIGN_CENTER);
		if (p->drawing) {
			colour(p, ink);
			cairo_move_to(p->cr, p->left, p->y);
			pango_cairo_show_layout(p->cr, p->layout);
		}
		p->y += height_of(p->layout) + MM(2);
	}
	meta_line(p);
	p->y += MM(6);
}

/* --- blocks -------------------------------------------------------------- */

static void heading(struct pdf *p, const struct report_block *b)
{
	static const enum face face[] = { FACE_H1, FACE_H2, FACE_H3 };
	double before = b->level == 1 ? MM(4) : MM(2.5), h;

	set_spans(p, p->layout, b->items[0].spans, b->items[0].count,
		  face[b->level - 1], face[b->level - 1], p->right - p->left,
		  1.3, PANGO_ALIGN_LEFT);
	h = height_of(p->layout);
	/* With room for two lines of what follows, or on the next page. */
	need(p, before + h + 2 * body_line() + MM(2));
	if (p->y > p->rows_top + 0.01)
		p->y += before;
	colour(p, ink);
	flow(p, p->layout, p->left);
	if (b->level == 1 && p->drawing) {
		colour(p, line_ink);
		cairo_set_line_width(p->cr, rule);
		cairo_move_to(p->cr, p->left, p->y + 1);
		cairo_line_to(p->cr, p->right, p->y + 1);
		cairo_stroke(p->cr);
		colour(p, ink);
	}
	p->y += MM(2);
}

static void paragraph(struct pdf *p, const struct report_text *t, double x,
		      double width)
{
	set_spans(p, p->layout, t->spans, t->count, FACE_BODY, FACE_BODY_BOLD,
		  width, 1.7, PANGO_ALIGN_LEFT);
	colour(p, ink);
	flow(p, p->layout, x);
}

/* The height of l's first line, in points. */
static double first_line(PangoLayout *l)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int y0, y1;

	pango_layout_iter_get_line_yrange(it, &y0, &y1);
	pango_layout_iter_free(it);
	return (double)(y1 - y0) / PANGO_SCALE;
}

static void list(struct pdf *p, const struct report_block *b)
{
	const char *bullet = strcmp(p->r->language, "ja") ? "•" : "・";
	double indent = faces[FACE_BODY].size * (b->ordered ? 2.2 : 1.5);
	double x = p->left + MM(2);
	size_t i;

	for (i = 0; i < b->count; i++) {
		const struct report_text *t = &b->items[i];
		const char *mark =
			b->ordered ? arena_printf(p->r->arena, "%zu.", i + 1)
				   : bullet;

		set_spans(p, p->layout, t->spans, t->count, FACE_BODY,
			  FACE_BODY_BOLD, p->right - x - indent, 1.7,
			  PANGO_ALIGN_LEFT);
		/* The mark goes where the item's first line does. */
		need(p, first_line(p->layout));
		set_spans(p, p->mark, &(struct report_span){ mark, 0 }, 1,
			  FACE_BODY, FACE_BODY, 0, 1.7, PANGO_ALIGN_LEFT);
		colour(p, ink);
		draw_lines(p, p->mark, x, p->y, 0, INT32_MAX);
		flow(p, p->layout, x + indent);
		p->y += MM(1);
	}
	p->y += MM(2);
}

/* --- tables -------------------------------------------------------------- */

static PangoAlignment pango_align(enum report_align a)
{
	return a == REPORT_RIGHT    ? PANGO_ALIGN_RIGHT
	       : a == REPORT_CENTER ? PANGO_ALIGN_CENTER
				    : PANGO_ALIGN_LEFT;
}

/*
 * The columns' widths: their shares, or for a column without one the
 * display width of its widest cell (Japanese counting two), between 4
 * and 30, and at least what the header needs up to 8.
 */
static void column_edges(struct pdf *p, struct tbl *tb)
{
	const struct report_table *t = tb->t;
	double *share = xcalloc(t->column_count, sizeof(*share)), sum = 0;
	size_t c, r;

	for (c = 0; c < t->column_count; c++) {
		const struct report_column *col = &t->columns[c];
		size_t widest = 0, hw;

		if (col->width > 0) {
			share[c] = col->width;
		} else {
			for (r = 0; r < t->row_count; r++) {
				const char *s = t->rows[r][c].text;
				size_t w = s ? utf8_width(s, strlen(s)) : 0;

				if (w > widest)
					widest = w;
			}
			hw = utf8_width(col->header, strlen(col->header));
			if (widest < (hw < 8 ? hw : 8))
				widest = hw < 8 ? hw : 8;
			share[c] = widest < 4 ? 4 : widest > 30 ? 30 : widest;
		}
		sum += share[c];
	}
	tb->x[0] = p->left;
	for (c = 0; c < t->column_count; c++)
		tb->x[c + 1] = tb->x[c] + (p->right - p->left) * share[c] / sum;
	free(share);
}

/*
 * Draws one row (header when header) in slices at line boundaries when
 * it is taller than the rest of the page, repeating the header above
 * each continuation.
 */
static void row(struct pdf *p, struct tbl *tb, size_t r, int header)
{
	const struct report_table *t = tb->t;
	size_t n = t->column_count, c;
	PangoLayout **cells = header ? tb->head : tb->cells;
	int *heights = header ? tb->heights + n : tb->heights;
	int *from = xcalloc(n, sizeof(*from)), tallest = 0, done;

	for (c = 0; c < n; c++) {
		const char *s = header ? t->columns[c].header
				       : t->rows[r][c].text;

		set_plain(p, cells[c], s ? s : "",
			  header ? FACE_CELL_BOLD : FACE_CELL,
			  tb->x[c + 1] - tb->x[c] - 2 * cell_pad_x, 1.15,
			  pango_align(t->columns[c].align));
		heights[c] = (int)(height_of(cells[c]) * PANGO_SCALE);
		if (heights[c] > tallest)
			tallest = heights[c];
	}
	if (!header)
		need(p, (double)tallest / PANGO_SCALE + 2 * cell_pad_y);
	do {
		double room = p->bottom - p->y - 2 * cell_pad_y;
		int slice = 0, end;

		done = 1;
		for (c = 0; c < n; c++) {
			/* Counting here, drawing below once the slice is
			 * known: a cell's background goes under the text. */
			int drawing = p->drawing;

			p->drawing = 0;
			end = draw_lines(p, cells[c], 0, 0, from[c],
					 from[c] + (int)(room * PANGO_SCALE));
			p->drawing = drawing;
			if (end == from[c] && from[c] < heights[c] &&
			    p->y <= p->rows_top + 0.01)
				end = heights[c]; /* taller than a page */
			if (end - from[c] > slice)
				slice = end - from[c];
			if (end < heights[c])
				done = 0;
		}
		if (p->drawing) {
			double h = (double)slice / PANGO_SCALE + 2 * cell_pad_y;

			if (header) {
				colour(p, head_fill);
				cairo_rectangle(p->cr, tb->x[0], p->y,
						tb->x[n] - tb->x[0], h);
				cairo_fill(p->cr);
			}
			colour(p, line_ink);
			cairo_set_line_width(p->cr, rule);
			for (c = 0; c < n; c++)
				cairo_rectangle(p->cr, tb->x[c], p->y,
						tb->x[c + 1] - tb->x[c], h);
			cairo_stroke(p->cr);
			colour(p, ink);
		}
		for (c = 0; c < n; c++)
			from[c] = draw_lines(p, cells[c], tb->x[c] + cell_pad_x,
					     p->y + cell_pad_y, from[c],
					     from[c] + slice);
		p->y += (double)slice / PANGO_SCALE + 2 * cell_pad_y;
		if (!done)
			new_page(p);
	} while (!done);
	free(from);
}

static void table_header(struct pdf *p, struct tbl *tb)
{
	row(p, tb, 0, 1);
}

static void table(struct pdf *p, const struct report_table *t)
{
	struct tbl tb;
	size_t c, r;

	memset(&tb, 0, sizeof(tb));
	tb.t = t;
	tb.x = xcalloc(t->column_count + 1, sizeof(*tb.x));
	tb.heights = xcalloc(2 * t->column_count, sizeof(*tb.heights));
	tb.cells = xcalloc(t->column_count, sizeof(*tb.cells));
	tb.head = xcalloc(t->column_count, sizeof(*tb.head));
	for (c = 0; c < t->column_count; c++) {
		tb.cells[c] = pango_layout_new(p->pc);
		tb.head[c] = pango_layout_new(p->pc);
	}
	column_edges(p, &tb);
	/* The header with room for a row under it, or on the next page. */
	need(p, 4 * faces[FACE_CELL].size * 1.3 + 4 * cell_pad_y);
	p->y += MM(1);
	table_header(p, &tb);
	p->table = &tb;
	p->rows_top = p->y;
	for (r = 0; r < t->row_count; r++)
		row(p, &tb, r, 0);
	p->table = NULL;
	p->y += MM(5);
	for (c = 0; c < t->column_count; c++) {
		g_object_unref(tb.cells[c]);
		g_object_unref(tb.head[c]);
	}
	free(tb.cells);
	free(tb.head);
	free(tb.heights);
	free(tb.x);
}

/* --- the document -------------------------------------------------------- */

/* One pass over the document: counting pages, or drawing them. */
static void lay_out(struct pdf *p)
{
	const struct report *r = p->r;
	const struct report_block *b;
	int doc_landscape = r->orientation == REPORT_LANDSCAPE;

	p->page = 0;
	p->table = NULL;
	p->want_landscape = doc_landscape;
	new_page(p);
	title_block(p);
	for (b = r->first; b; b = b->next) {
		int want = doc_landscape ||
			   (b->kind == REPORT_TABLE &&
			    (b->table->flags & REPORT_TABLE_LANDSCAPE));

		if (want != p->landscape) {
			p->want_landscape = want;
			new_page(p);
		}
		switch (b->kind) {
		case REPORT_HEADING:
			heading(p, b);
			break;
		case REPORT_PARAGRAPH:
			paragraph(p, &b->items[0], p->left, p->right - p->left);
			p->y += MM(2.5);
			break;
		case REPORT_LIST:
			list(p, b);
			break;
		case REPORT_TABLE:
			table(p, b->table);
			break;
		}
	}
	if (p->drawing)
		cairo_show_page(p->cr);
}

/* 1 when fontconfig knows family (the font map lists it). */
static int have_family(PangoFontMap *map, const char *family)
{
	PangoFontFamily **families = NULL;
	int count = 0, i, found = 0;

	pango_font_map_list_families(map, &families, &count);
	for (i = 0; i < count && !found; i++)
		found = !g_ascii_strcasecmp(
			pango_font_family_get_name(families[i]), family);
	g_free(families);
	return found;
}

static cairo_status_t discard(void *closure, const unsigned char *data,
			      unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t append(void *closure, const unsigned char *data,
			     unsigned int len)
{
	strbuf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Sets up p on surface (a PDF surface, A4 portrait to start with). */
static void open_pdf(struct pdf *p, cairo_surface_t *surface)
{
	const struct report *r = p->r;
	size_t i;

	p->surface = surface;
	p->cr = cairo_create(surface);
	p->pc = pango_font_map_create_context(p->fonts);
	pango_cairo_update_context(p->cr, p->pc);
	pango_context_set_language(
		p->pc, pango_language_from_string(
			       strcmp(r->language, "ja") ? "en" : "ja-jp"));
	p->layout = pango_layout_new(p->pc);
	p->mark = pango_layout_new(p->pc);
	p->line = pango_layout_new(p->pc);
	for (i = 0; i < FACE_COUNT; i++) {
		p->font[i] = pango_font_description_new();
		pango_font_description_set_family(
			p->font[i],
			faces[i].body_family && r->font == REPORT_SERIF ? SERIF
									: SANS);
		pango_font_description_set_weight(
			p->font[i], faces[i].bold ? PANGO_WEIGHT_BOLD
						  : PANGO_WEIGHT_NORMAL);
		pango_font_description_set_absolute_size(
			p->font[i], faces[i].size * PANGO_SCALE);
	}
	p->meta_sep = strcmp(r->language, "ja") ? ": " : "：";
}

static void close_pdf(struct pdf *p)
{
	size_t i;

	for (i = 0; i < FACE_COUNT; i++)
		if (p->font[i])
			pango_font_description_free(p->font[i]);
	if (p->layout)
		g_object_unref(p->layout);
	if (p->mark)
		g_object_unref(p->mark);
	if (p->line)
		g_object_unref(p->line);
	if (p->pc)
		g_object_unref(p->pc);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
	memset(p->font, 0, sizeof(p->font));
	p->layout = NULL;
	p->mark = NULL;
	p->line = NULL;
	p->pc = NULL;
	p->cr = NULL;
	p->surface = NULL;
}

/*
 * Renders r to path (when out is NULL) or into out.  The first pass
 * counts the pages on a surface that writes nowhere; its layouts are the
 * same as the second's, both being PDF surfaces.
 */
static int render(const struct report *r, const char *path, struct strbuf *out,
		  struct error *err)
{
	struct pdf p;
	cairo_status_t st;
	double w, h;
	int pages;
	/*
	 * A font map of this rendering's own rather than pango's default
	 * one per thread: its caches go when the document is done, instead
	 * of living (and being reported as leaks) until the thread ends.
	 */
	PangoFontMap *fonts = pango_cairo_font_map_new();
	const char *missing =
		!have_family(fonts, SANS)				? SANS
		: r->font == REPORT_SERIF && !have_family(fonts, SERIF) ? SERIF
									: NULL;

	if (missing) {
		g_object_unref(fonts);
		return error_set(err, ERROR_INTERNAL, "report.font_missing",
				 missing, NULL);
	}
	memset(&p, 0, sizeof(p));
	p.r = r;
	p.fonts = fonts;
	strbuf_init(&p.text, 256);
	page_size(r->orientation == REPORT_LANDSCAPE, &w, &h);
	open_pdf(&p, cairo_pdf_surface_create_for_stream(discard, NULL, w, h));
	lay_out(&p);
	pages = p.page;
	close_pdf(&p);

	open_pdf(&p,
		 path ? cairo_pdf_surface_create(path, w, h)
		      : cairo_pdf_surface_create_for_stream(append, out, w, h));
	st = cairo_surface_status(p.surface);
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_pdf_surface_restrict_to_version(p.surface,
						      CAIRO_PDF_VERSION_1_5);
		if (r->title)
			cairo_pdf_surface_set_metadata(
				p.surface, CAIRO_PDF_METADATA_TITLE, r->title);
		if (r->organisation)
			cairo_pdf_surface_set_metadata(
				p.surface, CAIRO_PDF_METADATA_AUTHOR,
				r->organisation);
		cairo_pdf_surface_set_metadata(
			p.surface, CAIRO_PDF_METADATA_CREATOR, "mamori");
		p.drawing = 1;
		p.pages = pages;
		lay_out(&p);
		cairo_surface_finish(p.surface);
		st = cairo_status(p.cr);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_status(p.surface);
	}
	close_pdf(&p);
	g_object_unref(fonts);
	strbuf_release(&p.text);
	if (st != CAIRO_STATUS_SUCCESS)
		return error_set(err, ERROR_INTERNAL, "report.pdf_failed",
				 path ? path : "-", cairo_status_to_string(st),
				 NULL);
	if (p.page != pages)
		BUG("the PDF took %d pages, counted %d", p.page, pages);
	return 0;
}

/*
 * Leaks that belong to cairo and fontconfig, for LeakSanitizer in the
 * sanitizer builds (its runtime calls this hook; other builds never do).
 * cairo 1.16's PDF surface loses one small array per font subset inside
 * cairo_surface_finish (about 2.3 KB per document, measured by rendering
 * in a loop: it grows with the documents, not with their pages), and
 * fontconfig leaves parts of its configuration unreachable once it has
 * loaded it.  Both stacks end in the library without frame pointers, so
 * only the library's name can match them.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

/* Quietly: a command's standard error stays what the command wrote. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

int report_render_pdf(const struct report *r, const char *path,
		      struct error *err)
{
	return render(r, path, NULL, err);
}

int report_render_pdf_buf(const struct report *r, struct strbuf *out,
			  struct error *err)
{
	size_t start = out->len;
	int rc = render(r, NULL, out, err);

	if (rc)
		strbuf_setlen(out, start);
	return rc;
}
