/*
 * summary.c — the day's counts as JSON for the bulletin: totals, by
 * building and by grid (numbered, never named).
 */
#include "state.h"

struct agg {
	long	 households, reported, count[NSTATUS];
};

/* The counts of a, added to o (a new object when o is NULL). */
static json_t *
agg_json(const struct agg *a, json_t *o)
{
	if (o == NULL)
		o = json_object();

	json_object_set_new(o, "households", json_integer(a->households));
	json_object_set_new(o, "reported", json_integer(a->reported));
	json_object_set_new(o, "coverage", json_real(a->households ?
	    (double)(long)(1000.0 * a->reported / a->households + 0.5) / 1000 : 0));
	for (int k = 0; k < NSTATUS; k++)
		if (k != ST_UNKNOWN)
			json_object_set_new(o, status_names[k],
			    json_integer(a->count[k]));
	return o;
}

static int
by_building(const void *pa, const void *pb)
{
	const struct household *a = *(struct household *const *)pa;
	const struct household *b = *(struct household *const *)pb;
	int c = strcmp(g_state->names[a->community], g_state->names[b->community]);

	if (c)
		return c;
	/* natural order: building 2 before 10 */
	const char *ba = hstr(a, S_BUILDING), *bb = hstr(b, S_BUILDING);
	size_t la = strlen(ba), lb = strlen(bb);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(ba, bb);
}

int
write_summary(struct state *s)
{
	json_t *root = json_object(), *blds = json_array(), *grids = json_object();
	struct agg total = { 0 };
	struct household **v = sq_xmalloc((s->nhh + 1) * sizeof(*v));
	struct agg *per_grid = sq_xcalloc(s->nnames + 1, sizeof(*per_grid));

	for (size_t i = 0; i < s->nhh; i++) {
		struct household *h = &s->hh[i];
		v[i] = h;
		total.households++;
		total.reported += h->reported;
		total.count[h->status]++;
		per_grid[h->grid].households++;
		per_grid[h->grid].reported += h->reported;
		per_grid[h->grid].count[h->status]++;
	}
	qsort(v, s->nhh, sizeof(*v), by_building);
	for (size_t i = 0; i < s->nhh;) {
		struct agg a = { 0 };
		size_t j = i;
		while (j < s->nhh && by_building(&v[i], &v[j]) == 0) {
			a.households++;
			a.reported += v[j]->reported;
			a.count[v[j]->status]++;
			j++;
		}
		json_t *o = json_object();
		if (v[i]->community)
			json_object_set_new(o, "community",
			    json_string(s->names[v[i]->community]));
		json_object_set_new(o, "building", json_string(hstr(v[i], S_BUILDING)));
		json_array_append_new(blds, agg_json(&a, o));
		i = j;
	}
	/*
	 * Grids by number, not by the grid worker's name: this file feeds the
	 * bulletin and holds no name.  G01, G02 ... in the byte order of the
	 * roster's grid column (as the lists sort), "none" for no grid.
	 */
	size_t ng = s->nnames ? s->nnames : 1, k = 0;
	uint32_t *by_rank = sq_xcalloc(ng, sizeof(*by_rank));
	for (size_t g = 0; g < s->nnames; g++)
		by_rank[s->rank[g]] = (uint32_t)g;
	for (size_t r = 0; r < ng; r++) {
		uint32_t g = by_rank[r];
		char key[24];
		if (per_grid[g].households == 0)
			continue;
		if (g == 0)
			snprintf(key, sizeof(key), "none");
		else
			snprintf(key, sizeof(key), "G%02zu", ++k);
		json_object_set_new(grids, key, agg_json(&per_grid[g], NULL));
	}
	free(by_rank);
	json_object_set_new(root, "date", json_string(s->date));
	json_object_set_new(root, "fever_threshold", json_real(s->fever));
	/* a fever is a fever, whatever the address */
	total.count[ST_FEVER] += s->unknown_count[ST_FEVER];
	total.count[ST_SYMPTOMS] += s->unknown_count[ST_SYMPTOMS];
	json_t *t = agg_json(&total, NULL);
	json_object_set_new(t, "unknown_household", json_integer((long)s->nunknown));
	json_object_set_new(t, "fever_unknown_address",
	    json_integer(s->unknown_count[ST_FEVER]));
	json_object_set_new(t, "symptoms_unknown_address",
	    json_integer(s->unknown_count[ST_SYMPTOMS]));
	json_object_set_new(root, "total", t);
	json_object_set_new(root, "buildings", blds);
	json_object_set_new(root, "grids", grids);
	json_t *ci = json_object();
	json_object_set_new(ci, "rows", json_integer(s->ci_rows));
	json_object_set_new(ci, "today", json_integer(s->ci_today));
	json_object_set_new(ci, "merged", json_integer(s->ci_merged));
	json_object_set_new(ci, "earlier_days", json_integer(s->ci_history));
	json_object_set_new(ci, "later_days", json_integer(s->ci_future));
	json_object_set_new(ci, "unknown_household", json_integer(s->ci_unknown));
	json_object_set_new(ci, "implied", json_integer(s->ci_implied));
	json_object_set_new(ci, "earlier_unknown",
	    json_integer(s->ci_earlier_unknown));
	json_object_set_new(ci, "rejected", json_integer(
	    sq_rejects_table_count(s->rj, "checkins")));
	json_object_set_new(root, "checkins", ci);
	free(v);
	free(per_grid);

	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(4));

	json_decref(root);
	return sq_write_document(s->summary_path, text);
}
