/*
 * value.c — parsers for the values people type into spreadsheets.
 *
 * Each parser first folds the cell into a stack buffer (full-width forms
 * to ASCII, trimming: see value.h), then walks it with a tiny scanner
 * (cellscan.h).  No malloc, no sscanf, no regex, no locale: these run once
 * per cell on million-row files.  The accepted forms are documented in
 * value.h.  Here: booleans, counts, temperatures, plain numbers; phones
 * are in phone.c, dates and times in date.c.
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

/* ---- booleans --------------------------------------------------------- */

int
sq_bool_parse(const char *s, size_t len)
{
	static const char *const yes[] = {
		"是", "是的", "有", "对", "√", "✓", "✔", "☑", "✅", "y", "yes",
		"t", "true", "1", NULL
	};
	static const char *const no[] = {
		"否", "不是", "不", "无", "没有", "错", "×", "✗", "✘", "✖",
		"☐", "❌", "n", "no", "f", "false", "0", NULL
	};
	static const char *const unknown[] = {
		"-", "--", "---", "/", "?", "??", "未知", "不详", "不清楚",
		"n/a", "na", "nan", "null", "none", "unknown", NULL
	};
	struct cell c;

	/* what most cells hold, and what shequ itself writes */
	switch (len) {
	case 0:
		return -1;
	case 3:
		if (memcmp(s, "是", 3) == 0 || memcmp(s, "√", 3) == 0)
			return 1;
		if (memcmp(s, "否", 3) == 0 || memcmp(s, "无", 3) == 0)
			return 0;
		break;
	case 4:
		if (memcmp(s, "true", 4) == 0)
			return 1;
		break;
	case 5:
		if (memcmp(s, "false", 5) == 0)
			return 0;
		break;
	}
	if (cell_load(&c, s, len) == -1)
		return -2;
	if (sc_eof(&c.s) || sc_isoneof(&c.s, unknown))
		return -1;
	(void)trailing_note(&c.s, 1);	/* 有（高血压） */
	if (sc_isoneof(&c.s, yes))
		return 1;
	if (sc_isoneof(&c.s, no))
		return 0;
	return -2;
}

/* ---- counts ----------------------------------------------------------- */

/* One Chinese numeral: 0..9, or 10, 100, 1000, 10000 for 十百千万. */
static int
cn_digit(struct sc *s)
{
	static const char *const cn[] = {
		"零", "〇", "一", "二", "两", "三", "四", "五", "六", "七",
		"八", "九", "十", "百", "千", "万", NULL
	};
	static const int val[] = {
		0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000, 10000
	};
	int i = sc_oneof(s, cn);

	return i < 0 ? -1 : val[i];
}

static const char msg_many[] = "more than 99 members?";

/* A Chinese numeral 0..99: "三", "十一", "二十三".  0, or -1 with why. */
static int
cn_number(struct sc *s, long *out, const char **why)
{
	int t[8], n = 0, k;

	while (n < 8 && (k = cn_digit(s)) >= 0)
		t[n++] = k;
	for (k = 0; k < n; k++)
		if (t[k] >= 100) {
			*why = msg_many;
			return -1;
		}
	if (n == 1 && t[0] <= 10)
		*out = t[0];
	else if (n == 2 && t[0] == 10 && t[1] >= 1 && t[1] <= 9)
		*out = 10 + t[1];
	else if (n == 2 && t[0] >= 1 && t[0] <= 9 && t[1] == 10)
		*out = t[0] * 10;
	else if (n == 3 && t[0] >= 1 && t[0] <= 9 && t[1] == 10 &&
	    t[2] >= 1 && t[2] <= 9)
		*out = t[0] * 10 + t[2];
	else if (n >= 2 && t[0] <= 9 && t[1] <= 9) {
		*why = _("two numbers run together (like 三四); write one number");
		return -1;
	} else {
		*why = _("not a number of people");
		return -1;
	}
	return 0;
}

