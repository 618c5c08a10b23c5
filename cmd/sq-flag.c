/*
 * sq-flag — who did not report today, who has a fever, and whose follow-up
 * list each case goes on.
 *
 * The roster is held in memory (its keys and a few bytes a household); the
 * check-ins stream past.  History comes from check-ins of earlier days given
 * with today's, and from a state file that a daily cron job reads and
 * rewrites, so it never re-reads weeks of exports.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "hmap.h"
#include "keywords.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "resolve.h"
#include "rowaddr.h"
#include "strtab.h"
#include "text.h"
#include "value.h"
#include "words.h"
#include "writer.h"

static const char synopsis[] =
    "sq-flag [-a] [-d date] [-f temp] [-s state] [-L dir] [-Y file] "
    "HOUSEHOLDS CHECKINS...";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Compare the households table (from sq-ingest) with the day's health\n"
"check-in exports and write the flags table: households that did not report\n"
"(unreported), reported a fever or symptoms, or a reading that cannot be\n"
"read, with how many days in a row they have been silent and a priority,\n"
"sorted by grid worker.  Check-ins from addresses not in the roster come\n"
"out as unknown_household rows with the nearest household.  HOUSEHOLDS may\n"
"be - for standard input.\n\n", synopsis);
	printf(
"  -d, --date DATE          the day checked (default: today)\n"
"  -f, --fever TEMP         fever from this temperature in °C (default 37.3)\n"
"  -a, --all                every household, not only the flagged ones\n"
"  -s, --state FILE         days of history: read it, and write it back\n"
"  -L, --split DIR          one follow-up list (待跟进) per grid worker in DIR\n"
"  -F, --split-format FMT   the lists as csv (default) or xlsx\n"
"  -Y, --summary FILE       counts for the bulletin, as JSON\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-flag -d 2022-04-10 households.csv 打卡-0410.csv > flags.csv\n"
"  sq-flag -s state.csv -L lists -Y summary.json households.csv today/*.csv\n");
}

enum status {
	ST_FEVER, ST_SYMPTOMS, ST_BAD_READING, ST_UNREPORTED, ST_UNKNOWN, ST_OK,
	NSTATUS
};
static const char *const status_names[NSTATUS] = {
	"fever", "symptoms", "bad_reading", "unreported", "unknown_household",
	"ok",
};

enum { F_ELDERLY, F_CHRONIC, F_DISABLED, F_PREGNANT, F_INFANT, NFLAGS };
static const char *const flag_names[NFLAGS] = {
	"elderly_alone", "chronic", "disabled", "pregnant", "infant",
};

static const char *const out_cols[] = {
	"hh", "building", "unit", "room", "grid", "phone", "status", "reason",
	"missed_days", "vulnerable", "priority", "community", "name",
	"temperature",
};
#define NOUT (sizeof(out_cols) / sizeof(out_cols[0]))

/*
 * The words of a table: the codes and column names (the flags table, for
 * the next program), or the labels a person reads (the lists), looked up
 * once from share/flag/LANG/words.conf, not per row.
 */
struct labels {
	const char *status[NSTATUS], *flag[NFLAGS], *sep, *col[NOUT];
};

enum { S_KEY, S_BUILDING, S_UNIT, S_ROOM, S_NAME, S_PHONE, NSTR };

#define NO_DAY	INT_MIN
#define NO_TEMP	INT16_MIN

/*
 * 48 bytes and one block of text: a district's roster is a million of
 * these, and the memory they touch is most of sq-flag's time.
 */
struct household {
	char	*text;		/* hh, building, unit, room, name, phone: */
				/* NSTR strings one after another */
	uint32_t note;		/* reason detail (symptoms, bad reading): */
				/* 1 + its place in notes[], or 0 */
	uint32_t community, grid;
	int32_t	 last;		/* last day reported before the day checked */
	int32_t	 since;		/* first day tracked */
	int32_t	 missed;
	uint32_t hash;		/* of the key, while the index is built */
	int32_t	 line;		/* in the roster */
	int16_t	 temp10;	/* highest temperature today, tenths of °C */
	uint16_t keylen;
	uint8_t	 vuln;		/* bit per flag */
	uint8_t	 reported:1, symptoms:1, bad:1;
	uint8_t	 status, tier;
};

_Static_assert(sizeof(struct household) <= 48, "a household grew");

/* String k (S_KEY...) of a household. */
static const char *
hstr(const struct household *h, int k)
{
	const char *p = h->text;

	while (k-- > 0)
		p += strlen(p) + 1;
	return p;
}

/* An output row: a household, or a check-in from an unknown address. */
struct flagrow {
	struct household *h;
	char	*key, *building, *unit, *room, *name, *reason;
	uint32_t grid, community;
	uint8_t	 tier;
	uint8_t	 status;	/* of a check-in from an unknown address */
	int16_t	 temp10;	/* its reading, or NO_TEMP */
	int32_t	 missed;
	uint8_t	 longkey;	/* the key is 16 bytes or more */
	uint64_t kp[2];		/* its first 16 bytes, big-endian, 0-padded */
};

/*
 * The key's first bytes as numbers that compare as strcmp() does: most
 * comparisons of the sort end there (keys have no NUL byte).
 */
static void
key_prefix(struct flagrow *f)
{
	size_t n = strnlen(f->key, 16);

	f->longkey = n == 16;
	for (int w = 0; w < 2; w++) {
		uint64_t v = 0;
		for (size_t i = 0; i < 8; i++) {
			size_t at = (size_t)w * 8 + i;
			v = v << 8 | (at < n ? (unsigned char)f->key[at] : 0);
		}
		f->kp[w] = v;
	}
}

struct state {
	struct sq_common c;
	int	 day, year;
	char	 date[11];
	double	 fever;
	int	 all;
	struct sq_words *words, *words_zh;
	struct sq_buf scratch;		/* arena_say's */
	char	*said_today, *said_symptoms;	/* said once, not per row */
	struct labels person, machine;	/* the lists', the flags table's */
	const char *state_path, *split_dir, *summary_path;
	int	 split_xlsx;		/* -F xlsx: the lists as workbooks */

	struct sq_aliases *aliases;
	struct sq_keywords *symptom_words;
	struct sq_arena arena;
	struct household *hh;
	size_t	 nhh, caphh;
	struct sq_resolver *res;	/* check-in -> household (resolve.h) */
	char	**names;	/* interned communities and grid workers */
	size_t	*namelen;
	uint32_t *rank;		/* of each name in strcmp order, for sorting */
	size_t	 nnames, capnames;
	struct sq_hmap name_index;
	uint32_t recent[2];
	unsigned nrecent;
	int	 communities;		/* the roster has several */
	int	 roster_sorted;		/* hh[] is in key order (sq-ingest's) */

	char	**notes;		/* see household.note */
	size_t	 nnotes, capnotes;
	struct flagrow *unknown;
	size_t	 nunknown, capunknown;

	/* state rows of households not in today's roster: kept as read */
	char	*(*away)[5];
	size_t	 naway, capaway;
	/* households the roster's gone column says have left: their state
	   rows are dropped (the one way a history ends) */
	struct sq_strtab gone;
	long	 ngone, gone_state;

	struct sq_rejects *rj;
	int	 window_start;
	long	 ci_rows, ci_today, ci_merged, ci_history, ci_future,
		 ci_unknown, ci_earlier_unknown, bad_temps;
	long	 ci_implied;		/* found with a part left out */
	long	 unknown_count[NSTATUS];	/* unknown rows by status */
	long	 roster_dups;
};

static const char *
key_of(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;

	*len = s->hh[i].keylen;
	return s->hh[i].text;
}

