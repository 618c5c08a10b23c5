/*
 * sq-ingest — a raw roster export in, the canonical households table out.
 *
 * Every row ends in exactly one place: a household written, a row merged
 * into a household (a duplicate, or another member of it), or a rejected
 * row with its reason.  The summary on stderr shows that they add up.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "address.h"
#include "arena.h"
#include "diag.h"
#include "hmap.h"
#include "keywords.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "rowaddr.h"
#include "text.h"
#include "value.h"
#include "writer.h"

static const char synopsis[] =
    "sq-ingest [-o csv|json] [-O FILE] [-R FILE] [--residents FILE] [FILE...]";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Normalize a roster exported from a spreadsheet into the households table:\n"
"one row per household, keyed by `hh`, built from any address form\n"
"(12号楼2单元502室, 12-2-502, １２栋５０２, XX路123弄5号1201室).  Phones are\n"
"checked and normalized, members counted, yes/no cells made true/false,\n"
"vulnerable groups flagged; duplicates are merged and counted.  A roster\n"
"with one row per resident (it has a 与户主关系 column, or --per-resident)\n"
"is grouped into households.  Unknown columns pass through.  Rows read =\n"
"households written + merged + rejected, shown on stderr.\n\n", synopsis);
	printf(
"  -r, --per-resident       one row per person: group them into households\n"
"  -1, --per-household      one row per household (the default unless the\n"
"                           roster has a 与户主关系 column)\n"
"  -P, --residents FILE     also write the per-person table to FILE\n"
"  -F, --fill-down COLS     fill empty cells of these columns from the row\n"
"                           above (merged cells); default: community\n"
"  -Z, --zh                 write Chinese column names\n"
"  -d, --date YYYY-MM-DD    the day ages are counted to (default: today)\n"
"  -A, --elderly-age N      age from which a person living alone counts as\n"
"                           elderly_alone (default 60)\n");
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-ingest -R rejects.csv 花名册.csv > households.csv\n"
"  sq-ingest --per-resident --residents people.csv 人口登记.csv > households.csv\n"
"  sq-ingest -o json roster.csv | jq -c 'select(.chronic == \"true\")'\n");
}

enum { F_ELDERLY, F_CHRONIC, F_DISABLED, F_PREGNANT, F_INFANT, NFLAGS };
static const char *const flag_names[NFLAGS] = {
	"elderly_alone", "chronic", "disabled", "pregnant", "infant",
};
enum { TRI_UNKNOWN = 0, TRI_FALSE = 1, TRI_TRUE = 2 };

/* The fixed strings of a household, in this order, then the extras. */
enum { S_KEY, S_BUILDING, S_UNIT, S_ROOM, S_NAME, S_PHONE, S_EXTRA };

#define MEMBERS_UNKNOWN	127
#define MEMBERS_MAX	126
#define AGE_MAX		127

/*
 * One household in 24 bytes: a million of them are most of sq-ingest's
 * memory (the strings live in the arena).
 */
struct household {
	char	*str;		/* S_* strings, each NUL-terminated, in a row */
	uint32_t line;		/* the first row's line */
	uint32_t community;	/* interned, 0 = none */
	uint32_t grid;		/* interned, 0 = none */
	uint32_t flags:10;	/* 2 bits a flag: TRI_* */
	uint32_t has_head:1;
	uint32_t members:7;	/* MEMBERS_UNKNOWN when not given */
	uint32_t max_age:7;	/* per resident: the oldest member */
	uint32_t nstr:7;
};

/* Strings seen over and over (community, grid worker): stored once. */
struct intern {
	char	**s;
	size_t	 n, cap;
	struct sq_hmap map;
	uint32_t recent[2];
	unsigned nrecent;
};

/* Where each known column is in the current file; -1 when absent. */
struct cols {
	long	 community, address, building, unit, room, name, phone;
	long	 members, flag[NFLAGS], vulnerable, grid, relation, id, age;
	long	*extra;		/* file column -> global extra index, or -1 */
	int	 per_resident;
	int	*fill;
	struct sq_rowaddr addr;		/* file column -> fill down? */
};

struct state {
	struct sq_common c;
	int	 mode;		/* 0 auto, 1 household, 2 resident */
	const char *residents_path;
	const char *fill_cols;
	int	 zh;
	int	 ref_year;
	int	 elderly_age;

	struct sq_aliases *aliases;
	struct sq_keywords *vulnerable;
	struct sq_arena arena;
	struct household *hh;
	size_t	 nhh, caphh;
	struct sq_hmap index;
	struct intern intern;
	char	**extra_names;
	size_t	 nextra;
	char	**files;
	size_t	 nfiles;

	struct sq_rejects *rj;
	struct sq_writer *residents;
	FILE	*spool;		/* the residents' rows until the keys are final */
	struct sq_hmap renamed;	/* old key -> rename[] (one-unit buildings) */
	char	**rename_old, **rename_new;
	size_t	 nrename;
	int	 any_resident;	/* some file was one row per person */
	size_t	 written;	/* households written, after one_unit_buildings */
	long	 rows, merged, filled, bad_values;

	/* the row above, for --fill-down and residents' merged cells */
	struct sq_rec above;
	struct sq_addr above_addr;
	int	 above_ok;
	long	 above_bad;	/* the row above was rejected: its line, or 0 */
	char	 above_community[256];
};

static const char *
hh_key(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;
	const char *k = s->hh[i].str;

	*len = strlen(k);
	return k;
}

static const char *
intern_key(void *ctx, uint32_t i, size_t *len)
{
	struct intern *in = ctx;

	*len = strlen(in->s[i]);
	return in->s[i];
}

