/*
 * events.c — the events log, read first: each request's status, owner
 * and times; an event of a request the log does not have is rejected.
 */
#include "requests.h"

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
void
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

int
read_events(struct state *s)
{
	struct sq_reader *r;
	struct sq_rec rec;
	struct evcols c;
	int st;

	if ((r = sq_reader_open(s->events_path, &s->c.in)) == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	enum { RID, TIME, EVENT, OWNER, N };
	static const struct sq_col cols[N] = {
		[RID] = { "rid", 1 }, [TIME] = { "time|created", 2 },
		[EVENT] = { "event", 4 }, [OWNER] = { "owner", 0 },
	};
	long k[N];
	if (sq_table_cols_or_empty(r, cols, N, k, _("the events log")) < 0) {
		sq_reader_close(r);
		return -1;
	}
	c.rid = k[RID];
	c.time = k[TIME];
	c.event = k[EVENT];
	c.owner = k[OWNER];
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
		int ev = event_of(s, evs, el);
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
