/*
 * charts.c — the charts of the HTML page (SVG, render/svg.c).
 */
#include "report.h"

/* ---- charts ---------------------------------------------------------- */

static const char *const heat[] = { "#f4f4f4", "#fdd49e", "#fc8d59",
	"#d7301f" };
static const char heat_unknown[] = "#d9d9d9";

static char *
bname(struct report *R, const char *b)
{
	return xasprintf("%s%s%s", word(R, "building_pre"), b,
	    word(R, "building_post"));
}

/*
 * A chart as the page shows it: at the page's width, and again at a
 * phone's, where the stylesheet shows that one instead (report.css), so
 * that no text is under 12 CSS px on either; or nothing at all when it
 * has nothing to show (every value 0, or no item): the section says it
 * in words (words.conf no_chart_*).  `on' is what must not be all 0:
 * the values, or (a progress chart) the parts.
 */
enum chart_kind { K_BARS, K_COLUMNS, K_PLAN };
enum chart_on { ON_VALUE, ON_PART };

#define PAGE_WIDTH	720
#define PHONE_WIDTH	320	/* a 360 px phone's page, less its margins */

struct chart {
	enum chart_kind kind;
	enum chart_on on;
	struct sq_svg_chart c;
	const struct sq_svg_item *v, *marks;
	size_t	 n, nmarks;
	const struct sq_svg_legend *lg;
	size_t	 nlg;
};

static void
draw_one(struct sq_buf *b, const struct chart *ch, const struct sq_svg_chart
    *c)
{
	switch (ch->kind) {
	case K_BARS:
		sq_svg_hbars(b, c, ch->v, ch->n);
		break;
	case K_COLUMNS:
		sq_svg_columns(b, c, ch->v, ch->n);
		break;
	case K_PLAN:
		sq_svg_plan(b, c, ch->v, ch->n, ch->marks, ch->nmarks, ch->lg,
		    ch->nlg);
		break;
	}
}

static void
draw(json_t *svg, const char *key, const struct chart *ch)
{
	int any = 0;

	for (size_t i = 0; i < ch->n && !any; i++)
		any = ch->kind == K_PLAN || (ch->on == ON_PART ?
		    ch->v[i].part > 0 : ch->v[i].value > 0);
	if (!any)
		return;
	struct sq_svg_chart c = ch->c;
	struct sq_buf b;
	sq_buf_init(&b);
	c.width = PAGE_WIDTH;
	c.cls = "wide";
	draw_one(&b, ch, &c);
	sq_buf_addc(&b, '\n');
	char *id = xasprintf("%s-phone", ch->c.id);
	c.id = id;
	c.width = PHONE_WIDTH;
	c.cls = "phone";
	draw_one(&b, ch, &c);
	free(id);
	json_object_set_new(svg, key, json_string(b.s));
	sq_buf_free(&b);
}

static void
chart_coverage(struct report *R, json_t *svg)
{
	json_t *blds = json_object_get(R->data, "buildings");
	size_t n = json_array_size(blds), i;
	struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
	char **tips = sq_xcalloc(n + 1, sizeof(char *));
	json_t *b;

	if (n == 0) {
		free(v);
		free(tips);
		return;
	}
	json_array_foreach(blds, i, b) {
		/* what is shown, never more: a band's bar reaches its low end */
		json_t *cv = json_object_get(b, "coverage");
		const char *ct = json_string_value(json_object_get(b,
		    "coverage_text"));
		char *bn = bname(R, json_string_value(json_object_get(b, "building")));
		v[i].label = json_string_value(json_object_get(b, "building"));
		v[i].value = json_is_integer(cv) ? (double)json_integer_value(cv) :
		    json_is_string(cv) ? atof(json_string_value(cv)) : 0;
		v[i].part = v[i].mark = -1;
		tips[i] = xasprintf("%s: %s", bn, ct ? ct : "-");
		free(bn);
		v[i].tip = tips[i];
		v[i].fill = v[i].value >= 90 ? "#3a7d44" : v[i].value >= 75 ?
		    "#e0a526" : "#c0392b";
	}
	struct chart ch = { K_COLUMNS, ON_VALUE, { "chart-coverage",
	    word(R, "chart_coverage"), 100, "#3a7d44", NULL, 0, "%", NULL },
	    v, NULL, n, 0, NULL, 0 };
	draw(svg, "coverage", &ch);
	for (i = 0; i < n; i++)
		free(tips[i]);
	free(tips);
	free(v);
}

