/*
 * waves.c — the mass-testing call plan: the queue at the testing points
 * and the door rounds (see waves.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "waves.h"

struct point {
	int	 desks, rate;
	long	 per_hour;	/* desks × rate */
	int64_t	 start;
	double	 x, y;
	int	 has_xy;
	long	 load;		/* people given to it */
	struct sq_waves_point_stats st;
};

struct building {
	double	 x, y;
	int	 has_xy, closed;
};

struct household {
	int	 b, unit, floor, people, door;
	long	 row;
};

/* A unit's queued households: hh[first .. first + n) of the sorted order. */
struct unit {
	int	 b, unit;
	long	 first, n;
	long	 people;
	int	 point;
	long	 unit_n;	/* households of the whole unit */
};

struct sq_waves {
	struct sq_waves_settings set;
	struct point *pt;
	int	 npt, cappt;
	struct building *bd;
	int	 nbd, capbd;
	struct household *hh;
	long	 nhh, caphh;
	struct sq_waves_row *row;
	size_t	 nrow, caprow;
	struct sq_waves_stats st;
};

void
sq_waves_defaults(struct sq_waves_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->slot_minutes = 15;
	s->floors_down = 0;
	s->detour = 1.3;
	s->walk_m_per_min = 60;
	s->door_household_minutes = 3;
	s->door_person_minutes = 1;
	s->door_teams = 2;
	s->door_round_minutes = 60;
	s->door_start = 7 * 60;
}

struct sq_waves *
sq_waves_new(const struct sq_waves_settings *s)
{
	struct sq_waves *w = sq_xcalloc(1, sizeof(*w));

	w->set = *s;
	if (w->set.slot_minutes < 1)
		w->set.slot_minutes = 1;
	if (w->set.door_teams < 1)
		w->set.door_teams = 1;
	if (w->set.door_round_minutes < 1)
		w->set.door_round_minutes = 1;
	if (!(w->set.detour >= 1))
		w->set.detour = 1;
	if (!(w->set.walk_m_per_min > 0))
		w->set.walk_m_per_min = 60;
	return w;
}

void
sq_waves_free(struct sq_waves *w)
{
	if (w == NULL)
		return;
	free(w->pt);
	free(w->bd);
	free(w->hh);
	free(w->row);
	free(w);
}

int
sq_waves_add_point(struct sq_waves *w, int desks, int rate, int64_t start,
    const double *xy)
{
	if (w->npt == w->cappt) {
		w->cappt = w->cappt ? 2 * w->cappt : 8;
		w->pt = sq_xrealloc(w->pt, (size_t)w->cappt * sizeof(*w->pt));
	}
	struct point *p = &w->pt[w->npt];
	memset(p, 0, sizeof(*p));
	p->desks = desks < 1 ? 1 : desks;
	p->rate = rate < 1 ? 1 : rate;
	p->per_hour = (long)p->desks * p->rate;
	p->start = start;
	if (xy) {
		p->x = xy[0];
		p->y = xy[1];
		p->has_xy = 1;
	}
	return w->npt++;
}

int
sq_waves_add_building(struct sq_waves *w, const double *xy, int closed)
{
	if (w->nbd == w->capbd) {
		w->capbd = w->capbd ? 2 * w->capbd : 64;
		w->bd = sq_xrealloc(w->bd, (size_t)w->capbd * sizeof(*w->bd));
	}
	struct building *b = &w->bd[w->nbd];
	memset(b, 0, sizeof(*b));
	if (xy) {
		b->x = xy[0];
		b->y = xy[1];
		b->has_xy = 1;
	}
	b->closed = closed != 0;
	return w->nbd++;
}

long
sq_waves_add_household(struct sq_waves *w, int b, int unit, int floor,
    int people, int door)
{
	if (w->nhh == w->caphh) {
		w->caphh = w->caphh ? 2 * w->caphh : 1024;
		w->hh = sq_xrealloc(w->hh, (size_t)w->caphh * sizeof(*w->hh));
	}
	struct household *h = &w->hh[w->nhh];
	h->b = b;
	h->unit = unit;
	h->floor = floor;
	h->people = people < 0 ? 0 : people;
	h->door = door != 0;
	h->row = -1;
	return w->nhh++;
}

