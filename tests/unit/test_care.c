/*
 * test_care.c — the pairing engine (solve/care.c) through its header.
 *
 * 1. Small cases written out: the building before the grid before the
 *    rest, a carer with no building last, skills, caps, reasons for no
 *    carer, kept pairs, the carer who lives in the home, communities.
 * 2. Random problems against an independent solver: successive shortest
 *    paths, one home at a time, with Bellman-Ford over costs that are
 *    tuples compared in order (not the engine's weighted sums) on the
 *    whole home x carer graph (not the engine's groups and classes).  The
 *    engine must pair as many homes and reach the same optimum, level by
 *    level; caps and communities kept; the same answer twice.
 *    The same with the hub forced (arc_limit 1): the same optimum on every
 *    level but walking.
 * 3. A large community (the hub), some carers living in homes that need
 *    care: everyone in reach paired, caps kept, and the levels but walking
 *    equal to those of the same problem solved with every arc.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "diag.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- a small deterministic PRNG (xorshift64*) ---- */
static uint64_t rng_state = 88172645463325252ull;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

static long
rnd(long lo, long hi)
{
	return lo + (long)(rng() % (uint64_t)(hi - lo + 1));
}

/* ---- the level tuple: outside building, outside grid, unmet, walk ---- */
#define NL	4
struct lex {
	long	 v[NL];
};

static int
lex_cmp(const struct lex *a, const struct lex *b)
{
	for (int i = 0; i < NL; i++)
		if (a->v[i] != b->v[i])
			return a->v[i] < b->v[i] ? -1 : 1;
	return 0;
}

static struct lex
lex_add(struct lex a, const struct lex *b, int sign)
{
	for (int i = 0; i < NL; i++)
		a.v[i] += sign * b->v[i];
	return a;
}

/* walking steps as the spec says: 10 m steps, at most 500, a carer with
   no building the farthest, no plan nobody nearer */
static long
steps(const struct sq_care_problem *P, uint32_t hb, uint32_t cb)
{
	if (cb == hb)
		return 0;
	if (cb == 0)
		return 500;
	if (P->buildings == NULL)
		return 0;
	const struct sq_care_building *x = &P->buildings[hb],
	    *y = &P->buildings[cb];
	if (!x->has_xy || !y->has_xy)
		return 500;	/* not on the plan: the farthest */
	long m = lround(hypot(x->x - y->x, x->y - y->y));
	m = (m + 5) / 10;
	return m < 500 ? m : 500;
}

static struct lex
pair_lex(const struct sq_care_problem *P, size_t h, size_t c)
{
	const struct sq_care_home *H = &P->homes[h];
	const struct sq_care_carer *K = &P->carers[c];
	struct lex l;
	int same_b = K->building != 0 && K->building == H->building;
	int same_g = !same_b && K->grid != 0 && K->grid == H->grid;

	l.v[0] = !same_b;
	l.v[1] = !same_b && !same_g;
	l.v[2] = __builtin_popcount(H->prefs & ~K->fits);
	l.v[3] = steps(P, H->building, K->building);
	return l;
}

/* ---- the independent solver ---- */
struct edge {
	int	 to, cap;
	struct lex cost;
};

struct graph {
	struct edge *e;
	int	 ne, cape;
	int	*head, *next;
	int	 n;
};

static void
gadd(struct graph *g, int a, int b, int cap, struct lex cost)
{
	if (g->ne + 2 > g->cape) {
		g->cape = g->cape ? 2 * g->cape : 256;
		g->e = realloc(g->e, (size_t)g->cape * sizeof(*g->e));
		g->next = realloc(g->next, (size_t)g->cape * sizeof(int));
	}
	struct lex neg = lex_add((struct lex){ { 0 } }, &cost, -1);
	g->e[g->ne] = (struct edge){ b, cap, cost };
	g->next[g->ne] = g->head[a];
	g->head[a] = g->ne++;
	g->e[g->ne] = (struct edge){ a, 0, neg };
	g->next[g->ne] = g->head[b];
	g->head[b] = g->ne++;
}

