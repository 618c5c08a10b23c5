/*
 * write.c — what sq-rounds writes: the rounds table, a sheet per round for
 * its courier, the map (lib/svg.c), the GeoJSON (jansson), the summary.
 */
#include "rounds.h"

/* "1 h 05 min", "23 min", for the notes on stderr */
static void
hm(double minutes, char *buf, size_t sz)
{
	long m = lround(minutes);

	if (m >= 60)
		snprintf(buf, sz, "%ld h %02ld min", m / 60, m % 60);
	else
		snprintf(buf, sz, "%ld min", m);
}

/* "1 h 05 min", "23 min" as the sheets' language says it. */
static void
sheet_hm(struct sq_words *W, double minutes, struct sq_buf *out)
{
	long m = lround(minutes);
	char h[24], mm[24];

	snprintf(h, sizeof(h), "%ld", m / 60);
	snprintf(mm, sizeof(mm), m >= 60 ? "%02ld" : "%ld", m % 60);
	if (m >= 60)
		sq_words_say(W, out, "time.hours", "h", h, "mm", mm, NULL);
	else
		sq_words_say(W, out, "time.minutes", "m", mm, NULL);
}

/* "1 parcel", "8 parcels": key_one for one, key for the rest. */
static void
count(struct sq_words *W, struct sq_buf *out, long n, const char *key_one,
    const char *key)
{
	char v[24];

	snprintf(v, sizeof(v), "%ld", n);
	if (n == 1)
		sq_words_say(W, out, key_one, NULL);
	else
		sq_words_say(W, out, key, "n", v, NULL);
}

/* The orders of one stop: chunks ch[a..b) of a round, sorted by hh. */
static int
stop_orders(const struct plan *pl, const struct round *r, int a, int b,
    int *out)
{
	int n = 0;

	for (int k = a; k < b; k++) {
		const struct chunk *c = &pl->ch[r->ch[k]];
		for (int i = 0; i < c->nord; i++)
			out[n++] = c->ord[i];
	}
	for (int i = 1; i < n; i++) {
		int v = out[i], j = i - 1;
		while (j >= 0) {
			const struct order *x = &pl->ord[out[j]];
			const struct order *y = &pl->ord[v];
			int cmp = strcmp(x->hh, y->hh);
			if (cmp == 0)
				cmp = natcmp(x->id, y->id);
			if (cmp == 0)
				cmp = out[j] - v;
			if (cmp <= 0)
				break;
			out[j + 1] = out[j];
			j--;
		}
		out[j + 1] = v;
	}
	return n;
}

/* End of the stop that starts at chunk a: chunks at the same site. */
static int
stop_end(const struct plan *pl, const struct round *r, int a)
{
	int b = a + 1;

	while (b < r->nch && pl->ch[r->ch[b]].site == pl->ch[r->ch[a]].site)
		b++;
	return b;
}

static int
write_rounds(const struct plan *pl, struct sq_common *c)
{
	static const char *const cols[] = { "round", "courier", "seq", "site",
	    "hh", "parcels", "load", "distance_m", "order", "door", "urgent" };
	struct sq_writer *w = sq_writer_open(c->output, &c->out);
	struct sq_rec h;
	int *buf = sq_xmalloc(((size_t)pl->nord + 1) * sizeof(int));

	if (w == NULL)
		return -1;
	sq_rec_init(&h);
	for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++) {
		const char *n = c->zh ? sq_words_label(pl->zh, "col", cols[i]) :
		    cols[i];
		sq_rec_push(&h, n, strlen(n));
	}
	sq_writer_header(w, &h);
	for (int ri = 0; ri < pl->nrd; ri++) {
		const struct round *r = &pl->rd[ri];
		long load = r->load;
		int prev = pl->gate, seq = 0;
		for (int a = 0; a < r->nch;) {
			int b = stop_end(pl, r, a), site = pl->ch[r->ch[a]].site;
			int n = stop_orders(pl, r, a, b, buf);
			double leg = pl->sd[(size_t)prev * pl->nsites + site];
			seq++;
			for (int i = 0; i < n; i++) {
				const struct order *o = &pl->ord[buf[i]];
				char f[6][32];
				const char *v[11];
				snprintf(f[0], 32, "%d", r->num);
				snprintf(f[1], 32, "%d", seq);
				snprintf(f[2], 32, "%ld", o->parcels);
				snprintf(f[3], 32, "%ld", load);
				snprintf(f[4], 32, "%.0f", i == 0 ? leg : 0.0);
				v[0] = f[0];
				v[1] = pl->couriers[r->courier];
				v[2] = f[1];
				v[3] = pl->sites[site].name;
				v[4] = o->hh;
				v[5] = f[2];
				v[6] = f[3];
				v[7] = f[4];
				v[8] = o->id;
				v[9] = o->door ? "true" : "false";
				v[10] = o->urgent ? "true" : "false";
				size_t len[11];
				for (int k = 0; k < 11; k++)
					len[k] = strlen(v[k]);
				sq_writer_fields(w, v, len, 11);
			}
			for (int i = 0; i < n; i++)
				load -= pl->ord[buf[i]].parcels;
			prev = site;
			a = b;
		}
	}
	sq_rec_free(&h);
	free(buf);
	return sq_writer_close(w);
}

