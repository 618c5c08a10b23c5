/*
 * state.h — what the parts of sq-care share: the rules and wording, the
 * households in care and the carers as the program holds them, the rows
 * it writes, and the parts' entry points.  Internal to the program
 * (cmd/sq-care.c and the files of cmd/sq-care/); the engines are
 * lib/care.h (pairing) and lib/greet.h (greetings).
 */
#ifndef SQ_CARE_STATE_H
#define SQ_CARE_STATE_H

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
#include "table.h"
#include "rejects.h"
#include "resolve.h"
#include "rowaddr.h"
#include "skills.h"
#include "strtab.h"
#include "text.h"
#include "value.h"
#include "writer.h"

#define MAXCOND		32
#define MAXPREF		16
#define NOTE_MAX	500
#define NPAIR		18		/* pair_cols, in pair.c */
#define NGREET		19		/* greet_cols, in followup.c */

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

	struct sq_strtab comms, blds, grids;
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
	struct sq_strtab hname, kname;	/* household heads, carers by name */
	long	*hname_home, *kname_carer;	/* -2: more than one */
	size_t	*kh_start, *kh_list;	/* homes by carer */

	struct sq_rejects *rj;
	long	 hrows, hmerged, hneedless, vrows, vnot, krows, srows;
	long	 lrows, ltoday, learlier, llater, lrejected;
	int32_t	 lfirst;
	int	 plan;			/* a site plan was read */
};

/*
 * A wording with {building}, {m}, {max}, {skill}, {need}, {days} filled
 * in, appended to buf.
 */
struct fill {
	const char *building, *skill, *need;
	long	 m, max, days;
};

enum { P_KEPT, P_NEW, P_REPAIRED, P_UNPAIRED };

struct prow {			/* a pairs row, as strings */
	const char *v[NPAIR];
	int	 status;
	long	 carer;
};

struct grow {
	const char *v[NGREET];
	int	 status;
	int32_t	 missed;
	size_t	 home;
};

/* cmd/sq-care/conf.c */
const char *word(const struct care *C, const char *prefix, const char *name);
void say(struct sq_buf *out, const char *tpl, const struct fill *f);
int load_rules(struct care *C);

/* cmd/sq-care/places.c */
uint32_t names_find(const struct sq_strtab *N, const char *s, size_t len);
const char *home_key(void *ctx, uint32_t i, size_t *len);
void build_resolver(struct care *C);
const char *carer_key(void *ctx, uint32_t i, size_t *len);
char *dup_cell(struct care *C, const struct sq_rec *rec, long col);
char *adup(struct care *C, const char *s);
size_t building_of_key(const char *key);
uint32_t intern_building(struct care *C, const char *key, size_t len,
    const char *shown);
void count_grid(struct care *C, uint32_t b, uint32_t grid);
uint32_t grid_of_building(const struct care *C, uint32_t b);
int parse_building(const char *community, size_t clen, const char *text,
    char key[SQ_ADDR_KEYMAX], char shown[16], const char **why);
int read_sites(struct care *C, const char *path);

/* cmd/sq-care/roster.c */
struct home *new_home(struct care *C);
int read_households(struct care *C, const char *path);
const char *only_community(const struct care *C, size_t *len);
void reject(struct care *C, const char *file, const struct sq_rec *rec,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int read_volunteers(struct care *C, const char *path);
int32_t parse_day(const char *p, size_t len, int year);
int read_keep(struct care *C, const char *path);

/* cmd/sq-care/pair.c */
void put_header(struct care *C, struct sq_writer *w, const char *const *cols,
    size_t n, int zh);
void put_row(struct sq_writer *w, const char *const *v, size_t n);
char *words_of(struct care *C, const char *prefix, const char *codes);
void file_name(char *out, size_t sz, const char *dir, const char *a,
    const char *b, const char *c, const char *date);
struct sq_writer_opts list_opts(const struct care *C);
int cmp_size_t(const void *a, const void *b);
/* 0, 1 when --strict stopped at a rejected row (exit 1), -1 (exit 2) */
int run_pairs(struct care *C, const char *hfile, const char *vfile);

/* cmd/sq-care/greetings.c */
int read_pairs(struct care *C, const char *path);
void alarm_text(const struct care *C, uint64_t m, struct sq_buf *b);
int read_state(struct care *C);
int write_state(struct care *C);
int read_log(struct care *C, const char *path);

/* cmd/sq-care/followup.c */
/* as run_pairs */
int run_greetings(struct care *C, const char *pfile);

#endif
