/*
 * inputs.c — the plan's other inputs: the testing points, the buildings
 * under closure, the households to sample at the door.
 */
#include "state.h"

/* ---- the plan: points, closures, door lists ----------------------------- */

static int
read_minutes(const char *file, long line, const char *p, size_t len,
    int *out)
{
	char hm[6];
	const char *why = NULL;

	if (sq_time_parse(p, len, hm, &why) != SQ_VAL_OK) {
		sq_problem(file, line, "start '%.*s': %s", (int)(len > 30 ? 30 :
		    len), p, why ? why : "not a time");
		return -1;
	}
	*out = atoi(hm) * 60 + atoi(hm + 3);
	return 0;
}

static int
read_count(const char *file, long line, const char *what, const char *p,
    size_t len, long max, int *out)
{
	long v;

	if (len == 0)
		return 0;
	if (sq_long_parse(p, len, 1, max, &v) != SQ_VAL_OK) {
		sq_problem(file, line, "%s '%.*s': expected a whole number from "
		    "1 to %ld; the default is used", what, (int)(len > 30 ?
		    30 : len), p, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

struct point *
read_points(struct state *s, size_t *np)
{
	struct point *pt = NULL;
	size_t n = 0, cap = 0;

	if (s->points_path) {
		struct sq_reader *r = sq_reader_open(s->points_path, &s->c.in);
		if (r == NULL)
			exit(SQ_EXIT_USAGE);
		const char *file = sq_reader_name(r);
		static const char *const c_point[] = { "point", "site", "name",
		    NULL };
		long cn = sq_reader_col_any(r, c_point);
		long cx = sq_reader_col(r, "x"), cy = sq_reader_col(r, "y");
		long cla = sq_reader_col(r, "lat"), clo = sq_reader_col(r, "lon");
		long cd = sq_reader_col(r, "desks"), cr = sq_reader_col(r, "rate");
		long cs = sq_reader_col(r, "start");
		if (cn < 0)
			sq_fatal("%s: no 'point' column (the testing point's "
			    "name)", file);
		int latlon = (cx < 0 || cy < 0) && cla >= 0 && clo >= 0;
		if (latlon && s->have_sites && !s->sites.latlon)
			sq_fatal("%s: the points are in lat, lon but the site "
			    "plan is in x, y metres: give both the same way",
			    file);
		struct sq_rec rec;
		int st;
		sq_rejects_table(s->rj, "points", sq_reader_rawheader(r));
		sq_rec_init(&rec);
		while ((st = sq_reader_next(r, &rec)) > 0) {
			size_t len;
			const char *p;
			if (st == SQ_READ_BAD) {
				sq_rejects_add(s->rj, file, &rec, rec.err);
				continue;
			}
			p = sq_rec_cell_trim(&rec, cn, &len);
			if (len == 0) {
				sq_rejects_add(s->rj, file, &rec, "no point name; "
				    "row ignored");
				continue;
			}
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				pt = sq_xrealloc(pt, cap * sizeof(*pt));
			}
			struct point *x = &pt[n];
			memset(x, 0, sizeof(*x));
			x->name = sq_xstrndup(p, len);
			x->desks = (int)s->set.desks;
			x->rate = (int)s->set.rate;
			x->start = s->set.start;
			p = sq_rec_cell_trim(&rec, cd, &len);
			read_count(file, rec.line, "desks", p, len, 1000,
			    &x->desks);
			p = sq_rec_cell_trim(&rec, cr, &len);
			read_count(file, rec.line, "rate", p, len, 100000,
			    &x->rate);
			p = sq_rec_cell_trim(&rec, cs, &len);
			if (len)
				read_minutes(file, rec.line, p, len, &x->start);
			double a, b;
			size_t la, lb;
			const char *pa = sq_rec_cell_trim(&rec, latlon ? cla : cx,
			    &la);
			const char *pb = sq_rec_cell_trim(&rec, latlon ? clo : cy,
			    &lb);
			if (la && lb && sq_double_parse(pa, la, &a) == SQ_VAL_OK &&
			    sq_double_parse(pb, lb, &b) == SQ_VAL_OK) {
				x->has_xy = 1;
				x->x = a;
				x->y = b;
				if (latlon && s->have_sites)
					sq_sites_project(&s->sites, a, b, &x->x,
					    &x->y);
				else if (latlon)
					x->has_xy = 0;	/* no plan to put it on */
			} else if (la || lb) {
				sq_problem(file, rec.line, "point '%s': bad "
				    "coordinates; placed by the site plan or "
				    "nowhere", x->name);
			}
			if (!x->has_xy && s->have_sites) {
				long si = sq_sites_named(&s->sites, x->name);
				if (si >= 0) {
					x->has_xy = 1;
					x->x = s->sites.v[si].x;
					x->y = s->sites.v[si].y;
				}
			}
			n++;
		}
		sq_rec_free(&rec);
		sq_reader_close(r);
		if (st < 0)
			exit(SQ_EXIT_USAGE);
		if (n == 0)
			sq_fatal("%s: no testing point in it", s->points_path);
	} else if (s->have_sites) {
		for (size_t i = 0; i < s->sites.n; i++)
			if (s->sites.v[i].kind == SQ_SITE_POINT) {
				if (n == cap) {
					cap = cap ? 2 * cap : 8;
					pt = sq_xrealloc(pt, cap * sizeof(*pt));
				}
				struct point *x = &pt[n++];
				memset(x, 0, sizeof(*x));
				x->name = sq_xstrdup(s->sites.v[i].name);
				x->has_xy = 1;
				x->x = s->sites.v[i].x;
				x->y = s->sites.v[i].y;
			}
	}
	if (n == 0) {	/* one point, at the gate when there is one */
		pt = sq_xcalloc(1, sizeof(*pt));
		pt->name = say(&s->words, W_POINT, json_object());
		long g = s->have_sites ? sq_sites_first(&s->sites,
		    SQ_SITE_GATE) : -1;
		if (g >= 0) {
			pt->has_xy = 1;
			pt->x = s->sites.v[g].x;
			pt->y = s->sites.v[g].y;
		}
		n = 1;
	}
	/* the options win over the table and the settings */
	for (size_t i = 0; i < n; i++) {
		if (!s->points_path || s->opt_desks > 0)
			pt[i].desks = (int)s->set.desks;
		if (!s->points_path || s->opt_rate > 0)
			pt[i].rate = (int)s->set.rate;
		if (!s->points_path || s->opt_start >= 0)
			pt[i].start = s->set.start;
	}
	*np = n;
	return pt;
}

/* Buildings (or units) under closure: every household sampled at home. */
void
read_closed(struct state *s)
{
	struct sq_reader *r = sq_reader_open(s->closed_path, &s->c.in);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		exit(SQ_EXIT_USAGE);
	const char *file = sq_reader_name(r);
	static const char *const c_bld[] = { "building", "site", "address",
	    NULL };
	long cb = sq_reader_col_any(r, c_bld);
	long cu = sq_reader_col(r, "unit"), cc = sq_reader_col(r, "community");
	if (cb < 0)
		sq_fatal("%s: no 'building' column (楼号: the buildings under "
		    "closure)", file);
	sq_rejects_table(s->rj, "closed", sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t bl, ul, cl;
		char bk[SQ_BKEY_MAX], uk[16] = "", msg[200];
		if (st == SQ_READ_BAD) {
			sq_rejects_add(s->rj, file, &rec, rec.err);
			continue;
		}
		const char *b = sq_rec_cell_trim(&rec, cb, &bl);
		const char *u = sq_rec_cell_trim(&rec, cu, &ul);
		const char *cm = sq_rec_cell_trim(&rec, cc, &cl);
		if (bl == 0 && ul == 0)
			continue;	/* a blank line of a list */
		if (sq_building_key(b, bl, bk, sizeof(bk)) < 0) {
			snprintf(msg, sizeof(msg), _("'%.*s' is not a building; "
			    "row ignored"), (int)(bl > 40 ? 40 : bl), b);
			sq_rejects_add(s->rj, file, &rec, msg);
			continue;
		}
		if (ul) {
			/* the unit as the key spells it: "2单元" -> "U02" */
			char ub[64], key[SQ_ADDR_KEYMAX];
			struct sq_addr a;
			const char *why;
			snprintf(ub, sizeof(ub), "%.*s", (int)ul, u);
			if (sq_addr_from_parts("1", ub, "1", &a, &why) < 0 ||
			    a.unit[0] == '\0') {
				snprintf(msg, sizeof(msg), _("unit '%s' cannot be "
				    "read; row ignored"), ub);
				sq_rejects_add(s->rj, file, &rec, msg);
				continue;
			}
			sq_addr_key(&a, key, sizeof(key));
			key_part(key, 'U', uk, sizeof(uk));
		}
		long comm = cl ? sq_strtab_find(&s->names, cm, cl) : -1;
		long hit = 0;
		for (size_t i = 0; i < s->nbld; i++) {
			struct building *x = &s->bld[i];
			if (strcmp(x->key, bk) != 0 || (cl && (comm < 0 ||
			    x->community != (uint32_t)comm)))
				continue;
			hit++;
			if (!ul) {
				x->closed = 1;
				continue;
			}
			for (size_t k = 0; k < s->nhh; k++) {
				struct household *h = &s->hh[k];
				if (h->bld == i && strcmp(sq_strtab_str(&s->units,
				    h->unit), uk) == 0)
					h->door |= DOOR_CLOSED;
			}
		}
		if (hit == 0) {
			/* a row that closes nothing: kept with the reason */
			snprintf(msg, sizeof(msg), _("building '%.*s' is not in "
			    "the roster"), (int)(bl > 40 ? 40 : bl), b);
			sq_rejects_add(s->rj, file, &rec, msg);
		}
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st < 0)
		exit(SQ_EXIT_USAGE);
	for (size_t k = 0; k < s->nhh; k++)
		if (s->bld[s->hh[k].bld].closed)
			s->hh[k].door |= DOOR_CLOSED;
}

/* More households sampled at home: a list by hh or address. */
void
read_door(struct state *s)
{
	struct sq_reader *r = sq_reader_open(s->door_path, &s->c.in);
	struct sq_rowaddr ra;
	struct sq_rec rec;
	int st;

	if (r == NULL)
		exit(SQ_EXIT_USAGE);
	const char *file = sq_reader_name(r);
	sq_rowaddr_find(&ra, r);
	if (sq_rowaddr_need(&ra, r, _("the door-to-door list")) < 0)
		exit(SQ_EXIT_USAGE);
	need_community(s, &ra, file);
	sq_rejects_table(s->rj, "door", sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		char key[SQ_ADDR_KEYMAX], msg[600];
		struct sq_res res;
		const char *why;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(s->rj, file, &rec, rec.err);
			continue;
		}
		long i = find_household(s, &ra, &rec, key, &res, &why);
		if (i >= 0) {
			s->hh[i].door |= DOOR_LIST;
			continue;
		}
		/* a row that finds no household: kept with the reason */
		if (i == -2)
			snprintf(msg, sizeof(msg), _("address cannot be read: %s"),
			    why);
		else if (res.kind == SQ_RES_AMBIGUOUS) {
			char *c = candidates(s, &res, ", ");
			snprintf(msg, sizeof(msg), _("%s could be %zu households "
			    "(%s%s): give the unit"), key, res.ncand, c,
			    res.ncand > SQ_RES_MAXCAND ? ", ..." : "");
			free(c);
		} else if (res.nearest >= 0)
			snprintf(msg, sizeof(msg), _("household %s is not in the "
			    "roster (the nearest is %s)"), key,
			    s->hh[res.nearest].text);
		else
			snprintf(msg, sizeof(msg), _("household %s is not in the "
			    "roster"), key);
		sq_rejects_add(s->rj, file, &rec, msg);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st < 0)
		exit(SQ_EXIT_USAGE);
}
