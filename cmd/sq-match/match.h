/*
 * match.h — what the parts of sq-match share: the volunteers, the
 * post-shifts and their classes, the program's one context C, and the
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
};


extern struct ctx C;	/* run.c */

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
long	 col2(const struct sq_reader *r, const char *a, const char *b);
void	 reject(const char *file, const struct sq_rec *rec, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));
int	 parse_skill_cell(const char *s, size_t len, int *skill);

/* posts.c */
extern size_t *slot_hash, slot_hcap;
size_t	 slot_find_all(const char *post, long start, long end, long *out,
	    size_t max);
void	 slot_free(struct slot *s);
int	 read_posts(const char *path);
int	 shift_token(const char *tok, size_t len, long defday, long *t1,
	    long *t2, const char **why);

/* volunteers.c */
extern size_t *vol_hash, vol_hcap;
long	 vol_find(const char *vid);
int	 parse_limits(const char *s, size_t len, int in_week, long *day,
	    long *week, const char **why);
void	 vol_free(struct vol *v);
int	 read_volunteers(const char *path);

/* model.c */
extern size_t *scratch;
extern long *scratch2;
int	 conflict(long s1, long e1, long s2, long e2);
long	 day_of(long t);
long	 week_of(long t);
void	 vol_take(size_t v, size_t slot);
int	 can_take(const struct vol *v, long start, long end, int skill,
	    int training, int teamid, int own_len, int *fit);
void	 build_classes(void);
long	 lmin(long a, long b);
size_t	 violation(size_t v, const unsigned char *sel, size_t *set, int *rule);
void	 solve(void);
void	 distribute(void);
int	 slot_can_add(size_t v, size_t s);

/* write.c */
extern struct care_row *care_rows;
extern size_t ncare;
void	 put(struct sq_rec *r, const char *s);
void	 header(struct sq_writer *w, const char *const *names);
const char *skill_name(int s);
const char *num_str(char buf[24], long n);
void	 explain(size_t v, size_t s, int fit, struct sq_buf *out);
int	 write_assignments(void);
int	 write_unfilled(long *empty);
int	 read_care_hours(const char *path);
int	 write_hours(void);

/* run.c */
void	 free_all(void);
int	 run(void);

/* check.c: --check, a plan made by hand */
int	 read_plan(const char *path);
void	 check_plan(void);
int	 write_violations(void);
/* the rows of the plan read, and the rules they break */
size_t	 check_rows(void);
size_t	 check_violations(void);
void	 check_free(void);

#endif
