/*
 * value.h — parsers for the values people type into spreadsheets.
 *
 * Every parser takes (const char *s, size_t len): a cell as read, not
 * NUL-terminated, possibly padded.  None allocates, none uses the locale,
 * none keeps state between calls; all are safe on any bytes.
 *
 * COMMON RULES (every parser below except where it says otherwise)
 *
 *   Folding.  Before parsing, a cell is folded to ASCII where IMEs and
 *   spreadsheets put look-alikes: full-width forms U+FF01..U+FF5E
 *   ("１３８", "：", "／", "（", "－", "．", "，", "＋") become their ASCII
 *   letters; U+3000 (ideographic space) and U+00A0 (no-break space) become
 *   spaces; the ideographic full stop "。" becomes "." (an IME typing
 *   "36。5"); the dashes U+2010..U+2015, U+2212 and U+FE63 become "-";
 *   zero-width spaces, emoji variation selectors (the U+FE0F in "☑️")
 *   and a stray BOM are dropped.  Then blanks (space, tab, CR, LF) are
 *   trimmed at both ends, and one leading apostrophe, Excel's "this is
 *   text" marker ('13800138000), is dropped, as is the ="..." wrapper
 *   many systems export for the same purpose (="13800138000").
 *
 *   Placeholders.  A cell that only says nobody knows is empty: "-", "--",
 *   "/", "?", "无", "暂无", "没有", "未知", "不详", "不清楚", "空", "n/a",
 *   "na", "nan" (pandas), "null", "none", "unknown".  A placeholder never
 *   invents a value (a "无" in a members column is unknown, not 0).
 *   Booleans are the exception: there "无" and "没有" mean false.
 *
 *   Excel errors.  "#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?",
 *   "#NUM!", "#NULL!" and "####" are rejected with a why that says so.
 *
 *   Cells longer than 256 bytes (after trimming) are rejected.
 *
 *   Messages.  A failure is explained through `why': a short static
 *   English string saying what is wrong and, when useful, what to do.  It
 *   never contains the value itself (no per-call storage): callers print
 *   the cell next to it, e.g.
 *	sq-flag: day3.csv:12: 体温 '97.7': looks like °F; convert to °C
 *   On success `why' is NULL unless there is a note worth passing on
 *   ("several phones; kept the first"): callers treat a non-NULL why on
 *   success as a warning.  `why' may be NULL if the caller does not care.
 *
 *   Return codes of the int parsers (not the phone one):
 *	SQ_VAL_OK (0) parsed; SQ_VAL_EMPTY (-1) empty or placeholder, why is
 *	NULL; SQ_VAL_BAD (-2) not such a value, why says why; SQ_VAL_RANGE
 *	(-3) a number out of the allowed range (sq_long_parse and
 *	sq_double_parse only).  On failure output strings are set to "" and
 *	numeric outputs are left untouched.
 */
#ifndef SQ_VALUE_H
#define SQ_VALUE_H

#include <limits.h>
#include <stddef.h>

#define SQ_VAL_OK	 0
#define SQ_VAL_EMPTY	-1
#define SQ_VAL_BAD	-2
#define SQ_VAL_RANGE	-3

