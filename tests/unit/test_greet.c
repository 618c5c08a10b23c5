/*
 * test_greet.c — rules/greet.h through its header: the days in a row without
 * a greeting, the status, the alarms that count, whatever the order of the
 * log's entries; and against a day-by-day model on random histories.
 */
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "greet.h"
#include "unit.h"

#define D0	1000		/* a day, as sq_date_days counts them */
#define FALL	1u		/* an alarm label */
#define NOMED	2u

static void
small_cases(void)
{
	struct sq_greet g;

	/* greeted today: nothing missed, greeted */
	sq_greet_init(&g, D0, SQ_GREET_NODAY, 0);
	sq_greet_seen(&g, D0 + 2, D0 + 2, 1, 0);
	CHECK_INT(sq_greet_missed(&g, D0 + 2), 0);
	CHECK_INT(sq_greet_status(&g, D0 + 2, 2), SQ_GREET_GREETED);

	/* followed since D0, never greeted: 3 days on D0 + 2, urgent at 2 */
	sq_greet_init(&g, D0, SQ_GREET_NODAY, 0);
	CHECK_INT(sq_greet_missed(&g, D0 + 2), 3);
	CHECK_INT(sq_greet_status(&g, D0 + 2, 2), SQ_GREET_URGENT);
	CHECK_INT(sq_greet_status(&g, D0 + 2, 0), SQ_GREET_NOT_GREETED);
	/* the first day followed, not greeted: one day */
	CHECK_INT(sq_greet_missed(&g, D0), 1);
	CHECK_INT(sq_greet_status(&g, D0, 2), SQ_GREET_NOT_GREETED);

	/* last greeted the day before: one day, not greeted */
	sq_greet_init(&g, D0, D0 + 4, 0);
	CHECK_INT(sq_greet_missed(&g, D0 + 5), 1);
	CHECK_INT(sq_greet_status(&g, D0 + 5, 2), SQ_GREET_NOT_GREETED);

	/* an earlier day of the log moves last; a later day than last wins */
	sq_greet_init(&g, D0, SQ_GREET_NODAY, 0);
	sq_greet_seen(&g, D0 + 5, D0 + 3, 1, 0);
	sq_greet_seen(&g, D0 + 5, D0 + 1, 1, 0);
	CHECK_INT(g.last, D0 + 3);
	CHECK_INT(sq_greet_missed(&g, D0 + 5), 2);

	/* an alarm today, greeted: urgent, and the alarm is today's */
	sq_greet_init(&g, D0, D0 + 1, 0);
	sq_greet_seen(&g, D0 + 2, D0 + 2, 1, FALL);
	CHECK_INT(sq_greet_status(&g, D0 + 2, 2), SQ_GREET_URGENT);
	CHECK_INT((long)sq_greet_alarms(&g), FALL);

	/* an attempt that reached nobody is not a greeting, its alarm counts */
	sq_greet_init(&g, D0, D0 + 1, 0);
	sq_greet_seen(&g, D0 + 2, D0 + 2, 0, NOMED);
	CHECK_INT(sq_greet_missed(&g, D0 + 2), 1);
	CHECK_INT(sq_greet_status(&g, D0 + 2, 2), SQ_GREET_URGENT);
	CHECK_INT((long)sq_greet_alarms(&g), NOMED);
	/* ... until someone reaches the household that day */
	sq_greet_seen(&g, D0 + 2, D0 + 2, 1, 0);
	CHECK_INT(sq_greet_status(&g, D0 + 2, 2), SQ_GREET_GREETED);
	CHECK_INT((long)sq_greet_alarms(&g), 0);

	/* the last day greeted raised an alarm, nobody since: still urgent */
	sq_greet_init(&g, D0, D0 + 3, FALL);
	CHECK_INT(sq_greet_status(&g, D0 + 4, 0), SQ_GREET_URGENT);
	CHECK_INT((long)sq_greet_alarms(&g), FALL);
	/* greeted today without one: the old alarm is over */
	sq_greet_seen(&g, D0 + 4, D0 + 4, 1, 0);
	CHECK_INT(sq_greet_status(&g, D0 + 4, 0), SQ_GREET_GREETED);

	/* two entries of the last day: their alarms together */
	sq_greet_init(&g, D0, SQ_GREET_NODAY, 0);
	sq_greet_seen(&g, D0 + 3, D0 + 2, 1, FALL);
	sq_greet_seen(&g, D0 + 3, D0 + 2, 1, NOMED);
	CHECK_INT((long)sq_greet_alarms(&g), FALL | NOMED);

	/* greeted before it was known to be followed: followed then */
	sq_greet_init(&g, D0 + 2, SQ_GREET_NODAY, 0);
	sq_greet_seen(&g, D0 + 4, D0, 1, 0);
	CHECK_INT(g.since, D0);
	CHECK_INT(sq_greet_missed(&g, D0 + 4), 4);

	/* not followed at all yet (no since, no last): one day */
	sq_greet_init(&g, SQ_GREET_NODAY, SQ_GREET_NODAY, 0);
	CHECK_INT(sq_greet_missed(&g, D0), 1);
}

