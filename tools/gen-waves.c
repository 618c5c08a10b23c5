/*
 * gen-waves — a made-up community on a testing day, with the truth known:
 * the households table, the site plan and testing points, the door and
 * closed lists, the sampling logs of every point typed as people type them,
 * and who was really missed.  For sq-waves' property check and benchmark.
 *
 * One seed, one PRNG of our own (splitmix64), so the same options give the
 * same bytes everywhere; its seed is not gen-community's and its shapes are
 * its own: buildings of 1 to 6 units and 3 to 33 floors with 1 to 8 flats
 * a floor, households of 0 to 8 people (some without a count), flats left
 * empty.  Draw at most once a statement: C leaves the order of a call's
 * arguments open.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "address.h"
#include "diag.h"
#include "opts.h"
#include "value.h"

static const char synopsis[] = "gen-waves [options] -o DIR";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Write a community's testing day into DIR: households.csv (the table of\n"
"sq-ingest), sites.csv, points.csv, door.csv, closed.csv, the sampling logs\n"
"log-*.csv (one per point and one of the door teams, in mixed address\n"
"forms and column layouts (the unit left out in one-unit buildings), with\n"
"repeats, rows of the day before and\n"
"addresses not in the roster), and the truth: truth-missed.csv (hh,status\n"
"of every household missed or partly sampled) and truth-unknown.csv (the\n"
"log rows from addresses not in the roster).\n\n"
"options:\n"
"  -n, --households N   households (default 3000)\n"
"  -c, --communities N  communities (default 1; more: logs name them)\n"
"  -s, --seed S         seed (default 1)\n"
"  -d, --date DATE      the testing day (default 2022-04-10)\n"
"  -o, --out DIR        write into DIR (created if missing)\n"
"  -h, --help           this text\n"
"  -V, --version        the version\n"
"\nexamples:\n"
"  gen-waves -n 3000 -s 7 -o /tmp/w3k\n"
"  gen-waves -n 30000 -c 3 -s 11 -o /tmp/w30k\n", synopsis);
}

/* ---- random numbers --------------------------------------------------- */

static uint64_t rng;

static uint64_t
next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static int
below(int n)
{
	return (int)((next() >> 33) % (uint64_t)n);
}

static int
chance(double p)
{
	return (double)(next() >> 11) * 0x1.0p-53 < p;
}

/* ---- the community ----------------------------------------------------- */

struct building {
	int	 community, num, units, floors, flats;
	double	 x, y;
	int	 closed, grid;
};

struct household {
	int	 b, unit, floor, flat;
	int	 members;	/* real people */
	int	 shown;		/* in the roster: -1 empty, else the count */
	int	 door;		/* 1 flag, 2 on the door list */
	int	 disabled, bedridden, elderly;
	int	 sampled;	/* people sampled (truth) */
	char	 key[SQ_ADDR_KEYMAX];
	char	 first[4][8];	/* given names of the people */
	int	 surname;
	int	 fake;		/* a visitor's address, not in the roster */
};

static const char *const community_names[] = {
	"晴川小区", "梧桐苑", "东湖新村", "锦绣花园", "长青里", "望江名邸",
};
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
	"杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华",
	"建国", "玉兰", "志强", "海燕", "子涵", "雨桐", "浩然", "欣怡",
};
static const char *const grids[] = {
	"沈玉梅", "陆建华", "韩晓东", "唐丽君", "冯志刚", "曹雪琴", "彭国强",
	"邓佳慧", "许文斌", "傅春燕",
};
static const char *const cn_digit[] = {
	"零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
};

struct gen {
	struct building *b;
	int	 nb;
	struct household *h;
	int	 nh;
	int	 ncomm, npt;
	double	 px[64], py[64];
	char	 date[11], yesterday[11];
	const char *dir;
};

static FILE *
open_out(const struct gen *g, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", g->dir, name);
	if ((f = fopen(path, "w")) == NULL)
		sq_fatal("%s: %s", path, strerror(errno));
	return f;
}

static void
close_out(FILE *f)
{
	if (fflush(f) != 0 || ferror(f) || fclose(f) != 0)
		sq_fatal("write error: %s", strerror(errno));
}

