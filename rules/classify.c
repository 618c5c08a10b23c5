/*
 * classify.c — weighted keyword rules with negation (see classify.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "diag.h"
#include "lines.h"
#include "text.h"

struct ckw {
	char	*text;		/* folded */
	size_t	 len;
	size_t	 label;
	int	 weight;
	int	 negatable;	/* "~word" */
	int	 word;		/* starts with an ASCII letter: word start only */
};

struct sq_classify {
	char	**labels;
	int	*min;
	char	*minset;	/* a "min:" line gave min[i] */
	size_t	 nlabels;
	struct ckw *kw;
	size_t	 nkw, kwcap;
	char	**neg;
	size_t	*neglen;
	size_t	 nneg;
};

static int
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

size_t
sq_classify_fold(const char *in, size_t len, char *out, size_t outsz)
{
	size_t n = sq_fold(in, len, out, outsz), o = 0;
	int space = 1;		/* drops leading white space */

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\v' || c == '\f') {
			if (!space)
				out[o++] = ' ';
			space = 1;
			continue;
		}
		space = 0;
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (o > 0 && out[o - 1] == ' ')
		o--;
	if (o < outsz)
		out[o] = '\0';
	return o;
}

struct sq_classify *
sq_classify_new(void)
{
	return sq_xcalloc(1, sizeof(struct sq_classify));
}

long
sq_classify_find(const struct sq_classify *c, const char *label)
{
	for (size_t i = 0; i < c->nlabels; i++)
		if (strcmp(c->labels[i], label) == 0)
			return (long)i;
	return -1;
}

static size_t
label_index(struct sq_classify *c, const char *label)
{
	long i = sq_classify_find(c, label);

	if (i >= 0)
		return (size_t)i;
	c->labels = sq_xrealloc(c->labels, (c->nlabels + 1) * sizeof(char *));
	c->min = sq_xrealloc(c->min, (c->nlabels + 1) * sizeof(int));
	c->minset = sq_xrealloc(c->minset, c->nlabels + 1);
	c->labels[c->nlabels] = sq_xstrdup(label);
	c->min[c->nlabels] = 1;
	c->minset[c->nlabels] = 0;
	return c->nlabels++;
}

/*
 * "word" or "word=N" into a folded keyword and a weight, and the word as
 * written (trimmed, in tok); 1, 0 for an empty entry, -1 if bad.
 */
static int
parse_entry(char *tok, char *buf, size_t bufsz, size_t *len, int *weight,
    int *negatable, const char **word, size_t *wordlen)
{
	const char *p = tok;
	size_t n = sq_trim(&p, strlen(tok));
	const char *eq;

	*weight = 1;
	*negatable = 0;
	if (n == 0)
		return 0;
	if (*p == '~') {
		*negatable = 1;
		p++;
		n = sq_trim(&p, n - 1);		/* "~ 头痛" is "~头痛" */
	}
	eq = memchr(p, '=', n);
	if (eq) {
		char num[16];
		const char *q = eq + 1;
		size_t ql = sq_trim(&q, n - (size_t)(q - p));
		char *end;
		if (ql == 0 || ql >= sizeof(num))
			return -1;
		memcpy(num, q, ql);
		num[ql] = '\0';
		long w = strtol(num, &end, 10);
		if (*end != '\0' || w < -99 || w > 99)
			return -1;
		*weight = (int)w;
		n = (size_t)(eq - p);
		n = sq_trim(&p, n);
	}
	if (n == 0 || n >= bufsz)
		return -1;
	*word = p;
	*wordlen = n;
	*len = sq_classify_fold(p, n, buf, bufsz);
	return *len > 0 ? 1 : -1;
}

static void
add_kw(struct sq_classify *c, const char *text, size_t len, size_t label,
    int weight, int negatable)
{
	for (size_t i = 0; i < c->nkw; i++) {
		struct ckw *k = &c->kw[i];
		if (k->label == label && k->len == len &&
		    memcmp(k->text, text, len) == 0) {
			k->weight = weight;	/* a later file overrides */
			k->negatable = negatable;
			return;
		}
	}
	if (c->nkw == c->kwcap) {
		c->kwcap = c->kwcap ? 2 * c->kwcap : 64;
		c->kw = sq_xrealloc(c->kw, c->kwcap * sizeof(*c->kw));
	}
	struct ckw *k = &c->kw[c->nkw++];
	k->text = sq_xstrndup(text, len);
	k->len = len;
	k->label = label;
	k->weight = weight;
	k->negatable = negatable;
	k->word = (text[0] >= 'a' && text[0] <= 'z');
}