/* maximum flow of least cost (in tuple order); returns the flow */
static long
ssp(const struct sq_care_problem *P, struct lex *total)
{
	int nh = (int)P->nhomes, nc = (int)P->ncarers;
	struct graph g = { 0 };
	g.n = nh + nc + 2;
	g.head = malloc((size_t)g.n * sizeof(int));
	for (int i = 0; i < g.n; i++)
		g.head[i] = -1;
	int s = nh + nc, t = s + 1;
	struct lex zero = { { 0 } };
	for (int h = 0; h < nh; h++) {
		gadd(&g, s, h, 1, zero);
		for (int c = 0; c < nc; c++)
			if (P->carers[c].community == P->homes[h].community &&
			    P->homes[h].self != c && P->carers[c].cap > 0)
				gadd(&g, h, nh + c, 1, pair_lex(P, (size_t)h,
				    (size_t)c));
	}
	for (int c = 0; c < nc; c++)
		gadd(&g, nh + c, t, (int)P->carers[c].cap, zero);
	struct lex *dist = malloc((size_t)g.n * sizeof(*dist));
	int *reach = malloc((size_t)g.n * sizeof(int));
	int *via = malloc((size_t)g.n * sizeof(int));
	long flow = 0;
	*total = zero;
	for (;;) {
		for (int v = 0; v < g.n; v++)
			reach[v] = 0, via[v] = -1;
		dist[s] = zero;
		reach[s] = 1;
		for (int round = 0, changed = 1; changed && round < g.n;
		    round++) {
			changed = 0;
			for (int u = 0; u < g.n; u++) {
				if (!reach[u])
					continue;
				for (int e = g.head[u]; e >= 0; e = g.next[e]) {
					if (g.e[e].cap <= 0)
						continue;
					int v = g.e[e].to;
					struct lex d = lex_add(dist[u],
					    &g.e[e].cost, 1);
					if (!reach[v] || lex_cmp(&d, &dist[v]) < 0) {
						dist[v] = d;
						reach[v] = 1;
						via[v] = e;
						changed = 1;
					}
				}
			}
		}
		if (!reach[t])
			break;
		for (int v = t; v != s; v = g.e[via[v] ^ 1].to) {
			g.e[via[v]].cap--;
			g.e[via[v] ^ 1].cap++;
		}
		*total = lex_add(*total, &dist[t], 1);
		flow++;
	}
	free(dist);
	free(reach);
	free(via);
	free(g.e);
	free(g.next);
	free(g.head);
	return flow;
}

/* ---- checks on an answer ---- */
static int
feasible(const struct sq_care_problem *P, const struct sq_care_pair *out)
{
	long *load = calloc(P->ncarers + 1, sizeof(long));
	int ok = 1;

	for (size_t h = 0; h < P->nhomes; h++) {
		long c = out[h].carer;
		if (c < 0)
			continue;
		if ((size_t)c >= P->ncarers || P->carers[c].community !=
		    P->homes[h].community || c == P->homes[h].self)
			ok = 0;
		else
			load[c]++;
		if (out[h].tier != sq_care_tier(&P->homes[h], &P->carers[c]))
			ok = 0;
	}
	for (size_t c = 0; c < P->ncarers; c++)
		if (load[c] > P->carers[c].cap)
			ok = 0;
	free(load);
	return ok;
}

static struct lex
answer_lex(const struct sq_care_problem *P, const struct sq_care_pair *out,
    long *paired)
{
	struct lex l = { { 0 } };

	*paired = 0;
	for (size_t h = 0; h < P->nhomes; h++)
		if (out[h].carer >= 0) {
			struct lex one = pair_lex(P, h, (size_t)out[h].carer);
			l = lex_add(l, &one, 1);
			(*paired)++;
		}
	return l;
}

/* ---- 1: small cases ---- */

static struct sq_care_building plan[] = {
	{ 0, 0, 0 },
	{ 0, 0, 1 },		/* building 1 */
	{ 40, 0, 1 },		/* 2: 40 m from 1, same grid */
	{ 300, 0, 1 },		/* 3: far, another grid */
	{ 100, 0, 1 },		/* 4: 100 m, another grid */
};

