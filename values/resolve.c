/*
 * resolve.c — the household an address means; resolve.h says the rule.
 *
 * Two indexes.  The exact one hashes whole keys (sq_hmap: 8 bytes a
 * household).  The other is built the first time a key is not found: the
 * households grouped by community and building, each group's members one
 * after another in one array, each member 24 bytes (its room packed, its
 * unit, lane and zone hashed), so a lookup that is not exact reads one
 * building's worth of memory in order and touches a household's key only
 * to confirm an answer.  The hashes only filter; every answer is checked
 * on the keys themselves.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "hmap.h"
#include "resolve.h"
#include "threads.h"

enum { P_ZONE, P_LANE, P_BLDG, P_UNIT, P_ROOM, NPART };

/* A key taken apart: values without their tag letters. */
struct parts {
	int	 has_comm;
	uint32_t comm;
	const char *v[NPART];
	size_t	 l[NPART];	/* unit "00" and room "0000" are empty */
};

struct member {
	uint64_t room;		/* the room without leading zeros, 8 bytes */
	uint32_t id;
	uint32_t lane, unit;	/* hashes, 0 = none */
	uint16_t zone;
	uint8_t	 rlen;		/* room bytes; over 8: the key decides */
	uint8_t	 pad;
};

/*
 * A group is one lane's building of a community (a lane compound has a
 * building 3 in every lane): a lookup reads the members of the lanes that
 * agree with it, not those of every lane.
 */
struct group {
	uint64_t h;		/* of community, lane and building */
	uint64_t ch;		/* of community and building */
	uint32_t bh;		/* of the building alone */
	uint32_t lane;		/* its members' lane (hash_part), 0 = none */
	uint32_t first, n;	/* its members: mem[first .. first + n) */
	uint32_t bnext;		/* next group with the same bh, + 1 */
	uint32_t cnext;		/* next group with the same ch, + 1 */
	int	 mixed;		/* h of two lanes (a collision): no filter */
};

struct sq_resolver {
	const char *(*key_of)(void *, uint32_t, size_t *);
	void	*ctx;
	int	 owned;
	struct sq_arena arena;	/* owned keys */
	char	**keys;
	uint32_t *keylen;
	size_t	 capkeys;

	struct sq_hmap exact;
	uint32_t *ids;		/* in the order added */
	size_t	 nids, capids;

	/* communities seen: how sq_resolver_canon() treats a key */
	size_t	 with_comm, without_comm;
	int	 several;
	char	 comm[8];

	/* the grouped index, built when first needed */
	int	 built;
	int	 sorted;		/* households were added in key order */
	int	 building;		/* begun, not finished (groups_begin) */
	struct member *mem;
	struct member *tmp;	/* while building: the members as added */
	uint32_t *gid;		/* ... and the group of each */
	size_t	 capmem, capgrp;
	uint32_t prev_g;
	int	 runs;		/* each group's members came one after another */
	struct group *grp;
	size_t	 ngrp;
	uint32_t *gtab, *btab, *ctab;	/* group + 1, by h, bh and ch */
	size_t	 gcap, bcap;
	uint32_t *gs;		/* the groups of a lookup */
	size_t	 gscap;
};

static const char *
owned_key(void *ctx, uint32_t id, size_t *len)
{
	struct sq_resolver *r = ctx;

	*len = r->keylen[id];
	return r->keys[id];
}

struct sq_resolver *
sq_resolver_new_borrowed(const char *(*key_of)(void *, uint32_t, size_t *),
    void *ctx)
{
	struct sq_resolver *r = sq_xcalloc(1, sizeof(*r));

	r->key_of = key_of;
	r->ctx = ctx;
	sq_hmap_init(&r->exact, key_of, ctx);
	return r;
}

struct sq_resolver *
sq_resolver_new(void)
{
	struct sq_resolver *r = sq_resolver_new_borrowed(owned_key, NULL);

	r->ctx = r;
	r->exact.ctx = r;
	r->owned = 1;
	return r;
}

static void
drop_groups(struct sq_resolver *r)
{
	free(r->mem);
	free(r->grp);
	free(r->gtab);
	free(r->btab);
	free(r->ctab);
	if (r->building) {
		free(r->tmp);
		free(r->gid);
		r->tmp = NULL;
		r->gid = NULL;
		r->building = 0;
	}
	r->mem = NULL;
	r->grp = NULL;
	r->gtab = r->btab = r->ctab = NULL;
	r->ngrp = r->gcap = r->bcap = 0;
	r->built = 0;
}

void
sq_resolver_free(struct sq_resolver *r)
{
	if (r == NULL)
		return;
	drop_groups(r);
	free(r->gs);
	sq_hmap_free(&r->exact);
	sq_arena_free(&r->arena);
	free(r->keys);
	free(r->keylen);
	free(r->ids);
	free(r);
}

void
sq_resolver_reserve(struct sq_resolver *r, size_t n)
{
	sq_hmap_reserve(&r->exact, n);
	if (n > r->capids) {
		r->capids = n;
		r->ids = sq_xrealloc(r->ids, r->capids * sizeof(*r->ids));
	}
}

size_t
sq_resolver_count(const struct sq_resolver *r)
{
	return r->nids;
}

const char *
sq_resolver_key(const struct sq_resolver *r, uint32_t id, size_t *len)
{
	return r->key_of(r->ctx, id, len);
}

/* ---- keys taken apart ------------------------------------------------- */