static void
make_community(struct gen *g, int n)
{
	int cap = 64, ch = n + 64;

	g->b = sq_xcalloc((size_t)cap, sizeof(*g->b));
	g->h = sq_xcalloc((size_t)ch, sizeof(*g->h));
	/* buildings until there are n households, spread over communities */
	for (int c = 0; c < g->ncomm; c++) {
		int goal = n / g->ncomm + (c < n % g->ncomm), got = 0, num = 0;
		double ox = (double)c * 1500;
		while (got < goal) {
			if (g->nb == cap) {
				cap *= 2;
				g->b = sq_xrealloc(g->b, (size_t)cap * sizeof(*g->b));
			}
			struct building *b = &g->b[g->nb];
			memset(b, 0, sizeof(*b));
			b->community = c;
			b->num = ++num;
			b->units = 1 + below(4) + (chance(0.1) ? 2 : 0);
			static const int floors[] = { 3, 6, 7, 11, 18, 26, 33 };
			b->floors = floors[below(7)];
			b->flats = 1 + below(b->floors > 11 ? 4 : 8);
			b->x = ox + (num - 1) % 8 * 60 + below(20);
			b->y = (num - 1) / 8 * 45.0 + below(15);
			b->grid = (num - 1) / 6 % 10;
			for (int u = 1; u <= b->units && got < goal; u++)
				for (int f = 1; f <= b->floors && got < goal; f++)
					for (int k = 1; k <= b->flats && got < goal; k++) {
						if (chance(0.15))
							continue;	/* empty */
						if (g->nh == ch) {
							ch *= 2;
							g->h = sq_xrealloc(g->h, (size_t)ch *
							    sizeof(*g->h));
						}
						struct household *h = &g->h[g->nh++];
						memset(h, 0, sizeof(*h));
						h->b = g->nb;
						h->unit = u;
						h->floor = f;
						h->flat = k;
						got++;
					}
			g->nb++;
		}
	}
	/* testing points: one for about 1,500 households */
	g->npt = n / 1500 + 1;
	if (g->npt > 64)
		g->npt = 64;
	for (int p = 0; p < g->npt; p++) {
		const struct building *b = &g->b[(p * 2 + 1) * g->nb / (2 * g->npt)];
		g->px[p] = b->x + 25;
		g->py[p] = b->y - 20;
	}
}

static void
make_people(struct gen *g)
{
	static const int members[] = { 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8 };

	for (int i = 0; i < g->nh; i++) {
		struct household *h = &g->h[i];
		const struct building *b = &g->b[h->b];
		struct sq_addr a;
		memset(&a, 0, sizeof(a));
		snprintf(a.building, sizeof(a.building), "%d", b->num);
		snprintf(a.unit, sizeof(a.unit), "%d", h->unit);
		snprintf(a.room, sizeof(a.room), "%d%02d", h->floor, h->flat);
		const char *cn = community_names[b->community];
		sq_addr_key_community(cn, strlen(cn), &a, h->key, sizeof(h->key));
		h->members = members[below(14)];
		if (chance(0.004))
			h->members = 0;	/* nobody lives there now */
		h->shown = chance(0.02) ? -1 : h->members;
		h->surname = below(24);
		/* distinct given names: an odd step through 32 never repeats */
		int g0 = below(32), step = 1 + 2 * below(16);
		for (int k = 0; k < 4; k++)
			snprintf(h->first[k], sizeof(h->first[k]), "%s",
			    given[(g0 + k * step) % 32]);
		h->disabled = chance(0.02);
		h->bedridden = chance(0.006);
		h->elderly = chance(0.03);
		h->door = (h->disabled || h->bedridden) ? 1 : 0;
	}
	/* a few more on the door list; one or two buildings closed */
	for (int k = 0; k < g->nh / 400 + 1; k++)
		g->h[below(g->nh)].door |= 2;
	int closed = 1 + (g->nb > 20);
	for (int k = 0; k < closed; k++)
		g->b[below(g->nb)].closed = 1;
}

/* The name of person k of household h (k beyond 4: numbered). */
static void
person(const struct household *h, int k, char *out, size_t sz)
{
	if (k < 4)
		snprintf(out, sz, "%s%s", surnames[h->surname], h->first[k]);
	else
		snprintf(out, sz, "%s%s%d", surnames[h->surname], h->first[0], k);
}

