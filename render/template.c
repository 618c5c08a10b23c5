/*
 * template.c — the Mustache subset of template.h: parsed once into tokens,
 * rendered against a jansson value with a stack of sections.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "template.h"

enum { T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_CLOSE, T_PARTIAL };

struct tok {
	int	 type;
	size_t	 off, len;	/* text, or the tag's name, in src */
	size_t	 end;		/* a section: index of its closing tag */
	long	 line;
};

struct sq_tpl {
	char	*src;
	char	*file;
	struct tok *tok;
	size_t	 ntok, cap;
};

#define MAX_DEPTH	64
#define MAX_PARTIALS	8
/*
 * Sections inside sections over the same array multiply: 20 levels over 3
 * elements are 3^20 renderings.  A bulletin takes some thousands of tokens;
 * past these, rendering stops with an error instead of running for ever.
 * (The fuzzing build lowers them, to fail in milliseconds under ASan.)
 */
#ifndef SQ_TPL_MAX_STEPS
#define SQ_TPL_MAX_STEPS	1000000		/* tokens rendered */
#endif
#ifndef SQ_TPL_MAX_OUTPUT
#define SQ_TPL_MAX_OUTPUT	(64u << 20)	/* bytes */
#endif

/* Offset of needle (nl bytes) in s[from, len), or len; NUL bytes are text. */
static size_t
find(const char *s, size_t from, size_t len, const char *needle, size_t nl)
{
	for (size_t i = from; i + nl <= len; i++) {
		const char *p = memchr(s + i, needle[0], len - i - nl + 1);
		if (p == NULL)
			break;
		i = (size_t)(p - s);
		if (memcmp(p, needle, nl) == 0)
			return i;
	}
	return len;
}

static long
line_at(const char *s, size_t off)
{
	long n = 1;

	for (size_t i = 0; i < off; i++)
		n += s[i] == '\n';
	return n;
}

