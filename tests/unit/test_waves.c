/*
 * test_waves.c — the call-slot planner (solve/waves.h) through its header:
 * small plans worked out by hand, then the properties on random
 * communities (every person called once, no minute over the desks' rate,
 * slots no longer than allowed, the makespan near the ideal, door teams
 * never in two places, the same plan twice).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "waves.h"
#include "unit.h"

#define H(h, m)	((h) * 60 + (m))

static struct sq_waves *
new_plan(int slot)
{
	struct sq_waves_settings s;

	sq_waves_defaults(&s);
	s.slot_minutes = slot;
	return sq_waves_new(&s);
}

/* n floors of k households of `people` each, in unit u of building b */
static void
add_unit(struct sq_waves *w, int b, int u, int floors, int k, int people)
{
	for (int f = 1; f <= floors; f++)
		for (int i = 0; i < k; i++)
			sq_waves_add_household(w, b, u, f, people, 0);
}

static void
test_minutes(void)
{
	CHECK_INT(sq_waves_minutes(0, 600), 0);
	CHECK_INT(sq_waves_minutes(1, 600), 1);
	CHECK_INT(sq_waves_minutes(10, 600), 1);
	CHECK_INT(sq_waves_minutes(11, 600), 2);
	CHECK_INT(sq_waves_minutes(150, 600), 15);
	CHECK_INT(sq_waves_minutes(151, 600), 16);
	CHECK_INT(sq_waves_minutes(1, 1), 60);
	CHECK_INT(sq_waves_minutes(7, 0), 420);	/* a rate of 0 is 1 */
	CHECK_INT(sq_waves_minutes(100000000L, 1), 6000000000LL);
}

/* two small units share one slot; minutes from the desks' rate */
static void
test_one_slot(void)
{
	struct sq_waves *w = new_plan(15);
	int p = sq_waves_add_point(w, 4, 150, H(7, 0), NULL);
	int b = sq_waves_add_building(w, NULL, 0);

	CHECK_INT(p, 0);
	CHECK_INT(b, 0);
	add_unit(w, b, 1, 5, 3, 2);	/* 30 people */
	add_unit(w, b, 2, 5, 3, 2);
	CHECK_INT(sq_waves_plan(w), 0);
	CHECK_INT(sq_waves_nrows(w), 2);
	const struct sq_waves_row *r = sq_waves_row(w, 0);
	CHECK_INT(r->unit, 1);
	CHECK_INT(r->start, H(7, 0));
	CHECK_INT(r->end, H(7, 6));	/* 60 people at 10 a minute */
	CHECK_INT(r->slot, 1);
	CHECK_INT(r->whole_unit, 1);
	CHECK_INT(r->households, 15);
	CHECK_INT(r->people, 30);
	CHECK_INT(r->floor_lo, 1);
	CHECK_INT(r->floor_hi, 5);
	r = sq_waves_row(w, 1);
	CHECK_INT(r->unit, 2);
	CHECK_INT(r->start, H(7, 0));
	CHECK_INT(r->end, H(7, 6));
	CHECK_INT(r->slot, 1);
	CHECK(sq_waves_row(w, 2) == NULL);
	CHECK_INT(sq_waves_stats(w)->queue_end, H(7, 6));
	CHECK_INT(sq_waves_stats(w)->queue_people, 60);
	CHECK_INT(sq_waves_point_stats(w, 0)->slots, 1);
	CHECK(sq_waves_point_stats(w, 1) == NULL);
	sq_waves_free(w);
}

