/*
 * sq-match — put each volunteer where their background counts, in shifts
 * people can keep.
 *
 * Read the volunteers and the posts, turn free-text professions into skills
 * through the rules in share/skills.txt, and assign people to post-shifts:
 * as many filled seats as possible, then the best fit (exact skill over a
 * related one, the post's team, the home building), then hours spread
 * evenly.  With --check, validate a plan made by hand against the same
 * rules instead.
 *
 * The method (see sq-match(1), METHOD):
 *   post-shifts with the same time, skill, training and team form a class;
 *   a flow network source -> person -> person-week -> person-day -> class
 *   -> sink, whose capacities are upper bounds on what a person can do in a
 *   week and a day, is a relaxation of the problem: its maximum flow is an
 *   upper bound on the seats any plan can fill.  A min-cost maximum flow
 *   (lib/mcmf) gives the fit and fairness; where it puts one person on two
 *   conflicting shifts or past their hours, the person keeps the best
 *   feasible part (the repair), the plan is completed by feasible
 *   insertions, and a depth-first branch and bound on the same relaxation
 *   closes the gap when the network is small enough and the node budget
 *   allows.  The bound is printed with the summary.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "avail.h"
#include "diag.h"
#include "mcmf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "shifts.h"
#include "skills.h"
#include "text.h"
#include "value.h"
#include "words.h"
#include "writer.h"

#include "sq-match/match.h"

static const char synopsis[] =
    "sq-match [options] [-c PLAN] VOLUNTEERS POSTS";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Assign volunteers to post-shifts: nobody on two overlapping shifts, past\n"
"their hours or outside their availability; shifts within the length allowed\n"
"for staff and volunteers, with a rest gap between them; untrained people\n"
"only where the post allows it, skilled posts only to people with the skill.\n"
"First as many seats filled as possible, then the best fit, then hours\n"
"spread evenly; the same input gives the same plan.  Writes the assignments\n"
"table; the summary on stderr gives the upper bound on seats any plan can\n"
"fill.  With --check PLAN, list every rule a hand-made plan breaks instead.\n\n",
	    synopsis);
	printf(
"  -c, --check PLAN         validate PLAN (an assignments table) and write\n"
"                           its violations instead of making a plan\n"
"  -u, --unfilled FILE      write the seats left empty, and why\n"
"  -w, --hours FILE         write hours and shifts per volunteer (time bank)\n"
"  -A, --care-hours FILE    add the hours spent caring (sq-care --hours)\n"
"  -x, --explain            add a 'why' column: why this person got the post\n"
"  -r, --rules FILE         more skill rules, read after share/skills.txt\n"
"  -g, --rest HOURS         rest between two shifts of one person (default 8)\n"
"  -s, --staff-shift HOURS  longest shift for staff (default 8)\n"
"  -v, --volunteer-shift MIN-MAX  shift length for volunteers (default 4-6)\n"
"  -d, --day-hours HOURS    daily limit when max_hours is empty (default:\n"
"                           the longest shift of the person's role)\n"
"  -n, --headcount N        people per shift when headcount is empty\n"
"                           (default 2)\n"
"  -e, --effort N           branch and bound nodes at most (default 20000;\n"
"                           0: none)\n"
"  -t, --date DATE          the day of posts given by times only (default:\n"
"                           today)\n"
"  -f, --shifts FILE        more named shifts, after share/match/shifts.conf\n"
"  -T, --trained-default yes|no  training of those the volunteers table\n"
"                           does not say (default: not trained)\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-match -u unfilled.csv -w hours.csv volunteers.csv posts.csv > plan.csv\n"
"  sq-match -x volunteers.csv posts.csv | sq-cat -o json\n"
"  sq-match -c plan-by-hand.csv volunteers.csv posts.csv\n");
}

/* ------------------------------------------------------------------ */

static long
opt_hours(const char *arg, long min, long max, const char *what)
{
	double h;

	if (sq_double_parse(arg, strlen(arg), &h) != SQ_VAL_OK ||
	    h * 60 < min - 1e-9 || h * 60 > max + 1e-9)
		sq_usage_error(synopsis, "%s takes hours from %ld to %ld, not "
		    "'%s'", what, min / 60, max / 60, arg);
	return (long)(h * 60 + 0.5);
}

