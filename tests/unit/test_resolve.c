/*
 * test_resolve.c — the household resolver: exact keys, parts left out
 * (unit, lane, zone, community, a lane house's room, a sub-let room),
 * ambiguity with its candidates, the nearest household, canonical
 * community prefixes, keys of other shapes, borrowed keys.
 */
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "hmap.h"
#include "resolve.h"
#include "unit.h"

#define C1	"C00000001-"
#define C2	"C00000002-"
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static struct sq_resolver *
roster(const char *const *keys)
{
	struct sq_resolver *r = sq_resolver_new();

	for (uint32_t i = 0; keys[i]; i++)
		CHECK_INT(sq_resolver_add(r, keys[i], strlen(keys[i]), i), -1);
	return r;
}

/* The key of the household a lookup found, or "" */
static const char *
found(struct sq_resolver *r, const char *q, int want_kind)
{
	static char buf[SQ_ADDR_KEYMAX];
	struct sq_res res;
	size_t len;

	sq_resolve(r, q, strlen(q), &res);
	if (!CHECK_INT(res.kind, want_kind))
		fprintf(stderr, "  (query %s)\n", q);
	if (res.id < 0)
		return "";
	const char *k = sq_resolver_key(r, (uint32_t)res.id, &len);
	snprintf(buf, sizeof(buf), "%.*s", (int)len, k);
	return buf;
}

static const char *
nearest(struct sq_resolver *r, const char *q)
{
	static char buf[SQ_ADDR_KEYMAX];
	struct sq_res res;
	size_t len;

	sq_resolve(r, q, strlen(q), &res);
	CHECK_INT(res.kind, SQ_RES_NONE);
	if (res.nearest < 0)
		return "";
	const char *k = sq_resolver_key(r, (uint32_t)res.nearest, &len);
	snprintf(buf, sizeof(buf), "%.*s", (int)len, k);
	return buf;
}

static const char *const district[] = {
	/* a walk-up with two units */
	C1 "B0001-U01-R0101", C1 "B0001-U01-R0102", C1 "B0001-U02-R0101",
	C1 "B0001-U02-R0502",
	/* a point tower, keyed without its unit */
	C1 "B0012-U00-R0502", C1 "B0012-U00-R1203",
	/* a point tower keyed with it (an older roster) */
	C1 "B0013-U01-R0502",
	/* a compound of towers in one lane */
	C1 "L0088-B0003-U00-R1201",
	/* lane houses: one whole, one let by room */
	C1 "L0123-B0005-U00-R0000", C1 "L0123-B0006-U00-RQL",
	C1 "L0123-B0006-U00-RTZJ", C1 "L0123-B0007-U00-R0002F",
	/* a flat let room by room, and one with a single sub-let */
	C1 "B0002-U01-R0301-1", C1 "B0002-U01-R0301-2", C1 "B0002-U01-R0302-1",
	/* zones */
	C1 "Z02-B0009-U01-R0101",
	/* another community with its own building 12 */
	C2 "B0012-U00-R0502", C2 "B0001-U01-R0101",
	/* a key of another shape */
	"H0001",
	NULL
};

