/*
 * fuzz_template.c — the report templates (render/template.c: the Mustache
 * subset of share/report/LANG/bulletin.*), parsed and rendered.
 *
 * Input: a template, then optionally a byte 0xFF and JSON data (used when
 * it parses; else a fixed object like the bulletin's).  Partials: "p" (a
 * small fixed template), "self" (the template itself: included in itself,
 * so an error at the depth limit), "bad" (one that does not parse); any
 * other name is not found.  Invariants:
 *  - parsing gives a template or NULL with "FILE:LINE: why" (the line
 *    within the text), never half: no leaks either way;
 *  - rendering is deterministic (output, status, message), with each
 *    escape (none, HTML, Markdown); a failure says "FILE:LINE: why" for a
 *    file that exists;
 *  - a template without "{{" renders as itself, whatever the data;
 *  - against an empty object, a template without partials renders to a
 *    subsequence of its own bytes (nothing twice, no values);
 *  - escaping holds: HTML-escaped with no raw prefix, a template without
 *    '<' gives output without '<' whatever the data (and with the "svg."
 *    raw prefix too, unless a tag names "svg."); Markdown-escaped, a
 *    template without line breaks gives output without '\n'.
 */
#include <jansson.h>

#include "buf.h"
#include "fuzz.h"
#include "template.h"

static const char fixed_data[] =
    "{\"name\":\"阳光小区\",\"date\":\"2022-04-10\",\"n\":3,\"zero\":0,"
    "\"pi\":3.5,\"t\":true,\"f\":false,\"nul\":null,\"empty\":\"\","
    "\"list\":[1,2,3],\"none\":[],"
    "\"objs\":[{\"a\":\"x<y>\",\"b\":{\"c\":\"<&>\\n'\\\"\"}},{\"a\":\"{{name}}\"}],"
    "\"obj\":{\"k\":\"v\",\"inner\":{\"deep\":\"d\\r\\n\"}},"
    "\"w\":{\"title\":\"日报\",\"more\":\"（更多）\"},"
    "\"svg\":{\"chart\":\"<svg><text>a</text></svg>\"},"
    "\"html\":\"<b>\\\"'&amp;</b>\\n# *x*\",\"tpl\":\"{{name}}\"}";
static json_t *fixed;

struct loader {
	const char *text;
	size_t	 len;
};

static char *
load(void *ctx, const char *name, char **path, char *err, size_t errsz)
{
	const struct loader *L = ctx;
	const char *text = NULL;
	size_t len = 0;

	if (strcmp(name, "self") == 0) {
		text = L->text;
		len = L->len;
	} else if (strcmp(name, "p") == 0) {
		text = "[{{a}}{{-index}}{{#-last}}.{{/-last}}]";
		len = strlen(text);
	} else if (strcmp(name, "bad") == 0) {
		text = "line one\n{{#x}}\n";
		len = strlen(text);
	} else {
		snprintf(err, errsz, "no template '%s'", name);
		return NULL;
	}
	char *s = malloc(len + 1);
	FZ_CHECK(s != NULL);
	memcpy(s, text, len);
	s[len] = '\0';
	*path = strdup(name);
	FZ_CHECK(*path != NULL);
	return s;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	json_error_t e;

	fz_init();
	fixed = json_loads(fixed_data, 0, &e);
	if (fixed == NULL) {
		dprintf(fz_errfd, "fixed data: %s\n", e.text);
		abort();
	}
	return 0;
}

static int
has(const char *s, size_t n, const char *needle)
{
	size_t nl = strlen(needle);

	for (size_t i = 0; i + nl <= n; i++)
		if (memcmp(s + i, needle, nl) == 0)
			return 1;
	return 0;
}

/* "FILE:LINE: why" for one of the files names, the line 1..maxline. */
static void
check_message(const char *err, const char *const *files, long maxline)
{
	for (; *files; files++) {
		size_t fl = strlen(*files);
		if (strncmp(err, *files, fl) != 0 || err[fl] != ':')
			continue;
		char *end;
		long line = strtol(err + fl + 1, &end, 10);
		if (end == err + fl + 1 || end[0] != ':' || end[1] != ' ' ||
		    end[2] == '\0')
			continue;
		FZ_CHECK(line >= 1 && line <= maxline);
		return;
	}
	FZ_CHECK(!"a message FILE:LINE: why");
}

