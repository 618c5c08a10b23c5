/*
 * care.c — homes to carers by a lexicographic min-cost flow (see care.h).
 *
 * Per community: source -> home group (capacity: its homes) -> carer class
 * (cost of the pair) -> sink (capacity: what the class can still take).
 * The cost of a pair is a sum of weighted levels (see weights()), each
 * weight so large that no sum over the community's homes of the levels
 * below reaches one unit of it.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "diag.h"
#include "mcmf.h"

struct group {			/* homes alike: building, grid, preferences */
	uint32_t building, grid, prefs;
	long	 self;		/* a single home with a carer living there */
	size_t	*home;		/* home indices, ascending */
	size_t	 n, cap, used;
	size_t	 node;
};

struct class {			/* carers alike: building, grid, fits */
	uint32_t building, grid, fits;
	int	 self;		/* a single carer who lives in a home here */
	size_t	*carer;
	size_t	 n, cap;
	long	 room;		/* homes the class can still take */
	size_t	 node;
	size_t	*got;		/* homes given to the class */
	size_t	 ngot, capgot;
};

struct arc {
	size_t	 id, group, cls;	/* cls SIZE_MAX: to the group's hub */
};

struct hubarc {
	size_t	 id, hub, cls;
};

struct community {
	const struct sq_care_problem *P;
	long	*load;		/* per carer, over the whole problem */
	long	 dcap, step, l1, wb, wa;	/* see weights() */
	struct group *g;
	size_t	 ng;
	struct class *k;
	size_t	 nk;
};

static int
popcount32(uint32_t x)
{
	return __builtin_popcount(x);
}

long
sq_care_walk(const struct sq_care_problem *P, uint32_t a, uint32_t b)
{
	if (a == b && a != 0)
		return 0;
	if (P->buildings == NULL || a == 0 || b == 0 || a >= P->nbuildings ||
	    b >= P->nbuildings)
		return -1;
	const struct sq_care_building *x = &P->buildings[a], *y =
	    &P->buildings[b];
	if (!x->has_xy || !y->has_xy)
		return -1;
	return lround(hypot(x->x - y->x, x->y - y->y));
}

int
sq_care_tier(const struct sq_care_home *h, const struct sq_care_carer *c)
{
	if (c->building != 0 && c->building == h->building)
		return SQ_CARE_BUILDING;
	if (c->grid != 0 && c->grid == h->grid)
		return SQ_CARE_GRID;
	if (c->building != 0)
		return SQ_CARE_NEAR;
	return SQ_CARE_ANY;
}

/* metres between two buildings, LONG_MAX when the plan does not say */
static long
metres(const struct community *C, uint32_t a, uint32_t b)
{
	long m = sq_care_walk(C->P, a, b);

	return m < 0 ? LONG_MAX : m;
}

/* walking in steps (10 m, or coarser in a large community), as the cost
   sees it: at most dcap */
static long
walk_cost(const struct community *C, uint32_t hb, uint32_t cb)
{
	if (cb == hb)
		return 0;
	if (cb == 0)
		return C->dcap;		/* a carer with no building: last */
	if (C->P->buildings == NULL)
		return 0;		/* no plan: nobody is nearer */
	long m = sq_care_walk(C->P, hb, cb);
	if (m < 0)
		return C->dcap;
	m = (m + C->step / 2) / C->step;
	return m < C->dcap ? m : C->dcap;
}

static long
pair_cost(const struct community *C, const struct group *g,
    const struct class *k)
{
	struct sq_care_home h = { 0 };
	struct sq_care_carer c = { 0 };

	h.building = g->building;
	h.grid = g->grid;
	c.building = k->building;
	c.grid = k->grid;
	int tier = sq_care_tier(&h, &c);
	return (tier > SQ_CARE_BUILDING) * C->wa + (tier > SQ_CARE_GRID) *
	    C->wb + popcount32(g->prefs & ~k->fits) * C->l1 +
	    walk_cost(C, g->building, k->building);
}

/*
 * The weights, lowest first: walking, at most dcap steps of step metres;
 * l1 a preference not met, above any total of walking; wb a home outside
 * its carer's grid, above any total of preferences and walking; wa a home
 * outside its carer's building, above all the rest.  Up to 500 steps of
 * 10 m; in a community so large that the costs would overflow, fewer
 * steps, each longer, so that they still span the plan (span metres).
 */
