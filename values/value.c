/*
 * value.c — parsers for the values people type into spreadsheets.
 *
 * Each parser first folds the cell into a stack buffer (full-width forms
 * to ASCII, trimming: see value.h), then walks it with a tiny scanner.
 * No malloc, no sscanf, no regex, no locale: these run once per cell on
 * million-row files.  The accepted forms are documented in value.h.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
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

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
isblank_(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

static int
isalpha_(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
has_digit(const char *p, const char *e)
{
	for (; p < e; p++)
		if (isdig((unsigned char)*p))
			return 1;
	return 0;
}

/* ---- scanner ---------------------------------------------------------- */

static int
sc_eof(const struct sc *s)
{
	return s->p >= s->e;
}

static int
sc_peek(const struct sc *s)
{
	return s->p < s->e ? (unsigned char)*s->p : -1;
}

static size_t
sc_len(const struct sc *s)
{
	return (size_t)(s->e - s->p);
}

static void
sc_sp(struct sc *s)
{
	while (s->p < s->e && isblank_((unsigned char)*s->p))
		s->p++;
}

static void
sc_trim(struct sc *s)
{
	sc_sp(s);
	while (s->e > s->p && isblank_((unsigned char)s->e[-1]))
		s->e--;
}

/* Exact bytes: consume lit if the input starts with it. */
static int
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
static int
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
static int
sc_oneof(struct sc *s, const char *const *lits)
{
	int i;

	for (i = 0; lits[i] != NULL; i++)
		if (sc_ilit(s, lits[i]))
			return i;
	return -1;
}

/* The whole scanner equals lit, ASCII case ignored. */
static int
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

static int
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
static int
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
static int
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

static int
placeholder(const struct sc *s)
{
	/* most cells start with a digit; no placeholder does */
	return !isdig(sc_peek(s)) && sc_isoneof(s, placeholders);
}

/* An Excel error value in place of the data: why, or NULL. */
static const char *
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
static int
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
static int
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
static int
put(char *out, size_t outsz, const char *src, size_t n)
{
	if (n >= outsz)
		return -1;
	memcpy(out, src, n);
	out[n] = '\0';
	return 0;
}

/* ---- phones ----------------------------------------------------------- */

#define PH_DIGITS	32

/* The digits of one phone as written, and where the writer grouped them. */
struct digits {
	char		 d[PH_DIGITS];
	unsigned char	 gb[PH_DIGITS];	/* separator before digit i */
	int		 n;
	char		 x[8];		/* extension after 转/ext/x */
	int		 nx;
	int		 ext;		/* an extension marker was seen */
	int		 plus;		/* written with a leading '+' */
};

/* reasons named here, translated where given (N_: for `make po`) */
static const char msg_sci_lost[] =
    N_("Excel turned this phone into scientific notation (like 1.38E+10) and "
    "its last digits are lost; format the column as text and export again");
static const char msg_sci_ok[] =
    N_("Excel showed this phone in scientific notation but all its digits "
    "survived; recovered (format the column as text)");
static const char msg_nocode[] =
    N_("landline without area code; write it as 021-64381234");

/* Shift the digits left by k (k > 0) or right by one with a '0' (k < 0). */
static void
dg_shift(struct digits *g, int k)
{
	if (k > 0) {
		memmove(g->d, g->d + k, (size_t)(g->n - k));
		memmove(g->gb, g->gb + k, (size_t)(g->n - k));
		g->n -= k;
	} else if (g->n < PH_DIGITS) {
		memmove(g->d + 1, g->d, (size_t)g->n);
		memmove(g->gb + 1, g->gb, (size_t)g->n);
		g->d[0] = '0';
		g->gb[0] = 0;
		g->n++;
	}
}

/*
 * "1.3800138E+10": Excel's display of a number column.  Returns 0 if s is
 * not in that form, 1 with the digits in g if every digit survived, -1
 * with why set if not.
 */
