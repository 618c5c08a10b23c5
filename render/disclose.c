/*
 * disclose.c — disclosure control (see disclose.h).
 *
 * Every cell is a variable of a linear program: fixed at its value when it
 * is public or shown exactly, within its band when shown in one, free
 * (>= 0) when hidden.  A relation is a row; a rate shown is two rows,
 * num - lo den >= 0 and num - hi den <= 0, and den >= 1 (a rate of none
 * is "-", so one shown says there is some).  The ranges of the protected
 * objects over that polytope say what a reader can work out.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "disclose.h"
#include "lp.h"

enum { CELL, RATE };
#define COUNT_LEVELS	3	/* exact, band, wide band; then hidden */
#define RATE_LEVELS	4	/* exact, 5, 10, 25 points; then hidden */

struct term {
	int	 cell;
	double	 coef;
};

struct item {
	int	 type;
	unsigned kind;		/* a cell's SQ_DC_* */
	long	 value;		/* a cell's true value */
	size_t	 t0, nt;	/* a rate's numerator, in terms */
	int	 den;		/* a rate's denominator cell */
	double	 ratio;		/* a rate's true value, 0..1 */
	int	 level;		/* 0 exact ... hidden */
	int	 cost;
	char	*label;
};

struct rel {
	size_t	 t0, nt;
	int	 le;		/* sum <= 0, else = 0 */
};

struct prot {
	size_t	 t0, nt;
	char	*label;
};

struct sq_dc {
	long	 t;
	struct item *it;
	size_t	 nit, capit;
	struct term *tm;
	size_t	 ntm, captm;
	struct rel *rel;
	size_t	 nrel, caprel;
	struct prot *pr;
	size_t	 npr, cappr;
	int	 solved;
	struct sq_dc_stats st;

	/* the linear program of the current levels */
	struct sq_lp *lp;
	size_t	*row_item;	/* LP row -> the item it comes from, or -1 */
	size_t	 nrows;
};

#define GROW(p, n, cap) do {						\
	if ((n) == (cap)) {						\
		(cap) = (cap) ? 2 * (cap) : 16;				\
		(p) = sq_xrealloc((p), (cap) * sizeof(*(p)));		\
	}								\
} while (0)

struct sq_dc *
sq_dc_new(long threshold)
{
	struct sq_dc *dc = sq_xcalloc(1, sizeof(*dc));

	dc->t = threshold < 1 ? 1 : threshold;
	return dc;
}

void
sq_dc_free(struct sq_dc *dc)
{
	if (dc == NULL)
		return;
	for (size_t i = 0; i < dc->nit; i++)
		free(dc->it[i].label);
	for (size_t i = 0; i < dc->npr; i++)
		free(dc->pr[i].label);
	free(dc->it);
	free(dc->tm);
	free(dc->rel);
	free(dc->pr);
	sq_lp_free(dc->lp);
	free(dc->row_item);
	free(dc);
}

long
sq_dc_threshold(const struct sq_dc *dc)
{
	return dc->t;
}

static int
add_item(struct sq_dc *dc, struct item it, const char *label)
{
	GROW(dc->it, dc->nit, dc->capit);
	it.label = sq_xstrdup(label ? label : "");
	it.cost = 1;
	dc->it[dc->nit] = it;
	return (int)dc->nit++;
}

static size_t
add_terms(struct sq_dc *dc, const int *cell, const double *coef, size_t n)
{
	size_t t0 = dc->ntm;

	for (size_t k = 0; k < n; k++) {
		GROW(dc->tm, dc->ntm, dc->captm);
		dc->tm[dc->ntm++] = (struct term){ cell[k], coef ? coef[k] : 1 };
	}
	return t0;
}

int
sq_dc_cell(struct sq_dc *dc, unsigned kind, long value, const char *label)
{
	struct item it = { 0 };

	it.type = CELL;
	it.kind = kind;
	it.value = value < 0 ? 0 : value;
	return add_item(dc, it, label);
}

