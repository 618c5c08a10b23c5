#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "numfmt.h"

/*
 * Excel's built-in formats as codes, zh-CN's dates (27-36, 50-58) among
 * them: WPS and Excel on Chinese Windows write those ids without a code.
 * Ids not listed (23-26, 59-81: other locales) read as General.
 */
static const char *const builtin[] = {
	[0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0",
	[4] = "#,##0.00", [5] = "#,##0", [6] = "#,##0", [7] = "#,##0.00",
	[8] = "#,##0.00", [9] = "0%", [10] = "0.00%", [11] = "0.00E+00",
	[12] = "# ?/?", [13] = "# ?\?/?\?", [14] = "yyyy-mm-dd",
	[15] = "d-mmm-yy", [16] = "d-mmm", [17] = "mmm-yy",
	[18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM", [20] = "h:mm",
	[21] = "h:mm:ss", [22] = "yyyy-mm-dd h:mm",
	[27] = "yyyy\"年\"m\"月\"", [28] = "m\"月\"d\"日\"",
	[29] = "m\"月\"d\"日\"", [30] = "m-d-yy",
	[31] = "yyyy\"年\"m\"月\"d\"日\"", [32] = "h\"时\"mm\"分\"",
	[33] = "h\"时\"mm\"分\"ss\"秒\"", [34] = "上午/下午h\"时\"mm\"分\"",
	[35] = "上午/下午h\"时\"mm\"分\"ss\"秒\"", [36] = "yyyy\"年\"m\"月\"",
	[37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;(#,##0)",
	[39] = "#,##0.00;(#,##0.00)", [40] = "#,##0.00;(#,##0.00)",
	[41] = "#,##0", [42] = "#,##0", [43] = "#,##0.00", [44] = "#,##0.00",
	[45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mmss.0",
	[48] = "##0.0E+0", [49] = "@",
	[50] = "yyyy\"年\"m\"月\"", [51] = "m\"月\"d\"日\"",
	[52] = "yyyy\"年\"m\"月\"", [53] = "m\"月\"d\"日\"",
	[54] = "m\"月\"d\"日\"", [55] = "上午/下午h\"时\"mm\"分\"",
	[56] = "上午/下午h\"时\"mm\"分\"ss\"秒\"", [57] = "yyyy\"年\"m\"月\"",
	[58] = "m\"月\"d\"日\"",
};

void
sq_numfmt_builtin(int id, struct sq_numfmt *f)
{
	const char *code = NULL;

	if (id >= 0 && (size_t)id < sizeof(builtin) / sizeof(builtin[0]))
		code = builtin[id];
	sq_numfmt_parse(code, f);
}

/* "[h]", "[mm]", "[ss]": elapsed time; anything else in brackets (a
   colour, a locale, a condition, [DBNum1]) does not change the number */
static void
bracket(const char *s, size_t n, struct sq_numfmt *f, int *minutes)
{
	int h = 0, m = 0, sec = 0;

	for (size_t i = 0; i < n; i++) {
		char c = (char)(s[i] | 0x20);
		if (c == 'h')
			h = 1;
		else if (c == 'm')
			m = 1;
		else if (c == 's')
			sec = 1;
		else
			return;
	}
	if (n == 0)
		return;
	f->elapsed = 1;
	f->time = 1;
	if (sec)
		f->seconds = 1;
	if (m)
		*minutes = 1;
	(void)h;
}

void
sq_numfmt_parse(const char *code, struct sq_numfmt *f)
{
	int digits = 0, in_dec = 0, commas = 0, sci = 0, frac = 0, text = 0;
	int month = 0, general = 0;

	memset(f, 0, sizeof(*f));
	if (code == NULL)
		return;
	for (const char *p = code; *p && *p != ';'; p++) {
		char c = *p, lc = (char)(c | 0x20);
		switch (c) {
		case '"':
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			continue;
		case '\\': case '_': case '*':
			if (p[1])
				p++;
			continue;
		case '[': {
			const char *e = strchr(p, ']');
			if (e == NULL)
				return;
			bracket(p + 1, (size_t)(e - p - 1), f, &month);
			p = e;
			continue;
		}
		case '0':
			if (in_dec) {
				f->min_dec++;
				f->max_dec++;
			} else
				f->min_int++;
			digits = 1;
			commas = 0;
			continue;
		case '#': case '?':
			if (in_dec)
				f->max_dec++;
			digits = 1;
			commas = 0;
			continue;
		case '.':
			in_dec = 1;
			continue;
		case ',':
			if (digits)	/* a separator, or after the
					   last digit: thousands */
				commas++;
			continue;
		case '%':
			f->percent++;
			continue;
		case '/':
			if (digits)
				frac = 1;
			continue;
		case '@':
			text = 1;
			continue;
		}
		if (strncasecmp(p, "general", 7) == 0) {
			general = 1;
			p += 6;
		} else if (strncasecmp(p, "am/pm", 5) == 0)
			p += 4;
		else if (strncasecmp(p, "a/p", 3) == 0)
			p += 2;
		else if ((lc == 'e') && (p[1] == '+' || p[1] == '-') && digits)
			sci = 1;
		else if (lc == 'y' || lc == 'd')
			f->date = 1;
		else if (lc == 'h')
			f->time = 1;
		else if (lc == 's') {
			f->time = 1;
			f->seconds = 1;
		} else if (lc == 'm')
			month = 1;
	}
	if (f->date || f->time || month) {
		/* m is minutes next to h or s, else a month */
		if (month && !f->time)
			f->date = 1;
		f->kind = SQ_NF_DATE;
		f->min_int = f->min_dec = f->max_dec = f->percent = 0;
		return;
	}
	if (text && !digits) {
		f->kind = SQ_NF_TEXT;
		return;
	}
	if (general || sci || frac || (!digits && !f->percent)) {
		struct sq_numfmt g = { .kind = SQ_NF_GENERAL };
		*f = g;
		return;
	}
	f->kind = SQ_NF_NUMBER;
	f->thousands = commas;
}

/* ---- rendering -------------------------------------------------------- */

/*
 * v's 15 significant decimal digits (what Excel keeps) into d[16], trailing
 * zeros dropped; returns how many, *exp10 the exponent of the first one.
 */
static int
digits15(double v, char d[16], int *exp10)
{
	char buf[40];
	int k = 0;

	snprintf(buf, sizeof(buf), "%.14e", fabs(v));
	for (const char *p = buf; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			d[k++] = *p;
	*exp10 = atoi(strchr(buf, 'e') + 1);
	while (k > 1 && d[k - 1] == '0')
		k--;
	d[k] = '\0';
	return k;
}

static size_t
general(double v, char *out, int *lost)
{
	char d[16];
	int e, k;
	size_t n = 0;

	if (v == 0)
		return (size_t)snprintf(out, SQ_NUMFMT_MAX, "0");
	k = digits15(v, d, &e);
	if (v < 0)
		out[n++] = '-';
	if (e >= 15 && lost)
		*lost = 1;
	if (e >= 0 && e < 40) {
		/* integer part, then the fraction: never scientific */
		for (int i = 0; i <= e; i++)
			out[n++] = i < k ? d[i] : '0';
		if (k > e + 1) {
			out[n++] = '.';
			for (int i = e + 1; i < k; i++)
				out[n++] = d[i];
		}
	} else if (e < 0 && e >= -20) {
		out[n++] = '0';
		out[n++] = '.';
		for (int i = 0; i < -e - 1; i++)
			out[n++] = '0';
		for (int i = 0; i < k; i++)
			out[n++] = d[i];
	} else {
		/* beyond any phone or count: Excel's own form */
		out[n++] = d[0];
		if (k > 1) {
			out[n++] = '.';
			for (int i = 1; i < k; i++)
				out[n++] = d[i];
		}
		n += (size_t)snprintf(out + n, SQ_NUMFMT_MAX - n, "E%c%02d",
		    e < 0 ? '-' : '+', abs(e));
	}
	out[n] = '\0';
	return n;
}

/*
 * x with max_dec decimals, rounded half away from zero on its 15 digits
 * (as Excel does: 2.675 shows as 2.68), then trailing zeros down to
 * min_dec dropped and the integer part padded to min_int digits.
 */
static size_t
fixed(const struct sq_numfmt *f, double x, char *out, int *lost)
{
	char d[16], digs[80];
	int e, k, nd = 0, point;
	size_t n = 0;

	if (fabs(x) >= 1e15 || f->max_dec > 20)
		return general(x, out, lost);
	if (x == 0) {
		digs[nd++] = '0';
		point = 1;
	} else {
		k = digits15(x, d, &e);
		/* 0.d1d2... times 10^(e+1): the point after digit e+1 */
		if (e >= 0) {
			for (int i = 0; i < k; i++)
				digs[nd++] = d[i];
			while (nd < e + 1)
				digs[nd++] = '0';
			point = e + 1;
		} else {
			digs[nd++] = '0';
			for (int i = 0; i < -e - 1 && nd < 40; i++)
				digs[nd++] = '0';
			for (int i = 0; i < k && nd < 60; i++)
				digs[nd++] = d[i];
			point = 1;
		}
		int keep = point + f->max_dec;
		if (nd > keep) {
			int up = digs[keep] >= '5';
			nd = keep;
			for (int i = nd - 1; up && i >= 0; i--) {
				if (digs[i] == '9')
					digs[i] = '0';
				else {
					digs[i]++;
					up = 0;
				}
			}
			if (up) {
				memmove(digs + 1, digs, (size_t)nd);
				digs[0] = '1';
				nd++;
				point++;
			}
		}
	}
	while (nd < point + f->min_dec)
		digs[nd++] = '0';
	/* # and ? decimals past the zeros show only when not zero */
	while (nd > point + f->min_dec && digs[nd - 1] == '0')
		nd--;
	/* leading zeros beyond one, unless the format asks for them */
	int start = 0;
	while (start < point - 1 && digs[start] == '0')
		start++;
	int intlen = point - start;
	int neg = x < 0;
	for (int i = 0; i < nd; i++)
		if (digs[i] != '0')
			goto nonzero;
	neg = 0;	/* -0.001 shown as 0.00 is 0.00, not -0.00 */
nonzero:
	if (neg)
		out[n++] = '-';
	for (int i = intlen; i < f->min_int && n < 40; i++)
		out[n++] = '0';
	for (int i = start; i < point; i++)
		out[n++] = digs[i];
	if (nd > point) {
		out[n++] = '.';
		for (int i = point; i < nd; i++)
			out[n++] = digs[i];
	}
	for (int i = 0; i < f->percent && n < SQ_NUMFMT_MAX - 1; i++)
		out[n++] = '%';
	out[n] = '\0';
	return n;
}

/* Days since 1970-01-01 as a civil date (H. Hinnant's algorithm). */
static void
civil(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long yy = yoe + era * 400;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static size_t
date(const struct sq_numfmt *f, double v, int date1904, char *out, int *lost)
{
	if (!(v >= 0) || v > 2958465.99999)	/* beyond 9999-12-31: ##### */
		return general(v, out, lost);
	long long secs = llround(v * 86400.0);
	long long days = secs / 86400;
	long tod = (long)(secs % 86400);
	int y, m, d;
	size_t n = 0;

	if (f->elapsed) {
		long long mins = secs / 60;
		if (f->seconds)
			return (size_t)snprintf(out, SQ_NUMFMT_MAX, "%02lld:%02lld:%02lld",
			    secs / 3600, mins % 60, secs % 60);
		return (size_t)snprintf(out, SQ_NUMFMT_MAX, "%02lld:%02lld",
		    secs / 3600, (secs + 30) / 60 % 60);
	}
	if (f->date) {
		if (date1904)
			civil(days - 24107, &y, &m, &d);
		else if (days == 60) {
			y = 1900, m = 2, d = 29;	/* Lotus's leap day */
		} else if (days == 0) {
			y = 1900, m = 1, d = 0;		/* as Excel shows it */
		} else
			civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
		n = (size_t)snprintf(out, SQ_NUMFMT_MAX, "%04d-%02d-%02d", y, m, d);
		if (!f->time)
			return n;
		out[n++] = ' ';
	}
	if (f->seconds)
		n += (size_t)snprintf(out + n, SQ_NUMFMT_MAX - n, "%02ld:%02ld:%02ld",
		    tod / 3600, tod / 60 % 60, tod % 60);
	else
		n += (size_t)snprintf(out + n, SQ_NUMFMT_MAX - n, "%02ld:%02ld",
		    tod / 3600, tod / 60 % 60);
	return n;
}

size_t
sq_numfmt_render(const struct sq_numfmt *f, double v, int date1904, char *out,
    int *lost)
{
	if (!isfinite(v))
		return (size_t)snprintf(out, SQ_NUMFMT_MAX, "#NUM!");
	switch (f->kind) {
	case SQ_NF_DATE:
		return date(f, v, date1904, out, lost);
	case SQ_NF_NUMBER: {
		double x = v;
		for (int i = 0; i < f->percent && i < 4; i++)
			x *= 100;
		for (int i = 0; i < f->thousands && i < 4; i++)
			x /= 1000;
		return fixed(f, x, out, lost);
	}
	default:
		return general(v, out, lost);
	}
}

/* Already what General shows: -?(0|[1-9]d*)(.d*[1-9])?, 15 digits at most. */
static int
plain_general(const char *s, size_t n)
{
	size_t i = 0, sig = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i == n)
		return 0;
	if (s[i] == '0') {
		i++;
		if (i < n && s[i] != '.')
			return 0;
	} else
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			sig++;
	if (i < n) {
		if (s[i++] != '.' || i == n || s[n - 1] == '0')
			return 0;
		size_t lead = sig == 0;
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return 0;
			if (lead && s[i] == '0')
				continue;
			lead = 0;
			sig++;
		}
	}
	return sig <= 15 && !(n == 2 && s[0] == '-' && s[1] == '0');
}

long
sq_numfmt_text(const struct sq_numfmt *f, const char *s, size_t n,
    int date1904, char *out, int *lost)
{
	char buf[SQ_NUMFMT_MAX];
	char *end;

	if ((f->kind == SQ_NF_GENERAL || f->kind == SQ_NF_TEXT) &&
	    n < SQ_NUMFMT_MAX && plain_general(s, n)) {
		memcpy(out, s, n);
		out[n] = '\0';
		return (long)n;
	}
	/* a stored number is short; spaces around it are not Excel's */
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	double v = strtod(buf, &end);
	if (end == buf || *end != '\0' || buf[0] == ' ' ||
	    strpbrk(buf, "xXnNiI") != NULL)	/* no hex, nan or inf */
		return -1;
	return (long)sq_numfmt_render(f, v, date1904, out, lost);
}
