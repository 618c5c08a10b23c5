/*
 * svg.c — the charts of svg.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "svg.h"
#include "text.h"

#define FONT	12.0	/* px */
#define ROW	18.0	/* bar row height */

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

static void
open_svg(struct sq_buf *b, const struct sq_svg_chart *c, double w, double h)
{
	sq_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" id=\"");
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

void
sq_svg_hbars(struct sq_buf *b, const struct sq_svg_chart *c,
    const struct sq_svg_item *v, size_t n)
{
	double w = c->width > 0 ? c->width : 640, lw = 0, tw = 0;
	double max = scale_max(c, v, n);

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
	double h = n * ROW + 4;
	open_svg(b, c, w, h);
	for (size_t i = 0; i < n; i++) {
		const struct sq_svg_item *it = &v[i];
		double y = 2 + i * ROW, f = clamp01(it->value / max);
		sq_buf_printf(b, "<g%s>", "");
		tip(b, it);
		sq_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\" class=\"label\">", lw - 6, y + 13);
		esc(b, it->label);
		sq_buf_printf(b, "</text><rect x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\" fill=\"#eeeeee\" "
		    "class=\"track\"/>", lw, y + 2, bw, ROW - 5);
		sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"", lw, y + 2, bw * f, ROW - 5);
		esc(b, it->fill ? it->fill : c->fill ? c->fill : "#4a7ab5");
		sq_buf_addc(b, '"');
		class_attr(b, "bar", it->cls);
		sq_buf_adds(b, "/>");
		if (it->part >= 0)
			sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			    "class=\"part\"/>", lw, y + 2,
			    bw * clamp01(it->part / max), ROW - 5,
			    c->part_fill ? c->part_fill : "#1f3f66");
		if (it->mark >= 0) {
			double x = lw + bw * clamp01(it->mark / max);
			sq_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\" "
			    "stroke-width=\"1.5\" class=\"mark\"/>", x, y,
			    x, y + ROW - 1);
		}
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
	double left = 34, top = 8, ch = 140, lab = 16;
	double cw = n ? (w - left - 4) / n : 0;
	double h = top + ch + lab + 4;

	open_svg(b, c, w, h);
	for (int k = 0; k <= 2; k++) {
		double y = top + ch - ch * k / 2.0;
		sq_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#cccccc\" class=\"grid\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "font-size=\"10\" class=\"axis\">%g", left, y, w - 4, y,
		    left - 3, y + 4, max * k / 2.0);
		esc(b, c->axis_unit);
		sq_buf_adds(b, "</text>\n");
	}
	double fs = cw < 14 ? fmax(cw * 0.75, 6) : 10;
	for (size_t i = 0; i < n; i++) {
		const struct sq_svg_item *it = &v[i];
		double x = left + i * cw, f = clamp01(it->value / max);
		sq_buf_adds(b, "<g>");
		tip(b, it);
		sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"", x + cw * 0.12,
		    top + ch * (1 - f), cw * 0.76, ch * f);
		esc(b, it->fill ? it->fill : c->fill ? c->fill : "#4a7ab5");
		sq_buf_addc(b, '"');
		class_attr(b, "bar", it->cls);
		sq_buf_printf(b, "/><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-size=\"%.1f\" "
		    "class=\"label\">", x + cw / 2, top + ch + lab - 3, fs);
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
	double pad = 18, legend = nlg ? 24 : 0;
	double sx = x1 > x0 ? x1 - x0 : 1, sy = y1 > y0 ? y1 - y0 : 1;
	double s = fmin((w - 2 * pad) / sx, 1e9);
	if (sy * s > w * 0.7)		/* keep the plan on half a page */
		s = w * 0.7 / sy;
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
		sq_buf_printf(b, "/><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-size=\"%.1f\" "
		    "class=\"label\">", x, y + side * 0.13,
		    fmin(side * 0.42, 11));
		esc(b, it->label);
		sq_buf_adds(b, "</text></g>\n");
	}
	for (size_t i = 0; i < nmarks; i++) {
		const struct sq_svg_item *it = &marks[i];
		double x = ox + (it->x - x0) * s, y = pad + (y1 - it->y) * s;
		sq_buf_adds(b, "<g>");
		tip(b, it);
		sq_buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
		    "fill=\"#333333\" class=\"mark\"/><text x=\"%.1f\" "
		    "y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" "
		    "class=\"label\">", x, y - 7, x - 7, y + 5, x + 7, y + 5,
		    x, y + 16);
		esc(b, it->label);
		sq_buf_adds(b, "</text></g>\n");
	}
	double lx = pad;
	for (size_t i = 0; i < nlg; i++) {
		double ly = h - legend + 6;
		sq_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
		    "height=\"12\" stroke=\"#666666\" stroke-width=\"0.5\" "
		    "fill=\"", lx, ly);
		esc(b, lg[i].fill);
		sq_buf_printf(b, "\" class=\"legend\"/><text x=\"%.1f\" "
		    "y=\"%.1f\" class=\"legend\">", lx + 16, ly + 11);
		esc(b, lg[i].label);
		sq_buf_adds(b, "</text>\n");
		lx += 16 + sq_svg_text_width(lg[i].label) * FONT + 16;
	}
	sq_buf_adds(b, "</svg>");
}
