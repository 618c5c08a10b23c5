/*
 * write.c — what sq-match writes: the assignments (with --explain, why),
 * the unfilled seats and why, the hours ledger (with sq-care's care hours,
 * --care-hours, read here).
 */
#include "match.h"

static const char *const fit_name[] = { "exact", "team", "general",
	"related", "other" };

/* ------------------------------------------------------------------ */
/* output                                                              */

void
put(struct sq_rec *r, const char *s)
{
	sq_rec_push(r, s, strlen(s));
}

void
header(struct ctx *C, struct sq_writer *w, const char *const *names)
{
	struct sq_rec h;

	sq_rec_init(&h);
	for (int i = 0; names[i]; i++)
		put(&h, C->c.zh ? sq_words_label(C->Wzh, "col", names[i]) :
		    names[i]);
	sq_writer_header(w, &h);
	sq_rec_free(&h);
}

/* a skill as a person reads it: its label in words.conf, or its name */
const char *
skill_name(struct ctx *C, int s)
{
	return s >= 0 ? sq_words_label(C->W, "skill", C->R.skill[s]) : "";
}

static const char *
team_name(struct ctx *C, int t)
{
	return t >= 0 && C->R.team[t].nnames ? C->R.team[t].names[0] : "";
}

const char *
num_str(char buf[24], long n)
{
	snprintf(buf, 24, "%ld", n);
	return buf;
}

/* why v got slot s, in a few words, into out */
void
explain(struct ctx *C, size_t v, size_t s, int fit, struct sq_buf *out)
{
	const struct vol *V = &C->v[v];
	const struct slot *S = &C->s[s];
	const char *first[SQ_SKILLS_MAX] = { 0 };
	char *t = sq_fold_lower(V->skills_txt, strlen(V->skills_txt));
	char hb[16], n1[24], n2[24];
	long nth = 0;
	int k;

	sq_skills_scan(&C->R, t, first);
	switch (fit) {
	case FIT_EXACT:
		sq_words_say(C->W, out, "why.exact", "skill",
		    skill_name(C, S->skill), "word", first[S->skill] ?
		    first[S->skill] : skill_name(C, S->skill), NULL);
		break;
	case FIT_RELATED:
		for (k = 0; k < (int)C->R.nskill; k++)
			if ((V->skills & C->R.related[S->skill] &
			    ((uint64_t)1 << k)))
				break;
		if (k < (int)C->R.nskill)
			sq_words_say(C->W, out, "why.related", "skill",
			    skill_name(C, k), "word", first[k] ? first[k] : "",
			    "post_skill", skill_name(C, S->skill), NULL);
		break;
	case FIT_TEAM:
		for (k = 0; k < (int)C->R.nskill; k++)
			if ((V->skills & C->R.team[S->teamid].skills &
			    ((uint64_t)1 << k)))
				break;
		if (k < (int)C->R.nskill)
			sq_words_say(C->W, out, "why.team", "skill",
			    skill_name(C, k), "word", first[k] ? first[k] : "",
			    "team", team_name(C, S->teamid), NULL);
		break;
	case FIT_GENERAL:
		sq_words_say(C->W, out, "why.general", NULL);
		break;
	default:
		sq_words_say(C->W, out, "why.other", NULL);
		break;
	}
	free(t);
	if (S->training)
		sq_words_say(C->W, out, "why.trained", NULL);
	if (*V->avail_txt)
		sq_words_say(C->W, out, "why.available", "text", V->avail_txt,
		    NULL);
	else
		sq_words_say(C->W, out, "why.any_time", NULL);
	if (S->bld[0] && strcmp(S->bld, V->bld) == 0)
		sq_words_say(C->W, out, "why.building", "building", V->bld,
		    NULL);
	for (size_t i = 0; i < V->ncls; i++)
		if (C->s[V->cls[i]].start < S->start ||
		    (C->s[V->cls[i]].start == S->start && V->cls[i] <= s))
			nth++;
	sq_hours_format(V->minutes, hb, sizeof(hb));
	sq_words_say(C->W, out, "why.load", "n", num_str(n1, nth), "of",
	    num_str(n2, (long)V->ncls), "hours", hb, NULL);
}