/* "C1a2b3c4d-": the community prefix of a key, or 0. */
static int
comm_prefix(const char *k, size_t n, uint32_t *comm)
{
	/* a lower-case hex digit's value, or -1: every key comes here */
	static const signed char hex[256] = {
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	};
	uint32_t v = 0;
	int bad = 0;

	if (n < 10 || k[0] != 'C' || k[9] != '-')
		return 0;
	for (size_t i = 1; i < 9; i++) {
		int d = hex[(unsigned char)k[i]];
		bad |= d;
		v = v << 4 | (uint32_t)(d & 0xF);
	}
	if (bad < 0)
		return 0;
	*comm = v;
	return 1;
}

static int
all_zero(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '0')
			return 0;
	return 1;
}

/*
 * [C..-][Z..-][L..-]B..-U..-R..: the tags in this order, each value up to
 * the next '-' (the room to the end: "R0502-1").  0, or -1 if the key has
 * another shape.
 */
static int
parse_key(const char *k, size_t n, struct parts *pt)
{
	static const char tags[NPART] = { 'Z', 'L', 'B', 'U', 'R' };
	size_t i = 0;
	int next = 0;

	memset(pt, 0, sizeof(*pt));
	if ((pt->has_comm = comm_prefix(k, n, &pt->comm)) != 0)
		i = 10;
	while (next < NPART) {
		int t;
		if (i >= n)
			return -1;
		for (t = next; t < NPART && tags[t] != k[i]; t++)
			if (t >= P_BLDG)
				return -1;	/* building, unit, room needed */
		if (t == NPART)
			return -1;
		size_t s = i + 1, e = s;
		if (t == P_ROOM)
			e = n;
		else
			while (e < n && k[e] != '-')
				e++;
		if (e == s || (t != P_ROOM && e == n))
			return -1;
		pt->v[t] = k + s;
		pt->l[t] = e - s;
		i = e + 1;
		next = t + 1;
	}
	if (all_zero(pt->v[P_UNIT], pt->l[P_UNIT]))
		pt->l[P_UNIT] = 0;
	/* the room without its padding: "0502" is "502", "0000" none */
	while (pt->l[P_ROOM] > 0 && pt->v[P_ROOM][0] == '0') {
		pt->v[P_ROOM]++;
		pt->l[P_ROOM]--;
	}
	return 0;
}

static uint32_t
hash_part(const char *s, size_t n)
{
	uint32_t h;

	if (n == 0)
		return 0;
	h = sq_hash(s, n);
	return h ? h : 1;
}

static uint64_t
pack8(const char *s, size_t n)
{
	uint64_t v = 0;

	memcpy(&v, s, n < 8 ? n : 8);
	return v;
}

/* FNV-1a 64 over the community and the building. */
static uint64_t
group_hash(const struct parts *p)
{
	uint64_t h = UINT64_C(14695981039346656037);
	unsigned char c[5];
	size_t i;

	c[0] = (unsigned char)(p->has_comm ? 1 : 0);
	memcpy(c + 1, &p->comm, 4);
	for (i = 0; i < 5; i++)
		h = (h ^ c[i]) * UINT64_C(1099511628211);
	for (i = 0; i < p->l[P_BLDG]; i++)
		h = (h ^ (unsigned char)p->v[P_BLDG][i]) *
		    UINT64_C(1099511628211);
	return h;
}

/* The same with the lane: a lane group's. */
static uint64_t
lane_group_hash(const struct parts *p)
{
	uint64_t h = group_hash(p);

	if (p->l[P_LANE] == 0)
		return h;
	h = (h ^ 0xff) * UINT64_C(1099511628211);
	for (size_t i = 0; i < p->l[P_LANE]; i++)
		h = (h ^ (unsigned char)p->v[P_LANE][i]) *
		    UINT64_C(1099511628211);
	return h;
}

/* ---- adding households ------------------------------------------------ */

static void group_add(struct sq_resolver *, size_t, const char *, size_t);
static void group_put(struct sq_resolver *, size_t, const char *, size_t,
    const struct sq_resolver_made *);

long
sq_resolver_add(struct sq_resolver *r, const char *key, size_t len,
    uint32_t id)
{
	return sq_resolver_add_h(r, sq_hash(key, len), key, len, id);
}

long
sq_resolver_add_h(struct sq_resolver *r, uint32_t hash, const char *key,
    size_t len, uint32_t id)
{
	return sq_resolver_add_made(r, hash, key, len, id, NULL);
}

long
sq_resolver_add_made(struct sq_resolver *r, uint32_t hash, const char *key,
    size_t len, uint32_t id, const struct sq_resolver_made *md)
{
	long dup = sq_hmap_put_new_h(&r->exact, hash, key, len, id);
	uint32_t comm;

	if (dup >= 0)
		return dup;
	if (r->owned) {
		if (id >= r->capkeys) {
			size_t cap = r->capkeys ? r->capkeys : 64;
			while (cap <= id)
				cap *= 2;
			r->keys = sq_xrealloc(r->keys, cap * sizeof(*r->keys));
			r->keylen = sq_xrealloc(r->keylen, cap *
			    sizeof(*r->keylen));
			r->capkeys = cap;
		}
		r->keys[id] = sq_arena_strndup(&r->arena, key, len);
		r->keylen[id] = (uint32_t)len;
	}
	if (r->nids == r->capids) {
		r->capids = r->capids ? 2 * r->capids : 1024;
		r->ids = sq_xrealloc(r->ids, r->capids * sizeof(*r->ids));
	}
	r->ids[r->nids++] = id;
	if (comm_prefix(key, len, &comm)) {
		if (r->with_comm++ == 0)
			memcpy(r->comm, key + 1, 8);
		else if (memcmp(r->comm, key + 1, 8) != 0)
			r->several = 1;
	} else
		r->without_comm++;
	if (r->built)
		drop_groups(r);		/* built again when next needed */
	else if (r->building && md)
		group_put(r, r->nids - 1, key, len, md);
	else if (r->building)
		group_add(r, r->nids - 1, key, len);
	return -1;
}