static void
add_neg(struct sq_classify *c, const char *text, size_t len)
{
	for (size_t i = 0; i < c->nneg; i++)
		if (c->neglen[i] == len && memcmp(c->neg[i], text, len) == 0)
			return;
	c->neg = sq_xrealloc(c->neg, (c->nneg + 1) * sizeof(char *));
	c->neglen = sq_xrealloc(c->neglen, (c->nneg + 1) * sizeof(size_t));
	c->neg[c->nneg] = sq_xstrndup(text, len);
	c->neglen[c->nneg++] = len;
}

/* The rules of path into c, which is new; 0 or -1 (printed). */
static int
load_file(struct sq_classify *c, const char *path)
{
	struct sq_lines lines;
	const char *p;
	size_t len;
	int rc = 0;

	if (sq_lines_open(&lines, path) < 0) {
		sq_error("%s: cannot open: %m", path);
		return -1;
	}
	while (rc == 0 && (p = sq_lines_next(&lines, &len)) != NULL) {
		/* fold first: "：" and "，" become ':' and ',' */
		char *l = sq_xmalloc(len + 1);
		len = sq_fold(p, len, l, len + 1);
		char *colon = memchr(l, ':', len);
		if (colon == NULL || colon == l) {
			sq_error("%s:%ld: expected 'label: keyword, keyword=2, "
			    "~keyword, ...'", path, lines.no);
			free(l);
			rc = -1;
			break;
		}
		*colon = '\0';
		const char *lp = l;
		size_t ll = sq_trim(&lp, strlen(l));
		char *name = sq_xstrndup(lp, ll);
		int kind = strcmp(name, "negate") == 0 ? 1 :
		    strcmp(name, "min") == 0 ? 2 : 0;
		size_t li = kind ? 0 : label_index(c, name);
		char *save = NULL;
		for (char *tok = strtok_r(colon + 1, ",", &save); tok;
		    tok = strtok_r(NULL, ",", &save)) {
			char buf[256];
			const char *word = NULL;
			size_t kl = 0, wl = 0;
			int w, neg;
			int r = parse_entry(tok, buf, sizeof(buf), &kl, &w, &neg,
			    &word, &wl);
			if (r == 0)
				continue;
			if (r < 0 || (kind == 1 && (neg || strchr(tok, '=')))) {
				sq_error("%s:%ld: '%s': a keyword, maybe with "
				    "=WEIGHT (-99 to 99)", path, lines.no, tok);
				rc = -1;
				break;
			}
			if (kind == 1)
				add_neg(c, buf, kl);
			else if (kind == 2) {
				/* the label as its own line names it */
				char *ln = sq_xstrndup(word, wl);
				size_t mi = label_index(c, ln);
				free(ln);
				c->min[mi] = w;
				c->minset[mi] = 1;
			}
			else
				add_kw(c, buf, kl, li, w, neg);
		}
		free(name);
		free(l);
	}
	sq_lines_close(&lines);
	return rc;
}

/* Add the rules of t (one file's) to c, as if loaded into it. */
static void
merge(struct sq_classify *c, const struct sq_classify *t)
{
	size_t *map = sq_xcalloc(t->nlabels + 1, sizeof(size_t));

	for (size_t i = 0; i < t->nlabels; i++) {
		map[i] = label_index(c, t->labels[i]);
		if (t->minset[i]) {
			c->min[map[i]] = t->min[i];
			c->minset[map[i]] = 1;
		}
	}
	for (size_t i = 0; i < t->nkw; i++) {
		const struct ckw *k = &t->kw[i];
		add_kw(c, k->text, k->len, map[k->label], k->weight,
		    k->negatable);
	}
	for (size_t i = 0; i < t->nneg; i++)
		add_neg(c, t->neg[i], t->neglen[i]);
	free(map);
}

