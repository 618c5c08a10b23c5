#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "keywords.h"
#include "lines.h"
#include "text.h"

struct kw {
	char	*text;		/* folded, lower case */
	size_t	 len;
	size_t	 label;
};

struct sq_keywords {
	char	**labels;
	size_t	 nlabels;
	struct kw *kw;
	size_t	 nkw;
};

static size_t
fold_lower(const char *in, size_t len, char *out, size_t outsz)
{
	size_t n = sq_fold(in, len, out, outsz);

	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	return n;
}

long
sq_keywords_find(const struct sq_keywords *k, const char *label)
{
	for (size_t i = 0; i < k->nlabels; i++)
		if (strcmp(k->labels[i], label) == 0)
			return (long)i;
	return -1;
}

static size_t
label_index(struct sq_keywords *k, const char *label)
{
	long i = sq_keywords_find(k, label);

	if (i >= 0)
		return (size_t)i;
	k->labels = sq_xrealloc(k->labels, (k->nlabels + 1) * sizeof(char *));
	k->labels[k->nlabels] = sq_xstrdup(label);
	return k->nlabels++;
}

static void
add_kw(struct sq_keywords *k, const char *s, size_t label)
{
	const char *p = s;
	size_t len = sq_trim(&p, strlen(s));
	char buf[256];

	if (len == 0)
		return;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	len = fold_lower(p, len, buf, sizeof(buf));
	if (len == 0)
		return;		/* an empty keyword would match any text */
	k->kw = sq_xrealloc(k->kw, (k->nkw + 1) * sizeof(*k->kw));
	k->kw[k->nkw].text = sq_xstrndup(buf, len);
	k->kw[k->nkw].len = len;
	k->kw[k->nkw].label = label;
	k->nkw++;
}

struct sq_keywords *
sq_keywords_load(const char *path)
{
	struct sq_keywords *k;
	struct sq_lines l;
	size_t len;
	const char *p;

	if (sq_lines_open(&l, path) < 0) {
		sq_error("%s: cannot open: %m", path);
		return NULL;
	}
	k = sq_xcalloc(1, sizeof(*k));
	while ((p = sq_lines_next(&l, &len)) != NULL) {
		char *colon = memchr(p, ':', len);
		if (colon == NULL || colon == p) {
			sq_error("%s:%ld: expected 'label: keyword, keyword, "
			    "...'", path, l.no);
			sq_lines_close(&l);
			sq_keywords_free(k);
			return NULL;
		}
		char *label = sq_xstrndup(p, (size_t)(colon - p));
		const char *lp = label;
		size_t ll = sq_trim(&lp, strlen(label));
		char *name = sq_xstrndup(lp, ll);
		size_t li = label_index(k, name);
		free(name);
		free(label);
		/* fold first: "，" becomes ',' and splits like it */
		size_t rl = len - (size_t)(colon + 1 - p);
		char *rest = sq_xmalloc(rl + 1);
		sq_fold(colon + 1, rl, rest, rl + 1);
		char *save = NULL;
		for (char *tok = strtok_r(rest, ",", &save); tok;
		    tok = strtok_r(NULL, ",", &save))
			add_kw(k, tok, li);
		free(rest);
	}
	sq_lines_close(&l);
	return k;
}

void
sq_keywords_free(struct sq_keywords *k)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < k->nlabels; i++)
		free(k->labels[i]);
	for (size_t i = 0; i < k->nkw; i++)
		free(k->kw[i].text);
	free(k->labels);
	free(k->kw);
	free(k);
}

size_t
sq_keywords_nlabels(const struct sq_keywords *k)
{
	return k->nlabels;
}

const char *
sq_keywords_label(const struct sq_keywords *k, size_t i)
{
	return i < k->nlabels ? k->labels[i] : NULL;
}

static const char *const neg_words[] = { "无", "没有", "非", "不是", "未",
    "no ", "not ", "non-", "否" };

static int
negated(const char *text, size_t at)
{
	for (size_t i = 0; i < sizeof(neg_words) / sizeof(neg_words[0]); i++) {
		size_t n = strlen(neg_words[i]);
		if (at >= n && memcmp(text + at - n, neg_words[i], n) == 0)
			return 1;
	}
	return 0;
}

/* not strstr: a NUL in the text hid a negation after it */
static int
has_negation(const char *text, size_t len)
{
	for (size_t i = 0; i < sizeof(neg_words) / sizeof(neg_words[0]); i++)
		if (sq_memfind(text, len, neg_words[i], strlen(neg_words[i])))
			return 1;
	return 0;
}

/* Where keyword w is in buf; from at on: its offset, or -1. */
static long
find_kw(const char *buf, size_t len, const struct kw *w, size_t at)
{
	const char *hit = at <= len ?
	    sq_memfind(buf + at, len - at, w->text, w->len) : NULL;

	return hit ? (long)(hit - buf) : -1;
}

/*
 * A keyword after a negation word does not count, and neither does a
 * keyword inside it: in "没有婴幼儿", 幼儿 is part of what is denied.  So the
 * spans of negated keywords are marked first (dead), then a keyword counts
 * where it starts outside them.
 */
uint64_t
sq_keywords_match(const struct sq_keywords *k, const char *text, size_t len)
{
	char stackbuf[1024], stackdead[1024];
	char *buf = len < sizeof(stackbuf) ? stackbuf : sq_xmalloc(len + 1);
	char *dead = NULL;
	uint64_t hits = 0;
	long at;

	len = fold_lower(text, len, buf, len + 1);
	if (has_negation(buf, len)) {
		dead = len < sizeof(stackdead) ? stackdead : sq_xmalloc(len + 1);
		memset(dead, 0, len + 1);
		for (size_t i = 0; i < k->nkw; i++)
			for (at = 0; (at = find_kw(buf, len, &k->kw[i],
			    (size_t)at)) >= 0; at++)
				if (negated(buf, (size_t)at))
					memset(dead + at, 1, k->kw[i].len);
	}
	for (size_t i = 0; i < k->nkw; i++) {
		const struct kw *w = &k->kw[i];
		if (w->label >= 64 || (hits >> w->label & 1))
			continue;
		for (at = 0; (at = find_kw(buf, len, w, (size_t)at)) >= 0; at++)
			if (dead == NULL || !dead[at]) {
				hits |= (uint64_t)1 << w->label;
				break;
			}
	}
	if (buf != stackbuf)
		free(buf);
	if (dead != NULL && dead != stackdead)
		free(dead);
	return hits;
}
