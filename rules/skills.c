/*
 * skills.c — skill rules: keywords to skills, teams, related skills (see
 * skills.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lines.h"
#include "skills.h"
#include "text.h"

/* If s[i..n) starts with lit, its length, else 0. */
static size_t
at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t l = strlen(lit);

	return i + l <= n && memcmp(s + i, lit, l) == 0 ? l : 0;
}

/* First of a list of literals matching at s[i]; its length. */
static size_t
at_any(const char *s, size_t n, size_t i, const char *const *lits)
{
	for (int k = 0; lits[k]; k++) {
		size_t l = at(s, n, i, lits[k]);
		if (l)
			return l;
	}
	return 0;
}

static int
isalnum_ascii(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Length of the UTF-8 character at s[i] (1 for a broken byte). */
static size_t
charlen(const char *s, size_t n, size_t i)
{
	size_t j = i;

	if (sq_utf8_next((const unsigned char *)s, n, &j) < 0)
		return 1;
	return j - i;
}

int
sq_skills_id(const struct sq_skills *R, const char *name)
{
	for (size_t i = 0; i < R->nskill; i++)
		if (strcmp(R->skill[i], name) == 0)
			return (int)i;
	return -1;
}

static int
skill_intern(struct sq_skills *R, const char *name, const char *file, long line)
{
	int id = sq_skills_id(R, name);

	if (id >= 0)
		return id;
	if (R->nskill == SQ_SKILLS_MAX) {
		sq_error("%s:%ld: too many skills (%d at most)", file, line,
		    SQ_SKILLS_MAX);
		return -1;
	}
	R->skill[R->nskill] = sq_xstrdup(name);
	return (int)R->nskill++;
}

/* Split "a, b，c、d" into trimmed, normalized items; calls fn for each. */
static int
split_list(char *list, int (*fn)(void *, const char *), void *arg)
{
	static const char *const seps[] = { ",", "，", "、", NULL };
	size_t n = strlen(list), i = 0, start = 0;

	while (i <= n) {
		size_t l = i < n ? at_any(list, n, i, seps) : 1;
		if (l) {
			char *item = sq_fold_lower(list + start, i - start);
			int rc = 0;
			if (*item)
				rc = fn(arg, item);
			free(item);
			if (rc < 0)
				return -1;
			i += l;
			start = i;
		} else
			i++;
	}
	return 0;
}

struct load_ctx {
	struct sq_skills *R;
	const char *file;
	long	 line;
	int	 skill;
	uint64_t mask;
};

static int
add_keyword(void *arg, const char *word)
{
	struct load_ctx *c = arg;
	struct sq_skills *R = c->R;
	int ascii = 1;

	for (const char *p = word; *p; p++)
		if ((unsigned char)*p >= 0x80)
			ascii = 0;
	for (size_t i = 0; i < R->nkw; i++)
		if (strcmp(R->kw[i].word, word) == 0) {
			R->kw[i].skill = c->skill;	/* moved */
			return 0;
		}
	R->kw = sq_xrealloc(R->kw, (R->nkw + 1) * sizeof(*R->kw));
	R->kw[R->nkw].word = sq_xstrdup(word);
	R->kw[R->nkw].len = strlen(word);
	R->kw[R->nkw].skill = c->skill;
	R->kw[R->nkw].ascii = ascii;
	R->nkw++;
	return 0;
}

static int
add_mask(void *arg, const char *name)
{
	struct load_ctx *c = arg;
	int id = skill_intern(c->R, name, c->file, c->line);

	if (id < 0)
		return -1;
	c->mask |= (uint64_t)1 << id;
	return 0;
}

int
sq_skills_load(struct sq_skills *R, const char *path)
{
	struct sq_lines l;
	size_t len;
	long no = 0;
	int rc = 0;
	char *p;

	if (sq_lines_open(&l, path) < 0) {
		sq_error("%s: cannot open the rules file: %s", path,
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && (p = sq_lines_next(&l, &len)) != NULL) {
		struct load_ctx c = { R, path, no = l.no, -1, 0 };
		char *colon, *name;
		if ((colon = strchr(p, ':')) == NULL &&
		    (colon = strstr(p, "：")) == NULL) {
			sq_error("%s:%ld: expected 'skill NAME: keywords', "
			    "'team NAME: skills' or 'related SKILL: skills'",
			    path, no);
			rc = -1;
			break;
		}
		char *rest = colon + (*colon == ':' ? 1 : strlen("："));
		*colon = '\0';
		int kind;
		if (strncmp(p, "skill", 5) == 0 && (p[5] == ' ' || p[5] == '\t'))
			kind = 0, p += 5;
		else if (strncmp(p, "team", 4) == 0 && (p[4] == ' ' ||
		    p[4] == '\t'))
			kind = 1, p += 4;
		else if (strncmp(p, "related", 7) == 0 && (p[7] == ' ' ||
		    p[7] == '\t'))
			kind = 2, p += 7;
		else {
			sq_error("%s:%ld: a line starts with 'skill', 'team' "
			    "or 'related'", path, no);
			rc = -1;
			break;
		}
		name = sq_fold_lower(p, strlen(p));
		if (*name == '\0') {
			sq_error("%s:%ld: no name before ':'", path, no);
			free(name);
			rc = -1;
			break;
		}
		if (kind == 0) {
			if ((c.skill = skill_intern(R, name, path, no)) < 0 ||
			    split_list(rest, add_keyword, &c) < 0)
				rc = -1;
			else {
				/* the skill's own name is a keyword too */
				add_keyword(&c, name);
			}
		} else if (kind == 1) {
			if (split_list(rest, add_mask, &c) < 0)
				rc = -1;
			else {
				struct sq_skill_team t = { NULL, 0, c.mask };
				char *save, *tok;
				for (tok = strtok_r(name, "|", &save); tok;
				    tok = strtok_r(NULL, "|", &save)) {
					char *tn = sq_fold_lower(tok, strlen(tok));
					if (*tn == '\0') {
						free(tn);
						continue;
					}
					t.names = sq_xrealloc(t.names,
					    (t.nnames + 1) * sizeof(char *));
					t.names[t.nnames++] = tn;
				}
				/* a later line for a name replaces it */
				for (size_t i = 0; i < R->nteam; i++)
					for (size_t j = 0; j < R->team[i].nnames;
					    j++)
						for (size_t k = 0; k < t.nnames;
						    k++)
							if (strcmp(R->team[i].
							    names[j], t.names[k])
							    == 0)
								R->team[i].
								    names[j][0]
								    = '\0';
				R->team = sq_xrealloc(R->team, (R->nteam + 1) *
				    sizeof(*R->team));
				R->team[R->nteam++] = t;
			}
		} else {
			int id = skill_intern(R, name, path, no);
			if (id < 0 || split_list(rest, add_mask, &c) < 0)
				rc = -1;
			else
				R->related[id] = c.mask & ~((uint64_t)1 << id);
		}
		free(name);
	}
	sq_lines_close(&l);
	return rc;
}

void
sq_skills_free(struct sq_skills *R)
{
	for (size_t i = 0; i < R->nskill; i++)
		free(R->skill[i]);
	for (size_t i = 0; i < R->nkw; i++)
		free(R->kw[i].word);
	free(R->kw);
	for (size_t i = 0; i < R->nteam; i++) {
		for (size_t j = 0; j < R->team[i].nnames; j++)
			free(R->team[i].names[j]);
		free(R->team[i].names);
	}
	free(R->team);
	memset(R, 0, sizeof(*R));	/* ready to load again */
}

/*
 * Skills named in a normalized text: the longest keyword at each place;
 * ASCII keywords only as whole words.  *first gets the first keyword found
 * for each skill (for --explain), if not NULL.
 */
uint64_t
sq_skills_scan(const struct sq_skills *R, const char *s, const char **first)
{
	size_t n = strlen(s), i = 0;
	uint64_t mask = 0;

	while (i < n) {
		size_t best = 0;
		int bs = -1;
		const char *bw = NULL;
		for (size_t k = 0; k < R->nkw; k++) {
			const struct sq_skill_keyword *kw = &R->kw[k];
			if (kw->len <= best || !at(s, n, i, kw->word))
				continue;
			if (kw->ascii && ((i > 0 &&
			    isalnum_ascii((unsigned char)s[i - 1])) ||
			    (i + kw->len < n &&
			    isalnum_ascii((unsigned char)s[i + kw->len]))))
				continue;
			best = kw->len;
			bs = kw->skill;
			bw = kw->word;
		}
		if (bs >= 0) {
			if (first && !(mask & ((uint64_t)1 << bs)))
				first[bs] = bw;
			mask |= (uint64_t)1 << bs;
			i += best;
		} else
			i += charlen(s, n, i);
	}
	return mask;
}

/* The team a post's team text names: exact, else the longest inside. */
int
sq_skills_team(const struct sq_skills *R, const char *t)
{
	size_t best = 0;
	int id = -1;

	if (*t == '\0')
		return -1;
	for (size_t i = 0; i < R->nteam; i++)
		for (size_t j = 0; j < R->team[i].nnames; j++)
			if (R->team[i].names[j][0] &&
			    strcmp(R->team[i].names[j], t) == 0)
				return (int)i;
	for (size_t i = 0; i < R->nteam; i++)
		for (size_t j = 0; j < R->team[i].nnames; j++) {
			size_t l = strlen(R->team[i].names[j]);
			if (l > best && strstr(t, R->team[i].names[j])) {
				best = l;
				id = (int)i;
			}
		}
	return id;
}
