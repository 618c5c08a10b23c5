/*
 * dc-check — attack a bulletin as a reader would: from its JSON and the
 * public facts (each building's households), work out every figure it
 * does not show exactly, and fail if a count of households is pinned to
 * 1 .. t-1 ("one or two households in building 5 are ill").
 *
 *	dc-check [-v] [-t T] [-s summary.json | -H sizes.csv] bulletin.json
 *
 * The relations a reader knows, derived here from what the bulletin says
 * and not from sq-report's own declarations (render/publish.c), so the check
 * is an independent one:
 *  - per building: follow-up = unreported + fever + symptoms + bad
 *    readings, all >= 0, at most the building's households; coverage =
 *    (households - unreported) / households, within its rounding or band;
 *    the map's colour class: follow-up at least its class's low end;
 *  - the community: each total is the sum over the buildings; follow-up =
 *    unreported + fever + symptoms + bad readings; reported = households -
 *    unreported; coverage = reported / households;
 *  - requests: the day's total is the sum of the categories; a repeated
 *    question asked n times says its category has n at least;
 *  - deliveries: urgent and door-delivery orders, each at most the orders;
 *  - care: the households in care = paired + unpaired = greeted + still
 *    to greet; urgent at most the households; the rate greeted = greeted /
 *    households, within its rounding or band (and a rate shown says
 *    there are households: a rate of none is "-");
 *  - waves (sq-waves' summary): per building, its households (shown; a
 *    building's flats are public) = sampled in full + still to sample,
 *    the rate sampled = sampled / households within its rounding or band;
 *    the community: each the sum over the buildings, still to sample =
 *    missed + partial, its rate likewise.
 * A figure shown as a number is exact (a rate: within its rounding), "<N"
 * is 0 .. N-1, "A-B" is A .. B (a rate "A-B%" is A% .. B%), null is
 * unknown.  Every cell is a whole number >= 0; ranges are those of the
 * linear relaxation (solve/lp.c), rounded inward.
 *
 * Protected: each building's ill (fever + symptoms + bad readings) and
 * each of them, its follow-up and unreported when not shown exactly; the
 * community's figures not shown exactly; sensitive request categories
 * shown as a band; urgent and door orders shown as a band; every count
 * of the households in care not shown exactly; the households still to
 * sample (a building's, the community's, missed, partial) not shown
 * exactly.
 * Exit 0 when nothing is pinned, 1 when something is (each printed), 2 on
 * a usage error or an input that cannot be read.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"

static const char usage_line[] =
    "usage: dc-check [-v] [-t T] [-s summary.json | -H sizes.csv] bulletin.json\n";

/* a figure as the bulletin shows it */
struct shown {
	int	 known;		/* 0: null or missing */
	int	 exact;
	double	 lo, hi;
};

static struct shown
parse_count(json_t *v)
{
	struct shown s = { 0, 0, 0, INFINITY };
	char *end;

	if (json_is_integer(v)) {
		s.known = s.exact = 1;
		s.lo = s.hi = (double)json_integer_value(v);
	} else if (json_is_string(v)) {
		const char *p = json_string_value(v);
		if (p[0] == '<') {
			s.known = 1;
			s.lo = 0;
			s.hi = strtod(p + 1, NULL) - 1;
		} else {
			double a = strtod(p, &end);
			if (end != p && *end == '-') {
				s.known = 1;
				s.lo = a;
				s.hi = strtod(end + 1, NULL);
			}
		}
	}
	return s;
}

/* a rate in percent: a number is rounded, "A-B%" a band */
static struct shown
parse_rate(json_t *v)
{
	struct shown s = parse_count(v);

	if (s.exact) {
		s.exact = 0;
		s.lo -= 0.5;
		s.hi += 0.5;
	}
	if (s.lo < 0)
		s.lo = 0;
	if (s.hi > 100)
		s.hi = 100;
	return s;
}

/* ---- the program: variables, rows, protected objects -------------------- */

