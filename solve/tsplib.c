/*
 * tsplib.c — the CVRPLIB reader.  See tsplib.h.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "tsplib.h"

enum section { SEC_NONE, SEC_COORD, SEC_DEMAND, SEC_DEPOT, SEC_DONE };

struct parse {
	const char *name;
	long	 line;
	char	*err;
	size_t	 errsz;
	struct sq_tsplib *t;
	char	*have_xy, *have_d;
	int	 ndepot;
	int	 depot_ended;
	int	 cvrp, euc, have_dim;
};

static int
fail(struct parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(struct parse *ps, const char *fmt, ...)
{
	va_list ap;
	int k = snprintf(ps->err, ps->errsz, "%s:%ld: ", ps->name, ps->line);

	if (k < 0 || (size_t)k >= ps->errsz)
		return -1;
	va_start(ap, fmt);
	vsnprintf(ps->err + k, ps->errsz - (size_t)k, fmt, ap);
	va_end(ap);
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Next whitespace-separated token of s (in place): start and length. */
static const char *
token(const char **s, size_t *len)
{
	const char *p = *s, *q;

	while (*p && is_blank(*p))
		p++;
	if (!*p) {
		*s = p;
		return NULL;
	}
	q = p;
	while (*q && !is_blank(*q))
		q++;
	*len = (size_t)(q - p);
	*s = q;
	return p;
}

