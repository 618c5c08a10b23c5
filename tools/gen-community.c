/*
 * gen-community — a made-up residential community (or a district of many)
 * for examples, tests and benchmarks.
 *
 * Everything comes from one seed through a PRNG of our own (xoshiro256**
 * seeded by splitmix64), so the output is byte-for-byte the same on every
 * machine for the same options.  Each file and each community draws from its
 * own stream, so --days or --roster-only never change the roster.  Draw at
 * most once a statement: C leaves the order of a call's arguments open, and
 * gcc and clang do differ.
 *
 * Plain mode (the default) writes clean UTF-8, LF, no title row; addresses
 * come in mixed but valid forms.  --messy writes what real exports look like:
 * see usage() and share/examples/README.
 *
 * Every household lives in a real flat: buildings 1..B have 1-4 units and
 * 6, 11 or 18 floors with 2-4 flats a floor (rooms 101..1804); households
 * take a random subset of the flats, in building order.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "opts.h"

static const char synopsis[] =
    "gen-community [options] -o DIR";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Write a made-up community into DIR: the household roster (roster.csv), the\n"
"site plan (sites.csv), daily check-in form exports (checkins-DATE.csv),\n"
"volunteers, posts and group-buy orders; with --messy also a per-person\n"
"roster (residents.csv).  Output depends only on the options: the same seed\n"
"gives the same bytes.  Plain mode is clean UTF-8 with mixed but valid\n"
"address forms; --messy imitates real exports: GBK, CRLF, a title row and a\n"
"footer, Excel-mangled phones, mixed spellings, duplicates, bad addresses.\n\n"
"options:\n"
"  -n, --households N   households in all (default 3000)\n"
"  -b, --buildings N    buildings in each community (default: one per\n"
"                       60 households)\n"
"  -c, --communities N  communities (小区) in the district (default 1)\n"
"  -s, --seed S         seed of the random generator (default 1)\n"
"  -m, --messy          imitate real exports (see above)\n"
"  -d, --date DATE      last day of check-ins, YYYY-MM-DD (default\n"
"                       2022-04-10); also the day of orders and posts\n"
"  -k, --days N         days of check-ins, 0 to 60 (default 3)\n"
"  -r, --roster-only    write roster.csv only (for benchmarks)\n"
"  -o, --out DIR        write into DIR (created if missing)\n"
"  -h, --help           this text\n"
"  -V, --version        the version\n"
"\nexamples:\n"
"  gen-community --messy --seed 2022 -o share/examples/sample\n"
"  gen-community -n 1000000 -c 200 --roster-only -o bench/out\n"
"  gen-community -n 500 -k 7 -o /tmp/small\n", synopsis);
}

/* ---- random numbers ------------------------------------------------- */

struct rng {
	uint64_t s[4];
};

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Streams: one per purpose and per community (or day). */
enum {
	ST_COMMUNITY = 1, ST_ROSTER, ST_MESSY, ST_CHECKIN, ST_MEMBER,
	ST_RESIDENTS, ST_SITES, ST_VOLUNTEERS, ST_POSTS, ST_ORDERS
};

static void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream, uint64_t sub)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95u) ^
	    (sub * 0x2545f4914f6cdd1du);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

/* 0..n-1, unbiased (Lemire). */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	uint64_t m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * n;
	uint32_t lo = (uint32_t)m;

	if (lo < n) {
		uint32_t t = (uint32_t)-n % n;
		while (lo < t) {
			m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * n;
			lo = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

static int
rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

static double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static int
rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/* ---- output: CSV rows into a buffer, flushed (and converted) ------- */

struct out {
	FILE	*f;
	char	*path;
	iconv_t	 cd;		/* (iconv_t)-1: write UTF-8 as it is */
	const char *eol;
	char	*buf;
	size_t	 len, cap;
	int	 col;
};

enum { ENC_UTF8, ENC_UTF8_BOM, ENC_GBK };

static struct out *
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

static void
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

static void
out_cellf(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
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
static void
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

static void
out_end(struct out *o)
{
	out_raw(o, o->eol, strlen(o->eol));
	o->col = 0;
	if (o->len >= (1 << 16))
		out_flush(o);
}

static void
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

/* ---- names and numbers ---------------------------------------------- */

/* Common surnames, most common first (drawn with a skew toward the top). */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
	"唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
	"潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
	"任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
	"石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦",
	"邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎",
	"贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "莫",
	"孔", "向", "汤", "欧阳", "上官", "司马"
};
#define NSURNAMES (sizeof(surnames) / sizeof(surnames[0]))

static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
	"杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华",
	"玉", "兰", "萍", "红", "建", "国", "文", "斌", "辉", "鹏", "宇", "浩",
	"然", "子", "轩", "欣", "怡", "梓", "涵", "晨", "阳", "佳", "琪", "嘉",
	"俊", "志", "海", "波", "亮", "林", "雪", "梅", "凤", "燕", "春", "丹",
	"玲", "颖", "婷", "慧", "莉", "琳", "晓", "东", "振", "宏", "峰", "鑫",
	"永", "德", "福", "荣", "金", "淑", "珍", "秋", "云", "雨", "思", "雯",
	"博", "成", "益", "康", "美", "诗", "雅", "新", "民", "忠", "根", "宝"
};
#define NGIVEN (sizeof(given) / sizeof(given[0]))

static const char *
pick_surname(struct rng *r)
{
	double u = rng_unit(r);

	return surnames[(size_t)(u * u * (double)NSURNAMES)];
}

static void
make_given(struct rng *r, char *out, size_t sz)
{
	/* one draw a statement: argument order is unspecified in C */
	if (rng_chance(r, 0.25)) {
		snprintf(out, sz, "%s", given[rng_below(r, NGIVEN)]);
		return;
	}
	const char *a = given[rng_below(r, NGIVEN)];
	const char *b = given[rng_below(r, NGIVEN)];
	snprintf(out, sz, "%s%s", a, b);
}

static void
make_name(struct rng *r, char *out, size_t sz)
{
	char g[16];

	make_given(r, g, sizeof(g));
	snprintf(out, sz, "%s%s", pick_surname(r), g);
}

static void
make_mobile(struct rng *r, char *out, size_t sz)
{
	/* second digit weighted as real allocations are: 3, 5, 8 most */
	static const char second[] = "3333355558888777999466";
	unsigned long long rest = (unsigned long long)rng_below(r, 1000000000u);

	snprintf(out, sz, "1%c%09llu", second[rng_below(r,
	    (uint32_t)(sizeof(second) - 1))], rest);
}

static void
make_landline(struct rng *r, char *out, size_t sz)
{
	static const char first[] = "3556";

	char f = first[rng_below(r, 4)];
	unsigned rest = (unsigned)rng_below(r, 10000000u);

	snprintf(out, sz, "021-%c%07u", f, rest);
}

/* Full-width copy of an ASCII string of digits and dashes. */
static void
fullwidth(const char *s, char *out, size_t sz)
{
	size_t n = 0;

	for (; *s && n + 4 < sz; s++) {
		if (*s >= '0' && *s <= '9') {
			out[n++] = '\xef';
			out[n++] = '\xbc';
			out[n++] = (char)(0x90 + (*s - '0'));
		} else if (*s == '-') {
			memcpy(out + n, "\xef\xbc\x8d", 3);
			n += 3;
		} else
			out[n++] = *s;
	}
	out[n] = '\0';
}

static const char *const cn_digit[] = {
	"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"
};

/* ---- dates ---------------------------------------------------------- */

static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static long
parse_date(const char *s)
{
	int y, m, d, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] != '\0' ||
	    strlen(s) != 10 || y < 1900 || y > 2100 || m < 1 || m > 12 ||
	    d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
		sq_usage_error(synopsis, "--date: '%s' is not a date "
		    "YYYY-MM-DD", s);
	return days_from_civil(y, m, d);
}

