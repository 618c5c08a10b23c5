/*
 * addrlex.h — what the address lexer hands to the placing (values/ only):
 * addrlex.c reads a cell into its numbers, each with the marker typed
 * after it; address.c places them.  Other layers use address.h.
 */
#ifndef SQ_ADDRLEX_H
#define SQ_ADDRLEX_H

#include <stddef.h>

#include "address.h"

#define MAXITEMS	12

enum kind {
	K_BARE,		/* no marker: placed by order */
	K_LANE,		/* 弄 号院 */
	K_HAO,		/* 号: the building, or the room after one */
	K_BLDG,		/* 号楼 栋 幢 座 # */
	K_LOU,		/* 楼: the building if first, else a floor */
	K_UNIT,		/* 单元 门 号门 */
	K_ROOM,		/* 室 房 户 号房 号室 */
	K_FLOOR,	/* 层 F */
	K_ZONE,		/* 区 期 */
	K_GROUP,	/* 组: a village group, a zone that has houses */
	K_SKIP,		/* 支弄: the house number does not need it */
	K_NAME		/* part of a name or a quantity: 3号线, 2人 */
};

struct item {
	char		 v[16];	/* [A-Z]{0,2}[0-9]{0,6}[A-Z]{0,2}, or "502-1" */
	unsigned char	 kind;
	unsigned char	 joined;	/* typed "<previous>-<this>" */
	unsigned char	 near;		/* one '-' or ' ' after the previous */
	unsigned char	 sdig;		/* digits without leading zeros */
	unsigned char	 tdig;		/* digits as typed */
	unsigned char	 alpha;		/* has letters */
	char		 first;		/* first digit typed */
};

/* Rooms of a Shanghai lane house, each often its own household. */
struct roomword {
	const char	*s;
	unsigned char	 len;
	char		 code[4];
	char		 floor;
};

struct scan {
	struct item	 it[MAXITEMS];
	int		 n;
	int		 overflow;	/* more numbers than MAXITEMS */
	int		 longnum;	/* a 7+ digit number was set aside */
	const struct roomword *word;
};

static inline int
is_digit(unsigned c)
{
	return c - '0' < 10u;
}

static inline int
is_alpha(unsigned c)
{
	return (c | 0x20) - 'a' < 26u;
}

/*
 * Fold s and add its numbers to sc (sc->n, ->overflow, ->longnum and
 * ->word set by the caller, once for all the cells of one address).
 * Returns NULL, or why s is no address at all (empty, too long, not UTF-8).
 */
const char *sq_addr_scan(const char *s, size_t len, struct scan *sc);

/*
 * The two ways sq_addr_scan() reads, apart for the tests: the fast path
 * returns 1 and adds to sc what the full lexer would, or returns 0 with sc
 * untouched (a cell it does not take); the full lexer takes every cell.
 */
int	sq_addr_scan_fast(const char *s, size_t len, struct scan *sc);
const char *sq_addr_scan_full(const char *s, size_t len, struct scan *sc);

/* Place the numbers of sc into *a (address.c): NULL, or why not. */
const char *sq_addr_resolve(struct scan *sc, struct sq_addr *a);

#endif /* SQ_ADDRLEX_H */