static const char *
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
static void
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
 * Index the roster once it is read, each key hashed as it was read: the
 * slot of the key a few rows ahead is fetched while this one goes in, so
 * the cache misses of a big table overlap.  Households in the roster twice
 * keep their first row (and are told, in line order); the array closes up
 * over the later ones.
 */
static void
index_households(struct state *s, const char *file)
{
	enum { AHEAD = 8 };
	size_t kept = 0;

	s->roster_sorted = 1;
	sq_resolver_reserve(s->res, s->nhh);
	for (size_t i = 0; i < s->nhh; i++) {
		if (i + AHEAD < s->nhh)
			sq_resolver_prefetch(s->res, s->hh[i + AHEAD].hash);
		struct household *h = &s->hh[i];
		long dup = sq_resolver_add_h(s->res, h->hash, h->text,
		    h->keylen, (uint32_t)kept);
		if (dup >= 0) {
			s->roster_dups++;
			sq_warn(file, h->line, "household %s is in the roster "
			    "twice; kept the first", h->text);
			continue;
		}
		if (kept != i)
			s->hh[kept] = *h;
		/* while the keys are at hand: is the roster in key order? */
		if (kept > 0 && s->roster_sorted &&
		    strcmp(s->hh[kept - 1].text, s->hh[kept].text) > 0)
			s->roster_sorted = 0;
		kept++;
	}
	s->nhh = kept;
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

static int
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
	long cgone = sq_reader_col(r, "gone");
	for (int f = 0; f < NFLAGS; f++)
		flag[f] = sq_reader_col(r, flag_names[f]);
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
	size_t guess = 4096;
	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && sb.st_size > 0) {
		if ((size_t)sb.st_size / 60 > guess)
			guess = (size_t)sb.st_size / 60;
		sq_resolver_reserve(s->res, (size_t)sb.st_size / 120);
	}
	grow_households(s, guess);
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
		h->hash = sq_hash(key, len);
		h->keylen = (uint16_t)len;
		h->line = (int32_t)(rec.line < INT32_MAX ? rec.line : INT32_MAX);
		const char *p = sq_rec_cell_trim(&rec, comm, &len);
		h->community = intern(s, p, len);
		p = sq_rec_cell_trim(&rec, grid, &len);
		h->grid = intern(s, p, len);
		for (int f = 0; f < NFLAGS; f++) {
			p = sq_rec_cell_trim(&rec, flag[f], &len);
			if (sq_bool_parse(p, len) == 1)
				h->vuln |= (uint8_t)(1u << f);
		}
		h->last = h->since = NO_DAY;
		h->temp10 = NO_TEMP;
		s->nhh++;
	}
	sq_rec_free(&rec);
	index_households(s, sq_reader_name(r));
	sq_reader_close(r);
	for (size_t i = 1; i < s->nhh && !s->communities; i++)
		if (s->hh[i].community != s->hh[0].community)
			s->communities = 1;
	return st < 0 ? -1 : 0;
}

/* ---- the state file: days of history without re-reading exports ------ */

static int
parse_day(const char *p, size_t len)
{
	char ymd[11];
	const char *why;

	if (len == 0 || sq_date_parse(p, len, 0, ymd, &why) != SQ_VAL_OK)
		return NO_DAY;
	return sq_date_days(ymd);
}

/* A household by its key, as the resolver finds it (an older key too). */
static long
find_household(struct state *s, const char *key, size_t len)
{
	struct sq_res r;

	sq_resolve(s->res, key, len, &r);
	return r.kind == SQ_RES_EXACT || r.kind == SQ_RES_IMPLIED ? r.id : -1;
}

