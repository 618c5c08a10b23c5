/*
 * places.c — names interned to small numbers, the households' and
 * carers' keys, communities, buildings and grids, the site plan.
 */
#include "state.h"

/* ---- names interned to small numbers (0 is "") ---------------------- */

/*
 * The id of a name, UINT32_MAX when it is not there; "" is 0.  The table
 * is lib/strtab's (sq_strtab_id adds).
 */
uint32_t
names_find(const struct sq_strtab *N, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	long i = sq_strtab_find(N, s, len);
	return i < 0 ? UINT32_MAX : (uint32_t)i;
}

const char *
home_key(void *ctx, uint32_t i, size_t *len)
{
	struct care *C = ctx;

	*len = strlen(C->h[i].hh);
	return C->h[i].hh;
}

/* the homes, in their final order, for lib/resolve */
void
build_resolver(struct care *C)
{
	if (C->res)
		sq_resolver_free(C->res);
	C->res = sq_resolver_new_borrowed(home_key, C);
	sq_resolver_reserve(C->res, C->nh);
	for (size_t i = 0; i < C->nh; i++)
		sq_resolver_add(C->res, C->h[i].hh, strlen(C->h[i].hh),
		    (uint32_t)i);
}

const char *
carer_key(void *ctx, uint32_t i, size_t *len)
{
	struct care *C = ctx;

	*len = strlen(C->k[i].vid);
	return C->k[i].vid;
}

char *
dup_cell(struct care *C, const struct sq_rec *rec, long col)
{
	size_t len;
	const char *p = sq_rec_cell_trim(rec, col, &len);

	return sq_arena_strndup(&C->arena, p, len);
}

char *
adup(struct care *C, const char *s)
{
	return sq_arena_strndup(&C->arena, s, strlen(s));
}

/* ---- places --------------------------------------------------------- */

/*
 * The building part of a household key: "C1a2b3c4d-B0012-U02-R0502" ->
 * "C1a2b3c4d-B0012" (zone and lane stay: they are part of the building).
 */
size_t
building_of_key(const char *key)
{
	const char *u = strstr(key, "-U");

	return u ? (size_t)(u - key) : strlen(key);
}

uint32_t
intern_building(struct care *C, const char *key, size_t len, const char *shown)
{
	uint32_t id = sq_strtab_id(&C->blds, key, len);

	if (id >= C->nb) {
		if (id >= C->capb) {
			size_t cap = C->capb ? 2 * C->capb : 256;
			while (cap <= id)
				cap *= 2;
			C->b = sq_xrealloc(C->b, cap * sizeof(*C->b));
			memset(C->b + C->capb, 0, (cap - C->capb) * sizeof(*C->b));
			C->capb = cap;
		}
		C->nb = id + 1;
	}
	if (C->b[id].shown == NULL && shown && *shown)
		C->b[id].shown = adup(C, shown);
	return id;
}

/* a building's households by grid: its four commonest are enough */
void
count_grid(struct care *C, uint32_t b, uint32_t grid)
{
	struct bld *B = &C->b[b];
	int least = 0;

	if (grid == 0)
		return;
	for (int i = 0; i < 4; i++) {
		if (B->grid[i] == grid) {
			B->gcount[i]++;
			return;
		}
		if (B->gcount[i] < B->gcount[least])
			least = i;
	}
	if (B->gcount[least] == 0) {
		B->grid[least] = grid;
		B->gcount[least] = 1;
	}
}

uint32_t
grid_of_building(const struct care *C, uint32_t b)
{
	const struct bld *B = &C->b[b];
	int best = -1;

	for (int i = 0; i < 4; i++)
		if (B->gcount[i] > 0 && (best < 0 || B->gcount[i] >
		    B->gcount[best] || (B->gcount[i] == B->gcount[best] &&
		    strcmp(C->grids.s[B->grid[i]], C->grids.s[B->grid[best]]) < 0)))
			best = i;
	return best < 0 ? 0 : B->grid[best];
}

/*
 * A building as people write it ("12号楼", "12栋", "十二号楼", "A座"), in a
 * community: its key, and the building as shown.  -1 with why.
 */
