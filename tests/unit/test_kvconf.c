/*
 * test_kvconf.c — "key = value" settings files (lib/kvconf.c) against a
 * table of what people write in rounds.conf, words.conf and sq-report's
 * --config.
 *
 * Each row is parsed from memory (sq_kv_parse, on an exact malloc'd copy
 * without a NUL, so ASan catches a read past the end) and from a file
 * (sq_kv_load); both must give the same settings.  Rows numbered from 1000
 * are those with NUL bytes in them.  A setting shows as
 * "LINE:key=value", a line that is not one as "LINE:!text", joined by '|'.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "kvconf.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define C	SQ_KV_COLON
#define Q	SQ_KV_QUOTES
#define H	SQ_KV_HASH
#define REPORT	(SQ_KV_COLON | SQ_KV_QUOTES)	/* sq-report */
#define ROUNDS	SQ_KV_HASH			/* sq-rounds */

struct out {
	char	 s[4096];
	long	 calls;
};

static void
collect(void *ctx, const char *k, const char *v, long line)
{
	struct out *o = ctx;
	size_t n = strlen(o->s);

	snprintf(o->s + n, sizeof(o->s) - n, "%s%ld:%s%s%s", n ? "|" : "",
	    line, k ? k : "!", k ? "=" : "", v);
	o->calls++;
}

struct kv_case {
	const char	*in;
	int		 flags;
	const char	*want;
};

