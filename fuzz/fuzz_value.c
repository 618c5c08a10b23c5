/*
 * fuzz_value.c — the cell parsers (values/value.c, date.c, phone.c) and the text helpers under
 * them (lib/text.c).  Input: one cell, any bytes.  Invariants:
 *  - phone: returns one of the four codes; out is NUL-terminated within
 *    SQ_PHONE_MAX, "" unless OK/RECOVERED, else only digits and '-', and
 *    normalizing the result again gives itself (idempotence); BAD always
 *    says why; the mask never shows more digits than it should and
 *    follows snprintf semantics;
 *  - bool in -2..1; count in 0..99 on success;
 *  - date: "YYYY-MM-DD" of a real day with year 1900..2100, which
 *    sq_date_days/sq_date_from_days round-trip and which parses as itself;
 *  - time: "HH:MM" with HH < 24, MM < 60, parsing as itself;
 *  - temperature within 34.0..43.0 on success;
 *  - long within the range asked; double finite;
 *  - every failure (BAD) has a reason; the same bytes give the same
 *    answers twice;
 *  - text: sq_fold never grows the text and is idempotent; sq_utf8_valid
 *    agrees with walking the text with sq_utf8_next; sq_trim stays inside.
 */
#include <math.h>

#include "fuzz.h"
#include "text.h"
#include "value.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
fuzz_phone(const char *s, size_t n)
{
	char out[SQ_PHONE_MAX], again[SQ_PHONE_MAX], mask[SQ_PHONE_MAX];
	char tiny[5];
	const char *why = NULL, *why2 = NULL;
	int rc = sq_phone_norm(s, n, out, sizeof(out), &why);

	FZ_CHECK(rc >= SQ_PHONE_EMPTY && rc <= SQ_PHONE_BAD);
	FZ_CHECK(memchr(out, 0, sizeof(out)) != NULL);
	FZ_CHECK(sq_phone_norm(s, n, again, sizeof(again), &why2) == rc);
	FZ_CHECK(strcmp(out, again) == 0 && why == why2);
	if (rc == SQ_PHONE_BAD)
		FZ_CHECK(why != NULL);
	if (rc != SQ_PHONE_OK && rc != SQ_PHONE_RECOVERED) {
		FZ_CHECK(out[0] == '\0');
		return;
	}
	size_t len = strlen(out), digits = 0;
	FZ_CHECK(len >= 11);
	for (size_t i = 0; i < len; i++) {
		FZ_CHECK(is_digit(out[i]) || out[i] == '-');
		digits += is_digit(out[i]);
	}
	FZ_CHECK(sq_phone_norm(out, len, again, sizeof(again), &why2) ==
	    SQ_PHONE_OK);
	FZ_CHECK(strcmp(out, again) == 0);
	size_t m = sq_phone_mask(out, mask, sizeof(mask));
	FZ_CHECK(m == strlen(mask));
	size_t shown = 0;
	for (size_t i = 0; i < m; i++)
		shown += is_digit(mask[i]);
	FZ_CHECK(shown <= 8 && shown < digits);
	FZ_CHECK(sq_phone_mask(out, tiny, sizeof(tiny)) == m);
	FZ_CHECK(strncmp(tiny, mask, strlen(tiny)) == 0);
}

static void
fuzz_date(const char *s, size_t n, int year)
{
	char out[11], back[11];
	const char *why = NULL;
	int rc = sq_date_parse(s, n, year, out, &why);

	FZ_CHECK(rc == SQ_VAL_OK || rc == SQ_VAL_EMPTY || rc == SQ_VAL_BAD);
	if (rc == SQ_VAL_BAD)
		FZ_CHECK(why != NULL);
	if (rc != SQ_VAL_OK) {
		FZ_CHECK(out[0] == '\0');
		return;
	}
	FZ_CHECK(strlen(out) == 10 && out[4] == '-' && out[7] == '-');
	int y = atoi(out);
	FZ_CHECK(y >= 1900 && y <= 2100);
	int days = sq_date_days(out);
	FZ_CHECK(days != SQ_DATE_INVALID);
	sq_date_from_days(days, back);
	FZ_CHECK(strcmp(out, back) == 0);
	FZ_CHECK(sq_date_parse(out, 10, 0, back, &why) == SQ_VAL_OK);
	FZ_CHECK(strcmp(out, back) == 0);
}

