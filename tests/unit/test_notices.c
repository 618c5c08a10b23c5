/*
 * test_notices.c — sq-report's notices file (render/notices.c) against a table
 * of what committees write in notices.txt.
 *
 * Each row is parsed from memory (sq_notices_parse, on an exact malloc'd
 * copy without a NUL, so ASan catches a read past the end) and from a file
 * (sq_notices_load); both must give the same.  The result shows as the
 * notices "N[text]", then the questions "Q[q=a]", then the problems
 * " !LINE:u" (not UTF-8), " !LINE:s" (not a known start) and " !LINE:a"
 * (an answer without its question).
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "notices.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct probs {
	char	 s[1024];
	long	 n;
};

static void
collect(void *ctx, long line, const char *why)
{
	struct probs *p = ctx;
	size_t n = strlen(p->s);
	char c = strncmp(why, "not UTF-8", 9) == 0 ? 'u' :
	    strncmp(why, "a line starts", 13) == 0 ? 's' :
	    strncmp(why, "an answer without", 17) == 0 ? 'a' : '?';

	snprintf(p->s + n, sizeof(p->s) - n, " !%ld:%c", line, c);
	p->n++;
}

/* The object and the problems as one string (see the top). */
static void
show(const json_t *o, const struct probs *p, char *out, size_t cap)
{
	size_t i, n = 0;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(json_object_get(o, "notices"), i, v)
		n += (size_t)snprintf(out + n, cap - n, "N[%s]",
		    json_string_value(json_object_get(v, "text")));
	json_array_foreach(json_object_get(o, "faq"), i, v)
		n += (size_t)snprintf(out + n, cap - n, "Q[%s=%s]",
		    json_string_value(json_object_get(v, "q")),
		    json_string_value(json_object_get(v, "a")));
	snprintf(out + n, cap - n, "%s", p->s);
}

struct nt_case {
	const char	*in;
	const char	*want;
};

#define BOM	"\xef\xbb\xbf"
#define IDSP	"\xe3\x80\x80"
#define NBSP	"\xc2\xa0"

