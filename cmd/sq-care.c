/*
 * sq-care — one carer for every vulnerable household (一对一关爱), and a
 * greeting every day (每日一问候).
 *
 * Two jobs, one table between them:
 *   pairs:      HOUSEHOLDS + VOLUNTEERS (+ yesterday's pairs, the site plan)
 *               -> one row per household that needs a carer, with its carer
 *               and why (lib/care: a lexicographic min-cost flow);
 *   greetings:  PAIRS + the day's greeting log (+ the state of earlier days)
 *               -> the households not greeted today, how many days in a
 *               row, and the urgent ones (lib/greet), split per carer and
 *               per grid worker; the hours spent caring.
 * What needs care, which skill suits whom, alarming words and the wording
 * people read are data in share/care/.
 */
#include "sq-care/state.h"

static const char synopsis[] =
    "sq-care [-m max] [-k pairs] [-p sites] [-u file] [-L dir] "
    "HOUSEHOLDS VOLUNTEERS\n"
    "       sq-care -g log [-a] [-d date] [-s state] [-L dir] [-w hours] "
    "PAIRS";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Give every household that needs care (an elderly person living alone, a\n"
"disabled person, a pregnant woman, an infant: share/care/care.conf) one\n"
"carer: a volunteer of the same building if there is one, else of the same\n"
"grid, else the nearest; a carer with a skill the household needs (medical\n"
"for a chronic patient, sign language for a deaf one) first; nobody over\n"
"--max households.  Writes one row per household, with its carer and why,\n"
"or why there is none.  With --keep, yesterday's pairs stay and only the\n"
"households whose carer left are paired again.\n\n"
"With --greetings LOG, read the day's greeting log and the pairs, and write\n"
"the households not greeted today with the days in a row, the urgent ones\n"
"(an alarming note: 不舒服, 摔倒, 没药, 联系不上) first.\n\n", synopsis);
	printf(
"  -m, --max N              households per carer at most (default 4)\n"
"  -k, --keep PAIRS         yesterday's pairs: keep them\n"
"  -p, --sites FILE         buildings on the plan: site, x, y or lat, lon\n"
"  -u, --unpaired FILE      also write the households left without a carer\n"
"  -r, --rules FILE         more skill rules, read after share/skills.txt\n"
"  -c, --config FILE        settings read after share/care/care.conf\n"
"  -g, --greetings LOG      check the day's greetings against PAIRS\n"
"  -d, --date DATE          the day (default: today)\n"
"  -s, --state FILE         days greeted before: read it, and write it back\n"
"  -a, --all                every household, not only those to follow up\n"
"  -w, --hours FILE         hours spent caring per carer (the time bank)\n"
"  -L, --split DIR          a list (Chinese) per carer and per grid worker\n"
"  -Y, --summary FILE       counts for the bulletin, as JSON\n"
"  -Z, --zh                 write Chinese column names\n");
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-care -p sites.csv -k pairs-0409.csv households.csv volunteers.csv > pairs.csv\n"
"  sq-care -g 问候-0410.csv -d 2022-04-10 -s care-state.csv -L lists pairs.csv\n"
"  sq-care -u nobody.csv -L lists households.csv volunteers.csv > pairs.csv\n");
}

/* ---- main ----------------------------------------------------------------- */

static void
free_all(struct care *C)
{
	for (size_t i = 0; i < C->nh; i++) {
		sq_buf_free(&C->h[i].note);
		sq_buf_free(&C->h[i].how);
		sq_buf_free(&C->h[i].who);
	}
	free(C->h);
	free(C->k);
	free(C->b);
	sq_hmap_free(&C->hindex);
	sq_hmap_free(&C->kindex);
	if (C->res)
		sq_resolver_free(C->res);
	free(C->hname_home);
	free(C->kname_carer);
	free(C->kh_start);
	free(C->kh_list);
	sq_strtab_free(&C->comms);
	sq_strtab_free(&C->blds);
	sq_strtab_free(&C->grids);
	sq_strtab_free(&C->hname);
	sq_strtab_free(&C->kname);
	for (int i = 0; i < C->ncond; i++)
		free(C->cond[i].name);
	for (size_t i = 0; i < C->nwords; i++) {
		free(C->words[i].key);
		free(C->words[i].value);
	}
	free(C->words);
	struct list *l[2] = { &C->honorifics, &C->prefixes };
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < l[k]->n; i++)
			free(l[k]->v[i]);
		free(l[k]->v);
	}
	sq_keywords_free(C->notes);
	sq_keywords_free(C->alarms);
	sq_keywords_free(C->how);
	sq_skills_free(&C->skills);
	struct sq_aliases *al[4] = { C->al_hh, C->al_vol, C->al_care,
	    C->al_sites };
	for (int k = 0; k < 4; k++)
		if (al[k])
			sq_aliases_free(al[k]);
	sq_arena_free(&C->arena);
}

