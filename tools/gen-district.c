/*
 * gen-district — a district of communities, its rosters in three layouts
 * and a day of check-ins typed the way residents type them, with the truth
 * beside every row: which household each check-in belongs to, who is
 * silent, who has a fever.  Written for the identity tests of issue 14, on
 * purpose apart from gen-community: its own random stream (PCG32), its own
 * building shapes, its own idea of what an export looks like.
 *
 * Shapes: walk-ups (5-7 floors, 2-4 units, 2-3 flats a floor, some flats
 * let room by room: 502-1), high-rises (11-33 floors, 2-3 units), point
 * towers (one unit, 4-8 flats a floor), towers in a lane compound
 * (88弄3号1201室) and lane houses (长乐路123弄5号, whole or split into
 * 前楼, 亭子间, 2楼 ...).  Households take a random 85% of the flats.
 *
 * Rosters (the same households, the same 档案号, rows in another order):
 *   roster-split.csv  小区 + 楼栋 + 单元 + 房号 (楼栋 written 12, 12号楼,
 *                     12栋, 12幢, 十二号楼, １２; 单元 1, 1单元, 一单元, or
 *                     empty in a one-unit building; 房号 502, 502室, 0502)
 *   roster-door.csv   小区 + 楼栋 + 门牌 ("2单元502", "2-502", "502室")
 *   roster-addr.csv   小区 + one 地址 column, every form below
 * Check-ins (checkins.csv): 小区, an address in one of some twenty forms
 * (12-502 in a point tower, 12号楼502室, 12-1-502, 12号楼2单元5楼2室,
 * 12-2-0502, 12号2单元502, ...), name, temperature, symptoms, time.
 * Truth: truth-households.csv (档案号, status sq-flag must give: fever,
 * symptoms, ok, unreported) and truth-checkins.csv (line of each check-in,
 * its 档案号 or empty for a flat not in the roster, its kind, the shape of
 * its building, the form of the household's address in roster-addr.csv
 * and the form of the check-in's).  Communities take the five kinds in
 * turn, and the forms are dealt in turn: with five communities of a few
 * thousand households, every shape meets every pair of forms.
 *
 * The same options give the same bytes on every machine.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char synopsis[] =
    "gen-district [-n households] [-c communities] [-s seed] [-u share] "
    "[-a share] -o dir";

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: %s\n\n"
"Write a made-up district into DIR: three rosters of the same households\n"
"(split columns, building + door, one address column), a day of check-ins\n"
"in the address forms residents type, and the truth of every row.\n\n"
"  -n, --households N   about N households (default 3000)\n"
"  -c, --communities N  communities (default: one per 1500 households)\n"
"  -s, --seed S         seed (default 1)\n"
"  -u, --unknown X      share of check-ins from flats not in the roster\n"
"                       (default 0.01)\n"
"  -a, --ambiguous X    share of check-ins that leave the unit out in a\n"
"                       building with several (default 0)\n"
"  -k, --keys           also write checkins-keyed.csv: each check-in with\n"
"                       its 档案号, for benchmarks of a join on given keys\n"
"  -o, --out DIR        output directory (made if missing)\n"
"  -h, --help           this text\n\n"
"examples:\n"
"  gen-district -n 20000 -s 7 -o /tmp/d7\n"
"  gen-district -n 1000000 -u 0.1 -k -o bench/out/district\n", synopsis);
}

/* ---- PCG32 (O'Neill 2014): small, fast, the same everywhere ----------- */

struct rng {
	uint64_t state, inc;
};

static uint32_t
next32(struct rng *r)
{
	uint64_t old = r->state;
	uint32_t x, rot;

	r->state = old * UINT64_C(6364136223846793005) + r->inc;
	x = (uint32_t)(((old >> 18) ^ old) >> 27);
	rot = (uint32_t)(old >> 59);
	return (x >> rot) | (x << ((32 - rot) & 31));
}

static void
seed_rng(struct rng *r, uint64_t seed, uint64_t stream)
{
	r->state = 0;
	r->inc = (stream << 1) | 1;
	next32(r);
	r->state += seed;
	next32(r);
}

/* 0 <= result < n */
static unsigned
below(struct rng *r, unsigned n)
{
	return n ? (unsigned)(((uint64_t)next32(r) * n) >> 32) : 0;
}

static double
uniform(struct rng *r)
{
	return next32(r) / 4294967296.0;
}

static int
chance(struct rng *r, double p)
{
	return uniform(r) < p;
}

/* ---- the district ----------------------------------------------------- */

enum shape { WALKUP, HIGHRISE, TOWER, LANETOWER, LANEHOUSE };

struct building {
	enum shape shape;
	int	 no;		/* building or house number */
	int	 lane;		/* 弄, for LANETOWER and LANEHOUSE */
	int	 units, floors, perfloor;
	int	 comm;
	int	 first, count;	/* its households, one after another */
};

struct household {
	int	 b;		/* building */
	int	 unit, floor, flat;	/* unit 1 in one-unit buildings */
	int	 sub;		/* 502-<sub>, 0 if none */
	int	 word;		/* lane-house room: index in roomwords, -1 whole */
	int	 id;		/* 档案号 D<id> */
	int	 rform;		/* the form of its address in roster-addr */
	int	 status;	/* what happened today */
	int	 flagged;	/* the status sq-flag must give */
	char	 name[16];
	char	 phone[32];
};

