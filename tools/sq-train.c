/*
 * sq-train — the request model of sq-requests(1), from labelled requests.
 *
 *   sq-train [-D datadir] [-e epochs] [-r rate] [-m mindf] CORPUS... > model.txt
 *	Reads CSV files with the columns text, category, urgent and writes
 *	the model (rules/nbayes.h): logistic regression over the n-grams seen
 *	in mindf texts or more, epochs passes at this rate (defaults 50, 2,
 *	2: the best of a sweep in 10-fold cross-validation on the training
 *	splits); -e 0 gives naive Bayes (alpha -a, 0.3) instead.  The texts
 *	are learnt in byte order, so the same files, in any order, give the
 *	same bytes.
 *   sq-train -k N [-v] [-D datadir] CORPUS...
 *	Cross-validates instead: N folds (row i is in fold i mod N), each
 *	classified by a model of the other folds through the whole triage of
 *	sq-requests (rules/triage.h: normalization, rules, urgency words,
 *	thresholds of requests/triage.conf), and prints the figures; -v also
 *	prints each miss and each missed urgent request on standard error.
 *   sq-train -T DEV [-v] [-D datadir] CORPUS...
 *	Trains on CORPUS and measures the triage on DEV, a labelled file
 *	that is never trained on (a development set): the same figures.
 *   -p (with -k or -T) also prints each prediction on standard output,
 *	"P file line category predicted urgent words p_urgent" (tabs; urgent
 *	and words 0 or 1): out of fold, for choosing urgent_model_at.
 * Exit 0; 1 when a row was bad (said, and left out); 2 on usage or I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "nbayes.h"
#include "opts.h"
#include "reader.h"
#include "triage.h"
#include "value.h"

struct row {
	char	*text, *norm, *cat;
	size_t	 nlen;
	int	 urgent, dev;
	const char *file;
	long	 line;
};

static struct row *rows;
static size_t nrows;

static int
read_corpus(const char *path, const char *datadir, int dev)
{
	struct sq_reader_opts ro;
	memset(&ro, 0, sizeof(ro));
	ro.datadir = datadir;	/* footers.txt from -D, as the triage's files */
	struct sq_reader *r = sq_reader_open(path, &ro);
	if (r == NULL)
		return -1;
	long ct = sq_reader_col(r, "text"), cc = sq_reader_col(r, "category"),
	    cu = sq_reader_col(r, "urgent");
	if (ct < 0 || cc < 0 || cu < 0) {
		sq_error("%s: needs the columns text, category and urgent", path);
		sq_reader_close(r);
		return -1;
	}
	struct sq_rec rec;
	sq_rec_init(&rec);
	while (sq_reader_next(r, &rec) > 0) {
		size_t tl, cl, ul;
		const char *t = sq_rec_cell_trim(&rec, ct, &tl);
		const char *c = sq_rec_cell_trim(&rec, cc, &cl);
		const char *u = sq_rec_cell_trim(&rec, cu, &ul);
		int b = sq_bool_parse(u, ul);
		if (tl == 0 || cl == 0 || b < 0 || memchr(c, ' ', cl)) {
			sq_problem(path, rec.line, "needs a text, a category "
			    "(one word) and urgent true or false; left out");
			continue;
		}
		rows = sq_xrealloc(rows, (nrows + 1) * sizeof(*rows));
		rows[nrows].text = sq_xstrndup(t, tl);
		rows[nrows].cat = sq_xstrndup(c, cl);
		rows[nrows].urgent = b;
		rows[nrows].dev = dev;
		rows[nrows].file = path;
		rows[nrows].line = (long)rec.line;
		nrows++;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return 0;
}

static int epochs = 50;
static double rate = 2;

static struct sq_nbayes *
train(double alpha, long mindf, size_t k, size_t fold)
{
	static const char *const tasks[] = { "category", "urgent" };
	struct sq_nbayes *m = sq_nbayes_new(2, tasks, alpha, mindf);

	if (epochs)
		sq_nbayes_linear(m, epochs, rate);
	/* classes in a fixed order: urgent false, true; categories sorted */
	sq_nbayes_class(m, 1, "false");
	sq_nbayes_class(m, 1, "true");
	for (size_t i = 0; i < nrows; i++) {
		if (rows[i].dev || (k && i % k == fold))
			continue;
		size_t cls[2];
		cls[0] = sq_nbayes_class(m, 0, rows[i].cat);
		cls[1] = (size_t)rows[i].urgent;
		sq_nbayes_add(m, rows[i].norm, rows[i].nlen, cls);
	}
	sq_nbayes_finish(m);
	return m;
}

