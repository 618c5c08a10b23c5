/*
 * test_classify.c — the weighted keyword rules of sq-requests
 * (rules/classify.c): loading, scoring, the list of keywords found, and the
 * fixes that came with fuzz/fuzz_classify.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "diag.h"
#include "unit.h"

/* The score of label for text, and the keywords found (list). */
static int
score(const struct sq_classify *c, const char *label, const char *text,
    char *list, size_t lsize)
{
	long l = sq_classify_find(c, label);
	int s[64] = { 0 };

	if (l < 0 || sq_classify_nlabels(c) > 64)
		return -1000;
	sq_classify_score(c, text, strlen(text), s, l, list, lsize);
	return s[l];
}

static const char base[] =
    "negate: 没有, 没, no, not\n"
    "min: urgent=2\n"
    "urgent: ~发烧=2, ~胸痛=2, chest pain=2, 救命=3\n"
    "medical: 药=2, 医院, doctor=3, ~发烧=2, 药店关门=-1\n";

static void
test_scoring(void)
{
	struct sq_classify *c = sq_classify_new();
	char list[256];

	CHECK_INT(sq_classify_load(c, unit_file("base", base)), 0);
	CHECK_INT(sq_classify_nlabels(c), 2);
	CHECK_STR(sq_classify_label(c, 0), "urgent");
	CHECK_STR(sq_classify_label(c, 1), "medical");
	CHECK_INT(sq_classify_min(c, 0), 2);
	CHECK_INT(sq_classify_min(c, 1), 1);
	CHECK_INT(sq_classify_nkeywords(c), 9);
	CHECK_INT(score(c, "urgent", "孩子发烧了", list, sizeof(list)), 2);
	CHECK_STR(list, "发烧");
	CHECK_INT(score(c, "urgent", "没有发烧", list, sizeof(list)), 0);
	CHECK_INT(score(c, "urgent", "没有 发烧", list, sizeof(list)), 0);
	CHECK_INT(score(c, "urgent", "  CHEST   Pain!", list, sizeof(list)), 2);
	CHECK_STR(list, "chest pain");
	CHECK_INT(score(c, "urgent", "nochest pain", list, sizeof(list)), 0);
	CHECK_INT(score(c, "medical", "药店关门了 买药", list, sizeof(list)), 1);
	CHECK_STR(list, "药;药店关门");
	CHECK_INT(score(c, "medical", "发烧 去医院 开药", list, sizeof(list)), 5);
	CHECK_STR(list, "药;医院;发烧");
	CHECK_INT(score(c, "medical", "ｄｏｃｔｏｒ", list, sizeof(list)), 3);
	sq_classify_free(c);
}

/* A file with a mistake in it adds none of its rules. */
static void
test_all_or_nothing(void)
{
	struct sq_classify *c = sq_classify_new();
	char list[256];

	CHECK_INT(sq_classify_load(c, unit_file("base", base)), 0);
	/* new label, new weight, then a bad line */
	CHECK_INT(sq_classify_load(c, unit_file("bad", "other: 猫=2\n"
	    "medical: 药=5\nmin: medical=3\nurgent: 救命=x\n")), -1);
	CHECK_INT(sq_classify_nlabels(c), 2);
	CHECK_INT(sq_classify_find(c, "other"), -1);
	CHECK_INT(sq_classify_min(c, 1), 1);
	CHECK_INT(score(c, "medical", "买药", list, sizeof(list)), 2);
	/* the same lines without the mistake do load */
	CHECK_INT(sq_classify_load(c, unit_file("good", "other: 猫=2\n"
	    "medical: 药=5\nmin: medical=3\n")), 0);
	CHECK_INT(sq_classify_nlabels(c), 3);
	CHECK_INT(sq_classify_find(c, "other"), 2);
	CHECK_INT(sq_classify_min(c, 1), 3);
	CHECK_INT(sq_classify_min(c, 0), 2);
	CHECK_INT(score(c, "medical", "买药", list, sizeof(list)), 5);
	/* =0 switches a keyword off; ~ is the later file's */
	CHECK_INT(sq_classify_load(c, unit_file("off", "medical: 药=0, 发烧\n")), 0);
	CHECK_INT(score(c, "medical", "买药 没发烧", list, sizeof(list)), 1);
	CHECK_STR(list, "发烧");
	/* a fresh set refusing a file stays empty */
	struct sq_classify *e = sq_classify_new();
	CHECK_INT(sq_classify_load(e, unit_file("bad2", "a: x\nb: y=100\n")), -1);
	CHECK_INT(sq_classify_nlabels(e), 0);
	CHECK_INT(sq_classify_nkeywords(e), 0);
	CHECK_INT(sq_classify_load(e, unit_file("bad3", "a: x\nno colon\n")), -1);
	CHECK_INT(sq_classify_nlabels(e), 0);
	sq_classify_free(e);
	sq_classify_free(c);
}