static int
to_long(const char *p, size_t len, long *out)
{
	char buf[64], *end;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	errno = 0;
	long v = strtol(buf, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

static int
to_double(const char *p, size_t len, double *out)
{
	char buf[64], *end;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	errno = 0;
	double v = strtod(buf, &end);
	if (errno || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* Read whole-number tokens of a section line into v[0..want). */
static int
numbers(struct parse *ps, const char *s, int want, double *v, const char *what)
{
	const char *p;
	size_t len;

	for (int i = 0; i < want; i++) {
		if ((p = token(&s, &len)) == NULL)
			return fail(ps, "%s: expected %d numbers", what, want);
		if (to_double(p, len, &v[i]) < 0)
			return fail(ps, "%s: '%.*s' is not a number", what,
			    (int)(len > 40 ? 40 : len), p);
	}
	if (token(&s, &len) != NULL)
		return fail(ps, "%s: more than %d numbers on the line", what,
		    want);
	return 0;
}

static int
node_id(struct parse *ps, double v, const char *what, int *idx)
{
	if (v != floor(v) || v < 1 || v > ps->t->dim)
		return fail(ps, "%s: node %g is not between 1 and %d", what, v,
		    ps->t->dim);
	*idx = (int)v - 1;
	return 0;
}

static int
alloc_nodes(struct parse *ps)
{
	struct sq_tsplib *t = ps->t;

	if (!ps->have_dim)
		return fail(ps, "section before DIMENSION");
	if (t->x)
		return 0;
	t->x = sq_xcalloc((size_t)t->dim, sizeof(double));
	t->y = sq_xcalloc((size_t)t->dim, sizeof(double));
	t->demand = sq_xcalloc((size_t)t->dim, sizeof(long));
	ps->have_xy = sq_xcalloc((size_t)t->dim, 1);
	ps->have_d = sq_xcalloc((size_t)t->dim, 1);
	return 0;
}

static int
keyword(struct parse *ps, const char *s, enum section *sec)
{
	struct sq_tsplib *t = ps->t;
	const char *k = s;
	size_t klen = 0;
	char val[256];

	while ((k[klen] >= 'A' && k[klen] <= 'Z') || (k[klen] >= 'a' &&
	    k[klen] <= 'z') || k[klen] == '_' || (klen > 0 && k[klen] >= '0' &&
	    k[klen] <= '9'))
		klen++;
	const char *p = k + klen;
	while (*p && is_blank(*p))
		p++;
	if (*p == ':')
		p++;
	while (*p && is_blank(*p))
		p++;
	size_t vlen = strlen(p);
	while (vlen > 0 && is_blank(p[vlen - 1]))
		vlen--;
	if (vlen >= sizeof(val))
		vlen = sizeof(val) - 1;
	memcpy(val, p, vlen);
	val[vlen] = '\0';
#define IS(w) (klen == sizeof(w) - 1 && strncmp(k, w, klen) == 0)
	if (IS("EOF")) {
		*sec = SEC_DONE;
		return 0;
	}
	if (IS("NODE_COORD_SECTION")) {
		*sec = SEC_COORD;
		return alloc_nodes(ps);
	}
	if (IS("DEMAND_SECTION")) {
		*sec = SEC_DEMAND;
		return alloc_nodes(ps);
	}
	if (IS("DEPOT_SECTION")) {
		*sec = SEC_DEPOT;
		return alloc_nodes(ps);
	}
	if (klen > 8 && strncmp(k + klen - 8, "_SECTION", 8) == 0)
		return fail(ps, "%.*s is not supported (only EUC_2D "
		    "coordinates)", (int)klen, k);
	*sec = SEC_NONE;
	if (IS("NAME")) {
		size_t l = strlen(val);
		if (l >= sizeof(t->name))
			l = sizeof(t->name) - 1;
		memcpy(t->name, val, l);
		t->name[l] = '\0';
	} else if (IS("TYPE")) {
		if (strcmp(val, "CVRP") != 0)
			return fail(ps, "TYPE '%s': only CVRP is supported",
			    val);
		ps->cvrp = 1;
	} else if (IS("DIMENSION")) {
		long v;
		if (ps->have_dim)
			return fail(ps, "DIMENSION given twice");
		if (to_long(val, strlen(val), &v) < 0 || v < 1 || v > 1000000)
			return fail(ps, "DIMENSION '%s': expected a number of "
			    "nodes from 1 to 1000000", val);
		t->dim = (int)v;
		ps->have_dim = 1;
	} else if (IS("CAPACITY")) {
		long v;
		if (to_long(val, strlen(val), &v) < 0 || v < 1)
			return fail(ps, "CAPACITY '%s': expected a positive "
			    "whole number", val);
		t->capacity = v;
	} else if (IS("EDGE_WEIGHT_TYPE")) {
		if (strcmp(val, "EUC_2D") != 0)
			return fail(ps, "EDGE_WEIGHT_TYPE '%s': only EUC_2D is "
			    "supported", val);
		ps->euc = 1;
	} else if (IS("DISTANCE")) {
		if (to_double(val, strlen(val), &t->distance) < 0 ||
		    t->distance < 0)
			return fail(ps, "DISTANCE '%s': expected a distance",
			    val);
	} else if (IS("SERVICE_TIME")) {
		if (to_double(val, strlen(val), &t->service_time) < 0 ||
		    t->service_time < 0)
			return fail(ps, "SERVICE_TIME '%s': expected a time",
			    val);
	} else if (IS("VEHICLES")) {
		long v;
		if (to_long(val, strlen(val), &v) < 0 || v < 1 || v > 1000000)
			return fail(ps, "VEHICLES '%s': expected a positive "
			    "whole number", val);
		t->vehicles = (int)v;
	}
	/* COMMENT and other keys are ignored */
#undef IS
	return 0;
}

static int
data_line(struct parse *ps, const char *s, enum section sec)
{
	struct sq_tsplib *t = ps->t;
	double v[3];
	int id;

	switch (sec) {
	case SEC_COORD:
		if (numbers(ps, s, 3, v, "NODE_COORD_SECTION") < 0 ||
		    node_id(ps, v[0], "NODE_COORD_SECTION", &id) < 0)
			return -1;
		if (ps->have_xy[id]++)
			return fail(ps, "node %d has two coordinates", id + 1);
		t->x[id] = v[1];
		t->y[id] = v[2];
		return 0;
	case SEC_DEMAND:
		if (numbers(ps, s, 2, v, "DEMAND_SECTION") < 0 ||
		    node_id(ps, v[0], "DEMAND_SECTION", &id) < 0)
			return -1;
		if (v[1] != floor(v[1]) || v[1] < 0 || v[1] > 1e12)
			return fail(ps, "node %d: demand %g is not a whole "
			    "number of 0 or more", id + 1, v[1]);
		if (ps->have_d[id]++)
			return fail(ps, "node %d has two demands", id + 1);
		t->demand[id] = (long)v[1];
		return 0;
	case SEC_DEPOT:
		if (numbers(ps, s, 1, v, "DEPOT_SECTION") < 0)
			return -1;
		if (ps->depot_ended)
			return fail(ps, "DEPOT_SECTION: a line after -1");
		if (v[0] == -1) {
			ps->depot_ended = 1;
			return 0;
		}
		if (node_id(ps, v[0], "DEPOT_SECTION", &id) < 0)
			return -1;
		if (ps->ndepot++)
			return fail(ps, "DEPOT_SECTION: several depots are "
			    "not supported");
		t->depot = id;
		return 0;
	case SEC_DONE:
		return fail(ps, "text after EOF");
	default:
		return fail(ps, "a number where a keyword was expected");
	}
}

int
sq_tsplib_parse(const char *name, const char *buf, size_t len,
    struct sq_tsplib *t, char *err, size_t errsz)
{
	struct parse ps;
	enum section sec = SEC_NONE;
	size_t i = 0;
	char *line = NULL;
	size_t linecap = 0;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	memset(&ps, 0, sizeof(ps));
	ps.name = name;
	ps.err = err;
	ps.errsz = errsz;
	ps.t = t;
	while (i < len) {
		size_t j = i;
		while (j < len && buf[j] != '\n')
			j++;
		ps.line++;
		if (j - i + 1 > linecap) {
			linecap = j - i + 1;
			line = sq_xrealloc(line, linecap);
		}
		memcpy(line, buf + i, j - i);
		line[j - i] = '\0';
		if (strlen(line) != j - i) {
			fail(&ps, "a NUL byte: not a text file");
			goto out;
		}
		i = j + 1;
		const char *s = line;
		while (*s && is_blank(*s))
			s++;
		if (*s == '\0')
			continue;
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
			if (sec == SEC_DONE)
				goto done;	/* ignore anything after EOF */
			if (keyword(&ps, s, &sec) < 0)
				goto out;
			if (sec == SEC_DONE)
				goto done;
			continue;
		}
		if (data_line(&ps, s, sec) < 0)
			goto out;
	}
done:
	if (!ps.have_dim) {
		fail(&ps, "no DIMENSION");
		goto out;
	}
	if (!ps.cvrp) {
		fail(&ps, "no TYPE : CVRP");
		goto out;
	}
	if (!ps.euc) {
		fail(&ps, "no EDGE_WEIGHT_TYPE : EUC_2D");
		goto out;
	}
	if (t->capacity <= 0) {
		fail(&ps, "no CAPACITY");
		goto out;
	}
	if (!t->x) {
		fail(&ps, "no NODE_COORD_SECTION");
		goto out;
	}
	for (int k = 0; k < t->dim; k++)
		if (!ps.have_xy[k]) {
			fail(&ps, "node %d has no coordinates", k + 1);
			goto out;
		}
	for (int k = 0; k < t->dim; k++)
		if (!ps.have_d[k]) {
			fail(&ps, "node %d has no demand", k + 1);
			goto out;
		}
	if (ps.ndepot == 0) {
		fail(&ps, "no depot in DEPOT_SECTION");
		goto out;
	}
	rc = 0;
out:
	free(line);
	free(ps.have_xy);
	free(ps.have_d);
	if (rc < 0)
		sq_tsplib_free(t);
	return rc;
}

int
sq_tsplib_read(const char *path, struct sq_tsplib *t, char *err, size_t errsz)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	memset(t, 0, sizeof(*t));
	if (fp == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = sq_xrealloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	int rc = sq_tsplib_parse(path, buf, len, t, err, errsz);
	free(buf);
	return rc;
}

void
sq_tsplib_free(struct sq_tsplib *t)
{
	free(t->x);
	free(t->y);
	free(t->demand);
	t->x = t->y = NULL;
	t->demand = NULL;
}

double
sq_tsplib_dist(const struct sq_tsplib *t, int i, int j)
{
	double dx = t->x[i] - t->x[j], dy = t->y[i] - t->y[j];

	return floor(sqrt(dx * dx + dy * dy) + 0.5);
}
