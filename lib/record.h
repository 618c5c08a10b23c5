/*
 * record.h — one record of a stream: fields as byte strings with lengths.
 *
 * Values stay strings end to end; every field is NUL-terminated for
 * convenience but may itself contain NUL only if a reader allows it
 * (none does).  Offsets, not pointers, so the buffer may grow.
 */
#ifndef SQ_RECORD_H
#define SQ_RECORD_H

#include <stddef.h>

#include "text.h"

struct sq_rec {
	long	 line;		/* physical line the record starts on (1-based) */
	size_t	 nf;		/* number of fields */
	size_t	*off;		/* start of field i in buf */
	size_t	*len;		/* length of field i */
	char	*buf;
	size_t	 buflen, bufcap, fcap;
	const char *err;	/* set by a reader on a rejected record */
	int	 plain;		/* no field holds , " CR or LF: no quoting */
	char	 errbuf[512];	/* room for a reason in Chinese */
};

void	 sq_rec_init(struct sq_rec *);
void	 sq_rec_free(struct sq_rec *);
void	 sq_rec_clear(struct sq_rec *);
/* Append a field; returns 0, or -1 when out of memory (fatal in practice). */
int	 sq_rec_push(struct sq_rec *, const char *, size_t);
/*
 * Make room for nbytes more bytes (NULs included) and nfields more fields,
 * so sq_rec_push_fast() can append without checking.  A reader's hot path.
 */
void	 sq_rec_reserve(struct sq_rec *, size_t nbytes, size_t nfields);

static inline void
sq_rec_push_fast(struct sq_rec *r, const char *s, size_t n)
{
	char *p = r->buf + r->buflen;

	r->off[r->nf] = r->buflen;
	r->len[r->nf++] = n;
	__builtin_memcpy(p, s, n);
	p[n] = '\0';
	r->buflen += n + 1;
	r->plain = 0;
}

/*
 * A column name not yet taken: BASE_2, BASE_3, ... (csvkit's rule), the
 * first that taken(name, arg) says is free, written to out (at least
 * SQ_NAME_MAX bytes; BASE is cut at a character boundary to fit).  *next,
 * when past 2, is where to start and is left past the name found, so a
 * million repeats of one name do not try the same numbers again.
 */
#define SQ_NAME_MAX	512
void	 sq_name_free_suffix(char *out, const char *base, int *next,
	    int (*taken)(const char *name, void *arg), void *arg);

/* Append bytes to the last field (starting one if there is none). */
int	 sq_rec_append(struct sq_rec *, const char *, size_t);
void	 sq_rec_copy(struct sq_rec *dst, const struct sq_rec *src);
void	 sq_rec_seterr(struct sq_rec *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

static inline const char *
sq_rec_get(const struct sq_rec *r, size_t i)
{
	return r->buf + r->off[i];
}

/* Field i, or "" when the record is shorter (ragged rows). */
static inline const char *
sq_rec_at(const struct sq_rec *r, size_t i, size_t *len)
{
	if (i >= r->nf) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = r->len[i];
	return r->buf + r->off[i];
}

/*
 * Cell col of a record whose columns a program looked up by name: col -1
 * (the column is not there) and a short row both give "".  The _trim form
 * drops surrounding white space, full-width spaces included.
 */
static inline const char *
sq_rec_cell(const struct sq_rec *r, long col, size_t *len)
{
	if (col < 0) {
		*len = 0;
		return "";
	}
	return sq_rec_at(r, (size_t)col, len);
}

static inline const char *
sq_rec_cell_trim(const struct sq_rec *r, long col, size_t *len)
{
	const char *p = sq_rec_cell(r, col, len);
	const unsigned char *u = (const unsigned char *)p;
	size_t n = *len;

	/* inline for the usual cell: starts and ends with visible ASCII */
	if (n == 0 || (u[0] > ' ' && u[0] < 0x80 && u[n - 1] > ' ' &&
	    u[n - 1] < 0x80))
		return p;
	*len = sq_trim(&p, n);
	return p;
}

/* True when every field is empty (a blank spreadsheet row). */
int	 sq_rec_blank(const struct sq_rec *);

#endif
