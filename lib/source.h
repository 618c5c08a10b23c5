/*
 * source.h — an input file as physical UTF-8 lines with their numbers.
 *
 * It opens a path ("-" is stdin), works out the encoding and hands out one
 * physical line at a time, terminator included, so every record built on top
 * knows the line it started on.  Memory is one buffer the size of the longest
 * line, never the file.
 *
 * Encodings: UTF-8 with or without BOM (the BOM is skipped); GB18030 (and so
 * GBK and GB2312, what Excel on Chinese Windows writes) and Big5, decoded line
 * by line with iconv — safe because '\n' is never a trail byte in them;
 * UTF-16 LE/BE with BOM (Excel "Unicode text"), decoded as a stream.
 * Detection (no --encoding): a BOM decides; otherwise the first line that is
 * not plain ASCII decides: valid UTF-8 means UTF-8, else valid GB18030 means
 * GB18030.  A line that is valid in neither is handed out with `err` set and
 * the raw bytes, so the record on it can be rejected by line; no mis-decoded
 * byte is ever passed on as text.  A NUL byte makes the line an error too.
 */
#ifndef SQ_SOURCE_H
#define SQ_SOURCE_H

#include <stddef.h>

enum sq_enc {
	SQ_ENC_AUTO = 0,
	SQ_ENC_UTF8,
	SQ_ENC_GB18030,
	SQ_ENC_BIG5,
	SQ_ENC_UTF16LE,
	SQ_ENC_UTF16BE,
};

struct sq_line {
	const char *s;		/* the line, terminator ("\n", "\r\n") included */
	size_t	 len;
	long	 no;		/* physical line number, from 1 */
	const char *err;	/* not NULL: this line could not be decoded */
};

struct sq_source;

#define SQ_MAX_LINE_DEFAULT	((size_t)256 << 20)

/* Opens PATH; on failure prints why and returns NULL (an I/O error: exit 2). */
struct sq_source *sq_source_open(const char *path, enum sq_enc, size_t max_line);
/* 1: a line in *l; 0: end of input; -1: read error (printed). */
int	 sq_source_next(struct sq_source *, struct sq_line *);
/* Hand out the last line again on the next call (one line of look-ahead). */
void	 sq_source_unread(struct sq_source *);
/* The name to use in messages ("-" reads as "stdin"). */
const char *sq_source_name(const struct sq_source *);
enum sq_enc sq_source_encoding(const struct sq_source *);
/* The size of a regular file; -1 for a pipe, a terminal or a device. */
long long sq_source_file_size(const struct sq_source *);
void	 sq_source_close(struct sq_source *);

/* "utf-8", "gb18030" (also gbk, gb2312, cp936), "big5", "utf-16", "utf-16le",
   "utf-16be", "auto".  Returns 0, or -1 for a name it does not know. */
int	 sq_enc_parse(const char *name, enum sq_enc *);
const char *sq_enc_name(enum sq_enc);

#endif
