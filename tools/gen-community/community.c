/*
 * community.c — the community made up: buildings, grids, households in real
 * flats, their members, vulnerable people and notes.
 */
#include "gen.h"

const char *const comm_prefix[] = {
	"阳光", "幸福", "和平", "金桥", "春江", "锦绣", "翠湖", "明珠", "东方",
	"绿洲", "长宁", "兴业", "华府", "紫薇", "枫林", "梅园", "桃源", "康乐",
	"永安", "新华", "滨江", "碧云", "嘉和", "丽景", "万科", "海棠", "银杏",
	"青松", "虹桥", "南苑", "北辰", "西郊", "恒通", "瑞金", "安居", "育才",
	"振兴", "龙华", "静安", "惠民"
};
static const char *const comm_suffix[] = {
	"小区", "花园", "新村", "苑", "公寓", "家园", "城", "名邸"
};
#define NPREFIX (sizeof(comm_prefix) / sizeof(comm_prefix[0]))
#define NSUFFIX (sizeof(comm_suffix) / sizeof(comm_suffix[0]))

static void
comm_name(int i, char *out, size_t sz)
{
	size_t k = (size_t)i;
	const char *p = comm_prefix[k % NPREFIX];
	const char *s = comm_suffix[(k / NPREFIX) % NSUFFIX];
	size_t phase = k / (NPREFIX * NSUFFIX);

	if (phase == 0)
		snprintf(out, sz, "%s%s", p, s);
	else
		snprintf(out, sz, "%s%s%zu期", p, s, phase + 1);
}


static int
bldg_capacity(const struct bldg *b)
{
	return b->units * b->floors * b->perfloor;
}

/* Make building b one size bigger; 0 if it is already the biggest. */
static int
bldg_grow(struct bldg *b)
{
	if (b->floors == 6) {
		b->floors = 11;
		b->units = b->units < 2 ? 2 : b->units;
	} else if (b->floors == 11) {
		b->floors = 18;
		b->perfloor = 3;
	} else if (b->perfloor < 4)
		b->perfloor++;
	else if (b->units < 4)
		b->units++;
	else
		return 0;
	return 1;
}


/* A roster's address form: 号楼 30%, 栋 25%, dash 25%, 幢 12%, full-width. */
int
roster_form(struct rng *r)
{
	uint32_t t = rng_below(r, 100);

	return t < 30 ? A_HAO : t < 55 ? A_DONG : t < 80 ? A_DASH :
	    t < 92 ? A_ZHUANG : A_FULL;
}

static const char *const notes[] = {
	"租户", "租户", "租户", "行动不便", "需定期配药", "居家办公",
	"外地返沪", "透析患者", "常住人口", "有宠物"
};

