/*
 * triage.c — see triage.h.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "kvconf.h"
#include "settings.h"
#include "triage.h"

struct sq_triage {
	struct sq_textnorm *norm;
	struct sq_classify *rules;	/* urgent.txt, rules.txt, the user's */
	struct sq_nbayes *model;
	int	 own_model;
	long	 t_cat, t_urg, c_true;	/* task and class indexes, or -1 */
	long	 l_urgent;		/* the urgency label in the rules */
	double	 review_below, urgent_model_at, urgent_words_at;
};

struct conf {
	double	 review_below, urgent_model_at, urgent_words_at;
};

static char *
path_of(const char *dir, const char *name)
{
	char *p = sq_xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

static void
find_tasks(struct sq_triage *t)
{
	t->t_cat = sq_nbayes_task(t->model, "category");
	t->t_urg = sq_nbayes_task(t->model, "urgent");
	t->c_true = t->t_urg >= 0 ? sq_nbayes_find(t->model, (size_t)t->t_urg,
	    "true") : -1;
}

struct sq_triage *
sq_triage_load(const char *dir, const char *user_rules,
    struct sq_nbayes *model)
{
	static const struct sq_setting keys[] = {
		{ "review_below", SQ_SET_DOUBLE, offsetof(struct conf,
		    review_below), 0, 1, "a probability from 0 to 1", NULL },
		{ "urgent_model_at", SQ_SET_DOUBLE, offsetof(struct conf,
		    urgent_model_at), 0, 1, "a probability from 0 to 1", NULL },
		{ "urgent_words_at", SQ_SET_DOUBLE, offsetof(struct conf,
		    urgent_words_at), 0, 1, "a probability from 0 to 1", NULL },
	};
	struct sq_triage *t = sq_xcalloc(1, sizeof(*t));
	struct conf cf = { 0.5, 0.5, 0 };
	char *p;
	int bad = 0;

	t->norm = sq_textnorm_new();
	p = path_of(dir, "requests/simplified.txt");
	bad |= sq_textnorm_load_chars(t->norm, p) < 0;
	free(p);
	p = path_of(dir, "requests/typos.txt");
	bad |= sq_textnorm_load_words(t->norm, p) < 0;
	free(p);
	t->rules = sq_classify_new();
	p = path_of(dir, "requests/urgent.txt");
	bad |= sq_classify_load(t->rules, p) < 0;
	free(p);
	p = path_of(dir, "requests/rules.txt");
	bad |= sq_classify_load(t->rules, p) < 0;
	free(p);
	if (user_rules)
		bad |= sq_classify_load(t->rules, user_rules) < 0;
	p = path_of(dir, "requests/triage.conf");
	bad |= sq_settings_load(p, SQ_KV_HASH, keys, 3, &cf) < 0;
	free(p);
	t->review_below = cf.review_below;
	t->urgent_model_at = cf.urgent_model_at;
	t->urgent_words_at = cf.urgent_words_at;
	t->l_urgent = sq_classify_find(t->rules, "urgent");
	if (model)
		t->model = model;
	else if (!bad) {
		p = path_of(dir, "requests/model.txt");
		t->model = sq_nbayes_load(p);
		t->own_model = 1;
		free(p);
		bad |= t->model == NULL;
	}
	if (!bad && t->model) {
		find_tasks(t);
		if (t->t_cat < 0) {
			sq_error("the model has no task \"category\": retrain "
			    "it with sq-train (see sq-requests(1))");
			bad = 1;
		}
	}
	if (bad) {
		sq_triage_free(t);
		return NULL;
	}
	return t;
}

void
sq_triage_free(struct sq_triage *t)
{
	if (t == NULL)
		return;
	sq_textnorm_free(t->norm);
	sq_classify_free(t->rules);
	if (t->own_model)
		sq_nbayes_free(t->model);
	free(t);
}

void
sq_triage_use_model(struct sq_triage *t, struct sq_nbayes *m)
{
	if (t->own_model)
		sq_nbayes_free(t->model);
	t->model = m;
	t->own_model = 0;
	find_tasks(t);
}

const struct sq_textnorm *
sq_triage_norm(const struct sq_triage *t)
{
	return t->norm;
}

const struct sq_classify *
sq_triage_rules(const struct sq_triage *t)
{
	return t->rules;
}

const struct sq_nbayes *
sq_triage_model(const struct sq_triage *t)
{
	return t->model;
}

void
sq_triage_decide(const struct sq_triage *t, const char *text, size_t len,
    struct sq_verdict *v)
{
	size_t nl = sq_classify_nlabels(t->rules), n;
	char *s = sq_textnorm(t->norm, text, len, &n);
	int *score = sq_xcalloc(nl + 1, sizeof(int));
	long best = -1;

	memset(v, 0, sizeof(*v));
	sq_classify_score(t->rules, s, n, score, -1, NULL, 0);
	/* the committee's rules: the highest score that reaches its minimum */
	for (size_t i = 0; i < nl; i++) {
		if ((long)i == t->l_urgent ||
		    score[i] < sq_classify_min(t->rules, i))
			continue;
		if (best < 0 || score[i] > score[best])
			best = (long)i;
	}
	size_t nc = sq_nbayes_nclasses(t->model, (size_t)t->t_cat);
	double *post = sq_xcalloc(nc ? nc : 1, sizeof(double));
	size_t c = sq_nbayes_predict(t->model, (size_t)t->t_cat, s, n, post);
	if (best >= 0) {
		v->category = sq_classify_label(t->rules, (size_t)best);
		v->confidence = 1;
		v->forced = 1;
	} else {
		v->category = sq_nbayes_classname(t->model, (size_t)t->t_cat, c);
		v->confidence = post[c];
		/* no text: the model's answer is its prior, a guess */
		v->review = post[c] < t->review_below || n == 0;
	}
	free(post);
	if (t->t_urg >= 0 && t->c_true >= 0) {
		double pu[8] = { 0 };
		if (sq_nbayes_nclasses(t->model, (size_t)t->t_urg) <= 8) {
			sq_nbayes_predict(t->model, (size_t)t->t_urg, s, n, pu);
			v->p_urgent = pu[t->c_true];
		}
	}
	v->urgent_words = t->l_urgent >= 0 && score[t->l_urgent] >=
	    sq_classify_min(t->rules, (size_t)t->l_urgent);
	/* the words count unless the model all but rules urgency out (a
	   model without the task "urgent" never does) */
	int has_urg = t->t_urg >= 0 && t->c_true >= 0;
	v->urgent = (v->urgent_words && (!has_urg ||
	    v->p_urgent >= t->urgent_words_at)) ||
	    (has_urg && v->p_urgent >= t->urgent_model_at);
	/* what was found, for --explain */
	char a[240] = "", b[240] = "";
	if (v->forced)
		sq_classify_score(t->rules, s, n, score, best, a, sizeof(a));
	if (v->urgent_words)
		sq_classify_score(t->rules, s, n, score, t->l_urgent, b,
		    sizeof(b));
	snprintf(v->why, sizeof(v->why), "%s%s%s", a, *a && *b ? " | " : "",
	    b);
	free(score);
	free(s);
}
