/*
 * template.h — a small Mustache for the files users edit in share/.
 *
 * A template is text with tags; data is a jansson value (the same object a
 * program can print as JSON), so the wording lives in share/ and a
 * committee changes it without recompiling.  Tags:
 *
 *	{{name}}	the value, escaped for the output format
 *	{{a.b.c}}	a path into objects; the first name is looked up from
 *			the innermost section outwards; {{.}} is the current
 *			value itself
 *	{{#name}}...{{/name}}
 *			an array: once per element, the element the current
 *			value; an object or other true value: once, with it as
 *			the current value; false, null, "", 0, [] or missing:
 *			not at all
 *	{{^name}}...{{/name}}	once when {{#name}} would not be
 *	{{-index}} {{#-first}} {{#-last}}
 *			in an array section: 1, 2, ... and whether this is the
 *			first or last element (for separators)
 *	{{! note }}	a comment
 *	{{> file}}	another template (found by the caller's loader)
 *	{{{name}}} {{&name}}
 *			the value unescaped, but only for names starting with
 *			the caller's raw prefix (markup the program built
 *			itself, e.g. charts); anything else is escaped anyway,
 *			so an edited template cannot open a hole for input text
 *
 * A section, inverted, closing, comment or partial tag alone on its line
 * takes the line with it (no blank line left behind).  Values are never
 * rendered again: "{{x}}" inside a value comes out as it is.  Text without
 * "{{" comes out as it is, NUL bytes included.  Rendering that grows
 * without end (sections over an array nested in themselves: n^depth) stops
 * with an error after 1,000,000 tokens or 64 MB.
 */
#ifndef SQ_TEMPLATE_H
#define SQ_TEMPLATE_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"

struct sq_tpl;

struct sq_tpl_env {
	/* escape a value into the output; NULL: verbatim */
	void	(*escape)(struct sq_buf *, const char *, size_t);
	const char *raw_prefix;		/* NULL: {{{...}}} escapes too */
	/*
	 * Load a partial by name: its text (malloc'd) and its path for
	 * messages (malloc'd), or NULL with a message in err.
	 */
	char	*(*load)(void *ctx, const char *name, char **path,
		    char *err, size_t errsz);
	void	*ctx;
};

/* Parse; NULL with "FILE:LINE: what" in err. */
struct sq_tpl *sq_tpl_parse(const char *text, size_t len, const char *file,
	    char *err, size_t errsz);
/* Render into out; 0, or -1 with "FILE:LINE: what" in err. */
int	 sq_tpl_render(const struct sq_tpl *, json_t *data,
	    const struct sq_tpl_env *, struct sq_buf *out, char *err,
	    size_t errsz);
void	 sq_tpl_free(struct sq_tpl *);

#endif