/* ---- the grouped index ------------------------------------------------ */

static size_t
pow2_for(size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	return cap;
}

/*
 * The grouped index is made in two steps: each household's member as it
 * comes (group_add), then the groups' tables (groups_finish).  Lazily,
 * both at the first lookup that needs them (build_groups); eagerly
 * (sq_resolver_eager), the first as each household is added, while the
 * caller's roster is still being read.  The same index either way.
 */
static void
groups_begin(struct sq_resolver *r, size_t n)
{
	/* a district's are tens of megabytes: huge pages, fewer faults */
	r->capmem = n + 1;
	r->tmp = sq_xmalloc_big(r->capmem * sizeof(*r->tmp));
	r->gid = sq_xmalloc_big(r->capmem * sizeof(*r->gid));
	/* the half of them a roster of long rows fills, faulted in ahead */
	sq_prefault(r->tmp, r->capmem / 2 * sizeof(*r->tmp));
	sq_prefault(r->gid, r->capmem / 2 * sizeof(*r->gid));
	r->capgrp = 64;
	r->runs = 1;
	r->prev_g = UINT32_MAX;
	r->grp = sq_xmalloc(r->capgrp * sizeof(*r->grp));
	r->ngrp = 0;
	r->gcap = pow2_for(n / 8 + 16);
	r->gtab = sq_xcalloc(r->gcap, sizeof(*r->gtab));
	r->sorted = 1;
	r->building = 1;
}

void
sq_resolver_make(const char *key, size_t len, struct sq_resolver_made *md)
{
	struct parts p;

	memset(md, 0, sizeof(*md));
	if (parse_key(key, len, &p) < 0)
		return;		/* not our shape: exact only */
	md->shape = 1;
	md->h = lane_group_hash(&p);
	md->ch = group_hash(&p);
	md->bh = hash_part(p.v[P_BLDG], p.l[P_BLDG]);
	md->lane = hash_part(p.v[P_LANE], p.l[P_LANE]);
	md->room = pack8(p.v[P_ROOM], p.l[P_ROOM]);
	md->rlen = (uint8_t)(p.l[P_ROOM] < 255 ? p.l[P_ROOM] : 255);
	md->unit = hash_part(p.v[P_UNIT], p.l[P_UNIT]);
	md->zone = (uint16_t)hash_part(p.v[P_ZONE], p.l[P_ZONE]);
	if (p.l[P_ZONE] && md->zone == 0)
		md->zone = 1;
}

/* Member k (the k-th household added), key[0..len) made into *md. */
static void
group_put(struct sq_resolver *r, size_t k, const char *key, size_t len,
    const struct sq_resolver_made *md)
{
	if (k + 1 >= r->capmem) {
		r->capmem = 2 * (k + 1);
		r->tmp = sq_xrealloc(r->tmp, r->capmem * sizeof(*r->tmp));
		r->gid = sq_xrealloc(r->gid, r->capmem * sizeof(*r->gid));
	}
	/* in key order as added (by_key's order), so each group is */
	if (k > 0 && r->sorted) {
		size_t prevlen;
		const char *prev = r->key_of(r->ctx, r->ids[k - 1], &prevlen);
		int c = memcmp(prev, key, prevlen < len ? prevlen : len);
		if (c > 0 || (c == 0 && prevlen > len))
			r->sorted = 0;
	}

	uint32_t *gid = r->gid;
	gid[k] = UINT32_MAX;
	if (!md->shape) {
		r->prev_g = UINT32_MAX;
		return;		/* not our shape: exact only */
	}
	uint64_t h = md->h;
	size_t mask = r->gcap - 1, s;
	for (s = (size_t)h & mask; r->gtab[s]; s = (s + 1) & mask)
		if (r->grp[r->gtab[s] - 1].h == h)
			break;
	if (r->gtab[s] == 0) {
		if (r->ngrp == r->capgrp) {
			r->capgrp *= 2;
			r->grp = sq_xrealloc(r->grp, r->capgrp *
			    sizeof(*r->grp));
		}
		struct group *g = &r->grp[r->ngrp];
		memset(g, 0, sizeof(*g));
		g->h = h;
		g->ch = md->ch;
		g->bh = md->bh;
		g->lane = md->lane;
		g->first = (uint32_t)k;
		r->gtab[s] = (uint32_t)++r->ngrp;
		if (2 * r->ngrp > r->gcap) {
			/* more groups than guessed: a bigger table */
			free(r->gtab);
			r->gcap *= 2;
			r->gtab = sq_xcalloc(r->gcap, sizeof(*r->gtab));
			for (size_t i = 0; i < r->ngrp; i++) {
				size_t t = (size_t)r->grp[i].h &
				    (r->gcap - 1);
				while (r->gtab[t])
					t = (t + 1) & (r->gcap - 1);
				r->gtab[t] = (uint32_t)i + 1;
			}
			for (s = (size_t)h & (r->gcap - 1);
			    r->gtab[s] != r->ngrp;
			    s = (s + 1) & (r->gcap - 1))
				;
		}
	}
	gid[k] = r->gtab[s] - 1;
	if (r->grp[gid[k]].n > 0 && gid[k] != r->prev_g)
		r->runs = 0;
	r->prev_g = gid[k];
	r->grp[gid[k]].n++;
	if (r->grp[gid[k]].lane != md->lane)
		r->grp[gid[k]].mixed = 1;
	struct member *m = &r->tmp[k];
	m->id = r->ids[k];
	m->room = md->room;
	m->rlen = md->rlen;
	m->unit = md->unit;
	m->lane = md->lane;
	m->zone = md->zone;
	m->pad = 0;
}