static uint32_t
intern(struct intern *in, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	/* rows come grouped: the same community and grid worker again */
	for (int k = 0; k < 2; k++) {
		uint32_t c = in->recent[k];
		if (c && strlen(in->s[c]) == len && memcmp(in->s[c], s, len) == 0)
			return c;
	}
	long i = sq_hmap_get(&in->map, s, len);
	if (i >= 0) {
		in->recent[in->nrecent++ & 1] = (uint32_t)i;
		return (uint32_t)i;
	}
	if (in->n == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 64;
		in->s = sq_xrealloc(in->s, in->cap * sizeof(*in->s));
	}
	if (in->n == 0)
		in->s[in->n++] = sq_xstrdup("");	/* 0 = none */
	in->s[in->n] = sq_xstrndup(s, len);
	sq_hmap_put(&in->map, s, len, (uint32_t)in->n);
	in->recent[in->nrecent++ & 1] = (uint32_t)in->n;
	return (uint32_t)in->n++;
}

/* The i-th string of a household, "" when it has fewer. */
static const char *
hstr(const struct household *h, size_t i)
{
	const char *p = h->str;

	if (i >= h->nstr)
		return "";
	while (i--)
		p += strlen(p) + 1;
	return p;
}

static void
set_strings(struct state *s, struct household *h, const char **v,
    const size_t *len, size_t n)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += len[i] + 1;
	char *p = sq_arena_alloc(&s->arena, total);
	h->str = p;
	h->nstr = (uint32_t)n & 0x7f;
	for (size_t i = 0; i < n; i++) {
		memcpy(p, v[i], len[i]);
		p[len[i]] = '\0';
		p += len[i] + 1;
	}
}

static int
flag_get(const struct household *h, int f)
{
	return h->flags >> (2 * f) & 3;
}

static void
flag_set(struct household *h, int f, int v)
{
	h->flags = ((h->flags & ~(3u << (2 * f))) | (unsigned)v << (2 * f)) & 0x3ff;
}

/* A true anywhere wins; then a false; unknown only if nobody said. */
static void
flag_merge(struct household *h, int f, int v)
{
	if (v > flag_get(h, f))
		flag_set(h, f, v);
}

static long
col(const struct sq_reader *r, const char *name)
{
	return sq_reader_col(r, name);
}

static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && memcmp(p, name, n) == 0)
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

static size_t
extra_index(struct state *s, const char *name)
{
	for (size_t i = 0; i < s->nextra; i++)
		if (strcmp(s->extra_names[i], name) == 0)
			return i;
	s->extra_names = sq_xrealloc(s->extra_names,
	    (s->nextra + 1) * sizeof(*s->extra_names));
	s->extra_names[s->nextra] = sq_xstrdup(name);
	return s->nextra++;
}

static void
find_columns(struct state *s, const struct sq_reader *r, struct cols *c)
{
	size_t n = sq_reader_ncols(r);

	sq_rowaddr_find(&c->addr, r);
	c->addr.hh = -1;	/* a raw roster's own ids are passed through */
	c->community = c->addr.community;
	c->address = c->addr.address;
	c->building = c->addr.building;
	c->unit = c->addr.unit;
	c->room = c->addr.room;
	c->name = col(r, "name");
	c->phone = col(r, "phone");
	c->members = col(r, "members");
	for (int f = 0; f < NFLAGS; f++)
		c->flag[f] = col(r, flag_names[f]);
	c->vulnerable = col(r, "vulnerable");
	c->grid = col(r, "grid");
	c->relation = col(r, "relation");
	c->id = col(r, "id");
	c->age = col(r, "age");
	c->per_resident = s->mode == 2 || (s->mode == 0 && c->relation >= 0);
	s->any_resident |= c->per_resident;

	/* what is not ours passes through (per-person columns do not) */
	c->extra = sq_xcalloc(n + 1, sizeof(*c->extra));
	c->fill = sq_xcalloc(n + 1, sizeof(*c->fill));
	long used[] = { c->community, c->address, c->building, c->unit,
	    c->room, c->name, c->phone, c->members, c->vulnerable, c->grid,
	    c->relation, c->id, c->age, c->flag[0], c->flag[1], c->flag[2],
	    c->flag[3], c->flag[4] };
	for (size_t i = 0; i < n; i++) {
		int ours = 0;
		for (size_t k = 0; k < sizeof(used) / sizeof(used[0]); k++)
			if (used[k] == (long)i)
				ours = 1;
		c->extra[i] = ours ? -1 :
		    (long)extra_index(s, sq_reader_colname(r, i));
		c->fill[i] = in_list(s->fill_cols, sq_reader_colname(r, i));
	}
}

static size_t
trimmed(const struct sq_rec *rec, long i, const char **out)
{
	size_t len;

	*out = sq_rec_cell_trim(rec, i, &len);
	return len;
}

static void
fill_down(struct state *s, const struct cols *c, struct sq_rec *rec)
{
	if (s->above.nf == 0)
		return;
	for (size_t i = 0; i < rec->nf && i < s->above.nf; i++) {
		if (!c->fill[i] || rec->len[i] != 0 || s->above.len[i] == 0)
			continue;
		/* rebuild the record with the cell above in place */
		struct sq_rec tmp;
		sq_rec_init(&tmp);
		for (size_t j = 0; j < rec->nf; j++) {
			if (j == i)
				sq_rec_push(&tmp, sq_rec_get(&s->above, j),
				    s->above.len[j]);
			else
				sq_rec_push(&tmp, sq_rec_get(rec, j), rec->len[j]);
		}
		tmp.line = rec->line;
		sq_rec_copy(rec, &tmp);
		sq_rec_free(&tmp);
		s->filled++;
	}
}

static char *
put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* "12", or with a zone and a lane "2区123弄5" (no snprintf: 1M rows) */
static void
building_label(const struct sq_addr *a, char out[64])
{
	char *p = out;

	if (a->zone[0])
		p = put_str(put_str(p, a->zone), "区");
	if (a->lane[0])
		p = put_str(put_str(p, a->lane), "弄");
	p = put_str(p, a->building);
	*p = '\0';
}

