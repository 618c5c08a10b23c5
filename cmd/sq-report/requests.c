/*
 * requests.c — the requests by category, or the topics of sq-requests; the
 * sensitive categories.
 */
#include "report.h"
#include "reqcats.h"

/*
 * The sensitive categories of requests/categories.txt ("id 名称 respond
 * solve sensitive"), by id and by name: their small counts are not shown.
 * Read as sq-requests reads it (rules/reqcats).
 */
static void
load_sensitive(struct report *R)
{
	char *path = sq_datafile(&R->c, "requests/categories.txt");
	struct sq_reqcats cats = { 0 };

	R->sensitive = json_object();
	R->sensitive_list = json_array();
	R->categories = json_object();
	if (sq_reqcats_load(&cats, path, NULL) < 0)
		sq_warn(path, 0, "the categories read before this are those "
		    "known; a sensitive one not read has its small counts "
		    "shown as any other's");
	free(path);
	for (size_t i = 0; i < cats.n; i++) {
		const struct sq_reqcat *c = &cats.cat[i];
		json_object_set_new(R->categories, c->id, json_true());
		json_object_set_new(R->categories, c->zh, json_true());
		if (!c->sensitive)
			continue;
		json_object_set_new(R->sensitive, c->id, json_true());
		json_object_set_new(R->sensitive, c->zh, json_true());
		json_array_append_new(R->sensitive_list, json_pack("[ss]",
		    c->id, c->zh));
	}
	sq_reqcats_free(&cats);
}

static int
is_sensitive(struct report *R, const char *cat)
{
	if (R->sensitive == NULL)
		load_sensitive(R);
	return cat && json_is_true(json_object_get(R->sensitive, cat));
}

/*
 * Every sensitive category is listed, a 0 too: were one left out when
 * none came, its "<3" on a day it is listed would say "at least one", and
 * the total beside the others could pin it.  Only for a list in the
 * committee's words (one category of categories.txt at least).
 */
static void
list_sensitive(struct report *R, json_t *all)
{
	size_t i, j;
	json_t *p, *c;
	int ours = 0;

	if (R->sensitive == NULL)
		load_sensitive(R);
	json_array_foreach(all, j, c) {
		const char *cc = json_string_value(json_object_get(c,
		    "category"));
		if (cc && json_object_get(R->categories, cc))
			ours = 1;
	}
	if (!ours)
		return;
	json_array_foreach(R->sensitive_list, i, p) {
		const char *id = json_string_value(json_array_get(p, 0));
		const char *nm = json_string_value(json_array_get(p, 1));
		int found = 0;
		json_array_foreach(all, j, c) {
			const char *cc = json_string_value(json_object_get(c,
			    "category"));
			if (cc && (strcmp(cc, id) == 0 || strcmp(cc, nm) == 0))
				found = 1;
		}
		if (!found)
			json_array_append_new(all, json_pack("{sssisb}",
			    "category", nm, "count", 0, "sensitive", 1));
	}
}

/* ---- requests -------------------------------------------------------- */

struct req_ctx {
	struct report *R;
	const char *file;
	long cat, count, created;
	json_t *counts;		/* category -> count */
	json_t *order;		/* categories in first-seen order */
	/* the topics of sq-requests -T, a JSON object: its one record, the
	   reader giving each member a cell (an array as its JSON text) */
	long topics, total, repeated;
	json_t *root;
};

static int
req_begin(void *ctx, const struct sq_reader *r)
{
	struct req_ctx *p = ctx;
	enum { CAT, COUNT, CREATED, N };
	static const struct sq_col cols[N] = {
		[CAT] = { "category", 1 }, [COUNT] = { "count", 0 },
		[CREATED] = { "created", 0 },
	};
	long c[N];

	p->file = sq_reader_name(r);
	if (sq_reader_is_json(r) &&
	    (p->topics = sq_reader_col(r, "categories")) >= 0) {
		p->total = sq_reader_col(r, "requests");
		p->repeated = sq_reader_col(r, "repeated");
		return 0;
	}
	/* the names as written: share/aliases.txt [requests], [counts] */
	int rc = sq_table_cols(r, cols, N, c,
	    _("a table of requests by category (category,count)"));
	p->cat = c[CAT];
	p->count = c[COUNT];
	p->created = c[CREATED];
	return rc;
}

/* The topics object again, from the cells of its record. */
static json_t *
topics_of(struct req_ctx *p, const struct sq_reader *r,
    const struct sq_rec *rec)
{
	json_t *root = json_object();
	const char *s;
	size_t n;

	for (int k = 0; k < 2; k++) {
		long col = k == 0 ? p->topics : p->repeated;
		json_error_t e;
		json_t *v;
		if (col < 0)
			continue;
		s = sq_rec_cell_trim(rec, col, &n);
		if ((v = json_loadb(s, n, JSON_DECODE_ANY, &e)) == NULL)
			sq_problem(p->file, rec->line, "%s: %s",
			    sq_reader_rawname(r, (size_t)col), e.text);
		else
			json_object_set_new(root, k == 0 ? "categories" :
			    "repeated", v);
	}
	if (p->total >= 0)
		json_object_set_new(root, "requests", json_integer(num(p->file,
		    rec, r, p->total)));
	return root;
}

