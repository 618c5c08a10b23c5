/*
 * sq-waves — mass testing building by building (核酸逐栋): the call plan for
 * the testing points, and afterwards who was missed (漏采).
 *
 * The plan: households (and the site plan, the testing points, the door
 * and closed lists) -> the engine (lib/waves.h) cuts the queue into call
 * slots no faster than the desks sample, and the door households into
 * rounds -> the plan table, a notice for each building's 楼组长, a summary.
 *
 * Who was missed (--sampled): households and the day's sampling logs ->
 * each log row to its household by its address -> one row for each
 * household nobody (or not everyone) of which was sampled, and one for each
 * log row whose address is not in the roster -> lists by grid worker, the
 * sampling rate per building for sq-report.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "afile.h"
#include "diag.h"
#include "header.h"
#include "kvconf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "resolve.h"
#include "rowaddr.h"
#include "settings.h"
#include "sites.h"
#include "strtab.h"
#include "template.h"
#include "text.h"
#include "value.h"
#include "waves.h"
#include "writer.h"

static const char synopsis[] =
    "sq-waves [-d date] [-t start] [-k desks] [-r rate] [-P points] "
    "[-p sites]\n"
    "                [-e door] [-c closed] [-N dir] HOUSEHOLDS\n"
    "       sq-waves -s log [-s log ...] [-d date] [-L dir] [-Y summary] "
    "[-a]\n"
    "                HOUSEHOLDS [LOG ...]";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Plan the day's mass testing building by building: one row per call slot\n"
"(building, unit, start, end, households, people, point, door), nearest\n"
"buildings first, never more people a minute than the desks sample (desks\n"
"x rate an hour), a unit too large for one slot split by floors.\n"
"Households flagged for sampling at home, on the --door list or in a\n"
"building under closure are planned as door rounds.  People per household\n"
"from members (missing: 1, counted).  With --sampled, read the sampling\n"
"logs instead and write one row per household not sampled (missed) or not\n"
"all of whose people were (partial), and one per log row from an address\n"
"not in the roster (unknown_household).  HOUSEHOLDS is the table of\n"
"sq-ingest; - is standard input.\n\n", synopsis);
	printf(
"  -d, --date DATE          the day (default: today; with -s, the logs')\n"
"  -t, --start HH:MM        the desks open (default: waves.conf, 07:00)\n"
"  -k, --desks N            desks at each point (default 4)\n"
"  -r, --rate R             people a desk samples in an hour (default 150)\n"
"  -m, --slot-minutes M     longest call slot (default 15)\n"
"  -P, --points FILE        testing points: point, x, y or a site, desks,\n"
"                           rate, start (default: the sites of kind point,\n"
"                           else one point at the gate)\n"
"  -p, --sites FILE         the site plan: site, x, y or lat, lon, kind\n"
"  -e, --door FILE          more households sampled at home (hh or address)\n"
"  -c, --closed FILE        buildings (or units) under closure: building,\n"
"                           unit; sampled at the door only\n"
"  -T, --door-teams N       door teams (default 2)\n"
"  -N, --notices DIR        one notice per building for its 楼组长\n"
"  -s, --sampled LOG        a sampling log (repeat for several points)\n"
"  -a, --all                with -s: every household, sampled ones too\n"
"  -L, --split DIR          with -s: one list (漏采) per grid worker\n"
"  -Y, --summary FILE       counts as JSON (the plan's, or the sampling\n"
"                           rate per building for sq-report)\n"
"  -x, --settings FILE      settings (after waves.conf in the datadir)\n"
"  -l, --lang LANG          wording of share/waves/LANG (default zh)\n"
"  -Z, --zh                 write Chinese column names\n");
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-waves -d 2022-04-10 -p sites.csv -k 6 households.csv > plan.csv\n"
"  sq-waves -d 2022-04-10 -P points.csv -c closed.csv -N notices households.csv\n"
"  sq-waves -o json -p sites.csv households.csv | jq 'select(.door==\"true\")'\n"
"  sq-waves -s 东门.csv -s 西门.csv -L lists -Y waves.json households.csv\n");
}

/* ---- settings ---------------------------------------------------------- */

struct settings {
	struct sq_waves_settings eng;
	long	 desks, rate;
	int	 start;			/* minute of the day */
	int	 door_start;		/* -1: start */
	int	 partial;
	char	*door_flags;		/* comma-separated column names */
};

#define O(f)	offsetof(struct settings, f)
static const struct sq_setting setting_keys[] = {
	{ "desks", SQ_SET_LONG, O(desks), 1, 1000, NULL, NULL },
	{ "rate", SQ_SET_LONG, O(rate), 1, 100000, NULL, NULL },
	{ "start", SQ_SET_TIME, O(start), 0, 0, NULL, NULL },
	{ "slot_minutes", SQ_SET_INT, O(eng.slot_minutes), 1, 1440, NULL,
	    NULL },
	{ "floors", SQ_SET_CHOICE, O(eng.floors_down), 0, 0, NULL, "up|down" },
	{ "door_flags", SQ_SET_TEXT, O(door_flags), 0, 0, NULL, NULL },
	{ "door_teams", SQ_SET_INT, O(eng.door_teams), 1, 10000, NULL, NULL },
	{ "door_start", SQ_SET_TIME, O(door_start), 0, 0, NULL, NULL },
	{ "door_household_minutes", SQ_SET_DOUBLE,
	    O(eng.door_household_minutes), 0, 600, NULL, NULL },
	{ "door_person_minutes", SQ_SET_DOUBLE, O(eng.door_person_minutes),
	    0, 600, NULL, NULL },
	{ "door_round_minutes", SQ_SET_INT, O(eng.door_round_minutes), 1,
	    1440, NULL, NULL },
	{ "walk_m_per_min", SQ_SET_DOUBLE, O(eng.walk_m_per_min), 1, 1000,
	    NULL, NULL },
	{ "detour_factor", SQ_SET_DOUBLE, O(eng.detour), 1, 10, NULL, NULL },
	{ "partial", SQ_SET_BOOL, O(partial), 0, 0, NULL, NULL },
};
#undef O

static void
settings_default(struct settings *st)
{
	memset(st, 0, sizeof(*st));
	sq_waves_defaults(&st->eng);
	st->desks = 4;
	st->rate = 150;
	st->start = 7 * 60;
	st->door_start = -1;
	st->partial = 1;
	st->door_flags = sq_xstrdup("door, bedridden, disabled");
}

/* waves.conf (if there), then --settings (it must be there) */
static int
settings_load(const char *path, struct settings *st, int must)
{
	return sq_settings_load(path, SQ_KV_HASH | (must ? 0 : SQ_KV_OPTIONAL),
	    setting_keys, sizeof(setting_keys) / sizeof(setting_keys[0]), st);
}

/* ---- wording (share/waves/LANG/words.conf) ----------------------------- */

enum {
	W_WEEKDAYS, W_POINT, W_DOOR_POINT, W_MISSED, W_PARTIAL,
	W_DOOR_MISSED, W_BAD_ADDRESS, W_NOT_IN_ROSTER, W_NEAREST,
	W_AMBIGUOUS, W_LIST_FILE, W_NO_GRID, W_NOTICE_FILE, NWORDS
};
static const char *const word_keys[NWORDS] = {
	"weekdays", "point", "door_point", "missed", "partial", "door_missed",
	"bad_address", "not_in_roster", "nearest", "ambiguous", "list_file",
	"no_grid", "notice_file",
};

struct words {
	char	*text[NWORDS];
	struct sq_tpl *tpl[NWORDS];
	const char *path;
	int	 rc;
};

static void
word_fn(void *ctx, const char *k, const char *v, long line)
{
	struct words *w = ctx;

	if (k == NULL)
		return;
	for (int i = 0; i < NWORDS; i++)
		if (strcmp(k, word_keys[i]) == 0) {
			free(w->text[i]);
			w->text[i] = sq_xstrdup(v);
			return;
		}
	sq_warn(w->path, line, "unknown word '%s'; ignored", k);
}

static int
words_load(struct words *w, const char *path)
{
	char err[512];

	memset(w, 0, sizeof(*w));
	w->path = path;
	if (sq_kv_load(path, SQ_KV_QUOTES, word_fn, w) < 0)
		return -1;
	for (int i = 0; i < NWORDS; i++) {
		if (w->text[i] == NULL) {
			sq_error("%s: no '%s' (see sq-waves(1))", path,
			    word_keys[i]);
			return -1;
		}
		w->tpl[i] = sq_tpl_parse(w->text[i], strlen(w->text[i]), path,
		    err, sizeof(err));
		if (w->tpl[i] == NULL) {
			sq_error("%s", err);
			return -1;
		}
	}
	return 0;
}

static void
words_free(struct words *w)
{
	for (int i = 0; i < NWORDS; i++) {
		free(w->text[i]);
		sq_tpl_free(w->tpl[i]);
	}
}

/* Word i with data (a JSON object, consumed), as plain text (malloc'd). */
static char *
say(const struct words *w, int i, json_t *data)
{
	struct sq_tpl_env env = { NULL, NULL, NULL, NULL };
	struct sq_buf b;
	char err[256];

	sq_buf_init(&b);
	if (sq_tpl_render(w->tpl[i], data, &env, &b, err, sizeof(err)) < 0)
		sq_warn(w->path, 0, "%s", err);
	json_decref(data);
	return sq_buf_take(&b);
}

/* ---- the roster -------------------------------------------------------- */

enum { S_KEY, S_BUILDING, S_UNIT, S_ROOM, S_NAME, S_PHONE, NSTR };
enum { DOOR_FLAG = 1, DOOR_LIST = 2, DOOR_CLOSED = 4 };
enum { ST_MISSED, ST_PARTIAL, ST_UNKNOWN, ST_SAMPLED, ST_EMPTY };
static const char *const status_names[] = {
	"missed", "partial", "unknown_household", "sampled", "empty",
};

struct household {
	char	*text;		/* NSTR strings one after another */
	uint32_t community, grid;	/* in names */
	uint32_t unit;		/* the key's unit part, in units */
	uint32_t bld;		/* in s->bld */
	int32_t	 line;
	int16_t	 floor;
	uint8_t	 members;
	uint8_t	 members_known:1, whole:1, any:1;
	uint8_t	 door;		/* DOOR_* */
	uint8_t	 status;
	uint16_t sampled;	/* people sampled (names) */
};

static const char *
hstr(const struct household *h, int k)
{
	const char *p = h->text;

	while (k-- > 0)
		p += strlen(p) + 1;
	return p;
}

