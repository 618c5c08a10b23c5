/*
 * lp.c — ranges of linear expressions over a polytope (see lp.h).
 *
 * Columns: the n variables, then one slack s_r per row (s_r = row r's sum,
 * bounded by the row's lo and hi), then one artificial per row for phase 1.
 * Every row reads  sum a_rj x_j - s_r + g_r y_r = 0,  g_r = +-1, so the
 * right-hand side is 0 and a point is the values of the columns.  The
 * tableau T = B^-1 [A | -I | G] is kept whole (dense): small problems.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lp.h"

#define EPS	1e-9

struct sq_lp {
	size_t	 n, m, capm;	/* variables, rows */
	/* rows as given, sparse */
	size_t	*rstart, *rvar;
	double	*rcoef, *rlo, *rhi;
	size_t	 nnz, capnz;
	double	*lo, *hi;	/* of the n variables */
	size_t	*lo_row, *hi_row;	/* the row a bound came from, or -1 */

	/* the simplex, built at the first range */
	int	 ready, feasible, integer;
	size_t	 ncol;		/* n + 2 m */
	double	*T;		/* m x ncol */
	double	*clo, *chi;	/* bounds of every column */
	double	*val;		/* the point */
	size_t	*basis;		/* basic column of each row */
	signed char *state;	/* column: 1 basic, 0 at lower, 2 at upper */
	double	*d;		/* reduced costs */
	size_t	*bind[2];	/* binding columns at the last min and max */
	size_t	 nbind[2];
};

struct sq_lp *
sq_lp_new(size_t n)
{
	struct sq_lp *lp = sq_xcalloc(1, sizeof(*lp));

	lp->n = n;
	lp->lo = sq_xcalloc(n + 1, sizeof(double));
	lp->hi = sq_xmalloc((n + 1) * sizeof(double));
	for (size_t j = 0; j < n; j++)
		lp->hi[j] = INFINITY;
	lp->rstart = sq_xcalloc(1, sizeof(size_t));
	return lp;
}

void
sq_lp_free(struct sq_lp *lp)
{
	if (lp == NULL)
		return;
	free(lp->rstart);
	free(lp->rvar);
	free(lp->rcoef);
	free(lp->rlo);
	free(lp->rhi);
	free(lp->lo);
	free(lp->hi);
	free(lp->T);
	free(lp->clo);
	free(lp->chi);
	free(lp->val);
	free(lp->basis);
	free(lp->state);
	free(lp->d);
	free(lp->bind[0]);
	free(lp->bind[1]);
	free(lp->lo_row);
	free(lp->hi_row);
	free(lp);
}

size_t
sq_lp_nvars(const struct sq_lp *lp)
{
	return lp->n;
}

void
sq_lp_bounds(struct sq_lp *lp, size_t j, double lo, double hi)
{
	if (j < lp->n && !lp->ready) {
		lp->lo[j] = lo;
		lp->hi[j] = hi;
	}
}

void
sq_lp_row(struct sq_lp *lp, const size_t *var, const double *coef, size_t n,
    double lo, double hi)
{
	if (lp->ready)
		return;
	if (lp->m == lp->capm) {
		lp->capm = lp->capm ? 2 * lp->capm : 16;
		lp->rstart = sq_xrealloc(lp->rstart, (lp->capm + 1) *
		    sizeof(size_t));
		lp->rlo = sq_xrealloc(lp->rlo, lp->capm * sizeof(double));
		lp->rhi = sq_xrealloc(lp->rhi, lp->capm * sizeof(double));
	}
	if (lp->nnz + n > lp->capnz) {
		while (lp->nnz + n > lp->capnz)
			lp->capnz = lp->capnz ? 2 * lp->capnz : 64;
		lp->rvar = sq_xrealloc(lp->rvar, lp->capnz * sizeof(size_t));
		lp->rcoef = sq_xrealloc(lp->rcoef, lp->capnz * sizeof(double));
	}
	for (size_t k = 0; k < n; k++)
		if (var[k] < lp->n) {
			lp->rvar[lp->nnz] = var[k];
			lp->rcoef[lp->nnz++] = coef[k];
		}
	lp->rlo[lp->m] = lo;
	lp->rhi[lp->m] = hi;
	lp->rstart[++lp->m] = lp->nnz;
}

void
sq_lp_integer(struct sq_lp *lp)
{
	lp->integer = 1;
}

/*
 * Whole numbers: rows with a single variable not fixed are bounds on it,
 * rounded inward; again while something changed.  -1 when a variable's
 * bounds cross (no whole-number point).
 */
