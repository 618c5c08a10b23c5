/*
 * roster.c — the households table held in memory: one block of text and 48
 * bytes a household, indexed by key once it is read; communities and grid
 * workers interned.
 */
#include "state.h"

const char *
key_of(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;

	*len = s->hh[i].keylen;
	return s->hh[i].text;
}

const char *
name_of(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;

	*len = s->namelen[i];
	return s->names[i];
}

/*
 * Room for one more name.  Name 0 is "" from the start: a table without a
 * grid or community column has every row's name 0 and interns nothing.
 */
void
grow_names(struct state *s)
{
	if (s->nnames == s->capnames) {
		s->capnames = s->capnames ? 2 * s->capnames : 64;
		s->names = sq_xrealloc(s->names, s->capnames * sizeof(char *));
		s->namelen = sq_xrealloc(s->namelen, s->capnames *
		    sizeof(*s->namelen));
	}
	if (s->nnames == 0) {
		s->names[0] = "";
		s->namelen[s->nnames++] = 0;
	}
}

static uint32_t
intern(struct state *s, const char *p, size_t len)
{
	if (len == 0)
		return 0;
	/* rows come grouped: most often the name of two rows ago again */
	for (int k = 0; k < 2; k++) {
		uint32_t c = s->recent[k];
		if (c && s->namelen[c] == len && memcmp(s->names[c], p, len) == 0)
			return c;
	}
	long i = sq_hmap_get(&s->name_index, p, len);
	if (i >= 0) {
		s->recent[s->nrecent++ & 1] = (uint32_t)i;
		return (uint32_t)i;
	}
	grow_names(s);
	s->names[s->nnames] = sq_arena_strndup(&s->arena, p, len);
	s->namelen[s->nnames] = len;
	sq_hmap_put(&s->name_index, p, len, (uint32_t)s->nnames);
	s->recent[s->nrecent++ & 1] = (uint32_t)s->nnames;
	return (uint32_t)s->nnames++;
}

/* ---- the roster ------------------------------------------------------ */

static void
grow_households(struct state *s, size_t cap)
{
	if (cap <= s->caphh)
		return;
	/* realloc of a big block is mremap: no copy, no zeroing by hand */
	s->hh = sq_xrealloc(s->hh, cap * sizeof(*s->hh));
	s->caphh = cap;
	sq_hint_huge(s->hh, cap * sizeof(*s->hh));
}

/*
 * Households are indexed as they are read, one row behind: the slot of a
 * row's key is fetched while the row before goes in, so the misses of a
 * big index overlap with the reading (which the reading thread is slower
 * at than this one).  A household in the roster twice keeps its first row;
 * the later ones are told, in line order, once the roster is read.
 */
struct dups {
	struct { long line; const char *key; } *v;
	size_t	 n, cap;
};

/*
 * What a row's key and flags make, worked out where the row is read (on
 * the reading thread, or shared with this one: sq_reader_prepare_shared):
 * the main thread had become the slower of the two.
 */
struct hh_prep {
	uint32_t hash;
	uint8_t	 vuln;
	struct sq_resolver_made made;
};

struct hh_cols {
	long	 key, flag[NFLAGS];
};

static void
prepare_household(void *ctx, const struct sq_rec *rec, int st, void *out)
{
	const struct hh_cols *c = ctx;
	struct hh_prep *pp = out;
	size_t len;
	const char *key = sq_rec_cell_trim(rec, c->key, &len);

	pp->hash = 0;
	pp->vuln = 0;
	if (st == SQ_READ_BAD || len == 0 || len > UINT16_MAX) {
		memset(&pp->made, 0, sizeof(pp->made));
		return;
	}
	pp->hash = sq_hash(key, len);
	sq_resolver_make(key, len, &pp->made);
	for (int f = 0; f < NFLAGS; f++) {
		const char *p = sq_rec_cell_trim(rec, c->flag[f], &len);
		if (sq_bool_parse(p, len) == 1)
			pp->vuln |= (uint8_t)(1u << f);
	}
}

/* Index hh[s->nhh] (read before the current row): kept, or a repeat. */
static void
index_household(struct state *s, struct dups *d,
    const struct sq_resolver_made *made)
{
	struct household *h = &s->hh[s->nhh];
	long dup = sq_resolver_add_made(s->res, h->hash, h->text, h->keylen,
	    (uint32_t)s->nhh, made);

	if (dup >= 0) {
		s->roster_dups++;
		if (d->n == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 16;
			d->v = sq_xrealloc(d->v, d->cap * sizeof(*d->v));
		}
		d->v[d->n].line = h->line;
		d->v[d->n++].key = h->text;
		return;
	}
	/* while the keys are at hand: is the roster in key order? */
	if (s->nhh > 0 && s->roster_sorted &&
	    strcmp(s->hh[s->nhh - 1].text, h->text) > 0)
		s->roster_sorted = 0;
	s->nhh++;
}

/*
 * The roster's gone column: a date (gone from that day on), or yes/no
 * (是: gone as of this roster).  Empty or no: lives there.
 */
