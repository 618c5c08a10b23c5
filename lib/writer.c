#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "text.h"
#include "threads.h"
#include "writer.h"
#include "xlsxwrite.h"

/* Output buffer; the fuzz build makes it tiny to exercise flushing. */
#ifndef SQ_WRITER_BUF
#define SQ_WRITER_BUF	((size_t)128 << 10)
#endif
#define OUTBUF	((size_t)(SQ_WRITER_BUF))

struct sq_writer {
	struct sq_writer_opts o;
	int	 fd;
	char	*path;		/* final path, NULL for stdout */
	char	*tmp;		/* temporary file being written */
	int	 err;		/* first write errno */
	char	*buf;
	size_t	 n, cap;
	int	 mem;		/* a chunk of the rows, kept to be appended */
	long	 rows;
	int	 header_done;
	/* JSON: each key already escaped as "key": */
	char	**keys;
	size_t	*keylen;
	size_t	 nkeys;
	int	 keys_lent;	/* a chunk's: its whole writer's keys */
	struct sq_xlsxw *xlsx;	/* -o xlsx: all of it goes there */
};

int
sq_ofmt_parse(const char *s, enum sq_ofmt *f)
{
	if (strcmp(s, "csv") == 0)
		*f = SQ_OUT_CSV;
	else if (strcmp(s, "json") == 0 || strcmp(s, "ndjson") == 0 ||
	    strcmp(s, "jsonl") == 0)
		*f = SQ_OUT_NDJSON;
	else if (strcmp(s, "json-array") == 0 || strcmp(s, "jsonarray") == 0)
		*f = SQ_OUT_JSONARRAY;
	else if (strcmp(s, "xlsx") == 0)
		*f = SQ_OUT_XLSX;
	else
		return -1;
	return 0;
}

static void
flush(struct sq_writer *w)
{
	size_t off = 0;

	while (off < w->n && !w->err) {
		ssize_t r = write(w->fd, w->buf + off, w->n - off);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			w->err = errno;
			break;
		}
		off += (size_t)r;
	}
	w->n = 0;
}

/* A chunk kept in memory grows where a file's buffer is flushed. */
static void
grow(struct sq_writer *w, size_t len)
{
	while (w->n + len > w->cap)
		w->cap *= 2;
	w->buf = sq_xrealloc(w->buf, w->cap);
}

static inline void
put(struct sq_writer *w, const char *s, size_t len)
{
	if (w->n + len > w->cap) {
		if (w->mem)
			grow(w, len);
		else
			flush(w);
		if (len > w->cap) {
			/* a huge field: write it straight through */
			char *keep = w->buf;
			w->buf = (char *)s;
			w->n = len;
			flush(w);
			w->buf = keep;
			return;
		}
	}
	memcpy(w->buf + w->n, s, len);
	w->n += len;
}

static inline void
putch(struct sq_writer *w, char c)
{
	if (w->n == w->cap) {
		if (w->mem)
			grow(w, 1);
		else
			flush(w);
	}
	w->buf[w->n++] = c;
}

struct sq_writer *
sq_writer_open(const char *path, const struct sq_writer_opts *o)
{
	struct sq_writer *w = sq_xcalloc(1, sizeof(*w));

	w->o = *o;
	if (o->format == SQ_OUT_XLSX) {
		if ((w->xlsx = sq_xlsxw_open(path)) == NULL) {
			free(w);
			return NULL;
		}
		w->path = path && strcmp(path, "-") ? sq_xstrdup(path) : NULL;
		return w;
	}
	w->buf = sq_xmalloc(OUTBUF);
	w->cap = OUTBUF;
	if (path == NULL || strcmp(path, "-") == 0) {
		w->fd = 1;
		return w;
	}
	w->path = sq_xstrdup(path);
	/*
	 * A device or a FIFO (-O /dev/null, -R /dev/stderr, a named pipe)
	 * is written in place: the temporary file and rename() are for
	 * regular files.  Before, "-R /dev/full" run as root renamed a
	 * regular file over /dev/full itself.
	 */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		w->fd = open(path, O_WRONLY | O_TRUNC);
		if (w->fd < 0) {
			sq_error("%s: cannot write here: %s", path,
			    strerror(errno));
			free(w->path);
			free(w->buf);
			free(w);
			return NULL;
		}
		return w;
	}
	w->tmp = sq_xmalloc(strlen(path) + 16);
	sprintf(w->tmp, "%s.tmp.XXXXXX", path);
	w->fd = mkstemp(w->tmp);
	if (w->fd < 0) {
		sq_error("%s: cannot write here: %s", path, strerror(errno));
		free(w->tmp);
		free(w->path);
		free(w->buf);
		free(w);
		return NULL;
	}
	/* mkstemp makes 0600; give the file the usual umask mode */
	mode_t um = umask(0);
	umask(um);
	fchmod(w->fd, 0666 & ~um);
	return w;
}