static void
push(struct sq_tpl *t, int type, size_t off, size_t len, long line)
{
	if (t->ntok == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->tok = sq_xrealloc(t->tok, t->cap * sizeof(*t->tok));
	}
	t->tok[t->ntok++] = (struct tok){ type, off, len, 0, line };
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

struct sq_tpl *
sq_tpl_parse(const char *text, size_t len, const char *file, char *err,
    size_t errsz)
{
	struct sq_tpl *t = sq_xcalloc(1, sizeof(*t));
	size_t open[MAX_DEPTH], nopen = 0, p = 0;
	const char *s;

	t->src = sq_xstrndup(text, len);
	t->file = sq_xstrdup(file);
	s = t->src;
	while (p < len) {
		size_t at = find(s, p, len, "{{", 2);
		if (at > p)
			push(t, T_TEXT, p, at - p, 0);
		if (at == len)
			break;
		long line = line_at(s, at);
		int triple = at + 2 < len && s[at + 2] == '{';
		size_t n0 = at + (triple ? 3 : 2);
		size_t n1 = find(s, n0, len, triple ? "}}}" : "}}", triple ? 3 : 2);
		if (n1 == len) {
			snprintf(err, errsz, "%s:%ld: '{{' without '}}'",
			    file, line);
			goto fail;
		}
		size_t after = n1 + (triple ? 3 : 2);
		int type = triple ? T_RAW : T_VAR;
		if (!triple && n0 < n1) {
			switch (s[n0]) {
			case '#': type = T_SECTION; n0++; break;
			case '^': type = T_INVERTED; n0++; break;
			case '/': type = T_CLOSE; n0++; break;
			case '>': type = T_PARTIAL; n0++; break;
			case '&': type = T_RAW; n0++; break;
			case '!': type = -1; break;
			}
		}
		while (n0 < n1 && blank(s[n0]))
			n0++;
		while (n1 > n0 && blank(s[n1 - 1]))
			n1--;
		if (type != -1 && n1 == n0) {
			snprintf(err, errsz, "%s:%ld: a tag without a name",
			    file, line);
			goto fail;
		}
		/* standalone: only blanks around the tag on its line */
		if (type != T_VAR && type != T_RAW) {
			size_t ls = at, le = after;
			while (ls > 0 && blank(s[ls - 1]))
				ls--;
			while (le < len && blank(s[le]))
				le++;
			if ((ls == 0 || s[ls - 1] == '\n') && (le == len ||
			    s[le] == '\n' || (s[le] == '\r' && le + 1 < len &&
			    s[le + 1] == '\n'))) {
				if (t->ntok && t->tok[t->ntok - 1].type == T_TEXT &&
				    t->tok[t->ntok - 1].off + t->tok[t->ntok - 1].len == at) {
					struct tok *prev = &t->tok[t->ntok - 1];
					prev->len = ls - prev->off;
					if (prev->len == 0)
						t->ntok--;
				}
				after = le == len ? len : le + (s[le] == '\r' ? 2 : 1);
			}
		}
		p = after;
		if (type == -1)
			continue;
		push(t, type, n0, n1 - n0, line);
		if (type == T_SECTION || type == T_INVERTED) {
			if (nopen == MAX_DEPTH) {
				snprintf(err, errsz, "%s:%ld: sections nested "
				    "too deep", file, line);
				goto fail;
			}
			open[nopen++] = t->ntok - 1;
		} else if (type == T_CLOSE) {
			struct tok *o = nopen ? &t->tok[open[nopen - 1]] : NULL;
			if (o == NULL || o->len != n1 - n0 ||
			    memcmp(s + o->off, s + n0, o->len) != 0) {
				snprintf(err, errsz, "%s:%ld: {{/%.*s}} does "
				    "not close %s%.*s%s", file, line,
				    (int)(n1 - n0), s + n0,
				    o ? "{{#" : "any section", o ? (int)o->len : 0,
				    o ? s + o->off : "", o ? "}}" : "");
				goto fail;
			}
			o->end = t->ntok - 1;
			nopen--;
		}
	}
	if (nopen) {
		struct tok *o = &t->tok[open[nopen - 1]];
		snprintf(err, errsz, "%s:%ld: {{#%.*s}} is never closed",
		    file, o->line, (int)o->len, s + o->off);
		goto fail;
	}
	return t;
fail:
	sq_tpl_free(t);
	return NULL;
}

void
sq_tpl_free(struct sq_tpl *t)
{
	if (t == NULL)
		return;
	free(t->src);
	free(t->file);
	free(t->tok);
	free(t);
}

/* ---- rendering ------------------------------------------------------- */

struct frame {
	json_t	*v;
	size_t	 index, count;	/* count > 0: an array element */
};

struct render {
	const struct sq_tpl_env *env;
	struct sq_buf *out;
	struct frame stack[MAX_DEPTH];
	size_t	 depth;
	int	 partials;
	size_t	 steps;
	char	*err;
	size_t	 errsz;
	json_t	*scratch;	/* -index values, freed at the end */
};

static int
truthy(const json_t *v)
{
	if (v == NULL)
		return 0;
	switch (json_typeof(v)) {
	case JSON_NULL: case JSON_FALSE: return 0;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_STRING: return json_string_length(v) > 0;
	case JSON_INTEGER: return json_integer_value(v) != 0;
	case JSON_REAL: return json_real_value(v) != 0;
	default: return 1;
	}
}

static json_t *
lookup(struct render *r, const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return r->stack[r->depth - 1].v;
	if (name[0] == '-') {
		for (size_t d = r->depth; d-- > 0;) {
			struct frame *f = &r->stack[d];
			if (f->count == 0)
				continue;
			if (len == 6 && memcmp(name, "-first", 6) == 0)
				return f->index == 0 ? json_true() : json_false();
			if (len == 5 && memcmp(name, "-last", 5) == 0)
				return f->index + 1 == f->count ? json_true() :
				    json_false();
			if (len == 6 && memcmp(name, "-index", 6) == 0) {
				json_t *n = json_integer((json_int_t)f->index + 1);
				json_array_append_new(r->scratch, n);
				return n;
			}
			break;
		}
		return NULL;
	}
	size_t seg = 0;
	while (seg < len && name[seg] != '.')
		seg++;
	char key[256];
	if (seg >= sizeof(key))
		return NULL;
	memcpy(key, name, seg);
	key[seg] = '\0';
	json_t *v = NULL;
	for (size_t d = r->depth; d-- > 0 && v == NULL;)
		if (json_is_object(r->stack[d].v))
			v = json_object_get(r->stack[d].v, key);
	while (v && seg < len) {
		size_t start = seg + 1, e = start;
		while (e < len && name[e] != '.')
			e++;
		if (e - start >= sizeof(key) || !json_is_object(v))
			return NULL;
		memcpy(key, name + start, e - start);
		key[e - start] = '\0';
		v = json_object_get(v, key);
		seg = e;
	}
	return v;
}

static void
emit_value(struct render *r, const json_t *v, int raw)
{
	char num[64];
	const char *s = "";
	size_t n = 0;

	if (v == NULL)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		s = json_string_value(v);
		n = json_string_length(v);
		break;
	case JSON_INTEGER:
		n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		s = num;
		break;
	case JSON_REAL:
		n = (size_t)snprintf(num, sizeof(num), "%g", json_real_value(v));
		s = num;
		break;
	case JSON_TRUE:
		s = "true";
		n = 4;
		break;
	default:
		return;
	}
	if (raw || r->env->escape == NULL)
		sq_buf_add(r->out, s, n);
	else
		r->env->escape(r->out, s, n);
}

