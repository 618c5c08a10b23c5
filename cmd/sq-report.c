/*
 * sq-report — the daily bulletin (社区疫情日报): the day's aggregate numbers
 * from the other programs' outputs, the committee's notices and answers,
 * rendered through templates in share/report/ as a WeChat post, Markdown,
 * one self-contained HTML page with SVG charts, or JSON.
 *
 * Privacy by construction: only aggregate fields are read (counts per
 * building from sq-flag's summary, counts per round, per post, per item,
 * per category); name, phone and household columns are never looked at.
 * Every figure then goes through disclosure control (render/publish.c over
 * render/disclose.c) before a template, a chart or the JSON sees it: small
 * counts as "<3", and whatever else would let a reader work one out in a
 * band; what the committee wrote is scrubbed of names and numbers
 * (rules/mask.c).
 */
#include "sq-report/report.h"

static const char synopsis[] =
    "sq-report [-f format] [-c config] [-n notices] [-d date] [-l lang] "
    "[-t threshold] [-m chars] [-p plan] [-s summary] [-r rounds] "
    "[-a assignments] [-u unfilled] [-k stock] [-w requests] [-P table] "
    "[-A file:line] [DIR]";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Write the daily bulletin from the day's outputs of the other programs: the\n"
"check-in summary of sq-flag, the delivery rounds of sq-rounds, the shifts\n"
"and unfilled posts of sq-match and, when given, the stock levels and the\n"
"request counts; with the committee's notices and answers and the\n"
"community's settings.  Only counts are read, never names or phones; no\n"
"figure lets a reader work out fewer than 3 households (counts below the\n"
"threshold are \"<3\", others in bands where needed).  Files not given\n"
"are looked for in DIR by their usual names (summary.json, rounds.csv,\n"
"assignments.csv, unfilled.csv, levels.csv, topics.json or topics.csv,\n"
"care.json, waves.json, waves-plan.json, "
"community.conf, "
"notices.txt); a section without its input is left out.\n\n", synopsis);
	printf(
"  -f, --format FMT         text (a WeChat post), markdown, html or json\n"
"  -c, --config FILE        the community's settings (name, hotline, plan)\n"
"  -n, --notices FILE       the committee's notices and answers\n"
"  -d, --date DATE          the day reported (default: the summary's)\n"
"  -l, --lang LANG          templates of share/report/LANG (default zh)\n"
"  -t, --threshold N        smallest count shown per building (default 3)\n"
"  -m, --max-chars N        longest text post (default 1000)\n"
"  -p, --plan FILE          building coordinates: site,x,y (sites.csv)\n"
"  -s, --summary FILE       sq-flag's summary.json\n"
"  -r, --rounds FILE        sq-rounds' rounds.csv\n"
"  -a, --assignments FILE   sq-match's assignments.csv\n"
"  -u, --unfilled FILE      sq-match's unfilled.csv\n"
"  -k, --stock FILE         stock levels: item,qty,unit,threshold,...\n"
"  -w, --requests FILE      request counts: category,count, or the\n"
"                           topics.json of sq-requests\n"
"  -g, --care FILE          sq-care's summary (care.json)\n"
"  -T, --waves FILE         sq-waves' summary: of the missed (waves.json),\n"
"                           of the plan (waves-plan.json), or both (-T -T)\n"
"  -P, --people TABLE       the roster or the volunteers: their names are\n"
"                           masked in the notices and settings (repeatable)\n"
"  -A, --allow FILE:LINE    publish that line of the notices or settings as\n"
"                           written, names and numbers in it (repeatable)\n"
"  -x, --absent SEC=WHY     say that section SEC (checkin, deliveries, posts,\n"
"                           stock, requests, care) is missing and why: WHY is\n"
"                           a word of words.conf, absent_WHY (repeatable)\n");
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-report -f text -c community.conf -n notices.txt out/ > post.txt\n"
"  sq-report -f html -O bulletin.html -c community.conf out/\n"
"  sq-report -f json -s summary.json | jq .checkin\n");
}

