/*
 * mcmf.c — primal-dual minimum-cost maximum flow (see mcmf.h).
 *
 * Residual arcs come in pairs: 2k is arc k forward, 2k+1 its reverse.
 * The adjacency is a CSR index rebuilt when arcs were added since the last
 * solve, in the order the arcs were added (so results are deterministic).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mcmf.h"

struct sq_mcmf {
	size_t	 n, m, mcap;		/* nodes, arcs (forward), allocated */
	size_t	*from, *to;		/* per forward arc */
	long	*cap, *cost;		/* per forward arc */
	long	*res;			/* residual capacity, 2m */
	size_t	*ehead;			/* head of residual arc */
	long	*ecost;			/* cost of residual arc */
	size_t	*head, *adj;		/* CSR: adj[head[v]..head[v+1]) */
	int	 dirty;
	long	*pot, *dist;
	int	*done;
	size_t	*level_q, *it;
	long	*level;
	size_t	*heap;			/* binary heap of nodes by dist */
	size_t	*hpos;			/* position in heap, or SIZE_MAX */
	size_t	 hn;
	long	 phases;
};

#define INF	(LONG_MAX / 4)
#define NOPOS	((size_t)-1)

struct sq_mcmf *
sq_mcmf_new(size_t n)
{
	struct sq_mcmf *g = sq_xcalloc(1, sizeof(*g));

	g->n = n;
	g->head = sq_xcalloc(n + 1, sizeof(*g->head));
	g->pot = sq_xcalloc(n, sizeof(*g->pot));
	g->dist = sq_xcalloc(n, sizeof(*g->dist));
	g->done = sq_xcalloc(n, sizeof(*g->done));
	g->level_q = sq_xcalloc(n, sizeof(*g->level_q));
	g->it = sq_xcalloc(n, sizeof(*g->it));
	g->level = sq_xcalloc(n, sizeof(*g->level));
	g->heap = sq_xcalloc(n, sizeof(*g->heap));
	g->hpos = sq_xcalloc(n, sizeof(*g->hpos));
	g->dirty = 1;
	return g;
}

void
sq_mcmf_free(struct sq_mcmf *g)
{
	if (g == NULL)
		return;
	free(g->from);
	free(g->to);
	free(g->cap);
	free(g->cost);
	free(g->res);
	free(g->ehead);
	free(g->ecost);
	free(g->head);
	free(g->adj);
	free(g->pot);
	free(g->dist);
	free(g->done);
	free(g->level_q);
	free(g->it);
	free(g->level);
	free(g->heap);
	free(g->hpos);
	free(g);
}

size_t
sq_mcmf_arc(struct sq_mcmf *g, size_t from, size_t to, long cap, long cost)
{
	if (g->m == g->mcap) {
		g->mcap = g->mcap ? 2 * g->mcap : 1024;
		g->from = sq_xrealloc(g->from, g->mcap * sizeof(*g->from));
		g->to = sq_xrealloc(g->to, g->mcap * sizeof(*g->to));
		g->cap = sq_xrealloc(g->cap, g->mcap * sizeof(*g->cap));
		g->cost = sq_xrealloc(g->cost, g->mcap * sizeof(*g->cost));
	}
	g->from[g->m] = from;
	g->to[g->m] = to;
	g->cap[g->m] = cap < 0 ? 0 : cap;
	g->cost[g->m] = cost < 0 ? 0 : cost;
	g->dirty = 1;
	return g->m++;
}

void
sq_mcmf_set_cap(struct sq_mcmf *g, size_t arc, long cap)
{
	g->cap[arc] = cap < 0 ? 0 : cap;
}

long
sq_mcmf_cap(const struct sq_mcmf *g, size_t arc)
{
	return g->cap[arc];
}

size_t
sq_mcmf_narcs(const struct sq_mcmf *g)
{
	return g->m;
}

long
sq_mcmf_phases(const struct sq_mcmf *g)
{
	return g->phases;
}

long
sq_mcmf_flow(const struct sq_mcmf *g, size_t arc)
{
	return g->res ? g->res[2 * arc + 1] : 0;
}

