/*
 * model.c — the model and its solution: post-shifts with the same time,
 * skill, training and team form a class; the flow network over people,
 * their weeks and days and the classes (lib/mcmf.h) bounds what any plan
 * can fill; the repair, the insertions and the branch and bound make the
 * plan; the seats of each class go to its posts (see sq-match(1), METHOD).
 */
#include "match.h"

#define FIT_W		16	/* one grade of fit outweighs fairness */
#define BB_MAX_ARCS	50000	/* larger networks: no branch and bound */

/* the data: see match.h */

static const int fit_cost[] = { 0, 0, 1, 2, 2 };

static long
len_of(const struct cls *k)
{
	return k->end - k->start;
}

/*
 * Can volunteer v take a shift [start,end) with this skill, training and
 * team?  CAN_OK and the fit, or the first reason why not.
 */
int
can_take(struct ctx *C, const struct vol *v, long start, long end, int skill, int training,
    int teamid, int own_len, int *fit)
{
	long len = end - start;

	if (skill >= 0) {
		if (v->skills & ((uint64_t)1 << skill))
			*fit = FIT_EXACT;
		else if (v->skills & C->R.related[skill])
			*fit = FIT_RELATED;
		else
			return CAN_SKILL;
	} else if (teamid >= 0 && (v->skills & C->R.team[teamid].skills))
		*fit = FIT_TEAM;
	else if (v->skills == 0)
		*fit = FIT_GENERAL;
	else
		*fit = FIT_OTHER;
	if (training && v->trained != 1)
		return CAN_TRAIN;
	/* a post that sets its own shift length waives the shortest shift */
	if (v->staff ? len > C->staff_max : ((len < C->vol_min && !own_len) ||
	    len > C->vol_max))
		return CAN_LEN;
	if (!sq_avail_within(v->win, v->nwin, start, end))
		return CAN_AVAIL;
	if (len > v->daycap || len > v->weekcap)
		return CAN_CAP;
	return CAN_OK;
}

/* conflict: overlapping, or closer than the rest gap */
int
conflict(struct ctx *C, long s1, long e1, long s2, long e2)
{
	return s1 < e2 + C->rest && s2 < e1 + C->rest;
}

long
day_of(long t)
{
	return floor_div(t, DAYMIN);
}

long
week_of(long t)
{
	return floor_div(day_of(t) + 3, 7);	/* weeks start on Monday */
}

/* ------------------------------------------------------------------ */
/* classes and the network                                             */

/* slots (pointers into one array) by class, then by their place in it */
static int
cmp_slot_class(const void *a, const void *b)
{
	const struct slot *x = *(const struct slot *const *)a;
	const struct slot *y = *(const struct slot *const *)b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->skill != y->skill)
		return x->skill < y->skill ? -1 : 1;
	if (x->training != y->training)
		return x->training < y->training ? -1 : 1;
	if (x->teamid != y->teamid)
		return x->teamid < y->teamid ? -1 : 1;
	if (x->own_len != y->own_len)
		return x->own_len < y->own_len ? -1 : 1;
	return (x > y) - (x < y);
}

void
build_classes(struct ctx *C)
{
	size_t *ord = sq_xcalloc(C->ns + 1, sizeof(*ord));
	struct slot **by = sq_xcalloc(C->ns + 1, sizeof(*by));

	for (size_t i = 0; i < C->ns; i++)
		by[i] = &C->s[i];
	if (C->ns > 1)
		qsort(by, C->ns, sizeof(*by), cmp_slot_class);
	for (size_t i = 0; i < C->ns; i++)
		ord[i] = (size_t)(by[i] - C->s);
	free(by);
	C->k = sq_xcalloc(C->ns + 1, sizeof(*C->k));
	for (size_t i = 0; i < C->ns; i++) {
		struct slot *s = &C->s[ord[i]];
		struct cls *k = C->nk ? &C->k[C->nk - 1] : NULL;
		if (k == NULL || k->start != s->start || k->end != s->end ||
		    k->skill != s->skill || k->training != s->training ||
		    k->teamid != s->teamid || k->own_len != s->own_len) {
			k = &C->k[C->nk++];
			k->start = s->start;
			k->end = s->end;
			k->day = day_of(s->start);
			k->week = week_of(s->start);
			k->skill = s->skill;
			k->training = s->training;
			k->teamid = s->teamid;
			k->own_len = s->own_len;
		}
		k->slots = sq_xrealloc(k->slots, (k->nslots + 1) *
		    sizeof(*k->slots));
		k->slots[k->nslots++] = ord[i];
		k->seats += s->head;
		C->seats += s->head;
		s->cls = (size_t)(k - C->k);
	}
	free(ord);
}

