/*
 * sites.c — the site plan, building keys and floors (see sites.h).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "datadir.h"
#include "diag.h"
#include "lines.h"
#include "sites.h"
#include "text.h"
#include "value.h"

/* "B0012", "Z02-B0012", "L0123-B0005", "B0012A": already a building key */
static int
is_key(const char *s, size_t n)
{
	size_t i = 0;

	for (int tag = 0; tag < 3 && i < n; tag++) {
		char t = s[i];
		if (t != 'Z' && t != 'L' && t != 'B')
			return 0;
		size_t j = i + 1, digits = 0;
		while (j < n && (isdigit((unsigned char)s[j]) ||
		    isupper((unsigned char)s[j]))) {
			digits += isdigit((unsigned char)s[j]) != 0;
			j++;
		}
		if (digits < 2)
			return 0;
		if (t == 'B')
			return j == n;
		if (j >= n || s[j] != '-')
			return 0;
		i = j + 1;
	}
	return 0;
}

int
sq_building_key(const char *name, size_t len, char *out, size_t outsz)
{
	char key[SQ_ADDR_KEYMAX], buf[256];
	struct sq_addr a;
	const char *why;

	len = sq_trim(&name, len);
	if (outsz)
		*out = '\0';
	if (len == 0 || len >= sizeof(buf))
		return -1;
	if (is_key(name, len)) {
		if (len >= outsz)
			return -1;
		memcpy(out, name, len);
		out[len] = '\0';
		return 0;
	}
	memcpy(buf, name, len);
	buf[len] = '\0';
	/* a room makes it an address; the building part is the key's */
	if (sq_addr_from_parts(buf, NULL, "1", &a, &why) < 0 || a.unit[0])
		return -1;
	sq_addr_key(&a, key, sizeof(key));
	return sq_hh_building(key, out, outsz) ? 0 : -1;
}

size_t
sq_hh_building(const char *hh, char *out, size_t outsz)
{
	const char *p = hh, *b = NULL;

	if (outsz)
		*out = '\0';
	/* skip the community "Cxxxxxxxx-"; the building part ends at "-U" */
	if (p[0] == 'C' && strlen(p) > 10 && p[9] == '-')
		p += 10;
	for (const char *q = p; *q; q++)
		if (q[0] == '-' && q[1] == 'U') {
			b = q;
			break;
		}
	if (b == NULL || b == p)
		return 0;
	size_t n = (size_t)(b - p);
	if (n >= outsz)
		return 0;
	memcpy(out, p, n);
	out[n] = '\0';
	return n;
}

int
sq_room_floor(const char *room)
{
	const char *p = room;
	long v = 0;
	int nd = 0;

	while (*p && !isdigit((unsigned char)*p))
		p++;
	if (*p == '\0')
		return 0;
	while (isdigit((unsigned char)*p) && nd < 9) {
		v = v * 10 + (*p++ - '0');
		nd++;
	}
	if (*p == 'F' && p > room && (p - room) == nd)	/* "2F", "2FQL" */
		return v > 0 && v < 1000 ? (int)v : 0;
	if (nd >= 3)
		return (int)(v / 100);
	return 1;
}

/* ---- the table -------------------------------------------------------- */

/*
 * The words of each kind of place (share/sites.txt), read once for the
 * whole program, as the record layer reads its footers.txt.
 */
#define KIND_WORDS	32

static struct {
	int	 loaded;
	char	*w[2][KIND_WORDS];	/* [0] gate, [1] point */
	size_t	 n[2];
} KW;

static void
kinds_load(const char *datadir)
{
	static const char *const sect[2] = { "gate", "point" };
	char path[4096];
	struct sq_lines l;
	size_t n;
	char *p;
	int at = -1;

	KW.loaded = 1;
	snprintf(path, sizeof(path), "%s/sites.txt", datadir ? datadir :
	    sq_share_dir());
	if (sq_lines_open(&l, path) < 0) {
		sq_warn(path, 0, "cannot read the kinds of site: every site "
		    "is a building unless its kind says 'gate' or 'point' (is "
		    "shequ installed? set SHEQU_DATADIR or --datadir)");
		return;
	}
	while ((p = sq_lines_next(&l, &n)) != NULL) {
		int k = sq_lines_section_of(p, n, sect, 2);
		if (k >= 0)
			at = k;
		else if (at < 0 || KW.n[at] == KIND_WORDS)
			sq_warn(path, l.no, "a word before any [section], or "
			    "more than %d in one: left out", KIND_WORDS);
		else
			KW.w[at][KW.n[at]++] = sq_xstrndup(p, n);
	}
	sq_lines_close(&l);
}

int
sq_site_kind(const char *datadir, const char *s, size_t n)
{
	static const int kind[2] = { SQ_SITE_GATE, SQ_SITE_POINT };
	static const char *const canon[2] = { "gate", "point" };

	if (!KW.loaded)
		kinds_load(datadir);
	n = sq_trim(&s, n);
	for (int k = 0; k < 2; k++) {
		/* without the file, the canonical words still hold */
		if (KW.n[k] == 0 && n == strlen(canon[k]) &&
		    strncasecmp(s, canon[k], n) == 0)
			return kind[k];
		for (size_t i = 0; i < KW.n[k]; i++)
			if (strlen(KW.w[k][i]) == n &&
			    strncasecmp(s, KW.w[k][i], n) == 0)
				return kind[k];
	}
	return SQ_SITE_BUILDING;
}

static int
number(const struct sq_rec *rec, long col, double *out)
{
	size_t n;
	const char *s = sq_rec_cell_trim(rec, col, &n);

	return sq_double_parse(s, n, out) == SQ_VAL_OK && isfinite(*out) ?
	    0 : -1;
}

