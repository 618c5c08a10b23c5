/*
 * hmap.h — a string-keyed hash index over the caller's own records.
 *
 * The map stores only (hash, index) pairs, 8 bytes a slot; the key text stays
 * in the caller's records and is fetched through key_of(ctx, index) to
 * compare.  So a million household keys cost 16 MB here, not a copy of every
 * key.  Open addressing, linear probing, load kept under 1/2.  Iteration
 * order is never exposed: callers sort what they print.
 */
#ifndef SQ_HMAP_H
#define SQ_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct sq_hmap {
	uint64_t *slot;		/* hash << 32 | (index + 1); 0 = empty */
	size_t	 cap, count;
	const char *(*key_of)(void *ctx, uint32_t index, size_t *len);
	void	*ctx;
};

void	 sq_hmap_init(struct sq_hmap *,
	    const char *(*key_of)(void *, uint32_t, size_t *), void *ctx);
void	 sq_hmap_free(struct sq_hmap *);
/* Make room for n keys now (a guess from a file's size saves rehashing). */
void	 sq_hmap_reserve(struct sq_hmap *, size_t n);
/* The index stored for key, or -1. */
long	 sq_hmap_get(const struct sq_hmap *, const char *key, size_t len);
/*
 * One probe for "is it there, else add it": returns the index already
 * stored for key, or stores index and returns -1.
 */
long	 sq_hmap_put_new(struct sq_hmap *, const char *key, size_t len,
	    uint32_t index);
/* Store index for key (which must not be there yet). */
void	 sq_hmap_put(struct sq_hmap *, const char *key, size_t len,
	    uint32_t index);
uint32_t sq_hash(const char *s, size_t n);

/*
 * The same with the key's sq_hash() given: a caller that knows its keys
 * ahead (a whole roster) hashes them once and prefetches the slot a few
 * keys ahead, so the cache misses of a big table overlap.
 */
long	 sq_hmap_get_h(const struct sq_hmap *, uint32_t hash, const char *key,
	    size_t len);
long	 sq_hmap_put_new_h(struct sq_hmap *, uint32_t hash, const char *key,
	    size_t len, uint32_t index);

static inline void
sq_hmap_prefetch(const struct sq_hmap *m, uint32_t hash)
{
	if (m->cap)
		__builtin_prefetch(&m->slot[hash & (m->cap - 1)]);
}

/*
 * The index in the first slot whose hash matches, or -1: not yet compared
 * with the key, a hint for the caller to prefetch its record by.
 */
static inline long
sq_hmap_peek(const struct sq_hmap *m, uint32_t hash)
{
	if (m->cap == 0)
		return -1;
	size_t mask = m->cap - 1;
	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		uint64_t s = m->slot[i];
		if (s == 0)
			return -1;
		if ((uint32_t)(s >> 32) == hash)
			return (long)(s & 0xffffffffu) - 1;
	}
}

#endif