static void
test_rule(void)
{
	struct sq_resolver *r = roster(district);
	struct sq_res res;

	CHECK_INT(sq_resolver_count(r), 19);
	CHECK_STR(found(r, C1 "B0001-U01-R0101", SQ_RES_EXACT), C1 "B0001-U01-R0101");
	CHECK_STR(found(r, "H0001", SQ_RES_EXACT), "H0001");
	/* one-unit buildings, both ways */
	CHECK_STR(found(r, C1 "B0012-U01-R0502", SQ_RES_IMPLIED), C1 "B0012-U00-R0502");
	CHECK_STR(found(r, C1 "B0013-U00-R0502", SQ_RES_IMPLIED), C1 "B0013-U01-R0502");
	sq_resolve(r, C1 "B0012-U01-R0502", strlen(C1 "B0012-U01-R0502"), &res);
	CHECK_INT(res.parts, SQ_PART_UNIT);
	/* but not another unit of a building that has one */
	CHECK_STR(found(r, C1 "B0013-U02-R0502", SQ_RES_NONE), "");
	/* two units with a 101: ambiguous, both given in key order */
	sq_resolve(r, C1 "B0001-U00-R0101", strlen(C1 "B0001-U00-R0101"), &res);
	CHECK_INT(res.kind, SQ_RES_AMBIGUOUS);
	CHECK_INT(res.ncand, 2);
	CHECK_INT(res.cand[0], 0);
	CHECK_INT(res.cand[1], 2);
	CHECK_INT(res.parts, SQ_PART_UNIT);
	/* only one unit has a 502 */
	CHECK_STR(found(r, C1 "B0001-U00-R0502", SQ_RES_IMPLIED), C1 "B0001-U02-R0502");
	/* the lane left out, and given where the roster has none */
	CHECK_STR(found(r, C1 "B0003-U00-R1201", SQ_RES_IMPLIED), C1 "L0088-B0003-U00-R1201");
	sq_resolve(r, C1 "B0003-U00-R1201", strlen(C1 "B0003-U00-R1201"), &res);
	CHECK_INT(res.parts, SQ_PART_LANE);
	CHECK_STR(found(r, C1 "L0088-B0012-U00-R0502", SQ_RES_IMPLIED), C1 "B0012-U00-R0502");
	/* but another lane is another place */
	CHECK_STR(found(r, C1 "L0090-B0003-U00-R1201", SQ_RES_NONE), "");
	/* lane houses: a room of a whole house, the house of one room */
	CHECK_STR(found(r, C1 "L0123-B0005-U00-RQL", SQ_RES_IMPLIED), C1 "L0123-B0005-U00-R0000");
	CHECK_STR(found(r, C1 "L0123-B0007-U00-R0000", SQ_RES_IMPLIED), C1 "L0123-B0007-U00-R0002F");
	sq_resolve(r, C1 "L0123-B0006-U00-R0000", strlen(C1 "L0123-B0006-U00-R0000"), &res);
	CHECK_INT(res.kind, SQ_RES_AMBIGUOUS);
	CHECK_INT(res.ncand, 2);
	CHECK_INT(res.parts, SQ_PART_ROOM);
	/* sub-let rooms */
	CHECK_STR(found(r, C1 "B0002-U01-R0302", SQ_RES_IMPLIED), C1 "B0002-U01-R0302-1");
	sq_resolve(r, C1 "B0002-U01-R0301", strlen(C1 "B0002-U01-R0301"), &res);
	CHECK_INT(res.kind, SQ_RES_AMBIGUOUS);
	CHECK_STR(found(r, C1 "B0002-U01-R0301-3", SQ_RES_NONE), "");
	/* zones */
	CHECK_STR(found(r, C1 "B0009-U01-R0101", SQ_RES_IMPLIED), C1 "Z02-B0009-U01-R0101");
	CHECK_STR(found(r, C1 "Z03-B0009-U01-R0101", SQ_RES_NONE), "");
	/* no community: the building 12 of two communities */
	sq_resolve(r, "B0012-U00-R0502", strlen("B0012-U00-R0502"), &res);
	CHECK_INT(res.kind, SQ_RES_AMBIGUOUS);
	CHECK_INT(res.parts, SQ_PART_COMMUNITY);
	CHECK_STR(found(r, "B0012-U00-R1203", SQ_RES_IMPLIED), C1 "B0012-U00-R1203");
	/* never another community, building or room */
	CHECK_STR(found(r, C2 "B0012-U00-R1203", SQ_RES_NONE), "");
	CHECK_STR(found(r, C1 "B0014-U00-R0502", SQ_RES_NONE), "");
	CHECK_STR(found(r, C1 "B0012-U00-R0503", SQ_RES_NONE), "");
	CHECK_STR(found(r, "H0002", SQ_RES_NONE), "");
	sq_resolver_free(r);
}

