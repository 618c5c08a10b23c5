/*
 * checkins.c — checkins-DATE.csv: the daily health check-in form exports.
 */
#include "gen.h"

struct ci {
	int	 t;		/* seconds after midnight */
	int	 hh;
	int	 second;	/* a second report the same day */
};

static int
ci_cmp(const void *a, const void *b)
{
	const struct ci *x = a, *y = b;

	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	if (x->hh != y->hh)
		return (x->hh > y->hh) - (x->hh < y->hh);
	return x->second - y->second;
}

static int
ci_time(struct rng *r)
{
	double u = rng_unit(r);

	if (u < 0.7)	/* the morning reminder */
		return rng_range(r, 7 * 3600, 10 * 3600 - 1);
	if (u < 0.95)
		return rng_range(r, 10 * 3600, 20 * 3600 - 1);
	if (u < 0.99)
		return rng_range(r, 20 * 3600, 24 * 3600 - 1);
	return rng_range(r, 6 * 3600, 7 * 3600 - 1);
}

void
write_checkins(struct out *o, const struct comm *c, uint64_t seed, int messy,
    long day, int di)
{
	struct rng r, mr;
	struct ci *v = sq_xcalloc(c->n * 2 + 1, sizeof(*v));
	size_t nv = 0;
	int y, mo, d;

	civil_from_days(day, &y, &mo, &d);
	rng_seed(&r, seed, ST_CHECKIN, (uint64_t)c->idx * 1000 + (uint64_t)di);
	for (size_t i = 0; i < c->n; i++) {
		if (!rng_chance(&r, c->h[i].p))
			continue;
		v[nv].t = ci_time(&r);
		v[nv++].hh = (int)i;
		if (rng_chance(&r, 0.005)) {
			v[nv].t = v[nv - 1].t + rng_range(&r, 60, 6 * 3600);
			if (v[nv].t >= 24 * 3600)
				v[nv].t = 24 * 3600 - 1;
			v[nv].hh = (int)i;
			v[nv++].second = 1;
		}
	}
	qsort(v, nv, sizeof(*v), ci_cmp);
	for (size_t k = 0; k < nv; k++) {
		const struct hh *h = &c->h[v[k].hh];
		char addr[128], name[48], temp[32];
		int t = v[k].t, room = h->room, b = h->b, u = h->u;
		double p = rng_unit(&r);
		int style = p < 0.4 ? A_DASH : p < 0.6 ? A_HAO_NOSHI :
		    p < 0.72 ? A_HAO : p < 0.8 ? A_DONG : p < 0.86 ?
		    A_HAO_SHORT : p < 0.92 ? A_DASH_ROOM : p < 0.96 ? A_FULL :
		    A_ZHUANG;

		if (messy)
			out_cellf(o, "%d/%d/%d %d:%02d:%02d", y, mo, d,
			    t / 3600, t / 60 % 60, t % 60);
		else
			out_cellf(o, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d,
			    t / 3600, t / 60 % 60, t % 60);
		out_cell(o, c->name);
		if (rng_chance(&r, 0.003)) {
			/* a typo: digits swapped, or the wrong unit */
			if (room % 10 != room / 10 % 10 && rng_chance(&r, 0.6))
				room = room / 100 * 100 + room % 10 * 10 +
				    room / 10 % 10;
			else
				u = u % 4 + 1;
		}
		addr_render(addr, sizeof(addr), b, u, room, style,
		    messy && rng_chance(&r, 0.02) ? 2 : 0);
		out_cell(o, addr);
		if (h->members > 1 && rng_chance(&r, 0.15)) {
			/* someone else in the household fills the form in */
			char g[16];
			rng_seed(&mr, seed, ST_MEMBER, (uint64_t)c->idx *
			    10000000u + (uint64_t)v[k].hh);
			make_given(&mr, g, sizeof(g));
			size_t sl = (unsigned char)h->name[0] >= 0x80 ? 3 : 1;
			if (strncmp(h->name, "欧阳", 6) == 0 ||
			    strncmp(h->name, "上官", 6) == 0 ||
			    strncmp(h->name, "司马", 6) == 0)
				sl = 6;
			snprintf(name, sizeof(name), "%.*s%s", (int)sl,
			    h->name, g);
		} else
			snprintf(name, sizeof(name), "%s", h->name);
		out_cell(o, name);
		p = rng_unit(&r);
		int fever = 0;
		if (p < 0.005) {
			fever = 1;
			snprintf(temp, sizeof(temp), "%.1f",
			    37.3 + rng_unit(&r) * 2.2);
		} else if (p < 0.0065) {
			static const char *const badt[] = {
				"正常", "98.6", "25", "365", "36.5/36.8", "未测"
			};
			snprintf(temp, sizeof(temp), "%s",
			    badt[rng_below(&r, 6)]);
		} else {
			double x = rng_unit(&r);
			x += rng_unit(&r);
			x += rng_unit(&r);
			x = 36.5 + (x - 1.5) * 0.4;
			if (messy && rng_chance(&r, 0.02))
				snprintf(temp, sizeof(temp), "%.1f℃", x);
			else if (messy && rng_chance(&r, 0.01))
				snprintf(temp, sizeof(temp), "%.0f", x);
			else
				snprintf(temp, sizeof(temp), "%.1f", x);
		}
		out_cell(o, temp);
		out_cell(o, rng_chance(&r, fever ? 0.4 : 0.01) ? "是" : "否");
		out_end(o);
	}
	free(v);
}
