/*
 * words.c — the words and times people write: a status, an event
 * (assigned, 已派单 ...), a time 'YYYY-MM-DD HH:MM' in minutes.
 */
#include "requests.h"

const char *const status_names[NSTATUS] = {
	"new", "assigned", "responded", "solved", "closed", "reopened",
};

/* What people write for an event, or for a status in a requests sheet. */
static const struct { const char *word; int ev; } event_words[] = {
	{ "assigned", EV_ASSIGNED }, { "assign", EV_ASSIGNED },
	{ "分派", EV_ASSIGNED }, { "已分派", EV_ASSIGNED },
	{ "派单", EV_ASSIGNED }, { "已派单", EV_ASSIGNED },
	{ "指派", EV_ASSIGNED }, { "交办", EV_ASSIGNED },
	{ "转交", EV_ASSIGNED }, { "接单", EV_ASSIGNED },
	{ "受理", EV_ASSIGNED }, { "已受理", EV_ASSIGNED },
	{ "responded", EV_RESPONDED }, { "respond", EV_RESPONDED },
	{ "响应", EV_RESPONDED }, { "已响应", EV_RESPONDED },
	{ "回复", EV_RESPONDED }, { "已回复", EV_RESPONDED },
	{ "已联系", EV_RESPONDED }, { "联系", EV_RESPONDED },
	{ "处理中", EV_RESPONDED }, { "跟进", EV_RESPONDED },
	{ "solved", EV_SOLVED }, { "resolved", EV_SOLVED },
	{ "done", EV_SOLVED }, { "解决", EV_SOLVED }, { "已解决", EV_SOLVED },
	{ "办结", EV_SOLVED }, { "已办结", EV_SOLVED }, { "完成", EV_SOLVED },
	{ "已完成", EV_SOLVED }, { "已处理", EV_SOLVED },
	{ "feedback", EV_FEEDBACK }, { "反馈", EV_FEEDBACK },
	{ "已反馈", EV_FEEDBACK }, { "回访", EV_FEEDBACK },
	{ "已回访", EV_FEEDBACK }, { "评价", EV_FEEDBACK },
	{ "closed", EV_CLOSED }, { "close", EV_CLOSED }, { "关闭", EV_CLOSED },
	{ "已关闭", EV_CLOSED }, { "结案", EV_CLOSED }, { "撤销", EV_CLOSED },
	{ "取消", EV_CLOSED }, { "重复", EV_CLOSED },
	{ "reopened", EV_REOPENED }, { "reopen", EV_REOPENED },
	{ "重开", EV_REOPENED }, { "重新打开", EV_REOPENED },
	{ "未解决", EV_REOPENED }, { "不满意", EV_REOPENED },
};

/* "YYYY-MM-DD HH:MM" (and the forms sq_date_parse/sq_time_parse read). */
long
parse_when(const char *p, size_t len, int year, const char **why)
{
	char ymd[11], hm[6];

	if (sq_date_parse(p, len, year, ymd, why) != SQ_VAL_OK)
		return NO_TIME;
	if (sq_time_parse(p, len, hm, why) != SQ_VAL_OK) {
		*why = "no time of day; write it as 2022-04-10 08:30";
		return NO_TIME;
	}
	return (long)sq_date_days(ymd) * 1440 + atoi(hm) * 60 + atoi(hm + 3);
}

void
fmt_when(long t, char out[17])
{
	char ymd[11];
	long d = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	long m = t - d * 1440;

	char buf[48];

	sq_date_from_days((int)d, ymd);
	snprintf(buf, sizeof(buf), "%s %02d:%02d", ymd, (int)(m / 60),
	    (int)(m % 60));
	snprintf(out, 17, "%.16s", buf);
}

int
year_of(long t)
{
	char out[17];

	fmt_when(t, out);
	return atoi(out);
}

int
word_is(const char *p, size_t len, const char *w)
{
	char buf[64];
	size_t n;

	if (len >= sizeof(buf))
		return 0;
	n = sq_classify_fold(p, len, buf, sizeof(buf));
	return strlen(w) == n && memcmp(buf, w, n) == 0;
}

int
event_of(const char *p, size_t len)
{
	for (size_t i = 0; i < sizeof(event_words) / sizeof(event_words[0]); i++)
		if (word_is(p, len, event_words[i].word))
			return event_words[i].ev;
	return -1;
}

long
now_default(void)
{
	char ymd[11];
	int minute;
	int days = sq_date_today(ymd, &minute);

	return (long)days * 1440 + minute;
}