static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	{ "check",           required_argument, NULL, 'c' },
	{ "unfilled",        required_argument, NULL, 'u' },
	{ "hours",           required_argument, NULL, 'w' },
	{ "care-hours",      required_argument, NULL, 'A' },
	{ "explain",         no_argument,       NULL, 'x' },
	{ "rules",           required_argument, NULL, 'r' },
	{ "rest",            required_argument, NULL, 'g' },
	{ "staff-shift",     required_argument, NULL, 's' },
	{ "volunteer-shift", required_argument, NULL, 'v' },
	{ "day-hours",       required_argument, NULL, 'd' },
	{ "headcount",       required_argument, NULL, 'n' },
	{ "effort",          required_argument, NULL, 'e' },
	{ "date",            required_argument, NULL, 't' },
	{ "shifts",          required_argument, NULL, 'f' },
	{ "trained-default", required_argument, NULL, 'T' },
	SQ_LANG_LONGOPTS,
	{ "help",            no_argument,       NULL, 'h' },
	{ "version",         no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* One of sq-match's own options into the context. */
static void
option(void *ctx, int ch, char *arg)
{
	struct ctx *C = ctx;
	char *dash;

	switch (ch) {
	case 'c':
		C->check = arg;
		break;
	case 'u':
		C->unfilled = arg;
		break;
	case 'w':
		C->hours = arg;
		break;
	case 'A':
		C->care_hours = arg;
		break;
	case 'x':
		C->explain = 1;
		break;
	case 'r':
		C->rules_file = arg;
		break;
	case 'g':
		C->rest = opt_hours(arg, 0, DAYMIN, "--rest");
		break;
	case 's':
		C->staff_max = opt_hours(arg, 1, DAYMIN,
		    "--staff-shift");
		break;
	case 'v':
		if ((dash = strchr(arg, '-')) == NULL)
			sq_usage_error(synopsis, "--volunteer-shift "
			    "takes MIN-MAX hours, like 4-6, not '%s'",
			    arg);
		*dash = '\0';
		C->vol_min = opt_hours(arg, 1, DAYMIN,
		    "--volunteer-shift");
		C->vol_max = opt_hours(dash + 1, 1, DAYMIN,
		    "--volunteer-shift");
		*dash = '-';
		if (C->vol_min > C->vol_max)
			sq_usage_error(synopsis, "--volunteer-shift "
			    "%s: the minimum is above the maximum",
			    arg);
		break;
	case 'd':
		C->day_default = opt_hours(arg, 1, DAYMIN,
		    "--day-hours");
		break;
	case 'n':
		C->headcount = sq_opt_long(arg, 0, 1000,
		    "--headcount", synopsis);
		break;
	case 'e':
		C->effort = sq_opt_long(arg, 0, 100000, "--effort",
		    synopsis);
		break;
	case 't': {
		char ymd[11];
		const char *why = NULL;
		if (sq_date_parse(arg, strlen(arg), 0, ymd,
		    &why) != SQ_VAL_OK)
			sq_usage_error(synopsis, "--date '%s': %s",
			    arg, why ? why : "not a date");
		C->date = sq_date_days(ymd);
		break;
	}
	case 'f':
		C->shifts_file = arg;
		break;
	case 'T':
		if ((C->trained_default = sq_bool_parse(arg,
		    strlen(arg))) < 0)
			sq_usage_error(synopsis, "--trained-default "
			    "takes yes or no, not '%s'", arg);
		break;
	}
}

int
main(int argc, char **argv)
{
	static const struct sq_prog prog = { synopsis,
	    "c:u:w:A:xr:g:s:v:d:n:e:t:f:T:", longopts, SQ_PROG_LANG, usage,
	    option };
	struct ctx ctx, *C = &ctx;	/* the run's, passed to every part */

	sq_start(argc, argv);
	ctx_init(C);
	int first = sq_prog_options(&prog, &C->c, C, argc, argv);
	argc -= first;
	argv += first;
	if (argc != 2)
		sq_usage_error(synopsis, argc < 2 ? "give the volunteers and "
		    "the posts tables" : "too many files");
	C->volfile = argv[0];
	C->postfile = argv[1];
	if (strcmp(C->volfile, "-") == 0 && strcmp(C->postfile, "-") == 0)
		sq_usage_error(synopsis, "only one of the tables can be "
		    "standard input");
	return run(C);
}
