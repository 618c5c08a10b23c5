/*
 * text.c — UTF-8 helpers: folding for matching, trimming, strict
 * validation, decoding, Chinese numerals, FNV-1a.
 */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "diag.h"
#include "text.h"

/*
 * Decode one strict UTF-8 sequence at s[i].  Returns the code point and sets
 * *n to its length, or -1 if the sequence is invalid or truncated.
 */
static int
decode(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	unsigned c = s[i], lo = 0x80, hi = 0xBF;
	size_t need, k;
	int cp;

	if (c < 0x80) {
		*n = 1;
		return (int)c;
	}
	/* most of what is not ASCII here is CJK: U+1000..U+CFFF, U+E000.. */
	if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) &&
	    len - i > 2 && (s[i + 1] & 0xC0) == 0x80 &&
	    (s[i + 2] & 0xC0) == 0x80) {
		*n = 3;
		return (int)((c & 0x0F) << 12 | (s[i + 1] & 0x3Fu) << 6 |
		    (s[i + 2] & 0x3Fu));
	}
	if (c < 0xC2 || c > 0xF4)
		return -1;	/* continuation, overlong 2-byte, or > U+10FFFF */
	if (c < 0xE0) {
		need = 1;
		cp = (int)(c & 0x1F);
	} else if (c < 0xF0) {
		need = 2;
		cp = (int)(c & 0x0F);
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else {
		need = 3;
		cp = (int)(c & 0x07);
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	}
	if (len - i <= need)
		return -1;
	for (k = 1; k <= need; k++) {
		c = s[i + k];
		if (c < lo || c > hi)
			return -1;
		lo = 0x80;	/* only the second byte has a narrower range */
		hi = 0xBF;
		cp = (cp << 6) | (int)(c & 0x3F);
	}
	*n = need + 1;
	return cp;
}

#ifdef __SSE2__
/*
 * 16 bytes at a time while they are ASCII and 3-byte sequences led by
 * E1..EC or EE..EF (all of CJK but U+0800..U+0FFF and U+D000..U+D7FF):
 * then the continuation bytes are exactly the one and two bytes after
 * each lead.  Returns where a stretch that is something else begins (or
 * len), always at a character's first byte; what follows is for the
 * exact validator below, which also finds where an error is.
 */
static size_t
valid_fast(const unsigned char *s, size_t len, size_t i)
{
	const __m128i cont_hi = _mm_set1_epi8(-64);	/* 0x80..0xBF: < 0xC0 */
	const __m128i lead_lo = _mm_set1_epi8(-32);	/* 0xE1..: > 0xE0 */
	const __m128i lead_hi = _mm_set1_epi8(-16);	/* ..0xEF: < 0xF0 */
	const __m128i ed = _mm_set1_epi8((char)0xED);
	uint32_t carry = 0;	/* continuations owed to the next block */

	while (i < len) {
		unsigned char pad[16];
		const unsigned char *p = s + i;
		size_t n = len - i;
		if (n < 16) {	/* the end: padded with ASCII */
			memset(pad, 0, sizeof(pad));
			memcpy(pad, p, n);
			p = pad;
		}
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i cont = _mm_cmplt_epi8(v, cont_hi);
		__m128i lead = _mm_andnot_si128(_mm_cmpeq_epi8(v, ed),
		    _mm_and_si128(_mm_cmpgt_epi8(v, lead_lo),
		    _mm_cmplt_epi8(v, lead_hi)));
		__m128i ascii = _mm_cmpgt_epi8(v, _mm_set1_epi8(-1));
		uint32_t c = (uint32_t)_mm_movemask_epi8(cont);
		uint32_t l = (uint32_t)_mm_movemask_epi8(lead);
		uint32_t a = (uint32_t)_mm_movemask_epi8(ascii);
		uint32_t owed = l << 1 | l << 2 | carry;
		if ((a | c | l) != 0xFFFF || c != (owed & 0xFFFF) ||
		    (n <= 16 && (owed >> n) != 0))
			break;
		if (n <= 16)
			return len;
		carry = owed >> 16;
		i += 16;
	}
	/* back to the lead of a sequence the block boundary cut */
	if (carry & 2)
		return i - 1;
	if (carry & 1)
		return i - 2;
	return i;
}
#endif

