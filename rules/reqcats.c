/*
 * reqcats.c — see reqcats.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lines.h"
#include "reqcats.h"

long
sq_reqcats_duration(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (end == s || n <= 0 || n > 100000)
		return -1;
	if (strcmp(end, "m") == 0)
		return n;
	if (strcmp(end, "h") == 0)
		return n * 60;
	if (strcmp(end, "d") == 0)
		return n * 1440;
	return -1;
}

/*
 * The categories of path ("id 名称 respond solve [sensitive]" lines), each
 * with its label in the rules; every label of the rules must be one.
 * 0, or -1 (printed).
 */
int
sq_reqcats_load(struct sq_reqcats *s, const char *path,
    const struct sq_classify *rules)
{
	struct sq_lines lines;
	size_t len;
	char *line;
	int rc = 0;

	if (sq_lines_open(&lines, path) < 0) {
		sq_error("%s: cannot open: %m", path);
		return -1;
	}
	s->urgent = SIZE_MAX;
	s->other = SIZE_MAX;
	while ((line = sq_lines_next(&lines, &len)) != NULL) {
		char *f[6], *save = NULL;
		int n = 0;
		for (char *t = strtok_r(line, " \t", &save); t && n < 6;
		    t = strtok_r(NULL, " \t", &save))
			f[n++] = t;
		long r = n >= 4 ? sq_reqcats_duration(f[2]) : -1;
		long v = n >= 4 ? sq_reqcats_duration(f[3]) : -1;
		if (n < 4 || n > 5 || r < 0 || v < 0 ||
		    (n == 5 && strcmp(f[4], "sensitive") != 0)) {
			sq_error("%s:%ld: expected 'id 名称 respond solve "
			    "[sensitive]', times as 30m, 2h or 1d", path,
			    lines.no);
			rc = -1;
			break;
		}
		size_t k;
		for (k = 0; k < s->n && strcmp(s->cat[k].id, f[0]); k++)
			;
		if (k < s->n) {
			sq_error("%s:%ld: '%s' is listed twice", path,
			    lines.no, f[0]);
			rc = -1;
			break;
		}
		s->cat = sq_xrealloc(s->cat, (s->n + 1) * sizeof(*s->cat));
		struct sq_reqcat *c = &s->cat[s->n];
		memset(c, 0, sizeof(*c));
		c->id = sq_xstrdup(f[0]);
		c->zh = sq_xstrdup(f[1]);
		c->respond = r;
		c->solve = v;
		c->sensitive = n == 5;
		c->label = rules ? sq_classify_find(rules, c->id) : -1;
		if (strcmp(c->id, "urgent") == 0)
			s->urgent = s->n;
		if (strcmp(c->id, "other") == 0)
			s->other = s->n;
		s->n++;
	}
	if (rc == 0 && (s->other == SIZE_MAX || s->urgent == SIZE_MAX)) {
		sq_error("%s: 'other' and 'urgent' must both be listed", path);
		rc = -1;
	}
	/* every label of the rules is a category (or urgent) */
	for (size_t i = 0; rc == 0 && rules && i < sq_classify_nlabels(rules); i++) {
		const char *l = sq_classify_label(rules, i);
		size_t k;
		for (k = 0; k < s->n && strcmp(s->cat[k].id, l); k++)
			;
		if (k == s->n) {
			sq_error("%s: the rules name a category '%s' that is "
			    "not here; add it, with its deadlines", path, l);
			rc = -1;
		}
	}
	sq_lines_close(&lines);
	return rc;
}

void
sq_reqcats_free(struct sq_reqcats *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->cat[i].id);
		free(s->cat[i].zh);
	}
	free(s->cat);
	s->cat = NULL;
	s->n = 0;
}
