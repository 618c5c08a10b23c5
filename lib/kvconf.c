/*
 * kvconf.c — "key = value" settings files (see kvconf.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "kvconf.h"
#include "text.h"

#define FW_COLON	"\xef\xbc\x9a"	/* U+FF1A ： */

/* First occurrence of the 3-byte s in p[0..n), or NULL. */
static const char *
find3(const char *p, size_t n, const char *s)
{
	const char *q;

	while (n >= 3 && (q = memchr(p, s[0], n - 2)) != NULL) {
		if (memcmp(q, s, 3) == 0)
			return q;
		n -= (size_t)(q - p) + 1;
		p = q + 1;
	}
	return NULL;
}

/* One line (its '\n' or not) of a file: a setting, a bad line or nothing. */
static void
kv_line(const char *s, size_t n, long no, int flags, sq_kv_fn *fn, void *ctx)
{
	const char *p = s, *sep, *v;
	size_t seplen = 1, vn;

	if (flags & SQ_KV_HASH) {
		const char *h = memchr(p, '#', n);
		if (h != NULL)
			n = (size_t)(h - p);
	}
	n = sq_trim(&p, n);
	if (no == 1 && sq_starts_bom(p, n)) {
		p += 3;
		n = sq_trim(&p, n - 3);
	}
	if (n == 0 || p[0] == '#')
		return;
	sep = memchr(p, '=', n);
	if (sep == NULL && (flags & SQ_KV_COLON)) {
		const char *c = memchr(p, ':', n), *fw = find3(p, n, FW_COLON);
		if (fw != NULL && (c == NULL || fw < c)) {
			sep = fw;
			seplen = 3;
		} else
			sep = c;
	}
	if (sep == NULL || sep == p || memchr(p, '\0', n) != NULL) {
		char *line = sq_xstrndup(p, n);
		fn(ctx, NULL, line, no);
		free(line);
		return;
	}
	const char *k = p;
	size_t kn = sq_trim(&k, (size_t)(sep - p));
	v = sep + seplen;
	vn = sq_trim(&v, n - (size_t)(v - p));
	if ((flags & SQ_KV_QUOTES) && vn >= 2 && v[0] == '"' &&
	    v[vn - 1] == '"') {
		v++;
		vn -= 2;
	}
	char *key = sq_xstrndup(k, kn), *val = sq_xstrndup(v, vn);
	fn(ctx, key, val, no);
	free(key);
	free(val);
}

int
sq_kv_parse(const char *text, size_t len, int flags, sq_kv_fn *fn, void *ctx)
{
	long no = 0;

	while (len > 0) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) + 1 : len;
		kv_line(text, n, ++no, flags, fn, ctx);
		text += n;
		len -= n;
	}
	return 0;
}

int
sq_kv_load(const char *path, int flags, sq_kv_fn *fn, void *ctx)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long no = 0;

	if (f == NULL) {
		if ((flags & SQ_KV_OPTIONAL) && errno == ENOENT)
			return 0;
		sq_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((got = getline(&line, &cap, f)) != -1)
		kv_line(line, (size_t)got, ++no, flags, fn, ctx);
	free(line);
	if (ferror(f)) {
		sq_error("%s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}
