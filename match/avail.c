/*
 * avail.c — availability as volunteers write it (see avail.h).
 *
 * One pass over the folded text: at each place the longest reading of
 * days, a date, a clock time (with what follows it: a range, 以后, 以前),
 * a period word, a named shift or a word to skip.  Days open a set that
 * the times after them apply to; days after a time start a new set.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "avail.h"
#include "diag.h"
#include "text.h"
#include "value.h"

#define DAYMIN		SQ_DAYMIN
#define DAY_START	(6 * 60)	/* "10点前": from 06:00 */
#define DAY_END		DAYMIN		/* "18:00以后": until 24:00 */

int
sq_avail_weekday(long day)
{
	return (int)(((day % 7) + 7 + 3) % 7);	/* 1970-01-01 was Thursday */
}

static int
isalnum_ascii(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static size_t
skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* a whole ASCII word at s[i] from a list */
static size_t
at_word(const char *s, size_t n, size_t i, const char *const *words, int *which)
{
	if (i > 0 && isalnum_ascii((unsigned char)s[i - 1]))
		return 0;
	for (int k = 0; words[k]; k++) {
		size_t l = sq_at(s, n, i, words[k]);
		if (l && (i + l >= n || !isalpha((unsigned char)s[i + l]))) {
			*which = k;
			return l;
		}
	}
	return 0;
}

/* ---- days ------------------------------------------------------------- */

static const char *const cn_days[] = { "一", "二", "三", "四", "五", "六",
	"日", "天", "七", NULL };

/* bare weekday numeral at s[i]: 0..6 (Monday..Sunday), length in *l */
static int
day_numeral(const char *s, size_t n, size_t i, size_t *l)
{
	int k;

	if ((*l = sq_at_any(s, n, i, cn_days, &k)) == 0)
		return -1;
	return k >= 6 ? 6 : k;
}

/* One weekday at s[i] ("周三", "星期日", "周3", "wed"); 0..6, or -1. */
static int
one_day(const char *s, size_t n, size_t i, size_t *len)
{
	static const char *const pre[] = { "星期", "礼拜", "周", "週", NULL };
	static const char *const en[] = { "monday", "mon", "tuesday", "tues",
	    "tue", "wednesday", "wed", "thursday", "thurs", "thur", "thu",
	    "friday", "fri", "saturday", "sat", "sunday", "sun", NULL };
	static const int enday[] = { 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4,
	    5, 5, 6, 6 };
	size_t l, l2;
	int k, d;

	if ((l = sq_at_any(s, n, i, pre, NULL)) != 0) {
		if ((d = day_numeral(s, n, i + l, &l2)) >= 0) {
			*len = l + l2;
			return d;
		}
		/* 周1..周7, one digit on its own ("周12点" is no weekday) */
		if (i + l < n && s[i + l] >= '1' && s[i + l] <= '7' &&
		    (i + l + 1 >= n || !isdigit((unsigned char)s[i + l + 1]))) {
			*len = l + 1;
			return s[i + l] - '1';
		}
	}
	if ((l = at_word(s, n, i, en, &k)) != 0) {
		*len = l;
		return enday[k];
	}
	return -1;
}

static const char *const range_seps[] = { "至", "到", "-", "~", "～", "—",
	"〜", "to", NULL };

/*
 * Weekdays at s[i]: 每天, 工作日, 周末, 周一至周五, 周一、三、五, 周二四 ...
 * The mask (0: none here) and its length in *len.
 */
static int
days_at(const char *s, size_t n, size_t i, size_t *len)
{
	static const char *const all[] = { "每天", "每日", "天天", "全周",
	    "一周七天", "daily", "everyday", "every day", NULL };
	static const char *const wkdays[] = { "工作日", "平日", "平时",
	    "weekdays", "weekday", "workdays", NULL };
	static const char *const wkend[] = { "周末", "双休日", "双休", "节假日",
	    "weekends", "weekend", NULL };
	size_t l;
	int mask = 0;

	*len = 0;
	if ((l = sq_at_any(s, n, i, all, NULL)) != 0)
		mask = 0x7f;
	else if ((l = sq_at_any(s, n, i, wkend, NULL)) != 0)
		mask = 0x60;
	else if ((l = sq_at_any(s, n, i, wkdays, NULL)) != 0)
		mask = 0x1f;
	else {
		int d = one_day(s, n, i, &l);
		if (d < 0)
			return 0;
		size_t j = skip_spaces(s, n, i + l), l2, l3;
		int d2 = -1;
		if ((l2 = sq_at_any(s, n, j, range_seps, NULL)) != 0) {
			size_t j2 = skip_spaces(s, n, j + l2);
			if ((d2 = one_day(s, n, j2, &l3)) < 0)
				d2 = day_numeral(s, n, j2, &l3);
			if (d2 >= 0)
				l = j2 + l3 - i;
		}
		if (d2 >= 0)
			for (int x = d;; x = (x + 1) % 7) {
				mask |= 1 << x;
				if (x == d2)
					break;
			}
		else {
			mask = 1 << d;
			/* 周一、三、五 / 周二四 / 周一和三 */
			for (;;) {
				static const char *const lsep[] = { "、", ",",
				    "和", NULL };
				size_t j3 = i + l, l4, l5;
				l4 = sq_at_any(s, n, j3, lsep, NULL);
				int d3 = day_numeral(s, n, j3 + l4, &l5);
				if (d3 < 0)
					break;
				mask |= 1 << d3;
				l = j3 + l4 + l5 - i;
			}
		}
	}
	*len = l;
	return mask;
}

/* ---- dates ------------------------------------------------------------ */

/*
 * A date at s[i]: 2022-04-10, 2022/4/10, 2022年4月10日, 4月10日, 4/10
 * (year from `year`; 10日 alone with month_hint, after a first date).
 * Days since 1970, or SQ_DATE_INVALID (len 0) if none.
 */
static long
one_date(const char *s, size_t n, size_t i, int year, int month_hint,
    size_t *len, int *month)
{
	size_t j = i, nd;
	long y = year, m, d;
	char ymd[11];

	*len = 0;
	long a = sq_digits_at(s, n, j, &nd);
	if (nd == 0)
		return SQ_DATE_INVALID;
	j += nd;
	if (nd == 4 && j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
		char sep = s[j];
		y = a;
		m = sq_digits_at(s, n, ++j, &nd);
		if (nd == 0 || nd > 2 || j + nd >= n || s[j + nd] != sep)
			return SQ_DATE_INVALID;
		j += nd + 1;
		d = sq_digits_at(s, n, j, &nd);
		if (nd == 0 || nd > 2)
			return SQ_DATE_INVALID;
		j += nd;
	} else if (nd <= 2 && j < n && s[j] == '/' && year > 0) {
		/* 4/10: month first, as sq_date_parse reads it */
		m = a;
		d = sq_digits_at(s, n, j + 1, &nd);
		if (nd == 0 || nd > 2 || (j + 1 + nd < n &&
		    (s[j + 1 + nd] == '/' || isdigit((unsigned char)
		    s[j + 1 + nd]))))
			return SQ_DATE_INVALID;
		j += 1 + nd;
	} else {
		size_t l;
		if (nd == 4 && (l = sq_at(s, n, j, "年")) != 0) {
			y = a;
			j += l;
			a = sq_digits_at(s, n, j, &nd);
			if (nd == 0)
				return SQ_DATE_INVALID;
			j += nd;
		}
		if ((l = sq_at(s, n, j, "月")) != 0) {
			m = a;
			j += l;
			d = sq_digits_at(s, n, j, &nd);
			if (nd == 0)
				return SQ_DATE_INVALID;
			j += nd;
		} else if (month_hint > 0 && nd <= 2 &&
		    (sq_at(s, n, j, "日") || sq_at(s, n, j, "号"))) {
			m = month_hint;
			d = a;
		} else
			return SQ_DATE_INVALID;
		if ((l = sq_at(s, n, j, "日")) != 0 ||
		    (l = sq_at(s, n, j, "号")) != 0)
			j += l;
	}
	if (y <= 0)
		return SQ_DATE_INVALID;
	if (snprintf(ymd, sizeof(ymd), "%04ld-%02ld-%02ld", y, m, d) != 10)
		return SQ_DATE_INVALID;
	int days = sq_date_days(ymd);
	if (days == SQ_DATE_INVALID)
		return SQ_DATE_INVALID;
	*len = j - i;
	*month = (int)m;
	return days;
}

/* ---- times of day ----------------------------------------------------- */

/* the period words: share/match/periods.conf, in the shifts' struct */
enum { P_NONE = SQ_PERIOD_NONE, P_AM = SQ_PERIOD_AM, P_NOON = SQ_PERIOD_NOON,
	P_PM = SQ_PERIOD_PM };

static const struct sq_period *
period_at(const struct sq_shifts *W, const char *s, size_t n, size_t i,
    size_t *len)
{
	const struct sq_period *best = NULL;

	*len = 0;
	for (size_t k = 0; W && k < W->np; k++) {
		const struct sq_period *p = &W->p[k];
		size_t l = sq_at(s, n, i, p->word);
		if (l > *len) {
			if (isalpha((unsigned char)p->word[0]) && ((i > 0 &&
			    isalpha((unsigned char)s[i - 1])) || (i + l < n &&
			    isalpha((unsigned char)s[i + l]))))
				continue;
			*len = l;
			best = p;
		}
	}
	return best;
}

/* an hour in Chinese numerals before 点/时 ("七点", "十二点"): -1 if none */
static long
cn_hour(const char *s, size_t n, size_t i, size_t *len)
{
	size_t used;
	long v = sq_cn_number(s + i, n - i, &used);

	*len = 0;
	if (v < 0 || v > 24 || !(sq_at(s, n, i + used, "点") ||
	    sq_at(s, n, i + used, "时")))
		return -1;
	*len = used;
	return v;
}

static int
hour_starts(const char *s, size_t n, size_t k)
{
	size_t l;

	return k < n && (isdigit((unsigned char)s[k]) || cn_hour(s, n, k, &l) >= 0);
}

/*
 * A time of day at s[i]: [period] H[:MM | 点[MM[分]|半|整][钟]] [am|pm].
 * Minutes (0..1440), or -1; *kind the period written (P_NONE if none),
 * *colon whether the minutes were written.
 */
static long
one_time(const struct sq_shifts *W, const char *s, size_t n, size_t i,
    size_t *len, int *kind, int *colon)
{
	size_t j = i, nd, l;
	const struct sq_period *p;
	long h, m = 0;
	int explicit_min = 0;

	*kind = P_NONE;
	*len = 0;
	*colon = 0;
	if ((p = period_at(W, s, n, j, &l)) != NULL && p->kind != P_NONE) {
		size_t k = skip_spaces(s, n, j + l);
		if (hour_starts(s, n, k)) {
			*kind = p->kind;
			j = k;
		}
	}
	h = sq_digits_at(s, n, j, &nd);
	if (nd == 0) {
		if ((h = cn_hour(s, n, j, &nd)) < 0)
			return -1;
	} else if (nd > 2)
		return -1;
	j += nd;
	if (j < n && (s[j] == '/' || sq_at(s, n, j, "月")))
		return -1;		/* 上午 4/16: a date follows */
	if (j < n && s[j] == ':') {
		m = sq_digits_at(s, n, j + 1, &nd);
		if (nd != 2)
			return -1;
		j += 1 + nd;
		explicit_min = 1;
	} else if ((l = sq_at(s, n, j, "点")) != 0 ||
	    (l = sq_at(s, n, j, "时")) != 0) {
		j += l;
		if ((l = sq_at(s, n, j, "半")) != 0) {
			m = 30;
			j += l;
		} else if ((l = sq_at(s, n, j, "整")) != 0)
			j += l;
		else {
			long mm = sq_digits_at(s, n, j, &nd);
			if (nd > 0 && nd <= 2) {
				m = mm;
				j += nd;
				if ((l = sq_at(s, n, j, "分")) != 0)
					j += l;
			}
		}
		if ((l = sq_at(s, n, j, "钟")) != 0)
			j += l;
	}
	*colon = explicit_min;
	size_t k = skip_spaces(s, n, j);
	if (k + 1 < n && (s[k] == 'a' || s[k] == 'p') && s[k + 1] == 'm' &&
	    (k + 2 >= n || !isalpha((unsigned char)s[k + 2]))) {
		*kind = s[k] == 'a' ? P_AM : P_PM;
		j = k + 2;
	}
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	if (*kind == P_PM && h < 12)
		h += 12;
	else if (*kind == P_NOON && h <= 3)
		h += 12;
	else if (*kind == P_AM && h == 12)
		h = 0;
	*len = j - i;
	return h * 60 + m;
}

/*
 * The end of a range, read with its start: t1 with the period k1 and
 * minutes written (c1) or not, t2 likewise.
 */
static long
range_end(long t1, int k1, int c1, long t2, int k2, int c2)
{
	if (k2 == P_NONE && t2 < 12 * 60 && t2 + 12 * 60 > t1 &&
	    (k1 == P_PM || (k1 == P_NOON && t2 <= 180)))
		t2 += 12 * 60;		/* 下午2点-6点: 18:00 */
	else if (k2 == P_NONE && k1 == P_PM && t2 == 12 * 60)
		t2 = DAYMIN;		/* 晚上8点-12点: midnight */
	/* 9-1, 上午11:00-4点半, 早上8:00-2点: the end is in the afternoon;
	   22:00-06:00 and 22:00-6点 go past midnight */
	if (t2 <= t1 && t2 < 12 * 60 && t2 + 12 * 60 > t1 && k2 == P_NONE &&
	    (!c2 || k1 != P_NONE) && (!c1 || !c2 || k1 != P_NONE))
		t2 += 12 * 60;
	if (t2 <= t1)
		t2 += DAYMIN;		/* past midnight */
	return t2;
}

/* ---- the text --------------------------------------------------------- */

/*
 * A note in brackets opening at s[i]: the length of the opening bracket,
 * and in *end where the note ends (past its closing bracket, or the end
 * of the text); 0 if none opens here.
 */
static size_t
bracket_at(const char *s, size_t n, size_t i, size_t *end)
{
	static const char *const open[] = { "(", "（", "【", "[", "「", NULL };
	static const char *const close[] = { ")", "）", "】", "]", "」", NULL };
	int k;
	size_t l = sq_at_any(s, n, i, open, &k);

	if (l == 0)
		return 0;
	const char *e = sq_memfind(s + i + l, n - i - l, close[k],
	    strlen(close[k]));
	*end = e ? (size_t)(e - s) + strlen(close[k]) : n;
	return l;
}

/* Except the days of mask from the items [first, a->n); drop what is left
   with no day */
static void
except_items(struct sq_avail *a, size_t first, int mask)
{
	size_t m = first;

	for (size_t x = first; x < a->n; x++) {
		struct sq_avail_days *d = &a->v[x].ds;
		if (d->wmask == 0 && d->nd == 0)
			d->wmask = 0x7f;
		d->wmask &= ~mask;
		if (d->wmask != 0 || d->nd != 0)
			a->v[m++] = a->v[x];
	}
	a->n = m;
}

static void
avail_add(struct sq_avail *a, const struct sq_avail_days *ds, int excl,
    long from, long to)
{
	a->v = sq_xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	a->v[a->n].ds = *ds;
	a->v[a->n].from = from;
	a->v[a->n].to = to;
	a->n++;
	if (excl)
		except_items(a, a->n - 1, excl);
}

/*
 * What the parser knows at a place: the days being given (open until a
 * time comes), whether a time was given for them, and the days of the
 * clause before (a clause of times alone keeps them: "周末 上午；晚上").
 */
struct state {
	struct sq_avail *a;
	struct sq_avail_days ds;
	int	 excl;		/* days excepted from ds */
	int	 open;		/* days given, no time yet for them */
	int	 win;		/* a time given for the days */
	int	 days;		/* this clause gave days */
	size_t	 first;		/* the clause's first item */
	struct sq_avail_days prev;
	int	 prev_excl, have_prev;
};

/* days follow: a new set unless one is open */
static void
open_days(struct state *S)
{
	if (!S->open) {
		memset(&S->ds, 0, sizeof(S->ds));
		S->excl = 0;
		S->open = 1;
		S->win = 0;
	}
	S->days = 1;
}

/* a time for the days given (or those of the clause before) */
static void
window(struct state *S, long from, long to)
{
	if (S->days || !S->have_prev)
		avail_add(S->a, &S->ds, S->excl, from, to);
	else
		avail_add(S->a, &S->prev, S->prev_excl, from, to);
	S->open = 0;
	S->win = 1;
}

static void
end_clause(struct state *S)
{
	if (S->open)
		window(S, 0, DAYMIN);	/* days alone: the whole day */
	if (S->days) {
		S->prev = S->ds;
		S->prev_excl = S->excl;
		S->have_prev = 1;
	}
	memset(&S->ds, 0, sizeof(S->ds));
	S->excl = S->open = S->win = S->days = 0;
	S->first = S->a->n;
}

int
sq_avail_parse(const char *s, int year, const struct sq_shifts *named,
    struct sq_avail *a, size_t *bad, const char **why)
{
	static const char *const filler[] = { "以及", "可以", "有空", "空闲",
	    "有时间", "时间", "时段", "之间", "左右", "均", "都", "可", "的",
	    "在", "能", "和", "及", "与", "或", "每", "从", "也", "就", "只",
	    "仅", "上", "and", "or", "&", "+", "、", ",", "/", "|", "，", ":",
	    ")", "）", "】", "]", "」", NULL };
	static const char *const clause_end[] = { ";", "；", "。", "\n",
	    "\r", NULL };
	static const char *const vague[] = { "看情况", "视情况", "待定",
	    "不确定", "不一定", "到时候", "再说", "另行通知", "电话联系",
	    "看安排", "看工作安排", "不固定", "tbd", NULL };
	static const char *const except_pre[] = { "除了", "除", "except", NULL };
	static const char *const except_post[] = { "除外", "以外", "之外", "外",
	    NULL };
	static const char *const except_tail[] = { "除外", "不行", "不可以",
	    "没空", "不方便", "没时间", NULL };
	static const char *const negation[] = { "不", "not", "no ", NULL };
	static const char *const after[] = { "及以后", "以后", "之后", "往后",
	    "开始", "起", "后", "onwards", "after", NULL };
	static const char *const before[] = { "以前", "之前", "前", "before",
	    NULL };
	size_t n = strlen(s), i = 0, l, note_end = 0;
	struct state S;

	memset(&S, 0, sizeof(S));
	S.a = a;
	S.first = a->n;
	*why = NULL;
	while (i <= n) {
		i = skip_spaces(s, n, i);
		if (i >= n || (l = sq_at_any(s, n, i, clause_end, NULL)) != 0) {
			end_clause(&S);
			if (i >= n)
				break;
			i += l;
			continue;
		}
		if ((l = bracket_at(s, n, i, &note_end)) != 0) {
			i += l;
			continue;
		}
		if (i >= note_end && sq_at_any(s, n, i, vague, NULL)) {
			*bad = i;
			*why = "gives no time; ask when they can come and write "
			    "it, e.g. '周一至周五 18:00以后'";
			return -1;
		}
		/* every day but some, for what follows: 除周三外, 除了周日 */
		if ((l = sq_at_any(s, n, i, except_pre, NULL)) != 0) {
			size_t j = skip_spaces(s, n, i + l), dl;
			int m = days_at(s, n, j, &dl);
			if (m == 0) {
				*bad = i;
				*why = "only days can be excepted ('除周三外'); "
				    "list the times instead";
				return -1;
			}
			j += dl;
			i = j + sq_at_any(s, n, j, except_post, NULL);
			open_days(&S);
			S.excl |= m;
			continue;
		}
		/* days */
		int mask = days_at(s, n, i, &l);
		if (mask) {
			size_t j = skip_spaces(s, n, i + l), tl;
			if ((tl = sq_at_any(s, n, j, except_tail, NULL)) != 0) {
				/* 周三除外, 周日不行: of what came before */
				i = j + tl;
				if (!S.open && a->n > S.first) {
					except_items(a, S.first, mask);
					continue;
				}
				open_days(&S);
				S.excl |= mask;
				continue;
			}
			open_days(&S);
			S.ds.wmask |= mask;
			i += l;
			continue;
		}
		/* dates */
		int month;
		long d1 = one_date(s, n, i, year, 0, &l, &month);
		if (d1 != SQ_DATE_INVALID || (l == 0 && isdigit((unsigned char)
		    s[i]) && year == 0 && (sq_at(s, n, i + 1, "月") ||
		    sq_at(s, n, i + 2, "月")))) {
			if (d1 == SQ_DATE_INVALID) {
				*bad = i;
				*why = "a date without a year";
				return -1;
			}
			long d2 = d1;
			size_t j = skip_spaces(s, n, i + l), l2, l3;
			int m2;
			if ((l2 = sq_at_any(s, n, j, range_seps, NULL)) != 0) {
				size_t j2 = skip_spaces(s, n, j + l2);
				long de = one_date(s, n, j2, year, month, &l3,
				    &m2);
				if (de != SQ_DATE_INVALID && de >= d1) {
					d2 = de;
					l = j2 + l3 - i;
				}
			}
			open_days(&S);
			if (S.ds.nd == SQ_AVAIL_MAXDATES) {
				*bad = i;
				*why = "too many dates in one part; split it "
				    "with ';'";
				return -1;
			}
			S.ds.d1[S.ds.nd] = d1;
			S.ds.d2[S.ds.nd] = d2;
			S.ds.nd++;
			i += l;
			continue;
		}
		/* a clock time, or a period word, whichever reads more */
		int k1, k2, c1, c2;
		size_t l1, lp;
		long t1 = one_time(named, s, n, i, &l1, &k1, &c1);
		const struct sq_period *p = period_at(named, s, n, i, &lp);
		if (t1 >= 0 && (p == NULL || l1 > lp)) {
			size_t j = skip_spaces(s, n, i + l1), l2, lt2;
			long from = t1, to;
			if ((l2 = sq_at_any(s, n, j, range_seps, NULL)) != 0) {
				j = skip_spaces(s, n, j + l2);
				long t2 = one_time(named, s, n, j, &lt2, &k2, &c2);
				if (t2 < 0) {
					*bad = j;
					*why = "the end of the range is not a time";
					return -1;
				}
				to = range_end(t1, k1, c1, t2, k2, c2);
				j += lt2;
			} else if ((l2 = sq_at_any(s, n, j, after, NULL)) != 0) {
				to = DAY_END;		/* 18:00以后 */
				j += l2;
				if (t1 >= DAY_END) {
					*bad = i;
					*why = "nothing is left of the day after "
					    "24:00";
					return -1;
				}
			} else if ((l2 = sq_at_any(s, n, j, before, NULL)) != 0) {
				from = t1 > DAY_START ? DAY_START : 0;
				to = t1;		/* 10点前 */
				j += l2;
				if (t1 == 0) {
					*bad = i;
					*why = "nothing of the day is before 0:00";
					return -1;
				}
			} else {
				*bad = i;
				*why = "a time without an end; write a range "
				    "like 8:00-12:00, or 18:00以后";
				return -1;
			}
			if (from == DAYMIN) {
				*bad = i;
				*why = "a range cannot start at 24:00";
				return -1;
			}
			window(&S, from, to);
			i = j;
			continue;
		}
		if (p) {
			if (!(p->any && S.win))	/* "18:00以后都可以" */
				window(&S, p->from, p->to);
			i += lp;
			continue;
		}
		const struct sq_shift *sh = sq_shifts_at(named, s, n, i, &l);
		if (sh) {
			window(&S, sh->from, sh->to);
			i += l;
			continue;
		}
		if ((l = sq_at_any(s, n, i, filler, NULL)) != 0) {
			i += l;
			continue;
		}
		if (i < note_end) {		/* a note: （需提前通知） */
			i = note_end;
			continue;
		}
		*bad = i;
		*why = sq_at_any(s, n, i, negation, NULL) ? "exceptions cannot "
		    "be read but of days ('除周三外'); list the days instead" :
		    "cannot read this; write e.g. '周一至周五 8:00-12:00; "
		    "周末全天'";
		return -1;
	}
	return 0;
}

void
sq_avail_free(struct sq_avail *a)
{
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

static int
ds_has(const struct sq_avail_days *ds, long day)
{
	if (ds->wmask == 0 && ds->nd == 0)
		return 1;
	if (ds->wmask & (1 << sq_avail_weekday(day)))
		return 1;
	for (int k = 0; k < ds->nd; k++)
		if (day >= ds->d1[k] && day <= ds->d2[k])
			return 1;
	return 0;
}

static int
cmp_long2(const void *a, const void *b)
{
	const long *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

size_t
sq_avail_expand(const struct sq_avail *a, long d0, long d1, long **out)
{
	size_t n = 0, cap = 0;
	long *w = NULL;

	for (long d = d0; d <= d1; d++)
		for (size_t k = 0; k < a->n; k++) {
			if (!ds_has(&a->v[k].ds, d))
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				w = sq_xrealloc(w, 2 * cap * sizeof(*w));
			}
			w[2 * n] = d * DAYMIN + a->v[k].from;
			w[2 * n + 1] = d * DAYMIN + a->v[k].to;
			n++;
		}
	if (n > 1)
		qsort(w, n, 2 * sizeof(*w), cmp_long2);
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		if (m > 0 && w[2 * k] <= w[2 * m - 1]) {
			if (w[2 * k + 1] > w[2 * m - 1])
				w[2 * m - 1] = w[2 * k + 1];
		} else {
			w[2 * m] = w[2 * k];
			w[2 * m + 1] = w[2 * k + 1];
			m++;
		}
	}
	*out = w;
	return m;
}

int
sq_avail_within(const long *w, size_t n, long a, long b)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {		/* first window ending after a */
		size_t mid = (lo + hi) / 2;
		if (w[2 * mid + 1] <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && w[2 * lo] <= a && b <= w[2 * lo + 1];
}
