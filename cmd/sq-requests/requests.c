/*
 * requests.c — the requests streamed: each classified by the triage, timed
 * against its category's deadlines, written at once; the open ones kept.
 */
#include "requests.h"

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

enum { O_RID, O_HH, O_CREATED, O_TEXT, O_CATEGORY, O_OWNER, O_STATUS, O_DUE,
	O_CLOSED, O_URGENT, O_AGE, O_OVERDUE, O_REVIEW, NOUT };
static const char *const out_cols[NOUT] = {
	"rid", "hh", "created", "text", "category", "owner", "status", "due",
	"closed", "urgent", "age_min", "overdue", "review",
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
	/* under --zh the aliases' first names: share/aliases.txt [requests] */
	const struct sq_aliases *zh = s->c.zh ? s->aliases : NULL;
	sq_table_push_names(&names, out_cols, NOUT, zh);
	for (size_t i = 0; i < c->nextra; i++) {
		const char *n = sq_reader_rawname(r, c->extra[i]);
		sq_rec_push(&names, n, strlen(n));
	}
	if (s->explain) {
		static const char *const matched[] = { "matched" };
		sq_table_push_names(&names, matched, 1, zh);
	}
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
		int ev = event_of(s, ss, len);
		int known = ev >= 0 || is_new_word(s, ss, len);
		if (!known)
			sq_problem(name, rec->line, "status '%.*s' unknown; "
			    "taken as new (a word of yours? add it to "
			    "requests/events.txt)", (int)(len > 40 ? 40 : len), ss);
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

int
read_requests(struct state *s, struct sq_reader *r, struct sq_writer *w)
{
	struct reqcols c;
	struct sq_rec rec;
	int st;
	static const char *const used[] = { "rid", "hh", "created", "time",
	    "text", "category", "owner", "status", "due", "closed", "urgent",
	    "age_min", "overdue", "review", "matched" };

	/* what each request asks is the one column it cannot do without */
	enum { RID, CREATED, TEXT, CATEGORY, OWNER, STATUS, CLOSED, URGENT, HH,
		N };
	static const struct sq_col cols[N] = {
		[RID] = { "rid", 0 }, [CREATED] = { "created|time", 0 },
		[TEXT] = { "text", 1 }, [CATEGORY] = { "category", 0 },
		[OWNER] = { "owner", 0 }, [STATUS] = { "status", 0 },
		[CLOSED] = { "closed", 0 }, [URGENT] = { "urgent", 0 },
		[HH] = { "hh", 0 },
	};
	long k[N];
	if (sq_table_cols_or_empty(r, cols, N, k, _("the requests log")) < 0)
		return -1;
	c.rid = k[RID];
	c.created = k[CREATED];
	c.text = k[TEXT];
	c.category = k[CATEGORY];
	c.owner = k[OWNER];
	c.status = k[STATUS];
	c.closed = k[CLOSED];
	c.urgent = k[URGENT];
	c.hh = k[HH];
	sq_rowaddr_find(&c.addr, r);
	c.addr.hh = -1;
	if (sq_reader_ncols(r) > 0 && c.created < 0)
		sq_warn(sq_reader_name(r), 0, "no time column (created, 登记时间): "
		    "ages and deadlines are left empty");
	c.extra = sq_xcalloc(sq_reader_ncols(r) + 1, sizeof(size_t));
	c.nextra = 0;
	for (size_t i = 0; i < sq_reader_ncols(r); i++) {
		const char *n = sq_reader_colname(r, i);
		size_t u;
		for (u = 0; u < sizeof(used) / sizeof(used[0]) &&
		    strcmp(used[u], n); u++)
			;
		if (u == sizeof(used) / sizeof(used[0]))
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
