/*
 * strtab.c — distinct strings by id (see strtab.h).
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strtab.h"

static const char *
key_of(void *ctx, uint32_t i, size_t *len)
{
	struct sq_strtab *t = ctx;

	*len = t->len[i];
	return t->s[i];
}

void
sq_strtab_init(struct sq_strtab *t)
{
	memset(t, 0, sizeof(*t));
	sq_hmap_init(&t->index, key_of, t);
	t->cap = 64;
	t->s = sq_xmalloc(t->cap * sizeof(*t->s));
	t->len = sq_xmalloc(t->cap * sizeof(*t->len));
	t->s[0] = "";
	t->len[0] = 0;
	t->n = 1;
	sq_hmap_put(&t->index, "", 0, 0);
}

void
sq_strtab_free(struct sq_strtab *t)
{
	free(t->s);
	free(t->len);
	free(t->rank);
	sq_hmap_free(&t->index);
	sq_arena_free(&t->arena);
	memset(t, 0, sizeof(*t));
}

long
sq_strtab_find(const struct sq_strtab *t, const char *s, size_t len)
{
	return sq_hmap_get(&t->index, s, len);
}

uint32_t
sq_strtab_id(struct sq_strtab *t, const char *s, size_t len)
{
	long i = sq_hmap_get(&t->index, s, len);

	if (i >= 0)
		return (uint32_t)i;
	if (t->n == t->cap) {
		t->cap *= 2;
		t->s = sq_xrealloc(t->s, t->cap * sizeof(*t->s));
		t->len = sq_xrealloc(t->len, t->cap * sizeof(*t->len));
	}
	t->s[t->n] = sq_arena_strndup(&t->arena, s, len);
	t->len[t->n] = len;
	sq_hmap_put(&t->index, t->s[t->n], len, (uint32_t)t->n);
	free(t->rank);
	t->rank = NULL;
	return (uint32_t)t->n++;
}

struct pair {
	const char *s;
	uint32_t id;
};

static int
by_str(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->s, ((const struct pair *)b)->s);
}

void
sq_strtab_rank(struct sq_strtab *t)
{
	struct pair *v = sq_xmalloc(t->n * sizeof(*v));

	for (size_t i = 0; i < t->n; i++) {
		v[i].s = t->s[i];
		v[i].id = (uint32_t)i;
	}
	qsort(v, t->n, sizeof(*v), by_str);
	free(t->rank);
	t->rank = sq_xmalloc(t->n * sizeof(*t->rank));
	for (size_t i = 0; i < t->n; i++)
		t->rank[v[i].id] = (uint32_t)i;
	free(v);
}