static void
test_nearest(void)
{
	struct sq_resolver *r = roster(district);

	CHECK_STR(nearest(r, C1 "B0012-U00-R0520"), C1 "B0012-U00-R0502");	/* swapped */
	CHECK_STR(nearest(r, C1 "B0012-U00-R5022"), C1 "B0012-U00-R0502");	/* extra */
	CHECK_STR(nearest(r, C1 "B0012-U00-R0052"), C1 "B0012-U00-R0502");	/* missing */
	CHECK_STR(nearest(r, C1 "B0012-U00-R1208"), C1 "B0012-U00-R1203");	/* wrong */
	CHECK_STR(nearest(r, C1 "B0012-U00-R0808"), "");
	/* another unit with the same room: one edit, first in key order */
	CHECK_STR(nearest(r, C1 "B0001-U03-R0101"), C1 "B0001-U01-R0101");
	/* the same unit before another unit */
	CHECK_STR(nearest(r, C1 "B0001-U02-R0103"), C1 "B0001-U02-R0101");
	/* never across communities or buildings */
	CHECK_STR(nearest(r, C2 "B0012-U00-R1208"), "");
	CHECK_STR(nearest(r, C1 "B0011-U00-R0502"), "");
	CHECK_STR(nearest(r, "garbage"), "");
	sq_resolver_free(r);
}

/*
 * The nearest is ranked on packed rooms and only the best confirmed on
 * their keys: the same answers from a roster not in key order, and from a
 * building with more near rooms than are ranked at once.
 */
static void
test_nearest_ranked(void)
{
	const char *rev[NELEM(district)];
	size_t n = NELEM(district) - 1;

	for (size_t i = 0; i < n; i++)
		rev[i] = district[n - 1 - i];
	rev[n] = NULL;
	struct sq_resolver *r = roster(rev);
	CHECK_STR(nearest(r, C1 "B0001-U03-R0101"), C1 "B0001-U01-R0101");
	CHECK_STR(nearest(r, C1 "B0001-U02-R0103"), C1 "B0001-U02-R0101");
	CHECK_STR(nearest(r, C1 "B0012-U00-R1208"), C1 "B0012-U00-R1203");
	sq_resolver_free(r);

	/* 99 units with a room 100 each, added last unit first */
	r = sq_resolver_new();
	char key[SQ_ADDR_KEYMAX];
	for (int u = 99; u >= 1; u--) {
		snprintf(key, sizeof(key), C1 "B0077-U%02d-R0100", u);
		sq_resolver_add(r, key, strlen(key), (uint32_t)(99 - u));
	}
	CHECK_STR(nearest(r, C1 "B0077-UA1-R0100"), C1 "B0077-U01-R0100");
	sq_resolver_free(r);
	/* 99 at two edits (another unit, a digit wrong) before one at one */
	r = sq_resolver_new();
	for (int u = 1; u <= 99; u++) {
		snprintf(key, sizeof(key), C1 "B0077-U%02d-R0101", u);
		sq_resolver_add(r, key, strlen(key), (uint32_t)u);
	}
	snprintf(key, sizeof(key), C1 "B0077-UA1-R0102");
	sq_resolver_add(r, key, strlen(key), 100);
	CHECK_STR(nearest(r, C1 "B0077-UA1-R0100"), C1 "B0077-UA1-R0102");
	CHECK_STR(nearest(r, C1 "B0077-UB1-R0100"), C1 "B0077-U01-R0101");
	sq_resolver_free(r);
}

