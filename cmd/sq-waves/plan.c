/*
 * plan.c — the call plan: the engine (lib/waves.h) run over the roster,
 * and its outputs: the plan table, a notice for each building's 楼组长,
 * the summary (with the queue per point for sq-report).
 */
#include "state.h"

/* ---- writing ----------------------------------------------------------- */

void
put_header(struct state *s, struct sq_writer *w, const char *const *cols,
    size_t n, const char *section, int zh)
{
	struct sq_aliases *a = NULL;

	if (zh) {
		char *path = sq_datafile(&s->c, "aliases.txt");
		a = sq_aliases_load_sections(path, section);
		free(path);
	}
	sq_table_header(w, cols, n, a);
	sq_aliases_free(a);
}

static void
hhmm(int64_t minute, char out[6])
{
	int64_t m = minute % 1440;

	if (m < 0)
		m += 1440;
	snprintf(out, 6, "%02d:%02d", (int)(m / 60), (int)(m % 60));
}

/* The date of a minute counted from midnight of s->day. */
static void
date_of(const struct state *s, int64_t minute, char out[11])
{
	int64_t d = minute >= 0 ? minute / 1440 : -1;

	sq_date_from_days(s->day + (int)d, out);
}

static void
floors_text(const struct sq_waves_row *r, char *out, size_t sz)
{
	*out = '\0';
	if (r->whole_unit && !r->door)
		return;
	if (r->floor_lo <= 0 || r->floor_hi <= 0)
		return;
	if (r->floor_lo == r->floor_hi)
		snprintf(out, sz, "%d", r->floor_lo);
	else
		snprintf(out, sz, "%d-%d", r->floor_lo, r->floor_hi);
}

struct plan_out {
	struct sq_waves *w;
	struct point *pt;
	size_t	 npt;
	long	*first;		/* the first household of each row */
	long	*next;		/* the next household in the same row */
	char	*door_name;
};

static const char *
point_name(const struct plan_out *po, int p)
{
	return p >= 0 && (size_t)p < po->npt ? po->pt[p].name : "";
}

/* The rooms of a door row, "101;502" (malloc'd). */
static char *
rooms_of(const struct state *s, const struct plan_out *po, size_t r,
    const char *sep)
{
	struct sq_buf b;

	sq_buf_init(&b);
	for (long h = po->first[r]; h >= 0; h = po->next[h]) {
		if (b.len)
			sq_buf_adds(&b, sep);
		sq_buf_adds(&b, hstr(&s->hh[h], S_ROOM));
	}
	return sq_buf_take(&b);
}

static const char *const plan_cols[] = {
	"building", "unit", "start", "end", "households", "people", "point",
	"door", "floors", "rooms", "slot", "team", "date", "community",
};
#define NPLAN (sizeof(plan_cols) / sizeof(plan_cols[0]))

static int
write_plan(struct state *s, const struct plan_out *po)
{
	struct sq_writer *w = sq_writer_open(s->c.output, &s->c.out);
	size_t n = sq_waves_nrows(po->w);

	if (w == NULL)
		return -1;
	put_header(s, w, plan_cols, NPLAN, "plan", s->zh);
	for (size_t i = 0; i < n; i++) {
		const struct sq_waves_row *r = sq_waves_row(po->w, i);
		const struct household *h = &s->hh[po->first[i]];
		const struct building *b = &s->bld[h->bld];
		char start[6], end[6], hhs[24], people[24], floors[32],
		    slot[16], team[16], date[11];
		char *rooms = r->door ? rooms_of(s, po, i, ";") : NULL;
		hhmm(r->start, start);
		hhmm(r->end, end);
		date_of(s, r->start, date);
		snprintf(hhs, sizeof(hhs), "%ld", r->households);
		snprintf(people, sizeof(people), "%ld", r->people);
		floors_text(r, floors, sizeof(floors));
		snprintf(slot, sizeof(slot), "%d", r->slot);
		if (r->team)
			snprintf(team, sizeof(team), "%d", r->team);
		else
			team[0] = '\0';
		const char *v[NPLAN] = {
			b->label, hstr(h, S_UNIT), start, end, hhs, people,
			r->door && r->point < 0 ? po->door_name :
			    point_name(po, r->point),
			r->door ? "true" : "false", floors, rooms ? rooms : "",
			slot, team, date, sq_strtab_str(&s->names, b->community),
		};
		size_t len[NPLAN];
		for (size_t k = 0; k < NPLAN; k++)
			len[k] = strlen(v[k]);
		sq_writer_fields(w, v, len, NPLAN);
		free(rooms);
	}
	return sq_writer_close(w);
}

/* A file name a person can read, made safe. */
void
safe_name(const char *in, char *out, size_t outsz)
{
	size_t o = 0;

	for (const char *p = in; *p && o + 1 < outsz; p++) {
		int bad = *p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    (o == 0 && *p == '.');
		out[o++] = bad ? '_' : *p;
	}
	out[o] = '\0';
}

