/*
 * test_value.c — the value parsers against tables of what people type.
 *
 * Every table row runs twice: on the string as written, and on an exact
 * malloc'd copy without a NUL (so ASan catches a parser reading past len).
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "value.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* An exact copy without a terminating NUL. */
static char *
dup_exact(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	if (p == NULL) {
		perror("malloc");
		exit(2);
	}
	memcpy(p, s, len);
	return p;
}

/* why must be NULL (want NULL) or contain want. */
static int
why_ok(const char *why, const char *want)
{
	if (want == NULL)
		return why == NULL;
	return why != NULL && strstr(why, want) != NULL;
}

static void
context(const char *what, const char *in, const char *why)
{
	fprintf(stderr, "  %s: input '%s' why '%s'\n", what, in,
	    why ? why : "(null)");
}

/* ---- phones ----------------------------------------------------------- */

struct phone_case {
	const char	*in;
	int		 rc;
	const char	*out;
	const char	*why;	/* substring of why, or NULL for none */
};

#define OK	SQ_PHONE_OK
#define REC	SQ_PHONE_RECOVERED
#define BAD	SQ_PHONE_BAD
#define EMP	SQ_PHONE_EMPTY

static const char several[] = "several phones; kept the first";

static const struct phone_case phones[] = {
	/* mobiles in every dress */
	{ "13800138000", OK, "13800138000", NULL },
	{ "138 0013 8000", OK, "13800138000", NULL },
	{ "138-0013-8000", OK, "13800138000", NULL },
	{ "138.0013.8000", OK, "13800138000", NULL },
	{ "+86 138 0013 8000", OK, "13800138000", NULL },
	{ "+8613800138000", OK, "13800138000", NULL },
	{ "+86-138-0013-8000", OK, "13800138000", NULL },
	{ "86-13800138000", OK, "13800138000", NULL },
	{ "86 13800138000", OK, "13800138000", NULL },
	{ "(+86)13800138000", OK, "13800138000", NULL },
	{ "（+86）13800138000", OK, "13800138000", NULL },
	{ "(86)13800138000", OK, "13800138000", NULL },
	{ "0086 13800138000", OK, "13800138000", NULL },
	{ "008613800138000", OK, "13800138000", NULL },
	{ "8613800138000", OK, "13800138000", NULL },
	{ "＋８６　１３８００１３８０００", OK, "13800138000", NULL },
	{ "13800138000.0", OK, "13800138000", NULL },
	{ "13800138000.00", OK, "13800138000", NULL },
	{ "１３８００１３８０００", OK, "13800138000", NULL },
	{ "１３８　００１３　８０００", OK, "13800138000", NULL },
	{ "138－0013－8000", OK, "13800138000", NULL },
	{ "  13800138000  ", OK, "13800138000", NULL },
	{ "\t13800138000\r\n", OK, "13800138000", NULL },
	{ "'13800138000", OK, "13800138000", NULL },
	{ "\xef\xbb\xbf" "13800138000", OK, "13800138000", NULL },
	{ "013800138000", OK, "13800138000", NULL },
	{ "19912345678", OK, "19912345678", NULL },
	{ "16612345678", OK, "16612345678", NULL },
	{ "手机：13800138000", OK, "13800138000", NULL },
	{ "电话13800138000", OK, "13800138000", NULL },
	{ "Tel: +86 138 0013 8000", OK, "13800138000", NULL },
	/* landlines */
	{ "021-64381234", OK, "021-64381234", NULL },
	{ "(021)64381234", OK, "021-64381234", NULL },
	{ "（021）64381234", OK, "021-64381234", NULL },
	{ "(021) 6438-1234", OK, "021-64381234", NULL },
	{ "021 6438 1234", OK, "021-64381234", NULL },
	{ "02164381234", OK, "021-64381234", NULL },
	{ "021—64381234", OK, "021-64381234", NULL },
	{ "０２１－６４３８１２３４", OK, "021-64381234", NULL },
	{ "0755-12345678", OK, "0755-12345678", NULL },
	{ "075512345678", OK, "0755-12345678", NULL },
	{ "0755-1234567", OK, "0755-1234567", NULL },
	{ "0571 8888 8888", OK, "0571-88888888", NULL },
	{ "010-12345678", OK, "010-12345678", NULL },
	{ "010 1234 5678", OK, "010-12345678", NULL },
	{ "010-12345678-801", OK, "010-12345678-801", NULL },
	{ "010-12345678转801", OK, "010-12345678-801", NULL },
	{ "010-12345678 转 801", OK, "010-12345678-801", NULL },
	{ "010-12345678分机801", OK, "010-12345678-801", NULL },
	{ "010-12345678 ext 801", OK, "010-12345678-801", NULL },
	{ "010-12345678 ext. 801", OK, "010-12345678-801", NULL },
	{ "010-12345678x801", OK, "010-12345678-801", NULL },
	{ "0755-1234567-89", OK, "0755-1234567-89", NULL },
	{ "0755-1234567-8", OK, "0755-1234567-8", NULL },
	{ "026-4381234转8", OK, "026-4381234-8", NULL },
	{ "021 643 81234", OK, "021-64381234", NULL },
	{ "021 6438 1234 801", OK, "021-64381234-801", NULL },
	{ "+86 21 6438 1234", OK, "021-64381234", NULL },
	{ "+86-10-12345678", OK, "010-12345678", NULL },
	{ "+86 755 12345678", OK, "0755-12345678", NULL },
	{ "0086-21-64381234", OK, "021-64381234", NULL },
	{ "+86 (0)21 6438 1234", OK, "021-64381234", NULL },
	{ "座机：021-64381234", OK, "021-64381234", NULL },
	/* several in one cell */
	{ "13800138000/13900139000", OK, "13800138000", several },
	{ "13800138000 / 13900139000", OK, "13800138000", several },
	{ "13800138000、13900139000", OK, "13800138000", several },
	{ "13800138000;13900139000", OK, "13800138000", several },
	{ "13800138000；13900139000", OK, "13800138000", several },
	{ "13800138000,13900139000", OK, "13800138000", several },
	{ "13800138000，13900139000", OK, "13800138000", several },
	{ "13800138000|13900139000", OK, "13800138000", several },
	{ "13800138000\n13900139000", OK, "13800138000", several },
	{ "13800138000或13900139000", OK, "13800138000", several },
	{ "13800138000 13900139000", OK, "13800138000", several },
	{ "021-64381234/13800138000", OK, "021-64381234", several },
	{ "无/13800138000", OK, "13800138000", NULL },
	{ "13800138000/", OK, "13800138000", NULL },
	{ "13800138000/无", OK, "13800138000", NULL },
	{ "13800138000 13900139000 13700137000", OK, "13800138000", several },
	{ "13800138000（本人）/13900139000", OK, "13800138000", several },
	{ "1.38E+10/13900139000", OK, "13900139000", "first is unusable" },
	{ "64381234、021-64381235", OK, "021-64381235", "first is unusable" },
	{ "64381234/1380013800", BAD, "", "landline without area code" },
	{ "1.38E+10/1.3900139000E+10", REC, "13900139000", "recovered" },
	{ "=\"13800138000\"", OK, "13800138000", NULL },
	{ "=\"021-64381234\"", OK, "021-64381234", NULL },
	/* a note after the number */
	{ "13800138000（本人）", OK, "13800138000", "note" },
	{ "13800138000 (儿子)", OK, "13800138000", "note" },
	{ "021-64381234(家)", OK, "021-64381234", "note" },
	/* Excel scientific notation */
	{ "1.3800138000E+10", REC, "13800138000", "recovered" },
	{ "1.3800138000e+10", REC, "13800138000", "recovered" },
	{ "1.3900139000E10", REC, "13900139000", "recovered" },
	{ "8.613800138000E+12", REC, "13800138000", "recovered" },
	{ "8.6138001380E+12", BAD, "", "last digits are lost" },
	{ "1.38001E+10", BAD, "", "last digits are lost" },
	{ "1.38E+10", BAD, "", "last digits are lost" },
	{ "1.3800138E+10", BAD, "", "last digits are lost" },
	{ "1.380013800E+10", BAD, "", "last digits are lost" },
	{ "1.38E-10", BAD, "", "not a phone" },
	{ "1.38001380001E+10", BAD, "", "not a whole number" },
	{ "2.1643812E+09", BAD, "", "last digits are lost" },
	{ "1.0000000000000000000000000000000000000000E+40", BAD, "",
	    "too many digits" },
	{ "1.0000000000000000000000000000000E+31", BAD, "",
	    "too many digits" },
	{ "1.380013800E+09", BAD, "", "too few digits for a mobile" },
	/* empty */
	{ "", EMP, "", NULL },
	{ "   ", EMP, "", NULL },
	{ "　", EMP, "", NULL },
	{ "无", EMP, "", NULL },
	{ "暂无", EMP, "", NULL },
	{ "-", EMP, "", NULL },
	{ "—", EMP, "", NULL },
	{ "/", EMP, "", NULL },
	{ "N/A", EMP, "", NULL },
	{ "'", EMP, "", NULL },
	/* bad */
	{ "64381234", BAD, "", "landline without area code; write it as "
	    "021-64381234" },
	{ "6438-1234", BAD, "", "landline without area code" },
	{ "6438123", BAD, "", "landline without area code" },
	{ "2164381234", BAD, "", "leading 0 of the area code missing" },
	{ "75512345678", BAD, "", "leading 0 of the area code missing" },
	{ "1380013800", BAD, "", "too few digits for a mobile" },
	{ "138 0013 800", BAD, "", "too few digits for a mobile" },
	{ "+86 138 0013 800", BAD, "", "too few digits for a mobile" },
	{ "138001380001", BAD, "", "too many digits for a mobile" },
	{ "13800138000-123", BAD, "", "too many digits for a mobile" },
	{ "12345678901", BAD, "", "start with 13 to 19" },
	{ "11012345678", BAD, "", "start with 13 to 19" },
	{ "12345", BAD, "", "too few digits" },
	{ "1380013800O", BAD, "", "letter O or l" },
	{ "138OO138000", BAD, "", "letter O or l" },
	{ "l3800138000", BAD, "", "letter O or l" },
	{ "138001380ab", BAD, "", "letters" },
	{ "abc", BAD, "", "no digits" },
	{ "张三", BAD, "", "no digits" },
	{ "张三13800138000", BAD, "", "text in the phone cell" },
	{ "13800138000张三", BAD, "", "text in the phone cell" },
	{ "13800138000 张三", BAD, "", "text in the phone cell" },
	{ "+852 9123 4567", BAD, "", "not a mainland China number" },
	{ "+1 415 555 0100", BAD, "", "not a mainland China number" },
	{ "00852 91234567", BAD, "", "not a mainland China number" },
	{ "+86", BAD, "", "only a country code" },
	{ "138+0013", BAD, "", "'+' in the middle" },
	{ "400-820-8820", BAD, "", "400/800 service number" },
	{ "800 820 8820", BAD, "", "400/800 service number" },
	{ "021-643812", BAD, "", "too few digits for a landline" },
	{ "021-643812345", BAD, "", "too many digits for a landline" },
	{ "0210-2345678", BAD, "", "local number cannot start with 0" },
	{ "021-04381234", BAD, "", "local number cannot start with 0" },
	{ "0211-2345678", OK, "021-12345678", NULL },
	{ "013-12345678", BAD, "", "no such area code" },
	{ "13800138000转123", BAD, "", "extension after a mobile" },
	{ "010-12345678转1234567", BAD, "", "extension needs 1 to 6" },
	{ "010-12345678-1234567", BAD, "", "extension needs 1 to 6" },
	{ "010-12345678转", BAD, "", "extension needs 1 to 6" },
	{ "110", BAD, "", "too few digits" },
	{ "95588", BAD, "", "too few digits" },
	{ "138 0013 8000 139 0013 9000", BAD, "", "too many digits" },
	{ "1234567890123456789012345678901234567890", BAD, "",
	    "too many digits" },
	{ "#N/A", BAD, "", "Excel error value" },
	{ "########", BAD, "", "column too narrow" },
};

