#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvread.h"
#include "diag.h"
#include "jsonread.h"

struct sq_json {
	struct sq_source *src;
	size_t	 max;
	struct sq_line line;	/* the line being scanned, from off */
	size_t	 off;
	int	 have_line;
	int	 started;	/* the first non-blank byte has been seen */
	int	 array;		/* inside a top-level array */
	int	 array_done;
	long	 array_line;
	/*
	 * In the array: 0 after '[' (an object or ']' next), 1 after an
	 * object (',' or ']'), 2 after ',' (an object).  Without it "[,]",
	 * "[{},]" and "[{}{}]" were read as good arrays.
	 */
	int	 array_need;

	/* the object being scanned */
	char	*acc;
	size_t	 acclen, acccap;
	long	 vline;
	int	 depth, in_str, esc;
};

/*
 * jansson's allocations through ours: out of memory was an "invalid JSON:
 * out of memory" row (exit 1), or a value json_dumps() could not make
 * written as empty.  Now it stops with "out of memory", exit 2.
 */
static void
use_our_allocator(void)
{
	json_set_alloc_funcs(sq_xmalloc, free);
}

struct sq_json *
sq_json_new(struct sq_source *src, size_t max_record)
{
	struct sq_json *j = sq_xcalloc(1, sizeof(*j));

	use_our_allocator();
	j->src = src;
	j->max = max_record;
	return j;
}

void
sq_json_free(struct sq_json *j)
{
	if (j == NULL)
		return;
	free(j->acc);
	free(j);
}

json_t *
sq_json_parse(const char *buf, size_t len, char *err, size_t errsz)
{
	json_error_t e;
	json_t *v;

	/*
	 * jansson stops at a NUL byte and took "123\0" for 123
	 * (JSONTestSuite n_multidigit_number_then_00); the record reader
	 * never sees one (sources reject such lines), but say so here too.
	 */
	if (memchr(buf, '\0', len) != NULL) {
		if (err)
			snprintf(err, errsz, "a NUL byte at byte %zu",
			    (size_t)((const char *)memchr(buf, '\0', len) -
			    buf) + 1);
		return NULL;
	}
	use_our_allocator();
	v = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);

	if (v == NULL && err)
		snprintf(err, errsz, "%s (line %d, column %d)", e.text, e.line,
		    e.column);
	return v;
}

static void
acc_add(struct sq_json *j, const char *s, size_t n)
{
	if (j->acclen + n + 1 > j->acccap) {
		size_t cap = j->acccap ? j->acccap : 1024;
		while (cap < j->acclen + n + 1)
			cap *= 2;
		j->acc = sq_xrealloc(j->acc, cap);
		j->acccap = cap;
	}
	memcpy(j->acc + j->acclen, s, n);
	j->acclen += n;
	j->acc[j->acclen] = '\0';
}

static int
reject_value(struct sq_json *j, struct sq_rec *rec, const char *why)
{
	size_t n = j->acclen;

	while (n && (j->acc[n - 1] == '\n' || j->acc[n - 1] == '\r'))
		n--;
	sq_rec_clear(rec);
	sq_rec_push(rec, j->acc ? j->acc : "", n);
	rec->line = j->vline;
	sq_rec_seterr(rec, "%s", why);
	j->depth = j->in_str = j->esc = 0;
	j->acclen = 0;
	return SQ_READ_BAD;
}

/* The length of a JSON number at s (RFC 8259's grammar), or 0. */
static size_t
number_len(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		size_t d = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t d = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	/* a number ends where a value may end */
	if (i < n && !strchr(" \t\r\n,}]", s[i]))
		return 0;
	return i;
}

/*
 * The object's own number values quoted, so they come out as their source
 * digits: jansson keeps a number as a double or an integer, and wrote
 * 1.50 back as 1.5 and 1E2 as 100.0, where values are promised verbatim.
 * Numbers inside a nested value stay numbers (that value is written as
 * JSON).  A malformed number is left alone for jansson to reject.  NULL
 * when there is no number to quote.
 */
static char *
quote_numbers(const char *s, size_t n, size_t *outlen)
{
	struct sq_buf b;
	int depth = 0, in_str = 0, esc = 0, any = 0;
	size_t from = 0;

	sq_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"')
			in_str = 1;
		else if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']')
			depth--;
		else if (depth == 1 && (c == '-' || (c >= '0' && c <= '9'))) {
			size_t k = number_len(s + i, n - i);
			if (k == 0) {
				/* not a number: left whole, for jansson */
				while (i + 1 < n && strchr("0123456789.eE+-",
				    s[i + 1]) && s[i + 1] != '\0')
					i++;
				continue;
			}
			sq_buf_add(&b, s + from, i - from);
			sq_buf_add(&b, "\"", 1);
			sq_buf_add(&b, s + i, k);
			sq_buf_add(&b, "\"", 1);
			i += k - 1;
			from = i + 1;
			any = 1;
		}
	}
	if (!any) {
		sq_buf_free(&b);
		return NULL;
	}
	sq_buf_add(&b, s + from, n - from);
	*outlen = b.len;
	return sq_buf_take(&b);
}

