/*
 * gen-avail — availability as volunteers write it on a sign-up form, with
 * the truth, to measure how much of it sq-match reads.
 *
 *   gen-avail [-s SEED] [-n N]
 *	N rows (default 2000) on stdout: text,kind,truth.  text is what a
 *	volunteer wrote (days, times, both, two clauses; formats, spacing,
 *	full-width digits, notes in brackets, words before and after);
 *	kind names the shapes used ("days+after", "range+days" ...);
 *	truth is "refuse" for a text that gives no time ("看情况"), else
 *	the minutes of the reference week 2022-04-11 (Monday) to 04-17
 *	when the volunteer is free, as merged "from-to" ranges from Monday
 *	00:00, separated by spaces.
 *
 * The forms are written here from what sign-up sheets hold, not from
 * sq-match's parser (no code is shared with it); what a word means (上午
 * 08:00-12:00, "after 18:00" until 24:00, "before 10:00" from 06:00) is
 * what sq-match(1) documents.  tools/avail-score reads the output and
 * counts what match/avail reads right.  The output depends only on the
 * arguments.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

#define PICK(a)	((a)[rnd((int)(sizeof(a) / sizeof((a)[0])))])

/* ---- the truth: windows on the days of a mask ----------------------- */

#define WEEKMIN	(7 * 1440)

struct truth {
	/* free minutes of the week and the morning after it */
	unsigned char m[WEEKMIN + 1440];
};

static void
mark(struct truth *t, int mask, int from, int to)
{
	for (int d = 0; d < 7; d++)
		if (mask >> d & 1)
			for (int x = d * 1440 + from; x < d * 1440 + to; x++)
				t->m[x] = 1;
}

static void
print_truth(const struct truth *t, char *out, size_t sz)
{
	size_t o = 0;
	int n = WEEKMIN + 1440;

	out[0] = '\0';
	for (int x = 0; x < n;) {
		if (!t->m[x]) {
			x++;
			continue;
		}
		int y = x;
		while (y < n && t->m[y])
			y++;
		o += (size_t)snprintf(out + o, o < sz ? sz - o : 0, "%s%d-%d",
		    o ? " " : "", x, y);
		x = y;
	}
}

/* ---- pieces --------------------------------------------------------- */

static const char *const cn_num[] = { "零", "一", "二", "三", "四", "五",
	"六", "七", "八", "九", "十", "十一", "十二" };
static const char *const wd_cn[] = { "一", "二", "三", "四", "五", "六",
	"日" };

struct buf {
	char	 s[512];
	size_t	 n;
};

static void
add(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
add(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int k = vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, ap);
	va_end(ap);
	if (k > 0 && b->n + (size_t)k < sizeof(b->s))
		b->n += (size_t)k;
}

static const char *
day_prefix(void)
{
	static const char *const p[] = { "周", "周", "周", "星期", "礼拜" };

	return PICK(p);
}

