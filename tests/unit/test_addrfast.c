/*
 * test_addrfast.c — the address lexer's fast path against the full one.
 *
 * sq_addr_scan() reads most cells with its fast path (sq_addr_scan_fast: in
 * place, or folded once when full-width forms are in it; no UTF-8 check;
 * digits read in one go) and the rest with the full lexer.  Wherever
 * the fast path takes a cell it must leave the very items the full lexer
 * leaves, and so the same parts, key and reason.  Checked over generated
 * addresses (every building, unit, room, lane, zone and lane-house form the
 * parser knows, in the forms the generators type, then mutated: full-width
 * digits, spaces, typos, Chinese numerals, traditional characters, letters,
 * brackets, odd suffixes, broken UTF-8), after a column already scanned,
 * and over every cell of tests/cases and tests/data.  Prints how often the
 * fast path took a cell.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "address.h"
#include "addrlex.h"
#include "unit.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11) % n;
}

#define PICK(a)	((a)[rnd(sizeof(a) / sizeof((a)[0]))])

static long tried, taken, mismatched;

static void
scan_init(struct scan *sc)
{
	memset(sc, 0, sizeof(*sc));
}

static int
same_scan(const struct scan *a, const struct scan *b)
{
	if (a->n != b->n || a->overflow != b->overflow ||
	    a->longnum != b->longnum || a->word != b->word)
		return 0;
	for (int k = 0; k < a->n; k++)
		if (memcmp(&a->it[k], &b->it[k], sizeof(a->it[k])) != 0)
			return 0;
	return 1;
}

/* The parse as sq_addr_parse() makes it, from a scan: key or "!why". */
static void
outcome(const char *scanwhy, struct scan *sc, char *out, size_t sz)
{
	struct sq_addr a;
	const char *why = scanwhy;

	memset(&a, 0, sizeof(a));
	if (why == NULL)
		why = sq_addr_resolve(sc, &a);
	if (why != NULL)
		snprintf(out, sz, "!%s", why);
	else {
		char key[SQ_ADDR_KEYMAX];

		sq_addr_key(&a, key, sizeof(key));
		snprintf(out, sz, "%s|%s|%s|%s|%s|%s", key, a.zone, a.lane,
		    a.building, a.unit, a.room);
	}
}

static void
show(const char *what, const char *s, size_t len)
{
	fprintf(stderr, "FAIL %s: \"", what);
	for (size_t i = 0; i < len; i++)
		fprintf(stderr, (unsigned char)s[i] < 0x20 ? "\\x%02x" : "%c",
		    (unsigned char)s[i]);
	fprintf(stderr, "\"\n");
}

/* One cell through both lexers, alone and after a column "12号楼". */
static void
both(const char *s, size_t len)
{
	struct scan full, fast;
	const char *fw, *pw;
	char want[256], got[256];
	struct sq_addr a;

	tried++;
	scan_init(&full);
	fw = sq_addr_scan_full(s, len, &full);
	scan_init(&fast);
	if (sq_addr_scan_fast(s, len, &fast)) {
		taken++;
		if (!CHECK(fw == NULL && same_scan(&full, &fast))) {
			show("fast items differ", s, len);
			mismatched++;
			return;
		}
	} else if (!CHECK(fast.n == 0 && fast.word == NULL &&
	    !fast.longnum && !fast.overflow)) {
		show("fast path left items behind", s, len);
		return;
	}
	outcome(fw, &full, want, sizeof(want));
	if (sq_addr_parse(s, len, &a, &pw) == 0) {
		char key[SQ_ADDR_KEYMAX];

		sq_addr_key(&a, key, sizeof(key));
		snprintf(got, sizeof(got), "%s|%s|%s|%s|%s|%s", key, a.zone,
		    a.lane, a.building, a.unit, a.room);
	} else
		snprintf(got, sizeof(got), "!%s", pw);
	if (!CHECK(strcmp(want, got) == 0)) {
		show("sq_addr_parse differs from the full lexer", s, len);
		fprintf(stderr, "  full %s\n  got  %s\n", want, got);
		mismatched++;
	}
	/* a second cell of one address: prev_end starts again, items add */
	scan_init(&full);
	scan_init(&fast);
	sq_addr_scan_full("12号楼", strlen("12号楼"), &full);
	sq_addr_scan_full("12号楼", strlen("12号楼"), &fast);
	fw = sq_addr_scan_full(s, len, &full);
	if (sq_addr_scan_fast(s, len, &fast) && !CHECK(fw == NULL &&
	    same_scan(&full, &fast))) {
		show("fast items differ after a column", s, len);
		mismatched++;
	}
}

/* ---- generated addresses ------------------------------------------- */

static const char *const roads[] = { "", "", "", "长乐路", "山阴路",
	"四川北路", "淮海中路", "建国西路", "XX路", "松鹤小区270村",
	"上海市静安区", "浦东新区张江镇", "阳光花园", "五角场", "三门路",
	"八号桥", "七宝镇", "龍華路" };
