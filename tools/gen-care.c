/*
 * gen-care — districts and greeting logs for sq-care, with the truth.
 *
 *   gen-care district [-N] [-s SEED] [-c COMMUNITIES] [-n HOMES] [-m MAX]
 *		[-v VOLUNTEERS] DIR
 *	A district of COMMUNITIES (default: 1 to 3, by the seed) with about
 *	HOMES households each (default: 300 to 1500, by the seed) in DIR:
 *	households.csv (as sq-ingest writes it), volunteers.csv (a sign-up
 *	form: 楼号 as "12", "12号楼", "12栋", "十二号楼" or a full address,
 *	free-text skills, 关爱户数 sometimes, 参加关爱 否 now and then),
 *	sites.csv (小区, site, x, y; a few buildings missing), and for
 *	peers in a benchmark carers-plain.csv (vid, community, building as a
 *	number, cap: the carers as a program that cannot read 楼号 sees them).  The shapes
 *	vary with the seed: buildings per community, how many need care,
 *	volunteers per building (some communities have none), staff with no
 *	building.  And DIR/truth.txt:
 *		NEED hh			a household that needs a carer
 *		CAP vid n		what a carer may take (with -m MAX)
 *		OPT paired n building m	the most households any pairing
 *					pairs, and then the most of them
 *					with a carer of their building
 *	(-N: no OPT line, for a benchmark's district; -v: about VOLUNTEERS
 *	a building in every community, instead of 0 to 3 by the seed.)
 *	The optimum comes from a min-cost maximum flow written here (costs
 *	0 and 1, successive shortest paths with Bellman-Ford on the whole
 *	household x carer graph), no code shared with sq-care: reach is the
 *	community, nobody cares for their own household.
 *
 *   gen-care log [-s SEED] [-D DAYS] [-d FIRST] PAIRS DIR
 *	Greeting logs for the pairs (what sq-care wrote) over DAYS days
 *	(default 4) from FIRST (default 2022-04-10): DIR/log-DATE.csv for
 *	each day (with a few rows of the next day, and times without a date),
 *	DIR/log-all.csv (every day, full dates), DIR/keys-DATE.csv (the same
 *	entries as hh,date,reached, for peers in a benchmark), and
 *	DIR/truth-DATE.csv:
 *	hh,status,missed_days,alarm for every household of PAIRS, worked
 *	out here from what was generated (the notes are chosen from lists
 *	whose meaning is known: alarming or not, reached or not), by the
 *	rules of sq-care(1): urgent on an alarming note today, or on the
 *	last day greeted when nobody has greeted since, or after 2 days in a
 *	row without a greeting.
 *
 * The output depends only on the arguments.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "address.h"
#include "reader.h"
#include "value.h"

static uint64_t rng;

static uint64_t
next(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int
rnd(int n)
{
	return n <= 1 ? 0 : (int)(next() % (uint64_t)n);
}

static int
chance(int percent)
{
	return rnd(100) < percent;
}

static FILE *
open_out(const char *dir, const char *name)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(2);
	}
	return fp;
}

static void
close_out(FILE *fp)
{
	if (ferror(fp) || fclose(fp) != 0) {
		perror("gen-care: write");
		exit(2);
	}
}

static void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	if (p == NULL) {
		perror("gen-care");
		exit(2);
	}
	return p;
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
    "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
    "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹" };
static const char *const given[] = { "秀英", "桂英", "建国", "伟", "芳", "敏",
    "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀兰", "霞", "平", "刚", "桂兰", "玉兰", "志强", "海燕", "丹",
    "晨", "宇轩", "子涵", "浩然" };
static const char *const community_names[] = { "阳光小区", "幸福小区",
    "和平小区", "建设新村", "春华苑", "锦绣花园" };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- */
/* the district                                                      */

struct hh {
	char	 key[SQ_ADDR_KEYMAX];
	int	 comm, bld, unit, room;
	int	 need;
	char	 name[32];
};

