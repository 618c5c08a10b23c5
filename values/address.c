/*
 * address.c — household address parser; address.h says what it accepts.
 *
 * Two steps.  The lexer (addrlex.c) reads the folded text once, left to
 * right, and keeps only the numbers, each with the marker typed after it
 * (号楼, 单元, 室...).  sq_addr_resolve() then places them: a marked number
 * where its marker says, the unmarked ones by their order around the marked
 * ones.  No heap, no locale: the text is folded into a stack buffer, at most
 * MAXITEMS numbers are kept.
 */
#include <stdint.h>
#include <string.h>

#include "addrlex.h"
#include "address.h"
#include "diag.h"
#include "hmap.h"
#include "text.h"

#define TOO_MANY	"too many numbers to tell building, unit and room apart"
#define PHONE		_("looks like a phone number, not an address")

enum { B, U, R };	/* ranks, in the order they are written */

/* "138-0013-8000", "+86 138 0013 8000", "021 6438 1234": all digits. */
static int
phone_like(const struct scan *sc)
{
	int k, tot = 0;

	for (k = 0; k < sc->n; k++) {
		if (sc->it[k].kind != K_BARE || sc->it[k].alpha)
			return 0;
		tot += sc->it[k].tdig;
	}
	if (sc->n == 0)
		return 0;
	switch (sc->it[0].first) {
	case '1':
		return tot == 11;
	case '0':
		return tot >= 10 && tot <= 12;
	case '8':
		return tot == 13 && strncmp(sc->it[0].v, "86", 2) == 0;
	}
	return 0;
}

/*
 * A mobile number typed in groups after the address, "138-0013-8000" or
 * "138 0013 8000": set it aside like an unbroken one.
 */
static void
drop_split_phones(struct scan *sc)
{
	struct item *it = sc->it;
	int s, e, tot;

	for (s = 0; s + 1 < sc->n; s++) {
		if (it[s].kind != K_BARE || it[s].tdig != 3 ||
		    it[s].first != '1')
			continue;
		for (tot = 3, e = s + 1; e < sc->n && e <= s + 2; e++) {
			if (it[e].kind != K_BARE || !it[e].near || it[e].alpha)
				break;
			if ((tot += it[e].tdig) == 11) {
				memmove(it + s, it + e + 1, (size_t)(sc->n - e -
				    1) * sizeof(*it));
				sc->n -= e + 1 - s;
				sc->longnum = 1;
				s--;
				break;
			}
		}
	}
}

/*
 * Join "502" "-1" into the room "502-1".  Once: a room let in parts has
 * one part number ("502-1-1" would be a key no column gives back).
 */
static int
join_subroom(struct item *a, const struct item *b)
{
	size_t la = strlen(a->v), lb = strlen(b->v);

	if (!b->joined || b->alpha || b->tdig > 2 || a->sdig == 0 ||
	    la + 1 + lb >= sizeof(a->v) || memchr(a->v, '-', la) != NULL)
		return 0;
	a->v[la] = '-';
	memcpy(a->v + la + 1, b->v, lb + 1);
	return 1;
}

struct places {
	int	 slot[3];	/* item of building, unit, room; -1 none */
	int	 lane, zone, floor;
	int	 hao_b;		/* the building came from a bare 号 */
	int	 marked;	/* some number had a marker */
};

/* Marked numbers go where their marker says. */
static const char *
place_marked(struct item *it, int n, struct places *pl)
{
	int i, bare = 0;

	for (i = 0; i < n; i++) {
		int *s = pl->slot;

		if (it[i].kind != K_BARE)
			pl->marked = 1;
		switch (it[i].kind) {
		case K_BARE:
			bare = 1;
			break;
		case K_LANE:
			if (pl->lane >= 0)
				return _("two lane numbers");
			pl->lane = i;
			break;
		case K_ZONE:
		case K_GROUP:
			if (pl->zone >= 0)
				return _("two zone numbers (区/期/组)");
			pl->zone = i;
			break;
		case K_BLDG:
			if (s[B] >= 0) {
				if (!pl->hao_b || pl->lane >= 0)
					return _("two building numbers");
				pl->lane = s[B];	/* XX路88号5号楼 */
			}
			s[B] = i;
			pl->hao_b = 0;
			break;
		case K_HAO:
			if (s[B] < 0 && !bare) {
				s[B] = i;
				pl->hao_b = 1;
			} else if (s[R] < 0)
				s[R] = i;	/* 5号楼502号, 12-2-502号 */
			else
				return _("two room numbers");
			break;
		case K_LOU:
			if (s[B] < 0 && s[U] < 0 && s[R] < 0 && !bare)
				s[B] = i;		/* 12楼3门502 */
			else if (pl->floor < 0)
				pl->floor = i;
			break;
		case K_UNIT:
			if (s[U] >= 0)
				return _("two unit numbers");
			s[U] = i;
			break;
		case K_ROOM:
			if (s[R] >= 0)
				return _("two room numbers");
			s[R] = i;
			break;
		case K_FLOOR:
			if (pl->floor < 0)
				pl->floor = i;
			break;
		}
	}
	return NULL;
}