static void
small_cases(void)
{
	struct sq_care_problem P;
	struct sq_care_pair out[8];
	struct sq_care_stats st;

	/* building first: the carer of building 1 takes the home there */
	{
		struct sq_care_home h[] = {
			{ 1, 1, 1, 0, -1, -1 },	/* building 1, grid 1 */
			{ 1, 2, 1, 0, -1, -1 },	/* building 2, grid 1 */
		};
		struct sq_care_carer c[] = {
			{ 1, 2, 1, 0, 1 },	/* lives in 2 */
			{ 1, 1, 1, 0, 1 },	/* lives in 1 */
		};
		P = (struct sq_care_problem){ h, 2, c, 2, plan, NELEM(plan), 0, 0 };
		CHECK(sq_care_pair(&P, out, &st) == 0);
		CHECK_INT(out[0].carer, 1);
		CHECK_INT(out[1].carer, 0);
		CHECK_INT(out[0].tier, SQ_CARE_BUILDING);
		CHECK_INT(st.tier[SQ_CARE_BUILDING], 2);
	}
	/* the grid before a nearer carer of another grid; staff last */
	{
		struct sq_care_home h[] = { { 1, 1, 1, 0, -1, -1 } };
		struct sq_care_carer c[] = {
			{ 1, 0, 0, 0, 4 },	/* staff, no building */
			{ 1, 4, 2, 0, 4 },	/* 100 m, grid 2 */
			{ 1, 3, 1, 0, 4 },	/* 300 m, but grid 1 */
		};
		P = (struct sq_care_problem){ h, 1, c, 3, plan, NELEM(plan), 0, 0 };
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, 2);
		CHECK_INT(out[0].tier, SQ_CARE_GRID);
		CHECK_INT(out[0].walk_m, 300);
		c[2].cap = 0;	/* now the nearer one, not the staff */
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, 1);
		CHECK_INT(out[0].tier, SQ_CARE_NEAR);
		c[1].cap = 0;
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, 0);
		CHECK_INT(out[0].tier, SQ_CARE_ANY);
		CHECK_INT(out[0].walk_m, -1);
		c[0].cap = 0;
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, -1);
		CHECK_INT(out[0].none, SQ_CARE_NO_CARER);
	}
	/* a skill before walking: the nurse of building 4, not the one of
	   building 2; but the building before the skill */
	{
		struct sq_care_home h[] = { { 1, 1, 3, 1, -1, -1 } };
		struct sq_care_carer c[] = {
			{ 1, 2, 2, 0, 1 },	/* 40 m, no skill */
			{ 1, 4, 2, 1, 1 },	/* 100 m, fits */
		};
		P = (struct sq_care_problem){ h, 1, c, 2, plan, NELEM(plan), 0, 0 };
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, 1);
		CHECK_INT(out[0].unmet, 0);
		c[0].building = 1;	/* now lives in the home's building */
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, 0);
		CHECK_INT(out[0].unmet, 1);
		CHECK_INT(st.unmet, 1);
	}
	/* caps: two carers of 2, five homes: four paired, one all full */
	{
		struct sq_care_home h[5];
		for (int i = 0; i < 5; i++)
			h[i] = (struct sq_care_home){ 1, 1, 1, 0, -1, -1 };
		struct sq_care_carer c[] = {
			{ 1, 1, 1, 0, 2 }, { 1, 1, 1, 0, 2 },
		};
		P = (struct sq_care_problem){ h, 5, c, 2, plan, NELEM(plan), 0, 0 };
		sq_care_pair(&P, out, &st);
		CHECK_INT(st.paired, 4);
		CHECK_INT(st.unpaired[SQ_CARE_ALL_FULL], 1);
		/* loads even, each carer's homes next to each other */
		CHECK_INT(out[0].carer, 0);
		CHECK_INT(out[1].carer, 0);
		CHECK_INT(out[2].carer, 1);
		CHECK_INT(out[3].carer, 1);
		CHECK_INT(out[4].carer, -1);
		CHECK_INT(out[4].none, SQ_CARE_ALL_FULL);
	}
	/* another community's carer is out of reach */
	{
		struct sq_care_home h[] = { { 1, 1, 1, 0, -1, -1 },
		    { 2, 3, 0, 0, -1, -1 } };
		struct sq_care_carer c[] = { { 2, 1, 1, 0, 4 } };
		P = (struct sq_care_problem){ h, 2, c, 1, plan, NELEM(plan), 0, 0 };
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, -1);
		CHECK_INT(out[0].none, SQ_CARE_NO_CARER);
		CHECK_INT(out[1].carer, 0);
		CHECK_INT(st.communities, 2);
	}
	/* kept pairs stay, even when a better carer is there; over the cap
	   the later ones are paired again */
	{
		struct sq_care_home h[] = {
			{ 1, 1, 1, 0, 0, -1 },	/* kept with carer 0 */
			{ 1, 1, 1, 0, 0, -1 },	/* kept too: over the cap */
			{ 1, 1, 1, 0, 9, -1 },	/* no such carer: paired */
		};
		struct sq_care_carer c[] = {
			{ 1, 3, 2, 0, 1 },	/* far, grid 2 */
			{ 1, 1, 1, 0, 4 },	/* in the building */
		};
		P = (struct sq_care_problem){ h, 3, c, 2, plan, NELEM(plan), 0, 0 };
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, 0);
		CHECK_INT(out[0].kept, 1);
		CHECK_INT(out[1].carer, 1);
		CHECK_INT(out[1].kept, 0);
		CHECK_INT(out[2].carer, 1);
		CHECK_INT(st.kept, 1);
	}
	/* never the carer who lives in the home */
	{
		struct sq_care_home h[] = { { 1, 1, 1, 0, -1, 0 },
		    { 1, 1, 1, 0, -1, -1 } };
		struct sq_care_carer c[] = { { 1, 1, 1, 0, 4 } };
		P = (struct sq_care_problem){ h, 2, c, 1, plan, NELEM(plan), 0, 0 };
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, -1);
		CHECK_INT(out[0].none, SQ_CARE_NO_CARER);
		CHECK_INT(out[1].carer, 0);
		h[0].keep = 0;		/* not even when kept */
		sq_care_pair(&P, out, &st);
		CHECK_INT(out[0].carer, -1);
	}
	/* no plan: nobody nearer; an empty problem; a bad building */
	{
		struct sq_care_home h[] = { { 1, 1, 1, 0, -1, -1 } };
		struct sq_care_carer c[] = { { 1, 3, 2, 0, 1 } };
		P = (struct sq_care_problem){ h, 1, c, 1, NULL, 0, 0, 0 };
		CHECK(sq_care_pair(&P, out, &st) == 0);
		CHECK_INT(out[0].carer, 0);
		CHECK_INT(out[0].walk_m, -1);
		P = (struct sq_care_problem){ NULL, 0, NULL, 0, NULL, 0, 0, 0 };
		CHECK(sq_care_pair(&P, out, &st) == 0);
		CHECK_INT(st.homes, 0);
		h[0].building = 0;
		P = (struct sq_care_problem){ h, 1, c, 1, plan, NELEM(plan), 0, 0 };
		CHECK(sq_care_pair(&P, out, &st) == -1);
		h[0].building = 9;
		CHECK(sq_care_pair(&P, out, &st) == -1);
	}
}