static int
weights_fit(double n, int maxmiss, long d, double w[4])
{
	w[0] = n * (double)d + 1;			/* l1 */
	double low = (double)maxmiss * w[0] + (double)d;
	w[1] = n * low + 1;				/* wb */
	w[2] = n * (w[1] + low) + 1;			/* wa */
	/* a path's cost and the flow's total stay far from LONG_MAX
	   (mcmf's infinity is LONG_MAX / 4) */
	return n * (w[2] + w[1] + low) < (double)(LONG_MAX / 64);
}

static void
weights(struct community *C, long nhomes, int maxmiss, long span)
{
	double n = (double)(nhomes > 0 ? nhomes : 1), w[4];
	long lo = 0, hi = 500;

	if (weights_fit(n, maxmiss, hi, w))
		lo = hi;
	while (lo < hi) {		/* the most steps that fit */
		long mid = (lo + hi + 1) / 2;
		if (weights_fit(n, maxmiss, mid, w))
			lo = mid;
		else
			hi = mid - 1;
	}
	weights_fit(n, maxmiss, lo, w);
	C->dcap = lo;
	C->step = 10;
	if (lo > 0 && lo < 500 && span / lo > 10)
		C->step = (span + lo - 1) / lo;
	C->l1 = (long)w[0];
	C->wb = (long)w[1];
	C->wa = (long)w[2];
}

static void
push_size(size_t **v, size_t *n, size_t *cap, size_t x)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		*v = sq_xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = x;
}

/* group and class lookup by key: linear over a sorted index is enough */
struct gkey {
	uint32_t building, grid, prefs;
	long	 self;
	size_t	 home;
};

static int
cmp_gkey(const void *pa, const void *pb)
{
	const struct gkey *a = pa, *b = pb;

	if (a->building != b->building)
		return a->building < b->building ? -1 : 1;
	if (a->grid != b->grid)
		return a->grid < b->grid ? -1 : 1;
	if (a->prefs != b->prefs)
		return a->prefs < b->prefs ? -1 : 1;
	/* a home with a carer in it is a group of its own */
	long sa = a->self >= 0 ? (long)a->home : -1;
	long sb = b->self >= 0 ? (long)b->home : -1;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	return a->home < b->home ? -1 : a->home > b->home;
}

struct ckey {
	uint32_t building, grid, fits;
	int	 self;
	size_t	 carer;
};

static int
cmp_ckey(const void *pa, const void *pb)
{
	const struct ckey *a = pa, *b = pb;

	if (a->building != b->building)
		return a->building < b->building ? -1 : 1;
	if (a->grid != b->grid)
		return a->grid < b->grid ? -1 : 1;
	if (a->fits != b->fits)
		return a->fits < b->fits ? -1 : 1;
	long sa = a->self ? (long)a->carer : -1;
	long sb = b->self ? (long)b->carer : -1;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	return a->carer < b->carer ? -1 : a->carer > b->carer;
}

static int
cmp_group_first(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;

	return a->home[0] < b->home[0] ? -1 : a->home[0] > b->home[0];
}

static int
cmp_class_first(const void *pa, const void *pb)
{
	const struct class *a = pa, *b = pb;

	return a->carer[0] < b->carer[0] ? -1 : a->carer[0] > b->carer[0];
}

static int
cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return a < b ? -1 : a > b;
}

/* candidates for the hub cut: other buildings by walking */
struct near {
	long	 walk;
	uint32_t building;
};

static int
cmp_near(const void *pa, const void *pb)
{
	const struct near *a = pa, *b = pb;

	if (a->walk != b->walk)
		return a->walk < b->walk ? -1 : 1;
	return a->building < b->building ? -1 : a->building > b->building;
}

/*
 * The class's homes to its carers: loads kept even (the least loaded
 * first, then the first carer), homes handed out in order, each carer's
 * share contiguous.
 */
