/*
 * fuzz_kvconf.c — "key = value" settings files (lib/kvconf.c: sq-report's
 * --config and words.conf, sq-rounds' rounds.conf).
 *
 * Input: one byte whose low 3 bits pick the flags (SQ_KV_COLON, _QUOTES,
 * _HASH), then the file.  Invariants:
 *  - the file read through sq_kv_load (a memfd) and the same bytes given to
 *    sq_kv_parse give the same calls, in the same order;
 *  - every call's line is within the file's lines, and lines increase;
 *  - a key is non-empty, trimmed (sq_trim leaves it as it is), holds no
 *    '=', newline or NUL, does not start with '#'; a value holds no
 *    newline; with SQ_KV_HASH neither holds a '#'; without SQ_KV_QUOTES a
 *    value is trimmed too;
 *  - round trip: the settings written back as "key = value" lines (the
 *    value in double quotes with SQ_KV_QUOTES) parse to the same settings,
 *    and nothing else.
 */
#include "buf.h"
#include "fuzz.h"
#include "kvconf.h"
#include "text.h"

struct call {
	char	*key;		/* NULL: not a setting */
	char	*value;
	long	 line;
};

struct calls {
	struct call *c;
	size_t	 n, cap;
};

static void
record(void *ctx, const char *k, const char *v, long line)
{
	struct calls *l = ctx;

	FZ_CHECK(v != NULL);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->c = realloc(l->c, l->cap * sizeof(*l->c));
		FZ_CHECK(l->c != NULL);
	}
	l->c[l->n].key = k ? strdup(k) : NULL;
	l->c[l->n].value = strdup(v);
	l->c[l->n].line = line;
	l->n++;
}

static void
calls_free(struct calls *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->c[i].key);
		free(l->c[i].value);
	}
	free(l->c);
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
trimmed(const char *s)
{
	const char *p = s;
	size_t n = strlen(s);

	return sq_trim(&p, n) == n && p == s;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n == 0)
		return 0;
	int flags = (d[0] & 1 ? SQ_KV_COLON : 0) |
	    (d[0] & 2 ? SQ_KV_QUOTES : 0) | (d[0] & 4 ? SQ_KV_HASH : 0);
	const char *text = (const char *)d + 1;
	size_t len = n - 1;
	struct calls a = { NULL, 0, 0 }, b = { NULL, 0, 0 }, c = { NULL, 0, 0 };
	char path[64];

	/* the lines of the file: '\n's, and one more if the last has none */
	long lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	if (len > 0 && text[len - 1] != '\n')
		lines++;

	FZ_CHECK(sq_kv_parse(text, len, flags, record, &a) == 0);
	int fd = fz_memfile(text, len, path);
	if (fd >= 0) {
		FZ_CHECK(sq_kv_load(path, flags, record, &b) == 0);
		close(fd);
		FZ_CHECK(a.n == b.n);
		for (size_t i = 0; i < a.n; i++) {
			FZ_CHECK(same_str(a.c[i].key, b.c[i].key));
			FZ_CHECK(strcmp(a.c[i].value, b.c[i].value) == 0);
			FZ_CHECK(a.c[i].line == b.c[i].line);
		}
	}

	struct sq_buf back;
	sq_buf_init(&back);
	/* a blank first line: a key may start with a byte order mark */
	sq_buf_addc(&back, '\n');
	size_t nset = 0;
	for (size_t i = 0; i < a.n; i++) {
		const struct call *k = &a.c[i];
		FZ_CHECK(k->line >= 1 && k->line <= lines);
		FZ_CHECK(i == 0 || k->line > a.c[i - 1].line);
		FZ_CHECK(strchr(k->value, '\n') == NULL);
		if (k->key == NULL)
			continue;
		FZ_CHECK(k->key[0] != '\0' && k->key[0] != '#');
		FZ_CHECK(trimmed(k->key));
		FZ_CHECK(strchr(k->key, '=') == NULL);
		FZ_CHECK(strchr(k->key, '\n') == NULL);
		if (flags & SQ_KV_HASH)
			FZ_CHECK(strchr(k->key, '#') == NULL &&
			    strchr(k->value, '#') == NULL);
		if (!(flags & SQ_KV_QUOTES))
			FZ_CHECK(trimmed(k->value));
		int q = (flags & SQ_KV_QUOTES) != 0;
		sq_buf_printf(&back, "%s = %s%s%s\n", k->key, q ? "\"" : "",
		    k->value, q ? "\"" : "");
		nset++;
	}

	/* round trip: the settings alone, the same */
	FZ_CHECK(sq_kv_parse(back.s, back.len, flags, record, &c) == 0);
	FZ_CHECK(c.n == nset);
	for (size_t i = 0, j = 0; i < a.n; i++) {
		if (a.c[i].key == NULL)
			continue;
		FZ_CHECK(c.c[j].key != NULL);
		FZ_CHECK(strcmp(c.c[j].key, a.c[i].key) == 0);
		FZ_CHECK(strcmp(c.c[j].value, a.c[i].value) == 0);
		FZ_CHECK(c.c[j].line == (long)j + 2);
		j++;
	}
	sq_buf_free(&back);
	calls_free(&a);
	calls_free(&b);
	calls_free(&c);
	return 0;
}
