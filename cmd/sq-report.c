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

enum fmt { F_TEXT, F_MARKDOWN, F_HTML, F_JSON };
static const char *const fmt_names[] = { "text", "markdown", "html", "json" };
static const char *const fmt_ext[] = { "txt", "md", "html", NULL };

struct report {
	struct sq_common c;
	enum fmt fmt;
	const char *dir;
	const char *config, *notices, *plan, *summary, *rounds, *assignments,
		   *unfilled, *stock, *requests, *care, *waves[2];
	char	*plan_owned;
	const char *lang;
	long	 threshold, max_chars, top;
	int	 threshold_set, max_chars_set;
	char	 date[11];
	int	 date_set;	/* --date given: a summary of another day is not it */
	int	 restocking;	/* restocking = yes: low stock is being restocked */
	const char *absent[16];	/* --absent SECTION=REASON */
	size_t	 nabsent;
	struct sq_aliases *aliases;

	/* settings, and their lines (for the messages of scrub) */
	char	*name, *committee, *hotline, *community, *conf_lang;
	long	 name_line, committee_line, hotline_line;

	/* personal data in what the committee wrote */
	struct sq_mask *mask;
	const char **people;	/* -P: tables whose names are masked */
	size_t	 npeople;
	char	**allow;	/* -A: [FILE:]LINE kept as written */
	size_t	 nallow;
	json_t	*words;
	json_t	*data;		/* what -f json prints and templates see */
	json_t	*plan_points;	/* [{building, x, y, gate}] */
	json_t	*sensitive;	/* request categories, by id and name */
	json_t	*sensitive_list; /* [[id, 名称]] in the file's order */
	json_t	*categories;	/* every category, by id and name */
};

static char *
xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static json_t *scrub_json(struct report *, const char *, long, const char *,
    const char *);

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char tmp[1024];

	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(tmp))
		return sq_xstrdup(tmp);
	char *big = sq_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return big;
}

/* A file DIR/name if there is one, else NULL (malloc'd). */
static const char *
in_dir(struct report *R, const char *given, const char *name, char **owned)
{
	if (given || R->dir == NULL)
		return given;
	char *p = xasprintf("%s/%s", R->dir, name);
	if (access(p, R_OK) == 0) {
		*owned = p;
		return p;
	}
	free(p);
	return NULL;
}

/* ---- key = value files (settings, wording) --------------------------- */

/*
 * The settings (--config) and the wording (words.conf): "key = value", also
 * "key: value" and "key：value"; a value in double quotes keeps its spaces.
 * -1 if unreadable.  A line that is not a setting is a data problem.
 */
struct kv_ctx {
	const char *path;
	void	(*fn)(void *, const char *, const char *, long);
	void	*ctx;
};

static void
kv_fn(void *ctx, const char *k, const char *v, long no)
{
	struct kv_ctx *c = ctx;

	if (k == NULL)
		sq_problem(c->path, no, "expected 'key = value'");
	else
		c->fn(c->ctx, k, v, no);
}

static int
read_kv(const char *path, void (*fn)(void *, const char *, const char *,
    long), void *ctx)
{
	struct kv_ctx c = { path, fn, ctx };

	return sq_kv_load(path, SQ_KV_COLON | SQ_KV_QUOTES, kv_fn, &c);
}

static void
word_fn(void *ctx, const char *k, const char *v, long no)
{
	json_object_set_new(ctx, k, json_string(v));
}

static const char *
word(struct report *R, const char *key)
{
	const char *s = json_string_value(json_object_get(R->words, key));
	return s ? s : "";
}

static const char *g_conf_path;

/* One line kept as written (--allow, allow =): FILE:LINE or LINE. */
static int
allow_add(struct report *R, const char *a)
{
	const char *colon = strrchr(a, ':');
	const char *num = colon ? colon + 1 : a;
	char *end;
	long v = strtol(num, &end, 10);

	if (end == num || *end || v < 1 || colon == a)
		return -1;
	R->allow = sq_xrealloc(R->allow, (R->nallow + 1) * sizeof(*R->allow));
	R->allow[R->nallow++] = sq_xstrdup(a);
	return 0;
}

static void
conf_fn(void *ctx, const char *k, const char *v, long no)
{
	struct report *R = ctx;
	char *copy = sq_xstrdup(v);
	long n;

	if (strcmp(k, "name") == 0 || strcmp(k, "小区") == 0) {
		free(R->name);
		R->name = copy;
		R->name_line = no;
		return;
	}
	if (strcmp(k, "committee") == 0 || strcmp(k, "居委会") == 0) {
		free(R->committee);
		R->committee = copy;
		R->committee_line = no;
		return;
	}
	if (strcmp(k, "hotline") == 0 || strcmp(k, "热线") == 0) {
		free(R->hotline);
		R->hotline = copy;
		R->hotline_line = no;
		return;
	}
	if (strcmp(k, "community") == 0) {
		free(R->community);
		R->community = copy;
		return;
	}
	if (strcmp(k, "allow") == 0) {
		/* the lines --allow would name, for the daily job's config */
		char *save = NULL;
		for (char *t = strtok_r(copy, ", ", &save); t;
		    t = strtok_r(NULL, ", ", &save))
			if (allow_add(R, t) < 0)
				sq_problem(g_conf_path, no, "allow '%s': a line "
				    "is FILE:LINE or LINE (of the notices)", t);
		free(copy);
		return;
	}
	if (strcmp(k, "lang") == 0) {
		free(R->conf_lang);
		R->conf_lang = copy;
		return;
	}
	if (strcmp(k, "plan") == 0) {
		if (R->plan == NULL) {
			const char *slash = strrchr(g_conf_path, '/');
			if (v[0] != '/' && slash)
				R->plan_owned = xasprintf("%.*s/%s",
				    (int)(slash - g_conf_path), g_conf_path, v);
			else
				R->plan_owned = sq_xstrdup(v);
			R->plan = R->plan_owned;
		}
		free(copy);
		return;
	}
	free(copy);
	if (strcmp(k, "threshold") == 0 || strcmp(k, "max_chars") == 0 ||
	    strcmp(k, "top") == 0) {
		long lo = strcmp(k, "max_chars") == 0 ? 200 : 1;
		if (sq_long_parse(v, strlen(v), lo, 100000, &n) != SQ_VAL_OK) {
			sq_problem(g_conf_path, no, "%s '%s': not a whole number "
			    "from %ld", k, v, lo);
			return;
		}
		if (k[0] == 't' && k[1] == 'h' && !R->threshold_set)
			R->threshold = n;
		else if (k[0] == 'm' && !R->max_chars_set)
			R->max_chars = n;
		else if (k[0] == 't' && k[1] == 'o')
			R->top = n;
		return;
	}
	/* every program reads it, through $SHEQU_CONF (lib/opts) */
	if (strcmp(k, "bom") == 0)
		return;
	/* shequ-daily's own: the grid workers' lists as csv or xlsx */
	if (strcmp(k, "lists") == 0)
		return;
	/* the bulletin says 正在补货 only when the committee says it is */
	if (strcmp(k, "restocking") == 0) {
		int b = sq_bool_parse(v, strlen(v));
		if (b < 0)
			sq_problem(g_conf_path, no, "restocking '%s': yes or no",
			    v);
		else
			R->restocking = b;
		return;
	}
	sq_problem(g_conf_path, no, "unknown setting '%s' (known: name, "
	    "committee, hotline, community, lang, bom, plan, threshold, "
	    "max_chars, top, allow, lists, restocking)", k);
}

/* ---- tables ---------------------------------------------------------- */

/* First column named any of the NULL-terminated names, or -1. */
static long
col_any(const struct sq_reader *r, const char *const *names)
{
	for (; *names; names++) {
		long c = sq_reader_col(r, *names);
		if (c >= 0)
			return c;
	}
	return -1;
}

static struct sq_reader *
open_table(struct report *R, const char *path)
{
	struct sq_reader_opts o = R->c.in;

	o.aliases = R->aliases;
	o.canonical = 1;
	return sq_reader_open(path, &o);
}

/* A whole number in a cell; -1 (and a problem) when it is not one. */
static long
num(const char *file, const struct sq_rec *rec, const struct sq_reader *r,
    long col)
{
	size_t n;
	const char *p = sq_rec_cell_trim(rec, col, &n);
	long v;

	if (col < 0)
		return -1;
	if (sq_long_parse(p, n, 0, 100000000, &v) == SQ_VAL_OK)
		return v;
	sq_problem(file, rec->line, "%s '%.*s': not a whole number",
	    sq_reader_rawname(r, (size_t)col), (int)(n > 40 ? 40 : n), p);
	return -1;
}

static double
dnum(const char *file, const struct sq_rec *rec, const struct sq_reader *r,
    long col, int quiet_empty)
{
	size_t n;
	const char *p = sq_rec_cell_trim(rec, col, &n);
	double v;

	if (col < 0 || (n == 0 && quiet_empty))
		return NAN;
	if (sq_double_parse(p, n, &v) == SQ_VAL_OK && isfinite(v))
		return v;
	sq_problem(file, rec->line, "%s '%.*s': not a number",
	    sq_reader_rawname(r, (size_t)col), (int)(n > 40 ? 40 : n), p);
	return NAN;
}

