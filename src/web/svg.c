/* svg.c: small charts drawn as inline SVG, through the escaping writer. */
#include "util/compat.h"
#include "web/svg.h"

#include "util/strbuf.h"
#include "web/html.h"

enum {
	CHART_W = 640,
	CHART_H = 220,
	PAD_L = 40,
	PAD_R = 16,
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
			 "<line class=\"guide\" x1=\"40\" x2=\"624\" y1=\"");
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
