/*
 * conf.c — sq-care's wording (share/care/words.conf) and rules
 * (share/care/care.conf, then --config: who needs a carer, the notes'
 * labels, the skills a need prefers, the alarms, the minutes a greeting).
 */
#include "state.h"

/* ---- wording: share/care/words.conf ---------------------------------- */

static void
word_fn(void *ctx, const char *key, const char *value, long line)
{
	struct care *C = ctx;

	if (key == NULL)
		return;
	for (size_t i = 0; i < C->nwords; i++)
		if (strcmp(C->words[i].key, key) == 0) {
			free(C->words[i].value);
			C->words[i].value = sq_xstrdup(value);
			return;
		}
	C->words = sq_xrealloc(C->words, (C->nwords + 1) * sizeof(*C->words));
	C->words[C->nwords].key = sq_xstrdup(key);
	C->words[C->nwords].value = sq_xstrdup(value);
	C->nwords++;
}

/* The wording for key, or fallback (a code, so nothing is ever blank). */
const char *
word(const struct care *C, const char *prefix, const char *name)
{
	char key[128];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	for (size_t i = 0; i < C->nwords; i++)
		if (strcmp(C->words[i].key, key) == 0)
			return C->words[i].value;
	return name;
}

void
say(struct sq_buf *out, const char *tpl, const struct fill *f)
{
	char num[32];

	for (const char *p = tpl; *p;) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (open == NULL || close == NULL) {
			sq_buf_adds(out, p);
			return;
		}
		sq_buf_add(out, p, (size_t)(open - p));
		size_t n = (size_t)(close - open - 1);
		const char *v = NULL;
		if (n == 8 && memcmp(open + 1, "building", 8) == 0)
			v = f->building;
		else if (n == 5 && memcmp(open + 1, "skill", 5) == 0)
			v = f->skill;
		else if (n == 4 && memcmp(open + 1, "need", 4) == 0)
			v = f->need;
		else if (n == 1 && open[1] == 'm')
			snprintf(num, sizeof(num), "%ld", f->m), v = num;
		else if (n == 3 && memcmp(open + 1, "max", 3) == 0)
			snprintf(num, sizeof(num), "%ld", f->max), v = num;
		else if (n == 4 && memcmp(open + 1, "days", 4) == 0)
			snprintf(num, sizeof(num), "%ld", f->days), v = num;
		if (v)
			sq_buf_adds(out, v);
		else
			sq_buf_add(out, open, (size_t)(close - open + 1));
		p = close + 1;
	}
}

/* ---- settings: share/care/care.conf, then --config ------------------ */

struct conf_ctx {
	struct care *C;
	const char *path;
	int	 bad;
};

static int
cond_index(struct care *C, const char *name)
{
	for (int i = 0; i < C->ncond; i++)
		if (strcmp(C->cond[i].name, name) == 0)
			return i;
	if (C->ncond == MAXCOND)
		return -1;
	C->cond[C->ncond].name = sq_xstrdup(name);
	C->cond[C->ncond].care = 0;
	C->cond[C->ncond].label = -1;
	return C->ncond++;
}

/* "a, b，c、d; e" one item at a time: fn(ctx, item), trimmed, folded */
static int
each_item(const char *list, int (*fn)(void *, const char *), void *ctx)
{
	char *t = sq_fold_lower(list, strlen(list)), *save = NULL;
	int rc = 0;

	/* the ideographic comma is not folded: make it a comma */
	for (char *d; (d = strstr(t, "、")) != NULL;) {
		d[0] = ',';
		memmove(d + 1, d + 3, strlen(d + 3) + 1);
	}
	for (char *tok = strtok_r(t, ",;", &save); tok && rc == 0;
	    tok = strtok_r(NULL, ",;", &save)) {
		const char *a = tok;
		size_t n = sq_trim(&a, strlen(tok));
		if (n == 0)
			continue;
		char *one = sq_xstrndup(a, n);
		rc = fn(ctx, one);
		free(one);
	}
	free(t);
	return rc;
}

static int
add_list(void *ctx, const char *item)
{
	struct list *l = ctx;

	l->v = sq_xrealloc(l->v, (l->n + 1) * sizeof(char *));
	l->v[l->n++] = sq_xstrdup(item);
	return 0;
}

static int
add_care(void *ctx, const char *name)
{
	struct conf_ctx *x = ctx;
	int i = cond_index(x->C, name);

	if (i < 0)
		return -1;
	x->C->cond[i].care = 1;
	return 0;
}

struct skill_ctx {
	struct conf_ctx *x;
	long	 line;
	uint64_t mask;
};

static int
add_skill(void *ctx, const char *name)
{
	struct skill_ctx *s = ctx;
	int id = sq_skills_id(&s->x->C->skills, name);

	if (id < 0) {
		sq_error("%s:%ld: '%s' is not a skill of skills.txt", s->x->path,
		    s->line, name);
		return -1;
	}
	s->mask |= (uint64_t)1 << id;
	return 0;
}