static int
cmp_by_end(const void *a, const void *b)
{
	const long *x = a, *y = b;

	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* most shifts among edges [b,e) one person can work (rest gaps only) */
static long
greedy_count(struct ctx *C, size_t b, size_t e, long *minlen)
{
	size_t n = 0;
	long last = LONG_MIN / 2, cnt = 0;

	*minlen = NOLIMIT;
	for (size_t i = b; i < e; i++) {
		const struct cls *k = &C->k[C->e[i].cls];
		C->scratch2[2 * n] = k->start;
		C->scratch2[2 * n + 1] = k->end;
		if (len_of(k) < *minlen)
			*minlen = len_of(k);
		n++;
	}
	qsort(C->scratch2, n, 2 * sizeof(long), cmp_by_end);
	for (size_t i = 0; i < n; i++)
		if (C->scratch2[2 * i] >= last + C->rest) {
			cnt++;
			last = C->scratch2[2 * i + 1];
		}
	return cnt;
}

long
lmin(long a, long b)
{
	return a < b ? a : b;
}

static void
build_network(struct ctx *C)
{
	size_t ecap = 0, maxdeg = 0;

	C->ebeg = sq_xcalloc(C->nv + 1, sizeof(*C->ebeg));
	for (size_t v = 0; v < C->nv; v++) {
		C->ebeg[v] = C->ne;
		for (size_t k = 0; k < C->nk; k++) {
			int fit;
			const struct cls *K = &C->k[k];
			if (can_take(C, &C->v[v], K->start, K->end, K->skill,
			    K->training, K->teamid, K->own_len, &fit) != CAN_OK)
				continue;
			if (C->ne == ecap) {
				ecap = ecap ? 2 * ecap : 4096;
				C->e = sq_xrealloc(C->e, ecap * sizeof(*C->e));
			}
			C->e[C->ne].vol = v;
			C->e[C->ne].cls = k;
			C->e[C->ne].fit = fit;
			C->e[C->ne].arc = 0;
			C->ne++;
		}
		if (C->ne - C->ebeg[v] > maxdeg)
			maxdeg = C->ne - C->ebeg[v];
	}
	C->ebeg[C->nv] = C->ne;
	C->scratch = sq_xcalloc(maxdeg + 1, sizeof(*C->scratch));
	C->scratch2 = sq_xcalloc(2 * maxdeg + 2, sizeof(*C->scratch2));
	C->sel = sq_xcalloc(C->ne + 1, 1);

	/* per-class candidate lists, by volunteer */
	for (size_t i = 0; i < C->ne; i++)
		C->k[C->e[i].cls].nedges++;
	for (size_t k = 0; k < C->nk; k++) {
		C->k[k].edges = sq_xcalloc(C->k[k].nedges + 1, sizeof(size_t));
		C->k[k].nedges = 0;
	}
	for (size_t i = 0; i < C->ne; i++) {
		struct cls *k = &C->k[C->e[i].cls];
		k->edges[k->nedges++] = i;
	}

	/* nodes: S, T, classes, then per volunteer person/weeks/days */
	size_t nodes = 2 + C->nk;
	for (size_t v = 0; v < C->nv; v++) {
		if (C->ebeg[v] == C->ebeg[v + 1])
			continue;
		nodes++;
		long lastw = LONG_MIN, lastd = LONG_MIN;
		for (size_t i = C->ebeg[v]; i < C->ebeg[v + 1]; i++) {
			const struct cls *k = &C->k[C->e[i].cls];
			if (k->week != lastw)
				nodes++, lastw = k->week;
			if (k->day != lastd || k->week != lastw)
				nodes++, lastd = k->day;
		}
	}
	C->g = sq_mcmf_new(nodes);
	for (size_t k = 0; k < C->nk; k++) {
		C->k[k].node = 2 + k;
		sq_mcmf_arc(C->g, 2 + k, 1, C->k[k].seats, 0);
	}
	size_t next = 2 + C->nk;
	for (size_t v = 0; v < C->nv; v++) {
		const struct vol *V = &C->v[v];
		size_t b = C->ebeg[v], e = C->ebeg[v + 1];
		if (b == e)
			continue;
		size_t pn = next++;
		long total = 0;
		/* weeks */
		for (size_t wb = b; wb < e;) {
			size_t we = wb;
			while (we < e && C->k[C->e[we].cls].week ==
			    C->k[C->e[wb].cls].week)
				we++;
			size_t wn = next++;
			long wdays = 0, minlen;
			for (size_t db = wb; db < we;) {
				size_t de = db;
				while (de < we && C->k[C->e[de].cls].day ==
				    C->k[C->e[db].cls].day)
					de++;
				size_t dn = next++;
				long dc = greedy_count(C, db, de, &minlen);
				if (V->daycap != NOLIMIT)
					dc = lmin(dc, V->daycap / minlen);
				wdays += dc;
				sq_mcmf_arc(C->g, wn, dn, dc, 0);
				for (size_t i = db; i < de; i++)
					C->e[i].arc = sq_mcmf_arc(C->g, dn,
					    C->k[C->e[i].cls].node, 1,
					    FIT_W * fit_cost[C->e[i].fit]);
				db = de;
			}
			long wc = lmin(wdays, greedy_count(C, wb, we, &minlen));
			if (V->weekcap != NOLIMIT)
				wc = lmin(wc, V->weekcap / minlen);
			sq_mcmf_arc(C->g, pn, wn, wc, 0);
			total += wc;
			wb = we;
		}
		/* fairness: the n-th shift of a person costs n-1 */
		for (long i = 0; i < total; i++)
			sq_mcmf_arc(C->g, 0, pn, 1, i);
	}
}

/* ------------------------------------------------------------------ */
/* plans: checking a person, the dive, insertion, branch and bound     */

/*
 * The first rule broken by volunteer v's selected edges: the edges
 * involved in set[], their number returned (0: none).  *rule: 0 conflict,
 * 1 day hours, 2 week hours.
 */
size_t
violation(struct ctx *C, size_t v, const unsigned char *sel, size_t *set, int *rule)
{
	const struct vol *V = &C->v[v];
	size_t n = 0;

	for (size_t i = C->ebeg[v]; i < C->ebeg[v + 1]; i++)
		if (sel[i])
			C->scratch[n++] = i;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			const struct cls *a = &C->k[C->e[C->scratch[i]].cls];
			const struct cls *b = &C->k[C->e[C->scratch[j]].cls];
			if (conflict(C, a->start, a->end, b->start, b->end)) {
				set[0] = C->scratch[i];
				set[1] = C->scratch[j];
				*rule = 0;
				return 2;
			}
		}
	for (int pass = 0; pass < 2; pass++) {
		long cap = pass ? V->weekcap : V->daycap;
		if (cap == NOLIMIT)
			continue;
		for (size_t i = 0; i < n;) {
			const struct cls *a = &C->k[C->e[C->scratch[i]].cls];
			long key = pass ? a->week : a->day, sum = 0;
			size_t j = i;
			while (j < n && (pass ? C->k[C->e[C->scratch[j]].cls].week :
			    C->k[C->e[C->scratch[j]].cls].day) == key)
				sum += len_of(&C->k[C->e[C->scratch[j++]].cls]);
			if (sum > cap) {
				for (size_t x = i; x < j; x++)
					set[x - i] = C->scratch[x];
				*rule = 1 + pass;
				return j - i;
			}
			i = j;
		}
	}
	return 0;
}