static int
is_cell(const struct sq_dc *dc, int id)
{
	return id >= 0 && (size_t)id < dc->nit && dc->it[id].type == CELL;
}

int
sq_dc_rate(struct sq_dc *dc, const int *cell, const double *coef, size_t n,
    int den, const char *label)
{
	struct item it = { 0 };
	double num = 0;

	if (!is_cell(dc, den) || dc->it[den].value == 0)
		return -1;
	for (size_t k = 0; k < n; k++)
		if (is_cell(dc, cell[k]))
			num += (coef ? coef[k] : 1) * (double)dc->it[cell[k]].value;
	it.type = RATE;
	it.kind = SQ_DC_SHOWN;
	it.t0 = add_terms(dc, cell, coef, n);
	it.nt = n;
	it.den = den;
	it.ratio = num / (double)dc->it[den].value;
	return add_item(dc, it, label);
}

void
sq_dc_cost(struct sq_dc *dc, int id, int cost)
{
	if (id >= 0 && (size_t)id < dc->nit)
		dc->it[id].cost = cost < 1 ? 1 : cost;
}

static void
add_rel(struct sq_dc *dc, const int *cell, const double *coef, size_t n,
    int le)
{
	GROW(dc->rel, dc->nrel, dc->caprel);
	dc->rel[dc->nrel].t0 = add_terms(dc, cell, coef, n);
	dc->rel[dc->nrel].nt = n;
	dc->rel[dc->nrel].le = le;
	dc->nrel++;
}

void
sq_dc_eq(struct sq_dc *dc, const int *cell, const double *coef, size_t n)
{
	add_rel(dc, cell, coef, n, 0);
}

void
sq_dc_le(struct sq_dc *dc, const int *cell, const double *coef, size_t n)
{
	add_rel(dc, cell, coef, n, 1);
}

void
sq_dc_sum(struct sq_dc *dc, int total, const int *parts, size_t n)
{
	int *c = sq_xmalloc((n + 1) * sizeof(int));
	double *k = sq_xmalloc((n + 1) * sizeof(double));

	c[0] = total;
	k[0] = -1;
	for (size_t i = 0; i < n; i++) {
		c[i + 1] = parts[i];
		k[i + 1] = 1;
	}
	add_rel(dc, c, k, n + 1, 0);
	free(c);
	free(k);
}

void
sq_dc_protect(struct sq_dc *dc, const int *cell, size_t n, const char *label)
{
	GROW(dc->pr, dc->npr, dc->cappr);
	dc->pr[dc->npr].t0 = add_terms(dc, cell, NULL, n);
	dc->pr[dc->npr].nt = n;
	dc->pr[dc->npr].label = sq_xstrdup(label ? label : "");
	dc->npr++;
}

/* ---- levels ------------------------------------------------------------ */

static int
max_level(const struct item *it)
{
	if (it->type == RATE)
		return RATE_LEVELS;
	if (!(it->kind & SQ_DC_SHOWN) || (it->kind & SQ_DC_PUBLIC))
		return 0;
	return COUNT_LEVELS;
}

/* The smallest of 1, 2, 5, 10, 20, 50 ... at least x. */
static long
nice(long x)
{
	for (long p = 1;; p *= 10) {
		if (p >= x)
			return p;
		if (2 * p >= x)
			return 2 * p;
		if (5 * p >= x)
			return 5 * p;
	}
}

/*
 * A count's band at level 1 or 2.  Each level is a fixed partition of the
 * whole numbers (a band is never a function of the value beyond the band
 * it is in, or the reader would learn more than the band): level 1 is
 * [0, t-1], then bands of a round width, a tenth of the value's decade
 * or about t (3-4, 5-9, 10-14, 100-109, 2700-2799); level 2 is [0, 9] or
 * wider, then half decades (10-49, 50-99, 100-499).
 */