/* The day as the templates see it: date, year, month, day, weekday. */
static void
set_day(const struct state *s, json_t *o)
{
	char *wd = sq_xstrdup(s->words.text[W_WEEKDAYS]), *save = NULL;
	int k = ((s->day % 7) + 7 + 4) % 7;	/* 1970-01-01 was a Thursday */
	const char *name = "";

	json_object_set_new(o, "date", json_string(s->date));
	json_object_set_new(o, "year", json_integer(atoi(s->date)));
	json_object_set_new(o, "month", json_integer(atoi(s->date + 5)));
	json_object_set_new(o, "day", json_integer(atoi(s->date + 8)));
	for (char *t = strtok_r(wd, ",", &save); t; t = strtok_r(NULL, ",",
	    &save))
		if (k-- == 0) {
			name = t;
			break;
		}
	const char *nm = name;
	size_t nl = sq_trim(&nm, strlen(nm));
	json_object_set_new(o, "weekday", json_stringn(nm, nl));
	free(wd);
}

static char *
load_partial(void *ctx, const char *name, char **path, char *err,
    size_t errsz)
{
	(void)ctx;
	(void)path;
	snprintf(err, errsz, "no partials in a notice ({{> %s}})", name);
	return NULL;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct sq_buf b;
	char chunk[8192];
	size_t n;

	if (fp == NULL) {
		sq_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	sq_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		sq_buf_add(&b, chunk, n);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		sq_error("%s: read error", path);
		sq_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return sq_buf_take(&b);
}

/* One notice per building: its calls and its door visits. */
static int
write_notices(struct state *s, const struct plan_out *po)
{
	char rel[64], err[512];
	size_t len;

	snprintf(rel, sizeof(rel), "waves/%s/notice.txt", s->lang);
	char *path = sq_datafile(&s->c, rel);
	char *text = slurp(path, &len);
	if (text == NULL) {
		free(path);
		return -1;
	}
	struct sq_tpl *tpl = sq_tpl_parse(text, len, path, err, sizeof(err));
	free(text);
	if (tpl == NULL) {
		sq_error("%s", err);
		free(path);
		return -1;
	}
	if (sq_make_dir(s->notices_dir) < 0) {
		sq_tpl_free(tpl);
		free(path);
		return -1;
	}
	size_t n = sq_waves_nrows(po->w);
	json_t **calls = sq_xcalloc(s->nbld + 1, sizeof(*calls));
	json_t **doors = sq_xcalloc(s->nbld + 1, sizeof(*doors));
	for (size_t i = 0; i < n; i++) {
		const struct sq_waves_row *r = sq_waves_row(po->w, i);
		const struct household *h = &s->hh[po->first[i]];
		char start[6], end[6], floors[32];
		json_t *o = json_object();
		hhmm(r->start, start);
		hhmm(r->end, end);
		floors_text(r, floors, sizeof(floors));
		json_object_set_new(o, "unit", json_string(hstr(h, S_UNIT)));
		json_object_set_new(o, "floors", json_string(floors));
		json_object_set_new(o, "start", json_string(start));
		json_object_set_new(o, "end", json_string(end));
		json_object_set_new(o, "people", json_integer(r->people));
		json_object_set_new(o, "households",
		    json_integer(r->households));
		json_object_set_new(o, "point", json_string(r->door &&
		    r->point < 0 ? po->door_name : point_name(po, r->point)));
		json_t **list = r->door ? doors : calls;
		if (r->door) {
			char *rooms = rooms_of(s, po, i, "、");
			json_object_set_new(o, "rooms", json_string(rooms));
			json_object_set_new(o, "team", json_integer(r->team));
			free(rooms);
		}
		if (list[h->bld] == NULL)
			list[h->bld] = json_array();
		json_array_append_new(list[h->bld], o);
	}
	struct sq_tpl_env env = { NULL, NULL, load_partial, NULL };
	int rc = 0;
	for (size_t b = 0; b < s->nbld && rc == 0; b++) {
		if (calls[b] == NULL && doors[b] == NULL)
			continue;
		const struct building *x = &s->bld[b];
		json_t *d = json_object();
		set_day(s, d);
		json_object_set_new(d, "community", json_string(
		    sq_strtab_str(&s->names, x->community)));
		json_object_set_new(d, "building", json_string(x->label));
		json_object_set_new(d, "closed", json_boolean(x->closed));
		json_object_set_new(d, "calls", calls[b] ? calls[b] :
		    json_array());
		json_object_set_new(d, "door", doors[b] ? doors[b] :
		    json_array());
		calls[b] = doors[b] = NULL;
		/* the file name, from words.conf; a district's buildings apart */
		json_t *fd = json_object();
		json_object_set_new(fd, "building", json_string(x->label));
		json_object_set_new(fd, "date", json_string(s->date));
		char *fname = say(&s->words, W_NOTICE_FILE, fd), safe[256];
		char file[4096];
		safe_name(fname, safe, sizeof(safe));
		free(fname);
		if (x->community && !s->only_community) {
			char cs[128];
			safe_name(sq_strtab_str(&s->names, x->community), cs,
			    sizeof(cs));
			snprintf(file, sizeof(file), "%s/%s-%s", s->notices_dir,
			    cs, safe);
		} else
			snprintf(file, sizeof(file), "%s/%s", s->notices_dir,
			    safe);
		struct sq_buf out;
		sq_buf_init(&out);
		if (sq_tpl_render(tpl, d, &env, &out, err, sizeof(err)) < 0) {
			sq_error("%s", err);
			rc = -1;
		} else
			rc = sq_write_bytes(file, out.s ? out.s : "", out.len);
		sq_buf_free(&out);
		json_decref(d);
	}
	for (size_t b = 0; b < s->nbld; b++) {
		json_decref(calls[b]);
		json_decref(doors[b]);
	}
	free(calls);
	free(doors);
	sq_tpl_free(tpl);
	free(path);
	return rc;
}

static json_t *
time_json(int64_t minute)
{
	char t[6];

	hhmm(minute, t);
	return json_string(t);
}

static int
write_plan_summary(struct state *s, const struct plan_out *po)
{
	const struct sq_waves_stats *st = sq_waves_stats(po->w);
	json_t *root = json_object(), *plan = json_object();
	json_t *points = json_array();

	json_object_set_new(root, "date", json_string(s->date));
	json_object_set_new(plan, "households", json_integer((json_int_t)s->nhh));
	json_object_set_new(plan, "queue_households",
	    json_integer(st->queue_households));
	json_object_set_new(plan, "queue_people", json_integer(st->queue_people));
	json_object_set_new(plan, "door_households",
	    json_integer(st->door_households));
	json_object_set_new(plan, "door_people", json_integer(st->door_people));
	json_object_set_new(plan, "door_rounds", json_integer(st->door_rounds));
	json_object_set_new(plan, "door_teams",
	    json_integer(s->set.eng.door_teams));
	json_object_set_new(plan, "not_called", json_integer(st->not_called));
	json_object_set_new(plan, "members_missing",
	    json_integer(s->members_missing));
	json_object_set_new(plan, "start", time_json(st->start));
	json_object_set_new(plan, "queue_end", time_json(st->queue_end));
	json_object_set_new(plan, "ideal_end",
	    time_json((int64_t)(st->ideal_end + 0.999999)));
	json_object_set_new(plan, "door_end", time_json(st->door_end));
	json_object_set_new(plan, "minutes", json_integer((json_int_t)
	    (st->queue_end - st->start)));
	json_object_set_new(plan, "ideal_minutes", json_real(
	    (double)(long)((st->ideal_end - (double)st->start) * 10 + 0.5) /
	    10));
	for (size_t p = 0; p < po->npt; p++) {
		const struct sq_waves_point_stats *ps =
		    sq_waves_point_stats(po->w, (int)p);
		json_t *o = json_object();
		json_object_set_new(o, "point", json_string(po->pt[p].name));
		json_object_set_new(o, "desks", json_integer(po->pt[p].desks));
		json_object_set_new(o, "rate", json_integer(po->pt[p].rate));
		json_object_set_new(o, "households", json_integer(ps->households));
		json_object_set_new(o, "people", json_integer(ps->people));
		json_object_set_new(o, "slots", json_integer(ps->slots));
		json_object_set_new(o, "start", time_json(ps->start));
		json_object_set_new(o, "end", time_json(ps->end));
		/* people called each quarter hour: the queue chart */
		json_t *q = json_array();
		for (size_t i = 0; i < sq_waves_nrows(po->w); i++) {
			const struct sq_waves_row *r = sq_waves_row(po->w, i);
			if (r->door || r->point != (int)p || r->end <= r->start)
				continue;
			/* spread evenly over the slot's minutes */
			for (int64_t m = r->start; m < r->end; m++) {
				size_t k = (size_t)((m - ps->start) / 15);
				while (json_array_size(q) <= k)
					json_array_append_new(q, json_real(0));
				double v = json_real_value(json_array_get(q, k));
				json_real_set(json_array_get(q, k), v +
				    (double)r->people / (double)(r->end -
				    r->start));
			}
		}
		for (size_t k = 0; k < json_array_size(q); k++)
			json_array_set_new(q, k, json_integer((json_int_t)
			    (json_real_value(json_array_get(q, k)) + 0.5)));
		json_object_set_new(o, "per_15_minutes", q);
		json_array_append_new(points, o);
	}
	json_object_set_new(root, "plan", plan);
	json_object_set_new(root, "points", points);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	json_decref(root);
	return sq_write_document(s->summary_path, text);
}

int
run_plan(struct state *s)
{
	struct plan_out po;
	int failed = 0;

	memset(&po, 0, sizeof(po));
	if (s->closed_path)
		read_closed(s);
	if (s->door_path)
		read_door(s);
	po.pt = read_points(s, &po.npt);
	po.door_name = say(&s->words, W_DOOR_POINT, json_object());

	struct sq_waves_settings eng = s->set.eng;
	eng.door_start = s->set.door_start >= 0 ? s->set.door_start :
	    s->set.start;
	po.w = sq_waves_new(&eng);
	for (size_t p = 0; p < po.npt; p++) {
		double xy[2] = { po.pt[p].x, po.pt[p].y };
		sq_waves_add_point(po.w, po.pt[p].desks, po.pt[p].rate,
		    po.pt[p].start, po.pt[p].has_xy ? xy : NULL);
	}
	long off_plan = 0;
	for (size_t b = 0; b < s->nbld; b++) {
		struct building *x = &s->bld[b];
		double xy[2];
		if (s->have_sites)
			x->site = sq_sites_building(&s->sites,
			    sq_strtab_str(&s->names, x->community), x->key);
		if (x->site >= 0) {
			xy[0] = s->sites.v[x->site].x;
			xy[1] = s->sites.v[x->site].y;
		} else if (s->have_sites) {
			off_plan++;
			sq_warn(s->sites_path, 0, "building %s is not on the "
			    "site plan; called after the others", x->label);
		}
		sq_waves_add_building(po.w, x->site >= 0 ? xy : NULL, x->closed);
	}
	sq_strtab_rank(&s->units);
	for (size_t i = 0; i < s->nhh; i++) {
		const struct household *h = &s->hh[i];
		sq_waves_add_household(po.w, (int)h->bld,
		    (int)s->units.rank[h->unit], h->floor, h->members,
		    h->door != 0);
	}
	sq_waves_plan(po.w);

	size_t n = sq_waves_nrows(po.w);
	po.first = sq_xmalloc((n + 1) * sizeof(long));
	po.next = sq_xmalloc((s->nhh + 1) * sizeof(long));
	long *last = sq_xmalloc((n + 1) * sizeof(long));
	for (size_t r = 0; r < n; r++)
		po.first[r] = last[r] = -1;
	for (size_t i = 0; i < s->nhh; i++) {
		long r = sq_waves_household_row(po.w, (long)i);
		po.next[i] = -1;
		if (r < 0)
			continue;
		if (last[r] < 0)
			po.first[r] = (long)i;
		else
			po.next[last[r]] = (long)i;
		last[r] = (long)i;
	}
	free(last);

	if (write_plan(s, &po) < 0)
		failed = 1;
	if (!failed && s->notices_dir && write_notices(s, &po) < 0)
		failed = 1;
	if (!failed && s->summary_path && write_plan_summary(s, &po) < 0)
		failed = 1;

	const struct sq_waves_stats *st = sq_waves_stats(po.w);
	char a[6], b[6], c[6], d[6];
	hhmm(st->start, a);
	hhmm(st->queue_end, b);
	hhmm((int64_t)(st->ideal_end + 0.999999), c);
	hhmm(st->door_end, d);
	long slots = 0;
	for (size_t p = 0; p < po.npt; p++)
		slots += sq_waves_point_stats(po.w, (int)p)->slots;
	sq_note("%zu households, %ld people; called: %ld households in %ld "
	    "slot%s at %zu point%s, %s to %s (%s without an idle minute); at "
	    "the door: %ld households in %ld round%s by %d team%s, until %s",
	    s->nhh, st->queue_people + st->door_people, st->queue_households,
	    slots, slots == 1 ? "" : "s", po.npt, po.npt == 1 ? "" : "s", a, b,
	    c, st->door_households, st->door_rounds, st->door_rounds == 1 ?
	    "" : "s", s->set.eng.door_teams, s->set.eng.door_teams == 1 ? "" :
	    "s", d);
	if (s->members_missing)
		sq_note("%ld households without members counted as 1 person",
		    s->members_missing);
	if (st->not_called)
		sq_note("%ld households of 0 members not called",
		    st->not_called);
	if (st->queue_end >= 1440 || st->door_end >= 1440)
		sq_warn(NULL, 0, "the plan runs past midnight: add desks, "
		    "points or door teams, or start earlier");
	(void)off_plan;
	free(po.first);
	free(po.next);
	for (size_t p = 0; p < po.npt; p++)
		free(po.pt[p].name);
	free(po.pt);
	free(po.door_name);
	sq_waves_free(po.w);
	return failed ? -1 : 0;
}
