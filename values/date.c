/*
 * date.c — dates and times as people type them (sq_date_parse,
 * sq_time_parse) and the day arithmetic the programs share.  Forms in
 * value.h.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cellscan.h"
#include "diag.h"
#include "value.h"

/* ---- dates ------------------------------------------------------------ */

static int
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(long y, long m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
days_from_civil(long y, long m, long d)
{
	long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void
civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static void
fmt_ymd(long y, long m, long d, char out[11])
{
	if (y < 0 || y > 9999) {
		memcpy(out, "0000-00-00", 11);
		return;
	}
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Excel's day 0 is 1899-12-30 (day 60 is its fictitious 1900-02-29). */
#define EXCEL_EPOCH	25569L	/* serial of 1970-01-01 */
#define EXCEL_MIN	20000L
#define EXCEL_MAX	80000L

/* A date separator: '-', '/', '.' or 年 (kind 'y') or 月 (kind 'm'). */
static int
date_sep(struct sc *s)
{
	struct sc t = *s;
	int c;

	sc_sp(&t);
	c = sc_peek(&t);
	if (c == '-' || c == '/' || c == '.')
		t.p++;
	else if (sc_lit(&t, "年"))
		c = 'y';
	else if (sc_lit(&t, "月"))
		c = 'm';
	else
		return 0;
	sc_sp(&t);
	*s = t;
	return c;
}

/* 日 or 号 after the day, maybe after a space. */
static void
day_mark(struct sc *s)
{
	struct sc t = *s;

	sc_sp(&t);
	if (sc_lit(&t, "日") || sc_lit(&t, "号"))
		*s = t;
}

static const char msg_nottime[] = "not a time; write it as 8:30";
static const char msg_notdate[] = "not a date; write it as 2022-04-01";
static const char msg_ambig[] =
    "day/month order or two-digit year is ambiguous; write it as 2022-04-01";

/*
 * The date at the start of s, up to its last digit or 日/号: year, month,
 * day unchecked against the calendar.  0, or -1 with why.
 */
static int
date_core(struct sc *s, int defyear, long *y, long *m, long *d,
    const char **why)
{
	long a, b, x;
	int na, nb, sep, sep2;

	na = sc_num(s, &a);
	if (na == 8) {
		*y = a / 10000;
		*m = a / 100 % 100;
		*d = a % 100;
		return 0;
	}
	if (na == 5) {
		/* Excel serial, maybe with a time fraction */
		if (sc_lit(s, ".") && sc_num(s, &x) == 0)
			goto bad;
		if (a < EXCEL_MIN || a > EXCEL_MAX) {
			*why = _("not a date (an Excel date number is 20000 to "
			    "80000)");
			return -1;
		}
		civil_from_days(a - EXCEL_EPOCH, y, m, d);
		return 0;
	}
	if (na != 4 && na != 1 && na != 2)
		goto bad;
	sep = date_sep(s);
	if (sep == 0 || (sep == 'm' && na == 4))
		goto bad;
	if (sep == 'y' && na != 4) {
		*why = msg_ambig;
		return -1;
	}
	nb = sc_num(s, &b);
	if (nb < 1 || nb > 2)
		goto bad;
	if (na == 4) {
		*y = a;
		*m = b;
		sep2 = date_sep(s);
		if (sep2 == 0 && sc_eof(s)) {
			*why = _("no day; write it as 2022-04-01");
			return -1;
		}
		if (sep == 'y' ? sep2 != 'm' : sep2 != sep) {
			*why = sep2 == 0 ? msg_notdate :
			    "mixed separators; write it as 2022-04-01";
			return -1;
		}
		if ((nb = sc_num(s, d)) < 1 || nb > 2) {
			if (nb == 0 && sc_eof(s) && sep == 'y') {
				*why = _("no day; write it as 2022-04-01");
				return -1;
			}
			goto bad;
		}
		if (sep == 'y')
			day_mark(s);
		return 0;
	}
	/* month first, no year */
	*m = a;
	*d = b;
	if (sep == 'm')
		day_mark(s);
	else {
		struct sc t = *s;

		if (date_sep(&t) == sep && sc_num(&t, &x) > 0) {
			*why = msg_ambig;
			return -1;
		}
	}
	if (defyear == 0) {
		*why = _("no year; give --date");
		return -1;
	}
	*y = defyear;
	return 0;
bad:
	*why = msg_notdate;
	return -1;
}

static int
time_core(struct sc *s, long *h, long *mi, const char **why);

/* "（周五）", "星期五", "礼拜五" after a date. */
static void
weekday(struct sc *s)
{
	static const char *const w[] = { "星期", "礼拜", "周", NULL };
	static const char *const d[] = { "一", "二", "三", "四", "五", "六",
	    "日", "天", NULL };
	struct sc t = *s;
	int paren;

	sc_sp(&t);
	paren = sc_lit(&t, "(");
	if (sc_oneof(&t, w) < 0 || sc_oneof(&t, d) < 0)
		return;
	if (paren && !sc_lit(&t, ")"))
		return;
	*s = t;
}

/* After a date: nothing, a weekday, a time.  0, or -1 with why. */
static int
date_tail(struct sc *s, const char **why)
{
	const char *p0 = s->p;
	long h, mi;

	weekday(s);
	sc_sp(s);
	if (sc_eof(s))
		return 0;
	/* a time needs a space or a T, unless the date ended in 日 */
	if (s->p == p0 && isdig((unsigned char)p0[-1]) && !sc_lit(s, "T") &&
	    !sc_lit(s, "t"))
		goto bad;
	if (time_core(s, &h, &mi, why) == -1) {
		if (*why == msg_nottime)
			goto bad;
		return -1;
	}
	sc_sp(s);
	if (sc_eof(s))
		return 0;
	if (sc_peek(s) == 'Z' || sc_peek(s) == 'z' || sc_peek(s) == '+' ||
	    sc_peek(s) == '-') {
		*why = _("a time zone in the timestamp; convert to local time "
		    "first");
		return -1;
	}
bad:
	*why = _("unexpected text after the date");
	return -1;
}

static int
date_check(long y, long m, long d, const char **why)
{
	if (y < 1900 || y > 2100) {
		*why = _("year out of range (1900 to 2100)");
		return -1;
	}
	if (m < 1 || m > 12) {
		*why = _("no such month");
		return -1;
	}
	if (d < 1 || d > mdays(y, m)) {
		*why = m == 2 && d == 29 ?
		    "February 29 in a year that is not a leap year" :
		    "no such day in that month";
		return -1;
	}
	return 0;
}

/* "YYYY-MM-DD" exactly, a valid day of 1900..2100: copy it and say 1. */
static int
iso_date_fast(const char *s, char out[11])
{
	static const unsigned char mdays[13] = { 0, 31, 29, 31, 30, 31, 30,
	    31, 31, 30, 31, 30, 31 };
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdig((unsigned char)s[i]))
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	memcpy(out, s, 10);
	out[10] = '\0';
	return 1;
}

/* "HH:MM" or "HH:MM:SS" exactly, a time of day (what time_core takes). */
static int
iso_time_fast(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (i % 3 == 2 ? s[i] != ':' : !isdig((unsigned char)s[i]))
			return 0;
	if ((s[0] - '0') * 10 + (s[1] - '0') > 23 || s[3] > '5')
		return 0;
	return len == 5 || s[6] <= '5';
}

int
sq_date_parse(const char *s, size_t len, int default_year, char out[11],
    const char **why)
{
	struct cell c;
	const char *dummy;
	long y, m, d;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	out[0] = '\0';
	if (len == 10 && iso_date_fast(s, out))
		return SQ_VAL_OK;	/* what shequ writes, the usual case */
	/* "2022-04-10 15:57[:09]": a form's time stamp, the next usual */
	if ((len == 16 || len == 19) && s[10] == ' ' && iso_time_fast(s + 11,
	    len - 11) && (default_year == 0 || (default_year >= 1900 &&
	    default_year <= 2100)) && iso_date_fast(s, out))
		return SQ_VAL_OK;
	if ((r = prelude(&c, s, len, why, msg_notdate)) != 1)
		return r;
	if (default_year != 0 && (default_year < 1900 || default_year > 2100)) {
		*why = _("default year out of range (1900 to 2100)");
		return SQ_VAL_BAD;
	}
	if (date_core(&c.s, default_year, &y, &m, &d, why) == -1 ||
	    date_tail(&c.s, why) == -1 || date_check(y, m, d, why) == -1)
		return SQ_VAL_BAD;
	fmt_ymd(y, m, d, out);
	return SQ_VAL_OK;
}

int
sq_date_days(const char ymd[11])
{
	long y, m, d;
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? ymd[i] != '-' :
		    !isdig((unsigned char)ymd[i]))
			return SQ_DATE_INVALID;
	if (ymd[10] != '\0')
		return SQ_DATE_INVALID;
	y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 +
	    (ymd[2] - '0') * 10 + (ymd[3] - '0');
	m = (ymd[5] - '0') * 10 + (ymd[6] - '0');
	d = (ymd[8] - '0') * 10 + (ymd[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return SQ_DATE_INVALID;
	return (int)days_from_civil(y, m, d);
}

int
sq_date_today(char out[11], int *minute)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	if (minute)
		*minute = tm.tm_hour * 60 + tm.tm_min;
	return sq_date_days(out);
}

void
sq_date_from_days(int days, char out[11])
{
	long y, m, d;

	civil_from_days(days, &y, &m, &d);
	fmt_ymd(y, m, d, out);
}

/* ---- times ------------------------------------------------------------ */

enum { P_NONE, P_AM, P_PM, P_NOON, P_NIGHT };

static int
period(struct sc *s)
{
	static const char *const w[] = {
		"上午", "早上", "早晨", "清晨", "凌晨", "中午", "下午", "傍晚",
		"晚上", "夜里", "夜间", "a.m.", "am", "p.m.", "pm", NULL
	};
	static const int p[] = {
		P_AM, P_AM, P_AM, P_AM, P_AM, P_NOON, P_PM, P_PM,
		P_NIGHT, P_NIGHT, P_NIGHT, P_AM, P_AM, P_PM, P_PM
	};
	int i;

	sc_sp(s);
	if (isdig(sc_peek(s)))
		return P_NONE;
	i = sc_oneof(s, w);
	sc_sp(s);
	return i < 0 ? P_NONE : p[i];
}

/* Apply 上午/下午/AM/PM... to an hour; -1 if they do not fit together. */
static int
apply_period(int per, long *h)
{
	switch (per) {
	case P_AM:
		if (*h > 12)
			return -1;
		if (*h == 12)
			*h = 0;
		break;
	case P_PM:
		if (*h == 0 || *h > 23)
			return -1;
		if (*h < 12)
			*h += 12;
		break;
	case P_NOON:
		if (*h >= 1 && *h <= 3)
			*h += 12;
		else if (*h != 11 && *h != 12)
			return -1;
		break;
	case P_NIGHT:
		if (*h == 12)
			*h = 0;
		else if (*h >= 5 && *h <= 11)
			*h += 12;
		break;
	}
	return 0;
}

/* "8:30", "08:30:15", "8点30分", with 上午/PM...: hour and minute. */
static int
time_core(struct sc *s, long *h, long *mi, const char **why)
{
	static const char *const hm[] = { "点", "时", NULL };
	static const char *const quarter[] = { "半", "一刻", "三刻", NULL };
	static const int qmin[] = { 30, 15, 45 };
	long x;
	int per, per2, n, q;

	per = period(s);
	if ((n = sc_num(s, h)) < 1 || n > 2)
		goto bad;
	*mi = 0;
	sc_sp(s);
	if (sc_lit(s, ":")) {
		n = sc_num(s, mi);
		if (n == 1) {
			*why = _("minutes need two digits (8:05 or 8:50?)");
			return -1;
		}
		if (n != 2)
			goto bad;
		if (sc_lit(s, ":")) {
			if (sc_num(s, &x) != 2 || x > 59)
				goto bad;
			if (sc_lit(s, ".") && sc_num(s, &x) == 0)
				goto bad;
		}
	} else if (sc_oneof(s, hm) >= 0) {
		(void)sc_lit(s, "钟");
		sc_sp(s);
		if ((q = sc_oneof(s, quarter)) >= 0)
			*mi = qmin[q];
		else if ((n = sc_num(s, mi)) > 0) {
			if (n > 2)
				goto bad;
			sc_sp(s);
			if (sc_lit(s, "分")) {
				sc_sp(s);
				if (sc_num(s, &x) > 0 && (x > 59 ||
				    !sc_lit(s, "秒")))
					goto bad;
			}
		}
	} else {
		/* a bare hour only with AM/PM after it: "3pm" */
		struct sc t = *s;

		if (per != P_NONE || period(&t) == P_NONE)
			goto bad;
	}
	per2 = period(s);
	if (per != P_NONE && per2 != P_NONE)
		goto bad;
	if (per == P_NONE)
		per = per2;
	if (*h <= 23 && per != P_NONE && apply_period(per, h) == -1) {
		*why = _("the hour does not fit 上午/下午/AM/PM");
		return -1;
	}
	if (*h == 24 && *mi == 0) {
		*why = _("24:00 is not a time of day; write 00:00");
		return -1;
	}
	if (*h > 23) {
		*why = _("no such hour (0 to 23)");
		return -1;
	}
	if (*mi > 59) {
		*why = _("no such minute (0 to 59)");
		return -1;
	}
	return 0;
bad:
	*why = msg_nottime;
	return -1;
}

/*
 * A cell that is only a number: Excel's day fraction "0.354166", a
 * date-time serial "44652.354166", or "8.30".  Returns 1 and the minute of
 * the day, 0 if s is not a plain number, -1 with why.
 */
static int
time_number(struct sc s, long *min, const char **why)
{
	const char *f;
	long ip;
	uint64_t num = 0, den = 1;
	int ni, nf = 0;

	ni = sc_num(&s, &ip);
	if (!sc_lit(&s, ".")) {
		if (ni == 0 || !sc_eof(&s))
			return 0;
		*why = _("a bare number; write the time as 8:30");
		return -1;
	}
	f = s.p;
	while (!sc_eof(&s) && isdig((unsigned char)*s.p)) {
		if (nf < 15) {
			num = num * 10 + (uint64_t)(*s.p - '0');
			den *= 10;
		}
		nf++;
		s.p++;
	}
	if (!sc_eof(&s) || nf == 0)
		return 0;
	if (ni <= 1 && ip == 0) {
		/* round to the nearest minute: Excel writes 8:30 as .354166 */
		*min = (long)((num * 2880 + den) / (den * 2)) % 1440;
		return 1;
	}
	if (ni == 5 && ip >= EXCEL_MIN && ip <= EXCEL_MAX) {
		*min = (long)((num * 2880 + den) / (den * 2)) % 1440;
		return 1;
	}
	if (ni <= 2 && ip >= 1 && ip <= 23 && nf == 2) {
		*min = (f[0] - '0') * 10 + (f[1] - '0');
		if (*min > 59) {
			*why = _("no such minute (0 to 59)");
			return -1;
		}
		*min += ip * 60;
		return 1;
	}
	*why = _("ambiguous number; write the time as 8:30");
	return -1;
}

/* Skip a date before a time ("2022-04-01 08:30"); -1 with why. */
static int
skip_date(struct sc *s, const char **why)
{
	struct sc t = *s;
	long a, y, m, d;
	int n, sep;

	n = sc_num(&t, &a);
	sep = date_sep(&t);
	if (!((n == 4 && sep != 0 && sep != 'm') ||
	    (n >= 1 && n <= 2 && (sep == 'm' || sep == '/'))))
		return 0;
	t = *s;
	if (date_core(&t, 2000, &y, &m, &d, why) == -1 ||
	    date_check(y, m, d, why) == -1)
		return -1;
	weekday(&t);
	sc_sp(&t);
	(void)(sc_lit(&t, "T") || sc_lit(&t, "t"));
	sc_sp(&t);
	if (sc_eof(&t)) {
		*why = _("a date, not a time");
		return -1;
	}
	*s = t;
	return 0;
}

int
sq_time_parse(const char *s, size_t len, char out[6], const char **why)
{
	struct cell c;
	struct sc *sp = &c.s;
	const char *dummy;
	long h, mi, min;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	out[0] = '\0';
	if ((r = prelude(&c, s, len, why, msg_nottime)) != 1)
		return r;
	if (skip_date(sp, why) == -1)
		return SQ_VAL_BAD;
	if ((r = time_number(*sp, &min, why)) == -1)
		return SQ_VAL_BAD;
	if (r == 1) {
		h = min / 60;
		mi = min % 60;
	} else {
		if (time_core(sp, &h, &mi, why) == -1)
			return SQ_VAL_BAD;
		sc_sp(sp);
		if (!sc_eof(sp)) {
			int k = sc_peek(sp);

			if (k == '-' || k == '~' || sc_lit(sp, "到") ||
			    sc_lit(sp, "至"))
				*why = _("a time range; give one time");
			else if (k == 'z' || k == 'Z' || k == '+')
				*why = _("a time zone; convert to local time "
				    "first");
			else
				*why = msg_nottime;
			return SQ_VAL_BAD;
		}
	}
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + mi / 10);
	out[4] = (char)('0' + mi % 10);
	out[5] = '\0';
	return SQ_VAL_OK;
}