enum { S_OK, S_FEVER, S_SYMPTOMS, S_SILENT };
static const char *const status_names[] = { "ok", "fever", "symptoms",
	"unreported" };

struct community {
	char	 name[64];
	char	 road[32];
	int	 kind;
	int	 style;		/* how its staff write the building cell */
};

static const char *const roomwords[] = {
	"前楼", "后楼", "亭子间", "客堂间", "灶披间", "三层阁", "2楼", "3楼",
	"底楼", "前厢房",
};
#define NWORDS	(int)(sizeof(roomwords) / sizeof(roomwords[0]))

static const char *const places[] = {
	"阳光", "翠竹", "梅园", "康乐", "长风", "金杨", "曹杨", "田林", "华阳",
	"虹桥", "枫林", "凉城", "彭浦", "江湾", "天山", "古北", "龙华", "宛平",
	"漕河", "兰溪", "桂林", "莲花", "松鹤", "青云", "玉泉", "银杏", "紫薇",
	"丁香", "海棠", "锦绣", "明珠", "安顺", "永和", "福寿", "双桥", "南洋",
};
static const char *const estate_suffix[] = { "新村", "小区", "花园", "苑",
	"公寓", "家园" };
static const char *const lane_suffix[] = { "里", "坊", "邨" };
static const char *const roads[] = { "长乐路", "建国西路", "复兴中路",
	"陕西南路", "山阴路", "四川北路", "武定路", "康定路", "愚园路",
	"新闸路", "延安中路", "淮海中路" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
	"罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "丽",
	"强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
	"霞", "平", "刚", "桂英", "建华", "国庆", "志强", "文", "红", "玉兰" };

struct district {
	struct community *comm;
	int	 ncomm;
	int	 kind0;		/* the first community's kind */
	struct building *bld;
	int	 nbld, capbld;
	struct household *hh;
	int	 nhh, caphh;
};

static void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL) {
		fprintf(stderr, "gen-district: out of memory\n");
		exit(2);
	}
	return q;
}

static struct building *
add_building(struct district *d)
{
	if (d->nbld == d->capbld) {
		d->capbld = d->capbld ? 2 * d->capbld : 256;
		d->bld = xrealloc(d->bld, (size_t)d->capbld * sizeof(*d->bld));
	}
	struct building *b = &d->bld[d->nbld++];
	memset(b, 0, sizeof(*b));
	return b;
}

static struct household *
add_household(struct district *d)
{
	if (d->nhh == d->caphh) {
		d->caphh = d->caphh ? 2 * d->caphh : 4096;
		d->hh = xrealloc(d->hh, (size_t)d->caphh * sizeof(*d->hh));
	}
	struct household *h = &d->hh[d->nhh++];
	memset(h, 0, sizeof(*h));
	h->word = -1;
	return h;
}

/* The flats of one building, each taken with probability occ. */
static void
fill_building(struct district *d, struct rng *r, int bi, double occ)
{
	struct building *b = &d->bld[bi];

	if (b->shape == LANEHOUSE) {
		/* a whole house, or rooms each a household */
		if (chance(r, 0.5)) {
			struct household *h = add_household(d);
			h->b = bi;
			return;
		}
		int n = 2 + (int)below(r, 3), used = 0;
		for (int k = 0; k < n; k++) {
			int w;
			do
				w = (int)below(r, NWORDS);
			while (used >> w & 1);
			used |= 1 << w;
			if (!chance(r, occ + 0.05))
				continue;
			struct household *h = add_household(d);
			h->b = bi;
			h->word = w;
		}
		return;
	}
	for (int u = 1; u <= b->units; u++)
		for (int f = 1; f <= b->floors; f++)
			for (int k = 1; k <= b->perfloor; k++) {
				int subs = b->shape == WALKUP && chance(r, 0.04) ?
				    2 + (int)below(r, 2) : 0;
				for (int s = subs ? 1 : 0; s <= subs; s++) {
					if (!chance(r, occ))
						continue;
					struct household *h = add_household(d);
					h->b = bi;
					h->unit = u;
					h->floor = f;
					h->flat = k;
					h->sub = s;
				}
			}
}

