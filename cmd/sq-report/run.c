/*
 * run.c — the day's bulletin from the options main read: the inputs found
 * in DIR, the settings and wording, each input read into the data, every
 * figure through disclosure control, the data as JSON or through a
 * template, written atomically (lib/writer.c).
 */
#include "report.h"

const char *const fmt_names[] = { "text", "markdown", "html", "json" };
static const char *const fmt_ext[] = { "txt", "md", "html", NULL };

void
report_init(struct report *R)
{
	memset(R, 0, sizeof(*R));
	sq_common_init(&R->c);
	R->threshold = 3;
	R->max_chars = 1000;
	R->top = 5;
}

/* Files not given are looked for in DIR by their usual names. */
static void
find_inputs(struct report *R)
{
	char **owned = R->owned;

	R->config = in_dir(R, R->config, "community.conf", &owned[0]);
	R->notices = in_dir(R, R->notices, "notices.txt", &owned[1]);
	R->summary = in_dir(R, R->summary, "summary.json", &owned[2]);
	R->rounds = in_dir(R, R->rounds, "rounds.csv", &owned[3]);
	R->assignments = in_dir(R, R->assignments, "assignments.csv",
	    &owned[4]);
	R->unfilled = in_dir(R, R->unfilled, "unfilled.csv", &owned[5]);
	R->stock = in_dir(R, R->stock, "levels.csv", &owned[6]);
	R->requests = in_dir(R, R->requests, "topics.json", &owned[7]);
	R->requests = in_dir(R, R->requests, "topics.csv", &owned[9]);
	R->care = in_dir(R, R->care, "care.json", &owned[11]);
	if (R->waves[0] == NULL) {
		R->waves[0] = in_dir(R, NULL, "waves.json", &owned[12]);
		R->waves[R->waves[0] != NULL] = in_dir(R, NULL,
		    "waves-plan.json", &owned[13]);
	}
}

/* The settings, the wording of the language, the header aliases. */
static int
read_setup(struct report *R)
{
	if (R->config && read_kv(R->config, conf_fn, R) < 0)
		return -1;
	if (R->plan == NULL)
		R->plan = in_dir(R, NULL, "sites.csv", &R->owned[8]);
	if (R->lang == NULL)
		R->lang = R->conf_lang ? R->conf_lang : "zh";
	if (strchr(R->lang, '/') || R->lang[0] == '.') {
		sq_error("%s: lang '%s' is a name like zh or en", R->config,
		    R->lang);
		return -1;
	}
	char *wp = sq_datafile(&R->c, "report");
	char *p = xasprintf("%s/%s/words.conf", wp, R->lang);
	int rc = 0;
	free(wp);
	if (access(p, R_OK) != 0) {
		sq_error("%s: no wording for lang '%s' (is shequ installed? "
		    "set SHEQU_DATADIR or --datadir)", p, R->lang);
		rc = -1;
	} else if (read_kv(p, word_fn, R->words) < 0)
		rc = -1;
	free(p);
	if (rc < 0)
		return -1;
	/* aliases map Chinese headers; a table in English needs none */
	R->c.tables = "";
	char *apath = sq_datafile(&R->c, "aliases.txt");
	if ((R->have_aliases = access(apath, R_OK) == 0) &&
	    (R->aliases = sq_load_aliases(&R->c)) == NULL)
		rc = -1;
	free(apath);
	return rc;
}

/* The day's inputs into R->data; a missing one leaves its section out. */
static int
read_inputs(struct report *R)
{
	/* what the committee and the residents wrote is scrubbed: notices,
	   settings, requests, post, item and testing point names */
	if ((R->config || R->notices || R->requests || R->assignments ||
	    R->unfilled || R->stock || R->waves[0]) && load_mask(R) < 0)
		return -1;
	if (R->summary && load_summary(R, R->summary) < 0)
		return -1;
	if (R->date[0] == '\0')
		sq_date_today(R->date, NULL);
	if (R->plan) {
		struct plan_ctx p = { 0 };
		p.R = R;
		/* the sites plan of sq-rounds */
		if (each_row(R, R->plan, "rounds", plan_begin, plan_row,
		    &p) < 0)
			return -1;
	}
	if (R->rounds && load_rounds(R, R->rounds) < 0)
		return -1;
	if ((R->assignments || R->unfilled) &&
	    load_posts(R, R->assignments, R->unfilled) < 0)
		return -1;
	if (R->stock && load_stock(R, R->stock) < 0)
		return -1;
	if (R->requests && load_requests(R, R->requests) < 0)
		return -1;
	if (R->care && load_care(R, R->care) < 0)
		return -1;
	for (int k = 0; k < 2 && R->waves[k]; k++)
		if (load_waves(R, R->waves[k]) < 0)
			return -1;
	if (R->notices && load_notices(R, R->notices) < 0)
		return -1;
	return 0;
}

/*
 * The community, the date and the missing sections beside the inputs;
 * every public figure through disclosure control, before any template,
 * chart or JSON sees the data (render/publish.c); the keys in their order.
 */