static const char *const bmark[] = { "号楼", "栋", "幢", "座", "号", "#",
	"號樓", "棟", "樓", "楼", "-", "", " ", "号 楼", " 号楼", "号院",
	"弄", "号门", "区", "期", "组", "單元" };
static const char *const umark[] = { "单元", "門", "门", "單元", "号门",
	"-", "", " ", "/", ".", "—", "－", "、", "　", "单", "元" };
static const char *const rmark[] = { "室", "", "号", "房", "号房", "号室",
	"户", "房间", "楼", "层", "F", "f", "-1", "-12", "室-1", "-1室",
	"号-2", "A", "B室", " 楼下", " 门口", "厅", "人", "号线", "月",
	"（租户）", "(东)", "【西】", " 前楼", "亭子间", "三层阁", "底楼" };
static const char *const seps[] = { "", "", "", "-", " ", "/", ".", ",",
	"_", "--", " - ", "　", "，", "\t" };
static const char *const words[] = { "前楼", "后楼", "亭子间", "灶披间",
	"前厢房", "厢房", "客堂间", "客堂", "三层阁", "二层阁", "阁楼", "晒台",
	"前间", "后间", "底楼", "（租户）", "[2]", "《一》", "二楼", "2楼",
	"5F", "Room 502", "Bldg 3", "Unit 2", "No.5", "Blk A", "Lane 8",
	"Floor 3", "2人", "3室2厅", "两室一厅", "4月1日", "138-0013-8000",
	"13800138000", "+86 138 0013 8000", "021-64381234", "A座", "B区",
	"二期", "3号线", "十二号楼", "五〇二室", "三单元", "一百零一", "支弄",
	"1支弄", "号", "楼", "室", "门", "层", "區", "組", "號" };
static const char *const cn[] = { "〇", "一", "二", "三", "四", "五", "六",
	"七", "八", "九", "十", "百", "两", "零", "幺", "千" };
static const char *const fw[] = { "０", "１", "２", "３", "４", "５", "６",
	"７", "８", "９" };

struct gen {
	char	 s[600];
	size_t	 n;
};

static void
add(struct gen *g, const char *t)
{
	size_t l = strlen(t);

	if (g->n + l < sizeof(g->s))
		memcpy(g->s + g->n, t, l), g->n += l;
}

static void
num(struct gen *g, unsigned maxdig)
{
	char b[16];
	unsigned d = 1 + rnd(maxdig), k;

	for (k = 0; k < d; k++)
		b[k] = (char)('0' + (k == 0 && rnd(5) != 0 ? 1 + rnd(9) :
		    rnd(10)));
	b[d] = '\0';
	add(g, b);
}

/* A number as people type one: digits, now and then a letter or a numeral */
static void
anynum(struct gen *g, unsigned maxdig)
{
	switch (rnd(12)) {
	case 0:
		add(g, PICK(cn));
		if (rnd(2))
			add(g, PICK(cn));
		break;
	case 1:
		add(g, rnd(2) ? "A" : "b");
		num(g, maxdig);
		break;
	case 2:
		num(g, maxdig);
		add(g, rnd(2) ? "A" : "c");
		break;
	case 3:
		add(g, rnd(2) ? "0" : "00");
		num(g, maxdig);
		break;
	default:
		num(g, maxdig);
	}
}

/* A whole address of the shapes typed: lane?, building, unit?, room */
static void
address(struct gen *g)
{
	g->n = 0;
	if (rnd(3) == 0)
		add(g, PICK(roads));
	if (rnd(4) == 0) {
		num(g, 4);
		add(g, rnd(3) ? "弄" : PICK(bmark));
		add(g, PICK(seps));
	}
	if (rnd(9) == 0) {
		num(g, 2);
		add(g, rnd(2) ? "期" : "区");
	}
	anynum(g, rnd(8) == 0 ? 7 : 3);
	add(g, PICK(bmark));
	if (rnd(3))
		add(g, PICK(seps));
	if (rnd(2)) {
		anynum(g, rnd(10) == 0 ? 3 : 1);
		add(g, PICK(umark));
	}
	if (rnd(6) == 0) {
		num(g, 2);
		add(g, rnd(2) ? "楼" : "层");
	}
	if (rnd(10)) {
		anynum(g, 4);
		add(g, PICK(rmark));
	}
	if (rnd(5) == 0) {
		add(g, PICK(seps));
		add(g, PICK(words));
	}
}