struct prog {
	struct sq_lp *lp;
	size_t	 nv;
	double	*lo, *hi;
	struct { size_t *v; double *c; size_t n; double lo, hi; } *rows;
	size_t	 nr, capr;
	struct { size_t *v; size_t n; char *what; } *obj;
	size_t	 no, capo;
	size_t	 capv;
	long	 t;
	int	 verbose;
};

static size_t
var(struct prog *P, double lo, double hi)
{
	if (P->nv == P->capv) {
		P->capv = P->capv ? 2 * P->capv : 256;
		P->lo = realloc(P->lo, P->capv * sizeof(double));
		P->hi = realloc(P->hi, P->capv * sizeof(double));
		if (P->lo == NULL || P->hi == NULL)
			exit(2);
	}
	P->lo[P->nv] = lo < 0 ? 0 : lo;
	P->hi[P->nv] = hi;
	return P->nv++;
}

/* a variable for a figure shown: its band (unknown: >= 0) */
static size_t
shown_var(struct prog *P, struct shown s)
{
	return s.known ? var(P, s.lo, s.hi) : var(P, 0, INFINITY);
}

static void
row(struct prog *P, const size_t *v, const double *c, size_t n, double lo,
    double hi)
{
	if (P->nr == P->capr) {
		P->capr = P->capr ? 2 * P->capr : 256;
		P->rows = realloc(P->rows, P->capr * sizeof(*P->rows));
		if (P->rows == NULL)
			exit(2);
	}
	P->rows[P->nr].v = malloc((n + 1) * sizeof(size_t));
	P->rows[P->nr].c = malloc((n + 1) * sizeof(double));
	memcpy(P->rows[P->nr].v, v, n * sizeof(size_t));
	for (size_t k = 0; k < n; k++)
		P->rows[P->nr].c[k] = c ? c[k] : 1;
	P->rows[P->nr].n = n;
	P->rows[P->nr].lo = lo;
	P->rows[P->nr].hi = hi;
	P->nr++;
}

/* total - sum(parts) = 0 */
static void
sum_row(struct prog *P, size_t total, const size_t *parts, size_t n)
{
	size_t *v = malloc((n + 1) * sizeof(size_t));
	double *c = malloc((n + 1) * sizeof(double));

	v[0] = total;
	c[0] = -1;
	for (size_t k = 0; k < n; k++) {
		v[k + 1] = parts[k];
		c[k + 1] = 1;
	}
	row(P, v, c, n + 1, 0, 0);
	free(v);
	free(c);
}

static void
protect(struct prog *P, const size_t *v, size_t n, const char *fmt,
    const char *arg)
{
	char buf[256];

	if (P->no == P->capo) {
		P->capo = P->capo ? 2 * P->capo : 256;
		P->obj = realloc(P->obj, P->capo * sizeof(*P->obj));
		if (P->obj == NULL)
			exit(2);
	}
	snprintf(buf, sizeof(buf), fmt, arg);
	P->obj[P->no].v = malloc((n + 1) * sizeof(size_t));
	memcpy(P->obj[P->no].v, v, n * sizeof(size_t));
	P->obj[P->no].n = n;
	P->obj[P->no].what = strdup(buf);
	P->no++;
}

/* ---- public facts ------------------------------------------------------- */

struct sizes {
	char	**name;
	long	*h;
	size_t	 n;
};

static void
size_add(struct sizes *z, const char *name, long h)
{
	z->name = realloc(z->name, (z->n + 1) * sizeof(char *));
	z->h = realloc(z->h, (z->n + 1) * sizeof(long));
	z->name[z->n] = strdup(name);
	z->h[z->n++] = h;
}

static long
size_of(const struct sizes *z, const char *name)
{
	for (size_t i = 0; i < z->n; i++)
		if (strcmp(z->name[i], name) == 0)
			return z->h[i];
	return -1;
}