static int
phone_sci(struct sc s, struct digits *g, const char **why)
{
	long v, ex;
	int nf = 0, ne;
	const char *frac = NULL;
	char d0 = (char)sc_peek(&s);

	if (!isdig(d0) || d0 == '0')
		return 0;
	s.p++;
	if (sc_lit(&s, ".")) {
		frac = s.p;
		nf = sc_num(&s, &v);
	}
	if (!sc_ilit(&s, "e"))
		return 0;
	if (sc_lit(&s, "-")) {
		*why = _("not a phone number (a tiny number in scientific "
		    "notation)");
		return -1;
	}
	(void)sc_lit(&s, "+");
	ne = sc_num(&s, &ex);
	if (ne < 1 || ne > 2 || !sc_eof(&s))
		return 0;
	if (nf > ex) {
		*why = _("not a phone number (not a whole number)");
		return -1;
	}
	if (nf < ex) {
		*why = _(msg_sci_lost);
		return -1;
	}
	if (nf + 1 > PH_DIGITS) {
		*why = _("too many digits for a phone number");
		return -1;
	}
	memset(g, 0, sizeof(*g));
	g->d[g->n++] = d0;
	if (frac != NULL) {
		memcpy(g->d + 1, frac, (size_t)nf);
		g->n += nf;
	}
	return 1;
}

/* "13800138000.0": Excel's float text of a number column; drop the ".0". */
static void
excel_float_tail(struct sc *s)
{
	const char *p = s->p, *dot;

	while (p < s->e && isdig((unsigned char)*p))
		p++;
	if (p == s->p || p + 1 >= s->e || *p != '.')
		return;
	for (dot = p++; p < s->e && *p == '0'; p++)
		;
	if (p == s->e)
		s->e = dot;
}

/* A label before the number: "手机：", "Tel:". */
static void
phone_label(struct sc *s)
{
	static const char *const labels[] = {
		"手机号码", "手机号", "手机", "联系电话", "联系方式", "电话",
		"移动电话", "座机", "固话", "tel", "mobile", "phone", "mob",
		NULL
	};
	struct sc t = *s;

	if (isdig(sc_peek(s)) || sc_oneof(&t, labels) < 0)
		return;
	sc_sp(&t);
	(void)sc_lit(&t, ":");
	sc_sp(&t);
	if (isdig(sc_peek(&t)) || sc_peek(&t) == '+' || sc_peek(&t) == '(')
		*s = t;
}

/* Split a phone as written into digits, grouping and extension. */
static int
phone_scan(struct sc s, struct digits *g, const char **why)
{
	static const char *const extm[] = { "转", "分机", "ext.", "ext", "x",
	    NULL };
	int sep = 0, c;

	memset(g, 0, sizeof(*g));
	while (!sc_eof(&s)) {
		c = sc_peek(&s);
		if (isdig(c)) {
			if (g->ext) {
				if (g->nx >= 6) {
					*why = _("extension needs 1 to 6 digits");
					return -1;
				}
				g->x[g->nx++] = (char)c;
			} else {
				if (g->n >= PH_DIGITS) {
					*why = _("too many digits for a phone "
					    "number");
					return -1;
				}
				g->gb[g->n] = (unsigned char)sep;
				g->d[g->n++] = (char)c;
			}
			sep = 0;
			s.p++;
		} else if (c == ' ' || c == '-' || c == '.' || c == '(' ||
		    c == ')' || c == '\t') {
			sep = 1;
			s.p++;
		} else if (c == '+') {
			if (g->n > 0 || g->ext || g->plus) {
				*why = _("'+' in the middle of the number");
				return -1;
			}
			g->plus = 1;
			s.p++;
		} else if (sc_oneof(&s, extm) >= 0) {
			if (g->n == 0 || g->ext) {
				*why = _("letters in a phone number");
				return -1;
			}
			g->ext = 1;
		} else if (c == 'O' || c == 'o' || c == 'l' || c == 'I') {
			*why = _("letter O or l where a digit should be; "
			    "retype the number");
			return -1;
		} else if (isalpha_(c)) {
			*why = _("letters in a phone number");
			return -1;
		} else {
			*why = _("text in the phone cell; keep only the number");
			return -1;
		}
	}
	if (g->n == 0) {
		*why = _("no digits; not a phone number");
		return -1;
	}
	if (g->ext && g->nx == 0) {
		*why = _("extension needs 1 to 6 digits");
		return -1;
	}
	return 0;
}

