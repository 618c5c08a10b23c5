/*
 * avail.h — when a volunteer can serve, read from what they wrote on the
 * sign-up form: "周一至周五 18:00以后；周末全天", "晚上7点后", "上午",
 * "08:00-12:00,18:00-22:00", "除周三外每天下午", "4月16日 全天", "随时".
 *
 * A text is clauses (split at ；;。 or where days follow a time), each
 * some days and some times of day:
 *   days	每天 工作日 周末 节假日 (weekend) 周一至周五 周一、三、五
 *		周二四 周1-周5 星期六 礼拜天 4月10日 4月10日-4月12日 4/10
 *		2022-04-10, English weekday names; 除周三外, 除了周日, 周三除外
 *		(every day but); none: every day
 *   times	8:00-12:00 8点-12点 8-12点 上午9点到11点半 晚上7点到9点
 *		22:00-06:00 (into the next day); 18:00以后 晚上7点后 从18点起
 *		19:00开始 (until 24:00); 10点前 12:00以前 (from 06:00, or
 *		from 00:00 for a time before 06:00); a named period (上午
 *		08:00-12:00, 下午 12:00-18:00, 晚上 18:00-24:00, 夜间
 *		22:00-08:00 ..., see sq-match(1)); a named shift of
 *		share/match/shifts.conf (早班, 夜班); a word for any time (全天
 *		随时 都可以 时间不限 24小时); none: the whole day
 * Words around them (可以 有空 时间 的 都 和 ...) and a note in brackets
 * that says no time ("（需提前通知）") are skipped; "都可以" after a time
 * is a word, not "any time".  A clock time is read as written (7点后 is
 * 07:00): 晚上7点 is 19:00.
 *
 * The text must be folded and lower case (sq_fold_lower).  Nothing here
 * keeps state; the named shifts are the caller's.
 */
#ifndef SQ_AVAIL_H
#define SQ_AVAIL_H

#include <stddef.h>

#include "shifts.h"

#define SQ_AVAIL_MAXDATES	8	/* date ranges in one clause */

/* the days of a clause: weekdays and date ranges; none set: every day */
struct sq_avail_days {
	int	 wmask;			/* bit 0 Monday .. bit 6 Sunday */
	int	 nd;
	long	 d1[SQ_AVAIL_MAXDATES], d2[SQ_AVAIL_MAXDATES];	/* days */
};

struct sq_avail_item {
	struct sq_avail_days ds;
	long	 from, to;		/* minutes of the day; to <= 2880 */
};

struct sq_avail {
	struct sq_avail_item *v;
	size_t	 n;
};

/*
 * Parse a text (folded, lower case); year is for dates written without
 * one (0: such a date is refused).  0 with the windows added to *a (maybe
 * none: the text names no time), or -1 with *bad the offset in s where
 * reading stopped and *why what to do.  Free *a either way.
 */
int	 sq_avail_parse(const char *s, int year, const struct sq_shifts *named,
	    struct sq_avail *a, size_t *bad, const char **why);
void	 sq_avail_free(struct sq_avail *);

/* Weekday of a day since 1970: 0 Monday .. 6 Sunday. */
int	 sq_avail_weekday(long day);

/*
 * The absolute windows (minutes since 1970) over days d0..d1, sorted and
 * merged, as from,to pairs in *out (malloc'd); their number.
 */
size_t	 sq_avail_expand(const struct sq_avail *, long d0, long d1, long **out);

/* Is [a, b) inside one of the merged windows w[0, n)? */
int	 sq_avail_within(const long *w, size_t n, long a, long b);

#endif