/* days: a phrase and its mask; kind gets a word */
static int
gen_days(struct buf *b, const char **kind)
{
	int k = rnd(100);

	if (k < 12) {
		static const char *const all[] = { "每天", "每日", "天天",
		    "一周七天" };
		add(b, "%s", PICK(all));
		*kind = "everyday";
		return 0x7f;
	}
	if (k < 32) {
		static const char *const wk[] = { "工作日", "周一至周五",
		    "周一到周五", "星期一至星期五", "周一~周五", "周一-周五",
		    "周1-周5", "礼拜一到礼拜五", "周一至五", "平日", "平时" };
		add(b, "%s", PICK(wk));
		*kind = "weekdays";
		return 0x1f;
	}
	if (k < 52) {
		static const char *const we[] = { "周末", "周末", "双休日",
		    "周六日", "周六、周日", "周六和周日", "星期六、星期天",
		    "周六周日", "礼拜六礼拜天", "周六、日", "节假日" };
		const char *w = PICK(we);
		add(b, "%s", w);
		*kind = "weekend";
		return 0x60;
	}
	if (k < 64) {
		int d = rnd(7);
		const char *p = day_prefix();
		if (chance(20) && strcmp(p, "礼拜") != 0)
			add(b, "%s%d ", p, d + 1);	/* "周28-14点" is no form */
		else
			add(b, "%s%s", p, d == 6 && chance(50) ? "天" : wd_cn[d]);
		*kind = "one day";
		return 1 << d;
	}
	if (k < 74) {
		/* a list: 周一、三、五 */
		int n = 2 + rnd(2), d = rnd(3), mask = 0;
		static const char *const sep[] = { "、", "、", "", "，", "和" };
		const char *s = PICK(sep);
		add(b, "周");
		for (int i = 0; i < n && d < 7; i++, d += 1 + rnd(2)) {
			add(b, "%s%s", i ? s : "", wd_cn[d]);
			mask |= 1 << d;
		}
		*kind = "day list";
		return mask;
	}
	if (k < 84) {
		int a = rnd(5), z = a + 1 + rnd(6 - a);
		static const char *const to[] = { "到", "至", "-", "~" };
		const char *p = day_prefix();
		if (chance(30))
			add(b, "%s%s%s%s", p, wd_cn[a], PICK(to), wd_cn[z]);
		else
			add(b, "%s%s%s%s%s", p, wd_cn[a], PICK(to), p, wd_cn[z]);
		*kind = "day range";
		int mask = 0;
		for (int d = a; d <= z; d++)
			mask |= 1 << d;
		return mask;
	}
	if (k < 92) {
		int d = rnd(7);
		const char *p = day_prefix();
		switch (rnd(4)) {
		case 0: add(b, "除%s%s外", p, wd_cn[d]); break;
		case 1: add(b, "除了%s%s", p, wd_cn[d]); break;
		case 2: add(b, "%s%s除外", p, wd_cn[d]); break;
		default: add(b, "除%s%s以外", p, wd_cn[d]); break;
		}
		*kind = "except";
		return 0x7f & ~(1 << d);
	}
	/* dates of the reference week: 2022-04-11 is Monday */
	int d = rnd(7);
	switch (rnd(5)) {
	case 0: add(b, "4月%d日", 11 + d); break;
	case 1: add(b, "4月%d号", 11 + d); break;
	case 2: add(b, "2022-04-%02d", 11 + d); break;
	case 3: add(b, "4/%d", 11 + d); break;
	default: {
		int z = d + 1 + rnd(6 - d > 0 ? 6 - d : 1);
		if (z > 6)
			z = 6;
		add(b, "4月%d日-4月%d日", 11 + d, 11 + z);
		*kind = "dates";
		int mask = 0;
		for (int x = d; x <= z; x++)
			mask |= 1 << x;
		return mask;
	}
	}
	*kind = "date";
	return 1 << d;
}

/* a clock time in one of the ways people type it */
static void
clock_at(struct buf *b, int h, int m, int style)
{
	switch (style) {
	case 0: add(b, "%d:%02d", h, m); break;
	case 1: add(b, "%02d:%02d", h, m); break;
	case 2:
		if (m == 30)
			add(b, "%d点半", h);
		else if (m)
			add(b, "%d点%d分", h, m);
		else
			add(b, "%d点", h);
		break;
	case 3: add(b, "%d：%02d", h, m); break;		/* full-width colon */
	default: {
		/* full-width digits: U+FF10 + d */
		char tmp[32];
		int len = snprintf(tmp, sizeof(tmp), "%d:%02d", h, m);
		for (int i = 0; i < len; i++)
			if (tmp[i] == ':')
				add(b, "：");
			else
				add(b, "\xef\xbc%c", (char)(0x90 + tmp[i] - '0'));
		break;
	}
	}
}

/* a time of day with a period word before it, 12-hour style */
static void
period_clock(struct buf *b, int h, int m)
{
	const char *p;
	int hh = h;

	if (h < 6)
		p = "凌晨";
	else if (h < 9)
		p = chance(50) ? "早上" : "上午";
	else if (h < 12)
		p = "上午";
	else if (h == 12)
		p = "中午";
	else if (h < 18)
		p = "下午";
	else
		p = "晚上";
	if (h > 12)
		hh = h - 12;
	if (chance(15) && hh <= 12 && m == 0)
		add(b, "%s%s点", p, cn_num[hh]);
	else if (m == 30)
		add(b, "%s%d点半", p, hh);
	else if (chance(50))
		add(b, "%s%d点", p, hh);
	else
		add(b, "%s%d:%02d", p, hh, m);
}

struct win {
	int	 from, to;
};

