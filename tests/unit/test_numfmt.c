/*
 * test_numfmt.c — numbers as Excel shows them: format codes as workbooks
 * spell them (Excel, WPS, 腾讯文档, openpyxl, libxlsxwriter), the built-in
 * ids of zh-CN, stored texts as writers put them in <v>.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *
show(const char *code, double v, int d1904, int *lost)
{
	static char out[SQ_NUMFMT_MAX];
	struct sq_numfmt f;

	sq_numfmt_parse(code, &f);
	sq_numfmt_render(&f, v, d1904, out, lost);
	return out;
}

static const char *
text(const char *code, const char *s, int *lost)
{
	static char out[SQ_NUMFMT_MAX];
	struct sq_numfmt f;

	sq_numfmt_parse(code, &f);
	if (sq_numfmt_text(&f, s, strlen(s), 0, out, lost) < 0)
		return "(not a number)";
	return out;
}

int
main(void)
{
	static const struct { const char *code; double v; const char *want; } cases[] = {
		/* General: integers in full, 15 digits, never scientific */
		{ "General", 13800138000.0, "13800138000" },
		{ NULL, 13800138000.0, "13800138000" },
		{ "General", 0.1 + 0.2, "0.3" },
		{ "General", 37.3, "37.3" },
		{ "General", -5, "-5" },
		{ "General", 0, "0" },
		{ "General", 1e-5, "0.00001" },
		{ "General", 123456789012345.0, "123456789012345" },
		{ "General", 1.5e300, "1.5E+300" },
		{ "General", 2.0 / 3.0, "0.666666666666667" },
		{ "@", 13800138000.0, "13800138000" },
		/* number formats */
		{ "0", 13800138000.0, "13800138000" },
		{ "0", 2.5, "3" },
		{ "0", -2.5, "-3" },
		{ "0.0", 37.25, "37.3" },
		{ "0.0", 37.0, "37.0" },
		{ "0.00", 2.675, "2.68" },
		{ "0.00", -0.001, "0.00" },
		{ "0.0#", 37.3, "37.3" },
		{ "0.0#", 37.35, "37.35" },
		{ "#,##0", 1234567, "1234567" },
		{ "#,##0.00", 1234.5, "1234.50" },
		{ "000000", 12345, "012345" },
		{ "0000", 502, "0502" },
		{ "0%", 0.5, "50%" },
		{ "0.00%", 0.12345, "12.35%" },
		{ "0.0,", 12345, "12.3" },
		{ "\"¥\"#,##0.00", 12.5, "12.50" },
		{ "0.0\"℃\"", 37.3, "37.3" },
		{ "[Red]0.00;[Blue]-0.00", 3.14159, "3.14" },
		{ "#,##0_);[Red](#,##0)", 12, "12" },
		{ "0.00E+00", 13800138000.0, "13800138000" },
		{ "##0.0E+0", 13800138000.0, "13800138000" },
		{ "# ?/?", 0.5, "0.5" },
		{ "0.000", 0.0005, "0.001" },
		{ "0.0", 9.96, "10.0" },
		{ "0", 999999.5, "1000000" },
		{ "#", 0.3, "0" },
		/* dates and times */
		{ "yyyy-mm-dd", 44652, "2022-04-01" },
		{ "yyyy/m/d", 44652, "2022-04-01" },
		{ "m/d/yy", 44652, "2022-04-01" },
		{ "yyyy\"年\"m\"月\"d\"日\"", 44652, "2022-04-01" },
		{ "[$-804]yyyy\"年\"m\"月\"d\"日\"", 44652, "2022-04-01" },
		{ "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", 44652, "2022-04-01" },
		{ "yyyy-mm-dd h:mm", 44652.5, "2022-04-01 12:00" },
		{ "yyyy-mm-dd hh:mm:ss", 44652.75, "2022-04-01 18:00:00" },
		{ "h:mm", 0.3125, "07:30" },
		{ "h:mm AM/PM", 0.8125, "19:30" },
		{ "上午/下午h\"时\"mm\"分\"", 0.8125, "19:30" },
		{ "mm:ss", 0.5 / 24, "00:30:00" },
		{ "[h]:mm", 1.5, "36:00" },
		{ "[h]:mm:ss", 1.5, "36:00:00" },
		{ "d-mmm-yy", 1, "1900-01-01" },
		{ "yyyy-mm-dd", 59, "1900-02-28" },
		{ "yyyy-mm-dd", 60, "1900-02-29" },
		{ "yyyy-mm-dd", 61, "1900-03-01" },
		{ "yyyy-mm-dd", 2958465, "9999-12-31" },
		{ "yyyy-mm-dd", -1, "-1" },
		{ "yyyy-mm-dd h:mm:ss", 44652.999999, "2022-04-02 00:00:00" },
		{ "mmm-yy", 44652, "2022-04-01" },
	};
	for (size_t i = 0; i < NELEM(cases); i++) {
		char ctx[128];
		snprintf(ctx, sizeof(ctx), "%s %.17g", cases[i].code ?
		    cases[i].code : "(null)", cases[i].v);
		CHECK_STR_CTX(show(cases[i].code, cases[i].v, 0, NULL),
		    cases[i].want, ctx);
	}

	/* the 1904 date system: serial 0 is 1904-01-01 */
	CHECK_STR(show("yyyy-mm-dd", 0, 1, NULL), "1904-01-01");
	CHECK_STR(show("yyyy-mm-dd", 43190, 1, NULL), "2022-04-01");

	/* built-in ids, zh-CN's dates among them */
	static const struct { int id; double v; const char *want; } ids[] = {
		{ 0, 13800138000.0, "13800138000" }, { 1, 3.6, "4" },
		{ 2, 3.6, "3.60" }, { 9, 0.25, "25%" }, { 14, 44652, "2022-04-01" },
		{ 22, 44652.5, "2022-04-01 12:00" }, { 20, 0.5, "12:00" },
		{ 21, 0.5, "12:00:00" }, { 31, 44652, "2022-04-01" },
		{ 57, 44652, "2022-04-01" }, { 58, 44652, "2022-04-01" },
		{ 32, 0.5, "12:00" }, { 49, 12, "12" }, { 11, 13800138000.0,
		"13800138000" }, { 99, 1.5, "1.5" }, { -1, 1.5, "1.5" },
		{ 46, 2, "48:00:00" },
	};
	for (size_t i = 0; i < NELEM(ids); i++) {
		char ctx[32], out[SQ_NUMFMT_MAX];
		struct sq_numfmt f;
		snprintf(ctx, sizeof(ctx), "id %d", ids[i].id);
		sq_numfmt_builtin(ids[i].id, &f);
		sq_numfmt_render(&f, ids[i].v, 0, out, NULL);
		CHECK_STR_CTX(out, ids[i].want, ctx);
	}

	/* kinds */
	struct sq_numfmt f;
	sq_numfmt_parse("@", &f);
	CHECK_INT(f.kind, SQ_NF_TEXT);
	sq_numfmt_parse("General", &f);
	CHECK_INT(f.kind, SQ_NF_GENERAL);
	sq_numfmt_parse("yyyy-mm-dd", &f);
	CHECK_INT(f.kind, SQ_NF_DATE);
	sq_numfmt_parse("0.00", &f);
	CHECK_INT(f.kind, SQ_NF_NUMBER);
	sq_numfmt_parse("\"unterminated", &f);
	CHECK_INT(f.kind, SQ_NF_GENERAL);
	sq_numfmt_parse("[Red", &f);
	CHECK_INT(f.kind, SQ_NF_GENERAL);

	/* stored texts */
	int lost = 0;
	CHECK_STR(text("General", "13800138000", &lost), "13800138000");
	CHECK_STR(text("General", "1.3800138E10", &lost), "13800138000");
	CHECK_STR(text("General", "1.3800138e+10", &lost), "13800138000");
	CHECK_STR(text("General", "0.30000000000000004", &lost), "0.3");
	CHECK_STR(text("General", "37.3", &lost), "37.3");
	CHECK_STR(text("General", "-0", &lost), "0");
	CHECK_STR(text("General", "007", &lost), "7");
	CHECK_STR(text("General", "12.50", &lost), "12.5");
	CHECK_STR(text("0.00", "12.5", &lost), "12.50");
	CHECK_STR(text("yyyy-mm-dd", "44652", &lost), "2022-04-01");
	CHECK_INT(lost, 0);
	CHECK_STR(text("General", "", &lost), "(not a number)");
	CHECK_STR(text("General", "abc", &lost), "(not a number)");
	CHECK_STR(text("General", "0x10", &lost), "(not a number)");
	CHECK_STR(text("General", "nan", &lost), "(not a number)");
	CHECK_STR(text("General", "inf", &lost), "(not a number)");
	CHECK_STR(text("General", " 5", &lost), "(not a number)");
	CHECK_STR(text("General", "5 ", &lost), "(not a number)");
	CHECK_INT(lost, 0);
	/* an ID typed as a number: Excel kept 15 digits, and says so */
	CHECK_STR(text("General", "310101199001011234", &lost),
	    "310101199001011000");
	CHECK_INT(lost, 1);
	lost = 0;
	CHECK_STR(text("0", "3.10101199001011E+17", &lost), "310101199001011000");
	CHECK_INT(lost, 1);
	UNIT_DONE();
}