static const struct kv_case cases[] = {
	/* the plain form, and the spaces around it */
	{ "a = 1\n", 0, "1:a=1" },
	{ "a=1\n", 0, "1:a=1" },
	{ "a=1", 0, "1:a=1" },
	{ "  a   =   1  \n", 0, "1:a=1" },
	{ "\ta\t=\t1\t\n", 0, "1:a=1" },
	{ "a = 1\r\n", 0, "1:a=1" },
	{ "a = 1\r\nb = 2\r\n", 0, "1:a=1|2:b=2" },
	{ "a = 1\nb = 2", 0, "1:a=1|2:b=2" },
	{ "a =\n", 0, "1:a=" },
	{ "a =   \n", 0, "1:a=" },
	{ "a b = c d\n", 0, "1:a b=c d" },
	{ "a = b = c\n", 0, "1:a=b = c" },
	{ "a==\n", 0, "1:a==" },
	{ "\xe3\x80\x80" "a\xe3\x80\x80=\xc2\xa0" "1\xe3\x80\x80\n", 0, "1:a=1" },
	{ "a\v=\f1\n", 0, "1:a=1" },
	{ "小区 = 幸福里\n", 0, "1:小区=幸福里" },
	{ "title          = 社区疫情日报\n", 0, "1:title=社区疫情日报" },
	{ "building_pre   =\n", 0, "1:building_pre=" },
	/* blank lines and comments; line numbers count them */
	{ "", 0, "" },
	{ "\n", 0, "" },
	{ "\n\n\n", 0, "" },
	{ "   \n\t\n\r\n", 0, "" },
	{ "# a = 1\n", 0, "" },
	{ "   # a = 1\n", 0, "" },
	{ "#\n", 0, "" },
	{ "\n# c\n\na = 1\n\n# d\nb = 2\n", 0, "4:a=1|7:b=2" },
	{ "\xe3\x80\x80# c\n", 0, "" },
	/* without SQ_KV_HASH, a '#' inside a line is text */
	{ "a = 1 # one\n", 0, "1:a=1 # one" },
	{ "color = #ff0000\n", 0, "1:color=#ff0000" },
	{ "a#b = 1\n", 0, "1:a#b=1" },
	/* with it, a comment anywhere */
	{ "a = 1 # one\n", H, "1:a=1" },
	{ "a = 1# one\n", H, "1:a=1" },
	{ "a = # one\n", H, "1:a=" },
	{ "a # = 1\n", H, "1:!a" },
	{ "# a = 1\n", H, "" },
	{ "   #\n", H, "" },
	{ "capacity = 30   # parcels a cart holds\n", H, "1:capacity=30" },
	{ "a = \"x # y\"\n", H | Q, "1:a=\"x" },
	/* not a setting: handed on with key NULL, trimmed */
	{ "just words\n", 0, "1:!just words" },
	{ "  just words  \n", 0, "1:!just words" },
	{ "= 1\n", 0, "1:!= 1" },
	{ "  = 1\n", 0, "1:!= 1" },
	{ "\xe3\x80\x80= 1\n", 0, "1:!= 1" },
	{ "=\n", 0, "1:!=" },
	{ "a: 1\n", 0, "1:!a: 1" },
	{ "a\xef\xbc\x9a" "1\n", 0, "1:!a\xef\xbc\x9a" "1" },
	{ "ok = 1\nbad\nok2 = 2\n", 0, "1:ok=1|2:!bad|3:ok2=2" },
	/* SQ_KV_COLON: "key: value" and the full-width colon */
	{ "a: 1\n", C, "1:a=1" },
	{ "a : 1\n", C, "1:a=1" },
	{ "a:1\n", C, "1:a=1" },
	{ "热线：12345\n", C, "1:热线=12345" },
	{ "热线 ： 12345\n", C, "1:热线=12345" },
	{ "a：b: c\n", C, "1:a=b: c" },
	{ "a: b：c\n", C, "1:a=b：c" },
	{ "url: http://x/?a=b\n", C, "1:url: http://x/?a=b" },
	{ "a: b = c\n", C, "1:a: b=c" },
	{ "time: 8:00\n", C, "1:time=8:00" },
	{ ": 1\n", C, "1:!: 1" },
	{ "：1\n", C, "1:!：1" },
	{ "a\xef\xbc\n", C, "1:!a\xef\xbc" },
	{ "a\xef\xbc:1\n", C, "1:a\xef\xbc=1" },
	{ "no separator\n", C, "1:!no separator" },
	/* SQ_KV_QUOTES: a quoted value keeps its spaces */
	{ "a = \"  spaced  \"\n", Q, "1:a=  spaced  " },
	{ "a = \"\"\n", Q, "1:a=" },
	{ "a = \"\n", Q, "1:a=\"" },
	{ "a = \"x\n", Q, "1:a=\"x" },
	{ "a = x\"\n", Q, "1:a=x\"" },
	{ "a = \"\"x\"\"\n", Q, "1:a=\"x\"" },
	{ "a = \"x\" y\n", Q, "1:a=\"x\" y" },
	{ "a = \"  spaced  \"\n", 0, "1:a=\"  spaced  \"" },
	{ "a = \"x\"   \n", Q, "1:a=x" },
	{ "\"a\" = 1\n", Q, "1:\"a\"=1" },
	/* the byte order mark, on the first line only */
	{ "\xef\xbb\xbf" "a = 1\n", 0, "1:a=1" },
	{ "\xef\xbb\xbf  a = 1\n", 0, "1:a=1" },
	{ "  \xef\xbb\xbf" "a = 1\n", 0, "1:a=1" },
	{ "\xef\xbb\xbf# c\na = 1\n", 0, "2:a=1" },
	{ "\xef\xbb\xbf\n", 0, "" },
	{ "\xef\xbb\xbf", 0, "" },
	{ "\xef\xbb\xbf# c\n", H, "" },
	{ "\n\xef\xbb\xbf" "a = 1\n", 0, "2:\xef\xbb\xbf" "a=1" },
	{ "\xef\xbb\xbf=1\n", 0, "1:!=1" },
	/* the shipped files, in part */
	{ "# sq-rounds settings\n\ndetour_factor = 1.3\n\nlift = no\n"
	  "max_round_minutes = 90\n", ROUNDS,
	  "3:detour_factor=1.3|5:lift=no|6:max_round_minutes=90" },
	{ "# wording\ntitle          = 社区疫情日报\nweekdays       = "
	  "周日,周一,周二\nbuilding_pre   =\nmore = （内容较多）\n", REPORT,
	  "2:title=社区疫情日报|3:weekdays=周日,周一,周二|4:building_pre=|"
	  "5:more=（内容较多）" },
	{ "name: 幸福里小区\n居委会：幸福里居委会\nhotline = \"021 1234\"\n"
	  "plan: sites.csv\n", REPORT,
	  "1:name=幸福里小区|2:居委会=幸福里居委会|3:hotline=021 1234|"
	  "4:plan=sites.csv" },
};

/* Rows with a NUL byte in them: not a setting, never a key cut short. */
struct nul_case {
	const char	*in;
	size_t		 len;
	int		 flags;
	const char	*want;
};

#define NUL_ROW(in, flags, want)	{ in, sizeof(in) - 1, flags, want }