/*
 * PHONES
 *
 * sq_phone_norm writes the normalized phone to out (NUL-terminated;
 * SQ_PHONE_MAX bytes always suffice) and returns one of:
 *   SQ_PHONE_EMPTY	empty or a placeholder ("无", "-"); why NULL.
 *   SQ_PHONE_OK	normalized; why NULL, or a note (see below).
 *   SQ_PHONE_RECOVERED	Excel scientific notation that kept every digit;
 *			normalized, why says to fix the column anyway.
 *   SQ_PHONE_BAD	why says what is wrong; out is "".
 *
 * Normal forms: a mobile is 11 digits "13800138000"; a landline is
 * "AREA-LOCAL" or "AREA-LOCAL-EXT": "021-64381234", "0755-12345678",
 * "010-12345678-801".
 *
 * Mobiles: 1[3-9] followed by 9 digits.  Spaces, dashes, dots and
 * parentheses anywhere are ignored: "138 0013 8000", "138-0013-8000".
 * Country code +86 is dropped in any of "+86 138...", "+8613800138000",
 * "(+86)138...", "0086 138...", "86-138...", "(86)138...", and as bare
 * digits "8613800138000" (13 digits).  A leading 0 before a mobile (the
 * old long-distance habit, "013800138000") is dropped.  Excel's float text
 * "13800138000.0" is accepted.
 *
 * Landlines: an area code, then a 7- or 8-digit local number that does not
 * start with 0 ("0210-2345678" is rejected: the dash is misplaced or a
 * digit is missing).  Area codes: 010 and 020-029 have 3 digits, every
 * other one 4 ("0755", "0571"); 01X other than 010 does not exist.  Where
 * the area code ends comes from these rules, not from where the writer put
 * a dash, so "02164381234" and "021 6438 1234" are both "021-64381234".
 * After +86 the trunk 0 is restored: "+86 21 6438 1234" is "021-64381234",
 * "+86 10 1234 5678" is "010-12345678".
 * Extensions, 1 to 6 digits: after "转", "分机", "ext", "x" ("010-12345678
 * 转801"), or a group set apart right after 8 or 7 local digits
 * ("010-12345678-801", "0755-1234567-8").  A separator after exactly 7
 * local digits always starts an extension, so every normal form reads back
 * as itself.  A mobile with an extension is rejected.
 *
 * Rejected, with why:
 *   "64381234"		landline without area code; write it as 021-64381234
 *   "2164381234"	leading 0 of the area code missing? (Excel drops it)
 *   "1380013800"	too few digits for a mobile (it needs 11)
 *   "138001380001"	too many digits for a mobile (it needs 11)
 *   "12345678901"	not a mobile: mobile numbers start with 13 to 19
 *   "1380013800O"	letter O or l where a digit should be
 *   "+852 ...", "+1 ..." not a mainland China number
 *   "400-820-8820"	400/800 service number, not a household phone
 *   "张三13800138000"	text in the phone cell; keep only the number
 *   "1.38E+10"		Excel scientific notation that lost digits: BAD
 *			("... its last digits are lost; format the column as
 *			text and export again").  "1.3800138000E+10" kept all
 *			11 digits: SQ_PHONE_RECOVERED.
 *
 * Accepted with a note in why (SQ_PHONE_OK):
 *   Several phones in one cell, separated by "/", "、", ",", ";", "|",
 *   "或", a line break, or a space between two complete numbers: the
 *   first is kept, why "several phones; kept the first".  Segments
 *   without a digit are skipped ("无/13800138000" is simply OK).  If the
 *   first phone is unusable and a later one is fine, the later one is
 *   kept, why "several phones; the first is unusable, kept the next" (a
 *   household nobody can call is a household nobody follows up); if none
 *   is usable, the result is the first one's BAD and why.
 *   A note in parentheses after the number, without digits
 *   ("13800138000（本人）"): dropped, why "note after the phone dropped".
 *   A label before the number ("手机：", "电话:", "Tel:") is skipped
 *   silently.
 *
 * sq_phone_mask masks a normalized phone for public output: a mobile keeps
 * its first 3 and last 4 digits ("138****8000"); a landline keeps its area
 * code and the last 4 digits of the local number and drops any extension
 * ("021-****1234").  Anything else becomes "****" (never leak what we do
 * not understand).  Like snprintf: writes at most outsz bytes including
 * the NUL and returns the length of the full masked string.
 */
enum {
	SQ_PHONE_EMPTY,
	SQ_PHONE_OK,
	SQ_PHONE_RECOVERED,
	SQ_PHONE_BAD
};
#define SQ_PHONE_MAX	24	/* "0755-12345678-123456" + NUL, with room */

int	 sq_phone_norm(const char *s, size_t len, char *out, size_t outsz,
	    const char **why);
size_t	 sq_phone_mask(const char *norm, char *out, size_t outsz);

/*
 * BOOLEANS
 *
 * sq_bool_parse returns 1 true, 0 false, -1 empty or unknown, -2 not a
 * boolean.  ASCII letters in any case.  Callers write true/false.
 *   true:    是 是的 有 对 √ ✓ ✔ ☑ ✅ y yes t true 1
 *   false:   否 不是 不 无 没有 错 × ✗ ✘ ✖ ☐ ❌ n no f false 0
 *   unknown: empty - -- / ? 未知 不详 不清楚 n/a na nan null none unknown
 * A note in parentheses after the word is ignored: "有（高血压）" is true
 * (the detail is lost; callers keep the raw column if they need it).
 * Decisions: "-" is unknown, not false (a dash in a sheet means "not
 * filled in").  "x"/"X" and "☒" are not booleans (-2): some sheets tick
 * with an x, others cross out with it.  "v" is not a boolean either.
 */