/* Drop a country code; -1 with why if it is not China's. */
static int
phone_country(struct digits *g, const char **why)
{
	int off, cc = 0;

	if (g->plus || (g->n >= 2 && g->d[0] == '0' && g->d[1] == '0')) {
		off = g->plus ? 0 : 2;
		if (g->n - off < 2 || g->d[off] != '8' ||
		    g->d[off + 1] != '6') {
			*why = _("not a mainland China number (country code "
			    "other than +86)");
			return -1;
		}
		cc = off + 2;
	} else if (g->n >= 3 && g->d[0] == '8' && g->d[1] == '6' &&
	    (g->gb[2] || (g->n == 13 && g->d[2] == '1' && g->d[3] >= '3'))) {
		cc = 2;
	}
	if (cc == 0)
		return 0;
	dg_shift(g, cc);
	if (g->n == 0) {
		*why = _("only a country code; no phone number");
		return -1;
	}
	/* +86 21 6438 1234: the area code comes without its trunk 0 */
	if (g->d[0] != '0' && !(g->d[0] == '1' && g->d[1] != '0'))
		dg_shift(g, -1);
	return 0;
}

static int
is_mobile(const struct digits *g)
{
	return g->n == 11 && g->d[0] == '1' && g->d[1] >= '3' &&
	    g->d[1] <= '9';
}

static int
phone_mobile(const struct digits *g, char *out, size_t outsz,
    const char **why)
{
	if (g->ext || g->nx) {
		*why = _("extension after a mobile number");
		return -1;
	}
	if (g->n < 11) {
		*why = _("too few digits for a mobile (it needs 11)");
		return -1;
	}
	if (g->n > 11) {
		*why = _("too many digits for a mobile (it needs 11)");
		return -1;
	}
	if (!is_mobile(g)) {
		*why = _("not a mobile: mobile numbers start with 13 to 19");
		return -1;
	}
	if (put(out, outsz, g->d, 11) == -1) {
		*why = _("internal: phone buffer too small");
		return -1;
	}
	return 0;
}

static int
phone_landline(const struct digits *g, char *out, size_t outsz,
    const char **why)
{
	char buf[PH_DIGITS + 16];
	const char *x = g->x;
	int a, r, loc, nx = g->nx;
	size_t n = 0;

	if (g->d[1] == '0') {
		*why = _("not a mainland China number (country code "
		    "other than +86)");
		return -1;
	}
	if (g->n >= 2 && g->d[1] == '1' && (g->n < 3 || g->d[2] != '0')) {
		*why = _("no such area code (01X other than 010)");
		return -1;
	}
	a = g->n >= 2 && (g->d[1] == '1' || g->d[1] == '2') ? 3 : 4;
	r = g->n - a;
	if (r < 7) {
		*why = _("too few digits for a landline (area code + 7 or 8 "
		    "digits)");
		return -1;
	}
	/*
	 * An extension without 转/ext is a group the writer set apart right
	 * after 8 or 7 local digits ("010-12345678-801", "0755-1234567-8"):
	 * nobody groups a local number so that one digit hangs at its end.
	 */
	if (g->ext)
		loc = r <= 8 ? r : 0;
	else if (r > 8 && g->gb[a + 8])
		loc = 8;
	else if (r > 7 && g->gb[a + 7])
		loc = 7;
	else
		loc = r <= 8 ? r : 0;
	if (loc == 0) {
		*why = _("too many digits for a landline (area code + 7 or 8 "
		    "digits)");
		return -1;
	}
	if (loc < r) {
		x = g->d + a + loc;
		nx = r - loc;
		if (nx > 6) {
			*why = _("extension needs 1 to 6 digits");
			return -1;
		}
	}
	if (g->d[a] == '0') {
		*why = _("local number cannot start with 0");
		return -1;
	}
	memcpy(buf, g->d, (size_t)a);
	n = (size_t)a;
	buf[n++] = '-';
	memcpy(buf + n, g->d + a, (size_t)loc);
	n += (size_t)loc;
	if (nx > 0) {
		buf[n++] = '-';
		memcpy(buf + n, x, (size_t)nx);
		n += (size_t)nx;
	}
	if (put(out, outsz, buf, n) == -1) {
		*why = _("internal: phone buffer too small");
		return -1;
	}
	return 0;
}

