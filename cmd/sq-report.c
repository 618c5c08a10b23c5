/*
 * sq-report — the daily bulletin (社区疫情日报): the day's aggregate numbers
 * from the other programs' outputs, the committee's notices and answers,
 * rendered through templates in share/report/ as a WeChat post, Markdown,
 * one self-contained HTML page with SVG charts, or JSON.
 *
 * Privacy by construction: only aggregate fields are read (counts per
 * building from sq-flag's summary, counts per round, per post, per item,
 * per category); name, phone and household columns are never looked at.
 * Every figure then goes through disclosure control (lib/publish.c over
 * lib/disclose.c) before a template, a chart or the JSON sees it: small
 * counts as "<3", and whatever else would let a reader work one out in a
 * band; what the committee wrote is scrubbed of names and numbers
 * (lib/mask.c).
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "kvconf.h"
#include "mask.h"
#include "notices.h"
#include "opts.h"
#include "publish.h"
#include "reader.h"
#include "svg.h"
#include "template.h"
#include "text.h"
#include "value.h"
#include "writer.h"

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

static const char *const fmt_names[] = { "text", "markdown", "html", "json" };
static const char *const fmt_ext[] = { "txt", "md", "html", NULL };

int
main(int argc, char **argv)
{
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
	static struct report R;
	char *owned[14] = { 0 };
	const char *why;
	int ch, failed = 0, fmt_set = 0;

	sq_start(argc, argv);
	sq_common_init(&R.c);
	R.threshold = 3;
	R.max_chars = 1000;
	R.top = 5;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":" SQ_COMMON_SHORTOPTS
	    "f:c:n:d:l:t:m:p:s:r:a:u:k:w:g:T:P:A:x:hV", longopts, NULL)) != -1) {
		if (sq_common_opt(&R.c, ch, optarg, synopsis))
			continue;
		switch (ch) {
		case 'f': {
			size_t i;
			for (i = 0; i < 4; i++)
				if (strcmp(optarg, fmt_names[i]) == 0 ||
				    (i == F_TEXT && strcmp(optarg, "txt") == 0) ||
				    (i == F_MARKDOWN && strcmp(optarg, "md") == 0))
					break;
			if (i == 4)
				sq_usage_error(synopsis, "--format is text, "
				    "markdown, html or json, not '%s'", optarg);
			R.fmt = (enum fmt)i;
			fmt_set = 1;
			break;
		}
		case 'c': R.config = optarg; break;
		case 'n': R.notices = optarg; break;
		case 'd':
			if (sq_date_parse(optarg, strlen(optarg), 0, R.date,
			    &why) != SQ_VAL_OK)
				sq_usage_error(synopsis, "--date '%s': %s",
				    optarg, why);
			R.date_set = 1;
			break;
		case 'x':
			if (strchr(optarg, '=') == NULL || R.nabsent == 16)
				sq_usage_error(synopsis, "--absent takes "
				    "SECTION=REASON (at most 16), not '%s'",
				    optarg);
			R.absent[R.nabsent++] = optarg;
			break;
		case 'l':
			if (strchr(optarg, '/') || optarg[0] == '.' || !*optarg)
				sq_usage_error(synopsis, "--lang is a name like "
				    "zh or en, not '%s'", optarg);
			R.lang = optarg;
			break;
		case 't':
			R.threshold = sq_opt_long(optarg, 1, 1000, "--threshold",
			    synopsis);
			R.threshold_set = 1;
			break;
		case 'm':
			R.max_chars = sq_opt_long(optarg, 200, 1000000,
			    "--max-chars", synopsis);
			R.max_chars_set = 1;
			break;
		case 'p': R.plan = optarg; break;
		case 's': R.summary = optarg; break;
		case 'r': R.rounds = optarg; break;
		case 'a': R.assignments = optarg; break;
		case 'u': R.unfilled = optarg; break;
		case 'k': R.stock = optarg; break;
		case 'w': R.requests = optarg; break;
		case 'g': R.care = optarg; break;
		case 'T':
			if (R.waves[1])
				sq_usage_error(synopsis, "--waves is given at "
				    "most twice (the missed and the plan)");
			R.waves[R.waves[0] != NULL] = optarg;
			break;
		case 'P':
			R.people = sq_xrealloc(R.people, (R.npeople + 1) *
			    sizeof(*R.people));
			R.people[R.npeople++] = optarg;
			break;
		case 'A':
			if (allow_add(&R, optarg) < 0)
				sq_usage_error(synopsis, "--allow takes FILE:LINE "
				    "or LINE (of the notices), not '%s'", optarg);
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
		sq_usage_error(synopsis, "give at most one folder of the day's "
		    "outputs");
	(void)fmt_set;
	R.dir = argc ? argv[0] : NULL;
	if (R.dir && access(R.dir, X_OK) != 0) {
		sq_error("%s: %s", R.dir, strerror(errno));
		return SQ_EXIT_USAGE;
	}
	R.config = in_dir(&R, R.config, "community.conf", &owned[0]);
	R.notices = in_dir(&R, R.notices, "notices.txt", &owned[1]);
	R.summary = in_dir(&R, R.summary, "summary.json", &owned[2]);
	R.rounds = in_dir(&R, R.rounds, "rounds.csv", &owned[3]);
	R.assignments = in_dir(&R, R.assignments, "assignments.csv", &owned[4]);
	R.unfilled = in_dir(&R, R.unfilled, "unfilled.csv", &owned[5]);
	R.stock = in_dir(&R, R.stock, "levels.csv", &owned[6]);
	R.requests = in_dir(&R, R.requests, "topics.json", &owned[7]);
	R.requests = in_dir(&R, R.requests, "topics.csv", &owned[9]);
	R.care = in_dir(&R, R.care, "care.json", &owned[11]);
	if (R.waves[0] == NULL) {
		R.waves[0] = in_dir(&R, NULL, "waves.json", &owned[12]);
		R.waves[R.waves[0] != NULL] = in_dir(&R, NULL,
		    "waves-plan.json", &owned[13]);
	}

	R.words = json_object();
	R.data = json_object();
	R.plan_points = json_array();
	if (R.config) {
		g_conf_path = R.config;
		if (read_kv(R.config, conf_fn, &R) < 0)
			failed = 1;
	}
	if (R.plan == NULL)
		R.plan = in_dir(&R, NULL, "sites.csv", &owned[8]);
	if (R.lang == NULL)
		R.lang = R.conf_lang ? R.conf_lang : "zh";
	if (strchr(R.lang, '/') || R.lang[0] == '.') {
		sq_error("%s: lang '%s' is a name like zh or en", R.config,
		    R.lang);
		failed = 1;
	}
	if (!failed) {
		char *wp = sq_datafile(&R.c, "report");
		char *p = xasprintf("%s/%s/words.conf", wp, R.lang);
		free(wp);
		if (access(p, R_OK) != 0) {
			sq_error("%s: no wording for lang '%s' (is shequ "
			    "installed? set SHEQU_DATADIR or --datadir)", p,
			    R.lang);
			failed = 1;
		} else if (read_kv(p, word_fn, R.words) < 0)
			failed = 1;
		free(p);
	}
	/* aliases map Chinese headers; a table in English needs none */
	R.c.tables = "";
	char *apath = sq_datafile(&R.c, "aliases.txt");
	if (!failed && access(apath, R_OK) == 0 &&
	    (R.aliases = sq_load_aliases(&R.c)) == NULL)
		failed = 1;
	free(apath);

	/* what the committee and the residents wrote is scrubbed: notices,
	   settings, requests, post, item and testing point names */
	if (!failed && (R.config || R.notices || R.requests || R.assignments ||
	    R.unfilled || R.stock || R.waves[0]) && load_mask(&R) < 0)
		failed = 1;
	/* the day's inputs; a missing one leaves its section out */
	if (!failed && R.summary && load_summary(&R, R.summary) < 0)
		failed = 1;
	if (R.date[0] == '\0')
		sq_date_today(R.date, NULL);
	if (!failed && R.plan) {
		struct plan_ctx p = { 0 };
		p.R = &R;
		if (each_row(&R, R.plan, plan_begin, plan_row, &p) < 0)
			failed = 1;
	}
	if (!failed && R.rounds && load_rounds(&R, R.rounds) < 0)
		failed = 1;
	if (!failed && (R.assignments || R.unfilled) &&
	    load_posts(&R, R.assignments, R.unfilled) < 0)
		failed = 1;
	if (!failed && R.stock && load_stock(&R, R.stock) < 0)
		failed = 1;
	if (!failed && R.requests && load_requests(&R, R.requests) < 0)
		failed = 1;
	if (!failed && R.care && load_care(&R, R.care) < 0)
		failed = 1;
	for (int k = 0; k < 2 && !failed && R.waves[k]; k++)
		if (load_waves(&R, R.waves[k]) < 0)
			failed = 1;
	if (!failed && R.notices && load_notices(&R, R.notices) < 0)
		failed = 1;

	if (!failed) {
		json_t *cm = json_object();
		/* published: scrubbed like the notices */
		json_object_set_new(cm, "name", scrub_json(&R, R.config,
		    R.name_line, "name", R.name));
		json_object_set_new(cm, "committee", scrub_json(&R, R.config,
		    R.committee_line, "committee", R.committee));
		json_object_set_new(cm, "hotline", scrub_json(&R, R.config,
		    R.hotline_line, "hotline", R.hotline));
		if (R.restocking)
			json_object_set_new(cm, "restocking", json_true());
		json_object_set_new(R.data, "community", cm);
		set_date(&R);
		if (set_absent(&R) < 0)
			failed = 1;
		json_object_set_new(R.data, "threshold", json_integer(R.threshold));
		json_object_set_new(R.data, "below", json_sprintf("<%ld",
		    R.threshold));
	}
	/* every public figure through disclosure control, before any
	   template, chart or JSON sees the data (lib/publish.c) */
	if (!failed) {
		struct sq_publish_opts po = { R.threshold, R.top };
		if (sq_publish(R.data, &po, NULL) < 0)
			failed = 1;
	}
	if (!failed) {
		static const char *const order[] = { "community", "date", "year",
		    "month", "day", "weekday", "threshold", "below", "absent",
		    "checkin",
		    "buildings", "waves", "deliveries", "posts", "stock", "requests",
		    "care",
		    "notices", "faq" };
		json_t *o = json_object();
		for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
			json_t *v = json_object_get(R.data, order[i]);
			if (v)
				json_object_set(o, order[i], v);
		}
		json_decref(R.data);
		R.data = o;
	}
	struct sq_buf out;
	sq_buf_init(&out);
	if (!failed && R.fmt == F_JSON) {
		json_t *pub = json_deep_copy(R.data);
		char *s = json_dumps(pub, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(6));
		sq_buf_adds(&out, s);
		sq_buf_addc(&out, '\n');
		free(s);
		json_decref(pub);
	} else if (!failed) {
		json_t *ctx = json_deep_copy(R.data);
		json_object_set(ctx, "w", R.words);
		if (R.fmt == F_HTML)
			json_object_set_new(ctx, "svg", charts(&R));
		json_object_set_new(ctx, "format", json_string(fmt_names[R.fmt]));
		json_object_set_new(ctx, "ext", json_string(fmt_ext[R.fmt]));
		if (render(&R, ctx, &out) < 0)
			failed = 1;
		json_decref(ctx);
	}
	if (!failed) {
		struct sq_writer_opts wo = { .format = SQ_OUT_CSV };
		struct sq_writer *w = sq_writer_open(R.c.output, &wo);
		if (w == NULL)
			failed = 1;
		else {
			if (R.c.out.bom)
				sq_writer_raw(w, "\xef\xbb\xbf", 3);
			sq_writer_raw(w, out.s, out.len);
			if (sq_writer_close(w) < 0)
				failed = 1;
		}
	}
	sq_buf_free(&out);
	json_decref(R.data);
	json_decref(R.words);
	json_decref(R.plan_points);
	json_decref(R.sensitive);
	json_decref(R.sensitive_list);
	json_decref(R.categories);
	sq_aliases_free(R.aliases);
	sq_mask_free(R.mask);
	free(R.people);
	for (size_t i = 0; i < R.nallow; i++)
		free(R.allow[i]);
	free(R.allow);
	free(R.name);
	free(R.committee);
	free(R.hotline);
	free(R.community);
	free(R.conf_lang);
	free(R.plan_owned);
	for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]); i++)
		free(owned[i]);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
