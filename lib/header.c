#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "header.h"
#include "lines.h"
#include "text.h"

struct alias {
	char	*norm;		/* normalized alias */
	char	*canon;
};

struct sq_aliases {
	struct alias *v;
	size_t	 n, cap;
	size_t	 ncanon;
	char	**first;	/* canonical name, then its first alias */
	size_t	 nfirst;
};

static int
is_paren_open(const unsigned char *s, size_t i, size_t n, size_t *w)
{
	if (s[i] == '(' || s[i] == '[') {
		*w = 1;
		return 1;
	}
	/* （ U+FF08 is folded by sq_fold; 【 U+3010 is not */
	if (i + 2 < n && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x90) {
		*w = 3;
		return 1;
	}
	return 0;
}

size_t
sq_header_norm(const char *in, size_t len, char *out, size_t outsz)
{
	char tmp[512];
	size_t n, o = 0;

	if (len >= sizeof(tmp))
		len = sizeof(tmp) - 1;
	n = sq_fold(in, len, tmp, sizeof(tmp));
	const unsigned char *s = (const unsigned char *)tmp;
	for (size_t i = 0; i < n && o + 1 < outsz; i++) {
		size_t w;
		if (o > 0 && is_paren_open(s, i, n, &w))
			break;		/* a unit or a note: not the name */
		if (s[i] == ' ' || s[i] == '_' || s[i] == '-' || s[i] == '*' ||
		    s[i] == '\t' || s[i] == ':')
			continue;
		/* "：" U+FF1A is folded to ':' by sq_fold */
		out[o++] = (char)tolower(s[i]);
	}
	if (outsz)
		out[o] = '\0';
	return o;
}

static void
add(struct sq_aliases *a, const char *name, size_t len, const char *canon)
{
	char norm[256];
	size_t n = sq_header_norm(name, len, norm, sizeof(norm));

	if (n == 0)
		return;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].norm, norm) == 0) {
			/* a later line overrides: user files extend the base */
			free(a->v[i].canon);
			a->v[i].canon = sq_xstrdup(canon);
			return;
		}
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 64;
		a->v = sq_xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	a->v[a->n].norm = sq_xstrdup(norm);
	a->v[a->n].canon = sq_xstrdup(canon);
	a->n++;
}

/* Is [name] among the comma-separated sections asked for (NULL: all)? */
static int
wanted(const char *sections, const char *name, size_t len)
{
	if (sections == NULL)
		return 1;
	for (const char *p = sections; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && memcmp(p, name, n) == 0)
			return 1;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return 0;
}

struct sq_aliases *
sq_aliases_load(const char *path)
{
	return sq_aliases_load_sections(path, NULL);
}

struct sq_aliases *
sq_aliases_load_sections(const char *path, const char *sections)
{
	int skip = 0;
	struct sq_lines l;
	struct sq_aliases *a;
	const char *name;
	size_t len, nl;
	char *p, *colon;

	if (sq_lines_open(&l, path) < 0) {
		sq_error("%s: cannot open the aliases file: %m", path);
		return NULL;
	}
	a = sq_xcalloc(1, sizeof(*a));
	while ((p = sq_lines_next(&l, &len)) != NULL) {
		if (*p == '[') {
			/* [table]: names that mean something only in that table */
			if (!sq_lines_section(p, len, &name, &nl)) {
				sq_error("%s:%ld: a section is written [name]",
				    path, l.no);
				sq_lines_close(&l);
				sq_aliases_free(a);
				return NULL;
			}
			skip = !wanted(sections, name, nl);
			continue;
		}
		if (skip)
			continue;
		if ((colon = strchr(p, ':')) == NULL) {
			sq_error("%s:%ld: expected 'canonical: alias, alias, "
			    "...'", path, l.no);
			sq_lines_close(&l);
			sq_aliases_free(a);
			return NULL;
		}
		*colon = '\0';
		char *canon = p;
		size_t cl = strlen(canon);
		while (cl && (canon[cl - 1] == ' ' || canon[cl - 1] == '\t'))
			canon[--cl] = '\0';
		a->ncanon++;
		add(a, canon, cl, canon);
		int firsttok = 1;
		for (char *tok = strtok(colon + 1, ",\r\n"); tok;
		    tok = strtok(NULL, ",\r\n")) {
			add(a, tok, strlen(tok), canon);
			const char *t = tok;
			size_t tl = sq_trim(&t, strlen(tok));
			if (firsttok && tl && sq_aliases_first(a, canon) == NULL) {
				a->first = sq_xrealloc(a->first,
				    (a->nfirst + 2) * sizeof(char *));
				a->first[a->nfirst++] = sq_xstrdup(canon);
				a->first[a->nfirst++] = sq_xstrndup(t, tl);
			}
			firsttok = 0;
		}
	}
	sq_lines_close(&l);
	return a;
}

