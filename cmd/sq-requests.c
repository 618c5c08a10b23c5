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

int
main(int argc, char **argv)
{
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
	static struct state s;
	const char *why;
	int ch, failed = 0;

	sq_start(argc, argv);
	sq_common_init(&s.c);
	s.now = NO_TIME;
	s.top = 10;
	s.similar = 0.5;
	s.min_count = 2;
	s.max_texts = 5000;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":" SQ_COMMON_SHORTOPTS
	    "e:n:r:Q:X:T:t:s:m:w:xP:" SQ_LANG_SHORTOPTS "hV", longopts,
	    NULL)) != -1) {
		if (sq_common_opt(&s.c, ch, optarg, synopsis) ||
		    sq_lang_opt(&s.c, ch, optarg, synopsis))
			continue;
		switch (ch) {
		case 'e': s.events_path = optarg; break;
		case 'n':
			s.now = parse_when(optarg, strlen(optarg), 0, &why);
			if (s.now == NO_TIME)
				sq_usage_error(synopsis, "--now '%s': %s", optarg,
				    why);
			break;
		case 'r': s.rules_path = optarg; break;
		case 'Q': s.queue_path = optarg; break;
		case 'X': s.overdue_path = optarg; break;
		case 'T': s.topics_path = optarg; break;
		case 't':
			s.top = (int)sq_opt_long(optarg, 0, 1000, "--top",
			    synopsis);
			break;
		case 's':
			if (sq_double_parse(optarg, strlen(optarg), &s.similar)
			    != SQ_VAL_OK || s.similar <= 0 || s.similar > 1)
				sq_usage_error(synopsis, "--similar is a number "
				    "above 0 and at most 1, not '%s'", optarg);
			break;
		case 'm':
			s.min_count = (int)sq_opt_long(optarg, 2, 1000,
			    "--min-count", synopsis);
			break;
		case 'w':
			s.max_texts = sq_opt_long(optarg, 0, 1000000,
			    "--max-texts", synopsis);
			break;
		case 'x': s.explain = 1; break;
		case 'P':
			s.people = sq_xrealloc(s.people, (s.npeople + 1) *
			    sizeof(*s.people));
			s.people[s.npeople++] = optarg;
			break;
		case 'h': usage(); return 0;
		case 'V': sq_print_version(); return 0;
		default:
			sq_bad_option(synopsis, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		sq_usage_error(synopsis, "one requests log at a time");
	if (s.now == NO_TIME)
		s.now = now_default();
	s.nowday = (int)(s.now / 1440);

	/* the queue and the overdue list are for the staff: their language */
	if ((s.queue_path || s.overdue_path) && (s.words = sq_words_open(
	    sq_datadir(&s.c), "requests", sq_lang(&s.c))) == NULL)
		return SQ_EXIT_USAGE;
	s.c.tables = "requests";
	if ((s.aliases = sq_load_aliases(&s.c)) == NULL)
		return SQ_EXIT_USAGE;
	s.c.in.aliases = s.aliases;
	s.c.in.canonical = 1;
	s.triage = sq_triage_load(sq_datadir(&s.c), s.rules_path, NULL);
	int bad = s.triage == NULL;
	if (s.triage)
		s.rules = sq_triage_rules(s.triage);
	sq_hmap_init(&s.index, req_key, &s);
	if (bad || load_categories(&s) < 0) {
		free_state(&s);
		return SQ_EXIT_USAGE;
	}
	s.urgent_label = sq_classify_find(s.rules, "urgent");
	char *mpath = sq_datafile(&s.c, "mask.txt");
	s.mask = sq_mask_load(mpath);
	free(mpath);
	for (size_t i = 0; s.mask && i < s.npeople; i++)
		if (sq_mask_add_table(s.mask, s.people[i], &s.c.in) < 0) {
			sq_mask_free(s.mask);
			s.mask = NULL;
		}
	if (s.mask == NULL) {
		free_state(&s);
		return SQ_EXIT_USAGE;
	}

	if ((s.rj = sq_rejects_open(s.c.rejects)) == NULL) {
		free_state(&s);
		return SQ_EXIT_USAGE;
	}
	struct sq_reader *r = sq_reader_open(argc ? argv[0] : "-", &s.c.in);
	if (r == NULL || (s.events_path && read_events(&s) < 0)) {
		if (r)
			sq_reader_close(r);
		sq_rejects_abort(s.rj);
		free_state(&s);
		return SQ_EXIT_USAGE;
	}
	sq_rejects_table(s.rj, "requests", sq_reader_rawheader(r));
	struct sq_writer *w = sq_writer_open(s.c.output, &s.c.out);
	if (w == NULL) {
		sq_reader_close(r);
		sq_rejects_abort(s.rj);
		free_state(&s);
		return SQ_EXIT_USAGE;
	}
	/* --strict: a problem in the events stops before the requests */
	int stopped = s.c.strict && sq_diag_status();
	if (!stopped && read_requests(&s, r, w) < 0)
		failed = 1;
	else if (s.c.strict && sq_diag_status())
		stopped = 1;
	sq_reader_close(r);

	/* stopped early, the requests not read are not unknown */
	if (!failed && !stopped)
		reject_unknown_events(&s);
	long evrej = sq_rejects_table_count(s.rj, "events");

	if (failed || stopped) {
		sq_writer_abort(w);
		/* --strict keeps the rejects, as every program: they say
		   what to fix */
		if (failed)
			sq_rejects_abort(s.rj);
		else if (sq_rejects_close(s.rj) < 0)
			failed = 1;
		if (stopped)
			sq_note("stopped at the first data problem (--strict); "
			    "no output written");
	} else {
		if (sq_writer_close(w) < 0)
			failed = 1;
		if (!failed && s.queue_path && write_list(&s, s.queue_path, 0) < 0)
			failed = 1;
		if (!failed && s.overdue_path &&
		    write_list(&s, s.overdue_path, 1) < 0)
			failed = 1;
		if (!failed && s.topics_path && write_topics(&s) < 0)
			failed = 1;
		if (sq_rejects_close(s.rj) < 0)
			failed = 1;
	}
	if (s.texts_skipped)
		sq_note("%ld texts of the day beyond --max-texts %ld were "
		    "counted but not grouped", s.texts_skipped, s.max_texts);
	if (!stopped)	/* nothing was written: no count to check */
		sq_note("%ld requests read: %ld written (%ld open, %ld "
		    "urgent, %ld overdue), %ld rejected; %ld events read: "
		    "%ld applied, %ld ignored, %ld rejected, %ld requests "
		    "unknown", s.rows, s.written, s.nopenreq, s.urgent,
		    s.overdue, s.rows - s.written, s.ev_rows, s.ev_applied,
		    s.ev_ignored, evrej, s.ev_unknown);
	free_state(&s);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
