/*
 * missed.c — who was missed (--sampled): the sampling logs read, each
 * row to its household, the households not (or not all) sampled and the
 * unknown addresses, the lists per grid worker and the summary (the
 * rate per building, for sq-report).
 */
#include "state.h"
#include "text.h"

static const char *const status_names[] = {
	"missed", "partial", "unknown_household", "sampled", "empty",
};

/* ---- who was missed ------------------------------------------------------ */

static void
add_seen(struct state *s, uint32_t h, int day, uint32_t name, uint32_t point)
{
	if (s->nseen == s->capseen) {
		s->capseen = s->capseen ? 2 * s->capseen : 4096;
		s->seen = sq_xrealloc(s->seen, s->capseen * sizeof(*s->seen));
	}
	struct sample *x = &s->seen[s->nseen++];
	x->h = h;
	x->day = day;
	x->name = name;
	x->point = point;
}

static void
add_unknown(struct state *s, const char *file, const struct sq_rec *rec,
    const struct sq_rowaddr *ra, long cname, const char *key,
    const struct sq_res *res, const char *why, int day, uint32_t point)
{
	size_t alen, nlen;
	const char *addr = sq_rec_cell_trim(rec, ra->address, &alen);
	char buf[256];

	if (alen == 0) {	/* building/unit/room columns: show them */
		size_t bl, ul, rl;
		const char *b = sq_rec_cell_trim(rec, ra->building, &bl);
		const char *u = sq_rec_cell_trim(rec, ra->unit, &ul);
		const char *r = sq_rec_cell_trim(rec, ra->room, &rl);
		snprintf(buf, sizeof(buf), "%.*s %.*s %.*s", (int)sq_utf8_cut(b,
		    bl, 60), b, (int)sq_utf8_cut(u, ul, 30), u,
		    (int)sq_utf8_cut(r, rl, 60), r);
		addr = buf;
		alen = strlen(buf);
		alen = sq_trim(&addr, alen);
	}
	if (s->nunk == s->capunk) {
		s->capunk = s->capunk ? 2 * s->capunk : 64;
		s->unk = sq_xrealloc(s->unk, s->capunk * sizeof(*s->unk));
	}
	struct unknown *u = &s->unk[s->nunk++];
	memset(u, 0, sizeof(*u));
	u->line = rec->line;
	u->day = day;
	u->point = point;
	if (!why) {	/* building, unit and room as the row's key says */
		char part[SQ_BKEY_MAX], bk[SQ_BKEY_MAX];
		sq_hh_building(key, bk, sizeof(bk));
		const char *bp = strrchr(bk, '-');
		part_label(bp ? bp + 1 : bk, u->building, sizeof(u->building));
		key_part(key, 'U', part, sizeof(part));
		part_label(part, u->unit, sizeof(u->unit));
		key_part(key, 'R', part, sizeof(part));
		part_label(part, u->room, sizeof(u->room));
	}
	/* the list of the household most likely meant */
	long hint = why ? -1 : res->kind == SQ_RES_AMBIGUOUS ? res->cand[0] :
	    res->nearest;
	if (hint >= 0) {
		u->grid = s->hh[hint].grid;
		u->community = s->hh[hint].community;
	}
	const char *name = sq_rec_cell_trim(rec, cname, &nlen);
	u->name = sq_arena_strndup(&s->arena, name, nlen);
	json_t *d = json_object();
	json_object_set_new(d, "file", json_string(file));
	json_object_set_new(d, "line", json_integer(rec->line));
	json_object_set_new(d, "address", json_stringn(addr,
	    sq_utf8_cut(addr, alen, 80)));
	json_object_set_new(d, "key", json_string(key));
	if (why) {
		json_object_set_new(d, "why", json_string(why));
		u->reason = say(&s->words, W_BAD_ADDRESS, d);
	} else if (res->kind == SQ_RES_AMBIGUOUS) {
		char *c = candidates(s, res, "、");
		json_object_set_new(d, "candidates", json_string(c));
		json_object_set_new(d, "n", json_integer((json_int_t)res->ncand));
		free(c);
		u->reason = say(&s->words, W_AMBIGUOUS, d);
	} else if (res->nearest >= 0) {
		json_object_set_new(d, "nearest", json_string(
		    s->hh[res->nearest].text));
		u->reason = say(&s->words, W_NEAREST, d);
	} else
		u->reason = say(&s->words, W_NOT_IN_ROSTER, d);
}