/* Classify scanned digits and write the normal form; -1 with why. */
static int
phone_digits(struct digits *g, char *out, size_t outsz, const char **why)
{
	if (phone_country(g, why) == -1)
		return -1;
	/* 0 before a mobile: the old long-distance habit */
	if (g->n == 12 && g->d[0] == '0' && g->d[1] == '1' &&
	    g->d[2] >= '3' && g->d[2] <= '9')
		dg_shift(g, 1);
	if (g->d[0] == '1')
		return phone_mobile(g, out, outsz, why);
	if (g->d[0] == '0')
		return phone_landline(g, out, outsz, why);
	if (g->n == 10 && (memcmp(g->d, "400", 3) == 0 ||
	    memcmp(g->d, "800", 3) == 0))
		*why = _("400/800 service number, not a household phone");
	else if (g->n >= 7 && g->n <= 8)
		*why = _(msg_nocode);
	else if (g->n >= 9 && g->n <= 11)
		*why = _("leading 0 of the area code missing? (Excel drops it) "
		    "write it as 021-64381234");
	else if (g->n < 7)
		*why = _("too few digits for a phone number");
	else
		*why = _("too many digits for a phone number");
	return -1;
}

/* One phone, from a cell that may hold several. */
static int
phone_one(struct sc s, char *out, size_t outsz, const char **why)
{
	struct digits g;
	int note, r;

	sc_trim(&s);
	phone_label(&s);
	note = trailing_note(&s, 0);
	switch (phone_sci(s, &g, why)) {
	case -1:
		return SQ_PHONE_BAD;
	case 1:
		if (phone_digits(&g, out, outsz, why) == -1)
			return SQ_PHONE_BAD;
		*why = _(msg_sci_ok);
		return SQ_PHONE_RECOVERED;
	}
	excel_float_tail(&s);
	if (phone_scan(s, &g, why) == -1)
		return SQ_PHONE_BAD;
	r = phone_digits(&g, out, outsz, why);
	if (r == -1)
		return SQ_PHONE_BAD;
	*why = note ? "note after the phone dropped" : NULL;
	return SQ_PHONE_OK;
}

/* Where the first separator between phones starts (e if none); its size. */
static const char *
phone_sep(const char *p, const char *e, size_t *n)
{
	static const char *const seps[] = { "、", "或", NULL };
	size_t k, i;

	for (; p < e; p++) {
		if (*p == '/' || *p == ',' || *p == ';' || *p == '|' ||
		    *p == '\n' || *p == '\\') {
			*n = 1;
			return p;
		}
		for (i = 0; seps[i] != NULL; i++) {
			k = strlen(seps[i]);
			if ((size_t)(e - p) >= k &&
			    memcmp(p, seps[i], k) == 0) {
				*n = k;
				return p;
			}
		}
	}
	*n = 0;
	return e;
}

/*
 * One segment of a cell.  If it is no phone but starts with one followed
 * by a space and more digits ("13800138000 13900139000"), that one, and
 * *split is set.
 */
