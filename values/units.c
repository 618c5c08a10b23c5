/*
 * units.c — unit conversions for the stock ledger (see units.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lines.h"
#include "text.h"
#include "units.h"
#include "value.h"

#define MIN_FACTOR	1e-9
#define MAX_FACTOR	1e9

struct conv {
	char	*item;		/* folded; "*" for every item */
	char	*from, *to;
	double	 factor;	/* 1 from = factor to */
};

struct sq_units {
	struct conv *conv;
	size_t	 n;
};

struct sq_units *
sq_units_new(void)
{
	return sq_xcalloc(1, sizeof(struct sq_units));
}

static void
free_convs(struct conv *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].item);
		free(c[i].from);
		free(c[i].to);
	}
	free(c);
}

void
sq_units_free(struct sq_units *u)
{
	if (u == NULL)
		return;
	free_convs(u->conv, u->n);
	free(u);
}

size_t
sq_units_count(const struct sq_units *u)
{
	return u->n;
}

/* "item  1 箱 = 50 个" or "*  1 kg = 2 斤"; '#' comments. */
int
sq_units_load(struct sq_units *u, const char *path)
{
	struct sq_lines l;
	size_t n = 0, len;
	struct conv *conv = NULL;
	char *line;
	int rc = 0;

	if (sq_lines_open(&l, path) < 0) {
		sq_error("%s: cannot open: %m", path);
		return -1;
	}
	while ((line = sq_lines_next(&l, &len)) != NULL) {
		char *f[8], *save = NULL;
		int nf = 0;
		/* a CR inside a line parts fields, as it always did */
		for (char *t = strtok_r(line, " \t\r", &save); t && nf < 8;
		    t = strtok_r(NULL, " \t\r", &save))
			f[nf++] = t;
		double a = 0, b = 0;
		if (nf != 6 || strcmp(f[3], "=") != 0 ||
		    sq_double_parse(f[1], strlen(f[1]), &a) != SQ_VAL_OK ||
		    sq_double_parse(f[4], strlen(f[4]), &b) != SQ_VAL_OK ||
		    a <= 0 || b <= 0) {
			sq_error("%s:%ld: expected 'ITEM 1 UNIT = N UNIT' (ITEM "
			    "* for every item), e.g. '口罩 1 箱 = 50 包'", path, l.no);
			rc = -1;
			break;
		}
		double factor = b / a;
		if (!(factor >= MIN_FACTOR && factor <= MAX_FACTOR)) {
			sq_error("%s:%ld: '%s %s = %s %s' is out of range (a "
			    "factor from 1e-9 to 1e9)", path, l.no, f[1], f[2],
			    f[4], f[5]);
			rc = -1;
			break;
		}
		conv = sq_xrealloc(conv, (n + 1) * sizeof(*conv));
		struct conv *c = &conv[n++];
		c->item = sq_fold_lower(f[0], strlen(f[0]));
		c->from = sq_fold_lower(f[2], strlen(f[2]));
		c->to = sq_fold_lower(f[5], strlen(f[5]));
		c->factor = factor;
	}
	sq_lines_close(&l);
	/* all or nothing */
	if (rc == 0 && n > 0) {
		u->conv = sq_xrealloc(u->conv, (u->n + n) * sizeof(*conv));
		memcpy(u->conv + u->n, conv, n * sizeof(*conv));
		u->n += n;
		free(conv);
	} else
		free_convs(conv, n);
	return rc;
}

/* How many `to` one `from` is, by one rule; 0 when none says. */
static double
direct(const struct sq_units *u, const char *key, const char *from,
    const char *to)
{
	if (strcmp(from, to) == 0)
		return 1;
	/* later files override: search backwards, the item's own rules first */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = u->n; i-- > 0;) {
			const struct conv *c = &u->conv[i];
			if (strcmp(c->item, pass ? "*" : key) != 0)
				continue;
			if (strcmp(c->from, from) == 0 && strcmp(c->to, to) == 0)
				return c->factor;
			if (strcmp(c->from, to) == 0 && strcmp(c->to, from) == 0)
				return 1 / c->factor;
		}
	return 0;
}

double
sq_units_factor(const struct sq_units *u, const char *key, const char *from,
    const char *to)
{
	double f = direct(u, key, from, to);

	for (size_t i = u->n; f == 0 && i-- > 0;) {
		const struct conv *c = &u->conv[i];
		if (strcmp(c->item, key) != 0 && strcmp(c->item, "*") != 0)
			continue;
		const char *mid = strcmp(c->from, from) == 0 ? c->to :
		    strcmp(c->to, from) == 0 ? c->from : NULL;
		double f1 = direct(u, key, from, mid ? mid : from);
		double f2 = mid ? direct(u, key, mid, to) : 0;
		if (mid && f1 != 0 && f2 != 0)
			f = f1 * f2;
	}
	return f;
}
