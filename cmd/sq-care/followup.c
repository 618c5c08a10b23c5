/*
 * followup.c — --greetings, what is written: the households to follow
 * up (lib/greet.h), the lists per carer and grid worker, the summary,
 * the state for tomorrow, the hours spent caring.
 */
#include "state.h"

/* ---- greetings: the list, the lists, the summary, the hours ------------- */

static const char *const greet_cols[] = {
	"hh", "community", "building", "unit", "room", "name", "phone", "grid",
	"need", "vid", "carer", "carer_phone", "status", "alarm",
	"missed_days", "last_greeted", "greeted_by", "how", "note",
};
_Static_assert(sizeof(greet_cols) / sizeof(greet_cols[0]) == NGREET, "NGREET");

static const char *const gstatus_names[SQ_GREET_NSTATUS] = {
	"urgent", "not_greeted", "greeted",
};

static void
greet_rows(struct care *C, struct grow *rows)
{
	for (size_t i = 0; i < C->nh; i++) {
		struct home *h = &C->h[i];
		struct sq_greet *g = &h->g;
		struct grow *r = &rows[i];
		/* the first day followed: the pair's, and no earlier than
		   what is known (the state's first day, the log's) */
		int32_t known = h->state_known && h->known_from !=
		    SQ_GREET_NODAY ? h->known_from : C->lfirst !=
		    SQ_GREET_NODAY ? C->lfirst : C->day;
		int32_t since = h->since != SQ_GREET_NODAY && h->since > known ?
		    h->since : known;
		g->since = since < C->day ? since : C->day;
		r->home = i;
		r->missed = sq_greet_missed(g, C->day);
		r->status = sq_greet_status(g, C->day, (int32_t)C->urgent_after);
		uint64_t al = sq_greet_alarms(g);
		struct sq_buf a;
		sq_buf_init(&a);
		alarm_text(C, al, &a);
		if (C->urgent_after > 0 && r->missed >= C->urgent_after) {
			if (a.len)
				sq_buf_addc(&a, ';');
			sq_buf_adds(&a, "silent");
		}
		char num[16], last[11] = "";
		snprintf(num, sizeof(num), "%d", (int)r->missed);
		int32_t l = g->today ? C->day : g->last;
		if (l != SQ_GREET_NODAY)
			sq_date_from_days(l, last);
		const char *v[NGREET] = { h->hh, h->community, h->building,
		    h->unit, h->room, h->name, h->phone, h->grid, h->need,
		    h->vid, h->carer, h->carer_phone, gstatus_names[r->status],
		    adup(C, a.s ? a.s : ""), adup(C, num), adup(C, last),
		    h->who.s ? h->who.s : "", h->how.s ? h->how.s : "",
		    h->note.s ? h->note.s : "" };
		memcpy(r->v, v, sizeof(v));
		sq_buf_free(&a);
	}
}

/* urgent first, then the longest silent, then by household */
static int
cmp_grow(const void *pa, const void *pb)
{
	const struct grow *a = pa, *b = pb;

	if (a->status != b->status)
		return a->status < b->status ? -1 : 1;
	if (a->missed != b->missed)
		return a->missed > b->missed ? -1 : 1;
	return strcmp(a->v[0], b->v[0]);
}

static int
write_greetings(struct care *C, const struct grow *rows)
{
	struct sq_writer *w = sq_writer_open(C->c.output, &C->c.out);

	if (w == NULL)
		return -1;
	put_header(C, w, greet_cols, NGREET, C->zh);
	for (size_t i = 0; i < C->nh; i++)
		if (C->all || rows[i].status != SQ_GREET_GREETED)
			put_row(w, rows[i].v, NGREET);
	return sq_writer_close(w);
}

static const struct grow *sort_grows;	/* for qsort, set just before */

static int
cmp_grow_by(const void *pa, const void *pb, int col)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(sort_grows[a].v[col], sort_grows[b].v[col]);

	return c ? c : cmp_size_t(pa, pb);
}

static int
cmp_grow_carer(const void *pa, const void *pb)
{
	return cmp_grow_by(pa, pb, 9);
}

static int
cmp_grow_grid(const void *pa, const void *pb)
{
	return cmp_grow_by(pa, pb, 7);
}

/* alarm codes in words; "silent" says the days */
static char *
alarm_words(struct care *C, const struct grow *r)
{
	struct sq_buf b;
	struct fill f = { "", "", "", 0, C->max, r->missed };
	const char *p = r->v[13];

	sq_buf_init(&b);
	while (*p) {
		size_t n = strcspn(p, ";");
		char code[64];
		snprintf(code, sizeof(code), "%.*s", (int)n, p);
		if (b.len)
			sq_buf_adds(&b, "、");
		say(&b, word(C, "alarm", code), &f);
		p += n;
		if (*p)
			p++;
	}
	char *s = adup(C, b.s ? b.s : "");
	sq_buf_free(&b);
	return s;
}

