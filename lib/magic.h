/*
 * magic.h — what a file is by its first bytes, whatever it is called.
 *
 * A table passed by mistake (a PDF of the roster, a photo of the sign-up
 * sheet, a .rar of the exports, a web page saved as "xls") is named for
 * what it is, with what to do, instead of read as a CSV of garbage.  A
 * workbook (.xlsx, .xls) is lib/bookread's; this is for everything else
 * that is not a table.
 */
#ifndef SQ_MAGIC_H
#define SQ_MAGIC_H

#include <stddef.h>
#include <sys/types.h>

#define SQ_MAGIC_PEEK	512	/* bytes enough to tell */

struct sq_magic {
	const char *what;	/* "a PDF document" */
	const char *todo;	/* "export the table as CSV or .xlsx ..." */
};

/*
 * The first bytes of a file, or of standard input ("-") when it is a pipe
 * or a file, left unread for whoever reads it next: up to want bytes into
 * b, their number; fewer at the end of the input; -1 (errno set) if the
 * file cannot be opened.  Of a terminal or a socket: 0.
 */
ssize_t	 sq_magic_peek(const char *path, unsigned char *b, size_t want);

/* What the bytes b[0, n) begin, if it is known and not a table; or NULL. */
const struct sq_magic *sq_magic_of(const unsigned char *b, size_t n);

#endif
