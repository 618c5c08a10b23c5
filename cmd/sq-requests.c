/*
 * sq-requests — residents' requests classified, owned, timed and closed.
 *
 * The events log is read first into one small state a request (its status,
 * owner and a few times); the requests then stream past, each classified,
 * timed and written at once.  Only the open requests (for the queue and
 * the overdue list) and the day's texts (for the repeated questions, at
 * most --max-texts) are kept.
 */
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
#include "text.h"
#include "triage.h"
#include "value.h"
#include "words.h"
#include "writer.h"

static const char synopsis[] =
    "sq-requests [-xZ] [-e events] [-n time] [-r rules] [-Q file] "
    "[-X file] [-T file] [-t N] [-s X] [-m N] [-w N] [-P table] [requests]";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Read the requests log (time, household or address, free text) and the\n"
"events log (assigned, responded, solved, feedback, closed, reopened), and\n"
"write the requests table: each request's category and urgency from the\n"
"keyword rules, its status, owner, due time, age and whether it is overdue.\n"
"The open queue, the overdue list and the day's topics (counts a category\n"
"and the most repeated questions, with no names, phones or addresses) go\n"
"to files of their own.  With no requests file, read standard input.\n\n",
	    synopsis);
	printf(
"  -e, --events FILE        the events log (default: none, all new)\n"
"  -n, --now TIME           the time ages are measured at, YYYY-MM-DD HH:MM\n"
"                           (default: now); its day is the topics' day\n"
"  -r, --rules FILE         more keyword rules, after requests/rules.txt\n"
"  -Q, --queue FILE         open requests by owner, the urgent first\n"
"  -X, --overdue FILE       open requests past a deadline, the latest first\n"
"  -T, --topics FILE        the day's counts and repeated questions, JSON\n"
"  -t, --top N              repeated questions in the topics (default 10)\n"
"  -s, --similar X          texts this alike are one question (default 0.5)\n"
"  -m, --min-count N        texts a repeated question needs (default 2;\n"
"                           3 in sensitive categories)\n"
"  -w, --max-texts N        texts of the day grouped, at most (default 5000)\n"
"  -P, --people TABLE       a roster or volunteers table: their names are\n"
"                           masked in the topics (repeatable)\n"
"  -x, --explain            add a column with the keywords found\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-requests -e events.csv -n '2022-04-10 18:00' requests.csv > out.csv\n"
"  sq-requests -e events.csv -Q queue.csv -X overdue.csv -T topics.json \\\n"
"      -O requests-out.csv requests.csv\n"
"  printf 'text\\n孩子发烧39度 一直哭\\n' | sq-requests -x\n");
}

#define NO_TIME	LONG_MIN

enum status { ST_NEW, ST_ASSIGNED, ST_RESPONDED, ST_SOLVED, ST_CLOSED,
	ST_REOPENED, NSTATUS };
static const char *const status_names[NSTATUS] = {
	"new", "assigned", "responded", "solved", "closed", "reopened",
};

enum event { EV_ASSIGNED, EV_RESPONDED, EV_SOLVED, EV_FEEDBACK, EV_CLOSED,
	EV_REOPENED, NEVENTS };

/* What people write for an event, or for a status in a requests sheet. */
static const struct { const char *word; int ev; } event_words[] = {
	{ "assigned", EV_ASSIGNED }, { "assign", EV_ASSIGNED },
	{ "分派", EV_ASSIGNED }, { "已分派", EV_ASSIGNED },
	{ "派单", EV_ASSIGNED }, { "已派单", EV_ASSIGNED },
	{ "指派", EV_ASSIGNED }, { "交办", EV_ASSIGNED },
	{ "转交", EV_ASSIGNED }, { "接单", EV_ASSIGNED },
	{ "受理", EV_ASSIGNED }, { "已受理", EV_ASSIGNED },
	{ "responded", EV_RESPONDED }, { "respond", EV_RESPONDED },
	{ "响应", EV_RESPONDED }, { "已响应", EV_RESPONDED },
	{ "回复", EV_RESPONDED }, { "已回复", EV_RESPONDED },
	{ "已联系", EV_RESPONDED }, { "联系", EV_RESPONDED },
	{ "处理中", EV_RESPONDED }, { "跟进", EV_RESPONDED },
	{ "solved", EV_SOLVED }, { "resolved", EV_SOLVED },
	{ "done", EV_SOLVED }, { "解决", EV_SOLVED }, { "已解决", EV_SOLVED },
	{ "办结", EV_SOLVED }, { "已办结", EV_SOLVED }, { "完成", EV_SOLVED },
	{ "已完成", EV_SOLVED }, { "已处理", EV_SOLVED },
	{ "feedback", EV_FEEDBACK }, { "反馈", EV_FEEDBACK },
	{ "已反馈", EV_FEEDBACK }, { "回访", EV_FEEDBACK },
	{ "已回访", EV_FEEDBACK }, { "评价", EV_FEEDBACK },
	{ "closed", EV_CLOSED }, { "close", EV_CLOSED }, { "关闭", EV_CLOSED },
	{ "已关闭", EV_CLOSED }, { "结案", EV_CLOSED }, { "撤销", EV_CLOSED },
	{ "取消", EV_CLOSED }, { "重复", EV_CLOSED },
	{ "reopened", EV_REOPENED }, { "reopen", EV_REOPENED },
	{ "重开", EV_REOPENED }, { "重新打开", EV_REOPENED },
	{ "未解决", EV_REOPENED }, { "不满意", EV_REOPENED },
};