static int
can_add(struct ctx *C, size_t v, size_t kk, const unsigned char *sel)
{
	const struct vol *V = &C->v[v];
	const struct cls *k = &C->k[kk];
	long day = 0, week = 0;
	int why = ADD_OK;

	for (size_t i = C->ebeg[v]; i < C->ebeg[v + 1]; i++) {
		if (!sel[i])
			continue;
		const struct cls *a = &C->k[C->e[i].cls];
		if (a->start < k->end && k->start < a->end)
			return ADD_OVERLAP;
		if (conflict(C, a->start, a->end, k->start, k->end))
			why = ADD_REST;
		if (a->day == k->day)
			day += len_of(a);
		if (a->week == k->week)
			week += len_of(a);
	}
	if (why != ADD_OK)
		return why;
	if (V->daycap != NOLIMIT && day + len_of(k) > V->daycap)
		return ADD_DAY;
	if (V->weekcap != NOLIMIT && week + len_of(k) > V->weekcap)
		return ADD_WEEK;
	return ADD_OK;
}

static void
flow_to_sel(struct ctx *C, unsigned char *sel)
{
	for (size_t i = 0; i < C->ne; i++)
		sel[i] = sq_mcmf_flow(C->g, C->e[i].arc) > 0;
}

/* order for dropping: worst fit first, then the later shift */
static int
worse(struct ctx *C, size_t a, size_t b)
{
	int fa = fit_cost[C->e[a].fit], fb = fit_cost[C->e[b].fit];

	if (fa != fb)
		return fa > fb;
	return C->e[a].cls > C->e[b].cls;
}