static void
count_band(long t, int level, long v, double *lo, double *hi)
{
	long dec = 1;

	while (dec * 10 <= v)
		dec *= 10;	/* the decade of v: [dec, 10 dec) */
	if (level == 1) {
		if (v < t) {
			*lo = 0;
			*hi = (double)(t - 1);
			return;
		}
		long w = nice(t > dec / 10 ? t : dec / 10), a = v / w * w;
		long b = a + w - 1, top = dec * 10 - 1;
		*lo = (double)(a < t ? t : a);
		*hi = (double)(b > top && top >= v ? top : b);
		return;
	}
	long bottom = nice(2 * t) > 10 ? nice(2 * t) : 10;
	if (v < bottom) {
		*lo = 0;
		*hi = (double)(bottom - 1);
		return;
	}
	long w = 5 * dec, a = v / w * w, b = a + w - 1;
	if (a < bottom)
		a = bottom;
	if (a < dec)
		a = dec;
	if (b > dec * 10 - 1)
		b = dec * 10 - 1;
	*lo = (double)a;
	*hi = (double)b;
}

static const int rate_width[RATE_LEVELS] = { 1, 5, 10, 25 };

/* A rate's range in percent at its level; exact is the rounding's. */
static void
rate_band(const struct item *it, double *lo, double *hi)
{
	double p = 100 * it->ratio;

	if (it->level == 0) {
		long r = (long)floor(p + 0.5);
		*lo = r - 0.5;
		*hi = r + 0.5;
	} else {
		double w = rate_width[it->level];
		double k = floor(p / w);
		if (k * w >= 100)
			k = ceil(100 / w) - 1;
		*lo = k * w;
		*hi = (k + 1) * w;
	}
	if (*lo < 0)
		*lo = 0;
	if (*hi > 100)
		*hi = 100;
}

/* The bounds of a cell's variable at its level. */
static void
cell_bounds(const struct sq_dc *dc, const struct item *it, double *lo,
    double *hi)
{
	if ((it->kind & SQ_DC_PUBLIC) || ((it->kind & SQ_DC_SHOWN) &&
	    it->level == 0)) {
		*lo = *hi = (double)it->value;
	} else if ((it->kind & SQ_DC_SHOWN) && it->level < COUNT_LEVELS) {
		count_band(dc->t, it->level, it->value, lo, hi);
	} else {
		*lo = 0;
		*hi = INFINITY;
	}
}

/* ---- the linear program ------------------------------------------------ */

static void
build(struct sq_dc *dc)
{
	size_t *v = NULL, cap = 0;
	double *c = NULL;

	sq_lp_free(dc->lp);
	free(dc->row_item);
	dc->lp = sq_lp_new(dc->nit);
	sq_lp_integer(dc->lp);
	dc->nrows = 0;
	dc->row_item = sq_xmalloc((dc->nrel + 3 * dc->nit + 1) * sizeof(size_t));
	for (size_t i = 0; i < dc->nit; i++) {
		const struct item *it = &dc->it[i];
		double lo, hi;
		if (it->type == CELL) {
			cell_bounds(dc, it, &lo, &hi);
			sq_lp_bounds(dc->lp, i, lo, hi);
		} else
			sq_lp_bounds(dc->lp, i, 0, 0);	/* not a variable */
	}
	for (size_t r = 0; r < dc->nrel; r++) {
		const struct rel *rl = &dc->rel[r];
		if (rl->nt > cap) {
			cap = rl->nt + 16;
			v = sq_xrealloc(v, cap * sizeof(*v));
			c = sq_xrealloc(c, cap * sizeof(*c));
		}
		for (size_t k = 0; k < rl->nt; k++) {
			v[k] = (size_t)dc->tm[rl->t0 + k].cell;
			c[k] = dc->tm[rl->t0 + k].coef;
		}
		sq_lp_row(dc->lp, v, c, rl->nt, rl->le ? -INFINITY : 0, 0);
		dc->row_item[dc->nrows++] = (size_t)-1;
	}
	for (size_t i = 0; i < dc->nit; i++) {
		const struct item *it = &dc->it[i];
		if (it->type != RATE || it->level >= RATE_LEVELS)
			continue;
		double lo, hi;
		rate_band(it, &lo, &hi);
		if (it->nt + 1 > cap) {
			cap = it->nt + 16;
			v = sq_xrealloc(v, cap * sizeof(*v));
			c = sq_xrealloc(c, cap * sizeof(*c));
		}
		for (size_t k = 0; k < it->nt; k++) {
			v[k] = (size_t)dc->tm[it->t0 + k].cell;
			c[k] = dc->tm[it->t0 + k].coef;
		}
		/* num - lo/100 den >= 0, num - hi/100 den <= 0 */
		v[it->nt] = (size_t)it->den;
		c[it->nt] = -lo / 100;
		sq_lp_row(dc->lp, v, c, it->nt + 1, 0, INFINITY);
		dc->row_item[dc->nrows++] = i;
		c[it->nt] = -hi / 100;
		sq_lp_row(dc->lp, v, c, it->nt + 1, -INFINITY, 0);
		dc->row_item[dc->nrows++] = i;
		/* a rate shown says its denominator is not 0 (0 of 0 is "-") */
		double dlo, dhi, one = 1;
		size_t d = (size_t)it->den;
		cell_bounds(dc, &dc->it[d], &dlo, &dhi);
		if (dlo < 1) {
			sq_lp_row(dc->lp, &d, &one, 1, 1, INFINITY);
			dc->row_item[dc->nrows++] = i;
		}
	}
	free(v);
	free(c);
}

