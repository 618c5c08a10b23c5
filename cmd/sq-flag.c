/*
 * sq-flag — who did not report today, who has a fever, and whose follow-up
 * list each case goes on.
 *
 * The roster is held in memory (its keys and a few bytes a household); the
 * check-ins stream past.  History comes from check-ins of earlier days given
 * with today's, and from a state file that a daily cron job reads and
 * rewrites, so it never re-reads weeks of exports.
 */
#include "sq-flag/state.h"

static const char synopsis[] =
    "sq-flag [-a] [-d date] [-f temp] [-s state] [-L dir] [-Y file] "
    "HOUSEHOLDS CHECKINS...";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Compare the households table (from sq-ingest) with the day's health\n"
"check-in exports and write the flags table: households that did not report\n"
"(unreported), reported a fever or symptoms, or a reading that cannot be\n"
"read, with how many days in a row they have been silent and a priority,\n"
"sorted by grid worker.  Check-ins from addresses not in the roster come\n"
"out as unknown_household rows with the nearest household.  HOUSEHOLDS may\n"
"be - for standard input.\n\n", synopsis);
	printf(
"  -d, --date DATE          the day checked (default: today)\n"
"  -f, --fever TEMP         fever from this temperature in °C (default 37.3)\n"
"  -a, --all                every household, not only the flagged ones\n"
"  -s, --state FILE         days of history: read it, and write it back\n"
"  -L, --split DIR          one follow-up list (待跟进) per grid worker in DIR\n"
"  -F, --split-format FMT   the lists as csv (default) or xlsx\n"
"  -Y, --summary FILE       counts for the bulletin, as JSON\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-flag -d 2022-04-10 households.csv 打卡-0410.csv > flags.csv\n"
"  sq-flag -s state.csv -L lists -Y summary.json households.csv today/*.csv\n");
}