static int
is_gone(const struct state *s, const struct sq_reader *r,
    const struct sq_rec *rec, long col)
{
	size_t len;
	const char *p = sq_rec_cell_trim(rec, col, &len), *why;
	char ymd[11];
	int b;

	if (len == 0 || (b = sq_bool_parse(p, len)) == 0)
		return 0;
	if (b == 1)
		return 1;
	if (sq_date_parse(p, len, s->year, ymd, &why) == SQ_VAL_OK)
		return sq_date_days(ymd) <= s->day;
	sq_problem(sq_reader_name(r), rec->line, "gone '%.*s' is neither a "
	    "date nor yes/no: the household is taken as living there",
	    (int)len, p);
	return 0;
}

int
load_households(struct state *s, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	struct sq_rec rec;
	long col[NSTR], comm, grid, flag[NFLAGS];
	static const char *const names[NSTR] = { "hh", "building", "unit",
	    "room", "name", "phone" };
	int st;

	if (r == NULL)
		return -1;
	for (int i = 0; i < NSTR; i++)
		col[i] = sq_reader_col(r, names[i]);
	comm = sq_reader_col(r, "community");
	grid = sq_reader_col(r, "grid");
	for (int f = 0; f < NFLAGS; f++)
		flag[f] = sq_reader_col(r, flag_names[f]);
	long cgone = sq_reader_col(r, "gone");
	if (col[S_KEY] < 0) {
		sq_error("%s: no hh column: give the households table that "
		    "sq-ingest writes", sq_reader_name(r));
		sq_reader_close(r);
		return -1;
	}
	sq_rejects_table(s->rj, "households", sq_reader_rawheader(r));
	/*
	 * A households row is 60 to 120 bytes: size the array for the short
	 * ones (pages not used are never touched) and the index for the
	 * long ones (it doubles if need be).
	 */
	struct stat sb;
	size_t guess = 4096, likely = 0;
	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && sb.st_size > 0) {
		if ((size_t)sb.st_size / 60 > guess)
			guess = (size_t)sb.st_size / 60;
		likely = (size_t)sb.st_size / 120;
		sq_resolver_reserve(s->res, likely);
	}
	grow_households(s, guess);
	sq_resolver_eager(s->res, guess);
	/* the long rows' count, faulted in while the roster is read */
	sq_prefault(s->hh, likely * sizeof(*s->hh));
	s->roster_sorted = 1;
	struct dups dups = { NULL, 0, 0 };
	int pending = 0;	/* hh[nhh] is read, not yet indexed */
	struct sq_resolver_made made;	/* its key's parts */
	struct hh_cols hc;
	hc.key = col[S_KEY];
	memcpy(hc.flag, flag, sizeof(hc.flag));
	sq_reader_prepare_shared(r, prepare_household, &hc, &hc,
	    sizeof(struct hh_prep));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *key = sq_rec_cell_trim(&rec, col[S_KEY], &len);
		if (st == SQ_READ_BAD || len == 0 || len > UINT16_MAX) {
			sq_rejects_add(s->rj, sq_reader_name(r), &rec,
			    st == SQ_READ_BAD ? rec.err : len ? "hh longer than "
			    "65535 bytes: not a household key" :
			    "no hh: not a household");
			continue;
		}
		if (cgone >= 0 && is_gone(s, r, &rec, cgone)) {
			/* counted, and its history closed (load_state) */
			sq_strtab_id(&s->gone, key, len);
			s->ngone++;
			continue;
		}
		const struct hh_prep *pp = sq_reader_prepared(r);
		uint32_t hash = pp->hash;
		sq_resolver_prefetch(s->res, hash);
		if (pending)
			index_household(s, &dups, &made);
		pending = 0;
		if (s->nhh == s->caphh)
			grow_households(s, 2 * s->caphh);
		struct household *h = &s->hh[s->nhh];
		memset(h, 0, sizeof(*h));
		/* the strings in one block, the key first */
		const char *str[NSTR];
		size_t slen[NSTR], total = 0;
		str[S_KEY] = key;
		slen[S_KEY] = len;
		for (int i = S_BUILDING; i < NSTR; i++)
			str[i] = sq_rec_cell_trim(&rec, col[i], &slen[i]);
		for (int i = 0; i < NSTR; i++)
			total += slen[i] + 1;
		char *t = h->text = sq_arena_alloc(&s->arena, total);
		for (int i = 0; i < NSTR; i++) {
			memcpy(t, str[i], slen[i]);
			t[slen[i]] = '\0';
			t += slen[i] + 1;
		}
		h->hash = hash;
		h->keylen = (uint16_t)len;
		h->line = (int32_t)(rec.line < INT32_MAX ? rec.line : INT32_MAX);
		const char *p = sq_rec_cell_trim(&rec, comm, &len);
		h->community = intern(s, p, len);
		p = sq_rec_cell_trim(&rec, grid, &len);
		h->grid = intern(s, p, len);
		h->vuln = pp->vuln;
		h->last = h->since = NO_DAY;
		h->temp10 = NO_TEMP;
		made = pp->made;
		pending = 1;
	}
	sq_rec_free(&rec);
	if (pending)
		index_household(s, &dups, &made);
	for (size_t i = 0; i < dups.n; i++)
		sq_warn(sq_reader_name(r), dups.v[i].line, "household %s is in "
		    "the roster twice; kept the first", dups.v[i].key);
	free(dups.v);
	sq_reader_close(r);
	for (size_t i = 1; i < s->nhh && !s->communities; i++)
		if (s->hh[i].community != s->hh[0].community)
			s->communities = 1;
	return st < 0 ? -1 : 0;
}
