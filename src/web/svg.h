/* svg.h: small charts drawn as inline SVG, through the escaping writer. */
#ifndef MAMORI_WEB_SVG_H
#define MAMORI_WEB_SVG_H

#include <stddef.h>

struct strbuf;

/* One point of a line chart: its label under the axis and its value. */
struct svg_point {
	const char *label;
	long value;
};

/*
 * A line chart of count points between min and max, with horizontal guide
 * lines at the given values (for score bands).  title names the chart for
 * screen readers (role="img" and <title>); the page must also show the
 * numbers as text, which a chart alone does not.
 */
void svg_line_chart(struct strbuf *out, const char *title,
		    const struct svg_point *points, size_t count, long min,
		    long max, const long *guides, size_t guide_count);

/*
 * A horizontal bar of value out of max (0 … max), with a text label,
 * for subtotals.
 */
void svg_bar(struct strbuf *out, const char *title, long value, long max);

#endif
