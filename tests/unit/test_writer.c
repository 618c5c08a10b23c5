/*
 * test_writer.c — regression tests for lib/writer.c found by the fuzzers
 * (fuzz/README): what the golden CLI cases cannot reach.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "record.h"
#include "unit.h"
#include "writer.h"

/* The bytes of the file at path, which is then removed. */
static char *
read_back(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	off_t size = lseek(fd, 0, SEEK_END);
	char *buf = malloc((size_t)size + 1);

	*len = (size_t)pread(fd, buf, (size_t)size, 0);
	buf[*len] = '\0';
	close(fd);
	unlink(path);
	return buf;
}

/* Write header + rows to a temporary file with o; return its bytes. */
static char *
write_opts(const struct sq_writer_opts *o, const struct sq_rec *h,
    const struct sq_rec *rows, size_t n, size_t *len)
{
	char path[] = "/tmp/sqtw.XXXXXX";
	int fd = mkstemp(path);

	close(fd);
	struct sq_writer *w = sq_writer_open(path, o);
	sq_writer_header(w, h);
	for (size_t i = 0; i < n; i++)
		sq_writer_row(w, &rows[i]);
	if (sq_writer_close(w) < 0)
		return NULL;
	return read_back(path, len);
}

static char *
write_all(enum sq_ofmt fmt, const struct sq_rec *h, const struct sq_rec *rows,
    size_t n, size_t *len)
{
	struct sq_writer_opts o = { .format = fmt };

	return write_opts(&o, h, rows, n, len);
}

/* Row i of a generated table: quotes, commas, formulas, a huge field. */
struct gen {
	size_t	 n;
	char	*big;		/* 200,000 bytes, for rows 5 and n - 2 */
};

static void
put_generated(void *ctx, struct sq_writer *w, size_t i)
{
	const struct gen *g = ctx;
	char a[32], b[64];
	const char *v[3] = { a, b, "" };
	size_t len[3];

	len[0] = (size_t)snprintf(a, sizeof(a), "%zu", i);
	len[1] = (size_t)snprintf(b, sizeof(b), "%s", i % 7 == 0 ? "a,\"b\"" :
	    i % 11 == 0 ? "=1+2" : i % 13 == 0 ? "12号楼502室" : "x");
	len[2] = 0;
	if (i == 5 || i + 2 == g->n) {
		v[2] = g->big;
		len[2] = 200000;
	}
	sq_writer_fields(w, v, len, 3);
}

/* The generated table through sq_writer_rows (or a loop); its bytes. */
static char *
write_generated(const struct sq_writer_opts *o, struct gen *g, int loop,
    size_t *len)
{
	char path[] = "/tmp/sqtw.XXXXXX";
	int fd = mkstemp(path);
	struct sq_rec h;

	close(fd);
	sq_rec_init(&h);
	sq_rec_push(&h, "n", 1);
	sq_rec_push(&h, "what", 4);
	sq_rec_push(&h, "note", 4);
	struct sq_writer *w = sq_writer_open(path, o);
	sq_writer_header(w, &h);
	if (loop)
		for (size_t i = 0; i < g->n; i++)
			put_generated(g, w, i);
	else
		sq_writer_rows(w, g->n, put_generated, g);
	sq_rec_free(&h);
	if (sq_writer_close(w) < 0)
		return NULL;
	return read_back(path, len);
}

/*
 * sq_writer_rows writes the bytes a loop writes, on one thread or two
 * (SHEQU_READAHEAD=1: chunks down to one row; unset: two from 16384
 * rows), in every format, a huge field in either thread's chunks.
 */
static void
check_rows_two_threads(void)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 17, 100, 20000, 70001 };
	static const char *const envs[] = { "1", "0", NULL };
	struct gen g;

	g.big = malloc(200000);
	memset(g.big, 'q', 200000);
	for (size_t e = 0; e < 3; e++) {
		if (envs[e])
			setenv("SHEQU_READAHEAD", envs[e], 1);
		else
			unsetenv("SHEQU_READAHEAD");
		for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
			for (int f = SQ_OUT_CSV; f <= SQ_OUT_JSONARRAY; f++) {
				struct sq_writer_opts o = { .format =
				    (enum sq_ofmt)f, .crlf = f == 0 && k % 2,
				    .excel_safe = f == 0 && k % 3 == 0 };
				size_t la = 0, lb = 0;
				g.n = sizes[k];
				char *a = write_generated(&o, &g, 1, &la);
				char *b = write_generated(&o, &g, 0, &lb);
				if (!CHECK(a && b && la == lb &&
				    memcmp(a, b, la) == 0))
					fprintf(stderr, "  %zu rows, format %d, "
					    "SHEQU_READAHEAD=%s\n", g.n, f,
					    envs[e] ? envs[e] : "(unset)");
				free(a);
				free(b);
			}
	}
	unsetenv("SHEQU_READAHEAD");
	free(g.big);
}