static int
write_greet_lists(struct care *C, const struct grow *rows)
{
	static const char *const kcols[] = { "building", "unit", "room", "name",
	    "phone", "need", "status", "alarm", "missed_days", "note" };
	static const char *const gcols[] = { "building", "unit", "room", "name",
	    "phone", "need", "carer", "carer_phone", "status", "alarm",
	    "missed_days", "note" };
	size_t *ord = sq_xmalloc((C->nh + 1) * sizeof(*ord));
	struct sq_writer_opts wo = list_opts(C);
	char path[4096];
	int rc = 0;

	if (sq_make_dir(C->split) < 0) {
		free(ord);
		return -1;
	}
	sort_grows = rows;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		size_t n = 0;
		int col = pass ? 7 : 9;
		for (size_t i = 0; i < C->nh; i++)
			if (rows[i].status != SQ_GREET_GREETED &&
			    (pass == 1 || *rows[i].v[9]))
				ord[n++] = i;
		qsort(ord, n, sizeof(*ord), pass ? cmp_grow_grid :
		    cmp_grow_carer);
		for (size_t i = 0; i < n && rc == 0;) {
			size_t j = i;
			const struct grow *r0 = &rows[ord[i]];
			while (j < n && strcmp(rows[ord[j]].v[col],
			    r0->v[col]) == 0)
				j++;
			if (pass == 0)
				file_name(path, sizeof(path), C->split,
				    word(C, "file", "carer_greet"), r0->v[10],
				    r0->v[9], C->date);
			else
				file_name(path, sizeof(path), C->split,
				    word(C, "file", "grid_greet"), *r0->v[7] ?
				    r0->v[7] : word(C, "file", "no_grid"), "",
				    C->date);
			struct sq_writer *w = sq_writer_open(path, &wo);
			if (w == NULL) {
				rc = -1;
				break;
			}
			put_header(C, w, pass ? gcols : kcols, pass ? 12 : 10, 1);
			/* within a list: urgent first, the longest silent */
			struct grow *part = sq_xmalloc((j - i) * sizeof(*part));
			for (size_t k = i; k < j; k++)
				part[k - i] = rows[ord[k]];
			qsort(part, j - i, sizeof(*part), cmp_grow);
			for (size_t k = 0; k < j - i; k++) {
				const struct grow *r = &part[k];
				const char *need = words_of(C, "need", r->v[8]);
				const char *st = word(C, "status", r->v[12]);
				const char *al = alarm_words(C, r);
				if (pass == 0) {
					const char *v[] = { r->v[2], r->v[3],
					    r->v[4], r->v[5], r->v[6], need, st,
					    al, r->v[14], r->v[18] };
					put_row(w, v, 10);
				} else {
					const char *v[] = { r->v[2], r->v[3],
					    r->v[4], r->v[5], r->v[6], need,
					    *r->v[10] ? r->v[10] :
					    word(C, "status", "unpaired"),
					    r->v[11], st, al, r->v[14],
					    r->v[18] };
					put_row(w, v, 12);
				}
			}
			free(part);
			if (sq_writer_close(w) < 0)
				rc = -1;
			i = j;
		}
	}
	free(ord);
	return rc;
}

/*
 * The counts of one community (or all: comm UINT32_MAX), into o: greeted
 * is reached today (urgent or not), not_greeted the others, urgent of
 * either.
 */
static void
greet_counts(struct care *C, const struct grow *rows, uint32_t comm, json_t *o)
{
	long n = 0, paired = 0, reached = 0, urgent = 0, two = 0;

	for (size_t i = 0; i < C->nh; i++) {
		const struct home *h = &C->h[rows[i].home];
		if (comm != UINT32_MAX && h->comm != comm)
			continue;
		n++;
		paired += *h->vid != '\0';
		reached += h->g.today != 0;
		urgent += rows[i].status == SQ_GREET_URGENT;
		two += rows[i].missed >= 2;
	}
	json_object_set_new(o, "households", json_integer(n));
	json_object_set_new(o, "paired", json_integer(paired));
	json_object_set_new(o, "unpaired", json_integer(n - paired));
	json_object_set_new(o, "greeted", json_integer(reached));
	json_object_set_new(o, "not_greeted", json_integer(n - reached));
	json_object_set_new(o, "urgent", json_integer(urgent));
	json_object_set_new(o, "missed_2_days_or_more", json_integer(two));
}

