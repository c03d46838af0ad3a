/* svg.c: small charts drawn as inline SVG, through the escaping writer. */
#include "util/compat.h"
#include "web/svg.h"

#include "util/strbuf.h"
#include "web/html.h"

enum {
	CHART_W = 640,
	CHART_H = 220,
	PAD_L = 40,
	PAD_R = 40, /* room for the last date label */
	PAD_T = 16,
	PAD_B = 40
};

/* Writes a coordinate (a whole number of user units). */
static void coord(struct strbuf *out, long v)
{
	html_long(out, v);
}

static long y_of(long v, long min, long max)
{
	long h = CHART_H - PAD_T - PAD_B;

	if (max == min)
		return PAD_T + h;
	return PAD_T + h - (v - min) * h / (max - min);
}

static long x_of(size_t i, size_t count)
{
	long w = CHART_W - PAD_L - PAD_R;

	if (count < 2)
		return PAD_L + w / 2;
	return PAD_L + (long)i * w / (long)(count - 1);
}

void svg_line_chart(struct strbuf *out, const char *title,
		    const struct svg_point *points, size_t count, long min,
		    long max, const long *guides, size_t guide_count)
{
	size_t i;

	html_lit(out, "<svg class=\"chart\" viewBox=\"0 0 640 220\" "
		      "role=\"img\" aria-label=\"");
	html_attr(out, title);
	html_lit(out, "\"><title>");
	html_text(out, title);
	html_lit(out, "</title>");
	for (i = 0; i < guide_count; i++) {
		long y = y_of(guides[i], min, max);

		html_lit(out,
			 "<line class=\"guide\" x1=\"40\" x2=\"600\" y1=\"");
		coord(out, y);
		html_lit(out, "\" y2=\"");
		coord(out, y);
		html_lit(out, "\"/><text class=\"axis\" x=\"34\" y=\"");
		coord(out, y + 4);
		html_lit(out, "\" text-anchor=\"end\">");
		html_long(out, guides[i]);
		html_lit(out, "</text>");
	}
	if (count > 1) {
		html_lit(out, "<polyline class=\"line\" points=\"");
		for (i = 0; i < count; i++) {
			if (i)
				html_lit(out, " ");
			coord(out, x_of(i, count));
			html_lit(out, ",");
			coord(out, y_of(points[i].value, min, max));
		}
		html_lit(out, "\"/>");
	}
	for (i = 0; i < count; i++) {
		long x = x_of(i, count), y = y_of(points[i].value, min, max);

		html_lit(out, "<circle class=\"dot\" r=\"4\" cx=\"");
		coord(out, x);
		html_lit(out, "\" cy=\"");
		coord(out, y);
		html_lit(out,
			 "\"/><text class=\"value\" text-anchor=\"middle\" "
			 "x=\"");
		coord(out, x);
		html_lit(out, "\" y=\"");
		coord(out, y - 9);
		html_lit(out, "\">");
		html_long(out, points[i].value);
		html_lit(out,
			 "</text><text class=\"axis\" text-anchor=\"middle\" "
			 "x=\"");
		coord(out, x);
		html_lit(out, "\" y=\"206\">");
		html_text(out, points[i].label);
		html_lit(out, "</text>");
	}
	html_lit(out, "</svg>");
}

void svg_bar(struct strbuf *out, const char *title, long value, long max)
{
	long w = max > 0 && value > 0 ? value * 200 / max : 0;

	if (w > 200)
		w = 200;
	html_lit(out, "<svg class=\"bar\" viewBox=\"0 0 200 12\" role=\"img\" "
		      "aria-label=\"");
	html_attr(out, title);
	html_lit(out, "\"><rect class=\"track\" width=\"200\" height=\"12\" "
		      "rx=\"6\"/><rect class=\"fill\" height=\"12\" rx=\"6\" "
		      "width=\"");
	coord(out, w);
	html_lit(out, "\"/></svg>");
}

enum { HBAR_ROW = 28, HBAR_L = 170, HBAR_W = 300, HBAR_TEXT = 64 };

void svg_hbars(struct strbuf *out, const char *title,
	       const struct svg_hbar *bars, size_t count)
{
	long h = (long)count * HBAR_ROW + 4;
	size_t i;

	html_lit(out, "<svg class=\"hbars\" viewBox=\"0 0 ");
	coord(out, HBAR_L + HBAR_W + HBAR_TEXT);
	html_lit(out, " ");
	coord(out, h);
	html_lit(out, "\" role=\"img\" aria-label=\"");
	html_attr(out, title);
	html_lit(out, "\"><title>");
	html_text(out, title);
	html_lit(out, "</title>");
	for (i = 0; i < count; i++) {
		const struct svg_hbar *b = &bars[i];
		long y = (long)i * HBAR_ROW + 4;
		long w = b->max > 0 && b->value > 0 ? b->value * HBAR_W / b->max
						    : 0;

		if (w > HBAR_W)
			w = HBAR_W;
		if (b->href) {
			html_lit(out, "<a href=\"");
			html_attr(out, b->href);
			html_lit(out, "\">");
		}
		html_lit(out, "<text class=\"label\" x=\"");
		coord(out, HBAR_L - 8);
		html_lit(out, "\" y=\"");
		coord(out, y + 15);
		html_lit(out, "\" text-anchor=\"end\">");
		html_text(out, b->label);
		html_lit(out, "</text><rect class=\"track\" x=\"");
		coord(out, HBAR_L);
		html_lit(out, "\" y=\"");
		coord(out, y + 4);
		html_lit(out, "\" width=\"");
		coord(out, HBAR_W);
		html_lit(out, "\" height=\"14\" rx=\"7\"/><rect class=\"fill\" "
			      "x=\"");
		coord(out, HBAR_L);
		html_lit(out, "\" y=\"");
		coord(out, y + 4);
		html_lit(out, "\" width=\"");
		coord(out, w);
		html_lit(out,
			 "\" height=\"14\" rx=\"7\"/><text class=\"value\" "
			 "x=\"");
		coord(out, HBAR_L + HBAR_W + 8);
		html_lit(out, "\" y=\"");
		coord(out, y + 15);
		html_lit(out, "\">");
		html_text(out, b->text ? b->text : "");
		html_lit(out, "</text>");
		if (b->href)
			html_lit(out, "</a>");
	}
	html_lit(out, "</svg>");
}

