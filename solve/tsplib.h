/*
 * tsplib.h — a CVRP instance in the TSPLIB/CVRPLIB format.
 *
 * Read: "KEY : value" header lines (spaces or tabs around the colon, or
 * none), NAME, COMMENT, TYPE (CVRP or ACVRP is not needed: CVRP only),
 * DIMENSION, EDGE_WEIGHT_TYPE (EUC_2D), CAPACITY, and the optional
 * DISTANCE (maximum route length), SERVICE_TIME and VEHICLES; then
 * NODE_COORD_SECTION ("id x y" per node), DEMAND_SECTION ("id demand"),
 * DEPOT_SECTION (node ids ended by -1; exactly one depot), and EOF (which
 * may be missing).  Node ids run from 1 to DIMENSION, each given once.
 * Errors are "FILE:LINE: what is wrong".
 *
 * Distances are TSPLIB's EUC_2D: the Euclidean distance rounded to the
 * nearest integer, nint(sqrt(dx*dx + dy*dy)), the rule every CVRPLIB
 * best-known cost uses.
 */
#ifndef SQ_TSPLIB_H
#define SQ_TSPLIB_H

#include <stddef.h>

struct sq_tsplib {
	char	 name[128];
	int	 dim;		/* nodes, the depot included */
	long	 capacity;
	double	 distance;	/* DISTANCE, 0 if absent */
	double	 service_time;	/* SERVICE_TIME, 0 if absent */
	int	 vehicles;	/* VEHICLES, 0 if absent */
	int	 depot;		/* index (node id - 1) of the depot */
	double	*x, *y;		/* by index: node id - 1 */
	long	*demand;
};

/* 0, or -1 with "FILE:LINE: why" in err. */
int	 sq_tsplib_read(const char *path, struct sq_tsplib *, char *err,
	    size_t errsz);
/* The same, from a buffer (name is used in messages). */
int	 sq_tsplib_parse(const char *name, const char *buf, size_t len,
	    struct sq_tsplib *, char *err, size_t errsz);
void	 sq_tsplib_free(struct sq_tsplib *);
/* EUC_2D distance between node indices i and j. */
double	 sq_tsplib_dist(const struct sq_tsplib *, int i, int j);

#endif
