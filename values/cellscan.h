/*
 * cellscan.h — the cell scanner the value parsers share (values/ only):
 * a cell folded into a stack buffer (full-width forms to ASCII, trimmed:
 * see value.h), walked with a tiny scanner over [p, e).
 *
 * static inline, not a module: each parser runs once per cell on
 * million-row files, and its scan is inlined into it as it was when the
 * parsers were one file (values/value.c, values/phone.c, values/date.c).
 */
#ifndef SQ_CELLSCAN_H
#define SQ_CELLSCAN_H

#include <stddef.h>
#include <string.h>

#include "value.h"

#define CELL_MAX	256

/* A scanner over [p, e). */
struct sc {
	const char	*p;
	const char	*e;
};

struct cell {
	char		 buf[CELL_MAX + 1];	/* +1: NUL for strtod */
	struct sc	 s;
};

/* ---- bytes ------------------------------------------------------------ */

static inline int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
isblank_(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

static inline int
isalpha_(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline int
has_digit(const char *p, const char *e)
{
	for (; p < e; p++)
		if (isdig((unsigned char)*p))
			return 1;
	return 0;
}

/* ---- scanner ---------------------------------------------------------- */

static inline int
sc_eof(const struct sc *s)
{
	return s->p >= s->e;
}

static inline int
sc_peek(const struct sc *s)
{
	return s->p < s->e ? (unsigned char)*s->p : -1;
}

static inline size_t
sc_len(const struct sc *s)
{
	return (size_t)(s->e - s->p);
}

static inline void
sc_sp(struct sc *s)
{
	while (s->p < s->e && isblank_((unsigned char)*s->p))
		s->p++;
}

static inline void
sc_trim(struct sc *s)
{
	sc_sp(s);
	while (s->e > s->p && isblank_((unsigned char)s->e[-1]))
		s->e--;
}

/* Exact bytes: consume lit if the input starts with it. */
static inline int
sc_lit(struct sc *s, const char *lit)
{
	/* the first byte rules out most literals before strlen is paid */
	if (sc_len(s) == 0 || (unsigned char)*s->p != (unsigned char)lit[0])
		return lit[0] == '\0';
	size_t n = strlen(lit);

	if (sc_len(s) < n || memcmp(s->p, lit, n) != 0)
		return 0;
	s->p += n;
	return 1;
}

/* Like sc_lit, ASCII letters in any case; lit is lowercase. */
static inline int
sc_ilit(struct sc *s, const char *lit)
{
	if (sc_len(s) == 0 ||
	    lower((unsigned char)*s->p) != (unsigned char)lit[0])
		return lit[0] == '\0';
	size_t i, n = strlen(lit);

	if (sc_len(s) < n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)s->p[i]) != (unsigned char)lit[i])
			return 0;
	s->p += n;
	return 1;
}

/* Consume the first of a NULL-terminated list of literals; its index or -1. */
static inline int
sc_oneof(struct sc *s, const char *const *lits)
{
	int i;

	for (i = 0; lits[i] != NULL; i++)
		if (sc_ilit(s, lits[i]))
			return i;
	return -1;
}

/* The whole scanner equals lit, ASCII case ignored. */
static inline int
sc_is(const struct sc *s, const char *lit)
{
	struct sc t = *s;

	if (sc_len(s) == 0)
		return lit[0] == '\0';
	if (lower((unsigned char)*s->p) != (unsigned char)lit[0] ||
	    strlen(lit) != sc_len(s))
		return 0;
	return sc_ilit(&t, lit);
}

static inline int
sc_isoneof(const struct sc *s, const char *const *lits)
{
	int i;

	for (i = 0; lits[i] != NULL; i++)
		if (sc_is(s, lits[i]))
			return 1;
	return 0;
}

/*
 * Read a run of decimal digits: returns how many (0 if none).  *v holds
 * their value while it fits comfortably; callers check the count first.
 */
static inline int
sc_num(struct sc *s, long *v)
{
	int n = 0;
	long x = 0;

	while (s->p < s->e && isdig((unsigned char)*s->p)) {
		if (n < 15)
			x = x * 10 + (*s->p - '0');
		n++;
		s->p++;
	}
	*v = x;
	return n;
}

/* ---- cells ------------------------------------------------------------ */

/*
 * Fold what IMEs and spreadsheets put into cells to ASCII (value.h has
 * the list), trim, drop a leading apostrophe or an ="..." wrapper.
 * Folding never lengthens, so the buffer holds any cell of up to CELL_MAX
 * bytes after trimming.  Returns -1 if the cell is longer.
 */