/* times: windows written one way or another; their number */
static int
gen_times(struct buf *b, struct win *w, const char **kind)
{
	int k = rnd(100);
	static const char *const to[] = { "-", "-", "~", "至", "到", "—",
	    "～", " - " };

	if (k < 22) {
		static const struct { const char *w; int a, z; } per[] = {
			{ "上午", 480, 720 }, { "下午", 720, 1080 },
			{ "晚上", 1080, 1440 }, { "中午", 660, 840 },
			{ "傍晚", 1020, 1200 }, { "早上", 360, 540 },
			{ "白天", 480, 1080 }, { "全天", 0, 1440 },
			{ "夜间", 1320, 1920 }, { "晚间", 1080, 1440 },
			{ "整天", 0, 1440 }, { "午后", 720, 1080 },
			{ "下班后", 1080, 1440 }, { "晚饭后", 1140, 1440 },
		};
		int i = rnd((int)(sizeof(per) / sizeof(per[0])));
		add(b, "%s", per[i].w);
		w[0].from = per[i].a;
		w[0].to = per[i].z;
		*kind = "period";
		return 1;
	}
	if (k < 30) {
		static const char *const any[] = { "随时", "都可以", "时间不限",
		    "不限时间", "随叫随到", "24小时", "任何时间", "均可",
		    "全天都行", "时间灵活" };
		add(b, "%s", PICK(any));
		w[0].from = 0;
		w[0].to = 1440;
		*kind = "any time";
		return 1;
	}
	if (k < 58) {
		int a = 6 + rnd(14), len = 2 + rnd(5), ma = chance(20) ? 30 : 0;
		int z = a + len, mz = chance(15) ? 30 : 0;
		if (z > 24 || (z == 24 && mz))
			z = 24, mz = 0;
		int style = rnd(6);
		if (style == 5 && z < 24) {
			period_clock(b, a, ma);
			add(b, "%s", PICK(to));
			if (chance(50))
				period_clock(b, z, mz);
			else
				add(b, "%d点%s", z > 12 ? z - 12 : z, mz ? "半" : "");
		} else if (style == 4 && ma == 0 && mz == 0) {
			add(b, "%d%s%d点", a, PICK(to), z);
		} else {
			int cs = rnd(5);
			clock_at(b, a, ma, cs);
			add(b, "%s", PICK(to));
			clock_at(b, z, mz, cs);
		}
		w[0].from = a * 60 + ma;
		w[0].to = z * 60 + mz;
		*kind = "range";
		return 1;
	}
	if (k < 78) {
		/* after a time: until the end of the day */
		int a = 7 + rnd(14), ma = chance(15) ? 30 : 0;
		static const char *const after[] = { "以后", "后", "之后",
		    "以后都可以", "起", "开始", "以后均可" };
		int style = rnd(4);
		if (style == 0 && a >= 13)
			period_clock(b, a, ma);
		else if (style == 1)
			add(b, "从");
		if (style != 0 || a < 13)
			clock_at(b, a, ma, rnd(4));
		add(b, "%s", PICK(after));
		w[0].from = a * 60 + ma;
		w[0].to = 1440;
		*kind = "after";
		return 1;
	}
	if (k < 86) {
		/* before a time: from 06:00 */
		int z = 8 + rnd(10);
		static const char *const before[] = { "前", "以前", "之前" };
		if (chance(40))
			period_clock(b, z, 0);
		else
			clock_at(b, z, 0, rnd(4));
		add(b, "%s", PICK(before));
		w[0].from = 360;
		w[0].to = z * 60;
		*kind = "before";
		return 1;
	}
	/* two windows */
	static const char *const join[] = { "，", ",", "、", "和", " ", "；",
	    "及" };
	if (chance(50)) {
		add(b, "上午%s晚上", PICK(join));
		w[0].from = 480, w[0].to = 720;
		w[1].from = 1080, w[1].to = 1440;
	} else {
		int a = 7 + rnd(3), z = 18 + rnd(2);
		int cs = rnd(4);
		clock_at(b, a, 0, cs);
		add(b, "-");
		clock_at(b, a + 3, 0, cs);
		add(b, "%s", PICK(join));
		clock_at(b, z, 0, cs);
		add(b, "-");
		clock_at(b, z + 3 + (z == 18), 0, cs);
		w[0].from = a * 60, w[0].to = (a + 3) * 60;
		w[1].from = z * 60, w[1].to = (z + 3 + (z == 18)) * 60;
	}
	*kind = "two windows";
	return 2;
}

