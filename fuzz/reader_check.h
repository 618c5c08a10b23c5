/*
 * reader_check.h — the checks fuzz_reader and fuzz_json share: read a table
 * through lib/reader.c from a memfd, check what comes out, and round-trip
 * the good records CSV/JSON -> NDJSON -> CSV through lib/writer.c.
 *
 * Input: the file's bytes; or, when the first byte is 0x01, the second
 * byte picks options and the rest is the file:
 *	bits 0-2  encoding: auto utf-8 gb18030 big5 utf-16le utf-16be auto auto
 *	bit 3     --ragged
 *	bits 4-5  format: detect, csv, json, detect
 *	bit 6     --max-field 100 (the limit path)
 *	bit 7     --header-line 2
 * Invariants:
 *  - every record's line is within the file (1 .. physical lines), and
 *    records come in line order; CSV data rows come after the header;
 *  - a good record has exactly the header's number of fields; a rejected
 *    one says why;
 *  - conservation: rows handed out = good + rejected = the reader's own
 *    count, and (CSV) rows + blank + titles + repeated headers + the
 *    header fit in the file's lines;
 *  - round trip: the good records written as NDJSON and read back are the
 *    same records, in order; written again as CSV and read back, the same
 *    again (less any that equal the header: a repeated header is skipped
 *    by design);
 *  - an input of odd length is read with the read-ahead thread, then again
 *    without it: the same records, statuses, lines, reasons and counts.
 */
#ifndef FZ_READER_CHECK_H
#define FZ_READER_CHECK_H

#include <fcntl.h>

#include "fuzz.h"
#include "header.h"
#include "magic.h"
#include "reader.h"
#include "writer.h"

#define FZ_MAX_KEEP	4096

static struct sq_aliases *fz_aliases;
static int fz_stdout = -1;

static void
fz_reader_init(void)
{
	const char *a = getenv("SQ_FUZZ_ALIASES");

	fz_init();
	fz_stdout = dup(1);
	if (a == NULL)
		a = "share/aliases.txt";
	if (access(a, R_OK) == 0)
		fz_aliases = sq_aliases_load(a);
}

struct kept {
	struct sq_rec *v;
	size_t	 n, cap;
};

static void
keep(struct kept *k, const struct sq_rec *r)
{
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 16;
		k->v = sq_xrealloc(k->v, k->cap * sizeof(*k->v));
		/* a copy's reason is in its own errbuf, which moved */
		for (size_t i = 0; i < k->n; i++)
			if (k->v[i].err)
				k->v[i].err = k->v[i].errbuf;
	}
	sq_rec_init(&k->v[k->n]);
	sq_rec_copy(&k->v[k->n], r);
	k->n++;
}

static void
kept_free(struct kept *k)
{
	for (size_t i = 0; i < k->n; i++)
		sq_rec_free(&k->v[i]);
	free(k->v);
	k->v = NULL;
	k->n = k->cap = 0;
}

static int
rec_eq(const struct sq_rec *a, const struct sq_rec *b)
{
	if (a->nf != b->nf)
		return 0;
	for (size_t i = 0; i < a->nf; i++)
		if (a->len[i] != b->len[i] ||
		    memcmp(sq_rec_get(a, i), sq_rec_get(b, i), a->len[i]) != 0)
			return 0;
	return 1;
}

/*
 * Write header + records with the writer (format f) into a memfd, through
 * standard output (the writer's no-path mode: no fsync).  Returns the fd.
 */
static int
write_table(const struct sq_rec *header, const struct kept *k,
    enum sq_ofmt f, char path[64])
{
	struct sq_writer_opts wo = { .format = f };
	int fd = fz_memfile("", 0, path);

	FZ_CHECK(fd >= 0);
	FZ_CHECK(dup2(fd, 1) == 1);
	struct sq_writer *w = sq_writer_open(NULL, &wo);
	FZ_CHECK(w != NULL);
	sq_writer_header(w, header);
	for (size_t i = 0; i < k->n; i++)
		sq_writer_row(w, &k->v[i]);
	FZ_CHECK(sq_writer_close(w) == 0);
	dup2(fz_stdout, 1);
	return fd;
}

