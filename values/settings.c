/*
 * settings.c — typed settings of a "key = value" file (see settings.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "kvconf.h"
#include "settings.h"
#include "value.h"

struct ctx {
	const char *path;
	const struct sq_setting *keys;
	size_t	 n;
	char	*base;
	int	 rc;
};

/* The place of v among "a|b|c", or -1. */
static int
choice(const char *choices, const char *v)
{
	size_t n = strlen(v);
	int i = 0;

	for (const char *p = choices;; i++) {
		const char *bar = strchr(p, '|');
		size_t l = bar ? (size_t)(bar - p) : strlen(p);
		if (l == n && memcmp(p, v, n) == 0)
			return i;
		if (bar == NULL)
			return -1;
		p = bar + 1;
	}
}

static void
one(void *vctx, const char *k, const char *v, long line)
{
	struct ctx *c = vctx;
	const struct sq_setting *s = NULL;
	size_t n = strlen(v);
	char hm[6];
	double d;
	long l;
	int i;

	if (k == NULL) {
		sq_error("%s:%ld: expected 'key = value'", c->path, line);
		c->rc = -1;
		return;
	}
	for (size_t j = 0; j < c->n && s == NULL; j++)
		if (strcmp(k, c->keys[j].key) == 0)
			s = &c->keys[j];
	if (s == NULL) {
		sq_error("%s:%ld: unknown setting '%s'", c->path, line, k);
		c->rc = -1;
		return;
	}
	void *p = c->base + s->off;
	switch (s->kind) {
	case SQ_SET_INT:
	case SQ_SET_LONG:
		if (sq_long_parse(v, n, (long)s->lo, (long)s->hi, &l) != SQ_VAL_OK)
			break;
		if (s->kind == SQ_SET_INT)
			*(int *)p = (int)l;
		else
			*(long *)p = l;
		return;
	case SQ_SET_DOUBLE:
		if (sq_double_parse(v, n, &d) != SQ_VAL_OK || !(d >= s->lo &&
		    d <= s->hi))
			break;
		*(double *)p = d;
		return;
	case SQ_SET_BOOL:
		if ((i = sq_bool_parse(v, n)) < 0)
			break;
		*(int *)p = i;
		return;
	case SQ_SET_TIME:
		if (sq_time_parse(v, n, hm, NULL) != SQ_VAL_OK)
			break;
		*(int *)p = atoi(hm) * 60 + atoi(hm + 3);
		return;
	case SQ_SET_CHOICE:
		if ((i = choice(s->choices, v)) < 0)
			break;
		*(int *)p = i;
		return;
	case SQ_SET_TEXT:
		free(*(char **)p);
		*(char **)p = sq_xstrdup(v);
		return;
	}
	if (s->what)
		sq_error("%s:%ld: %s '%s': expected %s", c->path, line, k, v,
		    s->what);
	else if (s->kind == SQ_SET_BOOL)
		sq_error("%s:%ld: %s '%s': expected yes or no", c->path, line,
		    k, v);
	else if (s->kind == SQ_SET_TIME)
		sq_error("%s:%ld: %s '%s': expected a time such as 07:30",
		    c->path, line, k, v);
	else if (s->kind == SQ_SET_CHOICE) {
		char alt[256];
		snprintf(alt, sizeof(alt), "%s", s->choices);
		for (char *q = alt; *q; q++)
			if (*q == '|')
				*q = '/';
		sq_error("%s:%ld: %s '%s': expected %s", c->path, line, k, v,
		    alt);
	} else
		sq_error("%s:%ld: %s '%s': expected a number from %g to %g",
		    c->path, line, k, v, s->lo, s->hi);
	c->rc = -1;
}

int
sq_settings_load(const char *path, int kvflags, const struct sq_setting *keys,
    size_t n, void *base)
{
	struct ctx c = { path, keys, n, base, 0 };

	if (sq_kv_load(path, kvflags, one, &c) < 0)
		return -1;
	return c.rc;
}