/* ---- the community -------------------------------------------------- */

enum {
	F_ELDERLY = 1, F_CHRONIC = 2, F_DISABLED = 4, F_PREGNANT = 8,
	F_INFANT = 16
};

struct bldg {
	int	 units, floors, perfloor;
	int	 grid;
};

struct hh {
	int	 b, u, room;	/* building number, unit, room number */
	int	 grid;
	int	 members;
	unsigned flags;
	int	 age;		/* of the head */
	float	 p;		/* chance of checking in on a day */
	char	 name[24];
	char	 phone[24];	/* 13800138000 or 021-64381234 */
	const char *note;
};

/* How a grid worker's part of a messy sheet is typed. */
struct style {
	int	 addr, yes, members;
};

struct comm {
	int	 idx;
	char	 name[64];
	int	 nb;
	struct bldg *b;
	int	 ng;
	char	(*grid)[24];
	struct style *style;
	size_t	 n;
	struct hh *h;
};

static const char *const comm_prefix[] = {
	"阳光", "幸福", "和平", "金桥", "春江", "锦绣", "翠湖", "明珠", "东方",
	"绿洲", "长宁", "兴业", "华府", "紫薇", "枫林", "梅园", "桃源", "康乐",
	"永安", "新华", "滨江", "碧云", "嘉和", "丽景", "万科", "海棠", "银杏",
	"青松", "虹桥", "南苑", "北辰", "西郊", "恒通", "瑞金", "安居", "育才",
	"振兴", "龙华", "静安", "惠民"
};
static const char *const comm_suffix[] = {
	"小区", "花园", "新村", "苑", "公寓", "家园", "城", "名邸"
};
#define NPREFIX (sizeof(comm_prefix) / sizeof(comm_prefix[0]))
#define NSUFFIX (sizeof(comm_suffix) / sizeof(comm_suffix[0]))

static void
comm_name(int i, char *out, size_t sz)
{
	size_t k = (size_t)i;
	const char *p = comm_prefix[k % NPREFIX];
	const char *s = comm_suffix[(k / NPREFIX) % NSUFFIX];
	size_t phase = k / (NPREFIX * NSUFFIX);

	if (phase == 0)
		snprintf(out, sz, "%s%s", p, s);
	else
		snprintf(out, sz, "%s%s%zu期", p, s, phase + 1);
}

/* The biggest building: 4 units, 18 floors, 4 flats a floor. */
#define MAXFLATS	288

static int
bldg_capacity(const struct bldg *b)
{
	return b->units * b->floors * b->perfloor;
}

/* Make building b one size bigger; 0 if it is already the biggest. */
static int
bldg_grow(struct bldg *b)
{
	if (b->floors == 6) {
		b->floors = 11;
		b->units = b->units < 2 ? 2 : b->units;
	} else if (b->floors == 11) {
		b->floors = 18;
		b->perfloor = 3;
	} else if (b->perfloor < 4)
		b->perfloor++;
	else if (b->units < 4)
		b->units++;
	else
		return 0;
	return 1;
}

enum {
	A_HAO, A_DONG, A_DASH, A_FULL, A_ZHUANG,	/* roster forms */
	A_HAO_NOSHI, A_HAO_SHORT, A_DASH_ROOM,		/* typed in forms */
	A_NSTYLES
};

/* A roster's address form: 号楼 30%, 栋 25%, dash 25%, 幢 12%, full-width. */
static int
roster_form(struct rng *r)
{
	uint32_t t = rng_below(r, 100);

	return t < 30 ? A_HAO : t < 55 ? A_DONG : t < 80 ? A_DASH :
	    t < 92 ? A_ZHUANG : A_FULL;
}

static const char *const notes[] = {
	"租户", "租户", "租户", "行动不便", "需定期配药", "居家办公",
	"外地返沪", "透析患者", "常住人口", "有宠物"
};