static void
write_roster(const struct gen *g)
{
	FILE *f = open_out(g, "households.csv");

	fputs("hh,community,building,unit,room,name,phone,members,elderly_alone,"
	    "chronic,disabled,pregnant,infant,grid,bedridden\n", f);
	for (int i = 0; i < g->nh; i++) {
		const struct household *h = &g->h[i];
		const struct building *b = &g->b[h->b];
		char name[32], members[16] = "";
		person(h, 0, name, sizeof(name));
		if (h->shown >= 0)
			snprintf(members, sizeof(members), "%d", h->shown);
		fprintf(f, "%s,%s,%d,%d,%d%02d,%s,139%08d,%s,%s,false,%s,false,"
		    "false,%s,%s\n", h->key, community_names[b->community],
		    b->num, h->unit, h->floor, h->flat, name, i, members,
		    h->elderly ? "true" : "false", h->disabled ? "true" :
		    "false", grids[b->grid], h->bedridden ? "true" : "");
	}
	close_out(f);

	f = open_out(g, "sites.csv");
	fputs("site,kind,community,x,y\n", f);
	for (int i = 0; i < g->nb; i++) {
		const struct building *b = &g->b[i];
		/* the plan names buildings as people do */
		static const char *const fmt[] = { "%d", "%d号楼", "%d栋" };
		char name[32];
		snprintf(name, sizeof(name), fmt[i % 3], b->num);
		fprintf(f, "%s,building,%s,%.0f,%.0f\n", name,
		    g->ncomm > 1 ? community_names[b->community] : "", b->x, b->y);
	}
	fprintf(f, "大门,gate,,%.0f,%.0f\n", g->b[0].x - 40, g->b[0].y - 40);
	close_out(f);

	f = open_out(g, "points.csv");
	fputs("point,x,y,desks,rate\n", f);
	for (int p = 0; p < g->npt; p++)
		fprintf(f, "%d号采样点,%.0f,%.0f,%d,%d\n", p + 1, g->px[p],
		    g->py[p], 3 + p % 4, 120 + 15 * (p % 5));
	close_out(f);

	f = open_out(g, "door.csv");
	fputs("户号,备注\n", f);
	for (int i = 0; i < g->nh; i++)
		if (g->h[i].door & 2)
			fprintf(f, "%s,行动不便\n", g->h[i].key);
	close_out(f);

	f = open_out(g, "closed.csv");
	fputs("楼号,小区,说明\n", f);
	for (int i = 0; i < g->nb; i++)
		if (g->b[i].closed)
			fprintf(f, "%d号楼,%s,封控\n", g->b[i].num,
			    community_names[g->b[i].community]);
	close_out(f);
}

/* ---- the logs ---------------------------------------------------------- */

/* The address as someone at a desk typed it: one of many forms. */
static void
typed(const struct gen *g, const struct household *h, int fake, char *out,
    size_t sz)
{
	const struct building *b = &g->b[h->b];
	int n = b->num, u = h->unit, r = h->floor * 100 + h->flat;
	char fw[64];

	/* a one-unit building: the unit is often left out (the resolver's) */
	if (b->units == 1 && !fake && below(3) == 0) {
		if (below(2))
			snprintf(out, sz, "%d-%d", n, r);
		else
			snprintf(out, sz, "%d号楼%d室", n, r);
		return;
	}
	switch (below(11)) {
	case 0: snprintf(out, sz, "%d-%d-%d", n, u, r); break;
	case 1: snprintf(out, sz, "%d号楼%d单元%d室", n, u, r); break;
	case 2: snprintf(out, sz, "%d栋%d单元%d", n, u, r); break;
	case 3: {	/* full width */
		char a[32];
		size_t o = 0;
		snprintf(a, sizeof(a), "%d-%d-%d", n, u, r);
		for (const char *p = a; *p && o + 4 < sizeof(fw); p++) {
			unsigned c = *p == '-' ? 0xFF0D : 0xFF10 + (unsigned)(*p - '0');
			fw[o++] = (char)(0xE0 | c >> 12);
			fw[o++] = (char)(0x80 | (c >> 6 & 0x3F));
			fw[o++] = (char)(0x80 | (c & 0x3F));
		}
		fw[o] = '\0';
		snprintf(out, sz, "%s", fw);
		break;
	}
	case 4: snprintf(out, sz, "%s%d号楼%d单元%d", community_names[b->community],
	    n, u, r); break;
	case 5: snprintf(out, sz, "%d幢%d单元%d室", n, u, r); break;
	case 6: snprintf(out, sz, "%d#%d-%d", n, u, r); break;
	case 7: snprintf(out, sz, "%d 号楼 %d 单元 %d", n, u, r); break;
	case 8: snprintf(out, sz, "%d号楼%s单元%d室", n, u < 10 ? cn_digit[u] :
	    "十", r); break;
	case 9: snprintf(out, sz, "%d-%d-%d室", n, u, r); break;
	default: snprintf(out, sz, "%d栋%d-%d", n, u, r); break;
	}
}

