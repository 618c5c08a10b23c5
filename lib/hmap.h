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

#endif