static void
gen_community(struct comm *c, int idx, size_t n, int nb, uint64_t seed)
{
	struct rng r;
	long cap = 0, need = (long)((double)n / 0.92) + 1;

	memset(c, 0, sizeof(*c));
	c->idx = idx;
	comm_name(idx, c->name, sizeof(c->name));
	rng_seed(&r, seed, ST_COMMUNITY, (uint64_t)idx);
	if (nb <= 0)
		nb = (int)((n + 30) / 60);
	if (nb < 1)
		nb = 1;
	c->nb = nb;
	c->b = sq_xcalloc((size_t)nb + 1, sizeof(*c->b));
	for (int i = 1; i <= nb; i++) {
		struct bldg *b = &c->b[i];
		uint32_t t = rng_below(&r, 100);
		if (t < 45) {
			b->floors = 6;
			b->units = rng_range(&r, 2, 4);
			b->perfloor = 2;
		} else if (t < 75) {
			b->floors = 11;
			b->units = rng_range(&r, 2, 3);
			b->perfloor = 2;
		} else {
			b->floors = 18;
			b->units = rng_range(&r, 1, 2);
			b->perfloor = rng_range(&r, 2, 4);
		}
		cap += bldg_capacity(b);
	}
	/* grow random buildings until the households fit, with vacancies */
	while (cap < need) {
		int tries = 0, i;
		do
			i = rng_range(&r, 1, nb);
		while (bldg_capacity(&c->b[i]) >= MAXFLATS && ++tries < 64);
		if (tries >= 64) {
			for (i = 1; i <= nb && bldg_capacity(&c->b[i]) >=
			    MAXFLATS;)
				i++;
			if (i > nb)
				break;	/* all full size: fewer vacancies */
		}
		cap -= bldg_capacity(&c->b[i]);
		bldg_grow(&c->b[i]);
		cap += bldg_capacity(&c->b[i]);
	}
	if ((long)n > cap)	/* main() checked this */
		sq_fatal("%zu households do not fit in %d buildings", n, nb);

	/* grid workers: one per 2-4 consecutive buildings */
	c->grid = sq_xcalloc((size_t)nb + 1, sizeof(*c->grid));
	c->style = sq_xcalloc((size_t)nb + 1, sizeof(*c->style));
	for (int i = 1; i <= nb;) {
		int k = rng_range(&r, 2, 4);
		if (nb - i + 1 - k == 1)
			k++;
		for (int j = i; j < i + k && j <= nb; j++)
			c->b[j].grid = c->ng;
		make_name(&r, c->grid[c->ng], sizeof(c->grid[0]));
		c->style[c->ng].addr = roster_form(&r);
		c->style[c->ng].yes = (int)rng_below(&r, 4);
		c->style[c->ng].members = (int)rng_below(&r, 3);
		c->ng++;
		i += k;
	}

	/* households: n of the cap flats, in order (selection sampling) */
	c->h = sq_xcalloc(n ? n : 1, sizeof(*c->h));
	long seen = 0;
	for (int bi = 1; bi <= nb; bi++) {
		const struct bldg *b = &c->b[bi];
		for (int u = 1; u <= b->units; u++)
		for (int f = 1; f <= b->floors; f++)
		for (int k = 1; k <= b->perfloor; k++, seen++) {
			if ((long)rng_below(&r, (uint32_t)(cap - seen)) >=
			    (long)(n - c->n))
				continue;
			struct hh *h = &c->h[c->n++];
			h->b = bi;
			h->u = u;
			h->room = f * 100 + k;
			h->grid = b->grid;
		}
	}

	for (size_t i = 0; i < c->n; i++) {
		struct hh *h = &c->h[i];
		static const int msize[] = { 12, 30, 30, 15, 9, 4 };
		int t = (int)rng_below(&r, 100), m = 0;
		while (t >= msize[m]) {
			t -= msize[m];
			m++;
		}
		h->members = m + 1;
		make_name(&r, h->name, sizeof(h->name));
		h->age = rng_range(&r, 28, 82);
		if (rng_chance(&r, 0.03)) {
			h->flags |= F_ELDERLY;
			h->members = 1;
			h->age = rng_range(&r, 70, 94);
		}
		if (rng_chance(&r, h->age >= 60 ? 0.22 : 0.08))
			h->flags |= F_CHRONIC;
		if (rng_chance(&r, 0.02))
			h->flags |= F_DISABLED;
		if (!(h->flags & F_ELDERLY) && rng_chance(&r, 0.01)) {
			h->flags |= F_PREGNANT;
			h->age = rng_range(&r, 26, 38);
			if (h->members < 2)
				h->members = 2;
		}
		if (!(h->flags & F_ELDERLY) && rng_chance(&r, 0.04)) {
			h->flags |= F_INFANT;
			if (h->members < 3)
				h->members = 3;
		}
		if (rng_chance(&r, h->flags & F_ELDERLY ? 0.3 : 0.02))
			make_landline(&r, h->phone, sizeof(h->phone));
		else
			make_mobile(&r, h->phone, sizeof(h->phone));
		h->note = rng_chance(&r, 0.06) ?
		    notes[rng_below(&r, sizeof(notes) / sizeof(notes[0]))] :
		    "";
		/* chance of checking in: most always, some often, few never */
		t = (int)rng_below(&r, 100);
		h->p = t < 80 ? 0.97f : t < 96 ? 0.75f : 0.2f;
		if (h->flags & F_ELDERLY)
			h->p *= 0.9f;
	}
}

static void
free_community(struct comm *c)
{
	free(c->b);
	free(c->grid);
	free(c->style);
	free(c->h);
}

/* ---- rendering ------------------------------------------------------ */


/*
 * Render an address; space: 0 none, 1 leading, 2 trailing, 3 inside.
 */
static void
addr_render(char *out, size_t sz, int b, int u, int room, int style,
    int space)
{
	char t[64], f[96];

	switch (style) {
	case A_HAO:
		snprintf(t, sizeof(t), space == 3 ? "%d号楼 %d单元 %d室" :
		    "%d号楼%d单元%d室", b, u, room);
		break;
	case A_DONG:
		snprintf(t, sizeof(t), space == 3 ? "%d栋 %d单元%d" :
		    "%d栋%d单元%d", b, u, room);
		break;
	case A_FULL:
		snprintf(f, sizeof(f), "%d-%d-%d", b, u, room);
		fullwidth(f, t, sizeof(t));
		break;
	case A_ZHUANG:
		snprintf(t, sizeof(t), space == 3 ? "%d幢 %d单元%d室" :
		    "%d幢%d单元%d室", b, u, room);
		break;
	case A_HAO_NOSHI:
		snprintf(t, sizeof(t), "%d号楼%d单元%d", b, u, room);
		break;
	case A_HAO_SHORT:
		snprintf(t, sizeof(t), "%d号%d单元%d", b, u, room);
		break;
	case A_DASH_ROOM:
		snprintf(t, sizeof(t), "%d-%d-%d室", b, u, room);
		break;
	default:
		snprintf(t, sizeof(t), space == 3 ? "%d - %d - %d" :
		    "%d-%d-%d", b, u, room);
		break;
	}
	snprintf(out, sz, "%s%s%s", space == 1 ? " " : "", t,
	    space == 2 ? " " : "");
}

/* Boolean styles of a messy sheet: what true and false look like. */
static const char *const yes_style[][2] = {
	{ "是", "否" }, { "√", "" }, { "是", "" }, { "有", "无" }
};

static const char *
yes_cell(struct rng *r, int messy, int style, int v)
{
	if (!messy)
		return v ? "是" : "否";
	if (rng_chance(r, 0.03))
		style = (int)rng_below(r, 4);
	return yes_style[style][!v];
}

static void
members_cell(struct rng *r, int messy, int style, int m, char *out,
    size_t sz)
{
	if (messy && rng_chance(r, 0.05))
		style = (int)rng_below(r, 3);
	if (!messy || style == 0)
		snprintf(out, sz, "%d", m);
	else if (style == 1)
		snprintf(out, sz, "%d人", m);
	else
		snprintf(out, sz, "%s", m == 2 && rng_chance(r, 0.3) ? "两" :
		    cn_digit[m % 10]);
}