/* Rows of a table, through fn; -1 if it cannot be read (exit 2). */
static int
each_row(struct report *R, const char *path, int (*begin)(void *,
    const struct sq_reader *), void (*row)(void *, const struct sq_reader *,
    const struct sq_rec *), void *ctx)
{
	struct sq_reader *r = open_table(R, path);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	if (begin(ctx, r) < 0) {
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		if (st == SQ_READ_BAD) {
			sq_problem(sq_reader_name(r), rec.line, "%s", rec.err);
			continue;
		}
		row(ctx, r, &rec);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

static int
need_cols(const struct sq_reader *r, const char *what, long *cols,
    size_t n, const char *const *names)
{
	for (size_t i = 0; i < n; i++)
		if (cols[i] < 0) {
			sq_error("%s: no '%s' column; is this %s?",
			    sq_reader_name(r), names[i], what);
			return -1;
		}
	return 0;
}

/* ---- the check-in summary -------------------------------------------- */

static json_int_t
geti(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static int
load_summary(struct report *R, const char *path)
{
	json_error_t e;
	json_t *s = json_load_file(path, 0, &e);

	if (s == NULL) {
		sq_error("%s:%d: not the JSON of sq-flag -Y: %s", path, e.line,
		    e.text);
		return -1;
	}
	json_t *blds = json_object_get(s, "buildings");
	json_t *total = json_object_get(s, "total");
	if (!json_is_array(blds) || !json_is_object(total)) {
		sq_error("%s: no 'total' and 'buildings'; is this the summary "
		    "of sq-flag -Y?", path);
		json_decref(s);
		return -1;
	}
	const char *d = json_string_value(json_object_get(s, "date"));
	if (R->date_set && (d == NULL || strcmp(d, R->date) != 0)) {
		/* another day's figures are not today's: leave them out */
		sq_problem(path, 0, "the check-ins are of %s, not of the "
		    "bulletin's %s; the check-in section is left out (run "
		    "sq-flag -d %s)", d ? d : "no date", R->date, R->date);
		json_decref(s);
		return 0;
	}
	if (R->date[0] == '\0' && d && strlen(d) == 10 &&
	    sq_date_days(d) != SQ_DATE_INVALID)
		memcpy(R->date, d, 11);

	/* one community: the configured one, when the summary names it */
	const char *only = R->community ? R->community : R->name;
	int filter = 0, others = 0, mixed = 0;
	const char *first = NULL;
	size_t i;
	json_t *b;
	json_array_foreach(blds, i, b) {
		const char *cm = json_string_value(json_object_get(b, "community"));
		if (only && cm && strcmp(cm, only) == 0)
			filter = 1;
		else
			others = 1;
		if (first == NULL)
			first = cm ? cm : "";
		else if (strcmp(first, cm ? cm : "") != 0)
			mixed = 1;
	}
	/* the summary is of this community alone: its totals hold */
	if (!others)
		filter = 0;
	static const char *const keys[] = { "households", "reported", "fever",
	    "symptoms", "bad_reading", "unreported" };
	json_int_t sum[6] = { 0 };
	json_t *out = json_array();
	json_array_foreach(blds, i, b) {
		const char *cm = json_string_value(json_object_get(b, "community"));
		const char *bn = json_string_value(json_object_get(b, "building"));
		if (filter && (cm == NULL || strcmp(cm, only) != 0))
			continue;
		json_int_t v[6];
		for (int k = 0; k < 6; k++)
			sum[k] += v[k] = geti(b, keys[k]);
		if (v[0] < v[2] + v[3] + v[4] + v[5])
			sq_problem(path, 0, "building '%s': %lld households "
			    "flagged of %lld; counted as that many", bn ? bn : "",
			    (long long)(v[2] + v[3] + v[4] + v[5]),
			    (long long)v[0]);
		json_t *o = json_object();
		json_object_set_new(o, "building", json_string(bn ? bn : ""));
		if (!filter && mixed && cm) {
			/* a district summary: say whose building it is */
			json_object_set_new(o, "community", json_string(cm));
		}
		/* the true parts, for disclosure control (lib/publish.c),
		   which writes coverage and follow_up and drops these */
		json_object_set_new(o, "coverage", json_null());
		json_object_set_new(o, "coverage_text", json_string("-"));
		json_object_set_new(o, "follow_up", json_null());
		json_t *raw = json_object();
		for (int k = 0; k < 6; k++)
			if (k != 1)
				json_object_set_new(raw, keys[k],
				    json_integer(v[k] < 0 ? 0 : v[k]));
		json_object_set_new(o, "_raw", raw);
		json_array_append_new(out, o);
	}
	json_t *ck = json_object();
	json_int_t hh, rep, fever, sym, bad, unrep, unk;
	if (filter) {
		hh = sum[0]; rep = sum[1]; fever = sum[2]; sym = sum[3];
		bad = sum[4]; unrep = sum[5]; unk = 0;
	} else {
		hh = geti(total, "households"); rep = geti(total, "reported");
		fever = geti(total, "fever"); sym = geti(total, "symptoms");
		bad = geti(total, "bad_reading");
		unrep = geti(total, "unreported");
		unk = geti(total, "unknown_household");
	}
	json_object_set_new(ck, "households", json_integer(hh));
	json_object_set_new(ck, "reported", json_integer(rep));
	json_object_set_new(ck, "coverage", json_integer(hh ?
	    (json_int_t)floor(100.0 * rep / hh + 0.5) : 0));
	json_object_set_new(ck, "coverage_text", json_string("-"));
	json_object_set_new(ck, "fever", json_integer(fever));
	json_object_set_new(ck, "symptoms", json_integer(sym));
	json_object_set_new(ck, "bad_reading", json_integer(bad));
	json_object_set_new(ck, "unreported", json_integer(unrep));
	json_object_set_new(ck, "unknown_household", json_integer(unk));
	json_object_set_new(ck, "follow_up",
	    json_integer(fever + sym + bad + unrep));
	json_object_set_new(ck, "nbuildings", json_integer((json_int_t)
	    json_array_size(out)));
	json_object_set_new(R->data, "checkin", ck);
	json_object_set_new(R->data, "buildings", out);
	json_decref(s);
	return 0;
}

/* ---- the plan -------------------------------------------------------- */

struct plan_ctx {
	struct report *R;
	long site, kind, x, y, lat, lon, community;
	const char *file;
};

static int
plan_begin(void *ctx, const struct sq_reader *r)
{
	struct plan_ctx *p = ctx;
	static const char *const site[] = { "site", "building", "楼号", NULL };
	static const char *const kind[] = { "kind", "类型", NULL };
	static const char *const x[] = { "x", NULL }, *const y[] = { "y", NULL };
	static const char *const lat[] = { "lat", "纬度", NULL };
	static const char *const lon[] = { "lon", "lng", "经度", NULL };
	static const char *const cm[] = { "community", NULL };

	p->file = sq_reader_name(r);
	p->site = col_any(r, site);
	p->kind = col_any(r, kind);
	p->x = col_any(r, x);
	p->y = col_any(r, y);
	p->lat = col_any(r, lat);
	p->lon = col_any(r, lon);
	p->community = col_any(r, cm);
	if (p->site < 0 || ((p->x < 0 || p->y < 0) && (p->lat < 0 || p->lon < 0))) {
		sq_error("%s: a plan needs site,x,y (or site,lat,lon) columns",
		    p->file);
		return -1;
	}
	return 0;
}

static void
plan_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct plan_ctx *p = ctx;
	struct report *R = p->R;
	size_t n, kn, cn;
	const char *s = sq_rec_cell_trim(rec, p->site, &n);
	const char *k = sq_rec_cell_trim(rec, p->kind, &kn);
	const char *cm = sq_rec_cell_trim(rec, p->community, &cn);
	const char *only = R->community ? R->community : R->name;
	double x, y;

	if (p->community >= 0 && only && cn &&
	    (cn != strlen(only) || memcmp(cm, only, cn) != 0))
		return;
	if (p->x >= 0 && p->y >= 0) {
		x = dnum(p->file, rec, r, p->x, 0);
		y = dnum(p->file, rec, r, p->y, 0);
	} else {
		/* degrees to metres on a local plane: fine for one estate */
		double lat = dnum(p->file, rec, r, p->lat, 0);
		double lon = dnum(p->file, rec, r, p->lon, 0);
		y = lat * 111320.0;
		x = lon * 111320.0 * cos(lat * M_PI / 180);
	}
	if (isnan(x) || isnan(y))
		return;
	int gate = (kn == 4 && memcmp(k, "gate", 4) == 0) ||
	    (kn == 6 && memcmp(k, "大门", 6) == 0) ||
	    (n == 4 && memcmp(s, "gate", 4) == 0);
	json_t *o = json_object();
	json_object_set_new(o, "site", json_stringn(s, n));
	json_object_set_new(o, "x", json_real(x));
	json_object_set_new(o, "y", json_real(y));
	json_object_set_new(o, "gate", json_boolean(gate));
	json_array_append_new(R->plan_points, o);
}

/* ---- deliveries ------------------------------------------------------ */

struct round {
	char	*name;
	long	 orders, parcels, done, done_parcels;
};

struct rounds_ctx {
	struct report *R;
	const char *file;
	long round, parcels, urgent, door, done, status;
	struct round *v;
	size_t n, cap;
	long orders, parcels_total, urgent_n, door_n, done_n, done_parcels;
	int have_done;
};

static int
rounds_begin(void *ctx, const struct sq_reader *r)
{
	struct rounds_ctx *p = ctx;
	static const char *const rn[] = { "round", "趟次", NULL };
	static const char *const pc[] = { "parcels", "件数", NULL };
	static const char *const ur[] = { "urgent", "加急", NULL };
	static const char *const dr[] = { "door", "送货上门", NULL };
	static const char *const dn[] = { "delivered", "done", "已送达", NULL };
	static const char *const stn[] = { "status", "状态", NULL };
	static const char *const need[] = { "round", "parcels" };

	p->file = sq_reader_name(r);
	p->round = col_any(r, rn);
	p->parcels = col_any(r, pc);
	p->urgent = col_any(r, ur);
	p->door = col_any(r, dr);
	p->done = col_any(r, dn);
	p->status = col_any(r, stn);
	p->have_done = p->done >= 0 || p->status >= 0;
	long cols[2] = { p->round, p->parcels };
	return need_cols(r, "the rounds table of sq-rounds", cols, 2, need);
}

static int
is_true(const char *s, size_t n)
{
	return sq_bool_parse(s, n) == 1;
}

static void
rounds_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct rounds_ctx *p = ctx;
	size_t n, sn;
	const char *name = sq_rec_cell_trim(rec, p->round, &n);
	long parcels = num(p->file, rec, r, p->parcels);
	int done = 0;

	if (parcels < 0)
		parcels = 0;
	if (p->done >= 0) {
		const char *d = sq_rec_cell_trim(rec, p->done, &sn);
		done = is_true(d, sn);
	} else if (p->status >= 0) {
		const char *d = sq_rec_cell_trim(rec, p->status, &sn);
		done = (sn == 4 && memcmp(d, "done", 4) == 0) ||
		    (sn == 9 && memcmp(d, "delivered", 9) == 0) ||
		    (sn == 9 && memcmp(d, "已送达", 9) == 0) ||
		    (sn == 6 && memcmp(d, "已送", 6) == 0);
	}
	size_t i;
	for (i = 0; i < p->n; i++)
		if (strlen(p->v[i].name) == n && memcmp(p->v[i].name, name, n) == 0)
			break;
	if (i == p->n) {
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 32;
			p->v = sq_xrealloc(p->v, p->cap * sizeof(*p->v));
		}
		p->v[p->n++] = (struct round){ sq_xstrndup(name, n), 0, 0, 0, 0 };
	}
	p->v[i].orders++;
	p->v[i].parcels += parcels;
	p->v[i].done += done;
	p->v[i].done_parcels += done ? parcels : 0;
	p->orders++;
	p->parcels_total += parcels;
	p->done_n += done;
	p->done_parcels += done ? parcels : 0;
	const char *u = sq_rec_cell_trim(rec, p->urgent, &sn);
	p->urgent_n += p->urgent >= 0 && is_true(u, sn);
	u = sq_rec_cell_trim(rec, p->door, &sn);
	p->door_n += p->door >= 0 && is_true(u, sn);
}