int
write_assignments(struct ctx *C)
{
	static const char *const cols[] = { "post", "team", "start", "end",
	    "vid", "name", "phone", "fit", "why", NULL };
	struct sq_writer *w = sq_writer_open(C->c.output, &C->c.out);
	struct sq_rec r;
	struct sq_buf why;
	char t1[17], t2[17];

	if (w == NULL)
		return -1;
	if (!C->explain) {
		static const char *const c8[] = { "post", "team", "start",
		    "end", "vid", "name", "phone", "fit", NULL };
		header(C, w, c8);
	} else
		header(C, w, cols);
	sq_rec_init(&r);
	sq_buf_init(&why);
	for (size_t s = 0; s < C->ns; s++) {
		const struct slot *S = &C->s[s];
		fmt_time(S->start, t1);
		fmt_time(S->end, t2);
		for (size_t j = 0; j < S->nwho; j++) {
			const struct vol *V = &C->v[S->who[j]];
			int fit = FIT_GENERAL;
			can_take(C, V, S->start, S->end, S->skill, S->training,
			    S->teamid, S->own_len, &fit);
			sq_rec_clear(&r);
			put(&r, S->post);
			put(&r, S->team);
			put(&r, t1);
			put(&r, t2);
			put(&r, V->vid);
			put(&r, V->name);
			put(&r, V->phone);
			put(&r, fit_name[fit]);
			if (C->explain) {
				why.len = 0;
				explain(C, S->who[j], s, fit, &why);
				sq_rec_push(&r, why.s ? why.s : "", why.len);
			}
			sq_writer_row(w, &r);
		}
	}
	sq_buf_free(&why);
	sq_rec_free(&r);
	return sq_writer_close(w);
}

/* why slot s has empty seats, into out */
static void
diagnose(struct ctx *C, size_t s, struct sq_buf *out)
{
	const struct slot *S = &C->s[s];
	long pass[CAN_CAP + 2] = { 0 }, busy[ADD_WEEK + 1] = { 0 };
	char hb[16], n1[24], n2[24], n3[24], n4[24];

	for (size_t v = 0; v < C->nv; v++) {
		int fit, w = can_take(C, &C->v[v], S->start, S->end, S->skill,
		    S->training, S->teamid, S->own_len, &fit);
		for (int k = 0; k < w || (w == CAN_OK && k <= CAN_CAP); k++)
			pass[k]++;
		if (w != CAN_OK)
			continue;
		int on = 0;
		for (size_t j = 0; j < S->nwho; j++)
			if (S->who[j] == v)
				on = 1;
		if (!on)
			busy[slot_can_add(C, v, s)]++;
	}
	sq_hours_format(S->end - S->start, hb, sizeof(hb));
	if (pass[CAN_SKILL] == 0)
		sq_words_say(C->W, out, S->skill >= 0 ? "reason.no_skill" :
		    "reason.no_volunteers", "skill", skill_name(C, S->skill), NULL);
	else if (pass[CAN_TRAIN] == 0)
		sq_words_say(C->W, out, S->skill >= 0 ? "reason.untrained_skill" :
		    "reason.untrained", "skill", skill_name(C, S->skill), NULL);
	else if (pass[CAN_LEN] == 0)
		sq_words_say(C->W, out, "reason.length", "hours", hb, "staff",
		    num_str(n1, C->staff_max / 60), "vmin", num_str(n2,
		    C->vol_min / 60), "vmax", num_str(n3, C->vol_max / 60), NULL);
	else if (pass[CAN_AVAIL] == 0)
		sq_words_say(C->W, out, "reason.available", NULL);
	else if (pass[CAN_CAP] == 0)
		sq_words_say(C->W, out, "reason.limit", "hours", hb, NULL);
	else if (busy[ADD_OK] == 0 && busy[ADD_OVERLAP] + busy[ADD_REST] +
	    busy[ADD_DAY] + busy[ADD_WEEK] == 0)
		sq_words_say(C->W, out, pass[CAN_CAP] == 1 ? "reason.only_one" :
		    "reason.only_many", "n", num_str(n1, pass[CAN_CAP]), NULL);
	else if (busy[ADD_OK] > 0)
		sq_words_say(C->W, out, busy[ADD_OK] == 1 ? "reason.free_one" :
		    "reason.free_many", "n", num_str(n1, busy[ADD_OK]), NULL);
	else {
		static const char *const what[] = { NULL, "busy.overlap",
		    "busy.rest", "busy.day", "busy.week" };
		long nb = busy[ADD_OVERLAP] + busy[ADD_REST] + busy[ADD_DAY] +
		    busy[ADD_WEEK];
		int any = 0;
		sq_words_say(C->W, out, nb == 1 ? "reason.busy_one" :
		    "reason.busy_many", "n", num_str(n1, nb), NULL);
		for (int k = ADD_OVERLAP; k <= ADD_WEEK; k++) {
			if (busy[k] == 0)
				continue;
			sq_buf_adds(out, sq_words_get(C->W, any ? "busy.next" :
			    "busy.first"));
			sq_words_say(C->W, out, what[k], "n", num_str(n4,
			    busy[k]), "rest", num_str(n2, C->rest / 60), NULL);
			any = 1;
		}
	}
}