static void
make_community(struct district *d, struct rng *r, int ci, int target)
{
	struct community *c = &d->comm[ci];
	int start = d->nhh;

	/* 0 walk-ups, 1 high, 2 mixed, 3 lane, 4 compound: in turn, so five
	   communities have every shape */
	c->kind = (d->kind0 + ci) % 5;
	c->style = (int)below(r, 6);
	snprintf(c->road, sizeof(c->road), "%s", roads[below(r,
	    sizeof(roads) / sizeof(roads[0]))]);
	const char *place = places[(ci + below(r, 7)) %
	    (sizeof(places) / sizeof(places[0]))];
	if (c->kind == 3)
		snprintf(c->name, sizeof(c->name), "%s%s", place,
		    lane_suffix[below(r, 3)]);
	else
		snprintf(c->name, sizeof(c->name), "%s%s", place,
		    estate_suffix[below(r, 6)]);
	/* the same name twice in a district: a second one gets 二村 */
	for (int k = 0; k < ci; k++)
		if (strcmp(d->comm[k].name, c->name) == 0) {
			size_t l = strlen(c->name);
			snprintf(c->name + l, sizeof(c->name) - l, "%d村", ci);
			k = -1;
		}
	int no = 1, lane = 100 + 2 * (int)below(r, 400);
	while (d->nhh - start < target) {
		struct building *b = add_building(d);
		b->comm = ci;
		int pick = c->kind;
		if (pick == 2)
			pick = chance(r, 0.6) ? 0 : 1;
		switch (pick) {
		case 0:		/* an old estate: walk-ups, a few towers */
			if (chance(r, 0.85)) {
				b->shape = WALKUP;
				b->units = 2 + (int)below(r, 3);
				b->floors = 5 + (int)below(r, 3);
				b->perfloor = 2 + (int)below(r, 2);
			} else {
				b->shape = TOWER;
				b->units = 1;
				b->floors = 12 + (int)below(r, 19);
				b->perfloor = 4 + (int)below(r, 5);
			}
			b->no = no++;
			break;
		case 1:		/* a new estate: high-rises and point towers */
			if (chance(r, 0.55)) {
				b->shape = HIGHRISE;
				b->units = 2 + (int)below(r, 2);
				b->floors = 11 + (int)below(r, 23);
				b->perfloor = 2 + (int)below(r, 3);
			} else {
				b->shape = TOWER;
				b->units = 1;
				b->floors = 18 + (int)below(r, 15);
				b->perfloor = 4 + (int)below(r, 5);
			}
			b->no = no++;
			break;
		case 3:		/* lane houses, a few lanes of 20-60 houses */
			b->shape = LANEHOUSE;
			b->units = 0;
			b->lane = lane;
			b->no = no++;
			if (no > 20 + (int)below(r, 40)) {
				no = 1;
				lane += 2 + 2 * (int)below(r, 10);
			}
			break;
		default:	/* a lane compound of towers: 88弄3号1201室 */
			b->shape = LANETOWER;
			b->units = 1;
			b->lane = lane;
			b->floors = 14 + (int)below(r, 19);
			b->perfloor = 4 + (int)below(r, 4);
			b->no = no++;
			break;
		}
		fill_building(d, r, d->nbld - 1, 0.85);
	}
}

/* ---- writing numbers and addresses ------------------------------------ */

struct out {
	char	 s[256];
	size_t	 n;
};

