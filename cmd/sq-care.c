/*
 * sq-care — one carer for every vulnerable household (一对一关爱), and a
 * greeting every day (每日一问候).
 *
 * Two jobs, one table between them:
 *   pairs:      HOUSEHOLDS + VOLUNTEERS (+ yesterday's pairs, the site plan)
 *               -> one row per household that needs a carer, with its carer
 *               and why (lib/care: a lexicographic min-cost flow);
 *   greetings:  PAIRS + the day's greeting log (+ the state of earlier days)
 *               -> the households not greeted today, how many days in a
 *               row, and the urgent ones (lib/greet), split per carer and
 *               per grid worker; the hours spent caring.
 * What needs care, which skill suits whom, alarming words and the wording
 * people read are data in share/care/.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "address.h"
#include "arena.h"
#include "buf.h"
#include "care.h"
#include "diag.h"
#include "greet.h"
#include "hmap.h"
#include "keywords.h"
#include "kvconf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "resolve.h"
#include "rowaddr.h"
#include "skills.h"
#include "text.h"
#include "value.h"
#include "writer.h"

static const char synopsis[] =
    "sq-care [-m max] [-k pairs] [-p sites] [-u file] [-L dir] "
    "HOUSEHOLDS VOLUNTEERS\n"
    "       sq-care -g log [-a] [-d date] [-s state] [-L dir] [-w hours] "
    "PAIRS";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Give every household that needs care (an elderly person living alone, a\n"
"disabled person, a pregnant woman, an infant: share/care/care.conf) one\n"
"carer: a volunteer of the same building if there is one, else of the same\n"
"grid, else the nearest; a carer with a skill the household needs (medical\n"
"for a chronic patient, sign language for a deaf one) first; nobody over\n"
"--max households.  Writes one row per household, with its carer and why,\n"
"or why there is none.  With --keep, yesterday's pairs stay and only the\n"
"households whose carer left are paired again.\n\n"
"With --greetings LOG, read the day's greeting log and the pairs, and write\n"
"the households not greeted today with the days in a row, the urgent ones\n"
"(an alarming note: 不舒服, 摔倒, 没药, 联系不上) first.\n\n", synopsis);
	printf(
"  -m, --max N              households per carer at most (default 4)\n"
"  -k, --keep PAIRS         yesterday's pairs: keep them\n"
"  -p, --sites FILE         buildings on the plan: site, x, y or lat, lon\n"
"  -u, --unpaired FILE      also write the households left without a carer\n"
"  -r, --rules FILE         more skill rules, read after share/skills.txt\n"
"  -c, --config FILE        settings read after share/care/care.conf\n"
"  -g, --greetings LOG      check the day's greetings against PAIRS\n"
"  -d, --date DATE          the day (default: today)\n"
"  -s, --state FILE         days greeted before: read it, and write it back\n"
"  -a, --all                every household, not only those to follow up\n"
"  -w, --hours FILE         hours spent caring per carer (the time bank)\n"
"  -L, --split DIR          a list (Chinese) per carer and per grid worker\n"
"  -Y, --summary FILE       counts for the bulletin, as JSON\n"
"  -Z, --zh                 write Chinese column names\n");
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-care -p sites.csv -k pairs-0409.csv households.csv volunteers.csv > pairs.csv\n"
"  sq-care -g 问候-0410.csv -d 2022-04-10 -s care-state.csv -L lists pairs.csv\n"
"  sq-care -u nobody.csv -L lists households.csv volunteers.csv > pairs.csv\n");
}

#define MAXCOND		32
#define MAXPREF		16
#define NOTE_MAX	500

/* ---- names interned to small numbers (0 is "") ---------------------- */

struct names {
	char	**v;
	size_t	*len;
	size_t	 n, cap;
	struct sq_hmap index;
};

static const char *
names_key(void *ctx, uint32_t i, size_t *len)
{
	struct names *N = ctx;

	*len = N->len[i];
	return N->v[i];
}

static void
names_init(struct names *N)
{
	memset(N, 0, sizeof(*N));
	sq_hmap_init(&N->index, names_key, N);
	N->v = sq_xmalloc(16 * sizeof(char *));
	N->len = sq_xmalloc(16 * sizeof(size_t));
	N->cap = 16;
	N->v[0] = sq_xstrdup("");
	N->len[0] = 0;
	N->n = 1;
}

static uint32_t
names_find(const struct names *N, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	long i = sq_hmap_get(&N->index, s, len);
	return i < 0 ? UINT32_MAX : (uint32_t)i;
}

static uint32_t
names_add(struct names *N, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	long i = sq_hmap_get(&N->index, s, len);
	if (i >= 0)
		return (uint32_t)i;
	if (N->n == N->cap) {
		N->cap *= 2;
		N->v = sq_xrealloc(N->v, N->cap * sizeof(char *));
		N->len = sq_xrealloc(N->len, N->cap * sizeof(size_t));
	}
	N->v[N->n] = sq_xstrndup(s, len);
	N->len[N->n] = len;
	sq_hmap_put(&N->index, N->v[N->n], len, (uint32_t)N->n);
	return (uint32_t)N->n++;
}

static void
names_free(struct names *N)
{
	for (size_t i = 0; i < N->n; i++)
		free(N->v[i]);
	free(N->v);
	free(N->len);
	sq_hmap_free(&N->index);
}

/* ---- the program's state ------------------------------------------- */

struct cond {			/* a condition: a column or a notes label */
	char	*name;
	int	 care;		/* needs a carer */
	long	 label;		/* in notes.txt, or -1 */
};

struct pref {			/* prefer.CONDITION = skills */
	int	 cond;
	uint64_t skills;
};

struct bld {			/* a building, over every community */
	char	*shown;		/* as the households table writes it */
	double	 x, y;
	int	 has_xy;
	uint32_t grid[4], gcount[4];	/* its households' commonest grids */
};

struct home {
	char	*hh, *community, *building, *unit, *room, *name, *phone,
		*grid, *need, *vid, *carer, *carer_phone, *since_s;
	long	 line;
	uint32_t comm, bld, gridid, cond;
	long	 keep;		/* carer index, or -1 */
	int	 left;		/* had a carer who is not there any more */
	int	 in_keep;	/* was in the kept pairs */
	int32_t	 since;
	struct sq_greet g;
	struct sq_buf note, how, who;	/* today's entries, joined */
	int	 state_known;	/* the state file has it */
	int32_t	 known_from;	/* the first day the state tracked it */
	long	 ci;		/* greetings: its carer, or -1 */
};

struct carer {
	char	*vid, *name, *phone, *shown, *hh, *role;
	long	 line;
	uint32_t comm, bld, gridid;
	uint64_t skills;
	long	 cap;
	/* greetings: what the log says of this person */
	long	 greetings, minutes;
	int32_t	 first, last;
};

struct word {
	char	*key, *value;
};

struct list {
	char	**v;
	size_t	 n;
};

struct care {
	struct sq_common c;
	long	 max;
	int	 max_set;
	const char *keep, *sites, *unpaired, *rules, *config, *log, *state,
		   *hours, *split, *summary;
	int	 all, zh;
	char	 date[11];
	int32_t	 day;
	int	 year;

	/* rules and wording */
	struct sq_skills skills;
	struct sq_keywords *notes, *alarms, *how;
	struct cond cond[MAXCOND];
	int	 ncond;
	uint32_t caremask;
	struct pref pref[MAXPREF];
	int	 npref;
	long	 urgent_after;
	long	 minutes[4];		/* door, wechat, phone, other */
	long	 unreachable;		/* the alarm label, or -1 */
	struct word *words;
	size_t	 nwords;
	struct list honorifics, prefixes;
	struct sq_aliases *al_hh, *al_vol, *al_care, *al_sites;

	struct names comms, blds, grids;
	struct bld *b;
	size_t	 nb, capb;
	struct sq_arena arena;

	struct home *h;
	size_t	 nh, caph;
	struct sq_hmap hindex;
	struct carer *k;
	size_t	 nk, capk;
	struct sq_hmap kindex;

	/* greetings: finding the household a log row means */
	struct sq_resolver *res;	/* the homes, by address */
	char	 whybuf[256];
	struct names hname, kname;	/* household heads, carers by name */
	long	*hname_home, *kname_carer;	/* -2: more than one */
	size_t	*kh_start, *kh_list;	/* homes by carer */

	struct sq_rejects *rj;
	long	 hrows, hmerged, hneedless, vrows, vnot, krows, srows;
	long	 lrows, ltoday, learlier, llater, lrejected;
	int32_t	 lfirst;
	int	 plan;			/* a site plan was read */
};

static const char *
home_key(void *ctx, uint32_t i, size_t *len)
{
	struct care *C = ctx;

	*len = strlen(C->h[i].hh);
	return C->h[i].hh;
}

/* the homes, in their final order, for lib/resolve */
static void
build_resolver(struct care *C)
{
	if (C->res)
		sq_resolver_free(C->res);
	C->res = sq_resolver_new_borrowed(home_key, C);
	sq_resolver_reserve(C->res, C->nh);
	for (size_t i = 0; i < C->nh; i++)
		sq_resolver_add(C->res, C->h[i].hh, strlen(C->h[i].hh),
		    (uint32_t)i);
}

static const char *
carer_key(void *ctx, uint32_t i, size_t *len)
{
	struct care *C = ctx;

	*len = strlen(C->k[i].vid);
	return C->k[i].vid;
}

static char *
dup_cell(struct care *C, const struct sq_rec *rec, long col)
{
	size_t len;
	const char *p = sq_rec_cell_trim(rec, col, &len);

	return sq_arena_strndup(&C->arena, p, len);
}

static char *
adup(struct care *C, const char *s)
{
	return sq_arena_strndup(&C->arena, s, strlen(s));
}

/* ---- wording: share/care/words.conf ---------------------------------- */

static void
word_fn(void *ctx, const char *key, const char *value, long line)
{
	struct care *C = ctx;

	if (key == NULL)
		return;
	for (size_t i = 0; i < C->nwords; i++)
		if (strcmp(C->words[i].key, key) == 0) {
			free(C->words[i].value);
			C->words[i].value = sq_xstrdup(value);
			return;
		}
	C->words = sq_xrealloc(C->words, (C->nwords + 1) * sizeof(*C->words));
	C->words[C->nwords].key = sq_xstrdup(key);
	C->words[C->nwords].value = sq_xstrdup(value);
	C->nwords++;
}

/* The wording for key, or fallback (a code, so nothing is ever blank). */
static const char *
word(const struct care *C, const char *prefix, const char *name)
{
	char key[128];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	for (size_t i = 0; i < C->nwords; i++)
		if (strcmp(C->words[i].key, key) == 0)
			return C->words[i].value;
	return name;
}

/*
 * A wording with {building}, {m}, {max}, {skill}, {need}, {days} filled
 * in, appended to buf.
 */
struct fill {
	const char *building, *skill, *need;
	long	 m, max, days;
};

static void
say(struct sq_buf *out, const char *tpl, const struct fill *f)
{
	char num[32];

	for (const char *p = tpl; *p;) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (open == NULL || close == NULL) {
			sq_buf_adds(out, p);
			return;
		}
		sq_buf_add(out, p, (size_t)(open - p));
		size_t n = (size_t)(close - open - 1);
		const char *v = NULL;
		if (n == 8 && memcmp(open + 1, "building", 8) == 0)
			v = f->building;
		else if (n == 5 && memcmp(open + 1, "skill", 5) == 0)
			v = f->skill;
		else if (n == 4 && memcmp(open + 1, "need", 4) == 0)
			v = f->need;
		else if (n == 1 && open[1] == 'm')
			snprintf(num, sizeof(num), "%ld", f->m), v = num;
		else if (n == 3 && memcmp(open + 1, "max", 3) == 0)
			snprintf(num, sizeof(num), "%ld", f->max), v = num;
		else if (n == 4 && memcmp(open + 1, "days", 4) == 0)
			snprintf(num, sizeof(num), "%ld", f->days), v = num;
		if (v)
			sq_buf_adds(out, v);
		else
			sq_buf_add(out, open, (size_t)(close - open + 1));
		p = close + 1;
	}
}

/* ---- settings: share/care/care.conf, then --config ------------------ */

struct conf_ctx {
	struct care *C;
	const char *path;
	int	 bad;
};

static int
cond_index(struct care *C, const char *name)
{
	for (int i = 0; i < C->ncond; i++)
		if (strcmp(C->cond[i].name, name) == 0)
			return i;
	if (C->ncond == MAXCOND)
		return -1;
	C->cond[C->ncond].name = sq_xstrdup(name);
	C->cond[C->ncond].care = 0;
	C->cond[C->ncond].label = -1;
	return C->ncond++;
}