static int
age_of(struct state *s, const struct cols *c, const struct sq_rec *rec)
{
	const char *p;
	size_t len = trimmed(rec, c->age, &p);
	long age;

	if (len && sq_long_parse(p, len, 0, 130, &age) == SQ_VAL_OK)
		return (int)age;
	len = trimmed(rec, c->id, &p);
	if (len == 18) {
		int year = 0;
		for (int i = 6; i < 10; i++) {
			if (p[i] < '0' || p[i] > '9')
				return -1;
			year = year * 10 + (p[i] - '0');
		}
		if (year > 1880 && year <= s->ref_year)
			return s->ref_year - year;
	}
	return -1;
}

static int
is_head(const struct sq_rec *rec, const struct cols *c)
{
	const char *p;
	size_t len = trimmed(rec, c->relation, &p);

	return (len == 6 && (memcmp(p, "户主", 6) == 0 || memcmp(p, "本人", 6) == 0)) ||
	    (len == 4 && strncasecmp(p, "head", 4) == 0) ||
	    (len == 4 && strncasecmp(p, "self", 4) == 0);
}

/* The row's values for a household: flags, phone, members, strings. */
struct row {
	const char *v[64 + S_EXTRA];
	size_t	 len[64 + S_EXTRA];
	size_t	 n;
	char	 key[SQ_ADDR_KEYMAX];
	char	 building[64];
	char	 phone[SQ_PHONE_MAX];
	int	 flag[NFLAGS];
	long	 members;
	uint32_t community, grid;
	int	 age;
};

static void
bad_value(struct state *s, const struct sq_reader *r, const struct sq_rec *rec,
    long colidx, const char *val, size_t len, const char *why)
{
	s->bad_values++;
	sq_problem(sq_reader_name(r), rec->line, "%s '%.*s': %s",
	    sq_reader_rawname(r, (size_t)colidx), (int)(len > 60 ? 60 : len),
	    val, why);
}

static void
read_values(struct state *s, const struct sq_reader *r, const struct cols *c,
    const struct sq_rec *rec, struct row *w)
{
	const char *p, *why;
	size_t len;

	/* phone: a bad one is reported; the household stays */
	len = trimmed(rec, c->phone, &p);
	w->phone[0] = '\0';
	switch (sq_phone_norm(p, len, w->phone, sizeof(w->phone), &why)) {
	case SQ_PHONE_OK:
		if (why)
			sq_warn(sq_reader_name(r), rec->line, "%s '%.*s': %s",
			    sq_reader_rawname(r, (size_t)c->phone), (int)len, p,
			    why);
		break;
	case SQ_PHONE_RECOVERED:
		sq_warn(sq_reader_name(r), rec->line, "%s '%.*s': %s",
		    sq_reader_rawname(r, (size_t)c->phone), (int)len, p, why);
		break;
	case SQ_PHONE_BAD:
		w->phone[0] = '\0';
		bad_value(s, r, rec, c->phone, p, len, why);
		break;
	default:
		w->phone[0] = '\0';
	}

	w->members = -1;
	if (!c->per_resident) {
		len = trimmed(rec, c->members, &p);
		long m;
		int rc = sq_count_parse(p, len, &m, &why);
		if (rc == SQ_VAL_OK)
			w->members = m;
		else if (rc != SQ_VAL_EMPTY)
			bad_value(s, r, rec, c->members, p, len, why);
	}

	for (int f = 0; f < NFLAGS; f++) {
		w->flag[f] = TRI_UNKNOWN;
		if (c->flag[f] < 0)
			continue;
		len = trimmed(rec, c->flag[f], &p);
		int b = sq_bool_parse(p, len);
		if (b == 1)
			w->flag[f] = TRI_TRUE;
		else if (b == 0)
			w->flag[f] = TRI_FALSE;
		else if (b == -2)
			bad_value(s, r, rec, c->flag[f], p, len, "not a yes/no "
			    "value (是/否, √/×, Y/N); left unknown");
	}
	if (c->vulnerable >= 0 && s->vulnerable) {
		len = trimmed(rec, c->vulnerable, &p);
		uint64_t hits = sq_keywords_match(s->vulnerable, p, len);
		for (int f = 0; f < NFLAGS; f++) {
			long k = sq_keywords_find(s->vulnerable, flag_names[f]);
			if (k >= 0 && (hits >> k & 1))
				w->flag[f] = TRI_TRUE;
		}
	}
	len = trimmed(rec, c->grid, &p);
	w->grid = intern(&s->intern, p, len);
	w->age = c->per_resident ? age_of(s, c, rec) : -1;
}

static struct household *
new_household(struct state *s)
{
	if (s->nhh == s->caphh) {
		/*
		 * by half: the array is most of the memory, keep the peak
		 * low; from 4096 at least, as a size hint of one row + half
		 * of it is still one row
		 */
		s->caphh = s->caphh < 4096 ? 4096 : s->caphh + s->caphh / 2;
		s->hh = sq_xrealloc(s->hh, s->caphh * sizeof(*s->hh));
	}
	struct household *h = &s->hh[s->nhh++];
	memset(h, 0, sizeof(*h));
	return h;
}

/* The strings of household h merged with the row's: blanks are filled. */
static void
merge_strings(struct state *s, struct household *h, struct row *w,
    int replace_person, char *conflict, size_t csz)
{
	size_t n = w->n > h->nstr ? w->n : h->nstr;
	const char *v[64 + S_EXTRA];
	size_t len[64 + S_EXTRA];
	int changed = 0;

	for (size_t i = 0; i < n; i++) {
		const char *old = hstr(h, i);
		size_t oldlen = strlen(old);
		const char *nv = i < w->n ? w->v[i] : "";
		size_t nl = i < w->n ? w->len[i] : 0;
		int person = i == S_NAME || i == S_PHONE;

		v[i] = old;
		len[i] = oldlen;
		if (nl == 0)
			continue;
		if (oldlen == 0 || (replace_person && person)) {
			if (oldlen != nl || memcmp(old, nv, nl) != 0) {
				v[i] = nv;
				len[i] = nl;
				changed = 1;
			}
		} else if (i == S_PHONE && conflict[0] == '\0' &&
		    (oldlen != nl || memcmp(old, nv, nl) != 0)) {
			snprintf(conflict, csz, "; kept its phone %s, not %.*s",
			    old, (int)nl, nv);
		}
	}
	if (changed)
		set_strings(s, h, v, len, n);
}

