/*
 * cells.c — how a cell is typed: an address in a roster's forms, yes/no
 * words, members, phones as Excel mangles them.
 */
#include "gen.h"

/*
 * Render an address; space: 0 none, 1 leading, 2 trailing, 3 inside.
 */
void
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

const char *
yes_cell(struct rng *r, int messy, int style, int v)
{
	if (!messy)
		return v ? "是" : "否";
	if (rng_chance(r, 0.03))
		style = (int)rng_below(r, 4);
	return yes_style[style][!v];
}

void
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
void
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