/* A protected object: its terms (a cell alone for a protected cell). */
struct pobj {
	const struct term *tm;
	size_t	 nt;
	struct term one;
};

static size_t
nobjects(const struct sq_dc *dc)
{
	size_t n = dc->npr;

	for (size_t i = 0; i < dc->nit; i++)
		n += dc->it[i].type == CELL && (dc->it[i].kind & SQ_DC_PROTECT);
	return n;
}

/* Object k: the protected cells first, in order, then the sums. */
static int
object(const struct sq_dc *dc, size_t k, struct pobj *o, const char **label)
{
	for (size_t i = 0; i < dc->nit; i++) {
		const struct item *it = &dc->it[i];
		if (it->type != CELL || !(it->kind & SQ_DC_PROTECT))
			continue;
		if (k-- == 0) {
			o->one = (struct term){ (int)i, 1 };
			o->tm = &o->one;
			o->nt = 1;
			*label = it->label;
			/* shown exactly: nothing to work out */
			return (it->kind & SQ_DC_SHOWN) && it->level == 0 ? 0 : 1;
		}
	}
	if (k >= dc->npr)
		return -1;
	o->tm = dc->tm + dc->pr[k].t0;
	o->nt = dc->pr[k].nt;
	*label = dc->pr[k].label;
	return 1;
}

/* The whole-number range of an object over the current program. */
static int
range(struct sq_dc *dc, const struct pobj *o, long *lo, long *hi)
{
	size_t *vp = sq_xmalloc((o->nt + 1) * sizeof(*vp));
	double *cp = sq_xmalloc((o->nt + 1) * sizeof(*cp));
	double mn, mx;

	for (size_t k = 0; k < o->nt; k++) {
		vp[k] = (size_t)o->tm[k].cell;
		cp[k] = o->tm[k].coef;
	}
	int rc = sq_lp_range(dc->lp, vp, cp, o->nt, &mn, &mx);
	dc->st.lps++;
	free(vp);
	free(cp);
	if (rc != SQ_LP_OK)
		return -1;
	*lo = isfinite(mn) ? (long)ceil(mn - 1e-6) : 0;
	*hi = isfinite(mx) ? (long)floor(mx + 1e-6) : LONG_MAX;
	return 0;
}

static int
unsafe(const struct sq_dc *dc, long lo, long hi)
{
	return lo >= 1 && hi <= dc->t - 1;
}

/* The item behind an LP column the last range found binding. */
static int
binding_item(const struct sq_dc *dc, size_t col)
{
	if (col < dc->nit)
		return (int)col;
	col -= dc->nit;
	if (col < dc->nrows && dc->row_item[col] != (size_t)-1)
		return (int)dc->row_item[col];
	return -1;
}

