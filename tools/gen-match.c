/*
 * gen-match — instances for sq-match, and an independent exact solver.
 *
 *   gen-match district [-v N] [-d DAYS] [-s SEED] DIR
 *	A district: N volunteers (default 5000) and 500 post-shifts a day for
 *	DAYS days (default 7), written to DIR/volunteers.csv and
 *	DIR/posts.csv.  For the benchmark (bench/match.sh).
 *
 *   gen-match small SEED DIR
 *	A small random instance (3-6 volunteers, 3-6 post-shifts over two
 *	days, whole hours) in DIR, and on stdout one line:
 *		OPT n ARGS sq-match-options
 *	where n is the most seats any plan can fill, found by exhaustive
 *	search here, with no code shared with sq-match: the rules are
 *	written again from the manual (skills as in share/skills.txt:
 *	医生 medical, 护士 nursing, 民警 police; a doctor may fill a nursing
 *	post), availability as a bitmap of hours.
 *
 * The output depends only on the arguments.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	return (int)(next() % (uint64_t)n);
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
		perror("gen-match: write");
		exit(2);
	}
}

/* ---------------------------------------------------------------- */
/* the district                                                      */

struct postkind {
	const char *name, *team, *skill;
	int	 posts, head, training;
	const char *shifts;	/* "06-12,12-18" */
};

static const struct postkind kinds[] = {
	{ "核酸采样点", "医疗队", "医生", 10, 1, 1, "06-12,12-18" },
	{ "核酸采样点", "医疗队", "护士", 10, 2, 1, "06-12,12-18" },
	{ "应急医疗点", "医疗队", "医生", 5, 1, 1, "00-08,08-16,16-24" },
	{ "门岗卡口", "巡逻队", "", 40, 2, 1, "00-06,06-12,12-18,18-24" },
	{ "治安巡逻", "巡逻队", "保安", 10, 2, 1, "00-08,08-16,16-24" },
	{ "心理疏导热线", "心理疏导", "心理咨询师", 5, 1, 1, "08-12,18-22" },
	{ "消防巡查", "消防", "消防", 10, 1, 1, "08-14,14-20" },
	{ "儿童网课", "网课", "教师", 20, 1, 0, "08-12,14-18" },
	{ "纠纷调解", "调解", "律师", 5, 1, 0, "09-15" },
	{ "翻译手语", "翻译", "手语", 5, 1, 0, "08-14,14-20" },
	{ "物资搬运", "物资", "", 30, 2, 0, "06-12,12-18,18-22" },
	{ "楼栋值守", "楼栋", "", 20, 2, 1, "00-06,06-12,12-18,18-24" },
	{ NULL, NULL, NULL, 0, 0, 0, NULL }
};

static const char *const professions[] = {
	"", "", "", "", "", "", "退休", "学生", "个体", "公司职员", "",
	"", "退休工人", "大学生", "",
	"医生", "内科医生", "护士", "护士", "民警", "保安", "保安",
	"退伍军人", "心理咨询师", "消防员", "小学老师", "中学教师",
	"幼师", "律师", "手语", "英语翻译", "快递员", "体力好",
	"司机", "电工", "社工", "书法", "程序员"
};

static const char *const avails[] = {
	"全天", "周一至周五 8:00-12:00; 周末全天", "08:00-12:00,18:00-22:00",
	"每天 下午", "周末", "晚上", "夜间", "工作日 18:00-24:00", "",
	"周一、三、五 全天", "6:00-18:00", "上午", "白天", "周二四六 12:00-24:00"
};

static void
district(int nvol, int days, const char *dir)
{
	FILE *fp = open_out(dir, "posts.csv");
	static const char *const dates[] = { "2022-04-11", "2022-04-12",
	    "2022-04-13", "2022-04-14", "2022-04-15", "2022-04-16",
	    "2022-04-17", "2022-04-18", "2022-04-19", "2022-04-20",
	    "2022-04-21", "2022-04-22", "2022-04-23", "2022-04-24" };
	long count = 0;

	fprintf(fp, "岗位,队伍,所需技能,日期,班次,人数要求,需培训,楼栋\n");
	for (int d = 0; d < days && d < 14; d++)
		for (const struct postkind *k = kinds; k->name; k++)
			for (int p = 1; p <= k->posts; p++) {
				fprintf(fp, "%s%d号,%s,%s,%s,\"", k->name, p,
				    k->team, k->skill, dates[d]);
				for (const char *s = k->shifts; *s; s += 6) {
					fprintf(fp, "%s%.2s:00-%.2s:00",
					    s == k->shifts ? "" : ",", s, s + 3);
					count++;
					if (s[5] == '\0')
						break;
				}
				fprintf(fp, "\",%d,%s,%d号楼\n", k->head,
				    k->training ? "是" : "否", 1 + rnd(40));
			}
	close_out(fp);
	fp = open_out(dir, "volunteers.csv");
	fprintf(fp, "编号,姓名,电话,楼栋,职业/特长,可服务时间,每天最多小时,"
	    "每周最多小时,是否培训,身份\n");
	for (int v = 1; v <= nvol; v++) {
		int staff = rnd(10) == 0;
		const char *prof = professions[rnd((int)(sizeof(professions) /
		    sizeof(professions[0])))];
		const char *av = staff ? (rnd(2) ? "全天" : "工作日 全天") :
		    avails[rnd((int)(sizeof(avails) / sizeof(avails[0])))];
		static const char *const caps[] = { "4", "6", "6小时", "8", "" };
		const char *cap = staff ? "8" : caps[rnd(5)];
		const char *week = rnd(4) == 0 ? "20" : "";
		fprintf(fp, "V%05d,居民%d,1%02d%08d,%d号楼,%s,\"%s\",%s,%s,%s,%s\n",
		    v, v, 30 + rnd(60), rnd(100000000), 1 + rnd(40), prof, av,
		    cap, week, rnd(5) ? "是" : "否", staff ? "工作人员" :
		    "志愿者");
	}
	close_out(fp);
	fprintf(stderr, "gen-match: %d volunteers, %ld post-shifts in %s\n",
	    nvol, count, dir);
}