static const struct nt_case cases[] = {
	/* nothing */
	{ "", "" },
	{ "\n", "" },
	{ "\n\n\r\n  \n\t\n", "" },
	{ "# only a comment\n", "" },
	{ "#\n#\n", "" },
	/* each key, ASCII and full-width colon */
	{ "notice: a\n", "N[a]" },
	{ "notice:a\n", "N[a]" },
	{ "notice：a\n", "N[a]" },
	{ "通知: a\n", "N[a]" },
	{ "通知：a\n", "N[a]" },
	{ "公告：a\n", "N[a]" },
	{ "q: x\na: y\n", "Q[x=y]" },
	{ "Q: x\nA: y\n", "Q[x=y]" },
	{ "问：x\n答：y\n", "Q[x=y]" },
	{ "q：x\na：y\n", "Q[x=y]" },
	{ "问: x\n答: y\n", "Q[x=y]" },
	{ "notice: a", "N[a]" },
	{ "q: x\na: y", "Q[x=y]" },
	/* not a key */
	{ "Notice: a\n", " !1:s" },
	{ "NOTICE: a\n", " !1:s" },
	{ "notice a\n", " !1:s" },
	{ "notice : a\n", " !1:s" },
	{ "notice\n", " !1:s" },
	{ "q\n", " !1:s" },
	{ "question: x\n", " !1:s" },
	{ "answer: y\n", " !1:s" },
	{ "hello\n", " !1:s" },
	{ "通知\n", " !1:s" },
	{ "通知 ：a\n", " !1:s" },
	{ ": a\n", " !1:s" },
	{ "：a\n", " !1:s" },
	{ BOM "notice: a\n" BOM "notice: b\n", "N[a] !2:s" },
	/* text is trimmed; the ideographic and no-break spaces too */
	{ "notice:    a b   \n", "N[a b]" },
	{ "notice:\ta\t\n", "N[a]" },
	{ "notice:" IDSP "a" IDSP "\n", "N[a]" },
	{ "notice:" NBSP "a" NBSP "\n", "N[a]" },
	{ "notice: a  \r\n", "N[a]" },
	{ "notice: a\r\r\n", "N[a]" },
	{ "notice: a\rb\n", "N[a\rb]" },
	{ "notice: # not a comment\n", "N[# not a comment]" },
	{ "notice: a: b\n", "N[a: b]" },
	/* empty items are kept */
	{ "notice:\n", "N[]" },
	{ "notice:   \n", "N[]" },
	{ "q:\n", "Q[=]" },
	{ "q:\na:\n", "Q[=]" },
	/* a question without answer, an empty answer */
	{ "q: x\n", "Q[x=]" },
	{ "q: x\nq: y\na: z\n", "Q[x=]Q[y=z]" },
	{ "q: x\na:\n", "Q[x=]" },
	{ "q: x\na:   \n", "Q[x=]" },
	/* an empty answer is none: another may follow */
	{ "q: x\na:\na: y\n", "Q[x=y]" },
	/* an answer without its question */
	{ "a: y\n", " !1:a" },
	{ "notice: n\na: y\n", "N[n] !2:a" },
	{ "q: x\na: y\na: z\n", "Q[x=y] !3:a" },
	{ "q: x\na: y\n\na: z\n", "Q[x=y] !4:a" },
	{ "答：y\n", " !1:a" },
	/* an answer goes to the last question, across blank lines, comments
	   and notices */
	{ "q: x\n\n# c\n\na: y\n", "Q[x=y]" },
	{ "q: x\nnotice: n\na: y\n", "N[n]Q[x=y]" },
	/* continuation lines: space, tab, U+3000; trimmed, joined by '\n' */
	{ "notice: a\n  b\n", "N[a\nb]" },
	{ "notice: a\n\tb\n", "N[a\nb]" },
	{ "notice: a\n" IDSP "b\n", "N[a\nb]" },
	{ "notice: a\n    b   \n  c\n", "N[a\nb\nc]" },
	{ "notice: a\r\n  b\r\n", "N[a\nb]" },
	{ "q: x\n  x2\na: y\n  y2\n", "Q[x\nx2=y\ny2]" },
	{ "notice: a\n  # b\n", "N[a\n# b]" },
	{ "notice: a\n  notice: b\n", "N[a\nnotice: b]" },
	/* an item whose text starts on the next line: no leading newline */
	{ "notice:\n  a\n  b\n", "N[a\nb]" },
	{ "q:\n  x\na:\n  y\n", "Q[x=y]" },
	/* a comment inside an item does not end it */
	{ "notice: a\n# c\n  b\n", "N[a\nb]" },
	/* a blank line ends it: an indented line after one is a problem */
	{ "notice: a\n\n  b\n", "N[a] !3:s" },
	{ "notice: a\n   \n  b\n", "N[a] !3:s" },
	{ "notice: a\n\r\n  b\n", "N[a] !3:s" },
	{ "  a\n", " !1:s" },
	{ "\ta\n", " !1:s" },
	{ IDSP "a\n", " !1:s" },
	/* a line of ideographic or no-break spaces is blank too */
	{ "notice: a\n" IDSP "\n  b\n", "N[a] !3:s" },
	{ "notice: a\n" IDSP IDSP "\r\n", "N[a]" },
	{ NBSP "\n", "" },
	{ "notice: a\n" NBSP "\nnotice: b\n", "N[a]N[b]" },
	{ "\v\n\f\n", "" },
	/* a bad line does not end the item before it */
	{ "notice: a\nhello\n  b\n", "N[a\nb] !2:s" },
	/* the byte order mark, on the first line only */
	{ BOM "notice: a\n", "N[a]" },
	{ BOM "\nnotice: a\n", "N[a]" },
	{ BOM "# c\nnotice: a\n", "N[a]" },
	{ BOM, "" },
	{ BOM "  a\n", " !1:s" },
	/* not UTF-8: the line is skipped, the item goes on */
	{ "notice: \xff\n", " !1:u" },
	{ "notice: a\n  \xe4\xb8\n  b\n", "N[a\nb] !2:u" },
	{ "notice: a\n\xc0\xaf\n", "N[a] !2:u" },
	{ "notice: \xed\xa0\x80\n", " !1:u" },
	{ "\xff\xfen\0o\0", " !1:u" },
	{ "\xff\nnotice: a\n\xfe", "N[a] !1:u !3:u" },
	{ "q: x\na: \xe4\n", "Q[x=] !2:u" },
	/* line numbers count every line */
	{ "\n\n# c\nbad\n\nnotice: a\nbad\n", "N[a] !4:s !7:s" },
	{ "a: 1\r\na: 2\r\na: 3", " !1:a !2:a !3:a" },
	/* several of each, in order */
	{ "notice: 1\nnotice: 2\nq: a\na: b\nq: c\na: d\nnotice: 3\n",
	  "N[1]N[2]N[3]Q[a=b]Q[c=d]" },
};

/* Rows with NUL bytes (the length is given). */
static const struct { const char *in; size_t len; const char *want; }
    nul_cases[] = {
	{ "notice: a\0b\n", 12, "N[a]" },	/* shown up to the NUL */
	{ "\0\n", 2, " !1:s" },
	{ "notice: a\n  \0\n", 14, "N[a\n]" },
};