/* "a, b，c、d; e" one item at a time: fn(ctx, item), trimmed, folded */
static int
each_item(const char *list, int (*fn)(void *, const char *), void *ctx)
{
	char *t = sq_fold_lower(list, strlen(list)), *save = NULL;
	int rc = 0;

	/* the ideographic comma is not folded: make it a comma */
	for (char *d; (d = strstr(t, "、")) != NULL;) {
		d[0] = ',';
		memmove(d + 1, d + 3, strlen(d + 3) + 1);
	}
	for (char *tok = strtok_r(t, ",;", &save); tok && rc == 0;
	    tok = strtok_r(NULL, ",;", &save)) {
		const char *a = tok;
		size_t n = sq_trim(&a, strlen(tok));
		if (n == 0)
			continue;
		char *one = sq_xstrndup(a, n);
		rc = fn(ctx, one);
		free(one);
	}
	free(t);
	return rc;
}

static int
add_list(void *ctx, const char *item)
{
	struct list *l = ctx;

	l->v = sq_xrealloc(l->v, (l->n + 1) * sizeof(char *));
	l->v[l->n++] = sq_xstrdup(item);
	return 0;
}

static int
add_care(void *ctx, const char *name)
{
	struct conf_ctx *x = ctx;
	int i = cond_index(x->C, name);

	if (i < 0)
		return -1;
	x->C->cond[i].care = 1;
	return 0;
}

struct skill_ctx {
	struct conf_ctx *x;
	long	 line;
	uint64_t mask;
};

static int
add_skill(void *ctx, const char *name)
{
	struct skill_ctx *s = ctx;
	int id = sq_skills_id(&s->x->C->skills, name);

	if (id < 0) {
		sq_error("%s:%ld: '%s' is not a skill of skills.txt", s->x->path,
		    s->line, name);
		return -1;
	}
	s->mask |= (uint64_t)1 << id;
	return 0;
}

static int
conf_number(struct conf_ctx *x, const char *key, const char *value, long line,
    long max, long *out)
{
	if (sq_long_parse(value, strlen(value), 0, max, out) != SQ_VAL_OK) {
		sq_error("%s:%ld: %s = '%s': a whole number from 0 to %ld",
		    x->path, line, key, value, max);
		x->bad = 1;
		return -1;
	}
	return 0;
}

static void
conf_fn(void *ctx, const char *key, const char *value, long line)
{
	static const char *const how_names[] = { "door", "wechat", "phone",
	    "other" };
	struct conf_ctx *x = ctx;
	struct care *C = x->C;

	if (x->bad)
		return;
	if (key == NULL) {
		sq_error("%s:%ld: expected 'key = value'", x->path, line);
		x->bad = 1;
		return;
	}
	if (strcmp(key, "care") == 0) {
		for (int i = 0; i < C->ncond; i++)
			C->cond[i].care = 0;	/* a later file replaces it */
		if (each_item(value, add_care, x) < 0) {
			sq_error("%s:%ld: more than %d conditions", x->path,
			    line, MAXCOND);
			x->bad = 1;
		}
		return;
	}
	if (strncmp(key, "prefer.", 7) == 0 && key[7]) {
		char *name = sq_fold_lower(key + 7, strlen(key + 7));
		int ci = cond_index(C, name);
		free(name);
		struct skill_ctx s = { x, line, 0 };
		if (ci < 0) {
			sq_error("%s:%ld: more than %d conditions", x->path,
			    line, MAXCOND);
			x->bad = 1;
			return;
		}
		if (each_item(value, add_skill, &s) < 0) {
			x->bad = 1;
			return;
		}
		int p = 0;
		while (p < C->npref && C->pref[p].cond != ci)
			p++;
		if (p == C->npref) {
			if (C->npref == MAXPREF) {
				sq_error("%s:%ld: more than %d preferences",
				    x->path, line, MAXPREF);
				x->bad = 1;
				return;
			}
			C->npref++;
		}
		C->pref[p].cond = ci;
		C->pref[p].skills = s.mask;
		return;
	}
	if (strcmp(key, "honorifics") == 0 || strcmp(key, "name_prefixes") ==
	    0) {
		struct list *l = key[0] == 'h' ? &C->honorifics :
		    &C->prefixes;
		for (size_t i = 0; i < l->n; i++)
			free(l->v[i]);
		l->n = 0;
		each_item(value, add_list, l);
		return;
	}
	if (strcmp(key, "max") == 0) {
		long v;
		if (conf_number(x, key, value, line, 1000, &v) == 0 &&
		    !C->max_set)
			C->max = v;
		return;
	}
	if (strcmp(key, "urgent_after") == 0) {
		conf_number(x, key, value, line, 366, &C->urgent_after);
		return;
	}
	for (int i = 0; i < 4; i++)
		if (strncmp(key, "minutes.", 8) == 0 &&
		    strcmp(key + 8, how_names[i]) == 0) {
			conf_number(x, key, value, line, 600, &C->minutes[i]);
			return;
		}
	sq_error("%s:%ld: unknown setting '%s'", x->path, line, key);
	x->bad = 1;
}

static int
load_conf(struct care *C, const char *path)
{
	struct conf_ctx x = { C, path, 0 };

	if (sq_kv_load(path, SQ_KV_HASH, conf_fn, &x) < 0 || x.bad)
		return -1;
	return 0;
}

/* Everything in share/care/ and the skills; -1 (printed) on failure. */
static int
load_rules(struct care *C)
{
	char *p;
	int rc = 0;

	p = sq_datafile(&C->c, "skills.txt");
	if (sq_skills_load(&C->skills, p) < 0 || (C->rules &&
	    sq_skills_load(&C->skills, C->rules) < 0))
		rc = -1;
	free(p);
	if (rc == 0) {
		p = sq_datafile(&C->c, "care/care.conf");
		if (load_conf(C, p) < 0 || (C->config &&
		    load_conf(C, C->config) < 0))
			rc = -1;
		free(p);
	}
	static const char *const kw[] = { "care/notes.txt", "care/alarms.txt",
	    "care/how.txt" };
	struct sq_keywords **dst[] = { &C->notes, &C->alarms, &C->how };
	for (int i = 0; i < 3 && rc == 0; i++) {
		p = sq_datafile(&C->c, kw[i]);
		if ((*dst[i] = sq_keywords_load(p)) == NULL)
			rc = -1;
		free(p);
	}
	if (rc == 0) {
		p = sq_datafile(&C->c, "care/words.conf");
		if (sq_kv_load(p, SQ_KV_HASH, word_fn, C) < 0)
			rc = -1;
		free(p);
	}
	if (rc < 0)
		return -1;
	C->caremask = 0;
	for (int i = 0; i < C->ncond; i++) {
		C->cond[i].label = sq_keywords_find(C->notes, C->cond[i].name);
		if (C->cond[i].care)
			C->caremask |= (uint32_t)1 << i;
	}
	C->unreachable = sq_keywords_find(C->alarms, "unreachable");
	return 0;
}

/* ---- places --------------------------------------------------------- */

/*
 * The building part of a household key: "C1a2b3c4d-B0012-U02-R0502" ->
 * "C1a2b3c4d-B0012" (zone and lane stay: they are part of the building).
 */
static size_t
building_of_key(const char *key)
{
	const char *u = strstr(key, "-U");

	return u ? (size_t)(u - key) : strlen(key);
}

static uint32_t
intern_building(struct care *C, const char *key, size_t len, const char *shown)
{
	uint32_t id = names_add(&C->blds, key, len);

	if (id >= C->nb) {
		if (id >= C->capb) {
			size_t cap = C->capb ? 2 * C->capb : 256;
			while (cap <= id)
				cap *= 2;
			C->b = sq_xrealloc(C->b, cap * sizeof(*C->b));
			memset(C->b + C->capb, 0, (cap - C->capb) * sizeof(*C->b));
			C->capb = cap;
		}
		C->nb = id + 1;
	}
	if (C->b[id].shown == NULL && shown && *shown)
		C->b[id].shown = adup(C, shown);
	return id;
}

/* a building's households by grid: its four commonest are enough */
static void
count_grid(struct care *C, uint32_t b, uint32_t grid)
{
	struct bld *B = &C->b[b];
	int least = 0;

	if (grid == 0)
		return;
	for (int i = 0; i < 4; i++) {
		if (B->grid[i] == grid) {
			B->gcount[i]++;
			return;
		}
		if (B->gcount[i] < B->gcount[least])
			least = i;
	}
	if (B->gcount[least] == 0) {
		B->grid[least] = grid;
		B->gcount[least] = 1;
	}
}

static uint32_t
grid_of_building(const struct care *C, uint32_t b)
{
	const struct bld *B = &C->b[b];
	int best = -1;

	for (int i = 0; i < 4; i++)
		if (B->gcount[i] > 0 && (best < 0 || B->gcount[i] >
		    B->gcount[best] || (B->gcount[i] == B->gcount[best] &&
		    strcmp(C->grids.v[B->grid[i]], C->grids.v[B->grid[best]]) < 0)))
			best = i;
	return best < 0 ? 0 : B->grid[best];
}

/*
 * A building as people write it ("12号楼", "12栋", "十二号楼", "A座"), in a
 * community: its key, and the building as shown.  -1 with why.
 */
static int
parse_building(const char *community, size_t clen, const char *text,
    char key[SQ_ADDR_KEYMAX], char shown[16], const char **why)
{
	struct sq_addr a;
	char *t = sq_xstrdup(text);
	int rc = sq_addr_from_parts(t, NULL, "1", &a, why);

	free(t);
	if (rc < 0 || a.building[0] == '\0') {
		if (rc == 0)
			*why = "no building number";
		return -1;
	}
	a.unit[0] = '\0';
	a.room[0] = '\0';
	if (clen)
		sq_addr_key_community(community, clen, &a, key, SQ_ADDR_KEYMAX);
	else
		sq_addr_key(&a, key, SQ_ADDR_KEYMAX);
	key[building_of_key(key)] = '\0';
	snprintf(shown, 16, "%s", a.building);
	return 0;
}

/* ---- the households that need a carer ------------------------------- */

static struct home *
new_home(struct care *C)
{
	if (C->nh == C->caph) {
		C->caph = C->caph ? 2 * C->caph : 256;
		C->h = sq_xrealloc(C->h, C->caph * sizeof(*C->h));
	}
	struct home *h = &C->h[C->nh];
	memset(h, 0, sizeof(*h));
	h->keep = -1;
	h->since = SQ_GREET_NODAY;
	return h;
}

/* the conditions a household's notes name, as condition bits */
static uint32_t
note_conditions(const struct care *C, const struct sq_rec *rec, long c1,
    long c2)
{
	uint32_t cond = 0;
	long cols[2] = { c1, c2 };

	for (int k = 0; k < 2; k++) {
		size_t len;
		const char *p = sq_rec_cell_trim(rec, cols[k], &len);
		if (len == 0)
			continue;
		uint64_t hits = sq_keywords_match(C->notes, p, len);
		for (int i = 0; i < C->ncond; i++)
			if (C->cond[i].label >= 0 && C->cond[i].label < 64 &&
			    (hits >> C->cond[i].label & 1))
				cond |= (uint32_t)1 << i;
	}
	return cond;
}

/* "elderly_alone;chronic": a household's conditions, in config order */
static char *
need_text(struct care *C, uint32_t cond)
{
	struct sq_buf b;

	sq_buf_init(&b);
	for (int i = 0; i < C->ncond; i++)
		if (cond >> i & 1) {
			if (b.len)
				sq_buf_addc(&b, ';');
			sq_buf_adds(&b, C->cond[i].name);
		}
	char *s = adup(C, b.s ? b.s : "");
	sq_buf_free(&b);
	return s;
}

