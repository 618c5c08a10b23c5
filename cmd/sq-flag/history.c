/*
 * history.c — days of history without re-reading exports: the state file
 * a daily job reads and writes back.
 */
#include "state.h"

/* ---- the state file: days of history without re-reading exports ------ */

static int
parse_day(const char *p, size_t len)
{
	char ymd[11];
	const char *why;

	if (len == 0 || sq_date_parse(p, len, 0, ymd, &why) != SQ_VAL_OK)
		return NO_DAY;
	return sq_date_days(ymd);
}

/* A household by its key, as the resolver finds it (an older key too). */
static long
find_household(struct state *s, const char *key, size_t len)
{
	struct sq_res r;

	sq_resolve(s->res, key, len, &r);
	return r.kind == SQ_RES_EXACT || r.kind == SQ_RES_IMPLIED ? r.id : -1;
}

int
load_state(struct state *s)
{
	struct stat sb;
	struct sq_reader_opts o = { 0 };
	struct sq_rec rec;
	int st;

	if (s->state_path == NULL || stat(s->state_path, &sb) < 0)
		return 0;	/* the first run: no history yet */
	struct sq_reader *r = sq_reader_open(s->state_path, &o);
	if (r == NULL)
		return -1;
	long ck = sq_reader_col(r, "hh"), cl = sq_reader_col(r, "last"),
	    cp = sq_reader_col(r, "prev"), cs = sq_reader_col(r, "since"),
	    ca = sq_reader_col(r, "as_of");
	if (ck < 0 || cl < 0 || cs < 0 || ca < 0) {
		sq_error("%s: not a sq-flag state file (hh, last, prev, since, "
		    "as_of)", s->state_path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		if (st == SQ_READ_BAD) {
			sq_problem(s->state_path, rec.line, "%s", rec.err);
			continue;
		}
		/* a date that does not read is an error, not a new start */
		static const char *const what[] = { "last", "prev", "since",
		    "as_of" };
		long cols[4] = { cl, cp, cs, ca };
		int days[4];
		for (int k = 0; k < 4; k++) {
			p = cols[k] < 0 ? "" : sq_rec_cell_trim(&rec, cols[k], &len);
			if (cols[k] < 0)
				len = 0;
			days[k] = parse_day(p, len);
			if (len && days[k] == NO_DAY) {
				sq_error("%s:%ld: %s '%.*s' is not a date "
				    "(YYYY-MM-DD); correct the line or delete "
				    "it (that household's history starts again)",
				    s->state_path, rec.line, what[k], (int)len, p);
				st = -1;
				break;
			}
		}
		if (st < 0)
			break;
		int as_of = days[3];
		if (as_of != NO_DAY && as_of > s->day) {
			p = sq_rec_cell_trim(&rec, ca, &len);
			sq_error("%s: the state is as of %.*s, after --date %s; "
			    "give the right --date or another --state",
			    s->state_path, (int)len, p, s->date);
			st = -1;
			break;
		}
		p = sq_rec_cell_trim(&rec, ck, &len);
		long i = find_household(s, p, len);
		if (i < 0 && sq_strtab_find(&s->gone, p, len) >= 0) {
			s->gone_state++;	/* the roster says it left */
			continue;
		}
		if (i < 0) {
			/* not in today's roster (a row rejected, a typo): its
			   history is kept until it is back, or gone */
			if (s->naway == s->capaway) {
				s->capaway = s->capaway ? 2 * s->capaway : 64;
				s->away = sq_xrealloc(s->away,
				    s->capaway * sizeof(*s->away));
			}
			long c5[5] = { ck, cl, cp, cs, ca };
			for (int k = 0; k < 5; k++) {
				size_t l = 0;
				const char *v = c5[k] < 0 ? "" :
				    sq_rec_cell_trim(&rec, c5[k], &l);
				s->away[s->naway][k] = sq_arena_strndup(&s->arena,
				    v, c5[k] < 0 ? 0 : l);
			}
			s->naway++;
			continue;
		}
		struct household *h = &s->hh[i];
		int last = days[0];
		int prev = days[1];
		h->since = days[2];
		/* a re-run of the same day: what was known before it */
		h->last = last != NO_DAY && last >= s->day ? prev : last;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

int
write_state(struct state *s)
{
	struct sq_writer_opts wo = { .format = SQ_OUT_CSV };
	struct sq_writer *w;
	static const char *const cols[] = { "hh", "last", "prev", "since",
	    "as_of" };

	if (s->state_path == NULL)
		return 0;
	if ((w = sq_writer_open(s->state_path, &wo)) == NULL)
		return -1;
	sq_table_header(w, cols, sizeof(cols) / sizeof(cols[0]), NULL);
	for (size_t i = 0; i < s->nhh; i++) {
		struct household *h = &s->hh[i];
		char last[11] = "", prev[11] = "", since[11] = "";
		int l = h->reported ? s->day : h->last;
		int p = h->reported ? h->last : NO_DAY;
		if (l != NO_DAY)
			sq_date_from_days(l, last);
		if (p != NO_DAY)
			sq_date_from_days(p, prev);
		sq_date_from_days(h->since != NO_DAY ? h->since :
		    s->window_start, since);
		const char *v[5] = { h->text, last, prev, since, s->date };
		size_t len[5];
		for (int k = 0; k < 5; k++)
			len[k] = strlen(v[k]);
		sq_writer_fields(w, v, len, 5);
	}
	for (size_t i = 0; i < s->naway; i++) {
		size_t len[5];
		for (int k = 0; k < 5; k++)
			len[k] = strlen(s->away[i][k]);
		sq_writer_fields(w, (const char *const *)s->away[i], len, 5);
	}
	if (s->naway)
		sq_warn(s->state_path, 0, "%zu household%s of the state not in "
		    "today's roster: %s history kept until %s back (or the "
		    "roster's gone column says %s left)", s->naway,
		    s->naway == 1 ? "" : "s", s->naway == 1 ? "its" : "their",
		    s->naway == 1 ? "it is" : "they are",
		    s->naway == 1 ? "it" : "they");
	if (s->gone_state)
		sq_note("%s: %ld household%s of the state gone (the roster's "
		    "gone column): %s history closed", s->state_path,
		    s->gone_state, s->gone_state == 1 ? "" : "s",
		    s->gone_state == 1 ? "its" : "their");
	free(s->away);
	return sq_writer_close(w);
}