int	 sq_bool_parse(const char *s, size_t len);

/*
 * COUNTS (household members)
 *
 * sq_count_parse stores 0..99 in *out.  Accepted: "3", "3人", "3口",
 * "3口人", "3位", "3名", "3个", "3个人", "3 人", "３", "3.0" (Excel float
 * text), Chinese numerals "三", "两人", "十", "十一", "二十", "二十三",
 * "零", with a prefix "共", "一共", "共计", "合计", "总共", "全家", "一家"
 * or "家庭", maybe with a colon ("共3人", "全家3口", "一家三口", "共计：3人"),
 * with "之家" or "/户" after the unit ("5口之家", "4人/户"), and with a
 * note in parentheses after a unit, or without digits after a bare number
 * ("3人（2老1小）", "3（含老人）"): why "note after the count ignored".
 * 0 is accepted (an empty flat).
 * Rejected (SQ_VAL_BAD): "3-4", "3~4", "3到4", "3或4" (a range); "三四",
 * "七八" (two numbers run together); "2+1", "2大1小" (several numbers;
 * write the total); "3人以上", "十几", "3+", "二十多", "几个", "若干"
 * (not exact); "-3" (negative); "100", "一百" ("more than 99 members?");
 * "3.5" (not a whole number); anything else ("not a number of people").
 */
int	 sq_count_parse(const char *s, size_t len, long *out, const char **why);

/*
 * DATES
 *
 * sq_date_parse writes "YYYY-MM-DD" to out.  Accepted:
 *   2022-04-01  2022/4/1  2022.4.1  2022年4月1日  2022年04月01号
 *   2022 年 4 月 1 日  20220401
 *   4月1日  4月1号  4/1  4-1  4.1     (month first; year = default_year)
 *   with a time after a space or "T", which must itself be a valid time
 *   and is ignored: "2022-04-01 08:30:00", "2022/4/1 8:30",
 *   "2022-04-01T08:30:00";
 *   with a weekday after it: "4月1日（周五）", "2022-04-01 星期五";
 *   Excel serial numbers 20000..80000, days since 1899-12-30, optionally
 *   with a time fraction: "44652", "44652.5" (2022-04-01).  20000 is
 *   1954-10-03; past 73415 (2100-12-31) the year rule below rejects them.
 *   Any other 5-digit number is rejected.
 * Separators must agree ("2022-4/1" is rejected).  Years 1900..2100.
 * The calendar is checked: "2022-02-30", "2022-04-31", "2021-02-29" are
 * rejected.  A month-day form with default_year 0 is rejected with "no
 * year; give --date".
 * Rejected besides: day-first or year-last "1/4/2022", "4/1/2022", and
 * two-digit years "22-04-01", "22年4月1日" (ambiguous: "write it as
 * 2022-04-01"); "2022-04" (no day); a timestamp with a time zone
 * ("...T08:30:00Z": the local date may differ; convert first).
 *
 * sq_date_days returns the days since 1970-01-01 of a "YYYY-MM-DD" (as
 * sq_date_parse writes it), or SQ_DATE_INVALID if ymd is not one.
 * sq_date_from_days is its inverse; years outside 0000..9999 give
 * "0000-00-00".
 */
#define SQ_DATE_INVALID	INT_MIN

int	 sq_date_parse(const char *s, size_t len, int default_year,
	    char out[11], const char **why);
int	 sq_date_days(const char ymd[11]);
void	 sq_date_from_days(int days, char out[11]);
/*
 * Today in local time, as sq_date_days gives it, written to out as
 * "YYYY-MM-DD"; the minutes since midnight in *minute unless it is NULL.
 */
int	 sq_date_today(char out[11], int *minute);