static void
put(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
put(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int k = vsnprintf(o->s + o->n, sizeof(o->s) - o->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->n += (size_t)k < sizeof(o->s) - o->n ? (size_t)k :
		    sizeof(o->s) - o->n - 1;
}

/* 12 -> 十二, 3 -> 三, 20 -> 二十, 105 -> 一百零五 */
static void
put_cn(struct out *o, int v)
{
	static const char *const dig[] = { "零", "一", "二", "三", "四", "五",
		"六", "七", "八", "九" };

	if (v >= 100) {
		put(o, "%s百", dig[v / 100]);
		v %= 100;
		if (v == 0)
			return;
		if (v < 10) {
			put(o, "零%s", dig[v]);
			return;
		}
		put(o, "%s十", dig[v / 10]);
		if (v % 10)
			put(o, "%s", dig[v % 10]);
		return;
	}
	if (v >= 10) {
		if (v / 10 > 1)
			put(o, "%s", dig[v / 10]);
		put(o, "十");
		if (v % 10)
			put(o, "%s", dig[v % 10]);
		return;
	}
	put(o, "%s", dig[v]);
}

/* digits in full width: １２ */
static void
put_fw(struct out *o, const char *ascii)
{
	for (const char *p = ascii; *p; p++) {
		if (*p >= '0' && *p <= '9')
			put(o, "\xEF\xBC%c", (char)(0x90 + (*p - '0')));
		else if (*p == '-')
			put(o, "－");
		else
			put(o, "%c", *p);
	}
}

static void
room_of(const struct household *h, char *buf, size_t sz)
{
	if (h->sub)
		snprintf(buf, sz, "%d%02d-%d", h->floor, h->flat, h->sub);
	else
		snprintf(buf, sz, "%d%02d", h->floor, h->flat);
}

static int
one_unit(const struct building *b)
{
	return b->units == 1;
}

/*
 * The shapes the truth names (a flat let room by room is a shape of its
 * own: its forms are not a whole flat's), and how many address forms
 * address() has for each, in a roster and in a check-in.
 */
enum { K_WALKUP, K_HIGHRISE, K_TOWER, K_LANETOWER, K_LANEHOUSE, K_SUBLET,
	NKINDS };
static const char *const kind_names[] = { "walkup", "highrise", "tower",
	"lanetower", "lanehouse", "sublet" };
#define MAXFORMS	16

static int one_unit(const struct building *b);

static int
kind_of(const struct district *d, const struct household *h)
{
	if (h->sub)
		return K_SUBLET;
	switch (d->bld[h->b].shape) {
	case WALKUP:	return K_WALKUP;
	case HIGHRISE:	return K_HIGHRISE;
	case TOWER:	return K_TOWER;
	case LANETOWER:	return K_LANETOWER;
	default:	return K_LANEHOUSE;
	}
}

static int
nforms(const struct district *d, const struct household *h, int for_checkin)
{
	const struct building *b = &d->bld[h->b];

	if (b->shape == LANEHOUSE)
		return 5;
	if (b->shape == LANETOWER)
		return for_checkin ? 8 : 5;
	if (one_unit(b))
		return for_checkin ? 13 : 9;
	return for_checkin ? 16 : 11;
}

/*
 * An address as a resident or a clerk types it.  for_checkin: the forms of
 * a phone form (no clerk would write 5楼2室 in a roster, a resident does).
 * omit_unit: leave the unit out (an ambiguous check-in, on purpose).
 * form: which of nforms() forms, or -1 for one at random.  Returns it.
 */
static int
address(const struct district *d, const struct household *h, struct rng *r,
    int for_checkin, int omit_unit, int form, struct out *o)
{
	const struct building *b = &d->bld[h->b];
	const struct community *c = &d->comm[b->comm];
	char room[16];
	int f;

	o->n = 0;
	o->s[0] = '\0';
	room_of(h, room, sizeof(room));
	if (form < 0 || form >= nforms(d, h, for_checkin))
		form = (int)below(r, (unsigned)nforms(d, h, for_checkin));
	if (b->shape == LANEHOUSE) {
		const char *w = h->word >= 0 ? roomwords[h->word] : "";
		switch (form) {
		case 0: put(o, "%s%d弄%d号%s", c->road, b->lane, b->no, w); break;
		case 1: put(o, "%d弄%d号%s", b->lane, b->no, w); break;
		case 2:
			/* "without 号": 123弄5, and a room word after a space */
			put(o, "%d弄%d%s%s", b->lane, b->no, *w ? " " : "", w);
			break;
		case 3: put(o, "%s %d弄 %d号 %s", c->road, b->lane, b->no, w); break;
		default: put(o, "%s%d弄%d号%s", c->name, b->lane, b->no, w);
			break;
		}
		return form;
	}
	if (b->shape == LANETOWER) {
		switch (form) {
		case 0: put(o, "%s%d弄%d号%s室", c->road, b->lane, b->no, room); break;
		case 1: put(o, "%d弄%d号%s室", b->lane, b->no, room); break;
		case 2: put(o, "%d弄%d号%s", b->lane, b->no, room); break;
		case 3: put(o, "%d弄%d号楼%s室", b->lane, b->no, room); break;
		case 4: put(o, "%d弄%d-%s", b->lane, b->no, room); break;
		case 5:
			if (h->sub == 0) {
				put(o, "%d弄%d号%d楼%d室", b->lane, b->no,
				    h->floor, h->flat);
				break;
			}
			/* FALLTHROUGH */
		case 6:
			/* the compound is one lane: residents leave it out */
			put(o, "%d号%s室", b->no, room);
			break;
		default: put(o, "%s%d弄%d号%s", c->road, b->lane, b->no, room); break;
		}
		return form;
	}
	if (one_unit(b) || omit_unit) {
		f = omit_unit ? (int)below(r, for_checkin ? 13 : 9) : form;
		switch (f) {
		case 0: put(o, "%d号楼%s室", b->no, room); break;
		case 1: put(o, "%d-%s", b->no, room); break;
		case 2: put(o, "%d栋%s", b->no, room); break;
		case 3: put(o, "%d幢%s室", b->no, room); break;
		case 4:
			put_cn(o, b->no);
			put(o, "号楼%s室", room);
			break;
		case 5: {
			char t[32];
			snprintf(t, sizeof(t), "%d-%s", b->no, room);
			put_fw(o, t);
			break;
		}
		case 6: put(o, "%s%d号楼%s室", c->name, b->no, room); break;
		case 7:
			if (!omit_unit) {
				put(o, "%d号楼1单元%s室", b->no, room);
				break;
			}
			put(o, "%d号%s", b->no, room);
			break;
		case 8:
			if (!omit_unit) {
				put(o, "%d-1-%s", b->no, room);
				break;
			}
			put(o, "%d#%s", b->no, room);
			break;
		case 9: put(o, "%d号%s", b->no, room); break;
		case 10:
			if (h->sub == 0) {
				put(o, "%d号楼%d楼%d室", b->no, h->floor, h->flat);
				break;
			}
			put(o, "%d号楼%s", b->no, room);
			break;
		case 11:
			if (h->sub == 0 && h->floor < 10) {
				put(o, "%d-0%s", b->no, room);
				break;
			}
			put(o, "%d-%s", b->no, room);
			break;
		default: put(o, "%d号%s号", b->no, room); break;
		}
		return f;
	}
	f = form;
	switch (f) {
	case 0: put(o, "%d号楼%d单元%s室", b->no, h->unit, room); break;
	case 1: put(o, "%d栋%d单元%s", b->no, h->unit, room); break;
	case 2: put(o, "%d-%d-%s", b->no, h->unit, room); break;
	case 3: {
		char t[32];
		snprintf(t, sizeof(t), "%d-%d-%s", b->no, h->unit, room);
		put_fw(o, t);
		break;
	}
	case 4:
		put_cn(o, b->no);
		put(o, "号楼");
		put_cn(o, h->unit);
		put(o, "单元%s室", room);
		break;
	case 5: put(o, "%d幢%d单元%s室", b->no, h->unit, room); break;
	case 6: put(o, "%d#%d-%s", b->no, h->unit, room); break;
	case 7: put(o, "%d栋%d-%s", b->no, h->unit, room); break;
	case 8: put(o, "%s%d号楼%d单元%s室", c->name, b->no, h->unit, room); break;
	case 9: put(o, "%d/%d/%s", b->no, h->unit, room); break;
	case 10: put(o, "%d号楼%d单元%s", b->no, h->unit, room); break;
	case 11: put(o, "%d号%d单元%s", b->no, h->unit, room); break;
	case 12:
		if (h->sub == 0) {
			put(o, "%d号楼%d单元%d楼%d室", b->no, h->unit, h->floor,
			    h->flat);
			break;
		}
		put(o, "%d号楼%d单元%s", b->no, h->unit, room);
		break;
	case 13:
		if (h->sub == 0 && h->floor < 10) {
			put(o, "%d-%d-0%s", b->no, h->unit, room);
			break;
		}
		put(o, "%d-%d-%s", b->no, h->unit, room);
		break;
	case 14: put(o, "%d号楼%d单元%s号", b->no, h->unit, room); break;
	default: put(o, "%d.%d.%s", b->no, h->unit, room); break;
	}
	return f;
}

/* The 楼栋 cell of a roster, in the community's own style mostly. */
static void
building_cell(const struct district *d, const struct household *h,
    struct rng *r, struct out *o)
{
	const struct building *b = &d->bld[h->b];
	const struct community *c = &d->comm[b->comm];
	int style = chance(r, 0.7) ? c->style : (int)below(r, 6);
	char t[16];

	o->n = 0;
	o->s[0] = '\0';
	if (b->shape == LANEHOUSE || b->shape == LANETOWER) {
		if (chance(r, 0.3))
			put(o, "%s", c->road);
		put(o, "%d弄%d号", b->lane, b->no);
		return;
	}
	switch (style) {
	case 0: put(o, "%d", b->no); break;
	case 1: put(o, "%d号楼", b->no); break;
	case 2: put(o, "%d栋", b->no); break;
	case 3: put(o, "%d幢", b->no); break;
	case 4:
		put_cn(o, b->no);
		put(o, "号楼");
		break;
	default:
		snprintf(t, sizeof(t), "%d", b->no);
		put_fw(o, t);
		break;
	}
}

static void
unit_cell(const struct district *d, const struct household *h, struct rng *r,
    struct out *o)
{
	const struct building *b = &d->bld[h->b];

	o->n = 0;
	o->s[0] = '\0';
	if (b->shape == LANEHOUSE || (one_unit(b) && chance(r, 0.5)))
		return;		/* left empty */
	switch (below(r, 3)) {
	case 0: put(o, "%d", h->unit); break;
	case 1: put(o, "%d单元", h->unit); break;
	default:
		put_cn(o, h->unit);
		put(o, "单元");
		break;
	}
}

static void
room_cell(const struct district *d, const struct household *h, struct rng *r,
    struct out *o)
{
	const struct building *b = &d->bld[h->b];
	char room[16];

	o->n = 0;
	o->s[0] = '\0';
	if (b->shape == LANEHOUSE) {
		if (h->word >= 0)
			put(o, "%s", roomwords[h->word]);
		return;
	}
	room_of(h, room, sizeof(room));
	switch (below(r, 4)) {
	case 0: put(o, "%s室", room); break;
	case 1:
		if (h->sub == 0 && h->floor < 10) {
			put(o, "0%s", room);
			break;
		}
		/* FALLTHROUGH */
	default: put(o, "%s", room); break;
	}
}

/* 门牌 beside a 楼栋 column: "2单元502", "2-502", "502室" */
static void
door_cell(const struct district *d, const struct household *h, struct rng *r,
    struct out *o)
{
	const struct building *b = &d->bld[h->b];
	char room[16];

	o->n = 0;
	o->s[0] = '\0';
	if (b->shape == LANEHOUSE) {
		if (h->word >= 0)
			put(o, "%s", roomwords[h->word]);
		return;
	}
	room_of(h, room, sizeof(room));
	if (one_unit(b)) {
		switch (below(r, 3)) {
		case 0: put(o, "%s室", room); break;
		case 1: put(o, "%s", room); break;
		default: put(o, "1单元%s", room); break;
		}
		return;
	}
	switch (below(r, 4)) {
	case 0: put(o, "%d单元%s", h->unit, room); break;
	case 1: put(o, "%d-%s", h->unit, room); break;
	case 2: put(o, "%d单元%s室", h->unit, room); break;
	default: put(o, "%d单元%s号", h->unit, room); break;
	}
}

/* ---- files ------------------------------------------------------------ */

static char *outdir;

static FILE *
open_out(const char *name)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen-district: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return fp;
}

static void
close_out(FILE *fp, const char *name)
{
	if (ferror(fp) || fclose(fp) != 0) {
		fprintf(stderr, "gen-district: %s/%s: write error\n", outdir, name);
		exit(2);
	}
}

/* One of several names a header cell is written with. */
static const char *
header(struct rng *r, const char *const *names, int n)
{
	return names[below(r, (unsigned)n)];
}
#define PICK(r, a)	header(r, a, (int)(sizeof(a) / sizeof(a[0])))

static const char *const h_comm[] = { "小区", "所属小区", "小区名称", "社区" };
static const char *const h_bld[] = { "楼栋", "楼号", "楼栋号", "所在楼栋", "栋号" };
static const char *const h_unit[] = { "单元", "单元号" };
static const char *const h_room[] = { "房号", "房间号", "室号" };
static const char *const h_door[] = { "门牌", "门牌号" };
static const char *const h_addr[] = { "地址", "家庭住址", "详细地址", "现住址" };
static const char *const h_name[] = { "户主", "户主姓名", "姓名" };
static const char *const h_phone[] = { "联系电话", "手机号码", "联系方式", "手机号" };
static const char *const h_members[] = { "常住人数", "常住人口", "实住人数",
	"家庭人口", "户籍人数", "人数" };
static const char *const h_alone[] = { "是否独居", "独居老人" };
static const char *const h_ci_comm[] = { "所在小区", "小区", "小区名称" };
static const char *const h_ci_addr[] = { "详细地址", "家庭住址", "门牌号",
	"住址", "地址" };
static const char *const h_ci_name[] = { "姓名", "填报人" };
static const char *const h_ci_temp[] = { "今日体温", "体温(℃)", "体温", "体温（℃）" };
static const char *const h_ci_sym[] = { "是否有发热咳嗽等症状", "症状",
	"有无症状", "身体状况" };
static const char *const h_ci_time[] = { "填报时间", "提交时间" };

/* A CSV cell: quoted when it must be. */
static void
cell(FILE *fp, const char *s, int last)
{
	if (strpbrk(s, ",\"\n\r") != NULL) {
		fputc('"', fp);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				fputc('"', fp);
			fputc(*p, fp);
		}
		fputc('"', fp);
	} else
		fputs(s, fp);
	fputc(last ? '\n' : ',', fp);
}