/* All or nothing: a file with a mistake in it adds none of its rules. */
int
sq_classify_load(struct sq_classify *c, const char *path)
{
	struct sq_classify *t = sq_classify_new();
	int rc = load_file(t, path);

	if (rc == 0)
		merge(c, t);
	sq_classify_free(t);
	return rc;
}

void
sq_classify_free(struct sq_classify *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nlabels; i++)
		free(c->labels[i]);
	for (size_t i = 0; i < c->nkw; i++)
		free(c->kw[i].text);
	for (size_t i = 0; i < c->nneg; i++)
		free(c->neg[i]);
	free(c->labels);
	free(c->min);
	free(c->minset);
	free(c->kw);
	free(c->neg);
	free(c->neglen);
	free(c);
}

size_t
sq_classify_nlabels(const struct sq_classify *c)
{
	return c->nlabels;
}

const char *
sq_classify_label(const struct sq_classify *c, size_t i)
{
	return i < c->nlabels ? c->labels[i] : NULL;
}

int
sq_classify_min(const struct sq_classify *c, size_t i)
{
	return i < c->nlabels ? c->min[i] : 1;
}

size_t
sq_classify_nkeywords(const struct sq_classify *c)
{
	return c->nkw;
}

const char *
sq_classify_keyword(const struct sq_classify *c, size_t i, size_t *label,
    int *weight, int *negatable)
{
	if (i >= c->nkw)
		return NULL;
	if (label)
		*label = c->kw[i].label;
	if (weight)
		*weight = c->kw[i].weight;
	if (negatable)
		*negatable = c->kw[i].negatable;
	return c->kw[i].text;
}

static int
negated(const struct sq_classify *c, const char *text, size_t at)
{
	if (at > 0 && text[at - 1] == ' ')
		at--;
	for (size_t i = 0; i < c->nneg; i++) {
		size_t n = c->neglen[i];
		if (at >= n && memcmp(text + at - n, c->neg[i], n) == 0)
			return 1;
	}
	return 0;
}

static int
found(const struct sq_classify *c, const struct ckw *k, const char *buf,
    size_t len)
{
	const char *p = buf, *end = buf + len;

	while ((size_t)(end - p) >= k->len &&
	    (p = sq_memfind(p, (size_t)(end - p), k->text, k->len)) != NULL) {
		size_t at = (size_t)(p - buf);
		if ((!k->word || at == 0 || !is_alnum((unsigned char)buf[at - 1]))
		    && (!k->negatable || !negated(c, buf, at)))
			return 1;
		p++;
	}
	return 0;
}

/*
 * Append s (n bytes) to out, which holds *o bytes, after a ';' unless
 * first; cut at a character boundary to fit outsz (NUL included).  0 when
 * it did not fit whole: then out is full, and nothing more may follow, so
 * what is written is always the start of the whole list.
 */
static int
append(char *out, size_t outsz, size_t *o, const char *s, size_t n)
{
	size_t room = outsz - 1 - *o;

	if (*o > 0) {
		if (room == 0)
			return 0;
		out[(*o)++] = ';';
		room--;
	}
	int whole = n <= room;
	if (!whole)
		n = sq_utf8_cut(s, n, room);
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
	return whole;
}

void
sq_classify_score(const struct sq_classify *c, const char *text, size_t len,
    int *score, long which, char *matched, size_t msize)
{
	char stackbuf[2048];
	char *buf = len < sizeof(stackbuf) ? stackbuf : sq_xmalloc(len + 1);
	size_t mlen = 0;
	int mfull = 0;

	len = sq_classify_fold(text, len, buf, len + 1);
	for (size_t i = 0; i < c->nlabels; i++)
		score[i] = 0;
	if (matched && msize)
		matched[0] = '\0';
	for (size_t i = 0; i < c->nkw; i++) {
		const struct ckw *k = &c->kw[i];
		if (k->weight == 0 || !found(c, k, buf, len))
			continue;
		score[k->label] += k->weight;
		if (matched && msize > 1 && !mfull && (long)k->label == which)
			mfull = !append(matched, msize, &mlen, k->text, k->len);
	}
	if (buf != stackbuf)
		free(buf);
}
