/*
 * match.h — what the parts of sq-match share: the volunteers, the
 * post-shifts and their classes, the program's one context C, and the
 * helpers both the planner (cmd/sq-match.c) and the checker of a plan
 * made by hand (cmd/match/check.c) use.  Internal to sq-match.
 */
#ifndef SQ_MATCH_H
#define SQ_MATCH_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "mcmf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "shifts.h"
#include "skills.h"
#include "value.h"
#include "words.h"
#include "writer.h"

#define DAYMIN		SQ_DAYMIN
#define NOLIMIT		LONG_MAX

enum { FIT_EXACT, FIT_TEAM, FIT_GENERAL, FIT_RELATED, FIT_OTHER };
/* why a person cannot take a shift, in the order they are checked */
enum { CAN_OK, CAN_SKILL, CAN_TRAIN, CAN_LEN, CAN_AVAIL, CAN_CAP };

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


extern struct ctx C;	/* cmd/sq-match.c */

/* cmd/sq-match.c */
void	 fmt_time(long t, char out[17]);
int	 conflict(long s1, long e1, long s2, long e2);
long	 day_of(long t);
long	 week_of(long t);
char	*cell_dup(const struct sq_rec *rec, long col);
long	 parse_when(const char *s, size_t len, long defday, int *has_date,
	    const char **why);
const char *q(const char *s, size_t len);
size_t	 slot_find_all(const char *post, long start, long end, long *out,
	    size_t max);
long	 vol_find(const char *vid);
void	 vol_take(size_t v, size_t slot);
void	 put(struct sq_rec *r, const char *s);
void	 header(struct sq_writer *w, const char *const *names);
const char *skill_name(int s);
const char *num_str(char buf[24], long n);

/* cmd/match/check.c: --check, a plan made by hand */
int	 read_plan(const char *path);
void	 check_plan(void);
int	 write_violations(void);
/* the rows of the plan read, and the rules they break */
size_t	 check_rows(void);
size_t	 check_violations(void);
void	 check_free(void);

#endif
