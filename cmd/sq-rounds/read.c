/*
 * read.c — the tables sq-rounds reads: the site plan and its walking
 * distances, the roster, the couriers, the orders (each to its household,
 * its building, its floor).  Columns by canonical name (aliases.txt).
 */
#include "rounds.h"

static char *
cell_dup(const struct sq_rec *rec, long col)
{
	size_t len;
	const char *s = sq_rec_cell(rec, col, &len);

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return sq_xstrndup(s, len);
}

/*
 * A building's name reduced for matching: "B0012", "12", "0012", "12号楼",
 * "12栋", "12幢", "12#" all become "12"; letters are upper-cased.
 */
static char *
bld_key(const char *s)
{
	size_t n = strlen(s);
	char *out = sq_xmalloc(n + 1), *o = out;
	static const char *const suf[] = { "号楼", "栋", "幢", "号", "#", "座",
	    NULL };

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (int again = 1; again;) {
		again = 0;
		for (const char *const *x = suf; *x; x++) {
			size_t l = strlen(*x);
			if (n > l && memcmp(s + n - l, *x, l) == 0) {
				n -= l;
				again = 1;
			}
		}
	}
	if (n > 1 && (s[0] == 'B' || s[0] == 'b') && isdigit((unsigned char)s[1])) {
		s++;
		n--;
	}
	while (n > 1 && s[0] == '0' && isdigit((unsigned char)s[1])) {
		s++;
		n--;
	}
	for (size_t i = 0; i < n; i++)
		*o++ = (char)toupper((unsigned char)s[i]);
	*o = '\0';
	return out;
}

/* "0502" -> "502", "0012A" -> "12A", "0000" -> "0". */
static void
strip_zeros(const char *s, size_t n, char *out, size_t outsz)
{
	while (n > 1 && s[0] == '0' && isdigit((unsigned char)s[1])) {
		s++;
		n--;
	}
	snprintf(out, outsz, "%.*s", (int)n, s);
}

/*
 * The parts of a household key, [C...-][Z..-][L..-]B..-U..-R..[-..]:
 * building, unit, room without their letters and leading zeros.  0, or -1
 * when there is no B part.
 */
static int
hh_parts(const char *hh, char *bld, char *unit, char *room, size_t sz)
{
	const char *p = hh;
	int have_b = 0;

	*bld = *unit = *room = '\0';
	while (*p) {
		const char *e = strchr(p, '-');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n > 1 && p[0] == 'B' && !have_b) {
			strip_zeros(p + 1, n - 1, bld, sz);
			have_b = 1;
		} else if (n > 1 && p[0] == 'U' && have_b)
			strip_zeros(p + 1, n - 1, unit, sz);
		else if (n > 1 && p[0] == 'R' && have_b) {
			strip_zeros(p + 1, n - 1, room, sz);
			if (e && e[1]) {	/* a sub-let room "502-1" */
				size_t l = strlen(room);
				snprintf(room + l, sz - l, "%s", e);
			}
			break;
		}
		if (!e)
			break;
		p = e + 1;
	}
	return have_b ? 0 : -1;
}

/* Floor from a room number: 502 -> 5, 1201 -> 12, 12 -> 1. */
static int
room_floor(const char *room)
{
	long v = 0;
	int nd = 0;

	while (isdigit((unsigned char)*room) && nd < 9) {
		v = v * 10 + (*room++ - '0');
		nd++;
	}
	if (nd >= 3 && v / 100 >= 1)
		return (int)(v / 100);
	return 1;
}

/* Natural comparison: digit runs as numbers. */
int
natcmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			size_t la = 0, lb = 0;
			while (isdigit((unsigned char)a[la]))
				la++;
			while (isdigit((unsigned char)b[lb]))
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = memcmp(a, b, la);
			if (c)
				return c;
			a += la;
			b += lb;
		} else {
			if (*a != *b)
				return (unsigned char)*a < (unsigned char)*b ?
				    -1 : 1;
			a++;
			b++;
		}
	}
	return (*a != 0) - (*b != 0);
}

/* ---- reading ---- */

/*
 * Columns by canonical name: what people write for each is in the [rounds]
 * section of aliases.txt.  A list is the names to try, in order: a sites
 * table may name its sites by building, a couriers table by vid or name.
 */