static char *
tmpfile_with(const char *s, size_t n)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/test_notices.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	if (write(fd, s, n) != (ssize_t)n) {
		close(fd);
		return NULL;
	}
	close(fd);
	return path;
}

/* Parse from memory and from a file; both the same; the shown string. */
static void
run(const char *in, size_t len, char *out, size_t cap)
{
	struct probs pm = { "", 0 }, pf = { "", 0 };
	char *copy = malloc(len ? len : 1);
	json_t *m, *f;

	memcpy(copy, in, len);
	m = sq_notices_parse("t", copy, len, collect, &pm);
	free(copy);
	show(m, &pm, out, cap);
	char *path = tmpfile_with(in, len);
	if (!CHECK(path != NULL)) {
		json_decref(m);
		return;
	}
	f = sq_notices_load(path, collect, &pf);
	unlink(path);
	if (CHECK(f != NULL)) {
		CHECK_STR_CTX(pf.s, pm.s, in);
		CHECK(json_equal(m, f));
		CHECK(json_object_size(f) == 2);
	}
	json_decref(m);
	json_decref(f);
}

int
main(void)
{
	char out[4096];

	sq_diag_init("test_notices");
	for (size_t i = 0; i < NELEM(cases); i++) {
		run(cases[i].in, strlen(cases[i].in), out, sizeof(out));
		CHECK_STR_CTX(out, cases[i].want, cases[i].in);
	}
	for (size_t i = 0; i < NELEM(nul_cases); i++) {
		run(nul_cases[i].in, nul_cases[i].len, out, sizeof(out));
		CHECK_STR_CTX(out, nul_cases[i].want, nul_cases[i].in);
	}

	/* a NUL byte is kept in the string (its length says so) */
	{
		json_t *o = sq_notices_parse("t", "notice: a\0b", 11, NULL,
		    NULL);
		json_t *t = json_object_get(json_array_get(
		    json_object_get(o, "notices"), 0), "text");
		CHECK_INT(json_string_length(t), 3);
		CHECK(memcmp(json_string_value(t), "a\0b", 3) == 0);
		json_decref(o);
	}

	/* very long lines, from memory and from a file */
	{
		size_t n = 3 * 1000 * 1000;
		char *s = malloc(n + 100000 + 64);
		size_t k = 0;
		k += (size_t)sprintf(s, "notice: ");
		for (size_t i = 0; i < n; i++)
			s[k++] = (char)('a' + i % 26);
		k += (size_t)sprintf(s + k, "  \n  ");
		memset(s + k, 'z', 100000);
		k += 100000;
		k += (size_t)sprintf(s + k, "\nq: x\n");
		struct probs p = { "", 0 };
		json_t *m = sq_notices_parse("t", s, k, collect, &p);
		json_t *t = json_object_get(json_array_get(
		    json_object_get(m, "notices"), 0), "text");
		CHECK_INT(json_string_length(t), n + 1 + 100000);
		CHECK(memcmp(json_string_value(t), s + 8, n) == 0);
		CHECK(json_string_value(t)[n] == '\n');
		CHECK_INT(json_array_size(json_object_get(m, "faq")), 1);
		CHECK_INT(p.n, 0);
		char *path = tmpfile_with(s, k);
		if (CHECK(path != NULL)) {
			json_t *f = sq_notices_load(path, collect, &p);
			unlink(path);
			CHECK(f != NULL && json_equal(m, f));
			json_decref(f);
		}
		CHECK_INT(p.n, 0);
		json_decref(m);
		free(s);
	}

	/* many lines: the line numbers hold */
	{
		char *s = malloc(100000 * 4 + 16);
		size_t k = 0;
		for (int i = 0; i < 100000; i++)
			k += (size_t)sprintf(s + k, "%s\n", i == 99998 ? "x" : "#");
		struct probs p = { "", 0 };
		json_t *m = sq_notices_parse("t", s, k, collect, &p);
		CHECK_STR(p.s, " !99999:s");
		json_decref(m);
		free(s);
	}

	/* without a callback: data problems of the file (exit status 1) */
	{
		CHECK_INT(sq_diag_status(), 0);
		sq_diag_quiet(1);
		sq_diag_cap(0);
		json_t *m = sq_notices_parse("t", "bad\n", 4, NULL, NULL);
		CHECK(m != NULL);
		CHECK_INT(sq_diag_status(), 1);
		json_decref(m);
	}

	/* files that cannot be read */
	{
		struct probs p = { "", 0 };
		CHECK(sq_notices_load("/nonexistent/notices.txt", collect, &p)
		    == NULL);
		CHECK(sq_notices_load("/tmp", collect, &p) == NULL);
		CHECK_INT(p.n, 0);
	}
	UNIT_DONE();
}
