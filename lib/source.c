#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "diag.h"
#include "source.h"
#include "text.h"

/*
 * Bytes read at a time.  The fuzz build (make fuzz) makes it tiny, so that
 * lines across reads and buffer growth are exercised by small inputs.
 */
#ifndef SQ_SOURCE_CHUNK
#define SQ_SOURCE_CHUNK	((size_t)256 << 10)
#endif
#define CHUNK	((size_t)(SQ_SOURCE_CHUNK))
/* What a UTF-16 unit that is no character becomes, U+FFFD in UTF-8. */
#define REPLACEMENT	"\xEF\xBF\xBD"
/* Bytes looked at, at most, to tell CR-only line ends from LF ones. */
#define SNIFF_MAX	((size_t)1 << 20)

struct sq_source {
	int	 fd;
	char	*name;
	enum sq_enc enc;	/* SQ_ENC_AUTO until a line decides */
	size_t	 max_line;
	char	 term;		/* '\n', or '\r' for old Mac files */

	char	*buf;		/* bytes not yet handed out: [pos, end) */
	size_t	 cap, pos, end;
	size_t	 clean;		/* buf[pos, clean): whole lines checked */
	int	 eof;
	int	 skipping;	/* discarding the rest of an over-long line */
	long	 lineno;

	iconv_t	 cd_line;	/* GB18030/Big5 -> UTF-8, per line */
	iconv_t	 cd_stream;	/* UTF-16 -> UTF-8, over the stream */
	char	*raw;		/* UTF-16 bytes read but not yet decoded */
	long	 bad_units;	/* UTF-16 units made U+FFFD, not yet told */
	size_t	 rawlen, rawcap;

	char	*lb;		/* a decoded line */
	size_t	 lbcap;
	char	 errbuf[384];	/* room for a reason in Chinese */
	struct sq_line last;
	int	 unread;
};

int
sq_enc_parse(const char *name, enum sq_enc *e)
{
	static const struct { const char *name; enum sq_enc enc; } tab[] = {
		{ "auto", SQ_ENC_AUTO }, { "utf-8", SQ_ENC_UTF8 },
		{ "utf8", SQ_ENC_UTF8 }, { "gb18030", SQ_ENC_GB18030 },
		{ "gbk", SQ_ENC_GB18030 }, { "gb2312", SQ_ENC_GB18030 },
		{ "cp936", SQ_ENC_GB18030 }, { "big5", SQ_ENC_BIG5 },
		{ "utf-16", SQ_ENC_UTF16LE }, { "utf16", SQ_ENC_UTF16LE },
		{ "utf-16le", SQ_ENC_UTF16LE }, { "utf-16be", SQ_ENC_UTF16BE },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcasecmp(name, tab[i].name) == 0) {
			*e = tab[i].enc;
			return 0;
		}
	return -1;
}

const char *
sq_enc_name(enum sq_enc e)
{
	switch (e) {
	case SQ_ENC_UTF8:	return "UTF-8";
	case SQ_ENC_GB18030:	return "GB18030";
	case SQ_ENC_BIG5:	return "BIG5";
	case SQ_ENC_UTF16LE:	return "UTF-16LE";
	case SQ_ENC_UTF16BE:	return "UTF-16BE";
	default:		return "auto";
	}
}

static ssize_t
read_some(struct sq_source *src, char *p, size_t n)
{
	for (;;) {
		ssize_t r = read(src->fd, p, n);

		if (r >= 0)
			return r;
		if (errno != EINTR) {
			sq_error("%s: read error: %s", src->name, strerror(errno));
			return -1;
		}
	}
}

/* Make room for CHUNK more bytes at the end of buf, growing up to the limit. */
static void
make_room(struct sq_source *src)
{
	if (src->pos > 0) {
		memmove(src->buf, src->buf + src->pos, src->end - src->pos);
		src->end -= src->pos;
		src->clean = src->clean > src->pos ? src->clean - src->pos : 0;
		src->pos = 0;
	}
	if (src->cap - src->end >= CHUNK)
		return;
	size_t cap = src->cap ? src->cap : CHUNK;
	while (cap - src->end < CHUNK)
		cap *= 2;
	src->buf = sq_xrealloc(src->buf, cap);
	src->cap = cap;
}