/*
 * The day of a log row: its date cell, or the date in its time cell;
 * DAY_ANY when neither says (a log of one day).  INT_MIN: unreadable.
 */
static int
row_day(const struct state *s, const struct sq_rec *rec, long cdate,
    long ctime, const char **why)
{
	char ymd[11];
	size_t len;
	const char *p = sq_rec_cell_trim(rec, cdate, &len);

	*why = NULL;
	if (len == 0) {
		char hm[6];
		p = sq_rec_cell_trim(rec, ctime, &len);
		if (len == 0)
			return DAY_ANY;
		if (sq_date_parse(p, len, s->year, ymd, why) == SQ_VAL_OK)
			return sq_date_days(ymd);
		/* a time alone is the day's; anything else is not a time */
		if (sq_time_parse(p, len, hm, why) == SQ_VAL_OK) {
			*why = NULL;
			return DAY_ANY;
		}
		return INT_MIN;
	}
	if (sq_date_parse(p, len, s->year, ymd, why) != SQ_VAL_OK)
		return INT_MIN;
	return sq_date_days(ymd);
}

static int
read_log(struct state *s, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	struct sq_rowaddr ra;
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	const char *file = sq_reader_name(r);
	sq_rowaddr_find(&ra, r);
	long cname = sq_reader_col(r, "name");
	long cdate = sq_reader_col(r, "date"), ctime = sq_reader_col(r, "time");
	long cpoint = sq_reader_col(r, "point");
	if (sq_rowaddr_need(&ra, r, _("the tested list")) < 0) {
		sq_reader_close(r);
		return -1;
	}
	if (sq_reader_ncols(r) > 0)
		need_community(s, &ra, file);
	sq_rejects_table(s->rj, "logs", sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		char key[SQ_ADDR_KEYMAX];
		struct sq_res res;
		const char *why;
		size_t len;
		s->log_rows++;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(s->rj, file, &rec, rec.err);
			continue;
		}
		int day = row_day(s, &rec, cdate, ctime, &why);
		if (day == INT_MIN) {
			char msg[200];
			snprintf(msg, sizeof(msg), "%s cannot be read: %s",
			    cdate >= 0 ? "date" : "time", why ? why :
			    "not a date");
			sq_rejects_add(s->rj, file, &rec, msg);
			continue;
		}
		/* rows by point: its column, or the log's name */
		const char *pt = sq_rec_cell_trim(&rec, cpoint, &len);
		if (len == 0) {
			pt = file;
			len = strlen(file);
		}
		uint32_t pid = sq_strtab_id(&s->points, pt, len);
		long i = find_household(s, &ra, &rec, key, &res, &why);
		if (i < 0) {
			add_unknown(s, file, &rec, &ra, cname, key, &res,
			    i == -2 ? why : NULL, day, pid);
			continue;
		}
		if (cname < 0) {	/* a log of households, not people */
			add_seen(s, (uint32_t)i, day, 0, pid);
			continue;
		}
		const char *nm = sq_rec_cell_trim(&rec, cname, &len);
		char *folded = sq_fold_lower(nm, len);
		size_t fl = strlen(folded);
		/* "张 三" and "张三" are one person: no spaces inside */
		size_t o = 0;
		for (size_t k = 0; k < fl; k++)
			if (folded[k] != ' ')
				folded[o++] = folded[k];
		folded[o] = '\0';
		/* an empty name is one more person, never the same twice */
		uint32_t nh = o ? sq_hash(folded, o) | 1u :
		    (uint32_t)((s->nseen + 1) << 1);
		free(folded);
		add_seen(s, (uint32_t)i, day, nh, pid);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

static int
by_person(const void *pa, const void *pb)
{
	const struct sample *a = pa, *b = pb;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->name < b->name ? -1 : a->name > b->name;
}

static void
count_point(struct state *s, uint32_t pid)
{
	if (pid >= s->cap_point_rows) {
		size_t cap = s->cap_point_rows ? 2 * s->cap_point_rows : 16;
		while (cap <= pid)
			cap *= 2;
		s->point_rows = sq_xrealloc(s->point_rows, cap * sizeof(long));
		memset(s->point_rows + s->cap_point_rows, 0, (cap -
		    s->cap_point_rows) * sizeof(long));
		s->cap_point_rows = cap;
	}
	s->point_rows[pid]++;
}

/*
 * The day's rows: of the day given, else of the latest day in the logs
 * (a log that accumulates a week counts only its last day); a row that
 * does not say its day is the day's.  People sampled: the distinct names
 * of each household.
 */
static void
take_samples(struct state *s)
{
	if (!s->date_given) {
		int latest = INT_MIN;
		for (size_t k = 0; k < s->nseen; k++)
			if (s->seen[k].day != DAY_ANY && s->seen[k].day > latest)
				latest = s->seen[k].day;
		for (size_t k = 0; k < s->nunk; k++)
			if (s->unk[k].day != DAY_ANY && s->unk[k].day > latest)
				latest = s->unk[k].day;
		if (latest != INT_MIN) {
			s->day = latest;
			sq_date_from_days(latest, s->date);
		}
	}
	size_t kept = 0;
	for (size_t k = 0; k < s->nseen; k++) {
		struct sample *x = &s->seen[k];
		if (x->day != DAY_ANY && x->day != s->day) {
			s->log_other_days++;
			continue;
		}
		count_point(s, x->point);
		s->log_sampled++;
		s->hh[x->h].any = 1;
		if (x->name == 0)
			s->hh[x->h].whole = 1;
		else
			s->seen[kept++] = *x;
	}
	s->nseen = kept;
	if (s->nseen > 1)
		qsort(s->seen, s->nseen, sizeof(*s->seen), by_person);
	for (size_t k = 0; k < s->nseen; k++) {
		if (k > 0 && s->seen[k].h == s->seen[k - 1].h &&
		    s->seen[k].name == s->seen[k - 1].name)
			continue;
		struct household *h = &s->hh[s->seen[k].h];
		if (h->sampled < UINT16_MAX)
			h->sampled++;
	}
	kept = 0;
	for (size_t k = 0; k < s->nunk; k++) {
		struct unknown *u = &s->unk[k];
		if (u->day != DAY_ANY && u->day != s->day) {
			s->log_other_days++;
			free(u->reason);
			continue;
		}
		count_point(s, u->point);
		s->log_unknown++;
		s->unk[kept++] = *u;
	}
	s->nunk = kept;
}

struct outrow {
	uint32_t grid_rank, tier;
	long	 h;		/* household, or -1 */
	long	 u;		/* unknown row, or -1 */
	char	*reason;
};

static int
by_outrow(const void *pa, const void *pb)
{
	const struct outrow *a = pa, *b = pb;

	if (a->grid_rank != b->grid_rank)
		return a->grid_rank < b->grid_rank ? -1 : 1;
	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->u < b->u ? -1 : a->u > b->u;
}

static const char *const missed_cols[] = {
	"hh", "building", "unit", "room", "grid", "phone", "status", "reason",
	"members", "sampled", "door", "community", "name",
};
#define NMISSED (sizeof(missed_cols) / sizeof(missed_cols[0]))

static void
put_missed(struct state *s, struct sq_writer *w, const struct outrow *o)
{
	char members[8] = "", sampled[8] = "";
	const char *v[NMISSED];
	size_t len[NMISSED];

	if (o->h >= 0) {
		const struct household *h = &s->hh[o->h];
		snprintf(members, sizeof(members), "%u", h->members);
		snprintf(sampled, sizeof(sampled), "%u", h->sampled);
		v[0] = h->text;
		v[1] = hstr(h, S_BUILDING);
		v[2] = hstr(h, S_UNIT);
		v[3] = hstr(h, S_ROOM);
		v[4] = sq_strtab_str(&s->names, h->grid);
		v[5] = hstr(h, S_PHONE);
		v[6] = status_names[h->status];
		v[10] = h->door ? "true" : "false";
		v[11] = sq_strtab_str(&s->names, h->community);
		v[12] = hstr(h, S_NAME);
	} else {
		const struct unknown *u = &s->unk[o->u];
		v[0] = "";
		v[1] = u->building;
		v[2] = u->unit;
		v[3] = u->room;
		v[4] = sq_strtab_str(&s->names, u->grid);
		v[5] = "";
		v[6] = status_names[ST_UNKNOWN];
		v[10] = "";
		v[11] = sq_strtab_str(&s->names, u->community);
		v[12] = u->name;
	}
	v[7] = o->reason ? o->reason : "";
	v[8] = members;
	v[9] = sampled;
	for (size_t i = 0; i < NMISSED; i++)
		len[i] = strlen(v[i]);
	sq_writer_fields(w, v, len, NMISSED);
}

static int
write_split(struct state *s, const struct outrow *rows, size_t n)
{
	char path[4096];

	if (sq_make_dir(s->split_dir) < 0)
		return -1;
	/* lists are for people: Chinese headers, a BOM for Excel and WPS,
	   no formula in a name or a reason */
	struct sq_writer_opts wo = sq_person_opts(&s->c);
	wo.format = SQ_OUT_CSV;
	wo.bom = 1;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && rows[j].grid_rank == rows[i].grid_rank)
			j++;
		uint32_t g = rows[i].h >= 0 ? s->hh[rows[i].h].grid :
		    s->unk[rows[i].u].grid;
		const char *grid = sq_strtab_str(&s->names, g);
		char *no_grid = NULL;
		if (*grid == '\0')
			grid = no_grid = say(&s->words, W_NO_GRID,
			    json_object());
		json_t *d = json_object();
		json_object_set_new(d, "grid", json_string(grid));
		json_object_set_new(d, "date", json_string(s->date));
		char *name = say(&s->words, W_LIST_FILE, d), safe[256];
		safe_name(name, safe, sizeof(safe));
		free(name);
		free(no_grid);
		snprintf(path, sizeof(path), "%s/%s", s->split_dir, safe);
		struct sq_writer *w = sq_writer_open(path, &wo);
		if (w == NULL)
			return -1;
		put_header(s, w, missed_cols, NMISSED, "missed", 1);
		for (size_t k = i; k < j; k++)
			if (rows[k].tier < ST_SAMPLED)
				put_missed(s, w, &rows[k]);
		if (sq_writer_close(w) < 0)
			return -1;
		i = j;
	}
	return 0;
}