/*
 * The per-person rows wait in a temporary file until the households are
 * final: a household's key may change once the whole roster is read (a
 * one-unit building).  Each field is its length and its bytes.
 */
static void
spool_fields(FILE *fp, const char *const *v, const size_t *len, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t l = (uint32_t)len[i];
		fwrite(&l, sizeof(l), 1, fp);
		fwrite(v[i], 1, len[i], fp);
	}
}

static void
write_resident(struct state *s, const struct cols *c, const struct sq_rec *rec,
    const struct row *w)
{
	const char *v[6];
	size_t len[6];
	char age[16];

	v[0] = w->key;
	len[0] = strlen(w->key);
	len[1] = trimmed(rec, c->name, &v[1]);
	len[2] = trimmed(rec, c->relation, &v[2]);
	v[3] = w->phone;
	len[3] = strlen(w->phone);
	len[4] = w->age >= 0 ? (size_t)snprintf(age, sizeof(age), "%d", w->age) : 0;
	v[4] = age;
	len[5] = trimmed(rec, c->id, &v[5]);
	spool_fields(s->spool, v, len, 6);
}

static void
take_row(struct state *s, const struct sq_reader *r, const struct cols *c,
    struct sq_rec *rec)
{
	struct sq_addr a;
	const char *why, *p;
	struct row w;
	size_t len;

	fill_down(s, c, rec);	/* (totals rows were rejected by the reader) */
	len = trimmed(rec, c->community, &p);
	int rc = sq_rowaddr_key(&c->addr, rec, p, len, w.key, &a, &why);
	if (rc == SQ_ROWADDR_EMPTY && c->per_resident && (!s->above_ok ||
	    is_head(rec, c))) {
		/*
		 * A member never borrows another household's address: not
		 * when the row of its own household's head was rejected (it
		 * was filed under the household before, which then lost its
		 * count), nor as a head of a household of its own.
		 */
		char msg[200];
		if (is_head(rec, c))
			snprintf(msg, sizeof(msg), "no usable address: a head "
			    "of household (户主) with no address of its own");
		else if (s->above_bad)
			snprintf(msg, sizeof(msg), "no usable address: the row "
			    "of its household (line %ld) was rejected, and it "
			    "has no address of its own", s->above_bad);
		else
			snprintf(msg, sizeof(msg), "no usable address: %s", why);
		s->above_ok = 0;
		sq_rejects_add(s->rj, sq_reader_name(r), rec, msg);
		return;
	}
	if (rc == SQ_ROWADDR_EMPTY && c->per_resident && s->above_ok) {
		/* merged address cells: a member's row under its household */
		a = s->above_addr;
		if (len == 0) {
			p = s->above_community;
			len = strlen(p);
		}
		if (len)
			sq_addr_key_community(p, len, &a, w.key, sizeof(w.key));
		else
			sq_addr_key(&a, w.key, sizeof(w.key));
	} else if (rc != SQ_ROWADDR_OK) {
		char msg[200];
		snprintf(msg, sizeof(msg), "no usable address: %s", why);
		sq_rejects_add(s->rj, sq_reader_name(r), rec, msg);
		s->above_ok = 0;
		s->above_bad = rec->line;
		return;
	}
	s->above_bad = 0;
	w.community = intern(&s->intern, p, len);
	if (len < sizeof(s->above_community)) {
		memcpy(s->above_community, p, len);
		s->above_community[len] = '\0';
	}
	s->above_addr = a;
	s->above_ok = 1;

	read_values(s, r, c, rec, &w);
	building_label(&a, w.building);
	w.v[S_KEY] = w.key;
	w.v[S_BUILDING] = w.building;
	w.v[S_UNIT] = a.unit;
	w.v[S_ROOM] = a.room;
	w.v[S_PHONE] = w.phone;
	w.len[S_NAME] = trimmed(rec, c->name, &w.v[S_NAME]);
	for (int i = S_KEY; i <= S_PHONE; i++)
		if (i != S_NAME)
			w.len[i] = strlen(w.v[i]);
	w.n = S_EXTRA;
	for (size_t i = 0; i < rec->nf; i++) {
		long e = c->extra[i];
		if (e < 0 || e >= 64)
			continue;
		size_t slot = S_EXTRA + (size_t)e;
		while (w.n <= slot) {
			w.v[w.n] = "";
			w.len[w.n++] = 0;
		}
		w.v[slot] = sq_rec_get(rec, i);
		w.len[slot] = rec->len[i];
	}
	if (s->residents)
		write_resident(s, c, rec, &w);