static void
group_add(struct sq_resolver *r, size_t k, const char *key, size_t len)
{
	struct sq_resolver_made md;

	sq_resolver_make(key, len, &md);
	group_put(r, k, key, len, &md);
}

static void
groups_finish(struct sq_resolver *r)
{
	size_t n = r->nids, k;
	struct member *tmp = r->tmp;
	uint32_t *gid = r->gid;

	/* members of a group one after another, in the order added */
	if (r->runs)
		r->mem = tmp;	/* they are: grp[].first is where each begins */
	else {
		uint32_t at = 0;
		for (size_t g = 0; g < r->ngrp; g++) {
			r->grp[g].first = at;
			at += r->grp[g].n;
			r->grp[g].n = 0;
		}
		r->mem = sq_xmalloc_big((at + 1) * sizeof(*r->mem));
		for (k = 0; k < n; k++)
			if (gid[k] != UINT32_MAX) {
				struct group *g = &r->grp[gid[k]];
				r->mem[g->first + g->n++] = tmp[k];
			}
		free(tmp);
	}
	free(gid);
	r->tmp = NULL;
	r->gid = NULL;
	r->building = 0;
	/* groups by building alone, for a key without a community */
	r->bcap = pow2_for(r->ngrp + 1);
	r->btab = sq_xcalloc(r->bcap, sizeof(*r->btab));
	for (size_t g = r->ngrp; g-- > 0;) {
		size_t mask = r->bcap - 1, s;
		for (s = r->grp[g].bh & mask; r->btab[s]; s = (s + 1) & mask)
			if (r->grp[r->btab[s] - 1].bh == r->grp[g].bh)
				break;
		r->grp[g].bnext = r->btab[s];
		r->btab[s] = (uint32_t)g + 1;
	}
	/* and by community and building, every lane's */
	r->ctab = sq_xcalloc(r->bcap, sizeof(*r->ctab));
	for (size_t g = r->ngrp; g-- > 0;) {
		size_t mask = r->bcap - 1, s;
		for (s = (size_t)r->grp[g].ch & mask; r->ctab[s]; s = (s + 1) & mask)
			if (r->grp[r->ctab[s] - 1].ch == r->grp[g].ch)
				break;
		r->grp[g].cnext = r->ctab[s];
		r->ctab[s] = (uint32_t)g + 1;
	}
	r->built = 1;
}

/* The grouped index, built when first needed (or finished, if eager). */
static void
build_groups(struct sq_resolver *r)
{
	if (!r->building) {
		groups_begin(r, r->nids);
		for (size_t k = 0; k < r->nids; k++) {
			size_t len;
			const char *key = r->key_of(r->ctx, r->ids[k], &len);
			group_add(r, k, key, len);
		}
	}
	groups_finish(r);
}

void
sq_resolver_eager(struct sq_resolver *r, size_t n)
{
	if (r->nids == 0 && !r->built && !r->building)
		groups_begin(r, n);
}

static void
add_group(struct sq_resolver *r, size_t *n, uint32_t g)
{
	if (*n == r->gscap) {
		r->gscap = r->gscap ? 2 * r->gscap : 256;
		r->gs = sq_xrealloc(r->gs, r->gscap * sizeof(*r->gs));
	}
	r->gs[(*n)++] = g;
}

/* The group may hold members of the lane (0: the key gives none)? */
static int
lane_may(const struct group *g, uint32_t lane)
{
	return g->mixed || lane == 0 || g->lane == 0 || g->lane == lane;
}

/* The lane groups of a community's building that agree on the lane. */
static void
comm_groups(struct sq_resolver *r, const struct parts *q, uint32_t lane,
    size_t *n)
{
	uint64_t ch = group_hash(q);
	size_t mask = r->bcap - 1, s;

	for (s = (size_t)ch & mask; r->ctab[s]; s = (s + 1) & mask)
		if (r->grp[r->ctab[s] - 1].ch == ch)
			break;
	for (uint32_t gi = r->ctab[s]; gi; gi = r->grp[gi - 1].cnext)
		if (lane_may(&r->grp[gi - 1], lane))
			add_group(r, n, gi - 1);
}

/*
 * The groups a key may be in, into r->gs; returns how many.  Groups whose
 * lane disagrees are left out: none of their members could agree.
 */