int
parse_building(const char *community, size_t clen, const char *text,
    char key[SQ_ADDR_KEYMAX], char shown[16], const char **why)
{
	struct sq_addr a;
	char *t = sq_xstrdup(text);
	int rc = sq_addr_from_parts(t, NULL, "1", &a, why);

	free(t);
	if (rc < 0 || a.building[0] == '\0') {
		if (rc == 0)
			*why = "no building number";
		return -1;
	}
	a.unit[0] = '\0';
	a.room[0] = '\0';
	if (clen)
		sq_addr_key_community(community, clen, &a, key, SQ_ADDR_KEYMAX);
	else
		sq_addr_key(&a, key, SQ_ADDR_KEYMAX);
	key[building_of_key(key)] = '\0';
	snprintf(shown, 16, "%s", a.building);
	return 0;
}

/* ---- the site plan ---------------------------------------------------- */

int
read_sites(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	int st;
	double lat0 = 0, lon0 = 0;
	int have0 = 0;

	o.aliases = C->al_sites;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	long cs = sq_reader_col(r, "site"), cx = sq_reader_col(r, "x"),
	    cy = sq_reader_col(r, "y"), cla = sq_reader_col(r, "lat"),
	    clo = sq_reader_col(r, "lon"), ck = sq_reader_col(r, "kind"),
	    cc = sq_reader_col(r, "community");
	if (cs < 0)
		cs = sq_reader_col(r, "building");
	int latlon = !(cx >= 0 && cy >= 0);
	if (cs < 0 || (latlon && (cla < 0 || clo < 0))) {
		sq_error("%s: not a site plan: give site (the building), and x "
		    "and y in metres or lat and lon", path);
		sq_reader_close(r);
		return -1;
	}
	size_t olen = 0;
	const char *only = only_community(C, &olen);
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len, cl;
		const char *p, *why;
		double a, b;
		if (st == SQ_READ_BAD) {
			sq_problem(path, rec.line, "%s", rec.err);
			continue;
		}
		C->srows++;
		p = sq_rec_cell_trim(&rec, ck, &len);
		char *kind = sq_fold_lower(p, len);
		int skip = *kind && strcmp(kind, "building") != 0 &&
		    strcmp(kind, "楼") != 0 && strcmp(kind, "楼栋") != 0;
		free(kind);
		if (skip)
			continue;	/* the gate, a depot: not a home */
		const char *cm = sq_rec_cell_trim(&rec, cc, &cl);
		if (cl == 0) {
			if (only == NULL) {
				sq_problem(path, rec.line, "no community, and "
				    "the households are in %zu: this site is "
				    "left out", C->comms.n - 1);
				continue;
			}
			cm = only;
			cl = olen;
		}
		p = sq_rec_cell_trim(&rec, latlon ? cla : cx, &len);
		int bad = sq_double_parse(p, len, &a) != SQ_VAL_OK;
		p = sq_rec_cell_trim(&rec, latlon ? clo : cy, &len);
		bad |= sq_double_parse(p, len, &b) != SQ_VAL_OK;
		if (!bad && latlon && (fabs(a) > 90 || fabs(b) > 180))
			bad = 1;
		char *site = dup_cell(C, &rec, cs), key[SQ_ADDR_KEYMAX],
		    shown[16];
		if (bad) {
			sq_problem(path, rec.line, "site '%s': bad coordinates "
			    "(%s)", site, latlon ? "lat, lon in degrees" :
			    "x, y in metres");
			continue;
		}
		if (parse_building(cm, cl, site, key, shown, &why) < 0) {
			/* "gate", "大门" without a kind column */
			continue;
		}
		if (latlon) {
			if (!have0) {
				lat0 = a;
				lon0 = b;
				have0 = 1;
			}
			double x = (b - lon0) * 111320.0 * cos(lat0 * M_PI / 180);
			double y = (a - lat0) * 110540.0;
			a = x;
			b = y;
		}
		uint32_t id = intern_building(C, key, strlen(key), shown);
		if (C->b[id].has_xy) {
			sq_warn(path, rec.line, "site '%s' is on the plan "
			    "twice; the first holds", site);
			continue;
		}
		C->b[id].x = a;
		C->b[id].y = b;
		C->b[id].has_xy = 1;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	C->plan = 1;
	return st == SQ_READ_IOERR ? -1 : 0;
}
