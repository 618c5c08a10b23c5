#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "record.h"
#include "text.h"

void
sq_rec_init(struct sq_rec *r)
{
	memset(r, 0, sizeof(*r));
}

void
sq_rec_free(struct sq_rec *r)
{
	free(r->off);
	free(r->len);
	free(r->buf);
	sq_rec_init(r);
}

void
sq_rec_clear(struct sq_rec *r)
{
	r->nf = 0;
	r->buflen = 0;
	r->line = 0;
	r->err = NULL;
	r->plain = 0;
}

static void
reserve_bytes(struct sq_rec *r, size_t more)
{
	size_t need = r->buflen + more + 1;

	if (need <= r->bufcap)
		return;
	size_t cap = r->bufcap ? r->bufcap : 256;
	while (cap < need)
		cap *= 2;
	r->buf = sq_xrealloc(r->buf, cap);
	r->bufcap = cap;
}

void
sq_rec_reserve(struct sq_rec *r, size_t nbytes, size_t nfields)
{
	if (r->nf + nfields > r->fcap) {
		size_t cap = r->fcap ? r->fcap : 16;
		while (cap < r->nf + nfields)
			cap *= 2;
		r->off = sq_xrealloc(r->off, cap * sizeof(*r->off));
		r->len = sq_xrealloc(r->len, cap * sizeof(*r->len));
		r->fcap = cap;
	}
	if (nbytes)
		reserve_bytes(r, nbytes - 1);
}

int
sq_rec_push(struct sq_rec *r, const char *s, size_t n)
{
	r->plain = 0;	/* whoever knows better sets it again */
	if (r->nf == r->fcap) {
		size_t cap = r->fcap ? r->fcap * 2 : 16;
		r->off = sq_xrealloc(r->off, cap * sizeof(*r->off));
		r->len = sq_xrealloc(r->len, cap * sizeof(*r->len));
		r->fcap = cap;
	}
	reserve_bytes(r, n);
	r->off[r->nf] = r->buflen;
	r->len[r->nf] = n;
	if (n)
		memcpy(r->buf + r->buflen, s, n);
	r->buflen += n;
	r->buf[r->buflen++] = '\0';
	r->nf++;
	return 0;
}

int
sq_rec_append(struct sq_rec *r, const char *s, size_t n)
{
	if (r->nf == 0)
		return sq_rec_push(r, s, n);
	r->plain = 0;
	/* the last field ends the buffer: overwrite its NUL */
	reserve_bytes(r, n);
	r->buflen--;
	memcpy(r->buf + r->buflen, s, n);
	r->buflen += n;
	r->buf[r->buflen++] = '\0';
	r->len[r->nf - 1] += n;
	return 0;
}

void
sq_rec_copy(struct sq_rec *dst, const struct sq_rec *src)
{
	sq_rec_clear(dst);
	for (size_t i = 0; i < src->nf; i++)
		sq_rec_push(dst, sq_rec_get(src, i), src->len[i]);
	dst->line = src->line;
	dst->plain = src->plain;
	if (src->err) {
		snprintf(dst->errbuf, sizeof(dst->errbuf), "%s", src->err);
		dst->err = dst->errbuf;
	}
}

void
sq_rec_seterr(struct sq_rec *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(r->errbuf, sizeof(r->errbuf), sq_tr(fmt), ap);
	va_end(ap);
	/* cut short: end on a whole UTF-8 character, not half of one */
	if (n >= (int)sizeof(r->errbuf))
		r->errbuf[sq_utf8_cut(r->errbuf, (size_t)n,
		    sizeof(r->errbuf) - 1)] = '\0';
	r->err = r->errbuf;
}

int
sq_rec_blank(const struct sq_rec *r)
{
	for (size_t i = 0; i < r->nf; i++)
		if (r->len[i])
			return 0;
	return 1;
}


void
sq_name_free_suffix(char *out, const char *base, int *next,
    int (*taken)(const char *, void *), void *arg)
{
	/* room for "_" and ten digits after the cut base */
	size_t cut = sq_utf8_cut(base, strlen(base), SQ_NAME_MAX - 12);
	int k = next && *next > 2 ? *next : 2;

	do
		snprintf(out, SQ_NAME_MAX, "%.*s_%d", (int)cut, base, k++);
	while (taken(out, arg));
	if (next)
		*next = k;
}
