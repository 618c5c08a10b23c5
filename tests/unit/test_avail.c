/*
 * test_avail.c — availability as volunteers write it (match/avail.c) and
 * named shifts (values/shifts.c), through their headers: what sign-up forms
 * hold, each with what it means, and what must be refused with a reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "avail.h"
#include "diag.h"
#include "shifts.h"
#include "text.h"
#include "unit.h"
#include "value.h"

static struct sq_shifts S;

/* The items of a text, as "MoTuWeThFr 18:00-24:00; SaSu 00:00-24:00";
   "*" for every day, dates as 04-16..04-17; "ERR" on refusal. */
static const char *
show(const char *text, char *out, size_t sz)
{
	static const char *const dn[] = { "Mo", "Tu", "We", "Th", "Fr", "Sa",
	    "Su" };
	char *t = sq_fold_lower(text, strlen(text));
	struct sq_avail a = { NULL, 0 };
	size_t bad, o = 0;
	const char *why;

	out[0] = '\0';
	if (sq_avail_parse(t, 2022, &S, &a, &bad, &why) < 0) {
		snprintf(out, sz, "ERR");
		free(t);
		sq_avail_free(&a);
		return out;
	}
	for (size_t i = 0; i < a.n; i++) {
		const struct sq_avail_item *it = &a.v[i];
		o += (size_t)snprintf(out + o, sz - o, "%s", i ? "; " : "");
		if (it->ds.wmask == 0 && it->ds.nd == 0)
			o += (size_t)snprintf(out + o, sz - o, "*");
		for (int d = 0; d < 7; d++)
			if (it->ds.wmask >> d & 1)
				o += (size_t)snprintf(out + o, sz - o, "%s",
				    dn[d]);
		for (int k = 0; k < it->ds.nd; k++) {
			char a1[11], a2[11];
			sq_date_from_days((int)it->ds.d1[k], a1);
			sq_date_from_days((int)it->ds.d2[k], a2);
			o += (size_t)snprintf(out + o, sz - o, "%s%s..%s",
			    k || it->ds.wmask ? "," : "", a1 + 5, a2 + 5);
		}
		o += (size_t)snprintf(out + o, sz - o, " %02ld:%02ld-%02ld:%02ld",
		    it->from / 60, it->from % 60, it->to / 60, it->to % 60);
	}
	free(t);
	sq_avail_free(&a);
	return out;
}