	long found = sq_hmap_get(&s->index, w.key, w.len[S_KEY]);
	struct household *h;
	int head = c->per_resident && is_head(rec, c);
	if (found < 0) {
		h = new_household(s);
		h->line = (uint32_t)rec->line;
		h->community = w.community;
		h->grid = w.grid;
		h->members = c->per_resident ? 1 : (w.members >= 0 ?
		    (uint32_t)w.members : MEMBERS_UNKNOWN);
		h->has_head = head ? 1 : 0;
		h->max_age = (uint32_t)(w.age > 0 ? (w.age > AGE_MAX ? AGE_MAX :
		    w.age) : 0);
		for (int f = 0; f < NFLAGS; f++)
			flag_set(h, f, w.flag[f]);
		set_strings(s, h, w.v, w.len, w.n);
		sq_hmap_put(&s->index, w.key, w.len[S_KEY],
		    (uint32_t)(s->nhh - 1));
		return;
	}
	/*
	 * The merge rule: the first row's values stay; its empty cells are
	 * filled from the later row; a flag is true if any row says so;
	 * members is the largest count given (per resident: the rows).
	 */
	h = &s->hh[found];
	s->merged++;
	if (c->per_resident) {
		if (h->members < MEMBERS_MAX)
			h->members++;
		if (w.age > (int)h->max_age)
			h->max_age = (uint32_t)(w.age > AGE_MAX ? AGE_MAX : w.age);
	} else if (w.members >= 0 && (h->members == MEMBERS_UNKNOWN ||
	    w.members > h->members))
		h->members = (uint32_t)w.members;
	for (int f = 0; f < NFLAGS; f++)
		flag_merge(h, f, w.flag[f]);
	if (h->grid == 0)
		h->grid = w.grid;
	char conflict[96] = "";
	merge_strings(s, h, &w, head && !h->has_head, conflict,
	    sizeof(conflict));
	if (head)
		h->has_head = 1;
	if (!c->per_resident)
		sq_warn(sq_reader_name(r), rec->line, "same household as line "
		    "%u (%s): merged into it%s", h->line, w.key, conflict);
}

static int
ingest_file(struct state *s, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	struct sq_rec rec;
	struct cols c;
	int st;

	if (r == NULL)
		return -1;
	s->files = sq_xrealloc(s->files, (s->nfiles + 1) * sizeof(*s->files));
	s->files[s->nfiles++] = sq_xstrdup(sq_reader_name(r));
	sq_rejects_columns(s->rj, sq_reader_rawheader(r));
	if (sq_reader_ncols(r) == 0) {
		sq_reader_close(r);
		return 0;
	}
	find_columns(s, r, &c);
	/* a roster row is some 90 bytes: size the tables once, not by doubling */
	struct stat sb;
	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && sb.st_size > 0) {
		/*
		 * The array generously (24 bytes a row: growing it later
		 * copies it), the index at a power of two that fits.
		 */
		size_t rows = (size_t)sb.st_size / 80;
		sq_hmap_reserve(&s->index, s->nhh + (size_t)sb.st_size / 100);
		if (s->nhh == 0 && rows > s->caphh) {
			/* on huge pages: a million rows fill it without faults */
			free(s->hh);
			s->caphh = rows;
			s->hh = sq_xcalloc_big(s->caphh * sizeof(*s->hh));
		} else if (s->nhh + rows > s->caphh) {
			s->caphh = s->nhh + rows;
			s->hh = sq_xrealloc(s->hh, s->caphh * sizeof(*s->hh));
		}
	}
	if (c.address < 0 && c.building < 0 && c.room < 0) {
		sq_error("%s: no address column (地址, or 楼号/单元/室号); "
		    "name one of them in the header (see shequ(7))",
		    sq_reader_name(r));
		free(c.extra);
		free(c.fill);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	sq_rec_clear(&s->above);
	s->above_ok = 0;
	s->above_bad = 0;
	s->above_community[0] = '\0';
	while ((st = sq_reader_next(r, &rec)) > 0) {
		if (st == SQ_READ_BAD) {
			sq_rejects_add(s->rj, sq_reader_name(r), &rec, rec.err);
			/* the members below it are not the household above */
			s->above_ok = 0;
			s->above_bad = rec.line;
		} else {
			take_row(s, r, &c, &rec);
			sq_rec_copy(&s->above, &rec);
		}
		if (s->c.strict && sq_diag_status()) {
			st = 1;
			break;
		}
	}
	s->rows += sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	free(c.extra);
	free(c.fill);
	sq_reader_close(r);
	return st < 0 ? -1 : (st > 0 ? 1 : 0);
}

static int
by_key(const void *a, const void *b)
{
	return strcmp((*(struct household *const *)a)->str,
	    (*(struct household *const *)b)->str);
}

/*
 * Where the unit of a key starts ("-U01-"), and so where its building
 * ends: after the B part, which comes after any C, Z and L parts.
 */
static const char *
unit_part(const char *key)
{
	const char *p = key;
	int seen_b = 0;

	for (;;) {
		if (seen_b && p[0] == 'U')
			return p - 1;
		if (p[0] == 'B')
			seen_b = 1;
		if ((p = strchr(p, '-')) == NULL)
			return NULL;
		p++;
	}
}

static const char *
renamed_key(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;

	*len = strlen(s->rename_old[i]);
	return s->rename_old[i];
}

/* The strings of src fill the blanks of dst (the row first read). */
static void
merge_household(struct state *s, struct household *dst,
    const struct household *src)
{
	size_t n = src->nstr > dst->nstr ? src->nstr : dst->nstr;
	const char *v[64 + S_EXTRA];
	size_t len[64 + S_EXTRA];

	for (size_t i = 0; i < n; i++) {
		v[i] = hstr(dst, i);
		if (*v[i] == '\0')
			v[i] = hstr(src, i);
		len[i] = strlen(v[i]);
	}
	set_strings(s, dst, v, len, n);
	for (int f = 0; f < NFLAGS; f++)
		flag_merge(dst, f, flag_get(src, f));
	if (src->members != MEMBERS_UNKNOWN) {
		if (dst->members == MEMBERS_UNKNOWN)
			dst->members = src->members;
		else if (s->any_resident)	/* rows of people: both count */
			dst->members = dst->members + src->members > MEMBERS_MAX ?
			    MEMBERS_MAX : dst->members + src->members;
		else if (src->members > dst->members)
			dst->members = src->members;
	}
	if (src->max_age > dst->max_age)
		dst->max_age = src->max_age;
	dst->has_head |= src->has_head;
	if (dst->grid == 0)
		dst->grid = src->grid;
}

static int
by_line(const void *a, const void *b)
{
	uint32_t la = (*(struct household *const *)a)->line;
	uint32_t lb = (*(struct household *const *)b)->line;

	return (la > lb) - (la < lb);
}