/* endpoints and cost of residual arc e */
static inline size_t
rtail(const struct sq_mcmf *g, size_t e)
{
	return (e & 1) ? g->to[e >> 1] : g->from[e >> 1];
}

#define rhead(g, e)	((g)->ehead[e])
#define rcost(g, e)	((g)->ecost[e])

static void
build(struct sq_mcmf *g)
{
	size_t *fill;

	free(g->adj);
	free(g->res);
	free(g->ehead);
	free(g->ecost);
	g->ehead = sq_xcalloc(2 * g->m + 1, sizeof(*g->ehead));
	g->ecost = sq_xcalloc(2 * g->m + 1, sizeof(*g->ecost));
	for (size_t e = 0; e < 2 * g->m; e++) {
		g->ehead[e] = (e & 1) ? g->from[e >> 1] : g->to[e >> 1];
		g->ecost[e] = (e & 1) ? -g->cost[e >> 1] : g->cost[e >> 1];
	}
	g->adj = sq_xcalloc(2 * g->m + 1, sizeof(*g->adj));
	g->res = sq_xcalloc(2 * g->m + 1, sizeof(*g->res));
	memset(g->head, 0, (g->n + 1) * sizeof(*g->head));
	for (size_t e = 0; e < 2 * g->m; e++)
		g->head[rtail(g, e) + 1]++;
	for (size_t v = 0; v < g->n; v++)
		g->head[v + 1] += g->head[v];
	fill = sq_xcalloc(g->n + 1, sizeof(*fill));
	memcpy(fill, g->head, g->n * sizeof(*fill));
	for (size_t e = 0; e < 2 * g->m; e++)
		g->adj[fill[rtail(g, e)]++] = e;
	free(fill);
	g->dirty = 0;
}

/* ---- binary heap keyed by dist ---- */

static void
hswap(struct sq_mcmf *g, size_t i, size_t j)
{
	size_t a = g->heap[i], b = g->heap[j];

	g->heap[i] = b;
	g->heap[j] = a;
	g->hpos[b] = i;
	g->hpos[a] = j;
}

/* order: distance, then node number (deterministic ties) */
static inline int
hless(const struct sq_mcmf *g, size_t a, size_t b)
{
	return g->dist[a] < g->dist[b] ||
	    (g->dist[a] == g->dist[b] && a < b);
}

static void
hup(struct sq_mcmf *g, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!hless(g, g->heap[i], g->heap[p]))
			break;
		hswap(g, i, p);
		i = p;
	}
}

static void
hdown(struct sq_mcmf *g, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, b = i;
		if (l < g->hn && hless(g, g->heap[l], g->heap[b]))
			b = l;
		if (r < g->hn && hless(g, g->heap[r], g->heap[b]))
			b = r;
		if (b == i)
			break;
		hswap(g, i, b);
		i = b;
	}
}

static void
hpush(struct sq_mcmf *g, size_t v)
{
	if (g->hpos[v] != NOPOS) {
		hup(g, g->hpos[v]);
		return;
	}
	g->heap[g->hn] = v;
	g->hpos[v] = g->hn;
	hup(g, g->hn++);
}

static size_t
hpop(struct sq_mcmf *g)
{
	size_t v = g->heap[0];

	g->hn--;
	if (g->hn > 0) {
		hswap(g, 0, g->hn);
	}
	g->hpos[v] = NOPOS;
	if (g->hn > 0)
		hdown(g, 0);
	return v;
}

