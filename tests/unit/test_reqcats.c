/*
 * test_reqcats.c — the committee's categories and deadlines
 * (rules/reqcats.h): durations, the lines of categories.txt, the refusals
 * (a bad line, an id twice, urgent or other missing, a rule's label with no
 * category), and the shipped share/requests/categories.txt.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "diag.h"
#include "reqcats.h"
#include "unit.h"

static void
test_duration(void)
{
	static const struct { const char *s; long min; } cases[] = {
		{ "30m", 30 }, { "1m", 1 }, { "2h", 120 }, { "1d", 1440 },
		{ "3d", 4320 }, { "100000m", 100000 }, { "100000d", 144000000 },
		{ "0m", -1 }, { "-5m", -1 }, { "100001m", -1 }, { "30", -1 },
		{ "m", -1 }, { "", -1 }, { "2 h", -1 }, { "2H", -1 },
		{ "1.5h", -1 }, { "2hh", -1 }, { "1w", -1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_INT(sq_reqcats_duration(cases[i].s), cases[i].min);
}

static const char good[] =
    "# a comment\n"
    "urgent  紧急  10m 30m\n"
    "\n"
    "   # an indented comment\n"
    "medical 就医用药 30m 2h sensitive\r\n"
    "necessities\t生活必需\t1h\t12h\n"
    "other 其他 4h 3d\n";

static void
test_load(void)
{
	struct sq_reqcats rc;

	memset(&rc, 0, sizeof(rc));
	if (!CHECK_INT(sq_reqcats_load(&rc, unit_file("good", good), NULL), 0))
		return;
	CHECK_INT(rc.n, 4);
	CHECK_INT(rc.urgent, 0);
	CHECK_INT(rc.other, 3);
	CHECK_STR(rc.cat[1].id, "medical");
	CHECK_STR(rc.cat[1].zh, "就医用药");
	CHECK_INT(rc.cat[1].respond, 30);
	CHECK_INT(rc.cat[1].solve, 120);
	CHECK_INT(rc.cat[1].sensitive, 1);
	CHECK_INT(rc.cat[1].label, -1);	/* no rules */
	CHECK_STR(rc.cat[2].id, "necessities");	/* tabs separate too */
	CHECK_INT(rc.cat[2].sensitive, 0);
	CHECK_INT(rc.cat[3].solve, 3 * 1440);
	sq_reqcats_free(&rc);
	CHECK_INT(rc.n, 0);
	CHECK(rc.cat == NULL);
}

/* Each refused; what was read before the bad line is kept. */
static void
test_refusals(void)
{
	static const struct { const char *text; size_t kept; } bad[] = {
		{ "urgent 紧急 10m\nother 其他 4h 3d\n", 0 },
		{ "urgent 紧急 10m 30m\nother 其他 4h 3d x y\n", 1 },
		{ "urgent 紧急 10m 30m secret\nother 其他 4h 3d\n", 0 },
		{ "urgent 紧急 10 30m\nother 其他 4h 3d\n", 0 },
		{ "urgent 紧急 10m 30m\nurgent 急 1m 2m\nother 其他 4h 3d\n", 1 },
		{ "urgent 紧急 10m 30m\nmedical 就医 30m 2h\n", 2 },
		{ "medical 就医 30m 2h\nother 其他 4h 3d\n", 2 },
		{ "", 0 },
	};
	struct sq_reqcats rc;
	char name[16];

	sq_diag_quiet(1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&rc, 0, sizeof(rc));
		snprintf(name, sizeof(name), "bad%zu", i);
		CHECK_INT(sq_reqcats_load(&rc, unit_file(name, bad[i].text), NULL),
		    -1);
		CHECK_INT(rc.n, bad[i].kept);
		sq_reqcats_free(&rc);
	}
	memset(&rc, 0, sizeof(rc));
	CHECK_INT(sq_reqcats_load(&rc, "/nonexistent/categories.txt", NULL),
	    -1);
	CHECK_INT(rc.n, 0);
	sq_diag_quiet(0);
}

/* With rules: each category knows its label; a label with none refuses. */
static void
test_rules(void)
{
	struct sq_classify *rules = sq_classify_new();
	struct sq_reqcats rc;

	if (!CHECK_INT(sq_classify_load(rules, unit_file("rules",
	    "urgent: 救命=3\nmedical: 药=2\n")), 0))
		return;
	memset(&rc, 0, sizeof(rc));
	CHECK_INT(sq_reqcats_load(&rc, unit_file("good", good), rules), 0);
	CHECK_INT(rc.cat[0].label, sq_classify_find(rules, "urgent"));
	CHECK_INT(rc.cat[1].label, sq_classify_find(rules, "medical"));
	CHECK(rc.cat[1].label >= 0);
	CHECK_INT(rc.cat[2].label, -1);	/* no rule names necessities */
	sq_reqcats_free(&rc);
	sq_classify_free(rules);

	rules = sq_classify_new();
	CHECK_INT(sq_classify_load(rules, unit_file("rules2",
	    "urgent: 救命=3\npets: 猫粮=2\n")), 0);
	memset(&rc, 0, sizeof(rc));
	sq_diag_quiet(1);
	CHECK_INT(sq_reqcats_load(&rc, unit_file("good", good), rules), -1);
	sq_diag_quiet(0);
	sq_reqcats_free(&rc);
	sq_classify_free(rules);
}

/* The file the committee gets: loads, urgent and other there, times sane. */
static void
test_shipped(void)
{
	const char *share = getenv("SHEQU_DATADIR");
	char path[512];
	struct sq_reqcats rc;

	snprintf(path, sizeof(path), "%s/requests/categories.txt",
	    share ? share : "share");
	memset(&rc, 0, sizeof(rc));
	if (!CHECK_INT(sq_reqcats_load(&rc, path, NULL), 0))
		return;
	CHECK(rc.n >= 3);
	CHECK(rc.urgent < rc.n && rc.other < rc.n);
	for (size_t i = 0; i < rc.n; i++)
		CHECK(rc.cat[i].respond <= rc.cat[i].solve);
	sq_reqcats_free(&rc);
}

int
main(void)
{
	sq_diag_init("test_reqcats");
	if (unit_scratch("test_reqcats") == NULL)
		return 2;
	test_duration();
	test_load();
	test_refusals();
	test_rules();
	test_shipped();
	unit_scratch_done();
	UNIT_DONE();
}