static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	{ "format",      required_argument, NULL, 'f' },
	{ "config",      required_argument, NULL, 'c' },
	{ "notices",     required_argument, NULL, 'n' },
	{ "date",        required_argument, NULL, 'd' },
	{ "lang",        required_argument, NULL, 'l' },
	{ "threshold",   required_argument, NULL, 't' },
	{ "max-chars",   required_argument, NULL, 'm' },
	{ "plan",        required_argument, NULL, 'p' },
	{ "summary",     required_argument, NULL, 's' },
	{ "rounds",      required_argument, NULL, 'r' },
	{ "assignments", required_argument, NULL, 'a' },
	{ "unfilled",    required_argument, NULL, 'u' },
	{ "stock",       required_argument, NULL, 'k' },
	{ "requests",    required_argument, NULL, 'w' },
	{ "care",        required_argument, NULL, 'g' },
	{ "waves",       required_argument, NULL, 'T' },
	{ "people",      required_argument, NULL, 'P' },
	{ "allow",       required_argument, NULL, 'A' },
	{ "absent",      required_argument, NULL, 'x' },
	{ "help",        no_argument,       NULL, 'h' },
	{ "version",     no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static enum fmt
opt_format(const char *arg)
{
	for (size_t i = 0; i < 4; i++)
		if (strcmp(arg, fmt_names[i]) == 0 ||
		    (i == F_TEXT && strcmp(arg, "txt") == 0) ||
		    (i == F_MARKDOWN && strcmp(arg, "md") == 0))
			return (enum fmt)i;
	sq_usage_error(synopsis, "--format is text, markdown, html or json, "
	    "not '%s'", arg);
}

/* One of sq-report's own options into the run. */
static void
option(void *ctx, int ch, char *arg)
{
	struct report *R = ctx;
	const char *why;

	switch (ch) {
	case 'f': R->fmt = opt_format(arg); break;
	case 'c': R->config = arg; break;
	case 'n': R->notices = arg; break;
	case 'd':
		if (sq_date_parse(arg, strlen(arg), 0, R->date, &why) !=
		    SQ_VAL_OK)
			sq_usage_error(synopsis, "--date '%s': %s", arg, why);
		R->date_set = 1;
		break;
	case 'x':
		if (strchr(arg, '=') == NULL || R->nabsent == 16)
			sq_usage_error(synopsis, "--absent takes SECTION=REASON "
			    "(at most 16), not '%s'", arg);
		R->absent[R->nabsent++] = arg;
		break;
	case 'l':
		if (strchr(arg, '/') || arg[0] == '.' || !*arg)
			sq_usage_error(synopsis, "--lang is a name like zh or "
			    "en, not '%s'", arg);
		R->lang = arg;
		break;
	case 't':
		R->threshold = sq_opt_long(arg, 1, 1000, "--threshold",
		    synopsis);
		R->threshold_set = 1;
		break;
	case 'm':
		R->max_chars = sq_opt_long(arg, 200, 1000000, "--max-chars",
		    synopsis);
		R->max_chars_set = 1;
		break;
	case 'p': R->plan = arg; break;
	case 's': R->summary = arg; break;
	case 'r': R->rounds = arg; break;
	case 'a': R->assignments = arg; break;
	case 'u': R->unfilled = arg; break;
	case 'k': R->stock = arg; break;
	case 'w': R->requests = arg; break;
	case 'g': R->care = arg; break;
	case 'T':
		if (R->waves[1])
			sq_usage_error(synopsis, "--waves is given at most "
			    "twice (the missed and the plan)");
		R->waves[R->waves[0] != NULL] = arg;
		break;
	case 'P':
		R->people = sq_xrealloc(R->people, (R->npeople + 1) *
		    sizeof(*R->people));
		R->people[R->npeople++] = arg;
		break;
	case 'A':
		if (allow_add(R, arg) < 0)
			sq_usage_error(synopsis, "--allow takes FILE:LINE or "
			    "LINE (of the notices), not '%s'", arg);
		break;
	}
}

int
main(int argc, char **argv)
{
	static const struct sq_prog prog = { synopsis,
	    "f:c:n:d:l:t:m:p:s:r:a:u:k:w:g:T:P:A:x:", longopts, 0, usage,
	    option };
	static struct report R;

	sq_start(argc, argv);
	report_init(&R);
	int first = sq_prog_options(&prog, &R.c, &R, argc, argv);
	argc -= first;
	argv += first;
	if (argc > 1)
		sq_usage_error(synopsis, "give at most one folder of the day's "
		    "outputs");
	R.dir = argc ? argv[0] : NULL;
	if (stdin_inputs(&R) > 1)
		sq_usage_error(synopsis, "only one of the tables can be "
		    "standard input");
	return run(&R);
}