static int
compose(struct report *R)
{
	json_t *cm = json_object();

	/* published: scrubbed like the notices */
	json_object_set_new(cm, "name", scrub_json(R, R->config,
	    R->name_line, "name", R->name));
	json_object_set_new(cm, "committee", scrub_json(R, R->config,
	    R->committee_line, "committee", R->committee));
	json_object_set_new(cm, "hotline", scrub_json(R, R->config,
	    R->hotline_line, "hotline", R->hotline));
	if (R->restocking)
		json_object_set_new(cm, "restocking", json_true());
	json_object_set_new(R->data, "community", cm);
	set_date(R);
	if (set_absent(R) < 0)
		return -1;
	json_object_set_new(R->data, "threshold", json_integer(R->threshold));
	json_object_set_new(R->data, "below", json_sprintf("<%ld",
	    R->threshold));

	struct sq_publish_opts po = { R->threshold, R->top };
	if (sq_publish(R->data, &po, NULL) < 0)
		return -1;

	static const char *const order[] = { "community", "date", "year",
	    "month", "day", "weekday", "threshold", "below", "absent",
	    "checkin", "buildings", "waves", "deliveries", "posts", "stock",
	    "requests", "care", "notices", "faq" };
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		json_t *v = json_object_get(R->data, order[i]);
		if (v)
			json_object_set(o, order[i], v);
	}
	json_decref(R->data);
	R->data = o;
	return 0;
}

/* The bulletin in its format, into out. */
static int
make_text(struct report *R, struct sq_buf *out)
{
	if (R->fmt == F_JSON) {
		json_t *pub = json_deep_copy(R->data);
		char *s = json_dumps(pub, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(6));
		sq_buf_adds(out, s);
		sq_buf_addc(out, '\n');
		free(s);
		json_decref(pub);
		return 0;
	}
	json_t *ctx = json_deep_copy(R->data);
	json_object_set(ctx, "w", R->words);
	if (R->fmt == F_HTML)
		json_object_set_new(ctx, "svg", charts(R));
	json_object_set_new(ctx, "format", json_string(fmt_names[R->fmt]));
	json_object_set_new(ctx, "ext", json_string(fmt_ext[R->fmt]));
	int rc = render(R, ctx, out);
	json_decref(ctx);
	return rc;
}

static int
write_out(struct report *R, const struct sq_buf *out)
{
	struct sq_writer_opts wo = { .format = SQ_OUT_CSV };
	struct sq_writer *w = sq_writer_open(R->c.output, &wo);

	if (w == NULL)
		return -1;
	if (R->c.out.bom)
		sq_writer_raw(w, "\xef\xbb\xbf", 3);
	sq_writer_raw(w, out->s, out->len);
	return sq_writer_close(w);
}

static void
report_free(struct report *R)
{
	json_decref(R->data);
	json_decref(R->words);
	json_decref(R->plan_points);
	json_decref(R->sensitive);
	json_decref(R->sensitive_list);
	json_decref(R->categories);
	sq_aliases_free(R->aliases);
	for (size_t i = 0; i < R->ntables; i++)
		sq_aliases_free(R->tables[i].aliases);
	sq_mask_free(R->mask);
	free(R->people);
	for (size_t i = 0; i < R->nallow; i++)
		free(R->allow[i]);
	free(R->allow);
	free(R->name);
	free(R->committee);
	free(R->hotline);
	free(R->community);
	free(R->conf_lang);
	free(R->plan_owned);
	for (size_t i = 0; i < sizeof(R->owned) / sizeof(R->owned[0]); i++)
		free(R->owned[i]);
}

/* How many inputs are "-": standard input can be one of them only. */
int
stdin_inputs(const struct report *R)
{
	const char *in[] = { R->config, R->notices, R->plan, R->summary,
	    R->rounds, R->assignments, R->unfilled, R->stock, R->requests,
	    R->care, R->waves[0], R->waves[1] };
	int n = 0;

	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		n += in[i] && strcmp(in[i], "-") == 0;
	for (size_t i = 0; i < R->npeople; i++)
		n += strcmp(R->people[i], "-") == 0;
	return n;
}

/*
 * --strict: a data problem in any input (a rejected row, a cell that is
 * not a number, a name about to be published) stops the run before the
 * bulletin is written: exit 1, the rejected rows kept (-R), as in every
 * program.
 */
int
run(struct report *R)
{
	struct sq_buf out;
	int failed = 0;

	if (R->dir && access(R->dir, X_OK) != 0) {
		sq_error("%s: %s", R->dir, strerror(errno));
		report_free(R);
		return SQ_EXIT_USAGE;
	}
	find_inputs(R);
	R->words = json_object();
	R->data = json_object();
	R->plan_points = json_array();
	sq_buf_init(&out);
	if (read_setup(R) < 0 || (R->rj = sq_rejects_open(R->c.rejects)) ==
	    NULL || read_inputs(R) < 0 || compose(R) < 0)
		failed = 1;
	else if (R->c.strict && sq_diag_status())
		sq_note("stopped at the first data problem (--strict); no "
		    "output written");
	else if (make_text(R, &out) < 0 || write_out(R, &out) < 0)
		failed = 1;
	if (failed)
		sq_rejects_abort(R->rj);
	else if (sq_rejects_close(R->rj) < 0)
		failed = 1;
	sq_buf_free(&out);
	report_free(R);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
