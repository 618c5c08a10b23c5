/*
 * test_publish.c — the bulletin's sections through disclosure control
 * (render/publish.h): what sq_publish() writes back into the data.  Large
 * counts come back exact and adding up; a household-level count below the
 * threshold never comes back exact (not even as a difference of exact
 * figures); what a section did not show is gone from the data (_raw, a
 * building's missed and partial, care's alarms, a category's "sensitive");
 * requests' categories are re-ordered by what is shown.  The protection
 * itself is tested on its own in test_disclose.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "diag.h"
#include "publish.h"
#include "unit.h"

#define T	3	/* the threshold of every case */

static json_t *
parse(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);

	if (j == NULL)
		fprintf(stderr, "FAIL bad test JSON: %s (line %d)\n", e.text,
		    e.line);
	return j;
}

static json_t *
at(json_t *o, const char *path)
{
	char key[64];

	while (o && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		if (json_is_array(o))
			o = json_array_get(o, (size_t)strtoul(key, NULL, 10));
		else
			o = json_object_get(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

static int
exact(json_t *o, const char *path)
{
	return json_is_integer(at(o, path));
}

static long
num(json_t *o, const char *path)
{
	json_t *v = at(o, path);

	return json_is_integer(v) ? (long)json_integer_value(v) : -999;
}

/* A household-level figure: exact only from the threshold, else a band
   ("<3", "3-5") or null. */
static int
safe(json_t *o, const char *path)
{
	json_t *v = at(o, path);

	if (json_is_integer(v))
		return json_integer_value(v) >= T;
	return v == NULL || json_is_null(v) || json_is_string(v);
}

/* What is shown is true: exact, a band holding it, "<t" for a smaller
   one, or nothing. */
static int
holds(json_t *o, const char *path, long truth)
{
	json_t *v = at(o, path);
	long lo, hi;

	if (json_is_integer(v))
		return json_integer_value(v) == truth;
	if (v == NULL || json_is_null(v))
		return 1;
	if (!json_is_string(v))
		return 0;
	const char *s = json_string_value(v);
	if (s[0] == '<')
		return truth < strtol(s + 1, NULL, 10);
	if (sscanf(s, "%ld-%ld", &lo, &hi) == 2)
		return lo <= truth && truth <= hi;
	return strcmp(s, "-") == 0;
}

static int
publish(json_t *data, struct sq_publish_stats *st)
{
	struct sq_publish_opts o = { T, 3 };

	return sq_publish(data, &o, st);
}

static void
test_large_checkin(void)
{
	json_t *d = parse("{\"checkin\": {}, \"buildings\": ["
	    "{\"_raw\": {\"households\": 100, \"unreported\": 10, \"fever\": 5,"
	    "  \"symptoms\": 4, \"bad_reading\": 3}},"
	    "{\"_raw\": {\"households\": 80, \"unreported\": 4, \"fever\": 3,"
	    "  \"symptoms\": 0, \"bad_reading\": 0}},"
	    "{\"_raw\": {\"households\": 60, \"unreported\": 20, \"fever\": 6,"
	    "  \"symptoms\": 5, \"bad_reading\": 4}}]}");
	struct sq_publish_stats st;

	if (!CHECK(d != NULL))
		return;
	CHECK_INT(publish(d, &st), 0);
	CHECK_INT(num(d, "buildings.0.follow_up"), 22);
	CHECK_INT(num(d, "buildings.1.follow_up"), 7);
	CHECK_INT(num(d, "buildings.2.follow_up"), 35);
	CHECK_INT(num(d, "checkin.households"), 240);
	CHECK_INT(num(d, "checkin.follow_up"), 64);
	CHECK_INT(num(d, "checkin.unreported"), 34);
	CHECK_INT(num(d, "checkin.fever"), 14);
	CHECK_INT(num(d, "checkin.reported"), 206);
	/* the follow-up map's class: 0 below t, 1 from t, 2 from 2t, 3 from 4t */
	CHECK_INT(num(d, "buildings.0.heat"), 3);
	CHECK_INT(num(d, "buildings.1.heat"), 2);
	CHECK(at(d, "buildings.0._raw") == NULL);
	CHECK(json_is_string(at(d, "buildings.0.coverage_text")));
	CHECK(json_is_string(at(d, "checkin.coverage_text")) &&
	    strchr(json_string_value(at(d, "checkin.coverage_text")), '%'));
	CHECK(st.shown > 0);
	CHECK_INT(st.primary, 0);
	CHECK_INT(st.hidden_all, 0);
	json_decref(d);
}

/* One household with fever in a building: nothing may pin it. */
static void
test_small_checkin(void)
{
	json_t *d = parse("{\"checkin\": {}, \"buildings\": ["
	    "{\"_raw\": {\"households\": 100, \"unreported\": 10, \"fever\": 0,"
	    "  \"symptoms\": 0, \"bad_reading\": 0}},"
	    "{\"_raw\": {\"households\": 40, \"unreported\": 0, \"fever\": 1,"
	    "  \"symptoms\": 0, \"bad_reading\": 0}},"
	    "{\"_raw\": {\"households\": 60, \"unreported\": 9, \"fever\": 0,"
	    "  \"symptoms\": 0, \"bad_reading\": 0}}]}");
	static const char *const figures[] = { "buildings.0.follow_up",
	    "buildings.1.follow_up", "buildings.2.follow_up",
	    "checkin.unreported", "checkin.fever", "checkin.symptoms",
	    "checkin.bad_reading", "checkin.follow_up" };
	struct sq_publish_stats st;

	if (!CHECK(d != NULL))
		return;
	CHECK_INT(publish(d, &st), 0);
	for (size_t i = 0; i < sizeof(figures) / sizeof(figures[0]); i++)
		if (!CHECK(safe(d, figures[i])))
			fprintf(stderr, "  (%s)\n", figures[i]);
	CHECK(!exact(d, "buildings.1.follow_up"));
	CHECK(holds(d, "buildings.0.follow_up", 10));
	CHECK(holds(d, "buildings.1.follow_up", 1));
	CHECK(holds(d, "buildings.2.follow_up", 9));
	CHECK(holds(d, "checkin.follow_up", 20));
	CHECK(holds(d, "checkin.fever", 1));
	/* the difference attack: a total and all buildings but one exact */
	if (exact(d, "checkin.follow_up") && exact(d, "buildings.0.follow_up"))
		CHECK(!exact(d, "buildings.2.follow_up"));
	if (exact(d, "checkin.unreported") && exact(d, "checkin.symptoms") &&
	    exact(d, "checkin.bad_reading"))
		CHECK(!exact(d, "checkin.follow_up"));
	CHECK_INT(num(d, "buildings.1.heat") <= 0, 1);
	CHECK(st.primary >= 1);
	json_decref(d);
}

/* A summary without each building's parts: the buildings show nothing. */
static void
test_no_parts(void)
{
	json_t *d = parse("{\"checkin\": {\"households\": 300, \"unreported\":"
	    " 30, \"fever\": 6, \"symptoms\": 5, \"bad_reading\": 4},"
	    "\"buildings\": [{\"building\": \"1\"}, {\"building\": \"2\"}]}");

	if (!CHECK(d != NULL))
		return;
	CHECK_INT(publish(d, NULL), 0);
	CHECK(json_is_null(at(d, "buildings.0.follow_up")));
	CHECK(json_is_null(at(d, "buildings.1.coverage")));
	CHECK_STR(json_string_value(at(d, "buildings.1.coverage_text")), "-");
	CHECK_INT(num(d, "checkin.follow_up"), 45);
	CHECK_INT(num(d, "checkin.households"), 300);
	json_decref(d);
}

static void
test_requests(void)
{
	json_t *d = parse("{\"requests\": {\"total\": 41, \"categories\": ["
	    "{\"category\": \"medical\", \"count\": 1, \"sensitive\": true},"
	    "{\"category\": \"repairs\", \"count\": 7},"
	    "{\"category\": \"necessities\", \"count\": 20},"
	    "{\"category\": \"testing\", \"count\": 0},"
	    "{\"category\": \"supplies\", \"count\": 13}],"
	    "\"repeated\": [{\"category\": \"necessities\", \"count\": 6,"
	    "  \"text\": \"什么时候发菜\"}]}}");
	json_t *c;
	size_t i;
	long prev = -1;
	int inexact_seen = 0;

	if (!CHECK(d != NULL))
		return;
	CHECK_INT(publish(d, NULL), 0);
	json_t *cats = at(d, "requests.categories");
	CHECK_INT(json_array_size(cats), 5);
	json_array_foreach(cats, i, c) {
		const char *name = json_string_value(json_object_get(c,
		    "category"));
		json_t *n = json_object_get(c, "count");
		CHECK(json_object_get(c, "sensitive") == NULL);
		if (name && strcmp(name, "medical") == 0)
			CHECK(!json_is_integer(n) || json_integer_value(n) >= T);
		/* exact counts first, the largest first */
		if (json_is_integer(n)) {
			CHECK(!inexact_seen);
			CHECK(prev < 0 || json_integer_value(n) <= prev);
			prev = (long)json_integer_value(n);
		} else
			inexact_seen = 1;
	}
	json_t *top = at(d, "requests.top");
	CHECK(json_array_size(top) <= 3);
	json_array_foreach(top, i, c)
		CHECK(json_is_integer(json_object_get(c, "count")) &&
		    json_integer_value(json_object_get(c, "count")) > 0);
	CHECK_STR(json_string_value(at(d, "requests.top.0.category")),
	    "necessities");
	json_t *rep = at(d, "requests.repeated");
	json_array_foreach(rep, i, c) {
		CHECK(json_object_get(c, "category") == NULL);
		CHECK(json_is_integer(json_object_get(c, "count")));
	}
	json_decref(d);
}

static void
test_deliveries(void)
{
	json_t *d = parse("{\"deliveries\": {\"orders\": 50, \"urgent\": 2,"
	    " \"door\": 10}}");

	if (!CHECK(d != NULL))
		return;
	CHECK_INT(publish(d, NULL), 0);
	CHECK(safe(d, "deliveries.urgent"));
	CHECK(!exact(d, "deliveries.urgent"));
	CHECK(holds(d, "deliveries.urgent", 2));
	CHECK_INT(num(d, "deliveries.door"), 10);
	CHECK_INT(num(d, "deliveries.orders"), 50);	/* not a household's */
	json_decref(d);
}

static void
test_care(void)
{
	json_t *d = parse("{\"care\": {\"households\": 30, \"paired\": 29,"
	    " \"greetings\": true, \"greeted\": 25, \"urgent\": 1,"
	    " \"not_greeted\": 5, \"missed_2_days_or_more\": 1, \"alarm\": 1}}");
	static const char *const figures[] = { "care.households",
	    "care.paired", "care.unpaired", "care.greeted", "care.follow_up",
	    "care.urgent" };

	if (!CHECK(d != NULL))
		return;
	CHECK_INT(publish(d, NULL), 0);
	for (size_t i = 0; i < sizeof(figures) / sizeof(figures[0]); i++)
		if (!CHECK(safe(d, figures[i])))
			fprintf(stderr, "  (%s)\n", figures[i]);
	CHECK(!exact(d, "care.unpaired"));	/* one household */
	CHECK(holds(d, "care.households", 30) && holds(d, "care.paired", 29) &&
	    holds(d, "care.unpaired", 1) && holds(d, "care.greeted", 25) &&
	    holds(d, "care.follow_up", 5) && holds(d, "care.urgent", 1));
	CHECK(!exact(d, "care.urgent"));
	/* households and paired exact would give unpaired away */
	CHECK(!(exact(d, "care.households") && exact(d, "care.paired")));
	CHECK(at(d, "care.not_greeted") == NULL);
	CHECK(at(d, "care.missed_2_days_or_more") == NULL);
	CHECK(at(d, "care.alarm") == NULL);
	CHECK(json_is_string(at(d, "care.rate_text")));
	json_decref(d);
}

static void
test_waves(void)
{
	json_t *d = parse("{\"waves\": {\"buildings\": ["
	    "{\"building\": \"1\", \"households\": 40, \"missed\": 5,"
	    "  \"partial\": 2},"
	    "{\"building\": \"2\", \"households\": 30, \"missed\": 1,"
	    "  \"partial\": 0},"
	    "{\"building\": \"3\", \"households\": 2, \"missed\": 3,"
	    "  \"partial\": 1}]}}");

	if (!CHECK(d != NULL))
		return;
	CHECK_INT(publish(d, NULL), 0);
	/* 7 is not small, but may be coarsened to keep building 2's 1 */
	CHECK(holds(d, "waves.buildings.0.follow_up", 7));
	CHECK(holds(d, "waves.buildings.1.follow_up", 1));
	CHECK(holds(d, "waves.buildings.2.follow_up", 4));
	CHECK(holds(d, "waves.follow_up", 12));
	CHECK(holds(d, "waves.missed", 9));
	CHECK(!exact(d, "waves.buildings.1.follow_up"));
	/* a building listed with more missed than flats: at least those */
	CHECK_INT(num(d, "waves.buildings.2.households"), 4);
	CHECK_INT(num(d, "waves.households"), 74);
	CHECK(safe(d, "waves.missed") && safe(d, "waves.partial") &&
	    safe(d, "waves.follow_up"));
	/* follow-up of the community exact with 0 and 2 exact: 1 is pinned */
	if (exact(d, "waves.follow_up") && exact(d, "waves.buildings.2"
	    ".follow_up"))
		CHECK(!exact(d, "waves.buildings.0.follow_up"));
	for (int i = 0; i < 3; i++) {
		char p[64];
		snprintf(p, sizeof(p), "waves.buildings.%d.missed", i);
		CHECK(at(d, p) == NULL);
		snprintf(p, sizeof(p), "waves.buildings.%d.partial", i);
		CHECK(at(d, p) == NULL);
	}
	CHECK(json_is_string(at(d, "waves.buildings.1.rate_text")));
	json_decref(d);
}

/* Nothing to publish: the data as it was, nothing counted. */
static void
test_empty(void)
{
	json_t *d = parse("{\"day\": \"2022-04-10\"}");
	struct sq_publish_stats st;

	if (!CHECK(d != NULL))
		return;
	CHECK_INT(publish(d, &st), 0);
	char *s = json_dumps(d, JSON_SORT_KEYS | JSON_COMPACT);
	CHECK_STR(s, "{\"day\":\"2022-04-10\"}");
	free(s);
	CHECK_INT(st.shown, 0);
	CHECK_INT(st.primary, 0);
	json_decref(d);
}

int
main(void)
{
	sq_diag_init("test_publish");
	test_large_checkin();
	test_small_checkin();
	test_no_parts();
	test_requests();
	test_deliveries();
	test_care();
	test_waves();
	test_empty();
	UNIT_DONE();
}