static void
test_phones(void)
{
	char out[SQ_PHONE_MAX], small[8];
	const struct phone_case *c;
	const char *why;
	size_t i, len;
	char *cp;
	int r, ok;

	for (i = 0; i < NELEM(phones); i++) {
		c = &phones[i];
		len = strlen(c->in);
		memset(out, 'Z', sizeof(out));
		r = sq_phone_norm(c->in, len, out, sizeof(out), &why);
		ok = r == c->rc && strcmp(out, c->out) == 0 &&
		    why_ok(why, c->why) && (r != BAD || why != NULL);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  phone '%s': rc %d out '%s' why "
			    "'%s'; want %d '%s' '%s'\n", c->in, r, out,
			    why ? why : "(null)", c->rc, c->out,
			    c->why ? c->why : "(null)");
		cp = dup_exact(c->in, len);
		r = sq_phone_norm(cp, len, out, sizeof(out), NULL);
		ok = r == c->rc && strcmp(out, c->out) == 0;
		CHECK(ok);
		if (!ok)
			context("phone, unterminated", c->in, NULL);
		free(cp);
	}
	/* too long a cell */
	{
		char big[400];

		memset(big, '1', sizeof(big));
		CHECK(sq_phone_norm(big, sizeof(big), out, sizeof(out),
		    &why) == BAD);
		CHECK(why != NULL && strstr(why, "too long") != NULL);
	}
	/* output buffer too small: never overflows */
	r = sq_phone_norm("010-12345678-801", 16, small, sizeof(small), &why);
	CHECK(r == BAD);
	CHECK_STR(small, "");
	CHECK(why != NULL && strstr(why, "buffer too small") != NULL);

	fprintf(stderr, "phones: %zu table rows\n", NELEM(phones));
}

static void
test_phone_mask(void)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "13800138000", "138****8000" },
		{ "19912345678", "199****5678" },
		{ "021-64381234", "021-****1234" },
		{ "0755-1234567", "0755-****4567" },
		{ "010-12345678-801", "010-****5678" },
		{ "", "****" },
		{ "garbage", "****" },
		{ "1380013800", "****" },
		{ "021-123", "****" },
		{ "0a1-64381234", "****" },
	};
	char out[32], tiny[5];
	size_t i, n;

	for (i = 0; i < NELEM(t); i++) {
		n = sq_phone_mask(t[i].in, out, sizeof(out));
		CHECK_STR(out, t[i].out);
		CHECK(n == strlen(t[i].out));
	}
	n = sq_phone_mask("13800138000", tiny, sizeof(tiny));
	CHECK(n == 11);
	CHECK_STR(tiny, "138*");
	CHECK(sq_phone_mask("13800138000", NULL, 0) == 11);
}

