/*
 * posts.c — the shifts and unfilled posts of sq-match.
 */
#include "report.h"

/* ---- posts ----------------------------------------------------------- */

struct shift {
	char	*post, *team, *start, *end;
	long	 need, filled;
	int	 from_unfilled;
	const char *file;	/* where it was first seen, for scrub(): the
				   path given, not the reader's (closed) name */
	long	 line;
};

struct posts_ctx {
	struct report *R;
	const char *file;
	int unfilled;
	long post, team, start, end, head, filled;
	struct shift *v;
	size_t n, cap;
};

static int
posts_begin(void *ctx, const struct sq_reader *r)
{
	struct posts_ctx *p = ctx;
	enum { POST, TEAM, START, END, HEAD, FILLED, N };
	/* the unfilled table needs headcount and filled too */
	unsigned u = p->unfilled ? 1 : 0;
	const struct sq_col cols[N] = {
		[POST] = { "post", 1 }, [TEAM] = { "team", 0 },
		[START] = { "start", 2 }, [END] = { "end", 0 },
		[HEAD] = { "headcount", u * 4 }, [FILLED] = { "filled", u * 8 },
	};
	long c[N];

	/* the names as written: share/aliases.txt [assignments] */
	p->file = sq_reader_name(r);
	int rc = sq_table_cols(r, cols, N, c, p->unfilled ?
	    _("the unfilled table of sq-match") :
	    _("the assignments table of sq-match"));
	p->post = c[POST];
	p->team = c[TEAM];
	p->start = c[START];
	p->end = c[END];
	p->head = c[HEAD];
	p->filled = c[FILLED];
	return rc;
}

static int
cell_eq(const char *a, const char *s, size_t n)
{
	return strlen(a) == n && memcmp(a, s, n) == 0;
}

static void
posts_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct posts_ctx *p = ctx;
	size_t pn, tn, sn, en;
	const char *po = sq_rec_cell_trim(rec, p->post, &pn);
	const char *te = sq_rec_cell_trim(rec, p->team, &tn);
	const char *st = sq_rec_cell_trim(rec, p->start, &sn);
	const char *e = sq_rec_cell_trim(rec, p->end, &en);
	size_t i;

	for (i = 0; i < p->n; i++)
		if (cell_eq(p->v[i].post, po, pn) &&
		    cell_eq(p->v[i].start, st, sn) && cell_eq(p->v[i].end, e, en))
			break;
	if (i == p->n) {
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 32;
			p->v = sq_xrealloc(p->v, p->cap * sizeof(*p->v));
		}
		p->v[p->n++] = (struct shift){ sq_xstrndup(po, pn),
		    sq_xstrndup(te, tn), sq_xstrndup(st, sn),
		    sq_xstrndup(e, en), 0, 0, 0, p->unfilled ?
		    p->R->unfilled : p->R->assignments, rec->line };
	}
	struct shift *s = &p->v[i];
	if (p->unfilled) {
		long h = num(p->file, rec, r, p->head);
		long f = num(p->file, rec, r, p->filled);
		s->need = h < 0 ? 0 : h;
		s->filled = f < 0 ? 0 : f;
		s->from_unfilled = 1;
	} else if (!s->from_unfilled)
		s->filled++, s->need = s->filled;
}

static int
by_start(const void *a, const void *b)
{
	const struct shift *x = a, *y = b;
	int c = strcmp(x->start, y->start);

	if (c == 0)
		c = strcmp(x->post, y->post);
	return c ? c : strcmp(x->end, y->end);
}

int
load_posts(struct report *R, const char *assignments, const char *unfilled)
{
	struct posts_ctx p = { 0 };
	int rc = 0;

	p.R = R;
	if (assignments && each_row(R, assignments, "assignments",
	    posts_begin, posts_row, &p) < 0)
		rc = -1;
	p.unfilled = 1;
	if (rc == 0 && unfilled && each_row(R, unfilled, "assignments",
	    posts_begin, posts_row, &p) < 0)
		rc = -1;
	if (rc == 0) {
		if (p.n > 1)	/* qsort(NULL, 0) is undefined */
			qsort(p.v, p.n, sizeof(*p.v), by_start);
		json_t *d = json_object(), *all = json_array(), *sh = json_array();
		long need = 0, filled = 0, full = 0;
		for (size_t i = 0; i < p.n; i++) {
			struct shift *s = &p.v[i];
			json_t *o = json_object();
			/* the committee's words, published: scrubbed */
			json_object_set_new(o, "post", scrub_json(R, s->file,
			    s->line, "post", s->post));
			json_object_set_new(o, "team", scrub_json(R, s->file,
			    s->line, "team", s->team));
			json_object_set_new(o, "start", json_string(s->start));
			json_object_set_new(o, "end", json_string(s->end));
			/* the clock time alone reads better in a post */
			const char *sp = strchr(s->start, ' ');
			const char *ep = strchr(s->end, ' ');
			json_object_set_new(o, "from", json_string(sp ? sp + 1 : s->start));
			json_object_set_new(o, "to", json_string(ep ? ep + 1 : s->end));
			json_object_set_new(o, "need", json_integer(s->need));
			json_object_set_new(o, "filled", json_integer(s->filled));
			long miss = s->need > s->filled ? s->need - s->filled : 0;
			json_object_set_new(o, "missing", json_integer(miss));
			need += s->need;
			filled += s->filled < s->need ? s->filled : s->need;
			full += miss == 0;
			if (miss)
				json_array_append(sh, o);
			json_array_append_new(all, o);
		}
		json_object_set_new(d, "shifts", json_integer((json_int_t)p.n));
		json_object_set_new(d, "full", json_integer(full));
		json_object_set_new(d, "needed", json_integer(need));
		json_object_set_new(d, "filled", json_integer(filled));
		json_object_set_new(d, "missing", json_integer(need - filled));
		json_object_set_new(d, "short", sh);
		json_object_set_new(d, "list", all);
		json_object_set_new(R->data, "posts", d);
	}
	for (size_t i = 0; i < p.n; i++) {
		free(p.v[i].post);
		free(p.v[i].team);
		free(p.v[i].start);
		free(p.v[i].end);
	}
	free(p.v);
	return rc;
}