static const char *const C_SITE[] = { "site", "building", "name", NULL };
static const char *const C_X[] = { "x", NULL };
static const char *const C_Y[] = { "y", NULL };
static const char *const C_LAT[] = { "lat", NULL };
static const char *const C_LON[] = { "lon", NULL };
static const char *const C_KIND[] = { "kind", NULL };
static const char *const C_LIFT[] = { "lift", NULL };
static const char *const C_ORDER[] = { "order", NULL };
static const char *const C_HH[] = { "hh", NULL };
static const char *const C_PARCELS[] = { "parcels", NULL };
static const char *const C_DOOR[] = { "door", NULL };
static const char *const C_URGENT[] = { "urgent", NULL };
static const char *const C_BLD[] = { "building", NULL };
static const char *const C_UNIT[] = { "unit", NULL };
static const char *const C_ROOM[] = { "room", NULL };
static const char *const C_VULN[] = { "elderly_alone", "disabled",
	"pregnant", NULL };
static const char *const C_VULNCOL[] = { "vulnerable", NULL };
static const char *const C_FROM[] = { "from", NULL };
static const char *const C_TO[] = { "to", NULL };
static const char *const C_DIST[] = { "distance_m", NULL };
static const char *const C_COURIER[] = { "courier", "vid", "name", NULL };
static const char *const C_CAP[] = { "capacity", NULL };

/* The helpers below return 0, or -1 when the run must stop (exit 2, the
   reason said); data problems are said and counted, and the run goes on. */
static struct sq_reader *
open_table(const char *path, struct sq_common *c)
{
	return sq_reader_open(path, &c->in);
}

static int
parse_num(const char *s, size_t len, double *out)
{
	return sq_double_parse(s, len, out) == SQ_VAL_OK ? 0 : -1;
}