/* ---- booleans --------------------------------------------------------- */

static const struct {
	const char	*in;
	int		 want;
} bools[] = {
	{ "是", 1 }, { "否", 0 }, { "有", 1 }, { "无", 0 }, { "√", 1 },
	{ "×", 0 }, { "✓", 1 }, { "✗", 0 }, { "✔", 1 }, { "✘", 0 },
	{ "对", 1 }, { "错", 0 }, { "Y", 1 }, { "N", 0 }, { "y", 1 },
	{ "n", 0 }, { "yes", 1 }, { "YES", 1 }, { "Yes", 1 }, { "no", 0 },
	{ "No", 0 }, { "NO", 0 }, { "1", 1 }, { "0", 0 }, { "true", 1 },
	{ "TRUE", 1 }, { "True", 1 }, { "false", 0 }, { "FALSE", 0 },
	{ "T", 1 }, { "F", 0 }, { "t", 1 }, { "f", 0 }, { "是的", 1 },
	{ "没有", 0 }, { "不是", 0 }, { "不", 0 }, { "☑", 1 }, { "☐", 0 },
	{ "✅", 1 }, { "❌", 0 }, { " 是 ", 1 }, { "　是　", 1 },
	{ "Ｙ", 1 }, { "ｙｅｓ", 1 }, { "Ｎｏ", 0 }, { "１", 1 }, { "'1", 1 },
	{ "\t否\r", 0 }, { "有（高血压）", 1 }, { "是(独居)", 1 },
	{ "无（）", 0 }, { "☑️", 1 }, { "✔️", 1 }, { "✖️", 0 }, { "(是)", -2 },
	/* unknown */
	{ "", -1 }, { "   ", -1 }, { "-", -1 }, { "—", -1 }, { "－", -1 },
	{ "--", -1 }, { "/", -1 }, { "?", -1 }, { "？", -1 }, { "未知", -1 },
	{ "不详", -1 }, { "不清楚", -1 }, { "N/A", -1 }, { "n/a", -1 },
	{ "NA", -1 }, { "nan", -1 }, { "NULL", -1 }, { "unknown", -1 },
	/* not booleans */
	{ "x", -2 }, { "X", -2 }, { "v", -2 }, { "V", -2 }, { "☒", -2 },
	{ "2", -2 }, { "maybe", -2 }, { "是否", -2 }, { "1.0", -2 },
	{ "yes!", -2 }, { "是。", -2 }, { "10", -2 }, { "ok", -2 },
	{ "正常", -2 }, { "#N/A", -2 },
};

static void
test_bools(void)
{
	size_t i, len;
	char *cp;
	int r, ok;

	for (i = 0; i < NELEM(bools); i++) {
		len = strlen(bools[i].in);
		r = sq_bool_parse(bools[i].in, len);
		ok = r == bools[i].want;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  bool '%s': %d, want %d\n",
			    bools[i].in, r, bools[i].want);
		cp = dup_exact(bools[i].in, len);
		CHECK(sq_bool_parse(cp, len) == bools[i].want);
		free(cp);
	}
	/* len is honoured: "是否" cut after 是 */
	CHECK(sq_bool_parse("是否", strlen("是")) == 1);
	CHECK(sq_bool_parse("noise", 2) == 0);
	fprintf(stderr, "booleans: %zu table rows\n", NELEM(bools));
}

/* ---- counts ----------------------------------------------------------- */

struct count_case {
	const char	*in;
	int		 rc;
	long		 v;
	const char	*why;
};

static const struct count_case counts[] = {
	{ "3", 0, 3, NULL },
	{ "3人", 0, 3, NULL },
	{ "3口", 0, 3, NULL },
	{ "3口人", 0, 3, NULL },
	{ "3 人", 0, 3, NULL },
	{ "3位", 0, 3, NULL },
	{ "3名", 0, 3, NULL },
	{ "3个", 0, 3, NULL },
	{ "3个人", 0, 3, NULL },
	{ "３", 0, 3, NULL },
	{ "３人", 0, 3, NULL },
	{ "3.0", 0, 3, NULL },
	{ "03", 0, 3, NULL },
	{ "0", 0, 0, NULL },
	{ "0人", 0, 0, NULL },
	{ "99", 0, 99, NULL },
	{ "12", 0, 12, NULL },
	{ "三", 0, 3, NULL },
	{ "三人", 0, 3, NULL },
	{ "三口人", 0, 3, NULL },
	{ "两人", 0, 2, NULL },
	{ "两口", 0, 2, NULL },
	{ "二", 0, 2, NULL },
	{ "一", 0, 1, NULL },
	{ "一人", 0, 1, NULL },
	{ "零", 0, 0, NULL },
	{ "十", 0, 10, NULL },
	{ "十一", 0, 11, NULL },
	{ "二十", 0, 20, NULL },
	{ "二十三", 0, 23, NULL },
	{ "九十九", 0, 99, NULL },
	{ "共3人", 0, 3, NULL },
	{ "共 3 人", 0, 3, NULL },
	{ "一共5人", 0, 5, NULL },
	{ "合计4口", 0, 4, NULL },
	{ "全家3口", 0, 3, NULL },
	{ "共三人", 0, 3, NULL },
	{ "共计：3人", 0, 3, NULL },
	{ "一家三口", 0, 3, NULL },
	{ "5口之家", 0, 5, NULL },
	{ "4人/户", 0, 4, NULL },
	{ " 3 ", 0, 3, NULL },
	{ "3人（2老1小）", 0, 3, "note after the count" },
	{ "3（含老人）", 0, 3, "note after the count" },
	/* empty or unknown */
	{ "", -1, 0, NULL },
	{ "  ", -1, 0, NULL },
	{ "-", -1, 0, NULL },
	{ "/", -1, 0, NULL },
	{ "无", -1, 0, NULL },
	{ "未知", -1, 0, NULL },
	{ "不详", -1, 0, NULL },
	/* bad */
	{ "3-4", -2, 0, "a range" },
	{ "3 - 4", -2, 0, "a range" },
	{ "3~4", -2, 0, "a range" },
	{ "3～4人", -2, 0, "a range" },
	{ "3到4", -2, 0, "a range" },
	{ "3或4人", -2, 0, "a range" },
	{ "三到四人", -2, 0, "a range" },
	{ "三四", -2, 0, "two numbers run together" },
	{ "七八人", -2, 0, "two numbers run together" },
	{ "几个", -2, 0, "not exact" },
	{ "若干", -2, 0, "not exact" },
	{ "十几", -2, 0, "not exact" },
	{ "二十多", -2, 0, "not exact" },
	{ "3人以上", -2, 0, "not exact" },
	{ "3+", -2, 0, "not exact" },
	{ "3人左右", -2, 0, "not exact" },
	{ "2+1", -2, 0, "several numbers" },
	{ "2大1小", -2, 0, "several numbers" },
	{ "2 3", -2, 0, "several numbers" },
	{ "-3", -2, 0, "negative" },
	{ "－3", -2, 0, "negative" },
	{ "100", -2, 0, "more than 99 members?" },
	{ "1000人", -2, 0, "more than 99 members?" },
	{ "一百", -2, 0, "more than 99 members?" },
	{ "3.5", -2, 0, "not a whole number" },
	{ "abc", -2, 0, "not a number of people" },
	{ "张三", -2, 0, "not a number of people" },
	{ "3人家", -2, 0, "not a number of people" },
	{ "十十", -2, 0, "not a number of people" },
	{ "3.", -2, 0, "not a number of people" },
	{ "#N/A", -2, 0, "Excel error" },
};