static int
presolve(struct sq_lp *lp)
{
	lp->lo_row = sq_xmalloc((lp->n + 1) * sizeof(size_t));
	lp->hi_row = sq_xmalloc((lp->n + 1) * sizeof(size_t));
	for (size_t j = 0; j < lp->n; j++)
		lp->lo_row[j] = lp->hi_row[j] = SIZE_MAX;
	for (int pass = 0, changed = 1; changed && pass < 20; pass++) {
		changed = 0;
		for (size_t r = 0; r < lp->m; r++) {
			size_t free_k = SIZE_MAX, nfree = 0;
			double fixed = 0;
			for (size_t k = lp->rstart[r]; k < lp->rstart[r + 1]; k++) {
				size_t j = lp->rvar[k];
				if (lp->lo[j] == lp->hi[j])
					fixed += lp->rcoef[k] * lp->lo[j];
				else if (lp->rcoef[k] != 0) {
					free_k = k;
					nfree++;
				}
			}
			if (nfree != 1)
				continue;
			size_t j = lp->rvar[free_k];
			double a = lp->rcoef[free_k];
			double lo = (lp->rlo[r] - fixed) / a;
			double hi = (lp->rhi[r] - fixed) / a;
			if (a < 0) {
				double t = lo;
				lo = hi;
				hi = t;
			}
			if (isfinite(lo))
				lo = ceil(lo - 1e-7);
			if (isfinite(hi))
				hi = floor(hi + 1e-7);
			if (lo > lp->lo[j]) {
				lp->lo[j] = lo;
				lp->lo_row[j] = r;
				changed = 1;
			}
			if (hi < lp->hi[j]) {
				lp->hi[j] = hi;
				lp->hi_row[j] = r;
				changed = 1;
			}
			if (lp->lo[j] > lp->hi[j])
				return -1;
		}
	}
	return 0;
}

/* The start of a column at a finite bound: lower if it has one. */
static double
start_value(double lo, double hi)
{
	if (isfinite(lo))
		return lo;
	if (isfinite(hi))
		return hi;
	return 0;
}

/* Pivot on row r, column q. */
static void
pivot(struct sq_lp *lp, size_t r, size_t q)
{
	size_t nc = lp->ncol;
	double *pr = lp->T + r * nc, p = pr[q];

	for (size_t j = 0; j < nc; j++)
		pr[j] /= p;
	pr[q] = 1;
	for (size_t i = 0; i < lp->m; i++) {
		if (i == r)
			continue;
		double *pi = lp->T + i * nc, f = pi[q];
		if (f == 0)
			continue;
		for (size_t j = 0; j < nc; j++)
			pi[j] -= f * pr[j];
		pi[q] = 0;
	}
	double f = lp->d[q];
	if (f != 0) {
		for (size_t j = 0; j < nc; j++)
			lp->d[j] -= f * pr[j];
		lp->d[q] = 0;
	}
	lp->state[lp->basis[r]] = 0;	/* the caller sets where it left */
	lp->basis[r] = q;
	lp->state[q] = 1;
}

/* Reduced costs of cost vector c (ncol long): d_j = c_j - c_B T_j. */
static void
reduced_costs(struct sq_lp *lp, const double *c)
{
	size_t nc = lp->ncol;

	memcpy(lp->d, c, nc * sizeof(double));
	for (size_t i = 0; i < lp->m; i++) {
		double cb = c[lp->basis[i]];
		if (cb == 0)
			continue;
		const double *pi = lp->T + i * nc;
		for (size_t j = 0; j < nc; j++)
			lp->d[j] -= cb * pi[j];
	}
}

/*
 * Minimize c.x from the current feasible point.  0 at an optimum, 1 when
 * unbounded below, -1 when the iterations ran out.
 */
