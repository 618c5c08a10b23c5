/*
 * lp.h — the range of a linear expression over a polytope: the smallest
 * and largest value of sum c_j x_j subject to lo_j <= x_j <= hi_j and
 * rows lo_r <= sum a_rj x_j <= hi_r.
 *
 * What disclosure control needs to audit a table (render/disclose.c) and what
 * the disclosure checker needs to attack a bulletin (tools/dc-check.c):
 * after the tables published, how far can a hidden cell move?  A small
 * dense bounded-variable primal simplex: phase 1 finds a point once, then
 * each expression is minimized and maximized from the last basis, so many
 * ranges over one polytope cost little more than one.  Sizes are those of
 * a bulletin (a few hundred variables and rows).  Dantzig's rule, and
 * Bland's while pivots make no progress, so it never cycles.
 *
 * The answer is the range over the reals; for whole numbers round the
 * bounds inward (ceil of the low, floor of the high), which the caller
 * does: an outer bound of the integer range, as disclosure audits use.
 */
#ifndef SQ_LP_H
#define SQ_LP_H

#include <stddef.h>

struct sq_lp;

/* n variables, each in [0, +inf) until sq_lp_bounds says otherwise. */
struct sq_lp *sq_lp_new(size_t n);
void	 sq_lp_free(struct sq_lp *);
size_t	 sq_lp_nvars(const struct sq_lp *);
/* hi may be INFINITY (and lo -INFINITY). */
void	 sq_lp_bounds(struct sq_lp *, size_t var, double lo, double hi);
/*
 * The variables are whole numbers: before the simplex, a row with one
 * variable not fixed bounds it, rounded inward, until nothing changes
 * (a rate of 2 of 3 households within 50-75% makes it exactly 2, which
 * the relaxation alone leaves at 1.5 to 2.25).
 */
void	 sq_lp_integer(struct sq_lp *);
/* A row lo <= sum coef[k] x[var[k]] <= hi (lo == hi: an equation). */
void	 sq_lp_row(struct sq_lp *, const size_t *var, const double *coef,
	    size_t n, double lo, double hi);

enum { SQ_LP_OK = 0, SQ_LP_INFEASIBLE = -1, SQ_LP_LIMIT = -2 };

/*
 * The range [*min, *max] of sum coef[k] x[var[k]] (either may be
 * -INFINITY or INFINITY).  Rows and bounds may not change after the first
 * call.  SQ_LP_OK; SQ_LP_INFEASIBLE when no point satisfies them all;
 * SQ_LP_LIMIT when the iterations ran out (not seen in practice).
 */
int	 sq_lp_range(struct sq_lp *, const size_t *var, const double *coef,
	    size_t n, double *min, double *max);

/*
 * After sq_lp_range: the bounds that held its last minimum (side 0) or
 * maximum (side 1), those a wider bound would move: a variable at a bound
 * as its index, row r at one of its bounds as n + r.  At most max of them
 * into out; their count.
 */
size_t	 sq_lp_binding(const struct sq_lp *, int side, size_t *out,
	    size_t max);

#endif
