/*
 * test_flagsort.c — sq-flag's sort of its rows (cmd/sq-flag/decide.c,
 * linked with the program's parts, not its main: Makefile).  sort_rows()
 * compares numbers made from the rows and calls row_order() only on ties;
 * here, over generated rows, its order must be a stable sort by
 * row_order() itself: households of a sorted roster and of a shuffled one,
 * check-ins from unknown addresses mixed in, keys sharing long prefixes,
 * keys longer than the 32 bytes the numbers hold, rows equal but for
 * their reason, or in everything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/sq-flag/state.h"
#include "unit.h"

static unsigned long seed = 1;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

/* A key of the district's shape, or a short or long odd one. */
static void
make_key(char *buf, size_t sz)
{
	switch (rnd(4)) {
	case 0:
		snprintf(buf, sz, "X%u", rnd(50));
		break;
	case 1:		/* 40 bytes: the numbers end in the middle */
		snprintf(buf, sz, "C00584dbb-L0520-B%04u-U%02u-R%04uF-%05u",
		    rnd(3), rnd(2), rnd(4), rnd(3));
		break;
	default:
		snprintf(buf, sz, "C00584db%c-L05%02u-B%04u-U%02u-R%04uF",
		    "bc"[rnd(2)], rnd(3), rnd(5), rnd(3), rnd(20));
	}
}

static int
by_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* rows[0..n) sorted stably by row_order, the slow way */
static void
insertion(struct flagrow **rows, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct flagrow *x = rows[i];
		size_t j = i;
		for (; j > 0 && row_order(x, rows[j - 1]) < 0; j--)
			rows[j] = rows[j - 1];
		rows[j] = x;
	}
}

static void
one_case(int sorted, size_t nh, size_t nu)
{
	static struct state s;
	static const char *const reasons[] = { "a", "b", "今日未报", "" };
	char keybuf[64];

	memset(&s, 0, sizeof(s));
	g_state = &s;
	s.roster_sorted = sorted;
	s.nnames = 1 + rnd(4);
	s.rank = calloc(s.nnames, sizeof(*s.rank));
	for (size_t i = 0; i < s.nnames; i++)	/* a permutation */
		s.rank[i] = (uint32_t)i;
	for (size_t i = s.nnames; i-- > 1;) {
		size_t j = rnd((unsigned)i + 1);
		uint32_t t = s.rank[i];
		s.rank[i] = s.rank[j];
		s.rank[j] = t;
	}
	/* the households' keys: unique, in order when the roster is sorted */
	char **keys = calloc(nh + 1, sizeof(*keys));
	size_t nk = 0;
	while (nk < nh) {
		make_key(keybuf, sizeof(keybuf));
		int dup = 0;
		for (size_t k = 0; k < nk && !dup; k++)
			dup = strcmp(keys[k], keybuf) == 0;
		if (!dup)
			keys[nk++] = strdup(keybuf);
		else if (rnd(50) == 0)
			break;		/* the key space is used up */
	}
	nh = nk;
	if (sorted)
		qsort(keys, nh, sizeof(*keys), by_key);
	s.hh = calloc(nh + 1, sizeof(*s.hh));
	struct flagrow *fr = calloc(nh + nu + 1, sizeof(*fr));
	struct flagrow **rows = calloc(nh + nu + 1, sizeof(*rows));
	struct flagrow **want = calloc(nh + nu + 1, sizeof(*want));
	for (size_t i = 0; i < nh + nu; i++) {
		struct flagrow *f = &fr[i];
		if (i < nh) {
			f->h = &s.hh[i];
			f->key = keys[i];
		} else {
			make_key(keybuf, sizeof(keybuf));
			f->key = strdup(keybuf);
		}
		f->grid = rnd((unsigned)s.nnames);
		f->tier = (uint8_t)(1 + rnd(3) * 4);
		f->missed = (int32_t)rnd(3) - (rnd(20) == 0 ? 100 : 0);
		f->reason = (char *)reasons[rnd(4)];
		key_prefix(f);
		rows[i] = want[i] = f;
	}
	insertion(want, nh + nu);
	sort_rows(&s, rows, nh, nh + nu);
	size_t bad = 0;
	for (size_t i = 0; i < nh + nu; i++)
		bad += rows[i] != want[i];
	char ctx[80];
	snprintf(ctx, sizeof(ctx), "sorted %d, %zu households, %zu unknown",
	    sorted, nh, nu);
	CHECK_STR_CTX(bad ? "differs" : "same", "same", ctx);
	for (size_t i = nh; i < nh + nu; i++)
		free(fr[i].key);
	for (size_t i = 0; i < nh; i++)
		free(keys[i]);
	free(keys);
	free(fr);
	free(rows);
	free(want);
	free(s.hh);
	free(s.rank);
}

int
main(void)
{
	static const size_t sizes[][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 },
		{ 2, 2 }, { 15, 0 }, { 16, 1 }, { 17, 17 }, { 33, 0 },
		{ 100, 40 }, { 300, 0 }, { 0, 300 }, { 700, 300 } };

	for (int round = 0; round < 20; round++)
		for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
			for (int sorted = 0; sorted < 2; sorted++)
				one_case(sorted, sizes[k][0], sizes[k][1]);
	UNIT_DONE();
}