/* a unit larger than a slot is split by whole floors */
static void
test_split_floors(void)
{
	for (int down = 0; down < 2; down++) {
		struct sq_waves_settings s;
		sq_waves_defaults(&s);
		s.floors_down = down;
		struct sq_waves *w = sq_waves_new(&s);
		sq_waves_add_point(w, 4, 150, H(7, 0), NULL);
		sq_waves_add_building(w, NULL, 0);
		add_unit(w, 0, 1, 20, 4, 3);	/* 12 a floor, 240 in all */
		CHECK_INT(sq_waves_plan(w), 0);
		CHECK_INT(sq_waves_nrows(w), 2);
		const struct sq_waves_row *a = sq_waves_row(w, 0);
		const struct sq_waves_row *b = sq_waves_row(w, 1);
		CHECK_INT(a->whole_unit, 0);
		CHECK_INT(a->people, 144);	/* 12 floors fit in 150 */
		CHECK_INT(a->floor_lo, down ? 9 : 1);
		CHECK_INT(a->floor_hi, down ? 20 : 12);
		CHECK_INT(a->start, H(7, 0));
		CHECK_INT(a->end, H(7, 15));
		CHECK_INT(b->floor_lo, down ? 1 : 13);
		CHECK_INT(b->floor_hi, down ? 8 : 20);
		CHECK_INT(b->start, H(7, 15));
		CHECK_INT(b->end, H(7, 25));
		CHECK_INT(b->slot, 2);
		sq_waves_free(w);
	}
}

/* one floor larger than a slot stays whole, its slot just longer */
static void
test_big_floor(void)
{
	struct sq_waves *w = new_plan(10);

	sq_waves_add_point(w, 1, 60, H(8, 0), NULL);	/* 1 a minute */
	sq_waves_add_building(w, NULL, 0);
	for (int i = 0; i < 6; i++)
		sq_waves_add_household(w, 0, 1, 3, 3, 0);	/* 18 on floor 3 */
	sq_waves_add_household(w, 0, 1, 4, 2, 0);
	CHECK_INT(sq_waves_plan(w), 0);
	CHECK_INT(sq_waves_nrows(w), 2);
	CHECK_INT(sq_waves_row(w, 0)->people, 18);
	CHECK_INT(sq_waves_row(w, 0)->end - sq_waves_row(w, 0)->start, 18);
	CHECK_INT(sq_waves_row(w, 1)->start, H(8, 18));
	CHECK_INT(sq_waves_row(w, 1)->end, H(8, 20));
	sq_waves_free(w);
}

/* nearest building first; buildings off the plan last, in order */
static void
test_nearest_first(void)
{
	struct sq_waves *w = new_plan(15);
	double pt[2] = { 0, 0 }, far[2] = { 300, 0 }, near[2] = { 0, 50 };

	sq_waves_add_point(w, 1, 60, H(7, 0), pt);
	sq_waves_add_building(w, NULL, 0);	/* 0: not on the plan */
	sq_waves_add_building(w, far, 0);	/* 1 */
	sq_waves_add_building(w, near, 0);	/* 2 */
	for (int b = 0; b < 3; b++)
		sq_waves_add_household(w, b, 1, 1, 20, 0);
	CHECK_INT(sq_waves_plan(w), 0);
	CHECK_INT(sq_waves_nrows(w), 3);
	CHECK_INT(sq_waves_row(w, 0)->building, 2);
	CHECK_INT(sq_waves_row(w, 1)->building, 1);
	CHECK_INT(sq_waves_row(w, 2)->building, 0);
	CHECK_INT(sq_waves_row(w, 2)->end, H(8, 0));
	sq_waves_free(w);
}