static int
load_state(struct state *s)
{
	struct stat sb;
	struct sq_reader_opts o = { 0 };
	struct sq_rec rec;
	int st;

	if (s->state_path == NULL || stat(s->state_path, &sb) < 0)
		return 0;	/* the first run: no history yet */
	struct sq_reader *r = sq_reader_open(s->state_path, &o);
	if (r == NULL)
		return -1;
	long ck = sq_reader_col(r, "hh"), cl = sq_reader_col(r, "last"),
	    cp = sq_reader_col(r, "prev"), cs = sq_reader_col(r, "since"),
	    ca = sq_reader_col(r, "as_of");
	if (ck < 0 || cl < 0 || cs < 0 || ca < 0) {
		sq_error("%s: not a sq-flag state file (hh, last, prev, since, "
		    "as_of)", s->state_path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		if (st == SQ_READ_BAD) {
			sq_problem(s->state_path, rec.line, "%s", rec.err);
			continue;
		}
		/* a date that does not read is an error, not a new start */
		static const char *const what[] = { "last", "prev", "since",
		    "as_of" };
		long cols[4] = { cl, cp, cs, ca };
		int days[4];
		for (int k = 0; k < 4; k++) {
			p = cols[k] < 0 ? "" : sq_rec_cell_trim(&rec, cols[k], &len);
			if (cols[k] < 0)
				len = 0;
			days[k] = parse_day(p, len);
			if (len && days[k] == NO_DAY) {
				sq_error("%s:%ld: %s '%.*s' is not a date "
				    "(YYYY-MM-DD); correct the line or delete "
				    "it (that household's history starts again)",
				    s->state_path, rec.line, what[k], (int)len, p);
				st = -1;
				break;
			}
		}
		if (st < 0)
			break;
		int as_of = days[3];
		if (as_of != NO_DAY && as_of > s->day) {
			p = sq_rec_cell_trim(&rec, ca, &len);
			sq_error("%s: the state is as of %.*s, after --date %s; "
			    "give the right --date or another --state",
			    s->state_path, (int)len, p, s->date);
			st = -1;
			break;
		}
		p = sq_rec_cell_trim(&rec, ck, &len);
		long i = find_household(s, p, len);
		if (i < 0 && sq_strtab_find(&s->gone, p, len) >= 0) {
			s->gone_state++;	/* the roster says it left */
			continue;
		}
		if (i < 0) {
			/* not in today's roster (a row rejected, a typo): its
			   history is kept until it is back, or gone */
			if (s->naway == s->capaway) {
				s->capaway = s->capaway ? 2 * s->capaway : 64;
				s->away = sq_xrealloc(s->away,
				    s->capaway * sizeof(*s->away));
			}
			long c5[5] = { ck, cl, cp, cs, ca };
			for (int k = 0; k < 5; k++) {
				size_t l = 0;
				const char *v = c5[k] < 0 ? "" :
				    sq_rec_cell_trim(&rec, c5[k], &l);
				s->away[s->naway][k] = sq_arena_strndup(&s->arena,
				    v, c5[k] < 0 ? 0 : l);
			}
			s->naway++;
			continue;
		}
		struct household *h = &s->hh[i];
		int last = days[0];
		int prev = days[1];
		h->since = days[2];
		/* a re-run of the same day: what was known before it */
		h->last = last != NO_DAY && last >= s->day ? prev : last;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

static int
write_state(struct state *s)
{
	struct sq_writer_opts wo = { .format = SQ_OUT_CSV };
	struct sq_writer *w;
	struct sq_rec names;
	static const char *const cols[] = { "hh", "last", "prev", "since",
	    "as_of" };

	if (s->state_path == NULL)
		return 0;
	if ((w = sq_writer_open(s->state_path, &wo)) == NULL)
		return -1;
	sq_rec_init(&names);
	for (size_t i = 0; i < 5; i++)
		sq_rec_push(&names, cols[i], strlen(cols[i]));
	sq_writer_header(w, &names);
	sq_rec_free(&names);
	for (size_t i = 0; i < s->nhh; i++) {
		struct household *h = &s->hh[i];
		char last[11] = "", prev[11] = "", since[11] = "";
		int l = h->reported ? s->day : h->last;
		int p = h->reported ? h->last : NO_DAY;
		if (l != NO_DAY)
			sq_date_from_days(l, last);
		if (p != NO_DAY)
			sq_date_from_days(p, prev);
		sq_date_from_days(h->since != NO_DAY ? h->since :
		    s->window_start, since);
		const char *v[5] = { h->text, last, prev, since, s->date };
		size_t len[5];
		for (int k = 0; k < 5; k++)
			len[k] = strlen(v[k]);
		sq_writer_fields(w, v, len, 5);
	}
	for (size_t i = 0; i < s->naway; i++) {
		size_t len[5];
		for (int k = 0; k < 5; k++)
			len[k] = strlen(s->away[i][k]);
		sq_writer_fields(w, (const char *const *)s->away[i], len, 5);
	}
	if (s->naway)
		sq_warn(s->state_path, 0, "%zu household%s of the state not in "
		    "today's roster: %s history kept until %s back (or the "
		    "roster's gone column says %s left)", s->naway,
		    s->naway == 1 ? "" : "s", s->naway == 1 ? "its" : "their",
		    s->naway == 1 ? "it is" : "they are",
		    s->naway == 1 ? "it" : "they");
	if (s->gone_state)
		sq_note("%s: %ld household%s of the state gone (the roster's "
		    "gone column): %s history closed", s->state_path,
		    s->gone_state, s->gone_state == 1 ? "" : "s",
		    s->gone_state == 1 ? "its" : "their");
	free(s->away);
	return sq_writer_close(w);
}

/* ---- check-ins -------------------------------------------------------- */

struct cicols {
	struct sq_rowaddr addr;
	long	 date, time, temp, symptoms, name;
	/* the last date cell read: a day's export says the same date */
	char	 last_date[32];
	size_t	 last_len;
	int	 last_day;
	/* symptom cells said before: a day's export has a handful */
	struct {
		uint8_t	 len, some;	/* len 0: empty slot */
		char	 text[30];
	} said[64];
};

/* Symptoms: yes/no, or free text matched against symptoms.txt. */
static int
has_symptoms(const struct state *s, const char *p, size_t len)
{
	int b = sq_bool_parse(p, len);

	if (b == 1)
		return 1;
	if (b == 0 || b == -1)
		return 0;
	long none = sq_keywords_find(s->symptom_words, "none");
	long some = sq_keywords_find(s->symptom_words, "symptom");
	uint64_t hits = sq_keywords_match(s->symptom_words, p, len);
	if (some >= 0 && (hits >> some & 1))
		return 1;
	if (none >= 0 && (hits >> none & 1))
		return 0;
	return 1;	/* text we do not know: a person should look */
}

/* has_symptoms() remembered for short cells: the keyword match is slow */
static int
symptoms_said(const struct state *s, struct cicols *c, const char *p,
    size_t len)
{
	if (len > sizeof(c->said[0].text))
		return has_symptoms(s, p, len);
	uint32_t h = sq_hash(p, len) % (sizeof(c->said) / sizeof(c->said[0]));
	if (c->said[h].len == len && memcmp(c->said[h].text, p, len) == 0)
		return c->said[h].some;
	int some = has_symptoms(s, p, len);
	c->said[h].len = (uint8_t)len;
	c->said[h].some = (uint8_t)some;
	memcpy(c->said[h].text, p, len);
	return some;
}

static char *
arena_printf(struct sq_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *
arena_printf(struct sq_arena *a, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	return sq_arena_strndup(a, buf, (size_t)n);
}

/* The words of key (share/flag/LANG), places filled, in the arena. */
static char *
arena_say(struct state *s, const char *key, ...)
    __attribute__((sentinel));

static char *
arena_say(struct state *s, const char *key, ...)
{
	va_list ap;

	s->scratch.len = 0;
	va_start(ap, key);
	sq_words_vsay(s->words, &s->scratch, key, ap);
	va_end(ap);
	return sq_arena_strndup(&s->arena, s->scratch.len ? s->scratch.s : "",
	    s->scratch.len);
}

static void
set_note(struct state *s, struct household *h, char *note)
{
	if (h->note == 0) {
		if (s->nnotes == s->capnotes) {
			s->capnotes = s->capnotes ? 2 * s->capnotes : 64;
			s->notes = sq_xrealloc(s->notes, s->capnotes *
			    sizeof(*s->notes));
		}
		h->note = (uint32_t)++s->nnotes;
	}
	s->notes[h->note - 1] = note;
}

/* What a check-in says of the people in the flat. */
struct reading {
	int16_t	 temp10;	/* NO_TEMP: none */
	uint8_t	 symptoms, bad;
	char	*note;		/* the symptoms, or the reading not read */
};

/* 8:01, 上午8:01: a time of day, no date written before it (no / - 年 月
   nor a run of 5 digits or more: 2022/4/32, 20220410, an Excel serial) */
static int
time_only(const char *p, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '/' || p[i] == '-' || (i + 3 <= len &&
		    (memcmp(p + i, "年", 3) == 0 || memcmp(p + i, "月", 3) == 0)))
			return 0;
		run = p[i] >= '0' && p[i] <= '9' ? run + 1 : 0;
		if (run >= 5)
			return 0;
	}
	return 1;
}

/* The day of a check-in: its date cell, or the date in its time cell. */
static int
checkin_day(const struct state *s, struct cicols *c, const struct sq_rec *rec,
    const char **why)
{
	char ymd[11];
	size_t len;
	const char *p = sq_rec_cell_trim(rec, c->date, &len);
	int year = s->year;

	*why = NULL;
	if (len && len == c->last_len && memcmp(p, c->last_date, len) == 0)
		return c->last_day;
	if (len == 0) {
		p = sq_rec_cell_trim(rec, c->time, &len);
		if (len == 0 || time_only(p, len)) {
			*why = NULL;	/* a time alone: today's form */
			return s->day;
		}
		/* a date that does not read (2022/4/32 8:01) is not today's */
		if (sq_date_parse(p, len, year, ymd, why) != SQ_VAL_OK)
			return NO_DAY;
		return sq_date_days(ymd);
	}
	if (sq_date_parse(p, len, year, ymd, why) != SQ_VAL_OK)
		return NO_DAY;
	int day = sq_date_days(ymd);
	if (len < sizeof(c->last_date)) {
		memcpy(c->last_date, p, len);
		c->last_len = len;
		c->last_day = day;
	}
	return day;
}

/*
 * What a check-in row says, worked out before its household is looked up:
 * on the reading thread (sq_reader_prepare), so it says nothing and
 * changes nothing but *lk and the date it keeps.
 */
struct lookup {
	int	 day;		/* NO_DAY: unreadable, why says */
	int	 rc;		/* SQ_ROWADDR_... when the key was made */
	const char *why;
	uint32_t hash;
	size_t	 keylen;
	int	 temp_rc;	/* SQ_VAL_... of the temperature cell */
	int16_t	 temp10;	/* SQ_VAL_OK: tenths of °C */
	uint8_t	 symptoms;	/* the symptoms cell says some */
	const char *temp_why;	/* not SQ_VAL_OK nor SQ_VAL_EMPTY: why */
	struct sq_addr a;
	char	 key[SQ_ADDR_KEYMAX];
};

/* What look_checkin() reads: the state's fixed part, one file's columns. */
struct looking {
	const struct state *s;
	struct cicols *c;
};

/*
 * The day and the household key of a row, its reading, and a prefetch of
 * its slot in the index.
 */
static void
look_checkin(const struct state *s, struct cicols *c,
    const struct sq_rec *rec, struct lookup *lk)
{
	const char *p;
	size_t len;
	double t;

	lk->rc = SQ_ROWADDR_BAD;
	lk->day = checkin_day(s, c, rec, &lk->why);
	if (lk->day == NO_DAY || lk->day > s->day)
		return;
	lk->rc = sq_rowaddr_key(&c->addr, rec, NULL, 0, lk->key, &lk->a,
	    &lk->why);
	if (lk->rc == SQ_ROWADDR_OK) {
		/* a form without a community column, for a one-community roster */
		lk->keylen = sq_resolver_canon(s->res, lk->key, strlen(lk->key));
		lk->hash = sq_hash(lk->key, lk->keylen);
	}
	if (lk->day != s->day)
		return;		/* history: the reading is not looked at */
	p = sq_rec_cell_trim(rec, c->temp, &len);
	lk->temp_rc = sq_temp_parse(p, len, &t, &lk->temp_why);
	if (lk->temp_rc == SQ_VAL_OK)
		lk->temp10 = (int16_t)(int)(t * 10 + (t >= 0 ? 0.5 : -0.5));
	p = sq_rec_cell_trim(rec, c->symptoms, &len);
	lk->symptoms = len && symptoms_said(s, c, p, len);
}

/* look_checkin() as sq_reader_prepare() calls it. */
static void
prepare_checkin(void *ctx, const struct sq_rec *rec, int st, void *out)
{
	const struct looking *L = ctx;
	struct lookup *lk = out;

	lk->rc = SQ_ROWADDR_BAD;
	if (st != SQ_READ_BAD)
		look_checkin(L->s, L->c, rec, lk);
}

/*
 * The temperature and symptoms of a check-in: the same for a household of
 * the roster and an address not in it (a fever stays a fever).  The cells
 * were read by look_checkin(); here is what is said of them.
 */
static void
read_reading(struct state *s, const struct sq_reader *r, const struct cicols *c,
    const struct sq_rec *rec, const struct lookup *lk, struct reading *rd)
{
	const char *p;
	size_t len;

	rd->temp10 = NO_TEMP;
	rd->symptoms = rd->bad = 0;
	rd->note = NULL;
	if (lk->temp_rc == SQ_VAL_OK)
		rd->temp10 = lk->temp10;
	else if (lk->temp_rc != SQ_VAL_EMPTY) {
		p = sq_rec_cell_trim(rec, c->temp, &len);
		s->bad_temps++;
		sq_problem(sq_reader_name(r), rec->line, "%s '%.*s': %s",
		    sq_reader_rawname(r, (size_t)c->temp), (int)len, p,
		    lk->temp_why);
		rd->bad = 1;
		char value[64], where[4200];
		snprintf(value, sizeof(value), "%.*s",
		    (int)sq_utf8_cut(p, len, 40), p);
		snprintf(where, sizeof(where), "%s:%ld", sq_reader_name(r),
		    rec->line);
		rd->note = arena_say(s, "reason.bad_reading", "value", value,
		    "where", where, NULL);
	}
	if (lk->symptoms) {
		rd->symptoms = 1;
		p = sq_rec_cell_trim(rec, c->symptoms, &len);
		if (!rd->bad)
			rd->note = arena_printf(&s->arena, "%.*s",
			    (int)sq_utf8_cut(p, len, 60), p);
	}
}

static int
is_fever(const struct state *s, int temp10)
{
	return temp10 != NO_TEMP && temp10 >= (int)(s->fever * 10 + 0.5);
}

/* "K1、K2" for a reason: the candidates of an ambiguous address. */
static void
list_candidates(const struct state *s, const struct sq_res *res, char *buf,
    size_t sz)
{
	size_t o = 0, n = res->ncand < SQ_RES_MAXCAND ? res->ncand :
	    SQ_RES_MAXCAND;

	buf[0] = '\0';
	for (size_t k = 0; k < n && o + 1 < sz; k++) {
		int w = snprintf(buf + o, sz - o, "%s%s", k ?
		    sq_words_get(s->words, "reason.cand_sep") : "",
		    s->hh[res->cand[k]].text);
		if (w < 0 || (size_t)w >= sz - o)
			break;
		o += (size_t)w;
	}
}

/*
 * A check-in from an address that is no household of the roster: a row of
 * its own, with its reading (a fever first, as any fever), and the
 * household it may be: the candidates of an incomplete address, or the
 * nearest one.
 */
static void
add_unknown(struct state *s, const struct sq_reader *r,
    const struct sq_rec *rec, const struct cicols *c, const struct lookup *lk,
    const char *key, const char *why, const struct sq_res *res)
{
	const struct sq_addr *a = &lk->a;
	size_t len, alen;
	const char *addr = sq_rec_cell_trim(rec, c->addr.address, &alen);
	struct reading rd;
	char cands[400];

	alen = sq_utf8_cut(addr, alen, 80);
	read_reading(s, r, c, rec, lk, &rd);

	if (s->nunknown == s->capunknown) {
		s->capunknown = s->capunknown ? 2 * s->capunknown : 64;
		s->unknown = sq_xrealloc(s->unknown,
		    s->capunknown * sizeof(*s->unknown));
	}
	struct flagrow *u = &s->unknown[s->nunknown++];
	memset(u, 0, sizeof(*u));
	u->key = sq_arena_strndup(&s->arena, key ? key : "", key ? strlen(key) : 0);
	u->building = sq_arena_strndup(&s->arena, a->building, strlen(a->building));
	u->unit = sq_arena_strndup(&s->arena, a->unit, strlen(a->unit));
	u->room = sq_arena_strndup(&s->arena, a->room, strlen(a->room));
	const char *name = sq_rec_cell_trim(rec, c->name, &len);
	u->name = sq_arena_strndup(&s->arena, name, len);
	u->temp10 = rd.temp10;
	if (is_fever(s, rd.temp10)) {
		u->status = ST_FEVER;
		u->tier = 2;
	} else if (rd.symptoms) {
		u->status = ST_SYMPTOMS;
		u->tier = 4;
	} else {
		u->status = ST_UNKNOWN;
		u->tier = 9;
	}
	s->unknown_count[u->status]++;
	/* the grid worker of the household it may be */
	long near = res == NULL ? -1 : res->kind == SQ_RES_AMBIGUOUS ?
	    res->cand[0] : res->nearest;
	if (near >= 0) {
		u->grid = s->hh[near].grid;
		u->community = s->hh[near].community;
	}
	char *what;
	if (why) {
		char address[128];
		snprintf(address, sizeof(address), "%.*s", (int)alen, addr);
		what = arena_say(s, "reason.bad_address", "address", address,
		    "why", why, NULL);
	} else if (res->kind == SQ_RES_AMBIGUOUS) {
		char n[24];
		list_candidates(s, res, cands, sizeof(cands));
		snprintf(n, sizeof(n), "%zu", res->ncand);
		what = arena_say(s, "reason.partial", "missing",
		    sq_words_get(s->words, res->parts & SQ_PART_UNIT ?
		    "reason.partial_unit" : res->parts & SQ_PART_COMMUNITY ?
		    "reason.partial_community" : "reason.partial_none"),
		    "candidates", cands, "more", res->ncand > SQ_RES_MAXCAND ?
		    sq_words_get(s->words, "reason.partial_more") : "", "n", n,
		    NULL);
	} else if (near >= 0)
		what = arena_say(s, "reason.nearest", "hh", s->hh[near].text,
		    NULL);
	else
		what = arena_say(s, "reason.not_on_roster", NULL);
	char where[4200];
	snprintf(where, sizeof(where), "%s:%ld", sq_reader_name(r), rec->line);
	char *at = arena_say(s, "reason.at", "where", where, "what", what,
	    NULL);
	const char *sep = sq_words_get(s->words, "reason.sep");
	if (u->status == ST_FEVER) {
		char temp[24];
		snprintf(temp, sizeof(temp), "%.1f", rd.temp10 / 10.0);
		char *f = rd.symptoms ? arena_say(s, "reason.fever_symptoms",
		    "temp", temp, "what", rd.note ? rd.note : "", NULL) :
		    arena_say(s, "reason.fever", "temp", temp, NULL);
		u->reason = arena_printf(&s->arena, "%s%s%s", f, sep, at);
	} else if (u->status == ST_SYMPTOMS) {
		char *f = rd.note ? arena_say(s, "reason.symptoms_what", "what",
		    rd.note, NULL) : arena_say(s, "reason.symptoms", NULL);
		u->reason = arena_printf(&s->arena, "%s%s%s", f, sep, at);
	} else
		u->reason = arena_printf(&s->arena, "%s%s%s", at,
		    rd.bad ? sep : "", rd.bad ? rd.note : "");
	s->ci_unknown++;
}

static void
take_checkin(struct state *s, const struct sq_reader *r, const struct cicols *c,
    const struct sq_rec *rec, const struct lookup *lk)
{
	int day = lk->day;
	struct sq_res res;

	if (day == NO_DAY) {
		char msg[200];
		snprintf(msg, sizeof(msg), "date cannot be read: %s", lk->why);
		sq_rejects_add(s->rj, sq_reader_name(r), rec, msg);
		return;
	}
	if (day > s->day) {
		s->ci_future++;
		return;
	}
	/*
	 * An earlier day's check-in from an address not in the roster tells
	 * no household's history: it is counted (earlier_unknown), and was
	 * that day's unknown_household row already.
	 */
	if (lk->rc != SQ_ROWADDR_OK) {
		if (day == s->day)
			add_unknown(s, r, rec, c, lk, NULL, lk->why, NULL);
		else
			s->ci_earlier_unknown++;
		return;
	}
	sq_resolve_h(s->res, lk->hash, lk->key, lk->keylen, &res);
	if (res.kind != SQ_RES_EXACT && res.kind != SQ_RES_IMPLIED) {
		if (day == s->day)
			add_unknown(s, r, rec, c, lk, lk->key, NULL, &res);
		else
			s->ci_earlier_unknown++;
		return;
	}
	struct household *h = &s->hh[res.id];
	s->ci_implied += res.kind == SQ_RES_IMPLIED;
	if (day < s->day) {
		if (h->last == NO_DAY || day > h->last)
			h->last = day;
		s->ci_history++;
		return;
	}
	if (h->reported)
		s->ci_merged++;
	else
		s->ci_today++;
	h->reported = 1;

	struct reading rd;
	read_reading(s, r, c, rec, lk, &rd);
	if (rd.temp10 != NO_TEMP && rd.temp10 > h->temp10)
		h->temp10 = rd.temp10;
	if (rd.bad && !h->bad) {
		h->bad = 1;
		set_note(s, h, rd.note);
	}
	if (rd.symptoms && !h->symptoms) {
		h->symptoms = 1;
		if (!h->bad || h->note == 0)
			set_note(s, h, rd.note);
	}
}

static int
read_checkins(struct state *s, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	struct cicols c;
	int st;

	if (r == NULL)
		return -1;
	memset(&c, 0, sizeof(c));
	sq_rowaddr_find(&c.addr, r);
	c.date = sq_reader_col(r, "date");
	c.time = sq_reader_col(r, "time");
	c.temp = sq_reader_col(r, "temperature");
	c.symptoms = sq_reader_col(r, "symptoms");
	c.name = sq_reader_col(r, "name");
	if (sq_reader_ncols(r) > 0 && !sq_rowaddr_usable(&c.addr)) {
		sq_error("%s: no address column (地址, 楼号/单元/室号, or hh)",
		    sq_reader_name(r));
		sq_reader_close(r);
		return -1;
	}
	/*
	 * Every community has its own 12号楼: without the community of each
	 * check-in, a district's would all be unknown, and every household
	 * unreported.
	 */
	if (sq_reader_ncols(r) > 0 && s->communities && c.addr.community < 0 &&
	    c.addr.hh < 0) {
		sq_error("%s: no community column (小区), and the roster has "
		    "several communities: name the column in the header, or "
		    "add its name to aliases.txt", sq_reader_name(r));
		sq_reader_close(r);
		return -1;
	}
	/*
	 * A form without a temperature still says who reported (and maybe
	 * symptoms): read, but a person must know no fever can show.
	 */
	if (sq_reader_ncols(r) > 0 && c.temp < 0)
		sq_warn(sq_reader_name(r), sq_reader_header_lineno(r), "no "
		    "temperature column (体温): its check-ins count as reported, "
		    "none can be a fever; name the column in the header, or add "
		    "its name to aliases.txt");
	/*
	 * Rows are read a batch at a time and their slots in the index
	 * fetched before the first is taken: a district's index is far
	 * bigger than the cache, and one miss after another was a fifth of
	 * the time.  Rows are still taken in order; only a message of the
	 * reader itself (a header pasted again) may come a few rows early.
	 * --strict stops at the first problem: one row at a time.
	 */
	/* its rejected rows under its own header, not the households' */
	sq_rejects_table(s->rj, "checkins", sq_reader_rawheader(r));
	enum { BATCH = 16 };
	struct sq_rec rec[BATCH];
	struct lookup lk[BATCH];
	int stv[BATCH];
	size_t batch = s->c.strict ? 1 : BATCH, n;
	struct looking L = { s, &c };
	/* the keys are made on the reading thread, beside this one */
	sq_reader_prepare(r, prepare_checkin, &L, sizeof(struct lookup));
	for (size_t k = 0; k < batch; k++)
		sq_rec_init(&rec[k]);
	do {
		for (n = 0; n < batch && (st = sq_reader_next(r, &rec[n])) > 0; n++) {
			stv[n] = st;
			memcpy(&lk[n], sq_reader_prepared(r), sizeof(lk[n]));
			if (lk[n].rc == SQ_ROWADDR_OK)
				sq_resolver_prefetch(s->res, lk[n].hash);
		}
		/* the slots are in: fetch the households, then their keys */
		long cand[BATCH];
		for (size_t k = 0; k < n; k++) {
			cand[k] = lk[k].rc == SQ_ROWADDR_OK ?
			    sq_resolver_peek(s->res, lk[k].hash) : -1;
			if (cand[k] >= 0)
				__builtin_prefetch(&s->hh[cand[k]]);
		}
		for (size_t k = 0; k < n; k++)
			if (cand[k] >= 0)
				__builtin_prefetch(s->hh[cand[k]].text);
		for (size_t k = 0; k < n; k++) {
			if (stv[k] == SQ_READ_BAD)
				sq_rejects_add(s->rj, sq_reader_name(r), &rec[k],
				    rec[k].err);
			else
				take_checkin(s, r, &c, &rec[k], &lk[k]);
		}
		if (s->c.strict && sq_diag_status()) {
			st = 1;
			break;
		}
	} while (n == batch);
	s->ci_rows += sq_reader_stats(r)->rows;
	for (size_t k = 0; k < batch; k++)
		sq_rec_free(&rec[k]);
	sq_reader_close(r);
	return st < 0 ? -1 : st;
}

/* ---- deciding --------------------------------------------------------- */

/* qsort has no context argument: the comparators find the names here. */
static struct state *g_state;

/*
 * Priority, 1 first: fever, then symptoms, then a reading that cannot be
 * read, then silence; within each, vulnerable households first.  Check-ins
 * from unknown addresses come next (9), households that are fine last (10).
 * Within a priority: the longer silent first, then by household.
 */
static void
decide(struct state *s, struct household *h)
{
	int v = h->vuln != 0;

	if (h->reported)
		h->missed = 0;
	else if (h->last != NO_DAY)
		h->missed = s->day - h->last;
	else
		h->missed = s->day - (h->since != NO_DAY ? h->since :
		    s->window_start) + 1;
	if (h->reported && h->temp10 != NO_TEMP &&
	    h->temp10 >= (int)(s->fever * 10 + 0.5)) {
		h->status = ST_FEVER;
		h->tier = v ? 1 : 2;
	} else if (h->reported && h->symptoms) {
		h->status = ST_SYMPTOMS;
		h->tier = v ? 3 : 4;
	} else if (h->reported && h->bad) {
		h->status = ST_BAD_READING;
		h->tier = v ? 5 : 6;
	} else if (!h->reported) {
		h->status = ST_UNREPORTED;
		h->tier = v ? 7 : 8;
	} else {
		h->status = ST_OK;
		h->tier = 10;
	}
}

static char *
reason_of(struct state *s, const struct household *h)
{
	const char *note = h->note ? s->notes[h->note - 1] : NULL;
	char v[24];

	switch (h->status) {
	case ST_FEVER:
		snprintf(v, sizeof(v), "%.1f", h->temp10 / 10.0);
		if (h->symptoms && note)
			return arena_say(s, "reason.fever_symptoms", "temp", v,
			    "what", note, NULL);
		return arena_say(s, "reason.fever", "temp", v, NULL);
	case ST_SYMPTOMS:
		/* a yes in a yes/no column says no more than that */
		if (note == NULL || sq_bool_parse(note, strlen(note)) == 1)
			return s->said_symptoms;
		return arena_say(s, "reason.symptoms_what", "what", note, NULL);
	case ST_BAD_READING:
		return arena_printf(&s->arena, "%s", note ? note : "");
	case ST_UNREPORTED:
		if (h->missed <= 1)
			return s->said_today;
		snprintf(v, sizeof(v), "%d", h->missed);
		return arena_say(s, "reason.days", "n", v, NULL);
	default:
		return "";
	}
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(g_state->names[*(const uint32_t *)a],
	    g_state->names[*(const uint32_t *)b]);
}

/* rank[i]: where name i comes in strcmp order (a million rows compare ints) */
static void
rank_names(struct state *s)
{
	uint32_t *order = sq_xmalloc((s->nnames + 1) * sizeof(*order));

	s->rank = sq_xcalloc(s->nnames + 1, sizeof(*s->rank));
	for (size_t i = 0; i < s->nnames; i++)
		order[i] = (uint32_t)i;
	qsort(order, s->nnames, sizeof(*order), by_name);
	for (size_t i = 0; i < s->nnames; i++)
		s->rank[order[i]] = (uint32_t)i;
	free(order);
}

static int
row_order(const void *pa, const void *pb)
{
	const struct flagrow *a = pa, *b = pb;
	int c;

	if (a->grid != b->grid)
		return g_state->rank[a->grid] < g_state->rank[b->grid] ? -1 : 1;
	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->missed != b->missed)
		return a->missed > b->missed ? -1 : 1;
	/* a sorted roster: its order is the key order, without strcmp */
	if (a->h && b->h && g_state->roster_sorted)
		return a->h < b->h ? -1 : a->h > b->h;
	for (int w = 0; w < 2; w++)
		if (a->kp[w] != b->kp[w])
			return a->kp[w] < b->kp[w] ? -1 : 1;
	/* the same 16 bytes: both that long, or the same short key */
	c = a->longkey ? strcmp(a->key + 16, b->key + 16) : 0;
	if (c)
		return c;
	return strcmp(a->reason, b->reason);
}


/* ---- output ----------------------------------------------------------- */


static void
labels_codes(struct labels *L)
{
	for (int k = 0; k < NSTATUS; k++)
		L->status[k] = status_names[k];
	for (int k = 0; k < NFLAGS; k++)
		L->flag[k] = flag_names[k];
	L->sep = ";";
	for (size_t i = 0; i < NOUT; i++)
		L->col[i] = out_cols[i];
}

static void
labels_words(struct labels *L, const struct sq_words *W)
{
	for (int k = 0; k < NSTATUS; k++)
		L->status[k] = sq_words_label(W, "status", status_names[k]);
	for (int k = 0; k < NFLAGS; k++)
		L->flag[k] = sq_words_label(W, "vulnerable", flag_names[k]);
	L->sep = sq_words_get(W, "vulnerable.sep");
	for (size_t i = 0; i < NOUT; i++)
		L->col[i] = sq_words_label(W, "col", out_cols[i]);
}

static void
put_header(struct sq_writer *w, const struct labels *L)
{
	struct sq_rec names;

	sq_rec_init(&names);
	for (size_t i = 0; i < NOUT; i++)
		sq_rec_push(&names, L->col[i], strlen(L->col[i]));
	sq_writer_header(w, &names);
	sq_rec_free(&names);
}

/* n in decimal at the end of buf[16]: snprintf was a tenth of the output's time */
static const char *
decimal(long n, char buf[16], int tenths)
{
	char *p = buf + 15;
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;

	*p = '\0';
	if (tenths) {
		*--p = (char)('0' + u % 10);
		*--p = '.';
		u /= 10;
	}
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	return p;
}

static void
put_row(struct state *s, struct sq_writer *w, const struct flagrow *f,
    const struct labels *L)
{
	const struct household *h = f->h;
	char mbuf[16], pbuf[16], tbuf[16], vuln[400];
	const char *v[NOUT], *temp = "";
	size_t len[NOUT];

	vuln[0] = '\0';
	if (h) {
		for (int k = 0; k < NFLAGS; k++)
			if (h->vuln >> k & 1) {
				size_t o = strlen(vuln);
				snprintf(vuln + o, sizeof(vuln) - o, "%s%s",
				    o ? L->sep : "", L->flag[k]);
			}
		if (h->temp10 != NO_TEMP)
			temp = decimal(h->temp10, tbuf, 1);
	} else if (f->temp10 != NO_TEMP)
		temp = decimal(f->temp10, tbuf, 1);
	const char *missed = decimal(f->missed, mbuf, 0);
	const char *prio = decimal((long)f->tier, pbuf, 0);
	const char *str[NSTR];
	if (h) {
		str[0] = h->text;
		for (int k = 1; k < NSTR; k++)
			str[k] = str[k - 1] + strlen(str[k - 1]) + 1;
	}
	v[0] = f->key;
	v[1] = h ? str[S_BUILDING] : f->building;
	v[2] = h ? str[S_UNIT] : f->unit;
	v[3] = h ? str[S_ROOM] : f->room;
	v[4] = s->names[f->grid];
	v[5] = h ? str[S_PHONE] : "";
	v[6] = L->status[h ? h->status : f->status];
	v[7] = f->reason;
	v[8] = h ? missed : "";
	v[9] = vuln;
	v[10] = prio;
	v[11] = s->names[f->community];
	v[12] = h ? str[S_NAME] : f->name;
	v[13] = temp;
	for (size_t i = 0; i < NOUT; i++)
		len[i] = strlen(v[i]);
	sq_writer_fields(w, v, len, NOUT);
}

/* A file name a person can read: the grid worker's name, made safe. */
static void
list_name(const char *grid, const char *date, const char *suffix, char *out,
    size_t outsz)
{
	char safe[128];
	size_t o = 0;

	if (*grid == '\0')
		grid = "未分配网格";
	for (const char *p = grid; *p && o + 1 < sizeof(safe); p++) {
		int bad = *p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    (o == 0 && *p == '.');
		safe[o++] = bad ? '_' : *p;
	}
	safe[o] = '\0';
	snprintf(out, outsz, "%s-待跟进-%s.%s", safe, date, suffix);
}

static int
used_name(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return 1;
	return 0;
}

static int
write_split(struct state *s, struct flagrow *rows, size_t n)
{
	char path[4096], name[256];
	char **written = NULL;
	size_t nwritten = 0;

	if (sq_make_dir(s->split_dir) < 0)
		return -1;
	/* lists are for people: Chinese headers, a BOM for Excel and WPS,
	   no formula in a name or a reason */
	struct sq_writer_opts wo = sq_person_opts(&s->c);
	/* or workbooks, where phones and rooms stay text and fever is red */
	wo.format = s->split_xlsx ? SQ_OUT_XLSX : SQ_OUT_CSV;
	wo.bom = 1;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && rows[j].grid == rows[i].grid)
			j++;
		const char *ext = s->split_xlsx ? "xlsx" : "csv";
		list_name(s->names[rows[i].grid], s->date, ext, name,
		    sizeof(name));
		/* two grid names that make one file name (王芳/李明 and
		   王芳_李明) get two files: -2, -3 ... on the later ones */
		for (int dup = 2; used_name(written, nwritten, name); dup++) {
			list_name(s->names[rows[i].grid], s->date, ext, name,
			    sizeof(name));
			size_t l = strlen(name) - strlen(ext) - 1;
			snprintf(name + l, sizeof(name) - l, "-%d.%s", dup, ext);
		}
		written = sq_xrealloc(written, (nwritten + 1) * sizeof(char *));
		written[nwritten++] = sq_arena_strndup(&s->arena, name,
		    strlen(name));
		snprintf(path, sizeof(path), "%s/%s", s->split_dir, name);
		struct sq_writer *w = sq_writer_open(path, &wo);
		if (w == NULL) {
			free(written);
			return -1;
		}
		put_header(w, &s->person);
		for (size_t k = i; k < j; k++)
			if (rows[k].tier < 10)
				put_row(s, w, &rows[k], &s->person);
		if (sq_writer_close(w) < 0) {
			free(written);
			return -1;
		}
		i = j;
	}
	/* a list of an earlier run (a grid worker since renamed, yesterday's
	   date) must not stay beside today's: the set is today's alone */
	DIR *d = opendir(s->split_dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strstr(e->d_name, "-待跟进-") == NULL ||
		    used_name(written, nwritten, e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", s->split_dir, e->d_name);
		if (unlink(path) == 0)
			sq_note("%s: an earlier run's list, removed", path);
	}
	if (d)
		closedir(d);
	free(written);
	return 0;
}