static size_t
groups_of(struct sq_resolver *r, const struct parts *q)
{
	uint32_t lane = hash_part(q->v[P_LANE], q->l[P_LANE]);
	size_t n = 0;

	if (q->has_comm) {
		comm_groups(r, q, lane, &n);
		if (r->without_comm) {		/* a roster without them */
			struct parts t = *q;
			t.has_comm = 0;
			t.comm = 0;
			comm_groups(r, &t, lane, &n);
		}
		return n;
	}
	uint32_t bh = hash_part(q->v[P_BLDG], q->l[P_BLDG]);
	size_t mask = r->bcap - 1, s;
	for (s = bh & mask; r->btab[s]; s = (s + 1) & mask)
		if (r->grp[r->btab[s] - 1].bh == bh)
			break;
	for (uint32_t gi = r->btab[s]; gi; gi = r->grp[gi - 1].bnext)
		if (lane_may(&r->grp[gi - 1], lane))
			add_group(r, &n, gi - 1);
	return n;
}

/* ---- agreeing ------------------------------------------------------- */

struct query {
	struct parts p;
	uint64_t room;
	uint32_t unit, lane;
	uint16_t zone;
};

static int
agree_h(uint32_t a, uint32_t b)
{
	return a == 0 || b == 0 || a == b;
}

/* Room b is room a let out in parts: "502" and "502-1". */
static int
sub_room(const char *a, size_t la, const char *b, size_t lb)
{
	if (la == 0 || lb < la + 2 || memcmp(a, b, la) != 0 || b[la] != '-')
		return 0;
	for (size_t i = la + 1; i < lb; i++)
		if (b[i] < '0' || b[i] > '9')
			return 0;
	return 1;
}

/*
 * The rooms agree: the same, one a room of the other (502, 502-1), or one
 * is a whole lane house (no room) and neither has a unit.  A room longer
 * than 8 bytes passes here and is decided on the key.
 */
static int
rooms_agree(size_t ql, uint64_t qroom, int qunit, const struct member *m)
{
	char a[8], b[8];

	if (ql == 0 || m->rlen == 0)
		return !qunit && m->unit == 0;
	if (ql == m->rlen && ql <= 8)
		return qroom == m->room;
	if (ql > 8 || m->rlen > 8)
		return 1;
	/* a sub-room is its room and at least "-1": 2 bytes longer */
	if (ql + 2 > m->rlen && (size_t)m->rlen + 2 > ql)
		return 0;
	memcpy(a, &qroom, 8);
	memcpy(b, &m->room, 8);
	return sub_room(a, ql, b, m->rlen) || sub_room(b, m->rlen, a, ql);
}

static int
same_str(const char *a, size_t la, const char *b, size_t lb)
{
	return la == lb && memcmp(a, b, la) == 0;
}

/* Part i agrees: the same, or left out on one side (its bit in *parts). */
static int
agree_part(const struct parts *a, const struct parts *b, int i, unsigned bit,
    unsigned *parts)
{
	if (a->l[i] == 0 || b->l[i] == 0) {
		if (a->l[i] != b->l[i])
			*parts |= bit;
		return 1;
	}
	return same_str(a->v[i], a->l[i], b->v[i], b->l[i]);
}

/* The whole rule on the keys themselves; *parts as in sq_res. */
static int
agree(const struct parts *q, const struct parts *m, unsigned *parts)
{
	*parts = 0;
	if (q->has_comm && m->has_comm && q->comm != m->comm)
		return 0;
	if (q->has_comm != m->has_comm)
		*parts |= SQ_PART_COMMUNITY;
	if (!same_str(q->v[P_BLDG], q->l[P_BLDG], m->v[P_BLDG], m->l[P_BLDG]))
		return 0;
	if (!agree_part(q, m, P_ZONE, SQ_PART_ZONE, parts) ||
	    !agree_part(q, m, P_LANE, SQ_PART_LANE, parts) ||
	    !agree_part(q, m, P_UNIT, SQ_PART_UNIT, parts))
		return 0;
	if (q->l[P_ROOM] == 0 || m->l[P_ROOM] == 0) {
		if (q->l[P_UNIT] || m->l[P_UNIT])
			return 0;
		if (q->l[P_ROOM] != m->l[P_ROOM])
			*parts |= SQ_PART_ROOM;
		return 1;
	}
	if (same_str(q->v[P_ROOM], q->l[P_ROOM], m->v[P_ROOM], m->l[P_ROOM]))
		return 1;
	if (sub_room(q->v[P_ROOM], q->l[P_ROOM], m->v[P_ROOM], m->l[P_ROOM]) ||
	    sub_room(m->v[P_ROOM], m->l[P_ROOM], q->v[P_ROOM], q->l[P_ROOM])) {
		*parts |= SQ_PART_ROOM;
		return 1;
	}
	return 0;
}

static int
member_parts(const struct sq_resolver *r, uint32_t id, struct parts *p)
{
	size_t len;
	const char *k = r->key_of(r->ctx, id, &len);

	return parse_key(k, len, p);
}

/* a[0..n) == b[0..n): rooms are a few bytes, a call to memcmp costs more */
static int
same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/*
 * Edits between two short strings, 0, 1 or 2 (meaning more): one digit
 * wrong, missing or extra, or two side by side swapped (5023 for 5032).
 */
static int
near_edit(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0;

	if (la < lb) {
		const char *t = a;
		size_t tl = la;
		a = b;
		la = lb;
		b = t;
		lb = tl;
	}
	while (i < lb && a[i] == b[i])
		i++;
	if (la == lb) {
		if (i == la)
			return 0;
		if (same_bytes(a + i + 1, b + i + 1, la - i - 1))
			return 1;
		if (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		    same_bytes(a + i + 2, b + i + 2, la - i - 2))
			return 1;
		return 2;
	}
	if (la == lb + 1)
		return same_bytes(a + i + 1, b + i, lb - i) ? 1 : 2;
	return 2;
}

