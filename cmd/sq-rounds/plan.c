/*
 * plan.c — the day's plan for an ORDERS table, end to end: settings,
 * wording and aliases, the tables, the solver, the outputs, the exit status.
 */
#include "rounds.h"

void
plan_free(struct plan *pl)
{
	for (int i = 0; i < pl->nsites; i++) {
		free(pl->sites[i].name);
		free(pl->sites[i].key);
	}
	free(pl->sites);
	free(pl->sd);
	for (int i = 0; i < pl->nord; i++) {
		free(pl->ord[i].id);
		free(pl->ord[i].hh);
		free(pl->ord[i].room);
	}
	free(pl->ord);
	for (int i = 0; i < pl->nch; i++)
		free(pl->ch[i].ord);
	free(pl->ch);
	for (int i = 0; i < pl->nrd; i++)
		free(pl->rd[i].ch);
	free(pl->rd);
	for (int i = 0; i < pl->ncour; i++)
		free(pl->couriers[i]);
	free(pl->couriers);
	sq_words_free(pl->words);
	sq_words_free(pl->zh);
}

/*
 * What became of every row read, table by table, so the counts can be
 * checked against the rejects files: read = kept + rejected.
 */
static void
read_counts(const struct plan *pl, const struct rounds_opts *o, int nhh,
    long rows_hh)
{
	const struct sq_rejects *rj = pl->rj;

	sq_note("rows read: orders %ld = %d planned + %ld rejected; sites %ld "
	    "= %d + %ld rejected", pl->rows_orders, pl->nord,
	    sq_rejects_table_count(rj, "orders"), pl->rows_sites,
	    pl->nsites, sq_rejects_table_count(rj, "sites"));
	if (o->households)
		sq_note("rows read: households %ld = %d + %ld rejected",
		    rows_hh, nhh, sq_rejects_table_count(rj, "households"));
	if (pl->rows_couriers)
		sq_note("rows read: couriers %ld = %d + %ld rejected",
		    pl->rows_couriers, pl->ncour,
		    sq_rejects_table_count(rj, "couriers"));
}

/*
 * The day's plan for the ORDERS table: read, solve, write, say.  The exit
 * status: 2 when something could not be read or written, 1 with data
 * problems (or no plan), else 0.
 */
int
plan_rounds(struct sq_common *c, struct rounds_opts *o, const char *orders)
{
	struct plan pl;
	struct hhrow *hh = NULL;
	struct sq_aliases *aliases = NULL;
	long capacity = o->capacity, rows_hh = 0;
	int nhh = 0, rc = SQ_EXIT_USAGE, solved;
	double end = 0;

	memset(&pl, 0, sizeof(pl));
	/* the sheets are for the couriers: in their language */
	if (load_settings(c, o, &pl.st) < 0 ||
	    sq_person_words(c, "rounds", &pl.words, &pl.zh) < 0)
		goto out;
	c->tables = "households,rounds";
	if ((aliases = sq_load_aliases(c)) == NULL)
		goto out;
	c->in.aliases = aliases;
	c->in.canonical = 1;
	/* opened first: a row of any table may be rejected */
	if ((pl.rj = sq_rejects_open(c->rejects)) == NULL ||
	    read_sites(&pl, o->sites, c) < 0 ||
	    build_distances(&pl, o->matrix, c) < 0 ||
	    read_couriers(&pl, o->couriers ? o->couriers : "1", c,
	    &capacity) < 0)
		goto out;
	if (capacity)
		pl.st.capacity = capacity;
	if ((o->households && read_households(o->households, c, pl.rj, &hh,
	    &nhh, &rows_hh) < 0) || read_orders(&pl, orders, c, hh, nhh) < 0)
		goto out;
	read_counts(&pl, o, nhh, rows_hh);
	if (c->strict && sq_rejects_count(pl.rj) > 0) {
		sq_note("stopped at the first rejected row (--strict); no "
		    "plan written");
		rc = SQ_EXIT_DATA;
	} else if ((solved = solve(&pl, orders, &o->so, &end)) < 0)
		rc = solved == -1 ? SQ_EXIT_DATA : SQ_EXIT_USAGE;
	else {
		rc = write_outputs(&pl, c, o) < 0 ? SQ_EXIT_USAGE : 0;
		summary(&pl, end);
	}
out:
	if (pl.rj && sq_rejects_close(pl.rj) < 0)
		rc = SQ_EXIT_USAGE;
	sq_aliases_free(aliases);
	plan_free(&pl);
	hh_free(hh, nhh);
	int st = sq_diag_finish();
	return rc > st ? rc : st;
}