static int
simplex(struct sq_lp *lp, const double *c)
{
	size_t nc = lp->ncol, stall = 0;
	long limit = 50 * (long)(nc + lp->m) + 1000;

	reduced_costs(lp, c);
	for (long it = 0; it < limit; it++) {
		/* entering: Dantzig's, or Bland's (the first) while stalled */
		int bland = stall > lp->m + 10;
		size_t q = nc;
		double best = 0;
		int dir = 0;
		for (size_t j = 0; j < nc; j++) {
			if (lp->state[j] == 1 || lp->clo[j] == lp->chi[j])
				continue;
			double dj = lp->d[j];
			int up = dj < -EPS && lp->val[j] < lp->chi[j] - EPS;
			int down = dj > EPS && lp->val[j] > lp->clo[j] + EPS;
			if (!up && !down)
				continue;
			if (bland) {
				q = j;
				dir = up ? 1 : -1;
				break;
			}
			if (fabs(dj) > best) {
				best = fabs(dj);
				q = j;
				dir = up ? 1 : -1;
			}
		}
		if (q == nc)
			return 0;
		/* ratio test: the entering column moves by dir * theta */
		double theta = dir > 0 ? lp->chi[q] - lp->val[q] :
		    lp->val[q] - lp->clo[q];
		size_t leave = lp->m;
		int leave_up = 0;
		for (size_t i = 0; i < lp->m; i++) {
			double a = lp->T[i * nc + q] * dir;
			if (fabs(a) < EPS)
				continue;
			size_t b = lp->basis[i];
			double t;
			int up;
			/* basic b changes by -a * theta */
			if (a > 0) {
				if (!isfinite(lp->clo[b]))
					continue;
				t = (lp->val[b] - lp->clo[b]) / a;
				up = 0;
			} else {
				if (!isfinite(lp->chi[b]))
					continue;
				t = (lp->chi[b] - lp->val[b]) / -a;
				up = 1;
			}
			if (t < 0)
				t = 0;
			if (t < theta - EPS || (t < theta + EPS && leave < lp->m &&
			    bland && b < lp->basis[leave])) {
				theta = t;
				leave = i;
				leave_up = up;
			}
		}
		if (!isfinite(theta))
			return 1;
		stall = theta > EPS ? 0 : stall + 1;
		lp->val[q] += dir * theta;
		for (size_t i = 0; i < lp->m; i++)
			lp->val[lp->basis[i]] -= dir * theta * lp->T[i * nc + q];
		if (leave == lp->m) {
			/* a bound flip: the entering column crossed its range */
			lp->val[q] = dir > 0 ? lp->chi[q] : lp->clo[q];
			lp->state[q] = dir > 0 ? 2 : 0;
			continue;
		}
		size_t b = lp->basis[leave];
		pivot(lp, leave, q);
		lp->val[b] = leave_up ? lp->chi[b] : lp->clo[b];
		lp->state[b] = leave_up ? 2 : 0;
	}
	return -1;
}

/* Build the tableau and find a first point (phase 1). */
static int
setup(struct sq_lp *lp)
{
	size_t n = lp->n, m = lp->m, nc = n + 2 * m;

	lp->ready = 1;
	lp->ncol = nc;
	if (lp->integer && presolve(lp) < 0)
		return SQ_LP_INFEASIBLE;
	lp->T = sq_xcalloc(m * nc + 1, sizeof(double));
	lp->clo = sq_xmalloc((nc + 1) * sizeof(double));
	lp->chi = sq_xmalloc((nc + 1) * sizeof(double));
	lp->val = sq_xcalloc(nc + 1, sizeof(double));
	lp->basis = sq_xmalloc((m + 1) * sizeof(size_t));
	lp->state = sq_xcalloc(nc + 1, 1);
	lp->d = sq_xcalloc(nc + 1, sizeof(double));
	for (size_t j = 0; j < n; j++) {
		lp->clo[j] = lp->lo[j];
		lp->chi[j] = lp->hi[j];
		if (lp->lo[j] > lp->hi[j] + EPS)
			return SQ_LP_INFEASIBLE;
		lp->val[j] = start_value(lp->lo[j], lp->hi[j]);
		lp->state[j] = isfinite(lp->lo[j]) || !isfinite(lp->hi[j]) ? 0 : 2;
	}
	double *c = sq_xcalloc(nc + 1, sizeof(double));
	for (size_t r = 0; r < m; r++) {
		size_t s = n + r, y = n + m + r;
		double sum = 0;
		double *row = lp->T + r * nc;
		for (size_t k = lp->rstart[r]; k < lp->rstart[r + 1]; k++) {
			row[lp->rvar[k]] += lp->rcoef[k];
			sum += lp->rcoef[k] * lp->val[lp->rvar[k]];
		}
		if (lp->rlo[r] > lp->rhi[r] + EPS) {
			free(c);
			return SQ_LP_INFEASIBLE;
		}
		/* the slack at its bound nearest the row's value */
		lp->clo[s] = lp->rlo[r];
		lp->chi[s] = lp->rhi[r];
		double sv = sum < lp->rlo[r] ? lp->rlo[r] : sum > lp->rhi[r] ?
		    lp->rhi[r] : sum;
		if (!isfinite(sv))
			sv = 0;
		lp->val[s] = sv;
		lp->state[s] = sv == lp->rhi[r] && sv != lp->rlo[r] ? 2 : 0;
		/* sum - sv + g y = 0 with y >= 0 */
		double g = sum - sv > 0 ? -1 : 1;
		row[s] = -1;
		row[y] = g;
		lp->clo[y] = 0;
		lp->chi[y] = INFINITY;
		lp->val[y] = fabs(sum - sv);
		/* y basic: its row divided by g */
		for (size_t j = 0; j < nc; j++)
			row[j] *= g;
		lp->basis[r] = y;
		lp->state[y] = 1;
		c[y] = 1;
		/* a slack strictly inside its range stays nonbasic there:
		   the entering rule and the ratio test measure from the
		   value, not from a bound */
	}
	int rc = simplex(lp, c);
	free(c);
	if (rc < 0)
		return SQ_LP_LIMIT;
	double infeas = 0;
	for (size_t r = 0; r < m; r++)
		infeas += lp->val[n + m + r];
	if (infeas > 1e-7)
		return SQ_LP_INFEASIBLE;
	/* the artificials are done: nailed at 0 */
	for (size_t r = 0; r < m; r++) {
		size_t y = n + m + r;
		lp->clo[y] = lp->chi[y] = 0;
		if (lp->state[y] != 1) {
			lp->val[y] = 0;
			lp->state[y] = 0;
		}
	}
	lp->feasible = 1;
	return SQ_LP_OK;
}