/* UTF-16: decode what we have of src->raw into buf.  -1 on bad input. */
static int
decode_stream(struct sq_source *src)
{
	char *in = src->raw, *out = src->buf + src->end;
	size_t inleft = src->rawlen, outleft = src->cap - src->end;

	/*
	 * A unit that is not UTF-16 (an unpaired surrogate) becomes U+FFFD
	 * and makes its line an error (check_line): the row is rejected, not
	 * the file.  Before, one bad unit refused the whole file, naming
	 * line 1.
	 */
	while (iconv(src->cd_stream, &in, &inleft, &out, &outleft) ==
	    (size_t)-1 && errno == EILSEQ && inleft >= 2 && outleft >= 3) {
		memcpy(out, REPLACEMENT, 3);
		out += 3;
		outleft -= 3;
		in += 2;
		inleft -= 2;
		src->bad_units++;
		iconv(src->cd_stream, NULL, NULL, NULL, NULL);
	}
	/* EINVAL (a split character) and E2BIG simply wait for the next call */
	src->end = (size_t)(out - src->buf);
	memmove(src->raw, in, inleft);
	src->rawlen = inleft;
	return 0;
}

/* Read more input into buf.  Returns bytes added (0 at end), -1 on error. */
static ssize_t
fill(struct sq_source *src)
{
	make_room(src);
	if (src->cd_stream == (iconv_t)-1) {
		ssize_t r = read_some(src, src->buf + src->end, src->cap - src->end);
		if (r > 0)
			src->end += (size_t)r;
		return r;
	}
	size_t before = src->end;
	while (src->end == before) {
		if (src->rawcap - src->rawlen < CHUNK) {
			src->rawcap = src->rawlen + CHUNK;
			src->raw = sq_xrealloc(src->raw, src->rawcap);
		}
		ssize_t r = read_some(src, src->raw + src->rawlen,
		    src->rawcap - src->rawlen);
		if (r < 0)
			return -1;
		if (r == 0) {
			if (src->rawlen) {
				sq_error("%s: the file ends inside a %s "
				    "character", src->name, sq_enc_name(src->enc));
				return -1;
			}
			return 0;
		}
		src->rawlen += (size_t)r;
		if (decode_stream(src) < 0)
			return -1;
	}
	return (ssize_t)(src->end - before);
}

static int
start_utf16(struct sq_source *src, size_t skip)
{
	const char *from = src->enc == SQ_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE";

	src->cd_stream = iconv_open("UTF-8", from);
	if (src->cd_stream == (iconv_t)-1) {
		sq_error("%s: cannot decode %s here (iconv: %s); save the file "
		    "as \"CSV UTF-8\"", src->name, from, strerror(errno));
		return -1;
	}
	/* what was read so far is UTF-16: move it to raw and decode it */
	size_t n = src->end - src->pos - skip;
	src->rawcap = n + CHUNK;
	src->raw = sq_xrealloc(src->raw, src->rawcap);
	memcpy(src->raw, src->buf + src->pos + skip, n);
	src->rawlen = n;
	src->pos = src->end = src->clean = 0;
	make_room(src);
	return decode_stream(src);
}

static int
open_line_decoder(struct sq_source *src, enum sq_enc e)
{
	if (src->cd_line != (iconv_t)-1)
		return 0;
	src->cd_line = iconv_open("UTF-8", e == SQ_ENC_BIG5 ? "BIG5" : "GB18030");
	if (src->cd_line == (iconv_t)-1) {
		sq_error("%s: cannot decode %s here (iconv: %s)", src->name,
		    sq_enc_name(e), strerror(errno));
		return -1;
	}
	return 0;
}

/* Look at the first bytes: BOMs, UTF-16 without BOM, old Mac line ends. */
static int
sniff(struct sq_source *src)
{
	const unsigned char *b;
	size_t n;

	while (src->end < 4 && !src->eof) {
		ssize_t r = fill(src);
		if (r < 0)
			return -1;
		if (r == 0)
			src->eof = 1;
	}
	b = (const unsigned char *)src->buf;
	n = src->end;
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		src->pos = 3;
		if (src->enc == SQ_ENC_AUTO)
			src->enc = SQ_ENC_UTF8;
	} else if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
	    (b[0] == 0xFE && b[1] == 0xFF))) {
		if (src->enc == SQ_ENC_AUTO || src->enc == SQ_ENC_UTF16LE ||
		    src->enc == SQ_ENC_UTF16BE) {
			src->enc = b[0] == 0xFF ? SQ_ENC_UTF16LE : SQ_ENC_UTF16BE;
			if (start_utf16(src, 2) < 0)
				return -1;
			goto line_ends;
		}
	} else if (src->enc == SQ_ENC_AUTO && n >= 4) {
		/*
		 * UTF-16 without a BOM.  Checking only "x\0y\0" at the start
		 * missed Chinese text, whose first code units have no zero
		 * byte ("姓名,电话" is D3 59 0D 54 ...): look instead for
		 * zero bytes (the high halves of ASCII commas, digits and line
		 * ends) that all sit on one parity, and are not rare.  A
		 * UTF-8 line with a stray NUL does not qualify and is still
		 * rejected by line.
		 */
		size_t lim = n < 4096 ? n : 4096, zodd = 0, zeven = 0;
		for (size_t i = 0; i < lim; i++)
			if (b[i] == 0)
				*(i % 2 ? &zodd : &zeven) += 1;
		if (zeven == 0 && zodd >= 2 && zodd * 8 >= lim)
			src->enc = SQ_ENC_UTF16LE;
		else if (zodd == 0 && zeven >= 2 && zeven * 8 >= lim)
			src->enc = SQ_ENC_UTF16BE;
	}
	if ((src->enc == SQ_ENC_UTF16LE || src->enc == SQ_ENC_UTF16BE) &&
	    start_utf16(src, 0) < 0)
		return -1;