static void
test_counts(void)
{
	const struct count_case *c;
	const char *why;
	size_t i, len;
	long v;
	char *cp;
	int r, ok;

	for (i = 0; i < NELEM(counts); i++) {
		c = &counts[i];
		len = strlen(c->in);
		v = -999;
		r = sq_count_parse(c->in, len, &v, &why);
		ok = r == c->rc && (r != 0 || v == c->v) &&
		    (r == 0 || v == -999) && why_ok(why, c->why);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  count '%s': rc %d v %ld why '%s'; "
			    "want %d %ld '%s'\n", c->in, r, v,
			    why ? why : "(null)", c->rc, c->v,
			    c->why ? c->why : "(null)");
		cp = dup_exact(c->in, len);
		r = sq_count_parse(cp, len, &v, NULL);
		CHECK(r == c->rc);
		free(cp);
	}
	fprintf(stderr, "counts: %zu table rows\n", NELEM(counts));
}

/* ---- dates ------------------------------------------------------------ */

struct date_case {
	const char	*in;
	int		 year;
	int		 rc;
	const char	*out;
	const char	*why;
};

static const struct date_case dates[] = {
	{ "2022-04-01", 0, 0, "2022-04-01", NULL },
	{ "2022/4/1", 0, 0, "2022-04-01", NULL },
	{ "2022/04/01", 0, 0, "2022-04-01", NULL },
	{ "2022.4.1", 0, 0, "2022-04-01", NULL },
	{ "2022-4-1", 0, 0, "2022-04-01", NULL },
	{ "2022年4月1日", 0, 0, "2022-04-01", NULL },
	{ "2022年04月01日", 0, 0, "2022-04-01", NULL },
	{ "2022年4月1号", 0, 0, "2022-04-01", NULL },
	{ "2022 年 4 月 1 日", 0, 0, "2022-04-01", NULL },
	{ "2022年4月1", 0, 0, "2022-04-01", NULL },
	{ "20220401", 0, 0, "2022-04-01", NULL },
	{ "２０２２－０４－０１", 0, 0, "2022-04-01", NULL },
	{ "２０２２年４月１日", 0, 0, "2022-04-01", NULL },
	{ "２０２２／４／１", 0, 0, "2022-04-01", NULL },
	{ "  2022-04-01  ", 0, 0, "2022-04-01", NULL },
	{ "'2022-04-01", 0, 0, "2022-04-01", NULL },
	{ "=\"2022-04-01\"", 0, 0, "2022-04-01", NULL },
	{ "4月1日", 2022, 0, "2022-04-01", NULL },
	{ "4月1号", 2022, 0, "2022-04-01", NULL },
	{ "04月01日", 2022, 0, "2022-04-01", NULL },
	{ "4月1", 2022, 0, "2022-04-01", NULL },
	{ "4/1", 2022, 0, "2022-04-01", NULL },
	{ "04/01", 2022, 0, "2022-04-01", NULL },
	{ "4-1", 2022, 0, "2022-04-01", NULL },
	{ "4.1", 2022, 0, "2022-04-01", NULL },
	{ "4.10", 2022, 0, "2022-04-10", NULL },
	{ "12月31日", 2022, 0, "2022-12-31", NULL },
	{ "2月29日", 2024, 0, "2024-02-29", NULL },
	{ "2022-04-01", 2023, 0, "2022-04-01", NULL },
	/* with a time */
	{ "2022-04-01 08:30:00", 0, 0, "2022-04-01", NULL },
	{ "2022/4/1 8:30", 0, 0, "2022-04-01", NULL },
	{ "2022-04-01T08:30:00", 0, 0, "2022-04-01", NULL },
	{ "2022-04-01T08:30", 0, 0, "2022-04-01", NULL },
	{ "2022-04-01 08:30:00.000", 0, 0, "2022-04-01", NULL },
	/* a form's time stamp (the fast path) and its edges (the slow one) */
	{ "2022-04-10 15:57", 0, 0, "2022-04-10", NULL },
	{ "2022-04-10 23:59:59", 2022, 0, "2022-04-10", NULL },
	{ "2022-04-10 00:00", 0, 0, "2022-04-10", NULL },
	{ "2024-02-29 08:05", 0, 0, "2024-02-29", NULL },
	{ "2023-02-29 08:05", 0, -2, "", "" },
	{ "2022-04-10 24:00", 0, -2, "", "24:00" },
	{ "2022-04-10 12:60", 0, -2, "", "no such minute" },
	{ "2022-04-10 12:30:60", 0, -2, "", "" },
	{ "2022-04-10 1:30:00", 0, 0, "2022-04-10", NULL },
	{ "2022-04-10 15:57", 1800, -2, "", "default year" },
	{ "2022年4月1日 8:30", 0, 0, "2022-04-01", NULL },
	{ "2022年4月1日8点30分", 0, 0, "2022-04-01", NULL },
	{ "2022年4月1日 下午3点", 0, 0, "2022-04-01", NULL },
	{ "4月1日 8:30", 2022, 0, "2022-04-01", NULL },
	{ "20220401 08:30", 0, 0, "2022-04-01", NULL },
	/* with a weekday */
	{ "2022-04-01 星期五", 0, 0, "2022-04-01", NULL },
	{ "2022/4/1 周五", 0, 0, "2022-04-01", NULL },
	{ "4月1日（周五）", 2022, 0, "2022-04-01", NULL },
	{ "4月1日(周五)", 2022, 0, "2022-04-01", NULL },
	{ "4月3日 星期日", 2022, 0, "2022-04-03", NULL },
	/* Excel serials */
	{ "44652", 0, 0, "2022-04-01", NULL },
	{ "44652.5", 0, 0, "2022-04-01", NULL },
	{ "44652.354166667", 0, 0, "2022-04-01", NULL },
	{ "44562", 0, 0, "2022-01-01", NULL },
	{ "44926", 0, 0, "2022-12-31", NULL },
	{ "36526", 0, 0, "2000-01-01", NULL },
	{ "20000", 0, 0, "1954-10-03", NULL },
	{ "73415", 0, 0, "2100-12-31", NULL },
	/* the calendar */
	{ "2024-02-29", 0, 0, "2024-02-29", NULL },
	{ "2000-02-29", 0, 0, "2000-02-29", NULL },
	{ "1999-12-31", 0, 0, "1999-12-31", NULL },
	{ "1900-01-01", 0, 0, "1900-01-01", NULL },
	{ "2100-12-31", 0, 0, "2100-12-31", NULL },
	{ "2022-02-29", 0, -2, "", "February 29 in a year that is not" },
	{ "2100-02-29", 0, -2, "", "February 29" },
	{ "1900-02-29", 0, -2, "", "February 29" },
	{ "2月29日", 2022, -2, "", "February 29" },
	{ "2022-02-30", 0, -2, "", "no such day in that month" },
	{ "2022-04-31", 0, -2, "", "no such day in that month" },
	{ "2022-04-00", 0, -2, "", "no such day" },
	{ "2022-04-32", 0, -2, "", "no such day" },
	{ "2022-13-01", 0, -2, "", "no such month" },
	{ "2022-00-10", 0, -2, "", "no such month" },
	{ "20221301", 0, -2, "", "no such month" },
	{ "13/1", 2022, -2, "", "no such month" },
	{ "1850-01-01", 0, -2, "", "year out of range" },
	{ "12345678", 0, -2, "", "year out of range" },
	{ "80000", 0, -2, "", "year out of range" },
	/* no year */
	{ "4月1日", 0, -2, "", "no year; give --date" },
	{ "4/1", 0, -2, "", "no year; give --date" },
	{ "4/1", 99, -2, "", "default year out of range" },
	/* ambiguous */
	{ "4/1/2022", 2022, -2, "", "ambiguous" },
	{ "1/4/2022", 0, -2, "", "ambiguous" },
	{ "01-04-2022", 0, -2, "", "ambiguous" },
	{ "22-04-01", 0, -2, "", "ambiguous" },
	{ "22/4/1", 2022, -2, "", "ambiguous" },
	{ "22年4月1日", 0, -2, "", "ambiguous" },
	/* incomplete or other */
	{ "2022-04", 0, -2, "", "no day" },
	{ "2022年4月", 0, -2, "", "no day" },
	{ "2022/4", 0, -2, "", "no day" },
	{ "2022", 0, -2, "", "not a date" },
	{ "4月", 2022, -2, "", "not a date" },
	{ "2022-4/1", 0, -2, "", "mixed separators" },
	{ "2022-04-01T08:30:00Z", 0, -2, "", "time zone" },
	{ "2022-04-01T08:30:00+08:00", 0, -2, "", "time zone" },
	{ "2022-04-01 abc", 0, -2, "", "unexpected text after the date" },
	{ "2022-04-01abc", 0, -2, "", "unexpected text after the date" },
	{ "2022-04-01 25:00", 0, -2, "", "no such hour" },
	{ "2022-04-0108:30", 0, -2, "", "not a date" },
	{ "12345", 0, -2, "", "Excel date number" },
	{ "99999", 0, -2, "", "Excel date number" },
	{ "202204011", 0, -2, "", "not a date" },
	{ "abc", 0, -2, "", "not a date" },
	{ "昨天", 2022, -2, "", "not a date" },
	{ "四月一日", 2022, -2, "", "not a date" },
	{ "2022--04-01", 0, -2, "", "not a date" },
	{ "#VALUE!", 0, -2, "", "Excel error" },
	/* empty */
	{ "", 0, -1, "", NULL },
	{ "  ", 2022, -1, "", NULL },
	{ "-", 0, -1, "", NULL },
	{ "无", 0, -1, "", NULL },
	{ "/", 0, -1, "", NULL },
};

