/*
 * test_mcmf.c — solve/mcmf through its header: hand-made networks whose
 * answer is known, then random assignment problems against brute force
 * (every permutation) and random networks against a plain augmenting-path
 * maximum flow written here, so the engine is checked by independent code.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "mcmf.h"
#include "unit.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* the cheapest perfect assignment of n workers to n jobs, by permutations */
static long
brute_assign(int n, long cost[][6], int *perm, int k, long acc, long best)
{
	if (k == n)
		return acc < best ? acc : best;
	for (int i = k; i < n; i++) {
		int t = perm[k]; perm[k] = perm[i]; perm[i] = t;
		best = brute_assign(n, cost, perm, k + 1,
		    acc + cost[k][perm[k]], best);
		t = perm[k]; perm[k] = perm[i]; perm[i] = t;
	}
	return best;
}

/* maximum flow by BFS augmenting paths on a dense capacity matrix */
#define MAXN 12
static long
plain_maxflow(int n, long cap[MAXN][MAXN], int s, int t)
{
	long r[MAXN][MAXN], flow = 0;
	int prev[MAXN], queue[MAXN];

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			r[i][j] = cap[i][j];
	for (;;) {
		int head = 0, tail = 0;
		for (int i = 0; i < n; i++)
			prev[i] = -1;
		prev[s] = s;
		queue[tail++] = s;
		while (head < tail && prev[t] < 0) {
			int u = queue[head++];
			for (int v = 0; v < n; v++)
				if (prev[v] < 0 && r[u][v] > 0) {
					prev[v] = u;
					queue[tail++] = v;
				}
		}
		if (prev[t] < 0)
			return flow;
		long push = LONG_MAX;
		for (int v = t; v != s; v = prev[v])
			if (r[prev[v]][v] < push)
				push = r[prev[v]][v];
		for (int v = t; v != s; v = prev[v]) {
			r[prev[v]][v] -= push;
			r[v][prev[v]] += push;
		}
		flow += push;
	}
}

static void
hand_made(void)
{
	struct sq_mcmf *g;
	long cost;

	/* two paths s→t: the cheap one fills first, the limit stops the rest */
	g = sq_mcmf_new(4);
	size_t a = sq_mcmf_arc(g, 0, 1, 2, 1);
	size_t b = sq_mcmf_arc(g, 1, 3, 2, 1);
	size_t c = sq_mcmf_arc(g, 0, 2, 3, 5);
	(void)sq_mcmf_arc(g, 2, 3, 3, 5);
	CHECK_INT(sq_mcmf_narcs(g), 4);
	CHECK_INT(sq_mcmf_solve(g, 0, 3, LONG_MAX, &cost), 5);
	CHECK_INT(cost, 2 * 2 + 3 * 10);
	CHECK_INT(sq_mcmf_flow(g, a), 2);
	CHECK_INT(sq_mcmf_flow(g, b), 2);
	CHECK_INT(sq_mcmf_flow(g, c), 3);
	CHECK_INT(sq_mcmf_solve(g, 0, 3, 3, &cost), 3);
	CHECK_INT(cost, 2 * 2 + 1 * 10);
	/* a capacity changed between solves; each solve starts from zero */
	sq_mcmf_set_cap(g, a, 0);
	CHECK_INT(sq_mcmf_cap(g, a), 0);
	CHECK_INT(sq_mcmf_solve(g, 0, 3, LONG_MAX, &cost), 3);
	CHECK_INT(cost, 30);
	CHECK_INT(sq_mcmf_flow(g, a), 0);
	sq_mcmf_free(g);

	/* no path: nothing flows, at no cost */
	g = sq_mcmf_new(3);
	(void)sq_mcmf_arc(g, 0, 1, 5, 1);
	CHECK_INT(sq_mcmf_solve(g, 0, 2, LONG_MAX, &cost), 0);
	CHECK_INT(cost, 0);
	sq_mcmf_free(g);

	/*
	 * The cheapest maximum flow needs a unit sent back along an arc
	 * (the residual network): greedy on the cheap middle arc gives flow
	 * 1, the maximum is 2.
	 */
	g = sq_mcmf_new(4);
	(void)sq_mcmf_arc(g, 0, 1, 1, 0);
	(void)sq_mcmf_arc(g, 0, 2, 1, 0);
	size_t mid = sq_mcmf_arc(g, 1, 2, 1, 0);
	(void)sq_mcmf_arc(g, 1, 3, 1, 3);
	(void)sq_mcmf_arc(g, 2, 3, 1, 0);
	CHECK_INT(sq_mcmf_solve(g, 0, 3, LONG_MAX, &cost), 2);
	CHECK_INT(cost, 3);
	CHECK_INT(sq_mcmf_flow(g, mid), 0);
	sq_mcmf_free(g);
}

