/*
 * sq-waves — mass testing building by building (核酸逐栋): the call plan for
 * the testing points, and afterwards who was missed (漏采).
 *
 * The plan: households (and the site plan, the testing points, the door
 * and closed lists) -> the engine (lib/waves.h) cuts the queue into call
 * slots no faster than the desks sample, and the door households into
 * rounds -> the plan table, a notice for each building's 楼组长, a summary.
 *
 * Who was missed (--sampled): households and the day's sampling logs ->
 * each log row to its household by its address -> one row for each
 * household nobody (or not everyone) of which was sampled, and one for each
 * log row whose address is not in the roster -> lists by grid worker, the
 * sampling rate per building for sq-report.
 */
#include "sq-waves/state.h"

static const char synopsis[] =
    "sq-waves [-d date] [-t start] [-k desks] [-r rate] [-P points] "
    "[-p sites]\n"
    "                [-e door] [-c closed] [-N dir] HOUSEHOLDS\n"
    "       sq-waves -s log [-s log ...] [-d date] [-L dir] [-Y summary] "
    "[-a]\n"
    "                HOUSEHOLDS [LOG ...]";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Plan the day's mass testing building by building: one row per call slot\n"
"(building, unit, start, end, households, people, point, door), nearest\n"
"buildings first, never more people a minute than the desks sample (desks\n"
"x rate an hour), a unit too large for one slot split by floors.\n"
"Households flagged for sampling at home, on the --door list or in a\n"
"building under closure are planned as door rounds.  People per household\n"
"from members (missing: 1, counted).  With --sampled, read the sampling\n"
"logs instead and write one row per household not sampled (missed) or not\n"
"all of whose people were (partial), and one per log row from an address\n"
"not in the roster (unknown_household).  HOUSEHOLDS is the table of\n"
"sq-ingest; - is standard input.\n\n", synopsis);
	printf(
"  -d, --date DATE          the day (default: today; with -s, the logs')\n"
"  -t, --start HH:MM        the desks open (default: waves.conf, 07:00)\n"
"  -k, --desks N            desks at each point (default 4)\n"
"  -r, --rate R             people a desk samples in an hour (default 150)\n"
"  -m, --slot-minutes M     longest call slot (default 15)\n"
"  -P, --points FILE        testing points: point, x, y or a site, desks,\n"
"                           rate, start (default: the sites of kind point,\n"
"                           else one point at the gate)\n"
"  -p, --sites FILE         the site plan: site, x, y or lat, lon, kind\n"
"  -e, --door FILE          more households sampled at home (hh or address)\n"
"  -c, --closed FILE        buildings (or units) under closure: building,\n"
"                           unit; sampled at the door only\n"
"  -T, --door-teams N       door teams (default 2)\n"
"  -N, --notices DIR        one notice per building for its 楼组长\n"
"  -s, --sampled LOG        a sampling log (repeat for several points)\n"
"  -a, --all                with -s: every household, sampled ones too\n"
"  -L, --split DIR          with -s: one list (漏采) per grid worker\n"
"  -Y, --summary FILE       counts as JSON (the plan's, or the sampling\n"
"                           rate per building for sq-report)\n"
"  -x, --settings FILE      settings (after waves.conf in the datadir)\n"
"  -l, --lang LANG          wording of share/waves/LANG (default zh)\n"
"  -Z, --zh                 write Chinese column names\n");
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-waves -d 2022-04-10 -p sites.csv -k 6 households.csv > plan.csv\n"
"  sq-waves -d 2022-04-10 -P points.csv -c closed.csv -N notices households.csv\n"
"  sq-waves -o json -p sites.csv households.csv | jq 'select(.door==\"true\")'\n"
"  sq-waves -s 东门.csv -s 西门.csv -L lists -Y waves.json households.csv\n");
}

/* ---- main ---------------------------------------------------------------- */

