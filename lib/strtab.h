/*
 * strtab.h — a table of distinct strings (names of communities, grid
 * workers, units), each stored once and known by a small id.
 *
 * Id 0 is always the empty string, so a zeroed record means "none".
 * sq_strtab_rank() gives each id its place in byte order (strcmp), so a
 * sort over a million rows compares integers, not strings.
 */
#ifndef SQ_STRTAB_H
#define SQ_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "hmap.h"

struct sq_strtab {
	char	**s;
	size_t	*len;
	size_t	 n, cap;
	uint32_t *rank;		/* after sq_strtab_rank(); NULL before */
	struct sq_hmap index;
	struct sq_arena arena;
};

void	 sq_strtab_init(struct sq_strtab *);
void	 sq_strtab_free(struct sq_strtab *);
/* The id of s[0, len), added if new ("" is 0). */
uint32_t sq_strtab_id(struct sq_strtab *, const char *s, size_t len);
/* The id of s, or -1 when it is not in the table. */
long	 sq_strtab_find(const struct sq_strtab *, const char *s, size_t len);
static inline const char *
sq_strtab_str(const struct sq_strtab *t, uint32_t id)
{
	return t->s[id];
}
/* Fill rank[]: rank[a] < rank[b] when strcmp(s[a], s[b]) < 0. */
void	 sq_strtab_rank(struct sq_strtab *);

#endif
