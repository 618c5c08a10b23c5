#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hmap.h"

uint32_t
sq_hash(const char *s, size_t n)
{
	/*
	 * Eight bytes a step, multiplied in, then mixed (splitmix64's
	 * finaliser) so keys that differ in one digit spread.  FNV-1a's
	 * byte loop was a tenth of sq-flag's time.  Not for hostile input.
	 */
	uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 32;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
	}
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 31;
	return (uint32_t)h;
}

void
sq_hmap_init(struct sq_hmap *m, const char *(*key_of)(void *, uint32_t, size_t *),
    void *ctx)
{
	memset(m, 0, sizeof(*m));
	m->key_of = key_of;
	m->ctx = ctx;
}

void
sq_hmap_free(struct sq_hmap *m)
{
	free(m->slot);
	m->slot = NULL;
	m->cap = m->count = 0;
}

static int
same(const struct sq_hmap *m, uint64_t slot, const char *key, size_t len)
{
	size_t klen;
	const char *k = m->key_of(m->ctx, (uint32_t)(slot & 0xffffffffu) - 1, &klen);

	return klen == len && memcmp(k, key, len) == 0;
}

long
sq_hmap_get(const struct sq_hmap *m, const char *key, size_t len)
{
	return sq_hmap_get_h(m, sq_hash(key, len), key, len);
}

long
sq_hmap_get_h(const struct sq_hmap *m, uint32_t h, const char *key, size_t len)
{
	if (m->cap == 0)
		return -1;
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		uint64_t s = m->slot[i];
		if (s == 0)
			return -1;
		if ((uint32_t)(s >> 32) == h && same(m, s, key, len))
			return (long)(s & 0xffffffffu) - 1;
	}
}

static void
insert(struct sq_hmap *m, uint64_t s)
{
	size_t mask = m->cap - 1;

	for (size_t i = (s >> 32) & mask;; i = (i + 1) & mask)
		if (m->slot[i] == 0) {
			m->slot[i] = s;
			return;
		}
}

static void
rehash(struct sq_hmap *m, size_t cap)
{
	uint64_t *old = m->slot;
	size_t oldcap = m->cap;

	m->cap = cap;
	m->slot = sq_xcalloc_big(m->cap * sizeof(*m->slot));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			insert(m, old[i]);
	free(old);
}

void
sq_hmap_reserve(struct sq_hmap *m, size_t n)
{
	size_t cap = 1024;

	while (cap < 2 * n)
		cap *= 2;
	if (cap > m->cap)
		rehash(m, cap);
}

static void
grow(struct sq_hmap *m)
{
	if (2 * (m->count + 1) > m->cap)
		rehash(m, m->cap ? 2 * m->cap : 1024);
}

void
sq_hmap_put(struct sq_hmap *m, const char *key, size_t len, uint32_t index)
{
	grow(m);
	insert(m, (uint64_t)sq_hash(key, len) << 32 | ((uint64_t)index + 1));
	m->count++;
}

long
sq_hmap_put_new(struct sq_hmap *m, const char *key, size_t len, uint32_t index)
{
	return sq_hmap_put_new_h(m, sq_hash(key, len), key, len, index);
}

long
sq_hmap_put_new_h(struct sq_hmap *m, uint32_t h, const char *key, size_t len,
    uint32_t index)
{
	grow(m);
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		uint64_t s = m->slot[i];
		if (s == 0) {
			m->slot[i] = (uint64_t)h << 32 | ((uint64_t)index + 1);
			m->count++;
			return -1;
		}
		if ((uint32_t)(s >> 32) == h && same(m, s, key, len))
			return (long)(s & 0xffffffffu) - 1;
	}
}