static long
solve_flow(struct ctx *C)
{
	return sq_mcmf_solve(C->g, 0, 1, LONG_MAX, NULL);
}

/*
 * The repair: for every person the flow over-books keep the best feasible
 * part of their shifts (best fit first, then earlier).  With max_rounds
 * above 1 the arcs of the rest are forbidden and the flow solved again (a
 * dive); measured on the district benchmark that fills fewer seats than
 * one repair followed by insertion, so max_rounds is 1.
 */
static void
dive(struct ctx *C)
{
	size_t *set = sq_xcalloc(C->ne + 1, sizeof(*set));
	unsigned char *keep = sq_xcalloc(C->ne + 1, 1);

	for (;;) {
		long changed = 0;
		solve_flow(C);
		flow_to_sel(C, C->sel);
		for (size_t v = 0; v < C->nv; v++) {
			int rule;
			if (violation(C, v, C->sel, set, &rule) == 0)
				continue;
			/* greedy: best fit first, earlier first */
			size_t n = 0;
			for (size_t i = C->ebeg[v]; i < C->ebeg[v + 1]; i++)
				if (C->sel[i]) {
					set[n++] = i;
					C->sel[i] = 0;
				}
			for (size_t a = 1; a < n; a++)
				for (size_t b = a; b > 0 &&
				    worse(C, set[b - 1], set[b]); b--) {
					size_t t = set[b];
					set[b] = set[b - 1];
					set[b - 1] = t;
				}
			for (size_t a = 0; a < n; a++) {
				if (can_add(C, v, C->e[set[a]].cls, C->sel) == ADD_OK)
					C->sel[set[a]] = 1;
				else {
					sq_mcmf_set_cap(C->g, C->e[set[a]].arc, 0);
					changed++;
				}
			}
		}
		if (changed == 0)
			break;
		C->rounds++;
		if (C->rounds >= C->max_rounds) {
			/* keep the feasible part: C->sel holds it */
			break;
		}
	}
	free(set);
	free(keep);
}

static void
count_fill(struct ctx *C, const unsigned char *sel)
{
	for (size_t k = 0; k < C->nk; k++)
		C->k[k].filled = 0;
	for (size_t v = 0; v < C->nv; v++)
		C->v[v].minutes = 0;
	C->filled = 0;
	for (size_t i = 0; i < C->ne; i++)
		if (sel[i]) {
			C->k[C->e[i].cls].filled++;
			C->v[C->e[i].vol].minutes += len_of(&C->k[C->e[i].cls]);
			C->filled++;
		}
}

/* Fill empty seats with whoever can still take them: best fit, fewest hours */
static void
insert_fill(struct ctx *C, unsigned char *sel)
{
	count_fill(C, sel);
	for (size_t kk = 0; kk < C->nk; kk++) {
		struct cls *k = &C->k[kk];
		while (k->filled < k->seats) {
			size_t best = (size_t)-1;
			for (size_t j = 0; j < k->nedges; j++) {
				size_t i = k->edges[j];
				if (sel[i] || can_add(C, C->e[i].vol, kk, sel) != ADD_OK)
					continue;
				if (best == (size_t)-1 ||
				    fit_cost[C->e[i].fit] < fit_cost[C->e[best].fit] ||
				    (fit_cost[C->e[i].fit] == fit_cost[C->e[best].fit]
				    && C->v[C->e[i].vol].minutes <
				    C->v[C->e[best].vol].minutes))
					best = i;
			}
			if (best == (size_t)-1)
				break;
			sel[best] = 1;
			k->filled++;
			C->filled++;
			C->v[C->e[best].vol].minutes += len_of(k);
		}
	}
}

struct bb {
	long	 budget;
	long	 best;
	int	 aborted;
	unsigned char *bestsel, *tmp;
};

static void
bb_node(struct ctx *C, struct bb *B)
{
	size_t *set, n = 0;
	int rule;
	long val;

	if (B->best >= C->bound)
		return;
	if (B->budget <= 0) {
		B->aborted = 1;
		return;
	}
	B->budget--;
	C->bb_nodes++;
	val = solve_flow(C);
	if (val <= B->best)
		return;
	flow_to_sel(C, B->tmp);
	set = sq_xcalloc(C->ne + 1, sizeof(*set));
	for (size_t v = 0; v < C->nv && n == 0; v++)
		n = violation(C, v, B->tmp, set, &rule);
	if (n == 0) {
		B->best = val;
		memcpy(B->bestsel, B->tmp, C->ne);
		free(set);
		return;
	}
	/* worst fit first: the likelier one to drop */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && !worse(C, set[b - 1], set[b]); b--) {
			size_t t = set[b];
			set[b] = set[b - 1];
			set[b - 1] = t;
		}
	for (size_t a = 0; a < n && !B->aborted && B->best < C->bound; a++) {
		size_t arc = C->e[set[a]].arc;
		sq_mcmf_set_cap(C->g, arc, 0);
		bb_node(C, B);
		sq_mcmf_set_cap(C->g, arc, 1);
	}
	free(set);
}