static int
coarsenable(const struct item *it)
{
	return (it->kind & SQ_DC_SHOWN) && !(it->kind & SQ_DC_PUBLIC) &&
	    it->level < max_level(it);
}

/* Every relation holds for the true values, or the declaration is wrong. */
static int
check_truth(const struct sq_dc *dc)
{
	for (size_t r = 0; r < dc->nrel; r++) {
		const struct rel *rl = &dc->rel[r];
		double s = 0;
		for (size_t k = 0; k < rl->nt; k++) {
			const struct term *t = &dc->tm[rl->t0 + k];
			if (!is_cell(dc, t->cell)) {
				sq_error("disclosure: relation %zu names item %d, "
				    "not a cell", r, t->cell);
				return -1;
			}
			s += t->coef * (double)dc->it[t->cell].value;
		}
		if (rl->le ? s > 1e-6 : fabs(s) > 1e-6) {
			sq_error("disclosure: relation %zu (%s ...) does not hold "
			    "for the true values (%g)", r,
			    dc->it[dc->tm[rl->t0].cell].label, s);
			return -1;
		}
	}
	return 0;
}

/* Hide every figure: always safe when the relations hold. */
static void
hide_all(struct sq_dc *dc)
{
	for (size_t i = 0; i < dc->nit; i++)
		if (coarsenable(&dc->it[i]))
			dc->it[i].level = max_level(&dc->it[i]);
	dc->st.hidden_all = 1;
}

static size_t
add_cand(const struct sq_dc *dc, int *cand, size_t nc, int id)
{
	if (id < 0 || !coarsenable(&dc->it[id]))
		return nc;
	for (size_t j = 0; j < nc; j++)
		if (cand[j] == id)
			return nc;
	cand[nc] = id;
	return nc + 1;
}

/*
 * Make object k safe: coarsen, one step at a time, a figure whose bound
 * holds it (the cheapest that makes it safe, tried; else the cheapest).
 * 0 when safe, -1 when nothing helps.
 */
static int
protect_one(struct sq_dc *dc, size_t k)
{
	struct pobj o;
	const char *label;
	long lo, hi;
	size_t nb = 2 * (dc->nit + dc->nrows) + 2;
	size_t *bind = sq_xmalloc(nb * sizeof(size_t));
	int *cand = sq_xmalloc((dc->nit + 1) * sizeof(int));
	int rc = -1;

	for (;;) {
		if (object(dc, k, &o, &label) <= 0) {
			rc = 0;
			break;
		}
		build(dc);
		if (range(dc, &o, &lo, &hi) < 0)
			break;
		if (!unsafe(dc, lo, hi)) {
			rc = 0;
			break;
		}
		/* the figures whose bounds held the min or the max */
		size_t nc = 0, n0 = sq_lp_binding(dc->lp, 0, bind, nb / 2);
		size_t n1 = sq_lp_binding(dc->lp, 1, bind + n0, nb / 2);
		for (size_t b = 0; b < n0 + n1; b++) {
			int id = binding_item(dc, bind[b]);
			size_t r = bind[b] - dc->nit;
			if (id >= 0) {
				nc = add_cand(dc, cand, nc, id);
			} else if (bind[b] >= dc->nit && r < dc->nrel) {
				/* a relation held it: the shown figures in it */
				const struct rel *rl = &dc->rel[r];
				for (size_t q = 0; q < rl->nt; q++)
					nc = add_cand(dc, cand, nc,
					    dc->tm[rl->t0 + q].cell);
			}
		}
		if (nc == 0)
			break;
		/* cheapest next step first; ties in the order declared */
		for (size_t a = 1; a < nc; a++)
			for (size_t b = a; b > 0; b--) {
				const struct item *x = &dc->it[cand[b - 1]];
				const struct item *y = &dc->it[cand[b]];
				long cx = (long)x->cost * (x->level + 1);
				long cy = (long)y->cost * (y->level + 1);
				if (cx < cy || (cx == cy && cand[b - 1] < cand[b]))
					break;
				int tmp = cand[b - 1];
				cand[b - 1] = cand[b];
				cand[b] = tmp;
			}
		/*
		 * Try one, two or three steps of each, in the order of what
		 * they cost together (a rate two steps before a count one),
		 * and keep the first that makes it safe; else one step of the
		 * cheapest.
		 */
		struct trial { int id, steps; long cost; } tr[3 * 8];
		size_t ntr = 0;
		for (size_t j = 0; j < nc && j < 8; j++) {
			const struct item *it = &dc->it[cand[j]];
			long c = 0;
			for (int st = 1; st <= 3 &&
			    it->level + st <= max_level(it); st++) {
				c += (long)it->cost * (it->level + st);
				tr[ntr++] = (struct trial){ cand[j], st, c };
			}
		}
		for (size_t a = 1; a < ntr; a++)
			for (size_t b = a; b > 0 && tr[b - 1].cost > tr[b].cost;
			    b--) {
				struct trial x = tr[b - 1];
				tr[b - 1] = tr[b];
				tr[b] = x;
			}
		int kept = -1, steps = 1;
		for (size_t j = 0; j < ntr && j < 6 && kept < 0; j++) {
			struct item *it = &dc->it[tr[j].id];
			it->level += tr[j].steps;
			build(dc);
			long l2, h2;
			if (range(dc, &o, &l2, &h2) == 0 && !unsafe(dc, l2, h2)) {
				kept = tr[j].id;
				steps = tr[j].steps;
			}
			it->level -= tr[j].steps;
		}
		if (kept < 0)
			kept = cand[0];
		dc->it[kept].level += steps;
		dc->st.steps += steps;
	}
	free(bind);
	free(cand);
	return rc;
}