static void
spread(struct community *C, struct class *k, struct sq_care_pair *out)
{
	const struct sq_care_problem *P = C->P;

	if (k->ngot == 0)
		return;
	long *quota = sq_xcalloc(k->n + 1, sizeof(*quota));
	qsort(k->got, k->ngot, sizeof(*k->got), cmp_size);
	for (size_t t = 0; t < k->ngot; t++) {
		size_t best = SIZE_MAX;
		for (size_t i = 0; i < k->n; i++) {
			size_t c = k->carer[i];
			if (C->load[c] + quota[i] >= P->carers[c].cap)
				continue;
			if (best == SIZE_MAX || C->load[c] + quota[i] <
			    C->load[k->carer[best]] + quota[best])
				best = i;
		}
		if (best == SIZE_MAX)
			break;		/* cannot happen: the flow kept caps */
		quota[best]++;
	}
	size_t at = 0;
	for (size_t i = 0; i < k->n; i++)
		for (long q = 0; q < quota[i] && at < k->ngot; q++) {
			size_t c = k->carer[i], h = k->got[at++];
			const struct sq_care_home *H = &P->homes[h];
			const struct sq_care_carer *K = &P->carers[c];
			out[h].carer = (long)c;
			out[h].none = SQ_CARE_PAIRED;
			out[h].tier = sq_care_tier(H, K);
			out[h].unmet = H->prefs & ~K->fits;
			out[h].walk_m = K->building ?
			    sq_care_walk(P, H->building, K->building) : -1;
			C->load[c]++;
		}
	free(quota);
}

/* the diagonal of the plan's box around the community's buildings */
static long
span_of(const struct community *C, const struct gkey *gk, size_t ngk,
    const struct ckey *ck, size_t nck)
{
	const struct sq_care_problem *P = C->P;
	double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
	int any = 0;

	if (P->buildings == NULL)
		return 0;
	for (size_t i = 0; i < ngk + nck; i++) {
		uint32_t b = i < ngk ? gk[i].building : ck[i - ngk].building;
		if (b == 0 || b >= P->nbuildings || !P->buildings[b].has_xy)
			continue;
		const struct sq_care_building *B = &P->buildings[b];
		if (!any || B->x < x0)
			x0 = B->x;
		if (!any || B->x > x1)
			x1 = B->x;
		if (!any || B->y < y0)
			y0 = B->y;
		if (!any || B->y > y1)
			y1 = B->y;
		any = 1;
	}
	return any ? lround(hypot(x1 - x0, y1 - y0)) : 0;
}

static void
solve_community(struct community *C, const size_t *homes, size_t nh,
    const size_t *carers, size_t nc, struct sq_care_pair *out,
    struct sq_care_stats *st)
{
	const struct sq_care_problem *P = C->P;
	struct gkey *gk = sq_xmalloc((nh + 1) * sizeof(*gk));
	struct ckey *ck = sq_xmalloc((nc + 1) * sizeof(*ck));
	unsigned char *is_self = sq_xcalloc(P->ncarers + 1, 1);
	size_t ngk = 0, nck = 0;
	int maxmiss = 0;

	for (size_t i = 0; i < nh; i++) {
		const struct sq_care_home *h = &P->homes[homes[i]];
		if (out[homes[i]].carer >= 0)
			continue;		/* kept */
		long self = h->self >= 0 && (size_t)h->self < P->ncarers &&
		    P->carers[h->self].community == h->community ? h->self : -1;
		gk[ngk++] = (struct gkey){ h->building, h->grid, h->prefs,
		    self, homes[i] };
		if (self >= 0)
			is_self[self] = 1;
		if (popcount32(h->prefs) > maxmiss)
			maxmiss = popcount32(h->prefs);
	}
	for (size_t i = 0; i < nc; i++) {
		const struct sq_care_carer *c = &P->carers[carers[i]];
		long left = c->cap - C->load[carers[i]];
		if (left <= 0)
			continue;
		ck[nck++] = (struct ckey){ c->building, c->grid, c->fits,
		    is_self[carers[i]], carers[i] };
	}
	if (ngk == 0 || nck == 0)
		goto unpaired;
	weights(C, (long)ngk, maxmiss, span_of(C, gk, ngk, ck, nck));

