/*
 * day.c — the first community's day: volunteers.csv, posts.csv and
 * orders.csv (group-buy orders).
 */
#include "gen.h"

void
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

void
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

void
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
