/*
 * test_cvrp.c — the routing solver and the CVRPLIB reader.
 *
 * Property: on many generated instances (symmetric and not, with service
 * times and a maximum duration, with a capped fleet) every plan is
 * feasible: every customer exactly once, no route over capacity or over
 * the maximum duration, no more routes than allowed, the cost the sum of
 * the routes.  The same seed and iteration count give the same plan.
 * Impossible instances are refused with the reason.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cvrp.h"
#include "tsplib.h"
#include "unit.h"

struct inst {
	int	 n;
	double	*d, *svc;
	long	*q;
	struct sq_cvrp p;
};

static void
gen(struct inst *in, struct sq_rng *g, int n, int asym, int timed)
{
	double *x = malloc((size_t)n * sizeof(double));
	double *y = malloc((size_t)n * sizeof(double));

	in->n = n;
	in->d = malloc((size_t)n * (size_t)n * sizeof(double));
	in->svc = calloc((size_t)n, sizeof(double));
	in->q = calloc((size_t)n, sizeof(long));
	long cap = 5 + sq_rng_below(g, 60);
	for (int i = 0; i < n; i++) {
		x[i] = sq_rng_below(g, 1000);
		y[i] = sq_rng_below(g, 1000);
		if (i) {
			in->q[i] = sq_rng_below(g, (uint32_t)cap + 1);
			in->svc[i] = timed ? sq_rng_below(g, 30) : 0;
		}
	}
	double far = 0;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			double d = floor(hypot(x[i] - x[j], y[i] - y[j]) + 0.5);
			if (asym && i != j)
				d += sq_rng_below(g, 50);
			in->d[(size_t)i * n + j] = d;
		}
	for (int i = 1; i < n; i++) {
		double t = in->d[i] + in->d[(size_t)i * n] + in->svc[i];
		if (t > far)
			far = t;
	}
	memset(&in->p, 0, sizeof(in->p));
	in->p.n = n;
	in->p.dist = in->d;
	in->p.demand = in->q;
	in->p.capacity = cap;
	in->p.service = timed ? in->svc : NULL;
	in->p.time_per_dist = 1;
	in->p.max_duration = timed ? far * (1 + sq_rng_unif(g)) : 0;
	free(x);
	free(y);
}

static void
inst_free(struct inst *in)
{
	free(in->d);
	free(in->svc);
	free(in->q);
}

static int
same_plan(const struct sq_cvrp_sol *a, const struct sq_cvrp_sol *b)
{
	if (a->nroutes != b->nroutes || a->cost != b->cost)
		return 0;
	if (memcmp(a->start, b->start, ((size_t)a->nroutes + 1) *
	    sizeof(int)) != 0)
		return 0;
	return memcmp(a->stops, b->stops, (size_t)a->start[a->nroutes] *
	    sizeof(int)) == 0;
}

static void
property(void)
{
	struct sq_rng g;
	char why[256];
	int feasible = 0, capped = 0;

	sq_rng_seed(&g, 42);
	for (int t = 0; t < 300; t++) {
		struct inst in;
		int n = 1 + (int)sq_rng_below(&g, t < 280 ? 40 : 200);
		gen(&in, &g, n, t % 3 == 1, t % 2 == 0);
		struct sq_cvrp_params par = { .seed = (uint64_t)t,
		    .iterations = 200 + sq_rng_below(&g, 400) };
		struct sq_cvrp_sol sol, again;
		if (!CHECK(sq_cvrp_solve(&in.p, &par, &sol, why,
		    sizeof(why)) == 0)) {
			fprintf(stderr, "  instance %d: %s\n", t, why);
			inst_free(&in);
			continue;
		}
		int ok = sq_cvrp_verify(&in.p, &sol, why, sizeof(why)) == 0;
		if (!CHECK(ok))
			fprintf(stderr, "  instance %d: %s\n", t, why);
		feasible += ok;
		CHECK(sol.cost <= sol.initial + 1e-6);
		if (t % 10 == 0) {
			CHECK(sq_cvrp_solve(&in.p, &par, &again, why,
			    sizeof(why)) == 0);
			CHECK(same_plan(&sol, &again));
			sq_cvrp_sol_free(&again);
		}
		/* the same instance with the fleet capped at what we used */
		if (sol.nroutes > 1 && t % 4 == 0) {
			in.p.max_routes = sol.nroutes;
			par.iterations *= 3;
			if (CHECK(sq_cvrp_solve(&in.p, &par, &again, why,
			    sizeof(why)) == 0)) {
				ok = sq_cvrp_verify(&in.p, &again, why,
				    sizeof(why)) == 0;
				if (!CHECK(ok))
					fprintf(stderr, "  capped %d: %s\n", t,
					    why);
				CHECK(again.nroutes <= in.p.max_routes);
				capped += ok;
				sq_cvrp_sol_free(&again);
			} else
				fprintf(stderr, "  capped %d: %s\n", t, why);
		}
		sq_cvrp_sol_free(&sol);
		inst_free(&in);
	}
	CHECK(feasible == 300);
	CHECK(capped > 20);
}