static int
by_key(const struct sq_resolver *r, uint32_t a, uint32_t b)
{
	size_t la, lb;
	const char *ka = r->key_of(r->ctx, a, &la);
	const char *kb = r->key_of(r->ctx, b, &lb);
	int c = memcmp(ka, kb, la < lb ? la : lb);

	return c ? c : (la > lb) - (la < lb);
}

/* Keep the candidates in key order: a short insertion into res->cand. */
static void
add_candidate(const struct sq_resolver *r, struct sq_res *res, uint32_t id)
{
	size_t n = res->ncand < SQ_RES_MAXCAND ? res->ncand : SQ_RES_MAXCAND;
	size_t at = n;

	while (at > 0 && by_key(r, (uint32_t)res->cand[at - 1], id) > 0)
		at--;
	if (at < SQ_RES_MAXCAND) {
		size_t last = n < SQ_RES_MAXCAND ? n : SQ_RES_MAXCAND - 1;
		memmove(res->cand + at + 1, res->cand + at, (last - at) *
		    sizeof(res->cand[0]));
		res->cand[at] = id;
	}
	res->ncand++;
}

#define NEARMAX		64	/* near rooms ranked before their keys are read */

/*
 * A member's room, m->rlen bytes: from its packed 8 bytes (into buf), or
 * from its key when longer (*mp holds the key's parts); NULL if the key
 * cannot be read.
 */
static const char *
member_room(const struct sq_resolver *r, const struct member *m, char buf[8],
    struct parts *mp)
{
	if (m->rlen <= 8) {
		memcpy(buf, &m->room, m->rlen);
		return buf;
	}
	return member_parts(r, m->id, mp) < 0 ? NULL : mp->v[P_ROOM];
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define PACKED_NEAR	1	/* pack8()'s byte i is bits 8i..8i+7 */
#else
#define PACKED_NEAR	0
#endif

/*
 * near_edit() of two rooms of at most 8 bytes as pack8() packs them,
 * a word at a time: the first byte that differs is the lowest set bit of
 * a ^ b.  An unknown check-in compares its room with every room of the
 * building, so this is most of what an unknown costs.
 */
static inline int
near_packed(uint64_t x, uint64_t a, unsigned la, uint64_t b, unsigned lb)
{
	/* x is a ^ b */
	if (la == lb) {
		if (x == 0)
			return 0;
		unsigned s = (unsigned)__builtin_ctzll(x) & ~7u;
		uint64_t rest = x >> s;		/* its first byte differs */
		if ((rest >> 8) == 0)
			return 1;		/* one byte wrong */
		if ((rest >> 16) != 0)
			return 2;
		/* two side by side differ: swapped when a ^ b is, in both,
		   the two bytes of a told apart */
		uint64_t as = a >> s;
		return (rest & 0xff) == (rest >> 8) &&
		    (rest & 0xff) == ((as ^ (as >> 8)) & 0xff) ? 1 : 2;
	}
	if (la + 1 == lb) {
		uint64_t t = a;
		a = b;
		b = t;
		lb = la;
	} else if (la != lb + 1)
		return 2;
	/* a is b with one byte more, at the first that differs (or last) */
	unsigned i = x ? (unsigned)__builtin_ctzll(x) / 8 : 8;
	if (i > lb)
		i = lb;			/* lb <= 7 */
	uint64_t low = i ? a & (~UINT64_C(0) >> (64 - 8 * i)) : 0;
	uint64_t high = i + 1 < 8 ? a >> (8 * (i + 1)) << (8 * i) : 0;
	return (low | high) == b ? 1 : 2;
}

/*
 * Edits between the query's room and a member's, either longer than 8
 * bytes (near_edit on the strings), or -1 when the member's key cannot
 * be read.
 */
static int
room_edits(const struct sq_resolver *r, const struct query *q,
    const struct member *m)
{
	char room[8];
	struct parts mp;
	const char *mr = member_room(r, m, room, &mp);

	if (mr == NULL)
		return -1;
	return near_edit(q->p.v[P_ROOM], q->p.l[P_ROOM], mr, m->rlen);
}

/* The same for any two rooms. */
static inline int
member_edits(const struct sq_resolver *r, const struct query *q,
    const struct member *m)
{
	size_t ql = q->p.l[P_ROOM];

	if (PACKED_NEAR && ql <= 8 && m->rlen <= 8)
		return near_packed(q->room ^ m->room, q->room, (unsigned)ql,
		    m->room, m->rlen);
	return room_edits(r, q, m);
}

/* The household's key agrees on building and community. */
static int
near_confirmed(const struct sq_resolver *r, const struct query *q, uint32_t id)
{
	struct parts mp;

	return member_parts(r, id, &mp) == 0 &&
	    same_str(q->p.v[P_BLDG], q->p.l[P_BLDG], mp.v[P_BLDG], mp.l[P_BLDG]) &&
	    !(q->p.has_comm && mp.has_comm && q->p.comm != mp.comm);
}

/* The nearest, confirming as it goes: when a building has rooms by the score. */
static void
slow_nearest(const struct sq_resolver *r, const struct query *qq,
    const uint32_t *gs, size_t ng, struct sq_res *res)
{
	const struct query q = *qq;
	size_t gi, k;

	res->nearest = -1;
	int best = 3;
	for (gi = 0; gi < ng; gi++) {
		const struct group *g = &r->grp[gs[gi]];
		for (k = g->first; k < g->first + g->n; k++) {
			const struct member *m = &r->mem[k];
			struct parts mp;
			if (!agree_h(q.zone, m->zone) || !agree_h(q.lane, m->lane) ||
			    m->rlen == 0 || q.p.l[P_ROOM] == 0)
				continue;
			int d = q.unit && m->unit && q.unit != m->unit;
			if (d > best)
				continue;
			int e = member_edits(r, &q, m);
			if (e < 0 || e > 1 || (d += e) == 0 || d > best)
				continue;
			/* confirm on the key: building, community, lane, zone */
			if (member_parts(r, m->id, &mp) < 0 ||
			    !same_str(q.p.v[P_BLDG], q.p.l[P_BLDG],
			    mp.v[P_BLDG], mp.l[P_BLDG]) ||
			    (q.p.has_comm && mp.has_comm && q.p.comm != mp.comm))
				continue;
			if (d < best || by_key(r, m->id,
			    (uint32_t)res->nearest) < 0) {	/* d == best */
				best = d;
				res->nearest = m->id;
			}
		}
	}
}

static void
fallback(struct sq_resolver *r, const char *key, size_t len,
    struct sq_res *res)
{
	struct query q;
	const uint32_t *gs;
	size_t ng, gi;
	unsigned parts;

