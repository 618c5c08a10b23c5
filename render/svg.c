/*
 * svg.c — the charts of svg.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "svg.h"
#include "text.h"

#define FONT	SQ_SVG_FONT	/* px, the least of every text */
#define ROW	18.0	/* bar row height */
#define NROW	34.0	/* narrow: a line of text, then the bar */

double
sq_svg_text_width(const char *s)
{
	size_t i = 0, n = strlen(s);
	double w = 0;

	while (i < n) {
		int cp = sq_utf8_next((const unsigned char *)s, n, &i);
		w += cp >= 0x2e80 ? 1.0 : 0.6;
	}
	return w;
}

static void
esc(struct sq_buf *b, const char *s)
{
	if (s)
		sq_buf_html(b, s, strlen(s));
}

static void class_attr(struct sq_buf *, const char *, const char *);

static void
open_svg(struct sq_buf *b, const struct sq_svg_chart *c, double w, double h)
{
	sq_buf_adds(b, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	class_attr(b, "chart", c->cls);
	sq_buf_adds(b, " id=\"");
	esc(b, c->id);
	sq_buf_printf(b, "\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" role=\"img\" font-size=\"%.0f\"><title>",
	    w, h, w, h, FONT);
	esc(b, c->title);
	sq_buf_adds(b, "</title>\n");
}

static void
tip(struct sq_buf *b, const struct sq_svg_item *it)
{
	sq_buf_adds(b, "<title>");
	if (it->tip)
		esc(b, it->tip);
	else {
		esc(b, it->label);
		if (it->text) {
			sq_buf_adds(b, ": ");
			esc(b, it->text);
		}
	}
	sq_buf_adds(b, "</title>");
}

static double
scale_max(const struct sq_svg_chart *c, const struct sq_svg_item *v, size_t n)
{
	double m = c->max;

	if (m <= 0)
		for (size_t i = 0; i < n; i++) {
			if (v[i].value > m)
				m = v[i].value;
			if (v[i].mark > m)
				m = v[i].mark;
		}
	return m > 0 ? m : 1;
}

static double
clamp01(double x)
{
	return x < 0 || isnan(x) ? 0 : x > 1 ? 1 : x;
}

static void
class_attr(struct sq_buf *b, const char *base, const char *extra)
{
	sq_buf_printf(b, " class=\"%s", base);
	if (extra && *extra) {
		sq_buf_addc(b, ' ');
		esc(b, extra);
	}
	sq_buf_addc(b, '"');
}

/*
 * A label cut to fit `room' px (at FONT), with "…": the whole of it is in
 * the tooltip.  Returns label itself when it fits (then *owned is NULL).
 */
static const char *
fit(const char *label, double room, char **owned)
{
	*owned = NULL;
	if (label == NULL || sq_svg_text_width(label) * FONT <= room)
		return label;
	size_t n = strlen(label), k = n;
	char *t = NULL;
	do {
		k = sq_utf8_cut(label, n, k > 0 ? k - 1 : 0);
		free(t);
		t = sq_xmalloc(k + 4);
		memcpy(t, label, k);
		memcpy(t + k, "\xe2\x80\xa6", 4);	/* … */
	} while (k > 0 && sq_svg_text_width(t) * FONT > room);
	*owned = t;
	return t;
}

static void
bar(struct sq_buf *b, const struct sq_svg_chart *c,
    const struct sq_svg_item *it, double max, double x, double y, double bw,
    double bh)
{
	double f = clamp01(it->value / max);

	sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"#eeeeee\" class=\"track\"/>", x, y, bw, bh);
	sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"", x, y, bw * f, bh);
	esc(b, it->fill ? it->fill : c->fill ? c->fill : "#4a7ab5");
	sq_buf_addc(b, '"');
	class_attr(b, "bar", it->cls);
	sq_buf_adds(b, "/>");
	if (it->part >= 0)
		sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\" class=\"part\"/>", x, y,
		    bw * clamp01(it->part / max), bh,
		    c->part_fill ? c->part_fill : "#1f3f66");
	if (it->mark >= 0) {
		double mx = x + bw * clamp01(it->mark / max);
		sq_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#333333\" stroke-width=\"1.5\" "
		    "class=\"mark\"/>", mx, y - 2, mx, y + bh + 2);
	}
}