static void
test_canon(void)
{
	static const char *const one[] = { C1 "B0012-U00-R0502", C1 "B0001-U01-R0101", NULL };
	static const char *const none[] = { "B0012-U00-R0502", "B0001-U01-R0101", NULL };
	struct sq_resolver *r = roster(one);
	char key[SQ_ADDR_KEYMAX];

	strcpy(key, "B0012-U00-R0502");
	CHECK_INT(sq_resolver_canon(r, key, strlen(key)), strlen(C1 "B0012-U00-R0502"));
	CHECK_STR(key, C1 "B0012-U00-R0502");
	strcpy(key, "H0001");
	CHECK_INT(sq_resolver_canon(r, key, 5), 5);	/* not a key of ours */
	CHECK_STR(found(r, "B0001-U01-R0101", SQ_RES_EXACT), C1 "B0001-U01-R0101");
	CHECK_STR(found(r, C2 "B0001-U01-R0101", SQ_RES_NONE), "");
	sq_resolver_free(r);

	r = roster(none);
	strcpy(key, C2 "B0012-U00-R0502");
	CHECK_INT(sq_resolver_canon(r, key, strlen(key)), strlen("B0012-U00-R0502"));
	CHECK_STR(key, "B0012-U00-R0502");
	CHECK_STR(found(r, C2 "B0001-U00-R0101", SQ_RES_IMPLIED), "B0001-U01-R0101");
	sq_resolver_free(r);
}

/* sq-flag's way: the keys stay in the caller's array */
static const char *const borrowed[] = { C1 "B0001-U01-R0101",
	C1 "B0001-U01-R0102", C1 "B0012-U00-R0502", C1 "B0020-U00-R0101" };

static const char *
key_of(void *ctx, uint32_t id, size_t *len)
{
	const char *const *v = ctx;

	*len = strlen(v[id]);
	return v[id];
}

static void
test_borrowed(void)
{
	struct sq_resolver *r = sq_resolver_new_borrowed(key_of, (void *)borrowed);
	struct sq_res res;

	for (uint32_t i = 0; i < 3; i++)
		CHECK_INT(sq_resolver_add(r, borrowed[i], strlen(borrowed[i]), i), -1);
	/* in the roster twice: the first stays */
	CHECK_INT(sq_resolver_add(r, borrowed[2], strlen(borrowed[2]), 7), 2);
	CHECK_INT(sq_resolver_count(r), 3);
	CHECK_INT(sq_resolve(r, C1 "B0012-U01-R0502", strlen(C1 "B0012-U01-R0502"), &res),
	    SQ_RES_IMPLIED);
	CHECK_INT(res.id, 2);
	/* a household added after the index was built is found too */
	CHECK_INT(sq_resolve(r, C1 "B0020-U01-R0101", strlen(borrowed[3]), &res),
	    SQ_RES_NONE);
	CHECK_INT(sq_resolver_add(r, borrowed[3], strlen(borrowed[3]), 3), -1);
	CHECK_INT(sq_resolve(r, C1 "B0020-U01-R0101", strlen(borrowed[3]), &res),
	    SQ_RES_IMPLIED);
	CHECK_INT(res.id, 3);
	sq_resolver_free(r);
}

/* Many communities, one lookup each way: the grouped index holds up. */
static void
test_many(void)
{
	struct sq_resolver *r = sq_resolver_new();
	char key[SQ_ADDR_KEYMAX];
	struct sq_res res;
	uint32_t id = 0;
	long bad = 0;

	for (int c = 0; c < 300; c++)
		for (int b = 1; b <= 6; b++)
			for (int f = 1; f <= 6; f++) {
				snprintf(key, sizeof(key), "C%08x-B%04d-U00-R%04d",
				    c, b, f * 100 + 1);
				sq_resolver_add(r, key, strlen(key), id++);
			}
	for (int c = 0; c < 300; c++) {
		snprintf(key, sizeof(key), "C%08x-B%04d-U01-R%04d", c, 1 + c % 6,
		    100 * (1 + c % 6) + 1);
		if (sq_resolve(r, key, strlen(key), &res) != SQ_RES_IMPLIED ||
		    res.id != c * 36 + (c % 6) * 6 + c % 6)
			bad++;
	}
	CHECK_INT(bad, 0);
	/* without a community: 300 of them have it */
	sq_resolve(r, "B0001-U00-R0101", strlen("B0001-U00-R0101"), &res);
	CHECK_INT(res.kind, SQ_RES_AMBIGUOUS);
	CHECK_INT(res.ncand, 300);
	sq_resolver_free(r);
}