int
sq_utf8_valid(const unsigned char *s, size_t len, size_t *bad_at)
{
	size_t i = 0, n;
	uint64_t w;

	while (i < len) {
#ifdef __SSE2__
		if (len - i >= 32) {
			i = valid_fast(s, len, i);
			if (i == len)
				break;
			/* a stretch the fast path does not take: a few
			   characters the careful way, then back to it */
			size_t stop = i + 16;
			while (i < len && i < stop) {
				if (s[i] < 0x80) {
					i++;
					continue;
				}
				if (decode(s, len, i, &n) < 0) {
					if (bad_at != NULL)
						*bad_at = i;
					return 0;
				}
				i += n;
			}
			continue;
		}
#endif
		/* ASCII fast path: most of a roster is digits and commas */
		while (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		while (i < len && s[i] < 0x80)
			i++;
		/* a run of non-ASCII: mostly CJK, 3 bytes each, not E0/ED */
		while (i < len && s[i] >= 0x80) {
			if (len - i > 2 && ((s[i] >= 0xE1 && s[i] <= 0xEC) ||
			    s[i] >= 0xEE) && s[i] <= 0xEF &&
			    (s[i + 1] & 0xC0) == 0x80 &&
			    (s[i + 2] & 0xC0) == 0x80) {
				i += 3;
				continue;
			}
			if (decode(s, len, i, &n) < 0) {
				if (bad_at != NULL)
					*bad_at = i;
				return 0;
			}
			i += n;
		}
	}
	return 1;
}

int
sq_utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	size_t n;
	int cp;

	cp = decode(s, len, *i, &n);
	*i += cp < 0 ? 1 : n;
	return cp;
}

/*
 * What one 2- or 3-byte sequence folds to: an ASCII byte, or -1 to keep it.
 * Matched on raw bytes so that invalid input is copied untouched.
 */
static int
fold_seq(const unsigned char *p, size_t avail, size_t *n)
{
	if (p[0] == 0xC2 && avail >= 2 && p[1] == 0xA0) {
		*n = 2;
		return ' ';
	}
	if (avail < 3 || (p[2] & 0xC0) != 0x80)
		return -1;
	*n = 3;
	switch (p[0]) {
	case 0xEF:
		if (p[1] == 0xBC && p[2] >= 0x81)	/* U+FF01..U+FF3F */
			return p[2] - 0x81 + 0x21;
		if (p[1] == 0xBD && p[2] <= 0x9E)	/* U+FF40..U+FF5E */
			return p[2] - 0x80 + 0x60;
		if (p[1] == 0xB9 && (p[2] == 0x98 || p[2] == 0xA3))
			return '-';			/* U+FE58, U+FE63 */
		break;
	case 0xE3:
		if (p[1] == 0x80 && p[2] == 0x80)	/* U+3000 */
			return ' ';
		break;
	case 0xE2:
		if (p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95)
			return '-';			/* U+2010..U+2015 */
		if ((p[1] == 0x88 && p[2] == 0x92) ||	/* U+2212 */
		    (p[1] == 0x94 && p[2] == 0x80))	/* U+2500 */
			return '-';
		break;
	}
	return -1;
}

/* Length of the character starting with byte c, for copying it whole. */
static size_t
seqlen(unsigned char c, size_t avail)
{
	size_t n = 1;

	if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else if (c >= 0xE0 && c < 0xF0)
		n = 3;
	else if (c >= 0xC2 && c < 0xE0)
		n = 2;
	return n < avail ? n : avail;
}

size_t
sq_fold_next(const char *in, size_t len, size_t *i, char out[4])
{
	const unsigned char *p = (const unsigned char *)in + *i;
	size_t avail = len - *i, n = 1, k;
	int c;

	if (p[0] >= 0x80 && (c = fold_seq(p, avail, &n)) >= 0) {
		*i += n;
		out[0] = (char)c;
		return 1;
	}
	n = p[0] < 0x80 ? 1 : seqlen(p[0], avail);
	/* copy a well-formed sequence whole, a broken one byte by byte */
	out[0] = (char)p[0];
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			n = k;
			break;
		}
		out[k] = (char)p[k];
	}
	*i += n;
	return n;
}

size_t
sq_fold(const char *in, size_t len, char *out, size_t outsz)
{
	size_t i = 0, o = 0, n;
	char buf[4];

	while (i < len) {
		if ((unsigned char)in[i] < 0x80) {
			if (o >= outsz)
				break;
			out[o++] = in[i++];
			continue;
		}
		/* fold into buf first: in and out may be the same buffer */
		n = sq_fold_next(in, len, &i, buf);
		if (o + n > outsz)
			break;			/* whole characters only */
		for (size_t k = 0; k < n; k++)
			out[o++] = buf[k];
	}
	if (o < outsz)
		out[o] = '\0';
	return o;
}

/* Bytes of trimmable space at s[i] (0 if none), looking forward. */
static size_t
space_at(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];

	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (c == 0xC2 && len - i >= 2 && s[i + 1] == 0xA0)
		return 2;
	if (c == 0xE3 && len - i >= 3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
		return 3;
	return 0;
}

/* Bytes of trimmable space ending just before s[end] (0 if none). */
static size_t
space_before(const unsigned char *s, size_t end)
{
	unsigned char c = s[end - 1];

	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (c == 0xA0 && end >= 2 && s[end - 2] == 0xC2)
		return 2;
	if (c == 0x80 && end >= 3 && s[end - 2] == 0x80 && s[end - 3] == 0xE3)
		return 3;
	return 0;
}