/* A random order of the households, for each roster its own. */
static int *
shuffled(int n, struct rng *r)
{
	int *v = xrealloc(NULL, (size_t)n * sizeof(*v));

	for (int i = 0; i < n; i++)
		v[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)below(r, (unsigned)i + 1), t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
	return v;
}

enum { R_SPLIT, R_DOOR, R_ADDR };

static void
write_roster(struct district *d, int layout, uint64_t seed)
{
	static const char *const files[] = { "roster-split.csv",
		"roster-door.csv", "roster-addr.csv" };
	struct rng r;
	struct out a, b2, c;
	FILE *fp = open_out(files[layout]);

	seed_rng(&r, seed, 100 + (uint64_t)layout);
	/* a title above the header, as exports have */
	if (chance(&r, 0.5))
		fprintf(fp, "%s街道居民花名册（2022年4月）,,,,,,,\n",
		    d->comm[0].name);
	fprintf(fp, "档案号,%s,", PICK(&r, h_comm));
	if (layout == R_SPLIT)
		fprintf(fp, "%s,%s,%s,", PICK(&r, h_bld), PICK(&r, h_unit),
		    PICK(&r, h_room));
	else if (layout == R_DOOR)
		fprintf(fp, "%s,%s,", PICK(&r, h_bld), PICK(&r, h_door));
	else
		fprintf(fp, "%s,", PICK(&r, h_addr));
	fprintf(fp, "%s,%s,%s,%s\n", PICK(&r, h_name), PICK(&r, h_phone),
	    PICK(&r, h_members), PICK(&r, h_alone));
	int *order = shuffled(d->nhh, &r);
	int turn[NKINDS] = { 0 };
	for (int k = 0; k < d->nhh; k++) {
		struct household *h = &d->hh[order[k]];
		char id[16];
		snprintf(id, sizeof(id), "D%07d", h->id);
		cell(fp, id, 0);
		cell(fp, d->comm[d->bld[h->b].comm].name, 0);
		if (layout == R_SPLIT) {
			building_cell(d, h, &r, &a);
			unit_cell(d, h, &r, &b2);
			room_cell(d, h, &r, &c);
			cell(fp, a.s, 0);
			cell(fp, b2.s, 0);
			cell(fp, c.s, 0);
		} else if (layout == R_DOOR) {
			building_cell(d, h, &r, &a);
			door_cell(d, h, &r, &b2);
			cell(fp, a.s, 0);
			cell(fp, b2.s, 0);
		} else {
			/* the forms in turn, so every one is in the roster */
			int kd = kind_of(d, h);
			h->rform = address(d, h, &r, 0, 0,
			    turn[kd]++ % nforms(d, h, 0), &a);
			cell(fp, a.s, 0);
		}
		cell(fp, h->name, 0);
		cell(fp, h->phone, 0);
		char m[8];
		snprintf(m, sizeof(m), "%d", 1 + (int)below(&r, 5));
		cell(fp, m, 0);
		cell(fp, chance(&r, 0.05) ? "是" : "否", 1);
	}
	free(order);
	close_out(fp, files[layout]);
}

