/*
 * out.c — CSV rows into a buffer, flushed to a file in UTF-8 (with or
 * without a BOM) or GBK, LF or CRLF.
 */
#include "gen.h"

struct out *
out_open(const char *dir, const char *name, int enc, int crlf)
{
	struct out *o = sq_xcalloc(1, sizeof(*o));
	size_t n = strlen(dir) + strlen(name) + 2;

	o->path = sq_xmalloc(n);
	snprintf(o->path, n, "%s/%s", dir, name);
	if ((o->f = fopen(o->path, "wb")) == NULL)
		sq_fatal("%s: %s", o->path, strerror(errno));
	o->cd = (iconv_t)-1;
	if (enc == ENC_GBK && (o->cd = iconv_open("GBK", "UTF-8")) ==
	    (iconv_t)-1)
		sq_fatal("iconv: no UTF-8 to GBK conversion: %s",
		    strerror(errno));
	o->eol = crlf ? "\r\n" : "\n";
	o->cap = 1 << 17;
	o->buf = sq_xmalloc(o->cap);
	if (enc == ENC_UTF8_BOM)
		fputs("\xef\xbb\xbf", o->f);
	return o;
}

static void
out_raw(struct out *o, const char *s, size_t n)
{
	if (o->len + n > o->cap) {
		while (o->len + n > o->cap)
			o->cap *= 2;
		o->buf = sq_xrealloc(o->buf, o->cap);
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
out_flush(struct out *o)
{
	if (o->cd == (iconv_t)-1) {
		fwrite(o->buf, 1, o->len, o->f);
		o->len = 0;
		return;
	}
	char conv[1 << 16];
	char *in = o->buf;
	size_t inleft = o->len;

	while (inleft > 0) {
		char *op = conv;
		size_t oleft = sizeof(conv);
		size_t rc = iconv(o->cd, &in, &inleft, &op, &oleft);
		fwrite(conv, 1, (size_t)(op - conv), o->f);
		if (rc == (size_t)-1 && errno != E2BIG)
			sq_fatal("%s: cannot convert to GBK at \"%.20s\": %s "
			    "(a bug in gen-community)", o->path, in,
			    strerror(errno));
	}
	o->len = 0;
}

void
out_cell(struct out *o, const char *s)
{
	if (o->col++ > 0)
		out_raw(o, ",", 1);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		out_raw(o, s, strlen(s));
		return;
	}
	out_raw(o, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			out_raw(o, "\"", 1);
		out_raw(o, s, 1);
	}
	out_raw(o, "\"", 1);
}

void
out_cellf(struct out *o, const char *fmt, ...)
{
	char b[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	out_cell(o, b);
}

/* A row of cells from a comma-separated list (no quoting needed). */
void
out_cells(struct out *o, const char *list)
{
	const char *p = list, *q;

	for (;;) {
		q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		char b[256];
		snprintf(b, sizeof(b), "%.*s", (int)n, p);
		out_cell(o, b);
		if (q == NULL)
			break;
		p = q + 1;
	}
}

void
out_end(struct out *o)
{
	out_raw(o, o->eol, strlen(o->eol));
	o->col = 0;
	if (o->len >= (1 << 16))
		out_flush(o);
}

void
out_close(struct out *o)
{
	out_flush(o);
	if (ferror(o->f) | fclose(o->f))
		sq_fatal("%s: write error: %s", o->path, strerror(errno));
	if (o->cd != (iconv_t)-1)
		iconv_close(o->cd);
	free(o->buf);
	free(o->path);
	free(o);
}
