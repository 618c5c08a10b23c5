/*
 * rounds.h — what the parts of sq-rounds share: the settings, the
 * community and its orders as the program holds them (struct plan), the
 * options main read, and the parts' entry points.  Internal to the program
 * (cmd/sq-rounds.c and the files of cmd/sq-rounds/); the solver is
 * lib/cvrp.h.
 */
#ifndef SQ_ROUNDS_H
#define SQ_ROUNDS_H

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <dirent.h>

#include <jansson.h>

#include "cvrp.h"
#include "diag.h"
#include "header.h"
#include "kvconf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "resolve.h"
#include "rowaddr.h"
#include "settings.h"
#include "sites.h"
#include "svg.h"
#include "tsplib.h"
#include "value.h"
#include "words.h"
#include "writer.h"

struct settings {
	double	 detour;	/* walking / straight line */
	double	 speed;		/* metres per minute with a cart */
	double	 gate_min;	/* loading at the gate, per round */
	double	 drop_min;	/* per building stop */
	double	 door_min;	/* per door delivery */
	double	 floor_min;	/* per floor climbed, no lift */
	double	 lift_floor_min; /* per floor, with a lift */
	double	 max_min;	/* longest round */
	long	 capacity;	/* parcels per cart */
	int	 lift;		/* a building has a lift unless told */
};

/* ---- the community ---- */

struct site {
	char	*name;		/* as written */
	char	*key;		/* bld_key(name) */
	double	 x, y;		/* metres on the plan (projected if lat/lon) */
	double	 lat, lon;
	int	 lift;
	long	 line;
};

struct hhrow {
	char	*hh;
	char	*bld;
	char	*unit, *room;
	int	 vulnerable;
};

struct order {
	char	*id;
	char	*hh;
	long	 parcels;
	int	 door, urgent;
	int	 site;
	char	*room;		/* "unit-room" for the sheets */
	int	 floor;
	long	 line;
};

struct chunk {			/* one CVRP customer: a cart load at a site */
	int	 site;
	int	 urgent;
	long	 load;
	double	 svc;		/* minutes */
	int	*ord, nord;
};

struct round {
	int	 urgent;
	int	*ch, nch;	/* chunks in visiting order */
	double	 dist;		/* metres, the return included */
	double	 minutes;
	long	 load;
	int	 courier;
	double	 start;
	int	 num;		/* 1-based after scheduling */
};

struct plan {
	struct site *sites;
	int	 nsites, gate, latlon;
	double	*sd;		/* nsites x nsites walking metres */
	struct order *ord;
	int	 nord;
	struct chunk *ch;
	int	 nch;
	struct round *rd;
	int	 nrd;
	char	**couriers;
	int	 ncour;
	struct settings st;
	/* the wording of the sheets (share/rounds/LANG), and of --zh's columns */
	struct sq_words *words, *zh;
	/* each table's rejected rows, in a file of its own (-R) */
	struct sq_rejects *rj;
	long	 rows_sites, rows_couriers, rows_orders;
};

struct progress {
	int	 on, shown;
	double	 base;
};

struct solve_opts {
	double	 time;
	long	 iterations;
	uint64_t seed;
	int	 vehicles;
	struct progress *pg;
};

/* What main read from the command line. */
struct rounds_opts {
	const char *sites, *households, *couriers, *matrix;
	const char *sheets, *svg, *geojson, *settings, *tsplib;
	long	 capacity;
	double	 max_min;
	struct solve_opts so;
};

/* read.c */
int	 natcmp(const char *a, const char *b);
int	 read_sites(struct plan *pl, const char *path, struct sq_common *c);
int	 build_distances(struct plan *pl, const char *matrix,
	    struct sq_common *c);
void	 hh_free(struct hhrow *hh, int nhh);
int	 read_households(const char *path, struct sq_common *c,
	    struct sq_rejects *rj, struct hhrow **out, int *nout, long *nrows);
int	 courier_count(const char *arg, long *v);
int	 read_couriers(struct plan *pl, const char *arg, struct sq_common *c,
	    long *capacity);
int	 read_orders(struct plan *pl, const char *path, struct sq_common *c,
	    const struct hhrow *hh, int nhh);

/* settings.c */
int	 load_settings(struct sq_common *c, const struct rounds_opts *o,
	    struct settings *st);

/* solve.c */
void	 end_progress(struct progress *pg);
void	 show_progress(void *arg, double elapsed, double best, long iter);
void	 baseline(const struct plan *pl, double *dist, double *end,
	    int *nrounds);
int	 solve(struct plan *pl, const char *ordname, struct solve_opts *so,
	    double *end);

/* write.c */
int	 write_outputs(const struct plan *pl, struct sq_common *c,
	    const struct rounds_opts *o);
void	 summary(const struct plan *pl, double end);

/* tsplib.c */
int	 run_tsplib(const char *path, const struct solve_opts *so,
	    struct sq_common *c);

/* plan.c */
void	 plan_free(struct plan *pl);
int	 plan_rounds(struct sq_common *c, struct rounds_opts *o,
	    const char *orders);

#endif