	if (parse_key(key, len, &q.p) < 0)
		return;			/* NONE, no hint */
	if (!r->built)
		build_groups(r);
	q.room = pack8(q.p.v[P_ROOM], q.p.l[P_ROOM]);
	q.unit = hash_part(q.p.v[P_UNIT], q.p.l[P_UNIT]);
	q.lane = hash_part(q.p.v[P_LANE], q.p.l[P_LANE]);
	q.zone = (uint16_t)hash_part(q.p.v[P_ZONE], q.p.l[P_ZONE]);
	if (q.p.l[P_ZONE] && q.zone == 0)
		q.zone = 1;
	ng = groups_of(r, &q.p);
	gs = r->gs;
	/*
	 * A building's members are a few kilobytes somewhere in a big
	 * array: ask for all their cache lines at once, so the misses
	 * overlap instead of coming one line after another (the first
	 * touch of a member was half of this function's time).
	 */
	for (gi = 0; gi < ng && gi < 8; gi++) {
		const struct group *g = &r->grp[gs[gi]];
		const char *a = (const char *)&r->mem[g->first];
		const char *e = (const char *)&r->mem[g->first + g->n];
		for (size_t n = 0; a < e && n < 128; a += 64, n++)
			__builtin_prefetch(a);
	}

	/*
	 * One pass over the members: those that agree (the answer), and,
	 * while none has, the near rooms (the hint if none will).  The near
	 * ones are ranked on their packed rooms alone, and only the few at
	 * the fewest edits are confirmed on their keys (a key is a cache
	 * miss of its own: one for every near room made unknowns cost more
	 * than known ones).
	 */
	uint32_t near[2][NEARMAX];	/* by distance 1 and 2 */
	size_t nnear[2] = { 0, 0 };
	int later2 = 0;		/* at 2, found after one at 1: not kept */
	int overflow = 0;	/* more than NEARMAX: slow_nearest() */
	size_t ql = q.p.l[P_ROOM];
	int collect = ql != 0;	/* none agrees yet, nor overflowed */
	int qsmall = PACKED_NEAR && ql > 0 && ql <= 8;
	uint32_t zl = q.zone | q.lane, qu = q.unit;
	for (gi = 0; gi < ng; gi++) {
		const struct group *g = &r->grp[gs[gi]];
		const struct member *m = r->mem + g->first, *end = m + g->n;
		for (; m < end; m++) {
			if (zl && (!agree_h(q.zone, m->zone) ||
			    !agree_h(q.lane, m->lane)))
				continue;
			int d = qu && m->unit && qu != m->unit;
			unsigned ml = m->rlen;
			uint64_t x = q.room ^ m->room;
			if (!d && (qsmall && ml == ql ? x == 0 :
			    rooms_agree(ql, q.room, qu != 0, m))) {
				struct parts mp;
				if (member_parts(r, m->id, &mp) == 0 &&
				    agree(&q.p, &mp, &parts)) {
					if (res->ncand == 0)
						res->parts = parts;
					else
						res->parts |= parts;
					add_candidate(r, res, m->id);
					collect = 0;
					continue;
				}
			}
			if (!collect || ml == 0)
				continue;
			int e;
			if (qsmall && ml <= 8) {
				/*
				 * Another unit, with one at one edit found: only
				 * its same room is near enough to keep; any other
				 * is at two or more, and marks later2 without
				 * being counted.  A later2 that would not have
				 * been set costs a slow_nearest() when none at
				 * one is confirmed, which then finds none either.
				 */
				if (d && nnear[0] && (ml != ql || x != 0)) {
					later2 = 1;
					continue;
				}
				e = near_packed(x, q.room, (unsigned)ql, m->room, ml);
			} else
				e = room_edits(r, &q, m);
			if (e < 0 || e > 1 || (d += e) == 0)
				continue;
			if (d == 2 && nnear[0]) {
				later2 = 1;
				continue;
			}
			if (nnear[d - 1] == NEARMAX) {
				overflow = 1;
				collect = 0;
				continue;
			}
			near[d - 1][nnear[d - 1]++] = m->id;
		}
	}
	if (res->ncand == 1) {
		res->kind = SQ_RES_IMPLIED;
		res->id = res->cand[0];
		return;
	}
	if (res->ncand > 1) {
		res->kind = SQ_RES_AMBIGUOUS;
		return;
	}
	res->parts = 0;
	if (overflow) {
		slow_nearest(r, &q, gs, ng, res);
		return;
	}
	/*
	 * The least key of those confirmed at the fewest edits: in a roster
	 * added in key order, one building's members are in key order, so
	 * the first confirmed is it.
	 */
	for (int d = 0; d < 2 && res->nearest < 0; d++)
		for (size_t i = 0; i < nnear[d]; i++) {
			if (!near_confirmed(r, &q, near[d][i]))
				continue;
			if (res->nearest < 0 ||
			    by_key(r, near[d][i], (uint32_t)res->nearest) < 0)
				res->nearest = near[d][i];
			if (r->sorted && ng == 1)
				break;
		}
	if (res->nearest < 0 && later2)		/* none at 1 was confirmed */
		slow_nearest(r, &q, gs, ng, res);
}

/* ---- looking up ------------------------------------------------------- */

size_t
sq_resolver_canon(const struct sq_resolver *r, char *key, size_t len)
{
	uint32_t comm;
	struct parts p;

	if (len >= SQ_ADDR_KEYMAX)
		return len;
	if (comm_prefix(key, len, &comm)) {
		/* a roster without communities: the key's is not needed */
		if (r->with_comm == 0 && r->without_comm > 0 &&
		    parse_key(key + 10, len - 10, &p) == 0) {
			memmove(key, key + 10, len - 10 + 1);
			len -= 10;
		}
	} else if (r->with_comm > 0 && r->without_comm == 0 && !r->several &&
	    len + 10 < SQ_ADDR_KEYMAX && parse_key(key, len, &p) == 0) {
		/* a roster of one community: a key without one is in it */
		memmove(key + 10, key, len + 1);
		key[0] = 'C';
		memcpy(key + 1, r->comm, 8);
		key[9] = '-';
		len += 10;
	}
	key[len] = '\0';
	return len;
}

int
sq_resolve_h(struct sq_resolver *r, uint32_t hash, const char *key,
    size_t len, struct sq_res *res)
{
	memset(res, 0, sizeof(*res));
	res->id = res->nearest = -1;
	res->kind = SQ_RES_NONE;
	long i = sq_hmap_get_h(&r->exact, hash, key, len);
	if (i >= 0) {
		res->kind = SQ_RES_EXACT;
		res->id = i;
		return res->kind;
	}
	fallback(r, key, len, res);
	return res->kind;
}

int
sq_resolve(struct sq_resolver *r, const char *key, size_t len,
    struct sq_res *res)
{
	char buf[SQ_ADDR_KEYMAX];