struct tally {
	long	 households, people, sampled, sampled_people, missed, partial;
};

static void
tally_add(struct tally *t, const struct household *h)
{
	if (h->status == ST_EMPTY)
		return;
	t->households++;
	t->people += h->members;
	t->sampled += h->status == ST_SAMPLED;
	t->sampled_people += h->status == ST_SAMPLED && h->whole ?
	    h->members : h->sampled < h->members ? h->sampled : h->members;
	t->missed += h->status == ST_MISSED;
	t->partial += h->status == ST_PARTIAL;
}

static json_t *
tally_json(const struct tally *t, json_t *o)
{
	json_object_set_new(o, "households", json_integer(t->households));
	json_object_set_new(o, "sampled", json_integer(t->sampled));
	json_object_set_new(o, "partial", json_integer(t->partial));
	json_object_set_new(o, "missed", json_integer(t->missed));
	json_object_set_new(o, "people", json_integer(t->people));
	json_object_set_new(o, "sampled_people", json_integer(t->sampled_people));
	json_object_set_new(o, "rate", json_real(t->households ? (double)(long)
	    (1000.0 * t->sampled / t->households + 0.5) / 1000 : 0));
	return o;
}

/* qsort has no context: the table of the names being sorted */
static const struct sq_strtab *g_names;