void
gen_community(struct comm *c, int idx, size_t n, int nb, uint64_t seed)
{
	struct rng r;
	long cap = 0, need = (long)((double)n / 0.92) + 1;

	memset(c, 0, sizeof(*c));
	c->idx = idx;
	comm_name(idx, c->name, sizeof(c->name));
	rng_seed(&r, seed, ST_COMMUNITY, (uint64_t)idx);
	if (nb <= 0)
		nb = (int)((n + 30) / 60);
	if (nb < 1)
		nb = 1;
	c->nb = nb;
	c->b = sq_xcalloc((size_t)nb + 1, sizeof(*c->b));
	for (int i = 1; i <= nb; i++) {
		struct bldg *b = &c->b[i];
		uint32_t t = rng_below(&r, 100);
		if (t < 45) {
			b->floors = 6;
			b->units = rng_range(&r, 2, 4);
			b->perfloor = 2;
		} else if (t < 75) {
			b->floors = 11;
			b->units = rng_range(&r, 2, 3);
			b->perfloor = 2;
		} else {
			b->floors = 18;
			b->units = rng_range(&r, 1, 2);
			b->perfloor = rng_range(&r, 2, 4);
		}
		cap += bldg_capacity(b);
	}
	/* grow random buildings until the households fit, with vacancies */
	while (cap < need) {
		int tries = 0, i;
		do
			i = rng_range(&r, 1, nb);
		while (bldg_capacity(&c->b[i]) >= MAXFLATS && ++tries < 64);
		if (tries >= 64) {
			for (i = 1; i <= nb && bldg_capacity(&c->b[i]) >=
			    MAXFLATS;)
				i++;
			if (i > nb)
				break;	/* all full size: fewer vacancies */
		}
		cap -= bldg_capacity(&c->b[i]);
		bldg_grow(&c->b[i]);
		cap += bldg_capacity(&c->b[i]);
	}
	if ((long)n > cap)	/* main() checked this */
		sq_fatal("%zu households do not fit in %d buildings", n, nb);

	/* grid workers: one per 2-4 consecutive buildings */
	c->grid = sq_xcalloc((size_t)nb + 1, sizeof(*c->grid));
	c->style = sq_xcalloc((size_t)nb + 1, sizeof(*c->style));
	for (int i = 1; i <= nb;) {
		int k = rng_range(&r, 2, 4);
		if (nb - i + 1 - k == 1)
			k++;
		for (int j = i; j < i + k && j <= nb; j++)
			c->b[j].grid = c->ng;
		make_name(&r, c->grid[c->ng], sizeof(c->grid[0]));
		c->style[c->ng].addr = roster_form(&r);
		c->style[c->ng].yes = (int)rng_below(&r, 4);
		c->style[c->ng].members = (int)rng_below(&r, 3);
		c->ng++;
		i += k;
	}

	/* households: n of the cap flats, in order (selection sampling) */
	c->h = sq_xcalloc(n ? n : 1, sizeof(*c->h));
	long seen = 0;
	for (int bi = 1; bi <= nb; bi++) {
		const struct bldg *b = &c->b[bi];
		for (int u = 1; u <= b->units; u++)
		for (int f = 1; f <= b->floors; f++)
		for (int k = 1; k <= b->perfloor; k++, seen++) {
			if ((long)rng_below(&r, (uint32_t)(cap - seen)) >=
			    (long)(n - c->n))
				continue;
			struct hh *h = &c->h[c->n++];
			h->b = bi;
			h->u = u;
			h->room = f * 100 + k;
			h->grid = b->grid;
		}
	}

	for (size_t i = 0; i < c->n; i++) {
		struct hh *h = &c->h[i];
		static const int msize[] = { 12, 30, 30, 15, 9, 4 };
		int t = (int)rng_below(&r, 100), m = 0;
		while (t >= msize[m]) {
			t -= msize[m];
			m++;
		}
		h->members = m + 1;
		make_name(&r, h->name, sizeof(h->name));
		h->age = rng_range(&r, 28, 82);
		if (rng_chance(&r, 0.03)) {
			h->flags |= F_ELDERLY;
			h->members = 1;
			h->age = rng_range(&r, 70, 94);
		}
		if (rng_chance(&r, h->age >= 60 ? 0.22 : 0.08))
			h->flags |= F_CHRONIC;
		if (rng_chance(&r, 0.02))
			h->flags |= F_DISABLED;
		if (!(h->flags & F_ELDERLY) && rng_chance(&r, 0.01)) {
			h->flags |= F_PREGNANT;
			h->age = rng_range(&r, 26, 38);
			if (h->members < 2)
				h->members = 2;
		}
		if (!(h->flags & F_ELDERLY) && rng_chance(&r, 0.04)) {
			h->flags |= F_INFANT;
			if (h->members < 3)
				h->members = 3;
		}
		if (rng_chance(&r, h->flags & F_ELDERLY ? 0.3 : 0.02))
			make_landline(&r, h->phone, sizeof(h->phone));
		else
			make_mobile(&r, h->phone, sizeof(h->phone));
		h->note = rng_chance(&r, 0.06) ?
		    notes[rng_below(&r, sizeof(notes) / sizeof(notes[0]))] :
		    "";
		/* chance of checking in: most always, some often, few never */
		t = (int)rng_below(&r, 100);
		h->p = t < 80 ? 0.97f : t < 96 ? 0.75f : 0.2f;
		if (h->flags & F_ELDERLY)
			h->p *= 0.9f;
	}
}

void
free_community(struct comm *c)
{
	free(c->b);
	free(c->grid);
	free(c->style);
	free(c->h);
}