static int
load_rounds(struct report *R, const char *path)
{
	struct rounds_ctx p = { 0 };

	p.R = R;
	if (each_row(R, path, rounds_begin, rounds_row, &p) < 0) {
		for (size_t i = 0; i < p.n; i++)
			free(p.v[i].name);
		free(p.v);
		return -1;
	}
	json_t *d = json_object(), *list = json_array();
	json_object_set_new(d, "rounds", json_integer((json_int_t)p.n));
	json_object_set_new(d, "orders", json_integer(p.orders));
	json_object_set_new(d, "parcels", json_integer(p.parcels_total));
	json_object_set_new(d, "urgent", json_integer(p.urgent_n));
	json_object_set_new(d, "door", json_integer(p.door_n));
	if (p.have_done) {
		json_object_set_new(d, "done", json_integer(p.done_n));
		json_object_set_new(d, "done_parcels", json_integer(p.done_parcels));
	}
	for (size_t i = 0; i < p.n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "round", json_string(p.v[i].name));
		json_object_set_new(o, "orders", json_integer(p.v[i].orders));
		json_object_set_new(o, "parcels", json_integer(p.v[i].parcels));
		if (p.have_done)
			json_object_set_new(o, "done_parcels",
			    json_integer(p.v[i].done_parcels));
		json_array_append_new(list, o);
		free(p.v[i].name);
	}
	free(p.v);
	json_object_set_new(d, "per_round", list);
	json_object_set_new(R->data, "deliveries", d);
	return 0;
}

/* ---- care: sq-care's summary --------------------------------------------- */

/*
 * sq-care -Y: the households in care, paired, and with --greetings how
 * many were greeted today and how many are urgent; of the configured
 * community when the summary has it by community.  A summary of another
 * day is not today's news: the section is left out, and that is said.
 */
static int
load_care(struct report *R, const char *path)
{
	json_error_t e;
	json_t *s = json_load_file(path, 0, &e);

	if (s == NULL) {
		sq_error("%s:%d: not the JSON of sq-care -Y: %s", path, e.line,
		    e.text);
		return -1;
	}
	json_t *c = json_object_get(s, "care");
	if (!json_is_object(c)) {
		sq_error("%s: no 'care'; is this the summary of sq-care -Y?",
		    path);
		json_decref(s);
		return -1;
	}
	const char *d = json_string_value(json_object_get(s, "date"));
	if (d && R->date[0] && strcmp(d, R->date) != 0) {
		sq_warn(path, 0, "the care summary is of %s, not %s; the care "
		    "section is left out", d, R->date);
		json_decref(s);
		return 0;
	}
	const char *only = R->community ? R->community : R->name;
	json_t *per = json_object_get(s, "communities");
	if (only && json_is_object(json_object_get(per, only)))
		c = json_object_get(per, only);
	static const char *const keys[] = { "households", "paired", "greeted",
	    "urgent" };
	json_t *o = json_object();
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		json_object_set_new(o, keys[k], json_integer(geti(c, keys[k])));
	json_object_set_new(o, "greetings", json_boolean(json_object_get(c,
	    "greeted") != NULL));
	json_object_set_new(R->data, "care", o);
	json_decref(s);
	return 0;
}

/* ---- mass testing: sq-waves' summaries ------------------------------------ */

/* "HH:MM" in minutes; -1 if not */
static int
hhmm_minutes(const char *t)
{
	if (t == NULL || strlen(t) != 5 || t[2] != ':')
		return -1;
	return (t[0] - '0') * 600 + (t[1] - '0') * 60 + (t[3] - '0') * 10 +
	    (t[4] - '0');
}

/*
 * sq-waves -Y of the missed list: each building's households, missed and
 * partly sampled (those of the configured community when the summary has
 * several); of the plan: each point's hours and the people called each
 * quarter hour, to the nearest 5 (a plan's "about"), for the queue chart.
 * A summary of another day is left out, and that is said.
 */
static int
load_waves(struct report *R, const char *path)
{
	json_error_t e;
	json_t *s = json_load_file(path, 0, &e), *w, *b, *pt;
	size_t i;

	if (s == NULL) {
		sq_error("%s:%d: not the JSON of sq-waves -Y: %s", path, e.line,
		    e.text);
		return -1;
	}
	json_t *plan = json_object_get(s, "plan");
	json_t *blds = json_object_get(s, "buildings");
	if (!json_is_object(plan) && !json_is_array(blds)) {
		sq_error("%s: no 'buildings' or 'plan'; is this the summary of "
		    "sq-waves -Y?", path);
		json_decref(s);
		return -1;
	}
	const char *d = json_string_value(json_object_get(s, "date"));
	if (d && R->date[0] && strcmp(d, R->date) != 0) {
		sq_warn(path, 0, "the testing summary is of %s, not %s; it is "
		    "left out", d, R->date);
		json_decref(s);
		return 0;
	}
	if ((w = json_object_get(R->data, "waves")) == NULL) {
		w = json_object();
		json_object_set_new(R->data, "waves", w);
	}
	if (json_is_object(plan)) {
		json_t *o = json_object(), *pts = json_array();
		json_object_set(o, "start", json_object_get(plan, "start"));
		json_object_set(o, "end", json_object_get(plan, "queue_end"));
		json_array_foreach(json_object_get(s, "points"), i, pt) {
			json_t *p = json_object(), *q = json_array(), *v;
			size_t k;
			/* the committee's words, published: scrubbed */
			json_object_set_new(p, "point", scrub_json(R, path, 0,
			    "testing point", json_string_value(json_object_get(pt,
			    "point"))));
			json_object_set(p, "desks", json_object_get(pt, "desks"));
			json_object_set(p, "start", json_object_get(pt, "start"));
			json_object_set(p, "end", json_object_get(pt, "end"));
			json_array_foreach(json_object_get(pt, "per_15_minutes"),
			    k, v)
				json_array_append_new(q, json_integer(
				    json_integer_value(v) > 0 ?
				    (json_integer_value(v) + 2) / 5 * 5 : 0));
			json_object_set_new(p, "per_15_minutes", q);
			json_array_append_new(pts, p);
		}
		json_object_set_new(o, "points", pts);
		json_object_set_new(w, "plan", o);
	}
	if (json_is_array(blds)) {
		const char *only = R->community ? R->community : R->name;
		const char *first = NULL;
		int mine = 0, mixed = 0;
		json_array_foreach(blds, i, b) {
			const char *c = json_string_value(json_object_get(b,
			    "community"));
			if (only && c && strcmp(c, only) == 0)
				mine = 1;
			if (first == NULL)
				first = c ? c : "";
			else if (strcmp(first, c ? c : "") != 0)
				mixed = 1;
		}
		json_t *list = json_array();
		json_array_foreach(blds, i, b) {
			const char *c = json_string_value(json_object_get(b,
			    "community"));
			if (mine && (c == NULL || strcmp(c, only) != 0))
				continue;
			json_t *o = json_object();
			json_object_set(o, "building", json_object_get(b,
			    "building"));
			if (!mine && mixed && c)	/* a district's: whose */
				json_object_set_new(o, "community",
				    json_string(c));
			json_object_set_new(o, "households", json_integer(
			    geti(b, "households")));
			json_object_set_new(o, "missed", json_integer(geti(b,
			    "missed")));
			json_object_set_new(o, "partial", json_integer(geti(b,
			    "partial")));
			json_array_append_new(list, o);
		}
		json_object_set_new(w, "buildings", list);
	}
	json_decref(s);
	return 0;
}