/* The phone as a messy sheet has it. */
static void
phone_cell(struct rng *r, int messy, const char *p, char *out, size_t sz)
{
	int mobile = p[0] == '1';
	double u = rng_unit(r);

	if (!messy) {
		if (mobile && u < 0.01)
			snprintf(out, sz, "+86 %s", p);
		else if (mobile && u < 0.02)
			snprintf(out, sz, "%.3s %.4s %.4s", p, p + 3, p + 7);
		else if (mobile && u < 0.03)
			snprintf(out, sz, "%.3s-%.4s-%.4s", p, p + 3, p + 7);
		else
			snprintf(out, sz, "%s", p);
		return;
	}
	if (mobile && u < 0.01) {
		/* Excel showed it in scientific notation and kept that */
		double v = strtod(p, NULL);
		snprintf(out, sz, "%.5E", v);
	} else if (mobile && u < 0.02)
		snprintf(out, sz, "%.3s %.4s %.4s", p, p + 3, p + 7);
	else if (mobile && u < 0.025)
		snprintf(out, sz, "+86 %s", p);
	else if (mobile && u < 0.03) {
		char o[16];
		make_mobile(r, o, sizeof(o));
		snprintf(out, sz, "%s/%s", p, o);
	} else if (mobile && u < 0.033)
		snprintf(out, sz, "%s（本人）", p);
	else if (u < 0.043)
		snprintf(out, sz, "%s", "");
	else if (!mobile && u < 0.2)
		snprintf(out, sz, "%s", p + 4);	/* no area code */
	else
		snprintf(out, sz, "%s", p);
}

/* ---- roster.csv ------------------------------------------------------ */

static const char roster_header[] =
    "序号,小区,地址,户主姓名,联系电话,家庭人数,独居老人,慢性病,残疾,孕妇,"
    "婴幼儿,网格员,备注";
#define ROSTER_COLS 13

struct rowref {
	long	 key;		/* output order */
	int	 hh;
	int	 kind;		/* 0 the household, 1 its duplicate */
};

static int
rowref_cmp(const void *a, const void *b)
{
	const struct rowref *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->hh > y->hh) - (x->hh < y->hh);
}

static void
roster_row(struct out *o, struct rng *r, const struct comm *c,
    const struct hh *h, long seq, int messy, int dup, const char *badaddr,
    long *sum)
{
	const struct style *st = &c->style[h->grid];
	char addr[128], cell[64], name[48];
	int astyle = st->addr, space = 0, prefixed = 0;

	out_cellf(o, "%ld", seq);
	if (messy && rng_chance(r, 0.01))
		out_cellf(o, "%s ", c->name);	/* stray space */
	else
		out_cell(o, c->name);
	if (!messy) {
		/* 号楼, 栋, dash, 幢 and a few full-width: all valid */
		static const int plain[] = { A_HAO, A_DONG, A_DASH, A_ZHUANG };
		astyle = rng_chance(r, 0.02) ? A_FULL : plain[rng_below(r, 4)];
	} else {
		if (dup || rng_chance(r, 0.1))
			astyle = roster_form(r);
		if (dup && astyle == st->addr)
			astyle = (astyle + 2) % 5;
		if (rng_chance(r, 0.03))
			space = rng_range(r, 1, 3);
	}
	if (badaddr)
		snprintf(addr, sizeof(addr), "%s", badaddr);
	else {
		addr_render(addr, sizeof(addr), h->b, h->u, h->room, astyle,
		    space);
		if (messy && rng_chance(r, 0.01)) {
			/* the community typed in front of the address */
			out_cellf(o, "%s%s", c->name, addr);
			prefixed = 1;
		}
	}
	if (!prefixed)
		out_cell(o, addr);
	if (messy && rng_chance(r, 0.01) && strlen(h->name) == 6)
		snprintf(name, sizeof(name), "%.3s  %s", h->name,
		    h->name + 3);	/* padded to line up two-char names */
	else
		snprintf(name, sizeof(name), "%s", h->name);
	out_cell(o, name);
	if (dup && rng_chance(r, 0.5))
		snprintf(cell, sizeof(cell), "%.3s %.4s %.4s", h->phone,
		    h->phone + 3, h->phone + 7);
	else
		phone_cell(r, messy, h->phone, cell, sizeof(cell));
	out_cell(o, cell);
	int m = h->members;
	if (dup && !(h->flags & F_ELDERLY) && rng_chance(r, 0.5))
		m++;
	members_cell(r, messy, dup ? (st->members + 1) % 3 : st->members, m,
	    cell, sizeof(cell));
	if (cell[0] >= '0' && cell[0] <= '9')
		*sum += strtol(cell, NULL, 10);
	out_cell(o, cell);
	out_cell(o, yes_cell(r, messy, st->yes, h->flags & F_ELDERLY));
	out_cell(o, yes_cell(r, messy, st->yes, h->flags & F_CHRONIC));
	out_cell(o, yes_cell(r, messy, st->yes, h->flags & F_DISABLED));
	out_cell(o, yes_cell(r, messy, st->yes, h->flags & F_PREGNANT));
	out_cell(o, yes_cell(r, messy, st->yes, h->flags & F_INFANT));
	out_cell(o, c->grid[h->grid]);
	out_cell(o, dup ? (rng_chance(r, 0.5) ? "补录" : "") : h->note);
	out_end(o);
}

