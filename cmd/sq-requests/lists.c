/*
 * lists.c — the open queue by owner and the overdue list, for the staff.
 */
#include "requests.h"

static int
by_owner(const void *pa, const void *pb)
{
	const struct open *a = pa, *b = pb;
	int c = strcmp(a->owner, b->owner);

	if (c)
		return c;
	if (a->urgent != b->urgent)
		return b->urgent - a->urgent;
	int sa = a->status == ST_SOLVED, sb = b->status == ST_SOLVED;
	if (sa != sb)
		return sa - sb;
	if (a->overdue != b->overdue)
		return b->overdue - a->overdue;
	if (a->t_due != b->t_due)
		return a->t_due == NO_TIME ? 1 : b->t_due == NO_TIME ? -1 :
		    a->t_due < b->t_due ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int
by_lateness(const void *pa, const void *pb)
{
	const struct open *a = pa, *b = pb;

	if (a->urgent != b->urgent)
		return b->urgent - a->urgent;
	if (a->late != b->late)
		return a->late > b->late ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

int
write_list(struct state *s, const char *path, int overdue)
{
	static const char *const qcols[] = { "owner", "rid", "urgent",
	    "category", "status", "created", "due", "age_min", "overdue", "hh",
	    "text" };
	static const char *const ocols[] = { "rid", "owner", "urgent",
	    "category", "status", "created", "due", "stage", "late_min", "hh",
	    "text" };
	const char *const *cols = overdue ? ocols : qcols;
	/* in their language (share/requests/LANG/words.conf) */
	const struct sq_words *W = s->words;
	int by_name = strcmp(sq_words_get(W, "category.show"), "name") == 0;
	const char *yes = sq_words_get(W, "bool.true");
	const char *no = sq_words_get(W, "bool.false");
	const char *stage[2] = { sq_words_get(W, "stage.respond"),
	    sq_words_get(W, "stage.solve") };
	const char *status[NSTATUS];
	for (int k = 0; k < NSTATUS; k++)
		status[k] = sq_words_label(W, "status", status_names[k]);
	/* the queue and the overdue list are opened in Excel by staff */
	struct sq_writer_opts wo = sq_person_opts(&s->c);
	struct sq_writer *w = sq_writer_open(path, &wo);
	struct sq_rec names;

	if (w == NULL)
		return -1;
	sq_rec_init(&names);
	for (size_t i = 0; i < 11; i++) {
		const char *n = sq_words_label(W, "col", cols[i]);
		sq_rec_push(&names, n, strlen(n));
	}
	sq_writer_header(w, &names);
	sq_rec_free(&names);
	if (s->nopen > 1)	/* qsort(NULL, 0) is undefined */
		qsort(s->open, s->nopen, sizeof(*s->open), overdue ?
		    by_lateness : by_owner);
	for (size_t i = 0; i < s->nopen; i++) {
		const struct open *o = &s->open[i];
		char age[24] = "", late[24];
		const char *v[11];
		size_t l[11];
		if (overdue && !o->overdue)
			continue;
		if (o->age != NO_TIME)
			snprintf(age, sizeof(age), "%ld", o->age);
		snprintf(late, sizeof(late), "%ld", o->late);
		const char *urg = o->urgent ? yes : no;
		const char *st = status[o->status];
		const char *od = o->t_created == NO_TIME ? "" : o->overdue ?
		    yes : no;
		const char *cat = by_name ? s->cats[o->cat].zh :
		    s->cats[o->cat].id;
		if (overdue) {
			const char *x[11] = { o->rid, o->owner, urg, cat, st,
			    o->created, o->due, stage[o->stage == 1 ? 0 : 1],
			    late, o->hh, o->text };
			memcpy(v, x, sizeof(v));
		} else {
			const char *x[11] = { o->owner, o->rid, urg, cat, st,
			    o->created, o->due, age, od, o->hh, o->text };
			memcpy(v, x, sizeof(v));
		}
		for (size_t k = 0; k < 11; k++)
			l[k] = strlen(v[k]);
		sq_writer_fields(w, v, l, 11);
	}
	return sq_writer_close(w);
}
