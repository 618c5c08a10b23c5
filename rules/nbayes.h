/*
 * nbayes.h — multinomial naive Bayes over character n-grams, trained from
 * labelled texts and kept as a data file (share/requests/model.txt).
 *
 * A model answers one or more tasks ("category", "urgent"), each a set of
 * classes.  A text's features are its character n-grams of 1 to 3 (after
 * sq_textnorm): each run of digits counts as one "0", and white space,
 * punctuation and symbols as one boundary " ", also put at both ends, so
 * "药" gives " 药", "药 " and " 药 " besides "药".  A feature counts once a
 * text (binary counts: short texts repeat little, and a long complaint must
 * not outvote a short need).  Features seen in fewer than mindf texts are
 * dropped.  A class's score is log P(class) + the sum over the text's
 * known features of log P(feature | class), with Laplace smoothing alpha.
 *
 * The file is text, written in one order: a header, then one line a
 * feature in byte order, its counts a class, so the same texts give the
 * same bytes:
 *
 *	shequ-nbayes 1
 *	ngrams 1 3
 *	alpha 0.1
 *	mindf 2
 *	task category medical safety ...
 *	docs category 248 154 ...
 *	task urgent false true
 *	docs urgent 1500 297
 *	f<TAB>ngram<TAB>count count ...	(the classes of every task in order)
 */
#ifndef SQ_NBAYES_H
#define SQ_NBAYES_H

#include <stddef.h>
#include <stdio.h>

struct sq_nbayes;

/* An empty model for training, with these tasks. */
struct sq_nbayes *sq_nbayes_new(size_t ntasks, const char *const *tasks,
	    double alpha, long mindf);
/* The class NAME of task t, added when new (training only); its index. */
size_t	 sq_nbayes_class(struct sq_nbayes *, size_t task, const char *name);
/*
 * Train a linear model instead (before any sq_nbayes_add): multinomial
 * logistic regression, epochs passes at this rate; the counts still decide
 * which features are kept (mindf), the file keeps the weights.
 */
void	 sq_nbayes_linear(struct sq_nbayes *, int epochs, double rate);
/* Count one text whose class in task t is cls[t]. */
void	 sq_nbayes_add(struct sq_nbayes *, const char *text, size_t len,
	    const size_t *cls);
/* Training is over: drop rare features, compute the probabilities. */
void	 sq_nbayes_finish(struct sq_nbayes *);
/* Write the finished model; 0, or -1 on a write error. */
int	 sq_nbayes_write(const struct sq_nbayes *, FILE *);

/* Read a model file; NULL (printed, FILE:LINE) when it is bad. */
struct sq_nbayes *sq_nbayes_load(const char *path);
void	 sq_nbayes_free(struct sq_nbayes *);

size_t	 sq_nbayes_ntasks(const struct sq_nbayes *);
/* Index of a task, or -1. */
long	 sq_nbayes_task(const struct sq_nbayes *, const char *name);
size_t	 sq_nbayes_nclasses(const struct sq_nbayes *, size_t task);
const char *sq_nbayes_classname(const struct sq_nbayes *, size_t task,
	    size_t i);
/* Index of a class of task t, or -1. */
long	 sq_nbayes_find(const struct sq_nbayes *, size_t task,
	    const char *name);
/* Features of the model (kept after mindf). */
size_t	 sq_nbayes_nfeatures(const struct sq_nbayes *);

/*
 * The best class of task t for a normalized text; with post (may be NULL)
 * each class's posterior probability, post[sq_nbayes_nclasses()], summing
 * to 1, its log-odds divided by the square root of the features found (naive
 * Bayes counts n overlapping n-grams as n independent votes and would be
 * sure of everything).  Ties go to the class first listed.
 */
size_t	 sq_nbayes_predict(const struct sq_nbayes *, size_t task,
	    const char *text, size_t len, double *post);

#endif