/* by category, then text: the order the model learns them in */
static int
cmp_cat(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->cat, y->cat);

	return c ? c : strcmp(x->text, y->text) ? strcmp(x->text, y->text) :
	    x->urgent - y->urgent;
}

struct figures {
	long	 n, ok, rev, rev_ok, u, ur, nu, fa, forced;
	char	*cats[64];
	long	 cn[64], cok[64];
	size_t	 ncats;
};

/* row r through the triage, counted in f */
static void
measure(const struct sq_triage *tr, const struct row *r, struct figures *f,
    int verbose, int preds)
{
	struct sq_verdict v;

	sq_triage_decide(tr, r->text, strlen(r->text), &v);
	int right = strcmp(v.category, r->cat) == 0;
	size_t c = 0;
	while (c < f->ncats && strcmp(f->cats[c], r->cat) != 0)
		c++;
	if (c == f->ncats && f->ncats < 64)
		f->cats[f->ncats++] = r->cat;
	if (c < 64) {
		f->cn[c]++;
		f->cok[c] += right;
	}
	f->n++;
	f->ok += right;
	f->forced += v.forced;
	if (v.review) {
		f->rev++;
		f->rev_ok += right;
	}
	if (r->urgent) {
		f->u++;
		f->ur += v.urgent;
	} else {
		f->nu++;
		f->fa += v.urgent;
	}
	if (verbose && !right)
		fprintf(stderr, "miss\t%s\t%s\t%.2f\t%s\n", r->cat,
		    v.category, v.confidence, r->text);
	if (verbose && r->urgent != v.urgent)
		fprintf(stderr, "%s\t%s\t%.2f\t%s\n", r->urgent ?
		    "urgent-missed" : "false-alarm", r->cat, v.p_urgent,
		    r->text);
	if (preds)
		printf("P\t%s\t%ld\t%s\t%s\t%d\t%d\t%.4f\n", r->file,
		    r->line, r->cat, v.category, r->urgent, v.urgent_words,
		    v.p_urgent);
}

static void
print_figures(const char *what, const struct figures *f)
{
	long n = f->n;

	printf("sq-train: %s %ld requests: category accuracy %.1f%% (%ld/%ld); "
	    "%ld marked review (%.1f%%), %.1f%% right among the rest; %ld "
	    "forced by the rules\n", what, n, n ? 100.0 * f->ok / n : 0, f->ok,
	    n, f->rev, n ? 100.0 * f->rev / n : 0, n - f->rev ? 100.0 *
	    (f->ok - f->rev_ok) / (n - f->rev) : 0, f->forced);
	printf("sq-train: urgent recall %.1f%% (%ld/%ld), false alarms %.1f%% "
	    "(%ld/%ld)\n", f->u ? 100.0 * f->ur / f->u : 0, f->ur, f->u,
	    f->nu ? 100.0 * f->fa / f->nu : 0, f->fa, f->nu);
	for (size_t c = 0; c < f->ncats; c++)
		printf("sq-train:   %-13s %5.1f%% (%ld/%ld)\n", f->cats[c],
		    100.0 * f->cok[c] / f->cn[c], f->cok[c], f->cn[c]);
}

/* k folds (k 0: the dev rows, by a model of all the others) */
static void
evaluate(struct sq_triage *tr, struct sq_nbayes *dummy, double alpha,
    long mindf, size_t k, int verbose, int preds)
{
	struct figures f;
	char what[64];

	memset(&f, 0, sizeof(f));
	for (size_t fold = 0; fold < (k ? k : 1); fold++) {
		struct sq_nbayes *m = train(alpha, mindf, k, fold);
		sq_triage_use_model(tr, m);
		for (size_t i = 0; i < nrows; i++)
			if (k ? i % k == fold && !rows[i].dev : rows[i].dev)
				measure(tr, &rows[i], &f, verbose, preds);
		sq_triage_use_model(tr, dummy);
		sq_nbayes_free(m);
	}
	if (k)
		snprintf(what, sizeof(what), "%d-fold cross-validation of",
		    (int)k);
	else
		snprintf(what, sizeof(what), "development set (-T),");
	print_figures(what, &f);
}