/*
 * The round sheets.  safe: a courier's, a site's or a room's name that a
 * spreadsheet would run (a sheet pasted into one) gets ' in front, as the
 * lists for people do (lib/writer.c), unless --no-excel-safe.
 */
static int
write_sheets(const struct plan *pl, const char *dir, int safe)
{
	struct sq_words *W = pl->words;
	int *buf = sq_xmalloc(((size_t)pl->nord + 1) * sizeof(int));
	int rc = 0;
	struct sq_buf nb;

	sq_buf_init(&nb);
#define CELL(s_) (safe ? sq_excel_text((s_), &nb) : (s_))

	if (sq_make_dir(dir) < 0) {
		free(buf);
		return -1;
	}
	for (int ri = 0; ri < pl->nrd && rc == 0; ri++) {
		const struct round *r = &pl->rd[ri];
		int norders = 0;
		for (int k = 0; k < r->nch; k++)
			norders += pl->ch[r->ch[k]].nord;
		struct sq_buf t, a1, a2;
		char n1[48], n2[48];
		sq_buf_init(&t);
		sq_buf_init(&a1);
		sq_buf_init(&a2);
		snprintf(n1, sizeof(n1), "%d", r->num);
		snprintf(n2, sizeof(n2), "%d", pl->nrd);
		sq_words_say(W, &t, "sheet.title", "round", n1, "rounds", n2,
		    "courier", CELL(pl->couriers[r->courier]), NULL);
		if (r->urgent)
			sq_words_say(W, &t, "sheet.urgent", NULL);
		sq_buf_addc(&t, '\n');
		snprintf(n1, sizeof(n1), "+%ld:%02ld", lround(r->start) / 60,
		    lround(r->start) % 60);
		count(W, &a1, r->load, "count.parcel_one", "count.parcels");
		count(W, &a2, norders, "count.order_one", "count.orders");
		sq_words_say(W, &t, "sheet.leave", "start", n1, "parcels",
		    a1.len ? a1.s : "", "orders", a2.len ? a2.s : "", NULL);
		sq_buf_addc(&t, '\n');
		a1.len = 0;
		sheet_hm(W, r->minutes, &a1);
		snprintf(n1, sizeof(n1), "%.0f", r->dist);
		sq_words_say(W, &t, "sheet.walk", "metres", n1, "time",
		    a1.len ? a1.s : "", NULL);
		sq_buf_adds(&t, "\n\n");
		sq_words_say(W, &t, "sheet.columns", NULL);
		sq_buf_addc(&t, '\n');
		int seq = 0;
		for (int a = 0; a < r->nch;) {
			int b = stop_end(pl, r, a), site = pl->ch[r->ch[a]].site;
			int n = stop_orders(pl, r, a, b, buf);
			long parcels = 0;
			for (int i = 0; i < n; i++)
				parcels += pl->ord[buf[i]].parcels;
			sq_buf_printf(&t, "%4d  %-12s  %7ld  ", ++seq,
			    CELL(pl->sites[site].name), parcels);
			/* door deliveries: one entry per room, parcels added */
			size_t doors = t.len;
			for (int i = 0; i < n; i++) {
				const struct order *o = &pl->ord[buf[i]];
				if (!o->door)
					continue;
				int dup = 0;
				for (int j = 0; j < i && !dup; j++)
					dup = pl->ord[buf[j]].door &&
					    strcmp(pl->ord[buf[j]].room,
					    o->room) == 0;
				if (dup)
					continue;
				long p = 0;
				for (int j = i; j < n; j++)
					if (pl->ord[buf[j]].door &&
					    strcmp(pl->ord[buf[j]].room,
					    o->room) == 0)
						p += pl->ord[buf[j]].parcels;
				if (t.len > doors)
					sq_words_say(W, &t, "sheet.door_sep",
					    NULL);
				snprintf(n1, sizeof(n1), "%ld", p);
				sq_words_say(W, &t, "sheet.door", "room",
				    CELL(o->room), "n", n1, NULL);
			}
			if (t.len == doors)
				sq_words_say(W, &t, "sheet.no_door", NULL);
			sq_buf_addc(&t, '\n');
			a = b;
		}
		sq_words_say(W, &t, "sheet.back", NULL);
		sq_buf_addc(&t, '\n');
		char *path = sq_xmalloc(strlen(dir) + 32);
		sprintf(path, "%s/round-%02d.txt", dir, r->num);
		if (sq_write_bytes(path, t.s, t.len) < 0)
			rc = -1;
		free(path);
		sq_buf_free(&t);
		sq_buf_free(&a1);
		sq_buf_free(&a2);
	}
#undef CELL
	sq_buf_free(&nb);
	free(buf);
	/* a sheet of an earlier, longer plan (round-04 of 21 beside today's
	   3) would have a courier deliver twice: the set is this plan's */
	DIR *d = rc == 0 ? opendir(dir) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		int num, end = 0;
		if (sscanf(e->d_name, "round-%d.txt%n", &num, &end) != 1 ||
		    end == 0 || e->d_name[end] != '\0')
			continue;
		int ours = 0;
		for (int ri = 0; ri < pl->nrd; ri++)
			if (pl->rd[ri].num == num)
				ours = 1;
		if (ours)
			continue;
		char *path = sq_xmalloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(path, "%s/%s", dir, e->d_name);
		if (unlink(path) == 0)
			sq_note("%s: a sheet of an earlier plan, removed", path);
		free(path);
	}
	if (d)
		closedir(d);
	return rc;
}