static void
write_roster(struct out *o, const struct comm *c, uint64_t seed, int messy,
    long *seq, long *sum)
{
	struct rng r, m;
	size_t nrows = c->n, ndup = 0, nbad = 0;
	struct rowref *rows;
	int badhh[5] = { -1, -1, -1, -1, -1 };
	char bad12[32];

	rng_seed(&r, seed, ST_ROSTER, (uint64_t)c->idx);
	rng_seed(&m, seed, ST_MESSY, (uint64_t)c->idx);
	if (messy && c->n >= 100) {
		ndup = 3 + rng_below(&m, 4);
		nbad = 3 + rng_below(&m, 3);
	}
	rows = sq_xcalloc(c->n + ndup + 1, sizeof(*rows));
	for (size_t i = 0; i < c->n; i++) {
		rows[i].key = (long)i * 2;
		rows[i].hh = (int)i;
	}
	for (size_t d = 0; d < ndup; d++) {
		int i = (int)rng_below(&m, (uint32_t)c->n - 1);
		int p = i + 1 + (int)rng_below(&m, (uint32_t)(c->n - (size_t)i));
		rows[nrows].key = (long)p * 2 + 1;
		if ((size_t)p >= c->n)
			rows[nrows].key = (long)c->n * 2;
		rows[nrows].hh = i;
		rows[nrows].kind = 1;
		nrows++;
	}
	qsort(rows, nrows, sizeof(*rows), rowref_cmp);
	for (size_t k = 0; k < nbad; k++) {
		int i, clash;
		do {
			i = (int)rng_below(&m, (uint32_t)c->n);
			clash = 0;
			for (size_t j = 0; j < k; j++)
				clash |= badhh[j] == i;
			for (size_t j = 0; j < nrows; j++)
				clash |= rows[j].kind && rows[j].hh == i;
		} while (clash);
		badhh[k] = i;
	}
	for (size_t k = 0; k < nrows; k++) {
		const struct hh *h = &c->h[rows[k].hh];
		const char *bad = NULL;
		for (size_t j = 0; j < nbad; j++) {
			if (badhh[j] != rows[k].hh || rows[k].kind)
				continue;
			static const char *const badtext[] = {
				"", "同上", NULL, "待核实", "见附件"
			};
			bad = badtext[j];
			if (bad == NULL) {
				snprintf(bad12, sizeof(bad12), "%d号楼", h->b);
				bad = bad12;
			}
		}
		roster_row(o, &r, c, h, ++*seq, messy, rows[k].kind, bad, sum);
	}
	free(rows);
}

/* ---- residents.csv (messy: a per-person sheet of a few buildings) ---- */

static void
write_residents(const char *dir, const struct comm *c, uint64_t seed)
{
	struct out *o = out_open(dir, "residents.csv", ENC_GBK, 1);
	struct rng r;
	long seq = 0;

	rng_seed(&r, seed, ST_RESIDENTS, (uint64_t)c->idx);
	out_cells(o, "序号,地址,姓名,与户主关系,年龄,联系电话");
	out_end(o);
	for (size_t i = 0; i < c->n; i++) {
		const struct hh *h = &c->h[i];
		char addr[96], name[48], ph[24], sur[16];
		int age = h->age, left = h->members - 1, parents = 0;
		if (h->b > 3)
			break;
		addr_render(addr, sizeof(addr), h->b, h->u, h->room, A_HAO, 0);
		/* surname: up to the first 3 bytes, 6 for 欧阳/上官/司马 */
		size_t sl = strncmp(h->name, "欧阳", 6) == 0 ||
		    strncmp(h->name, "上官", 6) == 0 ||
		    strncmp(h->name, "司马", 6) == 0 ? 6 : 3;
		snprintf(sur, sizeof(sur), "%.*s", (int)sl, h->name);

		out_cellf(o, "%ld", ++seq);
		out_cell(o, addr);
		out_cell(o, h->name);
		out_cell(o, "户主");
		out_cellf(o, rng_chance(&r, 0.05) ? "%d岁" : "%d", age);
		out_cell(o, h->phone);
		out_end(o);

		int want_infant = (h->flags & F_INFANT) != 0;
		if (left > 0 && rng_chance(&r, 0.9)) {
			char g[16];
			make_name(&r, name, sizeof(name));
			make_given(&r, g, sizeof(g));
			int sage = age + rng_range(&r, -6, 4);
			if (sage < 20)
				sage = 20;
			out_cellf(o, "%ld", ++seq);
			out_cell(o, "");
			out_cell(o, name);
			out_cell(o, rng_chance(&r, 0.8) ? "配偶" :
			    rng_chance(&r, 0.5) ? "妻子" : "丈夫");
			out_cellf(o, "%d", sage);
			if (rng_chance(&r, 0.4))
				make_mobile(&r, ph, sizeof(ph));
			else
				ph[0] = '\0';
			out_cell(o, ph);
			out_end(o);
			left--;
		}
		while (left > 0) {
			const char *rel;
			int a;
			char g[16];
			if (want_infant) {
				want_infant = 0;
				rel = age >= 50 ? (rng_chance(&r, 0.5) ?
				    "孙子" : "孙女") : "子女";
				a = rng_range(&r, 0, 2);
			} else if (age < 50 && parents < 2 &&
			    rng_chance(&r, 0.3)) {
				rel = rng_chance(&r, 0.6) ? "父母" :
				    parents ? "父亲" : "母亲";
				parents++;
				a = age + rng_range(&r, 24, 34);
			} else if (age >= 58 && rng_chance(&r, 0.35)) {
				rel = rng_chance(&r, 0.6) ? "孙子女" :
				    rng_chance(&r, 0.5) ? "孙子" : "孙女";
				a = rng_range(&r, 1, age - 48 > 16 ? 16 :
				    age - 48);
			} else {
				static const char *const kids[] = {
					"子女", "子女", "子女", "儿子", "女儿",
					"子", "女"
				};
				rel = kids[rng_below(&r, 7)];
				int hi = age - 22, lo = age - 38;
				if (hi < 0)
					hi = 0;
				if (lo < 0)
					lo = 0;
				a = rng_range(&r, lo, hi);
			}
			if (rng_chance(&r, 0.03)) {
				rel = rng_chance(&r, 0.5) ? "兄弟姐妹" : "其他";
				a = age + rng_range(&r, -8, 8);
			}
			make_given(&r, g, sizeof(g));
			snprintf(name, sizeof(name), "%s%s", sur, g);
			out_cellf(o, "%ld", ++seq);
			out_cell(o, "");
			out_cell(o, name);
			out_cell(o, rel);
			out_cellf(o, "%d", a);
			if (a >= 16 && rng_chance(&r, 0.4))
				make_mobile(&r, ph, sizeof(ph));
			else
				ph[0] = '\0';
			out_cell(o, ph);
			out_end(o);
			left--;
		}
	}
	out_close(o);
}

/* ---- checkins-DATE.csv ---------------------------------------------- */

struct ci {
	int	 t;		/* seconds after midnight */
	int	 hh;
	int	 second;	/* a second report the same day */
};

static int
ci_cmp(const void *a, const void *b)
{
	const struct ci *x = a, *y = b;

	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	if (x->hh != y->hh)
		return (x->hh > y->hh) - (x->hh < y->hh);
	return x->second - y->second;
}

static int
ci_time(struct rng *r)
{
	double u = rng_unit(r);

	if (u < 0.7)	/* the morning reminder */
		return rng_range(r, 7 * 3600, 10 * 3600 - 1);
	if (u < 0.95)
		return rng_range(r, 10 * 3600, 20 * 3600 - 1);
	if (u < 0.99)
		return rng_range(r, 20 * 3600, 24 * 3600 - 1);
	return rng_range(r, 6 * 3600, 7 * 3600 - 1);
}

