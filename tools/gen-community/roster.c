/*
 * roster.c — roster.csv (the household roster) and, with --messy,
 * residents.csv (a per-person sheet of a few buildings).
 */
#include "gen.h"

const char roster_header[] =
    "序号,小区,地址,户主姓名,联系电话,家庭人数,独居老人,慢性病,残疾,孕妇,"
    "婴幼儿,网格员,备注";

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

void
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

void
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