/* What follows a count that makes it no single exact number. */
static const char *
count_rest(struct sc *s, int after)
{
	static const char *const range[] = { "-", "~", "到", "至", "或", "/",
	    "、", NULL };
	static const char *const vague[] = { "几", "多", "余", "来", "以上",
	    "以下", "左右", "若干", "+", NULL };
	struct sc t = *s, u;

	sc_sp(&t);
	if (after && sc_oneof(&t, range) >= 0) {
		sc_sp(&t);
		if (isdig(sc_peek(&t)) || cn_digit(&t) >= 0)
			return "a range; write one number";
	}
	for (t = *s; after && !sc_eof(&t); t.p++) {
		u = t;
		if (isdig(sc_peek(&t)) || cn_digit(&u) >= 0)
			return "several numbers; write the total";
	}
	t = *s;
	sc_sp(&t);
	if (sc_oneof(&t, vague) >= 0)
		return "not exact; write one number";
	return "not a number of people";
}

int
sq_count_parse(const char *s, size_t len, long *out, const char **why)
{
	static const char *const pre[] = { "一共", "共计", "合计", "总共",
	    "共", "全家", "一家", "家庭", NULL };
	static const char *const unit[] = { "口人", "个人", "人", "口", "位",
	    "名", "个", NULL };
	struct cell c;
	struct sc *sp = &c.s;
	const char *dummy, *note = NULL;
	long v;
	int r, n, hasunit;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = prelude(&c, s, len, why, "not a number of people")) != 1)
		return r;
	if (sc_oneof(sp, pre) >= 0) {
		sc_sp(sp);
		(void)sc_lit(sp, ":");
	}
	sc_sp(sp);
	if (sc_peek(sp) == '-' && sp->p + 1 < sp->e && isdig(sp->p[1])) {
		*why = _("negative number of members");
		return SQ_VAL_BAD;
	}
	if ((n = sc_num(sp, &v)) > 0) {
		if (sc_peek(sp) == '.' && sp->p + 1 < sp->e &&
		    isdig(sp->p[1])) {
			for (sp->p++; sc_peek(sp) == '0'; sp->p++)
				;
			if (isdig(sc_peek(sp))) {
				*why = _("not a whole number");
				return SQ_VAL_BAD;
			}
		}
		if (n > 15 || v > 99) {
			*why = msg_many;
			return SQ_VAL_BAD;
		}
	} else if (cn_digit(&(struct sc){ sp->p, sp->e }) >= 0) {
		/* (a copy: cn_number reads the numeral again) */
		if (cn_number(sp, &v, why) == -1)
			return SQ_VAL_BAD;
	} else {
		*why = count_rest(sp, 0);
		return SQ_VAL_BAD;
	}
	sc_sp(sp);
	if ((hasunit = sc_oneof(sp, unit) >= 0))
		(void)(sc_lit(sp, "之家") || sc_lit(sp, "/户"));
	sc_sp(sp);
	if (sc_peek(sp) == '(' && sp->e[-1] == ')' &&
	    (hasunit || !has_digit(sp->p, sp->e))) {
		sp->p = sp->e;
		note = "note after the count ignored";
	}
	if (!sc_eof(sp)) {
		*why = count_rest(sp, 1);
		return SQ_VAL_BAD;
	}
	*out = v;
	*why = note;
	return SQ_VAL_OK;
}


/* ---- temperatures ----------------------------------------------------- */

static const char msg_tnan[] = "not a number; record the reading";
static const char msg_fahr[] = "looks like °F; convert to °C";

/* Unit after a reading: 'C', 'F' or 0 for none. */
static int
temp_unit(struct sc *s)
{
	static const char *const cels[] = { "℃", "°c", "ºc", "°", "º",
	    "摄氏度", "度c", "度", "c", NULL };
	static const char *const fahr[] = { "℉", "°f", "ºf", "华氏度", "f",
	    NULL };

	sc_sp(s);
	if (sc_oneof(s, fahr) >= 0)
		return 'F';
	if (sc_oneof(s, cels) >= 0)
		return 'C';
	return 0;
}