static const char *const refuse[] = { "看情况", "待定", "不确定", "电话联系",
	"另行通知", "视情况而定", "不一定", "有时间就来", "到时候再说",
	"看工作安排" };

static void
gen_row(struct buf *b, char *kind, size_t ksz, struct truth *t, int *refused)
{
	int clauses = chance(15) ? 2 : 1;

	*refused = 0;
	memset(t, 0, sizeof(*t));
	kind[0] = '\0';
	if (chance(5)) {
		add(b, "%s", PICK(refuse));
		snprintf(kind, ksz, "no time");
		*refused = 1;
		return;
	}
	int days_only = 0;
	for (int c = 0; c < clauses; c++) {
		const char *dk = NULL, *tk = NULL;
		struct win w[2];
		int mask = 0x7f, nw = 0, shape = rnd(10);
		if (c > 0) {
			static const char *const sep[] = { "；", ";", "，", " ",
			    "。", "; " };
			static const char *const strong[] = { "；", ";", "。",
			    "; " };
			/* "周三至六，除周四外晚上" is one clause to a reader:
			   after days alone, only a full stop parts two */
			add(b, "%s", days_only ? PICK(strong) : PICK(sep));
		}
		if (chance(5))
			add(b, "%s", chance(50) ? "可以" : "有空：");
		if (shape < 8)
			days_only = 0;
		if (shape < 6 || (clauses == 2 && shape < 8)) {
			/* days and times */
			mask = gen_days(b, &dk);
			/* "2022-04-1216:00" is no form: digits apart */
			if (chance(40) || (b->n > 0 && b->s[b->n - 1] >= '0' &&
			    b->s[b->n - 1] <= '9'))
				add(b, " ");
			nw = gen_times(b, w, &tk);
		} else if (shape < 8) {
			nw = gen_times(b, w, &tk);
		} else {
			mask = gen_days(b, &dk);
			days_only = 1;
			if (chance(30)) {
				add(b, "%s", chance(50) ? "全天" : "都可以");
				days_only = 0;
			}
			w[0].from = 0, w[0].to = 1440;
			nw = 1;
		}
		if (chance(6)) {
			static const char *const after[] = { "有空", "可以",
			    "均可", "都行" };
			add(b, "%s", PICK(after));
		}
		for (int i = 0; i < nw; i++)
			mark(t, mask, w[i].from, w[i].to);
		size_t kl = strlen(kind);
		snprintf(kind + kl, ksz - kl, "%s%s%s%s", c ? " / " : "",
		    dk ? dk : "", dk && tk ? "+" : "", tk ? tk : "");
	}
	if (chance(6)) {
		static const char *const note[] = { "（需提前通知）",
		    "(提前一天说)", "（视疫情而定）", "【优先安排】" };
		add(b, "%s", PICK(note));
	}
	if (chance(4))
		add(b, "。");
}

static void
csv_cell(const char *s)
{
	if (strpbrk(s, ",\"\n") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

int
main(int argc, char **argv)
{
	long n = 2000, seed = 1;
	int ch;

	while ((ch = getopt(argc, argv, "s:n:")) != -1)
		switch (ch) {
		case 's': seed = atol(optarg); break;
		case 'n': n = atol(optarg); break;
		default:
			fprintf(stderr, "usage: gen-avail [-s SEED] [-n N]\n");
			return 2;
		}
	rng = (uint64_t)seed * 0x2545F4914F6CDD1DULL + 7;
	static struct truth t;
	static char tb[8 * (WEEKMIN + 1440)];
	printf("text,kind,truth\n");
	for (long i = 0; i < n; i++) {
		struct buf b = { "", 0 };
		char kind[128];
		int refused;
		gen_row(&b, kind, sizeof(kind), &t, &refused);
		b.s[b.n] = '\0';
		if (refused)
			snprintf(tb, sizeof(tb), "refuse");
		else
			print_truth(&t, tb, sizeof(tb));
		csv_cell(b.s);
		putchar(',');
		csv_cell(kind);
		putchar(',');
		csv_cell(tb);
		putchar('\n');
	}
	return ferror(stdout) || fflush(stdout) ? 2 : 0;
}