	/* the groups and classes, each in the order of its first member */
	qsort(gk, ngk, sizeof(*gk), cmp_gkey);
	C->g = sq_xcalloc(ngk, sizeof(*C->g));
	C->ng = 0;
	for (size_t i = 0; i < ngk; i++) {
		if (i == 0 || gk[i].self >= 0 || gk[i - 1].self >= 0 ||
		    gk[i].building != gk[i - 1].building ||
		    gk[i].grid != gk[i - 1].grid ||
		    gk[i].prefs != gk[i - 1].prefs) {
			struct group *g = &C->g[C->ng++];
			g->building = gk[i].building;
			g->grid = gk[i].grid;
			g->prefs = gk[i].prefs;
			g->self = gk[i].self;
		}
		struct group *g = &C->g[C->ng - 1];
		push_size(&g->home, &g->n, &g->cap, gk[i].home);
	}
	qsort(C->g, C->ng, sizeof(*C->g), cmp_group_first);
	qsort(ck, nck, sizeof(*ck), cmp_ckey);
	C->k = sq_xcalloc(nck, sizeof(*C->k));
	C->nk = 0;
	for (size_t i = 0; i < nck; i++) {
		int fresh = i == 0 || ck[i].self || ck[i - 1].self ||
		    ck[i].building != ck[i - 1].building ||
		    ck[i].grid != ck[i - 1].grid || ck[i].fits != ck[i - 1].fits;
		if (fresh) {
			struct class *k = &C->k[C->nk++];
			k->building = ck[i].building;
			k->grid = ck[i].grid;
			k->fits = ck[i].fits;
			k->self = ck[i].self;
		}
		struct class *k = &C->k[C->nk - 1];
		push_size(&k->carer, &k->n, &k->cap, ck[i].carer);
		k->room += P->carers[ck[i].carer].cap - C->load[ck[i].carer];
	}
	qsort(C->k, C->nk, sizeof(*C->k), cmp_class_first);

	/* nodes: 0 source, 1 sink, groups, classes, hubs (one per
	   preference set of the groups) */
	uint32_t *hubprefs = sq_xmalloc((C->ng + 1) * sizeof(*hubprefs));
	size_t nhub = 0, node = 2;
	for (size_t i = 0; i < C->ng; i++)
		C->g[i].node = node++;
	for (size_t i = 0; i < C->nk; i++)
		C->k[i].node = node++;
	size_t far = 0;		/* pairs of tier NEAR */
	for (size_t i = 0; i < C->ng; i++)
		for (size_t j = 0; j < C->nk; j++)
			if (C->k[j].building && C->k[j].building !=
			    C->g[i].building && (C->k[j].grid == 0 ||
			    C->k[j].grid != C->g[i].grid))
				far++;
	size_t limit = P->arc_limit ? P->arc_limit : SQ_CARE_ARC_LIMIT;
	int use_hub = C->ng * C->nk > limit && far > 0;
	if (use_hub) {
		for (size_t i = 0; i < C->ng; i++) {
			size_t h = 0;
			while (h < nhub && hubprefs[h] != C->g[i].prefs)
				h++;
			if (h == nhub)
				hubprefs[nhub++] = C->g[i].prefs;
		}
		st->approx = 1;
	}
	size_t hub0 = node;
	struct sq_mcmf *G = sq_mcmf_new(node + nhub);
	struct arc *arcs = NULL;
	size_t narcs = 0, caparcs = 0;
	struct hubarc *harcs = NULL;
	size_t nharcs = 0;
	struct near *nb = sq_xmalloc((C->nk + 1) * sizeof(*nb));
	long near_k = (long)(P->near_k ? P->near_k : SQ_CARE_NEAR_K);