static int
conf_number(struct conf_ctx *x, const char *key, const char *value, long line,
    long max, long *out)
{
	if (sq_long_parse(value, strlen(value), 0, max, out) != SQ_VAL_OK) {
		sq_error("%s:%ld: %s = '%s': a whole number from 0 to %ld",
		    x->path, line, key, value, max);
		x->bad = 1;
		return -1;
	}
	return 0;
}

static void
conf_fn(void *ctx, const char *key, const char *value, long line)
{
	static const char *const how_names[] = { "door", "wechat", "phone",
	    "other" };
	struct conf_ctx *x = ctx;
	struct care *C = x->C;

	if (x->bad)
		return;
	if (key == NULL) {
		sq_error("%s:%ld: expected 'key = value'", x->path, line);
		x->bad = 1;
		return;
	}
	if (strcmp(key, "care") == 0) {
		for (int i = 0; i < C->ncond; i++)
			C->cond[i].care = 0;	/* a later file replaces it */
		if (each_item(value, add_care, x) < 0) {
			sq_error("%s:%ld: more than %d conditions", x->path,
			    line, MAXCOND);
			x->bad = 1;
		}
		return;
	}
	if (strncmp(key, "prefer.", 7) == 0 && key[7]) {
		char *name = sq_fold_lower(key + 7, strlen(key + 7));
		int ci = cond_index(C, name);
		free(name);
		struct skill_ctx s = { x, line, 0 };
		if (ci < 0) {
			sq_error("%s:%ld: more than %d conditions", x->path,
			    line, MAXCOND);
			x->bad = 1;
			return;
		}
		if (each_item(value, add_skill, &s) < 0) {
			x->bad = 1;
			return;
		}
		int p = 0;
		while (p < C->npref && C->pref[p].cond != ci)
			p++;
		if (p == C->npref) {
			if (C->npref == MAXPREF) {
				sq_error("%s:%ld: more than %d preferences",
				    x->path, line, MAXPREF);
				x->bad = 1;
				return;
			}
			C->npref++;
		}
		C->pref[p].cond = ci;
		C->pref[p].skills = s.mask;
		return;
	}
	if (strcmp(key, "honorifics") == 0 || strcmp(key, "name_prefixes") ==
	    0) {
		struct list *l = key[0] == 'h' ? &C->honorifics :
		    &C->prefixes;
		for (size_t i = 0; i < l->n; i++)
			free(l->v[i]);
		l->n = 0;
		each_item(value, add_list, l);
		return;
	}
	if (strcmp(key, "max") == 0) {
		long v;
		if (conf_number(x, key, value, line, 1000, &v) == 0 &&
		    !C->max_set)
			C->max = v;
		return;
	}
	if (strcmp(key, "urgent_after") == 0) {
		conf_number(x, key, value, line, 366, &C->urgent_after);
		return;
	}
	for (int i = 0; i < 4; i++)
		if (strncmp(key, "minutes.", 8) == 0 &&
		    strcmp(key + 8, how_names[i]) == 0) {
			conf_number(x, key, value, line, 600, &C->minutes[i]);
			return;
		}
	sq_error("%s:%ld: unknown setting '%s'", x->path, line, key);
	x->bad = 1;
}

static int
load_conf(struct care *C, const char *path)
{
	struct conf_ctx x = { C, path, 0 };

	if (sq_kv_load(path, SQ_KV_HASH, conf_fn, &x) < 0 || x.bad)
		return -1;
	return 0;
}

/* Everything in share/care/ and the skills; -1 (printed) on failure. */
int
load_rules(struct care *C)
{
	char *p;
	int rc = 0;

	p = sq_datafile(&C->c, "skills.txt");
	if (sq_skills_load(&C->skills, p) < 0 || (C->rules &&
	    sq_skills_load(&C->skills, C->rules) < 0))
		rc = -1;
	free(p);
	if (rc == 0) {
		p = sq_datafile(&C->c, "care/care.conf");
		if (load_conf(C, p) < 0 || (C->config &&
		    load_conf(C, C->config) < 0))
			rc = -1;
		free(p);
	}
	static const char *const kw[] = { "care/notes.txt", "care/alarms.txt",
	    "care/how.txt" };
	struct sq_keywords **dst[] = { &C->notes, &C->alarms, &C->how };
	for (int i = 0; i < 3 && rc == 0; i++) {
		p = sq_datafile(&C->c, kw[i]);
		if ((*dst[i] = sq_keywords_load(p)) == NULL)
			rc = -1;
		free(p);
	}
	if (rc == 0) {
		p = sq_datafile(&C->c, "care/words.conf");
		if (sq_kv_load(p, SQ_KV_HASH, word_fn, C) < 0)
			rc = -1;
		free(p);
	}
	if (rc < 0)
		return -1;
	C->caremask = 0;
	for (int i = 0; i < C->ncond; i++) {
		C->cond[i].label = sq_keywords_find(C->notes, C->cond[i].name);
		if (C->cond[i].care)
			C->caremask |= (uint32_t)1 << i;
	}
	C->unreachable = sq_keywords_find(C->alarms, "unreachable");
	return 0;
}