/*
 * One-unit buildings.  A building in which the roster names no unit but
 * 1 has one unit, and its households are keyed without it (U00, unit
 * left empty): "12号楼502室" and 楼号 12, 单元 1, 房号 502 are one flat,
 * one key, whichever way the roster writes it.  Rows of one flat written
 * both ways are merged, as duplicates are.  order[] holds the households
 * in key order; what is merged is taken out of it.  Returns how many are
 * left.
 */
static size_t
one_unit_buildings(struct state *s, struct household **order, size_t n)
{
	size_t out = 0;
	const char *file = s->nfiles == 1 ? s->files[0] : NULL;

	for (size_t i = 0; i < n;) {
		const char *u = unit_part(order[i]->str);
		size_t plen = u ? (size_t)(u - order[i]->str) : 0, j = i + 1;
		int only_one = u != NULL, any_one = 0;
		/* the building: keys that agree up to "-U" */
		while (j < n && u && strncmp(order[j]->str, order[i]->str, plen) == 0 &&
		    strncmp(order[j]->str + plen, "-U", 2) == 0)
			j++;
		for (size_t k = i; k < j && only_one; k++) {
			const char *unit = order[k]->str + plen + 2;
			if (strncmp(unit, "01-", 3) == 0)
				any_one = 1;
			else if (strncmp(unit, "00-", 3) != 0)
				only_one = 0;
		}
		if (!only_one || !any_one) {
			/* units elsewhere in the building, none in this row */
			for (size_t k = i; k < j && !only_one; k++)
				if (strncmp(order[k]->str + plen + 2, "00-", 3) == 0)
					sq_warn(file, order[k]->line, "%s names no "
					    "unit, and building %s has several; "
					    "kept as a household of its own",
					    order[k]->str, hstr(order[k], S_BUILDING));
			while (i < j)
				order[out++] = order[i++];
			continue;
		}
		/* rekey U01 as U00, then merge what became one key */
		size_t start = out;
		for (size_t k = i; k < j; k++) {
			struct household *h = order[k];
			if (strncmp(h->str + plen + 2, "01-", 3) == 0) {
				const char *v[64 + S_EXTRA];
				size_t len[64 + S_EXTRA];
				char key[SQ_ADDR_KEYMAX + 8];
				snprintf(key, sizeof(key), "%.*s-U00%s", (int)plen,
				    h->str, h->str + plen + 4);
				for (size_t f = 0; f < h->nstr; f++) {
					v[f] = f == S_KEY ? key : f == S_UNIT ? "" :
					    hstr(h, f);
					len[f] = strlen(v[f]);
				}
				const char *old = h->str;
				set_strings(s, h, v, len, h->nstr);
				if (s->spool) {
					s->rename_old = sq_xrealloc(s->rename_old,
					    (s->nrename + 1) * sizeof(char *));
					s->rename_new = sq_xrealloc(s->rename_new,
					    (s->nrename + 1) * sizeof(char *));
					s->rename_old[s->nrename] = (char *)old;
					s->rename_new[s->nrename] = h->str;
					sq_hmap_put(&s->renamed, old, strlen(old),
					    (uint32_t)s->nrename++);
				}
			}
			order[out++] = h;
		}
		/* the building's households by key, then the first read first */
		qsort(order + start, out - start, sizeof(*order), by_key);
		size_t w = start;
		for (size_t k = start; k < out;) {
			size_t e = k + 1;
			while (e < out && strcmp(order[e]->str, order[k]->str) == 0)
				e++;
			qsort(order + k, e - k, sizeof(*order), by_line);
			for (size_t m = k + 1; m < e; m++) {
				merge_household(s, order[k], order[m]);
				s->merged++;
				sq_warn(file, order[m]->line, "same household as "
				    "line %u (%s, a building of one unit): merged "
				    "into it", order[k]->line, order[k]->str);
			}
			order[w++] = order[k];
			k = e;
		}
		out = w;
		i = j;
	}
	return out;
}

/* The residents' rows, from the spool, with the households' final keys. */
static int
write_residents(struct state *s)
{
	char *f[6] = { NULL };
	size_t cap[6] = { 0 }, len[6];
	uint32_t l;
	int done = 0;

	if (fflush(s->spool) != 0 || fseek(s->spool, 0, SEEK_SET) != 0) {
		sq_error("residents: cannot read back the temporary file");
		return -1;
	}
	while (!done) {
		for (int i = 0; i < 6; i++) {
			if (fread(&l, sizeof(l), 1, s->spool) != 1) {
				done = 1;
				break;
			}
			if (l + 1 > cap[i]) {
				cap[i] = l + 1;
				f[i] = sq_xrealloc(f[i], cap[i]);
			}
			if (fread(f[i], 1, l, s->spool) != l) {
				done = 1;
				break;
			}
			f[i][l] = '\0';
			len[i] = l;
		}
		if (done)
			break;
		const char *v[6] = { f[0], f[1], f[2], f[3], f[4], f[5] };
		long k = s->nrename ? sq_hmap_get(&s->renamed, f[0], len[0]) : -1;
		if (k >= 0) {
			v[0] = s->rename_new[k];
			len[0] = strlen(v[0]);
		}
		sq_writer_fields(s->residents, v, len, 6);
	}
	for (int i = 0; i < 6; i++)
		free(f[i]);
	if (ferror(s->spool)) {
		sq_error("residents: cannot read back the temporary file");
		return -1;
	}
	return 0;
}

static const char *
column_name(const struct state *s, const char *canon)
{
	const char *zh = s->zh ? sq_aliases_first(s->aliases, canon) : NULL;

	return zh ? zh : canon;
}

/* What a written column may not be called: a name already in the header,
 * or another passed-through column's. */
struct names_so_far {
	const struct sq_rec *names;
	const struct state *s;
};

static int
in_header(const struct sq_rec *names, const char *name)
{
	for (size_t i = 0; i < names->nf; i++)
		if (strcmp(sq_rec_get(names, i), name) == 0)
			return 1;
	return 0;
}