const char *
sq_writer_path(const struct sq_writer *w)
{
	return w->path ? w->path : "stdout";
}

/* Bytes that force a CSV field into quotes. */
/*
 * A tab too: our reader takes a file whose first line with a comma or a
 * tab has only tabs for tab-separated, so an unquoted tab in a one-column
 * file read back as two columns (found by fuzz_reader's round trip).
 */
static const unsigned char csv_special[256] = {
	['"'] = 1, [','] = 1, ['\n'] = 1, ['\r'] = 1, ['\t'] = 1,
};

/* Any byte of the 8 in x equal to c?  (the classic "has zero byte" trick) */
#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)
static inline uint64_t
has_byte(uint64_t x, unsigned char c)
{
	uint64_t v = x ^ (ONES * c);

	return (v - ONES) & ~v & HIGHS;
}

static void
put_csv_field(struct sq_writer *w, const char *s, size_t len)
{
	size_t i = 0;

	/* eight bytes at a time while none of them needs quoting */
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (has_byte(x, ',') | has_byte(x, '"') | has_byte(x, '\n') |
		    has_byte(x, '\r') | has_byte(x, '\t'))
			break;
	}
	for (; i < len; i++)
		if (csv_special[(unsigned char)s[i]])
			break;
	/* a value starting with U+FEFF is quoted: first in a file, bare, it
	   would be read back as a byte order mark and lost (fuzz_json) */
	if (i == len && !sq_starts_bom(s, len)) {
		put(w, s, len);
		return;
	}
	putch(w, '"');
	const char *q, *end = s + len;
	while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
		put(w, s, (size_t)(q - s) + 1);
		putch(w, '"');
		s = q + 1;
	}
	put(w, s, (size_t)(end - s));
	putch(w, '"');
}

/* +1, -2.5, 1e3 ... : what a spreadsheet reads as a number */
static int
plain_number(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits && i + 1 < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t j = i + 1;
		if (s[j] == '+' || s[j] == '-')
			j++;
		if (j < len && s[j] >= '0' && s[j] <= '9') {
			while (j < len && s[j] >= '0' && s[j] <= '9')
				j++;
			i = j;
		}
	}
	return digits && i == len;
}

int
sq_formula_like(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == ' ')
		i++;
	if (i == len)
		return 0;
	switch (s[i]) {
	case '=': case '@': case '\t': case '\r':
		return 1;
	case '+': case '-':
		/* a lone sign, a dash for "none", is text to Excel too */
		for (size_t j = i + 1; j < len && s[j] == ' '; j++)
			if (j + 1 == len)
				return 0;
		return i + 1 < len && !plain_number(s + i, len - i);
	}
	return 0;
}

/* What a spreadsheet takes as text, not a formula: ' in front. */
#define NEUTRAL_MARK '\''

const char *
sq_excel_text(const char *s, struct sq_buf *b)
{
	size_t len = strlen(s);

	if (!sq_formula_like(s, len))
		return s;
	b->len = 0;
	sq_buf_addc(b, NEUTRAL_MARK);
	sq_buf_add(b, s, len);
	return b->s;
}

/* A field a spreadsheet would run: ' in front, quoted. */
static void
put_neutral(struct sq_writer *w, const char *s, size_t len)
{
	putch(w, '"');
	putch(w, NEUTRAL_MARK);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			putch(w, '"');
		putch(w, s[i]);
	}
	putch(w, '"');
}

/*
 * A short field copied and checked in one pass, the common case; 0 (and
 * nothing written) if it needs quotes.  The caller made room for it.
 */
static inline int
put_short(struct sq_writer *w, const char *s, size_t len)
{
	char *out = w->buf + w->n;
	size_t i = 0;

	memcpy(out, s, len);
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (has_byte(x, ',') | has_byte(x, '"') | has_byte(x, '\n') |
		    has_byte(x, '\r') | has_byte(x, '\t'))
			return 0;
	}
	for (; i < len; i++)
		if (csv_special[(unsigned char)s[i]])
			return 0;
	if (sq_starts_bom(s, len))
		return 0;
	w->n += len;
	return 1;
}

static void
put_eol(struct sq_writer *w)
{
	if (w->o.crlf)
		putch(w, '\r');
	putch(w, '\n');
}

