/*
 * state.h — what the parts of sq-waves share: the settings and wording,
 * the roster as the program holds it (households, buildings, the log rows
 * seen), and the parts' entry points.  Internal to the program (cmd/sq-waves.c
 * and the files of cmd/sq-waves/); the engine is lib/waves.h.
 */
#ifndef SQ_WAVES_STATE_H
#define SQ_WAVES_STATE_H

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "header.h"
#include "kvconf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "resolve.h"
#include "rowaddr.h"
#include "table.h"
#include "settings.h"
#include "sites.h"
#include "strtab.h"
#include "template.h"
#include "text.h"
#include "value.h"
#include "waves.h"
#include "writer.h"

struct settings {
	struct sq_waves_settings eng;
	long	 desks, rate;
	int	 start;			/* minute of the day */
	int	 door_start;		/* -1: start */
	int	 partial;
	char	*door_flags;		/* comma-separated column names */
};

enum {
	W_WEEKDAYS, W_POINT, W_DOOR_POINT, W_MISSED, W_PARTIAL,
	W_DOOR_MISSED, W_BAD_ADDRESS, W_NOT_IN_ROSTER, W_NEAREST,
	W_AMBIGUOUS, W_LIST_FILE, W_NO_GRID, W_NOTICE_FILE, NWORDS
};

struct words {
	char	*text[NWORDS];
	struct sq_tpl *tpl[NWORDS];
	const char *path;
	int	 rc;
};

enum { S_KEY, S_BUILDING, S_UNIT, S_ROOM, S_NAME, S_PHONE, NSTR };
enum { DOOR_FLAG = 1, DOOR_LIST = 2, DOOR_CLOSED = 4 };
enum { ST_MISSED, ST_PARTIAL, ST_UNKNOWN, ST_SAMPLED, ST_EMPTY };

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

static inline const char *
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
	char	*words_path;		/* share/waves/LANG/words.conf */
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

struct point {
	char	*name;
	int	 desks, rate;
	int	 start;
	int	 has_xy;
	double	 x, y;
};

/* cmd/sq-waves/conf.c */
void settings_default(struct settings *st);
int settings_load(const char *path, struct settings *st, int must);
int words_load(struct words *w, const char *path);
void words_free(struct words *w);
char *say(const struct words *w, int i, json_t *data);

/* cmd/sq-waves/roster.c */
const char *key_of(void *ctx, uint32_t i, size_t *len);
size_t key_part(const char *key, char tag, char *out, size_t outsz);
void part_label(const char *part, char *out, size_t outsz);
int load_households(struct state *s, const char *path);
long find_household(struct state *s, const struct sq_rowaddr *ra,
    const struct sq_rec *rec, char *key, struct sq_res *r, const char **why);
void need_community(const struct state *s, const struct sq_rowaddr *ra,
    const char *file);
char *candidates(const struct state *s, const struct sq_res *r,
    const char *sep);

/* cmd/sq-waves/inputs.c */
struct point *read_points(struct state *s, size_t *np);
void read_closed(struct state *s);
void read_door(struct state *s);

/* cmd/sq-waves/plan.c */
void put_header(struct state *s, struct sq_writer *w, const char *const *cols,
    size_t n, const char *section, int zh);
void safe_name(const char *in, char *out, size_t outsz);
int run_plan(struct state *s);

/* cmd/sq-waves/missed.c */
int run_missed(struct state *s);

#endif