struct building {
	uint32_t community;
	char	 key[SQ_BKEY_MAX];
	const char *label;	/* the roster's building cell */
	long	 site;		/* in s->sites, or -1 */
	int	 closed;
	long	 households, people, sampled, missed, partial;
};

/* A log row of a household: who, which day, which name, which point. */
struct sample {
	uint32_t h;
	int32_t	 day;		/* DAY_ANY: the row does not say */
	uint32_t name;		/* hash | 1; 0: the household, not a person */
	uint32_t point;		/* in s->points */
};

#define DAY_ANY		(INT_MIN + 1)

struct unknown {
	int32_t	 day;
	uint32_t point;
	long	 line;
	char	*reason;
	char	 building[16], unit[8], room[16];
	char	*name;
	uint32_t grid, community;
};

struct state {
	struct sq_common c;
	struct settings set;
	struct words words;
	const char *lang, *settings_path, *points_path, *sites_path,
		   *door_path, *closed_path, *notices_dir, *split_dir,
		   *summary_path;
	const char **logs;
	int	 nlogs, all, zh, date_given;
	char	 date[11];
	int	 day, year;
	long	 opt_desks, opt_rate, opt_start, opt_slot, opt_teams;

	struct sq_aliases *aliases;
	struct sq_arena arena;
	struct sq_strtab names;		/* communities and grid workers */
	struct sq_strtab units;
	struct household *hh;
	size_t	 nhh, caphh;
	struct sq_resolver *res;		/* the roster, for joins on hh */
	int	 communities;		/* the roster names several */
	uint32_t only_community;
	struct building *bld;
	size_t	 nbld, capbld;
	struct sq_strtab bkeys;		/* id - 1 is the building */
	struct sq_sites sites;
	int	 have_sites;
	long	 members_missing, members_bad, roster_dups;
	struct sq_rejects *rj;

	/* the missed list */
	struct unknown *unk;
	size_t	 nunk, capunk;
	struct sample *seen;		/* one a log row of a household */
	size_t	 nseen, capseen;
	long	 log_rows, log_sampled, log_other_days, log_unknown;
	struct sq_strtab points;	/* the logs' point column */
	long	*point_rows;
	size_t	 cap_point_rows;
};

static const char *
key_of(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;
	const char *k = s->hh[i].text;

	*len = strlen(k);
	return k;
}

/* The part of key that starts with tag ("-U", "-R"), up to the next '-'. */
static size_t
key_part(const char *key, char tag, char *out, size_t outsz)
{
	const char *p = key;

	*out = '\0';
	while ((p = strchr(p, '-')) != NULL) {
		if (p[1] == tag && p[2] >= '0' && p[2] <= '9')
			break;
		p++;
	}
	if (p == NULL)
		return 0;
	p++;
	size_t n = strcspn(p, "-");
	if (tag == 'R' && p[n] == '-')	/* a sub-let room "R0502-1" */
		n += strlen(p + n);
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return n;
}

/* "B0012" -> "12", "U02" -> "2", "R0502-1" -> "502-1", "B0012A" -> "12A" */
static void
part_label(const char *part, char *out, size_t outsz)
{
	const char *p = part + (*part != '\0');

	while (*p == '0' && p[1] >= '0' && p[1] <= '9')
		p++;
	snprintf(out, outsz, "%s", p);
	if (strcmp(out, "0") == 0)
		*out = '\0';
}

static uint32_t
building_of(struct state *s, uint32_t community, const char *key,
    const char *label)
{
	char ck[SQ_BKEY_MAX + 16];
	int n = snprintf(ck, sizeof(ck), "%u:%s", community, key);
	long id = sq_strtab_find(&s->bkeys, ck, (size_t)n);

	if (id > 0)
		return (uint32_t)id - 1;
	sq_strtab_id(&s->bkeys, ck, (size_t)n);
	if (s->nbld == s->capbld) {
		s->capbld = s->capbld ? 2 * s->capbld : 64;
		s->bld = sq_xrealloc(s->bld, s->capbld * sizeof(*s->bld));
	}
	struct building *b = &s->bld[s->nbld];
	memset(b, 0, sizeof(*b));
	b->community = community;
	snprintf(b->key, sizeof(b->key), "%s", key);
	b->label = label;
	b->site = -1;
	return (uint32_t)s->nbld++;
}

static int
by_hh_key(const void *a, const void *b)
{
	return strcmp(((const struct household *)a)->text,
	    ((const struct household *)b)->text);
}

static int
load_households(struct state *s, const char *path)
{
	static const char *const names[NSTR] = { "hh", "building", "unit",
	    "room", "name", "phone" };
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	long col[NSTR], comm, grid, members, flag[16];
	int nflag = 0, st;
	struct sq_rec rec;

	if (r == NULL)
		return -1;
	/* the name outlives the reader: the duplicates are told after it */
	char *file = sq_xstrdup(sq_reader_name(r));
	for (int i = 0; i < NSTR; i++)
		col[i] = sq_reader_col(r, names[i]);
	comm = sq_reader_col(r, "community");
	grid = sq_reader_col(r, "grid");
	members = sq_reader_col(r, "members");
	/* the door flags: columns named in waves.conf, as far as present */
	char *list = sq_xstrdup(s->set.door_flags), *save = NULL;
	for (char *t = strtok_r(list, ", \t", &save); t && nflag < 16;
	    t = strtok_r(NULL, ", \t", &save)) {
		const char *canon = sq_aliases_lookup(s->aliases, t, strlen(t));
		long c = sq_reader_col(r, canon ? canon : t);
		if (c >= 0)
			flag[nflag++] = c;
	}
	free(list);
	if (col[S_KEY] < 0) {
		sq_error("%s: no hh column: give the households table that "
		    "sq-ingest writes", file);
		sq_reader_close(r);
		free(file);
		return -1;
	}
	/*
	 * One rejects file, with the columns of the table that fills it:
	 * the roster's in a plan, the logs' with --sampled (a roster from
	 * sq-ingest has no row to reject).
	 */
	if (s->nlogs == 0)
		sq_rejects_columns(s->rj, sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *key = sq_rec_cell_trim(&rec, col[S_KEY], &len);
		if (st == SQ_READ_BAD || len == 0 || len >= SQ_ADDR_KEYMAX) {
			sq_rejects_add(s->rj, file, &rec, st == SQ_READ_BAD ?
			    rec.err : len ? "hh too long: not a household key" :
			    "no hh: not a household");
			continue;
		}
		if (s->nhh == s->caphh) {
			s->caphh = s->caphh ? 2 * s->caphh : 4096;
			s->hh = sq_xrealloc(s->hh, s->caphh * sizeof(*s->hh));
		}
		struct household *h = &s->hh[s->nhh];
		memset(h, 0, sizeof(*h));
		const char *str[NSTR];
		size_t slen[NSTR], total = 0;
		char parts[3][24];
		str[S_KEY] = key;
		slen[S_KEY] = len;
		for (int i = S_BUILDING; i < NSTR; i++)
			str[i] = sq_rec_cell_trim(&rec, col[i], &slen[i]);
		/* building, unit, room from the key when the cells are empty */
		char kbuf[SQ_ADDR_KEYMAX], part[SQ_BKEY_MAX];
		memcpy(kbuf, key, len);
		kbuf[len] = '\0';
		static const char tags[3] = { 'B', 'U', 'R' };
		for (int i = 0; i < 3; i++) {
			parts[i][0] = '\0';
			if (slen[S_BUILDING + i] > 0)
				continue;
			if (i == 0) {	/* "Z02-B0012": the B part */
				char whole[SQ_BKEY_MAX];
				sq_hh_building(kbuf, whole, sizeof(whole));
				const char *b = strrchr(whole, '-');
				snprintf(part, sizeof(part), "%s", b ? b + 1 :
				    whole);
			} else
				key_part(kbuf, tags[i], part, sizeof(part));
			part_label(part, parts[i], sizeof(parts[i]));
			str[S_BUILDING + i] = parts[i];
			slen[S_BUILDING + i] = strlen(parts[i]);
		}
		for (int i = 0; i < NSTR; i++)
			total += slen[i] + 1;
		char *t = h->text = sq_arena_alloc(&s->arena, total);
		for (int i = 0; i < NSTR; i++) {
			memcpy(t, str[i], slen[i]);
			t[slen[i]] = '\0';
			t += slen[i] + 1;
		}
		h->line = (int32_t)(rec.line < INT32_MAX ? rec.line : INT32_MAX);
		const char *p = sq_rec_cell_trim(&rec, comm, &len);
		h->community = sq_strtab_id(&s->names, p, len);
		p = sq_rec_cell_trim(&rec, grid, &len);
		h->grid = sq_strtab_id(&s->names, p, len);
		p = sq_rec_cell_trim(&rec, members, &len);
		long m = 1;
		const char *why = NULL;
		int rc = sq_count_parse(p, len, &m, &why);
		if (rc == SQ_VAL_OK) {
			h->members_known = 1;
		} else {
			if (rc != SQ_VAL_EMPTY) {
				sq_warn(file, rec.line, "%s '%.*s': %s; "
				    "taken as 1", sq_reader_rawname(r,
				    (size_t)members), (int)(len > 40 ? 40 : len),
				    p, why);
				s->members_bad++;
			}
			s->members_missing++;
			m = 1;
		}
		h->members = (uint8_t)m;
		for (int f = 0; f < nflag; f++) {
			p = sq_rec_cell_trim(&rec, flag[f], &len);
			if (sq_bool_parse(p, len) == 1)
				h->door |= DOOR_FLAG;
		}
		s->nhh++;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st < 0) {
		free(file);
		return -1;
	}
	/* key order: the natural order of buildings, units and rooms */
	if (s->nhh > 1)
		qsort(s->hh, s->nhh, sizeof(*s->hh), by_hh_key);
	size_t kept = 0;
	for (size_t i = 0; i < s->nhh; i++) {
		if (kept > 0 && strcmp(s->hh[kept - 1].text, s->hh[i].text) == 0) {
			s->roster_dups++;
			sq_warn(file, s->hh[i].line, "household %s is in the "
			    "roster twice (line %ld); kept the first",
			    s->hh[i].text, (long)s->hh[kept - 1].line);
			if (s->hh[i].line < s->hh[kept - 1].line)
				s->hh[kept - 1] = s->hh[i];
			continue;
		}
		s->hh[kept++] = s->hh[i];
	}
	s->nhh = kept;
	free(file);
	sq_resolver_reserve(s->res, s->nhh);
	for (size_t i = 0; i < s->nhh; i++) {
		struct household *h = &s->hh[i];
		char bk[SQ_BKEY_MAX], up[16];
		sq_resolver_add(s->res, h->text, strlen(h->text), (uint32_t)i);
		if (sq_hh_building(h->text, bk, sizeof(bk)) == 0)
			snprintf(bk, sizeof(bk), "B%s", hstr(h, S_BUILDING));
		h->bld = building_of(s, h->community, bk, hstr(h, S_BUILDING));
		key_part(h->text, 'U', up, sizeof(up));
		h->unit = sq_strtab_id(&s->units, up, strlen(up));
		const char *room = hstr(h, S_ROOM);
		h->floor = (int16_t)sq_room_floor(room);
	}
	s->only_community = s->nhh ? s->hh[0].community : 0;
	for (size_t i = 1; i < s->nhh && s->only_community; i++)
		if (s->hh[i].community != s->only_community) {
			s->only_community = 0;
			s->communities = 1;
		}
	return 0;
}