static int
read_households(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	struct sq_rowaddr ra;
	long ccol[MAXCOND];
	int st;

	o.aliases = C->al_hh;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	sq_rejects_columns(C->rj, sq_reader_rawheader(r));
	sq_rowaddr_find(&ra, r);
	if (sq_reader_ncols(r) == 0) {
		sq_warn(path, 0, "empty: no households");
		sq_reader_close(r);
		return 0;
	}
	if (!sq_rowaddr_usable(&ra)) {
		sq_error("%s: no household column (hh, or an address, or "
		    "building and room)", path);
		sq_reader_close(r);
		return -1;
	}
	long cname = sq_reader_col(r, "name"), cphone = sq_reader_col(r, "phone"),
	    cgrid = sq_reader_col(r, "grid"), cnote = sq_reader_col(r, "note"),
	    cvuln = sq_reader_col(r, "vulnerable");
	int any = cnote >= 0 || cvuln >= 0;
	for (int i = 0; i < C->ncond; i++) {
		ccol[i] = sq_reader_col(r, C->cond[i].name);
		any |= ccol[i] >= 0 && C->cond[i].care;
	}
	if (!any)
		sq_warn(path, 0, "no column says who needs care (%s, or a "
		    "note); nobody will be paired", "elderly_alone, disabled, "
		    "pregnant, infant");
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		char key[SQ_ADDR_KEYMAX];
		struct sq_addr a;
		const char *why = NULL;
		size_t len;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		int rc = sq_rowaddr_key(&ra, &rec, NULL, 0, key, &a, &why);
		if (rc != SQ_ROWADDR_OK) {
			sq_rejects_add(C->rj, path, &rec, why);
			continue;
		}
		const char *cm = sq_rec_cell_trim(&rec, ra.community, &len);
		uint32_t comm = names_add(&C->comms, cm, len);
		size_t bl;
		const char *bshown = sq_rec_cell_trim(&rec, ra.building, &bl);
		char shown[32];
		snprintf(shown, sizeof(shown), "%.*s", (int)bl, bshown);
		if (bl == 0 || bl >= sizeof(shown))
			snprintf(shown, sizeof(shown), "%s", a.building);
		uint32_t b = intern_building(C, key, building_of_key(key), shown);
		const char *g = sq_rec_cell_trim(&rec, cgrid, &len);
		uint32_t grid = names_add(&C->grids, g, len);
		count_grid(C, b, grid);

		uint32_t cond = note_conditions(C, &rec, cnote, cvuln);
		for (int i = 0; i < C->ncond; i++) {
			const char *p = sq_rec_cell_trim(&rec, ccol[i], &len);
			int v = len ? sq_bool_parse(p, len) : -1;
			if (v == 1)
				cond |= (uint32_t)1 << i;
			else if (v == -2)
				sq_warn(path, rec.line, "%s '%.*s': not yes or "
				    "no; taken as unknown",
				    sq_reader_rawname(r, (size_t)ccol[i]),
				    (int)len, p);
		}
		if ((cond & C->caremask) == 0) {
			C->hneedless++;
			continue;
		}
		if (sq_hmap_get(&C->hindex, key, strlen(key)) >= 0) {
			/* the roster said it twice: the first row holds */
			C->hmerged++;
			continue;
		}
		struct home *h = new_home(C);
		h->hh = adup(C, key);
		h->line = rec.line;
		h->community = dup_cell(C, &rec, ra.community);
		h->building = adup(C, shown);
		h->unit = ra.unit >= 0 ? dup_cell(C, &rec, ra.unit) :
		    adup(C, a.unit);
		h->room = ra.room >= 0 ? dup_cell(C, &rec, ra.room) :
		    adup(C, a.room);
		h->name = dup_cell(C, &rec, cname);
		h->phone = dup_cell(C, &rec, cphone);
		h->grid = dup_cell(C, &rec, cgrid);
		h->comm = comm;
		h->bld = b;
		h->gridid = grid;
		h->cond = cond;
		h->need = need_text(C, cond);
		sq_hmap_put(&C->hindex, h->hh, strlen(h->hh), (uint32_t)C->nh);
		C->nh++;
	}
	C->hrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* ---- the carers ------------------------------------------------------ */

/* The community every household is in, or NULL when there are several. */
static const char *
only_community(const struct care *C, size_t *len)
{
	/* names 0 is "": no community column */
	if (C->comms.n == 1) {
		*len = 0;
		return "";
	}
	if (C->comms.n == 2) {
		*len = C->comms.len[1];
		return C->comms.v[1];
	}
	return NULL;
}

static void
reject(struct care *C, const char *file, const struct sq_rec *rec,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
reject(struct care *C, const char *file, const struct sq_rec *rec,
    const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	sq_rejects_add(C->rj, file, rec, why);
}

static int
read_volunteers(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	struct sq_rowaddr ra;
	int st;

	o.aliases = C->al_vol;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	sq_rejects_columns(C->rj, sq_reader_rawheader(r));
	sq_rowaddr_find(&ra, r);
	long cvid = sq_reader_col(r, "vid"), cname = sq_reader_col(r, "name"),
	    cphone = sq_reader_col(r, "phone"), cgrid = sq_reader_col(r, "grid"),
	    cskills = sq_reader_col(r, "skills"), crole = sq_reader_col(r, "role"),
	    cmax = sq_reader_col(r, "care_max"), ccarer = sq_reader_col(r, "carer");
	if (cskills < 0)
		cskills = sq_reader_col(r, "skill");
	if (sq_reader_ncols(r) == 0) {
		sq_warn(path, 0, "empty: no volunteers");
		sq_reader_close(r);
		return 0;
	}
	if (cvid < 0 && cname < 0) {
		sq_error("%s: the volunteers table needs a vid or a name "
		    "column", path);
		sq_reader_close(r);
		return -1;
	}
	size_t olen = 0;
	const char *only = only_community(C, &olen);
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p, *why = NULL;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		p = sq_rec_cell_trim(&rec, ccarer, &len);
		if (len > 0) {
			int v = sq_bool_parse(p, len);
			if (v == -2) {
				reject(C, path, &rec, "%s '%.*s': yes or no?",
				    sq_reader_rawname(r, (size_t)ccarer),
				    (int)len, p);
				continue;
			}
			if (v == 0) {
				C->vnot++;	/* not a carer */
				continue;
			}
		}
		struct carer k;
		memset(&k, 0, sizeof(k));
		k.line = rec.line;
		k.first = k.last = SQ_GREET_NODAY;
		k.vid = dup_cell(C, &rec, cvid >= 0 ? cvid : cname);
		k.name = dup_cell(C, &rec, cname);
		k.phone = dup_cell(C, &rec, cphone);
		k.role = dup_cell(C, &rec, crole);
		if (*k.vid == '\0') {
			reject(C, path, &rec, "no %s; give every volunteer one",
			    sq_reader_rawname(r, (size_t)(cvid >= 0 ? cvid :
			    cname)));
			continue;
		}
		long dup = sq_hmap_get(&C->kindex, k.vid, strlen(k.vid));
		if (dup >= 0) {
			reject(C, path, &rec, "%s '%s' is also on line %ld; "
			    "give every volunteer a different one",
			    sq_reader_rawname(r, (size_t)(cvid >= 0 ? cvid :
			    cname)), k.vid, C->k[dup].line);
			continue;
		}
		/* the community: the row's, else the only one there is */
		const char *cm = sq_rec_cell_trim(&rec, ra.community, &len);
		if (len == 0) {
			if (only == NULL) {
				reject(C, path, &rec, "no community, and the "
				    "households are in %zu communities: say "
				    "which (a 小区 column)", C->comms.n - 1);
				continue;
			}
			cm = only;
			len = olen;
		}
		uint32_t comm = names_find(&C->comms, cm, len);
		if (comm == UINT32_MAX)
			comm = names_add(&C->comms, cm, len);	/* nobody there */
		/* where they live: a full address, else a building */
		char key[SQ_ADDR_KEYMAX], shown[16] = "";
		struct sq_addr a;
		size_t bl, al;
		sq_rec_cell_trim(&rec, ra.building, &bl);
		sq_rec_cell_trim(&rec, ra.address, &al);
		int rc = sq_rowaddr_key(&ra, &rec, cm, len, key, &a, &why);
		if (rc == SQ_ROWADDR_OK) {
			snprintf(shown, sizeof(shown), "%s", a.building);
			k.hh = adup(C, key);
			k.bld = intern_building(C, key, building_of_key(key),
			    shown);
		} else if (bl > 0 || al > 0) {
			char *bt = dup_cell(C, &rec, bl > 0 ? ra.building :
			    ra.address);
			if (parse_building(cm, len, bt, key, shown, &why) < 0) {
				reject(C, path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)(bl > 0 ?
				    ra.building : ra.address)), bt, why);
				continue;
			}
			k.bld = intern_building(C, key, strlen(key), shown);
		}
		k.shown = k.bld ? (C->b[k.bld].shown ? C->b[k.bld].shown :
		    adup(C, shown)) : "";
		k.comm = comm;
		p = sq_rec_cell_trim(&rec, cgrid, &len);
		k.gridid = names_add(&C->grids, p, len);
		if (k.gridid == 0 && k.bld)
			k.gridid = grid_of_building(C, k.bld);
		p = sq_rec_cell(&rec, cskills, &len);
		char *t = sq_fold_lower(p, len);
		k.skills = sq_skills_scan(&C->skills, t, NULL);
		free(t);
		k.cap = C->max;
		p = sq_rec_cell_trim(&rec, cmax, &len);
		if (len > 0) {
			long v;
			if (sq_long_parse(p, len, 0, 1000, &v) != SQ_VAL_OK) {
				reject(C, path, &rec, "%s '%.*s': a number of "
				    "households", sq_reader_rawname(r,
				    (size_t)cmax), (int)len, p);
				continue;
			}
			if (v < k.cap)
				k.cap = v;
		}
		if (C->nk == C->capk) {
			C->capk = C->capk ? 2 * C->capk : 256;
			C->k = sq_xrealloc(C->k, C->capk * sizeof(*C->k));
		}
		C->k[C->nk] = k;
		sq_hmap_put(&C->kindex, k.vid, strlen(k.vid), (uint32_t)C->nk);
		C->nk++;
	}
	C->vrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* ---- the site plan ---------------------------------------------------- */