static void
chart_followup(struct report *R, json_t *svg)
{
	json_t *blds = json_object_get(R->data, "buildings");
	size_t n = json_array_size(blds), np = json_array_size(R->plan_points);
	struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
	struct sq_svg_item *gates = sq_xcalloc(np + 1, sizeof(*v));
	char **tips = sq_xcalloc(n + 1, sizeof(char *));
	size_t nv = 0, ng = 0, i, j;
	json_t *b, *pt;
	long t = R->threshold;

	json_array_foreach(R->plan_points, j, pt)
		if (json_is_true(json_object_get(pt, "gate"))) {
			gates[ng].x = json_real_value(json_object_get(pt, "x"));
			gates[ng].y = json_real_value(json_object_get(pt, "y"));
			gates[ng].label = word(R, "gate");
			gates[ng].part = gates[ng].mark = -1;
			ng++;
		}
	json_array_foreach(blds, i, b) {
		const char *bn = json_string_value(json_object_get(b, "building"));
		json_t *found = NULL;
		json_array_foreach(R->plan_points, j, pt) {
			const char *s = json_string_value(json_object_get(pt, "site"));
			if (!json_is_true(json_object_get(pt, "gate")) &&
			    strcmp(s, bn) == 0) {
				found = pt;
				break;
			}
		}
		if (found == NULL) {
			sq_warn(R->plan, 0, "building '%s' is not on the plan",
			    bn);
			continue;
		}
		/* the class disclosure control gave it, from what is shown */
		json_int_t k = json_integer_value(json_object_get(b, "heat"));
		json_t *fu = json_object_get(b, "follow_up");
		char fbuf[32];
		if (json_is_integer(fu))
			snprintf(fbuf, sizeof(fbuf), "%lld",
			    (long long)json_integer_value(fu));
		else
			snprintf(fbuf, sizeof(fbuf), "%s", json_is_string(fu) ?
			    json_string_value(fu) : "-");
		struct sq_svg_item *it = &v[nv];
		it->x = json_real_value(json_object_get(found, "x"));
		it->y = json_real_value(json_object_get(found, "y"));
		it->label = bn;
		it->part = it->mark = -1;
		it->fill = k >= 0 && k <= 3 ? heat[k] : heat_unknown;
		char *name = bname(R, bn);
		tips[nv] = xasprintf("%s: %s%s", name, fbuf, json_is_null(fu) ?
		    "" : word(R, "hh_unit"));
		free(name);
		it->tip = tips[nv];
		nv++;
	}
	/* a class is "at least": a band's colour is its low end's */
	char *l[5];
	l[0] = xasprintf("<%ld%s", t, word(R, "hh_unit"));
	l[1] = xasprintf("≥%ld", t);
	l[2] = xasprintf("≥%ld", 2 * t);
	l[3] = xasprintf("≥%ld", 4 * t);
	l[4] = xasprintf("%s", word(R, "not_shown"));
	struct sq_svg_legend lg[5];
	for (int k = 0; k < 4; k++)
		lg[k] = (struct sq_svg_legend){ heat[k], l[k] };
	lg[4] = (struct sq_svg_legend){ heat_unknown, l[4] };
	int nlg = 4;
	for (i = 0; i < nv; i++)
		if (v[i].fill == heat_unknown)
			nlg = 5;
	struct chart ch = { K_PLAN, ON_VALUE, { "chart-followup",
	    word(R, "chart_followup"), 0, NULL, NULL, 0, NULL, NULL },
	    v, gates, nv, ng, lg, (size_t)nlg };
	if (nv > 0)	/* no building on the plan: no map */
		draw(svg, "followup", &ch);
	for (int k = 0; k < 5; k++)
		free(l[k]);
	for (i = 0; i < nv; i++)
		free(tips[i]);
	free(tips);
	free(v);
	free(gates);
}

