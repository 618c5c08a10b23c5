/*
 * phone.c — phone numbers as people type them: normalized (sq_phone_norm)
 * and masked for what others read (sq_phone_mask).  Forms in value.h.
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