/*
 * The household of a row (hh, address or building/unit/room), through
 * the resolver (lib/resolve.h): its index, -1 (*r says why: not in the
 * roster, or several could be meant), or -2 when the address cannot be
 * read (*why).  key receives the row's own key.
 */
static long
find_household(struct state *s, const struct sq_rowaddr *ra,
    const struct sq_rec *rec, char *key, struct sq_res *r, const char **why)
{
	*why = NULL;
	key[0] = '\0';
	int rc = sq_resolve_row(s->res, ra, rec, key, r, why);
	if (rc != SQ_ROWADDR_OK) {
		if (*why == NULL)
			*why = "empty address";
		return -2;
	}
	return r->kind == SQ_RES_EXACT || r->kind == SQ_RES_IMPLIED ?
	    r->id : -1;
}

/*
 * A table of several communities' households needs the community of each
 * row: without the column a key is usually every community's.
 */
static void
need_community(const struct state *s, const struct sq_rowaddr *ra,
    const char *file)
{
	if (s->communities && ra->community < 0 && ra->hh < 0)
		sq_fatal("%s: no community column (小区), and the roster has "
		    "several communities: add the column", file);
}

/* "K1、K2、K3" of the first candidates (malloc'd). */
static char *
candidates(const struct state *s, const struct sq_res *r, const char *sep)
{
	struct sq_buf b;

	sq_buf_init(&b);
	for (size_t k = 0; k < r->ncand && k < SQ_RES_MAXCAND; k++) {
		if (k)
			sq_buf_adds(&b, sep);
		sq_buf_adds(&b, s->hh[r->cand[k]].text);
	}
	return sq_buf_take(&b);
}

/* ---- the plan: points, closures, door lists ----------------------------- */

/* The first of the columns named, or -1: a table may name its key so. */
static long
col_any(const struct sq_reader *r, const char *const *names)
{
	for (; *names; names++) {
		long c = sq_reader_col(r, *names);
		if (c >= 0)
			return c;
	}
	return -1;
}

struct point {
	char	*name;
	int	 desks, rate;
	int	 start;
	int	 has_xy;
	double	 x, y;
};

static int
read_minutes(const char *file, long line, const char *p, size_t len,
    int *out)
{
	char hm[6];
	const char *why = NULL;

	if (sq_time_parse(p, len, hm, &why) != SQ_VAL_OK) {
		sq_problem(file, line, "start '%.*s': %s", (int)(len > 30 ? 30 :
		    len), p, why ? why : "not a time");
		return -1;
	}
	*out = atoi(hm) * 60 + atoi(hm + 3);
	return 0;
}

static int
read_count(const char *file, long line, const char *what, const char *p,
    size_t len, long max, int *out)
{
	long v;

	if (len == 0)
		return 0;
	if (sq_long_parse(p, len, 1, max, &v) != SQ_VAL_OK) {
		sq_problem(file, line, "%s '%.*s': expected a whole number from "
		    "1 to %ld; the default is used", what, (int)(len > 30 ?
		    30 : len), p, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static struct point *
read_points(struct state *s, size_t *np)
{
	struct point *pt = NULL;
	size_t n = 0, cap = 0;

	if (s->points_path) {
		struct sq_reader *r = sq_reader_open(s->points_path, &s->c.in);
		if (r == NULL)
			exit(SQ_EXIT_USAGE);
		const char *file = sq_reader_name(r);
		static const char *const c_point[] = { "point", "site", "name",
		    NULL };
		long cn = col_any(r, c_point);
		long cx = sq_reader_col(r, "x"), cy = sq_reader_col(r, "y");
		long cla = sq_reader_col(r, "lat"), clo = sq_reader_col(r, "lon");
		long cd = sq_reader_col(r, "desks"), cr = sq_reader_col(r, "rate");
		long cs = sq_reader_col(r, "start");
		if (cn < 0)
			sq_fatal("%s: no 'point' column (the testing point's "
			    "name)", file);
		int latlon = (cx < 0 || cy < 0) && cla >= 0 && clo >= 0;
		if (latlon && s->have_sites && !s->sites.latlon)
			sq_fatal("%s: the points are in lat, lon but the site "
			    "plan is in x, y metres: give both the same way",
			    file);
		struct sq_rec rec;
		int st;
		sq_rec_init(&rec);
		while ((st = sq_reader_next(r, &rec)) > 0) {
			size_t len;
			const char *p;
			if (st == SQ_READ_BAD) {
				sq_problem(file, rec.line, "%s", rec.err);
				continue;
			}
			p = sq_rec_cell_trim(&rec, cn, &len);
			if (len == 0) {
				sq_problem(file, rec.line, "no point name; row "
				    "ignored");
				continue;
			}
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				pt = sq_xrealloc(pt, cap * sizeof(*pt));
			}
			struct point *x = &pt[n];
			memset(x, 0, sizeof(*x));
			x->name = sq_xstrndup(p, len);
			x->desks = (int)s->set.desks;
			x->rate = (int)s->set.rate;
			x->start = s->set.start;
			p = sq_rec_cell_trim(&rec, cd, &len);
			read_count(file, rec.line, "desks", p, len, 1000,
			    &x->desks);
			p = sq_rec_cell_trim(&rec, cr, &len);
			read_count(file, rec.line, "rate", p, len, 100000,
			    &x->rate);
			p = sq_rec_cell_trim(&rec, cs, &len);
			if (len)
				read_minutes(file, rec.line, p, len, &x->start);
			double a, b;
			size_t la, lb;
			const char *pa = sq_rec_cell_trim(&rec, latlon ? cla : cx,
			    &la);
			const char *pb = sq_rec_cell_trim(&rec, latlon ? clo : cy,
			    &lb);
			if (la && lb && sq_double_parse(pa, la, &a) == SQ_VAL_OK &&
			    sq_double_parse(pb, lb, &b) == SQ_VAL_OK) {
				x->has_xy = 1;
				x->x = a;
				x->y = b;
				if (latlon && s->have_sites)
					sq_sites_project(&s->sites, a, b, &x->x,
					    &x->y);
				else if (latlon)
					x->has_xy = 0;	/* no plan to put it on */
			} else if (la || lb) {
				sq_problem(file, rec.line, "point '%s': bad "
				    "coordinates; placed by the site plan or "
				    "nowhere", x->name);
			}
			if (!x->has_xy && s->have_sites) {
				long si = sq_sites_named(&s->sites, x->name);
				if (si >= 0) {
					x->has_xy = 1;
					x->x = s->sites.v[si].x;
					x->y = s->sites.v[si].y;
				}
			}
			n++;
		}
		sq_rec_free(&rec);
		sq_reader_close(r);
		if (st < 0)
			exit(SQ_EXIT_USAGE);
		if (n == 0)
			sq_fatal("%s: no testing point in it", s->points_path);
	} else if (s->have_sites) {
		for (size_t i = 0; i < s->sites.n; i++)
			if (s->sites.v[i].kind == SQ_SITE_POINT) {
				if (n == cap) {
					cap = cap ? 2 * cap : 8;
					pt = sq_xrealloc(pt, cap * sizeof(*pt));
				}
				struct point *x = &pt[n++];
				memset(x, 0, sizeof(*x));
				x->name = sq_xstrdup(s->sites.v[i].name);
				x->has_xy = 1;
				x->x = s->sites.v[i].x;
				x->y = s->sites.v[i].y;
			}
	}
	if (n == 0) {	/* one point, at the gate when there is one */
		pt = sq_xcalloc(1, sizeof(*pt));
		pt->name = say(&s->words, W_POINT, json_object());
		long g = s->have_sites ? sq_sites_first(&s->sites,
		    SQ_SITE_GATE) : -1;
		if (g >= 0) {
			pt->has_xy = 1;
			pt->x = s->sites.v[g].x;
			pt->y = s->sites.v[g].y;
		}
		n = 1;
	}
	/* the options win over the table and the settings */
	for (size_t i = 0; i < n; i++) {
		if (!s->points_path || s->opt_desks > 0)
			pt[i].desks = (int)s->set.desks;
		if (!s->points_path || s->opt_rate > 0)
			pt[i].rate = (int)s->set.rate;
		if (!s->points_path || s->opt_start >= 0)
			pt[i].start = s->set.start;
	}
	*np = n;
	return pt;
}

/* Buildings (or units) under closure: every household sampled at home. */
static void
read_closed(struct state *s)
{
	struct sq_reader *r = sq_reader_open(s->closed_path, &s->c.in);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		exit(SQ_EXIT_USAGE);
	const char *file = sq_reader_name(r);
	static const char *const c_bld[] = { "building", "site", "address",
	    NULL };
	long cb = col_any(r, c_bld);
	long cu = sq_reader_col(r, "unit"), cc = sq_reader_col(r, "community");
	if (cb < 0)
		sq_fatal("%s: no 'building' column (楼号: the buildings under "
		    "closure)", file);
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t bl, ul, cl;
		char bk[SQ_BKEY_MAX], uk[16] = "";
		if (st == SQ_READ_BAD) {
			sq_problem(file, rec.line, "%s", rec.err);
			continue;
		}
		const char *b = sq_rec_cell_trim(&rec, cb, &bl);
		const char *u = sq_rec_cell_trim(&rec, cu, &ul);
		const char *cm = sq_rec_cell_trim(&rec, cc, &cl);
		if (bl == 0 && ul == 0)
			continue;	/* a blank line of a list */
		if (sq_building_key(b, bl, bk, sizeof(bk)) < 0) {
			sq_problem(file, rec.line, "'%.*s' is not a building; "
			    "row ignored", (int)(bl > 40 ? 40 : bl), b);
			continue;
		}
		if (ul) {
			/* the unit as the key spells it: "2单元" -> "U02" */
			char ub[64], key[SQ_ADDR_KEYMAX];
			struct sq_addr a;
			const char *why;
			snprintf(ub, sizeof(ub), "%.*s", (int)ul, u);
			if (sq_addr_from_parts("1", ub, "1", &a, &why) < 0 ||
			    a.unit[0] == '\0') {
				sq_problem(file, rec.line, "unit '%s' cannot be "
				    "read; row ignored", ub);
				continue;
			}
			sq_addr_key(&a, key, sizeof(key));
			key_part(key, 'U', uk, sizeof(uk));
		}
		long comm = cl ? sq_strtab_find(&s->names, cm, cl) : -1;
		long hit = 0;
		for (size_t i = 0; i < s->nbld; i++) {
			struct building *x = &s->bld[i];
			if (strcmp(x->key, bk) != 0 || (cl && (comm < 0 ||
			    x->community != (uint32_t)comm)))
				continue;
			hit++;
			if (!ul) {
				x->closed = 1;
				continue;
			}
			for (size_t k = 0; k < s->nhh; k++) {
				struct household *h = &s->hh[k];
				if (h->bld == i && strcmp(sq_strtab_str(&s->units,
				    h->unit), uk) == 0)
					h->door |= DOOR_CLOSED;
			}
		}
		if (hit == 0)
			sq_problem(file, rec.line, "building '%.*s' is not in "
			    "the roster", (int)(bl > 40 ? 40 : bl), b);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st < 0)
		exit(SQ_EXIT_USAGE);
	for (size_t k = 0; k < s->nhh; k++)
		if (s->bld[s->hh[k].bld].closed)
			s->hh[k].door |= DOOR_CLOSED;
}

/* More households sampled at home: a list by hh or address. */
static void
read_door(struct state *s)
{
	struct sq_reader *r = sq_reader_open(s->door_path, &s->c.in);
	struct sq_rowaddr ra;
	struct sq_rec rec;
	int st;

	if (r == NULL)
		exit(SQ_EXIT_USAGE);
	const char *file = sq_reader_name(r);
	sq_rowaddr_find(&ra, r);
	if (!sq_rowaddr_usable(&ra))
		sq_fatal("%s: no address column (户号, 地址, or 楼号/单元/室)",
		    file);
	need_community(s, &ra, file);
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		char key[SQ_ADDR_KEYMAX];
		struct sq_res res;
		const char *why;
		if (st == SQ_READ_BAD) {
			sq_problem(file, rec.line, "%s", rec.err);
			continue;
		}
		long i = find_household(s, &ra, &rec, key, &res, &why);
		if (i >= 0) {
			s->hh[i].door |= DOOR_LIST;
			continue;
		}
		if (i == -2)
			sq_problem(file, rec.line, "address cannot be read: %s",
			    why);
		else if (res.kind == SQ_RES_AMBIGUOUS) {
			char *c = candidates(s, &res, ", ");
			sq_problem(file, rec.line, "%s could be %zu households "
			    "(%s%s): give the unit", key, res.ncand, c,
			    res.ncand > SQ_RES_MAXCAND ? ", ..." : "");
			free(c);
		} else if (res.nearest >= 0)
			sq_problem(file, rec.line, "household %s is not in the "
			    "roster (the nearest is %s)", key,
			    s->hh[res.nearest].text);
		else
			sq_problem(file, rec.line, "household %s is not in the "
			    "roster", key);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st < 0)
		exit(SQ_EXIT_USAGE);
}