static struct sq_aliases *
aliases_for(struct care *C, const char *tables)
{
	C->c.tables = tables;
	struct sq_aliases *a = sq_load_aliases(&C->c);
	if (a == NULL) {
		free_all(C);
		exit(SQ_EXIT_USAGE);
	}
	return a;
}
static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	{ "max",       required_argument, NULL, 'm' },
	{ "keep",      required_argument, NULL, 'k' },
	{ "sites",     required_argument, NULL, 'p' },
	{ "unpaired",  required_argument, NULL, 'u' },
	{ "rules",     required_argument, NULL, 'r' },
	{ "config",    required_argument, NULL, 'c' },
	{ "greetings", required_argument, NULL, 'g' },
	{ "date",      required_argument, NULL, 'd' },
	{ "state",     required_argument, NULL, 's' },
	{ "all",       no_argument,       NULL, 'a' },
	{ "hours",     required_argument, NULL, 'w' },
	{ "split",     required_argument, NULL, 'L' },
	{ "summary",   required_argument, NULL, 'Y' },
	{ "zh",        no_argument,       NULL, 'Z' },
	{ "help",      no_argument,       NULL, 'h' },
	{ "version",   no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* what the options say: the run's, and the date, checked after */
struct args {
	struct care *C;
	const char *date;
};

/* One of sq-care's own options into the args (ctx). */
static void
option(void *ctx, int ch, char *arg)
{
	struct args *a = ctx;
	struct care *C = a->C;

	switch (ch) {
	case 'm':
		C->max = sq_opt_long(arg, 1, 1000, "--max", synopsis);
		C->max_set = 1;
		break;
	case 'k': C->keep = arg; break;
	case 'p': C->sites = arg; break;
	case 'u': C->unpaired = arg; break;
	case 'r': C->rules = arg; break;
	case 'c': C->config = arg; break;
	case 'g': C->log = arg; break;
	case 'd': a->date = arg; break;
	case 's': C->state = arg; break;
	case 'a': C->all = 1; break;
	case 'w': C->hours = arg; break;
	case 'L': C->split = arg; break;
	case 'Y': C->summary = arg; break;
	case 'Z': C->zh = 1; break;
	}
}

/* The defaults, the options, checked together; the files named. */
static char **
parse_args(struct care *C, int argc, char **argv)
{
	static const struct sq_prog prog = { synopsis,
	    "m:k:p:u:r:c:g:d:s:aw:L:Y:Z", longopts, 0, usage, option };
	struct args a = { C, NULL };

	sq_common_init(&C->c);
	C->max = 4;
	C->urgent_after = 2;
	C->minutes[0] = 15;
	C->minutes[1] = 5;
	C->minutes[2] = 10;
	C->minutes[3] = 10;
	sq_strtab_init(&C->comms);
	sq_strtab_init(&C->blds);
	sq_strtab_init(&C->grids);
	sq_strtab_init(&C->hname);
	sq_strtab_init(&C->kname);
	sq_hmap_init(&C->hindex, home_key, C);
	sq_hmap_init(&C->kindex, carer_key, C);
	int first = sq_prog_options(&prog, &C->c, &a, argc, argv);
	argc -= first;
	argv += first;
	if (C->log) {
		if (argc != 1)
			sq_usage_error(synopsis, argc < 1 ? "give the pairs "
			    "table (what sq-care HOUSEHOLDS VOLUNTEERS wrote)" :
			    "too many files: with --greetings, only the pairs");
		if (C->keep || C->sites || C->unpaired || C->max_set)
			sq_usage_error(synopsis, "--keep, --sites, --unpaired "
			    "and --max are for pairing, not --greetings");
		if (strcmp(C->log, "-") == 0 && strcmp(argv[0], "-") == 0)
			sq_usage_error(synopsis, "only one of the log and the "
			    "pairs can be standard input");
	} else {
		if (argc != 2)
			sq_usage_error(synopsis, argc < 2 ? "give the households "
			    "and the volunteers tables" : "too many files");
		if (C->state || C->all || C->hours)
			sq_usage_error(synopsis, "--state, --all and --hours "
			    "are for --greetings");
		if (strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0)
			sq_usage_error(synopsis, "only one of the tables can be "
			    "standard input");
	}
	if (a.date) {
		const char *why = NULL;
		if (sq_date_parse(a.date, strlen(a.date), 0, C->date, &why) !=
		    SQ_VAL_OK)
			sq_usage_error(synopsis, "--date '%s': %s", a.date,
			    why ? why : "not a date");
		C->day = sq_date_days(C->date);
	} else
		C->day = sq_date_today(C->date, NULL);
	C->year = atoi(C->date);

	return argv;
}

int
main(int argc, char **argv)
{
	static struct care C;

	sq_start(argc, argv);
	char **files = parse_args(&C, argc, argv);
	int rc = load_rules(&C);
	if (rc == 0) {
		C.al_hh = aliases_for(&C, "households");
		C.al_vol = aliases_for(&C, "volunteers");
		C.al_care = aliases_for(&C, "care");
		C.al_sites = aliases_for(&C, "rounds");
		if ((C.rj = sq_rejects_open(C.c.rejects)) == NULL)
			rc = -1;
	}
	if (rc == 0)
		rc = C.log ? run_greetings(&C, files[0]) :
		    run_pairs(&C, files[0], files[1]);
	if (C.rj) {
		if (rc < 0)
			sq_rejects_abort(C.rj);
		else if (sq_rejects_close(C.rj) < 0)
			rc = -1;
	}
	free_all(&C);
	int status = sq_diag_finish();
	return rc < 0 ? SQ_EXIT_USAGE : rc > 0 ? SQ_EXIT_DATA : status;
}