/* hbars over an array of objects: label key, value key, optional parts */
static void
chart_bars(struct report *R, json_t *svg, const char *name, const char *id,
    const char *title, json_t *arr, const char *labelk, const char *pre,
    const char *post, const char *valk, const char *partk, const char *maxk,
    const char *unit)
{
	size_t n = json_array_size(arr), i;
	struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
	char **lab = sq_xcalloc(n + 1, sizeof(char *));
	char **txt = sq_xcalloc(n + 1, sizeof(char *));
	json_t *o;

	if (n == 0)
		goto out;
	json_array_foreach(arr, i, o) {
		lab[i] = xasprintf("%s%s%s", pre, json_string_value(
		    json_object_get(o, labelk)), post);
		double val = (double)json_integer_value(json_object_get(o, valk));
		v[i].label = lab[i];
		v[i].value = maxk ? (double)json_integer_value(
		    json_object_get(o, maxk)) : val;
		v[i].part = partk ? (double)json_integer_value(
		    json_object_get(o, partk)) : -1;
		v[i].mark = -1;
		if (partk)
			txt[i] = xasprintf("%lld/%lld%s", (long long)v[i].part,
			    (long long)val, unit);
		else if (maxk) {
			txt[i] = xasprintf("%lld/%lld%s", (long long)val,
			    (long long)v[i].value, unit);
			/* the filled part over the need */
			v[i].part = val;
			if (val < v[i].value)
				v[i].cls = "short";
		} else if (json_is_string(json_object_get(o, valk)))
			/* a figure disclosure control gave as "<3": as it is,
			   with no bar that would say more */
			txt[i] = xasprintf("%s%s", json_string_value(
			    json_object_get(o, valk)), unit);
		else
			txt[i] = xasprintf("%lld%s", (long long)val, unit);
		v[i].text = txt[i];
		if (partk)
			v[i].value = val;
	}
	struct chart ch = { K_BARS, partk ? ON_PART : ON_VALUE, { id, title, 0,
	    maxk ? "#f1b6ac" : "#9db8d9", maxk ? "#3a7d44" : "#2c5d8f", 0,
	    NULL, NULL }, v, NULL, n, 0, NULL, 0 };
	if (!partk && !maxk)
		ch.c.fill = "#4a7ab5";
	draw(svg, name, &ch);
out:
	for (i = 0; i < n; i++) {
		free(lab[i]);
		free(txt[i]);
	}
	free(lab);
	free(txt);
	free(v);
}

static void
chart_stock(struct report *R, json_t *svg)
{
	json_t *items = json_object_get(json_object_get(R->data, "stock"),
	    "items");
	size_t n = json_array_size(items), i;
	struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
	char **txt = sq_xcalloc(n + 1, sizeof(char *));
	json_t *o;

	if (n == 0)
		goto out;
	/* each item on its own scale: twice its threshold, or its quantity */
	json_array_foreach(items, i, o) {
		json_t *q = json_object_get(o, "qty"), *t = json_object_get(o,
		    "threshold"), *d = json_object_get(o, "days_left");
		double qty = json_is_integer(q) ? (double)json_integer_value(q) :
		    json_is_string(q) ? atof(json_string_value(q)) : 0;
		double thr = json_is_integer(t) ? (double)json_integer_value(t) :
		    json_is_string(t) ? atof(json_string_value(t)) : -1;
		double full = fmax(qty, thr > 0 ? 2 * thr : qty);
		if (full <= 0)
			full = 1;
		int low = json_is_true(json_object_get(o, "low"));
		v[i].label = json_string_value(json_object_get(o, "item"));
		v[i].value = qty / full;
		v[i].mark = thr >= 0 ? thr / full : -1;
		v[i].part = -1;
		v[i].fill = low ? "#c0392b" : "#3a7d44";
		v[i].cls = low ? "low" : NULL;
		struct sq_buf b;
		sq_buf_init(&b);
		if (json_is_integer(q))
			sq_buf_printf(&b, "%lld", (long long)json_integer_value(q));
		else if (json_is_string(q))
			sq_buf_adds(&b, json_string_value(q));
		sq_buf_adds(&b, json_string_value(json_object_get(o, "unit")));
		if (json_is_integer(d))
			sq_buf_printf(&b, " · %lld%s", (long long)
			    json_integer_value(d), word(R, "days_unit"));
		else if (json_is_string(d))
			sq_buf_printf(&b, " · %s%s", json_string_value(d),
			    word(R, "days_unit"));
		txt[i] = sq_buf_take(&b);
		v[i].text = txt[i];
	}
	struct chart ch = { K_BARS, ON_VALUE, { "chart-stock",
	    word(R, "chart_stock"), 1, "#3a7d44", NULL, 0, NULL, NULL },
	    v, NULL, n, 0, NULL, 0 };
	draw(svg, "stock", &ch);
out:
	for (i = 0; i < n; i++)
		free(txt[i]);
	free(txt);
	free(v);
}

