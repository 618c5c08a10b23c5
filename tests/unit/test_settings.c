/*
 * test_settings.c — typed settings of a "key = value" file declared as a
 * table (values/settings.h): every kind, its range and words, the defaults
 * kept for keys not given, and every mistake told at once (an unknown key,
 * a bad value, a line that is no setting), the good lines still read.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "kvconf.h"
#include "settings.h"
#include "unit.h"

struct st {
	int	 floors, lift, start, side;
	long	 capacity;
	double	 speed;
	char	*name;
};

static const struct sq_setting keys[] = {
	{ "floors", SQ_SET_INT, offsetof(struct st, floors), 1, 60, NULL,
	    NULL },
	{ "capacity", SQ_SET_LONG, offsetof(struct st, capacity), 1, 1000000,
	    "a whole number of parcels", NULL },
	{ "speed", SQ_SET_DOUBLE, offsetof(struct st, speed), 0.1, 10, NULL,
	    NULL },
	{ "lift", SQ_SET_BOOL, offsetof(struct st, lift), 0, 0, NULL, NULL },
	{ "start", SQ_SET_TIME, offsetof(struct st, start), 0, 0, NULL, NULL },
	{ "side", SQ_SET_CHOICE, offsetof(struct st, side), 0, 0, NULL,
	    "up|down|both" },
	{ "name", SQ_SET_TEXT, offsetof(struct st, name), 0, 0, NULL, NULL },
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

static struct st
defaults(void)
{
	struct st s = { 6, 0, 8 * 60, 0, 30, 1.2, NULL };

	s.name = strdup("default");
	return s;
}

static void
test_kinds(void)
{
	struct st s = defaults();

	CHECK_INT(sq_settings_load(unit_file("good",
	    "# a comment\n"
	    "floors = 18\n"
	    "capacity = 120   # parcels a round\n"
	    "speed = 1.5\n"
	    "lift = 是\n"
	    "start = 7点半\n"
	    "side = down\n"
	    "name = 东门 receiving point\n"), SQ_KV_HASH, keys, NKEYS, &s), 0);
	CHECK_INT(s.floors, 18);
	CHECK_INT(s.capacity, 120);
	CHECK(s.speed > 1.49 && s.speed < 1.51);
	CHECK_INT(s.lift, 1);
	CHECK_INT(s.start, 7 * 60 + 30);
	CHECK_INT(s.side, 1);
	CHECK_STR(s.name, "东门 receiving point");
	free(s.name);

	/* the other words of each kind; keys not given keep their default */
	s = defaults();
	CHECK_INT(sq_settings_load(unit_file("more",
	    "lift = no\nstart = 07:05\nside = both\n"), SQ_KV_HASH, keys,
	    NKEYS, &s), 0);
	CHECK_INT(s.lift, 0);
	CHECK_INT(s.start, 7 * 60 + 5);
	CHECK_INT(s.side, 2);
	CHECK_INT(s.floors, 6);
	CHECK_INT(s.capacity, 30);
	CHECK_STR(s.name, "default");
	free(s.name);
}

/* Every mistake is an error; the lines around them are still read. */
static void
test_mistakes(void)
{
	static const char *const bad[] = {
		"floors = 0\n",			/* below its range */
		"floors = 61\n",		/* above */
		"floors = 6.5\n",		/* not whole */
		"capacity = lots\n",
		"speed = 11\n",
		"speed = fast\n",
		"lift = maybe\n",
		"start = 25:00\n",
		"side = left\n",
		"colour = red\n",		/* unknown */
		"just words\n",			/* no '=' */
	};
	struct st s;
	char name[16];

	sq_diag_quiet(1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = defaults();
		snprintf(name, sizeof(name), "bad%zu", i);
		CHECK_INT(sq_settings_load(unit_file(name, bad[i]), SQ_KV_HASH,
		    keys, NKEYS, &s), -1);
		CHECK_INT(s.floors, 6);		/* nothing taken from it */
		CHECK_INT(s.side, 0);
		free(s.name);
	}
	s = defaults();
	CHECK_INT(sq_settings_load(unit_file("mixed",
	    "floors = 11\nside = left\ncolour = red\ncapacity = 99\n"),
	    SQ_KV_HASH, keys, NKEYS, &s), -1);
	CHECK_INT(s.floors, 11);
	CHECK_INT(s.capacity, 99);
	free(s.name);

	/* a file not there: an error, or nothing with SQ_KV_OPTIONAL */
	s = defaults();
	CHECK_INT(sq_settings_load("/nonexistent/rounds.conf", SQ_KV_HASH,
	    keys, NKEYS, &s), -1);
	CHECK_INT(sq_settings_load("/nonexistent/rounds.conf", SQ_KV_HASH |
	    SQ_KV_OPTIONAL, keys, NKEYS, &s), 0);
	CHECK_INT(s.floors, 6);
	free(s.name);
	sq_diag_quiet(0);
}

int
main(void)
{
	sq_diag_init("test_settings");
	if (unit_scratch("test_settings") == NULL)
		return 2;
	test_kinds();
	test_mistakes();
	unit_scratch_done();
	UNIT_DONE();
}