struct vol {
	char	 vid[16];
	int	 comm, bld;	/* bld 0: none */
	int	 self;		/* index of the household they live in, -1 */
	int	 cap;
	int	 carer;		/* takes part */
};

struct bld {
	int	 comm, num, grid, units, floors, flats;
};

/* ---- min-cost max flow, costs 0/1, Bellman-Ford (independent) ---- */
struct fe {
	int	 to, cap, cost, next;
};

struct flow {
	struct fe *e;
	int	 ne, cape, *head, n;
};

static void
fadd(struct flow *f, int a, int b, int cap, int cost)
{
	if (f->ne + 2 > f->cape) {
		f->cape = f->cape ? 2 * f->cape : 1024;
		f->e = realloc(f->e, (size_t)f->cape * sizeof(*f->e));
		if (f->e == NULL)
			exit(2);
	}
	f->e[f->ne] = (struct fe){ b, cap, cost, f->head[a] };
	f->head[a] = f->ne++;
	f->e[f->ne] = (struct fe){ a, 0, -cost, f->head[b] };
	f->head[b] = f->ne++;
}

static void
mcmf(struct flow *f, int s, int t, long *flow, long *cost)
{
	int *dist = xcalloc((size_t)f->n, sizeof(int));
	int *via = xcalloc((size_t)f->n, sizeof(int));
	int *inq = xcalloc((size_t)f->n, sizeof(int));
	int *q = xcalloc((size_t)f->n + 1, sizeof(int));

	*flow = *cost = 0;
	for (;;) {
		for (int v = 0; v < f->n; v++)
			dist[v] = INT32_MAX, via[v] = -1, inq[v] = 0;
		int qh = 0, qn = 0;
		dist[s] = 0;
		q[0] = s;
		qn = 1;
		inq[s] = 1;
		while (qn > 0) {	/* a ring queue: SPFA */
			int u = q[qh];
			qh = (qh + 1) % (f->n + 1);
			qn--;
			inq[u] = 0;
			for (int e = f->head[u]; e >= 0; e = f->e[e].next) {
				if (f->e[e].cap <= 0)
					continue;
				int v = f->e[e].to, d = dist[u] + f->e[e].cost;
				if (d < dist[v]) {
					dist[v] = d;
					via[v] = e;
					if (!inq[v]) {
						q[(qh + qn) % (f->n + 1)] = v;
						qn++;
						inq[v] = 1;
					}
				}
			}
		}
		if (dist[t] == INT32_MAX)
			break;
		for (int v = t; v != s; v = f->e[via[v] ^ 1].to) {
			f->e[via[v]].cap--;
			f->e[via[v] ^ 1].cap++;
		}
		(*flow)++;
		*cost += dist[t];
	}
	free(dist);
	free(via);
	free(inq);
	free(q);
}

static const char *
numeral(int n)
{
	static const char *const d[] = { "零", "一", "二", "三", "四", "五", "六",
	    "七", "八", "九" };
	static char buf[32];

	if (n >= 100)
		snprintf(buf, sizeof(buf), "%d", n);	/* as people write it */
	else if (n < 10)
		snprintf(buf, sizeof(buf), "%s", d[n]);
	else if (n < 20)
		snprintf(buf, sizeof(buf), "十%s", n % 10 ? d[n % 10] : "");
	else
		snprintf(buf, sizeof(buf), "%s十%s", d[n / 10], n % 10 ?
		    d[n % 10] : "");
	return buf;
}