static int render_range(struct render *, const struct sq_tpl *, size_t,
    size_t);

static int
push_frame(struct render *r, const struct sq_tpl *t, const struct tok *k,
    json_t *v, size_t index, size_t count)
{
	if (r->depth == MAX_DEPTH) {
		snprintf(r->err, r->errsz, "%s:%ld: sections nested too deep",
		    t->file, k->line);
		return -1;
	}
	r->stack[r->depth++] = (struct frame){ v, index, count };
	return 0;
}

static int
render_partial(struct render *r, const struct sq_tpl *t, const struct tok *k)
{
	char name[256], *path = NULL, *text;
	int rc;

	if (k->len >= sizeof(name) || r->env->load == NULL ||
	    r->partials == MAX_PARTIALS) {
		snprintf(r->err, r->errsz, "%s:%ld: cannot include '%.*s'%s",
		    t->file, k->line, (int)k->len, t->src + k->off,
		    r->partials == MAX_PARTIALS ? " (included in itself?)" : "");
		return -1;
	}
	memcpy(name, t->src + k->off, k->len);
	name[k->len] = '\0';
	char lerr[512];
	if ((text = r->env->load(r->env->ctx, name, &path, lerr,
	    sizeof(lerr))) == NULL) {
		snprintf(r->err, r->errsz, "%s:%ld: %s", t->file, k->line, lerr);
		return -1;
	}
	struct sq_tpl *p = sq_tpl_parse(text, strlen(text), path ? path : name,
	    r->err, r->errsz);
	free(text);
	free(path);
	if (p == NULL)
		return -1;
	r->partials++;
	rc = render_range(r, p, 0, p->ntok);
	r->partials--;
	sq_tpl_free(p);
	return rc;
}

static int
render_range(struct render *r, const struct sq_tpl *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const struct tok *k = &t->tok[i];
		const char *name = t->src + k->off;
		json_t *v;
		if (++r->steps > SQ_TPL_MAX_STEPS ||
		    r->out->len > SQ_TPL_MAX_OUTPUT) {
			snprintf(r->err, r->errsz, "%s:%ld: the output grows "
			    "without end (a section inside itself?)", t->file,
			    k->line ? k->line : line_at(t->src, k->off));
			return -1;
		}
		switch (k->type) {
		case T_TEXT:
			sq_buf_add(r->out, name, k->len);
			break;
		case T_VAR:
			emit_value(r, lookup(r, name, k->len), 0);
			break;
		case T_RAW: {
			const char *pre = r->env->raw_prefix;
			int ok = pre && k->len >= strlen(pre) &&
			    memcmp(name, pre, strlen(pre)) == 0;
			emit_value(r, lookup(r, name, k->len), ok);
			break;
		}
		case T_SECTION:
			v = lookup(r, name, k->len);
			if (truthy(v)) {
				size_t n = json_is_array(v) ? json_array_size(v) : 1;
				for (size_t j = 0; j < n; j++) {
					json_t *e = json_is_array(v) ?
					    json_array_get(v, j) : v;
					if (push_frame(r, t, k, e, j,
					    json_is_array(v) ? n : 0) < 0)
						return -1;
					int rc = render_range(r, t, i + 1, k->end);
					r->depth--;
					if (rc < 0)
						return -1;
				}
			}
			i = k->end;
			break;
		case T_INVERTED:
			if (!truthy(lookup(r, name, k->len)) &&
			    render_range(r, t, i + 1, k->end) < 0)
				return -1;
			i = k->end;
			break;
		case T_PARTIAL:
			if (render_partial(r, t, k) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

int
sq_tpl_render(const struct sq_tpl *t, json_t *data,
    const struct sq_tpl_env *env, struct sq_buf *out, char *err, size_t errsz)
{
	struct render r = { 0 };
	int rc;

	r.env = env;
	r.out = out;
	r.err = err;
	r.errsz = errsz;
	r.scratch = json_array();
	r.stack[r.depth++] = (struct frame){ data, 0, 0 };
	rc = render_range(&r, t, 0, t->ntok);
	json_decref(r.scratch);
	return rc;
}