int
sq_temp_parse(const char *s, size_t len, double *celsius, const char **why)
{
	struct cell c;
	struct sc *sp = &c.s;
	const char *dummy;
	long ip, fp = 0, den = 1;
	int r, ni, nf = 0, unit, fahr, note;
	double v;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	/* "36.5" or "37": the usual cell, in range */
	if ((len == 4 && isdig((unsigned char)s[0]) && isdig((unsigned char)s[1]) &&
	    s[2] == '.' && isdig((unsigned char)s[3])) ||
	    (len == 2 && isdig((unsigned char)s[0]) && isdig((unsigned char)s[1]))) {
		int tenths = ((s[0] - '0') * 10 + (s[1] - '0')) * 10 +
		    (len == 4 ? s[3] - '0' : 0);
		if (tenths >= 340 && tenths <= 430) {
			*celsius = tenths / 10.0;
			return SQ_VAL_OK;
		}
	}
	if ((r = prelude(&c, s, len, why, msg_tnan)) != 1)
		return r;
	note = trailing_note(sp, 0);
	fahr = sc_lit(sp, "华氏");
	sc_sp(sp);
	if (sc_peek(sp) == '-' && sp->p + 1 < sp->e && isdig(sp->p[1])) {
		*why = _("impossible temperature (outside 34.0 to 43.0 °C)");
		return SQ_VAL_BAD;
	}
	if ((ni = sc_num(sp, &ip)) == 0) {
		*why = msg_tnan;
		return SQ_VAL_BAD;
	}
	if (sc_peek(sp) == '.' || sc_peek(sp) == ',') {
		sp->p++;
		while (isdig(sc_peek(sp))) {
			if (nf < 9) {
				fp = fp * 10 + (*sp->p - '0');
				den *= 10;
			}
			nf++;
			sp->p++;
		}
		if (nf == 0) {
			*why = msg_tnan;
			return SQ_VAL_BAD;
		}
	}
	unit = temp_unit(sp);
	sc_sp(sp);
	if (!sc_eof(sp)) {
		*why = has_digit(sp->p, sp->e) ?
		    "several readings; record one" : msg_tnan;
		return SQ_VAL_BAD;
	}
	if (ni > 6) {
		*why = _("impossible temperature (outside 34.0 to 43.0 °C)");
		return SQ_VAL_BAD;
	}
	/* both below 2^53: exact operands, one rounding */
	v = (double)(ip * den + fp) / (double)den;
	if (fahr || unit == 'F' || (v >= 93.0 && v <= 108.0)) {
		*why = msg_fahr;
		return SQ_VAL_BAD;
	}
	if (nf == 0 && ip >= 340 && ip <= 430) {
		*why = _("no decimal point? (365 for 36.5) fix the reading");
		return SQ_VAL_BAD;
	}
	if (v < 34.0 || v > 43.0) {
		*why = _("impossible temperature (outside 34.0 to 43.0 °C)");
		return SQ_VAL_BAD;
	}
	*celsius = v;
	*why = note ? "note after the reading ignored" : NULL;
	return SQ_VAL_OK;
}

/* ---- plain numbers ---------------------------------------------------- */