static void
test_dates(void)
{
	const struct date_case *c;
	const char *why;
	char out[11], *cp;
	size_t i, len;
	int r, ok;

	for (i = 0; i < NELEM(dates); i++) {
		c = &dates[i];
		len = strlen(c->in);
		memset(out, 'Z', sizeof(out));
		r = sq_date_parse(c->in, len, c->year, out, &why);
		ok = r == c->rc && strcmp(out, c->out) == 0 &&
		    why_ok(why, c->why);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  date '%s' (%d): rc %d out '%s' why "
			    "'%s'; want %d '%s' '%s'\n", c->in, c->year, r,
			    out, why ? why : "(null)", c->rc, c->out,
			    c->why ? c->why : "(null)");
		cp = dup_exact(c->in, len);
		r = sq_date_parse(cp, len, c->year, out, NULL);
		CHECK(r == c->rc && strcmp(out, c->out) == 0);
		free(cp);
	}
	fprintf(stderr, "dates: %zu table rows\n", NELEM(dates));
}

static void
test_date_days(void)
{
	static const struct {
		const char *ymd;
		int days;
	} t[] = {
		{ "1970-01-01", 0 }, { "1970-01-02", 1 }, { "1969-12-31", -1 },
		{ "2000-03-01", 11017 }, { "2022-04-01", 19083 },
		{ "1900-01-01", -25567 }, { "2100-12-31", 47846 },
		{ "0000-03-01", -719468 }, { "9999-12-31", 2932896 },
	};
	static const char *const bad[] = {
		"2022-02-30", "2022-4-1", "2022/04/01", "2022-04-01x",
		"2022-13-01", "2022-00-01", "abcd-ef-gh", "2022-04-1 ",
	};
	char out[11], buf[40];	/* 40: room for any int, says gcc */
	size_t i;
	int d, y, m, dd, n, ok;

	for (i = 0; i < NELEM(t); i++) {
		CHECK(sq_date_days(t[i].ymd) == t[i].days);
		sq_date_from_days(t[i].days, out);
		CHECK_STR(out, t[i].ymd);
	}
	for (i = 0; i < NELEM(bad); i++) {
		memset(buf, 0, sizeof(buf));
		memcpy(buf, bad[i], strlen(bad[i]) < 10 ? strlen(bad[i]) : 10);
		if (strlen(bad[i]) > 10)
			buf[10] = 'x';	/* not NUL at [10] */
		CHECK(sq_date_days(buf) == SQ_DATE_INVALID);
	}
	sq_date_from_days(INT_MAX, out);
	CHECK_STR(out, "0000-00-00");
	sq_date_from_days(INT_MIN + 1, out);
	CHECK_STR(out, "0000-00-00");

	/* walk the calendar day by day from 1900 to 2100 */
	ok = 1;
	n = sq_date_days("1900-01-01");
	for (y = 1900; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (dd = 1; dd <= 31; dd++) {
				snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y,
				    m, dd);
				d = sq_date_days(buf);
				if (d == SQ_DATE_INVALID)
					continue;
				sq_date_from_days(d, out);
				if (d != n || strcmp(out, buf) != 0) {
					ok = 0;
					fprintf(stderr, "  days %s: %d, want "
					    "%d; back %s\n", buf, d, n, out);
				}
				n++;
			}
	CHECK(ok);
	CHECK(n == sq_date_days("2101-01-01"));
}

/* ---- times ------------------------------------------------------------ */

struct time_case {
	const char	*in;
	int		 rc;
	const char	*out;
	const char	*why;
};