/* s as a JSON string, quotes included, into o (room: 6 * len + 2). */
static size_t
json_escape(char *o, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t k = 0;

	o[k++] = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			o[k++] = (char)c;
			continue;
		}
		o[k++] = '\\';
		switch (c) {
		case '"':  o[k++] = '"'; break;
		case '\\': o[k++] = '\\'; break;
		case '\n': o[k++] = 'n'; break;
		case '\r': o[k++] = 'r'; break;
		case '\t': o[k++] = 't'; break;
		default:
			memcpy(o + k, "u00", 3);
			o[k + 3] = hex[c >> 4];
			o[k + 4] = hex[c & 15];
			k += 5;
		}
	}
	o[k++] = '"';
	return k;
}

static void
put_json_string(struct sq_writer *w, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = 0;

	putch(w, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(w, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"':  put(w, "\\\"", 2); break;
		case '\\': put(w, "\\\\", 2); break;
		case '\n': put(w, "\\n", 2); break;
		case '\r': put(w, "\\r", 2); break;
		case '\t': put(w, "\\t", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			put(w, u, 6);
		}
		}
	}
	put(w, s + start, len - start);
	putch(w, '"');
}

void
sq_writer_header(struct sq_writer *w, const struct sq_rec *names)
{
	if (w->header_done)
		return;
	w->header_done = 1;
	if (w->xlsx) {
		sq_xlsxw_header(w->xlsx, names);
		return;
	}
	if ((w->o.bom || (w->o.file_bom && w->path)) &&
	    w->o.format == SQ_OUT_CSV)
		put(w, "\xEF\xBB\xBF", 3);
	if (w->o.format == SQ_OUT_JSONARRAY)
		putch(w, '[');
	if (w->o.format != SQ_OUT_CSV) {
		/* pre-escape each key once: rows then only copy */
		w->nkeys = names->nf;
		w->keys = sq_xcalloc(names->nf + 1, sizeof(*w->keys));
		w->keylen = sq_xcalloc(names->nf + 1, sizeof(*w->keylen));
		for (size_t i = 0; i < names->nf; i++) {
			/*
			 * Escape into a buffer of our own.  (Before, this
			 * went through put() with w->buf swapped for the
			 * scratch: a name longer than the output buffer made
			 * put() flush the scratch to the output, so the key
			 * was written once, at the header, and missing from
			 * every row but the first.  Found by fuzz_reader.)
			 */
			char *scratch = sq_xmalloc(6 * names->len[i] + 8);
			size_t k = 0;
			scratch[k++] = i ? ',' : '{';
			k += json_escape(scratch + k, sq_rec_get(names, i),
			    names->len[i]);
			scratch[k++] = ':';
			w->keys[i] = scratch;
			w->keylen[i] = k;
		}
		return;
	}
	if (names->nf == 0)
		return;
	sq_writer_row(w, names);
	w->rows = 0;
}

void
sq_writer_fields(struct sq_writer *w, const char *const *v, const size_t *len,
    size_t n)
{
	if (w->err)
		return;
	if (w->xlsx) {
		sq_xlsxw_row(w->xlsx, v, len, n);
		w->rows++;
		return;
	}
	if (w->o.format == SQ_OUT_CSV) {
		if (n == 1 && len[0] == 0) {
			put(w, "\"\"", 2);	/* else it reads back as blank */
		} else {
			for (size_t i = 0; i < n; i++) {
				if (i)
					putch(w, ',');
				if (w->o.excel_safe && len[i] &&
				    sq_formula_like(v[i], len[i])) {
					put_neutral(w, v[i], len[i]);
					continue;
				}
				if (len[i] <= 64 && w->n + 64 <= w->cap &&
				    put_short(w, v[i], len[i]))
					continue;
				put_csv_field(w, v[i], len[i]);
			}
		}
		put_eol(w);
	} else {
		if (w->o.format == SQ_OUT_JSONARRAY && w->rows)
			putch(w, ',');
		if (n > w->nkeys)
			n = w->nkeys;
		if (n == 0)
			putch(w, '{');
		for (size_t i = 0; i < n; i++) {
			put(w, w->keys[i], w->keylen[i]);
			put_json_string(w, v[i], len[i]);
		}
		putch(w, '}');
		if (w->o.format == SQ_OUT_NDJSON)
			putch(w, '\n');
	}
	w->rows++;
}

