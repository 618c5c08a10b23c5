/*
 * kvconf.h — "key = value" settings files: sq-report's --config and
 * words.conf, sq-rounds' rounds.conf and --settings.
 *
 * One setting a line, "key = value"; the separator is the first '=' of the
 * line.  Blank lines and lines whose first visible character is '#' are
 * skipped, and so is a UTF-8 byte order mark at the start of the file.
 * Key and value are trimmed like cells (sq_trim: ASCII white space, U+3000,
 * U+00A0), so a key is never empty and never starts or ends with a space.
 * Lines end at '\n' (a CR before it is trimmed with the rest); a line may
 * be of any length.  Flags:
 *
 *	SQ_KV_COLON	a line without '=' may use ':' or the full-width
 *			'：' instead, whichever comes first ("热线：12345")
 *	SQ_KV_QUOTES	a value in double quotes loses them and keeps its
 *			spaces (title = "  spaced  ")
 *	SQ_KV_HASH	'#' anywhere starts a comment that runs to the end of
 *			the line (then no key or value holds a '#')
 *	SQ_KV_OPTIONAL	a file that does not exist reads as an empty one
 *
 * A line that is not "key = value" (no separator, nothing before it, or a
 * NUL byte in it) is handed to the callback with key NULL and the line,
 * trimmed, as value: the caller says what it makes of it.
 */
#ifndef SQ_KVCONF_H
#define SQ_KVCONF_H

#include <stddef.h>

enum {
	SQ_KV_COLON	= 1 << 0,
	SQ_KV_QUOTES	= 1 << 1,
	SQ_KV_HASH	= 1 << 2,
	SQ_KV_OPTIONAL	= 1 << 3,
};

/* One setting (key NULL: a line that is not one) at line (1, 2, ...). */
typedef void sq_kv_fn(void *ctx, const char *key, const char *value,
    long line);

/*
 * Read the file at path and call fn for each line that is not blank or a
 * comment, in order.  0, or -1 with "PATH: why" printed when the file
 * cannot be opened or read (the lines before a read error are handed on).
 */
int	sq_kv_load(const char *path, int flags, sq_kv_fn *fn, void *ctx);

/* The same for text in memory (NUL bytes included); no messages, 0. */
int	sq_kv_parse(const char *text, size_t len, int flags, sq_kv_fn *fn,
	    void *ctx);

#endif