static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	{ "date",    required_argument, NULL, 'd' },
	{ "fever",   required_argument, NULL, 'f' },
	{ "all",     no_argument,       NULL, 'a' },
	{ "state",   required_argument, NULL, 's' },
	{ "split",   required_argument, NULL, 'L' },
	{ "split-format", required_argument, NULL, 'F' },
	{ "summary", required_argument, NULL, 'Y' },
	SQ_LANG_LONGOPTS,
	{ "help",    no_argument,       NULL, 'h' },
	{ "version", no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* One of sq-flag's own options into the state (ctx). */
static void
option(void *ctx, int ch, char *arg)
{
	struct state *s = ctx;
	const char *why;

	switch (ch) {
	case 'd':
		if (sq_date_parse(arg, strlen(arg), 0, s->date, &why) !=
		    SQ_VAL_OK)
			sq_usage_error(synopsis, "--date '%s': %s", arg, why);
		s->day = sq_date_days(s->date);
		break;
	case 'f':
		if (sq_double_parse(arg, strlen(arg), &s->fever) !=
		    SQ_VAL_OK || s->fever < 35 || s->fever > 42)
			sq_usage_error(synopsis, "--fever is a temperature "
			    "in °C from 35 to 42, not '%s'", arg);
		break;
	case 'a': s->all = 1; break;
	case 's': s->state_path = arg; break;
	case 'L': s->split_dir = arg; break;
	case 'F':
		if (strcmp(arg, "xlsx") != 0 && strcmp(arg, "csv") != 0)
			sq_usage_error(synopsis, "--split-format is csv "
			    "or xlsx, not '%s'", arg);
		s->split_xlsx = strcmp(arg, "xlsx") == 0;
		break;
	case 'Y': s->summary_path = arg; break;
	}
}

static const struct sq_prog prog = {
	synopsis, "d:f:as:L:F:Y:", longopts, SQ_PROG_LANG, usage, option
};

/* The options into s; returns the index of the first file argument. */
static int
parse_options(struct state *s, int argc, char **argv)
{
	int first = sq_prog_options(&prog, &s->c, s, argc, argv);

	if (argc - first < 2)
		sq_usage_error(synopsis, "give the households table and at "
		    "least one check-in export");
	if (s->day == NO_DAY)
		s->day = sq_date_today(s->date, NULL);
	s->window_start = s->day;
	s->year = atoi(s->date);
	return first;
}

/* The words, the aliases and rules, the empty indexes.  0, or -1. */
static int
set_up(struct state *s)
{
	/* the lists are for the grid workers: in their language */
	if (sq_person_words(&s->c, "flag", &s->words, &s->words_zh) < 0)
		return -1;
	labels_words(&s->person, s->words);
	sq_buf_init(&s->scratch);
	for (int k = 0; k < 3; k++)
		sq_buf_init(&s->ubuf[k]);
	s->said_today = arena_say(s, "reason.today", NULL);
	s->said_symptoms = arena_say(s, "reason.symptoms", NULL);
	labels_codes(&s->machine);
	if (s->c.zh)
		for (size_t i = 0; i < NOUT; i++)
			s->machine.col[i] = sq_words_label(s->words_zh, "col",
			    out_cols[i]);
	s->c.tables = "households,checkins";
	if ((s->aliases = sq_load_aliases(&s->c)) == NULL)
		return -1;
	char *spath = sq_datafile(&s->c, "symptoms.txt");
	s->symptom_words = sq_keywords_load(spath);
	free(spath);
	if (s->symptom_words == NULL)
		return -1;
	s->c.in.aliases = s->aliases;
	s->c.in.canonical = 1;
	s->res = sq_resolver_new_borrowed(key_of, s);
	sq_strtab_init(&s->gone);
	sq_hmap_init(&s->name_index, name_of, s);
	s->arena.huge = 1;	/* speed over a few MB: well below gawk's memory */
	if ((s->rj = sq_rejects_open(s->c.rejects)) == NULL)
		return -1;
	return 0;
}

/*
 * Every household decided; the rows to write, in their order: pointers to
 * the households' rows (s->rowbuf) and the unknown ones (s->unknown), so
 * that the sort moves pointers, not rows.
 */
static struct flagrow **
make_rows(struct state *s, size_t *nrows)
{
	/* history in the inputs widens the window of days looked at */
	for (size_t i = 0; i < s->nhh; i++)
		if (s->hh[i].last != NO_DAY && s->hh[i].last < s->window_start &&
		    s->hh[i].since == NO_DAY)
			s->window_start = s->hh[i].last;

	size_t n = 0;
	struct flagrow *rows = s->rowbuf = sq_xcalloc(s->nhh + 1, sizeof(*rows));
	for (size_t i = 0; i < s->nhh; i++) {
		decide(s, &s->hh[i]);
		if (s->hh[i].status != ST_OK || s->all)
			rows[n++].h = &s->hh[i];
	}
	/* then their rows, the households a few rows on (and then their
	   text) fetched meanwhile */
	struct flagrow **order = sq_xmalloc((n + s->nunknown + 1) *
	    sizeof(*order));
	for (size_t k = 0; k < n; k++) {
		if (k + 16 < n)
			__builtin_prefetch(rows[k + 16].h);
		if (k + 8 < n)
			__builtin_prefetch(rows[k + 8].h->text);
		struct flagrow *f = &rows[k];
		struct household *h = f->h;
		f->key = h->text;
		f->grid = h->grid;
		f->community = h->community;
		f->tier = h->tier;
		f->missed = h->missed;
		f->reason = reason_of(s, h);
		key_prefix(f);
		order[k] = f;
	}
	size_t nh = n;
	for (size_t i = 0; i < s->nunknown; i++) {
		key_prefix(&s->unknown[i]);
		order[n++] = &s->unknown[i];
	}
	rank_names(s);
	sort_rows(s, order, nh, n);
	*nrows = n;
	return order;
}

struct table {
	struct state *s;
	struct flagrow *const *rows;
	size_t	 n;
};

/* Row i of the flags table; on either of two threads (sq_writer_rows). */
static void
put_table_row(void *ctx, struct sq_writer *w, size_t i)
{
	const struct table *t = ctx;
	struct flagrow *const *rows = t->rows;

	/* in this order the rows and their households are all over memory:
	   the rows, the households' records, then their text, fetched a few
	   rows ahead */
	if (i + 24 < t->n)
		__builtin_prefetch(rows[i + 24]);
	if (i + 16 < t->n && rows[i + 16]->h)
		__builtin_prefetch(rows[i + 16]->h);
	if (i + 8 < t->n && rows[i + 8]->h) {
		__builtin_prefetch(rows[i + 8]->h->text);
		__builtin_prefetch(rows[i + 8]->h->text + 64);
	}
	put_row(t->s, w, rows[i], &t->s->machine);
}

/* The flags table, the lists, the summary, the state.  0, or -1. */
static int
write_all(struct state *s, struct flagrow **rows, size_t nrows)
{
	struct sq_writer *w = sq_writer_open(s->c.output, &s->c.out);
	int failed = 0;

	if (w == NULL)
		return -1;
	put_header(w, &s->machine);
	struct table t = { s, rows, nrows };
	sq_writer_rows(w, nrows, put_table_row, &t);
	if (sq_writer_close(w) < 0)
		failed = 1;
	if (!failed && s->split_dir && write_split(s, rows, nrows) < 0)
		failed = 1;
	if (!failed && s->summary_path && write_summary(s) < 0)
		failed = 1;
	if (!failed && write_state(s) < 0)
		failed = 1;
	return failed ? -1 : 0;
}

/* What was read and found, for the person who runs it. */
static void
tell_counts(const struct state *s, long rejected)
{
	long reported = 0;

	for (size_t i = 0; i < s->nhh; i++)
		reported += s->hh[i].reported;
	if (s->ngone)
		sq_note("%ld household%s of the roster gone (its gone column): "
		    "not followed up", s->ngone, s->ngone == 1 ? "" : "s");
	sq_note("%zu households, %ld reported on %s; %ld check-ins read: %ld "
	    "today, %ld repeats merged, %ld unknown households, %ld earlier "
	    "days (%ld of unknown households), %ld later days, %ld rejected",
	    s->nhh, reported, s->date, s->ci_rows, s->ci_today, s->ci_merged,
	    s->ci_unknown, s->ci_history + s->ci_earlier_unknown,
	    s->ci_earlier_unknown, s->ci_future, rejected);
	if (s->ci_implied)
		sq_note("%ld check-ins found their household with a part of the "
		    "address left out (12-502 for 12号楼1单元502; see shequ(7))",
		    s->ci_implied);
}

static void
free_state(struct state *s)
{
	free(s->unknown);
	free(s->rowbuf);
	free(s->hh);
	free(s->notes);
	free(s->names);
	free(s->namelen);
	free(s->rank);
	sq_resolver_free(s->res);
	sq_strtab_free(&s->gone);
	sq_hmap_free(&s->name_index);
	sq_arena_free(&s->arena);
	sq_keywords_free(s->symptom_words);
	sq_aliases_free(s->aliases);
	sq_words_free(s->words);
	sq_words_free(s->words_zh);
	sq_buf_free(&s->scratch);
	for (int k = 0; k < 3; k++)
		sq_buf_free(&s->ubuf[k]);
}

int
main(int argc, char **argv)
{
	static struct state s;
	int failed = 0, stopped = 0;

	sq_start(argc, argv);
	sq_common_init(&s.c);
	g_state = &s;
	s.fever = 37.3;
	s.day = NO_DAY;
	grow_names(&s);
	int first = parse_options(&s, argc, argv);
	if (set_up(&s) < 0)
		return SQ_EXIT_USAGE;
	if (load_households(&s, argv[first]) < 0 || load_state(&s) < 0) {
		sq_rejects_abort(s.rj);
		return SQ_EXIT_USAGE;
	}
	for (int i = first + 1; i < argc && !stopped; i++) {
		int rc = read_checkins(&s, argv[i]);
		if (rc < 0)
			failed = 1;
		else if (rc > 0)
			stopped = 1;
	}
	if (failed || stopped) {
		sq_rejects_close(s.rj);
		if (stopped)
			sq_note("stopped at the first data problem (--strict); "
			    "no output written");
		sq_diag_finish();
		return failed ? SQ_EXIT_USAGE : SQ_EXIT_DATA;
	}
	size_t nrows;
	struct flagrow **rows = make_rows(&s, &nrows);
	if (write_all(&s, rows, nrows) < 0)
		failed = 1;
	/* the check-ins' own: a households row rejected is not a check-in */
	long rejected = sq_rejects_table_count(s.rj, "checkins");
	if (sq_rejects_close(s.rj) < 0)
		failed = 1;
	tell_counts(&s, rejected);
	free(rows);
	free_state(&s);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