static const struct nul_case nul_cases[] = {
	NUL_ROW("a\0b = 1\n", 0, "1:!a"),
	NUL_ROW("\0 = 1\n", 0, "1:!"),
	NUL_ROW("a = 1\0\n", 0, "1:!a = 1"),
	NUL_ROW("# \0\n", 0, ""),
	NUL_ROW("a = 1 #\0\n", H, "1:a=1"),
	NUL_ROW("a = 1\nb\0 = 2\n# x\0y\nc = \0\nd = 4", 0,
	    "1:a=1|2:!b|4:!c = |5:d=4"),
	NUL_ROW("\0\n\0\n", SQ_KV_COLON, "1:!|2:!"),
	NUL_ROW("k\xef\xbc\x9a\0\n", SQ_KV_COLON, "1:!k\xef\xbc\x9a"),
};

static char *
dup_exact(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	if (p == NULL) {
		perror("malloc");
		exit(2);
	}
	memcpy(p, s, len);
	return p;
}

static void
write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(s, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* Parse in from memory and from a file: both must give want. */
static void
check_row(const char *tmp, size_t i, const char *in0, size_t n, int flags,
    const char *want)
{
	char *in = dup_exact(in0, n);
	struct out a = { "", 0 }, b = { "", 0 };
	char ctx[64];

	snprintf(ctx, sizeof(ctx), "row %zu", i);
	CHECK_INT(sq_kv_parse(in, n, flags, collect, &a), 0);
	CHECK_STR_CTX(a.s, want, ctx);
	write_file(tmp, in, n);
	CHECK_INT(sq_kv_load(tmp, flags, collect, &b), 0);
	CHECK_STR_CTX(b.s, a.s, ctx);
	free(in);
}

static void
test_table(const char *tmp)
{
	for (size_t i = 0; i < NELEM(cases); i++)
		check_row(tmp, i, cases[i].in, strlen(cases[i].in),
		    cases[i].flags, cases[i].want);
	for (size_t i = 0; i < NELEM(nul_cases); i++)
		check_row(tmp, 1000 + i, nul_cases[i].in, nul_cases[i].len,
		    nul_cases[i].flags, nul_cases[i].want);
}

/* A line longer than any buffer: one line, one setting. */
struct lens {
	size_t	 klen[4], vlen[4];
	long	 line[4];
	int	 n;
};

static void
lengths(void *ctx, const char *k, const char *v, long line)
{
	struct lens *l = ctx;

	if (l->n < 4) {
		l->klen[l->n] = k ? strlen(k) : 0;
		l->vlen[l->n] = strlen(v);
		l->line[l->n] = line;
	}
	l->n++;
}

static void
test_long(const char *tmp)
{
	size_t n = 100000;
	char *s = malloc(n + 16);
	struct lens l = { { 0 }, { 0 }, { 0 }, 0 };

	if (s == NULL)
		exit(2);
	memcpy(s, "key = ", 6);
	memset(s + 6, 'x', n);
	memcpy(s + 6 + n, "\nk2 = 2\n", 8);
	write_file(tmp, s, n + 14);
	CHECK_INT(sq_kv_load(tmp, SQ_KV_HASH, lengths, &l), 0);
	CHECK_INT(l.n, 2);
	CHECK_INT(l.klen[0], 3);
	CHECK_INT(l.vlen[0], n);
	CHECK_INT(l.line[0], 1);
	CHECK_INT(l.klen[1], 2);
	CHECK_INT(l.vlen[1], 1);
	CHECK_INT(l.line[1], 2);
	free(s);
}

/* Missing and unreadable files. */
static void
test_files(const char *dir)
{
	struct out o = { "", 0 };
	char path[4200];

	snprintf(path, sizeof(path), "%s/no-such-file", dir);
	CHECK_INT(sq_kv_load(path, 0, collect, &o), -1);
	CHECK_INT(sq_kv_load(path, SQ_KV_OPTIONAL, collect, &o), 0);
	CHECK_INT(o.calls, 0);
	/* a directory opens but cannot be read: an error, optional or not */
	CHECK_INT(sq_kv_load(dir, 0, collect, &o), -1);
	CHECK_INT(sq_kv_load(dir, SQ_KV_OPTIONAL, collect, &o), -1);
	CHECK_INT(o.calls, 0);
}

int
main(void)
{
	char dir[] = "/tmp/test_kvconf.XXXXXX", tmp[64];

	sq_diag_init("test_kvconf");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(tmp, sizeof(tmp), "%s/conf", dir);
	test_table(tmp);
	test_long(tmp);
	test_files(dir);
	unlink(tmp);
	rmdir(dir);
	UNIT_DONE();
}