static int
by_name(const void *a, const void *b)
{
	return strcmp(sq_strtab_str(g_names, *(const uint32_t *)a),
	    sq_strtab_str(g_names, *(const uint32_t *)b));
}

static int
write_missed_summary(struct state *s)
{
	json_t *root = json_object(), *blds = json_array(), *grids = json_object();
	json_t *points = json_array();
	struct tally total = { 0 };
	struct tally *per_b = sq_xcalloc(s->nbld + 1, sizeof(*per_b));
	struct tally *per_g = sq_xcalloc(s->names.n + 1, sizeof(*per_g));

	for (size_t i = 0; i < s->nhh; i++) {
		const struct household *h = &s->hh[i];
		tally_add(&total, h);
		tally_add(&per_b[h->bld], h);
		tally_add(&per_g[h->grid], h);
	}
	/* buildings in key order: the natural order, by community */
	for (size_t b = 0; b < s->nbld; b++) {
		if (per_b[b].households == 0)
			continue;
		json_t *o = json_object();
		if (s->bld[b].community)
			json_object_set_new(o, "community", json_string(
			    sq_strtab_str(&s->names, s->bld[b].community)));
		json_object_set_new(o, "building", json_string(s->bld[b].label));
		json_array_append_new(blds, tally_json(&per_b[b], o));
	}
	/*
	 * Grids by number, not by the grid worker's name: the summary feeds
	 * the bulletin and holds no name.  G01, G02 ... in the byte order of
	 * the roster's grid column, "none" for no grid (as sq-flag -Y).
	 */
	uint32_t *gv = sq_xmalloc((s->names.n + 1) * sizeof(*gv));
	size_t ngv = 0, gk = 0;
	for (size_t g = 0; g < s->names.n; g++)
		if (per_g[g].households)
			gv[ngv++] = (uint32_t)g;
	g_names = &s->names;
	qsort(gv, ngv, sizeof(*gv), by_name);
	for (size_t i = 0; i < ngv; i++) {
		const char *nm = sq_strtab_str(&s->names, gv[i]);
		char key[24];
		if (*nm == '\0')
			snprintf(key, sizeof(key), "none");
		else
			snprintf(key, sizeof(key), "G%02zu", ++gk);
		json_object_set_new(grids, key, tally_json(&per_g[gv[i]],
		    json_object()));
	}
	free(gv);
	sq_strtab_rank(&s->points);
	uint32_t *ord = sq_xmalloc((s->points.n + 1) * sizeof(*ord));
	for (size_t k = 0; k < s->points.n; k++)
		ord[s->points.rank[k]] = (uint32_t)k;
	for (size_t k = 0; k < s->points.n; k++) {
		uint32_t id = ord[k];
		long rows = id < s->cap_point_rows ? s->point_rows[id] : 0;
		if (rows == 0)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "point", json_string(
		    sq_strtab_str(&s->points, id)));
		json_object_set_new(o, "rows", json_integer(rows));
		json_array_append_new(points, o);
	}
	free(ord);
	json_object_set_new(root, "date", json_string(s->date));
	json_t *t = tally_json(&total, json_object());
	json_object_set_new(t, "unknown_household",
	    json_integer((json_int_t)s->nunk));
	json_object_set_new(root, "total", t);
	json_object_set_new(root, "buildings", blds);
	json_object_set_new(root, "grids", grids);
	json_object_set_new(root, "points", points);
	json_t *lg = json_object();
	json_object_set_new(lg, "rows", json_integer(s->log_rows));
	json_object_set_new(lg, "households_rows", json_integer(s->log_sampled));
	json_object_set_new(lg, "unknown_household", json_integer(s->log_unknown));
	json_object_set_new(lg, "other_days", json_integer(s->log_other_days));
	json_object_set_new(lg, "rejected", json_integer(sq_rejects_count(s->rj)));
	json_object_set_new(root, "logs", lg);
	free(per_b);
	free(per_g);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(4));
	json_decref(root);
	return sq_write_document(s->summary_path, text);
}

