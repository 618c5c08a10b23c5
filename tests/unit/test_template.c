/*
 * test_template.c — the Mustache subset of the report templates
 * (render/template.c) against a table of templates, and the fixes that came
 * with fuzz/fuzz_template.c: text with NUL bytes, sections that grow
 * without end.
 *
 * Each row is a template, the data (JSON), the escape (0 none, 'h' HTML,
 * 'm' Markdown) and what comes out: the output, or "!" and a part of the
 * message.  Templates are parsed from an exact malloc'd copy without a NUL,
 * so ASan catches a read past the end.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "template.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char data[] =
    "{\"name\":\"阳光小区\",\"n\":3,\"zero\":0,\"pi\":2.5,\"t\":true,"
    "\"f\":false,\"nul\":null,\"empty\":\"\",\"list\":[1,2,3],\"none\":[],"
    "\"rows\":[{\"b\":\"1号楼\",\"k\":2},{\"b\":\"2号楼\",\"k\":0}],"
    "\"obj\":{\"k\":\"v\",\"in\":{\"deep\":\"d\"}},\"html\":\"<b>&'\\\"\","
    "\"md\":\"*a*\\nb|c\",\"svg\":{\"chart\":\"<svg/>\"},"
    "\"tpl\":\"{{name}}\"}";

struct tpl_case {
	const char	*tpl;
	int		 esc;
	const char	*want;
};

static const struct tpl_case cases[] = {
	/* text alone comes out as it is */
	{ "", 0, "" },
	{ "plain text\n", 0, "plain text\n" },
	{ "a } b }} c {", 0, "a } b }} c {" },
	{ "<b>&</b>", 'h', "<b>&</b>" },
	{ "{ {name} }", 0, "{ {name} }" },
	/* values */
	{ "{{name}}", 0, "阳光小区" },
	{ "{{ name }}", 0, "阳光小区" },
	{ "{{n}} {{zero}} {{pi}} {{t}} {{f}} {{nul}} [{{missing}}]", 0,
	  "3 0 2.5 true   []" },
	{ "{{obj.k}}{{obj.in.deep}}{{obj.nope.deep}}", 0, "vd" },
	{ "{{tpl}}", 0, "{{name}}" },
	{ "{{html}}", 'h', "&lt;b&gt;&amp;&#39;&quot;" },
	{ "{{md}}", 'm', "\\*a\\* b\\|c" },
	{ "{{{svg.chart}}}", 'h', "<svg/>" },
	{ "{{&svg.chart}}", 'h', "<svg/>" },
	{ "{{{html}}}", 'h', "&lt;b&gt;&amp;&#39;&quot;" },
	/* sections */
	{ "{{#list}}{{.}},{{/list}}", 0, "1,2,3," },
	{ "{{#list}}{{.}}{{^-last}},{{/-last}}{{/list}}", 0, "1,2,3" },
	{ "{{#list}}{{-index}}{{/list}}", 0, "123" },
	{ "{{#rows}}{{b}}:{{k}}{{#-first}}*{{/-first}};{{/rows}}", 0,
	  "1号楼:2*;2号楼:0;" },
	{ "{{#rows}}{{name}}{{/rows}}", 0, "阳光小区阳光小区" },
	{ "{{#obj}}{{k}}{{/obj}}", 0, "v" },
	{ "{{#t}}y{{/t}}{{#f}}n{{/f}}{{#none}}n{{/none}}{{#empty}}n{{/empty}}"
	  "{{#zero}}n{{/zero}}{{#missing}}n{{/missing}}", 0, "y" },
	{ "{{^f}}y{{/f}}{{^none}}y{{/none}}{{^t}}n{{/t}}{{^list}}n{{/list}}",
	  0, "yy" },
	/* standalone tags take their line */
	{ "a\n{{#t}}\nb\n{{/t}}\nc\n", 0, "a\nb\nc\n" },
	{ "a\n  {{#t}}  \r\nb\n{{/t}}", 0, "a\nb\n" },
	{ "a\n{{! a note }}\nb\n", 0, "a\nb\n" },
	{ "a {{! a note }} b", 0, "a  b" },
	{ "a {{#t}}\nb{{/t}}", 0, "a \nb" },
	/* errors, with the line */
	{ "a\n{{name", 0, "!t:2: '{{' without '}}'" },
	{ "{{{name}}", 0, "!t:1: '{{' without '}}'" },
	{ "{{}}", 0, "!t:1: a tag without a name" },
	{ "{{# }}", 0, "!t:1: a tag without a name" },
	{ "x\ny\n{{#a}}", 0, "!t:3: {{#a}} is never closed" },
	{ "{{/a}}", 0, "!t:1: {{/a}} does not close any section" },
	{ "{{#a}}{{/b}}", 0, "!t:1: {{/b}} does not close {{#a}}" },
	{ "{{>p}}", 0, "!t:1: cannot include 'p'" },
	/* sections over an array nested in themselves: 3^30 renderings */
	{ "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}"
	  "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}"
	  "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}"
	  "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}"
	  "{{#list}}{{#list}}x{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}"
	  "{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}"
	  "{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}"
	  "{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}"
	  "{{/list}}{{/list}}{{/list}}{{/list}}", 0,
	  "!t:1: the output grows without end" },
	{ "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}"
	  "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}"
	  "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}"
	  "{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}"
	  "{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}"
	  "{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}", 0,
	  "!t:1: the output grows without end" },
};

