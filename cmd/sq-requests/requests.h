/*
 * requests.h — what the parts of sq-requests share: the run's state
 * (struct state), the kinds of status and event, and each part's entry
 * points.  Internal to the program (cmd/sq-requests.c and the files of
 * cmd/sq-requests/).
 */
#ifndef SQ_REQUESTS_H
#define SQ_REQUESTS_H

#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "classify.h"
#include "diag.h"
#include "hmap.h"
#include "mask.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "reqcats.h"
#include "rowaddr.h"
#include "table.h"
#include "text.h"
#include "triage.h"
#include "value.h"
#include "words.h"
#include "writer.h"

#define NO_TIME	LONG_MIN

enum status { ST_NEW, ST_ASSIGNED, ST_RESPONDED, ST_SOLVED, ST_CLOSED,
	ST_REOPENED, NSTATUS };
extern const char *const status_names[NSTATUS];

enum event { EV_ASSIGNED, EV_RESPONDED, EV_SOLVED, EV_FEEDBACK, EV_CLOSED,
	EV_REOPENED, NEVENTS };
/* share/requests/events.txt: a word people write, folded, and what it
   means: an event, or EV_NEW (a status "new", no event) */
enum { EV_NEW = NEVENTS };
struct evword {
	char	*word;
	size_t	 len;
	int	 ev;
};

struct cat {
	char	*id, *zh;
	long	 respond, solve;	/* minutes */
	int	 sensitive;
	long	 label;			/* in the rules, or -1 */
	long	 today, urgent, open, overdue;
};

/* One request known by its rid: from the events, the requests, or both. */
struct req {
	char	*rid;
	char	*owner;
	long	 first_line;		/* of its first event */
	long	 line;			/* in the requests file; 0: not seen */
	long	 t_answered, t_solved, t_closed, t_last;
	uint8_t	 status;
	uint8_t	 has_events;
};

/* An open request kept for the queue and the overdue list. */
struct open {
	char	*rid, *owner, *hh, *text, *created, *due;
	size_t	 cat;
	int	 urgent, overdue, stage;	/* stage: 0 none, 1 respond, 2 solve */
	long	 t_created, t_due, age, late;
	uint8_t	 status;
	long	 line;
};

/* A text of the day, for the repeated questions. */
struct daytext {
	char	*text;
	size_t	 cat;
	uint64_t *bi;
	size_t	 nbi;
	long	 group;
};

struct state {
	struct sq_common c;
	long	 now;
	int	 nowday;
	int	 explain, top, min_count;
	struct sq_words *words;	/* the queue's and overdue list's */
	double	 similar;
	long	 max_texts;
	const char *events_path, *queue_path, *overdue_path, *topics_path;
	const char *rules_path;
	const char **people;	/* tables whose names are masked */
	size_t	 npeople;

	struct sq_aliases *aliases;
	struct sq_mask *mask;
	const struct sq_classify *rules;	/* the triage's */
	struct sq_triage *triage;
	long	 urgent_label;
	struct cat *cats;
	size_t	 ncats, other, urgent_cat;
	struct evword *evwords;
	size_t	 nevwords;
	struct sq_rejects *rj;	/* tables "requests" and "events" */
	struct sq_arena arena;
	/* the events taken before the requests were read: kept, so those of
	   a request the log does not have are rejected, not applied */
	struct evkept {
		struct sq_rec rec;
		size_t	 req;
		int	 applied;
	} *evk;
	size_t	 nevk, capevk;
	char	*events_name;

	struct req *reqs;
	size_t	 nreqs, capreqs;
	struct sq_hmap index;

	struct open *open;
	size_t	 nopen, capopen;
	struct daytext *texts;
	size_t	 ntexts, captexts;
	long	 texts_skipped;

	long	 rows, written, urgent, overdue, nopenreq;
	long	 ev_rows, ev_applied, ev_ignored, ev_unknown;
	long	 today, today_urgent;
};

/* words.c */
long	 parse_when(const char *p, size_t len, int year, const char **why);
void	 fmt_when(long t, char out[17]);
int	 year_of(long t);
int	 word_is(const char *p, size_t len, const char *w);
int	 load_event_words(struct state *s);
int	 event_of(const struct state *s, const char *p, size_t len);
int	 is_new_word(const struct state *s, const char *p, size_t len);
long	 now_default(void);

/* state.c */
const char *req_key(void *ctx, uint32_t i, size_t *len);
struct req *req_get(struct state *s, const char *rid, size_t len, int add);
int	 load_categories(struct state *s);
long	 cat_find(const struct state *s, const char *id, size_t len);
void	 free_state(struct state *s);

/* events.c */
int	 read_events(struct state *s);
void	 reject_unknown_events(struct state *s);

/* requests.c */
int	 read_requests(struct state *s, struct sq_reader *r, struct sq_writer *w);

/* topics.c */
void	 keep_text(struct state *s, const char *text, size_t len, size_t cat);
int	 write_topics(struct state *s);

/* run.c: the run of main's options on the requests FILE ("-": stdin) */
int	 run(struct state *s, const char *file);

/* lists.c */
int	 write_list(struct state *s, const char *path, int overdue);

#endif