/* the most households paired, and then in their carer's building */
static void
optimum(FILE *ft, const struct hh *H, int nh, const struct vol *V, int nv)
{
	struct flow f = { 0 };
	int s = nh + nv, t = s + 1;
	f.n = nh + nv + 2;
	f.head = xcalloc((size_t)f.n, sizeof(int));
	for (int i = 0; i < f.n; i++)
		f.head[i] = -1;
	for (int h = 0; h < nh; h++) {
		if (!H[h].need)
			continue;
		fadd(&f, s, h, 1, 0);
		for (int v = 0; v < nv; v++)
			if (V[v].carer && V[v].cap > 0 && V[v].comm ==
			    H[h].comm && V[v].self != h)
				fadd(&f, h, nh + v, 1, V[v].bld == H[h].bld + 1 ?
				    0 : 1);
	}
	for (int v = 0; v < nv; v++)
		if (V[v].carer && V[v].cap > 0)
			fadd(&f, nh + v, t, V[v].cap, 0);
	long flow, cost;
	mcmf(&f, s, t, &flow, &cost);
	fprintf(ft, "OPT paired %ld building %ld\n", flow, flow - cost);
	free(f.e);
	free(f.head);
}

static int
district(int argc, char **argv)
{
	long seed = 1;
	int ncomm = 0, nhomes = 0, max = 4, o, noopt = 0, vpb = -1;
	const char *dir;

	while ((o = getopt(argc, argv, "Ns:c:n:m:v:")) != -1)
		switch (o) {
		case 'v': vpb = atoi(optarg); break;
		case 'N': noopt = 1; break;
		case 's': seed = atol(optarg); break;
		case 'c': ncomm = atoi(optarg); break;
		case 'n': nhomes = atoi(optarg); break;
		case 'm': max = atoi(optarg); break;
		default: return 2;
		}
	if (optind + 1 != argc)
		return 2;
	dir = argv[optind];
	rng = (uint64_t)seed * 7919 + 17;
	if (ncomm <= 0)
		ncomm = 1 + rnd(3);

	struct bld *B = NULL;
	struct hh *H = NULL;
	struct vol *V = NULL;
	int nb = 0, nh = 0, nv = 0, capb = 0, caph = 0, capv = 0;
	FILE *fh = open_out(dir, "households.csv");
	FILE *fv = open_out(dir, "volunteers.csv");
	FILE *fs = open_out(dir, "sites.csv");
	FILE *ft = open_out(dir, "truth.txt");
	FILE *fp = open_out(dir, "carers-plain.csv");
	fprintf(fh, "hh,community,building,unit,room,name,phone,members,"
	    "elderly_alone,chronic,disabled,pregnant,infant,grid,note\n");
	fprintf(fv, "vid,姓名,电话,小区,楼号,职业/技能,关爱户数,参加关爱,身份\n");
	fprintf(fs, "小区,site,kind,x,y\n");
	fprintf(fp, "vid,community,building,cap\n");
	int gridno = 0;
	for (int c = 0; c < ncomm; c++) {
		char cbuf[32];
		const char *cname = cbuf;
		if (c < (int)NELEM(community_names))
			cname = community_names[c];
		else
			snprintf(cbuf, sizeof(cbuf), "第%d小区", c + 1);
		int target = nhomes > 0 ? nhomes : 300 + rnd(1200);
		int need_pct = 5 + rnd(16);		/* 5..20% need care */
		int vol_per_b = vpb >= 0 ? vpb : rnd(4);	/* 0..3 a building */
		int none = vpb < 0 && chance(8);	/* nobody volunteers */
		int nbc = 0, made = 0;
		fprintf(fs, "%s,大门,gate,0,-20\n", cname);
		while (made < target) {
			if (nb == capb) {
				capb = capb ? 2 * capb : 64;
				B = realloc(B, (size_t)capb * sizeof(*B));
			}
			struct bld *b = &B[nb];
			b->comm = c;
			b->num = ++nbc;
			if (nbc % (2 + rnd(3)) == 1 || nbc == 1)
				gridno++;
			b->grid = gridno;
			b->units = 1 + rnd(4);
			b->floors = 4 + rnd(15);
			b->flats = 2 + rnd(3);
			if (!chance(6))
				fprintf(fs, "%s,%d,building,%d,%d\n", cname,
				    b->num, (b->num - 1) % 8 * 45 + rnd(15),
				    (b->num - 1) / 8 * 40 + rnd(15));
			for (int u = 1; u <= b->units; u++)
				for (int f = 1; f <= b->floors; f++)
					for (int k = 1; k <= b->flats; k++) {
						if (made >= target || chance(10))
							continue;
						if (nh == caph) {
							caph = caph ? 2 * caph : 1024;
							H = realloc(H, (size_t)caph *
							    sizeof(*H));
						}
						struct hh *h = &H[nh];
						struct sq_addr a;
						memset(&a, 0, sizeof(a));
						snprintf(a.building, sizeof(a.building),
						    "%d", b->num);
						snprintf(a.unit, sizeof(a.unit), "%d", u);
						snprintf(a.room, sizeof(a.room), "%d%02d",
						    f, k);
						sq_addr_key_community(cname,
						    strlen(cname), &a, h->key,
						    sizeof(h->key));
						h->comm = c;
						h->bld = nb;
						h->unit = u;
						h->room = f * 100 + k;
						snprintf(h->name, sizeof(h->name),
						    "%s%s", surnames[rnd(NELEM(
						    surnames))], given[rnd(NELEM(
						    given))]);
						int fl[5] = { 0 };
						if (chance(need_pct))
							fl[rnd(5) == 1 ? 0 : rnd(5)] = 1;
						fl[1] |= chance(12);	/* chronic */
						h->need = fl[0] || fl[2] || fl[3] ||
						    fl[4];
						const char *note = !h->need ||
						    !chance(10) ? "" : chance(50) ?
						    "聋哑" : "无慢性病";
						fprintf(fh, "%s,%s,%d,%d,%d,%s,13%09d,"
						    "%d,%s,%s,%s,%s,%s,网格员%d,%s\n",
						    h->key, cname, b->num, u,
						    h->room, h->name, rnd(1000000000),
						    1 + rnd(5), fl[0] ? "true" : "false",
						    fl[1] ? "true" : "false",
						    fl[2] ? "true" : "false",
						    fl[3] ? "true" : "false",
						    fl[4] ? "true" : "false",
						    b->grid, note);
						if (h->need)
							fprintf(ft, "NEED %s\n", h->key);
						nh++;
						made++;
					}
			/* volunteers of this building */
			int nvb = none ? 0 : rnd(2 * vol_per_b + 1);
			for (int i = 0; i < nvb; i++) {
				if (nv == capv) {
					capv = capv ? 2 * capv : 256;
					V = realloc(V, (size_t)capv * sizeof(*V));
				}
				struct vol *v = &V[nv];
				snprintf(v->vid, sizeof(v->vid), "V%05d", nv + 1);
				v->comm = c;
				v->bld = nb + 1;
				v->self = -1;
				v->carer = !chance(5);
				v->cap = max;
				char where[64];
				switch (rnd(6)) {
				case 0: snprintf(where, sizeof(where), "%d号楼",
				    b->num); break;
				case 1: snprintf(where, sizeof(where), "%d栋",
				    b->num); break;
				case 2: snprintf(where, sizeof(where), "%s号楼",
				    numeral(b->num)); break;
				case 3: {
					/* a full address: maybe a household
					   of the building */
					int first = nh - made;
					(void)first;
					int pick = -1;
					for (int t = 0; t < 8 && pick < 0; t++) {
						int j = nh - 1 - rnd(60);
						if (j >= 0 && H[j].bld == nb)
							pick = j;
					}
					if (pick >= 0) {
						snprintf(where, sizeof(where),
						    "%d号楼%d单元%d室", b->num,
						    H[pick].unit, H[pick].room);
						v->self = pick;
					} else
						snprintf(where, sizeof(where),
						    "%d", b->num);
					break;
				}
				default: snprintf(where, sizeof(where), "%d",
				    b->num);
				}
				static const char *const skills[] = { "护士",
				    "退休医生", "手语老师", "幼师", "程序员",
				    "快递员 体力好", "", "", "教师 会手语",
				    "药剂师", "会开车", "心理咨询师" };
				char maxcell[8] = "";
				if (chance(20)) {
					v->cap = 1 + rnd(6);
					snprintf(maxcell, sizeof(maxcell), "%d",
					    v->cap);
					if (v->cap > max)
						v->cap = max;
				}
				fprintf(fv, "%s,%s%s,139%08d,%s,%s,%s,%s,%s,%s\n",
				    v->vid, surnames[rnd(NELEM(surnames))],
				    given[rnd(NELEM(given))], rnd(100000000),
				    chance(50) ? cname : (ncomm == 1 ? "" : cname),
				    where, skills[rnd(NELEM(skills))], maxcell,
				    v->carer ? (chance(50) ? "是" : "") : "否",
				    "志愿者");
				if (v->carer && v->cap > 0)
					fprintf(fp, "%s,%s,%d,%d\n", v->vid, cname,
					    b->num, v->cap);
				nv++;
			}
			nb++;
		}
		/* staff: no building, sometimes a grid */
		int nstaff = none ? 0 : rnd(4);
		for (int i = 0; i < nstaff; i++) {
			if (nv == capv) {
				capv = capv ? 2 * capv : 256;
				V = realloc(V, (size_t)capv * sizeof(*V));
			}
			struct vol *v = &V[nv];
			snprintf(v->vid, sizeof(v->vid), "S%05d", nv + 1);
			v->comm = c;
			v->bld = 0;
			v->self = -1;
			v->carer = 1;
			v->cap = max;
			fprintf(fv, "%s,%s%s,138%08d,%s,,社工,,是,工作人员\n",
			    v->vid, surnames[rnd(NELEM(surnames))],
			    given[rnd(NELEM(given))], rnd(100000000), cname);
			fprintf(fp, "%s,%s,,%d\n", v->vid, cname, v->cap);
			nv++;
		}
	}
	for (int i = 0; i < nv; i++)
		if (V[i].carer)
			fprintf(ft, "CAP %s %d\n", V[i].vid, V[i].cap);

	/* the optimum, over the whole graph */
	if (!noopt)
		optimum(ft, H, nh, V, nv);
	close_out(fh);

	close_out(fv);
	close_out(fs);
	close_out(ft);
	close_out(fp);
	free(B);
	free(H);
	free(V);
	return 0;
}