static const struct {
	const char *text, *want;
} cases[] = {
	/* the forms of the issue and of the sample's sign-up sheet */
	{ "18:00以后", "* 18:00-24:00" },
	{ "周一至周五 18:00以后", "MoTuWeThFr 18:00-24:00" },
	{ "晚上7点后", "* 19:00-24:00" },
	{ "上午", "* 08:00-12:00" },
	{ "周末全天", "SaSu 00:00-24:00" },
	{ "随时", "* 00:00-24:00" },
	{ "每天下午", "MoTuWeThFrSaSu 12:00-18:00" },
	{ "工作日 18:00-22:00", "MoTuWeThFr 18:00-22:00" },
	{ "7:00-11:00", "* 07:00-11:00" },
	{ "14:00-18:00", "* 14:00-18:00" },
	{ "全天", "* 00:00-24:00" },
	{ "白天", "* 08:00-18:00" },
	/* what the parser read before match/avail (golden cases too) */
	{ "周一至周五 8:00-12:00; 周末全天",
	  "MoTuWeThFr 08:00-12:00; SaSu 00:00-24:00" },
	{ "08:00-12:00,18:00-22:00", "* 08:00-12:00; * 18:00-22:00" },
	{ "周一、三、五 下午", "MoWeFr 12:00-18:00" },
	{ "夜间", "* 22:00-32:00" },
	{ "4月16日 全天", "04-16..04-16 00:00-24:00" },
	{ "每天 下午2点-6点", "MoTuWeThFrSaSu 14:00-18:00" },
	{ "22:00-06:00", "* 22:00-30:00" },
	{ "9-1", "* 09:00-13:00" },
	{ "晚上8点-12点", "* 20:00-24:00" },
	/* open ends */
	{ "18点以后", "* 18:00-24:00" },
	{ "下午3点之后", "* 15:00-24:00" },
	{ "19:00后", "* 19:00-24:00" },
	{ "从18:00开始", "* 18:00-24:00" },
	{ "晚上8:00起", "* 20:00-24:00" },
	{ "18:00以后都可以", "* 18:00-24:00" },
	{ "周末14点以后均可", "SaSu 14:00-24:00" },
	{ "10点前", "* 06:00-10:00" },
	{ "上午10点之前", "* 06:00-10:00" },
	{ "12:00以前", "* 06:00-12:00" },
	{ "凌晨5点前", "* 00:00-05:00" },
	{ "7点以后", "* 07:00-24:00" },		/* as written: 07:00 */
	{ "晚上七点以后", "* 19:00-24:00" },
	{ "十点半到十二点", "* 10:30-12:00" },
	/* days */
	{ "周1-周5 上午", "MoTuWeThFr 08:00-12:00" },
	{ "周一至五晚上", "MoTuWeThFr 18:00-24:00" },
	{ "周六、日", "SaSu 00:00-24:00" },
	{ "周六周日 上午", "SaSu 08:00-12:00" },
	{ "礼拜六礼拜天", "SaSu 00:00-24:00" },
	{ "周二四", "TuTh 00:00-24:00" },
	{ "节假日", "SaSu 00:00-24:00" },
	{ "平时晚上，周末白天", "MoTuWeThFr 18:00-24:00; SaSu 08:00-18:00" },
	{ "周7", "Su 00:00-24:00" },
	{ "4/12 9:00-11:00", "04-12..04-12 09:00-11:00" },
	{ "4月12日-4月14日", "04-12..04-14 00:00-24:00" },
	/* every day but */
	{ "除周三外", "MoTuThFrSaSu 00:00-24:00" },
	{ "除周三外每天下午", "MoTuThFrSaSu 12:00-18:00" },
	{ "除了周日", "MoTuWeThFrSa 00:00-24:00" },
	{ "周三除外", "MoTuThFrSaSu 00:00-24:00" },
	{ "除周末以外 晚上", "MoTuWeThFr 18:00-24:00" },
	{ "下午，周日不行", "MoTuWeThFrSa 12:00-18:00" },
	/* words around and notes */
	{ "周末有空", "SaSu 00:00-24:00" },
	{ "可以晚上", "* 18:00-24:00" },
	{ "周末全天（需提前通知）", "SaSu 00:00-24:00" },
	{ "晚上(视疫情而定)", "* 18:00-24:00" },
	{ "8点到12点之间", "* 08:00-12:00" },
	{ "时间不限", "* 00:00-24:00" },
	{ "随叫随到", "* 00:00-24:00" },
	{ "24小时", "* 00:00-24:00" },
	{ "下班后", "* 18:00-24:00" },
	{ "８：００－１２：００", "* 08:00-12:00" },
	/* named shifts of share/match/shifts.conf */
	{ "早班", "* 06:00-14:00" },
	{ "只上夜班", "* 22:00-30:00" },
	{ "白班", "* 08:00-16:00" },
	{ "周末早班", "SaSu 06:00-14:00" },
	/* refused, with a reason */
	{ "看情况", "ERR" },
	{ "待定", "ERR" },
	{ "周末看情况", "ERR" },
	{ "18:00", "ERR" },
	{ "除晚上外", "ERR" },
	{ "周三不可以", "MoTuThFrSaSu 00:00-24:00" },
	{ "不行", "ERR" },
	{ "24:00以后", "ERR" },
	{ "0点前", "ERR" },
	{ "4月", "ERR" },
	{ "", "" },
};