/*
 * The map: the rounds over the site plan (lib/svg.c draws it and escapes
 * every name), a key line per round.
 */
static int
write_svg(const struct plan *pl, const char *path)
{
	struct sq_svg_item *pts = sq_xcalloc((size_t)pl->nsites + 1,
	    sizeof(*pts));
	struct sq_svg_route *rt = sq_xcalloc((size_t)pl->nrd + 1, sizeof(*rt));
	char **txt = sq_xcalloc(2 * (size_t)pl->nrd + 1, sizeof(*txt));
	size_t *stops = NULL, nst = 0;
	struct sq_buf b;

	for (int i = 0; i < pl->nsites; i++) {
		pts[i].label = pl->sites[i].name;
		pts[i].x = pl->sites[i].x;
		pts[i].y = pl->sites[i].y;
		pts[i].square = i == pl->gate;
	}
	for (int ri = 0; ri < pl->nrd; ri++)
		nst += (size_t)pl->rd[ri].nch + 2;
	stops = sq_xmalloc((nst + 1) * sizeof(*stops));
	nst = 0;
	sq_buf_init(&b);
	for (int ri = 0; ri < pl->nrd; ri++) {
		const struct round *r = &pl->rd[ri];
		rt[ri].stops = stops + nst;
		stops[nst++] = (size_t)pl->gate;
		for (int a = 0; a < r->nch; a++)
			stops[nst++] = (size_t)pl->ch[r->ch[a]].site;
		stops[nst++] = (size_t)pl->gate;
		rt[ri].nstops = (size_t)r->nch + 2;
		rt[ri].stroke = sq_svg_series((size_t)(r->num - 1));
		sq_buf_printf(&b, "round %d", r->num);
		rt[ri].title = txt[2 * ri] = sq_buf_take(&b);
		sq_buf_printf(&b, "round %d, courier %s: %ld parcels, %.0f m%s",
		    r->num, pl->couriers[r->courier], r->load, r->dist,
		    r->urgent ? ", urgent" : "");
		rt[ri].key = txt[2 * ri + 1] = sq_buf_take(&b);
	}
	struct sq_svg_chart c = { 0 };
	sq_svg_routes(&b, &c, pts, (size_t)pl->nsites, rt, (size_t)pl->nrd);
	for (int i = 0; i < 2 * pl->nrd; i++)
		free(txt[i]);
	free(txt);
	free(stops);
	free(rt);
	free(pts);
	return sq_write_document(path, sq_buf_take(&b));
}

/* A position, [lon, lat], to the micrometre of a degree (10 cm). */
static json_t *
position(const struct site *x)
{
	return json_pack("[ff]", round(x->lon * 1e6) / 1e6,
	    round(x->lat * 1e6) / 1e6);
}

static json_t *
feature(json_t *geometry, json_t *properties)
{
	return json_pack("{s:s, s:o, s:o}", "type", "Feature", "geometry",
	    geometry, "properties", properties);
}

/*
 * The sites and the rounds as GeoJSON, built and escaped by jansson; one
 * feature a line, as a person diffs them.
 */