void
sq_writer_row(struct sq_writer *w, const struct sq_rec *r)
{
	if (r->plain && w->o.format == SQ_OUT_CSV && !w->err &&
	    !w->o.excel_safe &&
	    !(r->nf == 1 && r->len[0] == 0)) {
		/* the reader vouches no field needs quotes: copy them */
		for (size_t i = 0; i < r->nf; i++) {
			if (i)
				putch(w, ',');
			put(w, r->buf + r->off[i], r->len[i]);
		}
		put_eol(w);
		w->rows++;
		return;
	}
	const char *stackv[64];
	const char **v = r->nf <= 64 ? stackv : sq_xmalloc(r->nf * sizeof(*v));

	for (size_t i = 0; i < r->nf; i++)
		v[i] = r->buf + r->off[i];
	sq_writer_fields(w, v, r->len, r->nf);
	if (v != stackv)
		free(v);
}

void
sq_writer_raw(struct sq_writer *w, const char *s, size_t len)
{
	w->header_done = 1;
	if (w->xlsx) {
		/* a document (a sheet of text) is not a table */
		if (!w->err)
			sq_error("%s: this output is not a table; it cannot be "
			    "a workbook (-o xlsx)", sq_writer_path(w));
		w->err = EINVAL;
		return;
	}
	if (!w->err)
		put(w, s, len);
}

/*
 * A big table's rows are made by two threads, a chunk at a time: the
 * chunks 0, 2, 4 ... by the caller straight into w, the odd ones by a
 * second thread into one of two buffers in memory, which the caller
 * appends in their turn.  The bytes are those of one loop; memory stays
 * two chunks.  Few rows: one thread (a handover costs tens of
 * microseconds in a virtual machine), unless SHEQU_READAHEAD=1 asks for
 * two, when a small table's chunks are a sixteenth of it, down to a row:
 * the tests then cross between the threads all the time.
 */
enum { ROWS_CHUNK = 4096 };
#define ROWS_TWO_MIN	((long long)4 * ROWS_CHUNK)

static void release(struct sq_writer *);

struct chunks {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct sq_writer *slot[2];
	int	 full[2];
	size_t	 n, chunk;
	void	(*put)(void *, struct sq_writer *, size_t);
	void	*ctx;
};

static struct sq_writer *
memory_writer(const struct sq_writer *w)
{
	struct sq_writer *m = sq_xcalloc(1, sizeof(*m));

	m->o = w->o;
	m->fd = -1;
	m->mem = 1;
	m->cap = OUTBUF;
	m->buf = sq_xmalloc(m->cap);
	m->header_done = 1;
	m->keys = w->keys;
	m->keylen = w->keylen;
	m->nkeys = w->nkeys;
	m->keys_lent = 1;
	return m;
}

static void *
odd_chunks(void *arg)
{
	struct chunks *c = arg;

	for (size_t k = 1, i = 0; k * c->chunk < c->n; k += 2, i ^= 1) {
		pthread_mutex_lock(&c->mu);
		while (c->full[i])
			pthread_cond_wait(&c->cv, &c->mu);
		pthread_mutex_unlock(&c->mu);
		size_t end = (k + 1) * c->chunk < c->n ? (k + 1) * c->chunk :
		    c->n;
		for (size_t r = k * c->chunk; r < end; r++)
			c->put(c->ctx, c->slot[i], r);
		pthread_mutex_lock(&c->mu);
		c->full[i] = 1;
		pthread_cond_broadcast(&c->cv);
		pthread_mutex_unlock(&c->mu);
	}
	return NULL;
}

void
sq_writer_rows(struct sq_writer *w, size_t n,
    void (*put_one)(void *, struct sq_writer *, size_t), void *ctx)
{
	struct chunks c;
	pthread_t th;

	if (w->xlsx || n < 2 || !sq_two_threads((long long)n, ROWS_TWO_MIN)) {
		for (size_t r = 0; r < n; r++)
			put_one(ctx, w, r);
		return;
	}
	memset(&c, 0, sizeof(c));
	pthread_mutex_init(&c.mu, NULL);
	pthread_cond_init(&c.cv, NULL);
	c.n = n;
	c.chunk = n / 16 >= ROWS_CHUNK ? ROWS_CHUNK : n / 16 ? n / 16 : 1;
	c.put = put_one;
	c.ctx = ctx;
	c.slot[0] = memory_writer(w);
	c.slot[1] = memory_writer(w);
	int two = pthread_create(&th, NULL, odd_chunks, &c) == 0;
	for (size_t k = 0, i = 0; k * c.chunk < n; k++) {
		size_t end = (k + 1) * c.chunk < n ? (k + 1) * c.chunk : n;
		if (k % 2 == 0 || !two) {
			for (size_t r = k * c.chunk; r < end; r++)
				put_one(ctx, w, r);
			continue;
		}
		pthread_mutex_lock(&c.mu);
		while (!c.full[i])
			pthread_cond_wait(&c.cv, &c.mu);
		pthread_mutex_unlock(&c.mu);
		struct sq_writer *m = c.slot[i];
		/* a JSON array's comma between the chunks, as a loop puts it */
		if (w->o.format == SQ_OUT_JSONARRAY && w->rows && m->rows)
			putch(w, ',');
		if (!w->err)
			put(w, m->buf, m->n);
		w->rows += m->rows;
		m->n = 0;
		m->rows = 0;
		pthread_mutex_lock(&c.mu);
		c.full[i] = 0;
		pthread_cond_broadcast(&c.cv);
		pthread_mutex_unlock(&c.mu);
		i ^= 1;
	}
	if (two)
		pthread_join(th, NULL);
	release(c.slot[0]);
	release(c.slot[1]);
	pthread_cond_destroy(&c.cv);
	pthread_mutex_destroy(&c.mu);
}