int
sq_lp_range(struct sq_lp *lp, const size_t *var, const double *coef,
    size_t n, double *min, double *max)
{
	*min = -INFINITY;
	*max = INFINITY;
	if (!lp->ready) {
		int rc = setup(lp);
		if (rc != SQ_LP_OK) {
			lp->feasible = 0;
			return rc;
		}
	}
	if (!lp->feasible)
		return SQ_LP_INFEASIBLE;
	double *c = sq_xcalloc(lp->ncol + 1, sizeof(double));
	for (int sign = 1; sign >= -1; sign -= 2) {
		memset(c, 0, lp->ncol * sizeof(double));
		for (size_t k = 0; k < n; k++)
			if (var[k] < lp->n)
				c[var[k]] += sign * coef[k];
		int rc = simplex(lp, c);
		if (rc < 0) {
			free(c);
			return SQ_LP_LIMIT;
		}
		double v = 0;
		for (size_t k = 0; k < n; k++)
			if (var[k] < lp->n)
				v += coef[k] * lp->val[var[k]];
		if (sign > 0)
			*min = rc == 1 ? -INFINITY : v;
		else
			*max = rc == 1 ? INFINITY : v;
		/* what held it there: nonbasic at a bound, reduced cost not 0 */
		int side = sign < 0;
		size_t nb = 0, lim = lp->n + lp->m;
		if (lp->bind[side] == NULL)
			lp->bind[side] = sq_xrealloc(lp->bind[side], (2 * lim + 1) *
			    sizeof(size_t));
		for (size_t j = 0; rc == 0 && j < lim; j++) {
			if (lp->state[j] == 1 || fabs(lp->d[j]) <= 1e-7)
				continue;
			int at_lo = lp->val[j] <= lp->clo[j] + EPS;
			int at_hi = lp->val[j] >= lp->chi[j] - EPS;
			if (!at_lo && !at_hi)
				continue;
			lp->bind[side][nb++] = j;
			/* a bound the presolve took from a row: that row too */
			if (j < lp->n && lp->lo_row && at_lo &&
			    lp->lo_row[j] != SIZE_MAX)
				lp->bind[side][nb++] = lp->n + lp->lo_row[j];
			if (j < lp->n && lp->hi_row && at_hi &&
			    lp->hi_row[j] != SIZE_MAX)
				lp->bind[side][nb++] = lp->n + lp->hi_row[j];
		}
		lp->nbind[side] = nb;
	}
	free(c);
	return SQ_LP_OK;
}

size_t
sq_lp_binding(const struct sq_lp *lp, int side, size_t *out, size_t max)
{
	size_t n;

	if (side < 0 || side > 1 || lp->bind[side] == NULL)
		return 0;
	n = lp->nbind[side] < max ? lp->nbind[side] : max;
	memcpy(out, lp->bind[side], n * sizeof(size_t));
	return lp->nbind[side];
}
