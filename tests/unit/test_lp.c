/*
 * test_lp.c — solve/lp.c through its header: hand-made ranges, and on random
 * tables with margins (whose polytopes have whole-number corners) the
 * ranges found by brute force over every whole-number filling.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "lp.h"
#include "unit.h"

static int
near(double a, double b)
{
	return (isinf(a) && isinf(b) && (a > 0) == (b > 0)) || fabs(a - b) < 1e-6;
}

static uint64_t rng = 88172645463325252u;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* brute force: every filling of R x C cells in [0, cap] with the margins */
struct brute {
	int R, C, cap, rows[3], cols[3], cell_hi[9];
	int lo[9], hi[9], found;
};

static void
fill(struct brute *b, int *x, int k)
{
	int n = b->R * b->C;
	if (k == n) {
		for (int r = 0; r < b->R; r++) {
			int s = 0;
			for (int c = 0; c < b->C; c++)
				s += x[r * b->C + c];
			if (s != b->rows[r])
				return;
		}
		for (int c = 0; c < b->C; c++) {
			int s = 0;
			for (int r = 0; r < b->R; r++)
				s += x[r * b->C + c];
			if (s != b->cols[c])
				return;
		}
		for (int i = 0; i < n; i++) {
			if (!b->found || x[i] < b->lo[i])
				b->lo[i] = x[i];
			if (!b->found || x[i] > b->hi[i])
				b->hi[i] = x[i];
		}
		b->found = 1;
		return;
	}
	for (int v = 0; v <= b->cell_hi[k]; v++) {
		x[k] = v;
		fill(b, x, k + 1);
	}
}

