/*
 * cvrp.h — the capacitated vehicle routing problem, solved well.
 *
 * The model: node 0 is the depot (the gate), nodes 1..n-1 are customers
 * with a demand each; a route leaves the depot, serves customers and comes
 * back; no route carries more than the capacity.  Optionally every node
 * has a service time, a route's duration is
 *	time_per_dist * (its distance) + (the service times of its customers)
 * and no route may last longer than max_duration; optionally the number of
 * routes is capped.  Distances come as a full n x n matrix (it need not be
 * symmetric; integer distances are exact in a double).  The objective is
 * the total distance.
 *
 * The solver: a Clarke-Wright savings construction, then ruin-and-recreate
 * (SISR: adjacent string removal, greedy insertion with blinks) under
 * simulated annealing, then a local-search polish (best relocate and
 * intra-route 2-opt) of the best plan found.  Insertion is granular on
 * large instances: a customer is tried next to its nearest neighbours and
 * at the ends of every route.  Everything random comes from one
 * xoshiro256** stream seeded by params.seed; with params.iterations > 0 the
 * search stops after exactly that many iterations, whatever the clock
 * says, so the plan is the same byte for byte on every machine.
 */
#ifndef SQ_CVRP_H
#define SQ_CVRP_H

#include <stddef.h>
#include <stdint.h>

struct sq_cvrp {
	int	 n;		/* nodes, depot included (node 0) */
	const double *dist;	/* n*n, row-major: dist[i*n+j] from i to j */
	const long *demand;	/* n; demand[0] is ignored */
	long	 capacity;
	const double *service;	/* n, or NULL: time spent at each node */
	double	 time_per_dist;	/* duration per unit of distance */
	double	 max_duration;	/* 0: no limit */
	int	 max_routes;	/* 0: no limit */
};

struct sq_cvrp_params {
	uint64_t seed;
	long	 iterations;	/* > 0: stop after exactly this many */
	double	 time_limit;	/* seconds, when iterations is 0 */
	/* called about every progress_every seconds when not NULL */
	void	(*progress)(void *arg, double elapsed, double best, long iter);
	void	*progress_arg;
	double	 progress_every;
};

struct sq_cvrp_sol {
	int	 nroutes;
	int	*start;		/* nroutes+1 offsets into stops */
	int	*stops;		/* customers, route after route */
	double	 cost;		/* total distance */
	double	 initial;	/* cost of the savings construction */
	long	 iterations;	/* ruin-and-recreate iterations run */
	double	 elapsed;	/* seconds spent */
};

/*
 * Can every customer be served at all?  0, or -1 with the first reason in
 * why (a customer larger than a cart, a customer too far for the maximum
 * duration, a bad matrix entry).
 */
int	 sq_cvrp_check(const struct sq_cvrp *, char *why, size_t whysz);

/*
 * Solve.  0 with a feasible plan in *sol (free it with sq_cvrp_sol_free),
 * or -1 with why (the instance fails sq_cvrp_check, or the customers do not
 * fit in max_routes routes).
 */
int	 sq_cvrp_solve(const struct sq_cvrp *, const struct sq_cvrp_params *,
	    struct sq_cvrp_sol *, char *why, size_t whysz);

/* Is sol a feasible plan visiting every customer once?  0, or -1 and why. */
int	 sq_cvrp_verify(const struct sq_cvrp *, const struct sq_cvrp_sol *,
	    char *why, size_t whysz);

/* Distance and duration of one route given as its customers. */
double	 sq_cvrp_route_dist(const struct sq_cvrp *, const int *stops, int len);
double	 sq_cvrp_route_duration(const struct sq_cvrp *, const int *stops,
	    int len);

void	 sq_cvrp_sol_free(struct sq_cvrp_sol *);

/* The generator, for callers that need reproducible randomness too. */
struct sq_rng {
	uint64_t s[4];
};
void	 sq_rng_seed(struct sq_rng *, uint64_t seed);
uint64_t sq_rng_next(struct sq_rng *);
/* Uniform in [0, 1) and in [0, n). */
double	 sq_rng_unif(struct sq_rng *);
uint32_t sq_rng_below(struct sq_rng *, uint32_t n);

#endif