/* Two resolvers answer alike: every field of every answer. */
static long
differ(struct sq_resolver *a, struct sq_resolver *b, const char *q,
    long kinds[5])
{
	struct sq_res x, y;

	sq_resolve(a, q, strlen(q), &x);
	sq_resolve(b, q, strlen(q), &y);
	kinds[x.kind]++;
	kinds[4] += x.nearest >= 0;
	if (x.kind == y.kind && x.id == y.id && x.parts == y.parts &&
	    x.ncand == y.ncand && x.nearest == y.nearest &&
	    memcmp(x.cand, y.cand, sizeof(x.cand)) == 0)
		return 0;
	fprintf(stderr, "  eager and lazy differ on %s\n", q);
	return 1;
}

/*
 * sq_resolver_eager: the index made as households are added is the one
 * made at the first lookup, whatever the order (runs of a group or not),
 * with repeats, keys of other shapes, more households than said, and
 * households added after it was first used.
 */
static void
test_eager(void)
{
	static const char *const units[] = { "00", "01", "02", "A1" };
	static const char *const lanes[] = { "", "L0088-", "L0123-" };
	char key[SQ_ADDR_KEYMAX];
	long bad = 0, kinds[5] = { 0 };

	for (int order = 0; order < 2; order++)
		for (size_t said = 1; said <= 4096; said *= 64) {
			struct sq_resolver *lazy = sq_resolver_new();
			struct sq_resolver *eager = sq_resolver_new();
			/* and eager with each key made apart (sq_resolver_make) */
			struct sq_resolver *made = sq_resolver_new();
			struct sq_resolver_made md;
			uint32_t id = 0;
			sq_resolver_eager(eager, said);
			sq_resolver_eager(made, said);
			for (int i = 0; i < 2400; i++) {
				/* order 1: the groups interleaved */
				int k = order ? (i * 7919) % 2400 : i;
				int c = k / 600, l = k / 200 % 3, b = k / 40 % 5,
				    u = k / 10 % 4, rm = k % 10;
				snprintf(key, sizeof(key), "C%08x-%sB%04d-U%s-R%04d%s",
				    c, lanes[l], b + 1, units[u], 100 * (rm % 5 + 1) + 1,
				    rm >= 8 ? "-1" : "");
				long x = sq_resolver_add(lazy, key, strlen(key), id);
				long y = sq_resolver_add(eager, key, strlen(key), id);
				sq_resolver_make(key, strlen(key), &md);
				bad += x != y || x != sq_resolver_add_made(made,
				    sq_hash(key, strlen(key)), key, strlen(key), id, &md);
				id++;
				if (i % 500 == 0) {	/* a key of another shape */
					snprintf(key, sizeof(key), "H%04d", i);
					sq_resolver_add(lazy, key, strlen(key), id);
					sq_resolver_add(eager, key, strlen(key), id);
					sq_resolver_make(key, strlen(key), &md);
					sq_resolver_add_made(made, sq_hash(key, strlen(key)),
					    key, strlen(key), id, &md);
					id++;
				}
			}
			/* every part given or left out, rooms near and far */
			for (int c = 0; c < 5; c++)
				for (int l = 0; l < 3; l++)
					for (int b = 1; b <= 6; b++)
						for (int u = 0; u < 5; u++)
							for (int rm = 0; rm < 8; rm++) {
								char full[SQ_ADDR_KEYMAX + 16];
								int room = rm < 7 ? 100 * (rm % 6 + 1) + 1 + (rm == 6) : 0;
								snprintf(key, sizeof(key), "%sB%04d-U%s-R%04d%s",
								    lanes[l], b, u < 4 ? units[u] : "00", room,
								    rm == 5 ? "-1" : "");
								snprintf(full, sizeof(full), "C%08x-%s", c, key);
								bad += differ(lazy, eager, full, kinds);
								bad += differ(lazy, eager, key, kinds);
								bad += differ(lazy, made, full, kinds);
								bad += differ(lazy, made, key, kinds);
							}
			/* added after the first lookups: built again, alike */
			snprintf(key, sizeof(key), "C%08x-B0002-U00-R0999", 1);
			bad += sq_resolver_add(lazy, key, strlen(key), id) !=
			    sq_resolver_add(eager, key, strlen(key), id);
			bad += differ(lazy, eager, "C00000001-B0002-U01-R0999", kinds);
			bad += differ(lazy, eager, "C00000001-B0002-U01-R0998", kinds);
			sq_resolver_free(lazy);
			sq_resolver_free(eager);
			sq_resolver_free(made);
		}
	CHECK_INT(bad, 0);
	/* the answers were of every kind */
	for (int k = 0; k < 5; k++)
		if (!CHECK(kinds[k] > 0))
			fprintf(stderr, "  no answer of kind %d\n", k);
	/* eager, then freed before any lookup */
	struct sq_resolver *r = sq_resolver_new();
	sq_resolver_eager(r, 10);
	sq_resolver_add(r, C1 "B0001-U01-R0101", strlen(C1 "B0001-U01-R0101"), 0);
	sq_resolver_free(r);
}

