/*
 * fuzz_notices.c — sq-report's notices file (render/notices.c: --notices,
 * notices.txt: "notice:", "q:", "a:", indented continuations, comments).
 *
 * Input: the file.  Invariants:
 *  - the file read through sq_notices_load (a memfd) and the same bytes
 *    given to sq_notices_parse give equal objects and the same problems;
 *    parsing again gives the same again (deterministic);
 *  - the object is {"notices": [{"text"}...], "faq": [{"q", "a"}...]}
 *    with strings only, and nothing else;
 *  - every problem's line is within the file's lines, one problem a line
 *    at most (lines increase), and its message is one of the parser's;
 *  - items + problems fit in the lines: notices + questions + problems <=
 *    lines;
 *  - every text is valid UTF-8, and "" or lines joined by '\n' that are
 *    each non-empty, trimmed (sq_trim leaves them) and a part of one line
 *    of the input;
 *  - round trip: the object written back as a notices file ("notice: ",
 *    "q: ", "a: " and indented continuations) parses with no problem to an
 *    equal object.
 */
#include <jansson.h>

#include "buf.h"
#include "fuzz.h"
#include "notices.h"
#include "text.h"

#define MAXP	4096

struct probs {
	long	 line[MAXP];
	const char *why[MAXP];
	size_t	 n;
};

static void
record(void *ctx, long line, const char *why)
{
	struct probs *p = ctx;

	FZ_CHECK(why != NULL);
	FZ_CHECK(p->n < MAXP);
	p->line[p->n] = line;
	p->why[p->n] = why;
	p->n++;
}

static int
same_probs(const struct probs *a, const struct probs *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->line[i] != b->line[i] || strcmp(a->why[i], b->why[i]))
			return 0;
	return 1;
}

/* Is s[0..m) somewhere in in[0..len)?  (memmem is a GNU extension) */
static int
inside(const char *in, size_t len, const char *s, size_t m)
{
	for (size_t i = 0; i + m <= len; i++)
		if (in[i] == s[0] && memcmp(in + i, s, m) == 0)
			return 1;
	return 0;
}

/* A text of the result: see the invariants above. */
static void
check_text(const json_t *v, const char *in, size_t len)
{
	FZ_CHECK(json_is_string(v));
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);

	FZ_CHECK(sq_utf8_valid((const unsigned char *)s, n, NULL));
	if (n == 0)
		return;
	for (;;) {
		const char *nl = memchr(s, '\n', n);
		size_t m = nl ? (size_t)(nl - s) : n;
		const char *t = s;
		FZ_CHECK(m > 0);
		FZ_CHECK(sq_trim(&t, m) == m && t == s);
		FZ_CHECK(inside(in, len, s, m));
		if (nl == NULL)
			break;
		s += m + 1;
		n -= m + 1;
	}
}

/* The text as a notices value: the first line after the key, the others
   indented below it. */
static void
put(struct sq_buf *b, const char *key, const json_t *v)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);

	sq_buf_adds(b, key);
	sq_buf_addc(b, ' ');
	for (size_t i = 0; i < n; i++) {
		sq_buf_addc(b, s[i]);
		if (s[i] == '\n')
			sq_buf_adds(b, "  ");
	}
	sq_buf_addc(b, '\n');
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
	const char *in = (const char *)d;
	static struct probs pa, pb, pc, pd;
	char path[64];
	json_t *a, *b, *c, *r;

	/* the lines of the file: '\n's, and one more if the last has none */
	long lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += in[i] == '\n';
	if (n > 0 && in[n - 1] != '\n')
		lines++;
	if (lines > MAXP)
		return 0;

	pa.n = pb.n = pc.n = pd.n = 0;
	a = sq_notices_parse("fuzz", in, n, record, &pa);
	FZ_CHECK(a != NULL);
	c = sq_notices_parse("fuzz", in, n, record, &pc);
	FZ_CHECK(c != NULL && json_equal(a, c) && same_probs(&pa, &pc));
	json_decref(c);
	int fd = fz_memfile(in, n, path);
	if (fd >= 0) {
		b = sq_notices_load(path, record, &pb);
		close(fd);
		FZ_CHECK(b != NULL);
		FZ_CHECK(json_equal(a, b));
		FZ_CHECK(same_probs(&pa, &pb));
		json_decref(b);
	}

	for (size_t i = 0; i < pa.n; i++) {
		FZ_CHECK(pa.line[i] >= 1 && pa.line[i] <= lines);
		FZ_CHECK(i == 0 || pa.line[i] > pa.line[i - 1]);
		FZ_CHECK(strncmp(pa.why[i], "not UTF-8", 9) == 0 ||
		    strncmp(pa.why[i], "a line starts with", 18) == 0 ||
		    strncmp(pa.why[i], "an answer without", 17) == 0);
	}

	json_t *notices = json_object_get(a, "notices");
	json_t *faq = json_object_get(a, "faq");
	FZ_CHECK(json_object_size(a) == 2);
	FZ_CHECK(json_is_array(notices) && json_is_array(faq));
	FZ_CHECK((long)(json_array_size(notices) + json_array_size(faq) +
	    pa.n) <= lines);

	struct sq_buf back;
	sq_buf_init(&back);
	size_t i;
	json_t *o;
	json_array_foreach(notices, i, o) {
		FZ_CHECK(json_is_object(o) && json_object_size(o) == 1);
		check_text(json_object_get(o, "text"), in, n);
		put(&back, "notice:", json_object_get(o, "text"));
	}
	json_array_foreach(faq, i, o) {
		FZ_CHECK(json_is_object(o) && json_object_size(o) == 2);
		check_text(json_object_get(o, "q"), in, n);
		check_text(json_object_get(o, "a"), in, n);
		put(&back, "q:", json_object_get(o, "q"));
		if (json_string_length(json_object_get(o, "a")) > 0)
			put(&back, "a:", json_object_get(o, "a"));
	}

	/* round trip: no problem, the same object */
	r = sq_notices_parse("back", back.s ? back.s : "", back.len, record,
	    &pd);
	FZ_CHECK(pd.n == 0);
	FZ_CHECK(json_equal(r, a));
	json_decref(r);
	sq_buf_free(&back);
	json_decref(a);
	return 0;
}