static long
opt_minutes(const char *arg)
{
	char hm[6];
	const char *why = NULL;

	if (sq_time_parse(arg, strlen(arg), hm, &why) != SQ_VAL_OK)
		sq_usage_error(synopsis, "--start '%s': %s", arg, why ? why :
		    "not a time");
	return atoi(hm) * 60 + atoi(hm + 3);
}

static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	{ "date",         required_argument, NULL, 'd' },
	{ "start",        required_argument, NULL, 't' },
	{ "desks",        required_argument, NULL, 'k' },
	{ "rate",         required_argument, NULL, 'r' },
	{ "slot-minutes", required_argument, NULL, 'm' },
	{ "points",       required_argument, NULL, 'P' },
	{ "sites",        required_argument, NULL, 'p' },
	{ "door",         required_argument, NULL, 'e' },
	{ "closed",       required_argument, NULL, 'c' },
	{ "door-teams",   required_argument, NULL, 'T' },
	{ "notices",      required_argument, NULL, 'N' },
	{ "sampled",      required_argument, NULL, 's' },
	{ "all",          no_argument,       NULL, 'a' },
	{ "split",        required_argument, NULL, 'L' },
	{ "summary",      required_argument, NULL, 'Y' },
	{ "settings",     required_argument, NULL, 'x' },
	{ "lang",         required_argument, NULL, 'l' },
	{ "zh",           no_argument,       NULL, 'Z' },
	{ "help",         no_argument,       NULL, 'h' },
	{ "version",      no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* One of sq-waves' own options into the state (ctx). */
static void
option(void *ctx, int ch, char *arg)
{
	struct state *s = ctx;
	const char *why;

	switch (ch) {
	case 'd':
		if (sq_date_parse(arg, strlen(arg), 0, s->date,
		    &why) != SQ_VAL_OK)
			sq_usage_error(synopsis, "--date '%s': %s",
			    arg, why);
		s->date_given = 1;
		break;
	case 't': s->opt_start = opt_minutes(arg); break;
	case 'k':
		s->opt_desks = sq_opt_long(arg, 1, 1000, "--desks",
		    synopsis);
		break;
	case 'r':
		s->opt_rate = sq_opt_long(arg, 1, 100000, "--rate",
		    synopsis);
		break;
	case 'm':
		s->opt_slot = sq_opt_long(arg, 1, 1440,
		    "--slot-minutes", synopsis);
		break;
	case 'T':
		s->opt_teams = sq_opt_long(arg, 1, 10000,
		    "--door-teams", synopsis);
		break;
	case 'P': s->points_path = arg; break;
	case 'p': s->sites_path = arg; break;
	case 'e': s->door_path = arg; break;
	case 'c': s->closed_path = arg; break;
	case 'N': s->notices_dir = arg; break;
	case 's': s->logs[s->nlogs++] = arg; break;
	case 'a': s->all = 1; break;
	case 'L': s->split_dir = arg; break;
	case 'Y': s->summary_path = arg; break;
	case 'x': s->settings_path = arg; break;
	case 'l':
		if (strchr(arg, '/') || *arg == '.' || !*arg)
			sq_usage_error(synopsis, "--lang is a folder "
			    "name of share/waves, such as zh or en");
		s->lang = arg;
		break;
	case 'Z': s->zh = 1; break;
	}
}

/* The options, checked together; the roster's path. */
static const char *
parse_args(struct state *s, int argc, char **argv)
{
	static const struct sq_prog prog = { synopsis,
	    "d:t:k:r:m:P:p:e:c:T:N:s:aL:Y:x:l:Z", longopts, 0, usage, option };

	sq_common_init(&s->c);
	s->lang = "zh";
	s->opt_desks = s->opt_rate = s->opt_slot = s->opt_teams = -1;
	s->opt_start = -1;
	s->logs = sq_xcalloc((size_t)argc + 1, sizeof(*s->logs));
	int first = sq_prog_options(&prog, &s->c, s, argc, argv);
	argc -= first;
	argv += first;
	if (argc < 1)
		sq_usage_error(synopsis, "give the households table");
	/* more files after the roster are logs, for a glob of logs */
	for (int i = 1; i < argc; i++)
		s->logs[s->nlogs++] = argv[i];
	int missed_job = s->nlogs > 0;
	if (argc > 1 && !missed_job)
		sq_usage_error(synopsis, "one households table");
	if (missed_job && (s->points_path || s->sites_path || s->door_path ||
	    s->closed_path || s->notices_dir))
		sq_usage_error(synopsis, "--sampled reads logs; the plan's "
		    "options (-P -p -e -c -N) are for a run without it");
	if (!missed_job && (s->split_dir || s->all))
		sq_usage_error(synopsis, "--split and --all are for the "
		    "missed list: give the logs with --sampled");

	return argv[0];
}

/* waves.conf, --settings, the options over them; the wording; the day. */
static int
configure(struct state *s)
{
	settings_default(&s->set);
	char *conf = sq_datafile(&s->c, "waves.conf");
	int rc = settings_load(conf, &s->set, 0);
	free(conf);
	if (rc < 0 || (s->settings_path &&
	    settings_load(s->settings_path, &s->set, 1) < 0))
		return -1;
	if (s->opt_desks > 0)
		s->set.desks = s->opt_desks;
	if (s->opt_rate > 0)
		s->set.rate = s->opt_rate;
	if (s->opt_start >= 0)
		s->set.start = (int)s->opt_start;
	if (s->opt_slot > 0)
		s->set.eng.slot_minutes = (int)s->opt_slot;
	if (s->opt_teams > 0)
		s->set.eng.door_teams = (int)s->opt_teams;
	char rel[64];
	snprintf(rel, sizeof(rel), "waves/%s/words.conf", s->lang);
	s->words_path = sq_datafile(&s->c, rel);
	if (words_load(&s->words, s->words_path) < 0)
		return -1;

	if (s->date_given)
		s->day = sq_date_days(s->date);
	else
		s->day = sq_date_today(s->date, NULL);
	s->year = atoi(s->date);

	return 0;
}

/* Aliases, rejects, the site plan, the roster. */
static int
open_roster(struct state *s, const char *roster)
{
	s->c.tables = "households,rounds,waves";
	if ((s->aliases = sq_load_aliases(&s->c)) == NULL)
		return -1;
	s->c.in.aliases = s->aliases;
	s->c.in.canonical = 1;
	sq_strtab_init(&s->names);
	sq_strtab_init(&s->units);
	sq_strtab_init(&s->bkeys);
	sq_strtab_init(&s->points);
	s->res = sq_resolver_new_borrowed(key_of, s);
	if ((s->rj = sq_rejects_open(s->c.rejects)) == NULL)
		return -1;
	if (s->sites_path) {
		if (sq_sites_read(&s->sites, s->sites_path, &s->c.in) < 0)
			return -1;
		s->have_sites = 1;
	}
	if (load_households(s, roster) < 0) {
		sq_rejects_abort(s->rj);
		return -1;
	}
	return 0;
}

static void
state_free(struct state *s)
{
	free(s->unk);
	free(s->seen);
	free(s->point_rows);
	free(s->hh);
	free(s->bld);
	free(s->logs);
	free(s->set.door_flags);
	free(s->words_path);
	words_free(&s->words);
	sq_sites_free(&s->sites);
	sq_strtab_free(&s->names);
	sq_strtab_free(&s->units);
	sq_strtab_free(&s->bkeys);
	sq_strtab_free(&s->points);
	sq_resolver_free(s->res);
	sq_arena_free(&s->arena);
	sq_aliases_free(s->aliases);
}

int
main(int argc, char **argv)
{
	static struct state s;
	int failed;

	sq_start(argc, argv);
	const char *roster = parse_args(&s, argc, argv);
	if (configure(&s) < 0 || open_roster(&s, roster) < 0)
		return SQ_EXIT_USAGE;
	if (s.nlogs > 0)
		failed = run_missed(&s) < 0;
	else
		failed = run_plan(&s) < 0;
	if (sq_rejects_close(s.rj) < 0)
		failed = 1;
	state_free(&s);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