static int
phone_seg(struct sc seg, char *out, size_t outsz, const char **why,
    int *split)
{
	struct sc tok;
	const char *w;
	int r;

	*split = 0;
	sc_trim(&seg);
	r = phone_one(seg, out, outsz, why);
	if (r != SQ_PHONE_BAD)
		return r;
	for (tok = seg; tok.p < tok.e && !isblank_(*tok.p); tok.p++)
		;
	if (tok.p < tok.e && has_digit(tok.p, tok.e)) {
		tok.e = tok.p;
		tok.p = seg.p;
		if (phone_one(tok, out, outsz, &w) == SQ_PHONE_OK) {
			*split = 1;
			*why = NULL;
			return SQ_PHONE_OK;
		}
	}
	return r;
}

int
sq_phone_norm(const char *s, size_t len, char *out, size_t outsz,
    const char **why)
{
	struct cell c;
	struct sc seg;
	const char *dummy, *p, *q, *w, *first_why = NULL;
	size_t sl;
	int r, split, first = -1;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if (outsz > 0)
		out[0] = '\0';
	/* the usual cell: a mobile number already in its normal form */
	if (len == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
	    outsz > 11) {
		size_t i = 2;
		while (i < 11 && isdig((unsigned char)s[i]))
			i++;
		if (i == 11) {
			memcpy(out, s, 11);
			out[11] = '\0';
			return SQ_PHONE_OK;
		}
	}
	if (cell_load(&c, s, len) == -1) {
		*why = _("too long for a phone number");
		return SQ_PHONE_BAD;
	}
	if (sc_eof(&c.s) || placeholder(&c.s))
		return SQ_PHONE_EMPTY;
	if ((*why = excel_error(&c.s)) != NULL)
		return SQ_PHONE_BAD;

	/*
	 * The first segment with a digit in it; if that is unusable, the
	 * next usable one: a household nobody can call is not followed up.
	 */
	for (p = c.s.p;; p = q + sl) {
		q = phone_sep(p, c.s.e, &sl);
		if (has_digit(p, q)) {
			seg.p = p;
			seg.e = q;
			r = phone_seg(seg, out, outsz, &w, &split);
			if (first == -1 && r != SQ_PHONE_BAD) {
				*why = w;
				if (r == SQ_PHONE_OK &&
				    (split || has_digit(q, c.s.e)))
					*why = _("several phones; kept the first");
				return r;
			}
			if (first == -1) {
				first = r;
				first_why = w;
			} else if (r != SQ_PHONE_BAD) {
				*why = r == SQ_PHONE_OK ? "several phones; "
				    "the first is unusable, kept the next" : w;
				return r;
			}
		}
		if (q == c.s.e)
			break;
	}
	if (outsz > 0)
		out[0] = '\0';
	*why = first == -1 ? "no digits; not a phone number" : first_why;
	return SQ_PHONE_BAD;
}

/* Append src to out as snprintf would; n counts the full length. */
static void
mask_add(char *out, size_t outsz, size_t *n, const char *src, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++, (*n)++)
		if (*n + 1 < outsz)
			out[*n] = src[i];
}

static int
all_digits(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdig((unsigned char)p[i]))
			return 0;
	return n > 0;
}

size_t
sq_phone_mask(const char *norm, char *out, size_t outsz)
{
	size_t len = strlen(norm), n = 0, a, l;
	const char *dash;

	if (len == 11 && norm[0] == '1' && all_digits(norm, len)) {
		mask_add(out, outsz, &n, norm, 3);
		mask_add(out, outsz, &n, "****", 4);
		mask_add(out, outsz, &n, norm + 7, 4);
	} else if (norm[0] == '0' && (dash = strchr(norm, '-')) != NULL &&
	    (a = (size_t)(dash - norm)) >= 3 && a <= 4 &&
	    all_digits(norm, a) &&
	    (l = strcspn(dash + 1, "-")) >= 7 && l <= 8 &&
	    all_digits(dash + 1, l)) {
		mask_add(out, outsz, &n, norm, a + 1);
		mask_add(out, outsz, &n, "****", 4);
		mask_add(out, outsz, &n, dash + 1 + l - 4, 4);
	} else
		mask_add(out, outsz, &n, "****", 4);
	if (outsz > 0)
		out[n < outsz ? n : outsz - 1] = '\0';
	return n;
}

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
