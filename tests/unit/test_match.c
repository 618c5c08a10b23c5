/*
 * test_match.c — sq-match's model through its header (cmd/sq-match/match.h),
 * linked with the program's parts, not its main (Makefile): a run is a
 * context of its own.  Each run below makes one (ctx_init), gives it the
 * tables of a golden case, and runs it (run); the plan must be the golden
 * plan, the same bytes when run again, and again after a run on other
 * tables; two contexts with other settings disagree where they should.
 * Run from the top of the tree (tests/run-all.sh does), SHEQU_DATADIR set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cmd/sq-match/match.h"
#include "unit.h"

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = calloc((size_t)n + 1, 1);
	if (s && fread(s, 1, (size_t)n, fp) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(fp);
	return s;
}

/* The plan of the case's vol.csv and posts.csv, for 2022-04-10. */
static char *
plan(const char *dir, const char *out, int rest_hours, int *rc)
{
	struct ctx ctx, *C = &ctx;
	char vol[256], posts[256];

	snprintf(vol, sizeof(vol), "tests/cases/%s/vol.csv", dir);
	snprintf(posts, sizeof(posts), "tests/cases/%s/posts.csv", dir);
	ctx_init(C);
	C->date = sq_date_days("2022-04-10");
	C->volfile = vol;
	C->postfile = posts;
	C->c.output = out;
	if (rest_hours >= 0)
		C->rest = rest_hours * 60;
	*rc = run(C);
	return slurp(out);
}

int
main(void)
{
	char *argv0[] = { "test_match", NULL };
	char out[] = "/tmp/test_match.XXXXXX";
	int fd = mkstemp(out), rc;

	if (!CHECK(fd >= 0))
		UNIT_DONE();
	close(fd);
	sq_start(1, argv0);
	sq_diag_quiet(1);

	/* the golden plan: the first six lines of sq-match-basic's expout */
	char *want = slurp("tests/cases/sq-match-basic/expout");
	if (!CHECK(want != NULL))
		UNIT_DONE();
	char *end = want;
	for (int i = 0; i < 6 && end && *end; i++)
		end = strchr(end, '\n') ? strchr(end, '\n') + 1 : NULL;
	if (end)
		*end = '\0';
	char *a = plan("sq-match-basic", out, -1, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(a, want);

	/* no state left behind: again, and after a run on other tables */
	char *b = plan("sq-match-basic", out, -1, &rc);
	CHECK_STR(b, a);
	char *other = plan("sq-match-fit", out, -1, &rc);
	CHECK(other != NULL && strcmp(other, a) != 0);
	char *c = plan("sq-match-basic", out, -1, &rc);
	CHECK_STR(c, a);

	/* the settings are the context's: the same tables, another plan */
	char *r8 = plan("sq-match-rule-rest", out, 8, &rc);
	char *r0 = plan("sq-match-rule-rest", out, 0, &rc);
	CHECK(r8 != NULL && r0 != NULL && strcmp(r8, r0) != 0);
	free(r8);
	free(r0);

	/* rest gaps of 8 h and of none */
	struct ctx x, y;
	ctx_init(&x);
	ctx_init(&y);
	y.rest = 0;
	/* 08:00-12:00 and 13:00-17:00 on one day: too close with 8 h rest */
	CHECK_INT(conflict(&x, 480, 720, 780, 1020), 1);
	CHECK_INT(conflict(&y, 480, 720, 780, 1020), 0);
	CHECK_INT(conflict(&y, 480, 720, 700, 1020), 1);	/* overlap */

	free(want);
	free(a);
	free(b);
	free(other);
	free(c);
	unlink(out);
	UNIT_DONE();
}