	for (size_t i = 0; i < C->ng; i++) {
		struct group *g = &C->g[i];
		sq_mcmf_arc(G, 0, g->node, (long)g->n, 0);
		/* with the hub: direct arcs to the nearest other buildings,
		   by the plan's metres (not the cost's steps, which may be
		   coarse); a home with a carer living in it has every arc and
		   no hub, so the hub never leads it to that carer */
		uint32_t cut = 0;
		long cutwalk = LONG_MAX;
		int hub_here = use_hub && g->self < 0;
		if (hub_here) {
			size_t nn = 0;
			for (size_t j = 0; j < C->nk; j++) {
				const struct class *k = &C->k[j];
				if (k->building && k->building != g->building)
					nb[nn++] = (struct near){ metres(C,
					    g->building, k->building),
					    k->building };
			}
			qsort(nb, nn, sizeof(*nb), cmp_near);
			long distinct = 0;
			for (size_t j = 0; j < nn; j++) {
				if (j == 0 || nb[j].building != nb[j - 1].building)
					distinct++;
				if (distinct > near_k)
					break;
				cutwalk = nb[j].walk;
				cut = nb[j].building;
			}
		}
		for (size_t j = 0; j < C->nk; j++) {
			const struct class *k = &C->k[j];
			if (g->self >= 0 && k->self) {
				/* not the carer who lives in this home */
				int mine = 0;
				for (size_t m = 0; m < k->n; m++)
					mine |= (long)k->carer[m] == g->self;
				if (mine)
					continue;
			}
			if (hub_here && k->building && k->building != g->building &&
			    (k->grid == 0 || k->grid != g->grid)) {
				long w = metres(C, g->building, k->building);
				/* beyond the nearest: through the hub */
				if (w > cutwalk || (w == cutwalk &&
				    k->building > cut))
					continue;
			}
			if (narcs == caparcs) {
				caparcs = caparcs ? 2 * caparcs : 256;
				arcs = sq_xrealloc(arcs, caparcs * sizeof(*arcs));
			}
			arcs[narcs].id = sq_mcmf_arc(G, g->node, k->node,
			    (long)g->n, pair_cost(C, g, k));
			arcs[narcs].group = i;
			arcs[narcs].cls = j;
			narcs++;
		}
		if (hub_here) {
			size_t h = 0;
			while (hubprefs[h] != g->prefs)
				h++;
			if (narcs == caparcs) {
				caparcs = caparcs ? 2 * caparcs : 256;
				arcs = sq_xrealloc(arcs, caparcs * sizeof(*arcs));
			}
			arcs[narcs].id = sq_mcmf_arc(G, g->node, hub0 + h,
			    (long)g->n, C->wa + C->wb + C->dcap);
			arcs[narcs].group = i;
			arcs[narcs].cls = SIZE_MAX;
			narcs++;
		}
	}
	if (use_hub) {
		harcs = sq_xmalloc((nhub * C->nk + 1) * sizeof(*harcs));
		for (size_t h = 0; h < nhub; h++)
			for (size_t j = 0; j < C->nk; j++) {
				const struct class *k = &C->k[j];
				if (k->building == 0)
					continue;
				harcs[nharcs].id = sq_mcmf_arc(G, hub0 + h,
				    k->node, k->room, popcount32(hubprefs[h] &
				    ~k->fits) * C->l1);
				harcs[nharcs].hub = h;
				harcs[nharcs].cls = j;
				nharcs++;
			}
	}
	for (size_t j = 0; j < C->nk; j++)
		sq_mcmf_arc(G, C->k[j].node, 1, C->k[j].room, 0);
	sq_mcmf_solve(G, 0, 1, LONG_MAX, NULL);
	st->arcs += (long)sq_mcmf_narcs(G);
	st->phases += sq_mcmf_phases(G);

	/* the flow into pairs: direct arcs, then the hubs' flow shared out
	   among their groups in order */
	size_t *hubat = sq_xcalloc(nhub + 1, sizeof(*hubat));
	long *hubleft = sq_xcalloc(nharcs + 1, sizeof(*hubleft));
	for (size_t a = 0; a < nharcs; a++)
		hubleft[a] = sq_mcmf_flow(G, harcs[a].id);
	for (size_t a = 0; a < narcs; a++) {
		struct group *g = &C->g[arcs[a].group];
		long f = sq_mcmf_flow(G, arcs[a].id);
		size_t h = 0;
		if (arcs[a].cls == SIZE_MAX)
			while (hubprefs[h] != g->prefs)
				h++;
		while (f > 0) {
			size_t j = arcs[a].cls;
			long take = f;
			if (j == SIZE_MAX) {
				/* the next hub arc of this hub with flow */
				size_t x = hubat[h];
				while (x < nharcs && (harcs[x].hub != h ||
				    hubleft[x] == 0))
					x++;
				hubat[h] = x;
				if (x == nharcs)
					break;
				j = harcs[x].cls;
				if (take > hubleft[x])
					take = hubleft[x];
				hubleft[x] -= take;
			}
			struct class *k = &C->k[j];
			for (long t = 0; t < take && g->used < g->n; t++)
				push_size(&k->got, &k->ngot, &k->capgot,
				    g->home[g->used++]);
			f -= take;
		}
	}
	for (size_t j = 0; j < C->nk; j++)
		spread(C, &C->k[j], out);
	free(hubat);
	free(hubleft);
	free(nb);
	free(arcs);
	free(harcs);
	free(hubprefs);
	sq_mcmf_free(G);
	for (size_t i = 0; i < C->ng; i++)
		free(C->g[i].home);
	for (size_t j = 0; j < C->nk; j++) {
		free(C->k[j].carer);
		free(C->k[j].got);
	}
	free(C->g);
	free(C->k);
	C->g = NULL;
	C->k = NULL;
unpaired:
	for (size_t i = 0; i < nh; i++) {
		size_t h = homes[i];
		if (out[h].carer >= 0)
			continue;
		/* the carer who lives there does not count */
		long others = 0;
		for (size_t j = 0; j < nc; j++)
			if ((long)carers[j] != P->homes[h].self &&
			    P->carers[carers[j]].cap > 0)
				others++;
		out[h].none = others > 0 ? SQ_CARE_ALL_FULL : SQ_CARE_NO_CARER;
	}
	free(gk);
	free(ck);
	free(is_self);
}