static void
write_checkins(struct out *o, const struct comm *c, uint64_t seed, int messy,
    long day, int di)
{
	struct rng r, mr;
	struct ci *v = sq_xcalloc(c->n * 2 + 1, sizeof(*v));
	size_t nv = 0;
	int y, mo, d;

	civil_from_days(day, &y, &mo, &d);
	rng_seed(&r, seed, ST_CHECKIN, (uint64_t)c->idx * 1000 + (uint64_t)di);
	for (size_t i = 0; i < c->n; i++) {
		if (!rng_chance(&r, c->h[i].p))
			continue;
		v[nv].t = ci_time(&r);
		v[nv++].hh = (int)i;
		if (rng_chance(&r, 0.005)) {
			v[nv].t = v[nv - 1].t + rng_range(&r, 60, 6 * 3600);
			if (v[nv].t >= 24 * 3600)
				v[nv].t = 24 * 3600 - 1;
			v[nv].hh = (int)i;
			v[nv++].second = 1;
		}
	}
	qsort(v, nv, sizeof(*v), ci_cmp);
	for (size_t k = 0; k < nv; k++) {
		const struct hh *h = &c->h[v[k].hh];
		char addr[128], name[48], temp[32];
		int t = v[k].t, room = h->room, b = h->b, u = h->u;
		double p = rng_unit(&r);
		int style = p < 0.4 ? A_DASH : p < 0.6 ? A_HAO_NOSHI :
		    p < 0.72 ? A_HAO : p < 0.8 ? A_DONG : p < 0.86 ?
		    A_HAO_SHORT : p < 0.92 ? A_DASH_ROOM : p < 0.96 ? A_FULL :
		    A_ZHUANG;

		if (messy)
			out_cellf(o, "%d/%d/%d %d:%02d:%02d", y, mo, d,
			    t / 3600, t / 60 % 60, t % 60);
		else
			out_cellf(o, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d,
			    t / 3600, t / 60 % 60, t % 60);
		out_cell(o, c->name);
		if (rng_chance(&r, 0.003)) {
			/* a typo: digits swapped, or the wrong unit */
			if (room % 10 != room / 10 % 10 && rng_chance(&r, 0.6))
				room = room / 100 * 100 + room % 10 * 10 +
				    room / 10 % 10;
			else
				u = u % 4 + 1;
		}
		addr_render(addr, sizeof(addr), b, u, room, style,
		    messy && rng_chance(&r, 0.02) ? 2 : 0);
		out_cell(o, addr);
		if (h->members > 1 && rng_chance(&r, 0.15)) {
			/* someone else in the household fills the form in */
			char g[16];
			rng_seed(&mr, seed, ST_MEMBER, (uint64_t)c->idx *
			    10000000u + (uint64_t)v[k].hh);
			make_given(&mr, g, sizeof(g));
			size_t sl = (unsigned char)h->name[0] >= 0x80 ? 3 : 1;
			if (strncmp(h->name, "欧阳", 6) == 0 ||
			    strncmp(h->name, "上官", 6) == 0 ||
			    strncmp(h->name, "司马", 6) == 0)
				sl = 6;
			snprintf(name, sizeof(name), "%.*s%s", (int)sl,
			    h->name, g);
		} else
			snprintf(name, sizeof(name), "%s", h->name);
		out_cell(o, name);
		p = rng_unit(&r);
		int fever = 0;
		if (p < 0.005) {
			fever = 1;
			snprintf(temp, sizeof(temp), "%.1f",
			    37.3 + rng_unit(&r) * 2.2);
		} else if (p < 0.0065) {
			static const char *const badt[] = {
				"正常", "98.6", "25", "365", "36.5/36.8", "未测"
			};
			snprintf(temp, sizeof(temp), "%s",
			    badt[rng_below(&r, 6)]);
		} else {
			double x = rng_unit(&r);
			x += rng_unit(&r);
			x += rng_unit(&r);
			x = 36.5 + (x - 1.5) * 0.4;
			if (messy && rng_chance(&r, 0.02))
				snprintf(temp, sizeof(temp), "%.1f℃", x);
			else if (messy && rng_chance(&r, 0.01))
				snprintf(temp, sizeof(temp), "%.0f", x);
			else
				snprintf(temp, sizeof(temp), "%.1f", x);
		}
		out_cell(o, temp);
		out_cell(o, rng_chance(&r, fever ? 0.4 : 0.01) ? "是" : "否");
		out_end(o);
	}
	free(v);
}

/* ---- sites.csv ------------------------------------------------------- */

static void
write_sites(struct out *o, const struct comm *c, uint64_t seed, int district)
{
	struct rng r;
	double w, aspect, dx, dy;
	int cols, rows;

	rng_seed(&r, seed, ST_SITES, (uint64_t)c->idx);
	w = 300 + rng_unit(&r) * 300;
	aspect = 0.6 + rng_unit(&r) * 0.6;	/* height / width */
	cols = 1;
	while (cols * (int)((double)cols * aspect + 0.999) < c->nb)
		cols++;
	rows = (c->nb + cols - 1) / cols;
	dx = w / cols;
	dy = w * aspect / (rows > 0 ? rows : 1);
	if (district)
		out_cell(o, c->name);
	out_cells(o, "gate,gate");
	out_cellf(o, "%d", (int)(w / 2 + (rng_unit(&r) - 0.5) * dx));
	out_cellf(o, "%d", -rng_range(&r, 15, 40));
	out_end(o);
	for (int i = 1; i <= c->nb; i++) {
		int row = (i - 1) / cols, col = (i - 1) % cols;
		double x = dx * (col + 0.5) + (rng_unit(&r) - 0.5) * 16;
		double y = dy * (row + 0.5) + (rng_unit(&r) - 0.5) * 16;
		if (district)
			out_cell(o, c->name);
		out_cellf(o, "%d", i);
		out_cell(o, "building");
		out_cellf(o, "%d", (int)(x + 0.5));
		out_cellf(o, "%d", (int)(y + 0.5));
		out_end(o);
	}
}

/* ---- volunteers.csv, posts.csv, orders.csv (the first community) ---- */