static void
project(const struct sq_sites *s, double lat, double lon, double *x,
    double *y)
{
	*x = (lon - s->lon0) * 111320.0 * cos(s->lat0 * M_PI / 180);
	*y = (lat - s->lat0) * 110540.0;
}

int
sq_sites_project(const struct sq_sites *s, double lat, double lon, double *x,
    double *y)
{
	if (!s->latlon)
		return -1;
	project(s, lat, lon, x, y);
	return 0;
}

int
sq_sites_read(struct sq_sites *s, const char *path,
    const struct sq_reader_opts *ro)
{
	static const char *const c_site[] = { "site", "building", "name", NULL };
	static const char *const c_x[] = { "x", NULL }, *const c_y[] = { "y", NULL };
	static const char *const c_lat[] = { "lat", NULL };
	static const char *const c_lon[] = { "lon", NULL };
	static const char *const c_kind[] = { "kind", NULL };
	static const char *const c_comm[] = { "community", NULL };
	struct sq_reader *r = sq_reader_open(path, ro);
	struct sq_rec rec;
	int st, have_origin = 0;

	memset(s, 0, sizeof(*s));
	if (r == NULL)
		return -1;
	const char *file = sq_reader_name(r);
	long cs = sq_reader_col_any(r, c_site), cx = sq_reader_col_any(r, c_x);
	long cy = sq_reader_col_any(r, c_y), cla = sq_reader_col_any(r, c_lat);
	long clo = sq_reader_col_any(r, c_lon), ck = sq_reader_col_any(r, c_kind);
	long cc = sq_reader_col_any(r, c_comm);
	if (cs < 0 || ((cx < 0 || cy < 0) && (cla < 0 || clo < 0))) {
		sq_error("%s: a site plan needs site, x, y (metres) or site, "
		    "lat, lon (degrees) columns", file);
		sq_reader_close(r);
		return -1;
	}
	s->latlon = cx < 0 || cy < 0;
	long c1 = s->latlon ? cla : cx, c2 = s->latlon ? clo : cy;
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t n, kn, cn;
		double a, b;
		if (st == SQ_READ_BAD) {
			sq_problem(file, rec.line, "%s", rec.err);
			continue;
		}
		const char *name = sq_rec_cell_trim(&rec, cs, &n);
		if (n == 0) {
			sq_problem(file, rec.line, "no site name; row ignored");
			continue;
		}
		if (number(&rec, c1, &a) < 0 || number(&rec, c2, &b) < 0 ||
		    (s->latlon && (fabs(a) > 90 || fabs(b) > 180))) {
			sq_problem(file, rec.line, "site '%.*s': bad "
			    "coordinates (%s); row ignored", (int)n, name,
			    s->latlon ? "lat, lon in degrees" :
			    "x, y in metres");
			continue;
		}
		const char *k = sq_rec_cell_trim(&rec, ck, &kn);
		const char *cm = sq_rec_cell_trim(&rec, cc, &cn);
		struct sq_site x;
		memset(&x, 0, sizeof(x));
		x.kind = kn ? sq_site_kind(ro->datadir, k, kn) :
		    sq_site_kind(ro->datadir, name, n);
		if (x.kind == SQ_SITE_BUILDING &&
		    sq_building_key(name, n, x.key, sizeof(x.key)) < 0) {
			/* a named place that is not a building: a landmark */
			x.key[0] = '\0';
		}
		x.name = sq_xstrndup(name, n);
		x.community = sq_xstrndup(cm, cn);
		x.line = rec.line;
		if (x.key[0]) {
			long dup = sq_sites_building(s, x.community, x.key);
			if (dup >= 0 && strcmp(s->v[dup].community,
			    x.community) == 0) {
				sq_problem(file, rec.line, "building '%s' is "
				    "already on line %ld; row ignored", x.name,
				    s->v[dup].line);
				free(x.name);
				free(x.community);
				continue;
			}
		}
		if (s->latlon) {
			if (!have_origin || (x.kind == SQ_SITE_GATE &&
			    sq_sites_first(s, SQ_SITE_GATE) < 0)) {
				s->lat0 = a;
				s->lon0 = b;
				have_origin = 1;
			}
			x.x = b;	/* degrees until the origin is known */
			x.y = a;
		} else {
			x.x = a;
			x.y = b;
		}
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 64;
			s->v = sq_xrealloc(s->v, s->cap * sizeof(*s->v));
		}
		s->v[s->n++] = x;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (s->latlon)
		for (size_t i = 0; i < s->n; i++) {
			double lat = s->v[i].y, lon = s->v[i].x;
			project(s, lat, lon, &s->v[i].x, &s->v[i].y);
		}
	return st < 0 ? -1 : 0;
}

void
sq_sites_free(struct sq_sites *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].community);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

long
sq_sites_building(const struct sq_sites *s, const char *community,
    const char *key)
{
	long any = -1;

	for (size_t i = 0; i < s->n; i++) {
		const struct sq_site *x = &s->v[i];
		if (x->key[0] == '\0' || strcmp(x->key, key) != 0)
			continue;
		if (community && *community && x->community[0] &&
		    strcmp(x->community, community) != 0)
			continue;
		if (community && *community && x->community[0])
			return (long)i;
		if (any < 0)
			any = (long)i;
	}
	return any;
}

long
sq_sites_first(const struct sq_sites *s, int kind)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].kind == kind)
			return (long)i;
	return -1;
}

long
sq_sites_named(const struct sq_sites *s, const char *name)
{
	size_t n = strlen(name);

	n = sq_trim(&name, n);
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i].name) == n &&
		    memcmp(s->v[i].name, name, n) == 0)
			return (long)i;
	return -1;
}
