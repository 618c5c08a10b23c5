/*
 * fuzz_publish.c — the bulletin's data through disclosure control
 * (render/publish.c over render/disclose.c and solve/lp.c), as sq-report hands
 * it over: any JSON, from a summary or topics file made by hand.
 *
 * Input: a byte (the threshold, 1 to 8, and the top count), then JSON.
 * Invariants, for an object that is published:
 *  - no building keeps its true parts (_raw) and every figure written is
 *    a number, a string or null, a band's text of the shapes "<N",
 *    "A-B" or "A-B%";
 *  - no count shown as a number in the check-in section is below the
 *    threshold where it is a count of households;
 *  - no count shown as a number in the testing section (still to sample:
 *    a building's, missed, partial) is below the threshold, and no
 *    building keeps its missed or partial;
 *  - the same input twice gives the same output.
 */
#include <jansson.h>

#include "fuzz.h"
#include "publish.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	return 0;
}

static void
check_shown(json_t *v)
{
	FZ_CHECK(v == NULL || json_is_integer(v) || json_is_string(v) ||
	    json_is_null(v) || json_is_real(v) || json_is_boolean(v) ||
	    json_is_object(v) || json_is_array(v));
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		FZ_CHECK(s[0] == '<' || s[0] == '-' || (s[0] >= '0' && s[0] <= '9'));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (n < 1)
		return 0;
	struct sq_publish_opts o = { 1 + d[0] % 8, 1 + (d[0] >> 3) % 8 };
	json_error_t e;
	json_t *a = json_loadb((const char *)d + 1, n - 1, 0, &e);
	if (!json_is_object(a)) {
		json_decref(a);
		return 0;
	}
	json_t *b = json_deep_copy(a);
	int ra = sq_publish(a, &o, NULL), rb = sq_publish(b, &o, NULL);
	FZ_CHECK(ra == rb);
	if (ra == 0) {
		char *sa = json_dumps(a, JSON_SORT_KEYS);
		char *sb = json_dumps(b, JSON_SORT_KEYS);
		FZ_CHECK(sa && sb && strcmp(sa, sb) == 0);
		free(sa);
		free(sb);
		size_t i;
		json_t *x;
		json_t *ck = json_object_get(a, "checkin");
		if (json_is_object(ck) && json_is_array(json_object_get(a,
		    "buildings"))) {
			json_array_foreach(json_object_get(a, "buildings"), i, x) {
				if (!json_is_object(x))
					continue;
				FZ_CHECK(json_object_get(x, "_raw") == NULL);
				json_t *fu = json_object_get(x, "follow_up");
				check_shown(fu);
				FZ_CHECK(!json_is_integer(fu) ||
				    json_integer_value(fu) >= o.threshold);
				check_shown(json_object_get(x, "coverage"));
			}
			static const char *const k[] = { "fever", "symptoms",
			    "bad_reading", "unreported", "follow_up" };
			for (int j = 0; j < 5; j++) {
				json_t *v = json_object_get(ck, k[j]);
				check_shown(v);
				FZ_CHECK(!json_is_integer(v) ||
				    json_integer_value(v) >= o.threshold);
			}
		}
		/* testing: no building's missed or partial, and none still
		   to sample shown below the threshold */
		json_t *w = json_object_get(a, "waves");
		if (json_is_object(w) && json_array_size(json_object_get(w,
		    "buildings")) > 0) {
			json_array_foreach(json_object_get(w, "buildings"), i, x) {
				if (!json_is_object(x))
					continue;
				FZ_CHECK(json_object_get(x, "missed") == NULL);
				FZ_CHECK(json_object_get(x, "partial") == NULL);
				json_t *fu = json_object_get(x, "follow_up");
				check_shown(fu);
				FZ_CHECK(!json_is_integer(fu) ||
				    json_integer_value(fu) >= o.threshold);
				check_shown(json_object_get(x, "rate"));
			}
			static const char *const k[] = { "follow_up", "missed",
			    "partial" };
			for (int j = 0; j < 3; j++) {
				json_t *v = json_object_get(w, k[j]);
				check_shown(v);
				FZ_CHECK(!json_is_integer(v) ||
				    json_integer_value(v) >= o.threshold);
			}
		}
	}
	json_decref(a);
	json_decref(b);
	return 0;
}