line_ends:
	/*
	 * Old Mac line ends (CR only): a CR and no LF in the first lines,
	 * in every encoding (UTF-16 is decoded by now: CR-only UTF-16 was
	 * one header line and no rows).
	 * Look at up to SNIFF_MAX bytes however the reads came.  Only the
	 * first read() was looked at: a pipe handing over a few bytes, or a
	 * first line longer than one read with a quoted CR in it, made an
	 * LF file read as CR-terminated (found by fuzz_reader's round trip,
	 * whose build reads 64 bytes at a time).
	 */
	while (!src->eof && src->end - src->pos < SNIFF_MAX &&
	    !memchr(src->buf + src->pos, '\n', src->end - src->pos)) {
		ssize_t r = fill(src);
		if (r < 0)
			return -1;
		if (r == 0)
			src->eof = 1;
	}
	if (!memchr(src->buf + src->pos, '\n', src->end - src->pos) &&
	    memchr(src->buf + src->pos, '\r', src->end - src->pos))
		src->term = '\r';
	return 0;
}

struct sq_source *
sq_source_open(const char *path, enum sq_enc enc, size_t max_line)
{
	struct sq_source *src = sq_xcalloc(1, sizeof(*src));
	int stdin_ = strcmp(path, "-") == 0;

	src->fd = stdin_ ? 0 : open(path, O_RDONLY);
	if (src->fd < 0) {
		sq_error("%s: cannot open: %s", path, strerror(errno));
		free(src);
		return NULL;
	}
	src->name = sq_xstrdup(stdin_ ? "stdin" : path);
	src->enc = enc;
	src->max_line = max_line ? max_line : SQ_MAX_LINE_DEFAULT;
	src->term = '\n';
	src->cd_line = src->cd_stream = (iconv_t)-1;
	if ((enc == SQ_ENC_GB18030 || enc == SQ_ENC_BIG5) &&
	    open_line_decoder(src, enc) < 0) {
		sq_source_close(src);
		return NULL;
	}
	if (sniff(src) < 0) {
		sq_source_close(src);
		return NULL;
	}
	return src;
}

const char *
sq_source_name(const struct sq_source *src)
{
	return src->name;
}

long long
sq_source_file_size(const struct sq_source *src)
{
	struct stat sb;

	if (fstat(src->fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return -1;
	return (long long)sb.st_size;
}

enum sq_enc
sq_source_encoding(const struct sq_source *src)
{
	return src->enc;
}

void
sq_source_close(struct sq_source *src)
{
	if (src == NULL)
		return;
	if (src->fd > 0)
		close(src->fd);
	if (src->cd_line != (iconv_t)-1)
		iconv_close(src->cd_line);
	if (src->cd_stream != (iconv_t)-1)
		iconv_close(src->cd_stream);
	free(src->buf);
	free(src->raw);
	free(src->lb);
	free(src->name);
	free(src);
}

/* Decode one GB18030/Big5 line into lb.  0 ok, -1 invalid (errbuf set). */
static int
decode_line(struct sq_source *src, enum sq_enc e, struct sq_line *l)
{
	char *in = (char *)l->s, *out;
	size_t inleft = l->len, outleft;

	if (src->lbcap < 2 * l->len + 16) {
		src->lbcap = 2 * l->len + 16;
		src->lb = sq_xrealloc(src->lb, src->lbcap);
	}
	out = src->lb;
	outleft = src->lbcap;
	iconv(src->cd_line, NULL, NULL, NULL, NULL);
	if (iconv(src->cd_line, &in, &inleft, &out, &outleft) == (size_t)-1) {
		size_t col = (size_t)(in - l->s);
		snprintf(src->errbuf, sizeof(src->errbuf),
		    _("byte 0x%02X at byte %zu is not valid %s; give the right "
		    "--encoding"), (unsigned char)*in, col + 1, sq_enc_name(e));
		return -1;
	}
	l->s = src->lb;
	l->len = (size_t)(out - src->lb);
	return 0;
}

/*
 * One pass, eight bytes at a time: does the line hold a byte >= 0x80
 * (bit 1 of the result) or a NUL (bit 2)?
 */
static int
line_bytes(const char *s, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t highs = UINT64_C(0x8080808080808080);
	uint64_t high = 0, nul = 0, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		high |= w;
		nul |= (w - ones) & ~w;
	}
	int r = (high & highs) ? 1 : 0;
	if (nul & highs) {
		/* the trick also fires on bytes >= 0x80; look closer */
		if (memchr(s, '\0', i))
			r |= 2;
	}
	for (; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80)
			r |= 1;
		if (s[i] == '\0')
			r |= 2;
	}
	return r;
}


