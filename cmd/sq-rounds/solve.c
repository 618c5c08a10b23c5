/*
 * solve.c — the plan: each building's orders packed into cart loads, the
 * urgent loads solved first, then the rest (lib/cvrp.h), the rounds given
 * to the couriers; and the baseline a volunteer would walk by hand.
 */
#include "rounds.h"

/* ---- packing: each building's orders into cart loads ---- */

static double
order_minutes(const struct plan *pl, const struct order *o)
{
	const struct settings *st = &pl->st;
	const struct site *x = &pl->sites[o->site];
	int lift = x->lift >= 0 ? x->lift : st->lift;

	if (!o->door)
		return 0;
	return st->door_min + (o->floor - 1) * (lift ? st->lift_floor_min :
	    st->floor_min);
}

static int
cmp_parcels_desc(const void *a, const void *b, const struct plan *pl)
{
	const struct order *x = &pl->ord[*(const int *)a];
	const struct order *y = &pl->ord[*(const int *)b];

	if (x->parcels != y->parcels)
		return x->parcels > y->parcels ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* Refusals: why the plan cannot be feasible.  -1 when refused (printed). */
static int
pack(struct plan *pl, const char *ordname)
{
	const struct settings *st = &pl->st;
	int *idx = sq_xmalloc(((size_t)pl->nord + 1) * sizeof(int));
	int cap = 0, refused = 0;

	for (int g = 1; g >= 0; g--)
		for (int si = 0; si < pl->nsites; si++) {
			int n = 0;
			for (int i = 0; i < pl->nord; i++)
				if (pl->ord[i].site == si &&
				    pl->ord[i].urgent == g)
					idx[n++] = i;
			if (n == 0)
				continue;
			/* largest first (insertion sort: stable, small n) */
			for (int i = 1; i < n; i++) {
				int v = idx[i], j = i - 1;
				while (j >= 0 && cmp_parcels_desc(&idx[j], &v,
				    pl) > 0) {
					idx[j + 1] = idx[j];
					j--;
				}
				idx[j + 1] = v;
			}
			double legs = (pl->sd[(size_t)pl->gate * pl->nsites +
			    si] + pl->sd[(size_t)si * pl->nsites + pl->gate]) /
			    st->speed;
			double budget = st->max_min - st->gate_min - legs;
			int first = pl->nch;
			for (int k = 0; k < n; k++) {
				struct order *o = &pl->ord[idx[k]];
				double m = order_minutes(pl, o);
				if (o->parcels > st->capacity) {
					sq_problem(ordname, o->line, "order "
					    "'%s': %ld parcels, more than a "
					    "cart holds (%ld); split the order "
					    "or give --capacity", o->id,
					    o->parcels, st->capacity);
					refused = 1;
					continue;
				}
				if (st->drop_min + m > budget + 1e-9) {
					sq_problem(ordname, o->line, "order "
					    "'%s': building %s is too far for "
					    "a round of %g minutes (%.0f "
					    "needed); give --max-minutes",
					    o->id, pl->sites[si].name,
					    st->max_min, st->gate_min + legs +
					    st->drop_min + m);
					refused = 1;
					continue;
				}
				int b;
				for (b = first; b < pl->nch; b++)
					if (pl->ch[b].load + o->parcels <=
					    st->capacity && pl->ch[b].svc + m <=
					    budget + 1e-9)
						break;
				if (b == pl->nch) {
					if (pl->nch == cap) {
						cap = cap ? cap * 2 : 256;
						pl->ch = sq_xrealloc(pl->ch,
						    (size_t)cap *
						    sizeof(*pl->ch));
					}
					struct chunk *c = &pl->ch[pl->nch++];
					memset(c, 0, sizeof(*c));
					c->site = si;
					c->urgent = g;
					c->svc = st->drop_min;
					c->ord = sq_xmalloc((size_t)n *
					    sizeof(int));
				}
				struct chunk *c = &pl->ch[b];
				c->ord[c->nord++] = idx[k];
				c->load += o->parcels;
				c->svc += m;
			}
		}
	free(idx);
	return refused ? -1 : 0;
}

/* ---- solving ---- */

void
show_progress(void *arg, double elapsed, double best, long iter)
{
	struct progress *pg = arg;

	(void)iter;
	if (!pg->on)
		return;
	fprintf(stderr, "\r%s: %.1f s, best %.0f m   ", sq_progname(),
	    elapsed, pg->base + best);
	fflush(stderr);
	pg->shown = 1;
}

void
end_progress(struct progress *pg)
{
	if (pg->shown)
		fprintf(stderr, "\r%60s\r", "");
	pg->shown = 0;
}

static double
round_minutes(const struct plan *pl, const int *ch, int n, double *dist)
{
	double d = 0, m = pl->st.gate_min;
	int prev = pl->gate;

	for (int k = 0; k < n; k++) {
		int s = pl->ch[ch[k]].site;
		d += pl->sd[(size_t)prev * pl->nsites + s];
		m += pl->ch[ch[k]].svc;
		prev = s;
	}
	if (n)
		d += pl->sd[(size_t)prev * pl->nsites + pl->gate];
	*dist = d;
	return m + d / pl->st.speed;
}

static void
add_round(struct plan *pl, int urgent, const int *ch, int n, int *cap)
{
	if (pl->nrd == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		pl->rd = sq_xrealloc(pl->rd, (size_t)*cap * sizeof(*pl->rd));
	}
	struct round *r = &pl->rd[pl->nrd++];
	memset(r, 0, sizeof(*r));
	r->urgent = urgent;
	r->ch = sq_xmalloc((size_t)(n ? n : 1) * sizeof(int));
	memcpy(r->ch, ch, (size_t)n * sizeof(int));
	r->nch = n;
	for (int k = 0; k < n; k++)
		r->load += pl->ch[ch[k]].load;
	r->minutes = round_minutes(pl, ch, n, &r->dist);
}

/*
 * Solve one group (urgent or not) of chunks; adds rounds.  -1: refused
 * (said, a data problem); -2: the solver's plan failed its check (an
 * internal error, said).
 */
static int
solve_group(struct plan *pl, int g, const struct solve_opts *so,
    int vehicles, double share, int *rcap, double *initial)
{
	int *node = sq_xmalloc(((size_t)pl->nch + 1) * sizeof(int));
	int n = 1;

	for (int i = 0; i < pl->nch; i++)
		if (pl->ch[i].urgent == g)
			node[n++] = i;
	if (n == 1) {
		free(node);
		return 0;
	}
	double *d = sq_xmalloc((size_t)n * (size_t)n * sizeof(double));
	long *q = sq_xcalloc((size_t)n, sizeof(long));
	double *svc = sq_xcalloc((size_t)n, sizeof(double));
	for (int a = 0; a < n; a++) {
		int sa = a ? pl->ch[node[a]].site : pl->gate;
		if (a) {
			q[a] = pl->ch[node[a]].load;
			svc[a] = pl->ch[node[a]].svc;
		}
		for (int b = 0; b < n; b++) {
			int sb = b ? pl->ch[node[b]].site : pl->gate;
			d[(size_t)a * n + b] = pl->sd[(size_t)sa * pl->nsites +
			    sb];
		}
	}
	struct sq_cvrp p = {
		.n = n, .dist = d, .demand = q, .capacity = pl->st.capacity,
		.service = svc, .time_per_dist = 1.0 / pl->st.speed,
		.max_duration = pl->st.max_min - pl->st.gate_min,
		.max_routes = vehicles,
	};
	struct sq_cvrp_params par = {
		.seed = so->seed * 2 + (uint64_t)g,
		.iterations = so->iterations > 0 ? (long)ceil(so->iterations *
		    share) : 0,
		.time_limit = so->time * share,
		.progress = show_progress, .progress_arg = so->pg,
		.progress_every = 0.25,
	};
	struct sq_cvrp_sol sol;
	char why[256];
	int rc = 0;
	if (sq_cvrp_solve(&p, &par, &sol, why, sizeof(why)) < 0) {
		end_progress(so->pg);
		sq_problem(NULL, 0, "no plan: %s %s", g ? "urgent orders:" :
		    "orders:", why);
		rc = -1;
	} else if (sq_cvrp_verify(&p, &sol, why, sizeof(why)) < 0) {
		sq_error("internal error: infeasible plan: %s", why);
		sq_cvrp_sol_free(&sol);
		rc = -2;
	} else {
		*initial += sol.initial;
		so->pg->base += sol.cost;
		int *ch = sq_xmalloc((size_t)n * sizeof(int));
		for (int r = 0; r < sol.nroutes; r++) {
			int m = 0;
			for (int k = sol.start[r]; k < sol.start[r + 1]; k++)
				ch[m++] = node[sol.stops[k]];
			add_round(pl, g, ch, m, rcap);
		}
		free(ch);
		sq_cvrp_sol_free(&sol);
	}
	free(node);
	free(d);
	free(q);
	free(svc);
	return rc;
}

/* Give rounds to couriers: urgent ones first, longest first, earliest free. */
static double
schedule(struct round *rd, int nrd, int ncour)
{
	double *avail = sq_xcalloc((size_t)ncour, sizeof(double));
	int *ix = sq_xmalloc(((size_t)nrd + 1) * sizeof(int));
	double end = 0;

	for (int i = 0; i < nrd; i++)
		ix[i] = i;
	for (int i = 1; i < nrd; i++) {	/* urgent first, then longest */
		int v = ix[i], j = i - 1;
		while (j >= 0 && (rd[ix[j]].urgent < rd[v].urgent ||
		    (rd[ix[j]].urgent == rd[v].urgent &&
		    rd[ix[j]].minutes < rd[v].minutes))) {
			ix[j + 1] = ix[j];
			j--;
		}
		ix[j + 1] = v;
	}
	for (int i = 0; i < nrd; i++) {
		struct round *r = &rd[ix[i]];
		int c = 0;
		for (int k = 1; k < ncour; k++)
			if (avail[k] < avail[c] - 1e-9)
				c = k;
		r->courier = c;
		r->start = avail[c];
		avail[c] += r->minutes;
		if (avail[c] > end)
			end = avail[c];
	}
	/* number them by start, then courier */
	for (int i = 0; i < nrd; i++)
		ix[i] = i;
	for (int i = 1; i < nrd; i++) {
		int v = ix[i], j = i - 1;
		while (j >= 0 && (rd[ix[j]].start > rd[v].start + 1e-9 ||
		    (fabs(rd[ix[j]].start - rd[v].start) <= 1e-9 &&
		    rd[ix[j]].courier > rd[v].courier))) {
			ix[j + 1] = ix[j];
			j--;
		}
		ix[j + 1] = v;
	}
	for (int i = 0; i < nrd; i++)
		rd[ix[i]].num = i + 1;
	free(avail);
	free(ix);
	return end;
}

static int
cmp_round_num(const void *a, const void *b)
{
	return ((const struct round *)a)->num - ((const struct round *)b)->num;
}

/*
 * The baseline a volunteer would walk by hand: buildings in roster order
 * (natural order of their names), carts filled in that order, urgent first.
 */
void
baseline(const struct plan *pl, double *dist, double *end, int *nrounds)
{
	struct plan b = *pl;
	int *ix = sq_xmalloc(((size_t)pl->nch + 1) * sizeof(int));
	int *cur = sq_xmalloc(((size_t)pl->nch + 1) * sizeof(int));
	int n = 0, rcap = 0;

	b.rd = NULL;
	b.nrd = 0;
	for (int g = 1; g >= 0; g--) {
		n = 0;
		for (int i = 0; i < pl->nch; i++)
			if (pl->ch[i].urgent == g)
				ix[n++] = i;
		for (int i = 1; i < n; i++) {
			int v = ix[i], j = i - 1;
			while (j >= 0 && natcmp(pl->sites[pl->ch[ix[j]].site].
			    name, pl->sites[pl->ch[v].site].name) > 0) {
				ix[j + 1] = ix[j];
				j--;
			}
			ix[j + 1] = v;
		}
		int m = 0;
		long load = 0;
		for (int i = 0; i < n; i++) {
			double dd;
			cur[m] = ix[i];
			if (m > 0 && (load + pl->ch[ix[i]].load >
			    pl->st.capacity || round_minutes(pl, cur, m + 1,
			    &dd) > pl->st.max_min + 1e-9)) {
				add_round(&b, g, cur, m, &rcap);
				m = 0;
				load = 0;
				cur[0] = ix[i];
			}
			m++;
			load += pl->ch[ix[i]].load;
		}
		if (m)
			add_round(&b, g, cur, m, &rcap);
	}
	*dist = 0;
	for (int i = 0; i < b.nrd; i++)
		*dist += b.rd[i].dist;
	*end = schedule(b.rd, b.nrd, pl->ncour);
	*nrounds = b.nrd;
	for (int i = 0; i < b.nrd; i++)
		free(b.rd[i].ch);
	free(b.rd);
	free(ix);
	free(cur);
}

/*
 * The urgent loads first, then the rest, each with its share of the
 * effort; then the rounds given to the couriers, numbered.  0, -1 (no
 * plan: a data problem, said), -2 (an internal error, said).
 */
int
solve(struct plan *pl, const char *ordname, struct solve_opts *so,
    double *end)
{
	double initial = 0;
	int nu = 0, nn = 0, rcap = 0, rc;

	if (pack(pl, ordname) < 0) {
		sq_note("no plan: some orders can never be delivered as they "
		    "are (see above)");
		return -1;
	}
	for (int i = 0; i < pl->nch; i++) {
		if (pl->ch[i].urgent)
			nu++;
		else
			nn++;
	}
	double share = nu + nn ? (double)nu / (nu + nn) : 0;
	rc = solve_group(pl, 1, so, so->vehicles, share, &rcap, &initial);
	int left = so->vehicles;
	if (rc == 0 && so->vehicles) {
		left = so->vehicles - pl->nrd;
		if (left <= 0 && nn > 0) {
			sq_problem(NULL, 0, "no plan: the urgent orders take "
			    "all %d rounds", so->vehicles);
			rc = -1;
		}
	}
	if (rc == 0)
		rc = solve_group(pl, 0, so, left, 1 - share, &rcap, &initial);
	end_progress(so->pg);
	if (rc < 0)
		return rc;
	*end = schedule(pl->rd, pl->nrd, pl->ncour);
	if (pl->nrd > 1)	/* qsort(NULL, 0) is undefined */
		qsort(pl->rd, (size_t)pl->nrd, sizeof(*pl->rd), cmp_round_num);
	return 0;
}
