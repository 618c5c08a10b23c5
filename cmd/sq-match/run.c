/*
 * run.c — a run end to end, on the context main made, and freeing it.
 */
#include "match.h"


void
free_all(struct ctx *C)
{
	for (size_t i = 0; i < C->nv; i++)
		vol_free(&C->v[i]);
	free(C->v);
	for (size_t i = 0; i < C->ns; i++)
		slot_free(&C->s[i]);
	free(C->s);
	for (size_t k = 0; k < C->nk; k++) {
		free(C->k[k].slots);
		free(C->k[k].edges);
	}
	free(C->k);
	free(C->e);
	free(C->ebeg);
	free(C->sel);
	sq_mcmf_free(C->g);
	free(C->scratch);
	free(C->scratch2);
	free(C->slot_hash);
	free(C->vol_hash);
	check_free(C);
	sq_skills_free(&C->R);
	sq_shifts_free(&C->shifts);
	sq_words_free(C->W);
	sq_words_free(C->Wzh);
	for (size_t i = 0; i < C->ncare; i++) {
		free(C->care_rows[i].vid);
		free(C->care_rows[i].name);
		free(C->care_rows[i].from);
		free(C->care_rows[i].to);
	}
	free(C->care_rows);
}

/* A context with the defaults of the options. */
void
ctx_init(struct ctx *C)
{
	memset(C, 0, sizeof(*C));
	sq_common_init(&C->c);
	C->rest = 8 * 60;
	C->staff_max = 8 * 60;
	C->vol_min = 4 * 60;
	C->vol_max = 6 * 60;
	C->headcount = 2;
	C->effort = 20000;
	C->max_rounds = 1;
	C->trained_default = -1;
	C->date = -1;
}

/*
 * The run, once main has read the options into C: the rules, the wording,
 * the tables, the plan (or --check's), the outputs, the summary; the exit
 * status.
 */
int
run(struct ctx *C)
{
	int failed = 0;

	if (C->date < 0) {
		char today[11];
		C->date = sq_date_today(today, NULL);
	}
	{
		char d[11];
		sq_date_from_days((int)C->date, d);
		C->year = atoi(d);	/* for 4月10日 until the posts say */
	}
	char *rpath = sq_datafile(&C->c, "skills.txt");
	char *spath = sq_datafile(&C->c, "match/shifts.conf");
	char *ppath = sq_datafile(&C->c, "match/periods.conf");
	if (sq_skills_load(&C->R, rpath) < 0 || (C->rules_file &&
	    sq_skills_load(&C->R, C->rules_file) < 0) ||
	    sq_shifts_load(&C->shifts, spath) < 0 || (C->shifts_file &&
	    sq_shifts_load(&C->shifts, C->shifts_file) < 0) ||
	    sq_periods_load(&C->shifts, ppath) < 0) {
		free(rpath);
		free(spath);
		free(ppath);
		free_all(C);
		return SQ_EXIT_USAGE;
	}
	free(rpath);
	free(spath);
	free(ppath);
	if (sq_person_words(&C->c, "match", &C->W, &C->Wzh) < 0) {
		free_all(C);
		return SQ_EXIT_USAGE;
	}
	C->c.tables = "volunteers";
	struct sq_aliases *aliases = sq_load_aliases(&C->c);
	if (aliases == NULL) {
		free_all(C);
		return SQ_EXIT_USAGE;
	}
	C->c.in.aliases = aliases;
	C->c.in.canonical = 1;
	if ((C->rj = sq_rejects_open(C->c.rejects)) == NULL) {
		sq_aliases_free(aliases);
		free_all(C);
		return SQ_EXIT_USAGE;
	}
	/* the posts first: they give the year and the days of the plan */
	if (read_posts(C, C->postfile) < 0)
		failed = 1;
	C->day0 = C->day1 = 0;
	if (C->ns > 0) {
		long a = LONG_MAX, b = LONG_MIN;
		for (size_t s = 0; s < C->ns; s++) {
			a = lmin(a, day_of(C->s[s].start));
			if (day_of(C->s[s].end) > b)
				b = day_of(C->s[s].end);
		}
		char d[11];
		sq_date_from_days((int)a, d);
		C->year = atoi(d);
		C->day0 = a - 1;
		C->day1 = b + 1;
	}
	if (!failed && read_volunteers(C, C->volfile) < 0)
		failed = 1;
	if (!failed && C->check && read_plan(C, C->check) < 0)
		failed = 1;
	if (!failed && C->care_hours && read_care_hours(C, C->care_hours) < 0)
		failed = 1;
	int stopped = 0;
	if (!failed && C->c.strict && sq_rejects_count(C->rj) > 0) {
		sq_note("stopped at the first rejected row (--strict); no "
		    "output written");
		stopped = 1;	/* exit 1, the rejects kept, as every program */
	}
	long empty = 0;
	if (!failed && !stopped) {
		build_classes(C);
		if (C->check) {
			check_plan(C);
			if (write_violations(C) < 0)
				failed = 1;
		} else {
			solve(C);
			distribute(C);
			if (write_assignments(C) < 0)
				failed = 1;
		}
	}
	if (!failed && !stopped && (write_unfilled(C, &empty) < 0 ||
	    write_hours(C) < 0))
		failed = 1;
	long nrejected = sq_rejects_count(C->rj);
	if (failed)
		sq_rejects_abort(C->rj);
	else if (sq_rejects_close(C->rj) < 0)
		failed = 1;
	if (!failed && !stopped) {
		long vrej = 0, onduty = 0;
		for (size_t v = 0; v < C->nv; v++)
			onduty += C->v[v].ncls > 0;
		vrej = C->vrows - (long)C->nv;
		long prej = nrejected - vrej;
		if (C->check) {
			sq_note("checked %zu assignment%s: %zu violation%s; "
			    "%ld of %ld seats empty", check_rows(C),
			    check_rows(C) == 1 ? "" : "s", check_violations(C),
			    check_violations(C) == 1 ? "" : "s", empty, C->seats);
			if (check_violations(C) > 0)
				sq_mark_problem();
		} else {
			sq_note("%ld seat%s in %zu post-shift%s: %ld filled, "
			    "%ld empty; upper bound %ld%s", C->seats,
			    C->seats == 1 ? "" : "s", C->ns, C->ns == 1 ? "" : "s",
			    C->filled, empty, C->proved ? C->filled : C->root,
			    C->proved ? (C->filled == C->root ?
			    " (the flow bound: optimal)" :
			    " (proved by branch and bound: optimal)") :
			    C->bb_skipped ? " (flow relaxation; too large for "
			    "branch and bound)" : " (flow relaxation; search "
			    "budget spent)");
		}
		sq_note("%ld volunteer%s read: %zu accepted (%ld on duty), "
		    "%ld rejected; %ld post row%s read, %ld rejected",
		    C->vrows, C->vrows == 1 ? "" : "s", C->nv, onduty, vrej,
		    C->prows, C->prows == 1 ? "" : "s", prej);
	}
	sq_aliases_free(aliases);
	free_all(C);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : stopped ? SQ_EXIT_DATA : status;
}