/*
 * TIMES
 *
 * sq_time_parse writes "HH:MM" (24 h) to out.  Accepted:
 *   8:30  08:30  08:30:15  08:30:15.250  (seconds are dropped, not rounded)
 *   8点  8点30  8点30分  8点05分  8时30分  8点半  8点一刻  8点钟  "3 点"
 *   3pm  "3 PM" (a bare hour only with AM/PM after it)
 *   with a period before or after: 上午 早上 早晨 清晨 凌晨 (AM), 下午 傍晚
 *   (PM), 中午, 晚上 夜里 夜间, AM/PM/a.m./p.m. in any case:
 *   "下午3:05" 15:05, "PM 3:05", "3:05pm", "上午9:00", "下午15:00" 15:00.
 *     AM: 12 is 00, 13..23 rejected.  PM: 1..11 add 12, 12 stays, 0
 *     rejected.  中午: 11 and 12 stay, 1..3 add 12.  晚上/夜里/夜间: 1..4
 *     stay (after midnight), 5..11 add 12, 12 is 00.
 *   a date before it: "2022-04-01 08:30", "2022/4/1 8:30:00",
 *   "2022-04-01T08:30", "4月1日 8:30";
 *   Excel numbers: a fraction of a day "0.354166" (int part 0, so "0.30"
 *   is 07:12; rounded to the nearest minute, 0.99999 wraps to 00:00) or
 *   a date-time serial "44652.354166" (int part 20000..80000; its
 *   fraction);
 *   "8.30" with exactly two digits after the dot and an hour 1..23: 08:30
 *   (people type it so).  Other numbers ("8.5", "830", "8") are rejected:
 *   write the time as 8:30.
 * Rejected: hour over 23 ("25:00"), "24:00" (write 00:00), minute over 59,
 * one-digit minutes "8:5" (8:05 or 8:50?), a range "8:00-9:00", a time
 * zone, anything else.
 */
int	 sq_time_parse(const char *s, size_t len, char out[6],
	    const char **why);

/*
 * TEMPERATURES
 *
 * sq_temp_parse stores °C in *celsius, unrounded (callers print %.1f).
 * Accepted: "36.5", "36", "36,5" (decimal comma), "３６．５", "36。5", with
 * a unit "℃", "°C", "°", "度", "摄氏度", "C" (any case; "º" counts as "°")
 * and spaces between.  Valid range 34.0 to 43.0 inclusive.  A note in
 * parentheses without digits after the reading is ignored ("36.8（晨）",
 * why "note after the reading ignored").
 * Rejected (SQ_VAL_BAD), never converted silently:
 *   "97.7°F", "97.7F", "97.7℉", "华氏97.7" and any number 93.0..108.0,
 *	whatever its unit: "looks like °F; convert to °C";
 *   "365" (3 digits 340..430 with no decimal point): "no decimal point?
 *	(365 for 36.5) fix the reading";
 *   other values outside 34.0..43.0: "impossible temperature (outside 34.0
 *	to 43.0 °C)";
 *   "正常", "normal", "ok", "未测": "not a number; record the reading";
 *   "36.5/36.8", "36.5-36.8": "several readings; record one".
 */
int	 sq_temp_parse(const char *s, size_t len, double *celsius,
	    const char **why);

/*
 * PLAIN NUMBERS
 *
 * For option arguments and numeric columns.  The whole cell must be the
 * number (after the folding and trimming above; placeholders are NOT
 * special here: "-" is SQ_VAL_BAD).  Return SQ_VAL_OK, SQ_VAL_EMPTY,
 * SQ_VAL_BAD or SQ_VAL_RANGE.
 *
 * sq_long_parse: optional sign, decimal digits, optionally ".0", ".00"...
 * (Excel float text of a whole number).  No thousands separators, no hex,
 * no exponent.  Range min..max inclusive, else SQ_VAL_RANGE (also on
 * overflow of long).
 *
 * sq_double_parse: optional sign, digits with an optional "." (".5" and
 * "5." are fine), optional exponent "e-3".  No decimal comma, no
 * thousands separators, no inf/nan/hex.  SQ_VAL_RANGE when it overflows a
 * double.  Never depends on the locale's decimal point for the common
 * case (up to 15 significant digits, exponent within ±22, computed
 * exactly); longer numbers go through strtod, which needs the C locale
 * (shequ sets only LC_MESSAGES).
 */
int	 sq_long_parse(const char *s, size_t len, long min, long max,
	    long *out);
int	 sq_double_parse(const char *s, size_t len, double *out);

/*
 * HOURS OUT
 *
 * sq_hours_format writes minutes as hours for a ledger: "6", "4.5",
 * "0.16" (at most two decimals, cut, not rounded: a ledger never shows
 * more than was given).  Read back with sq_double_parse and times 60,
 * rounded, it gives the minutes again.
 */
void	 sq_hours_format(long minutes, char *out, size_t outsz);

#endif
