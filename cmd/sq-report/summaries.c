/*
 * summaries.c — the JSON summaries of sq-flag (check-ins), sq-care and sq-waves.
 */
#include "report.h"

/* ---- the check-in summary -------------------------------------------- */

json_int_t
geti(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

int
load_summary(struct report *R, const char *file)
{
	const char *path = input_name(file);
	json_error_t e;
	json_t *s = read_json(file, &e);

	if (s == NULL) {
		sq_error("%s:%d: not the JSON of sq-flag -Y: %s",
		    path, e.line, e.text);
		return -1;
	}
	json_t *blds = json_object_get(s, "buildings");
	json_t *total = json_object_get(s, "total");
	if (!json_is_array(blds) || !json_is_object(total)) {
		sq_error("%s: no 'total' and 'buildings'; is this the summary "
		    "of sq-flag -Y?", path);
		json_decref(s);
		return -1;
	}
	const char *d = json_string_value(json_object_get(s, "date"));
	if (R->date_set && (d == NULL || strcmp(d, R->date) != 0)) {
		/* another day's figures are not today's: leave them out */
		sq_problem(path, 0, "the check-ins are of %s, not of the "
		    "bulletin's %s; the check-in section is left out (run "
		    "sq-flag -d %s)", d ? d : "no date", R->date, R->date);
		json_decref(s);
		return 0;
	}
	if (R->date[0] == '\0' && d && strlen(d) == 10 &&
	    sq_date_days(d) != SQ_DATE_INVALID)
		memcpy(R->date, d, 11);

	/* one community: the configured one, when the summary names it */
	const char *only = R->community ? R->community : R->name;
	int filter = 0, others = 0, mixed = 0;
	const char *first = NULL;
	size_t i;
	json_t *b;
	json_array_foreach(blds, i, b) {
		const char *cm = json_string_value(json_object_get(b, "community"));
		if (only && cm && strcmp(cm, only) == 0)
			filter = 1;
		else
			others = 1;
		if (first == NULL)
			first = cm ? cm : "";
		else if (strcmp(first, cm ? cm : "") != 0)
			mixed = 1;
	}
	/* the summary is of this community alone: its totals hold */
	if (!others)
		filter = 0;
	static const char *const keys[] = { "households", "reported", "fever",
	    "symptoms", "bad_reading", "unreported" };
	json_int_t sum[6] = { 0 };
	json_t *out = json_array();
	json_array_foreach(blds, i, b) {
		const char *cm = json_string_value(json_object_get(b, "community"));
		const char *bn = json_string_value(json_object_get(b, "building"));
		if (filter && (cm == NULL || strcmp(cm, only) != 0))
			continue;
		json_int_t v[6];
		for (int k = 0; k < 6; k++)
			sum[k] += v[k] = geti(b, keys[k]);
		if (v[0] < v[2] + v[3] + v[4] + v[5])
			sq_problem(path, 0, "building '%s': %lld households "
			    "flagged of %lld; counted as that many", bn ? bn : "",
			    (long long)(v[2] + v[3] + v[4] + v[5]),
			    (long long)v[0]);
		json_t *o = json_object();
		json_object_set_new(o, "building", json_string(bn ? bn : ""));
		if (!filter && mixed && cm) {
			/* a district summary: say whose building it is */
			json_object_set_new(o, "community", json_string(cm));
		}
		/* the true parts, for disclosure control (lib/publish.c),
		   which writes coverage and follow_up and drops these */
		json_object_set_new(o, "coverage", json_null());
		json_object_set_new(o, "coverage_text", json_string("-"));
		json_object_set_new(o, "follow_up", json_null());
		json_t *raw = json_object();
		for (int k = 0; k < 6; k++)
			if (k != 1)
				json_object_set_new(raw, keys[k],
				    json_integer(v[k] < 0 ? 0 : v[k]));
		json_object_set_new(o, "_raw", raw);
		json_array_append_new(out, o);
	}
	json_t *ck = json_object();
	json_int_t hh, rep, fever, sym, bad, unrep, unk;
	if (filter) {
		hh = sum[0]; rep = sum[1]; fever = sum[2]; sym = sum[3];
		bad = sum[4]; unrep = sum[5]; unk = 0;
	} else {
		hh = geti(total, "households"); rep = geti(total, "reported");
		fever = geti(total, "fever"); sym = geti(total, "symptoms");
		bad = geti(total, "bad_reading");
		unrep = geti(total, "unreported");
		unk = geti(total, "unknown_household");
	}
	json_object_set_new(ck, "households", json_integer(hh));
	json_object_set_new(ck, "reported", json_integer(rep));
	json_object_set_new(ck, "coverage", json_integer(hh ?
	    (json_int_t)floor(100.0 * rep / hh + 0.5) : 0));
	json_object_set_new(ck, "coverage_text", json_string("-"));
	json_object_set_new(ck, "fever", json_integer(fever));
	json_object_set_new(ck, "symptoms", json_integer(sym));
	json_object_set_new(ck, "bad_reading", json_integer(bad));
	json_object_set_new(ck, "unreported", json_integer(unrep));
	json_object_set_new(ck, "unknown_household", json_integer(unk));
	json_object_set_new(ck, "follow_up",
	    json_integer(fever + sym + bad + unrep));
	json_object_set_new(ck, "nbuildings", json_integer((json_int_t)
	    json_array_size(out)));
	json_object_set_new(R->data, "checkin", ck);
	json_object_set_new(R->data, "buildings", out);
	json_decref(s);
	return 0;
}

/* ---- care: sq-care's summary --------------------------------------------- */

/*
 * sq-care -Y: the households in care, paired, and with --greetings how
 * many were greeted today and how many are urgent; of the configured
 * community when the summary has it by community.  A summary of another
 * day is not today's news: the section is left out, and that is said.
 */
int
load_care(struct report *R, const char *file)
{
	const char *path = input_name(file);
	json_error_t e;
	json_t *s = read_json(file, &e);

	if (s == NULL) {
		sq_error("%s:%d: not the JSON of sq-care -Y: %s",
		    path, e.line, e.text);
		return -1;
	}
	json_t *c = json_object_get(s, "care");
	if (!json_is_object(c)) {
		sq_error("%s: no 'care'; is this the summary of sq-care -Y?",
		    path);
		json_decref(s);
		return -1;
	}
	const char *d = json_string_value(json_object_get(s, "date"));
	if (d && R->date[0] && strcmp(d, R->date) != 0) {
		sq_warn(path, 0, "the care summary is of %s, not %s; the care "
		    "section is left out", d, R->date);
		json_decref(s);
		return 0;
	}
	const char *only = R->community ? R->community : R->name;
	json_t *per = json_object_get(s, "communities");
	if (only && json_is_object(json_object_get(per, only)))
		c = json_object_get(per, only);
	static const char *const keys[] = { "households", "paired", "greeted",
	    "urgent" };
	json_t *o = json_object();
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		json_object_set_new(o, keys[k], json_integer(geti(c, keys[k])));
	json_object_set_new(o, "greetings", json_boolean(json_object_get(c,
	    "greeted") != NULL));
	json_object_set_new(R->data, "care", o);
	json_decref(s);
	return 0;
}

/* ---- mass testing: sq-waves' summaries ------------------------------------ */

/* "HH:MM" in minutes; -1 if not */
int
hhmm_minutes(const char *t)
{
	if (t == NULL || strlen(t) != 5 || t[2] != ':')
		return -1;
	return (t[0] - '0') * 600 + (t[1] - '0') * 60 + (t[3] - '0') * 10 +
	    (t[4] - '0');
}

/*
 * sq-waves -Y of the missed list: each building's households, missed and
 * partly sampled (those of the configured community when the summary has
 * several); of the plan: each point's hours and the people called each
 * quarter hour, to the nearest 5 (a plan's "about"), for the queue chart.
 * A summary of another day is left out, and that is said.
 */
int
load_waves(struct report *R, const char *file)
{
	const char *path = input_name(file);
	json_error_t e;
	json_t *s = read_json(file, &e), *w, *b, *pt;
	size_t i;

	if (s == NULL) {
		sq_error("%s:%d: not the JSON of sq-waves -Y: %s",
		    path, e.line, e.text);
		return -1;
	}
	json_t *plan = json_object_get(s, "plan");
	json_t *blds = json_object_get(s, "buildings");
	if (!json_is_object(plan) && !json_is_array(blds)) {
		sq_error("%s: no 'buildings' or 'plan'; is this the summary of "
		    "sq-waves -Y?", path);
		json_decref(s);
		return -1;
	}
	const char *d = json_string_value(json_object_get(s, "date"));
	if (d && R->date[0] && strcmp(d, R->date) != 0) {
		sq_warn(path, 0, "the testing summary is of %s, not %s; it is "
		    "left out", d, R->date);
		json_decref(s);
		return 0;
	}
	if ((w = json_object_get(R->data, "waves")) == NULL) {
		w = json_object();
		json_object_set_new(R->data, "waves", w);
	}
	if (json_is_object(plan)) {
		json_t *o = json_object(), *pts = json_array();
		json_object_set(o, "start", json_object_get(plan, "start"));
		json_object_set(o, "end", json_object_get(plan, "queue_end"));
		json_array_foreach(json_object_get(s, "points"), i, pt) {
			json_t *p = json_object(), *q = json_array(), *v;
			size_t k;
			/* the committee's words, published: scrubbed */
			json_object_set_new(p, "point", scrub_json(R, path, 0,
			    "testing point", json_string_value(json_object_get(pt,
			    "point"))));
			json_object_set(p, "desks", json_object_get(pt, "desks"));
			json_object_set(p, "start", json_object_get(pt, "start"));
			json_object_set(p, "end", json_object_get(pt, "end"));
			json_array_foreach(json_object_get(pt, "per_15_minutes"),
			    k, v)
				json_array_append_new(q, json_integer(
				    json_integer_value(v) > 0 ?
				    (json_integer_value(v) + 2) / 5 * 5 : 0));
			json_object_set_new(p, "per_15_minutes", q);
			json_array_append_new(pts, p);
		}
		json_object_set_new(o, "points", pts);
		json_object_set_new(w, "plan", o);
	}
	if (json_is_array(blds)) {
		const char *only = R->community ? R->community : R->name;
		const char *first = NULL;
		int mine = 0, mixed = 0;
		json_array_foreach(blds, i, b) {
			const char *c = json_string_value(json_object_get(b,
			    "community"));
			if (only && c && strcmp(c, only) == 0)
				mine = 1;
			if (first == NULL)
				first = c ? c : "";
			else if (strcmp(first, c ? c : "") != 0)
				mixed = 1;
		}
		json_t *list = json_array();
		json_array_foreach(blds, i, b) {
			const char *c = json_string_value(json_object_get(b,
			    "community"));
			if (mine && (c == NULL || strcmp(c, only) != 0))
				continue;
			json_t *o = json_object();
			json_object_set(o, "building", json_object_get(b,
			    "building"));
			if (!mine && mixed && c)	/* a district's: whose */
				json_object_set_new(o, "community",
				    json_string(c));
			json_object_set_new(o, "households", json_integer(
			    geti(b, "households")));
			json_object_set_new(o, "missed", json_integer(geti(b,
			    "missed")));
			json_object_set_new(o, "partial", json_integer(geti(b,
			    "partial")));
			json_array_append_new(list, o);
		}
		json_object_set_new(w, "buildings", list);
	}
	json_decref(s);
	return 0;
}
