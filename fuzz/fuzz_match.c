/*
 * fuzz_match.c — the parsers of sq-match, called through its header
 * (cmd/sq-match/match.h) and linked with the program's parts, not its
 * main (Makefile: build-fuzz/bin/fuzz_match): the skill
 * rules file (share/skills.txt and --rules), the availability text
 * volunteers write ("周一至周五 18:00以后; 周末全天", match/avail with the
 * named shifts of share/match/shifts.conf), times and shifts of posts and
 * hour limits.
 *
 * Input: a rules file, a byte 0xFF, then a cell.  The cell is matched
 * against the input's rules, or the shipped share/skills.txt when they do
 * not load (SQ_FUZZ_SKILLS to name another).  Invariants:
 *  - a rules file is loaded or refused; skills stay within SQ_SKILLS_MAX and
 *    every keyword points at a skill that exists; no leaks either way;
 *  - scan_skills only reports skills that exist, the same twice;
 *  - availability: on success every window is within its day or the night
 *    after it (0 <= from < to <= 2880), date lists within MAXDATES,
 *    weekday masks of 7 bits; expanded over two weeks, the windows are
 *    sorted, merged and non-empty; on failure the offset is inside the text
 *    and there is a reason;
 *  - a time is -1 with a reason, or a minute count; a shift of a posts
 *    sheet is a reason, or an end after its start within a day;
 *  - hour limits: 0 with non-negative minutes, empty, or -2 with a reason.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../cmd/sq-match/match.h"

#include "fuzz.h"

static struct sq_skills base;
static int have_base;
static struct sq_shifts named;
static struct ctx ctx;		/* sq-match's context, for shift_token */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *p = getenv("SQ_FUZZ_SKILLS");

	fz_init();
	if (p == NULL)
		p = "share/skills.txt";
	memset(&base, 0, sizeof(base));
	if (access(p, R_OK) == 0 && sq_skills_load(&base, p) == 0)
		have_base = 1;
	if (access("share/match/shifts.conf", R_OK) == 0)
		(void)sq_shifts_load(&named, "share/match/shifts.conf");
	if (access("share/match/periods.conf", R_OK) == 0)
		(void)sq_periods_load(&named, "share/match/periods.conf");
	ctx.shifts = named;	/* shift_token reads the run's */
	return 0;
}

static void
check_rules(const struct sq_skills *R)
{
	FZ_CHECK(R->nskill <= SQ_SKILLS_MAX);
	for (size_t i = 0; i < R->nkw; i++)
		FZ_CHECK(R->kw[i].skill >= 0 && (size_t)R->kw[i].skill < R->nskill);
}

static void
check_avail(const char *t)
{
	struct sq_avail a = { NULL, 0 };
	size_t bad = 0;
	const char *why = NULL;

	if (sq_avail_parse(t, 2022, &named, &a, &bad, &why) < 0) {
		FZ_CHECK(why != NULL && bad <= strlen(t));
		sq_avail_free(&a);
		return;
	}
	for (size_t k = 0; k < a.n; k++) {
		FZ_CHECK(a.v[k].from >= 0 && a.v[k].from < a.v[k].to &&
		    a.v[k].to <= 2 * DAYMIN);
		FZ_CHECK(a.v[k].ds.nd >= 0 &&
		    a.v[k].ds.nd <= SQ_AVAIL_MAXDATES);
		FZ_CHECK(a.v[k].ds.wmask >= 0 && a.v[k].ds.wmask < 128);
	}
	long *w = NULL;
	long d0 = 19082;	/* 2022-03-31 */
	size_t m = sq_avail_expand(&a, d0, d0 + 14, &w);
	for (size_t k = 0; k < m; k++) {
		FZ_CHECK(w[2 * k] < w[2 * k + 1]);
		if (k)
			FZ_CHECK(w[2 * k - 1] < w[2 * k]);
	}
	free(w);
	sq_avail_free(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t n1, n2;
	const char *cell = (const char *)fz_split(d, n, 0xFF, &n1, &n2);
	char path[64];
	struct sq_skills R;
	const struct sq_skills *use = have_base ? &base : NULL;

	/* the input's rules (on their own: loading the shipped file each
	   time too made this ten times slower) */
	memset(&R, 0, sizeof(R));
	int fd = fz_memfile(d, n1, path);
	if (fd >= 0) {
		if (sq_skills_load(&R, path) == 0) {
			check_rules(&R);
			use = &R;
		}
		close(fd);
	}

	char *t = sq_fold_lower(cell, n2);
	if (use != NULL) {
		uint64_t m = sq_skills_scan(use, t, NULL);
		FZ_CHECK(m == sq_skills_scan(use, t, NULL));
		if (use->nskill < 64)
			FZ_CHECK((m >> use->nskill) == 0);
	}
	check_avail(t);
	free(t);

	int has_date = 0;
	const char *why = NULL;
	long when = parse_when(cell, n2, 19082, &has_date, &why);
	FZ_CHECK(when >= -1);
	if (when == -1)
		FZ_CHECK(why != NULL);

	long t1, t2;
	why = NULL;
	if (shift_token(&ctx, cell, n2, 19082, &t1, &t2, &why) == 0)
		FZ_CHECK(t1 < t2 && t2 - t1 <= DAYMIN);
	else
		FZ_CHECK(why != NULL);

	long day = 0, week = 0;
	why = NULL;
	int rc = parse_limits(cell, n2, n2 & 1, &day, &week, &why);
	FZ_CHECK(rc == 0 || rc == SQ_VAL_EMPTY || rc == -2);
	if (rc == 0)
		FZ_CHECK(day >= 0 && week >= 0);
	if (rc == -2)
		FZ_CHECK(why != NULL);

	sq_skills_free(&R);
	return 0;
}