int
main(int argc, char **argv)
{
	struct sq_common com;
	double alpha = 0.3;
	long mindf = 2, k = 0;
	int verbose = 0, preds = 0, ch;
	const char *dev = NULL;
	const char *usage = "usage: sq-train [-pv] [-k folds | -T dev.csv] "
	    "[-e epochs] [-r rate] [-a alpha] [-m mindf] [-D datadir] "
	    "CORPUS...\n";

	sq_start(argc, argv);
	sq_common_init(&com);
	while ((ch = getopt(argc, argv, "a:D:e:hk:m:pr:T:v")) != -1)
		switch (ch) {
		case 'a': alpha = strtod(optarg, NULL); break;
		case 'e': epochs = (int)sq_opt_long(optarg, 0, 1000, "-e", NULL);
			break;
		case 'r': rate = strtod(optarg, NULL); break;
		case 'D': com.datadir = optarg; break;
		case 'k': k = sq_opt_long(optarg, 2, 100, "-k", NULL); break;
		case 'm': mindf = sq_opt_long(optarg, 1, 1000, "-m", NULL); break;
		case 'p': preds = 1; break;
		case 'T': dev = optarg; break;
		case 'v': verbose = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	if (optind == argc || (dev && k) || !(alpha > 0 && alpha <= 100) ||
	    !(rate > 0 && rate <= 100)) {
		fputs(usage, stderr);
		return 2;
	}
	for (int i = optind; i < argc; i++)
		if (read_corpus(argv[i], sq_datadir(&com), 0) < 0)
			return 2;
	if (dev && read_corpus(dev, sq_datadir(&com), 1) < 0)
		return 2;
	/* stable order for the classes: sorted, each corpus row kept */
	/* the triage of sq-requests, without the shipped model: the one
	   being trained, or each fold's, takes its place */
	static const char *const t1[] = { "category" };
	struct sq_nbayes *dummy = sq_nbayes_new(1, t1, 1, 1);
	sq_nbayes_class(dummy, 0, "other");
	sq_nbayes_finish(dummy);
	struct sq_triage *tr = sq_triage_load(sq_datadir(&com), NULL, dummy);
	if (tr == NULL)
		return 2;
	for (size_t i = 0; i < nrows; i++)
		rows[i].norm = sq_textnorm(sq_triage_norm(tr), rows[i].text,
		    strlen(rows[i].text), &rows[i].nlen);
	/* categories in byte order, whatever the order of the files */
	struct row *sorted = sq_xmalloc((nrows + 1) * sizeof(*sorted));
	memcpy(sorted, rows, nrows * sizeof(*sorted));
	qsort(sorted, nrows, sizeof(*sorted), cmp_cat);
	int rc = 0;
	if (k || dev) {
		evaluate(tr, dummy, alpha, mindf, (size_t)k, verbose, preds);
	} else {
		static const char *const tasks[] = { "category", "urgent" };
		struct sq_nbayes *m = sq_nbayes_new(2, tasks, alpha, mindf);
		if (epochs)
			sq_nbayes_linear(m, epochs, rate);
		sq_nbayes_class(m, 1, "false");
		sq_nbayes_class(m, 1, "true");
		for (size_t i = 0; i < nrows; i++)
			sq_nbayes_class(m, 0, sorted[i].cat);
		for (size_t i = 0; i < nrows; i++) {
			size_t cls[2] = { sq_nbayes_class(m, 0, sorted[i].cat),
			    (size_t)sorted[i].urgent };
			sq_nbayes_add(m, sorted[i].norm, sorted[i].nlen, cls);
		}
		sq_nbayes_finish(m);
		if (sq_nbayes_write(m, stdout) < 0) {
			sq_error("cannot write the model");
			rc = 2;
		}
		sq_nbayes_free(m);
	}
	free(sorted);
	sq_triage_free(tr);
	sq_nbayes_free(dummy);
	for (size_t i = 0; i < nrows; i++) {
		free(rows[i].text);
		free(rows[i].norm);
		free(rows[i].cat);
	}
	free(rows);
	int st = sq_diag_finish();
	return rc ? rc : st;
}