/* A flat of the district that is not in the roster, for an unknown check-in. */
static void
stranger(const struct district *d, struct rng *r, struct household *x)
{
	const struct household *h = &d->hh[below(r, (unsigned)d->nhh)];
	const struct building *b = &d->bld[h->b];

	*x = *h;
	x->sub = 0;
	if (b->shape == LANEHOUSE) {
		/* a house number past the lane's end */
		x->word = -1;
		x->b = h->b;
		x->floor = 0;
		return;
	}
	/* a floor above the roof, or a flat number the floor does not have */
	if (chance(r, 0.5))
		x->floor = b->floors + 1 + (int)below(r, 3);
	else
		x->flat = b->perfloor + 1 + (int)below(r, 2);
}

/* Another unit of the building has this flat in the roster too. */
static int
has_twin(const struct district *d, const struct household *h)
{
	const struct building *b = &d->bld[h->b];

	for (int i = b->first; i < b->first + b->count; i++) {
		const struct household *o = &d->hh[i];
		if (o->unit != h->unit && o->floor == h->floor &&
		    o->flat == h->flat && o->sub == h->sub)
			return 1;
	}
	return 0;
}

static void
write_checkins(struct district *d, uint64_t seed, double unknown,
    double ambiguous, int keys)
{
	struct rng r;
	struct out a;
	FILE *fp = open_out("checkins.csv");
	FILE *tr = open_out("truth-checkins.csv");
	FILE *kf = keys ? open_out("checkins-keyed.csv") : NULL;
	long line = 1;

	seed_rng(&r, seed, 200);
	fprintf(fp, "%s,%s,%s,%s,%s,%s\n", PICK(&r, h_ci_time),
	    PICK(&r, h_ci_comm), PICK(&r, h_ci_addr), PICK(&r, h_ci_name),
	    PICK(&r, h_ci_temp), PICK(&r, h_ci_sym));
	fprintf(tr, "line,档案号,kind,status,shape,roster_form,form\n");
	if (kf)
		fprintf(kf, "date,档案号,name,temperature,symptoms,time\n");
	/* the day's statuses */
	for (int i = 0; i < d->nhh; i++) {
		struct household *h = &d->hh[i];
		double x = uniform(&r);
		h->status = x < 0.10 ? S_SILENT : x < 0.12 ? S_FEVER :
		    x < 0.15 ? S_SYMPTOMS : S_OK;
		h->flagged = h->status;
	}
	int *order = shuffled(d->nhh, &r);
	/*
	 * The first check-in of a household takes the forms in turn for each
	 * shape and roster form: every pair of forms is met when a shape has
	 * enough households (truth-checkins.csv says which pair each was).
	 */
	static int turn[NKINDS][MAXFORMS];
	memset(turn, 0, sizeof(turn));
	for (int k = 0; k < d->nhh; k++) {
		struct household *h = &d->hh[order[k]];
		const struct building *b = &d->bld[h->b];
		int kd = kind_of(d, h);
		if (h->status == S_SILENT)
			continue;
		int copies = chance(&r, 0.05) ? 2 : 1;
		for (int c = 0; c < copies; c++) {
			int amb = c == 0 && !one_unit(b) && b->shape != LANEHOUSE &&
			    chance(&r, ambiguous) && has_twin(d, h);
			char temp[16], t[32];
			const char *sym;
			if (h->status == S_FEVER && c == 0)
				snprintf(temp, sizeof(temp), "%.1f",
				    37.3 + below(&r, 25) / 10.0);
			else
				snprintf(temp, sizeof(temp), "%.1f",
				    35.9 + below(&r, 12) / 10.0);
			if (h->status == S_SYMPTOMS && c == 0) {
				static const char *const s[] = { "咳嗽",
					"乏力", "咽痛", "是", "有，咳嗽",
					"流涕、咽痛" };
				sym = s[below(&r, 6)];
			} else {
				static const char *const s[] = { "否", "无",
					"无症状", "正常", "否" };
				sym = s[below(&r, 5)];
			}
			if (chance(&r, 0.2))
				strcat(temp, chance(&r, 0.5) ? "℃" : "度");
			snprintf(t, sizeof(t), "2022-04-10 %02d:%02d",
			    7 + (int)below(&r, 14), (int)below(&r, 60));
			int form = address(d, h, &r, 1, amb, c == 0 && !amb ?
			    turn[kd][h->rform]++ % nforms(d, h, 1) : -1, &a);
			cell(fp, t, 0);
			cell(fp, d->comm[b->comm].name, 0);
			cell(fp, a.s, 0);
			cell(fp, h->name, 0);
			cell(fp, temp, 0);
			cell(fp, sym, 1);
			line++;
			if (amb) {
				/* nobody can tell which flat: still silent,
				   or only the second, normal copy counts */
				h->flagged = copies == 1 ? S_SILENT : S_OK;
				fprintf(tr, "%ld,D%07d,ambiguous,%s,%s,,\n", line,
				    h->id, status_names[h->status],
				    kind_names[kd]);
			} else
				fprintf(tr, "%ld,D%07d,household,%s,%s,%d,%d\n",
				    line, h->id, status_names[h->status],
				    kind_names[kd], h->rform, form);
			if (kf)
				fprintf(kf, "2022-04-10,D%07d,%s,%s,%s,%s\n",
				    h->id, h->name, temp, sym, t + 11);
		}
		/* now and then, someone from a flat not in the roster */
		while (chance(&r, unknown / (1 - unknown))) {
			struct household x;
			stranger(d, &r, &x);
			const struct building *xb = &d->bld[x.b];
			if (xb->shape == LANEHOUSE) {
				/* a house past the lane's end */
				a.n = 0;
				put(&a, "%d弄%d号", xb->lane, 200 + (int)below(&r, 50));
			} else
				address(d, &x, &r, 1, 0, -1, &a);
			int fever = chance(&r, 0.2);
			char temp[16], t[32];
			snprintf(temp, sizeof(temp), "%.1f", fever ? 38.0 +
			    below(&r, 15) / 10.0 : 36.4);
			snprintf(t, sizeof(t), "2022-04-10 %02d:%02d",
			    7 + (int)below(&r, 14), (int)below(&r, 60));
			cell(fp, t, 0);
			cell(fp, d->comm[xb->comm].name, 0);
			cell(fp, a.s, 0);
			cell(fp, "新住户", 0);
			cell(fp, temp, 0);
			cell(fp, fever ? "咳嗽" : "否", 1);
			line++;
			fprintf(tr, "%ld,,unknown,%s,%s,,\n", line, fever ?
			    "fever" : "ok", kind_names[kind_of(d, &x)]);
			if (kf)
				fprintf(kf, "2022-04-10,X%ld,新住户,%s,%s,%s\n",
				    line, temp, fever ? "咳嗽" : "否", t + 11);
		}
	}
	free(order);
	close_out(fp, "checkins.csv");
	close_out(tr, "truth-checkins.csv");
	if (kf)
		close_out(kf, "checkins-keyed.csv");

	fp = open_out("truth-households.csv");
	fprintf(fp, "档案号,status\n");
	for (int i = 0; i < d->nhh; i++)
		fprintf(fp, "D%07d,%s\n", d->hh[i].id,
		    status_names[d->hh[i].flagged]);
	close_out(fp, "truth-households.csv");
}

