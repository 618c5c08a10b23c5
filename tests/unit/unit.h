/*
 * unit.h — a tiny header-only unit test helper.
 *
 *	#include "unit.h"
 *	int main(void) {
 *		CHECK(1 + 1 == 2);
 *		CHECK_INT(strlen("ab"), 2);
 *		CHECK_STR(got, "B0012-U02-R0502");
 *		CHECK_STR_CTX(got, want, input);  // also names the input
 *		UNIT_DONE();
 *	}
 *
 * Each failed check prints "FAIL FILE:LINE: ..." on stderr (tests/run-all.sh
 * greps for FAIL) and the run goes on.
 * UNIT_DONE() prints exactly one line "N passed, N failed" on stdout and
 * returns 1 from main if anything failed, else 0.  Every CHECK is an
 * expression worth 1 if it passed, so a test can stop early:
 *	if (!CHECK(p != NULL)) UNIT_DONE();
 */
#ifndef SQ_UNIT_H
#define SQ_UNIT_H

#include <stdio.h>
#include <string.h>

/* counts[0] passed, counts[1] failed; one pair per test program */
static inline long *
unit_counts_(void)
{
	static long counts[2];

	return counts;
}

static inline int
unit_check_(int ok, const char *file, int line, const char *expr)
{
	unit_counts_()[ok ? 0 : 1]++;
	if (!ok)
		fprintf(stderr, "FAIL %s:%d: %s\n", file, line, expr);
	return ok;
}

static inline int
unit_check_str_(const char *a, const char *b, const char *ctx,
    const char *file, int line, const char *ea, const char *eb)
{
	int ok = (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);

	unit_counts_()[ok ? 0 : 1]++;
	if (!ok)
		fprintf(stderr, "FAIL %s:%d: %s%s%s%s == %s: got \"%s\", "
		    "want \"%s\"\n", file, line, ctx ? "[" : "", ctx ? ctx : "",
		    ctx ? "] " : "", ea, eb, a ? a : "(null)",
		    b ? b : "(null)");
	return ok;
}

static inline int
unit_check_long_(long a, long b, const char *file, int line, const char *ea,
    const char *eb)
{
	int ok = a == b;

	unit_counts_()[ok ? 0 : 1]++;
	if (!ok)
		fprintf(stderr, "FAIL %s:%d: %s == %s: got %ld, want %ld\n",
		    file, line, ea, eb, a, b);
	return ok;
}

static inline int
unit_done_(void)
{
	long *c = unit_counts_();

	printf("%ld passed, %ld failed\n", c[0], c[1]);
	fflush(stdout);
	return c[1] > 0;
}

#define CHECK(cond)	unit_check_(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_INT(a, b)	unit_check_long_((long)(a), (long)(b), __FILE__, \
			    __LINE__, #a, #b)
#define CHECK_STR(a, b)	unit_check_str_((a), (b), NULL, __FILE__, \
			    __LINE__, #a, #b)
#define CHECK_STR_CTX(a, b, ctx) unit_check_str_((a), (b), (ctx), __FILE__, \
			    __LINE__, #a, #b)
#define UNIT_DONE()	return unit_done_()

#endif /* SQ_UNIT_H */
