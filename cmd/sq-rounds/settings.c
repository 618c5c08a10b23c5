/*
 * settings.c — rounds.conf (lib/settings.c reads it): the walking speed,
 * the minutes at the gate, at a stop, at a door, per floor, and the cart.
 */
#include "rounds.h"

#define O(f)	offsetof(struct settings, f)
static const struct sq_setting setting_keys[] = {
	{ "detour_factor", SQ_SET_DOUBLE, O(detour), 1, 10, NULL, NULL },
	{ "walk_m_per_min", SQ_SET_DOUBLE, O(speed), 1, 1000, NULL, NULL },
	{ "gate_minutes", SQ_SET_DOUBLE, O(gate_min), 0, 600, NULL, NULL },
	{ "drop_minutes", SQ_SET_DOUBLE, O(drop_min), 0, 600, NULL, NULL },
	{ "door_minutes", SQ_SET_DOUBLE, O(door_min), 0, 600, NULL, NULL },
	{ "floor_minutes", SQ_SET_DOUBLE, O(floor_min), 0, 60, NULL, NULL },
	{ "lift_floor_minutes", SQ_SET_DOUBLE, O(lift_floor_min), 0, 60, NULL,
	    NULL },
	{ "max_round_minutes", SQ_SET_DOUBLE, O(max_min), 1, 1440, NULL, NULL },
	{ "capacity", SQ_SET_LONG, O(capacity), 1, 1000000,
	    "a whole number of parcels", NULL },
	{ "lift", SQ_SET_BOOL, O(lift), 0, 0, NULL, NULL },
};
#undef O

static void
settings_default(struct settings *st)
{
	st->detour = 1.3;
	st->speed = 50;
	st->gate_min = 5;
	st->drop_min = 2;
	st->door_min = 1;
	st->floor_min = 0.5;
	st->lift_floor_min = 0.1;
	st->max_min = 90;
	st->capacity = 30;
	st->lift = 0;
}

/*
 * "key = value" lines, '#' starts a comment anywhere (lib/settings.c).  A
 * missing file is no settings unless `must`.  -1 on error (printed).
 */
static int
settings_load(const char *path, struct settings *st, int must)
{
	return sq_settings_load(path, SQ_KV_HASH | (must ? 0 : SQ_KV_OPTIONAL),
	    setting_keys, sizeof(setting_keys) / sizeof(setting_keys[0]), st);
}

/* rounds.conf, then -x, then -L.  0, or -1 (said). */
int
load_settings(struct sq_common *c, const struct rounds_opts *o,
    struct settings *st)
{
	settings_default(st);
	char *dflt = sq_datafile(c, "rounds.conf");
	int rc = settings_load(dflt, st, 0);
	free(dflt);
	if (rc < 0 || (o->settings && settings_load(o->settings, st, 1) < 0))
		return -1;
	if (o->max_min > 0)
		st->max_min = o->max_min;
	if (st->max_min <= st->gate_min) {
		sq_error("a round of %g minutes leaves no time after %g "
		    "minutes of loading at the gate", st->max_min,
		    st->gate_min);
		return -1;
	}
	return 0;
}