/* A code point boundary at or before i. */
static size_t
cut(const struct gen *g, size_t i)
{
	while (i > 0 && i < g->n && ((unsigned char)g->s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static void
insert(struct gen *g, size_t at, const char *t)
{
	size_t l = strlen(t);

	if (g->n + l >= sizeof(g->s))
		return;
	memmove(g->s + at + l, g->s + at, g->n - at);
	memcpy(g->s + at, t, l);
	g->n += l;
}

/* One digit, picked at random, written as as[digit] instead. */
static void
respell_digit(struct gen *g, const char *const as[10])
{
	for (size_t e = 0; e < g->n; e++)
		if (g->s[e] >= '0' && g->s[e] <= '9' && rnd(3) == 0) {
			char d = g->s[e];

			memmove(g->s + e, g->s + e + 1, g->n - e - 1);
			g->n--;
			insert(g, e, as[d - '0']);
			return;
		}
}

static void
mutate(struct gen *g)
{
	size_t at = g->n ? cut(g, rnd((unsigned)g->n + 1)) : 0, e;
	static const char *const odd[] = { " ", "　", "\t", "-", "—", "#",
		"A", "z", "(", ")", "（", "）", "【", "]", "号", "楼", "室",
		"单元", "门", "弄", "前", "后", "三", "十", "零", "两", "厅",
		"路", "线", "人", "栋", "棟", "樓", "號", "門", "層", "區", "组",
		"\xc2\xa0", "\xe2\x80\x94", "\xef\xbc\x8d", "\xe3\x80\x81",
		"\xe4\xb8", "\xff", "\x80", "\xed\xa0\x80", "\xf0\x9f\x98\x80",
		"·", "×", "é", "Room", "rm", "No.", "F", "f", "0", "00",
		"1234567", "13800138000", ",", ".", "/", "_", ":", "~", "~~" };

	switch (rnd(9)) {
	case 0:			/* a digit full-width */
		respell_digit(g, fw);
		break;
	case 1:			/* a digit as a Chinese numeral */
		respell_digit(g, cn);
		break;
	case 2:			/* a character dropped */
		if (g->n > 0) {
			e = at;
			do
				e++;
			while (e < g->n && ((unsigned char)g->s[e] & 0xC0) ==
			    0x80);
			if (e <= g->n) {
				memmove(g->s + at, g->s + e, g->n - e);
				g->n -= e - at;
			}
		}
		break;
	case 3:			/* white space at an end */
		if (rnd(2))
			insert(g, 0, rnd(2) ? " " : "　");
		else
			insert(g, g->n, rnd(2) ? " " : "\t");
		break;
	case 4:			/* a byte cut: broken UTF-8 */
		if (g->n > 0)
			g->n = rnd((unsigned)g->n) + 1;
		break;
	default:		/* something odd put in */
		insert(g, at, PICK(odd));
	}
}

static void
generated(void)
{
	struct gen g;
	int k, m;

	for (k = 0; k < 150000; k++) {
		address(&g);
		both(g.s, g.n);
		for (m = rnd(4); m > 0; m--)
			mutate(&g);
		both(g.s, g.n);
	}
	/* the columns of a roster, one cell each */
	static const char *const cols[] = { "12", "12号楼", "12栋", "十二号楼",
		"１２", "A座", "长乐路662弄3号", "546弄15号", "520弄1", "1",
		"1单元", "一单元", "0504", "504", "502室", "2单元502", "2-502",
		"502-1", "后楼", "2F", "2楼", "21幢", "1-602-2", "2单元2402号",
		"", " ", "-", "—", "12 ", " 12" };
	for (k = 0; k < (int)(sizeof(cols) / sizeof(cols[0])); k++)
		both(cols[k], strlen(cols[k]));
}

/* ---- every cell of the test corpora -------------------------------- */

static void
cells_of(const char *buf, size_t n)
{
	size_t s = 0, i;

	for (i = 0; i <= n; i++)
		if (i == n || buf[i] == '\n' || buf[i] == ',' ||
		    buf[i] == '\t' || buf[i] == '"' || buf[i] == '\0') {
			if (i > s && i - s < 600)
				both(buf + s, i - s);
			s = i + 1;
		}
}

static void
walk(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(path);
		else if (S_ISREG(st.st_mode) && st.st_size < (1 << 20)) {
			FILE *f = fopen(path, "rb");
			static char buf[1 << 20];
			size_t n;

			if (f == NULL)
				continue;
			n = fread(buf, 1, sizeof(buf), f);
			fclose(f);
			cells_of(buf, n);
		}
	}
	closedir(d);
}

int
main(void)
{
	long before;

	generated();
	printf("generated: %ld cells, the fast path took %ld (%.1f%%)\n",
	    tried, taken, 100.0 * (double)taken / (double)tried);
	before = tried;
	tried = taken = 0;
	walk("tests/cases");
	walk("tests/data");
	printf("tests/cases, tests/data: %ld cells, the fast path took %ld"
	    " (%.1f%%)\n", tried, taken,
	    tried ? 100.0 * (double)taken / (double)tried : 0.0);
	CHECK(before > 0 && tried > 1000);	/* the corpora were found */
	CHECK(mismatched == 0);
	UNIT_DONE();
}