/* Everything safe at the current levels?  Stops at the first that is not. */
static int
all_safe(struct sq_dc *dc)
{
	size_t no = nobjects(dc);

	build(dc);
	for (size_t k = 0; k < no; k++) {
		struct pobj o;
		const char *label;
		long lo, hi;
		int r = object(dc, k, &o, &label);
		if (r > 0 && (range(dc, &o, &lo, &hi) < 0 || unsafe(dc, lo, hi)))
			return 0;
	}
	return 1;
}

/*
 * The greedy steps protect one range at a time, so a step taken early may
 * be needed no more once later ones were taken: give the costliest
 * coarsened figures back one step at a time while everything stays safe.
 * Rates (the cheapest) are left as they are: a whole audit a try.
 */
static void
relax(struct sq_dc *dc)
{
	size_t n = 0;
	int *v = sq_xmalloc((dc->nit + 1) * sizeof(int));

	for (size_t i = 0; i < dc->nit; i++) {
		const struct item *it = &dc->it[i];
		int base = it->type == CELL && (it->kind & SQ_DC_SMALL) &&
		    it->value < dc->t ? 1 : 0;
		if (it->level > base && it->cost > 1)
			v[n++] = (int)i;
	}
	/* the costliest first; ties in the order declared */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && dc->it[v[b - 1]].cost <
		    dc->it[v[b]].cost; b--) {
			int t = v[b - 1];
			v[b - 1] = v[b];
			v[b] = t;
		}
	for (size_t j = 0; j < n; j++) {
		struct item *it = &dc->it[v[j]];
		int base = it->type == CELL && (it->kind & SQ_DC_SMALL) &&
		    it->value < dc->t ? 1 : 0;
		while (it->level > base) {
			it->level--;
			if (!all_safe(dc)) {
				it->level++;
				break;
			}
			dc->st.steps--;
		}
	}
	free(v);
}

