/*
 * sq-rounds — plan the day's delivery rounds from the gate: the fewest,
 * shortest rounds, each cart within its capacity, each round within its
 * time, urgent orders first.  Under it is the capacitated vehicle routing
 * problem (lib/cvrp.h); --tsplib runs the same solver on a CVRPLIB instance.
 *
 * read (orders, households, sites, couriers, matrix) -> pack each
 * building's orders into cart loads -> solve the urgent loads, then the rest
 * -> give the rounds to the couriers (urgent first, longest first) -> write
 * the rounds table, the sheets, the map and the summary.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <dirent.h>

#include <jansson.h>

#include "cvrp.h"
#include "diag.h"
#include "header.h"
#include "kvconf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "resolve.h"
#include "rowaddr.h"
#include "settings.h"
#include "svg.h"
#include "tsplib.h"
#include "value.h"
#include "words.h"
#include "writer.h"

static const char synopsis[] =
    "sq-rounds [options] -s SITES ORDERS\n"
    "       sq-rounds [options] -T FILE.vrp";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Plan the day's delivery rounds from the gate: every order delivered once,\n"
"no cart over its capacity, no round longer than the maximum, urgent orders\n"
"in the first rounds; as little walking as possible, then the earliest\n"
"return of the last round.  ORDERS is the orders table (order, hh, parcels,\n"
"door, urgent); buildings come from --households (or the hh key), places\n"
"from --sites (the gate is the site named \"gate\" or of kind gate).  Writes\n"
"the rounds table, one row per order; a summary goes to stderr.  With\n"
"--tsplib, solves a CVRPLIB instance and writes one row per stop.\n\n",
	    synopsis);
	printf(
"  -s, --sites FILE         buildings and the gate: site, x, y or lat, lon\n"
"  -w, --households FILE    the roster: hh, building, unit, room, vulnerable\n"
"  -n, --couriers N|FILE    volunteers with carts (default 1), or a table\n"
"  -c, --capacity C         parcels a cart holds (default: rounds.conf)\n"
"  -L, --max-minutes M      longest round in minutes (default: rounds.conf)\n"
"  -m, --matrix FILE        walking distances: from, to, distance_m\n"
"  -t, --time SECONDS       search this long instead (wall clock: a rerun\n"
"                           may give another plan)\n"
"  -I, --iterations N       the search's effort (default 30000): the same\n"
"                           plan every run for the same input\n"
"  -e, --seed N             random seed (default 1)\n"
"  -k, --vehicles K         at most K rounds\n"
"  -d, --sheets DIR         one sheet per round, DIR/round-01.txt ...\n"
"  -g, --svg FILE           a map of the rounds on the site plan\n"
"  -j, --geojson FILE       the rounds as GeoJSON (lat/lon sites)\n"
"  -x, --settings FILE      settings (default: rounds.conf in the datadir)\n"
"  -T, --tsplib FILE.vrp    solve a CVRPLIB instance (benchmarks)\n"
"  -p, --progress           show progress even when stderr is not a tty\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-rounds -s sites.csv -w households.csv -n 3 -c 30 orders.csv > rounds.csv\n"
"  sq-rounds -s sites.csv -n couriers.csv -d sheets -g rounds.svg orders.csv\n"
"  sq-rounds -e 7 -I 20000 -s sites.csv orders.csv      # reproducible\n"
"  sq-rounds -t 10 -T X-n101-k25.vrp > plan.csv\n");
}

/* ---- settings ---- */

struct settings {
	double	 detour;	/* walking / straight line */
	double	 speed;		/* metres per minute with a cart */
	double	 gate_min;	/* loading at the gate, per round */
	double	 drop_min;	/* per building stop */
	double	 door_min;	/* per door delivery */
	double	 floor_min;	/* per floor climbed, no lift */
	double	 lift_floor_min; /* per floor, with a lift */
	double	 max_min;	/* longest round */
	long	 capacity;	/* parcels per cart */
	int	 lift;		/* a building has a lift unless told */
};

#define O(f)	offsetof(struct settings, f)
static const struct sq_setting setting_keys[] = {
	{ "detour_factor", SQ_SET_DOUBLE, O(detour), 1, 10, NULL, NULL },
	{ "walk_m_per_min", SQ_SET_DOUBLE, O(speed), 1, 1000, NULL, NULL },
	{ "gate_minutes", SQ_SET_DOUBLE, O(gate_min), 0, 600, NULL, NULL },
	{ "drop_minutes", SQ_SET_DOUBLE, O(drop_min), 0, 600, NULL, NULL },
	{ "door_minutes", SQ_SET_DOUBLE, O(door_min), 0, 600, NULL, NULL },
	{ "floor_minutes", SQ_SET_DOUBLE, O(floor_min), 0, 60, NULL, NULL },
	{ "lift_floor_minutes", SQ_SET_DOUBLE, O(lift_floor_min), 0, 60, NULL,
	    NULL },
	{ "max_round_minutes", SQ_SET_DOUBLE, O(max_min), 1, 1440, NULL, NULL },
	{ "capacity", SQ_SET_LONG, O(capacity), 1, 1000000,
	    "a whole number of parcels", NULL },
	{ "lift", SQ_SET_BOOL, O(lift), 0, 0, NULL, NULL },
};
#undef O

static void
settings_default(struct settings *st)
{
	st->detour = 1.3;
	st->speed = 50;
	st->gate_min = 5;
	st->drop_min = 2;
	st->door_min = 1;
	st->floor_min = 0.5;
	st->lift_floor_min = 0.1;
	st->max_min = 90;
	st->capacity = 30;
	st->lift = 0;
}

/*
 * "key = value" lines, '#' starts a comment anywhere (lib/settings.c).  A
 * missing file is no settings unless `must`.  -1 on error (printed).
 */
static int
settings_load(const char *path, struct settings *st, int must)
{
	return sq_settings_load(path, SQ_KV_HASH | (must ? 0 : SQ_KV_OPTIONAL),
	    setting_keys, sizeof(setting_keys) / sizeof(setting_keys[0]), st);
}

/* ---- small helpers ---- */

static double
opt_double(const char *arg, double lo, double hi, const char *what)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || *end || !(v >= lo && v <= hi))
		sq_usage_error(synopsis, "%s must be a number from %g to %g, "
		    "not '%s'", what, lo, hi, arg);
	return v;
}

/* Column by any of the names (compared in the normalized header form). */
static long
find_col(const struct sq_reader *r, const char *const *names)
{
	char a[256], b[256];

	for (const char *const *n = names; *n; n++) {
		size_t bl = sq_header_norm(*n, strlen(*n), b, sizeof(b));
		for (size_t i = 0; i < sq_reader_ncols(r); i++) {
			const char *cn = sq_reader_colname(r, i);
			size_t al = sq_header_norm(cn, strlen(cn), a, sizeof(a));
			if (al == bl && memcmp(a, b, al) == 0)
				return (long)i;
		}
	}
	return -1;
}

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
static int
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

/* ---- the community ---- */

struct site {
	char	*name;		/* as written */
	char	*key;		/* bld_key(name) */
	double	 x, y;		/* metres on the plan (projected if lat/lon) */
	double	 lat, lon;
	int	 lift;
	long	 line;
};

struct hhrow {
	char	*hh;
	char	*bld;
	char	*unit, *room;
	int	 vulnerable;
};