int
read_sites(struct plan *pl, const char *path, struct sq_common *c)
{
	struct sq_reader *r = open_table(path, c);
	if (r == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	long cs = sq_reader_col_any(r, C_SITE), cx = sq_reader_col_any(r, C_X);
	long cy = sq_reader_col_any(r, C_Y), cla = sq_reader_col_any(r, C_LAT);
	long clo = sq_reader_col_any(r, C_LON);
	long ck = sq_reader_col_any(r, C_KIND);
	long cl = sq_reader_col_any(r, C_LIFT);
	struct sq_rec rec;
	int st, cap = 0;

	if (cs < 0) {
		sq_error("%s: no 'site' column (the building, as the "
		    "households table names it)", name);
		sq_reader_close(r);
		return -1;
	}
	if (cx >= 0 && cy >= 0)
		pl->latlon = 0;
	else if (cla >= 0 && clo >= 0)
		pl->latlon = 1;
	else {
		sq_error("%s: no coordinates: give x and y (metres on the "
		    "plan) or lat and lon", name);
		sq_reader_close(r);
		return -1;
	}
	pl->gate = -1;
	sq_rejects_table(pl->rj, "sites", sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *s;
		double a, b;
		char why[256];
		pl->rows_sites++;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(pl->rj, name, &rec, rec.err);
			continue;
		}
		char *sn = cell_dup(&rec, cs);
		if (*sn == '\0') {
			sq_rejects_add(pl->rj, name, &rec, _("no site name"));
			free(sn);
			continue;
		}
		long c1 = pl->latlon ? cla : cx, c2 = pl->latlon ? clo : cy;
		s = sq_rec_cell(&rec, c1, &len);
		int bad = parse_num(s, len, &a) < 0;
		s = sq_rec_cell(&rec, c2, &len);
		bad |= parse_num(s, len, &b) < 0;
		if (!bad && pl->latlon && (fabs(a) > 90 || fabs(b) > 180))
			bad = 1;
		if (bad) {
			snprintf(why, sizeof(why), _("site '%s': bad "
			    "coordinates (%s)"), sn, pl->latlon ? "lat, lon in "
			    "degrees" : "x, y in metres");
			sq_rejects_add(pl->rj, name, &rec, why);
			free(sn);
			continue;
		}
		int gate = 0;
		s = sq_rec_cell(&rec, ck, &len);
		/* the words of share/sites.txt (values/sites.c) */
		if (ck >= 0 && len > 0)
			gate = sq_site_kind(c->in.datadir, s, len) ==
			    SQ_SITE_GATE;
		else
			gate = sq_site_kind(c->in.datadir, sn,
			    strlen(sn)) == SQ_SITE_GATE;
		int lift = -1;
		s = sq_rec_cell(&rec, cl, &len);
		if (cl >= 0 && len > 0) {
			lift = sq_bool_parse(s, len);
			if (lift == -2) {
				sq_warn(name, rec.line, "lift '%.*s': not yes "
				    "or no; taken as unknown", (int)len, s);
				lift = -1;
			}
		}
		if (gate && pl->gate >= 0) {
			sq_error("%s:%ld: a second gate ('%s'); mark only one "
			    "site as the gate", name, rec.line, sn);
			free(sn);
			st = SQ_READ_IOERR;	/* stop here, as on a read error */
			break;
		}
		char *key = bld_key(sn);
		for (int i = 0; i < pl->nsites; i++)
			if (!gate && i != pl->gate &&
			    strcmp(pl->sites[i].key, key) == 0) {
				snprintf(why, sizeof(why), _("site '%s' is "
				    "already on line %ld"), sn,
				    pl->sites[i].line);
				sq_rejects_add(pl->rj, name, &rec, why);
				free(sn);
				free(key);
				goto next;
			}
		if (pl->nsites == cap) {
			cap = cap ? cap * 2 : 64;
			pl->sites = sq_xrealloc(pl->sites, (size_t)cap *
			    sizeof(*pl->sites));
		}
		struct site *x = &pl->sites[pl->nsites];
		memset(x, 0, sizeof(*x));
		x->name = sn;
		x->key = key;
		x->line = rec.line;
		x->lift = lift;
		if (pl->latlon) {
			x->lat = a;
			x->lon = b;
		} else {
			x->x = a;
			x->y = b;
		}
		if (gate)
			pl->gate = pl->nsites;
		pl->nsites++;
next:		;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st == SQ_READ_IOERR)
		return -1;
	if (pl->gate < 0) {
		sq_error("%s: no gate: name one site \"gate\" or give it "
		    "kind gate", path);
		return -1;
	}
	if (pl->latlon) {	/* project on a local plan, in metres */
		double lat0 = pl->sites[pl->gate].lat * M_PI / 180;
		for (int i = 0; i < pl->nsites; i++) {
			struct site *x = &pl->sites[i];
			x->x = (x->lon - pl->sites[pl->gate].lon) * 111320.0 *
			    cos(lat0);
			x->y = (x->lat - pl->sites[pl->gate].lat) * 110540.0;
		}
	}
	return 0;
}

static double
haversine(const struct site *a, const struct site *b)
{
	double la1 = a->lat * M_PI / 180, la2 = b->lat * M_PI / 180;
	double dla = la2 - la1, dlo = (b->lon - a->lon) * M_PI / 180;
	double h = sin(dla / 2) * sin(dla / 2) + cos(la1) * cos(la2) *
	    sin(dlo / 2) * sin(dlo / 2);

	return 2 * 6371008.8 * asin(sqrt(h < 1 ? h : 1));
}

static int
site_by_key(const struct plan *pl, const char *name)
{
	char *k = bld_key(name);
	int found = -1;

	for (int i = 0; i < pl->nsites; i++)
		if (strcmp(pl->sites[i].key, k) == 0) {
			found = i;
			break;
		}
	/* a gate named by its word (the words were read with the plan) */
	if (found < 0 && sq_site_kind(NULL, name, strlen(name)) ==
	    SQ_SITE_GATE)
		found = pl->gate;
	free(k);
	return found;
}

