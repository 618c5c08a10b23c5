/*
 * test_units.c — unit conversions of the stock ledger (values/units.h):
 * a rule both ways, through one unit between, an item's rules before the *
 * rules, later rules winning, folding, and the refusals (all or nothing).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "text.h"
#include "units.h"
#include "unit.h"

/* The factor for item (folded here, as sq-stock folds its keys). */
static double
factor(const struct sq_units *u, const char *item, const char *from,
    const char *to)
{
	char *k = sq_fold_lower(item, strlen(item));
	char *f = sq_fold_lower(from, strlen(from));
	char *t = sq_fold_lower(to, strlen(to));
	double x = sq_units_factor(u, k, f, t);

	free(k);
	free(f);
	free(t);
	return x;
}

static int
near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fabs(b);
}

static void
test_rules(void)
{
	struct sq_units *u = sq_units_new();

	CHECK_INT(sq_units_load(u, unit_file("a",
	    "# packing\n"
	    "口罩  1 箱 = 50 包\n"
	    "口罩  1 包 = 10 个\r\n"
	    "\n"
	    "*     1 公斤 = 2 斤\n"
	    "*     2 打 = 24 个\n"
	    "Rice  1 Bag = 10 KG\n")), 0);
	CHECK_INT(sq_units_count(u), 5);
	CHECK(near(factor(u, "口罩", "箱", "包"), 50));
	CHECK(near(factor(u, "口罩", "包", "箱"), 1.0 / 50));	/* both ways */
	CHECK(near(factor(u, "口罩", "箱", "个"), 500));	/* 箱 -> 包 -> 个 */
	CHECK(near(factor(u, "口罩", "个", "箱"), 1.0 / 500));
	CHECK(near(factor(u, "口罩", "箱", "箱"), 1));
	CHECK(near(factor(u, "大米", "公斤", "斤"), 2));	/* a * rule */
	CHECK(near(factor(u, "口罩", "打", "个"), 12));	/* 2 打 = 24: 12 */
	CHECK_INT(factor(u, "检测试剂", "箱", "包") == 0, 1);	/* not its rule */
	CHECK_INT(factor(u, "口罩", "箱", "斤") == 0, 1);	/* no rule says */
	/* folded: ASCII case and full-width forms do not matter */
	CHECK(near(factor(u, "rice", "bag", "kg"), 10));
	CHECK(near(factor(u, "ＲＩＣＥ", "ｂａｇ", "ＫＧ"), 10));
	/* the item's own rule before a * rule, later rules win */
	CHECK_INT(sq_units_load(u, unit_file("b",
	    "*     1 箱 = 20 包\n"
	    "口罩  1 箱 = 40 包\n")), 0);
	CHECK(near(factor(u, "口罩", "箱", "包"), 40));	/* later, its own */
	CHECK(near(factor(u, "手套", "箱", "包"), 20));	/* the * rule */
	CHECK(near(factor(u, "口罩", "箱", "个"), 400));
	sq_units_free(u);
}

/* A bad line refuses the file: none of its rules is added. */
static void
test_refusals(void)
{
	static const char *const bad[] = {
		"口罩 1 箱 50 包\n",
		"口罩 1 箱 = 50\n",
		"口罩 0 箱 = 50 包\n",
		"口罩 1 箱 = -5 包\n",
		"口罩 one 箱 = 5 包\n",
		"口罩 1 箱 = 5 包 extra\n",
		"口罩 1 箱 = 1e10 包\n",		/* factor above 1e9 */
		"口罩 1e10 箱 = 1 包\n",		/* below 1e-9 */
		"* 1 kg = 1000 g\n口罩 1 箱 = x 包\n",	/* all or nothing */
	};
	char name[16];

	sq_diag_quiet(1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sq_units *u = sq_units_new();
		snprintf(name, sizeof(name), "bad%zu", i);
		CHECK_INT(sq_units_load(u, unit_file(name, bad[i])), -1);
		CHECK_INT(sq_units_count(u), 0);
		sq_units_free(u);
	}
	struct sq_units *u = sq_units_new();
	CHECK_INT(sq_units_load(u, "/nonexistent/units.txt"), -1);
	sq_units_free(u);
	sq_units_free(NULL);
	sq_diag_quiet(0);
}

/* The shipped file loads, and its weights agree with each other. */
static void
test_shipped(void)
{
	const char *share = getenv("SHEQU_DATADIR");
	char path[512];
	struct sq_units *u = sq_units_new();

	snprintf(path, sizeof(path), "%s/stock/units.txt", share ? share :
	    "share");
	CHECK_INT(sq_units_load(u, path), 0);
	CHECK(sq_units_count(u) > 0);
	CHECK(near(factor(u, "大米", "公斤", "斤"), 2));
	CHECK(near(factor(u, "大米", "吨", "公斤"), 1000));
	CHECK(near(factor(u, "鸡蛋", "打", "个"), 12));
	sq_units_free(u);
}

int
main(void)
{
	sq_diag_init("test_units");
	if (unit_scratch("test_units") == NULL)
		return 2;
	test_rules();
	test_refusals();
	test_shipped();
	unit_scratch_done();
	UNIT_DONE();
}