/*
 * Big5 rather than GB18030?  Nearly every Big5 line is also valid GBK, and
 * was read as GBK into wrong or private-use characters with no word.  But
 * Big5 puts some 40% of its characters on second bytes 0x40-0x7E, which in
 * GBK are only the rare extension characters, and its common characters
 * start 0xA4-0xC6, where GBK has kana, Greek, Cyrillic, pinyin, box
 * drawing and private use up to 0xAF: a line whose two-byte characters
 * are all valid Big5, at least two of them, and a quarter or more of them
 * such, is Big5.  (GBK text scores near 0; a line too short to tell is
 * read as GB18030, as before.)
 */
static int
looks_big5(const char *s, size_t n)
{
	const unsigned char *b = (const unsigned char *)s;
	size_t dbl = 0, low = 0;

	for (size_t i = 0; i < n;) {
		if (b[i] < 0x80) {
			i++;
			continue;
		}
		if (i + 1 >= n || b[i] < 0xA1 || b[i] > 0xF9)
			return 0;
		unsigned t = b[i + 1];
		if (t < 0x40 || (t > 0x7E && t < 0xA1) || t > 0xFE)
			return 0;
		if (t <= 0x7E || (b[i] >= 0xA4 && b[i] <= 0xAF) || b[i] >= 0xF8)
			low++;
		dbl++;
		i += 2;
	}
	return dbl >= 2 && low * 4 >= dbl;
}

/* Check and, where needed, decode the raw line in *l. */
static void
check_line(struct sq_source *src, struct sq_line *l)
{
	size_t bad;
	int bytes = line_bytes(l->s, l->len);

	if (bytes & 2) {
		l->err = _("contains a NUL byte (a binary file, or UTF-16 saved "
		    "without a BOM?)");
		return;
	}
	if (src->bad_units > 0 && (bytes & 1)) {
		int here = 0;
		for (size_t i = 0; i + 3 <= l->len; i++)
			if (memcmp(l->s + i, REPLACEMENT, 3) == 0)
				here++;
		if (here > 0) {
			src->bad_units -= here;
			snprintf(src->errbuf, sizeof(src->errbuf), "not valid "
			    "%s (an unpaired surrogate); the row is left out, "
			    "the rest of the file is read", sq_enc_name(src->enc));
			l->err = src->errbuf;
			return;
		}
	}
	if (!(bytes & 1))
		return;		/* plain ASCII: valid in every encoding read */
	switch (src->enc) {
	case SQ_ENC_GB18030:
	case SQ_ENC_BIG5:
		if (decode_line(src, src->enc, l) < 0)
			l->err = src->errbuf;
		return;
	case SQ_ENC_AUTO:
		if (sq_utf8_valid((const unsigned char *)l->s, l->len, &bad)) {
			src->enc = SQ_ENC_UTF8;
			return;
		}
		if (looks_big5(l->s, l->len) &&
		    open_line_decoder(src, SQ_ENC_BIG5) == 0 &&
		    decode_line(src, SQ_ENC_BIG5, l) == 0) {
			src->enc = SQ_ENC_BIG5;
			sq_warn(src->name, l->no, "read as Big5 (traditional "
			    "Chinese): its characters fit Big5, not GB18030; "
			    "if it is GBK, give --encoding gb18030");
			return;
		}
		if (open_line_decoder(src, SQ_ENC_GB18030) == 0 &&
		    decode_line(src, SQ_ENC_GB18030, l) == 0) {
			src->enc = SQ_ENC_GB18030;
			return;
		}
		snprintf(src->errbuf, sizeof(src->errbuf), _("neither UTF-8 nor "
		    "GB18030 (byte 0x%02X at byte %zu); give the right "
		    "--encoding"), (unsigned char)l->s[bad], bad + 1);
		l->err = src->errbuf;
		return;
	default:
		if (!sq_utf8_valid((const unsigned char *)l->s, l->len, &bad)) {
			snprintf(src->errbuf, sizeof(src->errbuf), _("not valid "
			    "UTF-8 (byte 0x%02X at byte %zu); if the file is "
			    "GBK, read it with --encoding gb18030"),
			    (unsigned char)l->s[bad], bad + 1);
			l->err = src->errbuf;
		}
		return;
	}
}