/* ---- 2: random problems against the independent solver ---- */

static void
random_problems(int count)
{
	int fails = 0;

	for (int it = 0; it < count; it++) {
		int ncomm = (int)rnd(1, 2), nb = (int)rnd(1, 9);
		int withplan = rnd(0, 5) > 0;
		struct sq_care_building B[10];
		uint32_t bcomm[10], bgrid[10];
		B[0] = (struct sq_care_building){ 0, 0, 0 };
		for (int b = 1; b <= nb; b++) {
			B[b] = (struct sq_care_building){ (double)rnd(0, 400),
			    (double)rnd(0, 400), rnd(0, 9) > 0 };
			bcomm[b] = (uint32_t)rnd(1, ncomm);
			bgrid[b] = (uint32_t)rnd(0, 3);
		}
		size_t nh = (size_t)rnd(0, 22), nc = (size_t)rnd(0, 11);
		struct sq_care_home H[22];
		struct sq_care_carer K[11];
		for (size_t c = 0; c < nc; c++) {
			uint32_t b = (uint32_t)rnd(0, nb);
			if (rnd(0, 4) == 0)
				b = 0;
			K[c].building = b;
			K[c].community = b ? bcomm[b] : (uint32_t)rnd(1, ncomm);
			K[c].grid = b ? bgrid[b] : (uint32_t)rnd(0, 3);
			K[c].fits = (uint32_t)rnd(0, 3);
			K[c].cap = rnd(0, 4);
		}
		for (size_t h = 0; h < nh; h++) {
			uint32_t b = (uint32_t)rnd(1, nb);
			H[h] = (struct sq_care_home){ bcomm[b], b, bgrid[b],
			    (uint32_t)rnd(0, 3), -1, -1 };
			if (nc > 0 && rnd(0, 7) == 0) {
				long c = rnd(0, (long)nc - 1);
				if (K[c].building == b)
					H[h].self = c;
			}
		}
		struct sq_care_problem P = { H, nh, K, nc, withplan ? B : NULL,
		    withplan ? (size_t)nb + 1 : 0, 0, 0 };
		struct sq_care_pair out[22], out2[22];
		struct sq_care_stats st;
		struct lex want, got;
		long paired;
		if (sq_care_pair(&P, out, &st) != 0) {
			fails++;
			continue;
		}
		long flow = ssp(&P, &want);
		got = answer_lex(&P, out, &paired);
		int ok = feasible(&P, out) && paired == flow &&
		    lex_cmp(&got, &want) == 0 && st.paired == paired;
		sq_care_pair(&P, out2, NULL);
		ok &= memcmp(out, out2, nh * sizeof(*out)) == 0;
		/* the hub, on a problem of any size: levels 1 to 4 as exact,
		   walking beyond the nearest building or two approximate */
		P.arc_limit = 1;
		P.near_k = (size_t)rnd(1, 2);
		sq_care_pair(&P, out2, NULL);
		struct lex hub = answer_lex(&P, out2, &paired);
		ok &= feasible(&P, out2) && paired == flow;
		for (int l = 0; l < NL - 1; l++)
			ok &= hub.v[l] == want.v[l];
		if (!ok && fails++ < 5)
			fprintf(stderr, "FAIL random problem %d: paired %ld/%ld, "
			    "levels %ld %ld %ld %ld, optimum %ld %ld %ld %ld\n",
			    it, paired, flow, got.v[0], got.v[1], got.v[2],
			    got.v[3], want.v[0], want.v[1], want.v[2],
			    want.v[3]);
	}
	CHECK_INT(fails, 0);
}