static void
refusals(void)
{
	double d[9] = { 0, 10, 500, 10, 0, 500, 500, 500, 0 };
	long q[3] = { 0, 5, 50 };
	struct sq_cvrp p = { .n = 3, .dist = d, .demand = q, .capacity = 20,
	    .time_per_dist = 1 };
	struct sq_cvrp_params par = { .seed = 1, .iterations = 10 };
	struct sq_cvrp_sol sol;
	char why[256];

	CHECK(sq_cvrp_check(&p, why, sizeof(why)) < 0);
	CHECK(strstr(why, "node 2: demand 50 is larger than the capacity 20")
	    != NULL);
	CHECK(sq_cvrp_solve(&p, &par, &sol, why, sizeof(why)) < 0);
	q[2] = 10;
	p.max_duration = 100;
	CHECK(sq_cvrp_check(&p, why, sizeof(why)) < 0);
	CHECK(strstr(why, "node 2: going there and back alone takes 1000.0")
	    != NULL);
	p.max_duration = 0;
	CHECK(sq_cvrp_check(&p, why, sizeof(why)) == 0);
	/* 5 + 10 fit in one route of 20 but not in one of 12: two needed */
	p.capacity = 12;
	p.max_routes = 1;
	CHECK(sq_cvrp_solve(&p, &par, &sol, why, sizeof(why)) < 0);
	CHECK(strstr(why, "at most 1 routes") != NULL);
	p.max_routes = 2;
	CHECK(sq_cvrp_solve(&p, &par, &sol, why, sizeof(why)) == 0);
	CHECK(sol.nroutes == 2);
	CHECK(sol.cost == 20 + 1000);
	sq_cvrp_sol_free(&sol);
	/* only the depot: no routes */
	p.n = 1;
	CHECK(sq_cvrp_solve(&p, &par, &sol, why, sizeof(why)) == 0);
	CHECK(sol.nroutes == 0);
	sq_cvrp_sol_free(&sol);
}

static const char good[] =
    "NAME : tiny\n"
    "COMMENT : (a test, Optimal value: 0)\n"
    "TYPE :\tCVRP\t\n"
    "DIMENSION: 4\n"
    "EDGE_WEIGHT_TYPE : \tEUC_2D \n"
    "CAPACITY : 10\n"
    "NODE_COORD_SECTION \n"
    " 1 0 0\n"
    "2\t3\t4\n"
    " 4 1 2\n"
    " 3 1.5 1\n"
    "DEMAND_SECTION\n"
    "1 0\n2 4\n3 6\n4 5\n"
    "DEPOT_SECTION\n 1\n -1\n"
    "EOF\n";

static void
parse_err(const char *text, const char *want)
{
	struct sq_tsplib t;
	char err[256];

	if (CHECK(sq_tsplib_parse("x.vrp", text, strlen(text), &t, err,
	    sizeof(err)) < 0))
		CHECK_STR(err, want);
	else
		sq_tsplib_free(&t);
}

