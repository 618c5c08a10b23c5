/*
 * care.h — one carer for every household that needs one (一对一关爱).
 *
 * The caller names places by small numbers (communities, buildings and
 * grids it has interned) and gives the homes (the households that need a
 * carer), the carers (volunteers, 楼组长, staff) and the buildings'
 * coordinates.  sq_care_pair() gives each home a carer, or says why none:
 *
 *   1. as many homes as possible get a carer: no carer over its cap, and a
 *      carer cares only for homes of its own community;
 *   2. then as many as possible have a carer from their own building
 *      (SQ_CARE_BUILDING);
 *   3. then as many of the others as possible one from their grid
 *      (SQ_CARE_GRID: living in another building of the grid, or with no
 *      building but with the grid);
 *   4. then as many of the homes' preferences as possible are met (a
 *      preference is a bit: the home asks for it, the carer fits it);
 *   5. then the least walking between the carer's building and the home's,
 *      by the buildings' coordinates in steps of 10 m (SQ_CARE_NEAR), a
 *      carer with no building counting as the farthest (SQ_CARE_ANY).
 * Each level outranks everything below it: one more home with a carer from
 * its own building is worth more than any number of skills or metres.
 * This is one minimum-cost maximum flow (solve/mcmf) per community, over
 * groups of homes that are alike (building, grid, preferences) and classes
 * of carers that are alike (building, grid, fits), so its size grows with
 * the buildings, not the households.  In a community with very many
 * buildings (more group x class pairs than arc_limit) the arcs to
 * buildings outside the grid go to the nearest ones by the plan (near_k)
 * and through one hub node per set of preferences: levels 1 to 4 stay
 * exact, walking beyond the nearest is taken as the longest.  In a
 * community of thousands of homes walking is counted in fewer, longer
 * steps that still span the plan (the weights must fit in a long).
 *
 * Kept pairs (keep >= 0) are fixed first, in home order, up to the
 * carer's cap; the rest are paired on what caps are left.  Within a class
 * of carers, the homes are spread so that loads stay even, and handed out
 * in home order (a caller that sorts its homes by household key gives each
 * carer neighbouring doors).  The same input gives the same pairs.
 *
 * No state outside the problem: callable any number of times.
 */
#ifndef SQ_CARE_H
#define SQ_CARE_H

#include <stddef.h>
#include <stdint.h>

enum sq_care_tier {
	SQ_CARE_BUILDING = 0,	/* the carer lives in the home's building */
	SQ_CARE_GRID,		/* in the home's grid */
	SQ_CARE_NEAR,		/* elsewhere in the community */
	SQ_CARE_ANY,		/* a carer with no building */
	SQ_CARE_NTIERS
};

enum sq_care_none {
	SQ_CARE_PAIRED = 0,
	SQ_CARE_NO_CARER,	/* nobody can care in the home's community */
	SQ_CARE_ALL_FULL,	/* every carer in reach is at its cap */
};

struct sq_care_home {
	uint32_t community;
	uint32_t building;	/* index into buildings[], never 0 */
	uint32_t grid;		/* 0: none */
	uint32_t prefs;		/* preferences it asks for */
	long	 keep;		/* carer to keep, or -1 */
	long	 self;		/* the carer who lives here, or -1: never */
				/* paired with it */
};

struct sq_care_carer {
	uint32_t community;
	uint32_t building;	/* 0: none */
	uint32_t grid;		/* 0: none */
	uint32_t fits;		/* preferences it meets */
	long	 cap;		/* homes at most */
};

struct sq_care_building {
	double	 x, y;		/* metres on a plan */
	int	 has_xy;
};

struct sq_care_problem {
	const struct sq_care_home *homes;
	size_t	 nhomes;
	const struct sq_care_carer *carers;
	size_t	 ncarers;
	/* by building number; [0] unused.  NULL: no plan, no walking */
	const struct sq_care_building *buildings;
	size_t	 nbuildings;
	/* arcs to at most this many other buildings per home group when the
	   community is large (0: SQ_CARE_NEAR_K) */
	size_t	 near_k;
	/* large: more group x class pairs than this (0: SQ_CARE_ARC_LIMIT) */
	size_t	 arc_limit;
};

#define SQ_CARE_NEAR_K		32
#define SQ_CARE_ARC_LIMIT	200000

struct sq_care_pair {
	long	 carer;		/* -1: none, see none */
	int	 none;		/* enum sq_care_none */
	int	 tier;		/* enum sq_care_tier, when paired */
	int	 kept;		/* the kept pair */
	uint32_t unmet;		/* preferences asked for and not met */
	long	 walk_m;	/* between the buildings; -1 unknown */
};

struct sq_care_stats {
	long	 homes, paired, kept, unpaired[3];
	long	 tier[SQ_CARE_NTIERS];
	long	 unmet;		/* preferences not met, over all homes */
	long	 communities, arcs, phases;
	int	 approx;	/* some community used the hub */
};

/*
 * Pair every home: out[i] for homes[i].  Stats may be NULL.  0, or -1
 * when the problem is inconsistent (a building number out of range; a
 * keep or self out of range is ignored).
 */
int	 sq_care_pair(const struct sq_care_problem *, struct sq_care_pair *out,
	    struct sq_care_stats *);

/* Walking metres between two buildings of the problem, or -1. */
long	 sq_care_walk(const struct sq_care_problem *, uint32_t a, uint32_t b);

/* The tier of a carer for a home (whoever they are). */
int	 sq_care_tier(const struct sq_care_home *, const struct sq_care_carer *);

#endif
