/*
 * mcmf.h — minimum-cost maximum flow on a directed network.
 *
 * A generic mechanism: nodes are 0..n-1, arcs are added one by one with a
 * capacity and a non-negative integer cost, and sq_mcmf_solve() sends as
 * much flow as it can (up to a limit) from s to t at the least total cost.
 * Among all maximum flows the one returned has minimum cost, so a caller
 * that wants "as many as possible, then as cheaply as possible" gets
 * exactly that.  With all costs zero it is a plain maximum flow.
 *
 * Method: the primal-dual algorithm.  Node potentials keep reduced costs
 * non-negative; each phase runs Dijkstra on reduced costs (binary heap)
 * and then saturates the admissible subnetwork (arcs of reduced cost 0)
 * with Dinic's blocking flows, so one phase sends every unit that travels
 * at the current shortest distance.  The number of phases is at most the
 * number of distinct path costs, small when costs are small integers.
 *
 * Deterministic: the same arcs in the same order give the same flow.
 * Capacities may be changed between solves (sq_mcmf_set_cap); every solve
 * starts again from the zero flow.
 */
#ifndef SQ_MCMF_H
#define SQ_MCMF_H

#include <stddef.h>

struct sq_mcmf;

struct sq_mcmf *sq_mcmf_new(size_t nnodes);
void	 sq_mcmf_free(struct sq_mcmf *);
/* Add an arc; returns its id (0, 1, 2...).  cost >= 0, cap >= 0. */
size_t	 sq_mcmf_arc(struct sq_mcmf *, size_t from, size_t to, long cap,
	    long cost);
void	 sq_mcmf_set_cap(struct sq_mcmf *, size_t arc, long cap);
long	 sq_mcmf_cap(const struct sq_mcmf *, size_t arc);
/*
 * Min-cost flow of value at most limit from s to t (LONG_MAX: maximum);
 * returns the value, and the cost in *cost if not NULL.
 */
long	 sq_mcmf_solve(struct sq_mcmf *, size_t s, size_t t, long limit,
	    long *cost);
/* Flow on an arc after a solve. */
long	 sq_mcmf_flow(const struct sq_mcmf *, size_t arc);
size_t	 sq_mcmf_narcs(const struct sq_mcmf *);
/* Phases run by the last solve (for benchmarks). */
long	 sq_mcmf_phases(const struct sq_mcmf *);

#endif