int
write_unfilled(struct ctx *C, long *empty)
{
	static const char *const cols[] = { "post", "team", "start", "end",
	    "skill", "headcount", "filled", "missing", "reason", NULL };
	/* the empty seats are for the person who recruits: Excel-safe */
	struct sq_writer_opts o = sq_person_opts(&C->c);
	struct sq_writer *w = NULL;
	struct sq_rec r;
	struct sq_buf why;
	char t1[17], t2[17], n1[24], n2[24], n3[24];

	*empty = 0;
	if (C->unfilled && (w = sq_writer_open(C->unfilled, &o)) == NULL)
		return -1;
	if (w)
		header(C, w, cols);
	sq_rec_init(&r);
	sq_buf_init(&why);
	for (size_t s = 0; s < C->ns; s++) {
		const struct slot *S = &C->s[s];
		if ((long)S->nwho >= S->head)
			continue;
		*empty += S->head - (long)S->nwho;
		if (w == NULL)
			continue;
		fmt_time(S->start, t1);
		fmt_time(S->end, t2);
		why.len = 0;
		diagnose(C, s, &why);
		snprintf(n1, sizeof(n1), "%ld", S->head);
		snprintf(n2, sizeof(n2), "%zu", S->nwho);
		snprintf(n3, sizeof(n3), "%ld", S->head - (long)S->nwho);
		sq_rec_clear(&r);
		put(&r, S->post);
		put(&r, S->team);
		put(&r, t1);
		put(&r, t2);
		put(&r, skill_name(C, S->skill));
		put(&r, n1);
		put(&r, n2);
		put(&r, n3);
		sq_rec_push(&r, why.s ? why.s : "", why.len);
		sq_writer_row(w, &r);
	}
	sq_buf_free(&why);
	sq_rec_free(&r);
	return w ? sq_writer_close(w) : 0;
}

/* sq-care's ledger (--care-hours): greetings and hours by vid */

