/*
 * conf.c — sq-waves' settings (waves.conf, then --settings) and wording
 * (share/waves/LANG/words.conf, each word a template).
 */
#include "state.h"

/* ---- settings ---------------------------------------------------------- */

#define O(f)	offsetof(struct settings, f)
static const struct sq_setting setting_keys[] = {
	{ "desks", SQ_SET_LONG, O(desks), 1, 1000, NULL, NULL },
	{ "rate", SQ_SET_LONG, O(rate), 1, 100000, NULL, NULL },
	{ "start", SQ_SET_TIME, O(start), 0, 0, NULL, NULL },
	{ "slot_minutes", SQ_SET_INT, O(eng.slot_minutes), 1, 1440, NULL,
	    NULL },
	{ "floors", SQ_SET_CHOICE, O(eng.floors_down), 0, 0, NULL, "up|down" },
	{ "door_flags", SQ_SET_TEXT, O(door_flags), 0, 0, NULL, NULL },
	{ "door_teams", SQ_SET_INT, O(eng.door_teams), 1, 10000, NULL, NULL },
	{ "door_start", SQ_SET_TIME, O(door_start), 0, 0, NULL, NULL },
	{ "door_household_minutes", SQ_SET_DOUBLE,
	    O(eng.door_household_minutes), 0, 600, NULL, NULL },
	{ "door_person_minutes", SQ_SET_DOUBLE, O(eng.door_person_minutes),
	    0, 600, NULL, NULL },
	{ "door_round_minutes", SQ_SET_INT, O(eng.door_round_minutes), 1,
	    1440, NULL, NULL },
	{ "walk_m_per_min", SQ_SET_DOUBLE, O(eng.walk_m_per_min), 1, 1000,
	    NULL, NULL },
	{ "detour_factor", SQ_SET_DOUBLE, O(eng.detour), 1, 10, NULL, NULL },
	{ "partial", SQ_SET_BOOL, O(partial), 0, 0, NULL, NULL },
};
#undef O

void
settings_default(struct settings *st)
{
	memset(st, 0, sizeof(*st));
	sq_waves_defaults(&st->eng);
	st->desks = 4;
	st->rate = 150;
	st->start = 7 * 60;
	st->door_start = -1;
	st->partial = 1;
	st->door_flags = sq_xstrdup("door, bedridden, disabled");
}

/* waves.conf (if there), then --settings (it must be there) */
int
settings_load(const char *path, struct settings *st, int must)
{
	return sq_settings_load(path, SQ_KV_HASH | (must ? 0 : SQ_KV_OPTIONAL),
	    setting_keys, sizeof(setting_keys) / sizeof(setting_keys[0]), st);
}

/* ---- wording (share/waves/LANG/words.conf) ----------------------------- */

static const char *const word_keys[NWORDS] = {
	"weekdays", "point", "door_point", "missed", "partial", "door_missed",
	"bad_address", "not_in_roster", "nearest", "ambiguous", "list_file",
	"no_grid", "notice_file",
};

static void
word_fn(void *ctx, const char *k, const char *v, long line)
{
	struct words *w = ctx;

	if (k == NULL)
		return;
	for (int i = 0; i < NWORDS; i++)
		if (strcmp(k, word_keys[i]) == 0) {
			free(w->text[i]);
			w->text[i] = sq_xstrdup(v);
			return;
		}
	sq_warn(w->path, line, "unknown word '%s'; ignored", k);
}

int
words_load(struct words *w, const char *path)
{
	char err[512];

	memset(w, 0, sizeof(*w));
	w->path = path;
	if (sq_kv_load(path, SQ_KV_QUOTES, word_fn, w) < 0)
		return -1;
	for (int i = 0; i < NWORDS; i++) {
		if (w->text[i] == NULL) {
			sq_error("%s: no '%s' (see sq-waves(1))", path,
			    word_keys[i]);
			return -1;
		}
		w->tpl[i] = sq_tpl_parse(w->text[i], strlen(w->text[i]), path,
		    err, sizeof(err));
		if (w->tpl[i] == NULL) {
			sq_error("%s", err);
			return -1;
		}
	}
	return 0;
}

void
words_free(struct words *w)
{
	for (int i = 0; i < NWORDS; i++) {
		free(w->text[i]);
		sq_tpl_free(w->tpl[i]);
	}
}

/* Word i with data (a JSON object, consumed), as plain text (malloc'd). */
char *
say(const struct words *w, int i, json_t *data)
{
	struct sq_tpl_env env = { NULL, NULL, NULL, NULL };
	struct sq_buf b;
	char err[256];

	sq_buf_init(&b);
	if (sq_tpl_render(w->tpl[i], data, &env, &b, err, sizeof(err)) < 0)
		sq_warn(w->path, 0, "%s", err);
	json_decref(data);
	return sq_buf_take(&b);
}