/* homes and carers by community, stably: counting sort, no global state */
static size_t *
by_community(size_t n, const uint32_t *comm)
{
	uint32_t maxc = 0;
	size_t *ord = sq_xmalloc((n + 1) * sizeof(*ord));

	for (size_t i = 0; i < n; i++)
		if (comm[i] > maxc)
			maxc = comm[i];
	size_t *cnt = sq_xcalloc((size_t)maxc + 2, sizeof(*cnt));
	for (size_t i = 0; i < n; i++)
		cnt[comm[i] + 1]++;
	for (uint32_t c = 0; c <= maxc; c++)
		cnt[c + 1] += cnt[c];
	for (size_t i = 0; i < n; i++)
		ord[cnt[comm[i]]++] = i;
	free(cnt);
	return ord;
}

int
sq_care_pair(const struct sq_care_problem *P, struct sq_care_pair *out,
    struct sq_care_stats *stp)
{
	struct sq_care_stats st;
	struct community C;

	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < P->nhomes; i++)
		if (P->homes[i].building == 0 ||
		    (P->buildings && P->homes[i].building >= P->nbuildings))
			return -1;
	for (size_t i = 0; i < P->ncarers; i++)
		if (P->buildings && P->carers[i].building >= P->nbuildings)
			return -1;
	memset(&C, 0, sizeof(C));
	C.P = P;
	C.load = sq_xcalloc(P->ncarers + 1, sizeof(*C.load));
	for (size_t i = 0; i < P->nhomes; i++) {
		out[i] = (struct sq_care_pair){ -1, SQ_CARE_NO_CARER, 0, 0, 0,
		    -1 };
	}
	/* kept pairs first, in home order, up to each carer's cap */
	for (size_t i = 0; i < P->nhomes; i++) {
		const struct sq_care_home *h = &P->homes[i];
		long c = h->keep;
		if (c < 0 || (size_t)c >= P->ncarers || c == h->self ||
		    P->carers[c].community != h->community ||
		    C.load[c] >= P->carers[c].cap)
			continue;
		const struct sq_care_carer *K = &P->carers[c];
		out[i].carer = c;
		out[i].none = SQ_CARE_PAIRED;
		out[i].kept = 1;
		out[i].tier = sq_care_tier(h, K);
		out[i].unmet = h->prefs & ~K->fits;
		out[i].walk_m = K->building ? sq_care_walk(P, h->building,
		    K->building) : -1;
		C.load[c]++;
		st.kept++;
	}
	uint32_t *hc = sq_xmalloc((P->nhomes + 1) * sizeof(*hc));
	uint32_t *cc = sq_xmalloc((P->ncarers + 1) * sizeof(*cc));
	for (size_t i = 0; i < P->nhomes; i++)
		hc[i] = P->homes[i].community;
	for (size_t i = 0; i < P->ncarers; i++)
		cc[i] = P->carers[i].community;
	size_t *ho = by_community(P->nhomes, hc), *co = by_community(P->ncarers,
	    cc);
	size_t a = 0, b = 0;
	while (a < P->nhomes) {
		uint32_t comm = hc[ho[a]];
		size_t a1 = a;
		while (a1 < P->nhomes && hc[ho[a1]] == comm)
			a1++;
		while (b < P->ncarers && cc[co[b]] < comm)
			b++;
		size_t b1 = b;
		while (b1 < P->ncarers && cc[co[b1]] == comm)
			b1++;
		solve_community(&C, ho + a, a1 - a, co + b, b1 - b, out, &st);
		st.communities++;
		a = a1;
		b = b1;
	}
	free(ho);
	free(co);
	free(hc);
	free(cc);
	for (size_t i = 0; i < P->nhomes; i++) {
		st.homes++;
		if (out[i].carer >= 0) {
			st.paired++;
			st.tier[out[i].tier]++;
			st.unmet += popcount32(out[i].unmet);
		} else
			st.unpaired[out[i].none]++;
	}
	free(C.load);
	if (stp)
		*stp = st;
	return 0;
}