/*
 * Unmarked numbers g[0..k-1], all between the marked ranks lo and hi, take
 * the free ranks between in order.  Building and room are needed, the unit
 * is not, so with one number short the unit is the one left out.
 */
static const char *
place_group(struct item *it, int *g, int k, int lo, int hi,
    struct places *pl, const int *anchor, int longnum)
{
	int av[3], na = 0, r, anchored, house;

	for (r = lo + 1; r < hi; r++)
		if (pl->slot[r] < 0)
			av[na++] = r;
	anchored = anchor[B] >= 0 || anchor[U] >= 0;
	house = pl->lane >= 0 || (pl->zone >= 0 &&
	    it[pl->zone].kind == K_GROUP);
	/*
	 * 12号楼2单元502-1, 12栋2-502-1: a sub-let room of flat 502; with
	 * no marker too when the flat has three digits (12-2-502-1)
	 */
	if (k == na + 1 && na > 0 && av[na - 1] == R && (anchored ||
	    (k >= 2 && it[g[k - 2]].sdig >= 3 && !it[g[k - 2]].alpha)) &&
	    join_subroom(&it[g[k - 2]], &it[g[k - 1]]))
		k--;
	/* 12-502-1, 12号楼502-1: no unit has three digits */
	else if (k >= 2 && k == na && na >= 2 && av[na - 2] == U &&
	    it[g[k - 2]].sdig >= 3 && !it[g[k - 2]].alpha &&
	    join_subroom(&it[g[k - 2]], &it[g[k - 1]]))
		k--;
	for (r = 0; k < na && r < na; r++)
		if (av[r] == U) {
			memmove(av + r, av + r + 1, (size_t)(na - r - 1) *
			    sizeof(av[0]));
			na--;
		}
	if (k < na) {			/* one number, building or room */
		if (!house && pl->marked)
			return _("no building number");
		if (!house)
			return longnum ? PHONE :
			    _("only one number: cannot tell building from room");
		na = 1;			/* 123弄5: the house */
	}
	if (k > na)
		return TOO_MANY;
	for (r = 0; r < k; r++)
		pl->slot[av[r]] = g[r];
	return NULL;
}

/* Unmarked numbers, group by group between the marked ones. */
static const char *
place_bare(struct item *it, int n, struct places *pl, int longnum)
{
	int anchor[3], g[MAXITEMS], k, i, r, lo, hi;
	const char *why;

	memcpy(anchor, pl->slot, sizeof(anchor));
	for (i = 0; i < n; ) {
		if (it[i].kind != K_BARE) {
			i++;
			continue;
		}
		lo = -1;
		hi = 3;
		for (r = 0; r < 3; r++) {
			if (anchor[r] >= 0 && anchor[r] < i)
				lo = r;
			if (anchor[r] > i && hi == 3)
				hi = r;
		}
		/* a floor comes after building and unit, before the room */
		if (pl->floor > i && hi > R)
			hi = R;
		if (pl->floor >= 0 && pl->floor < i && lo < U)
			lo = U;
		/* the group runs until the next marked number */
		for (k = 0; i < n; i++) {
			if (i == anchor[B] || i == anchor[U] ||
			    i == anchor[R] || i == pl->floor)
				break;
			if (it[i].kind == K_BARE)
				g[k++] = i;
		}
		/* after "502室" the address is over ("502室 年龄80"), but
		 * for a sub-let room "502室-1" */
		if (lo == R && hi == 3 && it[anchor[R]].kind == K_ROOM) {
			join_subroom(&it[anchor[R]], &it[g[0]]);
			continue;
		}
		if ((why = place_group(it, g, k, lo, hi, pl, anchor,
		    longnum)) != NULL)
			return why;
	}
	return NULL;
}

