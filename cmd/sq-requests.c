/*
 * sq-requests — residents' requests classified, owned, timed and closed.
 *
 * The events log is read first into one small state a request (its status,
 * owner and a few times); the requests then stream past, each classified,
 * timed and written at once.  Only the open requests (for the queue and
 * the overdue list) and the day's texts (for the repeated questions, at
 * most --max-texts) are kept.
 */
#include "sq-requests/requests.h"

static const char synopsis[] =
    "sq-requests [-xZ] [-e events] [-n time] [-r rules] [-Q file] "
    "[-X file] [-T file] [-t N] [-s X] [-m N] [-w N] [-P table] [requests]";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Read the requests log (time, household or address, free text) and the\n"
"events log (assigned, responded, solved, feedback, closed, reopened), and\n"
"write the requests table: each request's category and urgency from the\n"
"keyword rules, its status, owner, due time, age and whether it is overdue.\n"
"The open queue, the overdue list and the day's topics (counts a category\n"
"and the most repeated questions, with no names, phones or addresses) go\n"
"to files of their own.  With no requests file, read standard input.\n\n",
	    synopsis);
	printf(
"  -e, --events FILE        the events log (default: none, all new)\n"
"  -n, --now TIME           the time ages are measured at, YYYY-MM-DD HH:MM\n"
"                           (default: now); its day is the topics' day\n"
"  -r, --rules FILE         more keyword rules, after requests/rules.txt\n"
"  -Q, --queue FILE         open requests by owner, the urgent first\n"
"  -X, --overdue FILE       open requests past a deadline, the latest first\n"
"  -T, --topics FILE        the day's counts and repeated questions, JSON\n"
"  -t, --top N              repeated questions in the topics (default 10)\n"
"  -s, --similar X          texts this alike are one question (default 0.5)\n"
"  -m, --min-count N        texts a repeated question needs (default 2;\n"
"                           3 in sensitive categories)\n"
"  -w, --max-texts N        texts of the day grouped, at most (default 5000)\n"
"  -P, --people TABLE       a roster or volunteers table: their names are\n"
"                           masked in the topics (repeatable)\n"
"  -x, --explain            add a column with the keywords found\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-requests -e events.csv -n '2022-04-10 18:00' requests.csv > out.csv\n"
"  sq-requests -e events.csv -Q queue.csv -X overdue.csv -T topics.json \\\n"
"      -O requests-out.csv requests.csv\n"
"  printf 'text\\n孩子发烧39度 一直哭\\n' | sq-requests -x\n");
}

static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	{ "events",    required_argument, NULL, 'e' },
	{ "now",       required_argument, NULL, 'n' },
	{ "rules",     required_argument, NULL, 'r' },
	{ "queue",     required_argument, NULL, 'Q' },
	{ "overdue",   required_argument, NULL, 'X' },
	{ "topics",    required_argument, NULL, 'T' },
	{ "top",       required_argument, NULL, 't' },
	{ "similar",   required_argument, NULL, 's' },
	{ "min-count", required_argument, NULL, 'm' },
	{ "max-texts", required_argument, NULL, 'w' },
	{ "explain",   no_argument,       NULL, 'x' },
	SQ_LANG_LONGOPTS,
	{ "people",    required_argument, NULL, 'P' },
	{ "help",      no_argument,       NULL, 'h' },
	{ "version",   no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* One of sq-requests' own options into the state. */
static void
option(void *ctx, int ch, char *arg)
{
	struct state *s = ctx;
	const char *why;

	switch (ch) {
	case 'e': s->events_path = arg; break;
	case 'n':
		s->now = parse_when(arg, strlen(arg), 0, &why);
		if (s->now == NO_TIME)
			sq_usage_error(synopsis, "--now '%s': %s", arg, why);
		break;
	case 'r': s->rules_path = arg; break;
	case 'Q': s->queue_path = arg; break;
	case 'X': s->overdue_path = arg; break;
	case 'T': s->topics_path = arg; break;
	case 't':
		s->top = (int)sq_opt_long(arg, 0, 1000, "--top", synopsis);
		break;
	case 's':
		if (sq_double_parse(arg, strlen(arg), &s->similar) !=
		    SQ_VAL_OK || s->similar <= 0 || s->similar > 1)
			sq_usage_error(synopsis, "--similar is a number above "
			    "0 and at most 1, not '%s'", arg);
		break;
	case 'm':
		s->min_count = (int)sq_opt_long(arg, 2, 1000, "--min-count",
		    synopsis);
		break;
	case 'w':
		s->max_texts = sq_opt_long(arg, 0, 1000000, "--max-texts",
		    synopsis);
		break;
	case 'x': s->explain = 1; break;
	case 'P':
		s->people = sq_xrealloc(s->people, (s->npeople + 1) *
		    sizeof(*s->people));
		s->people[s->npeople++] = arg;
		break;
	}
}

int
main(int argc, char **argv)
{
	static const struct sq_prog prog = { synopsis,
	    "e:n:r:Q:X:T:t:s:m:w:xP:", longopts, SQ_PROG_LANG, usage, option };
	struct state s;		/* the run's, passed to every part */

	sq_start(argc, argv);
	memset(&s, 0, sizeof(s));
	sq_common_init(&s.c);
	s.now = NO_TIME;
	s.top = 10;
	s.similar = 0.5;
	s.min_count = 2;
	s.max_texts = 5000;
	int first = sq_prog_options(&prog, &s.c, &s, argc, argv);
	argc -= first;
	argv += first;
	if (argc > 1)
		sq_usage_error(synopsis, "one requests log at a time");
	return run(&s, argc ? argv[0] : "-");
}