static long
number(const char *s, const char *what, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi) {
		fprintf(stderr, "gen-district: %s is a number from %ld to %ld, "
		    "not '%s'\n", what, lo, hi, s);
		exit(2);
	}
	return v;
}

static double
share(const char *s, const char *what)
{
	char *end;
	double v = strtod(s, &end);

	if (*end || end == s || !(v >= 0 && v < 0.9)) {
		fprintf(stderr, "gen-district: %s is a share from 0 to 0.9, not "
		    "'%s'\n", what, s);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "households",  required_argument, NULL, 'n' },
		{ "communities", required_argument, NULL, 'c' },
		{ "seed",        required_argument, NULL, 's' },
		{ "unknown",     required_argument, NULL, 'u' },
		{ "ambiguous",   required_argument, NULL, 'a' },
		{ "keys",        no_argument,       NULL, 'k' },
		{ "out",         required_argument, NULL, 'o' },
		{ "help",        no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	long n = 3000, ncomm = 0;
	uint64_t seed = 1;
	double unknown = 0.01, ambiguous = 0;
	int ch, keys = 0;

	while ((ch = getopt_long(argc, argv, "n:c:s:u:a:ko:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'n': n = number(optarg, "--households", 10, 5000000); break;
		case 'c': ncomm = number(optarg, "--communities", 1, 5000); break;
		case 's': seed = (uint64_t)number(optarg, "--seed", 0, 1L << 40); break;
		case 'u': unknown = share(optarg, "--unknown"); break;
		case 'a': ambiguous = share(optarg, "--ambiguous"); break;
		case 'k': keys = 1; break;
		case 'o': outdir = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (outdir == NULL || optind != argc) {
		usage(stderr);
		return 2;
	}
	if (mkdir(outdir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen-district: %s: %s\n", outdir, strerror(errno));
		return 2;
	}
	if (ncomm == 0)
		ncomm = n / 1500 > 0 ? n / 1500 : 1;

	struct district d;
	struct rng r;
	memset(&d, 0, sizeof(d));
	d.ncomm = (int)ncomm;
	d.comm = xrealloc(NULL, (size_t)ncomm * sizeof(*d.comm));
	memset(d.comm, 0, (size_t)ncomm * sizeof(*d.comm));
	seed_rng(&r, seed, 1);
	d.kind0 = (int)below(&r, 5);
	for (int ci = 0; ci < d.ncomm; ci++) {
		long left = n - d.nhh;
		int target = (int)(left / (d.ncomm - ci));
		make_community(&d, &r, ci, target > 0 ? target : 1);
	}
	for (int i = d.nhh - 1; i >= 0; i--) {
		d.bld[d.hh[i].b].first = i;
		d.bld[d.hh[i].b].count++;
	}
	for (int i = 0; i < d.nhh; i++) {
		struct household *h = &d.hh[i];
		h->id = i + 1;
		snprintf(h->name, sizeof(h->name), "%s%s",
		    surnames[below(&r, sizeof(surnames) / sizeof(surnames[0]))],
		    given[below(&r, sizeof(given) / sizeof(given[0]))]);
		snprintf(h->phone, sizeof(h->phone), "1%d%09u",
		    3 + (int)below(&r, 7), below(&r, 1000000000u));
	}
	write_roster(&d, R_SPLIT, seed);
	write_roster(&d, R_DOOR, seed);
	write_roster(&d, R_ADDR, seed);
	write_checkins(&d, seed, unknown, ambiguous, keys);
	fprintf(stderr, "gen-district: %d households in %d buildings of %d "
	    "communities in %s\n", d.nhh, d.nbld, d.ncomm, outdir);
	free(d.comm);
	free(d.bld);
	free(d.hh);
	return 0;
}