int
sq_long_parse(const char *s, size_t len, long min, long max, long *out)
{
	struct cell c;
	struct sc *sp = &c.s;
	unsigned long x = 0, lim;
	int neg = 0, n = 0, d;

	if (cell_load(&c, s, len) == -1)
		return SQ_VAL_BAD;
	if (sc_eof(sp))
		return SQ_VAL_EMPTY;
	if (sc_peek(sp) == '+' || sc_peek(sp) == '-')
		neg = *sp->p++ == '-';
	lim = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	for (; isdig(sc_peek(sp)); sp->p++, n++) {
		d = *sp->p - '0';
		if (x > (lim - (unsigned long)d) / 10)
			x = lim + 1;	/* saturate: out of range */
		else
			x = x * 10 + (unsigned long)d;
	}
	if (n == 0)
		return SQ_VAL_BAD;
	if (sc_lit(sp, ".")) {
		if (sc_peek(sp) != '0')
			return SQ_VAL_BAD;
		while (sc_peek(sp) == '0')
			sp->p++;
	}
	if (!sc_eof(sp))
		return SQ_VAL_BAD;
	if (x > lim)
		return SQ_VAL_RANGE;
	if (neg) {
		/* -(LONG_MAX + 1) without signed overflow */
		if (x == (unsigned long)LONG_MAX + 1) {
			if (min > LONG_MIN)
				return SQ_VAL_RANGE;
			*out = LONG_MIN;
			return SQ_VAL_OK;
		}
		if (-(long)x < min || -(long)x > max)
			return SQ_VAL_RANGE;
		*out = -(long)x;
		return SQ_VAL_OK;
	}
	if ((long)x < min || (long)x > max)
		return SQ_VAL_RANGE;
	*out = (long)x;
	return SQ_VAL_OK;
}

int
sq_double_parse(const char *s, size_t len, double *out)
{
	static const double p10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
		1e22
	};
	struct cell c;
	struct sc *sp = &c.s;
	uint64_t m = 0;
	long ex = 0, e10 = 0;
	int neg = 0, nd = 0, sig = 0, eneg = 0, ne = 0, afterdot = 0, ch;
	double v;
	const char *start;
	char *end;

	if (cell_load(&c, s, len) == -1)
		return SQ_VAL_BAD;
	if (sc_eof(sp))
		return SQ_VAL_EMPTY;
	if (sc_peek(sp) == '+' || sc_peek(sp) == '-')
		neg = *sp->p++ == '-';
	start = sp->p;
	for (;; sp->p++) {
		ch = sc_peek(sp);
		if (ch == '.' && !afterdot) {
			afterdot = 1;
			continue;
		}
		if (!isdig(ch))
			break;
		nd++;
		if (sig == 0 && ch == '0') {
			if (afterdot)
				e10--;
			continue;	/* leading zeros are not significant */
		}
		if (sig < 19)
			m = m * 10 + (uint64_t)(ch - '0');
		else if (!afterdot)
			e10++;
		sig++;
		if (afterdot && sig <= 19)
			e10--;
	}
	if (nd == 0)
		return SQ_VAL_BAD;
	if (sc_peek(sp) == 'e' || sc_peek(sp) == 'E') {
		sp->p++;
		if (sc_peek(sp) == '+' || sc_peek(sp) == '-')
			eneg = *sp->p++ == '-';
		for (; isdig(sc_peek(sp)); sp->p++, ne++)
			if (ex < 100000)
				ex = ex * 10 + (*sp->p - '0');
		if (ne == 0)
			return SQ_VAL_BAD;
	}
	if (!sc_eof(sp))
		return SQ_VAL_BAD;
	e10 += eneg ? -ex : ex;
	if (sig == 0)
		v = 0.0;
	else if (sig <= 15 && e10 >= -22 && e10 <= 22) {
		/* exact operands, one correctly rounded operation */
		v = e10 < 0 ? (double)m / p10[-e10] : (double)m * p10[e10];
	} else {
		/* rare: the C locale is in force (shequ never sets one) */
		c.buf[sp->e - c.buf] = '\0';
		errno = 0;
		v = strtod(start, &end);
		if (end != sp->e)
			return SQ_VAL_BAD;
		if (errno == ERANGE && isinf(v))
			return SQ_VAL_RANGE;
	}
	*out = neg ? -v : v;
	return SQ_VAL_OK;
}

void
sq_hours_format(long minutes, char *out, size_t sz)
{
	long h = minutes / 60, r = minutes % 60;

	if (r == 0)
		snprintf(out, sz, "%ld", h);
	else if (r % 6 == 0)
		snprintf(out, sz, "%ld.%ld", h, r / 6);
	else
		snprintf(out, sz, "%ld.%02ld", h, r * 100 / 60);
}
