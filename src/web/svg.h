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

/* One labelled bar of a bar list: value out of max, linking to href. */
struct svg_hbar {
	const char *label;
	long value, max;
	const char *text; /* shown at the end of the bar, e.g. "75%" */
	const char *href; /* NULL for none */
};

/*
 * Bars under one another, one per row with its label on the left and its
 * text on the right; a row links to its href.  The page shows the same
 * figures as text too (title names the chart for screen readers).
 */
void svg_hbars(struct strbuf *out, const char *title,
	       const struct svg_hbar *bars, size_t count);

/* One part of a stacked bar. */
struct svg_segment {
	long value;
	const char *cls;   /* CSS class of its colour */
	const char *label; /* its name, for the tooltip */
};

/* One bar of count parts side by side, in proportion to their values. */
void svg_stack(struct strbuf *out, const char *title,
	       const struct svg_segment *parts, size_t count);

/* One cell of a heat map. */
struct svg_cell {
	long count;
	const char *cls;  /* CSS class of its colour (a grade) */
	const char *href; /* where a click goes; NULL for none */
};

/*
 * A grid of rows x cols cells (cells[r * cols + c], row 0 drawn on top),
 * each showing its count, with row labels on the left, column labels
 * below and the axis names.  Cells with a count link to href.
 */
void svg_heatmap(struct strbuf *out, const char *title,
		 const struct svg_cell *cells, size_t rows, size_t cols,
		 const char *const *row_labels, const char *const *col_labels,
		 const char *row_axis, const char *col_axis);

#endif