enum { STACK_W = 400 };

void svg_stack(struct strbuf *out, const char *title,
	       const struct svg_segment *parts, size_t count)
{
	long total = 0, x = 0;
	size_t i, last = 0;

	for (i = 0; i < count; i++)
		if (parts[i].value > 0) {
			total += parts[i].value;
			last = i;
		}
	html_lit(out, "<svg class=\"stack\" viewBox=\"0 0 400 16\" "
		      "role=\"img\" aria-label=\"");
	html_attr(out, title);
	html_lit(out, "\"><title>");
	html_text(out, title);
	html_lit(out, "</title><rect class=\"track\" width=\"400\" "
		      "height=\"16\" rx=\"4\"/>");
	for (i = 0; total > 0 && i < count; i++) {
		long w;

		if (parts[i].value <= 0)
			continue;
		/* The last part takes what rounding left, so the parts fill
		 * the bar exactly. */
		w = i == last ? STACK_W - x : parts[i].value * STACK_W / total;
		html_lit(out, "<rect class=\"");
		html_attr(out, parts[i].cls);
		html_lit(out, "\" x=\"");
		coord(out, x);
		html_lit(out, "\" width=\"");
		coord(out, w);
		html_lit(out, "\" height=\"16\"><title>");
		html_text(out, parts[i].label);
		html_lit(out, " ");
		html_long(out, parts[i].value);
		html_lit(out, "</title></rect>");
		x += w;
	}
	html_lit(out, "</svg>");
}

enum { CELL = 64, GRID_L = 96, GRID_T = 8, GRID_B = 56 };

void svg_heatmap(struct strbuf *out, const char *title,
		 const struct svg_cell *cells, size_t rows, size_t cols,
		 const char *const *row_labels, const char *const *col_labels,
		 const char *row_axis, const char *col_axis)
{
	long w = GRID_L + (long)cols * CELL + 8;
	long h = GRID_T + (long)rows * CELL + GRID_B;
	size_t r, c;

	html_lit(out, "<svg class=\"heatmap\" viewBox=\"0 0 ");
	coord(out, w);
	html_lit(out, " ");
	coord(out, h);
	html_lit(out, "\" role=\"img\" aria-label=\"");
	html_attr(out, title);
	html_lit(out, "\"><title>");
	html_text(out, title);
	html_lit(out, "</title>");
	for (r = 0; r < rows; r++) {
		long y = GRID_T + (long)r * CELL;

		html_lit(out, "<text class=\"axis\" x=\"");
		coord(out, GRID_L - 8);
		html_lit(out, "\" y=\"");
		coord(out, y + CELL / 2 + 4);
		html_lit(out, "\" text-anchor=\"end\">");
		html_text(out, row_labels[r]);
		html_lit(out, "</text>");
		for (c = 0; c < cols; c++) {
			const struct svg_cell *cell = &cells[r * cols + c];
			long x = GRID_L + (long)c * CELL;

			if (cell->count && cell->href) {
				html_lit(out, "<a href=\"");
				html_attr(out, cell->href);
				html_lit(out, "\">");
			}
			html_lit(out, "<rect class=\"");
			html_attr(out, cell->cls);
			html_lit(out, "\" x=\"");
			coord(out, x + 2);
			html_lit(out, "\" y=\"");
			coord(out, y + 2);
			html_lit(out, "\" width=\"60\" height=\"60\" rx=\"6\">"
				      "</rect><text class=\"n\" x=\"");
			coord(out, x + CELL / 2);
			html_lit(out, "\" y=\"");
			coord(out, y + CELL / 2 + 6);
			html_lit(out, "\" text-anchor=\"middle\">");
			html_long(out, cell->count);
			html_lit(out, "</text>");
			if (cell->count && cell->href)
				html_lit(out, "</a>");
		}
	}
	for (c = 0; c < cols; c++) {
		html_lit(out, "<text class=\"axis\" x=\"");
		coord(out, GRID_L + (long)c * CELL + CELL / 2);
		html_lit(out, "\" y=\"");
		coord(out, GRID_T + (long)rows * CELL + 18);
		html_lit(out, "\" text-anchor=\"middle\">");
		html_text(out, col_labels[c]);
		html_lit(out, "</text>");
	}
	html_lit(out, "<text class=\"axis name\" x=\"");
	coord(out, GRID_L + (long)cols * CELL / 2);
	html_lit(out, "\" y=\"");
	coord(out, h - 10);
	html_lit(out, "\" text-anchor=\"middle\">");
	html_text(out, col_axis);
	html_lit(out, "</text><text class=\"axis name\" x=\"12\" y=\"");
	coord(out, GRID_T + (long)rows * CELL / 2);
	html_lit(out, "\" transform=\"rotate(-90 12 ");
	coord(out, GRID_T + (long)rows * CELL / 2);
	html_lit(out, ")\" text-anchor=\"middle\">");
	html_text(out, row_axis);
	html_lit(out, "</text></svg>");
}
