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
	char buf[DECIMAL_MAX];
	const char *v;

	switch (h->status) {
	case ST_FEVER:
		v = decimal(h->temp10, buf, 1);		/* as "%.1f" writes it */
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
		return arena_say(s, "reason.days", "n",
		    decimal(h->missed, buf, 0), NULL);
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
row_order(const struct flagrow *a, const struct flagrow *b)
{
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

static int
row_order_qsort(const void *pa, const void *pb)
{
	return row_order(*(struct flagrow *const *)pa,
	    *(struct flagrow *const *)pb);
}

/*
 * A row as the sort sees it: row_order's first three tests (the grid's
 * rank, the tier, the days missed, descending) in one number, and a second
 * that orders rows of one kind (households, or check-ins from unknown
 * addresses) as row_order does where it differs: a sorted roster's
 * household by its place in it, any other row by its key's first bytes.
 */
struct sortent {
	uint64_t major, minor;
	struct flagrow *f;
};

enum { RANK_BITS = 28 };	/* tier in 4 bits, missed in 32 below */

/* exact: minor alone orders the two (a sorted roster's households) */
static inline int
ent_order(const struct sortent *a, const struct sortent *b, int exact)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	return exact ? 0 : row_order(a->f, b->f);
}

/*
 * Entries a[0..n) in order, stable: runs of 16 by insertion, then merged
 * a pair at a time through t.  Returns where the result is, a or t.
 */
static struct sortent *
merge_sort(struct sortent *a, struct sortent *t, size_t n, int exact)
{
	enum { RUN = 16 };

	for (size_t lo = 0; lo < n; lo += RUN) {
		size_t hi = lo + RUN < n ? lo + RUN : n;
		for (size_t i = lo + 1; i < hi; i++) {
			struct sortent x = a[i];
			size_t j = i;
			for (; j > lo && ent_order(&x, &a[j - 1], exact) < 0; j--)
				a[j] = a[j - 1];
			a[j] = x;
		}
	}
	struct sortent *src = a, *dst = t;
	for (size_t w = RUN; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = ent_order(&src[j], &src[i], exact) < 0 ?
				    src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		struct sortent *x = src;
		src = dst;
		dst = x;
	}
	return src;
}

static void
entries(const struct state *s, struct flagrow **rows, size_t n,
    struct sortent *e, int by_place)
{
	for (size_t i = 0; i < n; i++) {
		const struct flagrow *f = rows[i];
		e[i].major = (uint64_t)s->rank[f->grid] << 36 |
		    (uint64_t)(f->tier & 15) << 32 |
		    (uint64_t)((int64_t)INT32_MAX - f->missed);
		e[i].minor = by_place ? (uint64_t)(f->h - s->hh) : f->kp[0];
		e[i].f = rows[i];
	}
}

/*
 * rows[0..n) in row_order's order, stable: the households' rows
 * rows[0..nh) and the unknown ones after them each merge sorted by their
 * entries, then the two merged.  glibc's qsort of the rows called
 * row_order through a pointer 18 times a row; here a sorted roster's
 * households never call it.
 */
void
sort_rows(struct state *s, struct flagrow **rows, size_t nh, size_t n)
{
	if (s->nnames >= (size_t)1 << RANK_BITS) {
		qsort(rows, n, sizeof(*rows), row_order_qsort);
		return;
	}
	struct sortent *a = sq_xmalloc((2 * n + 1) * sizeof(*a)), *t = a + n;
	int by_place = s->roster_sorted;
	entries(s, rows, nh, a, by_place);
	entries(s, rows + nh, n - nh, a + nh, 0);
	struct sortent *h = merge_sort(a, t, nh, by_place);
	struct sortent *u = merge_sort(a + nh, t + nh, n - nh, 0);
	size_t i = 0, j = 0, k = 0;
	while (i < nh && j < n - nh)
		rows[k++] = h[i].major != u[j].major ?
		    (h[i].major < u[j].major ? h[i++].f : u[j++].f) :
		    row_order(u[j].f, h[i].f) < 0 ? u[j++].f : h[i++].f;
	while (i < nh)
		rows[k++] = h[i++].f;
	while (j < n - nh)
		rows[k++] = u[j++].f;
	free(a);
}

/*
 * The key's first bytes as numbers that compare as strcmp() does: most
 * comparisons of the sort end there (keys have no NUL byte).
 */
void
key_prefix(struct flagrow *f)
{
	unsigned char b[KP_BYTES];
	size_t n = strnlen(f->key, KP_BYTES);

	f->longkey = n == KP_BYTES;
	memcpy(b, f->key, n);
	memset(b + n, 0, KP_BYTES - n);
	for (int w = 0; w < KP_WORDS; w++) {
		uint64_t v = 0;
		for (int i = 0; i < 8; i++)	/* big-endian: a load and a swap */
			v = v << 8 | b[w * 8 + i];
		f->kp[w] = v;
	}
}
