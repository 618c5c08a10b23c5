/*
 * settings.c — the settings (--config), the wording (words.conf), the lines kept as
 * written (--allow) and where the day's files are (DIR).
 */
#include "report.h"

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char tmp[1024];

	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(tmp))
		return sq_xstrdup(tmp);
	char *big = sq_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return big;
}

/* A file DIR/name if there is one, else NULL (malloc'd). */
const char *
in_dir(struct report *R, const char *given, const char *name, char **owned)
{
	if (given || R->dir == NULL)
		return given;
	char *p = xasprintf("%s/%s", R->dir, name);
	if (access(p, R_OK) == 0) {
		*owned = p;
		return p;
	}
	free(p);
	return NULL;
}

/* ---- key = value files (settings, wording) --------------------------- */

/*
 * The settings (--config) and the wording (words.conf): "key = value", also
 * "key: value" and "key：value"; a value in double quotes keeps its spaces.
 * -1 if unreadable.  A line that is not a setting is a data problem.
 */
struct kv_ctx {
	const char *path;
	void	(*fn)(void *, const char *, const char *, long);
	void	*ctx;
};

static void
kv_fn(void *ctx, const char *k, const char *v, long no)
{
	struct kv_ctx *c = ctx;

	if (k == NULL)
		sq_problem(c->path, no, "expected 'key = value'");
	else
		c->fn(c->ctx, k, v, no);
}

int
read_kv(const char *path, void (*fn)(void *, const char *, const char *,
    long), void *ctx)
{
	struct kv_ctx c = { path, fn, ctx };

	return sq_kv_load(path, SQ_KV_COLON | SQ_KV_QUOTES, kv_fn, &c);
}

void
word_fn(void *ctx, const char *k, const char *v, long no)
{
	json_object_set_new(ctx, k, json_string(v));
}

const char *
word(struct report *R, const char *key)
{
	const char *s = json_string_value(json_object_get(R->words, key));
	return s ? s : "";
}

/* One line kept as written (--allow, allow =): FILE:LINE or LINE. */
int
allow_add(struct report *R, const char *a)
{
	const char *colon = strrchr(a, ':');
	const char *num = colon ? colon + 1 : a;
	char *end;
	long v = strtol(num, &end, 10);

	if (end == num || *end || v < 1 || colon == a)
		return -1;
	R->allow = sq_xrealloc(R->allow, (R->nallow + 1) * sizeof(*R->allow));
	R->allow[R->nallow++] = sq_xstrdup(a);
	return 0;
}

void
conf_fn(void *ctx, const char *k, const char *v, long no)
{
	struct report *R = ctx;
	char *copy = sq_xstrdup(v);
	long n;

	if (strcmp(k, "name") == 0 || strcmp(k, "小区") == 0) {
		free(R->name);
		R->name = copy;
		R->name_line = no;
		return;
	}
	if (strcmp(k, "committee") == 0 || strcmp(k, "居委会") == 0) {
		free(R->committee);
		R->committee = copy;
		R->committee_line = no;
		return;
	}
	if (strcmp(k, "hotline") == 0 || strcmp(k, "热线") == 0) {
		free(R->hotline);
		R->hotline = copy;
		R->hotline_line = no;
		return;
	}
	if (strcmp(k, "community") == 0) {
		free(R->community);
		R->community = copy;
		return;
	}
	if (strcmp(k, "allow") == 0) {
		/* the lines --allow would name, for the daily job's config */
		char *save = NULL;
		for (char *t = strtok_r(copy, ", ", &save); t;
		    t = strtok_r(NULL, ", ", &save))
			if (allow_add(R, t) < 0)
				sq_problem(R->config, no, "allow '%s': a line "
				    "is FILE:LINE or LINE (of the notices)", t);
		free(copy);
		return;
	}
	if (strcmp(k, "lang") == 0) {
		free(R->conf_lang);
		R->conf_lang = copy;
		return;
	}
	if (strcmp(k, "plan") == 0) {
		if (R->plan == NULL) {
			const char *slash = strrchr(R->config, '/');
			if (v[0] != '/' && slash)
				R->plan_owned = xasprintf("%.*s/%s",
				    (int)(slash - R->config), R->config, v);
			else
				R->plan_owned = sq_xstrdup(v);
			R->plan = R->plan_owned;
		}
		free(copy);
		return;
	}
	free(copy);
	if (strcmp(k, "threshold") == 0 || strcmp(k, "max_chars") == 0 ||
	    strcmp(k, "top") == 0) {
		long lo = strcmp(k, "max_chars") == 0 ? 200 : 1;
		if (sq_long_parse(v, strlen(v), lo, 100000, &n) != SQ_VAL_OK) {
			sq_problem(R->config, no, "%s '%s': not a whole number "
			    "from %ld", k, v, lo);
			return;
		}
		if (k[0] == 't' && k[1] == 'h' && !R->threshold_set)
			R->threshold = n;
		else if (k[0] == 'm' && !R->max_chars_set)
			R->max_chars = n;
		else if (k[0] == 't' && k[1] == 'o')
			R->top = n;
		return;
	}
	/* every program reads it, through $SHEQU_CONF (lib/opts) */
	if (strcmp(k, "bom") == 0)
		return;
	/* shequ-daily's own: the grid workers' lists as csv or xlsx */
	if (strcmp(k, "lists") == 0)
		return;
	/* the bulletin says 正在补货 only when the committee says it is */
	if (strcmp(k, "restocking") == 0) {
		int b = sq_bool_parse(v, strlen(v));
		if (b < 0)
			sq_problem(R->config, no, "restocking '%s': yes or no",
			    v);
		else
			R->restocking = b;
		return;
	}
	sq_problem(R->config, no, "unknown setting '%s' (known: name, "
	    "committee, hotline, community, lang, bom, plan, threshold, "
	    "max_chars, top, allow, lists, restocking)", k);
}
