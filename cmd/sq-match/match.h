/*
 * match.h — what the parts of sq-match share: the volunteers, the
 * post-shifts and their classes, the context of a run (struct ctx: main
 * makes one and passes it, as C, to every part that needs it), and the
 * entry points of the parts (in cmd/sq-match/: read, posts, volunteers,
 * model, write, check, run), which the program (cmd/sq-match.c) and the
 * fuzz harness (fuzz/fuzz_match.c) call.  Internal to sq-match.
 */
#ifndef SQ_MATCH_H
#define SQ_MATCH_H

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "avail.h"
#include "diag.h"
#include "mcmf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "shifts.h"
#include "skills.h"
#include "table.h"
#include "text.h"
#include "value.h"
#include "words.h"
#include "writer.h"

#define DAYMIN		SQ_DAYMIN
#define NOLIMIT		LONG_MAX

enum { FIT_EXACT, FIT_TEAM, FIT_GENERAL, FIT_RELATED, FIT_OTHER };
/* why a person cannot take a shift, in the order they are checked */
enum { CAN_OK, CAN_SKILL, CAN_TRAIN, CAN_LEN, CAN_AVAIL, CAN_CAP };
/* May volunteer v take class k on top of the selected edges? CAN_OK or why */
enum { ADD_OK, ADD_OVERLAP, ADD_REST, ADD_DAY, ADD_WEEK };

struct vol {
	long	 line;
	char	*vid, *name, *phone, *bld, *skills_txt, *avail_txt;
	uint64_t skills;
	int	 trained, staff;
	long	 daycap, weekcap;	/* minutes, NOLIMIT: none */
	long	*win;			/* merged availability windows */
	size_t	 nwin;
	/* the plan */
	size_t	*cls;			/* classes (or slots in --check) */
	size_t	 ncls, ccls;
	long	 minutes;
};

struct slot {
	long	 line;
	char	*post, *team, *bld, *skill_txt;
	int	 skill, teamid, training;
	int	 own_len;		/* the post sets its shift length */
	long	 start, end, head;
	size_t	 cls;
	size_t	*who;			/* volunteers on it */
	size_t	 nwho;
};

struct cls {
	long	 start, end, day, week;
	int	 skill, training, teamid, own_len;
	long	 seats;
	size_t	*slots, nslots;
	size_t	 node;
	size_t	*edges, nedges;		/* candidate edges, by volunteer */
	long	 filled;
};

struct edge {
	size_t	 vol, cls;
	size_t	 arc;
	int	 fit;
};

/* A run of sq-match: its options, its tables, the model and the plan. */
struct ctx {
	struct sq_common c;
	struct sq_skills R;
	const char *unfilled, *hours, *check, *rules_file, *care_hours;
	const char *shifts_file;
	int	 explain;
	int	 trained_default;	/* --trained-default: 1, 0; -1 none */
	long	 date;			/* --date (day): for times without one */
	struct sq_words *W;		/* share/match/LANG/words.conf */
	struct sq_words *Wzh;		/* --zh: the column names of zh */
	struct sq_shifts shifts;	/* named shifts: share/match/shifts.conf */
	long	 rest, staff_max, vol_min, vol_max, day_default, headcount;
	long	 effort, max_rounds;
	int	 bb_skipped;
	const char *volfile, *postfile;
	struct sq_rejects *rj;

	struct vol *v;
	size_t	 nv;
	struct slot *s;
	size_t	 ns;
	struct cls *k;
	size_t	 nk;
	long	 day0, day1;		/* horizon */
	int	 year;
	long	 vrows, prows;

	/* the network */
	struct sq_mcmf *g;
	struct edge *e;
	size_t	 ne;
	size_t	*ebeg;			/* per volunteer */
	unsigned char *sel;		/* edge in the plan */
	long	 bound, root, filled, seats;
	int	 proved;
	long	 bb_nodes, rounds;

	/* the parts' own tables */
	size_t	*slot_hash, slot_hcap;	/* posts.c: post-shifts by (post,
					   start, end), to find one twice */
	size_t	*vol_hash, vol_hcap;	/* volunteers.c: volunteers by vid */
	size_t	*scratch;		/* model.c: per-volunteer work space */
	long	*scratch2;
	struct care_row *care_rows;	/* write.c: sq-care's ledger */
	size_t	 ncare;
	struct prow *P;			/* check.c: the plan's rows */
	size_t	 np;
	struct viol *VL;		/* check.c: the rules they break */
	size_t	 nvl;
};



struct care_row {
	char	*vid, *name, *from, *to;
	long	 greetings, minutes;
	int	 used;
};

/* read.c */
void	 fmt_time(long t, char out[17]);
char	*cell_dup(const struct sq_rec *rec, long col);
long	 parse_when(const char *s, size_t len, long defday, int *has_date,
	    const char **why);
const char *q(const char *s, size_t len);
char	*norm_building(const char *s, size_t len);
long	 floor_div(long a, long b);
void	 reject(struct ctx *C, const char *file, const struct sq_rec *rec, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));
int	 parse_skill_cell(struct ctx *C, const char *s, size_t len, int *skill);

/* posts.c */
size_t	 slot_find_all(struct ctx *C, const char *post, long start, long end, long *out,
	    size_t max);
void	 slot_free(struct slot *s);
int	 read_posts(struct ctx *C, const char *path);
int	 shift_token(struct ctx *C, const char *tok, size_t len, long defday, long *t1,
	    long *t2, const char **why);

/* volunteers.c */
long	 vol_find(struct ctx *C, const char *vid);
int	 parse_limits(const char *s, size_t len, int in_week, long *day,
	    long *week, const char **why);
void	 vol_free(struct vol *v);
int	 read_volunteers(struct ctx *C, const char *path);

/* model.c */
int	 conflict(struct ctx *C, long s1, long e1, long s2, long e2);
long	 day_of(long t);
long	 week_of(long t);
void	 vol_take(struct ctx *C, size_t v, size_t slot);
int	 can_take(struct ctx *C, const struct vol *v, long start, long end, int skill,
	    int training, int teamid, int own_len, int *fit);
void	 build_classes(struct ctx *C);
long	 lmin(long a, long b);
size_t	 violation(struct ctx *C, size_t v, const unsigned char *sel, size_t *set, int *rule);
void	 solve(struct ctx *C);
void	 distribute(struct ctx *C);
int	 slot_can_add(struct ctx *C, size_t v, size_t s);

/* write.c */
void	 put(struct sq_rec *r, const char *s);
void	 header(struct ctx *C, struct sq_writer *w, const char *const *names);
const char *skill_name(struct ctx *C, int s);
const char *num_str(char buf[24], long n);
void	 explain(struct ctx *C, size_t v, size_t s, int fit, struct sq_buf *out);
int	 write_assignments(struct ctx *C);
int	 write_unfilled(struct ctx *C, long *empty);
int	 read_care_hours(struct ctx *C, const char *path);
int	 write_hours(struct ctx *C);

/* run.c */
void	 free_all(struct ctx *C);
void	 ctx_init(struct ctx *C);
int	 run(struct ctx *C);

/* check.c: --check, a plan made by hand */
int	 read_plan(struct ctx *C, const char *path);
void	 check_plan(struct ctx *C);
int	 write_violations(struct ctx *C);
/* the rows of the plan read, and the rules they break */
size_t	 check_rows(struct ctx *C);
size_t	 check_violations(struct ctx *C);
void	 check_free(struct ctx *C);

#endif