/*
 * One column chart a testing point: the people called each quarter hour
 * (the plan's, to the nearest 5), hours under the columns.
 */
static void
chart_queue(struct report *R, json_t *svg)
{
	json_t *pts = json_object_get(json_object_get(json_object_get(R->data,
	    "waves"), "plan"), "points"), *pt;
	json_t *list = json_array();
	size_t i;

	json_array_foreach(pts, i, pt) {
		json_t *q = json_object_get(pt, "per_15_minutes");
		size_t n = json_array_size(q), k;
		int m0 = hhmm_minutes(json_string_value(json_object_get(pt,
		    "start")));
		const char *name = json_string_value(json_object_get(pt, "point"));
		struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
		char **txt = sq_xcalloc(2 * n + 1, sizeof(char *));
		if (m0 < 0)
			m0 = 0;
		for (k = 0; k < n; k++) {
			int a = m0 + 15 * (int)k, z = a + 15;
			long c = (long)json_integer_value(json_array_get(q, k));
			txt[2 * k] = a % 60 == 0 ? xasprintf("%02d:00",
			    a / 60 % 24) : xasprintf("%s", "");
			txt[2 * k + 1] = xasprintf("%02d:%02d–%02d:%02d %ld%s",
			    a / 60 % 24, a % 60, z / 60 % 24, z % 60, c,
			    word(R, "people_unit"));
			v[k].label = txt[2 * k];
			v[k].value = (double)c;
			v[k].part = v[k].mark = -1;
			v[k].tip = txt[2 * k + 1];
		}
		char *title = xasprintf("%s %s", name ? name : "",
		    word(R, "chart_queue"));
		char *id = xasprintf("chart-queue-%zu", i + 1);
		struct chart ch = { K_COLUMNS, ON_VALUE, { id, title, 0,
		    "#4a7ab5", NULL, 0, NULL, NULL }, v, NULL, n, 0, NULL, 0 };
		json_t *o = json_object(), *sv = json_object();
		json_object_set(o, "point", json_object_get(pt, "point"));
		draw(sv, "chart", &ch);
		json_object_set_new(o, "svg", sv);
		json_array_append_new(list, o);
		for (k = 0; k < 2 * n; k++)
			free(txt[k]);
		free(txt);
		free(v);
		free(title);
		free(id);
	}
	json_object_set_new(svg, "queue", list);
}

json_t *
charts(struct report *R)
{
	json_t *svg = json_object(), *d;

	chart_coverage(R, svg);
	if (json_array_size(R->plan_points))
		chart_followup(R, svg);
	if ((d = json_object_get(R->data, "deliveries")) != NULL) {
		if (json_object_get(d, "done") != NULL)
			chart_bars(R, svg, "deliveries", "chart-deliveries",
			    word(R, "chart_deliveries"), json_object_get(d,
			    "per_round"), "round", word(R, "round_pre"),
			    word(R, "round_post"), "parcels", "done_parcels",
			    NULL, word(R, "parcels_unit"));
		/* without a delivered column nothing is known done: the
		   chart of progress is not drawn (not 21 bars of 0/30) */
	}
	if ((d = json_object_get(R->data, "posts")) != NULL)
		chart_bars(R, svg, "posts", "chart-posts", word(R, "chart_posts"),
		    json_object_get(d, "list"), "post", "", "", "filled", NULL,
		    "need", word(R, "people_unit"));
	if (json_object_get(R->data, "stock"))
		chart_stock(R, svg);
	chart_queue(R, svg);
	if ((d = json_object_get(R->data, "requests")) != NULL)
		chart_bars(R, svg, "requests", "chart-requests",
		    word(R, "chart_requests"), json_object_get(d, "top"),
		    "category", "", "", "count", NULL, NULL,
		    word(R, "items_unit"));
	return svg;
}