/* ---------------------------------------------------------------- */
/* greeting logs                                                     */

struct home {
	char	*hh, *community, *building, *unit, *room, *name, *vid, *carer;
	int	 carer_unique;	/* the carer's name is nobody else's */
	int	 name_form;	/* 0 address only, 1 full name, 2 + honorific */
	int	 reliable;	/* percent */
	int	 last;		/* day index, -1 */
	unsigned last_alarms;
};

/* alarm labels in the order of share/care/alarms.txt */
static const char *const alarm_names[] = { "unwell", "fall", "medicine",
    "food", "unreachable", "distress" };
enum { A_UNWELL = 1, A_FALL = 2, A_MEDICINE = 4, A_FOOD = 8,
    A_UNREACHABLE = 16, A_DISTRESS = 32 };

struct note {
	const char *text;
	unsigned alarms;
};

static const struct note calm[] = {
	{ "", 0 }, { "挺好的", 0 }, { "一切正常", 0 }, { "身体还行", 0 },
	{ "没有不舒服", 0 }, { "无异常", 0 }, { "精神不错", 0 },
	{ "已送菜", 0 }, { "药还够", 0 }, { "没有发烧", 0 },
};
static const struct note alarming[] = {
	{ "有点发烧", A_UNWELL }, { "早上摔了一跤", A_FALL },
	{ "药快吃完了", A_MEDICINE }, { "家里没吃的了", A_FOOD },
	{ "头晕，胸闷", A_UNWELL }, { "情绪低落", A_DISTRESS },
	{ "说不舒服", A_UNWELL },
};
static const struct note failed[] = {
	{ "电话无人接听", A_UNREACHABLE }, { "敲门没人应", A_UNREACHABLE },
	{ "联系不上", A_UNREACHABLE },
};
static const char *const hows[] = { "电话", "上门", "微信", "视频" };
static const char *const honor[] = { "奶奶", "爷爷", "阿姨", "叔叔", "师傅" };