/* src into dst, cut to fit; a byte loop: the parts are a few bytes */
static void
copy(char *dst, size_t dsz, const char *src)
{
	size_t l;

	for (l = 0; l + 1 < dsz && src[l] != '\0'; l++)
		dst[l] = src[l];
	dst[l] = '\0';
}

static int
is_zero(const char *v)
{
	return v[0] == '0' && v[1] == '\0';
}

/*
 * A lane house with no room: the floor f (or NULL) and the room word rw (or
 * NULL) are the room: "2F", "QL", "2FQL".
 */
static void
house_room(const char *f, const struct roomword *rw, char *room, size_t sz)
{
	char r[16];
	size_t l = 0;

	if (f == NULL && rw != NULL && rw->floor)
		f = "1";			/* 底楼 */
	if (f != NULL && strlen(f) <= 6) {
		l = strlen(f);
		memcpy(r, f, l);
		r[l++] = 'F';
	}
	if (rw != NULL) {
		memcpy(r + l, rw->code, strlen(rw->code));
		l += strlen(rw->code);
	}
	r[l] = '\0';
	copy(room, sz, r);
}

/*
 * "12楼1203": 12 is the floor of room 1203, not a building.  楼 reads as a
 * building only when the room does not begin with it ("12楼502") or a unit
 * is given ("12楼3门1203").
 */
static int
lou_is_floor(const struct item *it, const int *s)
{
	const char *b, *r;
	size_t lb, lr;

	if (s[B] < 0 || it[s[B]].kind != K_LOU || s[U] >= 0 || s[R] < 0)
		return 0;
	b = it[s[B]].v;
	r = it[s[R]].v;
	lb = strlen(b);
	lr = strspn(r, "0123456789");
	return !it[s[B]].alpha && lr == lb + 2 && strncmp(b, r, lb) == 0;
}

/*
 * "5楼2室", "18层3室", "5F2": the floor and the flat on it, which is flat
 * 502, 1803 as the roster numbers it.  Only a room of one or two digits,
 * without letters or a sub-let part, after a floor of at most three.
 */
static int
floor_room(const struct item *it, const struct places *pl, char *room,
    size_t sz)
{
	const struct item *f, *r;

	if (pl->floor < 0 || pl->slot[R] < pl->floor)
		return 0;
	f = &it[pl->floor];
	r = &it[pl->slot[R]];
	if (f->alpha || r->alpha || f->sdig == 0 || f->sdig > 3 ||
	    r->sdig == 0 || r->sdig > 2 || strchr(r->v, '-') != NULL ||
	    strlen(f->v) + 3 > sz)
		return 0;
	size_t fl = strlen(f->v), rl = strlen(r->v);
	memcpy(room, f->v, fl);
	if (rl == 1)
		room[fl++] = '0';
	memcpy(room + fl, r->v, rl + 1);
	return 1;
}