int
read_care_hours(struct ctx *C, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &C->c.in);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	long cv = sq_reader_col(r, "vid"), cn = sq_reader_col(r, "name"),
	    cg = sq_reader_col(r, "greetings"), ch = sq_reader_col(r, "hours"),
	    cf = sq_reader_col(r, "from"), ct = sq_reader_col(r, "to");
	if (cv < 0 || ch < 0) {
		sq_error("%s: not a ledger of care hours (vid, greetings, "
		    "hours: what sq-care --hours writes)", path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		double h;
		long g = 0;
		if (st == SQ_READ_BAD) {
			sq_problem(path, rec.line, "%s", rec.err);
			continue;
		}
		p = sq_rec_cell_trim(&rec, ch, &len);
		if (sq_double_parse(p, len, &h) != SQ_VAL_OK || h < 0 ||
		    h > 1e6) {
			sq_problem(path, rec.line, "hours '%.*s': not a number "
			    "of hours; row left out", (int)len, p);
			continue;
		}
		p = sq_rec_cell_trim(&rec, cg, &len);
		if (len && sq_long_parse(p, len, 0, LONG_MAX / 2, &g) !=
		    SQ_VAL_OK)
			g = 0;
		C->care_rows = sq_xrealloc(C->care_rows, (C->ncare + 1) *
		    sizeof(*C->care_rows));
		C->care_rows[C->ncare] = (struct care_row){ cell_dup(&rec, cv),
		    cell_dup(&rec, cn), cell_dup(&rec, cf), cell_dup(&rec, ct),
		    g, (long)(h * 60 + 0.5), 0 };
		C->ncare++;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

int
write_hours(struct ctx *C)
{
	static const char *const cols[] = { "vid", "name", "role", "shifts",
	    "hours", "from", "to", "greetings", "care_hours", "total_hours",
	    NULL };
	struct sq_writer_opts o = C->c.out;
	struct sq_writer *w;
	struct sq_rec r;
	char d0[11] = "", d1[11] = "", n[24], h[24];
	long *care = NULL;

	if (C->hours == NULL)
		return 0;
	if ((w = sq_writer_open(C->hours, &o)) == NULL)
		return -1;
	if (C->care_hours) {
		/* one row a volunteer, their care hours beside their shifts */
		header(C, w, cols);
		care = sq_xmalloc((C->nv + 1) * sizeof(*care));
		for (size_t v = 0; v < C->nv; v++)
			care[v] = -1;
		for (size_t i = 0; i < C->ncare; i++) {
			long v = vol_find(C, C->care_rows[i].vid);
			if (v >= 0 && care[v] < 0) {
				care[v] = (long)i;
				C->care_rows[i].used = 1;
			}
		}
	} else {
		static const char *const plain[] = { "vid", "name", "role",
		    "shifts", "hours", "from", "to", NULL };
		header(C, w, plain);
	}
	if (C->ns > 0) {
		long a = LONG_MAX, b = LONG_MIN;
		for (size_t s = 0; s < C->ns; s++) {
			a = lmin(a, day_of(C->s[s].start));
			if (day_of(C->s[s].start) > b)
				b = day_of(C->s[s].start);
		}
		sq_date_from_days((int)a, d0);
		sq_date_from_days((int)b, d1);
	}
	sq_rec_init(&r);
	for (size_t v = 0; v < C->nv; v++) {
		const struct vol *V = &C->v[v];
		snprintf(n, sizeof(n), "%zu", V->ncls);
		sq_hours_format(V->minutes, h, sizeof(h));
		sq_rec_clear(&r);
		put(&r, V->vid);
		put(&r, V->name);
		put(&r, V->staff ? "staff" : "volunteer");
		put(&r, n);
		put(&r, h);
		put(&r, d0);
		put(&r, d1);
		if (care) {
			const struct care_row *c = care[v] >= 0 ?
			    &C->care_rows[care[v]] : NULL;
			snprintf(n, sizeof(n), "%ld", c ? c->greetings : 0);
			put(&r, n);
			sq_hours_format(c ? c->minutes : 0, h, sizeof(h));
			put(&r, h);
			sq_hours_format(V->minutes + (c ? c->minutes : 0), h,
			    sizeof(h));
			put(&r, h);
		}
		sq_writer_row(w, &r);
	}
	/* carers who took no shift */
	for (size_t i = 0; care && i < C->ncare; i++) {
		const struct care_row *c = &C->care_rows[i];
		if (c->used)
			continue;
		snprintf(n, sizeof(n), "%ld", c->greetings);
		sq_hours_format(c->minutes, h, sizeof(h));
		sq_rec_clear(&r);
		put(&r, c->vid);
		put(&r, c->name);
		put(&r, "");
		put(&r, "0");
		put(&r, "0");
		put(&r, c->from);
		put(&r, c->to);
		put(&r, n);
		put(&r, h);
		put(&r, h);
		sq_writer_row(w, &r);
	}
	free(care);
	sq_rec_free(&r);
	return sq_writer_close(w);
}