/* ---------------------------------------------------------------- */
/* small instances and the exhaustive solver                        */

#define HZ	96		/* hours in the bitmap: day -1 .. day 2 */
#define H0	24		/* hour 0 of day 0 is bit 24 */

enum { SK_NONE = -1, SK_MED, SK_NURSE, SK_POLICE };

struct svol {
	int	 staff, trained, skills;	/* skills: bitmask */
	int	 daycap, weekcap;		/* hours, 0: none */
	unsigned char avail[HZ];
};

struct spost {
	int	 start, end;	/* hours from day 0 00:00 */
	int	 skill, training, head;
};

static struct svol V[8];
static struct spost S[8];
static int nv, ns, rest;
static int elig[8][8];
static int asg[8][8];		/* asg[post][k] = volunteer */
static int nasg[8];
static int best;

static int
eligible(int v, int p)
{
	const struct svol *a = &V[v];
	const struct spost *s = &S[p];
	int len = s->end - s->start;

	if (s->skill == SK_MED && !(a->skills & 1 << SK_MED))
		return 0;
	if (s->skill == SK_NURSE && !(a->skills & (1 << SK_NURSE |
	    1 << SK_MED)))
		return 0;
	if (s->skill == SK_POLICE && !(a->skills & 1 << SK_POLICE))
		return 0;
	if (s->training && !a->trained)
		return 0;
	if (a->staff ? len > 8 : (len < 4 || len > 6))
		return 0;
	for (int h = s->start; h < s->end; h++)
		if (!a->avail[H0 + h])
			return 0;
	return 1;
}

/* can v take post p given the posts already assigned? */
static int
fits(int v, int p)
{
	int day = 0, week = 0, d = S[p].start >= 0 ? S[p].start / 24 : -1;

	for (int q = 0; q < ns; q++)
		for (int k = 0; k < nasg[q]; k++) {
			if (asg[q][k] != v)
				continue;
			if (q == p)
				return 0;
			if (S[q].start < S[p].end + rest &&
			    S[p].start < S[q].end + rest)
				return 0;
			if (S[q].start / 24 == d)
				day += S[q].end - S[q].start;
			week += S[q].end - S[q].start;
		}
	day += S[p].end - S[p].start;
	week += S[p].end - S[p].start;
	if (V[v].daycap && day > V[v].daycap)
		return 0;
	if (V[v].weekcap && week > V[v].weekcap)
		return 0;
	return 1;
}

static void
search(int p, int filled, int left)
{
	if (filled > best)
		best = filled;
	if (p == ns || filled + left <= best)
		return;
	/* seat by seat: choose volunteers for post p in increasing order */
	int left2 = left - S[p].head;
	/* enumerate subsets of size <= head by recursion on candidates */
	int cand[8], nc = 0;
	for (int v = 0; v < nv; v++)
		if (elig[v][p])
			cand[nc++] = v;
	/* subsets via bitmask over candidates (nc <= 6) */
	for (int m = (1 << nc) - 1; m >= 0; m--) {
		int cnt = __builtin_popcount((unsigned)m);
		if (cnt > S[p].head)
			continue;
		int ok = 1;
		nasg[p] = 0;
		for (int i = 0; i < nc && ok; i++)
			if (m & 1 << i) {
				if (!fits(cand[i], p))
					ok = 0;
				else
					asg[p][nasg[p]++] = cand[i];
			}
		if (ok)
			search(p + 1, filled + cnt, left2);
		nasg[p] = 0;
	}
}

