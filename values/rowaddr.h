/*
 * rowaddr.h — the household key of a row, wherever its address is.
 *
 * A row may carry its household as an `hh` key already (a canonical table),
 * one `address` cell, or `building`/`unit`/`room` cells, with or without a
 * `community` cell.  sq-ingest and every program reading raw exports use
 * this, so one address gives one key everywhere.
 */
#ifndef SQ_ROWADDR_H
#define SQ_ROWADDR_H

#include "address.h"
#include "reader.h"
#include "record.h"

struct sq_rowaddr {
	long	 hh, community, address, building, unit, room;
};

/* Column positions from a reader opened with canonical names. */
void	 sq_rowaddr_find(struct sq_rowaddr *, const struct sq_reader *);
/* Has any column to find a household by? */
int	 sq_rowaddr_usable(const struct sq_rowaddr *);
/*
 * 0 when it has (or the table has no columns at all: an empty input the
 * reader has said); else -1, said once for every program: "FILE: WHAT
 * needs an address: a column hh (户号), address (地址), building (楼号) or
 * room (室): its columns are ...".
 */
int	 sq_rowaddr_need(const struct sq_rowaddr *, const struct sq_reader *,
	    const char *what);

enum { SQ_ROWADDR_OK = 0, SQ_ROWADDR_EMPTY = 1, SQ_ROWADDR_BAD = -1 };

/*
 * The key of rec into key[SQ_ADDR_KEYMAX] (and the parts into *a, zeroed
 * when the key came from an hh cell).  community/clen: the community cell
 * to use (NULL: the row's own).  Returns SQ_ROWADDR_OK, SQ_ROWADDR_EMPTY
 * (no address at all) or SQ_ROWADDR_BAD with *why.
 */
int	 sq_rowaddr_key(const struct sq_rowaddr *, const struct sq_rec *rec,
	    const char *community, size_t clen, char *key, struct sq_addr *a,
	    const char **why);

#endif