enum { L_PLAIN, L_PARTS, L_DOOR };

struct log {
	FILE	*f;
	int	 layout, rows;
	char	 name[32];
};

static void
log_row(const struct gen *g, struct log *l, const struct household *h,
    const char *name, const char *day, int minute, int point)
{
	const struct building *b = &g->b[h->b];
	char addr[128];
	int hh = minute / 60 % 24, mm = minute % 60;
	const char *cm = community_names[b->community];

	l->rows++;
	switch (l->layout) {
	case L_PLAIN:
		typed(g, h, h->fake, addr, sizeof(addr));
		if (g->ncomm > 1)
			fprintf(l->f, "%s %02d:%02d:%02d,%s,%s,%s,%d号采样点\n", day,
			    hh, mm, below(60), name, cm, addr, point + 1);
		else
			fprintf(l->f, "%s %02d:%02d:%02d,%s,%s,%d号采样点\n", day,
			    hh, mm, below(60), name, addr, point + 1);
		break;
	case L_PARTS: {
		/* 2022/4/10 7:05, split columns, the room with or without 室 */
		int y, mo, d;
		sscanf(day, "%d-%d-%d", &y, &mo, &d);
		int room = h->floor * 100 + h->flat;
		if (g->ncomm > 1)
			fprintf(l->f, "%d/%d/%d %d:%02d,%s,%s,%d%s,%d,%d%s\n", y, mo,
			    d, hh, mm, name, cm, b->num, chance(0.5) ? "号楼" : "",
			    h->unit, room, chance(0.3) ? "室" : "");
		else
			fprintf(l->f, "%d/%d/%d %d:%02d,%s,%d%s,%d,%d%s\n", y, mo, d,
			    hh, mm, name, b->num, chance(0.5) ? "号楼" : "",
			    h->unit, room, chance(0.3) ? "室" : "");
		break;
	}
	default:
		typed(g, h, h->fake, addr, sizeof(addr));
		if (g->ncomm > 1)
			fprintf(l->f, "%s,%d:%02d,%s,%s,%s,上门\n", day, hh, mm,
			    name, cm, addr);
		else
			fprintf(l->f, "%s,%d:%02d,%s,%s,上门\n", day, hh, mm, name,
			    addr);
	}
}

static int
nearest_point(const struct gen *g, const struct building *b)
{
	int best = 0;
	double bd = 1e300;

	for (int p = 0; p < g->npt; p++) {
		double dx = b->x - g->px[p], dy = b->y - g->py[p];
		if (dx * dx + dy * dy < bd) {
			bd = dx * dx + dy * dy;
			best = p;
		}
	}
	return best;
}