static const char *
fill(const struct scan *sc, const struct places *pl, struct sq_addr *a)
{
	const struct item *it = sc->it;
	const int *s = pl->slot;
	int house;

	if (s[B] < 0 || lou_is_floor(it, s))
		return sc->longnum && !pl->marked ? PHONE :
		    _("no building number");
	if (s[U] >= 0 && it[s[U]].sdig >= 3)
		return _("unit number too long (is it a room?)");
	house = s[U] < 0 && (pl->lane >= 0 ||
	    (pl->zone >= 0 && it[pl->zone].kind == K_GROUP));
	if (s[R] < 0 && !house)
		return sc->longnum && !pl->marked ? PHONE : _("no room number");
	if (is_zero(it[s[B]].v))
		return _("building number is 0");
	if (s[R] >= 0 && is_zero(it[s[R]].v))
		return _("room number is 0");
	if (pl->lane >= 0 && is_zero(it[pl->lane].v))
		return _("lane number is 0");
	/* "12-2-502 弄..." must not turn 502 into a lane and 2 into a room */
	if (pl->lane > s[B] || (s[R] >= 0 && pl->lane > s[R]))
		return _("lane number after the building number");
	if (pl->zone > s[B] || (s[R] >= 0 && pl->zone > s[R]))
		return _("zone number after the building number");
	copy(a->building, sizeof(a->building), it[s[B]].v);
	if (s[U] >= 0 && !is_zero(it[s[U]].v))
		copy(a->unit, sizeof(a->unit), it[s[U]].v);
	if (s[R] >= 0 && floor_room(it, pl, a->room, sizeof(a->room)))
		;
	else if (s[R] >= 0)
		copy(a->room, sizeof(a->room), it[s[R]].v);
	else
		house_room(pl->floor >= 0 ? it[pl->floor].v : NULL, sc->word,
		    a->room, sizeof(a->room));
	if (pl->lane >= 0)
		copy(a->lane, sizeof(a->lane), it[pl->lane].v);
	if (pl->zone >= 0)
		copy(a->zone, sizeof(a->zone), it[pl->zone].v);
	return NULL;
}

/*
 * "502-1室", "502-1号": the marker after the sub-let part marks the whole
 * room "502-1", not a room "1" after an unmarked 502.
 */
static void
join_marked_subrooms(struct scan *sc)
{
	struct item *it = sc->it;

	for (int i = 1; i < sc->n; i++) {
		if ((it[i].kind != K_ROOM && it[i].kind != K_HAO) ||
		    (it[i - 1].kind != K_BARE && it[i - 1].kind != K_ROOM) ||
		    it[i - 1].sdig < 3 || it[i - 1].alpha ||
		    !join_subroom(&it[i - 1], &it[i]))
			continue;
		it[i - 1].kind = K_ROOM;
		memmove(it + i, it + i + 1, (size_t)(sc->n - i - 1) *
		    sizeof(*it));
		sc->n--;
		i--;
	}
}

const char *
sq_addr_resolve(struct scan *sc, struct sq_addr *a)
{
	struct places pl = { { -1, -1, -1 }, -1, -1, -1, 0, 0 };
	const char *why;

	if (sc->overflow)
		return TOO_MANY;
	if (sc->n == 0)
		return sc->longnum ? PHONE : _("no building or room number");
	if (phone_like(sc))
		return PHONE;
	drop_split_phones(sc);
	if (sc->n == 0)
		return PHONE;
	join_marked_subrooms(sc);
	if ((why = place_marked(sc->it, sc->n, &pl)) != NULL ||
	    (why = place_bare(sc->it, sc->n, &pl, sc->longnum)) != NULL)
		return why;
	return fill(sc, &pl, a);
}

static int
result(const char *why, struct sq_addr *a, const char **whyp)
{
	if (why == NULL)
		return 0;
	memset(a, 0, sizeof(*a));
	if (whyp != NULL)
		*whyp = why;
	return -1;
}

int
sq_addr_parse(const char *s, size_t len, struct sq_addr *a, const char **why)
{
	struct scan sc;
	const char *w;

	memset(a, 0, sizeof(*a));
	sc.n = sc.overflow = sc.longnum = 0;
	sc.word = NULL;
	if ((w = sq_addr_scan(s, len, &sc)) == NULL)
		w = sq_addr_resolve(&sc, a);
	return result(w, a, why);
}

/*
 * The numbers of the building, unit and room columns into sc: one
 * unmarked number is the column's, more are placed by order; a 号 outside
 * the building column marks the room.  *used: a bit per column with text.
 */
static const char *
scan_columns(const char *const col[3], struct scan *sc, int *used)
{
	static const int colkind[3] = { K_BLDG, K_UNIT, K_ROOM };
	const char *w;
	int c, k, first, nbare;

	*used = 0;
	for (c = 0; c < 3; c++) {
		const char *t = col[c];
		size_t l = t != NULL ? strlen(t) : 0;

		if (l == 0 || sq_trim(&t, l) == 0)
			continue;
		*used |= 1 << c;
		first = sc->n;
		if ((w = sq_addr_scan(col[c], strlen(col[c]), sc)) != NULL)
			return w;
		for (nbare = 0, k = first; k < sc->n; k++)
			nbare += sc->it[k].kind == K_BARE;
		for (k = first; k < sc->n; k++)
			if ((sc->it[k].kind == K_BARE && nbare == 1) ||
			    (sc->it[k].kind == K_HAO && c != B))
				sc->it[k].kind = (unsigned char)colkind[c];
	}
	return NULL;
}

