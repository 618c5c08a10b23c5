/*
 * resolve.h — which household of the roster an address means.
 *
 * Every program that joins a table on `hh` (check-ins, requests, orders,
 * testing waves, carers) looks its rows up here, so one rule holds
 * everywhere (shequ(7), "Finding the household"):
 *
 *   EXACT      the key is a household of the roster.
 *   IMPLIED    the address leaves out a part the roster has (the unit, the
 *              lane, the zone, the community, the room of a lane house, or
 *              the room of a flat let room by room: 502 for 502-1), or has
 *              a part the roster's household leaves out, and exactly
 *              one household agrees on every part both give: "12-502" is
 *              12号楼1单元502室 in a one-unit building; "3号1201室" is
 *              88弄3号1201室 in a one-lane compound.
 *   AMBIGUOUS  several households agree: none is taken; the first few are
 *              given, in key order, with how many there are.
 *   NONE       no household agrees; the nearest one is given as a hint, or
 *              none: same community and building (lane and zone agreeing),
 *              the room one edit away (a digit wrong, missing, extra, or
 *              two swapped) and the unit the same, missing or one other,
 *              fewest edits first, then key order.
 *
 * The building and the room of a flat are never guessed, only the parts
 * people leave out.  Keys are read as sq_addr_key() writes them
 * ([C<community>-][Z..-][L..-]B..-U..-R..); a key of another shape (a
 * roster's own ids) is matched exactly or not at all.
 *
 * Cost: an exact key is one hash probe.  The index the other answers need
 * (households grouped by community and building) is built at the first
 * lookup that is not exact, in one pass over the roster; each such lookup
 * then reads one building's households, one after another in memory.
 * A resolver is not shared between threads.
 */
#ifndef SQ_RESOLVE_H
#define SQ_RESOLVE_H

#include <stddef.h>
#include <stdint.h>

#include "address.h"
#include "record.h"
#include "rowaddr.h"

struct sq_resolver;

enum sq_res_kind { SQ_RES_EXACT, SQ_RES_IMPLIED, SQ_RES_AMBIGUOUS, SQ_RES_NONE };

/* Parts of an address, as bits of sq_res.parts. */
enum {
	SQ_PART_COMMUNITY = 1, SQ_PART_ZONE = 2, SQ_PART_LANE = 4,
	SQ_PART_UNIT = 8, SQ_PART_ROOM = 16
};

#define SQ_RES_MAXCAND	4

struct sq_res {
	enum sq_res_kind kind;
	long	 id;		/* EXACT, IMPLIED: the household; else -1 */
	/*
	 * IMPLIED, AMBIGUOUS: the parts one side gave and the other left
	 * out (SQ_PART_*), e.g. SQ_PART_UNIT for "12-502".
	 */
	unsigned parts;
	size_t	 ncand;		/* AMBIGUOUS: how many households agree */
	long	 cand[SQ_RES_MAXCAND];	/* the first of them, in key order */
	long	 nearest;	/* NONE: the likeliest household meant, or -1 */
};

/*
 * A resolver that keeps its own copy of each key, or one that borrows
 * them: key_of(ctx, id, &len) returns the key added for id, which must
 * stay where it is while the resolver lives (sq-flag's arena).
 */
struct sq_resolver *sq_resolver_new(void);
struct sq_resolver *sq_resolver_new_borrowed(
	    const char *(*key_of)(void *ctx, uint32_t id, size_t *len), void *ctx);
void	 sq_resolver_free(struct sq_resolver *);
/* Room for n households (a guess from a file's size saves rehashing). */
void	 sq_resolver_reserve(struct sq_resolver *, size_t n);

/*
 * Add household id (the caller's number for it: its row, its place in an
 * array) with its key.  Returns -1, or the id added before with the same
 * key: then this one is not added (a household in the roster twice).
 * The _h form takes sq_hash(key, len), for a caller that has it.
 */
long	 sq_resolver_add(struct sq_resolver *, const char *key, size_t len,
	    uint32_t id);
long	 sq_resolver_add_h(struct sq_resolver *, uint32_t hash, const char *key,
	    size_t len, uint32_t id);
/*
 * Build the index of near matches (incomplete and unknown addresses) as
 * households are added, about n of them, rather than at the first lookup
 * that needs it: for a caller whose adding waits on its reading, so the
 * work fills the wait.  Before the first add; the index is the same.
 */
void	 sq_resolver_eager(struct sq_resolver *, size_t n);
/*
 * What an eager index takes from a key alone (its parts' hashes), made
 * apart from the adding: sq_resolver_make() touches nothing else, so it
 * may run on a reading thread (sq_reader_prepare); sq_resolver_add_made()
 * is then sq_resolver_add_h() given it.  The fields are the resolver's.
 */
struct sq_resolver_made {
	uint64_t h, ch, room;
	uint32_t bh, lane, unit;
	uint16_t zone;
	uint8_t	 rlen, shape;
};
void	 sq_resolver_make(const char *key, size_t len, struct sq_resolver_made *);
long	 sq_resolver_add_made(struct sq_resolver *, uint32_t hash,
	    const char *key, size_t len, uint32_t id,
	    const struct sq_resolver_made *);
size_t	 sq_resolver_count(const struct sq_resolver *);
/* The key of household id, as added. */
const char *sq_resolver_key(const struct sq_resolver *, uint32_t id,
	    size_t *len);

/*
 * The key as the roster writes it, in place (key holds SQ_ADDR_KEYMAX
 * bytes): a key without a community gets the roster's one community, a
 * roster without communities drops the key's.  Returns the new length.
 * sq_resolve() does this itself; a caller that hashes keys ahead (to
 * prefetch, as sq-flag does) calls it first.
 */
size_t	 sq_resolver_canon(const struct sq_resolver *, char *key, size_t len);

/*
 * Resolve key (any length; no NUL needed).  Returns res->kind.  The _h
 * form takes a key already through sq_resolver_canon() and its sq_hash().
 */
int	 sq_resolve(struct sq_resolver *, const char *key, size_t len,
	    struct sq_res *);
int	 sq_resolve_h(struct sq_resolver *, uint32_t hash, const char *key,
	    size_t len, struct sq_res *);

/*
 * For a batch of lookups: fetch the slot of a key's hash into the cache;
 * then the id in the first slot with that hash (not yet compared with the
 * key: a hint to prefetch the caller's record by), or -1.
 */
void	 sq_resolver_prefetch(const struct sq_resolver *, uint32_t hash);
long	 sq_resolver_peek(const struct sq_resolver *, uint32_t hash);
/*
 * For the lookups of a batch that are not exact (peek said -1): fetch
 * what their search of the grouped index reads first, in steps over the
 * whole batch so the misses overlap: step 0 the building's slot (*hint
 * keeps where), step 1 its group, step 2 the group's first members.  A
 * hint only: nothing changes, and a resolver not yet grouped does nothing.
 */
void	 sq_resolver_prefetch_near(const struct sq_resolver *, const char *key,
	    size_t len, int step, uint64_t *hint);

/*
 * The household of a row: its key from its hh cell or its address
 * (sq_rowaddr_key(), community as there), then resolved.  key receives
 * the row's own key (SQ_ADDR_KEYMAX bytes), canonical as above.  Returns
 * SQ_ROWADDR_OK with *res filled, or SQ_ROWADDR_EMPTY / SQ_ROWADDR_BAD
 * with *why (the address could not be read; *res is NONE).
 */
int	 sq_resolve_row(struct sq_resolver *, const struct sq_rowaddr *,
	    const struct sq_rec *, char *key, struct sq_res *, const char **why);

#endif /* SQ_RESOLVE_H */