void
solve(struct ctx *C)
{
	build_network(C);
	C->bound = C->root = solve_flow(C);
	dive(C);
	insert_fill(C, C->sel);
	C->proved = C->filled >= C->bound;
	C->bb_skipped = !C->proved && (C->effort == 0 ||
	    sq_mcmf_narcs(C->g) > BB_MAX_ARCS);
	if (!C->proved && !C->bb_skipped) {
		struct bb B = { C->effort, C->filled, 0, NULL, NULL };
		B.bestsel = sq_xcalloc(C->ne + 1, 1);
		B.tmp = sq_xcalloc(C->ne + 1, 1);
		for (size_t i = 0; i < C->ne; i++)
			sq_mcmf_set_cap(C->g, C->e[i].arc, 1);
		long before = C->filled;
		bb_node(C, &B);
		if (B.best > before) {
			memcpy(C->sel, B.bestsel, C->ne);
			insert_fill(C, C->sel);
		}
		if (!B.aborted) {
			C->proved = 1;
			C->bound = C->filled;
		}
		free(B.bestsel);
		free(B.tmp);
	}
	count_fill(C, C->sel);
}

/* ------------------------------------------------------------------ */
/* from classes to posts                                               */

void
vol_take(struct ctx *C, size_t v, size_t slot)
{
	struct vol *V = &C->v[v];
	struct slot *S = &C->s[slot];

	if (V->ncls == V->ccls) {
		V->ccls = V->ccls ? 2 * V->ccls : 4;
		V->cls = sq_xrealloc(V->cls, V->ccls * sizeof(*V->cls));
	}
	V->cls[V->ncls++] = slot;
	V->minutes += S->end - S->start;
	S->who = sq_xrealloc(S->who, (S->nwho + 1) * sizeof(*S->who));
	S->who[S->nwho++] = v;
}

/* Within a class the seats are alike but for the building: same first. */
void
distribute(struct ctx *C)
{
	size_t *who = NULL;
	unsigned char *placed = NULL;

	for (size_t v = 0; v < C->nv; v++)
		C->v[v].minutes = 0;
	for (size_t kk = 0; kk < C->nk; kk++) {
		struct cls *k = &C->k[kk];
		size_t n = 0;
		who = sq_xrealloc(who, (k->nedges + 1) * sizeof(*who));
		placed = sq_xrealloc(placed, k->nedges + 1);
		for (size_t j = 0; j < k->nedges; j++)
			if (C->sel[k->edges[j]])
				who[n++] = C->e[k->edges[j]].vol;
		memset(placed, 0, n);
		for (int pass = 0; pass < 2; pass++)
			for (size_t j = 0; j < k->nslots; j++) {
				struct slot *S = &C->s[k->slots[j]];
				for (size_t x = 0; x < n &&
				    (long)S->nwho < S->head; x++) {
					if (placed[x] || (pass == 0 &&
					    (S->bld[0] == '\0' || strcmp(S->bld,
					    C->v[who[x]].bld) != 0)))
						continue;
					placed[x] = 1;
					vol_take(C, who[x], k->slots[j]);
				}
			}
	}
	free(who);
	free(placed);
}

/* May v take slot s on top of their plan?  F_* */
int
slot_can_add(struct ctx *C, size_t v, size_t s)
{
	const struct vol *V = &C->v[v];
	const struct slot *S = &C->s[s];
	long day = 0, week = 0;
	int why = ADD_OK;

	for (size_t i = 0; i < V->ncls; i++) {
		const struct slot *a = &C->s[V->cls[i]];
		if (a->start < S->end && S->start < a->end)
			return ADD_OVERLAP;
		if (conflict(C, a->start, a->end, S->start, S->end))
			why = ADD_REST;
		if (day_of(a->start) == day_of(S->start))
			day += a->end - a->start;
		if (week_of(a->start) == week_of(S->start))
			week += a->end - a->start;
	}
	if (why != ADD_OK)
		return why;
	if (V->daycap != NOLIMIT && day + (S->end - S->start) > V->daycap)
		return ADD_DAY;
	if (V->weekcap != NOLIMIT && week + (S->end - S->start) > V->weekcap)
		return ADD_WEEK;
	return ADD_OK;
}