int
run_missed(struct state *s)
{
	int failed = 0;

	for (int i = 0; i < s->nlogs; i++)
		if (read_log(s, s->logs[i]) < 0)
			return -1;
	take_samples(s);
	sq_strtab_rank(&s->names);
	size_t nrows = 0;
	struct outrow *rows = sq_xcalloc(s->nhh + s->nunk + 1, sizeof(*rows));
	long empty = 0;
	for (size_t i = 0; i < s->nhh; i++) {
		struct household *h = &s->hh[i];
		if (h->members == 0 && h->members_known)
			h->status = ST_EMPTY;
		else if (!h->any)
			h->status = ST_MISSED;
		else if (h->whole || h->sampled >= h->members || !s->set.partial)
			h->status = ST_SAMPLED;
		else
			h->status = ST_PARTIAL;
		if (h->status == ST_EMPTY)
			empty++;
		if (h->status == ST_EMPTY || (h->status == ST_SAMPLED && !s->all))
			continue;
		struct outrow *o = &rows[nrows++];
		o->grid_rank = s->names.rank[h->grid];
		o->tier = h->status;
		o->h = (long)i;
		o->u = -1;
		if (h->status == ST_MISSED)
			o->reason = say(&s->words, h->door ? W_DOOR_MISSED :
			    W_MISSED, json_object());
		else if (h->status == ST_PARTIAL) {
			json_t *d = json_object();
			json_object_set_new(d, "members", json_integer(h->members));
			json_object_set_new(d, "sampled", json_integer(h->sampled));
			o->reason = say(&s->words, W_PARTIAL, d);
		}
		struct building *b = &s->bld[h->bld];
		b->missed += h->status == ST_MISSED;
		b->partial += h->status == ST_PARTIAL;
	}
	for (size_t k = 0; k < s->nunk; k++) {
		struct outrow *o = &rows[nrows++];
		o->grid_rank = s->names.rank[s->unk[k].grid];
		o->tier = ST_UNKNOWN;
		o->h = -1;
		o->u = (long)k;
		o->reason = s->unk[k].reason;
		s->unk[k].reason = NULL;
	}
	qsort(rows, nrows, sizeof(*rows), by_outrow);

	struct sq_writer *w = sq_writer_open(s->c.output, &s->c.out);
	if (w == NULL)
		failed = 1;
	else {
		put_header(s, w, missed_cols, NMISSED, "missed", s->zh);
		for (size_t i = 0; i < nrows; i++)
			put_missed(s, w, &rows[i]);
		if (sq_writer_close(w) < 0)
			failed = 1;
	}
	if (!failed && s->split_dir && write_split(s, rows, nrows) < 0)
		failed = 1;
	if (!failed && s->summary_path && write_missed_summary(s) < 0)
		failed = 1;

	long missed = 0, partial = 0, sampled = 0;
	for (size_t i = 0; i < s->nhh; i++) {
		missed += s->hh[i].status == ST_MISSED;
		partial += s->hh[i].status == ST_PARTIAL;
		sampled += s->hh[i].status == ST_SAMPLED;
	}
	sq_note("%zu households: %ld sampled, %ld partly, %ld missed (%ld of "
	    "0 members left out); %ld log rows: %ld of households, %ld "
	    "unknown households, %ld other days, %ld rejected", s->nhh -
	    (size_t)empty, sampled, partial, missed, empty, s->log_rows,
	    s->log_sampled, s->log_unknown, s->log_other_days,
	    sq_rejects_count(s->rj));
	for (size_t i = 0; i < nrows; i++)
		free(rows[i].reason);
	free(rows);
	return failed ? -1 : 0;
}