static const struct time_case times[] = {
	{ "8:30", 0, "08:30", NULL },
	{ "08:30", 0, "08:30", NULL },
	{ "08:30:15", 0, "08:30", NULL },
	{ "8:30:59", 0, "08:30", NULL },
	{ "08:30:15.250", 0, "08:30", NULL },
	{ "0:00", 0, "00:00", NULL },
	{ "00:00", 0, "00:00", NULL },
	{ "23:59", 0, "23:59", NULL },
	{ "８：３０", 0, "08:30", NULL },
	{ "8：30", 0, "08:30", NULL },
	{ " 8:30 ", 0, "08:30", NULL },
	{ "8点30分", 0, "08:30", NULL },
	{ "8点30", 0, "08:30", NULL },
	{ "8点", 0, "08:00", NULL },
	{ "8点钟", 0, "08:00", NULL },
	{ "8时30分", 0, "08:30", NULL },
	{ "8时", 0, "08:00", NULL },
	{ "8点半", 0, "08:30", NULL },
	{ "8点一刻", 0, "08:15", NULL },
	{ "8点三刻", 0, "08:45", NULL },
	{ "8点05分", 0, "08:05", NULL },
	{ "8点5分", 0, "08:05", NULL },
	{ "8点30分15秒", 0, "08:30", NULL },
	{ "14点20分", 0, "14:20", NULL },
	{ "下午3:05", 0, "15:05", NULL },
	{ "下午 3:05", 0, "15:05", NULL },
	{ "上午9:00", 0, "09:00", NULL },
	{ "PM 3:05", 0, "15:05", NULL },
	{ "pm3:05", 0, "15:05", NULL },
	{ "3:05 PM", 0, "15:05", NULL },
	{ "3:05pm", 0, "15:05", NULL },
	{ "3:05 p.m.", 0, "15:05", NULL },
	{ "9:00 AM", 0, "09:00", NULL },
	{ "12:30 AM", 0, "00:30", NULL },
	{ "12:30 PM", 0, "12:30", NULL },
	{ "上午12:00", 0, "00:00", NULL },
	{ "中午12:10", 0, "12:10", NULL },
	{ "中午1点", 0, "13:00", NULL },
	{ "下午3点", 0, "15:00", NULL },
	{ "下午3点半", 0, "15:30", NULL },
	{ "下午 3 点", 0, "15:00", NULL },
	{ "3pm", 0, "15:00", NULL },
	{ "3 PM", 0, "15:00", NULL },
	{ "11 am", 0, "11:00", NULL },
	{ "1:00:00 PM", 0, "13:00", NULL },
	{ "下午15:00", 0, "15:00", NULL },
	{ "晚上8点", 0, "20:00", NULL },
	{ "晚上12点", 0, "00:00", NULL },
	{ "凌晨2点", 0, "02:00", NULL },
	{ "夜里1点", 0, "01:00", NULL },
	{ "早上7:30", 0, "07:30", NULL },
	{ "2022-04-01 08:30", 0, "08:30", NULL },
	{ "2022/4/1 8:30:00", 0, "08:30", NULL },
	{ "2022-04-01T08:30:00", 0, "08:30", NULL },
	{ "2022年4月1日 8:30", 0, "08:30", NULL },
	{ "2022年4月1日8点30分", 0, "08:30", NULL },
	{ "4月1日 8:30", 0, "08:30", NULL },
	{ "4/1 8:30", 0, "08:30", NULL },
	{ "0.354166", 0, "08:30", NULL },
	{ "0.3541666666666667", 0, "08:30", NULL },
	{ "0.5", 0, "12:00", NULL },
	{ "0.75", 0, "18:00", NULL },
	{ ".25", 0, "06:00", NULL },
	{ "0.0", 0, "00:00", NULL },
	{ "0.999999", 0, "00:00", NULL },
	{ "44652.354166", 0, "08:30", NULL },
	{ "8.30", 0, "08:30", NULL },
	{ "12.00", 0, "12:00", NULL },
	{ "23.59", 0, "23:59", NULL },
	/* bad */
	{ "25:00", -2, "", "no such hour" },
	{ "24:00", -2, "", "24:00 is not a time of day" },
	{ "24:30", -2, "", "no such hour" },
	{ "8:60", -2, "", "no such minute" },
	{ "8点75分", -2, "", "no such minute" },
	{ "8:5", -2, "", "minutes need two digits" },
	{ "上午13:00", -2, "", "does not fit" },
	{ "下午0点", -2, "", "does not fit" },
	{ "中午8点", -2, "", "does not fit" },
	{ "上午9:00 PM", -2, "", "not a time" },
	{ "8:00-9:00", -2, "", "a time range" },
	{ "8点到9点", -2, "", "a time range" },
	{ "08:30Z", -2, "", "time zone" },
	{ "8", -2, "", "a bare number" },
	{ "830", -2, "", "a bare number" },
	{ "44652", -2, "", "a bare number" },
	{ "8.5", -2, "", "ambiguous number" },
	{ "8.300", -2, "", "ambiguous number" },
	{ "24.00", -2, "", "ambiguous number" },
	{ "8.75", -2, "", "no such minute" },
	{ "abc", -2, "", "not a time" },
	{ "早上", -2, "", "not a time" },
	{ "下午3", -2, "", "not a time" },
	{ "3 3", -2, "", "not a time" },
	{ "8:30:75", -2, "", "not a time" },
	{ "123:45", -2, "", "not a time" },
	{ "2022-04-01", -2, "", "a date, not a time" },
	{ "2022-02-30 08:30", -2, "", "no such day" },
	{ "#N/A", -2, "", "Excel error" },
	/* empty */
	{ "", -1, "", NULL },
	{ "-", -1, "", NULL },
	{ "　", -1, "", NULL },
};

static void
test_times(void)
{
	const struct time_case *c;
	const char *why;
	char out[6], *cp;
	size_t i, len;
	int r, ok;

	for (i = 0; i < NELEM(times); i++) {
		c = &times[i];
		len = strlen(c->in);
		memset(out, 'Z', sizeof(out));
		r = sq_time_parse(c->in, len, out, &why);
		ok = r == c->rc && strcmp(out, c->out) == 0 &&
		    why_ok(why, c->why);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  time '%s': rc %d out '%s' why '%s'; "
			    "want %d '%s' '%s'\n", c->in, r, out,
			    why ? why : "(null)", c->rc, c->out,
			    c->why ? c->why : "(null)");
		cp = dup_exact(c->in, len);
		r = sq_time_parse(cp, len, out, NULL);
		CHECK(r == c->rc && strcmp(out, c->out) == 0);
		free(cp);
	}
	fprintf(stderr, "times: %zu table rows\n", NELEM(times));
}

/* ---- temperatures ----------------------------------------------------- */

struct temp_case {
	const char	*in;
	int		 rc;
	double		 v;
	const char	*why;
};

static const char fahr[] = "looks like °F; convert to °C";
static const char impossible[] = "impossible temperature";