struct entry {
	int	 home, day, reached, minute;
	const struct note *note;
	int	 late;		/* also in the day before's file */
};

static char *
cell(const struct sq_rec *r, long col)
{
	size_t len;
	const char *p = sq_rec_cell(r, col, &len);
	char *s = malloc(len + 1);

	if (s == NULL)
		exit(2);
	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

static void
write_entry(FILE *fp, const struct home *H, const struct entry *e,
    int first_day, int full_date, int multi)
{
	const struct home *h = &H[e->home];
	char date[11], when[64], whom[128];
	int hh = e->minute / 60, mm = e->minute % 60;

	sq_date_from_days(first_day + e->day, date);
	switch (full_date ? rnd(2) : rnd(4)) {
	case 0:
		snprintf(when, sizeof(when), "%s %02d:%02d", date, hh, mm);
		break;
	case 1:
		snprintf(when, sizeof(when), "%d/%d/%d %d:%02d", atoi(date),
		    atoi(date + 5), atoi(date + 8), hh, mm);
		break;
	case 2:
		snprintf(when, sizeof(when), "%d月%d日 %d:%02d", atoi(date + 5),
		    atoi(date + 8), hh, mm);
		break;
	default:
		snprintf(when, sizeof(when), "%d:%02d", hh, mm);
	}
	int form = rnd(10);
	if (*h->vid == '\0')
		form = form < 7 ? 5 : 9;	/* a grid worker: an address */
	if (form < 3 && h->name_form >= 1)
		snprintf(whom, sizeof(whom), "%s", h->name);
	else if (form < 5 && h->name_form == 2) {
		size_t s = 3;	/* the surname: one CJK character */
		snprintf(whom, sizeof(whom), "%.*s%s", (int)s, h->name,
		    honor[rnd(NELEM(honor))]);
	} else if (form == 9)
		snprintf(whom, sizeof(whom), "%s", h->hh);
	else if (form % 3 == 0)
		snprintf(whom, sizeof(whom), "%s号楼%s单元%s室", h->building,
		    h->unit, h->room);
	else if (form % 3 == 1)
		snprintf(whom, sizeof(whom), "%s-%s-%s", h->building, h->unit,
		    h->room);
	else
		snprintf(whom, sizeof(whom), "%s栋%s单元%s", h->building,
		    h->unit, h->room);
	const char *who = *h->vid == '\0' ? "网格员" : h->carer_unique &&
	    chance(80) ? h->carer : h->vid;
	fprintf(fp, "%s,%s,%s,%s,%s,%s\n", multi || chance(30) ?
	    h->community : "", who, whom, when, e->reached ?
	    hows[rnd(NELEM(hows))] : "电话", e->note->text);
}

static int
cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->minute != b->minute)
		return a->minute < b->minute ? -1 : 1;
	return a->home - b->home;
}