	if (len < sizeof(buf)) {
		memcpy(buf, key, len);
		buf[len] = '\0';
		len = sq_resolver_canon(r, buf, len);
		key = buf;
	}
	return sq_resolve_h(r, sq_hash(key, len), key, len, res);
}

void
sq_resolver_prefetch(const struct sq_resolver *r, uint32_t hash)
{
	sq_hmap_prefetch(&r->exact, hash);
}

void
sq_resolver_prefetch_near(const struct sq_resolver *r, const char *key,
    size_t len, int step, uint64_t *hint)
{
	struct parts p;

	if (!r->built || r->bcap == 0)
		return;
	if (step == 0) {
		*hint = 0;
		if (parse_key(key, len, &p) < 0)
			return;
		/* the slot << 2, 2 if of ctab (else btab), 1: a slot is kept */
		size_t mask = r->bcap - 1, slot;
		if (p.has_comm) {
			slot = (size_t)group_hash(&p) & mask;
			__builtin_prefetch(&r->ctab[slot]);
			*hint = (uint64_t)slot << 2 | 3;
		} else {
			slot = hash_part(p.v[P_BLDG], p.l[P_BLDG]) & mask;
			__builtin_prefetch(&r->btab[slot]);
			*hint = (uint64_t)slot << 2 | 1;
		}
		return;
	}
	if (!(*hint & 1))
		return;
	size_t slot = (size_t)(*hint >> 2);
	uint32_t gi = *hint & 2 ? r->ctab[slot] : r->btab[slot];
	if (gi == 0)
		return;
	const struct group *g = &r->grp[gi - 1];
	if (step == 1)
		__builtin_prefetch(g);
	else {
		const char *a = (const char *)&r->mem[g->first];
		__builtin_prefetch(a);
		__builtin_prefetch(a + 64);
	}
}

long
sq_resolver_peek(const struct sq_resolver *r, uint32_t hash)
{
	return sq_hmap_peek(&r->exact, hash);
}

int
sq_resolve_row(struct sq_resolver *r, const struct sq_rowaddr *c,
    const struct sq_rec *rec, char *key, struct sq_res *res, const char **why)
{
	struct sq_addr a;
	int rc = sq_rowaddr_key(c, rec, NULL, 0, key, &a, why);

	memset(res, 0, sizeof(*res));
	res->kind = SQ_RES_NONE;
	res->id = res->nearest = -1;
	if (rc != SQ_ROWADDR_OK)
		return rc;
	size_t len = sq_resolver_canon(r, key, strlen(key));
	sq_resolve_h(r, sq_hash(key, len), key, len, res);
	return SQ_ROWADDR_OK;
}
