/*
 * test_source.c — lib/source's line checks: text is checked a buffer at
 * a time, and a line with a problem (a NUL, a byte that is not UTF-8, an
 * unpaired UTF-16 surrogate) must still be the only one that says so,
 * wherever it falls: the first line, the last without a line end, across
 * a read, one after another, in LF, CRLF and CR-only files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "source.h"
#include "unit.h"

/* What a bad line holds in its middle. */
static const struct { const char *bytes; size_t len; } bad[] = {
	{ "\xFF", 1 },			/* never UTF-8 */
	{ "a\0b", 3 },			/* a NUL */
	{ "\xE4\xB8", 2 },		/* a character cut short */
	{ "\xC0\xAF", 2 },		/* overlong */
	{ "\xED\xA0\x80", 3 },		/* a surrogate */
	{ "\xF5\x80\x80\x80", 4 },	/* above U+10FFFF */
	{ "\x80", 1 },			/* a lone continuation */
	{ "\xE0\x80\x80", 3 },		/* overlong, 3 bytes */
};
#define NBAD (sizeof(bad) / sizeof(bad[0]))

/* Line i (from 1): CJK and ASCII, of varying length; bad ones marked. */
static void
make_line(struct sq_buf *b, long i, int is_bad, const char *eol)
{
	char head[64];

	snprintf(head, sizeof(head), "%ld,", i);
	sq_buf_add(b, head, strlen(head));
	for (long k = 0; k < i % 9; k++)
		sq_buf_add(b, "王芳", strlen("王芳"));
	sq_buf_add(b, ",12号楼502室,36.5", strlen(",12号楼502室,36.5"));
	if (is_bad)
		sq_buf_add(b, bad[i % NBAD].bytes, bad[i % NBAD].len);
	sq_buf_add(b, ",正常", strlen(",正常"));
	if (eol)
		sq_buf_add(b, eol, strlen(eol));
}

/* The bad lines of a case: every one of them, by line number. */
static int
bad_at(long i, long n, int pattern)
{
	switch (pattern) {
	case 0:
		return 0;
	case 1:		/* the first, the last, a few in between */
		return i == 1 || i == n || i % 977 == 0;
	case 2:		/* runs of bad lines */
		return (i / 50) % 7 == 3;
	default:	/* every other */
		return i % 2 == 0;
	}
}

/* Write the case, read it back line by line: are the errors where put? */
static void
check_case(long n, int pattern, const char *eol, int last_eol)
{
	struct sq_buf b;
	char path[] = "/tmp/sqsrc.XXXXXX";
	int fd = mkstemp(path);

	sq_buf_init(&b);
	for (long i = 1; i <= n; i++)
		make_line(&b, i, bad_at(i, n, pattern),
		    i < n || last_eol ? eol : NULL);
	FILE *f = fdopen(fd, "wb");
	fwrite(b.s, 1, b.len, f);
	fclose(f);
	for (int enc = 0; enc < 2; enc++) {
		struct sq_source *src = sq_source_open(path, enc ? SQ_ENC_AUTO :
		    SQ_ENC_UTF8, 1 << 20);
		struct sq_line l;
		long got = 0, wrong = 0;
		if (!CHECK(src != NULL))
			continue;
		while (sq_source_next(src, &l) == 1) {
			got++;
			int want = bad_at(got, n, pattern);
			/* an AUTO file whose first line is bad is read as
			   GB18030 from there on: only the UTF-8 case is ours */
			if (enc && pattern && bad_at(1, n, pattern))
				break;
			if ((l.err != NULL) != want || l.no != got)
				wrong++;
		}
		if (!(enc && pattern && bad_at(1, n, pattern)))
			CHECK_INT(got, n);
		if (!CHECK_INT(wrong, 0))
			fprintf(stderr, "  %ld lines, pattern %d, eol %s%s, %s\n",
			    n, pattern, eol[0] == '\r' ? eol[1] ? "CRLF" : "CR" :
			    "LF", last_eol ? "" : " (none on the last)",
			    enc ? "auto" : "utf-8");
		sq_source_close(src);
	}
	unlink(path);
	sq_buf_free(&b);
}

/* UTF-16LE with a BOM: line 5 and line 3000 hold an unpaired surrogate. */
static void
check_utf16(void)
{
	struct sq_buf b;
	char path[] = "/tmp/sqsrc16.XXXXXX";
	int fd = mkstemp(path);
	long n = 6000;

	sq_buf_init(&b);
	sq_buf_add(&b, "\xFF\xFE", 2);
	for (long i = 1; i <= n; i++) {
		char line[64];
		int len = snprintf(line, sizeof(line), "%ld,x,%ld\n", i, i * 7);
		for (int k = 0; k < len; k++) {
			if (k == 2 && (i == 5 || i == 3000))
				sq_buf_add(&b, "\x00\xD8", 2);	/* U+D800 alone */
			if (k == 2) {
				sq_buf_add(&b, "\x8B\x73", 2);	/* 王 U+738B */
			}
			char u[2] = { line[k], 0 };
			sq_buf_add(&b, u, 2);
		}
	}
	FILE *f = fdopen(fd, "wb");
	fwrite(b.s, 1, b.len, f);
	fclose(f);
	struct sq_source *src = sq_source_open(path, SQ_ENC_AUTO, 1 << 20);
	struct sq_line l;
	long got = 0, wrong = 0;
	if (CHECK(src != NULL)) {
		while (sq_source_next(src, &l) == 1) {
			got++;
			if ((l.err != NULL) != (got == 5 || got == 3000))
				wrong++;
		}
		CHECK_INT(got, n);
		CHECK_INT(wrong, 0);
		sq_source_close(src);
	}
	unlink(path);
	sq_buf_free(&b);
}

int
main(void)
{
	static const char *const eols[] = { "\n", "\r\n", "\r" };
	static const long sizes[] = { 1, 2, 3, 40, 9000 };

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (int p = 0; p < 4; p++)
			for (size_t e = 0; e < 3; e++)
				for (int last = 0; last < 2; last++)
					check_case(sizes[s], p, eols[e], last);
	check_utf16();
	UNIT_DONE();
}
