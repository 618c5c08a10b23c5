/*
 * plan.c — the plan: where the buildings and the gate are, for the map.
 */
#include "report.h"

/* ---- the plan -------------------------------------------------------- */

int
plan_begin(void *ctx, const struct sq_reader *r)
{
	struct plan_ctx *p = ctx;
	/* a site named by its building will do (as sq-rounds reads it) */
	static const char *const site[] = { "site", "building", NULL };

	/* the names as written: share/aliases.txt [rounds] */
	p->file = sq_reader_name(r);
	p->site = sq_reader_col_any(r, site);
	p->kind = sq_reader_col(r, "kind");
	p->x = sq_reader_col(r, "x");
	p->y = sq_reader_col(r, "y");
	p->lat = sq_reader_col(r, "lat");
	p->lon = sq_reader_col(r, "lon");
	p->community = sq_reader_col(r, "community");
	if (p->site < 0 || ((p->x < 0 || p->y < 0) && (p->lat < 0 || p->lon < 0))) {
		sq_error("%s: a plan needs site,x,y (or site,lat,lon) columns",
		    p->file);
		return -1;
	}
	return 0;
}

void
plan_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct plan_ctx *p = ctx;
	struct report *R = p->R;
	size_t n, kn, cn;
	const char *s = sq_rec_cell_trim(rec, p->site, &n);
	const char *k = sq_rec_cell_trim(rec, p->kind, &kn);
	const char *cm = sq_rec_cell_trim(rec, p->community, &cn);
	const char *only = R->community ? R->community : R->name;
	double x, y;

	if (p->community >= 0 && only && cn &&
	    (cn != strlen(only) || memcmp(cm, only, cn) != 0))
		return;
	if (p->x >= 0 && p->y >= 0) {
		x = dnum(p->file, rec, r, p->x, 0);
		y = dnum(p->file, rec, r, p->y, 0);
	} else {
		/* degrees to metres on a local plane: fine for one estate */
		double lat = dnum(p->file, rec, r, p->lat, 0);
		double lon = dnum(p->file, rec, r, p->lon, 0);
		y = lat * 111320.0;
		x = lon * 111320.0 * cos(lat * M_PI / 180);
	}
	if (isnan(x) || isnan(y))
		return;
	/* the words of share/sites.txt, as every program reads a plan */
	int gate = sq_site_kind(R->c.in.datadir, p->kind >= 0 && kn ? k : s,
	    p->kind >= 0 && kn ? kn : n) == SQ_SITE_GATE;
	json_t *o = json_object();
	json_object_set_new(o, "site", json_stringn(s, n));
	json_object_set_new(o, "x", json_real(x));
	json_object_set_new(o, "y", json_real(y));
	json_object_set_new(o, "gate", json_boolean(gate));
	json_array_append_new(R->plan_points, o);
}