/* "min:" names a label as its own line does: not lower-cased or folded. */
static void
test_min_names(void)
{
	struct sq_classify *c = sq_classify_new();

	CHECK_INT(sq_classify_load(c, unit_file("min", "Urgent: x=1\n"
	    "min: Urgent=2\nbig  label: y\nmin: big  label=3, ｍｅｄ=4\n")), 0);
	CHECK_INT(sq_classify_nlabels(c), 3);
	CHECK_INT(sq_classify_find(c, "Urgent"), 0);
	CHECK_INT(sq_classify_find(c, "urgent"), -1);
	CHECK_INT(sq_classify_min(c, 0), 2);
	CHECK_INT(sq_classify_find(c, "big  label"), 1);
	CHECK_INT(sq_classify_min(c, 1), 3);
	/* full-width forms fold on both kinds of line alike */
	CHECK_INT(sq_classify_find(c, "med"), 2);
	CHECK_INT(sq_classify_min(c, 2), 4);
	sq_classify_free(c);

	/* a space after '~' is not part of the name (fuzz_classify: "~ x"
	   made a label " x" that the min: line did not name) */
	c = sq_classify_new();
	CHECK_INT(sq_classify_load(c, unit_file("tilde", "a: ~ 头痛=2\n"
	    "min: ~ b=2\n")), 0);
	CHECK_INT(sq_classify_nlabels(c), 2);
	CHECK_INT(sq_classify_find(c, "b"), 1);
	CHECK_INT(sq_classify_find(c, " b"), -1);
	CHECK_INT(sq_classify_min(c, 1), 2);
	char list[64];
	CHECK_INT(score(c, "a", "今天头痛", list, sizeof(list)), 2);
	CHECK_STR(list, "头痛");
	sq_classify_free(c);
}

/* The list cut short is the start of the whole list, never more. */
static void
test_cut(void)
{
	struct sq_classify *c = sq_classify_new();
	const char *text = "abcdef 中文 ab";
	char list[64];

	CHECK_INT(sq_classify_load(c, unit_file("cut", "l: abcdef, 中文, ab\n")), 0);
	CHECK_INT(score(c, "l", text, list, sizeof(list)), 3);
	CHECK_STR(list, "abcdef;中文;ab");
	/* 10 bytes: "中文" does not fit; "ab" must not follow it */
	CHECK_INT(score(c, "l", text, list, 10), 3);
	CHECK_STR(list, "abcdef;");
	CHECK_INT(score(c, "l", text, list, 11), 3);
	CHECK_STR(list, "abcdef;中");
	CHECK_INT(score(c, "l", text, list, 8), 3);
	CHECK_STR(list, "abcdef;");
	CHECK_INT(score(c, "l", text, list, 7), 3);
	CHECK_STR(list, "abcdef");
	CHECK_INT(score(c, "l", text, list, 4), 3);
	CHECK_STR(list, "abc");
	CHECK_INT(score(c, "l", text, list, 1), 3);
	CHECK_STR(list, "");
	CHECK_INT(score(c, "l", text, list, 15), 3);
	CHECK_STR(list, "abcdef;中文;");
	CHECK_INT(score(c, "l", text, list, 16), 3);
	CHECK_STR(list, "abcdef;中文;a");
	sq_classify_free(c);
}

int
main(void)
{
	sq_diag_init("test_classify");
	if (unit_scratch("test_classify") == NULL)
		return 2;
	test_scoring();
	test_all_or_nothing();
	test_min_names();
	test_cut();
	unit_scratch_done();
	UNIT_DONE();
}