static int
load_sizes(struct sizes *z, const char *summary, const char *csv)
{
	if (summary) {
		json_error_t e;
		json_t *s = json_load_file(summary, 0, &e);
		size_t i;
		json_t *b;
		if (s == NULL) {
			fprintf(stderr, "dc-check: %s:%d: %s\n", summary, e.line,
			    e.text);
			return -1;
		}
		json_array_foreach(json_object_get(s, "buildings"), i, b) {
			const char *n = json_string_value(json_object_get(b,
			    "building"));
			if (n)
				size_add(z, n, (long)json_integer_value(
				    json_object_get(b, "households")));
		}
		json_decref(s);
		return 0;
	}
	FILE *f = fopen(csv, "r");
	char line[512];
	if (f == NULL) {
		fprintf(stderr, "dc-check: %s: %s\n", csv, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *comma = strchr(line, ',');
		char *end;
		if (comma == NULL)
			continue;
		*comma = '\0';
		long h = strtol(comma + 1, &end, 10);
		if (end != comma + 1)
			size_add(z, line, h);
	}
	fclose(f);
	return 0;
}

/* ---- the bulletin's sections ------------------------------------------ */

static void
checkin(struct prog *P, json_t *doc, const struct sizes *z, int *bad)
{
	json_t *ck = json_object_get(doc, "checkin");
	json_t *blds = json_object_get(doc, "buildings");
	size_t nb = json_array_size(blds), i;
	json_t *b;

	if (!json_is_object(ck))
		return;
	size_t *us = calloc(nb + 1, sizeof(size_t));
	size_t *fs = calloc(nb + 1, sizeof(size_t));
	size_t *ss = calloc(nb + 1, sizeof(size_t));
	size_t *bs = calloc(nb + 1, sizeof(size_t));
	size_t *fus = calloc(nb + 1, sizeof(size_t));
	double H = 0;
	long t = P->t, cls[4] = { 0, t, 2 * t, 4 * t };

	json_array_foreach(blds, i, b) {
		const char *name = json_string_value(json_object_get(b,
		    "building"));
		long h = name ? size_of(z, name) : -1;
		if (h < 0) {
			fprintf(stderr, "dc-check: building '%s': its households "
			    "are not among the public facts\n", name ? name : "");
			*bad = 2;
			h = 0;
		}
		H += (double)h;
		us[i] = var(P, 0, (double)h);
		fs[i] = var(P, 0, (double)h);
		ss[i] = var(P, 0, (double)h);
		bs[i] = var(P, 0, (double)h);
		struct shown fu = parse_count(json_object_get(b, "follow_up"));
		json_t *heat = json_object_get(b, "heat");
		if (json_is_integer(heat) && json_integer_value(heat) >= 1 &&
		    json_integer_value(heat) <= 3 &&
		    cls[json_integer_value(heat)] > fu.lo)
			fu.lo = (double)cls[json_integer_value(heat)];
		fus[i] = shown_var(P, fu);
		size_t parts[4] = { us[i], fs[i], ss[i], bs[i] };
		sum_row(P, fus[i], parts, 4);
		row(P, parts, NULL, 4, 0, (double)h);
		struct shown cv = parse_rate(json_object_get(b, "coverage"));
		if (cv.known && h > 0) {
			/* (h - u) / h in [lo, hi]%  <=>  u in h (1 - hi/100) ..
			   h (1 - lo/100) */
			double one = 1;
			row(P, &us[i], &one, 1, h * (1 - cv.hi / 100),
			    h * (1 - cv.lo / 100));
		}
		size_t ill[3] = { fs[i], ss[i], bs[i] };
		protect(P, ill, 3, "building %s: households ill", name);
		protect(P, &fs[i], 1, "building %s: households with fever", name);
		protect(P, &ss[i], 1, "building %s: households with symptoms",
		    name);
		protect(P, &bs[i], 1, "building %s: bad readings", name);
		if (!fu.exact)
			protect(P, &fus[i], 1, "building %s: follow-up", name);
	}
	static const char *const keys[] = { "unreported", "fever", "symptoms",
	    "bad_reading", "follow_up", "reported" };
	size_t tv[6];
	for (int k = 0; k < 6; k++) {
		struct shown s = parse_count(json_object_get(ck, keys[k]));
		tv[k] = shown_var(P, s);
		if (!s.exact && k < 5)
			protect(P, &tv[k], 1, "the community's %s", keys[k]);
	}
	struct shown hs = parse_count(json_object_get(ck, "households"));
	if (hs.exact)
		H = hs.lo;
	size_t tH = var(P, H, H);
	sum_row(P, tv[4], tv, 4);			/* FU = U + F + S + B */
	size_t ru[2] = { tv[5], tv[0] };
	sum_row(P, tH, ru, 2);				/* H = R + U */
	struct shown cv = parse_rate(json_object_get(ck, "coverage"));
	if (cv.known && H > 0) {
		double one = 1;
		row(P, &tv[0], &one, 1, H * (1 - cv.hi / 100),
		    H * (1 - cv.lo / 100));
	}
	if (nb > 0) {
		sum_row(P, tv[0], us, nb);
		sum_row(P, tv[1], fs, nb);
		sum_row(P, tv[2], ss, nb);
		sum_row(P, tv[3], bs, nb);
		sum_row(P, tv[4], fus, nb);
	}
	free(us);
	free(fs);
	free(ss);
	free(bs);
	free(fus);
}

static void
requests(struct prog *P, json_t *doc)
{
	json_t *rq = json_object_get(doc, "requests");
	json_t *cats = json_object_get(rq, "categories");
	size_t nc = json_array_size(cats), i, j;
	json_t *c, *q;

	if (!json_is_object(rq) || nc == 0)
		return;
	size_t *cv = calloc(nc + 1, sizeof(size_t));
	json_array_foreach(cats, i, c) {
		struct shown s = parse_count(json_object_get(c, "count"));
		cv[i] = shown_var(P, s);
		if (!s.exact)
			protect(P, &cv[i], 1, "requests: %s", json_string_value(
			    json_object_get(c, "category")));
	}
	size_t tot = shown_var(P, parse_count(json_object_get(rq, "total")));
	sum_row(P, tot, cv, nc);
	json_array_foreach(json_object_get(rq, "repeated"), j, q) {
		const char *cat = json_string_value(json_object_get(q,
		    "category"));
		struct shown s = parse_count(json_object_get(q, "count"));
		json_array_foreach(cats, i, c) {
			const char *cc = json_string_value(json_object_get(c,
			    "category"));
			if (cat && cc && strcmp(cat, cc) == 0 && s.known) {
				double one = 1;
				row(P, &cv[i], &one, 1, s.lo, INFINITY);
			}
		}
	}
	free(cv);
}

static void
deliveries(struct prog *P, json_t *doc)
{
	json_t *d = json_object_get(doc, "deliveries");

	if (!json_is_object(d))
		return;
	size_t orders = shown_var(P, parse_count(json_object_get(d, "orders")));
	static const char *const keys[] = { "urgent", "door" };
	for (int k = 0; k < 2; k++) {
		json_t *v = json_object_get(d, keys[k]);
		if (v == NULL)
			continue;
		struct shown s = parse_count(v);
		size_t x = shown_var(P, s);
		size_t le[2] = { x, orders };
		double c[2] = { 1, -1 };
		row(P, le, c, 2, -INFINITY, 0);
		if (!s.exact)
			protect(P, &x, 1, "deliveries: %s", keys[k]);
	}
}

/*
 * Care (sq-care's summary): every count is of the vulnerable, so each one
 * not shown exactly is protected.  The rate is a linear relation even when
 * the households are a band: lo% H <= greeted <= hi% H.
 */
static void
care(struct prog *P, json_t *doc)
{
	json_t *c = json_object_get(doc, "care");
	static const char *const keys[] = { "households", "paired", "unpaired",
	    "greeted", "follow_up", "urgent" };
	size_t v[6];

	if (!json_is_object(c))
		return;
	int greetings = json_is_true(json_object_get(c, "greetings"));
	int nk = greetings ? 6 : 3;
	for (int k = 0; k < nk; k++) {
		struct shown s = parse_count(json_object_get(c, keys[k]));
		v[k] = shown_var(P, s);
		if (!s.exact)
			protect(P, &v[k], 1, "care: %s", keys[k]);
	}
	size_t pu[2] = { v[1], v[2] };
	sum_row(P, v[0], pu, 2);
	if (!greetings)
		return;
	size_t gf[2] = { v[3], v[4] }, uh[2] = { v[5], v[0] }, gh[2] = { v[3],
	    v[0] };
	double le[2] = { 1, -1 };
	sum_row(P, v[0], gf, 2);
	row(P, uh, le, 2, -INFINITY, 0);
	struct shown rt = parse_rate(json_object_get(c, "rate"));
	if (rt.known) {
		double lo[2] = { 1, -rt.lo / 100 }, hi[2] = { 1, -rt.hi / 100 };
		double one = 1;
		row(P, gh, lo, 2, 0, INFINITY);
		row(P, gh, hi, 2, -INFINITY, 0);
		/* a rate of none would be "-": one shown says some */
		row(P, &v[0], &one, 1, 1, INFINITY);
	}
}

/*
 * Mass testing: a household not sampled is protected; the buildings'
 * households are public (the bulletin shows them exactly).
 */
static void
rate_rows(struct prog *P, size_t part, size_t whole, json_t *v)
{
	struct shown rt = parse_rate(v);

	if (!rt.known)
		return;
	size_t ph[2] = { part, whole };
	double lo[2] = { 1, -rt.lo / 100 }, hi[2] = { 1, -rt.hi / 100 };
	double one = 1;
	row(P, ph, lo, 2, 0, INFINITY);
	row(P, ph, hi, 2, -INFINITY, 0);
	row(P, &whole, &one, 1, 1, INFINITY);
}

static void
waves(struct prog *P, json_t *doc)
{
	json_t *w = json_object_get(doc, "waves");
	json_t *blds = json_object_get(w, "buildings"), *b;
	size_t nb = json_array_size(blds), i;

	if (!json_is_object(w) || nb == 0)
		return;
	size_t *hs = calloc(nb, sizeof(size_t)), *ss = calloc(nb, sizeof(size_t));
	size_t *fs = calloc(nb, sizeof(size_t)), *ms = calloc(nb, sizeof(size_t));
	size_t *ps = calloc(nb, sizeof(size_t));
	json_array_foreach(blds, i, b) {
		const char *name = json_string_value(json_object_get(b,
		    "building"));
		hs[i] = shown_var(P, parse_count(json_object_get(b,
		    "households")));
		ss[i] = var(P, 0, INFINITY);
		ms[i] = var(P, 0, INFINITY);
		ps[i] = var(P, 0, INFINITY);
		struct shown f = parse_count(json_object_get(b, "follow_up"));
		fs[i] = shown_var(P, f);
		size_t sf[2] = { ss[i], fs[i] }, mp[2] = { ms[i], ps[i] };
		sum_row(P, hs[i], sf, 2);
		sum_row(P, fs[i], mp, 2);
		rate_rows(P, ss[i], hs[i], json_object_get(b, "rate"));
		if (!f.exact)
			protect(P, &fs[i], 1, "waves: building %s: still to "
			    "sample", name ? name : "");
	}
	static const char *const keys[] = { "households", "follow_up",
	    "missed", "partial" };
	size_t t[4];
	for (int k = 0; k < 4; k++) {
		struct shown s = parse_count(json_object_get(w, keys[k]));
		t[k] = shown_var(P, s);
		if (!s.exact && k > 0)
			protect(P, &t[k], 1, "waves: %s", keys[k]);
	}
	size_t tS = var(P, 0, INFINITY);
	size_t sf[2] = { tS, t[1] };
	sum_row(P, t[0], sf, 2);
	sum_row(P, t[1], &t[2], 2);
	sum_row(P, t[0], hs, nb);
	sum_row(P, tS, ss, nb);
	sum_row(P, t[1], fs, nb);
	sum_row(P, t[2], ms, nb);
	sum_row(P, t[3], ps, nb);
	rate_rows(P, tS, t[0], json_object_get(w, "rate"));
	free(hs);
	free(ss);
	free(fs);
	free(ms);
	free(ps);
}

static void
release(struct prog *P, struct sizes *z)
{
	for (size_t r = 0; r < P->nr; r++) {
		free(P->rows[r].v);
		free(P->rows[r].c);
	}
	for (size_t k = 0; k < P->no; k++) {
		free(P->obj[k].v);
		free(P->obj[k].what);
	}
	free(P->rows);
	free(P->obj);
	free(P->lo);
	free(P->hi);
	sq_lp_free(P->lp);
	for (size_t i = 0; i < z->n; i++)
		free(z->name[i]);
	free(z->name);
	free(z->h);
}

int
main(int argc, char **argv)
{
	struct prog P = { 0 };
	struct sizes z = { 0 };
	const char *summary = NULL, *sizes = NULL;
	int ch, bad = 0;

	P.t = -1;
	while ((ch = getopt(argc, argv, "vt:s:H:h")) != -1)
		switch (ch) {
		case 'v': P.verbose = 1; break;
		case 't': P.t = atol(optarg); break;
		case 's': summary = optarg; break;
		case 'H': sizes = optarg; break;
		default:
			fputs(usage_line, ch == 'h' ? stdout : stderr);
			return ch == 'h' ? 0 : 2;
		}
	if (optind != argc - 1 || (!summary == !sizes)) {
		fputs(usage_line, stderr);
		return 2;
	}
	json_error_t e;
	json_t *doc = json_load_file(argv[optind], 0, &e);
	if (doc == NULL) {
		fprintf(stderr, "dc-check: %s:%d: %s\n", argv[optind], e.line,
		    e.text);
		return 2;
	}
	if (load_sizes(&z, summary, sizes) < 0) {
		json_decref(doc);
		release(&P, &z);
		return 2;
	}
	if (P.t < 0)
		P.t = json_is_integer(json_object_get(doc, "threshold")) ?
		    (long)json_integer_value(json_object_get(doc, "threshold")) : 3;
	checkin(&P, doc, &z, &bad);
	requests(&P, doc);
	deliveries(&P, doc);
	care(&P, doc);
	waves(&P, doc);
	json_decref(doc);
	if (bad) {
		release(&P, &z);
		return 2;
	}

	P.lp = sq_lp_new(P.nv);
	sq_lp_integer(P.lp);
	for (size_t j = 0; j < P.nv; j++)
		sq_lp_bounds(P.lp, j, P.lo[j], P.hi[j]);
	for (size_t r = 0; r < P.nr; r++)
		sq_lp_row(P.lp, P.rows[r].v, P.rows[r].c, P.rows[r].n,
		    P.rows[r].lo, P.rows[r].hi);
	long pinned = 0;
	int rc = 0;
	for (size_t k = 0; k < P.no && rc == 0; k++) {
		double *c = malloc((P.obj[k].n + 1) * sizeof(double));
		double mn, mx;
		for (size_t j = 0; j < P.obj[k].n; j++)
			c[j] = 1;
		int lr = sq_lp_range(P.lp, P.obj[k].v, c, P.obj[k].n, &mn, &mx);
		free(c);
		if (lr == SQ_LP_INFEASIBLE) {
			printf("%s: no table agrees with what the bulletin "
			    "shows: is it of these buildings?\n", argv[optind]);
			rc = 1;
			break;
		}
		if (lr != SQ_LP_OK) {
			fprintf(stderr, "dc-check: the solver gave up\n");
			rc = 2;
			break;
		}
		long lo = isfinite(mn) ? (long)ceil(mn - 1e-6) : 0;
		long hi = isfinite(mx) ? (long)floor(mx + 1e-6) : -1;
		int pin = lo >= 1 && hi >= 0 && hi <= P.t - 1;
		if (pin || P.verbose) {
			if (hi < 0)
				printf("%s%s: %ld or more\n", pin ? "PINNED " : "",
				    P.obj[k].what, lo);
			else
				printf("%s%s: %ld to %ld\n", pin ? "PINNED " : "",
				    P.obj[k].what, lo, hi);
		}
		pinned += pin;
	}
	if (rc == 0)
		printf("dc-check: %s: %zu figures worked out, %ld pinned below "
		    "%ld\n", argv[optind], P.no, pinned, P.t);
	release(&P, &z);
	return rc ? rc : pinned ? 1 : 0;
}