static int
finish_value(struct sq_json *j, json_t **obj, struct sq_rec *rec)
{
	json_error_t e;
	size_t qlen = 0;
	char *q = quote_numbers(j->acc, j->acclen, &qlen);
	json_t *v = json_loadb(q ? q : j->acc, q ? qlen : j->acclen,
	    JSON_REJECT_DUPLICATES, &e);
	free(q);

	if (v == NULL) {
		char why[240];
		snprintf(why, sizeof(why), _("invalid JSON: %s (line %ld, "
		    "column %d)"), e.text, j->vline + (e.line > 0 ? e.line - 1 : 0),
		    e.column);
		return reject_value(j, rec, why);
	}
	sq_rec_clear(rec);
	rec->line = j->vline;
	j->acclen = 0;
	*obj = v;
	return SQ_READ_OK;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Scan inside an object from j->off; 1 when it closed on this line. */
static int
scan_value(struct sq_json *j)
{
	const char *s = j->line.s;
	size_t i = j->off, start = j->off;

	for (; i < j->line.len; i++) {
		char c = s[i];
		if (j->in_str) {
			if (j->esc)
				j->esc = 0;
			else if (c == '\\')
				j->esc = 1;
			else if (c == '"')
				j->in_str = 0;
			continue;
		}
		if (c == '"')
			j->in_str = 1;
		else if (c == '{' || c == '[')
			j->depth++;
		else if ((c == '}' || c == ']') && --j->depth == 0) {
			acc_add(j, s + start, i + 1 - start);
			j->off = i + 1;
			return 1;
		}
	}
	acc_add(j, s + start, i - start);
	j->have_line = 0;
	return 0;
}

/*
 * Where the array element at off ends on this line: the ',' or ']' after it
 * outside strings and brackets, or the line's end.
 */
static size_t
element_end(const struct sq_json *j)
{
	const char *s = j->line.s;
	int depth = 0, in_str = 0, esc = 0;

	for (size_t i = j->off; i < j->line.len; i++) {
		char c = s[i];
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"')
			in_str = 1;
		else if (c == '[' || c == '{')
			depth++;
		else if ((c == ']' || c == '}') && depth > 0)
			depth--;
		else if ((c == ',' || c == ']') && depth == 0)
			return i;
	}
	return j->line.len;
}

static int
reject_line_rest(struct sq_json *j, struct sq_rec *rec, const char *why)
{
	size_t n = j->line.len;

	/*
	 * In an array only the element is bad: "[{..},2,{..}]" on one line
	 * used to reject "2,{..}]", swallowing the object after it.
	 */
	if (j->array && !j->array_done)
		n = element_end(j);
	while (n > j->off && (j->line.s[n - 1] == '\n' || j->line.s[n - 1] == '\r'))
		n--;
	sq_rec_clear(rec);
	sq_rec_push(rec, j->line.s + j->off, n - j->off);
	rec->line = j->line.no;
	sq_rec_seterr(rec, "%s", why);
	if (j->array && !j->array_done)
		j->array_need = 1;	/* the bad element counts as one */
	if (j->array && !j->array_done && n < j->line.len)
		j->off = n;
	else
		j->have_line = 0;
	return SQ_READ_BAD;
}

int
sq_json_next(struct sq_json *j, json_t **obj, struct sq_rec *rec)
{
	*obj = NULL;
	for (;;) {
		if (!j->have_line) {
			int r = sq_source_next(j->src, &j->line);
			if (r < 0)
				return SQ_READ_IOERR;
			if (r == 0) {
				if (j->depth)
					return reject_value(j, rec, "the object "
					    "opened here never closes");
				if (j->array && !j->array_done)
					sq_problem(sq_source_name(j->src),
					    j->array_line, "the JSON array "
					    "opened here is not closed");
				return SQ_READ_EOF;
			}
			j->have_line = 1;
			j->off = 0;
			if (j->line.err) {
				j->have_line = 0;
				if (j->depth) {
					acc_add(j, j->line.s, j->line.len);
					return reject_value(j, rec, j->line.err);
				}
				sq_rec_clear(rec);
				sq_rec_push(rec, j->line.s, j->line.len);
				rec->line = j->line.no;
				sq_rec_seterr(rec, "%s", j->line.err);
				return SQ_READ_BAD;
			}
			if (j->depth && !j->array && j->line.len &&
			    j->line.s[0] == '{') {
				j->have_line = 1;
				return reject_value(j, rec, "the object opened "
				    "here is not closed before the next one");
			}
		}
		if (j->depth) {
			if (scan_value(j))
				return finish_value(j, obj, rec);
			if (j->in_str)
				return reject_value(j, rec, "unterminated "
				    "string (a JSON string cannot span lines)");
			if (j->acclen > j->max)
				return reject_value(j, rec, "object larger than "
				    "the limit (--max-field)");
			continue;
		}
		while (j->off < j->line.len && is_ws(j->line.s[j->off]))
			j->off++;
		if (j->off == j->line.len) {
			j->have_line = 0;
			continue;
		}
		char c = j->line.s[j->off];
		if (!j->started) {
			j->started = 1;
			if (c == '[') {
				j->array = 1;
				j->array_line = j->line.no;
				j->off++;
				continue;
			}
		}
		if (j->array && !j->array_done && (c == ',' || c == ']')) {
			if (c == ',' && j->array_need != 1)
				sq_problem(sq_source_name(j->src), j->line.no,
				    "a ',' with no object before it in the JSON "
				    "array");
			if (c == ']' && j->array_need == 2)
				sq_problem(sq_source_name(j->src), j->line.no,
				    "a ',' before the ']' that ends the JSON "
				    "array");
			j->array_done = c == ']';
			j->array_need = 2;
			j->off++;
			continue;
		}
		if (j->array && !j->array_done && c == '{' &&
		    j->array_need == 1)
			sq_problem(sq_source_name(j->src), j->line.no, "no ',' "
			    "between two objects in the JSON array");
		if (c != '{' || j->array_done)
			return reject_line_rest(j, rec, j->array_done ?
			    "text after the end of the JSON array" :
			    "not a JSON object (each record must be {...})");
		j->vline = j->line.no;
		j->array_need = 1;
		j->depth = 1;
		j->acclen = 0;
		acc_add(j, "{", 1);
		j->off++;
	}
}