void
sq_aliases_free(struct sq_aliases *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].norm);
		free(a->v[i].canon);
	}
	for (size_t i = 0; i < a->nfirst; i++)
		free(a->first[i]);
	free(a->first);
	free(a->v);
	free(a);
}

const char *
sq_aliases_first(const struct sq_aliases *a, const char *canon)
{
	for (size_t i = 0; a && i + 1 < a->nfirst; i += 2)
		if (strcmp(a->first[i], canon) == 0)
			return a->first[i + 1];
	return NULL;
}

size_t
sq_aliases_count(const struct sq_aliases *a)
{
	return a ? a->ncanon : 0;
}

const char *
sq_aliases_lookup(const struct sq_aliases *a, const char *name, size_t len)
{
	char norm[256];

	if (a == NULL)
		return NULL;
	sq_header_norm(name, len, norm, sizeof(norm));
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].norm, norm) == 0)
			return a->v[i].canon;
	return NULL;
}

const char *
sq_aliases_keyword(const struct sq_aliases *a, const char *name, size_t len,
    const char **word, const char **other)
{
	char norm[256];
	const struct alias *best = NULL;
	const char *at = NULL;
	size_t bl = 0;

	*word = *other = NULL;
	if (a == NULL)
		return NULL;
	sq_header_norm(name, len, norm, sizeof(norm));
	for (size_t i = 0; i < a->n; i++) {
		const char *w = a->v[i].norm, *p;
		size_t wl = strlen(w);
		/* two Chinese characters at least: not 楼, 室, tel, day */
		if (wl < 6 || (unsigned char)w[0] < 0x80 || wl <= bl)
			continue;
		if ((p = strstr(norm, w)) != NULL) {
			best = &a->v[i];
			at = p;
			bl = wl;
		}
	}
	if (best == NULL)
		return NULL;
	*word = best->norm;
	/* another column's word outside the one found: cannot tell */
	for (size_t i = 0; i < a->n; i++) {
		const char *w = a->v[i].norm, *p;
		size_t wl = strlen(w);
		if (wl < 6 || (unsigned char)w[0] < 0x80 ||
		    strcmp(a->v[i].canon, best->canon) == 0)
			continue;
		for (p = strstr(norm, w); p; p = strstr(p + 1, w))
			if (p + wl <= at || p >= at + bl) {
				*other = a->v[i].canon;
				return NULL;
			}
	}
	return best->canon;
}

static void
score(const struct sq_rec *r, const struct sq_aliases *a, size_t *known,
    size_t *full)
{
	*known = *full = 0;
	for (size_t j = 0; j < r->nf; j++) {
		if (r->len[j] == 0)
			continue;
		(*full)++;
		if (sq_aliases_lookup(a, sq_rec_get(r, j), r->len[j]))
			(*known)++;
	}
}

size_t
sq_header_pick(const struct sq_rec *c, size_t n, const struct sq_aliases *a)
{
	size_t known0, full0, best = 0, best_known, best_full;

	if (n == 0)
		return 0;
	score(&c[0], a, &known0, &full0);
	best_known = known0;
	best_full = full0;
	for (size_t i = 1; i < n; i++) {
		size_t known, full;
		score(&c[i], a, &known, &full);
		if (known >= 2 && known > best_known) {
			best = i;
			best_known = known;
			best_full = full;
		} else if (best_known == 0 && known == 0 && full > best_full &&
		    2 * full0 <= full) {
			/* row 0 is a title or a note: far fewer cells */
			best = i;
			best_full = full;
		}
	}
	return best;
}