static uint64_t rng = 20;

static uint32_t
rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng >> 33) % n;
}

/*
 * Random histories over 8 days: entries (day, reached, alarms) in a random
 * order give the same answer as a model that walks the days in order.
 */
static void
random_histories(int n)
{
	struct { int32_t day; int greeted; uint64_t alarms; } e[24], t;

	for (int it = 0; it < n; it++) {
		int32_t since = D0 + (int32_t)rnd(3), today = D0 + 7;
		int ne = (int)rnd(24);
		for (int k = 0; k < ne; k++) {
			e[k].day = since + (int32_t)rnd((uint32_t)(today - since + 1));
			e[k].greeted = rnd(4) != 0;
			e[k].alarms = rnd(5) == 0 ? (rnd(2) ? FALL : NOMED) : 0;
		}
		/* the model: the last day reached before today, its alarms */
		int32_t last = SQ_GREET_NODAY;
		uint64_t last_al = 0, today_al = 0, failed_al = 0;
		int today_ok = 0;
		for (int32_t d = since; d <= today; d++)
			for (int k = 0; k < ne; k++) {
				if (e[k].day != d)
					continue;
				if (d == today) {
					if (e[k].greeted) {
						today_ok = 1;
						today_al |= e[k].alarms;
					} else
						failed_al |= e[k].alarms;
				} else if (e[k].greeted) {
					if (last != d)
						last_al = 0;
					last = d;
					last_al |= e[k].alarms;
				}
			}
		int32_t missed = today_ok ? 0 : last != SQ_GREET_NODAY ?
		    today - last : today - since + 1;
		uint64_t al = today_ok ? today_al : failed_al | last_al;
		int urgent_after = (int)rnd(4);
		enum sq_greet_status want = al || (urgent_after > 0 &&
		    missed >= urgent_after) ? SQ_GREET_URGENT : missed > 0 ?
		    SQ_GREET_NOT_GREETED : SQ_GREET_GREETED;
		/* the engine, on the entries shuffled */
		for (int k = ne - 1; k > 0; k--) {
			int j = (int)rnd((uint32_t)k + 1);
			t.day = e[k].day; t.greeted = e[k].greeted;
			t.alarms = e[k].alarms;
			e[k] = e[j];
			e[j].day = t.day; e[j].greeted = t.greeted;
			e[j].alarms = t.alarms;
		}
		struct sq_greet g;
		sq_greet_init(&g, since, SQ_GREET_NODAY, 0);
		for (int k = 0; k < ne; k++)
			sq_greet_seen(&g, today, e[k].day, e[k].greeted,
			    e[k].alarms);
		CHECK_INT(sq_greet_missed(&g, today), missed);
		CHECK_INT((long)sq_greet_alarms(&g), (long)al);
		CHECK_INT(sq_greet_status(&g, today, urgent_after), want);
	}
}

int
main(void)
{
	sq_diag_init("test_greet");
	small_cases();
	random_histories(2000);
	UNIT_DONE();
}
