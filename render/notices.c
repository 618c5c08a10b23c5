/*
 * notices.c — the committee's notices and answers (see notices.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "notices.h"
#include "text.h"

#define IDSP		"\xe3\x80\x80"	/* U+3000 ideographic space */
#define FW_COLON	"\xef\xbc\x9a"	/* U+FF1A ： */

enum { NONE, NOTICE, QUESTION, ANSWER };

struct parser {
	const char	*name;
	sq_notices_fn	*fn;
	void		*ctx;
	json_t		*notices, *faq;
	json_t		*qa;		/* the last question, in faq */
	struct sq_buf	 cur;		/* the text of the item going on */
	int		 kind;		/* of that item, NONE if none */
	long		 no;		/* the line */
};

static void
problem(struct parser *P, const char *why)
{
	if (P->fn != NULL)
		P->fn(P->ctx, P->no, why);
	else
		sq_problem(P->name, P->no, "%s", why);
}

static void
parser_init(struct parser *P, const char *name, sq_notices_fn *fn, void *ctx)
{
	memset(P, 0, sizeof(*P));
	P->name = name;
	P->fn = fn;
	P->ctx = ctx;
	P->notices = json_array();
	P->faq = json_array();
	if (P->notices == NULL || P->faq == NULL)
		sq_fatal("out of memory");
	sq_buf_init(&P->cur);
}

static json_t *
text(struct parser *P)
{
	json_t *s = json_stringn(P->cur.s ? P->cur.s : "", P->cur.len);

	if (s == NULL)
		sq_fatal("out of memory");
	return s;
}

/* The item going on is complete. */
static void
flush(struct parser *P)
{
	if (P->kind == NOTICE) {
		json_t *o = json_object();
		json_object_set_new(o, "text", text(P));
		json_array_append_new(P->notices, o);
	} else if (P->kind == QUESTION) {
		P->qa = json_object();
		json_object_set_new(P->qa, "q", text(P));
		json_object_set_new(P->qa, "a", json_string(""));
		json_array_append_new(P->faq, P->qa);
	} else if (P->kind == ANSWER && P->qa != NULL)
		json_object_set_new(P->qa, "a", text(P));
	P->cur.len = 0;
	P->kind = NONE;
}

/* One line, without its '\n'. */
static void
line(struct parser *P, const char *p, size_t n)
{
	static const struct { const char *k; int kind; } keys[] = {
		{ "notice", NOTICE }, { "通知", NOTICE }, { "公告", NOTICE },
		{ "q", QUESTION }, { "Q", QUESTION }, { "问", QUESTION },
		{ "a", ANSWER }, { "A", ANSWER }, { "答", ANSWER },
	};
	const char *t;
	int k = NONE;
	size_t skip = 0;

	P->no++;
	if (P->no == 1 && sq_starts_bom(p, n)) {
		p += 3;
		n -= 3;
	}
	if (!sq_utf8_valid((const unsigned char *)p, n, NULL)) {
		problem(P, "not UTF-8; save the notices as UTF-8 text");
		return;
	}
	/* blank (CR and U+3000 too): the item above is complete */
	t = p;
	if (sq_trim(&t, n) == 0) {
		flush(P);
		return;
	}
	if (p[0] == '#')
		return;
	if (P->kind != NONE && (p[0] == ' ' || p[0] == '\t' ||
	    (n >= 3 && memcmp(p, IDSP, 3) == 0))) {
		size_t m = sq_trim(&p, n);
		if (P->cur.len > 0)
			sq_buf_addc(&P->cur, '\n');
		sq_buf_add(&P->cur, p, m);
		return;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		size_t kl = strlen(keys[i].k);
		if (n <= kl || memcmp(p, keys[i].k, kl) != 0)
			continue;
		if (p[kl] == ':')
			skip = kl + 1;
		else if (n >= kl + 3 && memcmp(p + kl, FW_COLON, 3) == 0)
			skip = kl + 3;
		else
			continue;
		k = keys[i].kind;
		break;
	}
	if (k == NONE) {
		problem(P, "a line starts with 'notice:', 'q:' or 'a:' "
		    "(通知：, 问：, 答：), or is indented to continue the one "
		    "before");
		return;
	}
	flush(P);
	if (k == ANSWER && (P->qa == NULL ||
	    json_string_length(json_object_get(P->qa, "a")) > 0)) {
		problem(P, "an answer without its question ('q:' before it)");
		return;
	}
	const char *v = p + skip;
	size_t vn = sq_trim(&v, n - skip);
	sq_buf_add(&P->cur, v, vn);
	P->kind = k;
}

/* The line s[0..n) as read, its '\n' or not: without it and the CR. */
static void
raw_line(struct parser *P, const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '\n')
		n--;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	line(P, s, n);
}

static json_t *
parser_done(struct parser *P)
{
	json_t *o;

	flush(P);
	sq_buf_free(&P->cur);
	o = json_object();
	if (o == NULL)
		sq_fatal("out of memory");
	json_object_set_new(o, "notices", P->notices);
	json_object_set_new(o, "faq", P->faq);
	return o;
}

json_t *
sq_notices_parse(const char *name, const char *s, size_t len,
    sq_notices_fn *fn, void *ctx)
{
	struct parser P;

	parser_init(&P, name, fn, ctx);
	while (len > 0) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) + 1 : len;
		raw_line(&P, s, n);
		s += n;
		len -= n;
	}
	return parser_done(&P);
}

json_t *
sq_notices_load(const char *path, sq_notices_fn *fn, void *ctx)
{
	FILE *f = fopen(path, "r");
	struct parser P;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t got;
	json_t *o;

	if (f == NULL) {
		sq_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	parser_init(&P, path, fn, ctx);
	while ((got = getline(&buf, &cap, f)) != -1)
		raw_line(&P, buf, (size_t)got);
	free(buf);
	o = parser_done(&P);
	if (ferror(f)) {
		sq_error("%s: read error", path);
		json_decref(o);
		o = NULL;
	}
	fclose(f);
	return o;
}