static void
assignments(void)
{
	for (int round = 0; round < 300; round++) {
		int n = 1 + (int)rnd(6), perm[6];
		long cost[6][6], got;
		struct sq_mcmf *g = sq_mcmf_new((size_t)(2 * n + 2));
		size_t s = (size_t)(2 * n), t = s + 1;

		for (int i = 0; i < n; i++) {
			perm[i] = i;
			(void)sq_mcmf_arc(g, s, (size_t)i, 1, 0);
			(void)sq_mcmf_arc(g, (size_t)(n + i), t, 1, 0);
		}
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				cost[i][j] = rnd(20);
				(void)sq_mcmf_arc(g, (size_t)i, (size_t)(n + j), 1,
				    cost[i][j]);
			}
		CHECK_INT(sq_mcmf_solve(g, s, t, LONG_MAX, &got), n);
		CHECK_INT(got, brute_assign(n, cost, perm, 0, 0, LONG_MAX));
		sq_mcmf_free(g);
	}
}

static void
random_networks(void)
{
	for (int round = 0; round < 300; round++) {
		int n = 2 + (int)rnd(MAXN - 1);
		long cap[MAXN][MAXN] = { { 0 } }, c1, c2;
		struct sq_mcmf *g = sq_mcmf_new((size_t)n);
		struct sq_mcmf *h = sq_mcmf_new((size_t)n);
		int arcs = (int)rnd((unsigned)(n * n)), from[MAXN * MAXN],
		    to[MAXN * MAXN];

		for (int k = 0; k < arcs; k++) {
			int u = (int)rnd((unsigned)n), v = (int)rnd((unsigned)n);
			long cp = rnd(6), cs = rnd(9);
			if (u == v)
				continue;
			cap[u][v] += cp;
			size_t id = sq_mcmf_arc(g, (size_t)u, (size_t)v, cp, cs);
			from[id] = u;
			to[id] = v;
			(void)sq_mcmf_arc(h, (size_t)u, (size_t)v, cp, cs);
		}
		long want = plain_maxflow(n, cap, 0, n - 1);
		CHECK_INT(sq_mcmf_solve(g, 0, (size_t)(n - 1), LONG_MAX, &c1), want);
		/* deterministic: the same arcs in the same order, the same flow */
		CHECK_INT(sq_mcmf_solve(h, 0, (size_t)(n - 1), LONG_MAX, &c2), want);
		CHECK_INT(c1, c2);
		int same = 1;
		for (size_t a = 0; a < sq_mcmf_narcs(g); a++)
			if (sq_mcmf_flow(g, a) != sq_mcmf_flow(h, a))
				same = 0;
		CHECK(same);
		/* conservation at every inner node, capacities respected */
		long net[MAXN] = { 0 };
		int within = 1;
		for (size_t a = 0; a < sq_mcmf_narcs(g); a++) {
			long f = sq_mcmf_flow(g, a);
			if (f < 0 || f > sq_mcmf_cap(g, a))
				within = 0;
			net[from[a]] -= f;
			net[to[a]] += f;
		}
		CHECK(within);
		int conserved = net[n - 1] == want && net[0] == -want;
		for (int i = 1; i < n - 1; i++)
			if (net[i] != 0)
				conserved = 0;
		CHECK(conserved);
		sq_mcmf_free(g);
		sq_mcmf_free(h);
	}
}

int
main(void)
{
	hand_made();
	assignments();
	random_networks();
	UNIT_DONE();
}