int
main(void)
{
	char got[1024];

	if (!CHECK(sq_shifts_load(&S, "share/match/shifts.conf") == 0) ||
	    !CHECK(sq_periods_load(&S, "share/match/periods.conf") == 0))
		UNIT_DONE();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_STR_CTX(show(cases[i].text, got, sizeof(got)),
		    cases[i].want, cases[i].text);

	/* the reason names the place */
	{
		char *t = sq_fold_lower("周一至周五 18:00", strlen(
		    "周一至周五 18:00"));
		struct sq_avail a = { NULL, 0 };
		size_t bad = 0;
		const char *why = NULL;
		CHECK(sq_avail_parse(t, 2022, &S, &a, &bad, &why) < 0);
		CHECK_STR(t + bad, "18:00");
		CHECK(why != NULL && strstr(why, "18:00以后") != NULL);
		sq_avail_free(&a);
		free(t);
	}
	/* a date needs a year */
	{
		struct sq_avail a = { NULL, 0 };
		size_t bad;
		const char *why;
		char *t = sq_fold_lower("4月16日", strlen("4月16日"));
		CHECK(sq_avail_parse(t, 0, &S, &a, &bad, &why) < 0);
		sq_avail_free(&a);
		free(t);
	}
	/* expand and within: Monday 2022-04-11, after 18:00 */
	{
		struct sq_avail a = { NULL, 0 };
		size_t bad;
		const char *why;
		long *w, d = sq_date_days("2022-04-11");
		char *t = sq_fold_lower("周一 18:00以后", strlen("周一 18:00以后"));
		CHECK(sq_avail_parse(t, 2022, &S, &a, &bad, &why) == 0);
		size_t m = sq_avail_expand(&a, d - 1, d + 6, &w);
		CHECK_INT(m, 1);
		CHECK(sq_avail_within(w, m, d * 1440 + 18 * 60, d * 1440 +
		    22 * 60));
		CHECK(!sq_avail_within(w, m, d * 1440 + 17 * 60, d * 1440 +
		    19 * 60));
		CHECK(sq_avail_weekday(d) == 0);
		free(w);
		sq_avail_free(&a);
		free(t);
	}

	/* named shifts */
	{
		long a, b;
		const char *why;
		const struct sq_shift *sh = sq_shifts_find(&S, "夜班",
		    strlen("夜班"));
		if (CHECK(sh != NULL)) {
			CHECK_INT(sh->from, 22 * 60);
			CHECK_INT(sh->to, 30 * 60);
		}
		CHECK(sq_shift_range("06:00-14:00", 11, &a, &b, &why) == 0 &&
		    a == 360 && b == 840);
		CHECK(sq_shift_range("18:00-24:00", 11, &a, &b, &why) == 0 &&
		    a == 1080 && b == 1440);
		CHECK(sq_shift_range("6:00~14:00", 10, &a, &b, &why) == 0 &&
		    a == 360);
		CHECK(sq_shift_range("24:00-06:00", 11, &a, &b, &why) < 0);
		CHECK(sq_shift_range("06:00", 5, &a, &b, &why) < 0);
		CHECK(sq_shift_range("早上", strlen("早上"), &a, &b, &why) < 0);
		sq_shifts_add(&S, "ＸＹ班", 60, 120);
		CHECK(sq_shifts_find(&S, "xy班", strlen("xy班")) != NULL);
		size_t l;
		CHECK(sq_shifts_at(&S, "夜班(22:00-06:00)", strlen(
		    "夜班(22:00-06:00)"), 0, &l) != NULL && l == strlen("夜班"));
	}
	/* a bad settings line is refused with its line */
	{
		char path[] = "/tmp/sqshiftsXXXXXX";
		int fd = mkstemp(path);
		struct sq_shifts T = { NULL, 0, NULL, 0 };
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (CHECK(f != NULL)) {
			fputs("# x\n早班 = 06:00-14:00\n晚班 = 18点\n", f);
			fclose(f);
			fprintf(stderr, "(a message for line 3 is expected:)\n");
			CHECK(sq_shifts_load(&T, path) < 0);
			CHECK(sq_shifts_find(&T, "早班", strlen("早班")) != NULL);
			remove(path);
		}
		sq_shifts_free(&T);
	}
	/* the period words are data: a committee's own, and bad lines named */
	{
		struct sq_shifts T = { NULL, 0, NULL, 0 };
		if (!unit_scratch("test_avail"))
			UNIT_DONE();
		const char *p = unit_file("periods.conf", "# mine\n"
		    "午休后 = 14:00-17:00 pm\n饭点 = 11:00-13:00 noon any\n"
		    "午休后 = 14:30-17:00 pm\nDusk = 17:00-19:00\n");
		char got2[256];
		CHECK(sq_periods_load(&T, p) == 0 && T.np == 3);
		CHECK(T.p[0].from == 14 * 60 + 30 && T.p[0].kind == SQ_PERIOD_PM);
		CHECK(T.p[1].any == 1 && T.p[1].kind == SQ_PERIOD_NOON);
		CHECK(strcmp(T.p[2].word, "dusk") == 0);
		struct sq_shifts keep = S;
		S = T;
		CHECK_STR(show("周一午休后", got2, sizeof(got2)), "Mo 14:30-17:00");
		CHECK_STR(show("周二午休后3点到5点", got2, sizeof(got2)),
		    "Tu 15:00-17:00");
		CHECK_STR(show("周日 dusk", got2, sizeof(got2)), "Su 17:00-19:00");
		S = keep;
		sq_shifts_free(&T);
		static const char *const bad[] = { "上午 = 08:00-12:00 morning\n",
		    "上午 08:00-12:00\n", "上午 = 8点\n", "上午 = 24:00-06:00\n" };
		fprintf(stderr, "(4 messages for line 1 are expected:)\n");
		for (size_t i = 0; i < 4; i++) {
			struct sq_shifts B = { NULL, 0, NULL, 0 };
			CHECK(sq_periods_load(&B, unit_file("bad.conf", bad[i])) < 0);
			sq_shifts_free(&B);
		}
		CHECK(sq_periods_load(&T, "/nonexistent/periods.conf") < 0);
		unit_scratch_done();
	}
	sq_shifts_free(&S);
	UNIT_DONE();
}