static int
write_greet_summary(struct care *C, const struct grow *rows)
{
	json_t *root = json_object(), *care = json_object(),
	    *alarms = json_object(), *log = json_object(), *per = json_object();
	long *count = sq_xcalloc(sq_keywords_nlabels(C->alarms) + 1,
	    sizeof(long));

	for (size_t i = 0; i < C->nh; i++) {
		uint64_t m = sq_greet_alarms(&C->h[i].g);
		for (size_t k = 0; k < sq_keywords_nlabels(C->alarms) && k < 64;
		    k++)
			count[k] += m >> k & 1;
	}
	json_object_set_new(root, "date", json_string(C->date));
	greet_counts(C, rows, UINT32_MAX, care);
	for (size_t k = 0; k < sq_keywords_nlabels(C->alarms) && k < 64; k++)
		json_object_set_new(alarms, sq_keywords_label(C->alarms, k),
		    json_integer(count[k]));
	json_object_set_new(care, "alarm", alarms);
	json_object_set_new(root, "care", care);
	for (uint32_t c = 1; c < C->comms.n; c++) {
		json_t *o = json_object();
		greet_counts(C, rows, c, o);
		json_object_set_new(per, C->comms.s[c], o);
	}
	if (json_object_size(per) > 0)
		json_object_set_new(root, "communities", per);
	else
		json_decref(per);
	json_object_set_new(log, "rows", json_integer(C->lrows));
	json_object_set_new(log, "today", json_integer(C->ltoday));
	json_object_set_new(log, "earlier_days", json_integer(C->learlier));
	json_object_set_new(log, "later_days", json_integer(C->llater));
	json_object_set_new(log, "rejected", json_integer(C->lrejected));
	json_object_set_new(root, "log", log);
	free(count);
	char *text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	return sq_write_document(C->summary, text);
}

static int
write_hours(struct care *C)
{
	static const char *const cols[] = { "vid", "name", "greetings",
	    "hours", "from", "to" };
	struct sq_writer *w = sq_writer_open(C->hours, &C->c.out);

	if (w == NULL)
		return -1;
	put_header(C, w, cols, 6, C->zh);
	for (size_t k = 0; k < C->nk; k++) {
		const struct carer *K = &C->k[k];
		char n[24], h[24], d0[11] = "", d1[11] = "";
		snprintf(n, sizeof(n), "%ld", K->greetings);
		sq_hours_format(K->minutes, h, sizeof(h));
		if (K->first != SQ_GREET_NODAY) {
			sq_date_from_days(K->first, d0);
			sq_date_from_days(K->last, d1);
		}
		const char *v[] = { K->vid, K->name, n, h, d0, d1 };
		put_row(w, v, 6);
	}
	return sq_writer_close(w);
}

int
run_greetings(struct care *C, const char *pfile)
{
	long r0 = sq_rejects_count(C->rj);

	if (read_pairs(C, pfile) < 0 || read_state(C) < 0)
		return -1;
	long r1 = sq_rejects_count(C->rj);
	C->lfirst = SQ_GREET_NODAY;
	if (read_log(C, C->log) < 0)
		return -1;
	C->lrejected = sq_rejects_count(C->rj) - r1;
	if (C->c.strict && sq_rejects_count(C->rj) > r0) {
		sq_note("stopped at the first rejected row (--strict); no "
		    "output written");
		return 1;	/* exit 1, the rejects kept */
	}
	struct grow *rows = sq_xcalloc(C->nh + 1, sizeof(*rows));
	greet_rows(C, rows);
	qsort(rows, C->nh, sizeof(*rows), cmp_grow);
	int rc = write_greetings(C, rows);
	if (rc == 0 && C->split)
		rc = write_greet_lists(C, rows);
	if (rc == 0 && C->summary)
		rc = write_greet_summary(C, rows);
	if (rc == 0)
		rc = write_state(C);
	if (rc == 0 && C->hours)
		rc = write_hours(C);
	if (rc == 0) {
		long n[SQ_GREET_NSTATUS] = { 0 };
		for (size_t i = 0; i < C->nh; i++)
			n[rows[i].status]++;
		sq_note("%zu household%s in care on %s: %ld greeted, %ld not "
		    "greeted, %ld urgent", C->nh, C->nh == 1 ? "" : "s",
		    C->date, n[SQ_GREET_GREETED], n[SQ_GREET_NOT_GREETED],
		    n[SQ_GREET_URGENT]);
		sq_note("%ld log row%s read: %ld of the day, %ld of earlier "
		    "days, %ld of later days (left out), %ld rejected",
		    C->lrows, C->lrows == 1 ? "" : "s", C->ltoday, C->learlier,
		    C->llater, C->lrejected);
		if (r1 > r0 || C->hmerged)
			sq_note("%ld pairs row%s rejected, %ld repeated",
			    r1 - r0, r1 - r0 == 1 ? "" : "s", C->hmerged);
	}
	free(rows);
	return rc;
}