static void
scan_init(struct scan *sc)
{
	sc->n = sc->overflow = sc->longnum = 0;
	sc->word = NULL;
}

int
sq_addr_from_parts(const char *building, const char *unit, const char *room,
    struct sq_addr *a, const char **why)
{
	const char *col[3] = { building, unit, room }, *w;
	struct scan sc;
	int used;

	memset(a, 0, sizeof(*a));
	scan_init(&sc);
	w = scan_columns(col, &sc, &used);
	if (w == NULL && used == 0)
		w = _("empty address");
	else if (w == NULL && used == 1 << B)	/* the whole address in one */
		return sq_addr_parse(building, strlen(building), a, why);
	else if (w == NULL)
		w = sq_addr_resolve(&sc, a);
	return result(w, a, why);
}

/*
 * Does the address whole, read from the rest cell alone, name the building
 * (and lane) the columns name, if they name one?
 */
static int
same_building(const struct scan *cols, const struct sq_addr *whole)
{
	struct places pl = { { -1, -1, -1 }, -1, -1, -1, 0, 0 };
	struct item it[MAXITEMS];

	memcpy(it, cols->it, sizeof(it));
	if (place_marked(it, cols->n, &pl) != NULL)
		return 0;
	if (pl.slot[B] >= 0 && strcmp(it[pl.slot[B]].v, whole->building) != 0)
		return 0;
	if (pl.lane >= 0 && strcmp(it[pl.lane].v, whole->lane) != 0)
		return 0;
	return 1;
}

int
sq_addr_from_cells(const char *building, const char *unit, const char *room,
    const char *rest, struct sq_addr *a, const char **why)
{
	const char *col[3] = { building, unit, room }, *w, *t = rest;
	size_t rl = rest != NULL ? strlen(rest) : 0;
	struct sq_addr whole;
	struct scan sc;
	int used;

	if (rl == 0 || sq_trim(&t, rl) == 0)
		return sq_addr_from_parts(building, unit, room, a, why);
	memset(a, 0, sizeof(*a));
	scan_init(&sc);
	if ((w = scan_columns(col, &sc, &used)) != NULL)
		return result(w, a, why);
	if (used == 0)
		return sq_addr_parse(rest, rl, a, why);
	/* pieces of one address: the columns, then the rest as typed */
	struct scan cols = sc;
	if ((w = sq_addr_scan(rest, rl, &sc)) == NULL)
		w = sq_addr_resolve(&sc, a);
	if (w == NULL)
		return 0;
	/* else a whole address beside a building column that says the same */
	if (sq_addr_parse(rest, rl, &whole, NULL) == 0 &&
	    same_building(&cols, &whole)) {
		*a = whole;
		return 0;
	}
	return result(w, a, why);
}

/*
 * The key is made in a buffer of KEYBUF bytes, then copied like snprintf
 * does (its full length returned, what fits written): no bounds check a
 * byte.  A part is at most 1 + 16 + 4 bytes (tag, its field, padding), so
 * five of them, four dashes and the community's ten fit.
 */
#define KEYBUF	128

/* "B" + letters + digits padded to width + the rest: B0012A, BA, R0502-1 */
static char *
put_part(char *o, char tag, const char *v, size_t sz, size_t width)
{
	size_t i = 0, d;

	*o++ = tag;
	while (i < sz && is_alpha((unsigned char)v[i]))
		*o++ = v[i++];
	for (d = i; d < sz && is_digit((unsigned char)v[d]); d++)
		;
	if ((d > i || v[0] == '\0') && d - i < width) {  /* "": U00, R0000 */
		memcpy(o, "0000", 4);	/* width <= 4, and KEYBUF has room */
		o += width - (d - i);
	}
	while (i < sz && v[i] != '\0')
		*o++ = v[i++];
	return o;
}

