#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "threads.h"

#define CHUNK_SIZE	((size_t)1 << 20)
#define HUGE_CHUNK	(((size_t)4 << 20) - 4096)

struct sq_chunk {
	struct sq_chunk *next;
	size_t	 size, used;
	max_align_t data[];
};

void *
sq_arena_alloc(struct sq_arena *a, size_t n)
{
	struct sq_chunk *c = a->head;

	n = (n + 7) & ~(size_t)7;
	if (c == NULL || c->size - c->used < n) {
		size_t chunk = a->huge ? HUGE_CHUNK : CHUNK_SIZE;
		size_t size = n > chunk / 4 ? n : chunk;
		if (a->huge && size == chunk && a->ahead) {
			c = a->ahead;	/* faulted in while the last was filled */
			a->ahead = NULL;
		} else
			c = a->huge ? sq_xmalloc_big(sizeof(*c) + size) :
			    sq_xmalloc(sizeof(*c) + size);
		if (a->huge && size == chunk && a->head) {
			/* a second chunk: more will follow */
			a->ahead = sq_xmalloc_big(sizeof(*c) + chunk);
			sq_prefault(a->ahead, sizeof(*c) + chunk);
		}
		c->size = size;
		c->used = 0;
		if (n > chunk / 4 && a->head) {
			/* a big one: keep filling the current chunk after it */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->used += n;
	return p;
}

char *
sq_arena_strndup(struct sq_arena *a, const char *s, size_t n)
{
	char *p = sq_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
sq_arena_free(struct sq_arena *a)
{
	struct sq_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a->ahead);
	a->head = a->ahead = NULL;
	a->used = 0;
}
