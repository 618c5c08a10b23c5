/*
 * check.c — sq-match --check: every rule a plan made by hand breaks, by
 * row, with the same rules the planner keeps (see match.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "avail.h"
#include "diag.h"
#include "match.h"

struct prow {
	long	 line;
	char	*post, *start, *end, *vid, *name;
	long	 slot, vol;
};

struct viol {
	size_t	 row;
	long	 line;		/* the row's, to sort by */
	int	 seq;
	const char *rule;
	char	*problem;
};

/* Row row breaks rule (a code); the problem in the words of key, its
   places filled from the name, value pairs that follow (NULL-ended). */
static void
violate(struct ctx *C, size_t row, const char *rule, const char *key, ...)
    __attribute__((sentinel));

static void
violate(struct ctx *C, size_t row, const char *rule, const char *key, ...)
{
	struct sq_buf b;
	va_list ap;

	sq_buf_init(&b);
	va_start(ap, key);
	sq_words_vsay(C->W, &b, key, ap);
	va_end(ap);
	C->VL = sq_xrealloc(C->VL, (C->nvl + 1) * sizeof(*C->VL));
	C->VL[C->nvl].row = row;
	C->VL[C->nvl].line = C->P[row].line;
	C->VL[C->nvl].seq = (int)C->nvl;
	C->VL[C->nvl].rule = rule;
	C->VL[C->nvl].problem = b.s ? sq_buf_take(&b) : sq_xstrdup("");
	C->nvl++;
}