/* two points: each building to its nearest while it has room */
static void
test_two_points(void)
{
	struct sq_waves *w = new_plan(15);
	double west[2] = { -100, 0 }, east[2] = { 100, 0 };

	sq_waves_add_point(w, 1, 60, H(7, 0), west);
	sq_waves_add_point(w, 1, 60, H(7, 0), east);
	for (int b = 0; b < 4; b++) {
		double xy[2] = { b < 2 ? -90.0 - b : 90.0 + b, 0 };
		sq_waves_add_building(w, xy, 0);
		sq_waves_add_household(w, b, 1, 1, 10, 0);
	}
	CHECK_INT(sq_waves_plan(w), 0);
	for (size_t i = 0; i < sq_waves_nrows(w); i++) {
		const struct sq_waves_row *r = sq_waves_row(w, i);
		CHECK_INT(r->point, r->building < 2 ? 0 : 1);
	}
	CHECK_INT(sq_waves_stats(w)->queue_end, H(7, 20));
	CHECK_INT(sq_waves_stats(w)->ideal_end, H(7, 20));
	sq_waves_free(w);

	/* every building near the west point: half of them go east */
	w = new_plan(15);
	sq_waves_add_point(w, 1, 60, H(7, 0), west);
	sq_waves_add_point(w, 1, 60, H(7, 0), east);
	for (int b = 0; b < 4; b++) {
		double xy[2] = { -95.0 + b, 0 };
		sq_waves_add_building(w, xy, 0);
		sq_waves_add_household(w, b, 1, 1, 10, 0);
	}
	CHECK_INT(sq_waves_plan(w), 0);
	CHECK_INT(sq_waves_point_stats(w, 0)->people, 20);
	CHECK_INT(sq_waves_point_stats(w, 1)->people, 20);
	/* the nearest to the west, ties by order, stay west */
	CHECK_INT(sq_waves_row(w, 0)->building, 0);
	CHECK_INT(sq_waves_row(w, 0)->point, 0);
	CHECK_INT(sq_waves_stats(w)->queue_end, H(7, 20));
	sq_waves_free(w);

	/* a point opening an hour later gets less */
	w = new_plan(15);
	sq_waves_add_point(w, 1, 60, H(7, 0), NULL);
	sq_waves_add_point(w, 1, 60, H(8, 0), NULL);
	sq_waves_add_building(w, NULL, 0);
	for (int u = 1; u <= 8; u++)
		sq_waves_add_household(w, 0, u, 1, 20, 0);
	CHECK_INT(sq_waves_plan(w), 0);
	/* 110 and 50 would end together: the last unit ties, goes west */
	CHECK_INT(sq_waves_point_stats(w, 0)->people, 120);
	CHECK_INT(sq_waves_point_stats(w, 1)->people, 40);
	CHECK_INT(sq_waves_stats(w)->ideal_end, H(8, 50));
	CHECK_INT(sq_waves_stats(w)->queue_end, H(9, 0));
	sq_waves_free(w);
}

/* door households and closed buildings go to door rounds */
static void
test_doors(void)
{
	struct sq_waves_settings s;

	sq_waves_defaults(&s);
	s.door_teams = 1;
	s.door_start = H(9, 0);
	s.door_household_minutes = 3;
	s.door_person_minutes = 1;
	s.door_round_minutes = 20;
	struct sq_waves *w = sq_waves_new(&s);
	sq_waves_add_point(w, 4, 150, H(7, 0), NULL);
	sq_waves_add_building(w, NULL, 0);
	sq_waves_add_building(w, NULL, 1);	/* closed */
	long a = sq_waves_add_household(w, 0, 1, 1, 2, 0);
	long d = sq_waves_add_household(w, 0, 1, 2, 1, 1);	/* door */
	long z = sq_waves_add_household(w, 0, 1, 3, 0, 0);	/* nobody */
	long c1 = sq_waves_add_household(w, 1, 1, 1, 2, 0);
	long c2 = sq_waves_add_household(w, 1, 2, 1, 3, 0);
	long c3 = sq_waves_add_household(w, 1, 2, 5, 4, 0);
	CHECK_INT(sq_waves_plan(w), 0);
	const struct sq_waves_stats *st = sq_waves_stats(w);
	CHECK_INT(st->queue_people, 2);
	CHECK_INT(st->door_people, 10);
	CHECK_INT(st->door_households, 4);
	CHECK_INT(st->not_called, 1);
	CHECK_INT(sq_waves_household_row(w, z), -1);
	CHECK_INT(sq_waves_household_row(w, a), 0);
	/* round 1: the door household (4 min), the closed building's unit 1
	   (5), unit 2's first (6); 15 min, unit 2's second (7) would pass 20 */
	CHECK_INT(st->door_rounds, 2);
	CHECK_INT(sq_waves_nrows(w), 5);
	const struct sq_waves_row *r = sq_waves_row(w, sq_waves_household_row(w, d));
	CHECK_INT(r->door, 1);
	CHECK_INT(r->team, 1);
	CHECK_INT(r->slot, 1);
	CHECK_INT(r->start, H(9, 0));
	CHECK_INT(r->end, H(9, 4));
	r = sq_waves_row(w, sq_waves_household_row(w, c1));
	CHECK_INT(r->start, H(9, 4));
	CHECK_INT(r->end, H(9, 9));
	r = sq_waves_row(w, sq_waves_household_row(w, c2));
	CHECK_INT(r->start, H(9, 9));
	CHECK_INT(r->end, H(9, 15));
	CHECK_INT(r->slot, 1);
	r = sq_waves_row(w, sq_waves_household_row(w, c3));
	CHECK_INT(r->slot, 2);
	CHECK_INT(r->start, H(9, 15));
	CHECK_INT(r->end, H(9, 22));
	CHECK_INT(st->door_end, H(9, 22));
	sq_waves_free(w);
}