int
sq_write_document(const char *path, char *text)
{
	struct sq_writer_opts wo = { .format = SQ_OUT_CSV };
	struct sq_writer *w;

	if (text == NULL) {
		sq_error("%s: out of memory while making the document", path);
		return -1;
	}
	if ((w = sq_writer_open(path, &wo)) == NULL) {
		free(text);
		return -1;
	}
	sq_writer_raw(w, text, strlen(text));
	sq_writer_raw(w, "\n", 1);
	free(text);
	return sq_writer_close(w);
}

int
sq_write_bytes(const char *path, const char *s, size_t len)
{
	struct sq_writer_opts wo = { .format = SQ_OUT_CSV };
	struct sq_writer *w = sq_writer_open(path, &wo);

	if (w == NULL)
		return -1;
	sq_writer_raw(w, s, len);
	return sq_writer_close(w);
}

static void
release(struct sq_writer *w)
{
	if (!w->keys_lent) {
		for (size_t i = 0; i < w->nkeys; i++)
			free(w->keys[i]);
		free(w->keys);
		free(w->keylen);
	}
	free(w->buf);
	free(w->path);
	free(w->tmp);
	free(w);
}

int
sq_writer_close(struct sq_writer *w)
{
	int rc = 0;

	if (w->xlsx) {
		if (w->err) {
			sq_xlsxw_abort(w->xlsx);
			rc = -1;
		} else
			rc = sq_xlsxw_close(w->xlsx);
		release(w);
		return rc;
	}
	if (w->o.format == SQ_OUT_JSONARRAY) {
		if (!w->header_done)
			putch(w, '[');
		put(w, "]\n", 2);
	}
	flush(w);
	if (w->path && !w->err && fsync(w->fd) < 0 && errno != EINVAL)
		w->err = errno;
	if (w->fd != 1 && close(w->fd) < 0 && !w->err)
		w->err = errno;
	if (w->err) {
		sq_error("%s: write error: %s", sq_writer_path(w),
		    strerror(w->err));
		if (w->tmp)
			unlink(w->tmp);
		rc = -1;
	} else if (w->tmp && rename(w->tmp, w->path) < 0) {
		sq_error("%s: cannot put the output in place: %s", w->path,
		    strerror(errno));
		unlink(w->tmp);
		rc = -1;
	}
	release(w);
	return rc;
}

void
sq_writer_abort(struct sq_writer *w)
{
	if (w == NULL)
		return;
	if (w->xlsx) {
		sq_xlsxw_abort(w->xlsx);
		release(w);
		return;
	}
	if (w->fd != 1)
		close(w->fd);
	if (w->tmp)
		unlink(w->tmp);
	release(w);
}

int
sq_make_dir(const char *dir)
{
	struct stat st;
	size_t n = strlen(dir);
	char *p = sq_xmalloc(n + 1);

	memcpy(p, dir, n + 1);
	/* each parent in turn, from the top; an existing one is fine */
	for (size_t i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		if (p[i - 1] == '/')
			continue;	/* a//b or a trailing / */
		char c = p[i];
		p[i] = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			sq_error("%s: cannot make the directory: %s", p,
			    strerror(errno));
			free(p);
			return -1;
		}
		p[i] = c;
	}
	free(p);
	/* EEXIST also means a file of that name: say so before writing */
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		int e = stat(dir, &st) < 0 ? errno : ENOTDIR;
		sq_error("%s: cannot make the directory: %s", dir, strerror(e));
		return -1;
	}
	return 0;
}
