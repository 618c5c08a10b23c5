/*
 * cvrp.c — savings construction, SISR ruin-and-recreate under simulated
 * annealing, local-search polish.  See cvrp.h.
 *
 * References: Clarke & Wright (1964) for the savings; Christiaens & Vanden
 * Berghe, "Slack induction by string removals for vehicle routing
 * problems", Transportation Science 54(2), 2020, for the ruin (adjacent
 * string and split-string removal) and the recreate (greedy insertion with
 * blinks, four sort orders).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cvrp.h"
#include "diag.h"

#define EPS		1e-7
#define NADJ		100	/* neighbours kept per customer */
#define CBAR		10.0	/* average customers removed per ruin */
#define LMAX		10.0	/* longest string removed */
#define SPLIT_STOP	0.5	/* split string: chance to stop growing m */
#define BLINK		0.01	/* chance to skip an insertion position */
#define GRAN_N		120	/* customers above which insertion is granular */
#define GRAN_K		40	/* neighbours tried when granular */
#define T0_FACTOR	0.2	/* start temperature / mean depot distance */
#define TF_FACTOR	0.002	/* final temperature / mean depot distance */

/* ---- random numbers: splitmix64 to seed, xoshiro256** to draw ---- */

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
sq_rng_seed(struct sq_rng *g, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		g->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
sq_rng_next(struct sq_rng *g)
{
	uint64_t *s = g->s;
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

double
sq_rng_unif(struct sq_rng *g)
{
	return (double)(sq_rng_next(g) >> 11) * 0x1.0p-53;
}

uint32_t
sq_rng_below(struct sq_rng *g, uint32_t n)
{
	return (uint32_t)(((sq_rng_next(g) >> 32) * (uint64_t)n) >> 32);
}

/* ---- the model ---- */

static inline double
D(const struct sq_cvrp *p, int i, int j)
{
	return p->dist[(size_t)i * (size_t)p->n + (size_t)j];
}

static inline double
SVC(const struct sq_cvrp *p, int i)
{
	return p->service ? p->service[i] : 0.0;
}

double
sq_cvrp_route_dist(const struct sq_cvrp *p, const int *v, int len)
{
	double s = 0;
	int prev = 0;

	for (int k = 0; k < len; k++) {
		s += D(p, prev, v[k]);
		prev = v[k];
	}
	if (len > 0)
		s += D(p, prev, 0);
	return s;
}

double
sq_cvrp_route_duration(const struct sq_cvrp *p, const int *v, int len)
{
	double s = sq_cvrp_route_dist(p, v, len) * p->time_per_dist;

	for (int k = 0; k < len; k++)
		s += SVC(p, v[k]);
	return s;
}

int
sq_cvrp_check(const struct sq_cvrp *p, char *why, size_t whysz)
{
	if (p->n < 1) {
		snprintf(why, whysz, "no depot");
		return -1;
	}
	if (p->capacity <= 0) {
		snprintf(why, whysz, "capacity must be positive");
		return -1;
	}
	for (int i = 0; i < p->n; i++)
		for (int j = 0; j < p->n; j++) {
			double d = D(p, i, j);
			if (!isfinite(d) || d < 0) {
				snprintf(why, whysz, "distance from node %d to "
				    "node %d is not a distance", i, j);
				return -1;
			}
		}
	for (int c = 1; c < p->n; c++) {
		if (p->demand[c] < 0) {
			snprintf(why, whysz, "node %d: negative demand", c);
			return -1;
		}
		if (p->demand[c] > p->capacity) {
			snprintf(why, whysz, "node %d: demand %ld is larger "
			    "than the capacity %ld", c, p->demand[c],
			    p->capacity);
			return -1;
		}
		if (p->service && (!isfinite(p->service[c]) ||
		    p->service[c] < 0)) {
			snprintf(why, whysz, "node %d: bad service time", c);
			return -1;
		}
		if (p->max_duration > 0) {
			double t = (D(p, 0, c) + D(p, c, 0)) *
			    p->time_per_dist + SVC(p, c);
			if (t > p->max_duration + EPS) {
				snprintf(why, whysz, "node %d: going there "
				    "and back alone takes %.1f, more than the "
				    "maximum duration %.1f", c, t,
				    p->max_duration);
				return -1;
			}
		}
	}
	return 0;
}

/* ---- the search state ---- */

struct route {
	int	*v;
	int	 len, cap;
	long	 load;
	double	 dist, svc;
};

struct search {
	const struct sq_cvrp *p;
	int	 n;
	struct sq_rng rng;
	int	*adj;		/* adj[c*nadj+k]: k-th nearest customer to c */
	int	 nadj;
	int	 granular;
	int	 sym;
	/* the current plan */
	struct route *r;
	int	 nr, nempty;
	int	*rof, *pos;
	int	*abs, nabs;
	double	 cost;
	/* undo for one iteration */
	struct route *bak;
	int	*touched, ntouched;
	int	*rmark, stamp;
	int	 nr0, nabs0, *abs0;
	double	 cost0;
	/* removed customers */
	int	*rem, nrem, *pre;
	double	*key;
	double	 penalty;
	/* a capped fleet: overloads allowed, at lambda per unit over */
	int	 soft;
	double	 lambda;
	long	 excess, excess0;
	/* the best plan */
	int	 bnr, *bstart, *bstops, bnabs;
	long	 bexcess;
	double	 bcost;
};

static inline long
over(const struct sq_cvrp *p, long load)
{
	return load > p->capacity ? load - p->capacity : 0;
}

static void
route_reserve(struct route *t, int need)
{
	if (need <= t->cap)
		return;
	int cap = t->cap ? t->cap : 8;
	while (cap < need)
		cap *= 2;
	t->v = sq_xrealloc(t->v, (size_t)cap * sizeof(*t->v));
	t->cap = cap;
}

static void
route_copy(struct route *dst, const struct route *src)
{
	route_reserve(dst, src->len);
	if (src->len)
		memcpy(dst->v, src->v, (size_t)src->len * sizeof(*dst->v));
	dst->len = src->len;
	dst->load = src->load;
	dst->dist = src->dist;
	dst->svc = src->svc;
}

static void
touch(struct search *s, int ri)
{
	if (s->rmark[ri] == s->stamp)
		return;
	s->rmark[ri] = s->stamp;
	if (ri < s->nr0) {
		route_copy(&s->bak[s->ntouched], &s->r[ri]);
		s->touched[s->ntouched++] = ri;
	}
}

static void
remove_at(struct search *s, int ri, int k)
{
	const struct sq_cvrp *p = s->p;
	struct route *t = &s->r[ri];
	int c = t->v[k];
	int prev = k > 0 ? t->v[k - 1] : 0;
	int next = k < t->len - 1 ? t->v[k + 1] : 0;
	double delta = D(p, prev, next) - D(p, prev, c) - D(p, c, next);

	s->excess -= over(p, t->load);
	s->excess += over(p, t->load - p->demand[c]);
	memmove(t->v + k, t->v + k + 1, (size_t)(t->len - k - 1) *
	    sizeof(*t->v));
	t->len--;
	for (int j = k; j < t->len; j++)
		s->pos[t->v[j]] = j;
	t->load -= p->demand[c];
	t->dist += delta;
	t->svc -= SVC(p, c);
	if (t->len == 0) {
		t->dist = 0;
		t->svc = 0;
		s->nempty++;
	}
	s->cost += delta;
	s->rof[c] = -1;
}

static void
insert_at(struct search *s, int ri, int k, int c)
{
	const struct sq_cvrp *p = s->p;
	struct route *t = &s->r[ri];
	int prev = k > 0 ? t->v[k - 1] : 0;
	int next = k < t->len ? t->v[k] : 0;
	double delta = D(p, prev, c) + D(p, c, next) - D(p, prev, next);

	s->excess -= over(p, t->load);
	s->excess += over(p, t->load + p->demand[c]);
	route_reserve(t, t->len + 1);
	memmove(t->v + k + 1, t->v + k, (size_t)(t->len - k) * sizeof(*t->v));
	t->v[k] = c;
	if (t->len == 0)
		s->nempty--;
	t->len++;
	for (int j = k; j < t->len; j++)
		s->pos[t->v[j]] = j;
	t->load += p->demand[c];
	t->dist += delta;
	t->svc += SVC(p, c);
	s->cost += delta;
	s->rof[c] = ri;
}

static int
new_route(struct search *s)
{
	int ri = s->nr++;
	struct route *t = &s->r[ri];

	t->len = 0;
	t->load = 0;
	t->dist = 0;
	t->svc = 0;
	s->nempty++;
	return ri;
}

static void
reindex(struct search *s, int ri)
{
	struct route *t = &s->r[ri];

	for (int k = 0; k < t->len; k++) {
		s->rof[t->v[k]] = ri;
		s->pos[t->v[k]] = k;
	}
}

static void
swap_routes(struct search *s, int a, int b)
{
	struct route tmp = s->r[a];

	s->r[a] = s->r[b];
	s->r[b] = tmp;
}

/* Drop empty routes (keeping their buffers for reuse). */
static void
compact(struct search *s)
{
	int i = 0;

	while (i < s->nr) {
		if (s->r[i].len > 0) {
			i++;
			continue;
		}
		swap_routes(s, i, s->nr - 1);
		s->nr--;
		s->nempty--;
		if (i < s->nr)
			reindex(s, i);
	}
}

static void
begin(struct search *s)
{
	s->stamp++;
	s->ntouched = 0;
	s->nr0 = s->nr;
	s->nabs0 = s->nabs;
	if (s->nabs)
		memcpy(s->abs0, s->abs, (size_t)s->nabs * sizeof(*s->abs));
	s->cost0 = s->cost;
	s->excess0 = s->excess;
	s->nrem = 0;
}

static void
undo(struct search *s)
{
	for (int i = 0; i < s->ntouched; i++) {
		int ri = s->touched[i];
		struct route tmp = s->r[ri];
		s->r[ri] = s->bak[i];
		s->bak[i] = tmp;
		reindex(s, ri);
	}
	s->nr = s->nr0;
	s->nempty = 0;
	s->nabs = s->nabs0;
	for (int i = 0; i < s->nabs; i++) {
		s->abs[i] = s->abs0[i];
		s->rof[s->abs[i]] = -1;
	}
	s->cost = s->cost0;
	s->excess = s->excess0;
}

static void
save_best(struct search *s)
{
	int k = 0;

	s->bnr = 0;
	for (int ri = 0; ri < s->nr; ri++) {
		if (s->r[ri].len == 0)
			continue;
		s->bstart[s->bnr++] = k;
		memcpy(s->bstops + k, s->r[ri].v, (size_t)s->r[ri].len *
		    sizeof(int));
		k += s->r[ri].len;
	}
	s->bstart[s->bnr] = k;
	s->bnabs = s->nabs;
	s->bexcess = s->excess;
	s->bcost = s->cost;
}

/* Load the best plan back as the current one. */
static void
load_best(struct search *s)
{
	for (int c = 1; c < s->n; c++)
		s->rof[c] = -1;
	s->nr = 0;
	s->nempty = 0;
	s->cost = 0;
	s->excess = 0;
	for (int b = 0; b < s->bnr; b++) {
		int ri = new_route(s);
		for (int k = s->bstart[b]; k < s->bstart[b + 1]; k++)
			insert_at(s, ri, s->r[ri].len, s->bstops[k]);
	}
	s->nabs = 0;
	for (int c = 1; c < s->n; c++)
		if (s->rof[c] < 0)
			s->abs[s->nabs++] = c;
}

static double
recompute_cost(struct search *s)
{
	double sum = 0;

	for (int ri = 0; ri < s->nr; ri++) {
		struct route *t = &s->r[ri];
		t->dist = sq_cvrp_route_dist(s->p, t->v, t->len);
		sum += t->dist;
	}
	s->cost = sum;
	return sum;
}

/* ---- neighbours ---- */

struct nkey {
	double	 d;
	int	 v;
};

static int
cmp_nkey(const void *a, const void *b)
{
	const struct nkey *x = a, *y = b;

	if (x->d < y->d)
		return -1;
	if (x->d > y->d)
		return 1;
	return (x->v > y->v) - (x->v < y->v);
}

static void
build_adj(struct search *s)
{
	const struct sq_cvrp *p = s->p;
	int m = s->n - 1;
	struct nkey *k = sq_xmalloc((size_t)(m > 0 ? m : 1) * sizeof(*k));

	s->nadj = m < NADJ ? m : NADJ;
	s->adj = sq_xmalloc((size_t)s->n * (size_t)(s->nadj + 1) *
	    sizeof(*s->adj));
	for (int c = 1; c < s->n; c++) {
		for (int j = 1; j < s->n; j++) {
			k[j - 1].v = j;
			k[j - 1].d = j == c ? -1.0 : D(p, c, j) + D(p, j, c);
		}
		qsort(k, (size_t)m, sizeof(*k), cmp_nkey);
		for (int j = 0; j < s->nadj; j++)
			s->adj[(size_t)c * (size_t)s->nadj + (size_t)j] =
			    k[j].v;
	}
	free(k);
}

/* ---- construction: Clarke and Wright savings on neighbour pairs ---- */

struct saving {
	double	 s;
	int	 i, j;
};

static int
cmp_saving(const void *a, const void *b)
{
	const struct saving *x = a, *y = b;

	if (x->s > y->s)
		return -1;
	if (x->s < y->s)
		return 1;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

/* The routes savings() merges: chains of customers, known by their head. */
struct chains {
	int	*next, *prev;
	int	*head;		/* per customer */
	int	*tail;		/* per head, as the rest */
	long	*load;
	double	*dist, *svc;
};

/* Reverse the route headed by h in place; its head is now its old tail. */
static int
reverse_chain(const struct chains *ch, int h)
{
	int c = h, t = ch->tail[h];

	while (c) {
		int nx = ch->next[c];
		ch->next[c] = ch->prev[c];
		ch->prev[c] = nx;
		c = nx;
	}
	ch->tail[t] = h;
	ch->load[t] = ch->load[h];
	ch->dist[t] = ch->dist[h];
	ch->svc[t] = ch->svc[h];
	for (c = t; c; c = ch->next[c])
		ch->head[c] = t;
	return t;
}

static void
savings(struct search *s)
{
	const struct sq_cvrp *p = s->p;
	int n = s->n;
	int *next = sq_xmalloc((size_t)n * sizeof(int));
	int *prev = sq_xmalloc((size_t)n * sizeof(int));
	int *head = sq_xmalloc((size_t)n * sizeof(int));	/* per customer */
	long *load = sq_xmalloc((size_t)n * sizeof(long));	/* per head */
	double *dist = sq_xmalloc((size_t)n * sizeof(double));
	double *svc = sq_xmalloc((size_t)n * sizeof(double));
	int *tail = sq_xmalloc((size_t)n * sizeof(int));
	size_t ns = 0, cap = (size_t)n * (size_t)s->nadj + 1;
	struct saving *sv = sq_xmalloc(cap * sizeof(*sv));
	const struct chains ch = { next, prev, head, tail, load, dist, svc };

	for (int c = 1; c < n; c++) {
		next[c] = prev[c] = 0;
		head[c] = tail[c] = c;
		load[c] = p->demand[c];
		dist[c] = D(p, 0, c) + D(p, c, 0);
		svc[c] = SVC(p, c);
	}
	for (int i = 1; i < n; i++)
		for (int k = 0; k < s->nadj; k++) {
			int j = s->adj[(size_t)i * (size_t)s->nadj + (size_t)k];
			if (j == i || (s->sym && j < i))
				continue;
			sv[ns].i = i;
			sv[ns].j = j;
			sv[ns].s = D(p, i, 0) + D(p, 0, j) - D(p, i, j);
			ns++;
		}
	qsort(sv, ns, sizeof(*sv), cmp_saving);
	for (size_t q = 0; q < ns; q++) {
		int i = sv[q].i, j = sv[q].j;
		int a = head[i], b = head[j];
		if (sv[q].s <= 0)
			break;
		if (a == b)
			continue;
		if (load[a] + load[b] > p->capacity)
			continue;
		/* i must end its route and j start its own */
		int ok = (tail[a] == i && b == j);
		int revA = 0, revB = 0;
		if (!ok && s->sym) {
			int iend = (tail[a] == i) || (a == i);
			int jend = (b == j) || (tail[b] == j);
			if (iend && jend) {
				ok = 1;
				revA = tail[a] != i;
				revB = b != j;
			}
		}
		if (!ok)
			continue;
		double nd = dist[a] + dist[b] + D(p, i, j) - D(p, i, 0) -
		    D(p, 0, j);
		if (p->max_duration > 0 && nd * p->time_per_dist + svc[a] +
		    svc[b] > p->max_duration + EPS)
			continue;
		if (revA)	/* symmetric: reverse a route in place */
			a = reverse_chain(&ch, a);
		if (revB)
			b = reverse_chain(&ch, b);
		/* now tail[a] == i and b == j */
		next[i] = j;
		prev[j] = i;
		tail[a] = tail[b];
		for (int c = b; c; c = next[c])
			head[c] = a;
		load[a] += load[b];
		dist[a] = nd;
		svc[a] += svc[b];
	}
	s->nr = 0;
	s->nempty = 0;
	s->cost = 0;
	s->excess = 0;
	for (int c = 1; c < n; c++) {
		if (head[c] != c)
			continue;
		int ri = new_route(s);
		for (int x = c; x; x = next[x])
			insert_at(s, ri, s->r[ri].len, x);
	}
	s->nabs = 0;
	free(next);
	free(prev);
	free(head);
	free(load);
	free(dist);
	free(svc);
	free(tail);
	free(sv);
}

/* ---- ruin ---- */

static void
ruin_string(struct search *s, int ri, int c, int l)
{
	struct route *t = &s->r[ri];
	int pc = s->pos[c];
	int lo = pc - l + 1 < 0 ? 0 : pc - l + 1;
	int hi = pc < t->len - l ? pc : t->len - l;
	int st = lo + (int)sq_rng_below(&s->rng, (uint32_t)(hi - lo + 1));

	for (int k = st + l - 1; k >= st; k--) {
		s->rem[s->nrem++] = t->v[k];
		remove_at(s, ri, k);
	}
}

static void
ruin_split(struct search *s, int ri, int c, int l)
{
	struct route *t = &s->r[ri];
	int m = 1;

	while (l + m < t->len && sq_rng_unif(&s->rng) > SPLIT_STOP)
		m++;
	int tot = l + m;
	int pc = s->pos[c];
	int lo = pc - tot + 1 < 0 ? 0 : pc - tot + 1;
	int hi = pc < t->len - tot ? pc : t->len - tot;
	int st = lo + (int)sq_rng_below(&s->rng, (uint32_t)(hi - lo + 1));
	int keep = (int)sq_rng_below(&s->rng, (uint32_t)(l + 1));

	for (int k = st + tot - 1; k >= st; k--) {
		if (k - st >= keep && k - st < keep + m)
			continue;
		s->rem[s->nrem++] = t->v[k];
		remove_at(s, ri, k);
	}
}

static void
ruin(struct search *s)
{
	int routed = s->n - 1 - s->nabs;
	int nroutes = s->nr - s->nempty;

	if (nroutes <= 0 || routed <= 0)
		return;
	double avg = (double)routed / nroutes;
	double lsmax = avg < LMAX ? avg : LMAX;
	double ksmax = 4.0 * CBAR / (1.0 + lsmax) - 1.0;
	int ks = (int)(sq_rng_unif(&s->rng) * ksmax) + 1;
	int seed = 1 + (int)sq_rng_below(&s->rng, (uint32_t)(s->n - 1));
	int done = 0;

	for (int k = 0; k < s->nadj && done < ks; k++) {
		int c = s->adj[(size_t)seed * (size_t)s->nadj + (size_t)k];
		int ri = s->rof[c];
		if (ri < 0 || s->rmark[ri] == s->stamp)
			continue;
		struct route *t = &s->r[ri];
		double ltmax = t->len < lsmax ? t->len : lsmax;
		int l = (int)(sq_rng_unif(&s->rng) * ltmax) + 1;
		if (l > t->len)
			l = t->len;
		touch(s, ri);
		if (l == t->len || sq_rng_unif(&s->rng) < 0.5)
			ruin_string(s, ri, c, l);
		else
			ruin_split(s, ri, c, l);
		done++;
	}
}

/* ---- recreate ---- */

static inline int
fits(const struct search *s, const struct route *t, int c, double delta)
{
	const struct sq_cvrp *p = s->p;

	if (!s->soft && t->load + p->demand[c] > p->capacity)
		return 0;
	if (p->max_duration > 0 && (t->dist + delta) * p->time_per_dist +
	    t->svc + SVC(p, c) > p->max_duration + EPS)
		return 0;
	return 1;
}

static inline double
ins_delta(const struct search *s, const struct route *t, int k, int c)
{
	const struct sq_cvrp *p = s->p;
	int prev = k > 0 ? t->v[k - 1] : 0;
	int next = k < t->len ? t->v[k] : 0;

	return D(p, prev, c) + D(p, c, next) - D(p, prev, next);
}

/* Best insertion of c: route and position, or ri -1.  blink: skip some. */
static double
best_insertion(struct search *s, int c, int blink, int *bri, int *bk)
{
	double best = DBL_MAX;
	long q_ = s->p->demand[c];

	*bri = -1;
	*bk = -1;
#define TRY(ri_, k_) do {						\
		const struct route *t_ = &s->r[(ri_)];			\
		double d_ = ins_delta(s, t_, (k_), c);			\
		if (s->soft)						\
			d_ += s->lambda * (double)(over(s->p,		\
			    t_->load + q_) - over(s->p, t_->load));	\
		if (d_ < best && !(blink &&				\
		    sq_rng_unif(&s->rng) < BLINK) &&			\
		    fits(s, t_, c, d_)) {				\
			best = d_;					\
			*bri = (ri_);					\
			*bk = (k_);					\
		}							\
	} while (0)
	if (!s->granular) {
		for (int ri = 0; ri < s->nr; ri++) {
			const struct route *t = &s->r[ri];
			if (t->len == 0 || (!s->soft &&
			    t->load + s->p->demand[c] > s->p->capacity))
				continue;
			for (int k = 0; k <= t->len; k++)
				TRY(ri, k);
		}
		return best;
	}
	for (int j = 1; j <= GRAN_K && j < s->nadj; j++) {
		int v = s->adj[(size_t)c * (size_t)s->nadj + (size_t)j];
		int ri = s->rof[v];
		if (ri < 0)
			continue;
		TRY(ri, s->pos[v]);
		TRY(ri, s->pos[v] + 1);
	}
	for (int ri = 0; ri < s->nr; ri++) {
		if (s->r[ri].len == 0)
			continue;
		TRY(ri, 0);
		TRY(ri, s->r[ri].len);
	}
#undef TRY
	return best;
}

static void
sort_removed(struct search *s)
{
	const struct sq_cvrp *p = s->p;
	int n = s->nrem;
	int *a = s->rem;
	uint32_t w = sq_rng_below(&s->rng, 11);

	for (int i = n - 1; i > 0; i--) {
		int j = (int)sq_rng_below(&s->rng, (uint32_t)(i + 1));
		int t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
	if (w < 4)
		return;			/* random */
	for (int i = 0; i < n; i++) {
		int c = a[i];
		if (w < 8)		/* largest demand first */
			s->key[c] = -(double)p->demand[c];
		else if (w < 10)	/* farthest from the depot first */
			s->key[c] = -(D(p, 0, c) + D(p, c, 0));
		else			/* closest first */
			s->key[c] = D(p, 0, c) + D(p, c, 0);
	}
	for (int i = 1; i < n; i++) {	/* stable insertion sort */
		int c = a[i], j = i - 1;
		while (j >= 0 && s->key[a[j]] > s->key[c]) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = c;
	}
}

static void
insert_one(struct search *s, int c)
{
	int maxr = s->p->max_routes, ri, k;

	double d = best_insertion(s, c, 1, &ri, &k);
	if (ri >= 0 && s->soft && s->nr - s->nempty < maxr &&
	    D(s->p, 0, c) + D(s->p, c, 0) < d)
		ri = -1;	/* a route of its own is cheaper */
	if (ri >= 0) {
		touch(s, ri);
		insert_at(s, ri, k, c);
	} else if (maxr <= 0 || s->nr - s->nempty < maxr) {
		/* an empty route left by the ruin, or a new one */
		for (ri = 0; ri < s->nr && s->r[ri].len > 0; ri++)
			;
		if (ri == s->nr)
			ri = new_route(s);
		touch(s, ri);
		insert_at(s, ri, 0, c);
	} else
		s->abs[s->nabs++] = c;
}

/*
 * Customers left out (a capped fleet) go back first, largest demand
 * first: they are the hard ones to pack.  Then the ruined ones.
 */
static void
recreate(struct search *s)
{
	const struct sq_cvrp *p = s->p;
	int *pre = s->pre, npre = s->nabs0;

	s->nabs = 0;
	if (npre) {
		memcpy(pre, s->abs0, (size_t)npre * sizeof(int));
		for (int i = 1; i < npre; i++) {
			int c = pre[i], j = i - 1;
			while (j >= 0 && p->demand[pre[j]] < p->demand[c]) {
				pre[j + 1] = pre[j];
				j--;
			}
			pre[j + 1] = c;
		}
	}
	sort_removed(s);
	for (int i = 0; i < npre; i++)
		insert_one(s, pre[i]);
	for (int i = 0; i < s->nrem; i++)
		insert_one(s, s->rem[i]);
}

/* ---- local search polish ---- */

static int
relocate_all(struct search *s)
{
	int improved = 0;

	for (int c = 1; c < s->n; c++) {
		int ri = s->rof[c], k, nri, nk;
		if (ri < 0)
			continue;
		k = s->pos[c];
		double before = s->cost;
		remove_at(s, ri, k);
		double gain = before - s->cost;
		int save = s->granular;
		s->granular = 0;
		double d = best_insertion(s, c, 0, &nri, &nk);
		s->granular = save;
		if (nri >= 0 && d < gain - EPS) {
			insert_at(s, nri, nk, c);
			improved = 1;
		} else
			insert_at(s, ri, k, c);
	}
	return improved;
}

static int
two_opt_route(struct search *s, int ri)
{
	const struct sq_cvrp *p = s->p;
	struct route *t = &s->r[ri];
	int improved = 0, again = 1;

	while (again) {
		again = 0;
		for (int i = 0; i < t->len - 1; i++) {
			int a = i > 0 ? t->v[i - 1] : 0;
			for (int j = i + 1; j < t->len; j++) {
				int b = j < t->len - 1 ? t->v[j + 1] : 0;
				double delta = D(p, a, t->v[j]) +
				    D(p, t->v[i], b) - D(p, a, t->v[i]) -
				    D(p, t->v[j], b);
				if (delta < -EPS) {
					for (int x = i, y = j; x < y; x++, y--) {
						int tmp = t->v[x];
						t->v[x] = t->v[y];
						t->v[y] = tmp;
					}
					t->dist += delta;
					s->cost += delta;
					again = improved = 1;
				}
			}
		}
	}
	reindex(s, ri);
	return improved;
}

static void
polish(struct search *s)
{
	for (int round = 0; round < 50; round++) {
		int imp = relocate_all(s);
		if (s->sym)
			for (int ri = 0; ri < s->nr; ri++)
				if (s->r[ri].len <= 300)
					imp |= two_opt_route(s, ri);
		if (!imp)
			break;
	}
	compact(s);
}

/* ---- driver ---- */

/* With a capped fleet, the lightest routes of the construction go absent. */
static void
cap_routes(struct search *s)
{
	int maxr = s->p->max_routes;

	while (maxr > 0 && s->nr > maxr) {
		int lo = 0;
		for (int ri = 1; ri < s->nr; ri++)
			if (s->r[ri].load < s->r[lo].load)
				lo = ri;
		int nrem = 0;
		while (s->r[lo].len > 0) {
			int k = s->r[lo].len - 1;
			s->rem[nrem++] = s->r[lo].v[k];
			remove_at(s, lo, k);
		}
		compact(s);
		for (int i = 0; i < nrem; i++) {
			int c = s->rem[i], ri, k;
			best_insertion(s, c, 0, &ri, &k);
			if (ri >= 0)
				insert_at(s, ri, k, c);
			else
				s->abs[s->nabs++] = c;
		}
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
better(int nabs, long excess, double cost, int bnabs, long bexcess,
    double bcost)
{
	if (nabs != bnabs)
		return nabs < bnabs;
	if (excess != bexcess)
		return excess < bexcess;
	return cost < bcost - EPS;
}

static void
search_free(struct search *s)
{
	int n = s->n;

	for (int i = 0; i < n + 1; i++) {
		free(s->r[i].v);
		free(s->bak[i].v);
	}
	free(s->r);
	free(s->bak);
	free(s->adj);
	free(s->rof);
	free(s->pos);
	free(s->abs);
	free(s->abs0);
	free(s->touched);
	free(s->rmark);
	free(s->rem);
	free(s->pre);
	free(s->key);
	free(s->bstart);
	free(s->bstops);
}

int
sq_cvrp_solve(const struct sq_cvrp *p, const struct sq_cvrp_params *par,
    struct sq_cvrp_sol *sol, char *why, size_t whysz)
{
	struct search s;
	double t0 = now();
	int n = p->n;

	memset(sol, 0, sizeof(*sol));
	if (sq_cvrp_check(p, why, whysz) < 0)
		return -1;
	if (n == 1) {
		sol->start = sq_xcalloc(1, sizeof(int));
		sol->stops = sq_xcalloc(1, sizeof(int));
		return 0;
	}
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.n = n;
	sq_rng_seed(&s.rng, par->seed);
	s.sym = 1;
	for (int i = 0; i < n && s.sym; i++)
		for (int j = i + 1; j < n; j++)
			if (D(p, i, j) != D(p, j, i)) {
				s.sym = 0;
				break;
			}
	s.granular = n - 1 > GRAN_N;
	s.r = sq_xcalloc((size_t)n + 1, sizeof(*s.r));
	s.bak = sq_xcalloc((size_t)n + 1, sizeof(*s.bak));
	s.rof = sq_xmalloc((size_t)n * sizeof(int));
	s.pos = sq_xmalloc((size_t)n * sizeof(int));
	s.abs = sq_xmalloc((size_t)n * sizeof(int));
	s.abs0 = sq_xmalloc((size_t)n * sizeof(int));
	s.touched = sq_xmalloc(((size_t)n + 1) * sizeof(int));
	s.rmark = sq_xcalloc((size_t)n + 1, sizeof(int));
	s.rem = sq_xmalloc((size_t)n * sizeof(int));
	s.pre = sq_xmalloc((size_t)n * sizeof(int));
	s.key = sq_xmalloc((size_t)n * sizeof(double));
	s.bstart = sq_xmalloc(((size_t)n + 1) * sizeof(int));
	s.bstops = sq_xmalloc((size_t)n * sizeof(int));
	for (int c = 0; c < n; c++)
		s.rof[c] = -1;
	build_adj(&s);

	double scale = 0, maxd = 0;
	for (int c = 1; c < n; c++) {
		double d = (D(p, 0, c) + D(p, c, 0)) / 2;
		scale += d;
		if (d > maxd)
			maxd = d;
	}
	scale /= n - 1;
	if (scale <= 0)
		scale = 1;
	s.penalty = 4 * maxd + 1;
	s.soft = p->max_routes > 0;
	double meanq = 0;
	for (int c = 1; c < n; c++)
		meanq += (double)p->demand[c];
	meanq /= n - 1;
	s.lambda = scale / (meanq > 1 ? meanq : 1);

	savings(&s);
	cap_routes(&s);
	save_best(&s);
	sol->initial = s.cost;

	double T0 = T0_FACTOR * scale, Tf = TF_FACTOR * scale;
	double T = T0, last_prog = 0, el = 0, lmin = s.lambda / 100;
	int nfeas = 0, nwin = 0;
	long it;
	for (it = 0;; it++) {
		/*
		 * A capped fleet still without a feasible plan at the end
		 * gets up to ten times the iterations (twice the time), at
		 * the final temperature, with the overload ever dearer.
		 */
		int infeasible = s.bnabs > 0 || s.bexcess > 0;
		if (par->iterations > 0) {
			if (it >= par->iterations) {
				if (!infeasible || it >= 10 * par->iterations)
					break;
				T = Tf;
				if ((it & 127) == 0)
					s.lambda *= 1.1;
			} else if ((it & 255) == 0)
				T = T0 * pow(Tf / T0, (double)it /
				    (double)par->iterations);
			if (par->progress && (it & 1023) == 0)
				el = now() - t0;
		} else if ((it & 31) == 0) {
			el = now() - t0;
			if (el >= par->time_limit) {
				if (!infeasible || el >= 2 * par->time_limit)
					break;
				T = Tf;
				if ((it & 127) == 0)
					s.lambda *= 1.1;
			} else
				T = T0 * pow(Tf / T0, el / par->time_limit);
		}
		if (par->progress && el - last_prog >= par->progress_every) {
			last_prog = el;
			par->progress(par->progress_arg, el, s.bcost, it);
		}
		begin(&s);
		ruin(&s);
		recreate(&s);
		double cur = s.cost0 + s.penalty * s.nabs0 +
		    s.lambda * (double)s.excess0;
		double nw = s.cost + s.penalty * s.nabs +
		    s.lambda * (double)s.excess;
		double u = 1.0 - sq_rng_unif(&s.rng);
		if (nw < cur - T * log(u)) {
			compact(&s);
			if (better(s.nabs, s.excess, s.cost, s.bnabs,
			    s.bexcess, s.bcost))
				save_best(&s);
		} else
			undo(&s);
		if (s.soft) {	/* aim at a feasible current plan half the time */
			nfeas += s.excess == 0;
			if (++nwin == 100) {
				if (nfeas < 30)
					s.lambda *= 1.3;
				else if (nfeas > 70 && s.lambda > lmin)
					s.lambda /= 1.3;
				nfeas = nwin = 0;
			}
		}
	}
	load_best(&s);
	recompute_cost(&s);
	if (s.nabs == 0 && s.excess == 0) {
		s.soft = 0;
		polish(&s);
		recompute_cost(&s);
		save_best(&s);
	}
	int rc = 0;
	if (s.bnabs > 0 || s.bexcess > 0) {
		snprintf(why, whysz, "no plan found with at most %d routes "
		    "(%d customers left out, %ld over capacity)",
		    p->max_routes, s.bnabs, s.bexcess);
		rc = -1;
	} else {
		sol->nroutes = s.bnr;
		sol->start = sq_xmalloc(((size_t)s.bnr + 1) * sizeof(int));
		sol->stops = sq_xmalloc((size_t)n * sizeof(int));
		memcpy(sol->start, s.bstart, ((size_t)s.bnr + 1) *
		    sizeof(int));
		memcpy(sol->stops, s.bstops, (size_t)s.bstart[s.bnr] *
		    sizeof(int));
		sol->cost = s.bcost;
	}
	sol->iterations = it;
	sol->elapsed = now() - t0;
	search_free(&s);
	return rc;
}

int
sq_cvrp_verify(const struct sq_cvrp *p, const struct sq_cvrp_sol *sol,
    char *why, size_t whysz)
{
	int n = p->n, rc = 0;
	char *seen = sq_xcalloc((size_t)n, 1);
	double total = 0;

	if (p->max_routes > 0 && sol->nroutes > p->max_routes) {
		snprintf(why, whysz, "%d routes, more than %d", sol->nroutes,
		    p->max_routes);
		rc = -1;
		goto out;
	}
	for (int r = 0; r < sol->nroutes && rc == 0; r++) {
		const int *v = sol->stops + sol->start[r];
		int len = sol->start[r + 1] - sol->start[r];
		long load = 0;
		if (len <= 0) {
			snprintf(why, whysz, "route %d is empty", r + 1);
			rc = -1;
			break;
		}
		for (int k = 0; k < len; k++) {
			if (v[k] < 1 || v[k] >= n) {
				snprintf(why, whysz, "route %d: no node %d",
				    r + 1, v[k]);
				rc = -1;
				goto out;
			}
			if (seen[v[k]]++) {
				snprintf(why, whysz, "node %d visited twice",
				    v[k]);
				rc = -1;
				goto out;
			}
			load += p->demand[v[k]];
		}
		if (load > p->capacity) {
			snprintf(why, whysz, "route %d carries %ld, more than "
			    "%ld", r + 1, load, p->capacity);
			rc = -1;
			break;
		}
		double dur = sq_cvrp_route_duration(p, v, len);
		if (p->max_duration > 0 && dur > p->max_duration + 1e-6) {
			snprintf(why, whysz, "route %d lasts %.3f, more than "
			    "%.3f", r + 1, dur, p->max_duration);
			rc = -1;
			break;
		}
		total += sq_cvrp_route_dist(p, v, len);
	}
	for (int c = 1; c < n && rc == 0; c++)
		if (!seen[c]) {
			snprintf(why, whysz, "node %d not visited", c);
			rc = -1;
		}
	if (rc == 0 && fabs(total - sol->cost) > 1e-6 * (1 + total)) {
		snprintf(why, whysz, "cost %.3f, but the routes add up to "
		    "%.3f", sol->cost, total);
		rc = -1;
	}
out:
	free(seen);
	return rc;
}

void
sq_cvrp_sol_free(struct sq_cvrp_sol *sol)
{
	free(sol->start);
	free(sol->stops);
	memset(sol, 0, sizeof(*sol));
}