/* ---- posts ----------------------------------------------------------- */

struct shift {
	char	*post, *team, *start, *end;
	long	 need, filled;
	int	 from_unfilled;
	const char *file;	/* where it was first seen, for scrub(): the
				   path given, not the reader's (closed) name */
	long	 line;
};

struct posts_ctx {
	struct report *R;
	const char *file;
	int unfilled;
	long post, team, start, end, head, filled;
	struct shift *v;
	size_t n, cap;
};

static int
posts_begin(void *ctx, const struct sq_reader *r)
{
	struct posts_ctx *p = ctx;
	static const char *const po[] = { "post", "岗位", NULL };
	static const char *const te[] = { "team", "队伍", NULL };
	static const char *const st[] = { "start", "开始", NULL };
	static const char *const en[] = { "end", "结束", NULL };
	static const char *const hc[] = { "headcount", "所需人数", NULL };
	static const char *const fi[] = { "filled", "已排", NULL };
	static const char *const need[] = { "post", "start", "headcount",
	    "filled" };

	p->file = sq_reader_name(r);
	p->post = col_any(r, po);
	p->team = col_any(r, te);
	p->start = col_any(r, st);
	p->end = col_any(r, en);
	p->head = col_any(r, hc);
	p->filled = col_any(r, fi);
	long cols[4] = { p->post, p->start, p->head, p->filled };
	return need_cols(r, p->unfilled ? "the unfilled table of sq-match" :
	    "the assignments table of sq-match", cols, p->unfilled ? 4 : 2, need);
}

static int
cell_eq(const char *a, const char *s, size_t n)
{
	return strlen(a) == n && memcmp(a, s, n) == 0;
}

static void
posts_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct posts_ctx *p = ctx;
	size_t pn, tn, sn, en;
	const char *po = sq_rec_cell_trim(rec, p->post, &pn);
	const char *te = sq_rec_cell_trim(rec, p->team, &tn);
	const char *st = sq_rec_cell_trim(rec, p->start, &sn);
	const char *e = sq_rec_cell_trim(rec, p->end, &en);
	size_t i;

	for (i = 0; i < p->n; i++)
		if (cell_eq(p->v[i].post, po, pn) &&
		    cell_eq(p->v[i].start, st, sn) && cell_eq(p->v[i].end, e, en))
			break;
	if (i == p->n) {
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 32;
			p->v = sq_xrealloc(p->v, p->cap * sizeof(*p->v));
		}
		p->v[p->n++] = (struct shift){ sq_xstrndup(po, pn),
		    sq_xstrndup(te, tn), sq_xstrndup(st, sn),
		    sq_xstrndup(e, en), 0, 0, 0, p->unfilled ?
		    p->R->unfilled : p->R->assignments, rec->line };
	}
	struct shift *s = &p->v[i];
	if (p->unfilled) {
		long h = num(p->file, rec, r, p->head);
		long f = num(p->file, rec, r, p->filled);
		s->need = h < 0 ? 0 : h;
		s->filled = f < 0 ? 0 : f;
		s->from_unfilled = 1;
	} else if (!s->from_unfilled)
		s->filled++, s->need = s->filled;
}

static int
by_start(const void *a, const void *b)
{
	const struct shift *x = a, *y = b;
	int c = strcmp(x->start, y->start);

	if (c == 0)
		c = strcmp(x->post, y->post);
	return c ? c : strcmp(x->end, y->end);
}

static int
load_posts(struct report *R, const char *assignments, const char *unfilled)
{
	struct posts_ctx p = { 0 };
	int rc = 0;

	p.R = R;
	if (assignments && each_row(R, assignments, posts_begin, posts_row,
	    &p) < 0)
		rc = -1;
	p.unfilled = 1;
	if (rc == 0 && unfilled && each_row(R, unfilled, posts_begin,
	    posts_row, &p) < 0)
		rc = -1;
	if (rc == 0) {
		if (p.n > 1)	/* qsort(NULL, 0) is undefined */
			qsort(p.v, p.n, sizeof(*p.v), by_start);
		json_t *d = json_object(), *all = json_array(), *sh = json_array();
		long need = 0, filled = 0, full = 0;
		for (size_t i = 0; i < p.n; i++) {
			struct shift *s = &p.v[i];
			json_t *o = json_object();
			/* the committee's words, published: scrubbed */
			json_object_set_new(o, "post", scrub_json(R, s->file,
			    s->line, "post", s->post));
			json_object_set_new(o, "team", scrub_json(R, s->file,
			    s->line, "team", s->team));
			json_object_set_new(o, "start", json_string(s->start));
			json_object_set_new(o, "end", json_string(s->end));
			/* the clock time alone reads better in a post */
			const char *sp = strchr(s->start, ' ');
			const char *ep = strchr(s->end, ' ');
			json_object_set_new(o, "from", json_string(sp ? sp + 1 : s->start));
			json_object_set_new(o, "to", json_string(ep ? ep + 1 : s->end));
			json_object_set_new(o, "need", json_integer(s->need));
			json_object_set_new(o, "filled", json_integer(s->filled));
			long miss = s->need > s->filled ? s->need - s->filled : 0;
			json_object_set_new(o, "missing", json_integer(miss));
			need += s->need;
			filled += s->filled < s->need ? s->filled : s->need;
			full += miss == 0;
			if (miss)
				json_array_append(sh, o);
			json_array_append_new(all, o);
		}
		json_object_set_new(d, "shifts", json_integer((json_int_t)p.n));
		json_object_set_new(d, "full", json_integer(full));
		json_object_set_new(d, "needed", json_integer(need));
		json_object_set_new(d, "filled", json_integer(filled));
		json_object_set_new(d, "missing", json_integer(need - filled));
		json_object_set_new(d, "short", sh);
		json_object_set_new(d, "list", all);
		json_object_set_new(R->data, "posts", d);
	}
	for (size_t i = 0; i < p.n; i++) {
		free(p.v[i].post);
		free(p.v[i].team);
		free(p.v[i].start);
		free(p.v[i].end);
	}
	free(p.v);
	return rc;
}

/* ---- stock ----------------------------------------------------------- */

struct stock_ctx {
	struct report *R;
	const char *file;
	long item, qty, unit, thr, days, alert;
	json_t *items, *unknown;
};

static int
stock_begin(void *ctx, const struct sq_reader *r)
{
	struct stock_ctx *p = ctx;
	static const char *const it[] = { "item", "物资", "品名", "名称", NULL };
	static const char *const qt[] = { "qty", "数量", "库存", NULL };
	static const char *const un[] = { "unit", "单位", NULL };
	static const char *const th[] = { "threshold", "预警线", "阈值", NULL };
	static const char *const dl[] = { "days_left", "可用天数", NULL };
	static const char *const al[] = { "alert", "预警", NULL };
	static const char *const need[] = { "item", "qty" };

	p->file = sq_reader_name(r);
	p->item = col_any(r, it);
	p->qty = col_any(r, qt);
	p->unit = col_any(r, un);
	p->thr = col_any(r, th);
	p->days = col_any(r, dl);
	p->alert = col_any(r, al);
	long cols[2] = { p->item, p->qty };
	return need_cols(r, "a stock table (item,qty,unit,threshold)", cols, 2,
	    need);
}