/* ---- writing ----------------------------------------------------------- */

static void
put_header(struct state *s, struct sq_writer *w, const char *const *cols,
    size_t n, const char *section, int zh)
{
	struct sq_aliases *a = NULL;
	struct sq_rec names;

	if (zh) {
		char *path = sq_datafile(&s->c, "aliases.txt");
		a = sq_aliases_load_sections(path, section);
		free(path);
	}
	sq_rec_init(&names);
	for (size_t i = 0; i < n; i++) {
		const char *z = a ? sq_aliases_first(a, cols[i]) : NULL;
		const char *c = z ? z : cols[i];
		sq_rec_push(&names, c, strlen(c));
	}
	sq_writer_header(w, &names);
	sq_rec_free(&names);
	sq_aliases_free(a);
}

static void
hhmm(int64_t minute, char out[6])
{
	int64_t m = minute % 1440;

	if (m < 0)
		m += 1440;
	snprintf(out, 6, "%02d:%02d", (int)(m / 60), (int)(m % 60));
}

/* The date of a minute counted from midnight of s->day. */
static void
date_of(const struct state *s, int64_t minute, char out[11])
{
	int64_t d = minute >= 0 ? minute / 1440 : -1;

	sq_date_from_days(s->day + (int)d, out);
}

static void
floors_text(const struct sq_waves_row *r, char *out, size_t sz)
{
	*out = '\0';
	if (r->whole_unit && !r->door)
		return;
	if (r->floor_lo <= 0 || r->floor_hi <= 0)
		return;
	if (r->floor_lo == r->floor_hi)
		snprintf(out, sz, "%d", r->floor_lo);
	else
		snprintf(out, sz, "%d-%d", r->floor_lo, r->floor_hi);
}

struct plan_out {
	struct sq_waves *w;
	struct point *pt;
	size_t	 npt;
	long	*first;		/* the first household of each row */
	long	*next;		/* the next household in the same row */
	char	*door_name;
};

static const char *
point_name(const struct plan_out *po, int p)
{
	return p >= 0 && (size_t)p < po->npt ? po->pt[p].name : "";
}

/* The rooms of a door row, "101;502" (malloc'd). */
static char *
rooms_of(const struct state *s, const struct plan_out *po, size_t r,
    const char *sep)
{
	struct sq_buf b;

	sq_buf_init(&b);
	for (long h = po->first[r]; h >= 0; h = po->next[h]) {
		if (b.len)
			sq_buf_adds(&b, sep);
		sq_buf_adds(&b, hstr(&s->hh[h], S_ROOM));
	}
	return sq_buf_take(&b);
}

static const char *const plan_cols[] = {
	"building", "unit", "start", "end", "households", "people", "point",
	"door", "floors", "rooms", "slot", "team", "date", "community",
};
#define NPLAN (sizeof(plan_cols) / sizeof(plan_cols[0]))

static int
write_plan(struct state *s, const struct plan_out *po)
{
	struct sq_writer *w = sq_writer_open(s->c.output, &s->c.out);
	size_t n = sq_waves_nrows(po->w);

	if (w == NULL)
		return -1;
	put_header(s, w, plan_cols, NPLAN, "plan", s->zh);
	for (size_t i = 0; i < n; i++) {
		const struct sq_waves_row *r = sq_waves_row(po->w, i);
		const struct household *h = &s->hh[po->first[i]];
		const struct building *b = &s->bld[h->bld];
		char start[6], end[6], hhs[24], people[24], floors[32],
		    slot[16], team[16], date[11];
		char *rooms = r->door ? rooms_of(s, po, i, ";") : NULL;
		hhmm(r->start, start);
		hhmm(r->end, end);
		date_of(s, r->start, date);
		snprintf(hhs, sizeof(hhs), "%ld", r->households);
		snprintf(people, sizeof(people), "%ld", r->people);
		floors_text(r, floors, sizeof(floors));
		snprintf(slot, sizeof(slot), "%d", r->slot);
		if (r->team)
			snprintf(team, sizeof(team), "%d", r->team);
		else
			team[0] = '\0';
		const char *v[NPLAN] = {
			b->label, hstr(h, S_UNIT), start, end, hhs, people,
			r->door && r->point < 0 ? po->door_name :
			    point_name(po, r->point),
			r->door ? "true" : "false", floors, rooms ? rooms : "",
			slot, team, date, sq_strtab_str(&s->names, b->community),
		};
		size_t len[NPLAN];
		for (size_t k = 0; k < NPLAN; k++)
			len[k] = strlen(v[k]);
		sq_writer_fields(w, v, len, NPLAN);
		free(rooms);
	}
	return sq_writer_close(w);
}

/* A file name a person can read, made safe. */
static void
safe_name(const char *in, char *out, size_t outsz)
{
	size_t o = 0;

	for (const char *p = in; *p && o + 1 < outsz; p++) {
		int bad = *p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    (o == 0 && *p == '.');
		out[o++] = bad ? '_' : *p;
	}
	out[o] = '\0';
}