static int
logs(int argc, char **argv)
{
	long seed = 1;
	int days = 4, o;
	const char *first = "2022-04-10";

	while ((o = getopt(argc, argv, "s:D:d:")) != -1)
		switch (o) {
		case 's': seed = atol(optarg); break;
		case 'D': days = atoi(optarg); break;
		case 'd': first = optarg; break;
		default: return 2;
		}
	if (optind + 2 != argc || days < 1)
		return 2;
	const char *pairs = argv[optind], *dir = argv[optind + 1];
	rng = (uint64_t)seed * 104729 + 3;
	int day0 = sq_date_days(first);
	if (day0 == SQ_DATE_INVALID)
		return 2;

	struct sq_reader_opts ro = { 0 };
	struct sq_reader *r = sq_reader_open(pairs, &ro);
	if (r == NULL)
		return 2;
	static const char *const names[] = { "hh", "community", "building",
	    "unit", "room", "name", "vid", "carer" };
	long col[8];
	for (int i = 0; i < 8; i++)
		if ((col[i] = sq_reader_col(r, names[i])) < 0) {
			fprintf(stderr, "gen-care: %s: no %s column\n", pairs,
			    names[i]);
			return 2;
		}
	struct home *H = NULL;
	int nh = 0, caph = 0;
	struct sq_rec rec;
	sq_rec_init(&rec);
	while (sq_reader_next(r, &rec) > 0) {
		if (nh == caph) {
			caph = caph ? 2 * caph : 256;
			H = realloc(H, (size_t)caph * sizeof(*H));
		}
		struct home *h = &H[nh++];
		char **f[8] = { &h->hh, &h->community, &h->building, &h->unit,
		    &h->room, &h->name, &h->vid, &h->carer };
		for (int i = 0; i < 8; i++)
			*f[i] = cell(&rec, col[i]);
		h->reliable = 55 + rnd(45);
		h->last = -1;
		h->last_alarms = 0;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	int multi = 0;
	for (int i = 1; i < nh; i++)
		multi |= strcmp(H[i].community, H[0].community) != 0;
	/* which names point at one household: the carer's name at one
	   carer, the head's name (or surname) at one of the carer's */
	for (int i = 0; i < nh; i++) {
		struct home *h = &H[i];
		h->carer_unique = 1;
		int full = 0, sur = 0, global = 0;
		for (int j = 0; j < nh; j++) {
			const struct home *g = &H[j];
			if (*h->vid && strcmp(g->carer, h->carer) == 0 &&
			    strcmp(g->vid, h->vid) != 0)
				h->carer_unique = 0;
			global += strcmp(g->name, h->name) == 0;
			if (*h->vid == '\0' || strcmp(g->vid, h->vid) != 0)
				continue;
			full += strcmp(g->name, h->name) == 0;
			sur += memcmp(g->name, h->name, 3) == 0;
		}
		h->name_form = *h->vid == '\0' ? 0 : sur == 1 && strlen(h->name)
		    > 3 ? 2 : full == 1 ? 1 : 0;
		/* a full name the greeter shares with another household
		   elsewhere is still the greeter's: fine; but one it does
		   not know must be unique everywhere */
		(void)global;
	}

	/* what happens each day */
	struct entry *E = NULL;
	int ne = 0, cape = 0;
	FILE **truth = xcalloc((size_t)days, sizeof(FILE *));
	for (int d = 0; d < days; d++) {
		char name[64], date[11];
		sq_date_from_days(day0 + d, date);
		snprintf(name, sizeof(name), "truth-%s.csv", date);
		truth[d] = open_out(dir, name);
		fprintf(truth[d], "hh,status,missed_days,alarm\n");
	}
	for (int d = 0; d < days; d++) {
		for (int i = 0; i < nh; i++) {
			struct home *h = &H[i];
			int p = *h->vid ? h->reliable : 25;
			int reached = chance(p), tries = 0;
			unsigned today = 0, fail = 0;
			/* a failed call first, now and then */
			if (chance(reached ? 6 : 20)) {
				const struct note *n = &failed[rnd(NELEM(failed))];
				fail |= n->alarms;
				tries++;
				if (ne == cape) {
					cape = cape ? 2 * cape : 1024;
					E = realloc(E, (size_t)cape * sizeof(*E));
				}
				E[ne++] = (struct entry){ i, d, 0, 420 + rnd(120),
				    n, chance(3) };
			}
			if (reached) {
				int k = chance(10) ? 2 : 1;
				for (int j = 0; j < k; j++) {
					const struct note *n = chance(6) ?
					    &alarming[rnd(NELEM(alarming))] :
					    &calm[rnd(NELEM(calm))];
					today |= n->alarms;
					if (ne == cape) {
						cape = cape ? 2 * cape : 1024;
						E = realloc(E, (size_t)cape *
						    sizeof(*E));
					}
					E[ne++] = (struct entry){ i, d, 1,
					    540 + rnd(600), n, chance(3) };
				}
			}
			(void)tries;
			/* the truth, by the rules */
			int missed = reached ? 0 : h->last >= 0 ? d - h->last :
			    d + 1;
			unsigned al = reached ? today : fail | h->last_alarms;
			const char *status = al || missed >= 2 ? "urgent" :
			    missed > 0 ? "not_greeted" : "greeted";
			char alarm[128] = "";
			for (size_t b = 0; b < NELEM(alarm_names); b++)
				if (al >> b & 1) {
					if (*alarm)
						strcat(alarm, ";");
					strcat(alarm, alarm_names[b]);
				}
			if (missed >= 2) {
				if (*alarm)
					strcat(alarm, ";");
				strcat(alarm, "silent");
			}
			fprintf(truth[d], "%s,%s,%d,%s\n", h->hh, status, missed,
			    alarm);
			if (reached) {
				h->last = d;
				h->last_alarms = today;
			}
		}
	}
	qsort(E, (size_t)ne, sizeof(*E), cmp_entry);
	FILE *all = open_out(dir, "log-all.csv");
	fprintf(all, "小区,问候人,被问候人,时间,方式,情况\n");
	for (int d = 0; d < days; d++) {
		char name[64], date[11];
		sq_date_from_days(day0 + d, date);
		snprintf(name, sizeof(name), "log-%s.csv", date);
		FILE *fp = open_out(dir, name);
		fprintf(fp, "小区,问候人,被问候人,时间,方式,情况\n");
		snprintf(name, sizeof(name), "keys-%s.csv", date);
		FILE *fk = open_out(dir, name);
		fprintf(fk, "hh,date,reached\n");
		for (int i = 0; i < ne; i++)
			if (E[i].day == d)
				fprintf(fk, "%s,%s,%d\n", H[E[i].home].hh, date,
				    E[i].reached);
		close_out(fk);
		for (int i = 0; i < ne; i++) {
			if (E[i].day == d)
				write_entry(fp, H, &E[i], day0, 0, multi);
			else if (E[i].day == d + 1 && E[i].late)
				write_entry(fp, H, &E[i], day0, 1, multi);
		}
		close_out(fp);
		close_out(truth[d]);
	}
	for (int i = 0; i < ne; i++)
		write_entry(all, H, &E[i], day0, 1, multi);
	close_out(all);
	for (int i = 0; i < nh; i++) {
		free(H[i].hh);
		free(H[i].community);
		free(H[i].building);
		free(H[i].unit);
		free(H[i].room);
		free(H[i].name);
		free(H[i].vid);
		free(H[i].carer);
	}
	free(H);
	free(E);
	free(truth);
	return 0;
}

int
main(int argc, char **argv)
{
	int rc = 2;

	if (argc >= 2 && strcmp(argv[1], "district") == 0)
		rc = district(argc - 1, argv + 1);
	else if (argc >= 2 && strcmp(argv[1], "log") == 0)
		rc = logs(argc - 1, argv + 1);
	if (rc == 2)
		fprintf(stderr, "usage: gen-care district [-s SEED] [-c N] "
		    "[-n HOMES] [-m MAX] DIR\n"
		    "       gen-care log [-s SEED] [-D DAYS] [-d FIRST] "
		    "PAIRS DIR\n");
	return rc;
}