static json_t *
number_json(double v)
{
	if (isnan(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_sprintf("%.1f", v);
}

/*
 * An item whose balance the ledger does not give (sq-stock's alert
 * "check": below zero, or a row of it rejected), or a quantity below zero
 * or not a number, gets no figure: it is named among the items to be
 * checked, never shown as "-5袋".
 */
static void
stock_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct stock_ctx *p = ctx;
	size_t n, un, an, qn;
	const char *item = sq_rec_cell_trim(rec, p->item, &n);
	const char *unit = sq_rec_cell_trim(rec, p->unit, &un);
	const char *al = sq_rec_cell_trim(rec, p->alert, &an);
	int check = p->alert >= 0 && an == 5 && memcmp(al, "check", 5) == 0;
	sq_rec_cell_trim(rec, p->qty, &qn);
	double qty = check || qn == 0 ? NAN : dnum(p->file, rec, r, p->qty, 0);
	double thr = dnum(p->file, rec, r, p->thr, 1);
	double days = dnum(p->file, rec, r, p->days, 1);
	int low;

	if (qty < 0)
		sq_problem(p->file, rec->line, "%.*s: qty %g is below zero; the "
		    "item is left out of the bulletin (put the ledger right)",
		    (int)n, item, qty);
	if (p->alert >= 0 && an)
		low = sq_bool_parse(al, an) != 0 && !(an == 2 &&
		    memcmp(al, "ok", 2) == 0);
	else
		low = !isnan(qty) && !isnan(thr) && qty < thr;
	json_t *o = json_object();
	char *it = sq_xstrndup(item, n);
	json_object_set_new(o, "item", scrub_json(p->R, p->file, rec->line,
	    "item", it));
	free(it);
	if (isnan(qty) || qty < 0) {
		json_array_append_new(p->unknown, o);
		return;
	}
	json_object_set_new(o, "qty", number_json(qty));
	json_object_set_new(o, "unit", json_stringn(unit, un));
	json_object_set_new(o, "threshold", number_json(thr));
	json_object_set_new(o, "days_left", number_json(days));
	json_object_set_new(o, "low", json_boolean(low));
	json_array_append_new(p->items, o);
}

static int
load_stock(struct report *R, const char *path)
{
	struct stock_ctx p = { 0 };

	p.R = R;
	p.items = json_array();
	p.unknown = json_array();
	if (each_row(R, path, stock_begin, stock_row, &p) < 0) {
		json_decref(p.items);
		json_decref(p.unknown);
		return -1;
	}
	json_t *d = json_object(), *low = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(p.items, i, o)
		if (json_is_true(json_object_get(o, "low")))
			json_array_append(low, o);
	json_object_set_new(d, "nlow", json_integer((json_int_t)json_array_size(low)));
	json_object_set_new(d, "low", low);
	json_object_set_new(d, "nitems", json_integer((json_int_t)
	    json_array_size(p.items)));
	json_object_set_new(d, "items", p.items);
	json_object_set_new(d, "nunknown", json_integer((json_int_t)
	    json_array_size(p.unknown)));
	json_object_set_new(d, "unknown", p.unknown);
	json_object_set_new(R->data, "stock", d);
	return 0;
}

/*
 * The sensitive categories of requests/categories.txt ("id 名称 respond
 * solve sensitive"), by id and by name: their small counts are not shown.
 */
static void
load_sensitive(struct report *R)
{
	char *path = sq_datafile(&R->c, "requests/categories.txt");
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	R->sensitive = json_object();
	R->sensitive_list = json_array();
	R->categories = json_object();
	free(path);
	if (f == NULL)
		return;
	while (getline(&line, &cap, f) != -1) {
		char *tok[8], *save = NULL;
		int n = 0;
		if (line[strspn(line, " \t\r\n")] == '#')
			continue;
		for (char *t = strtok_r(line, " \t\r\n", &save); t && n < 8;
		    t = strtok_r(NULL, " \t\r\n", &save))
			tok[n++] = t;
		if (n >= 2) {
			json_object_set_new(R->categories, tok[0], json_true());
			json_object_set_new(R->categories, tok[1], json_true());
		}
		if (n >= 3 && strcmp(tok[n - 1], "sensitive") == 0) {
			json_object_set_new(R->sensitive, tok[0], json_true());
			json_object_set_new(R->sensitive, tok[1], json_true());
			json_array_append_new(R->sensitive_list, json_pack(
			    "[ss]", tok[0], tok[1]));
		}
	}
	free(line);
	fclose(f);
}

static int
is_sensitive(struct report *R, const char *cat)
{
	if (R->sensitive == NULL)
		load_sensitive(R);
	return cat && json_is_true(json_object_get(R->sensitive, cat));
}

/*
 * Every sensitive category is listed, a 0 too: were one left out when
 * none came, its "<3" on a day it is listed would say "at least one", and
 * the total beside the others could pin it.  Only for a list in the
 * committee's words (one category of categories.txt at least).
 */
static void
list_sensitive(struct report *R, json_t *all)
{
	size_t i, j;
	json_t *p, *c;
	int ours = 0;

	if (R->sensitive == NULL)
		load_sensitive(R);
	json_array_foreach(all, j, c) {
		const char *cc = json_string_value(json_object_get(c,
		    "category"));
		if (cc && json_object_get(R->categories, cc))
			ours = 1;
	}
	if (!ours)
		return;
	json_array_foreach(R->sensitive_list, i, p) {
		const char *id = json_string_value(json_array_get(p, 0));
		const char *nm = json_string_value(json_array_get(p, 1));
		int found = 0;
		json_array_foreach(all, j, c) {
			const char *cc = json_string_value(json_object_get(c,
			    "category"));
			if (cc && (strcmp(cc, id) == 0 || strcmp(cc, nm) == 0))
				found = 1;
		}
		if (!found)
			json_array_append_new(all, json_pack("{sssisb}",
			    "category", nm, "count", 0, "sensitive", 1));
	}
}

/* ---- requests -------------------------------------------------------- */

struct req_ctx {
	struct report *R;
	const char *file;
	long cat, count, created;
	json_t *counts;		/* category -> count */
	json_t *order;		/* categories in first-seen order */
};

static int
req_begin(void *ctx, const struct sq_reader *r)
{
	struct req_ctx *p = ctx;
	static const char *const ca[] = { "category", "类别", "分类", "诉求类别",
	    NULL };
	static const char *const co[] = { "count", "n", "数量", "件数", NULL };
	static const char *const cr[] = { "created", NULL };
	static const char *const need[] = { "category" };

	p->file = sq_reader_name(r);
	p->cat = col_any(r, ca);
	p->count = col_any(r, co);
	p->created = col_any(r, cr);
	return need_cols(r, "a table of requests by category (category,count)",
	    &p->cat, 1, need);
}

static void
req_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct req_ctx *p = ctx;
	size_t n, dn;
	const char *cat = sq_rec_cell_trim(rec, p->cat, &n);
	long k = 1;

	if (p->count >= 0) {
		if ((k = num(p->file, rec, r, p->count)) < 0)
			return;
	} else if (p->created >= 0 && p->R->date[0]) {
		/* the canonical requests table: those of the day */
		const char *d = sq_rec_cell_trim(rec, p->created, &dn);
		if (dn < 10 || memcmp(d, p->R->date, 10) != 0)
			return;
	}
	if (n == 0)
		return;
	char *key = sq_xstrndup(cat, n);
	json_t *c = json_object_get(p->counts, key);
	if (c == NULL) {
		json_object_set_new(p->counts, key, json_integer(k));
		json_array_append_new(p->order, json_string(key));
	} else
		json_integer_set(c, json_integer_value(c) + k);
	free(key);
}

struct catcount {
	const char *cat;
	json_int_t n;
};

static int
by_count(const void *a, const void *b)
{
	const struct catcount *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->cat, y->cat);
}

/*
 * The topics of sq-requests -T: {"requests": N, "categories": [{"category",
 * "name", "count"}], "repeated": [{"count", "name", "text"}]}; the
 * repeated questions come masked and counted from sq-requests.
 */
static int
load_topics(struct report *R, const char *path, json_t *root)
{
	json_t *cats = json_object_get(root, "categories");
	json_t *rep = json_object_get(root, "repeated");
	json_t *d = json_object(), *top = json_array(), *all = json_array();
	json_t *qs = json_array(), *o;
	json_int_t total = 0;
	size_t i;

	if (!json_is_array(cats)) {
		sq_error("%s: no 'categories'; is this the topics of "
		    "sq-requests -T?", path);
		json_decref(d);
		json_decref(top);
		json_decref(all);
		json_decref(qs);
		return -1;
	}
	json_array_foreach(cats, i, o) {
		json_t *nm = json_object_get(o, "name");
		const char *id = json_string_value(json_object_get(o,
		    "category"));
		if (!json_is_string(nm) || json_string_length(nm) == 0)
			nm = json_object_get(o, "category");
		json_int_t n = json_integer_value(json_object_get(o, "count"));
		if (!json_is_string(nm) || n < 0)
			continue;
		/* zeros too: leaving them out would say a "<3" is not 0 */
		json_t *e = json_object();
		json_object_set(e, "category", nm);
		json_object_set_new(e, "count", json_integer(n));
		json_object_set_new(e, "sensitive", json_boolean(
		    json_is_true(json_object_get(o, "sensitive")) ||
		    is_sensitive(R, id) || is_sensitive(R,
		    json_string_value(nm))));
		total += n;
		json_array_append_new(all, e);
	}
	list_sensitive(R, all);
	/* top is made from the counts shown (lib/publish.c) */
	(void)top;
	json_array_foreach(rep, i, o) {
		json_t *t = json_object_get(o, "text");
		if (!json_is_string(t) || (long)i >= R->top)
			continue;
		json_t *e = json_object();
		/* sq-requests masked it; a hand-made topics file did not */
		char *m = sq_mask_text(R->mask, SQ_MASK_DIGITS,
		    json_string_value(t), json_string_length(t), NULL, NULL,
		    NULL);
		json_object_set_new(e, "text", json_string(m));
		free(m);
		json_object_set_new(e, "count", json_integer(
		    json_integer_value(json_object_get(o, "count"))));
		/* its category as the list names it: a question asked n
		   times says its category has n at least */
		json_t *nm = json_object_get(o, "name");
		if (!json_is_string(nm) || json_string_length(nm) == 0)
			nm = json_object_get(o, "category");
		if (json_is_string(nm))
			json_object_set(e, "category", nm);
		json_array_append_new(qs, e);
	}
	json_t *n = json_object_get(root, "requests");
	json_object_set_new(d, "total", json_is_integer(n) ? json_integer(
	    json_integer_value(n)) : json_integer(total));
	json_object_set_new(d, "top", top);
	json_object_set_new(d, "categories", all);
	json_object_set_new(d, "repeated", qs);
	json_object_set_new(R->data, "requests", d);
	return 0;
}