static void
req_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct req_ctx *p = ctx;
	size_t n, dn;
	const char *cat = sq_rec_cell_trim(rec, p->cat, &n);
	long k = 1;

	if (p->topics >= 0) {
		if (p->root == NULL)
			p->root = topics_of(p, r, rec);
		return;
	}
	if (p->count >= 0) {
		if ((k = num(p->file, rec, r, p->count)) < 0)
			return;
	} else if (p->created >= 0 && p->R->date[0]) {
		/* the canonical requests table: those of the day */
		const char *d = sq_rec_cell_trim(rec, p->created, &dn);
		if (dn < 10 || memcmp(d, p->R->date, 10) != 0)
			return;
	}
	if (n == 0)
		return;
	char *key = sq_xstrndup(cat, n);
	json_t *c = json_object_get(p->counts, key);
	if (c == NULL) {
		json_object_set_new(p->counts, key, json_integer(k));
		json_array_append_new(p->order, json_string(key));
	} else
		json_integer_set(c, json_integer_value(c) + k);
	free(key);
}

struct catcount {
	const char *cat;
	json_int_t n;
};

static int
by_count(const void *a, const void *b)
{
	const struct catcount *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->cat, y->cat);
}

/*
 * The topics of sq-requests -T: {"requests": N, "categories": [{"category",
 * "name", "count"}], "repeated": [{"count", "name", "text"}]}; the
 * repeated questions come masked and counted from sq-requests.
 */
static int
load_topics(struct report *R, const char *path, json_t *root)
{
	json_t *cats = json_object_get(root, "categories");
	json_t *rep = json_object_get(root, "repeated");
	json_t *d = json_object(), *top = json_array(), *all = json_array();
	json_t *qs = json_array(), *o;
	json_int_t total = 0;
	size_t i;

	if (!json_is_array(cats)) {
		sq_error("%s: no 'categories'; is this the topics of "
		    "sq-requests -T?", path);
		json_decref(d);
		json_decref(top);
		json_decref(all);
		json_decref(qs);
		return -1;
	}
	json_array_foreach(cats, i, o) {
		json_t *nm = json_object_get(o, "name");
		const char *id = json_string_value(json_object_get(o,
		    "category"));
		if (!json_is_string(nm) || json_string_length(nm) == 0)
			nm = json_object_get(o, "category");
		json_int_t n = json_integer_value(json_object_get(o, "count"));
		if (!json_is_string(nm) || n < 0)
			continue;
		/* zeros too: leaving them out would say a "<3" is not 0 */
		json_t *e = json_object();
		json_object_set(e, "category", nm);
		json_object_set_new(e, "count", json_integer(n));
		json_object_set_new(e, "sensitive", json_boolean(
		    json_is_true(json_object_get(o, "sensitive")) ||
		    is_sensitive(R, id) || is_sensitive(R,
		    json_string_value(nm))));
		total += n;
		json_array_append_new(all, e);
	}
	list_sensitive(R, all);
	/* top is made from the counts shown (lib/publish.c) */
	(void)top;
	json_array_foreach(rep, i, o) {
		json_t *t = json_object_get(o, "text");
		if (!json_is_string(t) || (long)i >= R->top)
			continue;
		json_t *e = json_object();
		/* sq-requests masked it; a hand-made topics file did not */
		char *m = sq_mask_text(R->mask, SQ_MASK_DIGITS,
		    json_string_value(t), json_string_length(t), NULL, NULL,
		    NULL);
		json_object_set_new(e, "text", json_string(m));
		free(m);
		json_object_set_new(e, "count", json_integer(
		    json_integer_value(json_object_get(o, "count"))));
		/* its category as the list names it: a question asked n
		   times says its category has n at least */
		json_t *nm = json_object_get(o, "name");
		if (!json_is_string(nm) || json_string_length(nm) == 0)
			nm = json_object_get(o, "category");
		if (json_is_string(nm))
			json_object_set(e, "category", nm);
		json_array_append_new(qs, e);
	}
	json_t *n = json_object_get(root, "requests");
	json_object_set_new(d, "total", json_is_integer(n) ? json_integer(
	    json_integer_value(n)) : json_integer(total));
	json_object_set_new(d, "top", top);
	json_object_set_new(d, "categories", all);
	json_object_set_new(d, "repeated", qs);
	json_object_set_new(R->data, "requests", d);
	return 0;
}

int
load_requests(struct report *R, const char *path)
{
	struct req_ctx p = { 0 };

	p.topics = -1;
	p.R = R;
	p.counts = json_object();
	p.order = json_array();
	int rc = each_row(R, path, "requests,counts", req_begin, req_row, &p);
	if (rc == 0 && p.topics >= 0) {
		/* an object of no members would have no "categories" */
		rc = load_topics(R, input_name(path), p.root);
		json_decref(p.root);
	} else if (rc == 0) {
		size_t n = json_array_size(p.order);
		struct catcount *v = sq_xcalloc(n + 1, sizeof(*v));
		json_int_t total = 0;
		for (size_t i = 0; i < n; i++) {
			v[i].cat = json_string_value(json_array_get(p.order, i));
			v[i].n = json_integer_value(json_object_get(p.counts,
			    v[i].cat));
			total += v[i].n;
		}
		qsort(v, n, sizeof(*v), by_count);
		json_t *d = json_object(), *top = json_array(), *all = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "category", json_string(v[i].cat));
			json_object_set_new(o, "count", json_integer(v[i].n));
			json_object_set_new(o, "sensitive", json_boolean(
			    is_sensitive(R, v[i].cat)));
			json_array_append_new(all, o);
		}
		list_sensitive(R, all);
		json_object_set_new(d, "total", json_integer(total));
		json_object_set_new(d, "top", top);
		json_object_set_new(d, "categories", all);
		json_object_set_new(R->data, "requests", d);
		free(v);
	}
	json_decref(p.counts);
	json_decref(p.order);
	return rc;
}