static void
write_logs(struct gen *g)
{
	struct log *lg = sq_xcalloc((size_t)g->npt + 1, sizeof(*lg));
	char name[64];

	for (int p = 0; p <= g->npt; p++) {
		struct log *l = &lg[p];
		l->layout = p == g->npt ? L_DOOR : p % 3 == 1 ? L_PARTS : L_PLAIN;
		if (p == g->npt)
			snprintf(l->name, sizeof(l->name), "log-door.csv");
		else
			snprintf(l->name, sizeof(l->name), "log-%02d.csv", p + 1);
		l->f = open_out(g, l->name);
		const char *c = g->ncomm > 1 ? "小区," : "";
		if (l->layout == L_PLAIN)
			fprintf(l->f, "采样时间,姓名,%s地址,采样点\n", c);
		else if (l->layout == L_PARTS)
			fprintf(l->f, "时间,被采样人,%s楼号,单元,房号\n", c);
		else
			fprintf(l->f, "采样日期,采样时间,姓名,%s住址,备注\n", c);
	}
	FILE *tm = open_out(g, "truth-missed.csv");
	fputs("hh,status\n", tm);
	for (int i = 0; i < g->nh; i++) {
		struct household *h = &g->h[i];
		const struct building *b = &g->b[h->b];
		int door = h->door || b->closed;
		int p = nearest_point(g, b);
		struct log *l = door ? &lg[g->npt] : &lg[p];
		/* as many as the roster says, when it says */
		int want = h->shown >= 0 ? h->shown : 1;
		int real = h->members;
		int n = real;
		if (want == 0)
			continue;	/* not called, not missed */
		double miss = door ? 0.08 : 0.03;
		if (chance(miss))
			n = 0;
		else if (real >= 2 && chance(0.05))
			n = real - 1 - below(real - 1);	/* someone stayed in */
		for (int k = 0; k < n; k++) {
			person(h, k, name, sizeof(name));
			int minute = 7 * 60 + below(300);
			log_row(g, l, h, name, g->date, minute, p);
			if (chance(0.01)) {	/* sampled again elsewhere */
				int q = below(g->npt + 1);
				log_row(g, &lg[q], h, name, g->date, minute + 30,
				    q == g->npt ? p : q);
			}
		}
		h->sampled = n;
		int shown = h->shown >= 0 ? h->shown : 1;
		if (n == 0)
			fprintf(tm, "%s,missed\n", h->key);
		else if (n < shown)
			fprintf(tm, "%s,partial\n", h->key);
		/* yesterday's rows in today's export: not today's samples */
		if (chance(0.01)) {
			person(h, 0, name, sizeof(name));
			log_row(g, l, h, name, g->yesterday, 9 * 60, p);
		}
	}
	close_out(tm);
	/* rows from addresses not in the roster */
	FILE *tu = open_out(g, "truth-unknown.csv");
	fputs("log,name\n", tu);
	int nu = g->nh / 500 + 3;
	for (int k = 0; k < nu; k++) {
		struct household fake = g->h[below(g->nh)];
		struct log *l = &lg[below(g->npt + 1)];
		snprintf(name, sizeof(name), "访客%d", k + 1);
		switch (k % 3) {
		case 0:		/* a floor the building does not have */
			fake.floor = g->b[fake.b].floors + 1 + below(5);
			break;
		case 1:		/* a flat number too high */
			fake.flat = g->b[fake.b].flats + 1;
			break;
		default:	/* a unit the building does not have */
			fake.unit = g->b[fake.b].units + 1;
		}
		fake.fake = 1;	/* every part typed: none may be implied */
		log_row(g, l, &fake, name, g->date, 8 * 60 + k % 200, 0);
		fprintf(tu, "%s,%s\n", l->name, name);
	}
	close_out(tu);
	for (int p = 0; p <= g->npt; p++)
		close_out(lg[p].f);
	free(lg);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "households",  required_argument, NULL, 'n' },
		{ "communities", required_argument, NULL, 'c' },
		{ "seed",        required_argument, NULL, 's' },
		{ "date",        required_argument, NULL, 'd' },
		{ "out",         required_argument, NULL, 'o' },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct gen g;
	long n = 3000, seed = 1;
	const char *why;
	int ch;

	sq_start(argc, argv);
	memset(&g, 0, sizeof(g));
	g.ncomm = 1;
	snprintf(g.date, sizeof(g.date), "2022-04-10");
	while ((ch = getopt_long(argc, argv, "n:c:s:d:o:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'n':
			n = sq_opt_long(optarg, 1, 10000000, "--households",
			    synopsis);
			break;
		case 'c':
			g.ncomm = (int)sq_opt_long(optarg, 1, 6, "--communities",
			    synopsis);
			break;
		case 's':
			seed = sq_opt_long(optarg, 0, LONG_MAX, "--seed", synopsis);
			break;
		case 'd':
			if (sq_date_parse(optarg, strlen(optarg), 0, g.date,
			    &why) != 0)
				sq_usage_error(synopsis, "--date '%s': %s",
				    optarg, why);
			break;
		case 'o': g.dir = optarg; break;
		case 'h': usage(); return 0;
		case 'V': sq_print_version(); return 0;
		default: sq_usage_error(synopsis, "unknown option");
		}
	}
	if (g.dir == NULL || optind != argc)
		sq_usage_error(synopsis, "give the folder to write with -o");
	if (mkdir(g.dir, 0777) < 0 && errno != EEXIST)
		sq_fatal("%s: %s", g.dir, strerror(errno));
	sq_date_from_days(sq_date_days(g.date) - 1, g.yesterday);
	/* not gen-community's stream: another constant in the seed */
	rng = (uint64_t)seed * 0x2545f4914f6cdd1du ^ 0x57415645u;
	make_community(&g, (int)n);
	make_people(&g);
	write_roster(&g);
	write_logs(&g);
	free(g.b);
	free(g.h);
	return 0;
}