static inline int
cell_load(struct cell *c, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	char *o = c->buf;
	size_t n = 0;

	while (p < e && isblank_(*p))
		p++;
	while (e > p && isblank_(e[-1]))
		e--;
	if ((size_t)(e - p) > CELL_MAX)
		return -1;
	while (p < e) {
		if (p[0] == 0xEF && e - p >= 3) {
			if (p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) {
				/* U+FF01..U+FF3F -> '!'..'_' */
				o[n++] = (char)((p[2] & 0x3F) + 0x20);
				p += 3;
				continue;
			}
			if (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E) {
				/* U+FF40..U+FF5E -> '`'..'~' */
				o[n++] = (char)((p[2] & 0x3F) + 0x60);
				p += 3;
				continue;
			}
			if ((p[1] == 0xBB && p[2] == 0xBF) ||	/* BOM */
			    (p[1] == 0xB8 && (p[2] == 0x8E || p[2] == 0x8F))) {
				p += 3;	/* or an emoji variation selector */
				continue;
			}
			if (p[1] == 0xB9 && p[2] == 0xA3) {	/* U+FE63 */
				o[n++] = '-';
				p += 3;
				continue;
			}
		} else if (p[0] == 0xE3 && e - p >= 3 && p[1] == 0x80 &&
		    (p[2] == 0x80 || p[2] == 0x82)) {
			/* U+3000 ideographic space, U+3002 。 */
			o[n++] = p[2] == 0x80 ? ' ' : '.';
			p += 3;
			continue;
		} else if (p[0] == 0xE2 && e - p >= 3) {
			if (p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95) {
				o[n++] = '-';	/* U+2010..U+2015 dashes */
				p += 3;
				continue;
			}
			if (p[1] == 0x80 && p[2] >= 0x8B && p[2] <= 0x8D) {
				p += 3;		/* zero-width space/joiners */
				continue;
			}
			if (p[1] == 0x88 && p[2] == 0x92) {
				o[n++] = '-';	/* U+2212 minus sign */
				p += 3;
				continue;
			}
		} else if (p[0] == 0xC2 && e - p >= 2 && p[1] == 0xA0) {
			o[n++] = ' ';		/* no-break space */
			p += 2;
			continue;
		}
		o[n++] = (char)*p++;
	}
	o[n] = '\0';
	c->s.p = o;
	c->s.e = o + n;
	sc_trim(&c->s);
	if (sc_peek(&c->s) == '\'') {
		c->s.p++;
		sc_trim(&c->s);
	} else if (sc_len(&c->s) >= 3 && c->s.p[0] == '=' &&
	    c->s.p[1] == '"' && c->s.e[-1] == '"') {
		/* ="0123": the formula exports use to keep a value text */
		c->s.p += 2;
		c->s.e--;
		sc_trim(&c->s);
	}
	return 0;
}

static const char *const placeholders[] = {
	"-", "--", "---", "/", "?", "??", "无", "暂无", "没有", "未知",
	"不详", "不清楚", "空", "n/a", "na", "nan", "null", "none", "unknown",
	NULL
};

static inline int
placeholder(const struct sc *s)
{
	/* most cells start with a digit; no placeholder does */
	return !isdig(sc_peek(s)) && sc_isoneof(s, placeholders);
}

/* An Excel error value in place of the data: why, or NULL. */
static inline const char *
excel_error(const struct sc *s)
{
	static const char *const errs[] = {
		"#n/a", "#value!", "#ref!", "#div/0!", "#name?", "#num!",
		"#null!", "#n/a!", NULL
	};
	const char *p;

	if (sc_peek(s) != '#')
		return NULL;
	if (sc_isoneof(s, errs))
		return "Excel error value (like #N/A) instead of data; "
		    "fix the formula in the sheet";
	for (p = s->p; p < s->e && *p == '#'; p++)
		;
	if (p == s->e)
		return "Excel showed #### (column too narrow); "
		    "widen the column and export again";
	return NULL;
}

/*
 * What every parser but the phone and boolean ones does first.  Returns 1
 * to go on parsing c->s, else the result to return.
 */
static inline int
prelude(struct cell *c, const char *s, size_t len, const char **why,
    const char *toolong)
{
	if (cell_load(c, s, len) == -1) {
		*why = toolong;
		return SQ_VAL_BAD;
	}
	if (sc_eof(&c->s) || placeholder(&c->s))
		return SQ_VAL_EMPTY;
	if ((*why = excel_error(&c->s)) != NULL)
		return SQ_VAL_BAD;
	return 1;
}

/*
 * A note in parentheses after the value, "13800138000（本人）": drop it
 * and return 1.  With digits inside only if digits_ok.
 */
static inline int
trailing_note(struct sc *s, int digits_ok)
{
	const char *q;

	if (sc_len(s) < 2 || s->e[-1] != ')')
		return 0;
	for (q = s->e - 2; q > s->p && *q != '('; q--)
		;
	if (*q != '(' || q == s->p || (!digits_ok && has_digit(q, s->e)))
		return 0;
	s->e = q;
	sc_trim(s);
	return 1;
}

/* Copy src into out (outsz bytes with the NUL); 0, or -1 if it does not fit. */
static inline int
put(char *out, size_t outsz, const char *src, size_t n)
{
	if (n >= outsz)
		return -1;
	memcpy(out, src, n);
	out[n] = '\0';
	return 0;
}

#endif