static const char *const new_words[] = {
	"new", "open", "新", "新建", "待处理", "未处理", "待分派", "未分派",
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

/* ---- small helpers ---------------------------------------------------- */

static const char *
req_key(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;

	*len = strlen(s->reqs[i].rid);
	return s->reqs[i].rid;
}

static struct req *
req_get(struct state *s, const char *rid, size_t len, int add)
{
	long i = sq_hmap_get(&s->index, rid, len);

	if (i >= 0)
		return &s->reqs[i];
	if (!add)
		return NULL;
	if (s->nreqs == s->capreqs) {
		s->capreqs = s->capreqs ? s->capreqs * 2 : 256;
		s->reqs = sq_xrealloc(s->reqs, s->capreqs * sizeof(*s->reqs));
	}
	struct req *r = &s->reqs[s->nreqs];
	memset(r, 0, sizeof(*r));
	r->rid = sq_arena_strndup(&s->arena, rid, len);
	r->t_answered = r->t_solved = r->t_closed = r->t_last = NO_TIME;
	sq_hmap_put(&s->index, r->rid, len, (uint32_t)s->nreqs);
	s->nreqs++;
	return r;
}

/* "YYYY-MM-DD HH:MM" (and the forms sq_date_parse/sq_time_parse read). */
static long
parse_when(const char *p, size_t len, int year, const char **why)
{
	char ymd[11], hm[6];

	if (sq_date_parse(p, len, year, ymd, why) != SQ_VAL_OK)
		return NO_TIME;
	if (sq_time_parse(p, len, hm, why) != SQ_VAL_OK) {
		*why = "no time of day; write it as 2022-04-10 08:30";
		return NO_TIME;
	}
	return (long)sq_date_days(ymd) * 1440 + atoi(hm) * 60 + atoi(hm + 3);
}

static void
fmt_when(long t, char out[17])
{
	char ymd[11];
	long d = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	long m = t - d * 1440;

	char buf[48];

	sq_date_from_days((int)d, ymd);
	snprintf(buf, sizeof(buf), "%s %02d:%02d", ymd, (int)(m / 60),
	    (int)(m % 60));
	snprintf(out, 17, "%.16s", buf);
}

static int
year_of(long t)
{
	char out[17];

	fmt_when(t, out);
	return atoi(out);
}

static int
word_is(const char *p, size_t len, const char *w)
{
	char buf[64];
	size_t n;

	if (len >= sizeof(buf))
		return 0;
	n = sq_classify_fold(p, len, buf, sizeof(buf));
	return strlen(w) == n && memcmp(buf, w, n) == 0;
}

static int
event_of(const char *p, size_t len)
{
	for (size_t i = 0; i < sizeof(event_words) / sizeof(event_words[0]); i++)
		if (word_is(p, len, event_words[i].word))
			return event_words[i].ev;
	return -1;
}

/* ---- the data files --------------------------------------------------- */

/* The categories of path, copied into the state with their counts. */
static int
load_categories_from(struct state *s, const char *path)
{
	struct sq_reqcats rc;

	memset(&rc, 0, sizeof(rc));
	int st = sq_reqcats_load(&rc, path, s->rules);
	s->cats = sq_xcalloc(rc.n + 1, sizeof(*s->cats));
	for (size_t i = 0; i < rc.n; i++) {
		struct cat *c = &s->cats[i];
		c->id = rc.cat[i].id;
		c->zh = rc.cat[i].zh;
		c->respond = rc.cat[i].respond;
		c->solve = rc.cat[i].solve;
		c->sensitive = rc.cat[i].sensitive;
		c->label = rc.cat[i].label;
	}
	s->ncats = rc.n;
	s->urgent_cat = rc.urgent;
	s->other = rc.other;
	free(rc.cat);		/* the strings are the state's now */
	return st;
}

static int
load_categories(struct state *s)
{
	char *path = sq_datafile(&s->c, "requests/categories.txt");
	int rc = load_categories_from(s, path);

	free(path);
	return rc;
}

static long
cat_find(const struct state *s, const char *id, size_t len)
{
	for (size_t i = 0; i < s->ncats; i++)
		if (i != s->urgent_cat && word_is(id, len, s->cats[i].id))
			return (long)i;
	for (size_t i = 0; i < s->ncats; i++)
		if (i != s->urgent_cat && strlen(s->cats[i].zh) == len &&
		    memcmp(s->cats[i].zh, id, len) == 0)
			return (long)i;
	return -1;
}

/* ---- the events ------------------------------------------------------- */

struct evcols {
	long	 rid, time, event, owner;
};

static void
apply_event(struct state *s, const char *file, const struct sq_rec *rec,
    struct req *r, int ev, long t, const char *owner, size_t olen)
{
	static const char *const bad[NEVENTS] = {
		"assigned after it was solved or closed; reopen it first",
		"responded after it was solved or closed; reopen it first",
		"solved after it was closed; reopen it first",
		"feedback before it was solved; record 'solved' first",
		NULL,
		"reopened while still open",
	};
	int st = r->status, ok;

	switch (ev) {
	case EV_ASSIGNED:
	case EV_RESPONDED:
		ok = st != ST_SOLVED && st != ST_CLOSED;
		break;
	case EV_SOLVED:
		ok = st != ST_CLOSED;
		break;
	case EV_FEEDBACK:
		ok = st == ST_SOLVED;
		break;
	case EV_CLOSED:
		ok = 1;
		break;
	default:
		ok = st == ST_SOLVED || st == ST_CLOSED;
		break;
	}
	if (!ok) {
		sq_problem(file, rec->line, "request '%s': %s", r->rid,
		    bad[ev]);
		s->ev_ignored++;
		return;
	}
	if (r->t_last != NO_TIME && t < r->t_last)
		sq_warn(file, rec->line, "request '%s': earlier than its event "
		    "before; events are taken in the order of the file", r->rid);
	if (!r->has_events)
		r->first_line = rec->line;
	r->has_events = 1;
	r->t_last = t;
	if (olen)
		r->owner = sq_arena_strndup(&s->arena, owner, olen);
	switch (ev) {
	case EV_ASSIGNED:
		if (r->t_answered == NO_TIME)
			r->t_answered = t;
		r->status = st == ST_RESPONDED ? ST_RESPONDED :
		    st == ST_REOPENED ? ST_REOPENED : ST_ASSIGNED;
		if (st == ST_REOPENED)
			r->status = ST_ASSIGNED;
		break;
	case EV_RESPONDED:
		if (r->t_answered == NO_TIME)
			r->t_answered = t;
		r->status = ST_RESPONDED;
		break;
	case EV_SOLVED:
		if (r->t_answered == NO_TIME)
			r->t_answered = t;
		if (st != ST_SOLVED)
			r->t_solved = t;
		r->status = ST_SOLVED;
		break;
	case EV_FEEDBACK:
	case EV_CLOSED:
		if (r->t_answered == NO_TIME)
			r->t_answered = t;
		if (r->t_solved == NO_TIME)
			r->t_solved = t;
		if (st != ST_CLOSED)
			r->t_closed = t;
		r->status = ST_CLOSED;
		break;
	default:
		r->status = ST_REOPENED;
		r->t_solved = r->t_closed = NO_TIME;
		break;
	}
	s->ev_applied++;
}

/* Apply it, and keep the row until the requests say whether it is theirs. */
static void
keep_event(struct state *s, const char *name, const struct sq_rec *rec,
    const char *rid, size_t rl, int ev, long t, const char *owner, size_t ol)
{
	struct req *q = req_get(s, rid, rl, 1);
	long applied = s->ev_applied;

	if (s->nevk == s->capevk) {
		s->capevk = s->capevk ? 2 * s->capevk : 64;
		s->evk = sq_xrealloc(s->evk, s->capevk * sizeof(*s->evk));
	}
	struct evkept *e = &s->evk[s->nevk++];
	sq_rec_init(&e->rec);
	sq_rec_copy(&e->rec, rec);
	e->req = (size_t)(q - s->reqs);
	apply_event(s, name, rec, q, ev, t, owner, ol);
	e->applied = s->ev_applied > applied;
}

/*
 * After the requests: an event of a request the log does not have is
 * rejected (not applied, not ignored), with the reason; the requests
 * unknown are counted.
 */
static void
reject_unknown_events(struct state *s)
{
	char msg[200];

	for (size_t i = 0; i < s->nreqs; i++)
		if (s->reqs[i].has_events && s->reqs[i].line == 0)
			s->ev_unknown++;
	if (s->ev_unknown)
		sq_rejects_table(s->rj, "events", NULL);
	for (size_t i = 0; i < s->nevk; i++) {
		struct evkept *e = &s->evk[i];
		const struct req *q = &s->reqs[e->req];
		if (q->line == 0) {
			snprintf(msg, sizeof(msg), _("request '%s' is not in "
			    "the requests log"), q->rid);
			sq_rejects_add(s->rj, s->events_name, &e->rec, msg);
			if (e->applied)
				s->ev_applied--;
			else
				s->ev_ignored--;
		}
		sq_rec_free(&e->rec);
	}
	s->nevk = 0;
}

static int
read_events(struct state *s)
{
	struct sq_reader *r;
	struct sq_rec rec;
	struct evcols c;
	int st;

	if ((r = sq_reader_open(s->events_path, &s->c.in)) == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	c.rid = sq_reader_col(r, "rid");
	c.time = sq_reader_col(r, "time");
	if (c.time < 0)
		c.time = sq_reader_col(r, "created");
	c.event = sq_reader_col(r, "event");
	c.owner = sq_reader_col(r, "owner");
	if (sq_reader_ncols(r) > 0 && (c.rid < 0 || c.time < 0 || c.event < 0)) {
		sq_error("%s: the events log needs the columns rid (编号), "
		    "time (时间) and event (事件); it has none called %s", name,
		    c.rid < 0 ? "rid" : c.time < 0 ? "time" : "event");
		sq_reader_close(r);
		return -1;
	}
	sq_rejects_table(s->rj, "events", sq_reader_rawheader(r));
	s->events_name = sq_xstrdup(name);
	sq_rec_init(&rec);
	int year = year_of(s->now);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t rl, el, tl, ol;
		const char *why;
		char msg[200];
		s->ev_rows++;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(s->rj, name, &rec, rec.err);
			goto next;
		}
		const char *rid = sq_rec_cell_trim(&rec, c.rid, &rl);
		const char *evs = sq_rec_cell_trim(&rec, c.event, &el);
		const char *ts = sq_rec_cell_trim(&rec, c.time, &tl);
		const char *owner = sq_rec_cell_trim(&rec, c.owner, &ol);
		int ev = event_of(evs, el);
		long t = parse_when(ts, tl, year, &why);
		if (rl == 0) {
			sq_rejects_add(s->rj, name, &rec, "no request id (rid)");
		} else if (ev < 0) {
			snprintf(msg, sizeof(msg), "event '%.*s' unknown; use "
			    "assigned, responded, solved, feedback, closed or "
			    "reopened", (int)(el > 60 ? 60 : el), evs);
			sq_rejects_add(s->rj, name, &rec, msg);
		} else if (t == NO_TIME) {
			snprintf(msg, sizeof(msg), "time '%.*s': %s",
			    (int)(tl > 60 ? 60 : tl), ts, why);
			sq_rejects_add(s->rj, name, &rec, msg);
		} else if (ev == EV_ASSIGNED && ol == 0) {
			sq_rejects_add(s->rj, name, &rec,
			    "assigned to nobody: the owner (负责人) is empty");
		} else
			keep_event(s, name, &rec, rid, rl, ev, t, owner, ol);
next:
		if (s->c.strict && sq_diag_status())
			break;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

/* ---- classifying ------------------------------------------------------ */

static size_t
classify(struct state *s, const char *text, size_t len, int *urgent,
    int *review, char *matched, size_t msize)
{
	struct sq_verdict v;

	sq_triage_decide(s->triage, text, len, &v);
	long k = cat_find(s, v.category, strlen(v.category));
	if (k < 0 || (size_t)k == s->urgent_cat) {
		/* a class the categories do not know: a person decides */
		k = (long)s->other;
		v.review = 1;
	}
	*urgent = v.urgent;
	*review = v.review;
	if (matched)
		snprintf(matched, msize, "%s %.2f%s%s", v.category,
		    v.confidence, *v.why ? "; " : "", v.why);
	return (size_t)k;
}

/* ---- the repeated questions ------------------------------------------- */

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Character bigrams of the text's letters and CJK, sorted, unique. */
static size_t
bigrams(const struct state *s, const char *text, size_t len, uint64_t **out)
{
	/* the triage's normalization: 核算 and 核酸, 藥 and 药 are one topic */
	size_t n, i = 0, nb = 0;
	char *buf = sq_textnorm(s->triage ? sq_triage_norm(s->triage) : NULL,
	    text, len, &n);
	uint64_t *bi = sq_xmalloc((n + 2) * sizeof(*bi));
	long prev = -1;

	while (i < n) {
		int cp = sq_utf8_next((const unsigned char *)buf, n, &i);
		int keep = (cp >= 'a' && cp <= 'z') ||
		    (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
		if (!keep)
			continue;
		if (prev >= 0)
			bi[nb++] = (uint64_t)prev << 32 | (uint32_t)cp;
		prev = cp;
	}
	if (nb == 0 && prev >= 0)
		bi[nb++] = (uint64_t)prev << 32;
	free(buf);
	qsort(bi, nb, sizeof(*bi), cmp_u64);
	size_t u = 0;
	for (size_t k = 0; k < nb; k++)
		if (u == 0 || bi[u - 1] != bi[k])
			bi[u++] = bi[k];
	*out = bi;
	return u;
}

static double
jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return na + nb ? (double)both / (double)(na + nb - both) : 0;
}

static void
keep_text(struct state *s, const char *text, size_t len, size_t cat)
{
	if (len == 0)
		return;
	if ((long)s->ntexts >= s->max_texts) {
		s->texts_skipped++;
		return;
	}
	if (s->ntexts == s->captexts) {
		s->captexts = s->captexts ? s->captexts * 2 : 64;
		s->texts = sq_xrealloc(s->texts, s->captexts * sizeof(*s->texts));
	}
	struct daytext *d = &s->texts[s->ntexts++];
	size_t ml;
	/* masked before it is grouped: a name or a phone neither splits a
	   question nor speaks for it */
	d->text = sq_mask_text(s->mask, SQ_MASK_DIGITS, text, len, &ml, NULL,
	    NULL);
	d->cat = cat;
	d->nbi = bigrams(s, d->text, ml, &d->bi);
	d->group = -1;
}

/* ---- the requests ----------------------------------------------------- */

enum { O_RID, O_HH, O_CREATED, O_TEXT, O_CATEGORY, O_OWNER, O_STATUS, O_DUE,
	O_CLOSED, O_URGENT, O_AGE, O_OVERDUE, O_REVIEW, NOUT };
static const char *const out_cols[NOUT] = {
	"rid", "hh", "created", "text", "category", "owner", "status", "due",
	"closed", "urgent", "age_min", "overdue", "review",
};
static const char *const out_cols_zh[NOUT] = {
	"编号", "户号", "登记时间", "内容", "类别", "负责人", "状态", "时限",
	"办结时间", "紧急", "已用分钟", "超时", "待核",
};

struct reqcols {
	long	 rid, created, text, category, owner, status, closed, urgent, hh;
	struct sq_rowaddr addr;
	size_t	*extra;		/* input columns passed through */
	size_t	 nextra;
};

static void
put_header(struct state *s, struct sq_writer *w, const struct sq_reader *r,
    const struct reqcols *c)
{
	struct sq_rec names;

	sq_rec_init(&names);
	for (size_t i = 0; i < NOUT; i++) {
		const char *n = s->c.zh ? out_cols_zh[i] : out_cols[i];
		sq_rec_push(&names, n, strlen(n));
	}
	for (size_t i = 0; i < c->nextra; i++) {
		const char *n = sq_reader_rawname(r, c->extra[i]);
		sq_rec_push(&names, n, strlen(n));
	}
	if (s->explain)
		sq_rec_push(&names, s->c.zh ? "关键词" : "matched",
		    strlen(s->c.zh ? "关键词" : "matched"));
	sq_writer_header(w, &names);
	sq_rec_free(&names);
}

static void
take_request(struct state *s, struct sq_reader *r, const struct reqcols *c,
    struct sq_rec *rec, struct sq_writer *w)
{
	const char *name = sq_reader_name(r), *why;
	size_t len, tl;
	char ridbuf[24], created[17] = "", due[17] = "", closed[17] = "";
	char age[24] = "", key[SQ_ADDR_KEYMAX] = "", matched[1100];
	const char *hh = "";
	size_t hl = 0;

	/* the request id: its own, or its line */
	const char *rid = sq_rec_cell_trim(rec, c->rid, &len);
	if (len == 0) {
		snprintf(ridbuf, sizeof(ridbuf), "%ld", rec->line);
		rid = ridbuf;
		len = strlen(ridbuf);
	}
	struct req *q = req_get(s, rid, len, 1);
	if (q->line) {
		char msg[200];
		snprintf(msg, sizeof(msg), "request '%.*s' is already on line "
		    "%ld; give each request its own id", (int)(len > 40 ? 40 :
		    len), rid, q->line);
		sq_rejects_add(s->rj, name, rec, msg);
		return;
	}
	q->line = rec->line;
	s->written++;

	/* the household: an hh cell, or the address; optional */
	hh = sq_rec_cell_trim(rec, c->hh, &hl);
	if (hl == 0 && sq_rowaddr_usable(&c->addr)) {
		struct sq_addr a;
		int rc = sq_rowaddr_key(&c->addr, rec, NULL, 0, key, &a, &why);
		if (rc == SQ_ROWADDR_OK) {
			hh = key;
			hl = strlen(key);
		} else if (rc == SQ_ROWADDR_BAD)
			sq_warn(name, rec->line, "address: %s; hh left empty",
			    why);
	}

	/* the time */
	const char *cs = sq_rec_cell_trim(rec, c->created, &len);
	long t = parse_when(cs, len, year_of(s->now), &why);
	if (t == NO_TIME) {
		if (c->created >= 0)
			sq_problem(name, rec->line, "time '%.*s': %s",
			    (int)(len > 60 ? 60 : len), cs, len ? why : "empty");
		snprintf(created, sizeof(created), "%.*s", (int)(len > 16 ? 16 :
		    len), cs);
	} else
		fmt_when(t, created);

	/* category and urgency: a person's word in the sheet first */
	const char *text = sq_rec_cell_trim(rec, c->text, &tl);
	int urgent, review;
	size_t cat = classify(s, text, tl, &urgent, &review, s->explain ?
	    matched : NULL, sizeof(matched));
	const char *cs2 = sq_rec_cell_trim(rec, c->category, &len);
	if (len) {
		long k = cat_find(s, cs2, len);
		if (k >= 0) {
			cat = (size_t)k;
			review = 0;	/* a person said so */
		} else
			sq_problem(name, rec->line, "category '%.*s' unknown "
			    "(see requests/categories.txt); classified as %s",
			    (int)(len > 40 ? 40 : len), cs2, s->cats[cat].id);
	}
	const char *us = sq_rec_cell_trim(rec, c->urgent, &len);
	if (len) {
		int b = sq_bool_parse(us, len);
		if (b >= 0)
			urgent = b;
	}
	if (tl == 0)
		sq_problem(name, rec->line, "no text: what is asked? filed "
		    "under %s", s->cats[cat].id);

	/* the status: from the sheet, then the events */
	const char *ss = sq_rec_cell_trim(rec, c->status, &len);
	if (len && !q->has_events) {
		int ev = event_of(ss, len), known = ev >= 0;
		for (size_t i = 0; !known && i < sizeof(new_words) /
		    sizeof(new_words[0]); i++)
			known = word_is(ss, len, new_words[i]);
		if (!known)
			sq_problem(name, rec->line, "status '%.*s' unknown; "
			    "taken as new", (int)(len > 40 ? 40 : len), ss);
		else if (ev >= 0) {
			static const uint8_t st_of[NEVENTS] = { ST_ASSIGNED,
			    ST_RESPONDED, ST_SOLVED, ST_CLOSED, ST_CLOSED,
			    ST_REOPENED };
			q->status = st_of[ev];
		}
		if (q->status != ST_NEW && q->status != ST_REOPENED)
			q->t_answered = t;	/* answered, time unknown */
		const char *cl = sq_rec_cell_trim(rec, c->closed, &len);
		long tc = len ? parse_when(cl, len, year_of(s->now), &why) :
		    NO_TIME;
		if (q->status == ST_SOLVED || q->status == ST_CLOSED)
			q->t_solved = tc;
		if (q->status == ST_CLOSED)
			q->t_closed = tc;
	}
	const char *owner = q->owner ? q->owner : "";
	if (!q->owner) {
		owner = sq_rec_cell_trim(rec, c->owner, &len);
		owner = sq_arena_strndup(&s->arena, owner, len);
	}

	/* deadlines */
	const struct cat *k = &s->cats[cat];
	const struct cat *u = &s->cats[s->urgent_cat];
	long respond = k->respond, solve = k->solve;
	if (urgent) {
		respond = respond < u->respond ? respond : u->respond;
		solve = solve < u->solve ? solve : u->solve;
	}
	int open = q->status != ST_CLOSED && q->status != ST_SOLVED;
	int overdue = 0, stage = 0;
	long late = 0, agev = 0;
	if (t != NO_TIME) {
		long t_due = t + solve, t_resp = t + respond;
		fmt_when(t_due, due);
		long ans = q->t_answered, sol = open ? NO_TIME : q->t_solved;
		if (open) {
			/* what is late now, and still to do */
			if (s->now > t_due) {
				stage = 2;
				late = s->now - t_due;
			} else if (ans == NO_TIME && s->now > t_resp) {
				stage = 1;
				late = s->now - t_resp;
			}
		} else if (sol != NO_TIME && sol > t_due) {
			/* solved, but after its deadline */
			stage = 2;
			late = sol - t_due;
		} else if (ans != NO_TIME && ans > t_resp) {
			stage = 1;
			late = ans - t_resp;
		}
		overdue = stage != 0;
		agev = open ? s->now - t : sol != NO_TIME ? sol - t : NO_TIME;
		if (agev == NO_TIME)
			;
		else if (agev < 0)
			sq_warn(name, rec->line, "created after --now (%s); age "
			    "left empty", created);
		else
			snprintf(age, sizeof(age), "%ld", agev);
	}
	if (q->t_closed != NO_TIME)
		fmt_when(q->t_closed, closed);

	/* counts */
	if (urgent)
		s->urgent++;
	if (overdue)
		s->overdue++;
	if (t != NO_TIME && t / 1440 == s->nowday) {
		s->today++;
		s->cats[cat].today++;
		if (urgent) {
			s->today_urgent++;
			s->cats[cat].urgent++;
		}
		keep_text(s, text, tl, cat);
	}
	if (q->status != ST_CLOSED) {
		s->cats[cat].open++;
		if (overdue && open)
			s->cats[cat].overdue++;
		s->nopenreq++;
		if (s->nopen == s->capopen) {
			s->capopen = s->capopen ? s->capopen * 2 : 64;
			s->open = sq_xrealloc(s->open, s->capopen *
			    sizeof(*s->open));
		}
		struct open *o = &s->open[s->nopen++];
		o->rid = q->rid;
		o->owner = (char *)owner;
		o->hh = sq_arena_strndup(&s->arena, hh, hl);
		o->text = sq_arena_strndup(&s->arena, text, tl);
		o->created = sq_arena_strndup(&s->arena, created, strlen(created));
		o->due = sq_arena_strndup(&s->arena, due, strlen(due));
		o->cat = cat;
		o->urgent = urgent;
		o->overdue = overdue && open;
		o->stage = open ? stage : 0;
		o->t_created = t;
		o->t_due = t == NO_TIME ? NO_TIME : t + solve;
		o->age = t == NO_TIME || agev < 0 ? NO_TIME : agev;
		o->late = late;
		o->status = q->status;
		o->line = rec->line;
	}

	/* the row */
	size_t n = NOUT + c->nextra + (s->explain ? 1 : 0);
	const char **v = sq_xcalloc(n, sizeof(*v));
	size_t *l = sq_xcalloc(n, sizeof(*l));
	v[O_RID] = q->rid;
	v[O_HH] = hh;
	l[O_HH] = hl;
	v[O_CREATED] = created;
	v[O_TEXT] = text;
	l[O_TEXT] = tl;
	v[O_CATEGORY] = k->id;
	v[O_OWNER] = owner;
	v[O_STATUS] = status_names[q->status];
	v[O_DUE] = due;
	v[O_CLOSED] = closed;
	v[O_URGENT] = urgent ? "true" : "false";
	v[O_AGE] = age;
	v[O_OVERDUE] = t == NO_TIME ? "" : overdue ? "true" : "false";
	v[O_REVIEW] = review ? "true" : "false";
	for (size_t i = 0; i < NOUT; i++)
		if (i != O_HH && i != O_TEXT)
			l[i] = strlen(v[i]);
	for (size_t i = 0; i < c->nextra; i++)
		v[NOUT + i] = sq_rec_at(rec, c->extra[i], &l[NOUT + i]);
	if (s->explain) {
		v[n - 1] = matched;
		l[n - 1] = strlen(matched);
	}
	sq_writer_fields(w, v, l, n);
	free(v);
	free(l);
}

static int
read_requests(struct state *s, struct sq_reader *r, struct sq_writer *w)
{
	struct reqcols c;
	struct sq_rec rec;
	int st;
	static const char *const used[] = { "rid", "hh", "created", "time",
	    "text", "category", "owner", "status", "due", "closed", "urgent",
	    "age_min", "overdue", "review", "matched" };

	c.rid = sq_reader_col(r, "rid");
	c.created = sq_reader_col(r, "created");
	if (c.created < 0)
		c.created = sq_reader_col(r, "time");
	c.text = sq_reader_col(r, "text");
	c.category = sq_reader_col(r, "category");
	c.owner = sq_reader_col(r, "owner");
	c.status = sq_reader_col(r, "status");
	c.closed = sq_reader_col(r, "closed");
	c.urgent = sq_reader_col(r, "urgent");
	c.hh = sq_reader_col(r, "hh");
	sq_rowaddr_find(&c.addr, r);
	c.addr.hh = -1;
	if (sq_reader_ncols(r) > 0 && c.text < 0) {
		sq_error("%s: the requests log needs a column text (内容, 诉求): "
		    "what each request asks", sq_reader_name(r));
		return -1;
	}
	if (sq_reader_ncols(r) > 0 && c.created < 0)
		sq_warn(sq_reader_name(r), 0, "no time column (created, 登记时间): "
		    "ages and deadlines are left empty");
	c.extra = sq_xcalloc(sq_reader_ncols(r) + 1, sizeof(size_t));
	c.nextra = 0;
	for (size_t i = 0; i < sq_reader_ncols(r); i++) {
		const char *n = sq_reader_colname(r, i);
		size_t k;
		for (k = 0; k < sizeof(used) / sizeof(used[0]) &&
		    strcmp(used[k], n); k++)
			;
		if (k == sizeof(used) / sizeof(used[0]))
			c.extra[c.nextra++] = i;
	}
	put_header(s, w, r, &c);
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		s->rows++;
		if (st == SQ_READ_BAD)
			sq_rejects_add(s->rj, sq_reader_name(r), &rec, rec.err);
		else
			take_request(s, r, &c, &rec, w);
		if (s->c.strict && sq_diag_status())
			break;
	}
	sq_rec_free(&rec);
	free(c.extra);
	return st < 0 ? -1 : 0;
}

/* ---- the queue and the overdue list ----------------------------------- */

static int
by_owner(const void *pa, const void *pb)
{
	const struct open *a = pa, *b = pb;
	int c = strcmp(a->owner, b->owner);

	if (c)
		return c;
	if (a->urgent != b->urgent)
		return b->urgent - a->urgent;
	int sa = a->status == ST_SOLVED, sb = b->status == ST_SOLVED;
	if (sa != sb)
		return sa - sb;
	if (a->overdue != b->overdue)
		return b->overdue - a->overdue;
	if (a->t_due != b->t_due)
		return a->t_due == NO_TIME ? 1 : b->t_due == NO_TIME ? -1 :
		    a->t_due < b->t_due ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int
by_lateness(const void *pa, const void *pb)
{
	const struct open *a = pa, *b = pb;

	if (a->urgent != b->urgent)
		return b->urgent - a->urgent;
	if (a->late != b->late)
		return a->late > b->late ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int
write_list(struct state *s, const char *path, int overdue)
{
	static const char *const qcols[] = { "owner", "rid", "urgent",
	    "category", "status", "created", "due", "age_min", "overdue", "hh",
	    "text" };
	static const char *const ocols[] = { "rid", "owner", "urgent",
	    "category", "status", "created", "due", "stage", "late_min", "hh",
	    "text" };
	const char *const *cols = overdue ? ocols : qcols;
	/* in their language (share/requests/LANG/words.conf) */
	const struct sq_words *W = s->words;
	int by_name = strcmp(sq_words_get(W, "category.show"), "name") == 0;
	const char *yes = sq_words_get(W, "bool.true");
	const char *no = sq_words_get(W, "bool.false");
	const char *stage[2] = { sq_words_get(W, "stage.respond"),
	    sq_words_get(W, "stage.solve") };
	const char *status[NSTATUS];
	for (int k = 0; k < NSTATUS; k++)
		status[k] = sq_words_label(W, "status", status_names[k]);
	/* the queue and the overdue list are opened in Excel by staff */
	struct sq_writer_opts wo = sq_person_opts(&s->c);
	struct sq_writer *w = sq_writer_open(path, &wo);
	struct sq_rec names;

	if (w == NULL)
		return -1;
	sq_rec_init(&names);
	for (size_t i = 0; i < 11; i++) {
		const char *n = sq_words_label(W, "col", cols[i]);
		sq_rec_push(&names, n, strlen(n));
	}
	sq_writer_header(w, &names);
	sq_rec_free(&names);
	if (s->nopen > 1)	/* qsort(NULL, 0) is undefined */
		qsort(s->open, s->nopen, sizeof(*s->open), overdue ?
		    by_lateness : by_owner);
	for (size_t i = 0; i < s->nopen; i++) {
		const struct open *o = &s->open[i];
		char age[24] = "", late[24];
		const char *v[11];
		size_t l[11];
		if (overdue && !o->overdue)
			continue;
		if (o->age != NO_TIME)
			snprintf(age, sizeof(age), "%ld", o->age);
		snprintf(late, sizeof(late), "%ld", o->late);
		const char *urg = o->urgent ? yes : no;
		const char *st = status[o->status];
		const char *od = o->t_created == NO_TIME ? "" : o->overdue ?
		    yes : no;
		const char *cat = by_name ? s->cats[o->cat].zh :
		    s->cats[o->cat].id;
		if (overdue) {
			const char *x[11] = { o->rid, o->owner, urg, cat, st,
			    o->created, o->due, stage[o->stage == 1 ? 0 : 1],
			    late, o->hh, o->text };
			memcpy(v, x, sizeof(v));
		} else {
			const char *x[11] = { o->owner, o->rid, urg, cat, st,
			    o->created, o->due, age, od, o->hh, o->text };
			memcpy(v, x, sizeof(v));
		}
		for (size_t k = 0; k < 11; k++)
			l[k] = strlen(v[k]);
		sq_writer_fields(w, v, l, 11);
	}
	return sq_writer_close(w);
}

/* ---- the topics ------------------------------------------------------- */

struct group {
	size_t	 first, count, rep;
};

static int
by_count(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

static int
by_today(const void *pa, const void *pb)
{
	const struct cat *a = *(struct cat *const *)pa;
	const struct cat *b = *(struct cat *const *)pb;

	if (a->today != b->today)
		return a->today > b->today ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int
write_topics(struct state *s)
{
	struct group *g = sq_xcalloc(s->ntexts + 1, sizeof(*g));
	size_t ng = 0;
	char when[17], day[11];

	/* greedy, in the order of the file: join the most alike group */
	for (size_t i = 0; i < s->ntexts; i++) {
		struct daytext *d = &s->texts[i];
		double best = -1;
		size_t bg = 0;
		if (d->nbi == 0)
			continue;
		for (size_t k = 0; k < ng; k++) {
			const struct daytext *f = &s->texts[g[k].first];
			double j = jaccard(d->bi, d->nbi, f->bi, f->nbi);
			if (j >= s->similar && j > best) {
				best = j;
				bg = k;
			}
		}
		if (best < 0) {
			bg = ng++;
			g[bg].first = g[bg].rep = i;
		}
		g[bg].count++;
		d->group = (long)bg;
		/* the shortest text speaks for the group: least personal */
		if (strlen(d->text) < strlen(s->texts[g[bg].rep].text))
			g[bg].rep = i;
	}
	qsort(g, ng, sizeof(*g), by_count);

	json_t *root = json_object(), *cats = json_array(), *rep = json_array();
	fmt_when(s->now, when);
	sq_date_from_days(s->nowday, day);
	json_object_set_new(root, "date", json_string(day));
	json_object_set_new(root, "now", json_string(when));
	json_object_set_new(root, "requests", json_integer(s->today));
	json_object_set_new(root, "urgent", json_integer(s->today_urgent));
	json_object_set_new(root, "open", json_integer(s->nopenreq));
	long od = 0;
	for (size_t i = 0; i < s->nopen; i++)
		od += s->open[i].overdue;
	json_object_set_new(root, "overdue", json_integer(od));
	struct cat **order = sq_xcalloc(s->ncats, sizeof(*order));
	size_t no = 0;
	for (size_t i = 0; i < s->ncats; i++)
		if (i != s->urgent_cat)
			order[no++] = &s->cats[i];
	qsort(order, no, sizeof(*order), by_today);
	for (size_t i = 0; i < no; i++) {
		const struct cat *c = order[i];
		json_t *o = json_object();
		json_object_set_new(o, "category", json_string(c->id));
		json_object_set_new(o, "name", json_string(c->zh));
		json_object_set_new(o, "count", json_integer(c->today));
		json_object_set_new(o, "urgent", json_integer(c->urgent));
		json_object_set_new(o, "open", json_integer(c->open));
		json_object_set_new(o, "overdue", json_integer(c->overdue));
		json_object_set_new(o, "sensitive", json_boolean(c->sensitive));
		json_array_append_new(cats, o);
	}
	free(order);
	json_object_set_new(root, "categories", cats);
	long shown = 0;
	for (size_t i = 0; i < ng && shown < s->top; i++) {
		const struct daytext *d = &s->texts[g[i].rep];
		const struct cat *c = &s->cats[s->texts[g[i].first].cat];
		long need = c->sensitive && s->min_count < 3 ? 3 : s->min_count;
		if ((long)g[i].count < need)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "count", json_integer((long)g[i].count));
		json_object_set_new(o, "category", json_string(c->id));
		json_object_set_new(o, "name", json_string(c->zh));
		json_object_set_new(o, "text", json_string(d->text));
		json_array_append_new(rep, o);
		shown++;
	}
	json_object_set_new(root, "repeated", rep);
	json_object_set_new(root, "texts_grouped", json_integer((long)s->ntexts));
	json_object_set_new(root, "texts_not_grouped",
	    json_integer(s->texts_skipped));
	free(g);

	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(root);
	return sq_write_document(s->topics_path, text);
}

/* ---- main ------------------------------------------------------------- */

static long
now_default(void)
{
	char ymd[11];
	int minute;
	int days = sq_date_today(ymd, &minute);

	return (long)days * 1440 + minute;
}

static void
free_state(struct state *s)
{
	for (size_t i = 0; i < s->ncats; i++) {
		free(s->cats[i].id);
		free(s->cats[i].zh);
	}
	sq_words_free(s->words);
	free(s->cats);
	for (size_t i = 0; i < s->ntexts; i++) {
		free(s->texts[i].text);
		free(s->texts[i].bi);
	}
	free(s->texts);
	free(s->open);
	free(s->reqs);
	for (size_t i = 0; i < s->nevk; i++)
		sq_rec_free(&s->evk[i].rec);
	free(s->evk);
	free(s->events_name);
	sq_hmap_free(&s->index);
	sq_arena_free(&s->arena);
	sq_triage_free(s->triage);
	sq_aliases_free(s->aliases);
	sq_mask_free(s->mask);
	free(s->people);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		SQ_COMMON_LONGOPTS,
		{ "events",    required_argument, NULL, 'e' },
		{ "now",       required_argument, NULL, 'n' },
		{ "rules",     required_argument, NULL, 'r' },
		{ "queue",     required_argument, NULL, 'Q' },
		{ "overdue",   required_argument, NULL, 'X' },
		{ "topics",    required_argument, NULL, 'T' },
		{ "top",       required_argument, NULL, 't' },
		{ "similar",   required_argument, NULL, 's' },
		{ "min-count", required_argument, NULL, 'm' },
		{ "max-texts", required_argument, NULL, 'w' },
		{ "explain",   no_argument,       NULL, 'x' },
		SQ_LANG_LONGOPTS,
		{ "people",    required_argument, NULL, 'P' },
		{ "help",      no_argument,       NULL, 'h' },
		{ "version",   no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static struct state s;
	const char *why;
	int ch, failed = 0;

	sq_start(argc, argv);
	sq_common_init(&s.c);
	s.now = NO_TIME;
	s.top = 10;
	s.similar = 0.5;
	s.min_count = 2;
	s.max_texts = 5000;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":" SQ_COMMON_SHORTOPTS
	    "e:n:r:Q:X:T:t:s:m:w:xP:" SQ_LANG_SHORTOPTS "hV", longopts,
	    NULL)) != -1) {
		if (sq_common_opt(&s.c, ch, optarg, synopsis) ||
		    sq_lang_opt(&s.c, ch, optarg, synopsis))
			continue;
		switch (ch) {
		case 'e': s.events_path = optarg; break;
		case 'n':
			s.now = parse_when(optarg, strlen(optarg), 0, &why);
			if (s.now == NO_TIME)
				sq_usage_error(synopsis, "--now '%s': %s", optarg,
				    why);
			break;
		case 'r': s.rules_path = optarg; break;
		case 'Q': s.queue_path = optarg; break;
		case 'X': s.overdue_path = optarg; break;
		case 'T': s.topics_path = optarg; break;
		case 't':
			s.top = (int)sq_opt_long(optarg, 0, 1000, "--top",
			    synopsis);
			break;
		case 's':
			if (sq_double_parse(optarg, strlen(optarg), &s.similar)
			    != SQ_VAL_OK || s.similar <= 0 || s.similar > 1)
				sq_usage_error(synopsis, "--similar is a number "
				    "above 0 and at most 1, not '%s'", optarg);
			break;
		case 'm':
			s.min_count = (int)sq_opt_long(optarg, 2, 1000,
			    "--min-count", synopsis);
			break;
		case 'w':
			s.max_texts = sq_opt_long(optarg, 0, 1000000,
			    "--max-texts", synopsis);
			break;
		case 'x': s.explain = 1; break;
		case 'P':
			s.people = sq_xrealloc(s.people, (s.npeople + 1) *
			    sizeof(*s.people));
			s.people[s.npeople++] = optarg;
			break;
		case 'h': usage(); return 0;
		case 'V': sq_print_version(); return 0;
		default:
			sq_bad_option(synopsis, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		sq_usage_error(synopsis, "one requests log at a time");
	if (s.now == NO_TIME)
		s.now = now_default();
	s.nowday = (int)(s.now / 1440);

	/* the queue and the overdue list are for the staff: their language */
	if ((s.queue_path || s.overdue_path) && (s.words = sq_words_open(
	    sq_datadir(&s.c), "requests", sq_lang(&s.c))) == NULL)
		return SQ_EXIT_USAGE;
	s.c.tables = "requests";
	if ((s.aliases = sq_load_aliases(&s.c)) == NULL)
		return SQ_EXIT_USAGE;
	s.c.in.aliases = s.aliases;
	s.c.in.canonical = 1;
	s.triage = sq_triage_load(sq_datadir(&s.c), s.rules_path, NULL);
	int bad = s.triage == NULL;
	if (s.triage)
		s.rules = sq_triage_rules(s.triage);
	sq_hmap_init(&s.index, req_key, &s);
	if (bad || load_categories(&s) < 0) {
		free_state(&s);
		return SQ_EXIT_USAGE;
	}
	s.urgent_label = sq_classify_find(s.rules, "urgent");
	char *mpath = sq_datafile(&s.c, "mask.txt");
	s.mask = sq_mask_load(mpath);
	free(mpath);
	for (size_t i = 0; s.mask && i < s.npeople; i++)
		if (sq_mask_add_table(s.mask, s.people[i], &s.c.in) < 0) {
			sq_mask_free(s.mask);
			s.mask = NULL;
		}
	if (s.mask == NULL) {
		free_state(&s);
		return SQ_EXIT_USAGE;
	}

	if ((s.rj = sq_rejects_open(s.c.rejects)) == NULL) {
		free_state(&s);
		return SQ_EXIT_USAGE;
	}
	struct sq_reader *r = sq_reader_open(argc ? argv[0] : "-", &s.c.in);
	if (r == NULL || (s.events_path && read_events(&s) < 0)) {
		if (r)
			sq_reader_close(r);
		sq_rejects_abort(s.rj);
		free_state(&s);
		return SQ_EXIT_USAGE;
	}
	sq_rejects_table(s.rj, "requests", sq_reader_rawheader(r));
	struct sq_writer *w = sq_writer_open(s.c.output, &s.c.out);
	if (w == NULL) {
		sq_reader_close(r);
		sq_rejects_abort(s.rj);
		free_state(&s);
		return SQ_EXIT_USAGE;
	}
	/* --strict: a problem in the events stops before the requests */
	int stopped = s.c.strict && sq_diag_status();
	if (!stopped && read_requests(&s, r, w) < 0)
		failed = 1;
	else if (s.c.strict && sq_diag_status())
		stopped = 1;
	sq_reader_close(r);

	/* stopped early, the requests not read are not unknown */
	if (!failed && !stopped)
		reject_unknown_events(&s);
	long evrej = sq_rejects_table_count(s.rj, "events");

	if (failed || stopped) {
		sq_writer_abort(w);
		/* --strict keeps the rejects, as every program: they say
		   what to fix */
		if (failed)
			sq_rejects_abort(s.rj);
		else if (sq_rejects_close(s.rj) < 0)
			failed = 1;
		if (stopped)
			sq_note("stopped at the first data problem (--strict); "
			    "no output written");
	} else {
		if (sq_writer_close(w) < 0)
			failed = 1;
		if (!failed && s.queue_path && write_list(&s, s.queue_path, 0) < 0)
			failed = 1;
		if (!failed && s.overdue_path &&
		    write_list(&s, s.overdue_path, 1) < 0)
			failed = 1;
		if (!failed && s.topics_path && write_topics(&s) < 0)
			failed = 1;
		if (sq_rejects_close(s.rj) < 0)
			failed = 1;
	}
	if (s.texts_skipped)
		sq_note("%ld texts of the day beyond --max-texts %ld were "
		    "counted but not grouped", s.texts_skipped, s.max_texts);
	if (!stopped)	/* nothing was written: no count to check */
		sq_note("%ld requests read: %ld written (%ld open, %ld "
		    "urgent, %ld overdue), %ld rejected; %ld events read: "
		    "%ld applied, %ld ignored, %ld rejected, %ld requests "
		    "unknown", s.rows, s.written, s.nopenreq, s.urgent,
		    s.overdue, s.rows - s.written, s.ev_rows, s.ev_applied,
		    s.ev_ignored, evrej, s.ev_unknown);
	free_state(&s);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
