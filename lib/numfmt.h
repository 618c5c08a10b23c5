/*
 * numfmt.h — a spreadsheet number as Excel shows it, by its number format.
 *
 * A workbook stores numbers as doubles and says how to show each by a format
 * code ("0.00", "yyyy-mm-dd", "000000", "[$-804]yyyy\"年\"m\"月\"d\"日\"").
 * What a person sees is the data, so a cell is read as shown, with these
 * choices (shequ(7) lists them):
 *  - General: an integer in full (13800138000, never 1.38E+10); other
 *    numbers with Excel's 15 significant digits (0.1+0.2 is 0.3); a number
 *    beyond 15 digits shows Excel's zeros (an ID typed as a number lost its
 *    last digits when it was typed: *lost is set, so the caller can say so);
 *  - number formats: their decimals ("0.0#"), leading zeros ("000000"),
 *    percent; thousands separators, currency and literal text are left out,
 *    so the value stays a number a program can read; scientific and
 *    fraction formats show as General;
 *  - dates and times in the contract's forms: YYYY-MM-DD, HH:MM (HH:MM:SS
 *    when the format shows seconds), "YYYY-MM-DD HH:MM"; elapsed hours
 *    ([h]:mm) as total hours.  The 1900 date system keeps Lotus's leap day
 *    (serial 60 is 1900-02-29) as Excel does; the 1904 system is asked for.
 */
#ifndef SQ_NUMFMT_H
#define SQ_NUMFMT_H

#include <stddef.h>

enum sq_nf_kind { SQ_NF_GENERAL = 0, SQ_NF_NUMBER, SQ_NF_DATE, SQ_NF_TEXT };

struct sq_numfmt {
	enum sq_nf_kind kind;
	/* SQ_NF_NUMBER */
	int	 min_int;	/* zeros before the point: leading zeros */
	int	 min_dec, max_dec;	/* '0' and '0'/'#'/'?' after it */
	int	 percent;	/* how many '%': times 100 each */
	int	 thousands;	/* trailing ',': divided by 1000 each */
	/* SQ_NF_DATE */
	int	 date, time, seconds, elapsed;
};

/* The format of a code as in styles.xml; an unknown one is General. */
void	 sq_numfmt_parse(const char *code, struct sq_numfmt *);
/* Excel's built-in format N (0-163), zh-CN's dates among them. */
void	 sq_numfmt_builtin(int id, struct sq_numfmt *);

#define SQ_NUMFMT_MAX	64	/* room for any number this writes, NUL too */

/*
 * v as shown under f into out[SQ_NUMFMT_MAX]; returns the length.  *lost
 * (may be NULL) is set to 1 when v has more significant digits than
 * Excel keeps (15), else left alone.  date1904: the workbook's date system.
 */
size_t	 sq_numfmt_render(const struct sq_numfmt *, double v, int date1904,
	    char *out, int *lost);

/*
 * The text of a stored number (a cell's <v>, "13800138000", "37.3",
 * "1.3800138E10") as shown under f: the text itself when it is already
 * what General shows, else parsed and rendered.  -1 if it is not a number.
 */
long	 sq_numfmt_text(const struct sq_numfmt *, const char *s, size_t n,
	    int date1904, char *out, int *lost);

#endif