int
main(void)
{
	struct sq_rec h, rows[2];
	size_t len, klen = 200000;
	char *key = malloc(klen);

	/*
	 * A column name longer than the output buffer (128 KB): the key was
	 * flushed to the output at sq_writer_header() and missing from every
	 * row but the first (fuzz_reader, with a 64-byte buffer).
	 */
	memset(key, 'k', klen);
	key[7] = '\t';		/* escaped: 2 bytes */
	sq_rec_init(&h);
	sq_rec_push(&h, key, klen);
	sq_rec_push(&h, "b", 1);
	for (int i = 0; i < 2; i++) {
		sq_rec_init(&rows[i]);
		sq_rec_push(&rows[i], i ? "2" : "1", 1);
		sq_rec_push(&rows[i], "x", 1);
	}
	for (int f = SQ_OUT_NDJSON; f <= SQ_OUT_JSONARRAY; f++) {
		/* {"kkkkkkk\tkk...":"1","b":"x"}: the key escaped, + 16 */
		size_t obj = klen + 1 + 16;
		int arr = f == SQ_OUT_JSONARRAY;
		char *out = write_all((enum sq_ofmt)f, &h, rows, 2, &len);
		if (!CHECK(out != NULL))
			continue;
		/* NDJSON: obj \n obj \n; array: [ obj , obj ] \n */
		CHECK_INT(len, 2 * obj + 2 + 2 * arr);
		const char *first = out + arr, *second = first + obj + 1;
		CHECK(strncmp(first, "{\"kkkkkkk\\tkk", 13) == 0);
		CHECK(strncmp(first + obj - 12, "\"1\",\"b\":\"x\"}", 12) == 0);
		CHECK(strncmp(second, "{\"kkkkkkk\\tkk", 13) == 0);
		CHECK(strncmp(second + obj - 12, "\"2\",\"b\":\"x\"}", 12) == 0);
		free(out);
	}

	/*
	 * A tab is quoted in CSV: a one-column file whose values hold tabs
	 * read back as tab-separated (fuzz_reader's round trip).
	 */
	struct sq_rec one;
	sq_rec_init(&one);
	sq_rec_push(&one, "name", 4);
	sq_rec_clear(&rows[0]);
	sq_rec_push(&rows[0], "x\ty", 3);
	char *csv = write_all(SQ_OUT_CSV, &one, rows, 1, &len);
	CHECK_STR(csv, "name\n\"x\ty\"\n");
	free(csv);

	/* what a spreadsheet would run, and what it reads as a number */
	static const struct { const char *s; int formula; } fx[] = {
		{ "=1+2", 1 }, { "@SUM(A1:A9)", 1 }, { "+1+2", 1 },
		{ "-2+3", 1 }, { "=cmd|' /C calc'!A0", 1 }, { "\t=1", 1 },
		{ "\r@x", 1 }, { "  =1", 1 }, { "-x", 1 }, { "+86 138", 1 },
		{ "-1 楼漏水", 1 }, { "+-1", 1 }, { "--1", 1 }, { "-.", 1 },
		{ "1e", 0 }, { "-3", 0 }, { "+8613800138000", 0 }, { "-1.5", 0 },
		{ "-1.5e3", 0 }, { "+.5", 0 }, { "-1e+3", 0 }, { "-", 0 },
		{ "+", 0 }, { "- ", 0 }, { "", 0 }, { "   ", 0 }, { "李阿姨", 0 },
		{ "a=1", 0 }, { "＝1", 0 }, { "1-2", 0 }, { "-1e", 1 },
	};
	for (size_t i = 0; i < sizeof(fx) / sizeof(fx[0]); i++) {
		int got = sq_formula_like(fx[i].s, strlen(fx[i].s));
		if (!CHECK_INT(got, fx[i].formula))
			fprintf(stderr, "  for '%s'\n", fx[i].s);
	}
	sq_rec_clear(&rows[0]);
	sq_rec_push(&rows[0], "=1+\"2\"", 6);
	sq_rec_push(&rows[0], "-3", 2);
	struct sq_writer_opts xo = { .format = SQ_OUT_CSV, .excel_safe = 1 };
	csv = write_opts(&xo, &one, rows, 1, &len);
	CHECK_STR(csv, "name\n\"'=1+\"\"2\"\"\",-3\n");
	free(csv);
	xo.format = SQ_OUT_NDJSON;	/* JSON is never touched */
	csv = write_opts(&xo, &one, rows, 1, &len);
	CHECK_STR(csv, "{\"name\":\"=1+\\\"2\\\"\"}\n");
	free(csv);
	/* the same neutralization in a text for people (a round sheet) */
	struct sq_buf nb;
	sq_buf_init(&nb);
	CHECK_STR(sq_excel_text("=cmd|' /C calc'!A0", &nb),
	    "'=cmd|' /C calc'!A0");
	CHECK_STR(sq_excel_text("-3", &nb), "-3");
	CHECK_STR(sq_excel_text("李阿姨", &nb), "李阿姨");
	CHECK_STR(sq_excel_text("@x", &nb), "'@x");
	sq_buf_free(&nb);
	sq_rec_free(&one);
	sq_rec_free(&h);
	sq_rec_free(&rows[0]);
	sq_rec_free(&rows[1]);
	free(key);
	check_rows_two_threads();
	UNIT_DONE();
}
