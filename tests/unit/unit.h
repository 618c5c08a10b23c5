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
 *
 * A test that reads files writes them in a scratch directory:
 *	if (!unit_scratch("test_X")) return 2;	// /tmp/test_X.XXXXXX
 *	load(unit_file("rules.txt", "a 1\n"));	// its path (the last 4 kept)
 *	unit_scratch_done();			// every file in it, and it, gone
 */
#ifndef SQ_UNIT_H
#define SQ_UNIT_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static inline char *
unit_scratch_dir(void)
{
	static char dir[256];

	return dir;
}

/* Make /tmp/NAME.XXXXXX; its path, or NULL (said) when it cannot. */
static inline const char *
unit_scratch(const char *name)
{
	char *dir = unit_scratch_dir();

	snprintf(dir, 256, "/tmp/%s.XXXXXX", name);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return NULL;
	}
	return dir;
}

/* Write TEXT to NAME in the scratch directory; its path (static: the four
   last paths stay valid, so a call may take two or three files). */
static inline const char *
unit_file(const char *name, const char *text)
{
	static char path[4][512];
	static int k;
	char *p = path[k++ % 4];
	FILE *f;

	snprintf(p, 512, "%s/%s", unit_scratch_dir(), name);
	if ((f = fopen(p, "w")) == NULL || fputs(text, f) < 0 || fclose(f)) {
		perror(p);
		exit(2);
	}
	return p;
}

/* Remove what the test left in the scratch directory, and it. */
static inline void
unit_scratch_done(void)
{
	DIR *d = opendir(unit_scratch_dir());
	struct dirent *e;
	char p[512];

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", unit_scratch_dir(), e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(unit_scratch_dir());
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