static int
make_dir(const char *dir)
{
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		sq_error("%s: cannot make the directory: %s", dir,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* The day as the templates see it: date, year, month, day, weekday. */
static void
set_day(const struct state *s, json_t *o)
{
	char *wd = sq_xstrdup(s->words.text[W_WEEKDAYS]), *save = NULL;
	int k = ((s->day % 7) + 7 + 4) % 7;	/* 1970-01-01 was a Thursday */
	const char *name = "";

	json_object_set_new(o, "date", json_string(s->date));
	json_object_set_new(o, "year", json_integer(atoi(s->date)));
	json_object_set_new(o, "month", json_integer(atoi(s->date + 5)));
	json_object_set_new(o, "day", json_integer(atoi(s->date + 8)));
	for (char *t = strtok_r(wd, ",", &save); t; t = strtok_r(NULL, ",",
	    &save))
		if (k-- == 0) {
			name = t;
			break;
		}
	const char *nm = name;
	size_t nl = sq_trim(&nm, strlen(nm));
	json_object_set_new(o, "weekday", json_stringn(nm, nl));
	free(wd);
}

static char *
load_partial(void *ctx, const char *name, char **path, char *err,
    size_t errsz)
{
	(void)ctx;
	(void)path;
	snprintf(err, errsz, "no partials in a notice ({{> %s}})", name);
	return NULL;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct sq_buf b;
	char chunk[8192];
	size_t n;

	if (fp == NULL) {
		sq_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	sq_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		sq_buf_add(&b, chunk, n);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		sq_error("%s: read error", path);
		sq_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return sq_buf_take(&b);
}

/* One notice per building: its calls and its door visits. */
static int
write_notices(struct state *s, const struct plan_out *po)
{
	char rel[64], err[512];
	size_t len;

	snprintf(rel, sizeof(rel), "waves/%s/notice.txt", s->lang);
	char *path = sq_datafile(&s->c, rel);
	char *text = slurp(path, &len);
	if (text == NULL) {
		free(path);
		return -1;
	}
	struct sq_tpl *tpl = sq_tpl_parse(text, len, path, err, sizeof(err));
	free(text);
	if (tpl == NULL) {
		sq_error("%s", err);
		free(path);
		return -1;
	}
	if (make_dir(s->notices_dir) < 0) {
		sq_tpl_free(tpl);
		free(path);
		return -1;
	}
	size_t n = sq_waves_nrows(po->w);
	json_t **calls = sq_xcalloc(s->nbld + 1, sizeof(*calls));
	json_t **doors = sq_xcalloc(s->nbld + 1, sizeof(*doors));
	for (size_t i = 0; i < n; i++) {
		const struct sq_waves_row *r = sq_waves_row(po->w, i);
		const struct household *h = &s->hh[po->first[i]];
		char start[6], end[6], floors[32];
		json_t *o = json_object();
		hhmm(r->start, start);
		hhmm(r->end, end);
		floors_text(r, floors, sizeof(floors));
		json_object_set_new(o, "unit", json_string(hstr(h, S_UNIT)));
		json_object_set_new(o, "floors", json_string(floors));
		json_object_set_new(o, "start", json_string(start));
		json_object_set_new(o, "end", json_string(end));
		json_object_set_new(o, "people", json_integer(r->people));
		json_object_set_new(o, "households",
		    json_integer(r->households));
		json_object_set_new(o, "point", json_string(r->door &&
		    r->point < 0 ? po->door_name : point_name(po, r->point)));
		json_t **list = r->door ? doors : calls;
		if (r->door) {
			char *rooms = rooms_of(s, po, i, "、");
			json_object_set_new(o, "rooms", json_string(rooms));
			json_object_set_new(o, "team", json_integer(r->team));
			free(rooms);
		}
		if (list[h->bld] == NULL)
			list[h->bld] = json_array();
		json_array_append_new(list[h->bld], o);
	}
	struct sq_tpl_env env = { NULL, NULL, load_partial, NULL };
	int rc = 0;
	for (size_t b = 0; b < s->nbld && rc == 0; b++) {
		if (calls[b] == NULL && doors[b] == NULL)
			continue;
		const struct building *x = &s->bld[b];
		json_t *d = json_object();
		set_day(s, d);
		json_object_set_new(d, "community", json_string(
		    sq_strtab_str(&s->names, x->community)));
		json_object_set_new(d, "building", json_string(x->label));
		json_object_set_new(d, "closed", json_boolean(x->closed));
		json_object_set_new(d, "calls", calls[b] ? calls[b] :
		    json_array());
		json_object_set_new(d, "door", doors[b] ? doors[b] :
		    json_array());
		calls[b] = doors[b] = NULL;
		/* the file name, from words.conf; a district's buildings apart */
		json_t *fd = json_object();
		json_object_set_new(fd, "building", json_string(x->label));
		json_object_set_new(fd, "date", json_string(s->date));
		char *fname = say(&s->words, W_NOTICE_FILE, fd), safe[256];
		char file[4096];
		safe_name(fname, safe, sizeof(safe));
		free(fname);
		if (x->community && !s->only_community) {
			char cs[128];
			safe_name(sq_strtab_str(&s->names, x->community), cs,
			    sizeof(cs));
			snprintf(file, sizeof(file), "%s/%s-%s", s->notices_dir,
			    cs, safe);
		} else
			snprintf(file, sizeof(file), "%s/%s", s->notices_dir,
			    safe);
		struct sq_buf out;
		sq_buf_init(&out);
		if (sq_tpl_render(tpl, d, &env, &out, err, sizeof(err)) < 0) {
			sq_error("%s", err);
			rc = -1;
		} else {
			struct sq_afile af;
			if (sq_afile_open(&af, file) < 0)
				rc = -1;
			else {
				fwrite(out.s, 1, out.len, af.fp);
				rc = sq_afile_close(&af);
			}
		}
		sq_buf_free(&out);
		json_decref(d);
	}
	for (size_t b = 0; b < s->nbld; b++) {
		json_decref(calls[b]);
		json_decref(doors[b]);
	}
	free(calls);
	free(doors);
	sq_tpl_free(tpl);
	free(path);
	return rc;
}

static json_t *
time_json(int64_t minute)
{
	char t[6];

	hhmm(minute, t);
	return json_string(t);
}

static int
write_plan_summary(struct state *s, const struct plan_out *po)
{
	const struct sq_waves_stats *st = sq_waves_stats(po->w);
	json_t *root = json_object(), *plan = json_object();
	json_t *points = json_array();

	json_object_set_new(root, "date", json_string(s->date));
	json_object_set_new(plan, "households", json_integer((json_int_t)s->nhh));
	json_object_set_new(plan, "queue_households",
	    json_integer(st->queue_households));
	json_object_set_new(plan, "queue_people", json_integer(st->queue_people));
	json_object_set_new(plan, "door_households",
	    json_integer(st->door_households));
	json_object_set_new(plan, "door_people", json_integer(st->door_people));
	json_object_set_new(plan, "door_rounds", json_integer(st->door_rounds));
	json_object_set_new(plan, "door_teams",
	    json_integer(s->set.eng.door_teams));
	json_object_set_new(plan, "not_called", json_integer(st->not_called));
	json_object_set_new(plan, "members_missing",
	    json_integer(s->members_missing));
	json_object_set_new(plan, "start", time_json(st->start));
	json_object_set_new(plan, "queue_end", time_json(st->queue_end));
	json_object_set_new(plan, "ideal_end",
	    time_json((int64_t)(st->ideal_end + 0.999999)));
	json_object_set_new(plan, "door_end", time_json(st->door_end));
	json_object_set_new(plan, "minutes", json_integer((json_int_t)
	    (st->queue_end - st->start)));
	json_object_set_new(plan, "ideal_minutes", json_real(
	    (double)(long)((st->ideal_end - (double)st->start) * 10 + 0.5) /
	    10));
	for (size_t p = 0; p < po->npt; p++) {
		const struct sq_waves_point_stats *ps =
		    sq_waves_point_stats(po->w, (int)p);
		json_t *o = json_object();
		json_object_set_new(o, "point", json_string(po->pt[p].name));
		json_object_set_new(o, "desks", json_integer(po->pt[p].desks));
		json_object_set_new(o, "rate", json_integer(po->pt[p].rate));
		json_object_set_new(o, "households", json_integer(ps->households));
		json_object_set_new(o, "people", json_integer(ps->people));
		json_object_set_new(o, "slots", json_integer(ps->slots));
		json_object_set_new(o, "start", time_json(ps->start));
		json_object_set_new(o, "end", time_json(ps->end));
		/* people called each quarter hour: the queue chart */
		json_t *q = json_array();
		for (size_t i = 0; i < sq_waves_nrows(po->w); i++) {
			const struct sq_waves_row *r = sq_waves_row(po->w, i);
			if (r->door || r->point != (int)p || r->end <= r->start)
				continue;
			/* spread evenly over the slot's minutes */
			for (int64_t m = r->start; m < r->end; m++) {
				size_t k = (size_t)((m - ps->start) / 15);
				while (json_array_size(q) <= k)
					json_array_append_new(q, json_real(0));
				double v = json_real_value(json_array_get(q, k));
				json_real_set(json_array_get(q, k), v +
				    (double)r->people / (double)(r->end -
				    r->start));
			}
		}
		for (size_t k = 0; k < json_array_size(q); k++)
			json_array_set_new(q, k, json_integer((json_int_t)
			    (json_real_value(json_array_get(q, k)) + 0.5)));
		json_object_set_new(o, "per_15_minutes", q);
		json_array_append_new(points, o);
	}
	json_object_set_new(root, "plan", plan);
	json_object_set_new(root, "points", points);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	json_decref(root);
	return sq_write_document(s->summary_path, text);
}

static int
run_plan(struct state *s)
{
	struct plan_out po;
	int failed = 0;

	memset(&po, 0, sizeof(po));
	if (s->closed_path)
		read_closed(s);
	if (s->door_path)
		read_door(s);
	po.pt = read_points(s, &po.npt);
	po.door_name = say(&s->words, W_DOOR_POINT, json_object());

	struct sq_waves_settings eng = s->set.eng;
	eng.door_start = s->set.door_start >= 0 ? s->set.door_start :
	    s->set.start;
	po.w = sq_waves_new(&eng);
	for (size_t p = 0; p < po.npt; p++) {
		double xy[2] = { po.pt[p].x, po.pt[p].y };
		sq_waves_add_point(po.w, po.pt[p].desks, po.pt[p].rate,
		    po.pt[p].start, po.pt[p].has_xy ? xy : NULL);
	}
	long off_plan = 0;
	for (size_t b = 0; b < s->nbld; b++) {
		struct building *x = &s->bld[b];
		double xy[2];
		if (s->have_sites)
			x->site = sq_sites_building(&s->sites,
			    sq_strtab_str(&s->names, x->community), x->key);
		if (x->site >= 0) {
			xy[0] = s->sites.v[x->site].x;
			xy[1] = s->sites.v[x->site].y;
		} else if (s->have_sites) {
			off_plan++;
			sq_warn(s->sites_path, 0, "building %s is not on the "
			    "site plan; called after the others", x->label);
		}
		sq_waves_add_building(po.w, x->site >= 0 ? xy : NULL, x->closed);
	}
	sq_strtab_rank(&s->units);
	for (size_t i = 0; i < s->nhh; i++) {
		const struct household *h = &s->hh[i];
		sq_waves_add_household(po.w, (int)h->bld,
		    (int)s->units.rank[h->unit], h->floor, h->members,
		    h->door != 0);
	}
	sq_waves_plan(po.w);

	size_t n = sq_waves_nrows(po.w);
	po.first = sq_xmalloc((n + 1) * sizeof(long));
	po.next = sq_xmalloc((s->nhh + 1) * sizeof(long));
	long *last = sq_xmalloc((n + 1) * sizeof(long));
	for (size_t r = 0; r < n; r++)
		po.first[r] = last[r] = -1;
	for (size_t i = 0; i < s->nhh; i++) {
		long r = sq_waves_household_row(po.w, (long)i);
		po.next[i] = -1;
		if (r < 0)
			continue;
		if (last[r] < 0)
			po.first[r] = (long)i;
		else
			po.next[last[r]] = (long)i;
		last[r] = (long)i;
	}
	free(last);

	if (write_plan(s, &po) < 0)
		failed = 1;
	if (!failed && s->notices_dir && write_notices(s, &po) < 0)
		failed = 1;
	if (!failed && s->summary_path && write_plan_summary(s, &po) < 0)
		failed = 1;

	const struct sq_waves_stats *st = sq_waves_stats(po.w);
	char a[6], b[6], c[6], d[6];
	hhmm(st->start, a);
	hhmm(st->queue_end, b);
	hhmm((int64_t)(st->ideal_end + 0.999999), c);
	hhmm(st->door_end, d);
	long slots = 0;
	for (size_t p = 0; p < po.npt; p++)
		slots += sq_waves_point_stats(po.w, (int)p)->slots;
	sq_note("%zu households, %ld people; called: %ld households in %ld "
	    "slot%s at %zu point%s, %s to %s (%s without an idle minute); at "
	    "the door: %ld households in %ld round%s by %d team%s, until %s",
	    s->nhh, st->queue_people + st->door_people, st->queue_households,
	    slots, slots == 1 ? "" : "s", po.npt, po.npt == 1 ? "" : "s", a, b,
	    c, st->door_households, st->door_rounds, st->door_rounds == 1 ?
	    "" : "s", s->set.eng.door_teams, s->set.eng.door_teams == 1 ? "" :
	    "s", d);
	if (s->members_missing)
		sq_note("%ld households without members counted as 1 person",
		    s->members_missing);
	if (st->not_called)
		sq_note("%ld households of 0 members not called",
		    st->not_called);
	if (st->queue_end >= 1440 || st->door_end >= 1440)
		sq_warn(NULL, 0, "the plan runs past midnight: add desks, "
		    "points or door teams, or start earlier");
	(void)off_plan;
	free(po.first);
	free(po.next);
	for (size_t p = 0; p < po.npt; p++)
		free(po.pt[p].name);
	free(po.pt);
	free(po.door_name);
	sq_waves_free(po.w);
	return failed ? -1 : 0;
}

/* ---- who was missed ------------------------------------------------------ */

static void
add_seen(struct state *s, uint32_t h, int day, uint32_t name, uint32_t point)
{
	if (s->nseen == s->capseen) {
		s->capseen = s->capseen ? 2 * s->capseen : 4096;
		s->seen = sq_xrealloc(s->seen, s->capseen * sizeof(*s->seen));
	}
	struct sample *x = &s->seen[s->nseen++];
	x->h = h;
	x->day = day;
	x->name = name;
	x->point = point;
}

/* The longest prefix of s within max bytes that ends on a character. */
static size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

static void
add_unknown(struct state *s, const char *file, const struct sq_rec *rec,
    const struct sq_rowaddr *ra, long cname, const char *key,
    const struct sq_res *res, const char *why, int day, uint32_t point)
{
	size_t alen, nlen;
	const char *addr = sq_rec_cell_trim(rec, ra->address, &alen);
	char buf[256];

	if (alen == 0) {	/* building/unit/room columns: show them */
		size_t bl, ul, rl;
		const char *b = sq_rec_cell_trim(rec, ra->building, &bl);
		const char *u = sq_rec_cell_trim(rec, ra->unit, &ul);
		const char *r = sq_rec_cell_trim(rec, ra->room, &rl);
		snprintf(buf, sizeof(buf), "%.*s %.*s %.*s", (int)utf8_cut(b,
		    bl, 60), b, (int)utf8_cut(u, ul, 30), u,
		    (int)utf8_cut(r, rl, 60), r);
		addr = buf;
		alen = strlen(buf);
		alen = sq_trim(&addr, alen);
	}
	if (s->nunk == s->capunk) {
		s->capunk = s->capunk ? 2 * s->capunk : 64;
		s->unk = sq_xrealloc(s->unk, s->capunk * sizeof(*s->unk));
	}
	struct unknown *u = &s->unk[s->nunk++];
	memset(u, 0, sizeof(*u));
	u->line = rec->line;
	u->day = day;
	u->point = point;
	if (!why) {	/* building, unit and room as the row's key says */
		char part[SQ_BKEY_MAX], bk[SQ_BKEY_MAX];
		sq_hh_building(key, bk, sizeof(bk));
		const char *bp = strrchr(bk, '-');
		part_label(bp ? bp + 1 : bk, u->building, sizeof(u->building));
		key_part(key, 'U', part, sizeof(part));
		part_label(part, u->unit, sizeof(u->unit));
		key_part(key, 'R', part, sizeof(part));
		part_label(part, u->room, sizeof(u->room));
	}
	/* the list of the household most likely meant */
	long hint = why ? -1 : res->kind == SQ_RES_AMBIGUOUS ? res->cand[0] :
	    res->nearest;
	if (hint >= 0) {
		u->grid = s->hh[hint].grid;
		u->community = s->hh[hint].community;
	}
	const char *name = sq_rec_cell_trim(rec, cname, &nlen);
	u->name = sq_arena_strndup(&s->arena, name, nlen);
	json_t *d = json_object();
	json_object_set_new(d, "file", json_string(file));
	json_object_set_new(d, "line", json_integer(rec->line));
	json_object_set_new(d, "address", json_stringn(addr,
	    utf8_cut(addr, alen, 80)));
	json_object_set_new(d, "key", json_string(key));
	if (why) {
		json_object_set_new(d, "why", json_string(why));
		u->reason = say(&s->words, W_BAD_ADDRESS, d);
	} else if (res->kind == SQ_RES_AMBIGUOUS) {
		char *c = candidates(s, res, "、");
		json_object_set_new(d, "candidates", json_string(c));
		json_object_set_new(d, "n", json_integer((json_int_t)res->ncand));
		free(c);
		u->reason = say(&s->words, W_AMBIGUOUS, d);
	} else if (res->nearest >= 0) {
		json_object_set_new(d, "nearest", json_string(
		    s->hh[res->nearest].text));
		u->reason = say(&s->words, W_NEAREST, d);
	} else
		u->reason = say(&s->words, W_NOT_IN_ROSTER, d);
}

/*
 * The day of a log row: its date cell, or the date in its time cell;
 * DAY_ANY when neither says (a log of one day).  INT_MIN: unreadable.
 */
static int
row_day(const struct state *s, const struct sq_rec *rec, long cdate,
    long ctime, const char **why)
{
	char ymd[11];
	size_t len;
	const char *p = sq_rec_cell_trim(rec, cdate, &len);

	*why = NULL;
	if (len == 0) {
		char hm[6];
		p = sq_rec_cell_trim(rec, ctime, &len);
		if (len == 0)
			return DAY_ANY;
		if (sq_date_parse(p, len, s->year, ymd, why) == SQ_VAL_OK)
			return sq_date_days(ymd);
		/* a time alone is the day's; anything else is not a time */
		if (sq_time_parse(p, len, hm, why) == SQ_VAL_OK) {
			*why = NULL;
			return DAY_ANY;
		}
		return INT_MIN;
	}
	if (sq_date_parse(p, len, s->year, ymd, why) != SQ_VAL_OK)
		return INT_MIN;
	return sq_date_days(ymd);
}

static int
read_log(struct state *s, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	struct sq_rowaddr ra;
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	const char *file = sq_reader_name(r);
	sq_rowaddr_find(&ra, r);
	long cname = sq_reader_col(r, "name");
	long cdate = sq_reader_col(r, "date"), ctime = sq_reader_col(r, "time");
	long cpoint = sq_reader_col(r, "point");
	if (sq_reader_ncols(r) > 0 && !sq_rowaddr_usable(&ra)) {
		sq_error("%s: no address column (地址, 楼号/单元/室号, or 户号)",
		    file);
		sq_reader_close(r);
		return -1;
	}
	if (sq_reader_ncols(r) > 0)
		need_community(s, &ra, file);
	sq_rejects_columns(s->rj, sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		char key[SQ_ADDR_KEYMAX];
		struct sq_res res;
		const char *why;
		size_t len;
		s->log_rows++;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(s->rj, file, &rec, rec.err);
			continue;
		}
		int day = row_day(s, &rec, cdate, ctime, &why);
		if (day == INT_MIN) {
			char msg[200];
			snprintf(msg, sizeof(msg), "%s cannot be read: %s",
			    cdate >= 0 ? "date" : "time", why ? why :
			    "not a date");
			sq_rejects_add(s->rj, file, &rec, msg);
			continue;
		}
		/* rows by point: its column, or the log's name */
		const char *pt = sq_rec_cell_trim(&rec, cpoint, &len);
		if (len == 0) {
			pt = file;
			len = strlen(file);
		}
		uint32_t pid = sq_strtab_id(&s->points, pt, len);
		long i = find_household(s, &ra, &rec, key, &res, &why);
		if (i < 0) {
			add_unknown(s, file, &rec, &ra, cname, key, &res,
			    i == -2 ? why : NULL, day, pid);
			continue;
		}
		if (cname < 0) {	/* a log of households, not people */
			add_seen(s, (uint32_t)i, day, 0, pid);
			continue;
		}
		const char *nm = sq_rec_cell_trim(&rec, cname, &len);
		char *folded = sq_fold_lower(nm, len);
		size_t fl = strlen(folded);
		/* "张 三" and "张三" are one person: no spaces inside */
		size_t o = 0;
		for (size_t k = 0; k < fl; k++)
			if (folded[k] != ' ')
				folded[o++] = folded[k];
		folded[o] = '\0';
		/* an empty name is one more person, never the same twice */
		uint32_t nh = o ? sq_hash(folded, o) | 1u :
		    (uint32_t)((s->nseen + 1) << 1);
		free(folded);
		add_seen(s, (uint32_t)i, day, nh, pid);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

static int
by_person(const void *pa, const void *pb)
{
	const struct sample *a = pa, *b = pb;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->name < b->name ? -1 : a->name > b->name;
}

static void
count_point(struct state *s, uint32_t pid)
{
	if (pid >= s->cap_point_rows) {
		size_t cap = s->cap_point_rows ? 2 * s->cap_point_rows : 16;
		while (cap <= pid)
			cap *= 2;
		s->point_rows = sq_xrealloc(s->point_rows, cap * sizeof(long));
		memset(s->point_rows + s->cap_point_rows, 0, (cap -
		    s->cap_point_rows) * sizeof(long));
		s->cap_point_rows = cap;
	}
	s->point_rows[pid]++;
}

/*
 * The day's rows: of the day given, else of the latest day in the logs
 * (a log that accumulates a week counts only its last day); a row that
 * does not say its day is the day's.  People sampled: the distinct names
 * of each household.
 */
static void
take_samples(struct state *s)
{
	if (!s->date_given) {
		int latest = INT_MIN;
		for (size_t k = 0; k < s->nseen; k++)
			if (s->seen[k].day != DAY_ANY && s->seen[k].day > latest)
				latest = s->seen[k].day;
		for (size_t k = 0; k < s->nunk; k++)
			if (s->unk[k].day != DAY_ANY && s->unk[k].day > latest)
				latest = s->unk[k].day;
		if (latest != INT_MIN) {
			s->day = latest;
			sq_date_from_days(latest, s->date);
		}
	}
	size_t kept = 0;
	for (size_t k = 0; k < s->nseen; k++) {
		struct sample *x = &s->seen[k];
		if (x->day != DAY_ANY && x->day != s->day) {
			s->log_other_days++;
			continue;
		}
		count_point(s, x->point);
		s->log_sampled++;
		s->hh[x->h].any = 1;
		if (x->name == 0)
			s->hh[x->h].whole = 1;
		else
			s->seen[kept++] = *x;
	}
	s->nseen = kept;
	if (s->nseen > 1)
		qsort(s->seen, s->nseen, sizeof(*s->seen), by_person);
	for (size_t k = 0; k < s->nseen; k++) {
		if (k > 0 && s->seen[k].h == s->seen[k - 1].h &&
		    s->seen[k].name == s->seen[k - 1].name)
			continue;
		struct household *h = &s->hh[s->seen[k].h];
		if (h->sampled < UINT16_MAX)
			h->sampled++;
	}
	kept = 0;
	for (size_t k = 0; k < s->nunk; k++) {
		struct unknown *u = &s->unk[k];
		if (u->day != DAY_ANY && u->day != s->day) {
			s->log_other_days++;
			free(u->reason);
			continue;
		}
		count_point(s, u->point);
		s->log_unknown++;
		s->unk[kept++] = *u;
	}
	s->nunk = kept;
}

struct outrow {
	uint32_t grid_rank, tier;
	long	 h;		/* household, or -1 */
	long	 u;		/* unknown row, or -1 */
	char	*reason;
};

static int
by_outrow(const void *pa, const void *pb)
{
	const struct outrow *a = pa, *b = pb;

	if (a->grid_rank != b->grid_rank)
		return a->grid_rank < b->grid_rank ? -1 : 1;
	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->u < b->u ? -1 : a->u > b->u;
}

static const char *const missed_cols[] = {
	"hh", "building", "unit", "room", "grid", "phone", "status", "reason",
	"members", "sampled", "door", "community", "name",
};
#define NMISSED (sizeof(missed_cols) / sizeof(missed_cols[0]))

static void
put_missed(struct state *s, struct sq_writer *w, const struct outrow *o)
{
	char members[8] = "", sampled[8] = "";
	const char *v[NMISSED];
	size_t len[NMISSED];

	if (o->h >= 0) {
		const struct household *h = &s->hh[o->h];
		snprintf(members, sizeof(members), "%u", h->members);
		snprintf(sampled, sizeof(sampled), "%u", h->sampled);
		v[0] = h->text;
		v[1] = hstr(h, S_BUILDING);
		v[2] = hstr(h, S_UNIT);
		v[3] = hstr(h, S_ROOM);
		v[4] = sq_strtab_str(&s->names, h->grid);
		v[5] = hstr(h, S_PHONE);
		v[6] = status_names[h->status];
		v[10] = h->door ? "true" : "false";
		v[11] = sq_strtab_str(&s->names, h->community);
		v[12] = hstr(h, S_NAME);
	} else {
		const struct unknown *u = &s->unk[o->u];
		v[0] = "";
		v[1] = u->building;
		v[2] = u->unit;
		v[3] = u->room;
		v[4] = sq_strtab_str(&s->names, u->grid);
		v[5] = "";
		v[6] = status_names[ST_UNKNOWN];
		v[10] = "";
		v[11] = sq_strtab_str(&s->names, u->community);
		v[12] = u->name;
	}
	v[7] = o->reason ? o->reason : "";
	v[8] = members;
	v[9] = sampled;
	for (size_t i = 0; i < NMISSED; i++)
		len[i] = strlen(v[i]);
	sq_writer_fields(w, v, len, NMISSED);
}

static int
write_split(struct state *s, const struct outrow *rows, size_t n)
{
	char path[4096];

	if (make_dir(s->split_dir) < 0)
		return -1;
	/* lists are for people: Chinese headers, a BOM for Excel and WPS,
	   no formula in a name or a reason */
	struct sq_writer_opts wo = sq_person_opts(&s->c);
	wo.format = SQ_OUT_CSV;
	wo.bom = 1;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && rows[j].grid_rank == rows[i].grid_rank)
			j++;
		uint32_t g = rows[i].h >= 0 ? s->hh[rows[i].h].grid :
		    s->unk[rows[i].u].grid;
		const char *grid = sq_strtab_str(&s->names, g);
		char *no_grid = NULL;
		if (*grid == '\0')
			grid = no_grid = say(&s->words, W_NO_GRID,
			    json_object());
		json_t *d = json_object();
		json_object_set_new(d, "grid", json_string(grid));
		json_object_set_new(d, "date", json_string(s->date));
		char *name = say(&s->words, W_LIST_FILE, d), safe[256];
		safe_name(name, safe, sizeof(safe));
		free(name);
		free(no_grid);
		snprintf(path, sizeof(path), "%s/%s", s->split_dir, safe);
		struct sq_writer *w = sq_writer_open(path, &wo);
		if (w == NULL)
			return -1;
		put_header(s, w, missed_cols, NMISSED, "missed", 1);
		for (size_t k = i; k < j; k++)
			if (rows[k].tier < ST_SAMPLED)
				put_missed(s, w, &rows[k]);
		if (sq_writer_close(w) < 0)
			return -1;
		i = j;
	}
	return 0;
}

struct tally {
	long	 households, people, sampled, sampled_people, missed, partial;
};

static void
tally_add(struct tally *t, const struct household *h)
{
	if (h->status == ST_EMPTY)
		return;
	t->households++;
	t->people += h->members;
	t->sampled += h->status == ST_SAMPLED;
	t->sampled_people += h->status == ST_SAMPLED && h->whole ?
	    h->members : h->sampled < h->members ? h->sampled : h->members;
	t->missed += h->status == ST_MISSED;
	t->partial += h->status == ST_PARTIAL;
}

static json_t *
tally_json(const struct tally *t, json_t *o)
{
	json_object_set_new(o, "households", json_integer(t->households));
	json_object_set_new(o, "sampled", json_integer(t->sampled));
	json_object_set_new(o, "partial", json_integer(t->partial));
	json_object_set_new(o, "missed", json_integer(t->missed));
	json_object_set_new(o, "people", json_integer(t->people));
	json_object_set_new(o, "sampled_people", json_integer(t->sampled_people));
	json_object_set_new(o, "rate", json_real(t->households ? (double)(long)
	    (1000.0 * t->sampled / t->households + 0.5) / 1000 : 0));
	return o;
}

/* qsort has no context: the table of the names being sorted */
static const struct sq_strtab *g_names;

static int
by_name(const void *a, const void *b)
{
	return strcmp(sq_strtab_str(g_names, *(const uint32_t *)a),
	    sq_strtab_str(g_names, *(const uint32_t *)b));
}

static int
write_missed_summary(struct state *s)
{
	json_t *root = json_object(), *blds = json_array(), *grids = json_object();
	json_t *points = json_array();
	struct tally total = { 0 };
	struct tally *per_b = sq_xcalloc(s->nbld + 1, sizeof(*per_b));
	struct tally *per_g = sq_xcalloc(s->names.n + 1, sizeof(*per_g));

	for (size_t i = 0; i < s->nhh; i++) {
		const struct household *h = &s->hh[i];
		tally_add(&total, h);
		tally_add(&per_b[h->bld], h);
		tally_add(&per_g[h->grid], h);
	}
	/* buildings in key order: the natural order, by community */
	for (size_t b = 0; b < s->nbld; b++) {
		if (per_b[b].households == 0)
			continue;
		json_t *o = json_object();
		if (s->bld[b].community)
			json_object_set_new(o, "community", json_string(
			    sq_strtab_str(&s->names, s->bld[b].community)));
		json_object_set_new(o, "building", json_string(s->bld[b].label));
		json_array_append_new(blds, tally_json(&per_b[b], o));
	}
	/*
	 * Grids by number, not by the grid worker's name: the summary feeds
	 * the bulletin and holds no name.  G01, G02 ... in the byte order of
	 * the roster's grid column, "none" for no grid (as sq-flag -Y).
	 */
	uint32_t *gv = sq_xmalloc((s->names.n + 1) * sizeof(*gv));
	size_t ngv = 0, gk = 0;
	for (size_t g = 0; g < s->names.n; g++)
		if (per_g[g].households)
			gv[ngv++] = (uint32_t)g;
	g_names = &s->names;
	qsort(gv, ngv, sizeof(*gv), by_name);
	for (size_t i = 0; i < ngv; i++) {
		const char *nm = sq_strtab_str(&s->names, gv[i]);
		char key[24];
		if (*nm == '\0')
			snprintf(key, sizeof(key), "none");
		else
			snprintf(key, sizeof(key), "G%02zu", ++gk);
		json_object_set_new(grids, key, tally_json(&per_g[gv[i]],
		    json_object()));
	}
	free(gv);
	sq_strtab_rank(&s->points);
	uint32_t *ord = sq_xmalloc((s->points.n + 1) * sizeof(*ord));
	for (size_t k = 0; k < s->points.n; k++)
		ord[s->points.rank[k]] = (uint32_t)k;
	for (size_t k = 0; k < s->points.n; k++) {
		uint32_t id = ord[k];
		long rows = id < s->cap_point_rows ? s->point_rows[id] : 0;
		if (rows == 0)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "point", json_string(
		    sq_strtab_str(&s->points, id)));
		json_object_set_new(o, "rows", json_integer(rows));
		json_array_append_new(points, o);
	}
	free(ord);
	json_object_set_new(root, "date", json_string(s->date));
	json_t *t = tally_json(&total, json_object());
	json_object_set_new(t, "unknown_household",
	    json_integer((json_int_t)s->nunk));
	json_object_set_new(root, "total", t);
	json_object_set_new(root, "buildings", blds);
	json_object_set_new(root, "grids", grids);
	json_object_set_new(root, "points", points);
	json_t *lg = json_object();
	json_object_set_new(lg, "rows", json_integer(s->log_rows));
	json_object_set_new(lg, "households_rows", json_integer(s->log_sampled));
	json_object_set_new(lg, "unknown_household", json_integer(s->log_unknown));
	json_object_set_new(lg, "other_days", json_integer(s->log_other_days));
	json_object_set_new(lg, "rejected", json_integer(sq_rejects_count(s->rj)));
	json_object_set_new(root, "logs", lg);
	free(per_b);
	free(per_g);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(4));
	json_decref(root);
	return sq_write_document(s->summary_path, text);
}

