/*
 * buf.c — a growable byte string and the escapes for HTML and Markdown.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

void
sq_buf_init(struct sq_buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
sq_buf_free(struct sq_buf *b)
{
	free(b->s);
	sq_buf_init(b);
}

static void
grow(struct sq_buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	b->s = sq_xrealloc(b->s, cap);
	b->cap = cap;
}

void
sq_buf_add(struct sq_buf *b, const char *p, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sq_buf_adds(struct sq_buf *b, const char *p)
{
	sq_buf_add(b, p, strlen(p));
}

void
sq_buf_addc(struct sq_buf *b, char c)
{
	sq_buf_add(b, &c, 1);
}

void
sq_buf_vprintf(struct sq_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	grow(b, 0);
	/* into the room there is; only what did not fit is formatted again */
	va_copy(aq, ap);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, aq);
	va_end(aq);
	if (n < 0) {
		b->s[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
sq_buf_printf(struct sq_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sq_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
sq_buf_take(struct sq_buf *b)
{
	char *s = b->s ? b->s : sq_xstrdup("");

	sq_buf_init(b);
	return s;
}

static int
control(unsigned char c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
}

void
sq_buf_html(struct sq_buf *b, const char *p, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		const char *e;
		unsigned char c = (unsigned char)p[i];
		switch (c) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default: e = control(c) ? "" : NULL; break;
		}
		if (e == NULL)
			continue;
		sq_buf_add(b, p + run, i - run);
		sq_buf_adds(b, e);
		run = i + 1;
	}
	sq_buf_add(b, p + run, n - run);
}

void
sq_buf_markdown(struct sq_buf *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '&')
			sq_buf_adds(b, "&amp;");
		else if (c == '\n' || c == '\r' || c == '\t')
			sq_buf_addc(b, ' ');
		else if (control(c))
			continue;
		else {
			if (strchr("\\`*_[]<>|~#!", c) && c != '\0')
				sq_buf_addc(b, '\\');
			sq_buf_addc(b, (char)c);
		}
	}
}