static void
write_volunteers(const char *dir, const struct comm *c, uint64_t seed,
    int messy)
{
	static const char *const skills[] = {
		"", "", "", "医生", "护士", "退休医生", "药剂师",
		"司机（C1驾照）", "有车，可开车", "心理咨询师", "程序员",
		"会计，会Excel", "教师", "大学生", "厨师", "快递员", "保安",
		"电工", "英语翻译", "社工", "退休干部", "力气大，能搬运",
		"护士；会开车", "医学生", "IT运维"
	};
	static const char *const when[] = {
		"全天", "全天", "随时", "白天", "每天上午", "每天下午", "上午",
		"晚上", "8:00-12:00", "14:00-18:00", "7:00-11:00",
		"早上6点-9点", "周末全天", "工作日全天", "工作日 18:00-22:00",
		"周一至周五 18:00以后", "晚上7点后", "看情况"
	};
	struct out *o = out_open(dir, "volunteers.csv",
	    messy ? ENC_UTF8_BOM : ENC_UTF8, messy);
	struct rng r;
	int nv = (int)(c->n / 20);

	if (nv < 8)
		nv = 8;
	rng_seed(&r, seed, ST_VOLUNTEERS, (uint64_t)c->idx);
	out_cells(o, "vid,姓名,电话,楼号,职业/技能,可服务时间,每周最多小时,"
	    "是否培训,身份");
	out_end(o);
	for (int i = 1; i <= nv; i++) {
		char name[32], ph[24], cell[64];
		int staff = rng_chance(&r, 0.08);
		make_name(&r, name, sizeof(name));
		make_mobile(&r, ph, sizeof(ph));
		out_cellf(o, "V%03d", i);
		out_cell(o, name);
		if (messy && rng_chance(&r, 0.05))
			snprintf(cell, sizeof(cell), "%.3s %.4s %.4s", ph,
			    ph + 3, ph + 7);
		else
			snprintf(cell, sizeof(cell), "%s", ph);
		out_cell(o, cell);
		int b = rng_range(&r, 1, c->nb);
		if (staff)
			out_cell(o, "");
		else if (messy && rng_chance(&r, 0.3))
			out_cellf(o, rng_chance(&r, 0.5) ? "%d号楼" : "%d栋",
			    b);
		else
			out_cellf(o, "%d", b);
		out_cell(o, skills[rng_below(&r, sizeof(skills) /
		    sizeof(skills[0]))]);
		out_cell(o, when[rng_below(&r, sizeof(when) /
		    sizeof(when[0]))]);
		int hours = 4 * rng_range(&r, 1, 10);
		if (messy && rng_chance(&r, 0.08))
			out_cell(o, "不限");
		else if (messy && rng_chance(&r, 0.1))
			out_cellf(o, "%d小时", hours);
		else
			out_cellf(o, "%d", hours);
		out_cell(o, staff || rng_chance(&r, 0.6) ? "是" : "否");
		out_cell(o, staff ? "员工" : "志愿者");
		out_end(o);
	}
	out_close(o);
}

static void
write_posts(const char *dir, const struct comm *c, uint64_t seed, int messy,
    long day)
{
	static const struct {
		const char *post, *team, *skill, *start, *end;
		int	 n, trained;
	} tpl[] = {
		{ "核酸采样引导", "核酸组", "", "07:00", "11:00", 6, 1 },
		{ "扫码登记", "核酸组", "", "07:00", "11:00", 4, 1 },
		{ "核酸采样", "医疗组", "护士", "07:00", "11:00", 3, 1 },
		{ "抗原发放", "楼栋组", "", "18:00", "20:00", 6, 0 },
		{ "物资卸货", "物资组", "搬运", "08:00", "12:00", 8, 0 },
		{ "物资分拣", "物资组", "", "13:00", "17:00", 6, 0 },
		{ "送菜上门", "物资组", "搬运", "14:00", "18:00", 10, 0 },
		{ "配药代购", "保障组", "驾驶", "09:00", "17:00", 2, 0 },
		{ "门岗值守（早）", "门岗组", "", "06:00", "14:00", 2, 1 },
		{ "门岗值守（晚）", "门岗组", "", "14:00", "22:00", 2, 1 },
		{ "门岗值守（夜）", "门岗组", "", "22:00", "06:00", 1, 1 },
		{ "楼道消杀", "环境组", "", "16:00", "18:00", 2, 1 },
		{ "垃圾清运", "环境组", "搬运", "18:00", "20:00", 3, 0 },
		{ "心理疏导热线", "保障组", "心理", "19:00", "21:00", 1, 1 },
		{ "独居老人电话关怀", "保障组", "", "10:00", "12:00", 2, 0 },
		{ "数据统计", "信息组", "电脑", "20:00", "22:00", 2, 0 },
		{ "外籍居民沟通", "保障组", "英语", "10:00", "11:00", 1, 0 },
	};
	struct out *o = out_open(dir, "posts.csv", messy ? ENC_GBK : ENC_UTF8,
	    messy);
	struct rng r;
	double scale = (double)c->n / 3000;
	int y, mo, d, y2, mo2, d2;

	civil_from_days(day, &y, &mo, &d);
	civil_from_days(day + 1, &y2, &mo2, &d2);
	rng_seed(&r, seed, ST_POSTS, (uint64_t)c->idx);
	out_cells(o, "岗位,队伍,所需技能,开始,结束,所需人数,需培训");
	out_end(o);
	for (size_t i = 0; i < sizeof(tpl) / sizeof(tpl[0]); i++) {
		int n = (int)(tpl[i].n * scale + 0.5);
		if (n < 1)
			n = 1;
		if (rng_chance(&r, 0.3))
			n += 1;
		out_cell(o, tpl[i].post);
		out_cell(o, tpl[i].team);
		out_cell(o, tpl[i].skill);
		out_cellf(o, "%04d-%02d-%02d %s", y, mo, d, tpl[i].start);
		if (strcmp(tpl[i].end, tpl[i].start) < 0)	/* overnight */
			out_cellf(o, "%04d-%02d-%02d %s", y2, mo2, d2,
			    tpl[i].end);
		else
			out_cellf(o, "%04d-%02d-%02d %s", y, mo, d,
			    tpl[i].end);
		out_cellf(o, "%d", n);
		out_cell(o, tpl[i].trained ? "是" : "否");
		out_end(o);
	}
	out_close(o);
}