static int
run_missed(struct state *s)
{
	int failed = 0;

	for (int i = 0; i < s->nlogs; i++)
		if (read_log(s, s->logs[i]) < 0)
			return -1;
	take_samples(s);
	sq_strtab_rank(&s->names);
	size_t nrows = 0;
	struct outrow *rows = sq_xcalloc(s->nhh + s->nunk + 1, sizeof(*rows));
	long empty = 0;
	for (size_t i = 0; i < s->nhh; i++) {
		struct household *h = &s->hh[i];
		if (h->members == 0 && h->members_known)
			h->status = ST_EMPTY;
		else if (!h->any)
			h->status = ST_MISSED;
		else if (h->whole || h->sampled >= h->members || !s->set.partial)
			h->status = ST_SAMPLED;
		else
			h->status = ST_PARTIAL;
		if (h->status == ST_EMPTY)
			empty++;
		if (h->status == ST_EMPTY || (h->status == ST_SAMPLED && !s->all))
			continue;
		struct outrow *o = &rows[nrows++];
		o->grid_rank = s->names.rank[h->grid];
		o->tier = h->status;
		o->h = (long)i;
		o->u = -1;
		if (h->status == ST_MISSED)
			o->reason = say(&s->words, h->door ? W_DOOR_MISSED :
			    W_MISSED, json_object());
		else if (h->status == ST_PARTIAL) {
			json_t *d = json_object();
			json_object_set_new(d, "members", json_integer(h->members));
			json_object_set_new(d, "sampled", json_integer(h->sampled));
			o->reason = say(&s->words, W_PARTIAL, d);
		}
		struct building *b = &s->bld[h->bld];
		b->missed += h->status == ST_MISSED;
		b->partial += h->status == ST_PARTIAL;
	}
	for (size_t k = 0; k < s->nunk; k++) {
		struct outrow *o = &rows[nrows++];
		o->grid_rank = s->names.rank[s->unk[k].grid];
		o->tier = ST_UNKNOWN;
		o->h = -1;
		o->u = (long)k;
		o->reason = s->unk[k].reason;
		s->unk[k].reason = NULL;
	}
	qsort(rows, nrows, sizeof(*rows), by_outrow);

	struct sq_writer *w = sq_writer_open(s->c.output, &s->c.out);
	if (w == NULL)
		failed = 1;
	else {
		put_header(s, w, missed_cols, NMISSED, "missed", s->zh);
		for (size_t i = 0; i < nrows; i++)
			put_missed(s, w, &rows[i]);
		if (sq_writer_close(w) < 0)
			failed = 1;
	}
	if (!failed && s->split_dir && write_split(s, rows, nrows) < 0)
		failed = 1;
	if (!failed && s->summary_path && write_missed_summary(s) < 0)
		failed = 1;

	long missed = 0, partial = 0, sampled = 0;
	for (size_t i = 0; i < s->nhh; i++) {
		missed += s->hh[i].status == ST_MISSED;
		partial += s->hh[i].status == ST_PARTIAL;
		sampled += s->hh[i].status == ST_SAMPLED;
	}
	sq_note("%zu households: %ld sampled, %ld partly, %ld missed (%ld of "
	    "0 members left out); %ld log rows: %ld of households, %ld "
	    "unknown households, %ld other days, %ld rejected", s->nhh -
	    (size_t)empty, sampled, partial, missed, empty, s->log_rows,
	    s->log_sampled, s->log_unknown, s->log_other_days,
	    sq_rejects_count(s->rj));
	for (size_t i = 0; i < nrows; i++)
		free(rows[i].reason);
	free(rows);
	return failed ? -1 : 0;
}