static int
load_requests(struct report *R, const char *path)
{
	struct req_ctx p = { 0 };
	FILE *f = fopen(path, "r");
	int first = EOF;

	if (f) {
		while ((first = getc(f)) == ' ' || first == '\n' || first == '\t' ||
		    first == '\r')
			;
		fclose(f);
	}
	if (first == '{') {
		json_error_t e;
		json_t *root = json_load_file(path, 0, &e);
		if (root == NULL) {
			sq_error("%s:%d: %s", path, e.line, e.text);
			return -1;
		}
		int rc = load_topics(R, path, root);
		json_decref(root);
		return rc;
	}

	p.R = R;
	p.counts = json_object();
	p.order = json_array();
	int rc = each_row(R, path, req_begin, req_row, &p);
	if (rc == 0) {
		size_t n = json_array_size(p.order);
		struct catcount *v = sq_xcalloc(n + 1, sizeof(*v));
		json_int_t total = 0;
		for (size_t i = 0; i < n; i++) {
			v[i].cat = json_string_value(json_array_get(p.order, i));
			v[i].n = json_integer_value(json_object_get(p.counts,
			    v[i].cat));
			total += v[i].n;
		}
		qsort(v, n, sizeof(*v), by_count);
		json_t *d = json_object(), *top = json_array(), *all = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "category", json_string(v[i].cat));
			json_object_set_new(o, "count", json_integer(v[i].n));
			json_object_set_new(o, "sensitive", json_boolean(
			    is_sensitive(R, v[i].cat)));
			json_array_append_new(all, o);
		}
		list_sensitive(R, all);
		json_object_set_new(d, "total", json_integer(total));
		json_object_set_new(d, "top", top);
		json_object_set_new(d, "categories", all);
		json_object_set_new(R->data, "requests", d);
		free(v);
	}
	json_decref(p.counts);
	json_decref(p.order);
	return rc;
}

/* ---- notices --------------------------------------------------------- */

/* ---- personal data in what the committee wrote ------------------------ */

/* -A FILE:LINE, or -A LINE for the notices: that line is kept as written. */
static int
allowed(const struct report *R, const char *path, long line)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	for (size_t i = 0; i < R->nallow; i++) {
		const char *a = R->allow[i], *colon = strrchr(a, ':');
		const char *num = colon ? colon + 1 : a;
		if (strtol(num, NULL, 10) != line)
			continue;
		if (colon == NULL) {
			if (R->notices && strcmp(path, R->notices) == 0)
				return 1;
			continue;
		}
		size_t fl = (size_t)(colon - a);
		if ((strlen(path) == fl && memcmp(path, a, fl) == 0) ||
		    (strlen(base) == fl && memcmp(base, a, fl) == 0))
			return 1;
	}
	return 0;
}

/*
 * A line of the notices or a setting, as the bulletin shows it: each name,
 * phone, ID number, plate or flat found is masked and named in a message
 * (a data problem: it was about to be published), unless --allow keeps
 * the line, which a warning says.  malloc'd.
 */
static char *
scrub(struct report *R, const char *path, long line, const char *what,
    const char *s, size_t n, size_t *outlen)
{
	struct sq_mask_hit *h;
	size_t nh;
	char *out = sq_mask_text(R->mask, 0, s, n, outlen, &h, &nh);
	int keep = nh && allowed(R, path, line);

	for (size_t i = 0; i < nh; i++) {
		char pv[64];
		sq_mask_preview(s + h[i].off, h[i].len, h[i].kind, pv,
		    sizeof(pv));
		if (keep)
			sq_warn(path, line, "%s%s%s (%s) kept as written "
			    "(--allow)", what, *what ? ": " : "",
			    sq_mask_kind_name(h[i].kind), pv);
		else
			sq_problem(path, line, "%s%s%s (%s) masked in the "
			    "bulletin; remove it, or --allow %s:%ld to publish "
			    "it", what, *what ? ": " : "",
			    sq_mask_kind_name(h[i].kind), pv,
			    strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
			    line);
	}
	free(h);
	if (keep) {
		free(out);
		out = sq_xstrndup(s, n);
		if (outlen)
			*outlen = n;
	}
	return out;
}

static json_t *
scrub_json(struct report *R, const char *path, long line, const char *what,
    const char *s)
{
	if (s == NULL)
		return json_string("");
	char *m = scrub(R, path, line, what, s, strlen(s), NULL);
	json_t *j = json_string(m);
	free(m);
	return j;
}

/* The roster and the volunteers (-P): their names are masked too. */
static int
load_mask(struct report *R)
{
	char *path = sq_datafile(&R->c, "mask.txt");
	struct sq_reader_opts o = R->c.in;

	R->mask = sq_mask_load(path);
	free(path);
	if (R->mask == NULL)
		return -1;
	o.aliases = R->aliases;
	o.canonical = 1;
	for (size_t i = 0; i < R->npeople; i++)
		if (sq_mask_add_table(R->mask, R->people[i], &o) < 0)
			return -1;
	/* the committee's hotline is for publishing */
	if (R->hotline)
		sq_mask_keep(R->mask, R->hotline, strlen(R->hotline));
	return 0;
}

/* "notice: ...", "q: ...", "a: ..." (or 通知/公告, 问, 答), continued by
   indented lines; '#' comments (lib/notices.c).  Each line is scrubbed
   before it is parsed. */
static int
load_notices(struct report *R, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct sq_buf b;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long no = 0;

	if (f == NULL) {
		sq_error("%s: %s", path, strerror(errno));
		return -1;
	}
	sq_buf_init(&b);
	while ((got = getline(&line, &cap, f)) != -1) {
		size_t n = (size_t)got, ml;
		no++;
		if (line[0] == '#' || n == 0) {
			sq_buf_add(&b, line, n);
			continue;
		}
		int nl = line[n - 1] == '\n';
		char *m = scrub(R, path, no, "", line, n - nl, &ml);
		sq_buf_add(&b, m, ml);
		if (nl)
			sq_buf_addc(&b, '\n');
		free(m);
	}
	int err = ferror(f);
	free(line);
	fclose(f);
	if (err) {
		sq_error("%s: read error", path);
		sq_buf_free(&b);
		return -1;
	}
	json_t *o = sq_notices_parse(path, b.s ? b.s : "", b.len, NULL, NULL);
	sq_buf_free(&b);

	if (o == NULL)
		return -1;
	json_object_set(R->data, "notices", json_object_get(o, "notices"));
	json_object_set(R->data, "faq", json_object_get(o, "faq"));
	json_decref(o);
	return 0;
}

/* ---- charts ---------------------------------------------------------- */

static const char *const heat[] = { "#f4f4f4", "#fdd49e", "#fc8d59",
	"#d7301f" };
static const char heat_unknown[] = "#d9d9d9";

static char *
bname(struct report *R, const char *b)
{
	return xasprintf("%s%s%s", word(R, "building_pre"), b,
	    word(R, "building_post"));
}

/*
 * A chart as the page shows it: at the page's width, and again at a
 * phone's, where the stylesheet shows that one instead (report.css), so
 * that no text is under 12 CSS px on either; or nothing at all when it
 * has nothing to show (every value 0, or no item): the section says it
 * in words (words.conf no_chart_*).  `on' is what must not be all 0:
 * the values, or (a progress chart) the parts.
 */
enum chart_kind { K_BARS, K_COLUMNS, K_PLAN };
enum chart_on { ON_VALUE, ON_PART };

#define PAGE_WIDTH	720
#define PHONE_WIDTH	320	/* a 360 px phone's page, less its margins */

struct chart {
	enum chart_kind kind;
	enum chart_on on;
	struct sq_svg_chart c;
	const struct sq_svg_item *v, *marks;
	size_t	 n, nmarks;
	const struct sq_svg_legend *lg;
	size_t	 nlg;
};

static void
draw_one(struct sq_buf *b, const struct chart *ch, const struct sq_svg_chart
    *c)
{
	switch (ch->kind) {
	case K_BARS:
		sq_svg_hbars(b, c, ch->v, ch->n);
		break;
	case K_COLUMNS:
		sq_svg_columns(b, c, ch->v, ch->n);
		break;
	case K_PLAN:
		sq_svg_plan(b, c, ch->v, ch->n, ch->marks, ch->nmarks, ch->lg,
		    ch->nlg);
		break;
	}
}

static void
draw(json_t *svg, const char *key, const struct chart *ch)
{
	int any = 0;

	for (size_t i = 0; i < ch->n && !any; i++)
		any = ch->kind == K_PLAN || (ch->on == ON_PART ?
		    ch->v[i].part > 0 : ch->v[i].value > 0);
	if (!any)
		return;
	struct sq_svg_chart c = ch->c;
	struct sq_buf b;
	sq_buf_init(&b);
	c.width = PAGE_WIDTH;
	c.cls = "wide";
	draw_one(&b, ch, &c);
	sq_buf_addc(&b, '\n');
	char *id = xasprintf("%s-phone", ch->c.id);
	c.id = id;
	c.width = PHONE_WIDTH;
	c.cls = "phone";
	draw_one(&b, ch, &c);
	free(id);
	json_object_set_new(svg, key, json_string(b.s));
	sq_buf_free(&b);
}

static void
chart_coverage(struct report *R, json_t *svg)
{
	json_t *blds = json_object_get(R->data, "buildings");
	size_t n = json_array_size(blds), i;
	struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
	char **tips = sq_xcalloc(n + 1, sizeof(char *));
	json_t *b;

	if (n == 0) {
		free(v);
		free(tips);
		return;
	}
	json_array_foreach(blds, i, b) {
		/* what is shown, never more: a band's bar reaches its low end */
		json_t *cv = json_object_get(b, "coverage");
		const char *ct = json_string_value(json_object_get(b,
		    "coverage_text"));
		char *bn = bname(R, json_string_value(json_object_get(b, "building")));
		v[i].label = json_string_value(json_object_get(b, "building"));
		v[i].value = json_is_integer(cv) ? (double)json_integer_value(cv) :
		    json_is_string(cv) ? atof(json_string_value(cv)) : 0;
		v[i].part = v[i].mark = -1;
		tips[i] = xasprintf("%s: %s", bn, ct ? ct : "-");
		free(bn);
		v[i].tip = tips[i];
		v[i].fill = v[i].value >= 90 ? "#3a7d44" : v[i].value >= 75 ?
		    "#e0a526" : "#c0392b";
	}
	struct chart ch = { K_COLUMNS, ON_VALUE, { "chart-coverage",
	    word(R, "chart_coverage"), 100, "#3a7d44", NULL, 0, "%", NULL },
	    v, NULL, n, 0, NULL, 0 };
	draw(svg, "coverage", &ch);
	for (i = 0; i < n; i++)
		free(tips[i]);
	free(tips);
	free(v);
}

