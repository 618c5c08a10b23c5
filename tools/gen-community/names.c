/*
 * names.c — names, phone numbers and dates: surnames with a skew to the
 * common ones, mobiles and landlines, full-width digits, civil days.
 */
#include "gen.h"

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

void
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

void
make_name(struct rng *r, char *out, size_t sz)
{
	char g[16];

	make_given(r, g, sizeof(g));
	snprintf(out, sz, "%s%s", pick_surname(r), g);
}

void
make_mobile(struct rng *r, char *out, size_t sz)
{
	/* second digit weighted as real allocations are: 3, 5, 8 most */
	static const char second[] = "3333355558888777999466";
	unsigned long long rest = (unsigned long long)rng_below(r, 1000000000u);

	snprintf(out, sz, "1%c%09llu", second[rng_below(r,
	    (uint32_t)(sizeof(second) - 1))], rest);
}

void
make_landline(struct rng *r, char *out, size_t sz)
{
	static const char first[] = "3556";

	char f = first[rng_below(r, 4)];
	unsigned rest = (unsigned)rng_below(r, 10000000u);

	snprintf(out, sz, "021-%c%07u", f, rest);
}

/* Full-width copy of an ASCII string of digits and dashes. */
void
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

const char *const cn_digit[] = {
	"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"
};

/* ---- dates ---------------------------------------------------------- */

long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
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