void
sq_svg_hbars(struct sq_buf *b, const struct sq_svg_chart *c,
    const struct sq_svg_item *v, size_t n)
{
	double w = c->width > 0 ? c->width : 640, lw = 0, tw = 0;
	double max = scale_max(c, v, n);
	int narrow = w < SQ_SVG_NARROW;

	for (size_t i = 0; i < n; i++) {
		double a = sq_svg_text_width(v[i].label ? v[i].label : "");
		double t = sq_svg_text_width(v[i].text ? v[i].text : "");
		lw = a > lw ? a : lw;
		tw = t > tw ? t : tw;
	}
	lw = fmin(lw * FONT + 8, w * 0.45);
	tw = tw * FONT + 8;
	double bw = w - lw - tw;
	if (bw < 60)
		bw = 60;
	double h = n * (narrow ? NROW : ROW) + 4;
	open_svg(b, c, w, h);
	for (size_t i = 0; i < n; i++) {
		const struct sq_svg_item *it = &v[i];
		char *cut;
		sq_buf_printf(b, "<g%s>", "");
		tip(b, it);
		if (narrow) {
			/* label at the left, text at the right, the bar under
			   them across the whole width */
			double y = 2 + i * NROW, ttw = sq_svg_text_width(
			    it->text ? it->text : "") * FONT;
			const char *l = fit(it->label, w - 4 - ttw - 8, &cut);
			sq_buf_printf(b, "<text x=\"2.0\" y=\"%.1f\" "
			    "class=\"label\">", y + 13);
			esc(b, l);
			free(cut);
			sq_buf_printf(b, "</text><text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"end\"", w - 2, y + 13);
			class_attr(b, "value", it->cls);
			sq_buf_addc(b, '>');
			esc(b, it->text);
			sq_buf_adds(b, "</text>");
			bar(b, c, it, max, 2, y + 18, w - 4, ROW - 7);
			sq_buf_adds(b, "</g>\n");
			continue;
		}
		double y = 2 + i * ROW;
		const char *l = fit(it->label, lw - 6, &cut);
		sq_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\" class=\"label\">", lw - 6, y + 13);
		esc(b, l);
		free(cut);
		sq_buf_adds(b, "</text>");
		bar(b, c, it, max, lw, y + 2, bw, ROW - 5);
		sq_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"", lw + bw + 4,
		    y + 13);
		class_attr(b, "value", it->cls);
		sq_buf_addc(b, '>');
		esc(b, it->text);
		sq_buf_adds(b, "</text></g>\n");
	}
	sq_buf_adds(b, "</svg>");
}

void
sq_svg_columns(struct sq_buf *b, const struct sq_svg_chart *c,
    const struct sq_svg_item *v, size_t n)
{
	double w = c->width > 0 ? c->width : 640, max = scale_max(c, v, n);
	double left = 34, top = 8, lab = 18;
	double room = w - left - 4;

	/*
	 * A column is as wide as its label needs, shared with the columns
	 * up to the next label ("08:00" over four quarter hours); rows of
	 * columns as many as fit, broken where a label starts.
	 */
	double cw = 8;
	size_t gap = 0, last = n;
	for (size_t i = 0; i < n; i++) {
		const char *l = v[i].label;
		if (l == NULL || *l == '\0')
			continue;
		size_t k = i + 1;
		while (k < n && (v[k].label == NULL || *v[k].label == '\0'))
			k++;
		double need = (sq_svg_text_width(l) * FONT + 4) / (double)(k - i);
		cw = fmax(cw, need);
		if (last < n && (gap == 0 || i - last < gap))
			gap = i - last;
		last = i;
	}
	if (gap == 0)
		gap = 1;
	size_t per = room / cw >= 1 ? (size_t)(room / cw) : 1;
	if (per > gap)
		per -= per % gap;
	size_t rows = n ? (n + per - 1) / per : 1;
	if (rows > 1 && gap == 1)
		per = (n + rows - 1) / rows;	/* rows alike */
	cw = n < per ? (n ? room / n : 0) : room / per;
	double ch = rows > 1 ? 80 : 140, rh = top + ch + lab + 4;
	double h = rows * rh;

	open_svg(b, c, w, h);
	for (size_t r = 0; r < rows; r++) {
		double y0 = r * rh;
		for (int k = 0; k <= 2; k++) {
			double y = y0 + top + ch - ch * k / 2.0;
			sq_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"#cccccc\" "
			    "class=\"grid\"/><text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"end\" class=\"axis\">%g", left, y,
			    w - 4, y, left - 3, y + 4, max * k / 2.0);
			esc(b, c->axis_unit);
			sq_buf_adds(b, "</text>\n");
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct sq_svg_item *it = &v[i];
		double y0 = (i / per) * rh;
		double x = left + (i % per) * cw, f = clamp01(it->value / max);
		sq_buf_adds(b, "<g>");
		tip(b, it);
		sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"", x + cw * 0.12,
		    y0 + top + ch * (1 - f), cw * 0.76, ch * f);
		esc(b, it->fill ? it->fill : c->fill ? c->fill : "#4a7ab5");
		sq_buf_addc(b, '"');
		class_attr(b, "bar", it->cls);
		sq_buf_printf(b, "/><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" class=\"label\">", x + cw / 2,
		    y0 + top + ch + lab - 2);
		esc(b, it->label);
		sq_buf_adds(b, "</text></g>\n");
	}
	sq_buf_adds(b, "</svg>");
}

