/*
 * state.h — what the parts of sq-flag share: the statuses and columns, the
 * roster as the program holds it (households, names, notes, the check-ins
 * from unknown addresses), and the parts' entry points.  Internal to the
 * program (cmd/sq-flag.c and the files of cmd/sq-flag/).
 */
#ifndef SQ_FLAG_STATE_H
#define SQ_FLAG_STATE_H

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
#include "table.h"
#include "strtab.h"
#include "text.h"
#include "threads.h"
#include "value.h"
#include "words.h"
#include "writer.h"


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
static inline const char *
hstr(const struct household *h, int k)
{
	const char *p = h->text;

	while (k-- > 0)
		p += strlen(p) + 1;
	return p;
}

/* An output row: a household, or a check-in from an unknown address. */
/*
 * A key's first 32 bytes, as numbers, order the rows: a district's keys
 * (C00584dbb-L0520-B0001-U00-R0002F) share their first 16 bytes within
 * a lane, where 16 left most comparisons to strcmp.
 */
enum { KP_WORDS = 4, KP_BYTES = 8 * KP_WORDS };

struct flagrow {
	struct household *h;
	char	*key, *building, *unit, *room, *name, *reason;
	uint32_t grid, community;
	uint8_t	 tier;
	uint8_t	 status;	/* of a check-in from an unknown address */
	int16_t	 temp10;	/* its reading, or NO_TEMP */
	int32_t	 missed;
	uint8_t	 longkey;	/* the key is KP_BYTES or more */
	uint64_t kp[KP_WORDS];	/* its first bytes, big-endian, 0-padded */
};

struct state {
	struct sq_common c;
	int	 day, year;
	char	 date[11];
	double	 fever;
	int	 all;
	struct sq_words *words, *words_zh;
	struct sq_buf scratch;		/* arena_say's */
	struct sq_buf ubuf[3];		/* add_unknown's reason, in parts */
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
	struct flagrow *rowbuf;		/* the households' rows (make_rows) */

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

/* cmd/sq-flag/roster.c: the roster, and the names it interns */
const char *key_of(void *ctx, uint32_t i, size_t *len);
const char *name_of(void *ctx, uint32_t i, size_t *len);
void grow_names(struct state *s);
int load_households(struct state *s, const char *path);

/* cmd/sq-flag/history.c: the state file */
int load_state(struct state *s);
int write_state(struct state *s);

/* cmd/sq-flag/checkins.c: the day's exports */
char *arena_printf(struct sq_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_say(struct state *s, const char *key, ...)
    __attribute__((sentinel));
int read_checkins(struct state *s, const char *path);

/* cmd/sq-flag/decide.c: status, priority, order */
extern struct state *g_state;
void decide(struct state *s, struct household *h);
char *reason_of(struct state *s, const struct household *h);
void key_prefix(struct flagrow *f);
void rank_names(struct state *s);
int row_order(const struct flagrow *a, const struct flagrow *b);
void sort_rows(struct state *s, struct flagrow **rows, size_t nh, size_t n);

/* cmd/sq-flag/output.c: the flags table and the lists */
void labels_codes(struct labels *L);
void labels_words(struct labels *L, const struct sq_words *W);
void put_header(struct sq_writer *w, const struct labels *L);
/*
 * n in decimal, or with tenths n / 10 as "%.1f" writes it, at the end of
 * buf (it ends at buf + DECIMAL_MAX - 1): where it starts.
 */
enum { DECIMAL_MAX = 24 };
const char *decimal(long n, char buf[DECIMAL_MAX], int tenths);
void put_row(struct state *s, struct sq_writer *w, const struct flagrow *f,
    const struct labels *L);
int write_split(struct state *s, struct flagrow **rows, size_t n);

/* cmd/sq-flag/summary.c: the counts for the bulletin */
int write_summary(struct state *s);

#endif