int
read_plan(struct ctx *C, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &C->c.in);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	long cpost = sq_reader_col(r, "post"), cstart = sq_reader_col(r,
	    "start"), cend = sq_reader_col(r, "end"), cdate =
	    sq_reader_col(r, "date"), cvid = sq_reader_col(r, "vid"),
	    cname = sq_reader_col(r, "name");
	if (cpost < 0 || cstart < 0 || cend < 0 || cvid < 0) {
		sq_error("%s: a plan needs post, start, end and vid columns",
		    path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		struct prow p;
		const char *why = NULL;
		size_t len;
		int hs, he;

		memset(&p, 0, sizeof(p));
		p.line = rec.line;
		p.slot = p.vol = -1;
		C->P = sq_xrealloc(C->P, (C->np + 1) * sizeof(*C->P));
		if (st == SQ_READ_BAD) {
			p.post = sq_xstrdup("");
			p.start = sq_xstrdup("");
			p.end = sq_xstrdup("");
			p.vid = sq_xstrdup("");
			p.name = sq_xstrdup("");
			C->P[C->np++] = p;
			violate(C, C->np - 1, "unreadable", "check.unreadable", "why",
			    rec.err, NULL);
			continue;
		}
		p.post = cell_dup(&rec, cpost);
		p.start = cell_dup(&rec, cstart);
		p.end = cell_dup(&rec, cend);
		p.vid = cell_dup(&rec, cvid);
		p.name = cell_dup(&rec, cname);
		C->P[C->np++] = p;
		long defday = -1;
		if (cdate >= 0) {
			char ymd[11];
			const char *d = sq_rec_cell(&rec, cdate, &len);
			if (sq_date_parse(d, len, 0, ymd, &why) == SQ_VAL_OK)
				defday = sq_date_days(ymd);
		}
		long t1 = parse_when(p.start, strlen(p.start), defday, &hs,
		    &why);
		long t2 = t1 < 0 ? -1 : parse_when(p.end, strlen(p.end),
		    day_of(t1), &he, &why);
		if (t1 >= 0 && t2 >= 0 && !he && t2 <= t1)
			t2 += DAYMIN;
		if (t1 < 0 || t2 < 0) {
			violate(C, C->np - 1, "unknown shift", "check.bad_time",
			    "which", sq_words_get(C->W, t1 < 0 ? "check.start" :
			    "check.end"), "why", why, NULL);
			continue;
		}
		C->P[C->np - 1].vol = vol_find(C, p.vid);
		long all[64];
		size_t nall = slot_find_all(C, p.post, t1, t2, all, 64);
		if (nall == 0)
			violate(C, C->np - 1, "unknown shift", "check.no_shift",
			    "post", q(p.post, strlen(p.post)), "start", p.start,
			    "end", p.end, NULL);
		else {
			/* a post asking for several skills: the one that fits */
			C->P[C->np - 1].slot = all[0];
			for (size_t a = 0; a < nall && C->P[C->np - 1].vol >= 0; a++) {
				const struct slot *S = &C->s[all[a]];
				uint64_t sk = C->v[C->P[C->np - 1].vol].skills;
				if (S->skill >= 0 && (sk & ((uint64_t)1 <<
				    S->skill))) {
					C->P[C->np - 1].slot = all[a];
					break;
				}
			}
		}
		if (C->P[C->np - 1].vol < 0)
			violate(C, C->np - 1, "unknown volunteer", "check.no_volunteer",
			    "vid", q(p.vid, strlen(p.vid)), NULL);
		else if (*p.name && strcmp(p.name, C->v[C->P[C->np - 1].vol].name))
			violate(C, C->np - 1, "name", "check.name", "vid", q(p.vid,
			    strlen(p.vid)), "name", C->v[C->P[C->np - 1].vol].name,
			    NULL);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* a plan row to sort by person, then start: the keys beside its index */
struct pkey {
	long	 vol, start;
	size_t	 row;
};

static int
cmp_prow_vol(const void *a, const void *b)
{
	const struct pkey *x = a, *y = b;

	if (x->vol != y->vol)
		return x->vol < y->vol ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

static int
cmp_viol(const void *a, const void *b)
{
	const struct viol *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void
check_plan(struct ctx *C)
{
	size_t *ord = sq_xcalloc(C->np + 1, sizeof(*ord)), n = 0;
	char hb[16], hc[16], t1[17], t2[17], n1[24], n2[24];

	/* each row on its own */
	for (size_t i = 0; i < C->np; i++) {
		if (C->P[i].slot < 0 || C->P[i].vol < 0)
			continue;
		struct slot *S = &C->s[C->P[i].slot];
		struct vol *V = &C->v[C->P[i].vol];
		long len = S->end - S->start;
		int dup = 0;
		for (size_t j = 0; j < S->nwho; j++)
			if (S->who[j] == (size_t)C->P[i].vol)
				dup = 1;
		if (dup) {
			violate(C, i, "duplicate", "check.duplicate", "vid", V->vid,
			    NULL);
			continue;
		}
		if (S->skill >= 0 && !(V->skills & ((uint64_t)1 << S->skill)) &&
		    !(V->skills & C->R.related[S->skill]))
			violate(C, i, "skill", "check.skill", "skill",
			    skill_name(C, S->skill), "text", V->skills_txt, NULL);
		if (S->training && V->trained != 1)
			violate(C, i, "training", V->trained == 0 ?
			    "check.untrained" : "check.unknown_training", "vid",
			    V->vid, NULL);
		sq_hours_format(len, hb, sizeof(hb));
		if (V->staff && len > C->staff_max)
			violate(C, i, "shift length", "check.staff_length", "hours",
			    hb, "staff", num_str(n1, C->staff_max / 60), NULL);
		else if (!V->staff && ((len < C->vol_min && !S->own_len) ||
		    len > C->vol_max))
			violate(C, i, "shift length", "check.vol_length", "hours",
			    hb, "vmin", num_str(n1, C->vol_min / 60), "vmax",
			    num_str(n2, C->vol_max / 60), NULL);
		if (!sq_avail_within(V->win, V->nwin, S->start, S->end))
			violate(C, i, "availability", "check.available", "text",
			    V->avail_txt, NULL);
		if ((long)S->nwho >= S->head)
			violate(C, i, "headcount", "check.headcount", "head",
			    num_str(n1, S->head), "n", num_str(n2,
			    (long)S->nwho + 1), NULL);
		vol_take(C, (size_t)C->P[i].vol, (size_t)C->P[i].slot);
		ord[n++] = i;
	}
	/* each person's shifts together, in time order */
	struct pkey *pk = sq_xcalloc(n + 1, sizeof(*pk));
	for (size_t i = 0; i < n; i++) {
		pk[i].vol = C->P[ord[i]].vol;
		pk[i].start = C->s[C->P[ord[i]].slot].start;
		pk[i].row = ord[i];
	}
	if (n > 1)
		qsort(pk, n, sizeof(*pk), cmp_prow_vol);
	for (size_t i = 0; i < n; i++)
		ord[i] = pk[i].row;
	free(pk);
	for (size_t a = 0; a < n;) {
		size_t b = a;
		while (b < n && C->P[ord[b]].vol == C->P[ord[a]].vol)
			b++;
		const struct vol *V = &C->v[C->P[ord[a]].vol];
		for (size_t j = a; j < b; j++) {
			const struct slot *Sj = &C->s[C->P[ord[j]].slot];
			for (size_t i = a; i < j; i++) {
				const struct slot *Si = &C->s[C->P[ord[i]].slot];
				fmt_time(Si->start, t1);
				fmt_time(Si->end, t2);
				if (Si->start < Sj->end && Sj->start < Si->end)
					violate(C, ord[j], "overlap", "check.overlap",
					    "post", Si->post, "start", t1, "end", t2,
					    "line", num_str(n1, C->P[ord[i]].line), NULL);
				else if (conflict(C, Si->start, Si->end,
				    Sj->start, Sj->end)) {
					long gap = Sj->start - Si->end;
					sq_hours_format(gap < 0 ? -gap : gap, hb,
					    sizeof(hb));
					violate(C, ord[j], "rest", "check.rest",
					    "hours", hb, "post", Si->post, "end", t2,
					    "line", num_str(n1, C->P[ord[i]].line),
					    "rest", num_str(n2, C->rest / 60), NULL);
				}
			}
		}
		for (int pass = 0; pass < 2; pass++) {
			long cap = pass ? V->weekcap : V->daycap;
			if (cap == NOLIMIT)
				continue;
			for (size_t i = a; i < b;) {
				long key = pass ? week_of(C->s[C->P[ord[i]].slot].
				    start) : day_of(C->s[C->P[ord[i]].slot].start);
				long sum = 0;
				int said = 0;
				size_t j = i;
				for (; j < b; j++) {
					const struct slot *S = &C->s[C->P[ord[j]].
					    slot];
					if ((pass ? week_of(S->start) :
					    day_of(S->start)) != key)
						break;
					sum += S->end - S->start;
					if (sum > cap && !said) {
						said = 1;
						sq_hours_format(sum, hb, sizeof(hb));
						sq_hours_format(cap, hc, sizeof(hc));
						char d[11];
						sq_date_from_days((int)(pass ?
						    key * 7 - 3 : key), d);
						violate(C, ord[j], pass ? "week hours"
						    : "day hours", pass ?
						    "check.week_hours" :
						    "check.day_hours", "hours", hb,
						    "date", d, "limit", hc, NULL);
					}
				}
				i = j;
			}
		}
		a = b;
	}
	free(ord);
}

int
write_violations(struct ctx *C)
{
	static const char *const cols[] = { "line", "post", "start", "end",
	    "vid", "name", "rule", "problem", NULL };
	struct sq_writer *w = sq_writer_open(C->c.output, &C->c.out);
	struct sq_rec r;
	char ln[24];

	if (w == NULL)
		return -1;
	header(C, w, cols);
	if (C->nvl > 1)
		qsort(C->VL, C->nvl, sizeof(*C->VL), cmp_viol);
	sq_rec_init(&r);
	for (size_t i = 0; i < C->nvl; i++) {
		const struct prow *p = &C->P[C->VL[i].row];
		snprintf(ln, sizeof(ln), "%ld", p->line);
		sq_rec_clear(&r);
		put(&r, ln);
		put(&r, p->post);
		put(&r, p->start);
		put(&r, p->end);
		put(&r, p->vid);
		put(&r, p->name);
		put(&r, C->VL[i].rule);
		put(&r, C->VL[i].problem);
		sq_writer_row(w, &r);
	}
	sq_rec_free(&r);
	return sq_writer_close(w);
}

size_t
check_rows(struct ctx *C)
{
	return C->np;
}

size_t
check_violations(struct ctx *C)
{
	return C->nvl;
}

void
check_free(struct ctx *C)
{
	for (size_t i = 0; i < C->np; i++) {
		free(C->P[i].post);
		free(C->P[i].start);
		free(C->P[i].end);
		free(C->P[i].vid);
		free(C->P[i].name);
	}
	free(C->P);
	for (size_t i = 0; i < C->nvl; i++)
		free(C->VL[i].problem);
	free(C->VL);
}