static int
read_matrix(struct plan *pl, const char *path, struct sq_common *c)
{
	struct sq_reader *r = open_table(path, c);
	if (r == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	long cf = sq_reader_col_any(r, C_FROM), ct = sq_reader_col_any(r, C_TO);
	long cd = sq_reader_col_any(r, C_DIST);
	int n = pl->nsites;
	char *have = sq_xcalloc((size_t)n * (size_t)n, 1);
	struct sq_rec rec;
	int st;
	long *colsite = NULL;

	if (cf < 0 || ct < 0 || cd < 0) {
		/* a square matrix: the first column names the row's site */
		colsite = sq_xmalloc((sq_reader_ncols(r) + 1) * sizeof(long));
		for (size_t i = 1; i < sq_reader_ncols(r); i++) {
			colsite[i] = site_by_key(pl, sq_reader_rawname(r, i));
			if (colsite[i] < 0)
				sq_warn(name, sq_reader_header_lineno(r),
				    "column '%s' is not a site; ignored",
				    sq_reader_rawname(r, i));
		}
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *s;
		double v;
		if (st == SQ_READ_BAD) {
			sq_problem(name, rec.line, "%s", rec.err);
			continue;
		}
		if (colsite) {
			char *rn = cell_dup(&rec, 0);
			int a = site_by_key(pl, rn);
			if (a < 0) {
				sq_warn(name, rec.line, "row '%s' is not a "
				    "site; ignored", rn);
				free(rn);
				continue;
			}
			free(rn);
			for (size_t i = 1; i < rec.nf; i++) {
				if (colsite[i] < 0)
					continue;
				s = sq_rec_at(&rec, i, &len);
				if (parse_num(s, len, &v) < 0 || v < 0) {
					sq_problem(name, rec.line, "'%.*s' is "
					    "not a distance in metres",
					    (int)(len > 30 ? 30 : len), s);
					continue;
				}
				pl->sd[(size_t)a * n + colsite[i]] = v;
				have[(size_t)a * n + colsite[i]] = 1;
			}
			continue;
		}
		char *fa = cell_dup(&rec, cf), *fb = cell_dup(&rec, ct);
		int a = site_by_key(pl, fa), b = site_by_key(pl, fb);
		s = sq_rec_cell(&rec, cd, &len);
		if (a < 0 || b < 0)
			sq_warn(name, rec.line, "'%s' is not a site; row "
			    "ignored", a < 0 ? fa : fb);
		else if (parse_num(s, len, &v) < 0 || v < 0)
			sq_problem(name, rec.line, "'%.*s' is not a distance "
			    "in metres", (int)(len > 30 ? 30 : len), s);
		else {
			pl->sd[(size_t)a * n + b] = v;
			have[(size_t)a * n + b] = 1;
		}
		free(fa);
		free(fb);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st == SQ_READ_IOERR) {
		free(have);
		free(colsite);
		return -1;
	}
	long missing = 0;
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			if (a != b && !have[(size_t)a * n + b])
				missing++;
	if (missing)
		sq_warn(path, 0, "%ld of %d site pairs have no distance; "
		    "those use the straight line times the detour factor",
		    missing, n * (n - 1));
	free(have);
	free(colsite);
	return 0;
}

int
build_distances(struct plan *pl, const char *matrix, struct sq_common *c)
{
	int n = pl->nsites;

	pl->sd = sq_xmalloc((size_t)n * (size_t)n * sizeof(double));
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++) {
			const struct site *x = &pl->sites[a], *y = &pl->sites[b];
			double d = pl->latlon ? haversine(x, y) :
			    hypot(x->x - y->x, x->y - y->y);
			pl->sd[(size_t)a * n + b] = a == b ? 0 :
			    d * pl->st.detour;
		}
	return matrix ? read_matrix(pl, matrix, c) : 0;
}

static int
cmp_hhrow(const void *a, const void *b)
{
	return strcmp(((const struct hhrow *)a)->hh,
	    ((const struct hhrow *)b)->hh);
}

void
hh_free(struct hhrow *hh, int nhh)
{
	for (int i = 0; i < nhh; i++) {
		free(hh[i].hh);
		free(hh[i].bld);
		free(hh[i].unit);
		free(hh[i].room);
	}
	free(hh);
}