struct order {
	char	*id;
	char	*hh;
	long	 parcels;
	int	 door, urgent;
	int	 site;
	char	*room;		/* "unit-room" for the sheets */
	int	 floor;
	long	 line;
};

struct chunk {			/* one CVRP customer: a cart load at a site */
	int	 site;
	int	 urgent;
	long	 load;
	double	 svc;		/* minutes */
	int	*ord, nord;
};

struct round {
	int	 urgent;
	int	*ch, nch;	/* chunks in visiting order */
	double	 dist;		/* metres, the return included */
	double	 minutes;
	long	 load;
	int	 courier;
	double	 start;
	int	 num;		/* 1-based after scheduling */
};

struct plan {
	struct site *sites;
	int	 nsites, gate, latlon;
	double	*sd;		/* nsites x nsites walking metres */
	struct order *ord;
	int	 nord;
	struct chunk *ch;
	int	 nch;
	struct round *rd;
	int	 nrd;
	char	**couriers;
	int	 ncour;
	struct settings st;
	/* the wording of the sheets (share/rounds/LANG), and of --zh's columns */
	struct sq_words *words, *zh;
};

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

static int
read_sites(struct plan *pl, const char *path, struct sq_common *c)
{
	struct sq_reader *r = open_table(path, c);
	if (r == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	long cs = find_col(r, C_SITE), cx = find_col(r, C_X);
	long cy = find_col(r, C_Y), cla = find_col(r, C_LAT);
	long clo = find_col(r, C_LON), ck = find_col(r, C_KIND);
	long cl = find_col(r, C_LIFT);
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
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *s;
		double a, b;
		if (st == SQ_READ_BAD) {
			sq_problem(name, rec.line, "%s", rec.err);
			continue;
		}
		char *sn = cell_dup(&rec, cs);
		if (*sn == '\0') {
			sq_problem(name, rec.line, "no site name");
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
			sq_problem(name, rec.line, "site '%s': bad coordinates "
			    "(%s)", sn, pl->latlon ? "lat, lon in degrees" :
			    "x, y in metres");
			free(sn);
			continue;
		}
		int gate = 0;
		s = sq_rec_cell(&rec, ck, &len);
		if (ck >= 0 && len > 0) {
			char *k = cell_dup(&rec, ck);
			gate = strcasecmp(k, "gate") == 0 ||
			    strcmp(k, "大门") == 0 || strcmp(k, "门岗") == 0;
			free(k);
		} else
			gate = strcasecmp(sn, "gate") == 0 ||
			    strcmp(sn, "大门") == 0 || strcmp(sn, "门岗") == 0;
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
				sq_problem(name, rec.line, "site '%s' is "
				    "already on line %ld; this row ignored",
				    sn, pl->sites[i].line);
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
	if (found < 0 && (strcasecmp(name, "gate") == 0 ||
	    strcmp(name, "大门") == 0))
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
	long cf = find_col(r, C_FROM), ct = find_col(r, C_TO);
	long cd = find_col(r, C_DIST);
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

static int
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

static void
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

static int
read_households(const char *path, struct sq_common *c, struct hhrow **out,
    int *nout)
{
	struct sq_reader *r = open_table(path, c);
	if (r == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	long ch = find_col(r, C_HH), cb = find_col(r, C_BLD);
	long cu = find_col(r, C_UNIT), cr = find_col(r, C_ROOM);
	long cv = find_col(r, C_VULNCOL), cvs[3];
	struct hhrow *h = NULL;
	struct sq_rec rec;
	int n = 0, cap = 0, st;

	for (int i = 0; i < 3; i++) {
		const char *one[2] = { C_VULN[i], NULL };
		cvs[i] = find_col(r, one);
	}
	if (ch < 0) {
		sq_error("%s: no 'hh' column (run it through sq-ingest)", name);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		if (st == SQ_READ_BAD) {
			sq_problem(name, rec.line, "%s", rec.err);
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
static int
courier_count(const char *arg, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(arg, &end, 10);
	return *arg && !*end && !errno;
}

/* Couriers: N of them (checked by main, 1 to 10000), or a table. */
static int
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
	long cc = find_col(r, C_COURIER), ccap = find_col(r, C_CAP);
	struct sq_rec rec;
	int st, cap = 0;
	long mincap = 0, maxcap = 0;

	if (cc < 0)
		cc = 0;
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		if (st == SQ_READ_BAD) {
			sq_problem(name, rec.line, "%s", rec.err);
			continue;
		}
		char *cn = cell_dup(&rec, cc);
		if (*cn == '\0') {
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

static int
read_orders(struct plan *pl, const char *path, struct sq_common *c,
    struct sq_rejects *rj, const struct hhrow *hh, int nhh)
{
	struct sq_reader *r = open_table(path, c);
	if (r == NULL)
		return -1;
	const char *name = sq_reader_name(r);
	long co = find_col(r, C_ORDER), ch = find_col(r, C_HH);
	long cp = find_col(r, C_PARCELS), cd = find_col(r, C_DOOR);
	long cu = find_col(r, C_URGENT);
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
	sq_rejects_columns(rj, sq_reader_rawheader(r));
	sq_rowaddr_find(&ra, r);
	if (ch < 0 && !sq_rowaddr_usable(&ra)) {
		sq_error("%s: no household column (hh, 地址, or 楼号/单元/室号): "
		    "which household is each order for?", name);
		sq_resolver_free(resolver);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *s;
		char why[256];
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

/* ---- packing: each building's orders into cart loads ---- */

static double
order_minutes(const struct plan *pl, const struct order *o)
{
	const struct settings *st = &pl->st;
	const struct site *x = &pl->sites[o->site];
	int lift = x->lift >= 0 ? x->lift : st->lift;

	if (!o->door)
		return 0;
	return st->door_min + (o->floor - 1) * (lift ? st->lift_floor_min :
	    st->floor_min);
}

static int
cmp_parcels_desc(const void *a, const void *b, const struct plan *pl)
{
	const struct order *x = &pl->ord[*(const int *)a];
	const struct order *y = &pl->ord[*(const int *)b];

	if (x->parcels != y->parcels)
		return x->parcels > y->parcels ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* Refusals: why the plan cannot be feasible.  -1 when refused (printed). */
static int
pack(struct plan *pl, const char *ordname)
{
	const struct settings *st = &pl->st;
	int *idx = sq_xmalloc(((size_t)pl->nord + 1) * sizeof(int));
	int cap = 0, refused = 0;

	for (int g = 1; g >= 0; g--)
		for (int si = 0; si < pl->nsites; si++) {
			int n = 0;
			for (int i = 0; i < pl->nord; i++)
				if (pl->ord[i].site == si &&
				    pl->ord[i].urgent == g)
					idx[n++] = i;
			if (n == 0)
				continue;
			/* largest first (insertion sort: stable, small n) */
			for (int i = 1; i < n; i++) {
				int v = idx[i], j = i - 1;
				while (j >= 0 && cmp_parcels_desc(&idx[j], &v,
				    pl) > 0) {
					idx[j + 1] = idx[j];
					j--;
				}
				idx[j + 1] = v;
			}
			double legs = (pl->sd[(size_t)pl->gate * pl->nsites +
			    si] + pl->sd[(size_t)si * pl->nsites + pl->gate]) /
			    st->speed;
			double budget = st->max_min - st->gate_min - legs;
			int first = pl->nch;
			for (int k = 0; k < n; k++) {
				struct order *o = &pl->ord[idx[k]];
				double m = order_minutes(pl, o);
				if (o->parcels > st->capacity) {
					sq_problem(ordname, o->line, "order "
					    "'%s': %ld parcels, more than a "
					    "cart holds (%ld); split the order "
					    "or give --capacity", o->id,
					    o->parcels, st->capacity);
					refused = 1;
					continue;
				}
				if (st->drop_min + m > budget + 1e-9) {
					sq_problem(ordname, o->line, "order "
					    "'%s': building %s is too far for "
					    "a round of %g minutes (%.0f "
					    "needed); give --max-minutes",
					    o->id, pl->sites[si].name,
					    st->max_min, st->gate_min + legs +
					    st->drop_min + m);
					refused = 1;
					continue;
				}
				int b;
				for (b = first; b < pl->nch; b++)
					if (pl->ch[b].load + o->parcels <=
					    st->capacity && pl->ch[b].svc + m <=
					    budget + 1e-9)
						break;
				if (b == pl->nch) {
					if (pl->nch == cap) {
						cap = cap ? cap * 2 : 256;
						pl->ch = sq_xrealloc(pl->ch,
						    (size_t)cap *
						    sizeof(*pl->ch));
					}
					struct chunk *c = &pl->ch[pl->nch++];
					memset(c, 0, sizeof(*c));
					c->site = si;
					c->urgent = g;
					c->svc = st->drop_min;
					c->ord = sq_xmalloc((size_t)n *
					    sizeof(int));
				}
				struct chunk *c = &pl->ch[b];
				c->ord[c->nord++] = idx[k];
				c->load += o->parcels;
				c->svc += m;
			}
		}
	free(idx);
	return refused ? -1 : 0;
}

/* ---- solving ---- */

struct progress {
	int	 on, shown;
	double	 base;
};

static void
show_progress(void *arg, double elapsed, double best, long iter)
{
	struct progress *pg = arg;

	(void)iter;
	if (!pg->on)
		return;
	fprintf(stderr, "\r%s: %.1f s, best %.0f m   ", sq_progname(),
	    elapsed, pg->base + best);
	fflush(stderr);
	pg->shown = 1;
}

static void
end_progress(struct progress *pg)
{
	if (pg->shown)
		fprintf(stderr, "\r%60s\r", "");
	pg->shown = 0;
}

struct solve_opts {
	double	 time;
	long	 iterations;
	uint64_t seed;
	int	 vehicles;
	struct progress *pg;
};

static double
round_minutes(const struct plan *pl, const int *ch, int n, double *dist)
{
	double d = 0, m = pl->st.gate_min;
	int prev = pl->gate;

	for (int k = 0; k < n; k++) {
		int s = pl->ch[ch[k]].site;
		d += pl->sd[(size_t)prev * pl->nsites + s];
		m += pl->ch[ch[k]].svc;
		prev = s;
	}
	if (n)
		d += pl->sd[(size_t)prev * pl->nsites + pl->gate];
	*dist = d;
	return m + d / pl->st.speed;
}

static void
add_round(struct plan *pl, int urgent, const int *ch, int n, int *cap)
{
	if (pl->nrd == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		pl->rd = sq_xrealloc(pl->rd, (size_t)*cap * sizeof(*pl->rd));
	}
	struct round *r = &pl->rd[pl->nrd++];
	memset(r, 0, sizeof(*r));
	r->urgent = urgent;
	r->ch = sq_xmalloc((size_t)(n ? n : 1) * sizeof(int));
	memcpy(r->ch, ch, (size_t)n * sizeof(int));
	r->nch = n;
	for (int k = 0; k < n; k++)
		r->load += pl->ch[ch[k]].load;
	r->minutes = round_minutes(pl, ch, n, &r->dist);
}

/*
 * Solve one group (urgent or not) of chunks; adds rounds.  -1: refused
 * (said, a data problem); -2: the solver's plan failed its check (an
 * internal error, said).
 */
static int
solve_group(struct plan *pl, int g, const struct solve_opts *so,
    int vehicles, double share, int *rcap, double *initial)
{
	int *node = sq_xmalloc(((size_t)pl->nch + 1) * sizeof(int));
	int n = 1;

	for (int i = 0; i < pl->nch; i++)
		if (pl->ch[i].urgent == g)
			node[n++] = i;
	if (n == 1) {
		free(node);
		return 0;
	}
	double *d = sq_xmalloc((size_t)n * (size_t)n * sizeof(double));
	long *q = sq_xcalloc((size_t)n, sizeof(long));
	double *svc = sq_xcalloc((size_t)n, sizeof(double));
	for (int a = 0; a < n; a++) {
		int sa = a ? pl->ch[node[a]].site : pl->gate;
		if (a) {
			q[a] = pl->ch[node[a]].load;
			svc[a] = pl->ch[node[a]].svc;
		}
		for (int b = 0; b < n; b++) {
			int sb = b ? pl->ch[node[b]].site : pl->gate;
			d[(size_t)a * n + b] = pl->sd[(size_t)sa * pl->nsites +
			    sb];
		}
	}
	struct sq_cvrp p = {
		.n = n, .dist = d, .demand = q, .capacity = pl->st.capacity,
		.service = svc, .time_per_dist = 1.0 / pl->st.speed,
		.max_duration = pl->st.max_min - pl->st.gate_min,
		.max_routes = vehicles,
	};
	struct sq_cvrp_params par = {
		.seed = so->seed * 2 + (uint64_t)g,
		.iterations = so->iterations > 0 ? (long)ceil(so->iterations *
		    share) : 0,
		.time_limit = so->time * share,
		.progress = show_progress, .progress_arg = so->pg,
		.progress_every = 0.25,
	};
	struct sq_cvrp_sol sol;
	char why[256];
	int rc = 0;
	if (sq_cvrp_solve(&p, &par, &sol, why, sizeof(why)) < 0) {
		end_progress(so->pg);
		sq_problem(NULL, 0, "no plan: %s %s", g ? "urgent orders:" :
		    "orders:", why);
		rc = -1;
	} else if (sq_cvrp_verify(&p, &sol, why, sizeof(why)) < 0) {
		sq_error("internal error: infeasible plan: %s", why);
		sq_cvrp_sol_free(&sol);
		rc = -2;
	} else {
		*initial += sol.initial;
		so->pg->base += sol.cost;
		int *ch = sq_xmalloc((size_t)n * sizeof(int));
		for (int r = 0; r < sol.nroutes; r++) {
			int m = 0;
			for (int k = sol.start[r]; k < sol.start[r + 1]; k++)
				ch[m++] = node[sol.stops[k]];
			add_round(pl, g, ch, m, rcap);
		}
		free(ch);
		sq_cvrp_sol_free(&sol);
	}
	free(node);
	free(d);
	free(q);
	free(svc);
	return rc;
}

/* Give rounds to couriers: urgent ones first, longest first, earliest free. */
static double
schedule(struct round *rd, int nrd, int ncour)
{
	double *avail = sq_xcalloc((size_t)ncour, sizeof(double));
	int *ix = sq_xmalloc(((size_t)nrd + 1) * sizeof(int));
	double end = 0;

	for (int i = 0; i < nrd; i++)
		ix[i] = i;
	for (int i = 1; i < nrd; i++) {	/* urgent first, then longest */
		int v = ix[i], j = i - 1;
		while (j >= 0 && (rd[ix[j]].urgent < rd[v].urgent ||
		    (rd[ix[j]].urgent == rd[v].urgent &&
		    rd[ix[j]].minutes < rd[v].minutes))) {
			ix[j + 1] = ix[j];
			j--;
		}
		ix[j + 1] = v;
	}
	for (int i = 0; i < nrd; i++) {
		struct round *r = &rd[ix[i]];
		int c = 0;
		for (int k = 1; k < ncour; k++)
			if (avail[k] < avail[c] - 1e-9)
				c = k;
		r->courier = c;
		r->start = avail[c];
		avail[c] += r->minutes;
		if (avail[c] > end)
			end = avail[c];
	}
	/* number them by start, then courier */
	for (int i = 0; i < nrd; i++)
		ix[i] = i;
	for (int i = 1; i < nrd; i++) {
		int v = ix[i], j = i - 1;
		while (j >= 0 && (rd[ix[j]].start > rd[v].start + 1e-9 ||
		    (fabs(rd[ix[j]].start - rd[v].start) <= 1e-9 &&
		    rd[ix[j]].courier > rd[v].courier))) {
			ix[j + 1] = ix[j];
			j--;
		}
		ix[j + 1] = v;
	}
	for (int i = 0; i < nrd; i++)
		rd[ix[i]].num = i + 1;
	free(avail);
	free(ix);
	return end;
}

static int
cmp_round_num(const void *a, const void *b)
{
	return ((const struct round *)a)->num - ((const struct round *)b)->num;
}

/*
 * The baseline a volunteer would walk by hand: buildings in roster order
 * (natural order of their names), carts filled in that order, urgent first.
 */
static void
baseline(const struct plan *pl, double *dist, double *end, int *nrounds)
{
	struct plan b = *pl;
	int *ix = sq_xmalloc(((size_t)pl->nch + 1) * sizeof(int));
	int *cur = sq_xmalloc(((size_t)pl->nch + 1) * sizeof(int));
	int n = 0, rcap = 0;

	b.rd = NULL;
	b.nrd = 0;
	for (int g = 1; g >= 0; g--) {
		n = 0;
		for (int i = 0; i < pl->nch; i++)
			if (pl->ch[i].urgent == g)
				ix[n++] = i;
		for (int i = 1; i < n; i++) {
			int v = ix[i], j = i - 1;
			while (j >= 0 && natcmp(pl->sites[pl->ch[ix[j]].site].
			    name, pl->sites[pl->ch[v].site].name) > 0) {
				ix[j + 1] = ix[j];
				j--;
			}
			ix[j + 1] = v;
		}
		int m = 0;
		long load = 0;
		for (int i = 0; i < n; i++) {
			double dd;
			cur[m] = ix[i];
			if (m > 0 && (load + pl->ch[ix[i]].load >
			    pl->st.capacity || round_minutes(pl, cur, m + 1,
			    &dd) > pl->st.max_min + 1e-9)) {
				add_round(&b, g, cur, m, &rcap);
				m = 0;
				load = 0;
				cur[0] = ix[i];
			}
			m++;
			load += pl->ch[ix[i]].load;
		}
		if (m)
			add_round(&b, g, cur, m, &rcap);
	}
	*dist = 0;
	for (int i = 0; i < b.nrd; i++)
		*dist += b.rd[i].dist;
	*end = schedule(b.rd, b.nrd, pl->ncour);
	*nrounds = b.nrd;
	for (int i = 0; i < b.nrd; i++)
		free(b.rd[i].ch);
	free(b.rd);
	free(ix);
	free(cur);
}

/* ---- output ---- */

/* "1 h 05 min", "23 min", for the notes on stderr */
static void
hm(double minutes, char *buf, size_t sz)
{
	long m = lround(minutes);

	if (m >= 60)
		snprintf(buf, sz, "%ld h %02ld min", m / 60, m % 60);
	else
		snprintf(buf, sz, "%ld min", m);
}

/* "1 h 05 min", "23 min" as the sheets' language says it. */
static void
sheet_hm(struct sq_words *W, double minutes, struct sq_buf *out)
{
	long m = lround(minutes);
	char h[24], mm[24];

	snprintf(h, sizeof(h), "%ld", m / 60);
	snprintf(mm, sizeof(mm), m >= 60 ? "%02ld" : "%ld", m % 60);
	if (m >= 60)
		sq_words_say(W, out, "time.hours", "h", h, "mm", mm, NULL);
	else
		sq_words_say(W, out, "time.minutes", "m", mm, NULL);
}

/* "1 parcel", "8 parcels": key_one for one, key for the rest. */
static void
count(struct sq_words *W, struct sq_buf *out, long n, const char *key_one,
    const char *key)
{
	char v[24];

	snprintf(v, sizeof(v), "%ld", n);
	if (n == 1)
		sq_words_say(W, out, key_one, NULL);
	else
		sq_words_say(W, out, key, "n", v, NULL);
}

/* The orders of one stop: chunks ch[a..b) of a round, sorted by hh. */
static int
stop_orders(const struct plan *pl, const struct round *r, int a, int b,
    int *out)
{
	int n = 0;

	for (int k = a; k < b; k++) {
		const struct chunk *c = &pl->ch[r->ch[k]];
		for (int i = 0; i < c->nord; i++)
			out[n++] = c->ord[i];
	}
	for (int i = 1; i < n; i++) {
		int v = out[i], j = i - 1;
		while (j >= 0) {
			const struct order *x = &pl->ord[out[j]];
			const struct order *y = &pl->ord[v];
			int cmp = strcmp(x->hh, y->hh);
			if (cmp == 0)
				cmp = natcmp(x->id, y->id);
			if (cmp == 0)
				cmp = out[j] - v;
			if (cmp <= 0)
				break;
			out[j + 1] = out[j];
			j--;
		}
		out[j + 1] = v;
	}
	return n;
}

/* End of the stop that starts at chunk a: chunks at the same site. */
static int
stop_end(const struct plan *pl, const struct round *r, int a)
{
	int b = a + 1;

	while (b < r->nch && pl->ch[r->ch[b]].site == pl->ch[r->ch[a]].site)
		b++;
	return b;
}

static int
write_rounds(const struct plan *pl, struct sq_common *c)
{
	static const char *const cols[] = { "round", "courier", "seq", "site",
	    "hh", "parcels", "load", "distance_m", "order", "door", "urgent" };
	struct sq_writer *w = sq_writer_open(c->output, &c->out);
	struct sq_rec h;
	int *buf = sq_xmalloc(((size_t)pl->nord + 1) * sizeof(int));

	if (w == NULL)
		return -1;
	sq_rec_init(&h);
	for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++) {
		const char *n = c->zh ? sq_words_label(pl->zh, "col", cols[i]) :
		    cols[i];
		sq_rec_push(&h, n, strlen(n));
	}
	sq_writer_header(w, &h);
	for (int ri = 0; ri < pl->nrd; ri++) {
		const struct round *r = &pl->rd[ri];
		long load = r->load;
		int prev = pl->gate, seq = 0;
		for (int a = 0; a < r->nch;) {
			int b = stop_end(pl, r, a), site = pl->ch[r->ch[a]].site;
			int n = stop_orders(pl, r, a, b, buf);
			double leg = pl->sd[(size_t)prev * pl->nsites + site];
			seq++;
			for (int i = 0; i < n; i++) {
				const struct order *o = &pl->ord[buf[i]];
				char f[6][32];
				const char *v[11];
				snprintf(f[0], 32, "%d", r->num);
				snprintf(f[1], 32, "%d", seq);
				snprintf(f[2], 32, "%ld", o->parcels);
				snprintf(f[3], 32, "%ld", load);
				snprintf(f[4], 32, "%.0f", i == 0 ? leg : 0.0);
				v[0] = f[0];
				v[1] = pl->couriers[r->courier];
				v[2] = f[1];
				v[3] = pl->sites[site].name;
				v[4] = o->hh;
				v[5] = f[2];
				v[6] = f[3];
				v[7] = f[4];
				v[8] = o->id;
				v[9] = o->door ? "true" : "false";
				v[10] = o->urgent ? "true" : "false";
				size_t len[11];
				for (int k = 0; k < 11; k++)
					len[k] = strlen(v[k]);
				sq_writer_fields(w, v, len, 11);
			}
			for (int i = 0; i < n; i++)
				load -= pl->ord[buf[i]].parcels;
			prev = site;
			a = b;
		}
	}
	sq_rec_free(&h);
	free(buf);
	return sq_writer_close(w);
}

/*
 * The round sheets.  safe: a courier's, a site's or a room's name that a
 * spreadsheet would run (a sheet pasted into one) gets ' in front, as the
 * lists for people do (lib/writer.c), unless --no-excel-safe.
 */
static int
write_sheets(const struct plan *pl, const char *dir, int safe)
{
	struct sq_words *W = pl->words;
	int *buf = sq_xmalloc(((size_t)pl->nord + 1) * sizeof(int));
	int rc = 0;
	struct sq_buf nb;

	sq_buf_init(&nb);
#define CELL(s_) (safe ? sq_excel_text((s_), &nb) : (s_))

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		sq_error("%s: %s", dir, strerror(errno));
		free(buf);
		return -1;
	}
	for (int ri = 0; ri < pl->nrd && rc == 0; ri++) {
		const struct round *r = &pl->rd[ri];
		int norders = 0;
		for (int k = 0; k < r->nch; k++)
			norders += pl->ch[r->ch[k]].nord;
		struct sq_buf t, a1, a2;
		char n1[48], n2[48];
		sq_buf_init(&t);
		sq_buf_init(&a1);
		sq_buf_init(&a2);
		snprintf(n1, sizeof(n1), "%d", r->num);
		snprintf(n2, sizeof(n2), "%d", pl->nrd);
		sq_words_say(W, &t, "sheet.title", "round", n1, "rounds", n2,
		    "courier", CELL(pl->couriers[r->courier]), NULL);
		if (r->urgent)
			sq_words_say(W, &t, "sheet.urgent", NULL);
		sq_buf_addc(&t, '\n');
		snprintf(n1, sizeof(n1), "+%ld:%02ld", lround(r->start) / 60,
		    lround(r->start) % 60);
		count(W, &a1, r->load, "count.parcel_one", "count.parcels");
		count(W, &a2, norders, "count.order_one", "count.orders");
		sq_words_say(W, &t, "sheet.leave", "start", n1, "parcels",
		    a1.len ? a1.s : "", "orders", a2.len ? a2.s : "", NULL);
		sq_buf_addc(&t, '\n');
		a1.len = 0;
		sheet_hm(W, r->minutes, &a1);
		snprintf(n1, sizeof(n1), "%.0f", r->dist);
		sq_words_say(W, &t, "sheet.walk", "metres", n1, "time",
		    a1.len ? a1.s : "", NULL);
		sq_buf_adds(&t, "\n\n");
		sq_words_say(W, &t, "sheet.columns", NULL);
		sq_buf_addc(&t, '\n');
		int seq = 0;
		for (int a = 0; a < r->nch;) {
			int b = stop_end(pl, r, a), site = pl->ch[r->ch[a]].site;
			int n = stop_orders(pl, r, a, b, buf);
			long parcels = 0;
			for (int i = 0; i < n; i++)
				parcels += pl->ord[buf[i]].parcels;
			sq_buf_printf(&t, "%4d  %-12s  %7ld  ", ++seq,
			    CELL(pl->sites[site].name), parcels);
			/* door deliveries: one entry per room, parcels added */
			size_t doors = t.len;
			for (int i = 0; i < n; i++) {
				const struct order *o = &pl->ord[buf[i]];
				if (!o->door)
					continue;
				int dup = 0;
				for (int j = 0; j < i && !dup; j++)
					dup = pl->ord[buf[j]].door &&
					    strcmp(pl->ord[buf[j]].room,
					    o->room) == 0;
				if (dup)
					continue;
				long p = 0;
				for (int j = i; j < n; j++)
					if (pl->ord[buf[j]].door &&
					    strcmp(pl->ord[buf[j]].room,
					    o->room) == 0)
						p += pl->ord[buf[j]].parcels;
				if (t.len > doors)
					sq_words_say(W, &t, "sheet.door_sep",
					    NULL);
				snprintf(n1, sizeof(n1), "%ld", p);
				sq_words_say(W, &t, "sheet.door", "room",
				    CELL(o->room), "n", n1, NULL);
			}
			if (t.len == doors)
				sq_words_say(W, &t, "sheet.no_door", NULL);
			sq_buf_addc(&t, '\n');
			a = b;
		}
		sq_words_say(W, &t, "sheet.back", NULL);
		sq_buf_addc(&t, '\n');
		char *path = sq_xmalloc(strlen(dir) + 32);
		sprintf(path, "%s/round-%02d.txt", dir, r->num);
		if (sq_write_bytes(path, t.s, t.len) < 0)
			rc = -1;
		free(path);
		sq_buf_free(&t);
		sq_buf_free(&a1);
		sq_buf_free(&a2);
	}
#undef CELL
	sq_buf_free(&nb);
	free(buf);
	/* a sheet of an earlier, longer plan (round-04 of 21 beside today's
	   3) would have a courier deliver twice: the set is this plan's */
	DIR *d = rc == 0 ? opendir(dir) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		int num, end = 0;
		if (sscanf(e->d_name, "round-%d.txt%n", &num, &end) != 1 ||
		    end == 0 || e->d_name[end] != '\0')
			continue;
		int ours = 0;
		for (int ri = 0; ri < pl->nrd; ri++)
			if (pl->rd[ri].num == num)
				ours = 1;
		if (ours)
			continue;
		char *path = sq_xmalloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(path, "%s/%s", dir, e->d_name);
		if (unlink(path) == 0)
			sq_note("%s: a sheet of an earlier plan, removed", path);
		free(path);
	}
	if (d)
		closedir(d);
	return rc;
}

/*
 * The map: the rounds over the site plan (lib/svg.c draws it and escapes
 * every name), a key line per round.
 */
static int
write_svg(const struct plan *pl, const char *path)
{
	struct sq_svg_item *pts = sq_xcalloc((size_t)pl->nsites + 1,
	    sizeof(*pts));
	struct sq_svg_route *rt = sq_xcalloc((size_t)pl->nrd + 1, sizeof(*rt));
	char **txt = sq_xcalloc(2 * (size_t)pl->nrd + 1, sizeof(*txt));
	size_t *stops = NULL, nst = 0;
	struct sq_buf b;

	for (int i = 0; i < pl->nsites; i++) {
		pts[i].label = pl->sites[i].name;
		pts[i].x = pl->sites[i].x;
		pts[i].y = pl->sites[i].y;
		pts[i].square = i == pl->gate;
	}
	for (int ri = 0; ri < pl->nrd; ri++)
		nst += (size_t)pl->rd[ri].nch + 2;
	stops = sq_xmalloc((nst + 1) * sizeof(*stops));
	nst = 0;
	sq_buf_init(&b);
	for (int ri = 0; ri < pl->nrd; ri++) {
		const struct round *r = &pl->rd[ri];
		rt[ri].stops = stops + nst;
		stops[nst++] = (size_t)pl->gate;
		for (int a = 0; a < r->nch; a++)
			stops[nst++] = (size_t)pl->ch[r->ch[a]].site;
		stops[nst++] = (size_t)pl->gate;
		rt[ri].nstops = (size_t)r->nch + 2;
		rt[ri].stroke = sq_svg_series((size_t)(r->num - 1));
		sq_buf_printf(&b, "round %d", r->num);
		rt[ri].title = txt[2 * ri] = sq_buf_take(&b);
		sq_buf_printf(&b, "round %d, courier %s: %ld parcels, %.0f m%s",
		    r->num, pl->couriers[r->courier], r->load, r->dist,
		    r->urgent ? ", urgent" : "");
		rt[ri].key = txt[2 * ri + 1] = sq_buf_take(&b);
	}
	struct sq_svg_chart c = { 0 };
	sq_svg_routes(&b, &c, pts, (size_t)pl->nsites, rt, (size_t)pl->nrd);
	for (int i = 0; i < 2 * pl->nrd; i++)
		free(txt[i]);
	free(txt);
	free(stops);
	free(rt);
	free(pts);
	return sq_write_document(path, sq_buf_take(&b));
}

/* A position, [lon, lat], to the micrometre of a degree (10 cm). */
static json_t *
position(const struct site *x)
{
	return json_pack("[ff]", round(x->lon * 1e6) / 1e6,
	    round(x->lat * 1e6) / 1e6);
}

static json_t *
feature(json_t *geometry, json_t *properties)
{
	return json_pack("{s:s, s:o, s:o}", "type", "Feature", "geometry",
	    geometry, "properties", properties);
}

/*
 * The sites and the rounds as GeoJSON, built and escaped by jansson; one
 * feature a line, as a person diffs them.
 */
static int
write_geojson(const struct plan *pl, const char *path)
{
	const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(12);
	struct sq_buf b;
	int nf = 0, oom = 0;

	sq_buf_init(&b);
	sq_buf_adds(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
	for (int i = 0; i < pl->nsites + pl->nrd && !oom; i++) {
		json_t *f;
		if (i < pl->nsites) {
			const struct site *x = &pl->sites[i];
			f = feature(json_pack("{s:s, s:o}", "type", "Point",
			    "coordinates", position(x)), json_pack("{s:s, s:s}",
			    "site", x->name, "kind", i == pl->gate ? "gate" :
			    "building"));
		} else {
			const struct round *r = &pl->rd[i - pl->nsites];
			const struct site *g = &pl->sites[pl->gate];
			json_t *line = json_array();
			json_array_append_new(line, position(g));
			for (int a = 0; a < r->nch; a++)
				json_array_append_new(line, position(
				    &pl->sites[pl->ch[r->ch[a]].site]));
			json_array_append_new(line, position(g));
			f = feature(json_pack("{s:s, s:o}", "type", "LineString",
			    "coordinates", line), json_pack("{s:i, s:s, s:I, "
			    "s:I, s:I, s:b}", "round", r->num, "courier",
			    pl->couriers[r->courier], "parcels",
			    (json_int_t)r->load, "distance_m",
			    (json_int_t)lround(r->dist), "minutes",
			    (json_int_t)lround(r->minutes), "urgent", r->urgent));
		}
		char *text = f ? json_dumps(f, flags) : NULL;
		json_decref(f);
		if (text == NULL) {
			oom = 1;
			break;
		}
		sq_buf_printf(&b, "%s\n%s", nf++ ? "," : "", text);
		free(text);
	}
	sq_buf_adds(&b, "\n]}");
	if (oom) {
		sq_buf_free(&b);
		return sq_write_document(path, NULL);
	}
	return sq_write_document(path, sq_buf_take(&b));
}

/* ---- CVRPLIB instances ---- */

static int
run_tsplib(const char *path, const struct solve_opts *so, struct sq_common *c)
{
	struct sq_tsplib t;
	char err[512];

	if (sq_tsplib_read(path, &t, err, sizeof(err)) < 0) {
		sq_error("%s", err);
		return SQ_EXIT_USAGE;
	}
	int n = t.dim;
	int *id = sq_xmalloc((size_t)n * sizeof(int));	/* node -> index */
	double *d = sq_xmalloc((size_t)n * (size_t)n * sizeof(double));
	long *q = sq_xcalloc((size_t)n, sizeof(long));
	double *svc = sq_xcalloc((size_t)n, sizeof(double));
	int k = 1;

	id[0] = t.depot;
	for (int i = 0; i < n; i++)
		if (i != t.depot)
			id[k++] = i;
	for (int a = 0; a < n; a++) {
		if (a) {
			q[a] = t.demand[id[a]];
			svc[a] = t.service_time;
		}
		for (int b = 0; b < n; b++)
			d[(size_t)a * n + b] = sq_tsplib_dist(&t, id[a], id[b]);
	}
	struct sq_cvrp p = {
		.n = n, .dist = d, .demand = q, .capacity = t.capacity,
		.service = svc, .time_per_dist = 1,
		.max_duration = t.distance, .max_routes = so->vehicles,
	};
	struct sq_cvrp_params par = {
		.seed = so->seed, .iterations = so->iterations,
		.time_limit = so->time, .progress = show_progress,
		.progress_arg = so->pg, .progress_every = 0.25,
	};
	struct sq_cvrp_sol sol;
	int rc = 0;
	if (sq_cvrp_solve(&p, &par, &sol, err, sizeof(err)) < 0) {
		end_progress(so->pg);
		sq_problem(path, 0, "no plan: %s", err);
		rc = SQ_EXIT_DATA;
		goto out;
	}
	end_progress(so->pg);
	if (sq_cvrp_verify(&p, &sol, err, sizeof(err)) < 0) {
		sq_error("internal error: infeasible plan: %s", err);
		rc = SQ_EXIT_USAGE;
		sq_cvrp_sol_free(&sol);
		goto out;
	}
	struct sq_writer *w = sq_writer_open(c->output, &c->out);
	if (w == NULL) {
		rc = SQ_EXIT_USAGE;
		sq_cvrp_sol_free(&sol);
		goto out;
	}
	static const char *const cols[] = { "round", "courier", "seq", "site",
	    "hh", "parcels", "load", "distance_m" };
	struct sq_rec h;
	sq_rec_init(&h);
	for (size_t i = 0; i < 8; i++)
		sq_rec_push(&h, cols[i], strlen(cols[i]));
	sq_writer_header(w, &h);
	sq_rec_free(&h);
	for (int r = 0; r < sol.nroutes; r++) {
		long load = 0;
		int prev = 0;
		for (int j = sol.start[r]; j < sol.start[r + 1]; j++)
			load += q[sol.stops[j]];
		for (int j = sol.start[r]; j < sol.start[r + 1]; j++) {
			int v = sol.stops[j];
			char f[7][32];
			const char *vals[8];
			size_t len[8];
			snprintf(f[0], 32, "%d", r + 1);
			snprintf(f[1], 32, "%d", j - sol.start[r] + 1);
			snprintf(f[2], 32, "%d", id[v] + 1);
			snprintf(f[3], 32, "%ld", q[v]);
			snprintf(f[4], 32, "%ld", load);
			snprintf(f[5], 32, "%.0f", d[(size_t)prev * n + v]);
			vals[0] = f[0];
			vals[1] = f[0];
			vals[2] = f[1];
			vals[3] = f[2];
			vals[4] = "";
			vals[5] = f[3];
			vals[6] = f[4];
			vals[7] = f[5];
			for (int x = 0; x < 8; x++)
				len[x] = strlen(vals[x]);
			sq_writer_fields(w, vals, len, 8);
			load -= q[v];
			prev = v;
		}
	}
	if (sq_writer_close(w) < 0)
		rc = SQ_EXIT_USAGE;
	sq_note("%s: %d customers, %d rounds, cost %.0f (CVRPLIB rounding); "
	    "savings %.0f; %ld iterations%s", t.name[0] ? t.name : path,
	    n - 1, sol.nroutes, sol.cost, sol.initial, sol.iterations,
	    so->iterations > 0 ? "" : " in the time given");
	sq_cvrp_sol_free(&sol);
out:
	free(id);
	free(d);
	free(q);
	free(svc);
	sq_tsplib_free(&t);
	return rc;
}

static void
plan_free(struct plan *pl)
{
	for (int i = 0; i < pl->nsites; i++) {
		free(pl->sites[i].name);
		free(pl->sites[i].key);
	}
	free(pl->sites);
	free(pl->sd);
	for (int i = 0; i < pl->nord; i++) {
		free(pl->ord[i].id);
		free(pl->ord[i].hh);
		free(pl->ord[i].room);
	}
	free(pl->ord);
	for (int i = 0; i < pl->nch; i++)
		free(pl->ch[i].ord);
	free(pl->ch);
	for (int i = 0; i < pl->nrd; i++)
		free(pl->rd[i].ch);
	free(pl->rd);
	for (int i = 0; i < pl->ncour; i++)
		free(pl->couriers[i]);
	free(pl->couriers);
	sq_words_free(pl->words);
	sq_words_free(pl->zh);
}

/* ---- the day's plan ---- */

/* What main read from the command line. */
struct rounds_opts {
	const char *sites, *households, *couriers, *matrix;
	const char *sheets, *svg, *geojson, *settings, *tsplib;
	long	 capacity;
	double	 max_min;
	struct solve_opts so;
};

/* rounds.conf, then -x, then -L.  0, or -1 (said). */
static int
load_settings(struct sq_common *c, const struct rounds_opts *o,
    struct settings *st)
{
	settings_default(st);
	char *dflt = sq_datafile(c, "rounds.conf");
	int rc = settings_load(dflt, st, 0);
	free(dflt);
	if (rc < 0 || (o->settings && settings_load(o->settings, st, 1) < 0))
		return -1;
	if (o->max_min > 0)
		st->max_min = o->max_min;
	if (st->max_min <= st->gate_min) {
		sq_error("a round of %g minutes leaves no time after %g "
		    "minutes of loading at the gate", st->max_min,
		    st->gate_min);
		return -1;
	}
	return 0;
}

/*
 * The urgent loads first, then the rest, each with its share of the
 * effort; then the rounds given to the couriers, numbered.  0, -1 (no
 * plan: a data problem, said), -2 (an internal error, said).
 */
static int
solve(struct plan *pl, const char *ordname, struct solve_opts *so,
    double *end)
{
	double initial = 0;
	int nu = 0, nn = 0, rcap = 0, rc;

	if (pack(pl, ordname) < 0) {
		sq_note("no plan: some orders can never be delivered as they "
		    "are (see above)");
		return -1;
	}
	for (int i = 0; i < pl->nch; i++) {
		if (pl->ch[i].urgent)
			nu++;
		else
			nn++;
	}
	double share = nu + nn ? (double)nu / (nu + nn) : 0;
	rc = solve_group(pl, 1, so, so->vehicles, share, &rcap, &initial);
	int left = so->vehicles;
	if (rc == 0 && so->vehicles) {
		left = so->vehicles - pl->nrd;
		if (left <= 0 && nn > 0) {
			sq_problem(NULL, 0, "no plan: the urgent orders take "
			    "all %d rounds", so->vehicles);
			rc = -1;
		}
	}
	if (rc == 0)
		rc = solve_group(pl, 0, so, left, 1 - share, &rcap, &initial);
	end_progress(so->pg);
	if (rc < 0)
		return rc;
	*end = schedule(pl->rd, pl->nrd, pl->ncour);
	if (pl->nrd > 1)	/* qsort(NULL, 0) is undefined */
		qsort(pl->rd, (size_t)pl->nrd, sizeof(*pl->rd), cmp_round_num);
	return 0;
}

/* The rounds table, and the sheets, the map, the GeoJSON asked for. */
static int
write_outputs(const struct plan *pl, struct sq_common *c,
    const struct rounds_opts *o)
{
	if (write_rounds(pl, c) < 0)
		return -1;
	if (o->sheets && write_sheets(pl, o->sheets, c->excel >= 0) < 0)
		return -1;
	if (o->svg && write_svg(pl, o->svg) < 0)
		return -1;
	if (o->geojson && !pl->latlon) {
		sq_error("--geojson needs sites with lat and lon; these are on "
		    "a plan in metres (use --svg)");
		return -1;
	}
	if (o->geojson && write_geojson(pl, o->geojson) < 0)
		return -1;
	return 0;
}

/* The notes on stderr: what was planned, and against the roster order. */
static void
summary(const struct plan *pl, double end)
{
	long parcels = 0;
	int nurg = 0, urounds = 0, nbld = 0;
	double dist = 0, longest = 0;

	for (int i = 0; i < pl->nord; i++) {
		parcels += pl->ord[i].parcels;
		nurg += pl->ord[i].urgent;
	}
	for (int s = 0; s < pl->nsites; s++)
		for (int i = 0; i < pl->nord; i++)
			if (pl->ord[i].site == s) {
				nbld++;
				break;
			}
	for (int i = 0; i < pl->nrd; i++) {
		dist += pl->rd[i].dist;
		urounds += pl->rd[i].urgent;
		if (pl->rd[i].minutes > longest)
			longest = pl->rd[i].minutes;
	}
	char t1[32], t2[32], t3[32];
	hm(end, t1, sizeof(t1));
	hm(longest, t2, sizeof(t2));
	sq_note("%d order%s, %ld parcels, %d urgent, for %d building%s: "
	    "%d round%s (%d urgent) by %d courier%s", pl->nord,
	    pl->nord == 1 ? "" : "s", parcels, nurg, nbld, nbld == 1 ? "" : "s",
	    pl->nrd, pl->nrd == 1 ? "" : "s", urounds, pl->ncour,
	    pl->ncour == 1 ? "" : "s");
	if (pl->nrd > 0) {
		double bd, bend;
		int bn;
		baseline(pl, &bd, &bend, &bn);
		hm(bend, t3, sizeof(t3));
		sq_note("walking %.2f km; the last round is back after %s; "
		    "the longest round takes %s", dist / 1000, t1, t2);
		sq_note("buildings in roster order: %.2f km in %d round%s, "
		    "back after %s; this plan walks %.1f%% less", bd / 1000,
		    bn, bn == 1 ? "" : "s", t3, bd > 0 ? 100 * (bd - dist) /
		    bd : 0.0);
	}
}

/*
 * The day's plan for the ORDERS table: read, solve, write, say.  The exit
 * status: 2 when something could not be read or written, 1 with data
 * problems (or no plan), else 0.
 */
static int
plan_rounds(struct sq_common *c, struct rounds_opts *o, const char *orders)
{
	struct plan pl;
	struct hhrow *hh = NULL;
	struct sq_aliases *aliases = NULL;
	struct sq_rejects *rj = NULL;
	long capacity = o->capacity;
	int nhh = 0, rc = SQ_EXIT_USAGE, solved;
	double end = 0;

	memset(&pl, 0, sizeof(pl));
	/* the sheets are for the couriers: in their language */
	if (load_settings(c, o, &pl.st) < 0 ||
	    sq_person_words(c, "rounds", &pl.words, &pl.zh) < 0)
		goto out;
	c->tables = "households,rounds";
	if ((aliases = sq_load_aliases(c)) == NULL)
		goto out;
	c->in.aliases = aliases;
	c->in.canonical = 1;
	if (read_sites(&pl, o->sites, c) < 0 ||
	    build_distances(&pl, o->matrix, c) < 0 ||
	    read_couriers(&pl, o->couriers ? o->couriers : "1", c,
	    &capacity) < 0)
		goto out;
	if (capacity)
		pl.st.capacity = capacity;
	if ((o->households && read_households(o->households, c, &hh,
	    &nhh) < 0) || (rj = sq_rejects_open(c->rejects)) == NULL ||
	    read_orders(&pl, orders, c, rj, hh, nhh) < 0)
		goto out;
	if (c->strict && sq_rejects_count(rj) > 0) {
		sq_note("stopped at the first rejected row (--strict); no "
		    "plan written");
		rc = SQ_EXIT_DATA;
	} else if ((solved = solve(&pl, orders, &o->so, &end)) < 0)
		rc = solved == -1 ? SQ_EXIT_DATA : SQ_EXIT_USAGE;
	else {
		rc = write_outputs(&pl, c, o) < 0 ? SQ_EXIT_USAGE : 0;
		summary(&pl, end);
	}
out:
	if (rj && sq_rejects_close(rj) < 0)
		rc = SQ_EXIT_USAGE;
	sq_aliases_free(aliases);
	plan_free(&pl);
	hh_free(hh, nhh);
	int st = sq_diag_finish();
	return rc > st ? rc : st;
}

/* ---- main ---- */

static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	SQ_LANG_LONGOPTS,
	{ "sites",       required_argument, NULL, 's' },
	{ "households",  required_argument, NULL, 'w' },
	{ "couriers",    required_argument, NULL, 'n' },
	{ "capacity",    required_argument, NULL, 'c' },
	{ "max-minutes", required_argument, NULL, 'L' },
	{ "matrix",      required_argument, NULL, 'm' },
	{ "time",        required_argument, NULL, 't' },
	{ "iterations",  required_argument, NULL, 'I' },
	{ "seed",        required_argument, NULL, 'e' },
	{ "vehicles",    required_argument, NULL, 'k' },
	{ "sheets",      required_argument, NULL, 'd' },
	{ "svg",         required_argument, NULL, 'g' },
	{ "geojson",     required_argument, NULL, 'j' },
	{ "settings",    required_argument, NULL, 'x' },
	{ "tsplib",      required_argument, NULL, 'T' },
	{ "progress",    no_argument,       NULL, 'p' },
	{ "help",        no_argument,       NULL, 'h' },
	{ "version",     no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char **argv)
{
	struct sq_common c;
	struct progress pg = { 0, 0, 0 };
	struct rounds_opts o = { .so = { 0.5, 0, 1, 0, &pg } };
	int force_progress = 0, time_set = 0, ch;
	long ncour;

	sq_start(argc, argv);
	sq_common_init(&c);
	opterr = 0;	/* sq_bad_option says it once, naming the option */
	while ((ch = getopt_long(argc, argv, ":" SQ_COMMON_SHORTOPTS
	    "s:w:n:c:L:m:t:I:e:k:d:g:j:x:T:p" SQ_LANG_SHORTOPTS "hV", longopts,
	    NULL)) != -1) {
		if (sq_common_opt(&c, ch, optarg, synopsis) ||
		    sq_lang_opt(&c, ch, optarg, synopsis))
			continue;
		switch (ch) {
		case 's': o.sites = optarg; break;
		case 'w': o.households = optarg; break;
		case 'n': o.couriers = optarg; break;
		case 'c': o.capacity = sq_opt_long(optarg, 1, 1000000,
		    "--capacity", synopsis); break;
		case 'L': o.max_min = opt_double(optarg, 1, 1440,
		    "--max-minutes"); break;
		case 'm': o.matrix = optarg; break;
		case 't': o.so.time = opt_double(optarg, 0, 86400, "--time");
		    time_set = 1; break;
		case 'I': o.so.iterations = sq_opt_long(optarg, 1,
		    1000000000L, "--iterations", synopsis); break;
		case 'e': o.so.seed = (uint64_t)sq_opt_long(optarg, 0,
		    LONG_MAX, "--seed", synopsis); break;
		case 'k': o.so.vehicles = (int)sq_opt_long(optarg, 1, 1000000,
		    "--vehicles", synopsis); break;
		case 'd': o.sheets = optarg; break;
		case 'g': o.svg = optarg; break;
		case 'j': o.geojson = optarg; break;
		case 'x': o.settings = optarg; break;
		case 'T': o.tsplib = optarg; break;
		case 'p': force_progress = 1; break;
		case 'h': usage(); return 0;
		case 'V': sq_print_version(); return 0;
		default: sq_bad_option(synopsis, ch, argv);
		}
	}
	/* a fixed effort by default: the sheets handed out match a rerun */
	if (o.so.iterations == 0 && !time_set)
		o.so.iterations = 30000;
	argc -= optind;
	argv += optind;
	pg.on = force_progress || (!c.quiet && o.so.iterations == 0 &&
	    isatty(STDERR_FILENO));
	if (o.tsplib && argc > 0)
		sq_usage_error(synopsis, "--tsplib takes no ORDERS");
	if (o.tsplib) {
		int rc = run_tsplib(o.tsplib, &o.so, &c), st = sq_diag_finish();
		return rc ? rc : st;
	}
	if (argc != 1)
		sq_usage_error(synopsis, argc ? "one ORDERS table at a time" :
		    "no ORDERS table");
	if (o.sites == NULL)
		sq_usage_error(synopsis, "no site plan: give --sites");
	if (o.couriers && courier_count(o.couriers, &ncour) &&
	    (ncour < 1 || ncour > 10000))
		sq_usage_error(synopsis, "--couriers must be from 1 to 10000, "
		    "or a file");
	return plan_rounds(&c, &o, argv[0]);
}