int
main(void)
{
	double lo, hi;
	size_t v2[2] = { 0, 1 };
	double one2[2] = { 1, 1 }, diff[2] = { 1, -1 };

	/* x + y = 5, x <= 3, y <= 4: x in [1, 3], x - y in [-3, 1] */
	struct sq_lp *lp = sq_lp_new(2);
	sq_lp_bounds(lp, 0, 0, 3);
	sq_lp_bounds(lp, 1, 0, 4);
	sq_lp_row(lp, v2, one2, 2, 5, 5);
	CHECK_INT(sq_lp_range(lp, v2, one2, 1, &lo, &hi), SQ_LP_OK);
	CHECK(near(lo, 1) && near(hi, 3));
	CHECK_INT(sq_lp_range(lp, v2, diff, 2, &lo, &hi), SQ_LP_OK);
	CHECK(near(lo, -3) && near(hi, 1));
	CHECK_INT(sq_lp_range(lp, v2 + 1, one2, 1, &lo, &hi), SQ_LP_OK);
	CHECK(near(lo, 2) && near(hi, 4));
	sq_lp_free(lp);

	/* no upper bound: unbounded above */
	lp = sq_lp_new(2);
	sq_lp_row(lp, v2, diff, 2, 1, 1);		/* x = y + 1 */
	CHECK_INT(sq_lp_range(lp, v2, one2, 1, &lo, &hi), SQ_LP_OK);
	CHECK(near(lo, 1) && isinf(hi) && hi > 0);
	sq_lp_free(lp);

	/* infeasible: x + y >= 10 with both at most 4 */
	lp = sq_lp_new(2);
	sq_lp_bounds(lp, 0, 0, 4);
	sq_lp_bounds(lp, 1, 0, 4);
	sq_lp_row(lp, v2, one2, 2, 10, INFINITY);
	CHECK_INT(sq_lp_range(lp, v2, one2, 1, &lo, &hi), SQ_LP_INFEASIBLE);
	CHECK_INT(sq_lp_range(lp, v2, one2, 1, &lo, &hi), SQ_LP_INFEASIBLE);
	sq_lp_free(lp);

	/* a rate: 41 of 43 within a rounded 95% means x in [40.635, 41.065] */
	lp = sq_lp_new(1);
	size_t v0 = 0;
	double c43 = 1.0 / 43;
	sq_lp_row(lp, &v0, &c43, 1, 0.945, 0.955);
	CHECK_INT(sq_lp_range(lp, &v0, one2, 1, &lo, &hi), SQ_LP_OK);
	CHECK(near(lo, 40.635) && near(hi, 41.065));
	CHECK(ceil(lo - 1e-9) == 41 && floor(hi + 1e-9) == 41);
	sq_lp_free(lp);

	/* a variable without a lower bound, rows with one side */
	lp = sq_lp_new(2);
	sq_lp_bounds(lp, 0, -INFINITY, 2);
	sq_lp_row(lp, v2, one2, 2, -INFINITY, 3);
	sq_lp_row(lp, v2, diff, 2, -1, INFINITY);
	CHECK_INT(sq_lp_range(lp, v2 + 1, one2, 1, &lo, &hi), SQ_LP_OK);
	CHECK(near(lo, 0) && near(hi, 2));	/* y <= x + 1 and y <= 3 - x */
	CHECK_INT(sq_lp_range(lp, v2, one2, 1, &lo, &hi), SQ_LP_OK);
	CHECK(near(lo, -1) && near(hi, 2));
	sq_lp_free(lp);

	/* a degenerate start: many equations through the same point */
	lp = sq_lp_new(3);
	size_t v3[3] = { 0, 1, 2 };
	double c3[3] = { 1, 1, 1 };
	for (int k = 0; k < 6; k++)
		sq_lp_row(lp, v3, c3, 3, 0, 0);
	CHECK_INT(sq_lp_range(lp, v3, c3, 1, &lo, &hi), SQ_LP_OK);
	CHECK(near(lo, 0) && near(hi, 0));
	sq_lp_free(lp);

	/* random tables with margins, against brute force */
	long tables = 0, cells = 0;
	for (int t = 0; t < 400; t++) {
		struct brute b = { 0 };
		int x[9];
		b.R = 2 + (int)rnd(2);
		b.C = 2 + (int)rnd(2) - (b.R == 3);
		int n = b.R * b.C;
		/* margins of a random filling, so one exists */
		for (int i = 0; i < n; i++) {
			b.cell_hi[i] = 1 + (int)rnd(5);
			x[i] = (int)rnd((unsigned)b.cell_hi[i] + 1);
		}
		for (int r = 0; r < b.R; r++)
			for (int c = 0; c < b.C; c++) {
				b.rows[r] += x[r * b.C + c];
				b.cols[c] += x[r * b.C + c];
			}
		fill(&b, x, 0);
		if (!CHECK(b.found))
			continue;
		lp = sq_lp_new((size_t)n);
		for (int i = 0; i < n; i++)
			sq_lp_bounds(lp, (size_t)i, 0, b.cell_hi[i]);
		for (int r = 0; r < b.R; r++) {
			size_t v[3];
			double c[3] = { 1, 1, 1 };
			for (int k = 0; k < b.C; k++)
				v[k] = (size_t)(r * b.C + k);
			sq_lp_row(lp, v, c, (size_t)b.C, b.rows[r], b.rows[r]);
		}
		for (int k = 0; k < b.C; k++) {
			size_t v[3];
			double c[3] = { 1, 1, 1 };
			for (int r = 0; r < b.R; r++)
				v[r] = (size_t)(r * b.C + k);
			sq_lp_row(lp, v, c, (size_t)b.R, b.cols[k], b.cols[k]);
		}
		int all = 1;
		for (int i = 0; i < n; i++) {
			size_t v = (size_t)i;
			double one = 1;
			if (sq_lp_range(lp, &v, &one, 1, &lo, &hi) != SQ_LP_OK ||
			    !near(lo, b.lo[i]) || !near(hi, b.hi[i])) {
				all = 0;
				fprintf(stderr, "table %d cell %d: lp [%g, %g], "
				    "brute [%d, %d]\n", t, i, lo, hi, b.lo[i],
				    b.hi[i]);
			}
			cells++;
		}
		CHECK(all);
		tables++;
		sq_lp_free(lp);
	}
	CHECK(tables == 400 && cells > 1600);
	UNIT_DONE();
}