int
read_households(const char *path, struct sq_common *c, struct sq_rejects *rj,
    struct hhrow **out, int *nout, long *nrows)
{
	struct sq_reader *r = open_table(path, c);
	if (r == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	long ch = sq_reader_col_any(r, C_HH), cb = sq_reader_col_any(r, C_BLD);
	long cu = sq_reader_col_any(r, C_UNIT);
	long cr = sq_reader_col_any(r, C_ROOM);
	long cv = sq_reader_col_any(r, C_VULNCOL), cvs[3];
	struct hhrow *h = NULL;
	struct sq_rec rec;
	int n = 0, cap = 0, st;

	for (int i = 0; i < 3; i++) {
		const char *one[2] = { C_VULN[i], NULL };
		cvs[i] = sq_reader_col_any(r, one);
	}
	if (ch < 0) {
		sq_error("%s: no 'hh' column (run it through sq-ingest)", name);
		sq_reader_close(r);
		return -1;
	}
	sq_rejects_table(rj, "households", sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		++*nrows;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(rj, name, &rec, rec.err);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			h = sq_xrealloc(h, (size_t)cap * sizeof(*h));
		}
		struct hhrow *x = &h[n];
		char b[64], u[64], rm[64];
		x->hh = cell_dup(&rec, ch);
		if (*x->hh == '\0') {
			sq_rejects_add(rj, name, &rec, _("no hh: not a "
			    "household"));
			free(x->hh);
			continue;
		}
		hh_parts(x->hh, b, u, rm, sizeof(b));
		x->bld = cb >= 0 ? cell_dup(&rec, cb) : sq_xstrdup(b);
		if (*x->bld == '\0') {
			free(x->bld);
			x->bld = sq_xstrdup(b);
		}
		x->unit = cu >= 0 ? cell_dup(&rec, cu) : sq_xstrdup(u);
		x->room = cr >= 0 ? cell_dup(&rec, cr) : sq_xstrdup(rm);
		if (*x->room == '\0') {
			free(x->room);
			x->room = sq_xstrdup(rm);
		}
		x->vulnerable = 0;
		for (int i = 0; i < 3; i++) {
			size_t len;
			const char *s = sq_rec_cell(&rec, cvs[i], &len);
			if (cvs[i] >= 0 && sq_bool_parse(s, len) == 1)
				x->vulnerable = 1;
		}
		if (cv >= 0) {	/* a free-text "vulnerable groups" cell */
			size_t len;
			const char *s = sq_rec_cell(&rec, cv, &len);
			int bv = sq_bool_parse(s, len);
			if (bv == 1 || (bv == -2 && len > 0))
				x->vulnerable = 1;
		}
		n++;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st == SQ_READ_IOERR) {
		hh_free(h, n);
		return -1;
	}
	if (n > 1)	/* qsort(NULL, 0) is undefined */
		qsort(h, (size_t)n, sizeof(*h), cmp_hhrow);
	*out = h;
	*nout = n;
	return 0;
}

/* --couriers N: 1, and N in *v; a file: 0. */
int
courier_count(const char *arg, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(arg, &end, 10);
	return *arg && !*end && !errno;
}

/* Couriers: N of them (checked by main, 1 to 10000), or a table. */
int
read_couriers(struct plan *pl, const char *arg, struct sq_common *c,
    long *capacity)
{
	long v;

	if (courier_count(arg, &v)) {
		pl->ncour = (int)v;
		pl->couriers = sq_xmalloc((size_t)v * sizeof(char *));
		for (int i = 0; i < v; i++) {
			char b[16];
			snprintf(b, sizeof(b), "%d", i + 1);
			pl->couriers[i] = sq_xstrdup(b);
		}
		return 0;
	}
	struct sq_reader *r = open_table(arg, c);
	if (r == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	long cc = sq_reader_col_any(r, C_COURIER);
	long ccap = sq_reader_col_any(r, C_CAP);
	struct sq_rec rec;
	int st, cap = 0;
	long mincap = 0, maxcap = 0;

	if (cc < 0)
		cc = 0;
	sq_rejects_table(pl->rj, "couriers", sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		pl->rows_couriers++;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(pl->rj, name, &rec, rec.err);
			continue;
		}
		char *cn = cell_dup(&rec, cc);
		if (*cn == '\0') {
			sq_rejects_add(pl->rj, name, &rec, _("no courier name"));
			free(cn);
			continue;
		}
		if (ccap >= 0) {
			size_t len;
			const char *s = sq_rec_cell(&rec, ccap, &len);
			long q;
			if (len && sq_long_parse(s, len, 1, 1000000, &q) ==
			    SQ_VAL_OK) {
				if (mincap == 0 || q < mincap)
					mincap = q;
				if (q > maxcap)
					maxcap = q;
			} else if (len)
				sq_problem(name, rec.line, "capacity '%.*s' is "
				    "not a number of parcels", (int)len, s);
		}
		if (pl->ncour == cap) {
			cap = cap ? cap * 2 : 16;
			pl->couriers = sq_xrealloc(pl->couriers, (size_t)cap *
			    sizeof(char *));
		}
		pl->couriers[pl->ncour++] = cn;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st == SQ_READ_IOERR)
		return -1;
	if (pl->ncour == 0) {
		sq_error("%s: no couriers", arg);
		return -1;
	}
	if (mincap && !*capacity) {
		*capacity = mincap;
		if (maxcap != mincap)
			sq_warn(arg, 0, "carts differ (%ld to %ld parcels); "
			    "every round is planned for the smallest", mincap,
			    maxcap);
	}
	return 0;
}