static void
chart_followup(struct report *R, json_t *svg)
{
	json_t *blds = json_object_get(R->data, "buildings");
	size_t n = json_array_size(blds), np = json_array_size(R->plan_points);
	struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
	struct sq_svg_item *gates = sq_xcalloc(np + 1, sizeof(*v));
	char **tips = sq_xcalloc(n + 1, sizeof(char *));
	size_t nv = 0, ng = 0, i, j;
	json_t *b, *pt;
	long t = R->threshold;

	json_array_foreach(R->plan_points, j, pt)
		if (json_is_true(json_object_get(pt, "gate"))) {
			gates[ng].x = json_real_value(json_object_get(pt, "x"));
			gates[ng].y = json_real_value(json_object_get(pt, "y"));
			gates[ng].label = word(R, "gate");
			gates[ng].part = gates[ng].mark = -1;
			ng++;
		}
	json_array_foreach(blds, i, b) {
		const char *bn = json_string_value(json_object_get(b, "building"));
		json_t *found = NULL;
		json_array_foreach(R->plan_points, j, pt) {
			const char *s = json_string_value(json_object_get(pt, "site"));
			if (!json_is_true(json_object_get(pt, "gate")) &&
			    strcmp(s, bn) == 0) {
				found = pt;
				break;
			}
		}
		if (found == NULL) {
			sq_warn(R->plan, 0, "building '%s' is not on the plan",
			    bn);
			continue;
		}
		/* the class disclosure control gave it, from what is shown */
		json_int_t k = json_integer_value(json_object_get(b, "heat"));
		json_t *fu = json_object_get(b, "follow_up");
		char fbuf[32];
		if (json_is_integer(fu))
			snprintf(fbuf, sizeof(fbuf), "%lld",
			    (long long)json_integer_value(fu));
		else
			snprintf(fbuf, sizeof(fbuf), "%s", json_is_string(fu) ?
			    json_string_value(fu) : "-");
		struct sq_svg_item *it = &v[nv];
		it->x = json_real_value(json_object_get(found, "x"));
		it->y = json_real_value(json_object_get(found, "y"));
		it->label = bn;
		it->part = it->mark = -1;
		it->fill = k >= 0 && k <= 3 ? heat[k] : heat_unknown;
		char *name = bname(R, bn);
		tips[nv] = xasprintf("%s: %s%s", name, fbuf, json_is_null(fu) ?
		    "" : word(R, "hh_unit"));
		free(name);
		it->tip = tips[nv];
		nv++;
	}
	/* a class is "at least": a band's colour is its low end's */
	char *l[5];
	l[0] = xasprintf("<%ld%s", t, word(R, "hh_unit"));
	l[1] = xasprintf("≥%ld", t);
	l[2] = xasprintf("≥%ld", 2 * t);
	l[3] = xasprintf("≥%ld", 4 * t);
	l[4] = xasprintf("%s", word(R, "not_shown"));
	struct sq_svg_legend lg[5];
	for (int k = 0; k < 4; k++)
		lg[k] = (struct sq_svg_legend){ heat[k], l[k] };
	lg[4] = (struct sq_svg_legend){ heat_unknown, l[4] };
	int nlg = 4;
	for (i = 0; i < nv; i++)
		if (v[i].fill == heat_unknown)
			nlg = 5;
	struct chart ch = { K_PLAN, ON_VALUE, { "chart-followup",
	    word(R, "chart_followup"), 0, NULL, NULL, 0, NULL, NULL },
	    v, gates, nv, ng, lg, (size_t)nlg };
	if (nv > 0)	/* no building on the plan: no map */
		draw(svg, "followup", &ch);
	for (int k = 0; k < 5; k++)
		free(l[k]);
	for (i = 0; i < nv; i++)
		free(tips[i]);
	free(tips);
	free(v);
	free(gates);
}

/* hbars over an array of objects: label key, value key, optional parts */
static void
chart_bars(struct report *R, json_t *svg, const char *name, const char *id,
    const char *title, json_t *arr, const char *labelk, const char *pre,
    const char *post, const char *valk, const char *partk, const char *maxk,
    const char *unit)
{
	size_t n = json_array_size(arr), i;
	struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
	char **lab = sq_xcalloc(n + 1, sizeof(char *));
	char **txt = sq_xcalloc(n + 1, sizeof(char *));
	json_t *o;

	if (n == 0)
		goto out;
	json_array_foreach(arr, i, o) {
		lab[i] = xasprintf("%s%s%s", pre, json_string_value(
		    json_object_get(o, labelk)), post);
		double val = (double)json_integer_value(json_object_get(o, valk));
		v[i].label = lab[i];
		v[i].value = maxk ? (double)json_integer_value(
		    json_object_get(o, maxk)) : val;
		v[i].part = partk ? (double)json_integer_value(
		    json_object_get(o, partk)) : -1;
		v[i].mark = -1;
		if (partk)
			txt[i] = xasprintf("%lld/%lld%s", (long long)v[i].part,
			    (long long)val, unit);
		else if (maxk) {
			txt[i] = xasprintf("%lld/%lld%s", (long long)val,
			    (long long)v[i].value, unit);
			/* the filled part over the need */
			v[i].part = val;
			if (val < v[i].value)
				v[i].cls = "short";
		} else if (json_is_string(json_object_get(o, valk)))
			/* a figure disclosure control gave as "<3": as it is,
			   with no bar that would say more */
			txt[i] = xasprintf("%s%s", json_string_value(
			    json_object_get(o, valk)), unit);
		else
			txt[i] = xasprintf("%lld%s", (long long)val, unit);
		v[i].text = txt[i];
		if (partk)
			v[i].value = val;
	}
	struct chart ch = { K_BARS, partk ? ON_PART : ON_VALUE, { id, title, 0,
	    maxk ? "#f1b6ac" : "#9db8d9", maxk ? "#3a7d44" : "#2c5d8f", 0,
	    NULL, NULL }, v, NULL, n, 0, NULL, 0 };
	if (!partk && !maxk)
		ch.c.fill = "#4a7ab5";
	draw(svg, name, &ch);
out:
	for (i = 0; i < n; i++) {
		free(lab[i]);
		free(txt[i]);
	}
	free(lab);
	free(txt);
	free(v);
}

static void
chart_stock(struct report *R, json_t *svg)
{
	json_t *items = json_object_get(json_object_get(R->data, "stock"),
	    "items");
	size_t n = json_array_size(items), i;
	struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
	char **txt = sq_xcalloc(n + 1, sizeof(char *));
	json_t *o;

	if (n == 0)
		goto out;
	/* each item on its own scale: twice its threshold, or its quantity */
	json_array_foreach(items, i, o) {
		json_t *q = json_object_get(o, "qty"), *t = json_object_get(o,
		    "threshold"), *d = json_object_get(o, "days_left");
		double qty = json_is_integer(q) ? (double)json_integer_value(q) :
		    json_is_string(q) ? atof(json_string_value(q)) : 0;
		double thr = json_is_integer(t) ? (double)json_integer_value(t) :
		    json_is_string(t) ? atof(json_string_value(t)) : -1;
		double full = fmax(qty, thr > 0 ? 2 * thr : qty);
		if (full <= 0)
			full = 1;
		int low = json_is_true(json_object_get(o, "low"));
		v[i].label = json_string_value(json_object_get(o, "item"));
		v[i].value = qty / full;
		v[i].mark = thr >= 0 ? thr / full : -1;
		v[i].part = -1;
		v[i].fill = low ? "#c0392b" : "#3a7d44";
		v[i].cls = low ? "low" : NULL;
		struct sq_buf b;
		sq_buf_init(&b);
		if (json_is_integer(q))
			sq_buf_printf(&b, "%lld", (long long)json_integer_value(q));
		else if (json_is_string(q))
			sq_buf_adds(&b, json_string_value(q));
		sq_buf_adds(&b, json_string_value(json_object_get(o, "unit")));
		if (json_is_integer(d))
			sq_buf_printf(&b, " · %lld%s", (long long)
			    json_integer_value(d), word(R, "days_unit"));
		else if (json_is_string(d))
			sq_buf_printf(&b, " · %s%s", json_string_value(d),
			    word(R, "days_unit"));
		txt[i] = sq_buf_take(&b);
		v[i].text = txt[i];
	}
	struct chart ch = { K_BARS, ON_VALUE, { "chart-stock",
	    word(R, "chart_stock"), 1, "#3a7d44", NULL, 0, NULL, NULL },
	    v, NULL, n, 0, NULL, 0 };
	draw(svg, "stock", &ch);
out:
	for (i = 0; i < n; i++)
		free(txt[i]);
	free(txt);
	free(v);
}

/*
 * One column chart a testing point: the people called each quarter hour
 * (the plan's, to the nearest 5), hours under the columns.
 */
