/*
 * classify.h — weighted keyword rules with negation, kept as data.
 *
 * A rules file (share/requests/rules.txt is one) has one label a line, then
 * its keywords, each with an optional weight:
 *
 *	medical: 药=2, 降压药=3, ~发烧=2, 医院, 药店关门=-1
 *	negate:  没有, 没, 无, 不, 未, no, not
 *	min:     urgent=2
 *
 * '#' starts a comment line.  A keyword's weight is 1 unless "=N" says
 * otherwise (an integer from -99 to 99; negative weights argue against the
 * label).  A keyword matches anywhere in the text, after both are folded
 * (full-width to ASCII, ASCII letters to lower case, runs of white space
 * to one space); a keyword that begins with an ASCII letter matches only at
 * the start of a word ("test" in "testing", not in "contest").  A keyword
 * written "~word" does not count where a negation word comes right before
 * it ("~发烧" matches "发烧了" but not "没有发烧"); other keywords count
 * everywhere, because "没米了" is a need for rice, not the absence of one.
 * Each keyword counts once a text, however often it occurs.
 *
 * The score of a label is the sum of the weights of its keywords found; a
 * label is a candidate when its score reaches its minimum (1 unless a
 * "min:" line says otherwise).
 *
 * Two labels are reserved: "negate" lists the negation words, "min" sets
 * minimum scores ("min: urgent=2" names the label as its own line does).
 * Files load one after another (the shipped rules, then a user's): a label
 * given again adds keywords, and a keyword given again for the same label
 * takes its new weight (=0 switches it off).  A file loads all or nothing:
 * one with a mistake in it adds none of its rules.
 */
#ifndef SQ_CLASSIFY_H
#define SQ_CLASSIFY_H

#include <stddef.h>

struct sq_classify;

struct sq_classify *sq_classify_new(void);
/* Add the rules of PATH; 0, or -1 with FILE:LINE printed (and none added). */
int	 sq_classify_load(struct sq_classify *, const char *path);
void	 sq_classify_free(struct sq_classify *);

size_t	 sq_classify_nlabels(const struct sq_classify *);
const char *sq_classify_label(const struct sq_classify *, size_t i);
/* Index of a label, or -1. */
long	 sq_classify_find(const struct sq_classify *, const char *label);
/* The minimum score of label i. */
int	 sq_classify_min(const struct sq_classify *, size_t i);

/*
 * The keywords, in the order they were first given: keyword i's folded
 * text (NULL past the end), and through the pointers that are not NULL its
 * label's index, its weight and whether it was written "~word".
 */
size_t	 sq_classify_nkeywords(const struct sq_classify *);
const char *sq_classify_keyword(const struct sq_classify *, size_t i,
	    size_t *label, int *weight, int *negatable);

/*
 * The score of every label for text: score[sq_classify_nlabels()].  With
 * matched (may be NULL), the keywords found for label `which` (an index,
 * or -1 for none) are written there, separated by ';', NUL-terminated and
 * cut at a character boundary to fit msize: always the start of the whole
 * list, never a later keyword after one cut short.
 */
void	 sq_classify_score(const struct sq_classify *, const char *text,
	    size_t len, int *score, long which, char *matched, size_t msize);

/* The folded form used for matching, into out (outsz >= len + 1). */
size_t	 sq_classify_fold(const char *in, size_t len, char *out, size_t outsz);

#endif
