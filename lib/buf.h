/*
 * buf.h — a growable byte string, for output assembled in memory (a
 * rendered template, an SVG chart) before it is written in one go.
 *
 * Always NUL-terminated; out of memory is fatal (sq_xrealloc).
 */
#ifndef SQ_BUF_H
#define SQ_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct sq_buf {
	char	*s;
	size_t	 len, cap;
};

void	 sq_buf_init(struct sq_buf *);
void	 sq_buf_free(struct sq_buf *);
void	 sq_buf_add(struct sq_buf *, const char *, size_t);
void	 sq_buf_adds(struct sq_buf *, const char *);
void	 sq_buf_addc(struct sq_buf *, char);
void	 sq_buf_printf(struct sq_buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sq_buf_vprintf(struct sq_buf *, const char *fmt, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Take the string (caller frees); the buffer is empty again. */
char	*sq_buf_take(struct sq_buf *);

/*
 * Escapes, appended to the buffer:
 * html: & < > " ' as entities, so text is inert in element content and in
 * quoted attributes (also inside inline SVG).
 * markdown: ASCII punctuation that means something in CommonMark or GFM
 * tables (\ ` * _ [ ] < > | ~ # !) gets a backslash, & becomes &amp;, and
 * line breaks become spaces (a value stays on its line or table cell).
 * Both drop ASCII control characters other than \n and \t.
 */
void	 sq_buf_html(struct sq_buf *, const char *, size_t);
void	 sq_buf_markdown(struct sq_buf *, const char *, size_t);

#endif
