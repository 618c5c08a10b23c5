/*
 * kind.c — the kind of a table from its header (share/kinds.txt).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "header.h"
#include "kind.h"
#include "kvconf.h"
#include "text.h"

struct kind {
	char	*name;
	struct sq_aliases *aliases;	/* the common names and its section's */
	char	**names;		/* canonical names; NULL ends a group */
	size_t	 nnames;
};

struct sq_kinds {
	const struct sq_common *c;
	const char *path;
	struct kind *v;
	size_t	 n;
	int	 failed;
};

static void
kind_line(void *ctx, const char *key, const char *value, long line)
{
	struct sq_kinds *k = ctx;
	const char *semi = value ? strchr(value, ';') : NULL;

	if (k->failed)
		return;
	if (key == NULL || semi == NULL) {
		sq_error("%s:%ld: expected 'kind = section; columns | columns'",
		    k->path, line);
		k->failed = 1;
		return;
	}
	char *section = sq_xstrndup(value, (size_t)(semi - value));
	size_t sl = strlen(section);
	while (sl && (section[sl - 1] == ' ' || section[sl - 1] == '\t'))
		section[--sl] = '\0';
	char *apath = sq_datafile(k->c, "aliases.txt");
	struct sq_aliases *a = sq_aliases_load_sections(apath, section);
	free(apath);
	free(section);
	if (a == NULL) {
		k->failed = 1;
		return;
	}
	k->v = sq_xrealloc(k->v, (k->n + 1) * sizeof(*k->v));
	struct kind *kd = &k->v[k->n++];
	kd->name = sq_xstrdup(key);
	kd->aliases = a;
	kd->names = NULL;
	kd->nnames = 0;
	/* "a b | c d" -> a, b, NULL, c, d, NULL */
	char *cols = sq_xstrdup(semi + 1), *gs = NULL;
	for (char *g = strtok_r(cols, "|", &gs); g; g = strtok_r(NULL, "|", &gs)) {
		char *ts = NULL;
		size_t before = kd->nnames;
		for (char *t = strtok_r(g, " \t", &ts); t;
		    t = strtok_r(NULL, " \t", &ts)) {
			kd->names = sq_xrealloc(kd->names,
			    (kd->nnames + 1) * sizeof(char *));
			kd->names[kd->nnames++] = sq_xstrdup(t);
		}
		if (kd->nnames == before)
			continue;
		kd->names = sq_xrealloc(kd->names,
		    (kd->nnames + 1) * sizeof(char *));
		kd->names[kd->nnames++] = NULL;
	}
	free(cols);
}

struct sq_kinds *
sq_kinds_load(const struct sq_common *c)
{
	struct sq_kinds *k = sq_xcalloc(1, sizeof(*k));
	char *path = sq_datafile(c, "kinds.txt");

	k->c = c;
	k->path = path;
	if (sq_kv_load(path, 0, kind_line, k) < 0)
		k->failed = 1;
	k->path = NULL;
	free(path);
	if (k->failed) {
		sq_kinds_free(k);
		return NULL;
	}
	return k;
}

void
sq_kinds_free(struct sq_kinds *k)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < k->n; i++) {
		free(k->v[i].name);
		sq_aliases_free(k->v[i].aliases);
		for (size_t j = 0; j < k->v[i].nnames; j++)
			free(k->v[i].names[j]);
		free(k->v[i].names);
	}
	free(k->v);
	free(k);
}

/* Does the header, read through a's names, have the canonical name? */
static int
has(const struct sq_aliases *a, const struct sq_rec *h, const char *canon)
{
	for (size_t i = 0; i < h->nf; i++) {
		const char *c = sq_aliases_lookup(a, sq_rec_get(h, i), h->len[i]);
		if (c && strcmp(c, canon) == 0)
			return 1;
	}
	return 0;
}

const char *
sq_kinds_match(const struct sq_kinds *k, const struct sq_reader *r)
{
	const struct sq_rec *h = sq_reader_rawheader(r);

	for (size_t i = 0; i < k->n; i++) {
		const struct kind *kd = &k->v[i];
		int all = 1;
		for (size_t j = 0; j < kd->nnames; j++) {
			if (kd->names[j] == NULL) {
				if (all)
					return kd->name;
				all = 1;
			} else if (all && !has(kd->aliases, h, kd->names[j]))
				all = 0;
		}
	}
	return NULL;
}