static int
write_geojson(const struct plan *pl, const char *path)
{
	const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(12);
	struct sq_buf b;
	int nf = 0, oom = 0;

	sq_buf_init(&b);
	sq_buf_adds(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
	for (int i = 0; i < pl->nsites + pl->nrd && !oom; i++) {
		json_t *f;
		if (i < pl->nsites) {
			const struct site *x = &pl->sites[i];
			f = feature(json_pack("{s:s, s:o}", "type", "Point",
			    "coordinates", position(x)), json_pack("{s:s, s:s}",
			    "site", x->name, "kind", i == pl->gate ? "gate" :
			    "building"));
		} else {
			const struct round *r = &pl->rd[i - pl->nsites];
			const struct site *g = &pl->sites[pl->gate];
			json_t *line = json_array();
			json_array_append_new(line, position(g));
			for (int a = 0; a < r->nch; a++)
				json_array_append_new(line, position(
				    &pl->sites[pl->ch[r->ch[a]].site]));
			json_array_append_new(line, position(g));
			f = feature(json_pack("{s:s, s:o}", "type", "LineString",
			    "coordinates", line), json_pack("{s:i, s:s, s:I, "
			    "s:I, s:I, s:b}", "round", r->num, "courier",
			    pl->couriers[r->courier], "parcels",
			    (json_int_t)r->load, "distance_m",
			    (json_int_t)lround(r->dist), "minutes",
			    (json_int_t)lround(r->minutes), "urgent", r->urgent));
		}
		char *text = f ? json_dumps(f, flags) : NULL;
		json_decref(f);
		if (text == NULL) {
			oom = 1;
			break;
		}
		sq_buf_printf(&b, "%s\n%s", nf++ ? "," : "", text);
		free(text);
	}
	sq_buf_adds(&b, "\n]}");
	if (oom) {
		sq_buf_free(&b);
		return sq_write_document(path, NULL);
	}
	return sq_write_document(path, sq_buf_take(&b));
}

/* The rounds table, and the sheets, the map, the GeoJSON asked for. */
int
write_outputs(const struct plan *pl, struct sq_common *c,
    const struct rounds_opts *o)
{
	if (write_rounds(pl, c) < 0)
		return -1;
	if (o->sheets && write_sheets(pl, o->sheets, c->excel >= 0) < 0)
		return -1;
	if (o->svg && write_svg(pl, o->svg) < 0)
		return -1;
	if (o->geojson && !pl->latlon) {
		sq_error("--geojson needs sites with lat and lon; these are on "
		    "a plan in metres (use --svg)");
		return -1;
	}
	if (o->geojson && write_geojson(pl, o->geojson) < 0)
		return -1;
	return 0;
}

/* The notes on stderr: what was planned, and against the roster order. */
void
summary(const struct plan *pl, double end)
{
	long parcels = 0;
	int nurg = 0, urounds = 0, nbld = 0;
	double dist = 0, longest = 0;

	for (int i = 0; i < pl->nord; i++) {
		parcels += pl->ord[i].parcels;
		nurg += pl->ord[i].urgent;
	}
	for (int s = 0; s < pl->nsites; s++)
		for (int i = 0; i < pl->nord; i++)
			if (pl->ord[i].site == s) {
				nbld++;
				break;
			}
	for (int i = 0; i < pl->nrd; i++) {
		dist += pl->rd[i].dist;
		urounds += pl->rd[i].urgent;
		if (pl->rd[i].minutes > longest)
			longest = pl->rd[i].minutes;
	}
	char t1[32], t2[32], t3[32];
	hm(end, t1, sizeof(t1));
	hm(longest, t2, sizeof(t2));
	sq_note("%d order%s, %ld parcels, %d urgent, for %d building%s: "
	    "%d round%s (%d urgent) by %d courier%s", pl->nord,
	    pl->nord == 1 ? "" : "s", parcels, nurg, nbld, nbld == 1 ? "" : "s",
	    pl->nrd, pl->nrd == 1 ? "" : "s", urounds, pl->ncour,
	    pl->ncour == 1 ? "" : "s");
	if (pl->nrd > 0) {
		double bd, bend;
		int bn;
		baseline(pl, &bd, &bend, &bn);
		hm(bend, t3, sizeof(t3));
		sq_note("walking %.2f km; the last round is back after %s; "
		    "the longest round takes %s", dist / 1000, t1, t2);
		sq_note("buildings in roster order: %.2f km in %d round%s, "
		    "back after %s; this plan walks %.1f%% less", bd / 1000,
		    bn, bn == 1 ? "" : "s", t3, bd > 0 ? 100 * (bd - dist) /
		    bd : 0.0);
	}
}