struct agg {
	long	 households, reported, count[NSTATUS];
};

/* The counts of a, added to o (a new object when o is NULL). */
static json_t *
agg_json(const struct agg *a, json_t *o)
{
	if (o == NULL)
		o = json_object();

	json_object_set_new(o, "households", json_integer(a->households));
	json_object_set_new(o, "reported", json_integer(a->reported));
	json_object_set_new(o, "coverage", json_real(a->households ?
	    (double)(long)(1000.0 * a->reported / a->households + 0.5) / 1000 : 0));
	for (int k = 0; k < NSTATUS; k++)
		if (k != ST_UNKNOWN)
			json_object_set_new(o, status_names[k],
			    json_integer(a->count[k]));
	return o;
}

static int
by_building(const void *pa, const void *pb)
{
	const struct household *a = *(struct household *const *)pa;
	const struct household *b = *(struct household *const *)pb;
	int c = strcmp(g_state->names[a->community], g_state->names[b->community]);

	if (c)
		return c;
	/* natural order: building 2 before 10 */
	const char *ba = hstr(a, S_BUILDING), *bb = hstr(b, S_BUILDING);
	size_t la = strlen(ba), lb = strlen(bb);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(ba, bb);
}

static int
write_summary(struct state *s)
{
	json_t *root = json_object(), *blds = json_array(), *grids = json_object();
	struct agg total = { 0 };
	struct household **v = sq_xmalloc((s->nhh + 1) * sizeof(*v));
	struct agg *per_grid = sq_xcalloc(s->nnames + 1, sizeof(*per_grid));

	for (size_t i = 0; i < s->nhh; i++) {
		struct household *h = &s->hh[i];
		v[i] = h;
		total.households++;
		total.reported += h->reported;
		total.count[h->status]++;
		per_grid[h->grid].households++;
		per_grid[h->grid].reported += h->reported;
		per_grid[h->grid].count[h->status]++;
	}
	qsort(v, s->nhh, sizeof(*v), by_building);
	for (size_t i = 0; i < s->nhh;) {
		struct agg a = { 0 };
		size_t j = i;
		while (j < s->nhh && by_building(&v[i], &v[j]) == 0) {
			a.households++;
			a.reported += v[j]->reported;
			a.count[v[j]->status]++;
			j++;
		}
		json_t *o = json_object();
		if (v[i]->community)
			json_object_set_new(o, "community",
			    json_string(s->names[v[i]->community]));
		json_object_set_new(o, "building", json_string(hstr(v[i], S_BUILDING)));
		json_array_append_new(blds, agg_json(&a, o));
		i = j;
	}
	/*
	 * Grids by number, not by the grid worker's name: this file feeds the
	 * bulletin and holds no name.  G01, G02 ... in the byte order of the
	 * roster's grid column (as the lists sort), "none" for no grid.
	 */
	size_t ng = s->nnames ? s->nnames : 1, k = 0;
	uint32_t *by_rank = sq_xcalloc(ng, sizeof(*by_rank));
	for (size_t g = 0; g < s->nnames; g++)
		by_rank[s->rank[g]] = (uint32_t)g;
	for (size_t r = 0; r < ng; r++) {
		uint32_t g = by_rank[r];
		char key[24];
		if (per_grid[g].households == 0)
			continue;
		if (g == 0)
			snprintf(key, sizeof(key), "none");
		else
			snprintf(key, sizeof(key), "G%02zu", ++k);
		json_object_set_new(grids, key, agg_json(&per_grid[g], NULL));
	}
	free(by_rank);
	json_object_set_new(root, "date", json_string(s->date));
	json_object_set_new(root, "fever_threshold", json_real(s->fever));
	/* a fever is a fever, whatever the address */
	total.count[ST_FEVER] += s->unknown_count[ST_FEVER];
	total.count[ST_SYMPTOMS] += s->unknown_count[ST_SYMPTOMS];
	json_t *t = agg_json(&total, NULL);
	json_object_set_new(t, "unknown_household", json_integer((long)s->nunknown));
	json_object_set_new(t, "fever_unknown_address",
	    json_integer(s->unknown_count[ST_FEVER]));
	json_object_set_new(t, "symptoms_unknown_address",
	    json_integer(s->unknown_count[ST_SYMPTOMS]));
	json_object_set_new(root, "total", t);
	json_object_set_new(root, "buildings", blds);
	json_object_set_new(root, "grids", grids);
	json_t *ci = json_object();
	json_object_set_new(ci, "rows", json_integer(s->ci_rows));
	json_object_set_new(ci, "today", json_integer(s->ci_today));
	json_object_set_new(ci, "merged", json_integer(s->ci_merged));
	json_object_set_new(ci, "earlier_days", json_integer(s->ci_history));
	json_object_set_new(ci, "later_days", json_integer(s->ci_future));
	json_object_set_new(ci, "unknown_household", json_integer(s->ci_unknown));
	json_object_set_new(ci, "implied", json_integer(s->ci_implied));
	json_object_set_new(ci, "earlier_unknown",
	    json_integer(s->ci_earlier_unknown));
	json_object_set_new(ci, "rejected", json_integer(
	    sq_rejects_table_count(s->rj, "checkins")));
	json_object_set_new(root, "checkins", ci);
	free(v);
	free(per_grid);

	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(4));

	json_decref(root);
	return sq_write_document(s->summary_path, text);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		SQ_COMMON_LONGOPTS,
		{ "date",    required_argument, NULL, 'd' },
		{ "fever",   required_argument, NULL, 'f' },
		{ "all",     no_argument,       NULL, 'a' },
		{ "state",   required_argument, NULL, 's' },
		{ "split",   required_argument, NULL, 'L' },
		{ "split-format", required_argument, NULL, 'F' },
		{ "summary", required_argument, NULL, 'Y' },
		SQ_LANG_LONGOPTS,
		{ "help",    no_argument,       NULL, 'h' },
		{ "version", no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static struct state s;
	const char *why;
	int ch, failed = 0;

	sq_start(argc, argv);
	sq_common_init(&s.c);
	g_state = &s;
	s.fever = 37.3;
	s.day = NO_DAY;
	grow_names(&s);
	while ((ch = getopt_long(argc, argv, SQ_COMMON_SHORTOPTS "d:f:as:L:F:Y:"
	    SQ_LANG_SHORTOPTS "hV", longopts, NULL)) != -1) {
		if (sq_common_opt(&s.c, ch, optarg, synopsis) ||
		    sq_lang_opt(&s.c, ch, optarg, synopsis))
			continue;
		switch (ch) {
		case 'd':
			if (sq_date_parse(optarg, strlen(optarg), 0, s.date,
			    &why) != SQ_VAL_OK)
				sq_usage_error(synopsis, "--date '%s': %s",
				    optarg, why);
			s.day = sq_date_days(s.date);
			break;
		case 'f':
			if (sq_double_parse(optarg, strlen(optarg), &s.fever) !=
			    SQ_VAL_OK || s.fever < 35 || s.fever > 42)
				sq_usage_error(synopsis, "--fever is a temperature "
				    "in °C from 35 to 42, not '%s'", optarg);
			break;
		case 'a': s.all = 1; break;
		case 's': s.state_path = optarg; break;
		case 'L': s.split_dir = optarg; break;
		case 'F':
			if (strcmp(optarg, "xlsx") != 0 && strcmp(optarg, "csv") != 0)
				sq_usage_error(synopsis, "--split-format is csv "
				    "or xlsx, not '%s'", optarg);
			s.split_xlsx = strcmp(optarg, "xlsx") == 0;
			break;
		case 'Y': s.summary_path = optarg; break;
		case 'h': usage(); return 0;
		case 'V': sq_print_version(); return 0;
		default: sq_usage_error(synopsis, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		sq_usage_error(synopsis, "give the households table and at "
		    "least one check-in export");
	if (s.day == NO_DAY)
		s.day = sq_date_today(s.date, NULL);
	s.window_start = s.day;
	s.year = atoi(s.date);

	/* the lists are for the grid workers: in their language */
	if (sq_person_words(&s.c, "flag", &s.words, &s.words_zh) < 0)
		return SQ_EXIT_USAGE;
	labels_words(&s.person, s.words);
	sq_buf_init(&s.scratch);
	s.said_today = arena_say(&s, "reason.today", NULL);
	s.said_symptoms = arena_say(&s, "reason.symptoms", NULL);
	labels_codes(&s.machine);
	if (s.c.zh)
		for (size_t i = 0; i < NOUT; i++)
			s.machine.col[i] = sq_words_label(s.words_zh, "col",
			    out_cols[i]);
	s.c.tables = "households,checkins";
	if ((s.aliases = sq_load_aliases(&s.c)) == NULL)
		return SQ_EXIT_USAGE;
	char *spath = sq_datafile(&s.c, "symptoms.txt");
	s.symptom_words = sq_keywords_load(spath);
	free(spath);
	if (s.symptom_words == NULL)
		return SQ_EXIT_USAGE;
	s.c.in.aliases = s.aliases;
	s.c.in.canonical = 1;
	s.res = sq_resolver_new_borrowed(key_of, &s);
	sq_strtab_init(&s.gone);
	sq_hmap_init(&s.name_index, name_of, &s);
	s.arena.huge = 1;	/* speed over a few MB: well below gawk's memory */
	if ((s.rj = sq_rejects_open(s.c.rejects)) == NULL)
		return SQ_EXIT_USAGE;

	if (load_households(&s, argv[0]) < 0 || load_state(&s) < 0) {
		sq_rejects_abort(s.rj);
		return SQ_EXIT_USAGE;
	}
	int stopped = 0;
	for (int i = 1; i < argc && !stopped; i++) {
		int rc = read_checkins(&s, argv[i]);
		if (rc < 0)
			failed = 1;
		else if (rc > 0)
			stopped = 1;
	}
	if (failed || stopped) {
		sq_rejects_close(s.rj);
		if (stopped)
			sq_note("stopped at the first data problem (--strict); "
			    "no output written");
		sq_diag_finish();
		return failed ? SQ_EXIT_USAGE : SQ_EXIT_DATA;
	}
	/* history in the inputs widens the window of days looked at */
	for (size_t i = 0; i < s.nhh; i++)
		if (s.hh[i].last != NO_DAY && s.hh[i].last < s.window_start &&
		    s.hh[i].since == NO_DAY)
			s.window_start = s.hh[i].last;

	size_t nrows = 0;
	struct flagrow *rows = sq_xcalloc(s.nhh + s.nunknown + 1, sizeof(*rows));
	for (size_t i = 0; i < s.nhh; i++) {
		struct household *h = &s.hh[i];
		decide(&s, h);
		if (h->status == ST_OK && !s.all)
			continue;
		struct flagrow *f = &rows[nrows++];
		f->h = h;
		f->key = h->text;
		f->grid = h->grid;
		f->community = h->community;
		f->tier = h->tier;
		f->missed = h->missed;
		f->reason = reason_of(&s, h);
		key_prefix(f);
	}
	for (size_t i = 0; i < s.nunknown; i++) {
		key_prefix(&s.unknown[i]);
		rows[nrows++] = s.unknown[i];
	}
	rank_names(&s);
	qsort(rows, nrows, sizeof(*rows), row_order);

	struct sq_writer *w = sq_writer_open(s.c.output, &s.c.out);
	if (w == NULL)
		return SQ_EXIT_USAGE;
	put_header(w, &s.machine);
	for (size_t i = 0; i < nrows; i++)
		put_row(&s, w, &rows[i], &s.machine);
	if (sq_writer_close(w) < 0)
		failed = 1;
	if (!failed && s.split_dir && write_split(&s, rows, nrows) < 0)
		failed = 1;
	if (!failed && s.summary_path && write_summary(&s) < 0)
		failed = 1;
	if (!failed && write_state(&s) < 0)
		failed = 1;
	/* the check-ins' own: a households row rejected is not a check-in */
	long rejected = sq_rejects_table_count(s.rj, "checkins");
	if (sq_rejects_close(s.rj) < 0)
		failed = 1;

	long reported = 0;
	for (size_t i = 0; i < s.nhh; i++)
		reported += s.hh[i].reported;
	if (s.ngone)
		sq_note("%ld household%s of the roster gone (its gone column): "
		    "not followed up", s.ngone, s.ngone == 1 ? "" : "s");
	sq_note("%zu households, %ld reported on %s; %ld check-ins read: %ld "
	    "today, %ld repeats merged, %ld unknown households, %ld earlier "
	    "days (%ld of unknown households), %ld later days, %ld rejected",
	    s.nhh, reported, s.date, s.ci_rows, s.ci_today, s.ci_merged,
	    s.ci_unknown, s.ci_history + s.ci_earlier_unknown,
	    s.ci_earlier_unknown, s.ci_future, rejected);
	if (s.ci_implied)
		sq_note("%ld check-ins found their household with a part of the "
		    "address left out (12-502 for 12号楼1单元502; see shequ(7))",
		    s.ci_implied);

	free(rows);
	free(s.unknown);
	free(s.hh);
	free(s.notes);
	free(s.names);
	free(s.namelen);
	free(s.rank);
	sq_resolver_free(s.res);
	sq_strtab_free(&s.gone);
	sq_hmap_free(&s.name_index);
	sq_arena_free(&s.arena);
	sq_keywords_free(s.symptom_words);
	sq_aliases_free(s.aliases);
	sq_words_free(s.words);
	sq_words_free(s.words_zh);
	sq_buf_free(&s.scratch);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