static void
small(unsigned long seed, const char *dir)
{
	static const char *const skname[] = { "医生", "护士", "民警" };
	FILE *fp;
	int seats = 0;

	rng = seed * 7919 + 17;
	nv = 3 + rnd(4);
	ns = 3 + rnd(4);
	rest = rnd(3) == 0 ? 0 : rnd(2) ? 2 : 8;
	memset(V, 0, sizeof(V));
	memset(S, 0, sizeof(S));
	fp = open_out(dir, "posts.csv");
	fprintf(fp, "post,team,skill,start,end,headcount,needs_training\n");
	for (int p = 0; p < ns; p++) {
		static const int starts[] = { 0, 4, 6, 8, 10, 12, 14, 18, 20, 22 };
		static const int lens[] = { 4, 4, 5, 6, 6, 8 };
		struct spost *s = &S[p];
		s->start = starts[rnd(10)] + 24 * rnd(2);
		s->end = s->start + lens[rnd(6)];
		s->skill = rnd(5) - 2;		/* -2,-1 none */
		if (s->skill < 0)
			s->skill = SK_NONE;
		s->training = rnd(3) == 0;
		s->head = 1 + rnd(2);
		seats += s->head;
		fprintf(fp, "P%d,team,%s,2022-04-%02d %02d:00,2022-04-%02d "
		    "%02d:00,%d,%s\n", p + 1, s->skill >= 0 ? skname[s->skill] :
		    "", 11 + s->start / 24, s->start % 24, 11 + s->end / 24,
		    s->end % 24, s->head, s->training ? "yes" : "no");
	}
	close_out(fp);
	fp = open_out(dir, "volunteers.csv");
	fprintf(fp, "vid,name,skills,available,max_hours,max_week,trained,"
	    "role\n");
	for (int v = 0; v < nv; v++) {
		struct svol *a = &V[v];
		char avail[64] = "", skills[64] = "", cap[16] = "", wk[16] = "";
		a->staff = rnd(10) < 3;
		a->trained = rnd(10) < 7;
		for (int k = 0; k < 3; k++)
			if (rnd(10) < 3) {
				a->skills |= 1 << k;
				strcat(skills, skills[0] ? " " : "");
				strcat(skills, skname[k]);
			}
		int kind = rnd(4);
		if (kind == 0) {		/* any time */
			memset(a->avail, 1, HZ);
		} else if (kind == 3) {		/* Monday only */
			int from = rnd(12), to = from + 6 + rnd(12);
			if (to > 24)
				to = 24;
			snprintf(avail, sizeof(avail), "周一 %d:00-%d:00", from,
			    to);
			for (int h = from; h < to; h++)
				a->avail[H0 + h] = 1;
		} else {			/* every day, maybe past midnight */
			int from = rnd(24), len = 4 + rnd(14);
			int to = (from + len) % 24;
			snprintf(avail, sizeof(avail), "%02d:00-%02d:00", from,
			    to == 0 ? 24 : to);
			for (int d = -1; d <= 2; d++)
				for (int h = from; h < from + len; h++)
					if (H0 + 24 * d + h >= 0 &&
					    H0 + 24 * d + h < HZ)
						a->avail[H0 + 24 * d + h] = 1;
		}
		static const int caps[] = { 0, 4, 6, 8, 10, 12 };
		a->daycap = caps[rnd(6)];
		if (a->daycap)
			snprintf(cap, sizeof(cap), "%d", a->daycap);
		else
			a->daycap = a->staff ? 8 : 6;	/* the defaults */
		if (rnd(4) == 0) {
			a->weekcap = 6 + rnd(8);
			snprintf(wk, sizeof(wk), "%d", a->weekcap);
		}
		fprintf(fp, "%d,v%d,%s,%s,%s,%s,%s,%s\n", v + 1, v + 1, skills,
		    avail, cap, wk, a->trained ? "是" : "否",
		    a->staff ? "staff" : "volunteer");
	}
	close_out(fp);
	for (int v = 0; v < nv; v++)
		for (int p = 0; p < ns; p++)
			elig[v][p] = eligible(v, p);
	best = 0;
	search(0, 0, seats);
	printf("OPT %d ARGS --rest %d\n", best, rest);
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "district") == 0) {
		int nvol = 5000, days = 7;
		unsigned long seed = 1;
		int i;
		for (i = 2; i + 1 < argc && argv[i][0] == '-'; i += 2) {
			if (strcmp(argv[i], "-v") == 0)
				nvol = atoi(argv[i + 1]);
			else if (strcmp(argv[i], "-d") == 0)
				days = atoi(argv[i + 1]);
			else if (strcmp(argv[i], "-s") == 0)
				seed = strtoul(argv[i + 1], NULL, 10);
			else
				break;
		}
		if (i + 1 != argc || nvol <= 0 || days <= 0 || days > 14)
			goto usage;
		rng = seed;
		district(nvol, days, argv[i]);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "small") == 0) {
		small(strtoul(argv[2], NULL, 10), argv[3]);
		return ferror(stdout) || fflush(stdout) ? 2 : 0;
	}
usage:
	fprintf(stderr, "usage: gen-match district [-v N] [-d DAYS] [-s SEED] "
	    "DIR\n       gen-match small SEED DIR\n");
	return 2;
}