/* ---- main ---------------------------------------------------------------- */

static long
opt_minutes(const char *arg)
{
	char hm[6];
	const char *why = NULL;

	if (sq_time_parse(arg, strlen(arg), hm, &why) != SQ_VAL_OK)
		sq_usage_error(synopsis, "--start '%s': %s", arg, why ? why :
		    "not a time");
	return atoi(hm) * 60 + atoi(hm + 3);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		SQ_COMMON_LONGOPTS,
		{ "date",         required_argument, NULL, 'd' },
		{ "start",        required_argument, NULL, 't' },
		{ "desks",        required_argument, NULL, 'k' },
		{ "rate",         required_argument, NULL, 'r' },
		{ "slot-minutes", required_argument, NULL, 'm' },
		{ "points",       required_argument, NULL, 'P' },
		{ "sites",        required_argument, NULL, 'p' },
		{ "door",         required_argument, NULL, 'e' },
		{ "closed",       required_argument, NULL, 'c' },
		{ "door-teams",   required_argument, NULL, 'T' },
		{ "notices",      required_argument, NULL, 'N' },
		{ "sampled",      required_argument, NULL, 's' },
		{ "all",          no_argument,       NULL, 'a' },
		{ "split",        required_argument, NULL, 'L' },
		{ "summary",      required_argument, NULL, 'Y' },
		{ "settings",     required_argument, NULL, 'x' },
		{ "lang",         required_argument, NULL, 'l' },
		{ "zh",           no_argument,       NULL, 'Z' },
		{ "help",         no_argument,       NULL, 'h' },
		{ "version",      no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static struct state s;
	const char *why;
	int ch, failed = 0;

	sq_start(argc, argv);
	sq_common_init(&s.c);
	s.lang = "zh";
	s.opt_desks = s.opt_rate = s.opt_slot = s.opt_teams = -1;
	s.opt_start = -1;
	s.logs = sq_xcalloc((size_t)argc + 1, sizeof(*s.logs));
	while ((ch = getopt_long(argc, argv, ":" SQ_COMMON_SHORTOPTS
	    "d:t:k:r:m:P:p:e:c:T:N:s:aL:Y:x:l:ZhV", longopts, NULL)) != -1) {
		if (sq_common_opt(&s.c, ch, optarg, synopsis))
			continue;
		switch (ch) {
		case 'd':
			if (sq_date_parse(optarg, strlen(optarg), 0, s.date,
			    &why) != SQ_VAL_OK)
				sq_usage_error(synopsis, "--date '%s': %s",
				    optarg, why);
			s.date_given = 1;
			break;
		case 't': s.opt_start = opt_minutes(optarg); break;
		case 'k':
			s.opt_desks = sq_opt_long(optarg, 1, 1000, "--desks",
			    synopsis);
			break;
		case 'r':
			s.opt_rate = sq_opt_long(optarg, 1, 100000, "--rate",
			    synopsis);
			break;
		case 'm':
			s.opt_slot = sq_opt_long(optarg, 1, 1440,
			    "--slot-minutes", synopsis);
			break;
		case 'T':
			s.opt_teams = sq_opt_long(optarg, 1, 10000,
			    "--door-teams", synopsis);
			break;
		case 'P': s.points_path = optarg; break;
		case 'p': s.sites_path = optarg; break;
		case 'e': s.door_path = optarg; break;
		case 'c': s.closed_path = optarg; break;
		case 'N': s.notices_dir = optarg; break;
		case 's': s.logs[s.nlogs++] = optarg; break;
		case 'a': s.all = 1; break;
		case 'L': s.split_dir = optarg; break;
		case 'Y': s.summary_path = optarg; break;
		case 'x': s.settings_path = optarg; break;
		case 'l':
			if (strchr(optarg, '/') || *optarg == '.' || !*optarg)
				sq_usage_error(synopsis, "--lang is a folder "
				    "name of share/waves, such as zh or en");
			s.lang = optarg;
			break;
		case 'Z': s.zh = 1; break;
		case 'h': usage(); return 0;
		case 'V': sq_print_version(); return 0;
		default: sq_bad_option(synopsis, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		sq_usage_error(synopsis, "give the households table");
	/* more files after the roster are logs, for a glob of logs */
	for (int i = 1; i < argc; i++)
		s.logs[s.nlogs++] = argv[i];
	int missed_job = s.nlogs > 0;
	if (argc > 1 && !missed_job)
		sq_usage_error(synopsis, "one households table");
	if (missed_job && (s.points_path || s.sites_path || s.door_path ||
	    s.closed_path || s.notices_dir))
		sq_usage_error(synopsis, "--sampled reads logs; the plan's "
		    "options (-P -p -e -c -N) are for a run without it");
	if (!missed_job && (s.split_dir || s.all))
		sq_usage_error(synopsis, "--split and --all are for the "
		    "missed list: give the logs with --sampled");

	settings_default(&s.set);
	char *conf = sq_datafile(&s.c, "waves.conf");
	int rc = settings_load(conf, &s.set, 0);
	free(conf);
	if (rc < 0 || (s.settings_path &&
	    settings_load(s.settings_path, &s.set, 1) < 0))
		return SQ_EXIT_USAGE;
	if (s.opt_desks > 0)
		s.set.desks = s.opt_desks;
	if (s.opt_rate > 0)
		s.set.rate = s.opt_rate;
	if (s.opt_start >= 0)
		s.set.start = (int)s.opt_start;
	if (s.opt_slot > 0)
		s.set.eng.slot_minutes = (int)s.opt_slot;
	if (s.opt_teams > 0)
		s.set.eng.door_teams = (int)s.opt_teams;
	char rel[64];
	snprintf(rel, sizeof(rel), "waves/%s/words.conf", s.lang);
	char *wpath = sq_datafile(&s.c, rel);
	rc = words_load(&s.words, wpath);
	if (rc < 0) {
		free(wpath);
		return SQ_EXIT_USAGE;
	}

	if (s.date_given)
		s.day = sq_date_days(s.date);
	else
		s.day = sq_date_today(s.date, NULL);
	s.year = atoi(s.date);

	s.c.tables = "households,rounds,waves";
	if ((s.aliases = sq_load_aliases(&s.c)) == NULL)
		return SQ_EXIT_USAGE;
	s.c.in.aliases = s.aliases;
	s.c.in.canonical = 1;
	sq_strtab_init(&s.names);
	sq_strtab_init(&s.units);
	sq_strtab_init(&s.bkeys);
	sq_strtab_init(&s.points);
	s.res = sq_resolver_new_borrowed(key_of, &s);
	if ((s.rj = sq_rejects_open(s.c.rejects)) == NULL)
		return SQ_EXIT_USAGE;
	if (s.sites_path) {
		if (sq_sites_read(&s.sites, s.sites_path, &s.c.in) < 0)
			return SQ_EXIT_USAGE;
		s.have_sites = 1;
	}
	if (load_households(&s, argv[0]) < 0) {
		sq_rejects_abort(s.rj);
		return SQ_EXIT_USAGE;
	}
	if (missed_job)
		failed = run_missed(&s) < 0;
	else
		failed = run_plan(&s) < 0;
	if (sq_rejects_close(s.rj) < 0)
		failed = 1;

	free(s.unk);
	free(s.seen);
	free(s.point_rows);
	free(s.hh);
	free(s.bld);
	free(s.logs);
	free(s.set.door_flags);
	free(wpath);
	words_free(&s.words);
	sq_sites_free(&s.sites);
	sq_strtab_free(&s.names);
	sq_strtab_free(&s.units);
	sq_strtab_free(&s.bkeys);
	sq_strtab_free(&s.points);
	sq_resolver_free(s.res);
	sq_arena_free(&s.arena);
	sq_aliases_free(s.aliases);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