/* Equal bytes (either may be NULL when empty: an untouched sq_buf). */
static int
same(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

/* c in s[0, n) (s may be NULL when n is 0). */
static int
holds(const char *s, size_t n, char c)
{
	return n > 0 && memchr(s, c, n) != NULL;
}

struct result {
	struct sq_buf out;
	int	 rc;
	char	 err[512];
};

static void
render(const struct sq_tpl *t, json_t *data, const struct sq_tpl_env *env,
    struct result *r)
{
	sq_buf_init(&r->out);
	r->err[0] = '\0';
	r->rc = sq_tpl_render(t, data, env, &r->out, r->err, sizeof(r->err));
}

/* Render twice: the same both times.  Returns the first (caller frees). */
static void
render_twice(const struct sq_tpl *t, json_t *data,
    const struct sq_tpl_env *env, struct result *a, long maxline)
{
	static const char *const files[] = { "t", "self", "p", "bad", NULL };
	struct result b;

	render(t, data, env, a);
	render(t, data, env, &b);
	FZ_CHECK(a->rc == 0 || a->rc == -1);
	FZ_CHECK(a->rc == b.rc);
	FZ_CHECK(same(a->out.s, a->out.len, b.out.s, b.out.len));
	FZ_CHECK(strcmp(a->err, b.err) == 0);
	if (a->rc < 0)
		check_message(a->err, files, maxline);
	sq_buf_free(&b.out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t n1, n2;
	const char *js = (const char *)fz_split(d, n, 0xFF, &n1, &n2);
	const char *text = (const char *)d;
	json_t *data = NULL;
	char err[512] = "";
	long lines = 1;

	for (size_t i = 0; i < n1; i++)
		lines += text[i] == '\n';
	if (n2 > 0)
		data = json_loadb(js, n2, JSON_DECODE_ANY, NULL);
	if (data == NULL)
		data = json_incref(fixed);

	struct sq_tpl *t = sq_tpl_parse(text, n1, "t", err, sizeof(err));
	int plain = !has(text, n1, "{{");
	if (t == NULL) {
		static const char *const files[] = { "t", NULL };
		FZ_CHECK(!plain);
		check_message(err, files, lines);
		json_decref(data);
		return 0;
	}
	FZ_CHECK(err[0] == '\0');

	struct loader L = { text, n1 };
	/* a partial's lines are counted in its own text: "self" is this one */
	long maxline = lines > 2 ? lines : 2;
	struct sq_tpl_env verbatim = { NULL, NULL, load, &L };
	struct sq_tpl_env html = { sq_buf_html, "svg.", load, &L };
	struct sq_tpl_env html_strict = { sq_buf_html, NULL, load, &L };
	struct sq_tpl_env md = { sq_buf_markdown, NULL, load, &L };
	struct result r;

	render_twice(t, data, &verbatim, &r, maxline);
	if (plain)
		FZ_CHECK(r.rc == 0 && same(r.out.s, r.out.len, text, n1));
	sq_buf_free(&r.out);

	int no_lt = !holds(text, n1, '<');
	render_twice(t, data, &html, &r, maxline);
	if (plain)
		FZ_CHECK(r.rc == 0 && same(r.out.s, r.out.len, text, n1));
	if (r.rc == 0 && no_lt && !has(text, n1, "svg."))
		FZ_CHECK(!holds(r.out.s, r.out.len, '<'));
	sq_buf_free(&r.out);

	render_twice(t, data, &html_strict, &r, maxline);
	if (r.rc == 0 && no_lt)
		FZ_CHECK(!holds(r.out.s, r.out.len, '<'));
	sq_buf_free(&r.out);

	render_twice(t, data, &md, &r, maxline);
	if (r.rc == 0 && !holds(text, n1, '\n') && !holds(text, n1, '\r'))
		FZ_CHECK(!holds(r.out.s, r.out.len, '\n'));
	sq_buf_free(&r.out);

	/* nothing to look up: at most the template's own text, once */
	if (!has(text, n1, "{{>")) {
		json_t *empty = json_object();
		render_twice(t, empty, &verbatim, &r, maxline);
		FZ_CHECK(r.rc == 0);
		size_t j = 0;
		for (size_t i = 0; i < n1 && j < r.out.len; i++)
			if (text[i] == r.out.s[j])
				j++;
		FZ_CHECK(j == r.out.len);
		sq_buf_free(&r.out);
		json_decref(empty);
	}
	sq_tpl_free(t);
	json_decref(data);
	return 0;
}
