/*
 * waves.h — the mass-testing call plan (核酸逐栋引领): which building and
 * unit come down when, to which testing point, and the door rounds for the
 * households sampled at home.
 *
 * THE QUEUE
 *   A point samples desks × rate people an hour.  Its buildings are called
 *   nearest first (straight line times the detour factor, from the site
 *   plan; without coordinates in the order they were added), each
 *   building's units in order.  A unit that would take longer than
 *   slot_minutes is split by floors (whole floors; bottom up, or top down
 *   with floors_down).  Consecutive parts are put into call slots of at
 *   most slot_minutes: a slot is a span of whole minutes [start, end) with
 *   end - start = ceil(60 × people / (desks × rate)), so no minute is sent
 *   more people than the desks sample, and the next slot starts when it
 *   ends.  What is lost is under a minute a slot.
 *
 *   With several points each building goes to its nearest point that has
 *   room: a point's room is its share of the people, so that every point
 *   finishes about together (a point opening later gets less), and half a
 *   slot more (5 minutes at most) rather than send a unit to a farther
 *   point.  Buildings
 *   whose second-nearest point is much farther than the nearest choose
 *   first; a building that fits nowhere whole is split between points by
 *   units, and then, while the latest point ends late, units move to
 *   points that can take them.  A unit of more than a quarter of a point's
 *   share is cut into floors first, for the points to share.
 *
 * THE DOOR ROUNDS
 *   Households with the door flag, and every household of a building under
 *   closure, are left out of the queue.  They are visited building by
 *   building, each building's nearest point first and then the nearest
 *   building not yet visited, in rounds that leave from that point and come
 *   back to it within door_round_minutes (walking, plus
 *   door_household_minutes a household and door_person_minutes a person).
 *   A round goes to the door team that is free first.
 *
 * USE
 *   sq_waves_new(); add points, buildings, households (indexes are handed
 *   back in order from 0); sq_waves_plan(); read the rows and
 *   sq_waves_household_row(); sq_waves_free().  No global state; the same
 *   input gives the same plan, byte for byte.  Minutes count from midnight
 *   of the day and may pass 1440 (the plan runs into the next day).
 */
#ifndef SQ_WAVES_H
#define SQ_WAVES_H

#include <stddef.h>
#include <stdint.h>

struct sq_waves_settings {
	int	 slot_minutes;		/* longest call slot, >= 1 */
	int	 floors_down;		/* split units top floors first */
	double	 detour;		/* walking / straight line, >= 1 */
	double	 walk_m_per_min;	/* > 0 */
	double	 door_household_minutes;
	double	 door_person_minutes;
	int	 door_teams;		/* >= 1 */
	int	 door_round_minutes;	/* longest door round, >= 1 */
	int	 door_start;		/* minute the door teams set out */
};

/* The defaults of share/waves.conf. */
void	 sq_waves_defaults(struct sq_waves_settings *);

struct sq_waves_row {
	int	 point;		/* called to; a door round: leaves from */
	int	 building;
	int	 unit;		/* the unit key given */
	int	 floor_lo, floor_hi;	/* floors in the row */
	int	 whole_unit;	/* every queued household of the unit */
	int64_t	 start, end;	/* minutes from midnight, [start, end) */
	long	 households, people;
	int	 door;		/* a door round */
	int	 team;		/* door team 1, 2, ...; 0 in the queue */
	int	 slot;		/* the point's slot 1, 2, ...; door: round */
};

struct sq_waves_point_stats {
	long	 people, households, slots;
	int64_t	 start, end;	/* first start, last end (start if empty) */
};

struct sq_waves_stats {
	long	 queue_people, queue_households;
	long	 door_people, door_households, door_rounds;
	long	 not_called;	/* households of 0 people */
	int64_t	 start;		/* earliest opening of a point */
	int64_t	 queue_end;	/* last slot's end (start if none) */
	int64_t	 door_end;	/* last round's end (door_start if none) */
	double	 ideal_end;	/* the queue's end without any idle minute */
};

struct sq_waves;

struct sq_waves *sq_waves_new(const struct sq_waves_settings *);
void	 sq_waves_free(struct sq_waves *);

/*
 * A testing point: desks (>= 1) sampling rate people an hour each (>= 1),
 * from minute start; xy its coordinates in metres, or NULL.  Its index.
 */
int	 sq_waves_add_point(struct sq_waves *, int desks, int rate,
	    int64_t start, const double *xy);
/* A building: coordinates or NULL; closed: sampled at the door only. */
int	 sq_waves_add_building(struct sq_waves *, const double *xy, int closed);
/*
 * A household of building b: unit is a key that orders the units of a
 * building (0 for none), floor its floor (0 unknown), people (0: nobody to
 * call), door: sampled at home.  Added in the order rooms are visited
 * within a floor.  Its index.
 */
long	 sq_waves_add_household(struct sq_waves *, int b, int unit, int floor,
	    int people, int door);

/* 0, or -1 when there are queued people and no point (nothing planned). */
int	 sq_waves_plan(struct sq_waves *);

size_t	 sq_waves_nrows(const struct sq_waves *);
/* Queue rows by point and time, then door rounds in order. */
const struct sq_waves_row *sq_waves_row(const struct sq_waves *, size_t i);
/* The row a household is in, or -1 (0 people). */
long	 sq_waves_household_row(const struct sq_waves *, long h);
const struct sq_waves_stats *sq_waves_stats(const struct sq_waves *);
const struct sq_waves_point_stats *sq_waves_point_stats(
	    const struct sq_waves *, int point);

/*
 * Slot length: the fewest whole minutes in which desks × rate an hour
 * sample people (0 for 0 people).
 */
int64_t	 sq_waves_minutes(long people, long per_hour);

#endif
