/*
 * decide.c — each household's status, reason and priority, and the order
 * of the rows.
 */
#include "state.h"

/* qsort has no context argument: the comparators find the names here. */
struct state *g_state;

/*
 * Priority, 1 first: fever, then symptoms, then a reading that cannot be
 * read, then silence; within each, vulnerable households first.  Check-ins
 * from unknown addresses come next (9), households that are fine last (10).
 * Within a priority: the longer silent first, then by household.
 */
void
decide(struct state *s, struct household *h)
{
	int v = h->vuln != 0;

	if (h->reported)
		h->missed = 0;
	else if (h->last != NO_DAY)
		h->missed = s->day - h->last;
	else
		h->missed = s->day - (h->since != NO_DAY ? h->since :
		    s->window_start) + 1;
	if (h->reported && h->temp10 != NO_TEMP &&
	    h->temp10 >= (int)(s->fever * 10 + 0.5)) {
		h->status = ST_FEVER;
		h->tier = v ? 1 : 2;
	} else if (h->reported && h->symptoms) {
		h->status = ST_SYMPTOMS;
		h->tier = v ? 3 : 4;
	} else if (h->reported && h->bad) {
		h->status = ST_BAD_READING;
		h->tier = v ? 5 : 6;
	} else if (!h->reported) {
		h->status = ST_UNREPORTED;
		h->tier = v ? 7 : 8;
	} else {
		h->status = ST_OK;
		h->tier = 10;
	}
}

char *
reason_of(struct state *s, const struct household *h)
{
	const char *note = h->note ? s->notes[h->note - 1] : NULL;
	char v[24];

	switch (h->status) {
	case ST_FEVER:
		snprintf(v, sizeof(v), "%.1f", h->temp10 / 10.0);
		if (h->symptoms && note)
			return arena_say(s, "reason.fever_symptoms", "temp", v,
			    "what", note, NULL);
		return arena_say(s, "reason.fever", "temp", v, NULL);
	case ST_SYMPTOMS:
		/* a yes in a yes/no column says no more than that */
		if (note == NULL || sq_bool_parse(note, strlen(note)) == 1)
			return s->said_symptoms;
		return arena_say(s, "reason.symptoms_what", "what", note, NULL);
	case ST_BAD_READING:
		return arena_printf(&s->arena, "%s", note ? note : "");
	case ST_UNREPORTED:
		if (h->missed <= 1)
			return s->said_today;
		snprintf(v, sizeof(v), "%d", h->missed);
		return arena_say(s, "reason.days", "n", v, NULL);
	default:
		return "";
	}
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(g_state->names[*(const uint32_t *)a],
	    g_state->names[*(const uint32_t *)b]);
}

/* rank[i]: where name i comes in strcmp order (a million rows compare ints) */
void
rank_names(struct state *s)
{
	uint32_t *order = sq_xmalloc((s->nnames + 1) * sizeof(*order));

	s->rank = sq_xcalloc(s->nnames + 1, sizeof(*s->rank));
	for (size_t i = 0; i < s->nnames; i++)
		order[i] = (uint32_t)i;
	qsort(order, s->nnames, sizeof(*order), by_name);
	for (size_t i = 0; i < s->nnames; i++)
		s->rank[order[i]] = (uint32_t)i;
	free(order);
}

int
row_order(const void *pa, const void *pb)
{
	const struct flagrow *a = pa, *b = pb;
	int c;

	if (a->grid != b->grid)
		return g_state->rank[a->grid] < g_state->rank[b->grid] ? -1 : 1;
	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->missed != b->missed)
		return a->missed > b->missed ? -1 : 1;
	/* a sorted roster: its order is the key order, without strcmp */
	if (a->h && b->h && g_state->roster_sorted)
		return a->h < b->h ? -1 : a->h > b->h;
	for (int w = 0; w < KP_WORDS; w++)
		if (a->kp[w] != b->kp[w])
			return a->kp[w] < b->kp[w] ? -1 : 1;
	/* the same first bytes: both that long, or the same short key */
	c = a->longkey ? strcmp(a->key + KP_BYTES, b->key + KP_BYTES) : 0;
	if (c)
		return c;
	return strcmp(a->reason, b->reason);
}



/*
 * The key's first bytes as numbers that compare as strcmp() does: most
 * comparisons of the sort end there (keys have no NUL byte).
 */
void
key_prefix(struct flagrow *f)
{
	size_t n = strnlen(f->key, KP_BYTES);

	f->longkey = n == KP_BYTES;
	for (int w = 0; w < KP_WORDS; w++) {
		uint64_t v = 0;
		for (size_t i = 0; i < 8; i++) {
			size_t at = (size_t)w * 8 + i;
			v = v << 8 | (at < n ? (unsigned char)f->key[at] : 0);
		}
		f->kp[w] = v;
	}
}