static const struct temp_case temps[] = {
	{ "36.5", 0, 36.5, NULL },
	{ "36.5℃", 0, 36.5, NULL },
	{ "36.5 ℃", 0, 36.5, NULL },
	{ "36.5°C", 0, 36.5, NULL },
	{ "36.5°c", 0, 36.5, NULL },
	{ "36.5 °C", 0, 36.5, NULL },
	{ "36.5°", 0, 36.5, NULL },
	{ "36.5º", 0, 36.5, NULL },
	{ "36.5ºC", 0, 36.5, NULL },
	{ "36.5C", 0, 36.5, NULL },
	{ "36.5c", 0, 36.5, NULL },
	{ "36.5度", 0, 36.5, NULL },
	{ "36.5 度", 0, 36.5, NULL },
	{ "36.5摄氏度", 0, 36.5, NULL },
	{ "36,5", 0, 36.5, NULL },
	{ "36,5℃", 0, 36.5, NULL },
	{ "３６．５", 0, 36.5, NULL },
	{ "３６．５℃", 0, 36.5, NULL },
	{ "３６，５", 0, 36.5, NULL },
	{ "36。5", 0, 36.5, NULL },
	{ "  36.5  ", 0, 36.5, NULL },
	{ "'36.5", 0, 36.5, NULL },
	{ "36", 0, 36.0, NULL },
	{ "36.0", 0, 36.0, NULL },
	{ "36.50", 0, 36.5, NULL },
	{ "36.55", 0, 36.55, NULL },
	{ "36.6", 0, 36.6, NULL },
	{ "37.3", 0, 37.3, NULL },
	{ "38.5℃", 0, 38.5, NULL },
	{ "35.9", 0, 35.9, NULL },
	{ "34.0", 0, 34.0, NULL },
	{ "34", 0, 34.0, NULL },
	{ "43.0", 0, 43.0, NULL },
	{ "43", 0, 43.0, NULL },
	{ "42.9", 0, 42.9, NULL },
	{ "36.8（晨）", 0, 36.8, "note after the reading" },
	{ "36.8℃ (复测)", 0, 36.8, "note after the reading" },
	{ "36.8 (2次)", -2, 0, "several readings" },
	/* Fahrenheit */
	{ "97.7°F", -2, 0, fahr },
	{ "97.7 °F", -2, 0, fahr },
	{ "97.7F", -2, 0, fahr },
	{ "97.7f", -2, 0, fahr },
	{ "97.7℉", -2, 0, fahr },
	{ "97.7", -2, 0, fahr },
	{ "98.6", -2, 0, fahr },
	{ "93", -2, 0, fahr },
	{ "108", -2, 0, fahr },
	{ "100.4", -2, 0, fahr },
	{ "97.7℃", -2, 0, fahr },
	{ "华氏97.7", -2, 0, fahr },
	{ "97.7华氏度", -2, 0, fahr },
	{ "36.5F", -2, 0, fahr },
	/* impossible */
	{ "25.0", -2, 0, impossible },
	{ "25", -2, 0, impossible },
	{ "3.65", -2, 0, impossible },
	{ "0", -2, 0, impossible },
	{ "-1", -2, 0, impossible },
	{ "33.9", -2, 0, impossible },
	{ "43.1", -2, 0, impossible },
	{ "50", -2, 0, impossible },
	{ "92.9", -2, 0, impossible },
	{ "108.1", -2, 0, impossible },
	{ "150", -2, 0, impossible },
	{ "3650", -2, 0, impossible },
	{ "12345678901", -2, 0, impossible },
	/* no decimal point */
	{ "365", -2, 0, "no decimal point?" },
	{ "372", -2, 0, "no decimal point?" },
	{ "340", -2, 0, "no decimal point?" },
	{ "430", -2, 0, "no decimal point?" },
	{ "365℃", -2, 0, "no decimal point?" },
	/* not numbers */
	{ "正常", -2, 0, "not a number; record the reading" },
	{ "normal", -2, 0, "not a number" },
	{ "ok", -2, 0, "not a number" },
	{ "abc", -2, 0, "not a number" },
	{ "未测", -2, 0, "not a number" },
	{ "36.", -2, 0, "not a number" },
	{ "36.5度左右", -2, 0, "not a number" },
	{ "体温36.5", -2, 0, "not a number" },
	{ "36.5 正常", -2, 0, "not a number" },
	/* several */
	{ "36.5/36.8", -2, 0, "several readings" },
	{ "36.5-36.8", -2, 0, "several readings" },
	{ "36.5 36.8", -2, 0, "several readings" },
	{ "36.5℃/36.8℃", -2, 0, "several readings" },
	{ "36.5.1", -2, 0, "several readings" },
	{ "#N/A", -2, 0, "Excel error" },
	/* empty */
	{ "", -1, 0, NULL },
	{ "-", -1, 0, NULL },
	{ "/", -1, 0, NULL },
	{ "无", -1, 0, NULL },
	{ "　", -1, 0, NULL },
};

static void
test_temps(void)
{
	const struct temp_case *c;
	const char *why;
	double v;
	size_t i, len;
	char *cp;
	int r, ok;

	for (i = 0; i < NELEM(temps); i++) {
		c = &temps[i];
		len = strlen(c->in);
		v = -999.0;
		r = sq_temp_parse(c->in, len, &v, &why);
		ok = r == c->rc && (r != 0 || v == c->v) &&
		    (r == 0 || v == -999.0) && why_ok(why, c->why);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  temp '%s': rc %d v %g why '%s'; "
			    "want %d %g '%s'\n", c->in, r, v,
			    why ? why : "(null)", c->rc, c->v,
			    c->why ? c->why : "(null)");
		cp = dup_exact(c->in, len);
		CHECK(sq_temp_parse(cp, len, &v, NULL) == c->rc);
		free(cp);
	}
	fprintf(stderr, "temperatures: %zu table rows\n", NELEM(temps));
}

/* ---- plain numbers ---------------------------------------------------- */

static void
test_longs(void)
{
	static const struct {
		const char *in;
		long min, max;
		int rc;
		long v;
	} t[] = {
		{ "42", 0, 100, 0, 42 },
		{ " 42 ", 0, 100, 0, 42 },
		{ "+42", 0, 100, 0, 42 },
		{ "-5", -10, 10, 0, -5 },
		{ "0", 0, 0, 0, 0 },
		{ "-0", 0, 0, 0, 0 },
		{ "007", 0, 100, 0, 7 },
		{ "１２", 0, 100, 0, 12 },
		{ "3.0", 0, 100, 0, 3 },
		{ "3.000", 0, 100, 0, 3 },
		{ "9223372036854775807", LONG_MIN, LONG_MAX, 0, LONG_MAX },
		{ "-9223372036854775808", LONG_MIN, LONG_MAX, 0, LONG_MIN },
		{ "9223372036854775808", LONG_MIN, LONG_MAX, -3, 0 },
		{ "-9223372036854775809", LONG_MIN, LONG_MAX, -3, 0 },
		{ "99999999999999999999999", LONG_MIN, LONG_MAX, -3, 0 },
		{ "-9223372036854775808", -1, 1, -3, 0 },
		{ "101", 0, 100, -3, 0 },
		{ "-1", 0, 100, -3, 0 },
		{ "", 0, 100, -1, 0 },
		{ "   ", 0, 100, -1, 0 },
		{ "-", 0, 100, -2, 0 },
		{ "+", 0, 100, -2, 0 },
		{ "abc", 0, 100, -2, 0 },
		{ "12a", 0, 100, -2, 0 },
		{ "3.5", 0, 100, -2, 0 },
		{ "3.", 0, 100, -2, 0 },
		{ "1,000", 0, 10000, -2, 0 },
		{ "0x10", 0, 100, -2, 0 },
		{ "1e3", 0, 10000, -2, 0 },
		{ "- 5", -10, 10, -2, 0 },
		{ "无", 0, 100, -2, 0 },
	};
	size_t i;
	long v;
	int r, ok;

	for (i = 0; i < NELEM(t); i++) {
		v = -12345;
		r = sq_long_parse(t[i].in, strlen(t[i].in), t[i].min,
		    t[i].max, &v);
		ok = r == t[i].rc && v == (r == 0 ? t[i].v : -12345);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  long '%s': rc %d v %ld\n", t[i].in,
			    r, v);
	}
}

