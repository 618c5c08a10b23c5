/*
 * tsplib.c — sq-rounds -T: the solver (lib/cvrp.h) on a CVRPLIB instance
 * (lib/tsplib.h), one row per stop, for the benchmarks.
 */
#include "rounds.h"

int
run_tsplib(const char *path, const struct solve_opts *so, struct sq_common *c)
{
	struct sq_tsplib t;
	char err[512];

	if (sq_tsplib_read(path, &t, err, sizeof(err)) < 0) {
		sq_error("%s", err);
		return SQ_EXIT_USAGE;
	}
	int n = t.dim;
	int *id = sq_xmalloc((size_t)n * sizeof(int));	/* node -> index */
	double *d = sq_xmalloc((size_t)n * (size_t)n * sizeof(double));
	long *q = sq_xcalloc((size_t)n, sizeof(long));
	double *svc = sq_xcalloc((size_t)n, sizeof(double));
	int k = 1;

	id[0] = t.depot;
	for (int i = 0; i < n; i++)
		if (i != t.depot)
			id[k++] = i;
	for (int a = 0; a < n; a++) {
		if (a) {
			q[a] = t.demand[id[a]];
			svc[a] = t.service_time;
		}
		for (int b = 0; b < n; b++)
			d[(size_t)a * n + b] = sq_tsplib_dist(&t, id[a], id[b]);
	}
	struct sq_cvrp p = {
		.n = n, .dist = d, .demand = q, .capacity = t.capacity,
		.service = svc, .time_per_dist = 1,
		.max_duration = t.distance, .max_routes = so->vehicles,
	};
	struct sq_cvrp_params par = {
		.seed = so->seed, .iterations = so->iterations,
		.time_limit = so->time, .progress = show_progress,
		.progress_arg = so->pg, .progress_every = 0.25,
	};
	struct sq_cvrp_sol sol;
	int rc = 0;
	if (sq_cvrp_solve(&p, &par, &sol, err, sizeof(err)) < 0) {
		end_progress(so->pg);
		sq_problem(path, 0, "no plan: %s", err);
		rc = SQ_EXIT_DATA;
		goto out;
	}
	end_progress(so->pg);
	if (sq_cvrp_verify(&p, &sol, err, sizeof(err)) < 0) {
		sq_error("internal error: infeasible plan: %s", err);
		rc = SQ_EXIT_USAGE;
		sq_cvrp_sol_free(&sol);
		goto out;
	}
	struct sq_writer *w = sq_writer_open(c->output, &c->out);
	if (w == NULL) {
		rc = SQ_EXIT_USAGE;
		sq_cvrp_sol_free(&sol);
		goto out;
	}
	static const char *const cols[] = { "round", "courier", "seq", "site",
	    "hh", "parcels", "load", "distance_m" };
	struct sq_rec h;
	sq_rec_init(&h);
	for (size_t i = 0; i < 8; i++)
		sq_rec_push(&h, cols[i], strlen(cols[i]));
	sq_writer_header(w, &h);
	sq_rec_free(&h);
	for (int r = 0; r < sol.nroutes; r++) {
		long load = 0;
		int prev = 0;
		for (int j = sol.start[r]; j < sol.start[r + 1]; j++)
			load += q[sol.stops[j]];
		for (int j = sol.start[r]; j < sol.start[r + 1]; j++) {
			int v = sol.stops[j];
			char f[7][32];
			const char *vals[8];
			size_t len[8];
			snprintf(f[0], 32, "%d", r + 1);
			snprintf(f[1], 32, "%d", j - sol.start[r] + 1);
			snprintf(f[2], 32, "%d", id[v] + 1);
			snprintf(f[3], 32, "%ld", q[v]);
			snprintf(f[4], 32, "%ld", load);
			snprintf(f[5], 32, "%.0f", d[(size_t)prev * n + v]);
			vals[0] = f[0];
			vals[1] = f[0];
			vals[2] = f[1];
			vals[3] = f[2];
			vals[4] = "";
			vals[5] = f[3];
			vals[6] = f[4];
			vals[7] = f[5];
			for (int x = 0; x < 8; x++)
				len[x] = strlen(vals[x]);
			sq_writer_fields(w, vals, len, 8);
			load -= q[v];
			prev = v;
		}
	}
	if (sq_writer_close(w) < 0)
		rc = SQ_EXIT_USAGE;
	sq_note("%s: %d customers, %d rounds, cost %.0f (CVRPLIB rounding); "
	    "savings %.0f; %ld iterations%s", t.name[0] ? t.name : path,
	    n - 1, sol.nroutes, sol.cost, sol.initial, sol.iterations,
	    so->iterations > 0 ? "" : " in the time given");
	sq_cvrp_sol_free(&sol);
out:
	free(id);
	free(d);
	free(q);
	free(svc);
	sq_tsplib_free(&t);
	return rc;
}