/* no point: nothing to plan the queue with */
static void
test_no_point(void)
{
	struct sq_waves *w = new_plan(15);

	sq_waves_add_building(w, NULL, 0);
	sq_waves_add_household(w, 0, 1, 1, 2, 0);
	CHECK_INT(sq_waves_plan(w), -1);
	sq_waves_free(w);
	/* door households alone need no point */
	w = new_plan(15);
	sq_waves_add_building(w, NULL, 1);
	sq_waves_add_household(w, 0, 1, 1, 2, 0);
	CHECK_INT(sq_waves_plan(w), 0);
	CHECK_INT(sq_waves_nrows(w), 1);
	CHECK_INT(sq_waves_row(w, 0)->point, -1);
	sq_waves_free(w);
	/* and an empty community plans nothing */
	w = new_plan(15);
	CHECK_INT(sq_waves_plan(w), 0);
	CHECK_INT(sq_waves_nrows(w), 0);
	CHECK_INT(sq_waves_stats(w)->queue_end, sq_waves_stats(w)->start);
	sq_waves_free(w);
}

/* ---- properties on random communities ---- */

static uint64_t rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static void
check_random(unsigned seed)
{
	struct sq_waves_settings s;
	char ctx[64];

	rng_state = seed;
	sq_waves_defaults(&s);
	s.slot_minutes = 10 + (int)rnd(16);
	s.floors_down = (int)rnd(2);
	s.door_teams = 1 + (int)rnd(3);
	struct sq_waves *w = sq_waves_new(&s);
	int np = 1 + (int)rnd(4), nb = 1 + (int)rnd(40);
	long nh = 0;
	long per_hour[4];
	/* one draw a statement: the order of arguments is not C's to keep */
	for (int p = 0; p < np; p++) {
		double xy[2];
		xy[0] = rnd(500);
		xy[1] = rnd(500);
		int desks = 1 + (int)rnd(8);
		int rate = 30 + (int)rnd(300);
		int start = H(7, 0) + (int)rnd(3) * 30;
		int placed = rnd(5) != 0;
		per_hour[p] = (long)desks * rate;
		sq_waves_add_point(w, desks, rate, start, placed ? xy : NULL);
	}
	for (int b = 0; b < nb; b++) {
		double xy[2];
		xy[0] = rnd(500);
		xy[1] = rnd(500);
		int placed = rnd(6) != 0;
		int closed = rnd(15) == 0;
		sq_waves_add_building(w, placed ? xy : NULL, closed);
		int units = 1 + (int)rnd(4);
		int floors = 1 + (int)rnd(30);
		int flats = 1 + (int)rnd(6);
		for (int u = 1; u <= units; u++)
			for (int f = 1; f <= floors; f++)
				for (int k = 0; k < flats; k++) {
					if (rnd(5) == 0)
						continue;
					int people = (int)rnd(7);
					int door = rnd(30) == 0;
					sq_waves_add_household(w, b, u, f, people,
					    door);
					nh++;
				}
	}
	snprintf(ctx, sizeof(ctx), "seed %u", seed);
	if (!CHECK(sq_waves_plan(w) == 0)) {
		sq_waves_free(w);
		return;
	}
	size_t n = sq_waves_nrows(w);
	const struct sq_waves_stats *st = sq_waves_stats(w);
	long people = 0, doorp = 0;
	int ok_rate = 1, ok_order = 1, ok_len = 1, ok_team = 1, ok_sum = 1;
	/* every household with people in exactly one row, counted once */
	long *sum = calloc(n + 1, sizeof(long));
	long *hhs = calloc(n + 1, sizeof(long));
	for (long h = 0; h < nh; h++) {
		long r = sq_waves_household_row(w, h);
		if (r < -1 || r >= (long)n)
			ok_sum = 0;
		else if (r >= 0)
			hhs[r]++;
	}
	CHECK_INT(sq_waves_household_row(w, nh), -1);
	for (size_t i = 0; i < n; i++) {
		const struct sq_waves_row *r = sq_waves_row(w, i);
		if (hhs[i] != r->households)
			ok_sum = 0;
		if (r->door)
			doorp += r->people;
		else
			people += r->people;
		sum[i] = r->people;
	}
	CHECK(ok_sum);
	CHECK_INT(people, st->queue_people);
	CHECK_INT(doorp, st->door_people);
	/* per point: slots in order, no overlap, no minute over the rate */
	for (int p = 0; p < np; p++) {
		int64_t last_end = -1;
		int last_slot = 0;
		for (size_t i = 0; i < n;) {
			const struct sq_waves_row *r = sq_waves_row(w, i);
			if (r->door || r->point != p) {
				i++;
				continue;
			}
			long slot_people = 0;
			size_t j = i;
			int single = 1;
			while (j < n && !sq_waves_row(w, j)->door &&
			    sq_waves_row(w, j)->point == p &&
			    sq_waves_row(w, j)->slot == r->slot) {
				const struct sq_waves_row *x = sq_waves_row(w, j);
				if (x->start != r->start || x->end != r->end)
					ok_order = 0;
				slot_people += x->people;
				if (x->floor_lo != x->floor_hi || j > i)
					single = 0;
				j++;
			}
			if (r->slot != last_slot + 1 || r->start < last_end)
				ok_order = 0;
			if (last_end >= 0 && r->start != last_end)
				ok_order = 0;
			/* the desks' rate, and not a minute more than needed */
			if (slot_people * 60 > per_hour[p] * (r->end - r->start) ||
			    r->end - r->start != sq_waves_minutes(slot_people,
			    per_hour[p]))
				ok_rate = 0;
			if (r->end - r->start > s.slot_minutes && !single)
				ok_len = 0;
			last_end = r->end;
			last_slot = r->slot;
			i = j;
		}
	}
	free(sum);
	free(hhs);
	CHECK(ok_rate);
	CHECK(ok_order);
	CHECK(ok_len);
	/* the makespan within 15% of the ideal, plus 10 minutes */
	double ideal = st->ideal_end - (double)st->start;
	double got = (double)(st->queue_end - st->start);
	if (!CHECK(got <= ideal * 1.15 + 10))
		fprintf(stderr, "  %s: makespan %.0f, ideal %.1f\n", ctx, got,
		    ideal);
	/* a door team is in one place at a time */
	for (int t = 1; t <= s.door_teams; t++) {
		int64_t end = -1;
		for (size_t i = 0; i < n; i++) {
			const struct sq_waves_row *r = sq_waves_row(w, i);
			if (!r->door || r->team != t)
				continue;
			if (r->start < end || r->end <= r->start)
				ok_team = 0;
			end = r->end;
		}
	}
	CHECK(ok_team);
	/* the same plan again */
	struct sq_waves_row *copy = malloc((n + 1) * sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = *sq_waves_row(w, i);
	CHECK(sq_waves_plan(w) == 0);
	CHECK_INT(sq_waves_nrows(w), n);
	int same = 1;
	for (size_t i = 0; i < n && i < sq_waves_nrows(w); i++)
		if (memcmp(&copy[i], sq_waves_row(w, i), sizeof(*copy)) != 0)
			same = 0;
	CHECK(same);
	free(copy);
	sq_waves_free(w);
}

int
main(void)
{
	test_minutes();
	test_one_slot();
	test_split_floors();
	test_big_floor();
	test_nearest_first();
	test_two_points();
	test_doors();
	test_no_point();
	for (unsigned seed = 1; seed <= 200; seed++)
		check_random(seed);
	UNIT_DONE();
}
