/*
 * sites.c — sites.csv: the site plan (buildings, the gate), in metres.
 */
#include "gen.h"

void
write_sites(struct out *o, const struct comm *c, uint64_t seed, int district)
{
	struct rng r;
	double w, aspect, dx, dy;
	int cols, rows;

	rng_seed(&r, seed, ST_SITES, (uint64_t)c->idx);
	w = 300 + rng_unit(&r) * 300;
	aspect = 0.6 + rng_unit(&r) * 0.6;	/* height / width */
	cols = 1;
	while (cols * (int)((double)cols * aspect + 0.999) < c->nb)
		cols++;
	rows = (c->nb + cols - 1) / cols;
	dx = w / cols;
	dy = w * aspect / (rows > 0 ? rows : 1);
	if (district)
		out_cell(o, c->name);
	out_cells(o, "gate,gate");
	out_cellf(o, "%d", (int)(w / 2 + (rng_unit(&r) - 0.5) * dx));
	out_cellf(o, "%d", -rng_range(&r, 15, 40));
	out_end(o);
	for (int i = 1; i <= c->nb; i++) {
		int row = (i - 1) / cols, col = (i - 1) % cols;
		double x = dx * (col + 0.5) + (rng_unit(&r) - 0.5) * 16;
		double y = dy * (row + 0.5) + (rng_unit(&r) - 0.5) * 16;
		if (district)
			out_cell(o, c->name);
		out_cellf(o, "%d", i);
		out_cell(o, "building");
		out_cellf(o, "%d", (int)(x + 0.5));
		out_cellf(o, "%d", (int)(y + 0.5));
		out_end(o);
	}
}