void
sq_svg_plan(struct sq_buf *b, const struct sq_svg_chart *c,
    const struct sq_svg_item *v, size_t n, const struct sq_svg_item *marks,
    size_t nmarks, const struct sq_svg_legend *lg, size_t nlg)
{
	double w = c->width > 0 ? c->width : 640;
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;

	for (size_t i = 0; i < n + nmarks; i++) {
		const struct sq_svg_item *it = i < n ? &v[i] : &marks[i - n];
		x0 = fmin(x0, it->x);
		x1 = fmax(x1, it->x);
		y0 = fmin(y0, it->y);
		y1 = fmax(y1, it->y);
	}
	if (n + nmarks == 0)
		x0 = x1 = y0 = y1 = 0;
	/* the legend in rows, as many entries a row as the width allows */
	double pad = 18, legend = 0, lx = pad;
	int lrows = nlg ? 1 : 0;
	for (size_t i = 0; i < nlg; i++) {
		double iw = 16 + sq_svg_text_width(lg[i].label) * FONT + 16;
		if (lx > pad && lx + iw - 16 > w - pad) {
			lrows++;
			lx = pad;
		}
		lx += iw;
	}
	legend = lrows * 20 + (lrows ? 4 : 0);
	double sx = x1 > x0 ? x1 - x0 : 1, sy = y1 > y0 ? y1 - y0 : 1;
	double s = fmin((w - 2 * pad) / sx, 1e9);
	/* keep the plan on half a page (on a phone's narrow one, taller) */
	double tall = w < SQ_SVG_NARROW ? 1.3 : 0.7;
	if (sy * s > w * tall)
		s = w * tall / sy;
	double h = sy * s + 2 * pad + legend;
	double ox = (w - sx * s) / 2;
	/* a square per building, as large as the closest pair allows */
	double d = INFINITY;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			double dx = fabs(v[i].x - v[j].x), dy = fabs(v[i].y - v[j].y);
			double m = fmax(dx, dy) * s;
			if (m > 0.5 && m < d)
				d = m;
		}
	double side = isinf(d) ? 24 : fmin(fmax(d * 0.8, 12), 40);

	open_svg(b, c, w, h);
	for (size_t i = 0; i < n; i++) {
		const struct sq_svg_item *it = &v[i];
		double x = ox + (it->x - x0) * s, y = pad + (y1 - it->y) * s;
		sq_buf_adds(b, "<g>");
		tip(b, it);
		sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" rx=\"2\" stroke=\"#666666\" "
		    "stroke-width=\"0.5\" fill=\"", x - side / 2, y - side / 2,
		    side, side);
		esc(b, it->fill ? it->fill : c->fill ? c->fill : "#dddddd");
		sq_buf_addc(b, '"');
		class_attr(b, "bldg", it->cls);
		sq_buf_adds(b, "/>");
		/* a label no smaller than FONT, or none: the tooltip and the
		   list beside the chart name the building */
		if (it->label && sq_svg_text_width(it->label) * FONT <=
		    side * 1.15 && side >= FONT) {
			sq_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" class=\"label\">", x,
			    y + FONT * 0.36);
			esc(b, it->label);
			sq_buf_adds(b, "</text>");
		}
		sq_buf_adds(b, "</g>\n");
	}
	for (size_t i = 0; i < nmarks; i++) {
		const struct sq_svg_item *it = &marks[i];
		double x = ox + (it->x - x0) * s, y = pad + (y1 - it->y) * s;
		sq_buf_adds(b, "<g>");
		tip(b, it);
		sq_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
		    "fill=\"#333333\" class=\"mark\"/><text x=\"%.1f\" "
		    "y=\"%.1f\" text-anchor=\"middle\" class=\"label\">",
		    x, y - 7, x - 7, y + 5, x + 7, y + 5, x, y + 17);
		esc(b, it->label);
		sq_buf_adds(b, "</text></g>\n");
	}
	lx = pad;
	double ly = h - legend + 6;
	for (size_t i = 0; i < nlg; i++) {
		double iw = 16 + sq_svg_text_width(lg[i].label) * FONT + 16;
		if (lx > pad && lx + iw - 16 > w - pad) {
			ly += 20;
			lx = pad;
		}
		sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
		    "height=\"12\" stroke=\"#666666\" stroke-width=\"0.5\" "
		    "fill=\"", lx, ly);
		esc(b, lg[i].fill);
		sq_buf_printf(b, "\" class=\"legend\"/><text x=\"%.1f\" "
		    "y=\"%.1f\" class=\"legend\">", lx + 16, ly + 11);
		esc(b, lg[i].label);
		sq_buf_adds(b, "</text>\n");
		lx += iw;
	}
	sq_buf_adds(b, "</svg>");
}