static int
name_taken(const char *name, void *arg)
{
	const struct names_so_far *n = arg;

	if (in_header(n->names, name))
		return 1;
	for (size_t i = 0; i < n->s->nextra; i++)
		if (strcmp(n->s->extra_names[i], name) == 0)
			return 1;
	return 0;
}

/*
 * A passed-through column named as one sq-ingest writes (a roster's own
 * hh, an export of an earlier run) keeps its cells under NAME_2 (_3, ...),
 * as csvkit does: two columns of one name would make every later program
 * read the wrong one.
 */
static void
push_unique_name(struct sq_rec *names, const struct state *s, const char *name)
{
	struct names_so_far taken = { names, s };
	char alt[SQ_NAME_MAX];

	if (!in_header(names, name)) {
		sq_rec_push(names, name, strlen(name));
		return;
	}
	sq_name_free_suffix(alt, name, NULL, name_taken, &taken);
	sq_warn(NULL, 0, _("the input's column '%s' is written as '%s': "
	    "'%s' is the column sq-ingest makes"), name, alt, name);
	sq_rec_push(names, alt, strlen(alt));
}

static int
write_households(struct state *s, struct sq_writer *w)
{
	static const char *const fixed[] = { "hh", "community", "building",
	    "unit", "room", "name", "phone", "members" };
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]);
	size_t ncols = nfixed + NFLAGS + 1 + s->nextra;
	struct sq_rec names;
	const char **v = sq_xcalloc(ncols, sizeof(*v));
	size_t *len = sq_xcalloc(ncols, sizeof(*len));
	char members[8];

	sq_rec_init(&names);
	for (size_t i = 0; i < nfixed; i++) {
		const char *n = column_name(s, fixed[i]);
		sq_rec_push(&names, n, strlen(n));
	}
	for (int f = 0; f < NFLAGS; f++) {
		const char *n = column_name(s, flag_names[f]);
		sq_rec_push(&names, n, strlen(n));
	}
	const char *g = column_name(s, "grid");
	sq_rec_push(&names, g, strlen(g));
	for (size_t i = 0; i < s->nextra; i++)
		push_unique_name(&names, s, s->extra_names[i]);
	sq_writer_header(w, &names);
	sq_rec_free(&names);

	/* sort pointers, not the records: qsort moves 8 bytes, not 24 */
	struct household **order = sq_xmalloc((s->nhh + 1) * sizeof(*order));
	for (size_t k = 0; k < s->nhh; k++)
		order[k] = &s->hh[k];
	qsort(order, s->nhh, sizeof(*order), by_key);
	size_t nout = one_unit_buildings(s, order, s->nhh);
	s->written = nout;
	for (size_t k = 0; k < nout; k++) {
		struct household *h = order[k];
		const char *p = h->str;
		size_t i = 0;

		/* the strings in order: key, building, unit, room, name, phone */
		const char *str[S_EXTRA];
		size_t slen[S_EXTRA];
		for (int j = 0; j < S_EXTRA; j++) {
			str[j] = j < h->nstr ? p : "";
			slen[j] = strlen(str[j]);
			if (j < h->nstr)
				p += slen[j] + 1;
		}
		v[i] = str[S_KEY]; len[i++] = slen[S_KEY];
		v[i] = s->intern.n ? s->intern.s[h->community] : "";
		len[i] = strlen(v[i]); i++;
		for (int j = S_BUILDING; j <= S_PHONE; j++) {
			v[i] = str[j];
			len[i++] = slen[j];
		}
		if (h->members == MEMBERS_UNKNOWN) {
			v[i] = "";
			len[i++] = 0;
		} else {
			len[i] = h->members >= 10 ? 2 : 1;
			members[0] = (char)(h->members >= 10 ?
			    '0' + h->members / 10 : '0' + h->members);
			members[1] = (char)('0' + h->members % 10);
			v[i++] = members;
		}
		/* one person of age living alone: elderly_alone, unless said */
		if (h->members == 1 && h->max_age >= s->elderly_age &&
		    flag_get(h, F_ELDERLY) == TRI_UNKNOWN)
			flag_set(h, F_ELDERLY, TRI_TRUE);
		for (int f = 0; f < NFLAGS; f++) {
			int t = flag_get(h, f);
			v[i] = t == TRI_TRUE ? "true" : t == TRI_FALSE ? "false" : "";
			len[i] = strlen(v[i]);
			i++;
		}
		v[i] = s->intern.n ? s->intern.s[h->grid] : "";
		len[i] = strlen(v[i]);
		i++;
		for (size_t e = 0; e < s->nextra; e++) {
			const char *x = S_EXTRA + e < h->nstr ? p : "";
			v[i] = x;
			len[i++] = strlen(x);
			if (S_EXTRA + e < h->nstr)
				p += strlen(x) + 1;
		}
		sq_writer_fields(w, v, len, ncols);
	}
	free(order);
	free(v);
	free(len);
	return 0;
}

static void
open_residents(struct state *s)
{
	static const char *const names[] = { "hh", "name", "relation",
	    "phone", "age", "id" };
	struct sq_rec h;

	if (s->residents_path == NULL)
		return;
	s->residents = sq_writer_open(s->residents_path, &s->c.out);
	if (s->residents == NULL)
		exit(SQ_EXIT_USAGE);
	if ((s->spool = tmpfile()) == NULL) {
		sq_error("residents: cannot make a temporary file: %s",
		    strerror(errno));
		exit(SQ_EXIT_USAGE);
	}
	sq_rec_init(&h);
	for (size_t i = 0; i < 6; i++) {
		const char *n = column_name(s, names[i]);
		sq_rec_push(&h, n, strlen(n));
	}
	sq_writer_header(s->residents, &h);
	sq_rec_free(&h);
}

static int
this_year(const char *date)
{
	char ymd[11];
	const char *why;

	if (date) {
		if (sq_date_parse(date, strlen(date), 0, ymd, &why) != SQ_VAL_OK)
			sq_usage_error(synopsis, "--date '%s': %s", date, why);
		return atoi(ymd);
	}
	sq_date_today(ymd, NULL);
	return atoi(ymd);
}