static char *
put_key(char *o, const struct sq_addr *a)
{
	if (a->zone[0] != '\0') {
		o = put_part(o, 'Z', a->zone, sizeof(a->zone), 2);
		*o++ = '-';
	}
	if (a->lane[0] != '\0') {
		o = put_part(o, 'L', a->lane, sizeof(a->lane), 4);
		*o++ = '-';
	}
	o = put_part(o, 'B', a->building, sizeof(a->building), 4);
	*o++ = '-';
	o = put_part(o, 'U', a->unit, sizeof(a->unit), 2);
	*o++ = '-';
	return put_part(o, 'R', a->room, sizeof(a->room), 4);
}

static size_t
put_out(const char *buf, size_t n, char *out, size_t outsz)
{
	if (outsz > 0) {
		size_t l = n < outsz ? n : outsz - 1;

		memcpy(out, buf, l);
		out[l] = '\0';
	}
	return n;
}

size_t
sq_addr_key(const struct sq_addr *a, char *out, size_t outsz)
{
	char buf[KEYBUF];

	return put_out(buf, (size_t)(put_key(buf, a) - buf), out, outsz);
}

/* The community's hash as the key prefix says it; 0 if it has none. */
static int
community_hash(const char *community, size_t clen, uint32_t *hp)
{
	uint32_t h = SQ_FNV1A32_INIT;
	size_t i = 0, n;
	int any = 0;
	char f[4];

	while (community != NULL && i < clen) {
		n = sq_fold_next(community, clen, &i, f);
		if (n == 1 && (f[0] == ' ' || (f[0] >= '\t' && f[0] <= '\r')))
			continue;	/* "阳光 小区" is "阳光小区" */
		if (n == 1 && f[0] >= 'A' && f[0] <= 'Z')
			f[0] = (char)(f[0] + 0x20);
		h = sq_fnv1a32(f, n, h);
		any = 1;
	}
	*hp = h;
	return any;
}

/*
 * The communities a thread keyed last: a district has a few hundred (the
 * 1M bench 667: with 512 slots about 4 rows in 10 folded a name again, with
 * 2048 one in 6, as names that share a slot push each other out), and
 * folding one's name was a third of making a check-in's key.  So 2048 sets
 * of two, the last one in first.  Per thread, so that two reading threads
 * never share it; a cell longer than a slot is folded each time.
 */
enum { NCOMM = 2048, COMM_BYTES = 62 };
struct comm_slot {
	uint32_t h;
	unsigned char len, any;		/* len 0: empty */
	char	 s[COMM_BYTES];
};
static _Thread_local struct comm_slot comm_seen[NCOMM][2];

static int
community_hash_cached(const char *community, size_t clen, uint32_t *hp)
{
	if (community == NULL || clen == 0 || clen > COMM_BYTES)
		return community_hash(community, clen, hp);
	struct comm_slot *set = comm_seen[sq_hash(community, clen) % NCOMM];
	for (int w = 0; w < 2; w++)
		if (set[w].len == clen && memcmp(set[w].s, community, clen) == 0) {
			*hp = set[w].h;
			return set[w].any;
		}
	int any = community_hash(community, clen, hp);
	set[1] = set[0];		/* the older one goes */
	set[0].len = (unsigned char)clen;
	set[0].any = (unsigned char)any;
	set[0].h = *hp;
	memcpy(set[0].s, community, clen);
	return any;
}

size_t
sq_addr_key_community(const char *community, size_t clen,
    const struct sq_addr *a, char *out, size_t outsz)
{
	static const char hex[] = "0123456789abcdef";
	char buf[KEYBUF], *o = buf;
	uint32_t h;
	int any = community_hash_cached(community, clen, &h);

	if (any) {			/* "C1a2b3c4d-", written out */
		o[0] = 'C';
		o[1] = hex[h >> 28 & 0xF];
		o[2] = hex[h >> 24 & 0xF];
		o[3] = hex[h >> 20 & 0xF];
		o[4] = hex[h >> 16 & 0xF];
		o[5] = hex[h >> 12 & 0xF];
		o[6] = hex[h >> 8 & 0xF];
		o[7] = hex[h >> 4 & 0xF];
		o[8] = hex[h & 0xF];
		o[9] = '-';
		o += 10;
	}
	o = put_key(o, a);
	return put_out(buf, (size_t)(o - buf), out, outsz);
}