/* Dijkstra on reduced costs; updates the potentials.  0 if t unreachable. */
static int
dijkstra(struct sq_mcmf *g, size_t s, size_t t)
{
	long dt;

	for (size_t v = 0; v < g->n; v++) {
		g->dist[v] = INF;
		g->done[v] = 0;
		g->hpos[v] = NOPOS;
	}
	g->hn = 0;
	g->dist[s] = 0;
	hpush(g, s);
	while (g->hn > 0) {
		size_t u = hpop(g);
		g->done[u] = 1;
		if (u == t)
			break;
		for (size_t k = g->head[u]; k < g->head[u + 1]; k++) {
			size_t e = g->adj[k];
			if (g->res[e] <= 0)
				continue;
			size_t v = rhead(g, e);
			if (g->done[v])
				continue;
			long nd = g->dist[u] + rcost(g, e) + g->pot[u] -
			    g->pot[v];
			if (nd < g->dist[v]) {
				g->dist[v] = nd;
				hpush(g, v);
			}
		}
	}
	if (!g->done[t])
		return 0;
	dt = g->dist[t];
	for (size_t v = 0; v < g->n; v++)
		g->pot[v] += g->done[v] && g->dist[v] < dt ? g->dist[v] : dt;
	return 1;
}

/* arc e out of u: residual, and of reduced cost 0 */
static inline int
admissible(const struct sq_mcmf *g, size_t u, size_t e)
{
	return g->res[e] > 0 &&
	    rcost(g, e) + g->pot[u] - g->pot[rhead(g, e)] == 0;
}

/* BFS levels over admissible arcs; 1 if t is reached. */
static int
levels(struct sq_mcmf *g, size_t s, size_t t)
{
	size_t qh = 0, qt = 0;

	for (size_t v = 0; v < g->n; v++)
		g->level[v] = -1;
	g->level[s] = 0;
	g->level_q[qt++] = s;
	while (qh < qt) {
		size_t u = g->level_q[qh++];
		for (size_t k = g->head[u]; k < g->head[u + 1]; k++) {
			size_t e = g->adj[k], v = rhead(g, e);
			if (g->level[v] < 0 && admissible(g, u, e)) {
				g->level[v] = g->level[u] + 1;
				g->level_q[qt++] = v;
			}
		}
	}
	return g->level[t] >= 0;
}

/* One augmenting path of at most f units along levels (iterative DFS). */
static long
augment(struct sq_mcmf *g, size_t s, size_t t, long f, size_t *stack)
{
	size_t depth = 0, u = s;

	for (;;) {
		if (u == t) {
			long push = f;
			for (size_t i = 0; i < depth; i++)
				if (g->res[stack[i]] < push)
					push = g->res[stack[i]];
			for (size_t i = 0; i < depth; i++) {
				g->res[stack[i]] -= push;
				g->res[stack[i] ^ 1] += push;
			}
			return push;
		}
		int moved = 0;
		for (; g->it[u] < g->head[u + 1]; g->it[u]++) {
			size_t e = g->adj[g->it[u]], v = rhead(g, e);
			if (g->level[v] == g->level[u] + 1 && admissible(g, u, e)) {
				stack[depth++] = e;
				u = v;
				moved = 1;
				break;
			}
		}
		if (moved)
			continue;
		/* dead end: retreat */
		g->level[u] = -1;
		if (depth == 0)
			return 0;
		depth--;
		u = rtail(g, stack[depth]);
		g->it[u]++;
	}
}

long
sq_mcmf_solve(struct sq_mcmf *g, size_t s, size_t t, long limit, long *cost)
{
	long flow = 0, total = 0;
	size_t *stack;

	if (g->dirty)
		build(g);
	for (size_t a = 0; a < g->m; a++) {
		g->res[2 * a] = g->cap[a];
		g->res[2 * a + 1] = 0;
	}
	memset(g->pot, 0, g->n * sizeof(*g->pot));
	g->phases = 0;
	stack = sq_xcalloc(g->n + 1, sizeof(*stack));
	while (flow < limit && s != t && dijkstra(g, s, t)) {
		g->phases++;
		while (flow < limit && levels(g, s, t)) {
			long f;
			for (size_t v = 0; v < g->n; v++)
				g->it[v] = g->head[v];
			while (flow < limit &&
			    (f = augment(g, s, t, limit - flow, stack)) > 0) {
				flow += f;
				total += f * (g->pot[t] - g->pot[s]);
			}
		}
	}
	free(stack);
	if (cost)
		*cost = total;
	return flow;
}
