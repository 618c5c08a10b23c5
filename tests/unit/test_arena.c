/*
 * test_arena.c — lib/arena, and lib/threads' sq_prefault: strings of every
 * size, big ones among small, in plain and huge arenas (whose next chunk
 * is faulted in ahead on a thread of its own) all keep what was written;
 * a block faulted in while it is freed, moved or reused is no harm.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "threads.h"
#include "unit.h"

/* Byte k of string i. */
static char
pattern(size_t i, size_t k)
{
	return (char)('a' + (i * 31 + k * 7) % 26);
}

static void
check_arena(int huge)
{
	struct sq_arena a = { NULL, NULL, 0, huge };
	enum { N = 200000 };
	char **s = malloc(N * sizeof(*s));
	size_t *len = malloc(N * sizeof(*len)), want = 0;
	long bad = 0;

	for (size_t i = 0; i < N; i++) {
		/* mostly short; now and then one past a quarter chunk */
		len[i] = i % 50000 == 7 ? ((size_t)3 << 20) + i % 13 :
		    i % 97 == 0 ? 4000 : i % 61;
		char *src = malloc(len[i] + 1);
		for (size_t k = 0; k < len[i]; k++)
			src[k] = pattern(i, k);
		s[i] = sq_arena_strndup(&a, src, len[i]);
		want += (len[i] + 1 + 7) & ~(size_t)7;
		free(src);
		if (((uintptr_t)s[i] & 7) != 0)
			bad++;
	}
	for (size_t i = 0; i < N; i++) {
		for (size_t k = 0; k < len[i]; k++)
			if (s[i][k] != pattern(i, k)) {
				bad++;
				break;
			}
		if (s[i][len[i]] != '\0')
			bad++;
	}
	if (!CHECK_INT(bad, 0))
		fprintf(stderr, "  %s arena\n", huge ? "huge" : "plain");
	CHECK_INT(a.used, want);
	sq_arena_free(&a);
	CHECK(a.head == NULL && a.ahead == NULL && a.used == 0);
	free(s);
	free(len);
}

int
main(void)
{
	check_arena(0);
	check_arena(1);
	setenv("SHEQU_READAHEAD", "1", 1);
	check_arena(1);
	setenv("SHEQU_READAHEAD", "0", 1);
	check_arena(1);
	unsetenv("SHEQU_READAHEAD");

	/* faulted in, then freed, reused and written at once: the thread
	   only ever asks the kernel for pages, never touches the bytes */
	for (int round = 0; round < 20; round++) {
		size_t n = ((size_t)16 << 20) + (size_t)round * 4099;
		char *p = malloc(n);
		if (!CHECK(p != NULL))
			break;
		sq_prefault(p, n);
		memset(p, round, n);
		CHECK(p[n - 1] == (char)round && p[n / 2] == (char)round);
		free(p);
		char *q = malloc(n / 2);
		sq_prefault(q, n / 2);
		memset(q, 0x5A, n / 2);
		CHECK(q[n / 2 - 1] == 0x5A);
		free(q);
	}
	sq_prefault(NULL, 0);
	UNIT_DONE();
}
