/*
 * triage.h — a resident's request to a line of work, a confidence and an
 * urgency: the learned model (nbayes.h) for the category, the committee's
 * keyword rules on top, and an urgency detector that does not depend on
 * the category.  What sq-requests classifies with, and what sq-train
 * cross-validates, so the figures are those of the program.
 *
 * From the data directory:
 *	requests/simplified.txt, requests/typos.txt	the normalization
 *	requests/model.txt	the model (sq-train), tasks "category" and
 *				"urgent" (classes false, true)
 *	requests/urgent.txt	the urgency words: label "urgent" of a
 *				classify.h rules file, with its negations
 *	requests/rules.txt	the committee's rules: a category label
 *				that reaches its minimum forces the category
 *	requests/triage.conf	review_below, urgent_model_at,
 *				urgent_words_at
 *
 * The decision, in order: a text is normalized (textnorm.h); a category
 * the rules force wins (confidence 1); else the model's best class, with
 * its posterior as the confidence, marked for review when below
 * review_below.  Urgent when the model's probability of urgent is at
 * least urgent_model_at, or the urgency words reach their minimum and that
 * probability is at least urgent_words_at (words the model all but rules
 * out are its calm lookalikes: "胰岛素还够一个月"): for recall, chosen on
 * cross-validation (triage.conf says how).
 */
#ifndef SQ_TRIAGE_H
#define SQ_TRIAGE_H

#include <stddef.h>

#include "classify.h"
#include "nbayes.h"
#include "textnorm.h"

struct sq_triage;

struct sq_verdict {
	const char *category;	/* a class of the model or a rules label */
	double	 confidence;	/* 0..1 */
	int	 review;	/* below review_below: a person checks it */
	int	 forced;	/* by the committee's rules */
	int	 urgent;
	int	 urgent_words;	/* the words reached their minimum (they
				   count from urgent_words_at) */
	double	 p_urgent;	/* the model's */
	char	 why[512];	/* rules and urgency words found, ';' apart */
};

/*
 * Load from datadir; rules (may be NULL) are the user's, after the
 * shipped ones; model NULL loads requests/model.txt, else it is used and
 * stays the caller's.  NULL (printed) on failure.
 */
struct sq_triage *sq_triage_load(const char *datadir, const char *rules,
	    struct sq_nbayes *model);
void	 sq_triage_free(struct sq_triage *);

/* Replace the model (the caller's; for cross-validation). */
void	 sq_triage_use_model(struct sq_triage *, struct sq_nbayes *);
const struct sq_textnorm *sq_triage_norm(const struct sq_triage *);
const struct sq_classify *sq_triage_rules(const struct sq_triage *);
const struct sq_nbayes *sq_triage_model(const struct sq_triage *);

void	 sq_triage_decide(const struct sq_triage *, const char *text,
	    size_t len, struct sq_verdict *);

#endif