static int
read_sites(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	int st;
	double lat0 = 0, lon0 = 0;
	int have0 = 0;

	o.aliases = C->al_sites;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	long cs = sq_reader_col(r, "site"), cx = sq_reader_col(r, "x"),
	    cy = sq_reader_col(r, "y"), cla = sq_reader_col(r, "lat"),
	    clo = sq_reader_col(r, "lon"), ck = sq_reader_col(r, "kind"),
	    cc = sq_reader_col(r, "community");
	if (cs < 0)
		cs = sq_reader_col(r, "building");
	int latlon = !(cx >= 0 && cy >= 0);
	if (cs < 0 || (latlon && (cla < 0 || clo < 0))) {
		sq_error("%s: not a site plan: give site (the building), and x "
		    "and y in metres or lat and lon", path);
		sq_reader_close(r);
		return -1;
	}
	size_t olen = 0;
	const char *only = only_community(C, &olen);
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len, cl;
		const char *p, *why;
		double a, b;
		if (st == SQ_READ_BAD) {
			sq_problem(path, rec.line, "%s", rec.err);
			continue;
		}
		C->srows++;
		p = sq_rec_cell_trim(&rec, ck, &len);
		char *kind = sq_fold_lower(p, len);
		int skip = *kind && strcmp(kind, "building") != 0 &&
		    strcmp(kind, "楼") != 0 && strcmp(kind, "楼栋") != 0;
		free(kind);
		if (skip)
			continue;	/* the gate, a depot: not a home */
		const char *cm = sq_rec_cell_trim(&rec, cc, &cl);
		if (cl == 0) {
			if (only == NULL) {
				sq_problem(path, rec.line, "no community, and "
				    "the households are in %zu: this site is "
				    "left out", C->comms.n - 1);
				continue;
			}
			cm = only;
			cl = olen;
		}
		p = sq_rec_cell_trim(&rec, latlon ? cla : cx, &len);
		int bad = sq_double_parse(p, len, &a) != SQ_VAL_OK;
		p = sq_rec_cell_trim(&rec, latlon ? clo : cy, &len);
		bad |= sq_double_parse(p, len, &b) != SQ_VAL_OK;
		if (!bad && latlon && (fabs(a) > 90 || fabs(b) > 180))
			bad = 1;
		char *site = dup_cell(C, &rec, cs), key[SQ_ADDR_KEYMAX],
		    shown[16];
		if (bad) {
			sq_problem(path, rec.line, "site '%s': bad coordinates "
			    "(%s)", site, latlon ? "lat, lon in degrees" :
			    "x, y in metres");
			continue;
		}
		if (parse_building(cm, cl, site, key, shown, &why) < 0) {
			/* "gate", "大门" without a kind column */
			continue;
		}
		if (latlon) {
			if (!have0) {
				lat0 = a;
				lon0 = b;
				have0 = 1;
			}
			double x = (b - lon0) * 111320.0 * cos(lat0 * M_PI / 180);
			double y = (a - lat0) * 110540.0;
			a = x;
			b = y;
		}
		uint32_t id = intern_building(C, key, strlen(key), shown);
		if (C->b[id].has_xy) {
			sq_warn(path, rec.line, "site '%s' is on the plan "
			    "twice; the first holds", site);
			continue;
		}
		C->b[id].x = a;
		C->b[id].y = b;
		C->b[id].has_xy = 1;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	C->plan = 1;
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* ---- yesterday's pairs (--keep) -------------------------------------- */

static int32_t
parse_day(const char *p, size_t len, int year)
{
	char ymd[11];
	const char *why;

	if (len == 0 || sq_date_parse(p, len, year, ymd, &why) != SQ_VAL_OK)
		return SQ_GREET_NODAY;
	return sq_date_days(ymd);
}

static int
read_keep(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	int st;

	o.aliases = C->al_care;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	long chh = sq_reader_col(r, "hh"), cvid = sq_reader_col(r, "vid"),
	    csince = sq_reader_col(r, "since");
	if (chh < 0 || cvid < 0) {
		sq_error("%s: not a pairs table (it needs hh and vid, as "
		    "sq-care writes them)", path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		if (st == SQ_READ_BAD) {
			sq_problem(path, rec.line, "%s", rec.err);
			continue;
		}
		C->krows++;
		p = sq_rec_cell_trim(&rec, chh, &len);
		long i = sq_hmap_get(&C->hindex, p, len);
		if (i < 0)
			continue;	/* needs no carer now, or moved out */
		struct home *h = &C->h[i];
		if (h->in_keep)
			continue;	/* the first row holds */
		h->in_keep = 1;
		p = sq_rec_cell_trim(&rec, csince, &len);
		h->since = parse_day(p, len, C->year);
		p = sq_rec_cell_trim(&rec, cvid, &len);
		if (len == 0)
			continue;	/* had nobody */
		long k = sq_hmap_get(&C->kindex, p, len);
		if (k < 0 || C->k[k].cap == 0)
			h->left = 1;
		else
			h->keep = k;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* ---- pairing ---------------------------------------------------------- */

static int
cmp_home_key(const void *a, const void *b)
{
	return strcmp(((const struct home *)a)->hh,
	    ((const struct home *)b)->hh);
}

/* preferences a household asks for, and those a carer meets */
static uint32_t
home_prefs(const struct care *C, uint32_t cond)
{
	uint32_t m = 0;

	for (int j = 0; j < C->npref; j++)
		if (cond >> C->pref[j].cond & 1)
			m |= (uint32_t)1 << j;
	return m;
}

static uint32_t
carer_fits(const struct care *C, uint64_t skills)
{
	uint32_t m = 0;

	for (int j = 0; j < C->npref; j++)
		if (C->pref[j].skills & skills)
			m |= (uint32_t)1 << j;
	return m;
}

static const char *const tier_names[SQ_CARE_NTIERS] = {
	"building", "grid", "near", "any",
};

/* why this carer (or why none), in the words of words.conf */
static char *
why_text(struct care *C, const struct home *h, const struct sq_care_pair *p)
{
	struct sq_buf b;
	struct fill f = { "", "", "", 0, C->max, 0 };

	sq_buf_init(&b);
	if (p->carer < 0) {
		if (h->left)
			say(&b, word(C, "why", "left"), &f);
		say(&b, word(C, "why", p->none == SQ_CARE_NO_CARER ? "no_carer" :
		    "all_full"), &f);
	} else {
		const struct carer *k = &C->k[p->carer];
		f.building = k->shown;
		f.m = p->walk_m;
		if (p->kept) {
			say(&b, word(C, "why", "kept"), &f);
			sq_buf_adds(&b, "；");
		} else if (h->left)
			say(&b, word(C, "why", "left"), &f);
		const char *w = p->tier == SQ_CARE_BUILDING ? "building" :
		    p->tier == SQ_CARE_GRID ? (k->bld == 0 ? "grid_staff" :
		    p->walk_m >= 0 ? "grid" : "grid_nomap") :
		    p->tier == SQ_CARE_NEAR ? (p->walk_m >= 0 ? "near" :
		    "near_nomap") : "any";
		say(&b, word(C, "why", w), &f);
		uint32_t asked = home_prefs(C, h->cond);
		for (int j = 0; j < C->npref; j++) {
			if (!(asked >> j & 1) || (p->unmet >> j & 1))
				continue;
			uint64_t both = C->pref[j].skills & k->skills;
			int sk = both ? __builtin_ctzll(both) : 0;
			f.skill = word(C, "skill", C->skills.skill[sk]);
			f.need = word(C, "need", C->cond[C->pref[j].cond].name);
			sq_buf_adds(&b, "；");
			say(&b, word(C, "why", "skill"), &f);
		}
	}
	char *s = adup(C, b.s ? b.s : "");
	sq_buf_free(&b);
	return s;
}

static struct sq_care_pair *
pair_all(struct care *C, struct sq_care_stats *st)
{
	struct sq_care_home *H = sq_xcalloc(C->nh + 1, sizeof(*H));
	struct sq_care_carer *K = sq_xcalloc(C->nk + 1, sizeof(*K));
	struct sq_care_building *B = sq_xcalloc(C->nb + 1, sizeof(*B));
	struct sq_care_pair *out = sq_xcalloc(C->nh + 1, sizeof(*out));

	for (size_t i = 0; i < C->nb; i++)
		B[i] = (struct sq_care_building){ C->b[i].x, C->b[i].y,
		    C->b[i].has_xy };
	for (size_t i = 0; i < C->nk; i++)
		K[i] = (struct sq_care_carer){ C->k[i].comm, C->k[i].bld,
		    C->k[i].gridid, carer_fits(C, C->k[i].skills), C->k[i].cap };
	for (size_t i = 0; i < C->nh; i++) {
		const struct home *h = &C->h[i];
		H[i] = (struct sq_care_home){ h->comm, h->bld, h->gridid,
		    home_prefs(C, h->cond), h->keep, -1 };
	}
	/* a carer never cares for their own household (the one their
	   address means, lib/resolve) */
	build_resolver(C);
	for (size_t i = 0; i < C->nk; i++)
		if (C->k[i].hh) {
			struct sq_res r;
			int kind = sq_resolve(C->res, C->k[i].hh,
			    strlen(C->k[i].hh), &r);
			if (kind == SQ_RES_EXACT || kind == SQ_RES_IMPLIED)
				H[r.id].self = (long)i;
		}
	struct sq_care_problem P = { H, C->nh, K, C->nk, C->plan ? B : NULL,
	    C->nb, 0, 0 };
	if (sq_care_pair(&P, out, st) < 0)
		sq_fatal("internal error: a building out of range");
	free(H);
	free(K);
	free(B);
	return out;
}

/* ---- writing ------------------------------------------------------------ */

static void
put_header(struct care *C, struct sq_writer *w, const char *const *cols,
    size_t n, int zh)
{
	struct sq_rec names;

	sq_rec_init(&names);
	for (size_t i = 0; i < n; i++) {
		const char *z = zh ? sq_aliases_first(C->al_care, cols[i]) : NULL;
		const char *s = z ? z : cols[i];
		sq_rec_push(&names, s, strlen(s));
	}
	sq_writer_header(w, &names);
	sq_rec_free(&names);
}

static void
put_row(struct sq_writer *w, const char *const *v, size_t n)
{
	size_t len[32];

	for (size_t i = 0; i < n; i++)
		len[i] = strlen(v[i]);
	sq_writer_fields(w, v, len, n);
}

/* codes "a;b" in words: "独居老人、慢性病" */
static char *
words_of(struct care *C, const char *prefix, const char *codes)
{
	struct sq_buf b;
	const char *p = codes;

	sq_buf_init(&b);
	while (*p) {
		size_t n = strcspn(p, ";");
		char code[64];
		snprintf(code, sizeof(code), "%.*s", (int)n, p);
		if (b.len)
			sq_buf_adds(&b, "、");
		sq_buf_adds(&b, word(C, prefix, code));
		p += n;
		if (*p)
			p++;
	}
	char *s = adup(C, b.s ? b.s : "");
	sq_buf_free(&b);
	return s;
}

/* A file name a person can read, made safe: no '/', no leading dot. */
static void
file_name(char *out, size_t sz, const char *dir, const char *a, const char *b,
    const char *c, const char *date)
{
	char name[512];
	size_t o = 0;

	snprintf(name, sizeof(name), "%s%s%s%s%s%s%s", a, *b ? "-" : "", b,
	    *c ? "-" : "", c, *date ? "-" : "", date);
	for (char *p = name; *p; p++, o++)
		if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    (o == 0 && *p == '.'))
			*p = '_';
	snprintf(out, sz, "%s/%s.csv", dir, name);
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

/* a list people open in Excel or WPS: a BOM, no formula in a name */
static struct sq_writer_opts
list_opts(const struct care *C)
{
	struct sq_writer_opts o = sq_person_opts(&C->c);

	o.format = SQ_OUT_CSV;
	o.bom = 1;
	return o;
}

/* ---- pairs: the table, the lists, the summary ------------------------- */

static const char *const pair_cols[] = {
	"hh", "community", "building", "unit", "room", "name", "phone", "grid",
	"need", "vid", "carer", "carer_phone", "carer_building", "tier",
	"walk_m", "status", "since", "why",
};
#define NPAIR	(sizeof(pair_cols) / sizeof(pair_cols[0]))

enum { P_KEPT, P_NEW, P_REPAIRED, P_UNPAIRED };
static const char *const pstatus_names[] = { "kept", "new", "repaired",
    "unpaired" };

struct prow {			/* a pairs row, as strings */
	const char *v[NPAIR];
	int	 status;
	long	 carer;
};

static void
pair_rows(struct care *C, const struct sq_care_pair *out, struct prow *rows)
{
	for (size_t i = 0; i < C->nh; i++) {
		struct home *h = &C->h[i];
		const struct sq_care_pair *p = &out[i];
		const struct carer *k = p->carer >= 0 ? &C->k[p->carer] : NULL;
		struct prow *r = &rows[i];
		char num[24], since[11];
		r->carer = p->carer;
		r->status = k == NULL ? P_UNPAIRED : p->kept ? P_KEPT :
		    h->in_keep ? P_REPAIRED : P_NEW;
		if (h->since == SQ_GREET_NODAY || h->since > C->day)
			h->since = C->day;
		sq_date_from_days(h->since, since);
		snprintf(num, sizeof(num), "%ld", p->walk_m);
		const char *v[NPAIR] = { h->hh, h->community, h->building,
		    h->unit, h->room, h->name, h->phone, h->grid, h->need,
		    k ? k->vid : "", k ? k->name : "", k ? k->phone : "",
		    k ? k->shown : "", k ? tier_names[p->tier] : "",
		    k && p->walk_m >= 0 ? adup(C, num) : "",
		    pstatus_names[r->status], adup(C, since),
		    why_text(C, h, p) };
		memcpy(r->v, v, sizeof(v));
	}
}

static int
write_pairs(struct care *C, const char *path, const struct prow *rows,
    int only_unpaired)
{
	struct sq_writer *w = sq_writer_open(path, &C->c.out);

	if (w == NULL)
		return -1;
	put_header(C, w, pair_cols, NPAIR, C->zh);
	for (size_t i = 0; i < C->nh; i++)
		if (!only_unpaired || rows[i].status == P_UNPAIRED)
			put_row(w, rows[i].v, NPAIR);
	return sq_writer_close(w);
}

static int
cmp_size_t(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* rows by carer (vid order) or by grid (name order), then household */
static const struct prow *sort_rows;	/* for qsort, set just before */

static int
cmp_by_carer(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(sort_rows[a].v[9], sort_rows[b].v[9]);

	return c ? c : cmp_size_t(pa, pb);
}

static int
cmp_by_grid(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(sort_rows[a].v[7], sort_rows[b].v[7]);

	return c ? c : cmp_size_t(pa, pb);
}

static int
write_pair_lists(struct care *C, const struct prow *rows)
{
	static const char *const kcols[] = { "building", "unit", "room", "name",
	    "phone", "need", "grid", "since" };
	static const char *const gcols[] = { "building", "unit", "room", "name",
	    "phone", "need", "carer", "carer_phone", "tier", "status", "why" };
	size_t *ord = sq_xmalloc((C->nh + 1) * sizeof(*ord));
	struct sq_writer_opts wo = list_opts(C);
	char path[4096];
	int rc = 0;

	if (make_dir(C->split) < 0) {
		free(ord);
		return -1;
	}
	sort_rows = rows;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		size_t n = 0;
		for (size_t i = 0; i < C->nh; i++)
			if (pass == 1 || rows[i].carer >= 0)
				ord[n++] = i;
		qsort(ord, n, sizeof(*ord), pass ? cmp_by_grid : cmp_by_carer);
		for (size_t i = 0; i < n && rc == 0;) {
			size_t j = i;
			const struct prow *r0 = &rows[ord[i]];
			while (j < n && strcmp(rows[ord[j]].v[pass ? 7 : 9],
			    r0->v[pass ? 7 : 9]) == 0)
				j++;
			if (pass == 0)
				file_name(path, sizeof(path), C->split,
				    word(C, "file", "carer_pairs"), r0->v[10],
				    r0->v[9], "");
			else
				file_name(path, sizeof(path), C->split,
				    word(C, "file", "grid_pairs"), *r0->v[7] ?
				    r0->v[7] : word(C, "file", "no_grid"), "",
				    "");
			struct sq_writer *w = sq_writer_open(path, &wo);
			if (w == NULL) {
				rc = -1;
				break;
			}
			put_header(C, w, pass ? gcols : kcols, pass ? 11 : 8, 1);
			for (size_t k = i; k < j; k++) {
				const struct prow *r = &rows[ord[k]];
				const char *need = words_of(C, "need", r->v[8]);
				if (pass == 0) {
					const char *v[] = { r->v[2], r->v[3],
					    r->v[4], r->v[5], r->v[6], need,
					    r->v[7], r->v[16] };
					put_row(w, v, 8);
				} else {
					const char *v[] = { r->v[2], r->v[3],
					    r->v[4], r->v[5], r->v[6], need,
					    r->v[10], r->v[11], *r->v[13] ?
					    word(C, "tier", r->v[13]) : "",
					    word(C, "status", r->v[15]),
					    r->v[17] };
					put_row(w, v, 11);
				}
			}
			if (sq_writer_close(w) < 0)
				rc = -1;
			i = j;
		}
	}
	free(ord);
	return rc;
}

static int
write_pair_summary(struct care *C, const struct sq_care_stats *st,
    const struct prow *rows)
{
	json_t *root = json_object(), *care = json_object(),
	    *tiers = json_object();
	long carers = 0, repaired = 0;
	unsigned char *used = sq_xcalloc(C->nk + 1, 1);

	for (size_t i = 0; i < C->nh; i++) {
		if (rows[i].carer >= 0 && !used[rows[i].carer]) {
			used[rows[i].carer] = 1;
			carers++;
		}
		repaired += rows[i].status == P_REPAIRED;
	}
	free(used);
	json_object_set_new(root, "date", json_string(C->date));
	json_object_set_new(care, "households", json_integer(st->homes));
	json_object_set_new(care, "paired", json_integer(st->paired));
	json_object_set_new(care, "unpaired", json_integer(st->homes -
	    st->paired));
	json_object_set_new(care, "kept", json_integer(st->kept));
	json_object_set_new(care, "repaired", json_integer(repaired));
	for (int t = 0; t < SQ_CARE_NTIERS; t++)
		json_object_set_new(tiers, tier_names[t],
		    json_integer(st->tier[t]));
	json_object_set_new(care, "tier", tiers);
	json_object_set_new(care, "carers", json_integer(carers));
	json_object_set_new(care, "volunteers", json_integer((long)C->nk));
	json_object_set_new(root, "care", care);
	if (C->comms.n > 1) {
		json_t *per = json_object();
		for (uint32_t c = 1; c < C->comms.n; c++) {
			long n = 0, p = 0;
			for (size_t i = 0; i < C->nh; i++)
				if (C->h[i].comm == c) {
					n++;
					p += rows[i].carer >= 0;
				}
			if (n == 0)
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "households", json_integer(n));
			json_object_set_new(o, "paired", json_integer(p));
			json_object_set_new(o, "unpaired", json_integer(n - p));
			json_object_set_new(per, C->comms.v[c], o);
		}
		json_object_set_new(root, "communities", per);
	}
	char *text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	return sq_write_document(C->summary, text);
}

/* ---- greetings: the pairs, the state, the log -------------------------- */

/* name -> one index, or -2 when several share it */
static void
index_name(struct names *N, long **map, const char *name, long i)
{
	size_t before = N->n;
	uint32_t id = names_add(N, name, strlen(name));

	if (id == 0)
		return;
	if (N->n > before) {
		*map = sq_xrealloc(*map, N->cap * sizeof(**map));
		(*map)[id] = i;
	} else if ((*map)[id] != i)
		(*map)[id] = -2;
}

static int
read_pairs(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	int st;

	o.aliases = C->al_care;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	sq_rejects_columns(C->rj, sq_reader_rawheader(r));
	long col[13];
	static const char *const names[13] = { "hh", "community", "building",
	    "unit", "room", "name", "phone", "grid", "need", "vid", "carer",
	    "carer_phone", "since" };
	for (int i = 0; i < 13; i++)
		col[i] = sq_reader_col(r, names[i]);
	if (sq_reader_ncols(r) == 0) {
		sq_warn(path, 0, "empty: nobody in care");
		sq_reader_close(r);
		return 0;
	}
	if (col[0] < 0) {
		sq_error("%s: not a pairs table (no hh column; make it with "
		    "sq-care HOUSEHOLDS VOLUNTEERS)", path);
		sq_reader_close(r);
		return -1;
	}
	if (col[9] < 0)
		sq_warn(path, 0, "no vid column: nobody is anyone's carer");
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		p = sq_rec_cell_trim(&rec, col[0], &len);
		if (len == 0) {
			sq_rejects_add(C->rj, path, &rec, "no household (hh)");
			continue;
		}
		if (sq_hmap_get(&C->hindex, p, len) >= 0) {
			C->hmerged++;
			continue;	/* the first row holds */
		}
		struct home *h = new_home(C);
		char **f[13] = { &h->hh, &h->community, &h->building, &h->unit,
		    &h->room, &h->name, &h->phone, &h->grid, &h->need, &h->vid,
		    &h->carer, &h->carer_phone, &h->since_s };
		for (int i = 0; i < 13; i++)
			*f[i] = dup_cell(C, &rec, col[i]);
		h->line = rec.line;
		h->since = parse_day(h->since_s, strlen(h->since_s), C->year);
		h->comm = names_add(&C->comms, h->community,
		    strlen(h->community));
		h->ci = -1;
		sq_greet_init(&h->g, SQ_GREET_NODAY, SQ_GREET_NODAY, 0);
		sq_buf_init(&h->note);
		sq_buf_init(&h->how);
		sq_buf_init(&h->who);
		if (*h->vid) {
			long k = sq_hmap_get(&C->kindex, h->vid, strlen(h->vid));
			if (k < 0) {
				if (C->nk == C->capk) {
					C->capk = C->capk ? 2 * C->capk : 256;
					C->k = sq_xrealloc(C->k, C->capk *
					    sizeof(*C->k));
				}
				struct carer *K = &C->k[C->nk];
				memset(K, 0, sizeof(*K));
				K->vid = h->vid;
				K->name = h->carer;
				K->phone = h->carer_phone;
				K->line = rec.line;
				K->first = K->last = SQ_GREET_NODAY;
				k = (long)C->nk++;
				sq_hmap_put(&C->kindex, K->vid, strlen(K->vid),
				    (uint32_t)k);
				index_name(&C->kname, &C->kname_carer, K->name,
				    k);
			}
			h->ci = k;
		}
		sq_hmap_put(&C->hindex, h->hh, strlen(h->hh), (uint32_t)C->nh);
		C->nh++;
	}
	C->hrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st == SQ_READ_IOERR)
		return -1;
	/* the indexes a log row is looked up in */
	build_resolver(C);
	for (size_t i = 0; i < C->nh; i++)
		index_name(&C->hname, &C->hname_home, C->h[i].name, (long)i);
	C->kh_start = sq_xcalloc(C->nk + 2, sizeof(*C->kh_start));
	C->kh_list = sq_xcalloc(C->nh + 1, sizeof(*C->kh_list));
	for (size_t i = 0; i < C->nh; i++)
		if (C->h[i].ci >= 0)
			C->kh_start[C->h[i].ci + 1]++;
	for (size_t k = 0; k < C->nk; k++)
		C->kh_start[k + 1] += C->kh_start[k];
	size_t *fill = sq_xmalloc((C->nk + 1) * sizeof(*fill));
	memcpy(fill, C->kh_start, (C->nk + 1) * sizeof(*fill));
	for (size_t i = 0; i < C->nh; i++)
		if (C->h[i].ci >= 0)
			C->kh_list[fill[C->h[i].ci]++] = i;
	free(fill);
	return 0;
}

/* alarm labels "fall;unwell" -> bits, and back */
static uint64_t
alarm_bits(const struct care *C, const char *s, size_t len)
{
	uint64_t m = 0;
	char *t = sq_xstrndup(s, len), *save = NULL;

	for (char *tok = strtok_r(t, ";", &save); tok;
	    tok = strtok_r(NULL, ";", &save)) {
		long i = sq_keywords_find(C->alarms, tok);
		if (i >= 0 && i < 64)
			m |= (uint64_t)1 << i;
	}
	free(t);
	return m;
}

static void
alarm_text(const struct care *C, uint64_t m, struct sq_buf *b)
{
	for (size_t i = 0; i < sq_keywords_nlabels(C->alarms) && i < 64; i++)
		if (m >> i & 1) {
			if (b->len)
				sq_buf_addc(b, ';');
			sq_buf_adds(b, sq_keywords_label(C->alarms, i));
		}
}

static const char *const state_cols[] = { "hh", "last", "last_alarm",
    "prev", "prev_alarm", "since", "as_of" };
#define NSTATE	7

static int
read_state(struct care *C)
{
	struct sq_reader_opts o = { 0 };
	struct stat sb;
	struct sq_rec rec;
	int st;

	if (C->state == NULL || stat(C->state, &sb) < 0)
		return 0;	/* the first day: no history yet */
	struct sq_reader *r = sq_reader_open(C->state, &o);
	if (r == NULL)
		return -1;
	long col[NSTATE];
	for (int i = 0; i < NSTATE; i++)
		col[i] = sq_reader_col(r, state_cols[i]);
	if (col[0] < 0 || col[1] < 0 || col[5] < 0 || col[6] < 0) {
		sq_error("%s: not a sq-care state file (hh, last, last_alarm, "
		    "prev, prev_alarm, since, as_of)", C->state);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		if (st == SQ_READ_BAD) {
			sq_problem(C->state, rec.line, "%s", rec.err);
			continue;
		}
		p = sq_rec_cell_trim(&rec, col[6], &len);
		int32_t as_of = parse_day(p, len, 0);
		if (as_of != SQ_GREET_NODAY && as_of > C->day) {
			sq_error("%s: the state is as of %.*s, after --date %s; "
			    "give the right --date or another --state",
			    C->state, (int)len, p, C->date);
			st = -1;
			break;
		}
		p = sq_rec_cell_trim(&rec, col[0], &len);
		long i = sq_hmap_get(&C->hindex, p, len);
		if (i < 0)
			continue;	/* no longer cared for */
		struct home *h = &C->h[i];
		int32_t v[4];
		uint64_t al[2];
		for (int k = 0; k < 2; k++) {
			p = sq_rec_cell_trim(&rec, col[1 + 2 * k], &len);
			v[k] = parse_day(p, len, 0);
			p = sq_rec_cell_trim(&rec, col[2 + 2 * k], &len);
			al[k] = alarm_bits(C, p, len);
		}
		p = sq_rec_cell_trim(&rec, col[5], &len);
		v[2] = parse_day(p, len, 0);
		/* a re-run of the same day: what was known before it */
		int again = v[0] != SQ_GREET_NODAY && v[0] >= C->day;
		sq_greet_init(&h->g, SQ_GREET_NODAY, again ? v[1] : v[0],
		    again ? al[1] : al[0]);
		h->state_known = 1;
		h->known_from = v[2];
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

static int
write_state(struct care *C)
{
	struct sq_writer_opts wo = { .format = SQ_OUT_CSV };
	struct sq_writer *w;
	struct sq_rec names;

	if (C->state == NULL)
		return 0;
	if ((w = sq_writer_open(C->state, &wo)) == NULL)
		return -1;
	sq_rec_init(&names);
	for (int i = 0; i < NSTATE; i++)
		sq_rec_push(&names, state_cols[i], strlen(state_cols[i]));
	sq_writer_header(w, &names);
	sq_rec_free(&names);
	for (size_t i = 0; i < C->nh; i++) {
		const struct home *h = &C->h[i];
		const struct sq_greet *g = &h->g;
		char last[11] = "", prev[11] = "", since[11] = "";
		struct sq_buf la, pa;
		sq_buf_init(&la);
		sq_buf_init(&pa);
		int32_t l = g->today ? C->day : g->last;
		int32_t pv = g->today ? g->last : SQ_GREET_NODAY;
		if (l != SQ_GREET_NODAY)
			sq_date_from_days(l, last);
		if (pv != SQ_GREET_NODAY)
			sq_date_from_days(pv, prev);
		alarm_text(C, g->today ? g->alarms : g->last_alarms, &la);
		if (g->today)
			alarm_text(C, g->last_alarms, &pa);
		sq_date_from_days(g->since, since);
		const char *v[NSTATE] = { h->hh, last, la.s ? la.s : "", prev,
		    pa.s ? pa.s : "", since, C->date };
		put_row(w, v, NSTATE);
		sq_buf_free(&la);
		sq_buf_free(&pa);
	}
	return sq_writer_close(w);
}

struct logcols {
	struct sq_rowaddr ra;
	long	 who, vid, carer, whom, date, time, how, note, minutes, greeted;
};

/* the first UTF-8 character of s: its length */
static size_t
first_char(const char *s)
{
	size_t i = 0, n = strlen(s);

	if (n == 0)
		return 0;
	if (sq_utf8_next((const unsigned char *)s, n, &i) < 0)
		return 1;
	return i;
}

/*
 * Does a name as typed ("王奶奶", "老王") point at the head "王秀英"?  2 the
 * full name, 1 the surname with an honorific, 0 no.
 */
static int
name_match(const struct care *C, const char *typed, const char *head)
{
	if (*typed == '\0' || *head == '\0')
		return 0;
	if (strcmp(typed, head) == 0)
		return 2;
	size_t s = first_char(head), tl = strlen(typed);
	for (size_t i = 0; i < C->honorifics.n; i++) {
		const char *h = C->honorifics.v[i];
		if (tl == s + strlen(h) && memcmp(typed, head, s) == 0 &&
		    strcmp(typed + s, h) == 0)
			return 1;
	}
	for (size_t i = 0; i < C->prefixes.n; i++) {
		const char *p = C->prefixes.v[i];
		size_t pl = strlen(p);
		if (tl == pl + s && memcmp(typed, p, pl) == 0 &&
		    memcmp(typed + pl, head, s) == 0)
			return 1;
	}
	return 0;
}

/*
 * A household key to a home (lib/resolve: exact, or the one household an
 * address that leaves out a part can mean), or -1 with *why.
 */
static long
find_home(struct care *C, const char *key, size_t len, const char **why)
{
	struct sq_res r;

	switch (sq_resolve(C->res, key, len, &r)) {
	case SQ_RES_EXACT:
	case SQ_RES_IMPLIED:
		return r.id;
	case SQ_RES_AMBIGUOUS:
		snprintf(C->whybuf, sizeof(C->whybuf), "the address fits %zu "
		    "households in care; write it in full (unit, community)",
		    r.ncand);
		break;
	default:
		if (r.nearest >= 0) {
			const struct home *n = &C->h[r.nearest];
			snprintf(C->whybuf, sizeof(C->whybuf), "not a household "
			    "in care; the nearest is building %s, unit %s, room "
			    "%s", n->building, *n->unit ? n->unit : "-", n->room);
		} else
			snprintf(C->whybuf, sizeof(C->whybuf), "not a household "
			    "in care");
	}
	*why = C->whybuf;
	return -1;
}

/*
 * The household a log row means: its hh, its address (columns, or the
 * whom cell read as one), or the name the greeter wrote, among the
 * greeter's households first.  -1 with *why.
 */
static long
resolve_whom(struct care *C, const struct logcols *L, const struct sq_rec *rec,
    long carer, const char **why)
{
	char key[SQ_ADDR_KEYMAX];
	struct sq_addr a;
	size_t len, cl, ol = 0;
	const char *w;
	const char *cm = sq_rec_cell_trim(rec, L->ra.community, &cl);
	const char *only = only_community(C, &ol);

	if (cl == 0 && only != NULL) {
		cm = only;
		cl = ol;
	}
	*why = NULL;
	int rc = sq_rowaddr_key(&L->ra, rec, cm, cl, key, &a, why);
	if (rc == SQ_ROWADDR_OK) {
		long i = find_home(C, key, strlen(key), why);
		if (i >= 0)
			return i;
	} else if (rc == SQ_ROWADDR_EMPTY)
		*why = NULL;
	w = sq_rec_cell_trim(rec, L->whom, &len);
	if (len > 0 && len < SQ_ADDR_KEYMAX) {
		/* a household key, copied from the pairs */
		struct sq_res r;
		if (sq_resolve(C->res, w, len, &r) == SQ_RES_EXACT)
			return r.id;
	}
	if (len > 0) {
		if (sq_addr_parse(w, len, &a, NULL) == 0) {
			if (cl)
				sq_addr_key_community(cm, cl, &a, key,
				    sizeof(key));
			else
				sq_addr_key(&a, key, sizeof(key));
			long i = find_home(C, key, strlen(key), why);
			if (i >= 0)
				return i;
		}
		char *typed = sq_xstrndup(w, len);
		long found = -1;
		int best = 0, tie = 0;
		/* the greeter's own households first, by name */
		if (carer >= 0)
			for (size_t j = C->kh_start[carer];
			    j < C->kh_start[carer + 1]; j++) {
				long i = (long)C->kh_list[j];
				int m = name_match(C, typed, C->h[i].name);
				if (m > best)
					best = m, found = i, tie = 0;
				else if (m == best && m > 0)
					tie = 1;
			}
		if (found < 0 || tie) {
			/* anyone's, by the full name only */
			uint32_t id = names_find(&C->hname, typed, len);
			found = id != UINT32_MAX && id != 0 ?
			    C->hname_home[id] : -1;
			if (found == -2) {
				*why = "the name fits several households; "
				    "write the address";
				found = -1;
			}
		}
		free(typed);
		if (found >= 0)
			return found;
		if (*why == NULL)
			*why = carer >= 0 ? "not an address, and no household "
			    "of the greeter's has that name" :
			    "not an address or the name of a household in care";
		return -1;
	}
	if (*why)
		return -1;
	if (carer >= 0 && C->kh_start[carer + 1] - C->kh_start[carer] == 1)
		return (long)C->kh_list[C->kh_start[carer]];
	*why = "no household: give an address or the name (whom)";
	return -1;
}

/* The greeter: a vid, or a carer's name (one person), or -1. */
static long
resolve_who(struct care *C, const struct logcols *L, const struct sq_rec *rec)
{
	size_t len;
	const char *p = sq_rec_cell_trim(rec, L->vid, &len);
	long k;

	if (len > 0 && (k = sq_hmap_get(&C->kindex, p, len)) >= 0)
		return k;
	long cols[2] = { L->who, L->carer };
	for (int c = 0; c < 2; c++) {
		p = sq_rec_cell_trim(rec, cols[c], &len);
		if (len == 0)
			continue;
		if ((k = sq_hmap_get(&C->kindex, p, len)) >= 0)
			return k;
		uint32_t id = names_find(&C->kname, p, len);
		if (id != UINT32_MAX && id != 0 && C->kname_carer[id] >= 0)
			return C->kname_carer[id];
	}
	return -1;
}

/* how.txt's first label that matches, as an index into minutes[] */
static int
how_of(const struct care *C, const char *s, size_t len, const char **label)
{
	static const char *const names[] = { "door", "wechat", "phone" };
	uint64_t m = len ? sq_keywords_match(C->how, s, len) : 0;

	for (size_t i = 0; i < sq_keywords_nlabels(C->how) && i < 64; i++)
		if (m >> i & 1) {
			*label = sq_keywords_label(C->how, i);
			for (int k = 0; k < 3; k++)
				if (strcmp(*label, names[k]) == 0)
					return k;
			return 3;
		}
	*label = "other";
	return 3;
}

static void
join(struct sq_buf *b, const char *s, size_t len)
{
	if (len == 0 || b->len >= NOTE_MAX)
		return;
	if (b->len)
		sq_buf_adds(b, "；");
	sq_buf_add(b, s, len);
}

/* the words of a greeter's entry that are already in b, separated by '；' */
static int
joined_has(const struct sq_buf *b, const char *s, size_t len)
{
	const char *p = b->s;

	while (p && *p) {
		const char *q = strstr(p, "；");
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (n == len && memcmp(p, s, len) == 0)
			return 1;
		if (q == NULL)
			break;
		p = q + strlen("；");
	}
	return 0;
}

static int
read_log(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	struct logcols L;
	int st;

	o.aliases = C->al_care;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	sq_rejects_columns(C->rj, sq_reader_rawheader(r));
	sq_rowaddr_find(&L.ra, r);
	if (sq_reader_ncols(r) == 0) {
		sq_warn(path, 0, "empty: nobody greeted yet");
		sq_reader_close(r);
		return 0;
	}
	L.who = sq_reader_col(r, "who");
	L.vid = sq_reader_col(r, "vid");
	L.carer = sq_reader_col(r, "carer");
	L.whom = sq_reader_col(r, "whom");
	L.date = sq_reader_col(r, "date");
	L.time = sq_reader_col(r, "time");
	L.how = sq_reader_col(r, "how");
	L.note = sq_reader_col(r, "note");
	L.minutes = sq_reader_col(r, "minutes");
	L.greeted = sq_reader_col(r, "greeted");
	if (L.whom < 0 && !sq_rowaddr_usable(&L.ra)) {
		sq_error("%s: no column says whom the greeting was for (whom, "
		    "an address, or hh)", path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p, *why = NULL;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		/* the day: the date column, else a date in the time column,
		   else the day checked (a time alone) */
		int32_t day = SQ_GREET_NODAY;
		char ymd[11], hm[6];
		p = sq_rec_cell_trim(&rec, L.date, &len);
		if (len > 0) {
			if (sq_date_parse(p, len, C->year, ymd, &why) !=
			    SQ_VAL_OK) {
				reject(C, path, &rec, "%s '%.*s': %s",
				    sq_reader_rawname(r, (size_t)L.date),
				    (int)len, p, why ? why : "not a date");
				continue;
			}
			day = sq_date_days(ymd);
		} else if ((p = sq_rec_cell_trim(&rec, L.time, &len)), len > 0) {
			if (sq_date_parse(p, len, C->year, ymd, &why) ==
			    SQ_VAL_OK)
				day = sq_date_days(ymd);
			else if (sq_time_parse(p, len, hm, &why) == SQ_VAL_OK)
				day = C->day;
			else {
				reject(C, path, &rec, "%s '%.*s': not a date "
				    "or a time", sq_reader_rawname(r,
				    (size_t)L.time), (int)len, p);
				continue;
			}
		} else
			day = C->day;
		long carer = resolve_who(C, &L, &rec);
		long hi = resolve_whom(C, &L, &rec, carer, &why);
		if (hi < 0) {
			p = sq_rec_cell_trim(&rec, L.whom, &len);
			if (len > 0)
				reject(C, path, &rec, "%s '%.*s': %s",
				    sq_reader_rawname(r, (size_t)L.whom),
				    (int)len, p, why);
			else
				reject(C, path, &rec, "%s", why);
			continue;
		}
		if (day > C->day) {
			C->llater++;	/* tomorrow's, in today's file */
			continue;
		}
		struct home *h = &C->h[hi];
		int greeted = 1;
		p = sq_rec_cell_trim(&rec, L.greeted, &len);
		if (len > 0) {
			int v = sq_bool_parse(p, len);
			if (v == -2)
				sq_warn(path, rec.line, "%s '%.*s': not yes or "
				    "no; taken as yes", sq_reader_rawname(r,
				    (size_t)L.greeted), (int)len, p);
			greeted = v != 0;
		}
		size_t nl, hl;
		const char *note = sq_rec_cell_trim(&rec, L.note, &nl);
		const char *howtxt = sq_rec_cell_trim(&rec, L.how, &hl);
		uint64_t alarms = nl ? sq_keywords_match(C->alarms, note, nl) : 0;
		if (hl)
			alarms |= sq_keywords_match(C->alarms, howtxt, hl);
		if (C->unreachable >= 0 && C->unreachable < 64 &&
		    (alarms >> C->unreachable & 1))
			greeted = 0;
		const char *label;
		int how = how_of(C, howtxt, hl, &label);
		sq_greet_seen(&h->g, C->day, day, greeted, alarms);
		if (C->lfirst == SQ_GREET_NODAY || day < C->lfirst)
			C->lfirst = day;
		if (day == C->day) {
			C->ltoday++;
			join(&h->note, note, nl);
			if (greeted && !joined_has(&h->how, label, strlen(label)))
				join(&h->how, label, strlen(label));
			const char *who = sq_rec_cell_trim(&rec, L.who >= 0 ?
			    L.who : L.carer >= 0 ? L.carer : L.vid, &len);
			if (carer >= 0 && len == 0)
				who = C->k[carer].name, len = strlen(who);
			if (greeted && !joined_has(&h->who, who, len))
				join(&h->who, who, len);
		} else
			C->learlier++;
		/* the time bank: every entry took the greeter's time */
		if (carer >= 0) {
			struct carer *K = &C->k[carer];
			long mins = C->minutes[how];
			p = sq_rec_cell_trim(&rec, L.minutes, &len);
			if (len > 0) {
				double v;
				if (sq_double_parse(p, len, &v) == SQ_VAL_OK &&
				    v >= 0 && v <= 600)
					mins = lround(v);
				else
					sq_warn(path, rec.line, "%s '%.*s': not "
					    "minutes (0 to 600); counted as %ld",
					    sq_reader_rawname(r,
					    (size_t)L.minutes), (int)len, p,
					    mins);
			}
			K->greetings++;
			K->minutes += mins;
			if (K->first == SQ_GREET_NODAY || day < K->first)
				K->first = day;
			if (K->last == SQ_GREET_NODAY || day > K->last)
				K->last = day;
		}
	}
	C->lrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* ---- greetings: the list, the lists, the summary, the hours ------------- */

static const char *const greet_cols[] = {
	"hh", "community", "building", "unit", "room", "name", "phone", "grid",
	"need", "vid", "carer", "carer_phone", "status", "alarm",
	"missed_days", "last_greeted", "greeted_by", "how", "note",
};
#define NGREET	(sizeof(greet_cols) / sizeof(greet_cols[0]))

static const char *const gstatus_names[SQ_GREET_NSTATUS] = {
	"urgent", "not_greeted", "greeted",
};

struct grow {
	const char *v[NGREET];
	int	 status;
	int32_t	 missed;
	size_t	 home;
};

static void
greet_rows(struct care *C, struct grow *rows)
{
	for (size_t i = 0; i < C->nh; i++) {
		struct home *h = &C->h[i];
		struct sq_greet *g = &h->g;
		struct grow *r = &rows[i];
		/* the first day followed: the pair's, and no earlier than
		   what is known (the state's first day, the log's) */
		int32_t known = h->state_known && h->known_from !=
		    SQ_GREET_NODAY ? h->known_from : C->lfirst !=
		    SQ_GREET_NODAY ? C->lfirst : C->day;
		int32_t since = h->since != SQ_GREET_NODAY && h->since > known ?
		    h->since : known;
		g->since = since < C->day ? since : C->day;
		r->home = i;
		r->missed = sq_greet_missed(g, C->day);
		r->status = sq_greet_status(g, C->day, (int32_t)C->urgent_after);
		uint64_t al = sq_greet_alarms(g);
		struct sq_buf a;
		sq_buf_init(&a);
		alarm_text(C, al, &a);
		if (C->urgent_after > 0 && r->missed >= C->urgent_after) {
			if (a.len)
				sq_buf_addc(&a, ';');
			sq_buf_adds(&a, "silent");
		}
		char num[16], last[11] = "";
		snprintf(num, sizeof(num), "%d", (int)r->missed);
		int32_t l = g->today ? C->day : g->last;
		if (l != SQ_GREET_NODAY)
			sq_date_from_days(l, last);
		const char *v[NGREET] = { h->hh, h->community, h->building,
		    h->unit, h->room, h->name, h->phone, h->grid, h->need,
		    h->vid, h->carer, h->carer_phone, gstatus_names[r->status],
		    adup(C, a.s ? a.s : ""), adup(C, num), adup(C, last),
		    h->who.s ? h->who.s : "", h->how.s ? h->how.s : "",
		    h->note.s ? h->note.s : "" };
		memcpy(r->v, v, sizeof(v));
		sq_buf_free(&a);
	}
}

/* urgent first, then the longest silent, then by household */
static int
cmp_grow(const void *pa, const void *pb)
{
	const struct grow *a = pa, *b = pb;

	if (a->status != b->status)
		return a->status < b->status ? -1 : 1;
	if (a->missed != b->missed)
		return a->missed > b->missed ? -1 : 1;
	return strcmp(a->v[0], b->v[0]);
}

static int
write_greetings(struct care *C, const struct grow *rows)
{
	struct sq_writer *w = sq_writer_open(C->c.output, &C->c.out);

	if (w == NULL)
		return -1;
	put_header(C, w, greet_cols, NGREET, C->zh);
	for (size_t i = 0; i < C->nh; i++)
		if (C->all || rows[i].status != SQ_GREET_GREETED)
			put_row(w, rows[i].v, NGREET);
	return sq_writer_close(w);
}

static const struct grow *sort_grows;	/* for qsort, set just before */

static int
cmp_grow_by(const void *pa, const void *pb, int col)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(sort_grows[a].v[col], sort_grows[b].v[col]);

	return c ? c : cmp_size_t(pa, pb);
}

static int
cmp_grow_carer(const void *pa, const void *pb)
{
	return cmp_grow_by(pa, pb, 9);
}

static int
cmp_grow_grid(const void *pa, const void *pb)
{
	return cmp_grow_by(pa, pb, 7);
}

/* alarm codes in words; "silent" says the days */
static char *
alarm_words(struct care *C, const struct grow *r)
{
	struct sq_buf b;
	struct fill f = { "", "", "", 0, C->max, r->missed };
	const char *p = r->v[13];

	sq_buf_init(&b);
	while (*p) {
		size_t n = strcspn(p, ";");
		char code[64];
		snprintf(code, sizeof(code), "%.*s", (int)n, p);
		if (b.len)
			sq_buf_adds(&b, "、");
		say(&b, word(C, "alarm", code), &f);
		p += n;
		if (*p)
			p++;
	}
	char *s = adup(C, b.s ? b.s : "");
	sq_buf_free(&b);
	return s;
}

static int
write_greet_lists(struct care *C, const struct grow *rows)
{
	static const char *const kcols[] = { "building", "unit", "room", "name",
	    "phone", "need", "status", "alarm", "missed_days", "note" };
	static const char *const gcols[] = { "building", "unit", "room", "name",
	    "phone", "need", "carer", "carer_phone", "status", "alarm",
	    "missed_days", "note" };
	size_t *ord = sq_xmalloc((C->nh + 1) * sizeof(*ord));
	struct sq_writer_opts wo = list_opts(C);
	char path[4096];
	int rc = 0;

	if (make_dir(C->split) < 0) {
		free(ord);
		return -1;
	}
	sort_grows = rows;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		size_t n = 0;
		int col = pass ? 7 : 9;
		for (size_t i = 0; i < C->nh; i++)
			if (rows[i].status != SQ_GREET_GREETED &&
			    (pass == 1 || *rows[i].v[9]))
				ord[n++] = i;
		qsort(ord, n, sizeof(*ord), pass ? cmp_grow_grid :
		    cmp_grow_carer);
		for (size_t i = 0; i < n && rc == 0;) {
			size_t j = i;
			const struct grow *r0 = &rows[ord[i]];
			while (j < n && strcmp(rows[ord[j]].v[col],
			    r0->v[col]) == 0)
				j++;
			if (pass == 0)
				file_name(path, sizeof(path), C->split,
				    word(C, "file", "carer_greet"), r0->v[10],
				    r0->v[9], C->date);
			else
				file_name(path, sizeof(path), C->split,
				    word(C, "file", "grid_greet"), *r0->v[7] ?
				    r0->v[7] : word(C, "file", "no_grid"), "",
				    C->date);
			struct sq_writer *w = sq_writer_open(path, &wo);
			if (w == NULL) {
				rc = -1;
				break;
			}
			put_header(C, w, pass ? gcols : kcols, pass ? 12 : 10, 1);
			/* within a list: urgent first, the longest silent */
			struct grow *part = sq_xmalloc((j - i) * sizeof(*part));
			for (size_t k = i; k < j; k++)
				part[k - i] = rows[ord[k]];
			qsort(part, j - i, sizeof(*part), cmp_grow);
			for (size_t k = 0; k < j - i; k++) {
				const struct grow *r = &part[k];
				const char *need = words_of(C, "need", r->v[8]);
				const char *st = word(C, "status", r->v[12]);
				const char *al = alarm_words(C, r);
				if (pass == 0) {
					const char *v[] = { r->v[2], r->v[3],
					    r->v[4], r->v[5], r->v[6], need, st,
					    al, r->v[14], r->v[18] };
					put_row(w, v, 10);
				} else {
					const char *v[] = { r->v[2], r->v[3],
					    r->v[4], r->v[5], r->v[6], need,
					    *r->v[10] ? r->v[10] :
					    word(C, "status", "unpaired"),
					    r->v[11], st, al, r->v[14],
					    r->v[18] };
					put_row(w, v, 12);
				}
			}
			free(part);
			if (sq_writer_close(w) < 0)
				rc = -1;
			i = j;
		}
	}
	free(ord);
	return rc;
}

/*
 * The counts of one community (or all: comm UINT32_MAX), into o: greeted
 * is reached today (urgent or not), not_greeted the others, urgent of
 * either.
 */
static void
greet_counts(struct care *C, const struct grow *rows, uint32_t comm, json_t *o)
{
	long n = 0, paired = 0, reached = 0, urgent = 0, two = 0;

	for (size_t i = 0; i < C->nh; i++) {
		const struct home *h = &C->h[rows[i].home];
		if (comm != UINT32_MAX && h->comm != comm)
			continue;
		n++;
		paired += *h->vid != '\0';
		reached += h->g.today != 0;
		urgent += rows[i].status == SQ_GREET_URGENT;
		two += rows[i].missed >= 2;
	}
	json_object_set_new(o, "households", json_integer(n));
	json_object_set_new(o, "paired", json_integer(paired));
	json_object_set_new(o, "unpaired", json_integer(n - paired));
	json_object_set_new(o, "greeted", json_integer(reached));
	json_object_set_new(o, "not_greeted", json_integer(n - reached));
	json_object_set_new(o, "urgent", json_integer(urgent));
	json_object_set_new(o, "missed_2_days_or_more", json_integer(two));
}

static int
write_greet_summary(struct care *C, const struct grow *rows)
{
	json_t *root = json_object(), *care = json_object(),
	    *alarms = json_object(), *log = json_object(), *per = json_object();
	long *count = sq_xcalloc(sq_keywords_nlabels(C->alarms) + 1,
	    sizeof(long));

	for (size_t i = 0; i < C->nh; i++) {
		uint64_t m = sq_greet_alarms(&C->h[i].g);
		for (size_t k = 0; k < sq_keywords_nlabels(C->alarms) && k < 64;
		    k++)
			count[k] += m >> k & 1;
	}
	json_object_set_new(root, "date", json_string(C->date));
	greet_counts(C, rows, UINT32_MAX, care);
	for (size_t k = 0; k < sq_keywords_nlabels(C->alarms) && k < 64; k++)
		json_object_set_new(alarms, sq_keywords_label(C->alarms, k),
		    json_integer(count[k]));
	json_object_set_new(care, "alarm", alarms);
	json_object_set_new(root, "care", care);
	for (uint32_t c = 1; c < C->comms.n; c++) {
		json_t *o = json_object();
		greet_counts(C, rows, c, o);
		json_object_set_new(per, C->comms.v[c], o);
	}
	if (json_object_size(per) > 0)
		json_object_set_new(root, "communities", per);
	else
		json_decref(per);
	json_object_set_new(log, "rows", json_integer(C->lrows));
	json_object_set_new(log, "today", json_integer(C->ltoday));
	json_object_set_new(log, "earlier_days", json_integer(C->learlier));
	json_object_set_new(log, "later_days", json_integer(C->llater));
	json_object_set_new(log, "rejected", json_integer(C->lrejected));
	json_object_set_new(root, "log", log);
	free(count);
	char *text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	return sq_write_document(C->summary, text);
}

static int
write_hours(struct care *C)
{
	static const char *const cols[] = { "vid", "name", "greetings",
	    "hours", "from", "to" };
	struct sq_writer *w = sq_writer_open(C->hours, &C->c.out);

	if (w == NULL)
		return -1;
	put_header(C, w, cols, 6, C->zh);
	for (size_t k = 0; k < C->nk; k++) {
		const struct carer *K = &C->k[k];
		char n[24], h[24], d0[11] = "", d1[11] = "";
		snprintf(n, sizeof(n), "%ld", K->greetings);
		sq_hours_format(K->minutes, h, sizeof(h));
		if (K->first != SQ_GREET_NODAY) {
			sq_date_from_days(K->first, d0);
			sq_date_from_days(K->last, d1);
		}
		const char *v[] = { K->vid, K->name, n, h, d0, d1 };
		put_row(w, v, 6);
	}
	return sq_writer_close(w);
}

/* ---- main ----------------------------------------------------------------- */

static void
free_all(struct care *C)
{
	for (size_t i = 0; i < C->nh; i++) {
		sq_buf_free(&C->h[i].note);
		sq_buf_free(&C->h[i].how);
		sq_buf_free(&C->h[i].who);
	}
	free(C->h);
	free(C->k);
	free(C->b);
	sq_hmap_free(&C->hindex);
	sq_hmap_free(&C->kindex);
	if (C->res)
		sq_resolver_free(C->res);
	free(C->hname_home);
	free(C->kname_carer);
	free(C->kh_start);
	free(C->kh_list);
	names_free(&C->comms);
	names_free(&C->blds);
	names_free(&C->grids);
	names_free(&C->hname);
	names_free(&C->kname);
	for (int i = 0; i < C->ncond; i++)
		free(C->cond[i].name);
	for (size_t i = 0; i < C->nwords; i++) {
		free(C->words[i].key);
		free(C->words[i].value);
	}
	free(C->words);
	struct list *l[2] = { &C->honorifics, &C->prefixes };
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < l[k]->n; i++)
			free(l[k]->v[i]);
		free(l[k]->v);
	}
	sq_keywords_free(C->notes);
	sq_keywords_free(C->alarms);
	sq_keywords_free(C->how);
	sq_skills_free(&C->skills);
	struct sq_aliases *al[4] = { C->al_hh, C->al_vol, C->al_care,
	    C->al_sites };
	for (int k = 0; k < 4; k++)
		if (al[k])
			sq_aliases_free(al[k]);
	sq_arena_free(&C->arena);
}

static struct sq_aliases *
aliases_for(struct care *C, const char *tables)
{
	C->c.tables = tables;
	struct sq_aliases *a = sq_load_aliases(&C->c);
	if (a == NULL) {
		free_all(C);
		exit(SQ_EXIT_USAGE);
	}
	return a;
}

static int
run_pairs(struct care *C, const char *hfile, const char *vfile)
{
	struct sq_care_stats st;
	long r0, r1, r2;

	r0 = sq_rejects_count(C->rj);
	if (read_households(C, hfile) < 0)
		return -1;
	r1 = sq_rejects_count(C->rj);
	/* households in key order: neighbours next to each other */
	if (C->nh > 0)
		qsort(C->h, C->nh, sizeof(*C->h), cmp_home_key);
	sq_hmap_free(&C->hindex);
	sq_hmap_init(&C->hindex, home_key, C);
	for (size_t i = 0; i < C->nh; i++)
		sq_hmap_put(&C->hindex, C->h[i].hh, strlen(C->h[i].hh),
		    (uint32_t)i);
	if (C->sites && read_sites(C, C->sites) < 0)
		return -1;
	if (read_volunteers(C, vfile) < 0)
		return -1;
	r2 = sq_rejects_count(C->rj);
	if (C->keep && read_keep(C, C->keep) < 0)
		return -1;
	if (C->c.strict && r2 > r0) {
		sq_note("stopped at the first rejected row (--strict); no "
		    "output written");
		return -1;
	}
	struct sq_care_pair *out = pair_all(C, &st);
	struct prow *rows = sq_xcalloc(C->nh + 1, sizeof(*rows));
	pair_rows(C, out, rows);
	int rc = write_pairs(C, C->c.output, rows, 0);
	if (rc == 0 && C->unpaired)
		rc = write_pairs(C, C->unpaired, rows, 1);
	if (rc == 0 && C->split)
		rc = write_pair_lists(C, rows);
	if (rc == 0 && C->summary)
		rc = write_pair_summary(C, &st, rows);
	long caring = 0;
	unsigned char *used = sq_xcalloc(C->nk + 1, 1);
	for (size_t i = 0; i < C->nh; i++)
		if (out[i].carer >= 0 && !used[out[i].carer]++)
			caring++;
	free(used);
	if (rc == 0) {
		sq_note("%ld household row%s read: %ld need a carer: %ld "
		    "paired (%ld in their building, %ld in their grid, %ld "
		    "nearby, %ld by staff), %ld without; %ld need none, %ld "
		    "merged, %ld rejected", C->hrows, C->hrows == 1 ? "" : "s",
		    st.homes, st.paired, st.tier[SQ_CARE_BUILDING],
		    st.tier[SQ_CARE_GRID], st.tier[SQ_CARE_NEAR],
		    st.tier[SQ_CARE_ANY], st.homes - st.paired, C->hneedless,
		    C->hmerged, r1 - r0);
		sq_note("%ld volunteer row%s read: %zu carer%s (%ld caring), "
		    "%ld not carers, %ld rejected%s", C->vrows,
		    C->vrows == 1 ? "" : "s", C->nk, C->nk == 1 ? "" : "s",
		    caring, C->vnot, r2 - r1, C->keep ? "" : "");
		if (C->keep)
			sq_note("kept %ld pair%s of %ld row%s in %s", st.kept,
			    st.kept == 1 ? "" : "s", C->krows, C->krows == 1 ?
			    "" : "s", C->keep);
		if (st.approx)
			sq_note("a community with very many buildings: walking "
			    "to the farthest is approximate");
	}
	free(out);
	free(rows);
	return rc;
}

static int
run_greetings(struct care *C, const char *pfile)
{
	long r0 = sq_rejects_count(C->rj);

	if (read_pairs(C, pfile) < 0 || read_state(C) < 0)
		return -1;
	long r1 = sq_rejects_count(C->rj);
	C->lfirst = SQ_GREET_NODAY;
	if (read_log(C, C->log) < 0)
		return -1;
	C->lrejected = sq_rejects_count(C->rj) - r1;
	if (C->c.strict && sq_rejects_count(C->rj) > r0) {
		sq_note("stopped at the first rejected row (--strict); no "
		    "output written");
		return -1;
	}
	struct grow *rows = sq_xcalloc(C->nh + 1, sizeof(*rows));
	greet_rows(C, rows);
	qsort(rows, C->nh, sizeof(*rows), cmp_grow);
	int rc = write_greetings(C, rows);
	if (rc == 0 && C->split)
		rc = write_greet_lists(C, rows);
	if (rc == 0 && C->summary)
		rc = write_greet_summary(C, rows);
	if (rc == 0)
		rc = write_state(C);
	if (rc == 0 && C->hours)
		rc = write_hours(C);
	if (rc == 0) {
		long n[SQ_GREET_NSTATUS] = { 0 };
		for (size_t i = 0; i < C->nh; i++)
			n[rows[i].status]++;
		sq_note("%zu household%s in care on %s: %ld greeted, %ld not "
		    "greeted, %ld urgent", C->nh, C->nh == 1 ? "" : "s",
		    C->date, n[SQ_GREET_GREETED], n[SQ_GREET_NOT_GREETED],
		    n[SQ_GREET_URGENT]);
		sq_note("%ld log row%s read: %ld of the day, %ld of earlier "
		    "days, %ld of later days (left out), %ld rejected",
		    C->lrows, C->lrows == 1 ? "" : "s", C->ltoday, C->learlier,
		    C->llater, C->lrejected);
		if (r1 > r0 || C->hmerged)
			sq_note("%ld pairs row%s rejected, %ld repeated",
			    r1 - r0, r1 - r0 == 1 ? "" : "s", C->hmerged);
	}
	free(rows);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		SQ_COMMON_LONGOPTS,
		{ "max",       required_argument, NULL, 'm' },
		{ "keep",      required_argument, NULL, 'k' },
		{ "sites",     required_argument, NULL, 'p' },
		{ "unpaired",  required_argument, NULL, 'u' },
		{ "rules",     required_argument, NULL, 'r' },
		{ "config",    required_argument, NULL, 'c' },
		{ "greetings", required_argument, NULL, 'g' },
		{ "date",      required_argument, NULL, 'd' },
		{ "state",     required_argument, NULL, 's' },
		{ "all",       no_argument,       NULL, 'a' },
		{ "hours",     required_argument, NULL, 'w' },
		{ "split",     required_argument, NULL, 'L' },
		{ "summary",   required_argument, NULL, 'Y' },
		{ "zh",        no_argument,       NULL, 'Z' },
		{ "help",      no_argument,       NULL, 'h' },
		{ "version",   no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static struct care C;
	const char *date = NULL;
	int ch;

	sq_start(argc, argv);
	sq_common_init(&C.c);
	C.max = 4;
	C.urgent_after = 2;
	C.minutes[0] = 15;
	C.minutes[1] = 5;
	C.minutes[2] = 10;
	C.minutes[3] = 10;
	names_init(&C.comms);
	names_init(&C.blds);
	names_init(&C.grids);
	names_init(&C.hname);
	names_init(&C.kname);
	sq_hmap_init(&C.hindex, home_key, &C);
	sq_hmap_init(&C.kindex, carer_key, &C);
	while ((ch = getopt_long(argc, argv, SQ_COMMON_SHORTOPTS
	    "m:k:p:u:r:c:g:d:s:aw:L:Y:ZhV", longopts, NULL)) != -1) {
		if (sq_common_opt(&C.c, ch, optarg, synopsis))
			continue;
		switch (ch) {
		case 'm':
			C.max = sq_opt_long(optarg, 1, 1000, "--max", synopsis);
			C.max_set = 1;
			break;
		case 'k': C.keep = optarg; break;
		case 'p': C.sites = optarg; break;
		case 'u': C.unpaired = optarg; break;
		case 'r': C.rules = optarg; break;
		case 'c': C.config = optarg; break;
		case 'g': C.log = optarg; break;
		case 'd': date = optarg; break;
		case 's': C.state = optarg; break;
		case 'a': C.all = 1; break;
		case 'w': C.hours = optarg; break;
		case 'L': C.split = optarg; break;
		case 'Y': C.summary = optarg; break;
		case 'Z': C.zh = 1; break;
		case 'h':
			usage();
			if (fflush(stdout) != 0 || ferror(stdout))
				sq_fatal("write error: %s", strerror(errno));
			return 0;
		case 'V':
			sq_print_version();
			return 0;
		default:
			sq_usage_error(synopsis, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (C.log) {
		if (argc != 1)
			sq_usage_error(synopsis, argc < 1 ? "give the pairs "
			    "table (what sq-care HOUSEHOLDS VOLUNTEERS wrote)" :
			    "too many files: with --greetings, only the pairs");
		if (C.keep || C.sites || C.unpaired || C.max_set)
			sq_usage_error(synopsis, "--keep, --sites, --unpaired "
			    "and --max are for pairing, not --greetings");
		if (strcmp(C.log, "-") == 0 && strcmp(argv[0], "-") == 0)
			sq_usage_error(synopsis, "only one of the log and the "
			    "pairs can be standard input");
	} else {
		if (argc != 2)
			sq_usage_error(synopsis, argc < 2 ? "give the households "
			    "and the volunteers tables" : "too many files");
		if (C.state || C.all || C.hours)
			sq_usage_error(synopsis, "--state, --all and --hours "
			    "are for --greetings");
		if (strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0)
			sq_usage_error(synopsis, "only one of the tables can be "
			    "standard input");
	}
	if (date) {
		const char *why = NULL;
		if (sq_date_parse(date, strlen(date), 0, C.date, &why) !=
		    SQ_VAL_OK)
			sq_usage_error(synopsis, "--date '%s': %s", date,
			    why ? why : "not a date");
		C.day = sq_date_days(C.date);
	} else
		C.day = sq_date_today(C.date, NULL);
	C.year = atoi(C.date);

	int rc = load_rules(&C);
	if (rc == 0) {
		C.al_hh = aliases_for(&C, "households");
		C.al_vol = aliases_for(&C, "volunteers");
		C.al_care = aliases_for(&C, "care");
		C.al_sites = aliases_for(&C, "rounds");
		if ((C.rj = sq_rejects_open(C.c.rejects)) == NULL)
			rc = -1;
	}
	if (rc == 0)
		rc = C.log ? run_greetings(&C, argv[0]) :
		    run_pairs(&C, argv[0], argv[1]);
	if (C.rj) {
		if (rc < 0)
			sq_rejects_abort(C.rj);
		else if (sq_rejects_close(C.rj) < 0)
			rc = -1;
	}
	free_all(&C);
	int status = sq_diag_finish();
	return rc < 0 ? SQ_EXIT_USAGE : status;
}