/*
 * A table whose first bytes are another file's signature (a header cell
 * "GIF89a", "%PDF-1.4") is refused on purpose (magic.h): no round trip.
 */
static int
refused_by_magic(const char *path)
{
	unsigned char b[512];
	ssize_t n = sq_magic_peek(path, b, sizeof(b));

	return n > 0 && sq_magic_of(b, (size_t)n) != NULL;
}

/* Read PATH back as FMT; every record must be good; into *out. */
static void
read_back(const char *path, enum sq_ifmt fmt, struct kept *out,
    struct sq_rec *header_out)
{
	struct sq_reader_opts o = { .format = fmt, .encoding = SQ_ENC_UTF8,
	    .header_line = fmt == SQ_IN_CSV ? 1 : 0 };
	struct sq_reader *r = sq_reader_open(path, &o);
	struct sq_rec rec;
	int st;

	FZ_CHECK(r != NULL);
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) == SQ_READ_OK && out->n < FZ_MAX_KEEP)
		keep(out, &rec);
	if (st == SQ_READ_BAD) {
		char buf[600];
		int fd = open(path, O_RDONLY);
		ssize_t got = fd >= 0 ? read(fd, buf, sizeof(buf)) : 0;
		dprintf(fz_errfd, "round trip: line %ld rejected: %s\n"
		    "--- the file written (start) ---\n%.*s\n---\n", rec.line,
		    rec.err, (int)(got > 0 ? got : 0), buf);
		if (fd >= 0)
			close(fd);
	}
	FZ_CHECK(st == SQ_READ_EOF);
	if (header_out)
		sq_rec_copy(header_out, sq_reader_header(r));
	sq_rec_free(&rec);
	sq_reader_close(r);
}

static void
round_trip(const struct sq_rec *header, const struct kept *good)
{
	char path[64];
	struct kept js = { 0 }, cs = { 0 };
	struct sq_rec h2;

	/* 1. as NDJSON, and back */
	int fd = write_table(header, good, SQ_OUT_NDJSON, path);
	if (refused_by_magic(path)) {
		close(fd);
		return;
	}
	read_back(path, SQ_IN_JSON, &js, NULL);
	close(fd);
	FZ_CHECK(js.n == good->n);
	for (size_t i = 0; i < js.n; i++)
		FZ_CHECK(rec_eq(&js.v[i], &good->v[i]));

	/* 2. those as CSV, and back */
	sq_rec_init(&h2);
	fd = write_table(header, &js, SQ_OUT_CSV, path);
	if (refused_by_magic(path)) {
		close(fd);
		sq_rec_free(&h2);
		kept_free(&js);
		return;
	}
	read_back(path, SQ_IN_CSV, &cs, &h2);
	close(fd);
	FZ_CHECK(h2.nf == header->nf);
	size_t j = 0;
	for (size_t i = 0; i < js.n; i++) {
		if (rec_eq(&js.v[i], header))
			continue;	/* "the header again": skipped */
		FZ_CHECK(j < cs.n);
		FZ_CHECK(rec_eq(&js.v[i], &cs.v[j]));
		j++;
	}
	FZ_CHECK(j == cs.n);
	sq_rec_free(&h2);
	kept_free(&js);
	kept_free(&cs);
}

static long
count_lines(const uint8_t *d, size_t n)
{
	long k = 1;

	for (size_t i = 0; i < n; i++)
		k += d[i] == '\n' || d[i] == '\r';
	return k;
}

