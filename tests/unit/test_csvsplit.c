/*
 * test_csvsplit.c — lib/csvread.c's one-pass splitter (16 bytes a step)
 * against records made up here: every field length around the 16-byte
 * steps, delimiters and quotes at each position of a step, CRs and tabs,
 * and UTF-8; each line written as RFC 4180 and read back.  Lines with a
 * quote go to libcsv: the same records must come out either way, and
 * rec->plain must say exactly "no CR, no tab, nothing to quote".
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "source.h"
#include "unit.h"

#define MAXF	12
#define MAXLEN	40

struct row {
	size_t	 nf;
	char	 f[MAXF][MAXLEN + 1];
	int	 plain;		/* what rec->plain must say */
};

static unsigned long seed = 12345;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

static void
make_row(struct row *r, unsigned mix)
{
	static const char *const bits[] = { "a", "Z", "7", " ", "-", "中",
	    "楼", ",", "\"", "\r", "\t", ";" };
	/* mix 0: plain ASCII only; 1: with UTF-8; 2: anything */
	size_t nbits = mix == 0 ? 5 : mix == 1 ? 7 : 12;

	r->nf = 1 + rnd(MAXF);
	r->plain = 1;
	for (size_t i = 0; i < r->nf; i++) {
		size_t want = rnd(MAXLEN - 3), len = 0;
		while (len < want) {
			const char *b = bits[rnd((unsigned)nbits)];
			size_t bl = strlen(b);
			if (len + bl > MAXLEN)
				break;
			memcpy(r->f[i] + len, b, bl);
			len += bl;
		}
		r->f[i][len] = '\0';
	}
	/* a CR just before the line end is the CRLF's: not data */
	size_t ll = strlen(r->f[r->nf - 1]);
	if (ll && r->f[r->nf - 1][ll - 1] == '\r' &&
	    !strpbrk(r->f[r->nf - 1], ",\""))
		r->f[r->nf - 1][ll - 1] = 'y';
	/* a blank line is skipped, not a record: keep one visible byte */
	if (r->nf == 1 && r->f[0][0] == '\0')
		strcpy(r->f[0], "x");
	for (size_t i = 0; i < r->nf; i++)
		if (strpbrk(r->f[i], ",\"\r\t"))
			r->plain = 0;
}

static void
put_row(FILE *f, const struct row *r)
{
	for (size_t i = 0; i < r->nf; i++) {
		const char *s = r->f[i];
		if (i)
			fputc(',', f);
		if (strpbrk(s, ",\"")) {
			fputc('"', f);
			for (; *s; s++) {
				if (*s == '"')
					fputc('"', f);
				fputc(*s, f);
			}
			fputc('"', f);
		} else
			fputs(s, f);
	}
	fputc('\n', f);
}

/* A field of n bytes with a comma at each position in turn, and a quote. */
static size_t
edge_rows(struct row *rows)
{
	size_t n = 0;

	for (size_t len = 1; len <= 34; len++)
		for (size_t at = 0; at < len; at++)
			for (int what = 0; what < 3; what++) {
				struct row *r = &rows[n++];
				memset(r->f[0], 'b', len);
				r->f[0][len] = '\0';
				r->f[0][at] = what == 0 ? ',' : what == 1 ?
				    '"' : '\r';
				/* a CR first or last is not in a field */
				if (r->f[0][0] == '\r')
					r->f[0][0] = 'c';
				if (r->f[0][len - 1] == '\r')
					r->f[0][len - 1] = 'e';
				r->nf = 1;
				if (what == 0) {	/* the comma cuts it */
					r->nf = 2;
					strcpy(r->f[1], r->f[0] + at + 1);
					r->f[0][at] = '\0';
					if (r->f[0][0] == '\0' && r->f[1][0] == '\0')
						strcpy(r->f[0], "d");
				}
				r->plain = what == 0;
				if (what == 2 && strchr(r->f[0], '\r') == NULL)
					r->plain = 1;
			}
	return n;
}

int
main(void)
{
	enum { NRAND = 6000, NEDGE = 34 * 35 / 2 * 3 };
	static struct row rows[NRAND + NEDGE];
	char path[] = "/tmp/sqcs.XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	size_t n = edge_rows(rows);

	CHECK_INT(n, NEDGE);
	for (size_t i = 0; i < NRAND; i++)
		make_row(&rows[n++], (unsigned)(i % 3));
	for (size_t i = 0; i < n; i++)
		put_row(f, &rows[i]);
	fclose(f);

	struct sq_source *src = sq_source_open(path, SQ_ENC_UTF8, 1 << 20);
	if (!CHECK(src != NULL))
		UNIT_DONE();
	struct sq_csv *c = sq_csv_new(src, 1 << 20);
	struct sq_rec rec;
	long blank = 0;
	size_t got = 0, bad_fields = 0, bad_plain = 0;

	sq_rec_init(&rec);
	while (sq_csv_next(c, &rec, 0, &blank) == SQ_READ_OK && got < n) {
		const struct row *r = &rows[got];
		int same = rec.nf == r->nf && rec.line == (long)got + 1;
		for (size_t k = 0; same && k < r->nf; k++)
			same = rec.len[k] == strlen(r->f[k]) &&
			    memcmp(sq_rec_get(&rec, k), r->f[k], rec.len[k]) == 0 &&
			    sq_rec_get(&rec, k)[rec.len[k]] == '\0';
		if (!same && bad_fields++ < 5) {
			fprintf(stderr, "line %zu: ", got + 1);
			CHECK(same);
		}
		if (rec.plain != r->plain && bad_plain++ < 5) {
			fprintf(stderr, "line %zu: plain %d, want %d\n", got + 1,
			    rec.plain, r->plain);
			CHECK(rec.plain == r->plain);
		}
		got++;
	}
	CHECK_INT(got, n);
	/* the mix reached every path */
	size_t nplain = 0, nquoted = 0;
	for (size_t i = 0; i < n; i++) {
		nplain += rows[i].plain;
		for (size_t k = 0; k < rows[i].nf; k++)
			if (strchr(rows[i].f[k], '"')) {
				nquoted++;
				break;
			}
	}
	CHECK(nplain > 1000);
	CHECK(nquoted > 1000);
	CHECK(n - nplain - nquoted > 500);	/* CR or tab, no quote */
	CHECK_INT(bad_fields, 0);
	CHECK_INT(bad_plain, 0);
	CHECK_INT(blank, 0);
	sq_rec_free(&rec);
	sq_csv_free(c);
	sq_source_close(src);
	unlink(path);
	UNIT_DONE();
}