static void
chart_queue(struct report *R, json_t *svg)
{
	json_t *pts = json_object_get(json_object_get(json_object_get(R->data,
	    "waves"), "plan"), "points"), *pt;
	json_t *list = json_array();
	size_t i;

	json_array_foreach(pts, i, pt) {
		json_t *q = json_object_get(pt, "per_15_minutes");
		size_t n = json_array_size(q), k;
		int m0 = hhmm_minutes(json_string_value(json_object_get(pt,
		    "start")));
		const char *name = json_string_value(json_object_get(pt, "point"));
		struct sq_svg_item *v = sq_xcalloc(n + 1, sizeof(*v));
		char **txt = sq_xcalloc(2 * n + 1, sizeof(char *));
		if (m0 < 0)
			m0 = 0;
		for (k = 0; k < n; k++) {
			int a = m0 + 15 * (int)k, z = a + 15;
			long c = (long)json_integer_value(json_array_get(q, k));
			txt[2 * k] = a % 60 == 0 ? xasprintf("%02d:00",
			    a / 60 % 24) : xasprintf("%s", "");
			txt[2 * k + 1] = xasprintf("%02d:%02d–%02d:%02d %ld%s",
			    a / 60 % 24, a % 60, z / 60 % 24, z % 60, c,
			    word(R, "people_unit"));
			v[k].label = txt[2 * k];
			v[k].value = (double)c;
			v[k].part = v[k].mark = -1;
			v[k].tip = txt[2 * k + 1];
		}
		char *title = xasprintf("%s %s", name ? name : "",
		    word(R, "chart_queue"));
		char *id = xasprintf("chart-queue-%zu", i + 1);
		struct chart ch = { K_COLUMNS, ON_VALUE, { id, title, 0,
		    "#4a7ab5", NULL, 0, NULL, NULL }, v, NULL, n, 0, NULL, 0 };
		json_t *o = json_object(), *sv = json_object();
		json_object_set(o, "point", json_object_get(pt, "point"));
		draw(sv, "chart", &ch);
		json_object_set_new(o, "svg", sv);
		json_array_append_new(list, o);
		for (k = 0; k < 2 * n; k++)
			free(txt[k]);
		free(txt);
		free(v);
		free(title);
		free(id);
	}
	json_object_set_new(svg, "queue", list);
}

static json_t *
charts(struct report *R)
{
	json_t *svg = json_object(), *d;

	chart_coverage(R, svg);
	if (json_array_size(R->plan_points))
		chart_followup(R, svg);
	if ((d = json_object_get(R->data, "deliveries")) != NULL) {
		if (json_object_get(d, "done") != NULL)
			chart_bars(R, svg, "deliveries", "chart-deliveries",
			    word(R, "chart_deliveries"), json_object_get(d,
			    "per_round"), "round", word(R, "round_pre"),
			    word(R, "round_post"), "parcels", "done_parcels",
			    NULL, word(R, "parcels_unit"));
		/* without a delivered column nothing is known done: the
		   chart of progress is not drawn (not 21 bars of 0/30) */
	}
	if ((d = json_object_get(R->data, "posts")) != NULL)
		chart_bars(R, svg, "posts", "chart-posts", word(R, "chart_posts"),
		    json_object_get(d, "list"), "post", "", "", "filled", NULL,
		    "need", word(R, "people_unit"));
	if (json_object_get(R->data, "stock"))
		chart_stock(R, svg);
	chart_queue(R, svg);
	if ((d = json_object_get(R->data, "requests")) != NULL)
		chart_bars(R, svg, "requests", "chart-requests",
		    word(R, "chart_requests"), json_object_get(d, "top"),
		    "category", "", "", "count", NULL, NULL,
		    word(R, "items_unit"));
	return svg;
}

/* ---- rendering ------------------------------------------------------- */

struct loader {
	struct report *R;
	const char *lang;
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sq_buf b;
	char tmp[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	sq_buf_init(&b);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		sq_buf_add(&b, tmp, n);
	int err = ferror(f);
	fclose(f);
	if (err) {
		sq_buf_free(&b);
		return NULL;
	}
	if (len)
		*len = b.len;
	return sq_buf_take(&b);
}

/* share/report/LANG/NAME, else share/report/NAME */
static char *
load_partial(void *ctx, const char *name, char **path, char *err,
    size_t errsz)
{
	struct loader *L = ctx;
	const char *dd = sq_datadir(&L->R->c);

	if (strchr(name, '/') || name[0] == '.') {
		snprintf(err, errsz, "'%s': a template is named without a "
		    "directory", name);
		return NULL;
	}
	for (int k = 0; k < 2; k++) {
		char *p = k == 0 ? xasprintf("%s/report/%s/%s", dd, L->lang, name) :
		    xasprintf("%s/report/%s", dd, name);
		char *text = slurp(p, NULL);
		if (text) {
			*path = p;
			return text;
		}
		free(p);
	}
	snprintf(err, errsz, "no template '%s' in %s/report/%s or %s/report",
	    name, dd, L->lang, dd);
	return NULL;
}

static void
esc_html(struct sq_buf *b, const char *s, size_t n)
{
	sq_buf_html(b, s, n);
}

static void
esc_md(struct sq_buf *b, const char *s, size_t n)
{
	sq_buf_markdown(b, s, n);
}

/* The text as the reader sees it: drop control characters, keep lines. */
static void
esc_text(struct sq_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t')
			sq_buf_addc(b, (char)c);
	}
}

static size_t
chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

static int
render(struct report *R, json_t *ctx, struct sq_buf *out)
{
	struct loader L = { R, R->lang };
	struct sq_tpl_env env = { NULL, "svg.", load_partial, &L };
	static const char *const tname[] = { "bulletin.txt", "bulletin.md",
	    "bulletin.html" };
	char err[1024], *path = NULL;

	env.escape = R->fmt == F_HTML ? esc_html : R->fmt == F_MARKDOWN ?
	    esc_md : esc_text;
	char *text = load_partial(&L, tname[R->fmt], &path, err, sizeof(err));
	if (text == NULL) {
		sq_error("%s", err);
		return -1;
	}
	struct sq_tpl *t = sq_tpl_parse(text, strlen(text), path, err,
	    sizeof(err));
	free(text);
	free(path);
	if (t == NULL) {
		sq_error("%s", err);
		return -1;
	}
	int rc = sq_tpl_render(t, ctx, &env, out, err, sizeof(err));
	if (rc < 0)
		sq_error("%s", err);
	else if (R->fmt == F_TEXT && chars(out->s, out->len) >
	    (size_t)R->max_chars) {
		/* too long for a group post: the short form, then cut */
		json_object_set_new(ctx, "brief", json_true());
		out->len = 0;
		rc = sq_tpl_render(t, ctx, &env, out, err, sizeof(err));
		if (rc < 0)
			sq_error("%s", err);
		size_t full = chars(out->s, out->len);
		if (rc == 0 && full > (size_t)R->max_chars) {
			const char *more = word(R, "more");
			size_t room = (size_t)R->max_chars - chars(more,
			    strlen(more)) - 1, k = 0, cut = 0;
			for (size_t i = 0; i < out->len; i++) {
				if (((unsigned char)out->s[i] & 0xc0) != 0x80)
					k++;
				if (k > room)
					break;
				if (out->s[i] == '\n' && (cut == 0 ||
				    (i > 0 && out->s[i - 1] == '\n')))
					cut = i + 1;	/* a paragraph's end */
			}
			out->len = cut;
			sq_buf_adds(out, more);
			sq_buf_addc(out, '\n');
			sq_warn(NULL, 0, "the text post had %zu characters; "
			    "cut to %zu (--max-chars %ld)", full,
			    chars(out->s, out->len), R->max_chars);
		}
	}
	sq_tpl_free(t);
	return rc;
}

/*
 * --absent SECTION=REASON: a section the day's job could not make, said
 * in the bulletin as "■ 健康打卡 / 今日未收到打卡数据" (the words
 * section_SECTION and absent_REASON of words.conf), never left to vanish.
 */
static int
set_absent(struct report *R)
{
	json_t *a = json_array();

	for (size_t i = 0; i < R->nabsent; i++) {
		const char *eq = strchr(R->absent[i], '=');
		char key[96];
		snprintf(key, sizeof(key), "section_%.*s",
		    (int)(eq - R->absent[i]), R->absent[i]);
		const char *title = word(R, key);
		char why[96];
		snprintf(why, sizeof(why), "absent_%s", eq + 1);
		const char *text = word(R, why);
		if (!*title || !*text) {
			sq_error("--absent %s: the words.conf of '%s' has no %s",
			    R->absent[i], R->lang, !*title ? key : why);
			json_decref(a);
			return -1;
		}
		json_t *o = json_object();
		json_object_set_new(o, "section", json_stringn(R->absent[i],
		    (size_t)(eq - R->absent[i])));
		json_object_set_new(o, "reason", json_string(eq + 1));
		json_object_set_new(o, "title", json_string(title));
		json_object_set_new(o, "text", json_string(text));
		json_array_append_new(a, o);
	}
	if (json_array_size(a))
		json_object_set_new(R->data, "absent", a);
	else
		json_decref(a);
	return 0;
}

static void
set_date(struct report *R)
{
	int days = sq_date_days(R->date);
	json_t *d = R->data;
	char *wd = sq_xstrdup(word(R, "weekdays")), *p = wd, *names[7] = { 0 };
	int k = 0;

	for (char *s; k < 7 && (s = strsep(&p, ",")) != NULL; k++)
		names[k] = s;
	json_object_set_new(d, "date", json_string(R->date));
	json_object_set_new(d, "year", json_integer(atoi(R->date)));
	json_object_set_new(d, "month", json_integer(atoi(R->date + 5)));
	json_object_set_new(d, "day", json_integer(atoi(R->date + 8)));
	int w = ((days % 7) + 7 + 4) % 7;	/* 1970-01-01 was a Thursday */
	json_object_set_new(d, "weekday", json_string(names[w] ? names[w] : ""));
	free(wd);
}

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
