/*
 * read.c — what the readers of sq-match share: a building's name reduced,
 * times ("2022-04-10 08:00", "08:00" on the day given), a rejected row,
 * a cell quoted for a message, a skills cell.
 */
#include "match.h"

/* ------------------------------------------------------------------ */
/* small text helpers                                                  */

/* "12号楼", "12栋", "１２" -> "12"; other text folded as it is. */
char *
norm_building(const char *s, size_t len)
{
	static const char *const suffix[] = { "号楼", "栋楼", "栋", "幢",
	    "号", "楼", "座", NULL };
	char *b = sq_fold_lower(s, len);
	size_t n = strlen(b);
	int again = 1;

	while (again) {
		again = 0;
		for (int k = 0; suffix[k]; k++) {
			size_t l = strlen(suffix[k]);
			if (n > l && memcmp(b + n - l, suffix[k], l) == 0) {
				n -= l;
				b[n] = '\0';
				again = 1;
			}
		}
	}
	size_t z = 0;
	while (z + 1 < n && b[z] == '0' && isdigit((unsigned char)b[z + 1]))
		z++;
	memmove(b, b + z, n - z + 1);
	return b;
}

void
fmt_time(long t, char out[17])
{
	char d[11];
	long day = t >= 0 ? t / DAYMIN : -((-t + DAYMIN - 1) / DAYMIN);
	long m = t - day * DAYMIN;

	char buf[48];

	sq_date_from_days((int)day, d);
	snprintf(buf, sizeof(buf), "%.10s %02d:%02d", d, (int)(m / 60) % 100,
	    (int)(m % 60));
	memcpy(out, buf, 16);
	out[16] = '\0';
}

long
floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* ------------------------------------------------------------------ */
/* reading                                                             */

struct cols {
	long	 c[16];
};

char *
cell_dup(const struct sq_rec *rec, long col)
{
	size_t len;
	const char *p = sq_rec_cell(rec, col, &len);

	len = sq_trim(&p, len);
	return sq_xstrndup(p, len);
}

/*
 * A point in time: "2022-04-10 08:00", or "08:00" on day defday (-1: none).
 * Minutes since 1970, or -1 with *why.
 */
long
parse_when(const char *s, size_t len, long defday, int *has_date,
    const char **why)
{
	char buf[300], ymd[11], hm[6];
	const char *w = NULL;
	long plus = 0, day;
	int year = 0;
	size_t n;

	*has_date = 0;
	len = sq_trim(&s, len);
	if (len == 0) {
		*why = "empty";
		return -1;
	}
	if (len >= sizeof(buf) - 1) {
		*why = "too long for a time";
		return -1;
	}
	n = sq_fold(s, len, buf, sizeof(buf));
	if (n >= 5 && memcmp(buf + n - 5, "24:00", 5) == 0 &&
	    (n == 5 || !isdigit((unsigned char)buf[n - 6]))) {
		memcpy(buf + n - 5, "00:00", 5);
		plus = DAYMIN;
	}
	if (defday >= 0) {
		char d[11];
		sq_date_from_days((int)defday, d);
		year = atoi(d);
	}
	if (sq_date_parse(buf, n, year, ymd, &w) == SQ_VAL_OK) {
		*has_date = 1;
		day = sq_date_days(ymd);
		if (sq_time_parse(buf, n, hm, &w) != SQ_VAL_OK) {
			*why = "a date without a time of day; write "
			    "'2022-04-10 08:00'";
			return -1;
		}
	} else if (sq_time_parse(buf, n, hm, &w) == SQ_VAL_OK) {
		if (defday < 0) {
			*why = "a time without a date; write '2022-04-10 "
			    "08:00' or add a date column";
			return -1;
		}
		day = defday;
	} else {
		*why = w ? w : "not a date and time; write '2022-04-10 08:00'";
		return -1;
	}
	/* an Excel serial from 1954 ("20020") is a date, but not a shift's:
	   before, it came out as negative minutes, taken for "no time" */
	if (day < 0) {
		*why = "a date before 1970: not a shift's";
		return -1;
	}
	return day * DAYMIN + atol(hm) * 60 + atol(hm + 3) + plus;
}

void
reject(struct ctx *C, const char *file, const struct sq_rec *rec, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sq_rejects_add(C->rj, file, rec, msg);
}

/* quote a cell for a message: at most 60 bytes */
const char *
q(const char *s, size_t len)
{
	static char buf[4][80];
	static int k;
	char *b = buf[k++ & 3];

	len = sq_trim(&s, len);
	if (len > 60) {
		len = sq_utf8_cut(s, len, 57);
		snprintf(b, 80, "%.*s...", (int)len, s);
	} else
		snprintf(b, 80, "%.*s", (int)len, s);
	return b;
}

int
parse_skill_cell(struct ctx *C, const char *s, size_t len, int *skill)
{
	static const char *const none[] = { "", "无", "不限", "不需要", "无要求",
	    "任意", "均可", "none", "any", "-", "/", "--", "—", "no", NULL };
	char *t = sq_fold_lower(s, len);
	uint64_t m;
	int rc = 0;

	*skill = -1;
	for (int k = 0; none[k]; k++)
		if (strcmp(t, none[k]) == 0)
			goto out;
	if ((*skill = sq_skills_id(&C->R, t)) >= 0)
		goto out;
	m = sq_skills_scan(&C->R, t, NULL);
	if (m == 0)
		rc = -1;
	else if (m & (m - 1))
		rc = -2;
	else
		for (*skill = 0; !(m & ((uint64_t)1 << *skill)); (*skill)++)
			;
out:
	free(t);
	return rc;
}
