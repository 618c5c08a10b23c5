/*
 * shifts.c — named shifts (see shifts.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "kvconf.h"
#include "shifts.h"
#include "text.h"
#include "value.h"

/* "HH:MM" or "24:00" as minutes, or -1 */
static long
clock_minutes(const char *s, size_t len, const char **why)
{
	char hm[6];

	len = sq_trim(&s, len);
	if (len == 5 && memcmp(s, "24:00", 5) == 0)
		return SQ_DAYMIN;
	if (sq_time_parse(s, len, hm, why) != SQ_VAL_OK)
		return -1;
	return atol(hm) * 60 + atol(hm + 3);
}

int
sq_shift_range(const char *s, size_t len, long *from, long *to,
    const char **why)
{
	static const char *const seps[] = { "-", "~", "至", "到", "〜", NULL };
	char buf[128];
	size_t n, i, l = 0;

	*why = NULL;
	if (len >= sizeof(buf)) {
		*why = "too long for a shift; write it like 06:00-14:00";
		return -1;
	}
	n = sq_fold(s, len, buf, sizeof(buf));
	/* the separator: the first one after the first character */
	for (i = 1; i < n; i++)
		if ((l = sq_at_any(buf, n, i, seps, NULL)) != 0)
			break;
	if (i >= n) {
		*why = "not a shift; write it like 06:00-14:00";
		return -1;
	}
	long a = clock_minutes(buf, i, why);
	long b = a < 0 ? -1 : clock_minutes(buf + i + l, n - i - l, why);
	if (a < 0 || b < 0) {
		if (*why == NULL)
			*why = "not a time of day";
		return -1;
	}
	if (a == SQ_DAYMIN) {
		*why = "a shift cannot start at 24:00; write 00:00";
		return -1;
	}
	if (b <= a)
		b += SQ_DAYMIN;		/* past midnight */
	*from = a;
	*to = b;
	return 0;
}

void
sq_shifts_add(struct sq_shifts *S, const char *name, long from, long to)
{
	char *f = sq_fold_lower(name, strlen(name));
	size_t fl = strlen(f);

	for (size_t i = 0; i < S->n; i++)
		if (S->v[i].len == fl && memcmp(S->v[i].name, f, fl) == 0) {
			free(f);
			S->v[i].from = from;
			S->v[i].to = to;
			return;
		}
	S->v = sq_xrealloc(S->v, (S->n + 1) * sizeof(*S->v));
	S->v[S->n].name = f;
	S->v[S->n].len = fl;
	S->v[S->n].from = from;
	S->v[S->n].to = to;
	S->n++;
}

struct load {
	struct sq_shifts *S;
	const char *path;
	int	 bad;
};

static void
load_fn(void *ctx, const char *key, const char *value, long line)
{
	struct load *L = ctx;
	const char *why;
	long a, b;

	if (key == NULL) {
		sq_error("%s:%ld: '%s' is not 'name = HH:MM-HH:MM'", L->path,
		    line, value);
		L->bad = 1;
		return;
	}
	if (sq_shift_range(value, strlen(value), &a, &b, &why) < 0) {
		sq_error("%s:%ld: %s = %s: %s", L->path, line, key, value, why);
		L->bad = 1;
		return;
	}
	sq_shifts_add(L->S, key, a, b);
}

int
sq_shifts_load(struct sq_shifts *S, const char *path)
{
	struct load L = { S, path, 0 };

	if (sq_kv_load(path, SQ_KV_HASH, load_fn, &L) < 0)
		return -1;
	return L.bad ? -1 : 0;
}

void
sq_shifts_free(struct sq_shifts *S)
{
	for (size_t i = 0; i < S->n; i++)
		free(S->v[i].name);
	free(S->v);
	S->v = NULL;
	S->n = 0;
	for (size_t i = 0; i < S->np; i++)
		free(S->p[i].word);
	free(S->p);
	S->p = NULL;
	S->np = 0;
}

static void
period_fn(void *ctx, const char *key, const char *value, long line)
{
	static const char *const kinds[] = { "none", "am", "noon", "pm" };
	struct load *L = ctx;
	struct sq_period p = { NULL, 0, SQ_PERIOD_NONE, 0, 0, 0 };
	const char *why;
	size_t rl = strcspn(value, " \t");

	if (key == NULL) {
		sq_error("%s:%ld: '%s' is not 'word = HH:MM-HH:MM [am|noon|pm] "
		    "[any]'", L->path, line, value);
		L->bad = 1;
		return;
	}
	if (sq_shift_range(value, rl, &p.from, &p.to, &why) < 0) {
		sq_error("%s:%ld: %s = %s: %s", L->path, line, key, value, why);
		L->bad = 1;
		return;
	}
	for (const char *w = value + rl; *w;) {
		w += strspn(w, " \t");
		size_t wl = strcspn(w, " \t");
		int k = -1;
		for (int i = 0; i < 4; i++)
			if (strlen(kinds[i]) == wl && memcmp(kinds[i], w, wl) == 0)
				k = i;
		if (wl == 3 && memcmp(w, "any", 3) == 0)
			p.any = 1;
		else if (k >= 0)
			p.kind = k;
		else if (wl > 0) {
			sq_error("%s:%ld: %s: '%.*s' is not am, noon, pm or any",
			    L->path, line, key, (int)wl, w);
			L->bad = 1;
			return;
		}
		w += wl;
	}
	p.word = sq_fold_lower(key, strlen(key));
	p.len = strlen(p.word);
	struct sq_shifts *S = L->S;
	for (size_t i = 0; i < S->np; i++)
		if (S->p[i].len == p.len && memcmp(S->p[i].word, p.word,
		    p.len) == 0) {
			free(S->p[i].word);
			S->p[i] = p;	/* a later line replaces it */
			return;
		}
	S->p = sq_xrealloc(S->p, (S->np + 1) * sizeof(*S->p));
	S->p[S->np++] = p;
}

int
sq_periods_load(struct sq_shifts *S, const char *path)
{
	struct load L = { S, path, 0 };

	if (sq_kv_load(path, SQ_KV_HASH, period_fn, &L) < 0)
		return -1;
	return L.bad ? -1 : 0;
}

const struct sq_shift *
sq_shifts_find(const struct sq_shifts *S, const char *s, size_t len)
{
	for (size_t i = 0; S && i < S->n; i++)
		if (S->v[i].len == len && memcmp(S->v[i].name, s, len) == 0)
			return &S->v[i];
	return NULL;
}

const struct sq_shift *
sq_shifts_at(const struct sq_shifts *S, const char *s, size_t n, size_t i,
    size_t *len)
{
	const struct sq_shift *best = NULL;

	*len = 0;
	for (size_t k = 0; S && k < S->n; k++) {
		size_t l = S->v[k].len;
		if (l > *len && i <= n && l <= n - i &&
		    memcmp(s + i, S->v[k].name, l) == 0) {
			best = &S->v[k];
			*len = l;
		}
	}
	return best;
}