/* A tiny deterministic generator: no rand(), same numbers everywhere. */
static uint64_t
lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

static void
test_doubles(void)
{
	static const struct {
		const char *in;
		int rc;
		double v;
	} t[] = {
		{ "36.5", 0, 36.5 }, { "-0.25", 0, -0.25 }, { "1e3", 0, 1e3 },
		{ "1.5E-3", 0, 1.5e-3 }, { ".5", 0, 0.5 }, { "5.", 0, 5.0 },
		{ "0", 0, 0.0 }, { "0.000", 0, 0.0 }, { "0.1", 0, 0.1 },
		{ "1e22", 0, 1e22 }, { "1e23", 0, 1e23 }, { "+7", 0, 7.0 },
		{ " 2.5 ", 0, 2.5 }, { "１．５", 0, 1.5 }, { "1e-400", 0, 0.0 },
		{ "3.14159265358979323846", 0, 3.14159265358979323846 },
		{ "123456789012345678901234567890", 0,
		    123456789012345678901234567890.0 },
		{ "0.000000000000000000000000000001", 0, 1e-30 },
		{ "1e400", -3, 0 }, { "-1e400", -3, 0 },
		{ "", -1, 0 }, { "  ", -1, 0 },
		{ "abc", -2, 0 }, { "1.2.3", -2, 0 }, { "1,5", -2, 0 },
		{ "inf", -2, 0 }, { "nan", -2, 0 }, { "0x1p3", -2, 0 },
		{ "1e", -2, 0 }, { "e5", -2, 0 }, { ".", -2, 0 },
		{ "-", -2, 0 }, { "1e+", -2, 0 }, { "--1", -2, 0 },
	};
	char buf[64], *end;
	uint64_t seed = 42;
	double v, w;
	size_t i;
	int r, ok, k, bad = 0;

	for (i = 0; i < NELEM(t); i++) {
		v = -12345.0;
		r = sq_double_parse(t[i].in, strlen(t[i].in), &v);
		ok = r == t[i].rc && v == (r == 0 ? t[i].v : -12345.0);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  double '%s': rc %d v %.17g\n",
			    t[i].in, r, v);
	}
	/* agree with strtod bit for bit on many generated numbers */
	for (k = 0; k < 200000; k++) {
		uint64_t a = lcg(&seed), b = lcg(&seed), c = lcg(&seed);

		switch (k % 4) {
		case 0:
			snprintf(buf, sizeof(buf), "%llu.%llu",
			    (unsigned long long)(a % 1000),
			    (unsigned long long)(b % 100000));
			break;
		case 1:
			snprintf(buf, sizeof(buf), "%.*g", (int)(c % 17) + 1,
			    (double)a / (double)(b + 1) * 1e-3);
			break;
		case 2:
			snprintf(buf, sizeof(buf), "-%llu%llue%d",
			    (unsigned long long)a, (unsigned long long)b,
			    (int)(c % 80) - 40);
			break;
		default:
			snprintf(buf, sizeof(buf), "0.%06llu%llu",
			    (unsigned long long)(a % 1000000),
			    (unsigned long long)b);
			break;
		}
		w = strtod(buf, &end);
		r = sq_double_parse(buf, strlen(buf), &v);
		if (r != 0 || memcmp(&v, &w, sizeof(v)) != 0) {
			if (bad++ < 5)
				fprintf(stderr, "  double '%s': %.17g, strtod "
				    "%.17g\n", buf, v, w);
		}
	}
	CHECK(bad == 0);
}

/* ---- robustness ------------------------------------------------------- */

/*
 * Random byte soup and mutated real cells: no crash (ASan), every result
 * in range, every failure explained, every success well formed.
 */
static void
test_soup(void)
{
	static const char *const seeds[] = {
		"13800138000", "+86 (021) 6438-1234转801", "1.38E+10",
		"2022年4月1日 下午3点半", "３６．５℃", "共3人（2老1小）",
		"是", "0.354166", "44652.5", "晚上12点", "010-12345678-801",
		"36,5", "#N/A", "十一", "４月１日（周五）",
	};
	static const char alphabet[] = "0123456789 -./:+()年月日点分时转xEe℃°"
	    "FC上午下午人口十二三两，、；：　１２３＋－．";
	uint64_t seed = 7;
	char in[96], out[SQ_PHONE_MAX], d[11], tm[6];
	const char *why;
	double dv;
	long lv;
	int k, n, j, r, bad = 0;

	for (k = 0; k < 100000; k++) {
		if (k % 2) {
			n = (int)(lcg(&seed) % sizeof(in));
			for (j = 0; j < n; j++)
				in[j] = k % 4 == 1 ? (char)lcg(&seed) :
				    alphabet[lcg(&seed) % (sizeof(alphabet) -
				    1)];
		} else {
			const char *s = seeds[lcg(&seed) % NELEM(seeds)];

			n = (int)strlen(s);
			memcpy(in, s, (size_t)n);
			for (j = (int)(lcg(&seed) % 4); j > 0; j--)
				in[lcg(&seed) % (uint64_t)n] =
				    (char)lcg(&seed);
			n = (int)(lcg(&seed) % (uint64_t)(n + 1));
		}
		{
			char *cp = dup_exact(in, (size_t)n);

			r = sq_phone_norm(cp, (size_t)n, out, sizeof(out),
			    &why);
			if (r < SQ_PHONE_EMPTY || r > SQ_PHONE_BAD ||
			    (r == SQ_PHONE_BAD && why == NULL) ||
			    ((r == SQ_PHONE_OK || r == SQ_PHONE_RECOVERED) &&
			    strlen(out) < 11))
				bad++;
			r = sq_bool_parse(cp, (size_t)n);
			if (r < -2 || r > 1)
				bad++;
			r = sq_count_parse(cp, (size_t)n, &lv, &why);
			if ((r == -2 && why == NULL) ||
			    (r == 0 && (lv < 0 || lv > 99)))
				bad++;
			r = sq_date_parse(cp, (size_t)n, 2022, d, &why);
			if ((r == -2 && why == NULL) ||
			    (r == 0 && sq_date_days(d) == SQ_DATE_INVALID))
				bad++;
			r = sq_time_parse(cp, (size_t)n, tm, &why);
			if ((r == -2 && why == NULL) || (r == 0 &&
			    (strlen(tm) != 5 || strcmp(tm, "23:59") > 0)))
				bad++;
			r = sq_temp_parse(cp, (size_t)n, &dv, &why);
			if ((r == -2 && why == NULL) ||
			    (r == 0 && (dv < 34.0 || dv > 43.0)))
				bad++;
			(void)sq_long_parse(cp, (size_t)n, 0, 100, &lv);
			(void)sq_double_parse(cp, (size_t)n, &dv);
			free(cp);
		}
	}
	CHECK(bad == 0);
}

int
main(void)
{
	test_phones();
	test_phone_mask();
	test_bools();
	test_counts();
	test_dates();
	test_date_days();
	test_times();
	test_temps();
	test_longs();
	test_doubles();
	test_soup();
	UNIT_DONE();
}
