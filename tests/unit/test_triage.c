/*
 * test_triage.c — a request to a line of work and an urgency (rules/
 * triage.h) with the shipped model and words: plain requests to their
 * category, the urgency words with their negation, the traditional and the
 * simplified text alike, no text sent to review, the committee's rules
 * forcing a category (confidence 1, what was found said), and the same
 * verdict every time.  Its accuracy is measured on the held-out split by
 * tests/requests.t.sh, not here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "triage.h"
#include "unit.h"

static const char *
datadir(void)
{
	return getenv("SHEQU_DATADIR") ? getenv("SHEQU_DATADIR") : "share";
}

static struct sq_verdict
decide(const struct sq_triage *t, const char *text)
{
	struct sq_verdict v;

	sq_triage_decide(t, text, strlen(text), &v);
	return v;
}

static void
test_categories(const struct sq_triage *t)
{
	static const struct { const char *text, *cat; } cases[] = {
		{ "家里没米了，也没有菜了", "necessities" },
		{ "马桶堵了水漫出来了", "repairs" },
		{ "明天几点做核酸", "testing" },
		{ "降压药吃完了 买不到", "medical" },
		{ "谢谢", "other" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sq_verdict v = decide(t, cases[i].text);
		CHECK_STR_CTX(v.category, cases[i].cat, cases[i].text);
		CHECK(v.confidence >= 0.5 && v.confidence <= 1);
		CHECK_INT(v.forced, 0);
		CHECK_INT(v.review, 0);
		CHECK(v.p_urgent >= 0 && v.p_urgent <= 1);
	}
}

static void
test_urgency(const struct sq_triage *t)
{
	struct sq_verdict v = decide(t, "老人胸口疼喘不上气");

	CHECK_INT(v.urgent, 1);
	CHECK_INT(v.urgent_words, 1);
	CHECK(strstr(v.why, "胸口疼") != NULL);
	v = decide(t, "孩子发烧39度一直哭");
	CHECK_INT(v.urgent, 1);
	CHECK(strstr(v.why, "发烧") != NULL);
	/* negated: the words do not count, and the model does not alarm */
	v = decide(t, "没有发烧");
	CHECK_INT(v.urgent_words, 0);
	CHECK_INT(v.urgent, 0);
	v = decide(t, "家里没米了，也没有菜了");
	CHECK_INT(v.urgent, 0);
	CHECK_STR(v.why, "");
}

/*
 * The words count only where the model leaves urgency open
 * (urgent_words_at of triage.conf): a calm lookalike that has them is not
 * urgent, the same words with the need are.
 */
static void
test_lookalike(const struct sq_triage *t)
{
	struct sq_verdict v = decide(t, "楼道堆了纸箱万一着火怎么办");

	CHECK_INT(v.urgent_words, 1);
	CHECK(v.p_urgent < 0.01);
	CHECK_INT(v.urgent, 0);
	v = decide(t, "独居老人敲门没人应");
	CHECK_INT(v.urgent_words, 1);
	CHECK_INT(v.urgent, 1);
}

static void
test_normalized(const struct sq_triage *t)
{
	struct sq_verdict a = decide(t, "降压药吃完了 买不到");
	struct sq_verdict b = decide(t, "降壓藥吃完了 買不到");

	CHECK_STR(b.category, a.category);
	CHECK(a.confidence == b.confidence);
	CHECK_INT(b.urgent, a.urgent);
	CHECK_STR(b.why, a.why);		/* said in simplified */
	/* the same text, the same verdict, every time */
	for (int i = 0; i < 3; i++) {
		struct sq_verdict c = decide(t, "降压药吃完了 买不到");
		CHECK(c.confidence == a.confidence && c.p_urgent == a.p_urgent);
	}
}

/* No text: the model's prior is a guess, a person looks. */
static void
test_empty(const struct sq_triage *t)
{
	struct sq_verdict v = decide(t, "");

	CHECK_INT(v.review, 1);
	CHECK_INT(v.forced, 0);
	CHECK_INT(v.urgent, 0);
	v = decide(t, "   ");
	CHECK_INT(v.review, 1);
}

/* A committee's own rule forces its category over the model's. */
static void
test_forced(void)
{
	char path[] = "/tmp/test_triage.XXXXXX";
	int fd = mkstemp(path);
	const char rules[] = "min: safety=2\nsafety: 门锁=2, 撬=2\n";

	if (!CHECK(fd >= 0) ||
	    !CHECK(write(fd, rules, sizeof(rules) - 1) ==
	    (ssize_t)(sizeof(rules) - 1)))
		return;
	close(fd);
	struct sq_triage *t = sq_triage_load(datadir(), path, NULL);
	if (CHECK(t != NULL)) {
		struct sq_verdict v = decide(t, "门锁坏了");
		CHECK_STR(v.category, "safety");
		CHECK_INT(v.forced, 1);
		CHECK(v.confidence == 1);
		CHECK_INT(v.review, 0);
		CHECK(strstr(v.why, "门锁") != NULL);
		v = decide(t, "马桶堵了水漫出来了");	/* the rule not reached */
		CHECK_STR(v.category, "repairs");
		CHECK_INT(v.forced, 0);
		CHECK(sq_triage_rules(t) != NULL && sq_triage_norm(t) != NULL &&
		    sq_triage_model(t) != NULL);
		sq_triage_free(t);
	}
	unlink(path);
	/* without it, the model's repairs */
	t = sq_triage_load(datadir(), NULL, NULL);
	if (CHECK(t != NULL)) {
		CHECK_STR(decide(t, "门锁坏了").category, "repairs");
		sq_triage_free(t);
	}
	/* a rules file that is not there: refused, said */
	sq_diag_quiet(1);
	CHECK(sq_triage_load(datadir(), "/nonexistent/rules.txt", NULL) ==
	    NULL);
	sq_diag_quiet(0);
}

int
main(void)
{
	sq_diag_init("test_triage");
	struct sq_triage *t = sq_triage_load(datadir(), NULL, NULL);
	if (!CHECK(t != NULL))
		UNIT_DONE();
	test_categories(t);
	test_urgency(t);
	test_lookalike(t);
	test_normalized(t);
	test_empty(t);
	sq_triage_free(t);
	test_forced();
	UNIT_DONE();
}