void
sq_source_unread(struct sq_source *src)
{
	src->unread = 1;
}

static int
next_line(struct sq_source *src, struct sq_line *l);

/* Where the last c is in s[0, n), or NULL. */
static const char *
last_byte(const char *s, size_t n, char c)
{
	while (n > 0)
		if (s[--n] == c)
			return s + n;
	return NULL;
}

/*
 * UTF-8 text is checked a buffer at a time, not a line at a time: the
 * per-line checks (line_bytes, then sq_utf8_valid on every line with a
 * Chinese character) were a tenth of sq-flag's work on a district.  The
 * whole lines of s[at, at + n) that hold no NUL and are valid UTF-8 are
 * marked clean (a line of valid text cut at its line ends is valid);
 * the line with a problem, and those after it, are checked one by one
 * until the next buffer, so what is said of them is as before.
 */
static void
check_ahead(struct sq_source *src, size_t at, size_t n)
{
	const char *s = src->buf + at, *z = memchr(s, '\0', n);
	size_t good = z ? (size_t)(z - s) : n, bad;

	if (!sq_utf8_valid((const unsigned char *)s, good, &bad))
		good = bad;
	if (good < n) {
		const char *t = last_byte(s, good, src->term);
		good = t ? (size_t)(t - s) + 1 : 0;
	}
	src->clean = at + good;
}

/* Lines can be checked a buffer at a time: UTF-8, or UTF-16 made UTF-8. */
static int
checked_ahead(const struct sq_source *src)
{
	return src->bad_units == 0 && (src->enc == SQ_ENC_UTF8 ||
	    src->enc == SQ_ENC_UTF16LE || src->enc == SQ_ENC_UTF16BE);
}

int
sq_source_next(struct sq_source *src, struct sq_line *l)
{
	if (src->unread) {
		src->unread = 0;
		*l = src->last;
		return 1;
	}
	int r = next_line(src, l);
	if (r == 1)
		src->last = *l;
	return r;
}

static void
too_long(struct sq_source *src, struct sq_line *l)
{
	snprintf(src->errbuf, sizeof(src->errbuf), _("line longer than %zu "
	    "bytes (the limit; raise it with --max-field)"), src->max_line);
	l->err = src->errbuf;
}

static int
next_line(struct sq_source *src, struct sq_line *l)
{
	for (;;) {
		char *start = src->buf + src->pos;
		size_t avail = src->end - src->pos;
		char *nl = avail ? memchr(start, src->term, avail) : NULL;

		if (src->skipping) {
			if (nl) {
				src->pos += (size_t)(nl - start) + 1;
				src->skipping = 0;
				continue;
			}
			src->pos = src->end;
		} else if (nl || (src->eof && avail)) {
			size_t n = nl ? (size_t)(nl - start) + 1 : avail;
			size_t at = src->pos;
			l->s = start;
			l->len = n;
			l->no = ++src->lineno;
			l->err = NULL;
			src->pos += n;
			/*
			 * The limit holds however the line arrived: before,
			 * only a line longer than what one read() brought was
			 * caught, so --max-field 64 let a 100-byte line by.
			 */
			if (n > src->max_line) {
				l->len = src->max_line;
				too_long(src, l);
				return 1;
			}
			if (checked_ahead(src) && at >= src->clean) {
				const char *t = last_byte(start, avail, src->term);
				if (t && (size_t)(t - start) + 1 > n)
					check_ahead(src, at, (size_t)(t - start) + 1);
			}
			if (at + n <= src->clean && checked_ahead(src))
				return 1;
			check_line(src, l);
			return 1;
		} else if (avail >= src->max_line) {
			l->s = start;
			l->len = src->max_line;
			l->no = ++src->lineno;
			too_long(src, l);
			src->pos = src->end;
			src->skipping = 1;
			return 1;
		}
		if (src->eof)
			return 0;
		ssize_t r = fill(src);
		if (r < 0)
			return -1;
		if (r == 0)
			src->eof = 1;
	}
}
