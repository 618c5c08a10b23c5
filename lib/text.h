/*
 * text.h — small UTF-8 helpers shared by every program.
 *
 * Nothing here allocates, looks at the locale or keeps state: the same bytes
 * always give the same result.  Lengths are in bytes; strings need not be
 * NUL-terminated.
 */
#ifndef SQ_TEXT_H
#define SQ_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Normalize for matching.  Full-width ASCII U+FF01..U+FF5E becomes ASCII
 * ("１２－Ａ＃" -> "12-A#"); U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK
 * SPACE become ' '; the characters people type for a dash become '-':
 * U+2010..U+2015 (‐ ‑ ‒ – — ―), U+2212 (−), U+2500 (─, some input methods),
 * U+FE58 (﹘), U+FE63 (﹣).  U+301C 〜 and U+FF5E ～ (a range, "to") are not
 * dashes; ～ becomes '~' like the rest of the full-width block.  Every other
 * byte, valid UTF-8 or not, is copied as it is.
 *
 * Output is never longer than input, so outsz >= len + 1 is always enough
 * (outsz >= len if no terminator is wanted); in and out may be the same
 * buffer.  Writes only whole characters, NUL-terminates when there is room,
 * and returns the bytes written (without the NUL).
 */
size_t	sq_fold(const char *in, size_t len, char *out, size_t outsz);

/*
 * Fold the one character at in[*i] (see sq_fold) into out[0..3], advance *i
 * past it and return the bytes written (1..4).  For streaming callers that
 * hash or compare without a buffer.  Requires *i < len.
 */
size_t	sq_fold_next(const char *in, size_t len, size_t *i, char out[4]);

/* s starts with a UTF-8 byte order mark (U+FEFF). */
static inline int
sq_starts_bom(const char *s, size_t len)
{
	return len >= 3 && (unsigned char)s[0] == 0xEF &&
	    (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF;
}

/*
 * A name as rules compare it (an item, a unit, a skill, a team): sq_fold,
 * trimmed (sq_trim), ASCII letters in lower case; malloc'd.
 */
char	*sq_fold_lower(const char *s, size_t len);

/*
 * Trim ASCII whitespace (space, \t \n \v \f \r), U+3000 and U+00A0 at both
 * ends: advances *s and returns the new length.
 */
size_t	sq_trim(const char **s, size_t len);

/*
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates U+D800..U+DFFF,
 * nothing above U+10FFFF, no truncated sequences.  Returns 1 if valid;
 * otherwise 0 with *bad_at (if not NULL) set to the offset where the first
 * invalid sequence starts (the lead byte, or the stray continuation byte).
 * ASCII runs are checked 8 bytes at a time.
 */
int	sq_utf8_valid(const unsigned char *s, size_t len, size_t *bad_at);

/*
 * Decode the code point at s[*i] (requires *i < len).  Returns it and
 * advances *i past it; on an invalid or truncated sequence returns -1 and
 * advances *i by one byte, so a loop always makes progress.
 */
int	sq_utf8_next(const unsigned char *s, size_t len, size_t *i);

/*
 * The length of the longest prefix of s (len bytes) within max bytes that
 * ends on a whole character: len when it fits, else max stepped back over
 * continuation bytes, so a cut never leaves half a character.
 */
size_t	sq_utf8_cut(const char *s, size_t len, size_t max);

/*
 * Value of a Chinese numeral 0..9 (〇 零 一 幺 二 两 三 四 五 六 七 八 九),
 * or -1 for any other code point.  十 百 千 are not digits: see
 * sq_cn_number.
 */
int	sq_cn_digit(int cp);

/*
 * Read the run of Chinese numerals at the start of s: digits as above plus
 * 十 百 千.  With a unit character the usual reading is used (十二 12,
 * 二十 20, 一百零一 101, 一百一 110, 两千 2000); without one the digits are
 * read one by one as people write room numbers (五〇二 502, 一二〇一 1201).
 * Returns the value and sets *used to the bytes read, or returns -1 (and
 * *used = 0) if s does not start with a numeral.  At most 9 characters are
 * read, so the value always fits in a long.
 */
long	sq_cn_number(const char *s, size_t len, size_t *used);

/* FNV-1a, 32 bits: h = sq_fnv1a32(p, n, SQ_FNV1A32_INIT); chainable. */
#define SQ_FNV1A32_INIT	2166136261u
uint32_t sq_fnv1a32(const void *p, size_t len, uint32_t h);

/*
 * The first place n[0, nl) is in h[0, hl), or NULL; NUL bytes are bytes.
 * (memmem is a GNU extension.)
 */
const char *sq_memfind(const char *h, size_t hl, const char *n, size_t nl);

/*
 * Literals at a place, for the small parsers of what people write: the
 * length of lit if s[i, n) starts with it, else 0; sq_at_any the first of
 * a NULL-terminated list that does, its index in *which (if not NULL).
 */
size_t	sq_at(const char *s, size_t n, size_t i, const char *lit);
size_t	sq_at_any(const char *s, size_t n, size_t i, const char *const *lits,
	    int *which);
/* The ASCII digits at s[i, n), at most 6: their value, their count in *nd. */
long	sq_digits_at(const char *s, size_t n, size_t i, size_t *nd);

#endif /* SQ_TEXT_H */