/* ---- the nearest against a model of the rule -------------------------- */

static unsigned long lcg = 12345;

static unsigned
rnd(unsigned n)
{
	lcg = lcg * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(lcg >> 33) % n;
}

/* Edits between a and b, 0, 1 or 2 (meaning more), the slow way. */
static int
model_edits(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), diff = 0, at = 0;

	if (strcmp(a, b) == 0)
		return 0;
	if (la == lb) {
		for (size_t i = 0; i < la; i++)
			if (a[i] != b[i] && diff++ == 0)
				at = i;
		if (diff == 1)
			return 1;
		return diff == 2 && at + 1 < la && a[at] == b[at + 1] &&
		    a[at + 1] == b[at] ? 1 : 2;
	}
	if (la + 1 == lb)
		return model_edits(b, a);
	if (la != lb + 1)
		return 2;
	for (size_t i = 0; i < la; i++) {	/* a without its byte i */
		char t[64];
		memcpy(t, a, i);
		memcpy(t + i, a + i + 1, la - i);
		if (strcmp(t, b) == 0)
			return 1;
	}
	return 2;
}

static void
random_room(char *out, int maxlen, int digits)
{
	int n = 1 + (int)rnd((unsigned)maxlen);

	for (int i = 0; i < n; i++)
		out[i] = (char)((i == 0 ? '1' : '0') + (int)rnd((unsigned)digits));
	out[n] = '\0';
	if (n < 6 && rnd(8) == 0)		/* a room let out: 502-1 */
		snprintf(out + n, 4, "-%u", 1 + rnd(3));
}

/*
 * The nearest household of a building, on random rooms (digits of a
 * small alphabet, so that many are one edit apart; some longer than 8
 * bytes, some let out) and units, in key order and not, in small and big
 * buildings (more near rooms than are ranked at once): for every lookup
 * that finds no household, the nearest is the model's, fewest edits
 * (another unit is one) and then the least key.
 */