static void
tsplib(void)
{
	struct sq_tsplib t;
	char err[256];

	if (!CHECK(sq_tsplib_parse("x.vrp", good, strlen(good), &t, err,
	    sizeof(err)) == 0)) {
		fprintf(stderr, "  %s\n", err);
		return;
	}
	CHECK_STR(t.name, "tiny");
	CHECK(t.dim == 4);
	CHECK(t.capacity == 10);
	CHECK(t.depot == 0);
	CHECK(t.demand[2] == 6);
	CHECK(t.x[2] == 1.5);
	CHECK(sq_tsplib_dist(&t, 0, 1) == 5);	/* 3-4-5 */
	CHECK(sq_tsplib_dist(&t, 0, 3) == 2);	/* 2.236 -> 2 */
	CHECK(sq_tsplib_dist(&t, 0, 2) == 2);	/* 1.803 -> 2 */
	CHECK(sq_tsplib_dist(&t, 2, 3) == 1);	/* 1.118 -> 1 */
	sq_tsplib_free(&t);

	parse_err("NAME : a\nTYPE : TSP\n", "x.vrp:2: TYPE 'TSP': only CVRP "
	    "is supported");
	parse_err("TYPE : CVRP\nEDGE_WEIGHT_TYPE : EXPLICIT\n",
	    "x.vrp:2: EDGE_WEIGHT_TYPE 'EXPLICIT': only EUC_2D is supported");
	parse_err("TYPE : CVRP\nNODE_COORD_SECTION\n1 0 0\n",
	    "x.vrp:2: section before DIMENSION");
	parse_err("DIMENSION : many\n", "x.vrp:1: DIMENSION 'many': expected "
	    "a number of nodes from 1 to 1000000");
	parse_err("DIMENSION : 2\nNODE_COORD_SECTION\n1 0 0\n3 1 1\n",
	    "x.vrp:4: NODE_COORD_SECTION: node 3 is not between 1 and 2");
	parse_err("DIMENSION : 2\nNODE_COORD_SECTION\n1 0 0\n1 1 1\n",
	    "x.vrp:4: node 1 has two coordinates");
	parse_err("DIMENSION : 2\nNODE_COORD_SECTION\n1 0\n",
	    "x.vrp:3: NODE_COORD_SECTION: expected 3 numbers");
	parse_err("DIMENSION : 2\nNODE_COORD_SECTION\n1 0 x\n",
	    "x.vrp:3: NODE_COORD_SECTION: 'x' is not a number");
	parse_err("DIMENSION : 2\nDEMAND_SECTION\n1 0\n2 1.5\n",
	    "x.vrp:4: node 2: demand 1.5 is not a whole number of 0 or more");
	parse_err("DIMENSION : 2\nDEPOT_SECTION\n1\n2\n-1\n",
	    "x.vrp:4: DEPOT_SECTION: several depots are not supported");
	parse_err("DIMENSION : 2\nEDGE_WEIGHT_SECTION\n",
	    "x.vrp:2: EDGE_WEIGHT_SECTION is not supported (only EUC_2D "
	    "coordinates)");
	parse_err("NAME : a\n", "x.vrp:1: no DIMENSION");
	parse_err("TYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\n"
	    "CAPACITY : 5\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n"
	    "DEMAND_SECTION\n1 0\nDEPOT_SECTION\n1\n-1\nEOF\n",
	    "x.vrp:13: node 2 has no demand");
	parse_err("TYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\n"
	    "CAPACITY : 5\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n"
	    "DEMAND_SECTION\n1 0\n2 1\nEOF\n",
	    "x.vrp:11: no depot in DEPOT_SECTION");
	parse_err("TYPE : CVRP\nCAPACITY : 0\n", "x.vrp:2: CAPACITY '0': "
	    "expected a positive whole number");
	static const char nul[] = "NAME : a\nDIM\0ENSION : 2\n";
	if (CHECK(sq_tsplib_parse("x.vrp", nul, sizeof(nul) - 1, &t, err,
	    sizeof(err)) < 0))
		CHECK_STR(err, "x.vrp:2: a NUL byte: not a text file");
}

int
main(void)
{
	refusals();
	tsplib();
	property();
	UNIT_DONE();
}