int
sq_dc_solve(struct sq_dc *dc)
{
	if (check_truth(dc) < 0)
		return -1;
	dc->solved = 1;
	/* primary: a small count is "<t", zero too */
	for (size_t i = 0; i < dc->nit; i++) {
		struct item *it = &dc->it[i];
		if (it->type == CELL && (it->kind & SQ_DC_SHOWN) &&
		    (it->kind & SQ_DC_SMALL) && !(it->kind & SQ_DC_PUBLIC) &&
		    it->value < dc->t) {
			it->level = 1;
			dc->st.primary++;
		}
	}
	/* one audit of everything, then each unsafe object in turn */
	size_t no = nobjects(dc);
	char *todo = sq_xcalloc(no + 1, 1);
	build(dc);
	for (size_t k = 0; k < no; k++) {
		struct pobj o;
		const char *label;
		long lo, hi;
		int r = object(dc, k, &o, &label);
		if (r > 0 && (range(dc, &o, &lo, &hi) < 0 || unsafe(dc, lo, hi)))
			todo[k] = 1;
	}
	int all = 0;
	for (size_t k = 0; k < no && !all; k++)
		if (todo[k] && protect_one(dc, k) < 0) {
			hide_all(dc);
			all = 1;
		}
	free(todo);
	if (!all)
		relax(dc);
	build(dc);
	dc->st.cells = dc->st.rates = 0;
	for (size_t i = 0; i < dc->nit; i++) {
		dc->st.cells += dc->it[i].type == CELL;
		dc->st.rates += dc->it[i].type == RATE;
	}
	dc->st.protected = (long)no;
	return 0;
}

/* ---- what is shown ----------------------------------------------------- */

void
sq_dc_shown(const struct sq_dc *dc, int id, struct sq_dc_shown *s)
{
	memset(s, 0, sizeof(*s));
	if (id < 0 || (size_t)id >= dc->nit) {
		s->hidden = 1;
		return;
	}
	const struct item *it = &dc->it[id];
	if (it->type == RATE) {
		s->value = (long)floor(100 * it->ratio + 0.5);
		s->hidden = it->level >= RATE_LEVELS;
		s->exact = it->level == 0;
		if (!s->hidden)
			rate_band(it, &s->lo, &s->hi);
		if (s->exact) {
			s->lo = s->hi = (double)s->value;
		}
		return;
	}
	s->value = it->value;
	if (!(it->kind & SQ_DC_SHOWN) && !(it->kind & SQ_DC_PUBLIC)) {
		s->hidden = 1;
		return;
	}
	s->hidden = it->level >= COUNT_LEVELS;
	s->exact = it->level == 0 || (it->kind & SQ_DC_PUBLIC);
	if (s->exact)
		s->lo = s->hi = (double)it->value;
	else if (!s->hidden)
		count_band(dc->t, it->level, it->value, &s->lo, &s->hi);
}

void
sq_dc_text(const struct sq_dc *dc, int id, char *buf, size_t size)
{
	struct sq_dc_shown s;
	int rate = id >= 0 && (size_t)id < dc->nit && dc->it[id].type == RATE;

	sq_dc_shown(dc, id, &s);
	if (s.hidden)
		snprintf(buf, size, "-");
	else if (s.exact)
		snprintf(buf, size, "%ld%s", s.value, rate ? "%" : "");
	else if (!rate && s.lo == 0)
		snprintf(buf, size, "<%.0f", s.hi + 1);
	else
		snprintf(buf, size, "%.0f-%.0f%s", s.lo, s.hi, rate ? "%" : "");
}

json_t *
sq_dc_json(const struct sq_dc *dc, int id)
{
	struct sq_dc_shown s;
	char buf[64];

	sq_dc_shown(dc, id, &s);
	if (s.hidden)
		return json_null();
	if (s.exact)
		return json_integer(s.value);
	sq_dc_text(dc, id, buf, sizeof(buf));
	return json_string(buf);
}

void
sq_dc_stats(const struct sq_dc *dc, struct sq_dc_stats *st)
{
	*st = dc->st;
}

int
sq_dc_audit(struct sq_dc *dc, size_t k, long *lo, long *hi,
    const char **label)
{
	struct pobj o;
	int r = object(dc, k, &o, label);

	if (r < 0)
		return -1;
	if (r == 0) {
		/* shown exactly */
		*lo = *hi = dc->it[o.one.cell].value;
		return 0;
	}
	if (dc->lp == NULL)
		build(dc);
	return range(dc, &o, lo, hi);
}