static void
fz_reader_run(const uint8_t *d, size_t n, int force_json)
{
	static const enum sq_enc encs[8] = { SQ_ENC_AUTO, SQ_ENC_UTF8,
	    SQ_ENC_GB18030, SQ_ENC_BIG5, SQ_ENC_UTF16LE, SQ_ENC_UTF16BE,
	    SQ_ENC_AUTO, SQ_ENC_AUTO };
	static const enum sq_ifmt fmts[4] = { SQ_IN_AUTO, SQ_IN_CSV,
	    SQ_IN_JSON, SQ_IN_AUTO };
	struct sq_reader_opts o = { 0 };
	unsigned opt = 0;
	char path[64];

	if (n >= 2 && d[0] == 0x01) {
		opt = d[1];
		d += 2;
		n -= 2;
	}
	o.encoding = encs[opt & 7];
	o.ragged = (opt >> 3) & 1;
	o.format = force_json ? SQ_IN_JSON : fmts[(opt >> 4) & 3];
	o.max_field = (opt >> 6) & 1 ? 100 : 0;
	o.header_line = (opt >> 7) & 1 ? 2 : 0;
	o.aliases = fz_aliases;
	o.canonical = fz_aliases != NULL && o.header_line == 0;
	o.readahead = n & 1 ? SQ_READAHEAD_ON : SQ_READAHEAD_OFF;

	long lines = count_lines(d, n);
	int fd = fz_memfile(d, n, path);
	if (fd < 0)
		return;
	struct sq_reader *r = sq_reader_open(path, &o);
	if (r == NULL) {
		close(fd);
		return;
	}
	if (sq_reader_is_book(r)) {
		/* a zip or OLE2 file: fuzz_xlsx checks those, by rows */
		sq_reader_close(r);
		close(fd);
		return;
	}

	struct sq_rec rec;
	struct kept good = { 0 }, all = { 0 };
	int stat[FZ_MAX_KEEP];
	long ok = 0, bad = 0, last = 0, hl = sq_reader_header_lineno(r);
	size_t ncols = sq_reader_ncols(r);
	int st, json = sq_reader_is_json(r);

	FZ_CHECK(hl >= 0 && hl <= lines);
	FZ_CHECK(sq_reader_header(r)->nf == ncols);
	FZ_CHECK(sq_reader_rawheader(r)->nf == ncols);
	for (size_t i = 0; i < ncols; i++)
		FZ_CHECK(sq_reader_colname(r, i)[0] != '\0');
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) == SQ_READ_OK ||
	    st == SQ_READ_BAD) {
		FZ_CHECK(rec.line >= 1 && rec.line <= lines);
		FZ_CHECK(rec.line >= last);
		if (!json)
			FZ_CHECK(rec.line > hl);
		last = rec.line;
		if (all.n < FZ_MAX_KEEP) {
			stat[all.n] = st;
			keep(&all, &rec);
		}
		if (st == SQ_READ_OK) {
			FZ_CHECK(rec.nf == ncols);
			ok++;
			if (good.n < FZ_MAX_KEEP)
				keep(&good, &rec);
		} else {
			FZ_CHECK(rec.err != NULL && rec.err[0] != '\0');
			bad++;
		}
	}
	const struct sq_reader_stats *s = sq_reader_stats(r);
	FZ_CHECK(s->rows == ok + bad && s->bad == bad);
	if (!json)
		FZ_CHECK(s->rows + s->blank + s->titles + s->headers +
		    (ncols > 0) <= lines);
	if (st == SQ_READ_EOF && ncols > 0 && good.n > 0)
		round_trip(sq_reader_header(r), &good);
	struct sq_reader_stats st1 = *s;
	int end1 = st;
	sq_reader_close(r);

	/* the same file in one thread */
	o.readahead = SQ_READAHEAD_OFF;
	if (n & 1 && (r = sq_reader_open(path, &o)) != NULL) {
		size_t i = 0;
		while ((st = sq_reader_next(r, &rec)) == SQ_READ_OK ||
		    st == SQ_READ_BAD) {
			if (i < all.n) {
				FZ_CHECK(st == stat[i]);
				FZ_CHECK(rec.line == all.v[i].line);
				FZ_CHECK(rec_eq(&rec, &all.v[i]));
				FZ_CHECK((rec.err == NULL) == (all.v[i].err == NULL));
				if (rec.err)
					FZ_CHECK(strcmp(rec.err, all.v[i].err) == 0);
			}
			i++;
		}
		FZ_CHECK(st == end1);
		const struct sq_reader_stats *s0 = sq_reader_stats(r);
		FZ_CHECK(s0->rows == st1.rows && s0->bad == st1.bad &&
		    s0->blank == st1.blank && s0->titles == st1.titles &&
		    s0->headers == st1.headers);
		sq_reader_close(r);
	}
	close(fd);
	kept_free(&good);
	kept_free(&all);
	sq_rec_free(&rec);
}

#endif