/* what the options set beyond the state: the --date to count ages from */
struct args {
	struct state *s;
	const char *date;
};

static void
option(void *ctx, int ch, char *arg)
{
	struct args *a = ctx;
	struct state *s = a->s;

	switch (ch) {
	case 'r': s->mode = 2; break;
	case '1': s->mode = 1; break;
	case 'P': s->residents_path = arg; break;
	case 'F': s->fill_cols = arg; break;
	case 'Z': s->zh = 1; break;
	case 'd': a->date = arg; break;
	case 'A':
		s->elderly_age = (int)sq_opt_long(arg, 1, 120,
		    "--elderly-age", synopsis);
		break;
	}
}

/* the options; FILE... left in *argcp, *argvp */
static void
parse_args(int *argcp, char ***argvp, struct state *s)
{
	static const struct option longopts[] = {
		SQ_COMMON_LONGOPTS,
		{ "per-resident",  no_argument,       NULL, 'r' },
		{ "per-household", no_argument,       NULL, '1' },
		{ "residents",     required_argument, NULL, 'P' },
		{ "fill-down",     required_argument, NULL, 'F' },
		{ "zh",            no_argument,       NULL, 'Z' },
		{ "date",          required_argument, NULL, 'd' },
		{ "elderly-age",   required_argument, NULL, 'A' },
		{ "help",          no_argument,       NULL, 'h' },
		{ "version",       no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct sq_prog prog = {
		synopsis, "r1P:F:Zd:A:", longopts, 0, usage, option };
	struct args a = { s, NULL };

	s->fill_cols = "community";
	s->elderly_age = 60;
	int first = sq_prog_options(&prog, &s->c, &a, *argcp, *argvp);
	*argcp -= first;
	*argvp += first;
	s->ref_year = this_year(a.date);
}

/* the rules files and the indexes; -1 when a rules file cannot be read */
static int
state_open(struct state *s)
{
	s->c.tables = "households";
	if ((s->aliases = sq_load_aliases(&s->c)) == NULL)
		return -1;
	char *vpath = sq_datafile(&s->c, "vulnerable.txt");
	s->vulnerable = sq_keywords_load(vpath);
	free(vpath);
	if (s->vulnerable == NULL)
		return -1;
	s->c.in.aliases = s->aliases;
	s->c.in.canonical = 1;
	sq_hmap_init(&s->index, hh_key, s);
	sq_hmap_init(&s->renamed, renamed_key, s);
	sq_hmap_init(&s->intern.map, intern_key, &s->intern);
	sq_rec_init(&s->above);
	return 0;
}

static void
state_free(struct state *s)
{
	sq_rec_free(&s->above);
	if (s->spool)
		fclose(s->spool);
	sq_hmap_free(&s->renamed);
	free(s->rename_old);
	free(s->rename_new);
	sq_hmap_free(&s->index);
	sq_hmap_free(&s->intern.map);
	for (size_t i = 0; i < s->intern.n; i++)
		free(s->intern.s[i]);
	free(s->intern.s);
	for (size_t i = 0; i < s->nextra; i++)
		free(s->extra_names[i]);
	free(s->extra_names);
	for (size_t i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	free(s->hh);
	sq_arena_free(&s->arena);
	sq_keywords_free(s->vulnerable);
	sq_aliases_free(s->aliases);
}

/*
 * The households (and residents) out, all or nothing, and the summary
 * line, whose counts must add up: every row read is written, merged or
 * rejected.  Returns 0, or -1 when an output could not be written.
 */
static int
finish(struct state *s, struct sq_writer *w, int failed, int stopped)
{
	long rejected = sq_rejects_count(s->rj);

	if (failed || stopped) {
		sq_writer_abort(w);
		if (s->residents)
			sq_writer_abort(s->residents);
		sq_rejects_close(s->rj);
		if (stopped)
			sq_note("stopped at the first data problem (--strict); "
			    "no output written");
		return failed ? -1 : 0;
	}
	write_households(s, w);
	if (sq_writer_close(w) < 0)
		failed = 1;
	if (s->residents && write_residents(s) < 0)
		failed = 1;
	if (s->residents && sq_writer_close(s->residents) < 0)
		failed = 1;
	if (sq_rejects_close(s->rj) < 0)
		failed = 1;
	if (failed)
		return -1;
	sq_note("%ld row%s read: %zu household%s written, %ld merged, "
	    "%ld rejected%s", s->rows, s->rows == 1 ? "" : "s", s->written,
	    s->written == 1 ? "" : "s", s->merged, rejected, s->bad_values ?
	    "; some values were bad (see above)" : "");
	if (s->rows != (long)s->written + s->merged + rejected)
		sq_fatal("internal error: %ld rows read but %zu + %ld + %ld "
		    "accounted for; please report", s->rows, s->written,
		    s->merged, rejected);
	return 0;
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = { "-", NULL };
	static struct state s;
	struct sq_writer *w;
	int failed = 0, stopped = 0;

	sq_start(argc, argv);
	sq_common_init(&s.c);
	parse_args(&argc, &argv, &s);
	if (state_open(&s) < 0)
		return SQ_EXIT_USAGE;
	if ((s.rj = sq_rejects_open(s.c.rejects)) == NULL)
		return SQ_EXIT_USAGE;
	if ((w = sq_writer_open(s.c.output, &s.c.out)) == NULL)
		return SQ_EXIT_USAGE;
	open_residents(&s);
	for (char **f = argc ? argv : stdin_only; *f && !stopped; f++) {
		int rc = ingest_file(&s, *f);
		if (rc < 0)
			failed = 1;
		else if (rc > 0)
			stopped = 1;
	}
	if (finish(&s, w, failed, stopped) < 0)
		failed = 1;
	state_free(&s);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