size_t
sq_trim(const char **s, size_t len)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t b = 0, e = len, n;

	/*
	 * most cells start and end with a byte no space begins or ends with:
	 * a visible ASCII character, or a Chinese one (阳光小区, 502室)
	 */
	if (len == 0 || (p[0] > ' ' && p[0] != 0xC2 && p[0] != 0xE3 &&
	    p[len - 1] > ' ' && p[len - 1] != 0xA0 && p[len - 1] != 0x80))
		return len;
	while (b < e && (n = space_at(p, e, b)) > 0)
		b += n;
	while (e > b && (n = space_before(p + b, e - b)) > 0)
		e -= n;
	*s += b;
	return e - b;
}

int
sq_cn_digit(int cp)
{
	switch (cp) {
	case 0x3007:	/* 〇 */
	case 0x96F6:	/* 零 */
		return 0;
	case 0x4E00:	/* 一 */
	case 0x5E7A:	/* 幺, "one" read out in numbers */
		return 1;
	case 0x4E8C:	/* 二 */
	case 0x4E24:	/* 两 */
		return 2;
	case 0x4E09:	/* 三 */
		return 3;
	case 0x56DB:	/* 四 */
		return 4;
	case 0x4E94:	/* 五 */
		return 5;
	case 0x516D:	/* 六 */
		return 6;
	case 0x4E03:	/* 七 */
		return 7;
	case 0x516B:	/* 八 */
		return 8;
	case 0x4E5D:	/* 九 */
		return 9;
	}
	return -1;
}

static int
cn_unit(int cp)
{
	switch (cp) {
	case 0x5341:	/* 十 */
		return 10;
	case 0x767E:	/* 百 */
		return 100;
	case 0x5343:	/* 千 */
		return 1000;
	}
	return 0;
}

/* Reading with units: 十二 12, 二十 20, 一百零一 101, 一百一 110. */
static long
cn_with_units(const int *cp, int n)
{
	long total = 0, unit = 0;
	int k, d = -1, zero = 0;

	for (k = 0; k < n; k++) {
		int u = cn_unit(cp[k]);

		if (u == 0) {
			d = sq_cn_digit(cp[k]);
			if (d == 0)
				zero = 1;
			continue;
		}
		total += (long)(d < 0 ? 1 : d) * u;
		unit = u;
		d = -1;
		zero = 0;
	}
	if (d > 0)	/* 一百一 is 110, but 一百零一 is 101 */
		total += unit >= 100 && !zero ? d * unit / 10 : d;
	return total;
}

long
sq_cn_number(const char *s, size_t len, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, at;
	int cp[9], n = 0, units = 0, k;
	long v = 0;

	*used = 0;
	while (i < len && n < 9) {
		at = i;
		int c = sq_utf8_next(p, len, &i);

		if (c < 0 || (sq_cn_digit(c) < 0 && cn_unit(c) == 0)) {
			i = at;
			break;
		}
		units |= cn_unit(c);
		cp[n++] = c;
	}
	if (n == 0)
		return -1;
	*used = i;
	if (units)
		return cn_with_units(cp, n);
	for (k = 0; k < n; k++)
		v = v * 10 + sq_cn_digit(cp[k]);
	return v;
}

uint32_t
sq_fnv1a32(const void *p, size_t len, uint32_t h)
{
	const unsigned char *s = p;

	while (len-- > 0) {
		h ^= *s++;
		h *= 16777619u;
	}
	return h;
}

char *
sq_fold_lower(const char *s, size_t len)
{
	char *out = sq_xmalloc(len + 1);
	size_t n = sq_fold(s, len, out, len + 1);
	const char *p = out;

	n = sq_trim(&p, n);
	memmove(out, p, n);
	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] + 32);
	return out;
}

const char *
sq_memfind(const char *h, size_t hl, const char *n, size_t nl)
{
	const char *end = h + hl;

	if (nl == 0)
		return h;
	while ((size_t)(end - h) >= nl) {
		const char *p = memchr(h, n[0], (size_t)(end - h) - nl + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, n, nl) == 0)
			return p;
		h = p + 1;
	}
	return NULL;
}

size_t
sq_at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t l = strlen(lit);

	return i <= n && l <= n - i && memcmp(s + i, lit, l) == 0 ? l : 0;
}

size_t
sq_at_any(const char *s, size_t n, size_t i, const char *const *lits,
    int *which)
{
	for (int k = 0; lits[k]; k++) {
		size_t l = sq_at(s, n, i, lits[k]);
		if (l) {
			if (which)
				*which = k;
			return l;
		}
	}
	return 0;
}

long
sq_digits_at(const char *s, size_t n, size_t i, size_t *nd)
{
	long v = 0;

	*nd = 0;
	while (i + *nd < n && s[i + *nd] >= '0' && s[i + *nd] <= '9' &&
	    *nd < 6)
		v = v * 10 + (s[i + (*nd)++] - '0');
	return v;
}

size_t
sq_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}
