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
	int	 urgent;
};

static struct row *rows;
static size_t nrows;

static int
read_corpus(const char *path, const char *datadir)
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
		if (k && i % k == fold)
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

static void
crossvalidate(struct sq_triage *tr, struct sq_nbayes *dummy, double alpha,
    long mindf, size_t k, int verbose)
{
	long ok = 0, rev = 0, rev_ok = 0, u = 0, ur = 0, fa = 0, forced = 0;
	char *cats[64];
	long cn[64] = { 0 }, cok[64] = { 0 };
	size_t ncats = 0;

	for (size_t fold = 0; fold < k; fold++) {
		struct sq_nbayes *m = train(alpha, mindf, k, fold);
		sq_triage_use_model(tr, m);
		for (size_t i = fold; i < nrows; i += k) {
			struct sq_verdict v;
			const struct row *r = &rows[i];
			sq_triage_decide(tr, r->text, strlen(r->text), &v);
			int right = strcmp(v.category, r->cat) == 0;
			size_t c = 0;
			while (c < ncats && strcmp(cats[c], r->cat) != 0)
				c++;
			if (c == ncats && ncats < 64)
				cats[ncats++] = r->cat;
			if (c < 64) {
				cn[c]++;
				cok[c] += right;
			}
			ok += right;
			forced += v.forced;
			if (v.review) {
				rev++;
				rev_ok += right;
			}
			if (r->urgent) {
				u++;
				ur += v.urgent;
			} else
				fa += v.urgent;
			if (verbose && !right)
				fprintf(stderr, "miss\t%s\t%s\t%.2f\t%s\n", r->cat,
				    v.category, v.confidence, r->text);
			if (verbose && r->urgent != v.urgent)
				fprintf(stderr, "%s\t%s\t%.2f\t%s\n", r->urgent ?
				    "urgent-missed" : "false-alarm", r->cat,
				    v.p_urgent, r->text);
		}
		sq_triage_use_model(tr, dummy);
		sq_nbayes_free(m);
	}
	long n = (long)nrows, nu = n - u;
	printf("sq-train: %d-fold cross-validation of %ld requests: category "
	    "accuracy %.1f%% (%ld/%ld); %ld marked review (%.1f%%), %.1f%% "
	    "right among the rest; %ld forced by the rules\n", (int)k, n,
	    n ? 100.0 * ok / n : 0, ok, n, rev, n ? 100.0 * rev / n : 0,
	    n - rev ? 100.0 * (ok - rev_ok) / (n - rev) : 0, forced);
	printf("sq-train: urgent recall %.1f%% (%ld/%ld), false alarms %.1f%% "
	    "(%ld/%ld)\n", u ? 100.0 * ur / u : 0, ur, u,
	    nu ? 100.0 * fa / nu : 0, fa, nu);
	for (size_t c = 0; c < ncats; c++)
		printf("sq-train:   %-13s %5.1f%% (%ld/%ld)\n", cats[c],
		    100.0 * cok[c] / cn[c], cok[c], cn[c]);
}

int
main(int argc, char **argv)
{
	struct sq_common com;
	double alpha = 0.3;
	long mindf = 2, k = 0;
	int verbose = 0, ch;
	const char *usage = "usage: sq-train [-v] [-k folds] [-e epochs] "
	    "[-r rate] [-a alpha] [-m mindf] [-D datadir] CORPUS...\n";

	sq_start(argc, argv);
	sq_common_init(&com);
	while ((ch = getopt(argc, argv, "a:D:e:hk:m:r:v")) != -1)
		switch (ch) {
		case 'a': alpha = strtod(optarg, NULL); break;
		case 'e': epochs = (int)sq_opt_long(optarg, 0, 1000, "-e", NULL);
			break;
		case 'r': rate = strtod(optarg, NULL); break;
		case 'D': com.datadir = optarg; break;
		case 'k': k = sq_opt_long(optarg, 2, 100, "-k", NULL); break;
		case 'm': mindf = sq_opt_long(optarg, 1, 1000, "-m", NULL); break;
		case 'v': verbose = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	if (optind == argc || !(alpha > 0 && alpha <= 100) ||
	    !(rate > 0 && rate <= 100)) {
		fputs(usage, stderr);
		return 2;
	}
	for (int i = optind; i < argc; i++)
		if (read_corpus(argv[i], sq_datadir(&com)) < 0)
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
	if (k) {
		crossvalidate(tr, dummy, alpha, mindf, (size_t)k, verbose);
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
