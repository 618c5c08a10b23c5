/*
 * svg.h — small charts as inline SVG, for a page that must read without
 * scripts or network: horizontal bars, columns, and a site plan of points.
 *
 * Every string (labels, texts, tips, titles) is HTML-escaped here, so input
 * text is inert whether the SVG stands alone or sits inside an HTML page.
 * Colours are fill attributes (they print without CSS); each element also
 * carries a class for a stylesheet to adjust.  Output is deterministic.
 */
#ifndef SQ_SVG_H
#define SQ_SVG_H

#include <stddef.h>

#include "buf.h"

struct sq_svg_item {
	const char *label;	/* beside a bar, under a column, on a point */
	double	 value;		/* bar length or column height, of max */
	double	 part;		/* a darker first part of the bar; < 0: none */
	double	 mark;		/* a tick across the bar (a threshold); < 0 */
	const char *text;	/* printed at the end of the bar */
	const char *tip;	/* tooltip; NULL: label and text */
	const char *fill;	/* bar or point colour; NULL: the chart's */
	const char *cls;	/* extra class, e.g. "low"; may be NULL */
	double	 x, y;		/* plan coordinates (metres, y north) */
	int	 square;	/* route maps: a square (the gate), not a dot */
};

struct sq_svg_chart {
	const char *id;		/* id attribute of the <svg> */
	const char *title;	/* its accessible title */
	double	 max;		/* full scale; <= 0: the largest value */
	const char *fill;	/* default colour */
	const char *part_fill;	/* colour of the parts */
	int	 width;		/* view box width in px; 0: 640 */
	const char *axis_unit;	/* columns: appended to axis ticks ("%") */
	const char *cls;	/* extra class of the <svg>, e.g. "phone" */
};

struct sq_svg_legend {
	const char *fill;
	const char *label;
};

/*
 * Every text is SQ_SVG_FONT user units or more, so a chart shown at its
 * width or wider reads at 12 CSS px at least; a chart narrower than
 * SQ_SVG_NARROW (one for a phone) reflows to keep it so: bars get their
 * label on a line of its own, columns wrap into rows, a legend wraps.
 */
#define SQ_SVG_FONT	12.0
#define SQ_SVG_NARROW	480

/* One row per item: label, bar, text (narrow: label and text above). */
void	 sq_svg_hbars(struct sq_buf *, const struct sq_svg_chart *,
	    const struct sq_svg_item *, size_t n);
/*
 * One column per item, labels under them, an axis at 0, 50 and 100% of
 * max; in rows of as many columns as their labels leave room for.
 */
void	 sq_svg_columns(struct sq_buf *, const struct sq_svg_chart *,
	    const struct sq_svg_item *, size_t n);
/*
 * A site plan: each item a square at (x, y), scaled to fit with north up,
 * its label inside when it fits there (else in the tooltip alone); marks
 * (e.g. the gate) drawn as triangles; a legend, in rows as the width
 * allows.
 */
void	 sq_svg_plan(struct sq_buf *, const struct sq_svg_chart *,
	    const struct sq_svg_item *, size_t n,
	    const struct sq_svg_item *marks, size_t nmarks,
	    const struct sq_svg_legend *, size_t nlegend);

/* A route over the points of a route map. */
struct sq_svg_route {
	const size_t *stops;	/* indexes into the points, in walking order */
	size_t	 nstops;
	const char *stroke;	/* line colour; NULL: sq_svg_series(its index) */
	const char *title;	/* the line's tooltip */
	const char *key;	/* its line in the key under the map */
};

/*
 * A route map, a document of its own (an .svg file, c->width wide, 800
 * when 0): the routes as lines over the plan, north up, the points with
 * their labels (a square where .square, else a dot), then one key line
 * per route.  No newline after the closing tag.
 */
void	 sq_svg_routes(struct sq_buf *, const struct sq_svg_chart *,
	    const struct sq_svg_item *pts, size_t n,
	    const struct sq_svg_route *, size_t nroutes);
/* The i-th colour of a series of lines (ten, then again). */
const char *sq_svg_series(size_t i);

/* Display width of UTF-8 text in ems (CJK 1, other 0.6), for layout. */
double	 sq_svg_text_width(const char *);

#endif