static void
test_nearest_model(void)
{
	static const char *const units[] = { "00", "01", "02", "A1" };
	static struct entry {
		char	 key[SQ_ADDR_KEYMAX], room[32];
		int	 unit;
	} e[400];
	long bad = 0, none = 0, hinted = 0;

	for (int round = 0; round < 160; round++) {
		int n = round % 4 == 3 ? 400 : 5 + (int)rnd(60);
		int maxlen = round % 5 == 0 ? 10 : 4, digits = 2 + round % 3;
		int sorted = round % 2;
		struct sq_resolver *r = sq_resolver_new();
		int added = 0;
		for (int i = 0; i < n; i++) {
			char room[32];
			int u = (int)rnd(4);
			random_room(room, maxlen, digits);
			snprintf(e[added].key, sizeof(e[0].key), C1 "B0005-U%s-R%s",
			    units[u], room);
			snprintf(e[added].room, sizeof(e[0].room), "%s", room);
			e[added].unit = u;
			int dup = 0;
			for (int j = 0; j < added; j++)
				dup |= strcmp(e[j].key, e[added].key) == 0;
			if (!dup)
				added++;
		}
		/* in key order, or as made */
		for (int i = 0; sorted && i < added; i++)
			for (int j = i + 1; j < added; j++)
				if (strcmp(e[j].key, e[i].key) < 0) {
					struct entry t = e[i];
					e[i] = e[j];
					e[j] = t;
				}
		for (int i = 0; i < added; i++)
			sq_resolver_add(r, e[i].key, strlen(e[i].key), (uint32_t)i);
		for (int qn = 0; qn < 200; qn++) {
			char room[32], q[SQ_ADDR_KEYMAX];
			int qu = (int)rnd(4);
			random_room(room, maxlen, digits);
			snprintf(q, sizeof(q), C1 "B0005-U%s-R%s", units[qu], room);
			struct sq_res res;
			if (sq_resolve(r, q, strlen(q), &res) != SQ_RES_NONE)
				continue;
			none++;
			long want = -1;
			int best = 3;
			for (int i = 0; i < added; i++) {
				int d = qu && e[i].unit && qu != e[i].unit;
				int ed = model_edits(room, e[i].room);
				if (ed > 1 || (d += ed) == 0 || d > best)
					continue;
				if (d < best || strcmp(e[i].key, e[want].key) < 0) {
					best = d;
					want = i;
				}
			}
			hinted += want >= 0;
			if (res.nearest != want) {
				bad++;
				fprintf(stderr, "  nearest of %s: %s, not %s\n", q,
				    res.nearest >= 0 ? e[res.nearest].key : "none",
				    want >= 0 ? e[want].key : "none");
			}
		}
		sq_resolver_free(r);
	}
	CHECK_INT(bad, 0);
	/* the lookups were of both kinds: with a hint and without */
	CHECK(hinted > 1000);
	CHECK(none - hinted > 1000);
}

/* sq_resolver_prefetch_near: a hint on any key, before and after grouping */
static void
test_prefetch_near(void)
{
	static const char *const keys[] = { C1 "B0012-U01-R0502",
	    "B0012-U00-R0502", "H0001", "", C2 "L0088-B0003-U00-R0000",
	    "C00000001-", "C0000000g-B1-U1-R1" };
	struct sq_resolver *r = roster(district);
	struct sq_res res;
	uint64_t hint = 0;

	for (int built = 0; built < 2; built++) {
		for (size_t i = 0; i < NELEM(keys); i++)
			for (int step = 0; step < 3; step++)
				sq_resolver_prefetch_near(r, keys[i], strlen(keys[i]),
				    step, &hint);
		sq_resolve(r, C1 "B0012-U01-R0520", strlen(C1 "B0012-U01-R0520"),
		    &res);		/* builds the grouped index */
	}
	/* nothing changed: the same answers */
	CHECK_STR(nearest(r, C1 "B0012-U00-R0520"), C1 "B0012-U00-R0502");
	sq_resolver_free(r);
}

int
main(void)
{
	test_rule();
	test_nearest();
	test_nearest_ranked();
	test_canon();
	test_borrowed();
	test_many();
	test_eager();
	test_nearest_model();
	test_prefetch_near();
	UNIT_DONE();
}