static char *
dup_exact(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	if (p == NULL) {
		perror("malloc");
		exit(2);
	}
	memcpy(p, s, len);
	return p;
}

/* Parse and render; the output, or "!" and the message (caller frees). */
static char *
run(const char *tpl, size_t len, json_t *d, int esc)
{
	struct sq_tpl_env env = { NULL, "svg.", NULL, NULL };
	char err[512] = "", *in = dup_exact(tpl, len);
	struct sq_buf out;
	struct sq_tpl *t = sq_tpl_parse(in, len, "t", err, sizeof(err));

	free(in);
	sq_buf_init(&out);
	if (t == NULL) {
		sq_buf_printf(&out, "!%s", err);
		return sq_buf_take(&out);
	}
	env.escape = esc == 'h' ? sq_buf_html : esc == 'm' ? sq_buf_markdown :
	    NULL;
	if (sq_tpl_render(t, d, &env, &out, err, sizeof(err)) < 0) {
		out.len = 0;
		sq_buf_printf(&out, "!%s", err);
	}
	sq_tpl_free(t);
	char *s = sq_buf_take(&out);
	return s ? s : calloc(1, 1);
}

static void
test_table(json_t *d)
{
	for (size_t i = 0; i < NELEM(cases); i++) {
		const struct tpl_case *c = &cases[i];
		char *got = run(c->tpl, strlen(c->tpl), d, c->esc);
		if (c->want[0] == '!') {
			if (!CHECK(strncmp(got, c->want, strlen(c->want)) == 0))
				fprintf(stderr, "  row %zu: got \"%s\", want "
				    "\"%s...\"\n", i, got, c->want);
		} else
			CHECK_STR_CTX(got, c->want, c->tpl);
		free(got);
	}
}

/* NUL bytes are text: tags after them still count; text alone is kept. */
static void
test_nul(json_t *d)
{
	static const char t1[] = "a\0b{{n}}\0c";
	static const char t2[] = "\0{{";
	static const char t3[] = "x\0}}{{n}}";
	char *got;

	got = run(t1, sizeof(t1) - 1, d, 0);
	CHECK(memcmp(got, "a\0b3\0c", 7) == 0);
	free(got);
	got = run(t2, sizeof(t2) - 1, d, 0);
	CHECK_STR(got, "!t:1: '{{' without '}}'");
	free(got);
	got = run(t3, sizeof(t3) - 1, d, 0);
	CHECK(memcmp(got, "x\0}}3", 6) == 0);
	free(got);
}

int
main(void)
{
	json_error_t e;
	json_t *d = json_loads(data, 0, &e);

	sq_diag_init("test_template");
	if (!CHECK(d != NULL)) {
		fprintf(stderr, "data: %s\n", e.text);
		UNIT_DONE();
	}
	test_table(d);
	test_nul(d);
	json_decref(d);
	UNIT_DONE();
}