static void
write_orders(const char *dir, const struct comm *c, uint64_t seed, int messy,
    long day)
{
	struct out *o = out_open(dir, "orders.csv", ENC_UTF8, 0);
	struct rng r;
	int y, mo, d, k = 0;

	civil_from_days(day, &y, &mo, &d);
	rng_seed(&r, seed, ST_ORDERS, (uint64_t)c->idx);
	out_cells(o, "订单号,地址,件数,送货上门,加急");
	out_end(o);
	for (size_t i = 0; i < c->n; i++) {
		const struct hh *h = &c->h[i];
		char addr[96];
		if (!rng_chance(&r, 0.12))
			continue;
		out_cellf(o, "%04d%02d%02d-%04d", y, mo, d, ++k);
		int form = rng_chance(&r, 0.5) ? A_DASH : (int)rng_below(&r, 5);
		int space = messy && rng_chance(&r, 0.02) ? 2 : 0;
		addr_render(addr, sizeof(addr), h->b, h->u, h->room, form,
		    space);
		out_cell(o, addr);
		double u = rng_unit(&r);
		out_cellf(o, "%d", u < 0.6 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 3 :
		    rng_range(&r, 4, 6));
		int door = (h->flags & (F_ELDERLY | F_DISABLED | F_PREGNANT)) ||
		    rng_chance(&r, 0.1);
		out_cell(o, door ? "是" : "否");
		int urgent = rng_chance(&r, h->flags & (F_INFANT | F_CHRONIC) ?
		    0.12 : 0.02);
		out_cell(o, urgent ? "是" : "否");
		out_end(o);
	}
	out_close(o);
}

/* ---- main ----------------------------------------------------------- */

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "households",  required_argument, NULL, 'n' },
		{ "buildings",   required_argument, NULL, 'b' },
		{ "communities", required_argument, NULL, 'c' },
		{ "seed",        required_argument, NULL, 's' },
		{ "messy",       no_argument,       NULL, 'm' },
		{ "date",        required_argument, NULL, 'd' },
		{ "days",        required_argument, NULL, 'k' },
		{ "roster-only", no_argument,       NULL, 'r' },
		{ "out",         required_argument, NULL, 'o' },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	long households = 3000, buildings = 0, communities = 1, days = 3;
	uint64_t seed = 1;
	int messy = 0, roster_only = 0, ch;
	const char *dir = NULL, *date = "2022-04-10";
	char *end;

	sq_start(argc, argv);
	while ((ch = getopt_long(argc, argv, "n:b:c:s:md:k:ro:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'n':
			households = sq_opt_long(optarg, 1, 100000000,
			    "--households", synopsis);
			break;
		case 'b':
			buildings = sq_opt_long(optarg, 1, 10000,
			    "--buildings", synopsis);
			break;
		case 'c':
			communities = sq_opt_long(optarg, 1, 100000,
			    "--communities", synopsis);
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || *optarg == '-')
				sq_usage_error(synopsis, "--seed: '%s' is not "
				    "a number 0 to 2^64-1", optarg);
			break;
		case 'm':
			messy = 1;
			break;
		case 'd':
			date = optarg;
			break;
		case 'k':
			days = sq_opt_long(optarg, 0, 60, "--days", synopsis);
			break;
		case 'r':
			roster_only = 1;
			break;
		case 'o':
			dir = optarg;
			break;
		case 'h':
			usage();
			return 0;
		case 'V':
			sq_print_version();
			return 0;
		default:
			sq_usage_error(synopsis, "unknown option");
		}
	}
	if (optind < argc)
		sq_usage_error(synopsis, "unexpected argument '%s'",
		    argv[optind]);
	if (dir == NULL)
		sq_usage_error(synopsis, "no output directory; give --out DIR");
	if (communities > households)
		sq_usage_error(synopsis, "more communities (%ld) than "
		    "households (%ld)", communities, households);
	long most = households / communities + (households % communities != 0);
	if (buildings > 0 && most > buildings * MAXFLATS)
		sq_usage_error(synopsis, "%ld households do not fit in %ld "
		    "building%s (at most %d each); give more --buildings",
		    most, buildings, buildings == 1 ? "" : "s", MAXFLATS);
	long last = parse_date(date);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		sq_fatal("%s: %s", dir, strerror(errno));

	struct out *roster = out_open(dir, "roster.csv",
	    messy ? ENC_GBK : ENC_UTF8, messy);
	struct out *sites = NULL, *ci[60] = { NULL };
	int y, mo, d;
	civil_from_days(last, &y, &mo, &d);
	if (messy) {
		char title[128];
		char pre[16];
		snprintf(pre, sizeof(pre), "%s", comm_prefix[0]);
		snprintf(title, sizeof(title), "%s%s居民花名册（%d年%d月）", pre,
		    communities > 1 ? "街道" : "社区", y, mo);
		out_cell(roster, title);
		for (int i = 1; i < ROSTER_COLS; i++)
			out_cell(roster, "");
		out_end(roster);
	}
	out_cells(roster, roster_header);
	out_end(roster);
	if (!roster_only) {
		sites = out_open(dir, "sites.csv", ENC_UTF8, 0);
		out_cells(sites, communities > 1 ? "小区,site,kind,x,y" :
		    "site,kind,x,y");
		out_end(sites);
		for (long i = 0; i < days; i++) {
			char fn[64];
			int cy, cm, cd;
			civil_from_days(last - days + 1 + i, &cy, &cm, &cd);
			snprintf(fn, sizeof(fn), "checkins-%04d-%02d-%02d.csv",
			    cy, cm, cd);
			ci[i] = out_open(dir, fn, messy ? ENC_UTF8_BOM :
			    ENC_UTF8, messy);
			out_cells(ci[i], "提交时间,小区,地址,姓名,体温,是否有症状");
			out_end(ci[i]);
		}
	}

	long seq = 0, sum = 0;
	for (long ci_ = 0; ci_ < communities; ci_++) {
		struct comm c;
		size_t n = (size_t)(households / communities +
		    (ci_ < households % communities));
		gen_community(&c, (int)ci_, n, (int)buildings, seed);
		write_roster(roster, &c, seed, messy, &seq, &sum);
		if (!roster_only) {
			write_sites(sites, &c, seed, communities > 1);
			for (long i = 0; i < days; i++)
				write_checkins(ci[i], &c, seed, messy,
				    last - days + 1 + i, (int)i);
			if (ci_ == 0) {
				if (messy)
					write_residents(dir, &c, seed);
				write_volunteers(dir, &c, seed, messy);
				write_posts(dir, &c, seed, messy, last);
				write_orders(dir, &c, seed, messy, last);
			}
		}
		free_community(&c);
	}
	if (messy) {
		out_cell(roster, "合计");
		for (int i = 1; i < ROSTER_COLS; i++)
			if (i == 5)
				out_cellf(roster, "%ld", sum);
			else
				out_cell(roster, "");
		out_end(roster);
	}
	out_close(roster);
	if (sites)
		out_close(sites);
	for (long i = 0; i < days; i++)
		if (ci[i])
			out_close(ci[i]);
	return 0;
}