/* ---- orders ---- */

int
read_orders(struct plan *pl, const char *path, struct sq_common *c,
    const struct hhrow *hh, int nhh)
{
	struct sq_rejects *rj = pl->rj;
	struct sq_reader *r = open_table(path, c);
	if (r == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	long co = sq_reader_col_any(r, C_ORDER);
	long ch = sq_reader_col_any(r, C_HH);
	long cp = sq_reader_col_any(r, C_PARCELS);
	long cd = sq_reader_col_any(r, C_DOOR);
	long cu = sq_reader_col_any(r, C_URGENT);
	struct sq_rec rec;
	int st, cap = 0;

	struct sq_rowaddr ra;

	/*
	 * An order sheet without a community column, for a roster keyed by
	 * one community: its keys get that community's prefix.
	 */
	char prefix[16] = "";
	if (hh && nhh > 0 && hh[0].hh[0] == 'C' && strlen(hh[0].hh) > 10 &&
	    hh[0].hh[9] == '-' &&
	    strncmp(hh[0].hh, hh[nhh - 1].hh, 10) == 0)
		snprintf(prefix, sizeof(prefix), "%.10s", hh[0].hh);

	struct sq_resolver *resolver = sq_resolver_new();
	for (int i = 0; hh && i < nhh; i++)
		sq_resolver_add(resolver, hh[i].hh, strlen(hh[i].hh), (uint32_t)i);
	sq_rejects_table(rj, "orders", sq_reader_rawheader(r));
	sq_rowaddr_find(&ra, r);
	if (ch < 0 && sq_rowaddr_need(&ra, r, _("the orders table")) < 0) {
		sq_resolver_free(resolver);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *s;
		char why[256];
		pl->rows_orders++;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(rj, name, &rec, rec.err);
			if (c->strict)
				break;
			continue;
		}
		struct order o;
		memset(&o, 0, sizeof(o));
		o.line = rec.line;
		why[0] = '\0';
		if (ch >= 0)
			o.hh = cell_dup(&rec, ch);
		else {
			/* a raw order sheet: the address, keyed as sq-ingest does */
			char key[SQ_ADDR_KEYMAX];
			struct sq_addr a;
			const char *w;
			if (sq_rowaddr_key(&ra, &rec, NULL, 0, key, &a, &w) ==
			    SQ_ROWADDR_OK) {
				o.hh = sq_xmalloc(strlen(prefix) + strlen(key) + 1);
				strcpy(o.hh, key[0] == 'C' ? "" : prefix);
				strcat(o.hh, key);
			}
			else {
				o.hh = sq_xstrdup("");
				snprintf(why, sizeof(why), "no usable address: %s",
				    w);
			}
		}
		if (co >= 0)
			o.id = cell_dup(&rec, co);
		else {
			char b[32];
			snprintf(b, sizeof(b), "%ld", rec.line);
			o.id = sq_xstrdup(b);
		}
		s = sq_rec_cell(&rec, cp, &len);
		o.parcels = 1;
		if (cp >= 0 && len > 0) {
			int rc = sq_long_parse(s, len, 1, 1000000, &o.parcels);
			if (rc == SQ_VAL_RANGE)
				snprintf(why, sizeof(why), "parcels '%.*s': "
				    "expected 1 or more", (int)len, s);
			else if (rc == SQ_VAL_BAD)
				snprintf(why, sizeof(why), "parcels '%.*s' is "
				    "not a whole number", (int)len, s);
			else if (rc == SQ_VAL_EMPTY)
				o.parcels = 1;
		}
		s = sq_rec_cell(&rec, cu, &len);
		int b = cu >= 0 ? sq_bool_parse(s, len) : -1;
		if (b == -2 && !why[0])
			snprintf(why, sizeof(why), "urgent '%.*s': expected "
			    "yes or no", (int)(len > 40 ? 40 : len), s);
		o.urgent = b == 1;
		s = sq_rec_cell(&rec, cd, &len);
		int door = cd >= 0 ? sq_bool_parse(s, len) : -1;
		if (door == -2 && !why[0])
			snprintf(why, sizeof(why), "door '%.*s': expected yes "
			    "or no", (int)(len > 40 ? 40 : len), s);
		const struct hhrow *hr = NULL;
		char bld[64], unit[64], room[64];
		if (!why[0] && *o.hh == '\0')
			snprintf(why, sizeof(why), "no household (hh)");
		else if (!why[0] && hh) {
			/* the household the order means (resolve.h) */
			struct sq_res res;
			sq_resolve(resolver, o.hh, strlen(o.hh), &res);
			if (res.kind == SQ_RES_EXACT || res.kind == SQ_RES_IMPLIED) {
				hr = &hh[res.id];
				free(o.hh);
				o.hh = sq_xstrdup(hr->hh);
			} else if (res.kind == SQ_RES_AMBIGUOUS)
				snprintf(why, sizeof(why), "household '%s': the "
				    "address fits %zu households (%s%s); give "
				    "the unit", o.hh, res.ncand,
				    hh[res.cand[0]].hh, res.ncand > 1 ? ", ..." :
				    "");
			else
				snprintf(why, sizeof(why), "household '%s' is "
				    "not in the households table", o.hh);
		}
		if (!why[0]) {
			if (hr) {
				snprintf(bld, sizeof(bld), "%s", hr->bld);
				snprintf(unit, sizeof(unit), "%s", hr->unit);
				snprintf(room, sizeof(room), "%s", hr->room);
			} else if (hh_parts(o.hh, bld, unit, room,
			    sizeof(bld)) < 0)
				snprintf(why, sizeof(why), "household '%s': "
				    "no building in the key (give "
				    "--households)", o.hh);
		}
		if (!why[0]) {
			o.site = site_by_key(pl, bld);
			if (o.site < 0 || o.site == pl->gate)
				snprintf(why, sizeof(why), "building '%s' is "
				    "not on the site plan", bld);
		}
		if (!why[0]) {
			for (int i = 0; i < pl->nord; i++)
				if (strcmp(pl->ord[i].id, o.id) == 0 &&
				    co >= 0) {
					snprintf(why, sizeof(why), "order '%s' "
					    "is already on line %ld", o.id,
					    pl->ord[i].line);
					break;
				}
		}
		if (why[0]) {
			sq_rejects_add(rj, name, &rec, why);
			free(o.hh);
			free(o.id);
			if (c->strict)
				break;
			continue;
		}
		if (door == -1)
			door = hr ? hr->vulnerable : 0;
		else if (door == 1 && hr && !hr->vulnerable) {
			sq_warn(name, rec.line, "order '%s': household %s is "
			    "not registered as vulnerable; left at the "
			    "building", o.id, o.hh);
			door = 0;
		}
		o.door = door;
		char lab[160];
		if (*unit && strcmp(unit, "0") != 0)
			snprintf(lab, sizeof(lab), "%s-%s", unit, room);
		else
			snprintf(lab, sizeof(lab), "%s", room);
		o.room = sq_xstrdup(lab);
		o.floor = room_floor(room);
		if (pl->nord == cap) {
			cap = cap ? cap * 2 : 1024;
			pl->ord = sq_xrealloc(pl->ord, (size_t)cap *
			    sizeof(*pl->ord));
		}
		pl->ord[pl->nord++] = o;
	}
	sq_rec_free(&rec);
	sq_resolver_free(resolver);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}