static const char *const series[] = { "#1f77b4", "#d62728", "#2ca02c",
	"#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
	"#bcbd22" };

const char *
sq_svg_series(size_t i)
{
	return series[i % (sizeof(series) / sizeof(series[0]))];
}

void
sq_svg_routes(struct sq_buf *b, const struct sq_svg_chart *c,
    const struct sq_svg_item *v, size_t n, const struct sq_svg_route *r,
    size_t nr)
{
	const double W = c->width > 0 ? c->width : 800, M = 40, KEY = 20;
	double minx = 1e300, maxx = -1e300, miny = 1e300, maxy = -1e300;

	for (size_t i = 0; i < n; i++) {
		minx = fmin(minx, v[i].x);
		maxx = fmax(maxx, v[i].x);
		miny = fmin(miny, v[i].y);
		maxy = fmax(maxy, v[i].y);
	}
	if (n == 0)
		minx = maxx = miny = maxy = 0;
	double span = fmax(maxx - minx, maxy - miny);
	if (span <= 0)
		span = 1;
	double k = (W - 2 * M) / span;
	double mh = (maxy - miny) * k + 2 * M, H = mh + KEY * (double)(nr + 1);
#define PX(x_) (M + ((x_) - minx) * k)
#define PY(y_) (M + (maxy - (y_)) * k)
	sq_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
	    "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
	    "font-family=\"sans-serif\" font-size=\"11\">\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
	    W, H, W, H);
	for (size_t ri = 0; ri < nr; ri++) {
		sq_buf_adds(b, "<polyline fill=\"none\" stroke=\"");
		esc(b, r[ri].stroke ? r[ri].stroke : sq_svg_series(ri));
		sq_buf_adds(b, "\" stroke-width=\"2\" stroke-opacity=\"0.8\" "
		    "points=\"");
		for (size_t a = 0; a < r[ri].nstops; a++) {
			const struct sq_svg_item *x = &v[r[ri].stops[a]];
			sq_buf_printf(b, "%s%.1f,%.1f", a ? " " : "", PX(x->x),
			    PY(x->y));
		}
		sq_buf_adds(b, "\"><title>");
		esc(b, r[ri].title);
		sq_buf_adds(b, "</title></polyline>\n");
	}
	for (size_t i = 0; i < n; i++) {
		const struct sq_svg_item *x = &v[i];
		if (x->square)
			sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" "
			    "width=\"10\" height=\"10\" fill=\"black\"/>\n",
			    PX(x->x) - 5, PY(x->y) - 5);
		else
			sq_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" "
			    "r=\"4\" fill=\"#444\"/>\n", PX(x->x), PY(x->y));
		sq_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", PX(x->x) + 6,
		    PY(x->y) - 6);
		esc(b, x->label);
		sq_buf_adds(b, "</text>\n");
	}
	for (size_t ri = 0; ri < nr; ri++) {
		double y = mh + KEY * (double)ri;
		sq_buf_printf(b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" "
		    "y2=\"%.1f\" stroke=\"", M, y - 4, M + 24, y - 4);
		esc(b, r[ri].stroke ? r[ri].stroke : sq_svg_series(ri));
		sq_buf_printf(b, "\" stroke-width=\"3\"/>\n<text x=\"%.0f\" "
		    "y=\"%.1f\">", M + 30, y);
		esc(b, r[ri].key);
		sq_buf_adds(b, "</text>\n");
	}
	sq_buf_adds(b, "</svg>");
#undef PX
#undef PY
}
