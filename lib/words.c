/*
 * words.c — the wording of what a person reads (see words.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "hmap.h"
#include "kvconf.h"
#include "words.h"

struct sq_words {
	char	**key, **value;
	size_t	 n;
	struct sq_hmap idx;	/* key -> i: a program asks per row */
};

static const char *
word_key(void *ctx, uint32_t i, size_t *len)
{
	const struct sq_words *W = ctx;

	*len = strlen(W->key[i]);
	return W->key[i];
}

static void
word_fn(void *ctx, const char *key, const char *value, long line)
{
	struct sq_words *W = ctx;

	(void)line;
	if (key == NULL)
		return;		/* a line that is no setting: nothing to say */
	long i = sq_hmap_get(&W->idx, key, strlen(key));
	if (i >= 0) {
		free(W->value[i]);
		W->value[i] = sq_xstrdup(value);
		return;
	}
	W->key = sq_xrealloc(W->key, (W->n + 1) * sizeof(*W->key));
	W->value = sq_xrealloc(W->value, (W->n + 1) * sizeof(*W->value));
	W->key[W->n] = sq_xstrdup(key);
	W->value[W->n] = sq_xstrdup(value);
	sq_hmap_put(&W->idx, key, strlen(key), (uint32_t)W->n);
	W->n++;
}

struct sq_words *
sq_words_open(const char *dir, const char *area, const char *lang)
{
	struct sq_words *W = sq_xcalloc(1, sizeof(*W));
	size_t n = strlen(dir) + strlen(area) + strlen(lang) + 32;
	char *p = sq_xmalloc(n);

	sq_hmap_init(&W->idx, word_key, W);

	if (*lang == '\0' || strchr(lang, '/') || lang[0] == '.') {
		sq_error("--lang '%s': a language is a name like zh or en",
		    lang);
		goto fail;
	}
	snprintf(p, n, "%s/%s/en/words.conf", dir, area);
	if (sq_kv_load(p, SQ_KV_HASH | SQ_KV_QUOTES, word_fn, W) < 0)
		goto fail;
	if (strcmp(lang, "en") != 0) {
		snprintf(p, n, "%s/%s/%s/words.conf", dir, area, lang);
		if (access(p, R_OK) != 0) {
			sq_error("--lang '%s': there is no share/%s/%s/words.conf "
			    "(the languages are the folders of share/%s/)", lang,
			    area, lang, area);
			goto fail;
		}
		if (sq_kv_load(p, SQ_KV_HASH | SQ_KV_QUOTES, word_fn, W) < 0)
			goto fail;
	}
	free(p);
	return W;
fail:
	free(p);
	sq_words_free(W);
	return NULL;
}

void
sq_words_free(struct sq_words *W)
{
	if (W == NULL)
		return;
	for (size_t i = 0; i < W->n; i++) {
		free(W->key[i]);
		free(W->value[i]);
	}
	free(W->key);
	free(W->value);
	sq_hmap_free(&W->idx);
	free(W);
}

const char *
sq_words_find(const struct sq_words *W, const char *key)
{
	if (W == NULL)
		return NULL;
	long i = sq_hmap_get(&W->idx, key, strlen(key));
	return i >= 0 ? W->value[i] : NULL;
}

const char *
sq_words_get(const struct sq_words *W, const char *key)
{
	const char *v = sq_words_find(W, key);

	return v ? v : key;
}

const char *
sq_words_label(const struct sq_words *W, const char *prefix,
    const char *name)
{
	char key[160];
	const char *v;

	if (snprintf(key, sizeof(key), "%s.%s", prefix, name) >=
	    (int)sizeof(key))
		return name;
	v = sq_words_find(W, key);
	return v ? v : name;
}

void
sq_words_vsay(const struct sq_words *W, struct sq_buf *out, const char *key,
    va_list ap)
{
	const char *tpl = sq_words_get(W, key);

	for (const char *p = tpl; *p;) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open + 1, '}') : NULL;
		if (open == NULL || close == NULL) {
			sq_buf_adds(out, p);
			return;
		}
		sq_buf_add(out, p, (size_t)(open - p));
		size_t n = (size_t)(close - open - 1);
		const char *v = NULL, *name;
		va_list aq;
		va_copy(aq, ap);
		while ((name = va_arg(aq, const char *)) != NULL) {
			const char *val = va_arg(aq, const char *);
			if (strlen(name) == n && memcmp(name, open + 1, n) == 0) {
				v = val;
				break;
			}
		}
		va_end(aq);
		if (v)
			sq_buf_adds(out, v);
		else
			sq_buf_add(out, open, (size_t)(close - open + 1));
		p = close + 1;
	}
}

void
sq_words_say(const struct sq_words *W, struct sq_buf *out, const char *key,
    ...)
{
	va_list ap;

	va_start(ap, key);
	sq_words_vsay(W, out, key, ap);
	va_end(ap);
}