/* ---- 3: a community too large for every arc: the hub ---- */

static void
large_community(void)
{
	size_t nb = 700, nh = 2500, nc = 900;
	struct sq_care_building *B = calloc(nb + 1, sizeof(*B));
	struct sq_care_home *H = calloc(nh, sizeof(*H));
	struct sq_care_carer *K = calloc(nc, sizeof(*K));
	struct sq_care_pair *out = calloc(nh, sizeof(*out));
	long *nhb = calloc(nb + 1, sizeof(long)), *capb = calloc(nb + 1,
	    sizeof(long)), *load = calloc(nc, sizeof(long));
	struct sq_care_stats st;

	for (size_t b = 1; b <= nb; b++)
		B[b] = (struct sq_care_building){ (double)rnd(0, 3000),
		    (double)rnd(0, 3000), 1 };
	for (size_t h = 0; h < nh; h++) {
		uint32_t b = (uint32_t)rnd(1, (long)nb);
		H[h] = (struct sq_care_home){ 1, b, 1 + b / 4,
		    (uint32_t)rnd(0, 3), -1, -1 };
		nhb[b]++;
	}
	long cap = 0;
	for (size_t c = 0; c < nc; c++) {
		uint32_t b = (uint32_t)rnd(1, (long)nb);
		K[c] = (struct sq_care_carer){ 1, b, 1 + b / 4,
		    (uint32_t)rnd(0, 3), rnd(1, 4) };
		capb[b] += K[c].cap;
		cap += K[c].cap;
	}
	/* some carers live in a home that needs care */
	for (size_t c = 0; c < nc; c += 7)
		for (size_t h = 0; h < nh; h++)
			if (H[h].building == K[c].building && H[h].self < 0) {
				H[h].self = (long)c;
				break;
			}
	struct sq_care_problem P = { H, nh, K, nc, B, nb + 1, 0, 0 };
	CHECK(sq_care_pair(&P, out, &st) == 0);
	CHECK(st.approx == 1);
	/* every arc: the same levels but walking */
	struct sq_care_pair *exact = calloc(nh, sizeof(*exact));
	struct sq_care_stats xs;
	P.arc_limit = SIZE_MAX;
	CHECK(sq_care_pair(&P, exact, &xs) == 0);
	CHECK(xs.approx == 0);
	CHECK_INT(st.paired, xs.paired);
	CHECK_INT(st.tier[SQ_CARE_BUILDING], xs.tier[SQ_CARE_BUILDING]);
	CHECK_INT(st.tier[SQ_CARE_GRID], xs.tier[SQ_CARE_GRID]);
	CHECK_INT(st.unmet, xs.unmet);
	free(exact);
	P.arc_limit = 0;
	CHECK(feasible(&P, out));
	long bound = 0;
	for (size_t b = 1; b <= nb; b++)
		bound += nhb[b] < capb[b] ? nhb[b] : capb[b];
	CHECK_INT(st.paired, (long)nh < cap ? (long)nh : cap);
	CHECK(st.tier[SQ_CARE_BUILDING] <= bound);
	for (size_t h = 0; h < nh; h++)
		if (out[h].carer >= 0)
			load[out[h].carer]++;
	free(B);
	free(H);
	free(K);
	free(out);
	free(nhb);
	free(capb);
	free(load);
}

int
main(void)
{
	sq_diag_init("test_care");
	small_cases();
	random_problems(400);
	large_community();
	UNIT_DONE();
}