int64_t
sq_waves_minutes(long people, long per_hour)
{
	if (people <= 0)
		return 0;
	if (per_hour < 1)
		per_hour = 1;
	return ((int64_t)people * 60 + per_hour - 1) / per_hour;
}

/* ---- distances -------------------------------------------------------- */

/* Walking metres from building b to point p, or -1 when unknown. */
static double
dist_bp(const struct sq_waves *w, int b, int p)
{
	const struct building *x = &w->bd[b];
	const struct point *y = &w->pt[p];

	if (!x->has_xy || !y->has_xy)
		return -1;
	return hypot(x->x - y->x, x->y - y->y) * w->set.detour;
}

static double
dist_bb(const struct sq_waves *w, int a, int b)
{
	const struct building *x = &w->bd[a], *y = &w->bd[b];

	if (a == b || !x->has_xy || !y->has_xy)
		return 0;
	return hypot(x->x - y->x, x->y - y->y) * w->set.detour;
}

/* ---- rows ------------------------------------------------------------- */

static struct sq_waves_row *
new_row(struct sq_waves *w)
{
	if (w->nrow == w->caprow) {
		w->caprow = w->caprow ? 2 * w->caprow : 256;
		w->row = sq_xrealloc(w->row, w->caprow * sizeof(*w->row));
	}
	struct sq_waves_row *r = &w->row[w->nrow++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* ---- the queue -------------------------------------------------------- */

struct hkey {
	int	 b, unit, floor;
	long	 i;
};

static int
by_place(const void *pa, const void *pb)
{
	const struct hkey *a = pa, *b = pb;

	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->floor != b->floor)
		return a->floor < b->floor ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * The minute every point could be done by if none were ever idle: the
 * people poured into the points as they open (water filling over the
 * opening times).
 */
static double
ideal_end(const struct sq_waves *w, long total)
{
	int64_t *starts = sq_xmalloc((size_t)(w->npt + 1) * sizeof(*starts));
	double left = (double)total, t;
	int n = w->npt;

	for (int i = 0; i < n; i++)
		starts[i] = w->pt[i].start;
	/* insertion sort: a handful of points */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && starts[j - 1] > starts[j]; j--) {
			int64_t s = starts[j];
			starts[j] = starts[j - 1];
			starts[j - 1] = s;
		}
	t = (double)starts[0];
	for (int k = 0; k < n; k++) {
		double rate = 0;
		for (int i = 0; i < n; i++)
			if (w->pt[i].start <= starts[k])
				rate += w->pt[i].per_hour / 60.0;
		if (k + 1 < n) {
			double span = (double)(starts[k + 1] - starts[k]);
			if (left > rate * span) {
				left -= rate * span;
				continue;
			}
		}
		t = (double)starts[k] + left / rate;
		break;
	}
	free(starts);
	return t;
}

struct bkey {
	double	 regret;
	int	 b;
};

static int
by_regret(const void *pa, const void *pb)
{
	const struct bkey *a = pa, *b = pb;

	if (a->regret != b->regret)
		return a->regret > b->regret ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

struct pkey {
	double	 d;
	int	 p;
};

static int
by_dist(const void *pa, const void *pb)
{
	const struct pkey *a = pa, *b = pb;

	/* unknown distances (-1) after the known ones */
	if ((a->d < 0) != (b->d < 0))
		return a->d < 0 ? 1 : -1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return a->p < b->p ? -1 : a->p > b->p;
}

/* When point p would be done if it took people more. */
static double
done_at(const struct point *p, long people)
{
	return (double)p->start + 60.0 * (double)(p->load + people) /
	    (double)p->per_hour;
}

/* Extra walking for the people of unit x at point q instead of p. */
static double
extra_walk(const struct sq_waves *w, const struct unit *x, int p, int q)
{
	double a = dist_bp(w, x->b, p), b = dist_bp(w, x->b, q);

	return a >= 0 && b >= 0 ? b - a : 0;
}

/*
 * The greedy pass can leave the last, large units where they make one
 * point late.  While the latest point ends after the limit, move one of
 * its units: to a point that stays within the limit, the least extra
 * walking first; else to the point that brings the latest end forward
 * most.  Each move makes the latest end earlier or the unit's walk short,
 * and the number of moves is bounded, so this ends.
 */
static void
rebalance(struct sq_waves *w, struct unit *u, long nu, double limit)
{
	for (long iter = 0; iter < 4 * nu + 16; iter++) {
		int pmax = 0;
		for (int p = 1; p < w->npt; p++)
			if (done_at(&w->pt[p], 0) > done_at(&w->pt[pmax], 0))
				pmax = p;
		double fmax = done_at(&w->pt[pmax], 0);
		if (fmax <= limit)
			return;
		long bi = -1, bq = -1;
		double bcost = 0, bend = fmax;
		int fits = 0;
		for (long i = 0; i < nu; i++) {
			if (u[i].point != pmax)
				continue;
			double left = done_at(&w->pt[pmax], -u[i].people);
			for (int q = 0; q < w->npt; q++) {
				if (q == pmax)
					continue;
				double fq = done_at(&w->pt[q], u[i].people);
				if (fq <= limit) {
					double c = extra_walk(w, &u[i], pmax, q);
					if (!fits || c < bcost) {
						fits = 1;
						bcost = c;
						bi = i;
						bq = q;
					}
				} else if (!fits) {
					double e = fq > left ? fq : left;
					if (e < bend - 1e-9) {
						bend = e;
						bi = i;
						bq = q;
					}
				}
			}
		}
		if (bi < 0)
			return;
		w->pt[pmax].load -= u[bi].people;
		w->pt[bq].load += u[bi].people;
		u[bi].point = (int)bq;
	}
}

/*
 * Each unit to a point: buildings in order of regret, each unit to the
 * nearest point with room for it, else the one that would be done first.
 */
static void
assign_points(struct sq_waves *w, struct unit *u, long nu, long total)
{
	int np = w->npt;
	double t = ideal_end(w, total);
	struct pkey *pk = sq_xmalloc((size_t)np * sizeof(*pk));

	/*
	 * A point has room while it would be done by the ideal end, plus
	 * half a slot (5 minutes at most): a few minutes of queue rather
	 * than a long walk.
	 */
	double limit = t + (w->set.slot_minutes < 10 ?
	    w->set.slot_minutes / 2.0 : 5);
	for (int p = 0; p < np; p++)
		w->pt[p].load = 0;
	/* the buildings with queued people, and where their units start */
	long *bfirst = sq_xmalloc((size_t)(w->nbd + 1) * sizeof(*bfirst));
	for (int b = 0; b <= w->nbd; b++)
		bfirst[b] = -1;
	struct bkey *bk = sq_xmalloc((size_t)(nu + 1) * sizeof(*bk));
	long nb = 0;
	for (long i = 0; i < nu; i++) {
		if (bfirst[u[i].b] >= 0)
			continue;
		bfirst[u[i].b] = i;
		double d1 = -1, d2 = -1;
		for (int p = 0; p < np; p++) {
			double d = dist_bp(w, u[i].b, p);
			if (d < 0)
				continue;
			if (d1 < 0 || d < d1) {
				d2 = d1;
				d1 = d;
			} else if (d2 < 0 || d < d2)
				d2 = d;
		}
		bk[nb].regret = d2 >= 0 ? d2 - d1 : 0;
		bk[nb++].b = u[i].b;
	}
	qsort(bk, (size_t)nb, sizeof(*bk), by_regret);
	for (long k = 0; k < nb; k++) {
		int b = bk[k].b;
		for (int p = 0; p < np; p++) {
			pk[p].d = dist_bp(w, b, p);
			pk[p].p = p;
		}
		qsort(pk, (size_t)np, sizeof(*pk), by_dist);
		for (long i = bfirst[b]; i < nu && u[i].b == b; i++) {
			int best = -1;
			for (int j = 0; j < np && best < 0; j++)
				if (done_at(&w->pt[pk[j].p], u[i].people) <= limit)
					best = pk[j].p;
			if (best < 0) {	/* no room anywhere: done first */
				double bf = 0;
				for (int j = 0; j < np; j++) {
					double f = done_at(&w->pt[pk[j].p],
					    u[i].people);
					if (best < 0 || f < bf) {
						best = pk[j].p;
						bf = f;
					}
				}
			}
			u[i].point = best;
			w->pt[best].load += u[i].people;
		}
	}
	rebalance(w, u, nu, limit);
	free(bk);
	free(bfirst);
	free(pk);
}

struct ukey {
	double	 d;
	int	 b, unit;
	long	 i;
};

static int
by_walk(const void *pa, const void *pb)
{
	const struct ukey *a = pa, *b = pb;

	if ((a->d < 0) != (b->d < 0))
		return a->d < 0 ? 1 : -1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* The running slot of a point while its parts are laid out. */
struct slotter {
	struct sq_waves *w;
	int	 p;
	long	 cap;		/* people in a full slot */
	long	 people;	/* in the open slot */
	size_t	 first_row;	/* of the open slot */
	int	 slot;
	int64_t	 start;
};

static void
close_slot(struct slotter *s)
{
	struct point *pt = &s->w->pt[s->p];

	if (s->people == 0)
		return;
	int64_t end = s->start + sq_waves_minutes(s->people, pt->per_hour);
	for (size_t r = s->first_row; r < s->w->nrow; r++)
		s->w->row[r].end = end;
	pt->st.slots++;
	pt->st.end = end;
	s->start = end;
	s->people = 0;
}

/* One part of a unit: households ord[a .. b), all in one row. */
static void
add_part(struct slotter *s, const struct hkey *ord, long a, long b,
    long unit_n)
{
	struct sq_waves *w = s->w;
	long people = 0;

	for (long k = a; k < b; k++)
		people += w->hh[ord[k].i].people;
	if (s->people > 0 && s->people + people > s->cap)
		close_slot(s);
	if (s->people == 0) {
		s->first_row = w->nrow;
		s->slot++;
	}
	const struct household *h0 = &w->hh[ord[a].i];
	struct sq_waves_row *r = w->nrow > s->first_row ?
	    &w->row[w->nrow - 1] : NULL;
	/* the next floors of the unit in the same slot: the same row */
	if (r == NULL || r->building != h0->b || r->unit != h0->unit) {
		r = new_row(w);
		r->point = s->p;
		r->building = h0->b;
		r->unit = h0->unit;
		r->floor_lo = r->floor_hi = h0->floor;
		r->start = s->start;
		r->slot = s->slot;
	}
	size_t ri = (size_t)(r - w->row);
	for (long k = a; k < b; k++) {
		struct household *h = &w->hh[ord[k].i];
		if (h->floor < r->floor_lo)
			r->floor_lo = h->floor;
		if (h->floor > r->floor_hi)
			r->floor_hi = h->floor;
		h->row = (long)ri;
	}
	r->households += b - a;
	r->people += people;
	r->whole_unit = r->households == unit_n;
	s->people += people;
	w->pt[s->p].st.people += people;
	w->pt[s->p].st.households += b - a;
}

/* A unit too large for a slot: whole floors, next-fit, into parts. */
static void
split_unit(struct slotter *s, const struct hkey *ord, const struct unit *u)
{
	long a = u->first, end = u->first + u->n, part = 0, k = a;

	while (k < end) {
		long f = k, fp = 0;
		while (f < end && ord[f].floor == ord[k].floor)
			fp += s->w->hh[ord[f++].i].people;
		if (part > 0 && part + fp > s->cap) {
			add_part(s, ord, a, k, u->unit_n);
			a = k;
			part = 0;
		}
		part += fp;
		k = f;
	}
	if (a < end)
		add_part(s, ord, a, end, u->unit_n);
}

static void
plan_point(struct sq_waves *w, int p, const struct hkey *ord,
    const struct unit *u, long nu)
{
	struct point *pt = &w->pt[p];
	struct ukey *uk = sq_xmalloc((size_t)(nu + 1) * sizeof(*uk));
	long n = 0;
	struct slotter s;

	for (long i = 0; i < nu; i++)
		if (u[i].point == p) {
			uk[n].d = dist_bp(w, u[i].b, p);
			uk[n].b = u[i].b;
			uk[n].unit = u[i].unit;
			uk[n++].i = i;
		}
	qsort(uk, (size_t)n, sizeof(*uk), by_walk);
	memset(&s, 0, sizeof(s));
	s.w = w;
	s.p = p;
	s.cap = (long)((int64_t)w->set.slot_minutes * pt->per_hour / 60);
	s.start = pt->start;
	pt->st.start = pt->st.end = pt->start;
	for (long k = 0; k < n; k++) {
		const struct unit *x = &u[uk[k].i];
		if (x->people > s.cap)
			split_unit(&s, ord, x);
		else
			add_part(&s, ord, x->first, x->first + x->n, x->unit_n);
	}
	close_slot(&s);
	free(uk);
}

/*
 * With several points, a unit of more than a quarter of a point's share
 * is cut into floors for the points to share (a tower in a small estate),
 * so no point waits on one unit.  The parts stay in place, in order; out has
 * room for one entry per household.
 */
static long
split_large(const struct sq_waves *w, const struct hkey *ord,
    const struct unit *u, long nu, long total, struct unit *out)
{
	long limit = total / w->npt / 4, n = 0;

	if (limit < 1)
		limit = 1;
	for (long i = 0; i < nu; i++) {
		if (u[i].people <= limit) {
			out[n++] = u[i];
			continue;
		}
		long end = u[i].first + u[i].n, a = u[i].first, part = 0;
		for (long k = a; k < end;) {
			long f = k, fp = 0;
			while (f < end && ord[f].floor == ord[k].floor)
				fp += w->hh[ord[f++].i].people;
			if (part > 0 && part + fp > limit) {
				out[n] = u[i];
				out[n].first = a;
				out[n].n = k - a;
				out[n++].people = part;
				a = k;
				part = 0;
			}
			part += fp;
			k = f;
		}
		out[n] = u[i];
		out[n].first = a;
		out[n].n = end - a;
		out[n++].people = part;
	}
	return n;
}

static void
plan_queue(struct sq_waves *w)
{
	struct hkey *ord = sq_xmalloc((size_t)(w->nhh + 1) * sizeof(*ord));
	long n = 0, total = 0;

	for (long i = 0; i < w->nhh; i++) {
		const struct household *h = &w->hh[i];
		if (h->people == 0 || h->door || w->bd[h->b].closed)
			continue;
		ord[n].b = h->b;
		ord[n].unit = h->unit;
		ord[n].floor = w->set.floors_down ? -h->floor : h->floor;
		ord[n++].i = i;
		total += h->people;
	}
	qsort(ord, (size_t)n, sizeof(*ord), by_place);
	/* the units: runs of one building and unit */
	struct unit *u = sq_xmalloc((size_t)(n + 1) * sizeof(*u));
	long nu = 0;
	for (long k = 0; k < n;) {
		long j = k, people = 0;
		while (j < n && ord[j].b == ord[k].b && ord[j].unit == ord[k].unit)
			people += w->hh[ord[j++].i].people;
		u[nu].b = ord[k].b;
		u[nu].unit = ord[k].unit;
		u[nu].first = k;
		u[nu].n = j - k;
		u[nu].people = people;
		u[nu].unit_n = j - k;
		u[nu++].point = 0;
		k = j;
	}
	if (w->npt > 1) {
		struct unit *parts = sq_xmalloc((size_t)(n + 1) * sizeof(*parts));
		nu = split_large(w, ord, u, nu, total, parts);
		free(u);
		u = parts;
	}
	w->st.queue_people = total;
	w->st.queue_households = n;
	w->st.ideal_end = ideal_end(w, total);
	if (w->npt > 1)
		assign_points(w, u, nu, total);
	for (int p = 0; p < w->npt; p++)
		plan_point(w, p, ord, u, nu);
	free(u);
	free(ord);
}

/* ---- the door rounds -------------------------------------------------- */

struct dkey {
	int	 home;		/* the point the building's rounds leave from */
	int	 seq;		/* place of the building in the home's tour */
	int	 b, unit, floor;
	long	 i;
};

static int
by_tour(const void *pa, const void *pb)
{
	const struct dkey *a = pa, *b = pb;

	if (a->home != b->home)
		return a->home < b->home ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->floor != b->floor)
		return a->floor < b->floor ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* The nearest point to building b (0 when no distance is known). */
static int
home_point(const struct sq_waves *w, int b)
{
	int best = 0;
	double bd = -1;

	for (int p = 0; p < w->npt; p++) {
		double d = dist_bp(w, b, p);
		if (d >= 0 && (bd < 0 || d < bd)) {
			bd = d;
			best = p;
		}
	}
	return w->npt ? best : -1;
}

/*
 * Each home point's tour: nearest building first, then the nearest not
 * yet visited; buildings without coordinates last, in order.
 */
static void
tour(const struct sq_waves *w, int *home, int *seq, const char *has_door)
{
	char *done = sq_xcalloc((size_t)w->nbd + 1, 1);

	for (int b = 0; b < w->nbd; b++)
		if (has_door[b])
			home[b] = home_point(w, b);
	for (int p = -1; p < w->npt; p++) {
		int n = 0, cur = -1;
		for (;;) {
			int best = -1;
			double bd = -1;
			for (int b = 0; b < w->nbd; b++) {
				if (!has_door[b] || done[b] || home[b] != p ||
				    !w->bd[b].has_xy)
					continue;
				double d = cur >= 0 ? dist_bb(w, cur, b) :
				    p >= 0 ? dist_bp(w, b, p) : 0;
				if (d < 0)
					d = 0;
				if (best < 0 || d < bd) {
					best = b;
					bd = d;
				}
			}
			if (best < 0)
				break;
			done[best] = 1;
			seq[best] = n++;
			cur = best;
		}
		for (int b = 0; b < w->nbd; b++)
			if (has_door[b] && !done[b] && home[b] == p) {
				done[b] = 1;
				seq[b] = n++;
			}
	}
	free(done);
}

/*
 * Door rounds are timed in whole minutes, each walk and each visit
 * rounded up: a team's rows never overlap on the sheet.
 */
static int64_t
up(double m)
{
	int64_t n = (int64_t)ceil(m - 1e-9);

	return n > 0 ? n : 0;
}

/* Minutes of walking from building a (or the point, a < 0) to b. */
static int64_t
walk_min(const struct sq_waves *w, int p, int a, int b)
{
	double d;

	if (a < 0)
		d = p >= 0 ? dist_bp(w, b, p) : 0;
	else
		d = dist_bb(w, a, b);
	return d > 0 ? up(d / w->set.walk_m_per_min) : 0;
}

static int64_t
visit_min(const struct sq_waves *w, const struct household *h)
{
	int64_t m = up(w->set.door_household_minutes +
	    h->people * w->set.door_person_minutes);

	return m > 0 ? m : 1;
}

struct round {
	int	 home;
	long	 a, b;		/* visits dk[a .. b) */
	int64_t	 minutes;	/* from leaving the point to coming back */
};

static void
plan_doors(struct sq_waves *w)
{
	const struct sq_waves_settings *st = &w->set;
	char *has_door = sq_xcalloc((size_t)w->nbd + 1, 1);
	int *home = sq_xcalloc((size_t)w->nbd + 1, sizeof(int));
	int *seq = sq_xcalloc((size_t)w->nbd + 1, sizeof(int));
	struct dkey *dk = sq_xmalloc((size_t)(w->nhh + 1) * sizeof(*dk));
	long n = 0;

	for (long i = 0; i < w->nhh; i++) {
		const struct household *h = &w->hh[i];
		if (h->people > 0 && (h->door || w->bd[h->b].closed))
			has_door[h->b] = 1;
	}
	tour(w, home, seq, has_door);
	for (long i = 0; i < w->nhh; i++) {
		const struct household *h = &w->hh[i];
		if (h->people == 0 || !(h->door || w->bd[h->b].closed))
			continue;
		dk[n].home = home[h->b];
		dk[n].seq = seq[h->b];
		dk[n].b = h->b;
		dk[n].unit = h->unit;
		dk[n].floor = st->floors_down ? -h->floor : h->floor;
		dk[n++].i = i;
		w->st.door_people += h->people;
	}
	w->st.door_households = n;
	qsort(dk, (size_t)n, sizeof(*dk), by_tour);

	/* cut the tours into rounds */
	struct round *rd = sq_xmalloc((size_t)(n + 1) * sizeof(*rd));
	long nr = 0;
	for (long k = 0; k < n;) {
		int p = dk[k].home;
		int64_t t = walk_min(w, p, -1, dk[k].b);
		long j = k;
		int prev = -1;
		while (j < n && dk[j].home == p) {
			const struct household *h = &w->hh[dk[j].i];
			int64_t walk = prev >= 0 ? walk_min(w, p, prev, h->b) :
			    0;
			int64_t visit = visit_min(w, h);
			int64_t back = walk_min(w, p, -1, h->b);
			if (j > k && t + walk + visit + back >
			    st->door_round_minutes)
				break;
			t += walk + visit;
			prev = h->b;
			j++;
		}
		rd[nr].home = p;
		rd[nr].a = k;
		rd[nr].b = j;
		rd[nr++].minutes = t + walk_min(w, p, -1, prev);
		k = j;
	}
	w->st.door_rounds = nr;

	/* each round to the team free first; rows of one building and unit */
	int64_t *free_at = sq_xmalloc((size_t)st->door_teams * sizeof(*free_at));
	for (int t = 0; t < st->door_teams; t++)
		free_at[t] = st->door_start;
	w->st.door_end = st->door_start;
	for (long r = 0; r < nr; r++) {
		int team = 0;
		for (int t = 1; t < st->door_teams; t++)
			if (free_at[t] < free_at[team])
				team = t;
		int64_t t0 = free_at[team];
		int p = rd[r].home;
		int64_t t = t0 + walk_min(w, p, -1, dk[rd[r].a].b);
		int prev = -1;
		struct sq_waves_row *row = NULL;
		for (long k = rd[r].a; k < rd[r].b; k++) {
			struct household *h = &w->hh[dk[k].i];
			if (prev >= 0)
				t += walk_min(w, p, prev, h->b);
			if (row == NULL || row->building != h->b ||
			    row->unit != h->unit) {
				row = new_row(w);
				row->point = p;
				row->building = h->b;
				row->unit = h->unit;
				row->floor_lo = row->floor_hi = h->floor;
				row->door = 1;
				row->team = team + 1;
				row->slot = (int)(r + 1);
				row->start = t;
			}
			t += visit_min(w, h);
			row->end = t;
			if (h->floor < row->floor_lo)
				row->floor_lo = h->floor;
			if (h->floor > row->floor_hi)
				row->floor_hi = h->floor;
			row->households++;
			row->people += h->people;
			h->row = (long)(w->nrow - 1);
			prev = h->b;
		}
		free_at[team] = t0 + rd[r].minutes;
		if (free_at[team] > w->st.door_end)
			w->st.door_end = free_at[team];
	}
	free(free_at);
	free(rd);
	free(dk);
	free(seq);
	free(home);
	free(has_door);
}

int
sq_waves_plan(struct sq_waves *w)
{
	w->nrow = 0;
	memset(&w->st, 0, sizeof(w->st));
	for (long i = 0; i < w->nhh; i++) {
		w->hh[i].row = -1;
		if (w->hh[i].people == 0)
			w->st.not_called++;
	}
	for (int p = 0; p < w->npt; p++)
		memset(&w->pt[p].st, 0, sizeof(w->pt[p].st));
	long queued = 0;
	for (long i = 0; i < w->nhh; i++) {
		const struct household *h = &w->hh[i];
		if (h->people > 0 && !h->door && !w->bd[h->b].closed)
			queued++;
	}
	if (queued && w->npt == 0)
		return -1;
	w->st.start = w->npt ? w->pt[0].start : w->set.door_start;
	for (int p = 1; p < w->npt; p++)
		if (w->pt[p].start < w->st.start)
			w->st.start = w->pt[p].start;
	w->st.queue_end = w->st.start;
	if (w->npt)
		plan_queue(w);
	else
		w->st.ideal_end = (double)w->st.start;
	for (int p = 0; p < w->npt; p++)
		if (w->pt[p].st.slots && w->pt[p].st.end > w->st.queue_end)
			w->st.queue_end = w->pt[p].st.end;
	plan_doors(w);
	return 0;
}

size_t
sq_waves_nrows(const struct sq_waves *w)
{
	return w->nrow;
}

const struct sq_waves_row *
sq_waves_row(const struct sq_waves *w, size_t i)
{
	return i < w->nrow ? &w->row[i] : NULL;
}

long
sq_waves_household_row(const struct sq_waves *w, long h)
{
	return h >= 0 && h < w->nhh ? w->hh[h].row : -1;
}

const struct sq_waves_stats *
sq_waves_stats(const struct sq_waves *w)
{
	return &w->st;
}

const struct sq_waves_point_stats *
sq_waves_point_stats(const struct sq_waves *w, int p)
{
	return p >= 0 && p < w->npt ? &w->pt[p].st : NULL;
}