static void
fuzz_time(const char *s, size_t n)
{
	char out[6], back[6];
	const char *why = NULL;
	int rc = sq_time_parse(s, n, out, &why);

	FZ_CHECK(rc == SQ_VAL_OK || rc == SQ_VAL_EMPTY || rc == SQ_VAL_BAD);
	if (rc == SQ_VAL_BAD)
		FZ_CHECK(why != NULL);
	if (rc != SQ_VAL_OK) {
		FZ_CHECK(out[0] == '\0');
		return;
	}
	FZ_CHECK(strlen(out) == 5 && out[2] == ':');
	FZ_CHECK(is_digit(out[0]) && is_digit(out[1]) && is_digit(out[3]) &&
	    is_digit(out[4]));
	FZ_CHECK(atoi(out) < 24 && atoi(out + 3) < 60);
	FZ_CHECK(sq_time_parse(out, 5, back, &why) == SQ_VAL_OK);
	FZ_CHECK(strcmp(out, back) == 0);
}

static void
fuzz_numbers(const char *s, size_t n)
{
	const char *why = NULL;
	double c = -1, x = 0;
	long v = -1, l = 0;
	int rc;

	rc = sq_temp_parse(s, n, &c, &why);
	FZ_CHECK(rc == SQ_VAL_OK || rc == SQ_VAL_EMPTY || rc == SQ_VAL_BAD);
	if (rc == SQ_VAL_OK)
		FZ_CHECK(c >= 34.0 && c <= 43.0);
	if (rc == SQ_VAL_BAD)
		FZ_CHECK(why != NULL);

	why = NULL;
	rc = sq_count_parse(s, n, &v, &why);
	FZ_CHECK(rc == SQ_VAL_OK || rc == SQ_VAL_EMPTY || rc == SQ_VAL_BAD);
	if (rc == SQ_VAL_OK)
		FZ_CHECK(v >= 0 && v <= 99);
	if (rc == SQ_VAL_BAD)
		FZ_CHECK(why != NULL);

	rc = sq_bool_parse(s, n);
	FZ_CHECK(rc >= -2 && rc <= 1);

	rc = sq_long_parse(s, n, -1000, 1000, &l);
	FZ_CHECK(rc <= 0 && rc >= SQ_VAL_RANGE);
	if (rc == SQ_VAL_OK)
		FZ_CHECK(l >= -1000 && l <= 1000);
	rc = sq_long_parse(s, n, LONG_MIN, LONG_MAX, &l);
	FZ_CHECK(rc <= 0 && rc >= SQ_VAL_RANGE);

	rc = sq_double_parse(s, n, &x);
	FZ_CHECK(rc <= 0 && rc >= SQ_VAL_RANGE);
	if (rc == SQ_VAL_OK)
		FZ_CHECK(isfinite(x));
}

static void
fuzz_text(const char *s, size_t n)
{
	char *a = malloc(n + 1), *b = malloc(n + 1);
	size_t bad = 0, i = 0;
	int ok = 1;

	size_t m = sq_fold(s, n, a, n + 1);
	FZ_CHECK(m <= n && a[m] == '\0');
	size_t m2 = sq_fold(a, m, b, m + 1);
	FZ_CHECK(m2 == m && memcmp(a, b, m) == 0);
	/* folding in place gives the same */
	memcpy(b, s, n);
	FZ_CHECK(sq_fold(b, n, b, n + 1) == m && memcmp(a, b, m) == 0);

	int valid = sq_utf8_valid((const unsigned char *)s, n, &bad);
	while (i < n) {
		size_t at = i;
		int cp = sq_utf8_next((const unsigned char *)s, n, &i);
		FZ_CHECK(i > at && i <= n);
		if (cp < 0) {
			if (ok)
				FZ_CHECK(!valid && bad == at);
			ok = 0;
		} else
			FZ_CHECK(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
	}
	FZ_CHECK(valid == ok);

	const char *t = s;
	size_t tl = sq_trim(&t, n);
	FZ_CHECK(t >= s && t + tl <= s + n);
	free(a);
	free(b);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *s = (const char *)d;

	fuzz_phone(s, n);
	fuzz_date(s, n, 0);
	fuzz_date(s, n, 2022);
	fuzz_time(s, n);
	fuzz_numbers(s, n);
	fuzz_text(s, n);
	return 0;
}
