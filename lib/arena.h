/*
 * arena.h — many small strings that live as long as the program: one
 * malloc per megabyte instead of one per string (a 1,000,000-household
 * roster would otherwise spend more on malloc headers than on data).
 */
#ifndef SQ_ARENA_H
#define SQ_ARENA_H

#include <stddef.h>

struct sq_arena {
	struct sq_chunk *head;
	struct sq_chunk *ahead;	/* huge: the chunk after head, faulted in */
	size_t	 used;		/* bytes handed out, for --verbose and tests */
	int	 huge;		/* 4 MB chunks on huge pages: faster to fill,
				   up to two chunks more memory, the next one
				   faulted in ahead (sq_prefault); set before
				   use */
};

void	*sq_arena_alloc(struct sq_arena *, size_t);
/* A NUL-terminated copy of s[0..n). */
char	*sq_arena_strndup(struct sq_arena *, const char *s, size_t n);
void	 sq_arena_free(struct sq_arena *);

#endif
