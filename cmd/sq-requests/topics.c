/*
 * topics.c — the day's topics: counts a category and the repeated
 * questions (texts grouped by their bigrams), with no names in them.
 */
#include "requests.h"

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Character bigrams of the text's letters and CJK, sorted, unique. */
static size_t
bigrams(const struct state *s, const char *text, size_t len, uint64_t **out)
{
	/* the triage's normalization: 核算 and 核酸, 藥 and 药 are one topic */
	size_t n, i = 0, nb = 0;
	char *buf = sq_textnorm(s->triage ? sq_triage_norm(s->triage) : NULL,
	    text, len, &n);
	uint64_t *bi = sq_xmalloc((n + 2) * sizeof(*bi));
	long prev = -1;

	while (i < n) {
		int cp = sq_utf8_next((const unsigned char *)buf, n, &i);
		int keep = (cp >= 'a' && cp <= 'z') ||
		    (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
		if (!keep)
			continue;
		if (prev >= 0)
			bi[nb++] = (uint64_t)prev << 32 | (uint32_t)cp;
		prev = cp;
	}
	if (nb == 0 && prev >= 0)
		bi[nb++] = (uint64_t)prev << 32;
	free(buf);
	qsort(bi, nb, sizeof(*bi), cmp_u64);
	size_t u = 0;
	for (size_t k = 0; k < nb; k++)
		if (u == 0 || bi[u - 1] != bi[k])
			bi[u++] = bi[k];
	*out = bi;
	return u;
}

static double
jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return na + nb ? (double)both / (double)(na + nb - both) : 0;
}

void
keep_text(struct state *s, const char *text, size_t len, size_t cat)
{
	if (len == 0)
		return;
	if ((long)s->ntexts >= s->max_texts) {
		s->texts_skipped++;
		return;
	}
	if (s->ntexts == s->captexts) {
		s->captexts = s->captexts ? s->captexts * 2 : 64;
		s->texts = sq_xrealloc(s->texts, s->captexts * sizeof(*s->texts));
	}
	struct daytext *d = &s->texts[s->ntexts++];
	size_t ml;
	/* masked before it is grouped: a name or a phone neither splits a
	   question nor speaks for it */
	d->text = sq_mask_text(s->mask, SQ_MASK_DIGITS, text, len, &ml, NULL,
	    NULL);
	d->cat = cat;
	d->nbi = bigrams(s, d->text, ml, &d->bi);
	d->group = -1;
}

struct group {
	size_t	 first, count, rep;
};

static int
by_count(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

static int
by_today(const void *pa, const void *pb)
{
	const struct cat *a = *(struct cat *const *)pa;
	const struct cat *b = *(struct cat *const *)pb;

	if (a->today != b->today)
		return a->today > b->today ? -1 : 1;
	return a < b ? -1 : a > b;
}

int
write_topics(struct state *s)
{
	struct group *g = sq_xcalloc(s->ntexts + 1, sizeof(*g));
	size_t ng = 0;
	char when[17], day[11];

	/* greedy, in the order of the file: join the most alike group */
	for (size_t i = 0; i < s->ntexts; i++) {
		struct daytext *d = &s->texts[i];
		double best = -1;
		size_t bg = 0;
		if (d->nbi == 0)
			continue;
		for (size_t k = 0; k < ng; k++) {
			const struct daytext *f = &s->texts[g[k].first];
			double j = jaccard(d->bi, d->nbi, f->bi, f->nbi);
			if (j >= s->similar && j > best) {
				best = j;
				bg = k;
			}
		}
		if (best < 0) {
			bg = ng++;
			g[bg].first = g[bg].rep = i;
		}
		g[bg].count++;
		d->group = (long)bg;
		/* the shortest text speaks for the group: least personal */
		if (strlen(d->text) < strlen(s->texts[g[bg].rep].text))
			g[bg].rep = i;
	}
	qsort(g, ng, sizeof(*g), by_count);

	json_t *root = json_object(), *cats = json_array(), *rep = json_array();
	fmt_when(s->now, when);
	sq_date_from_days(s->nowday, day);
	json_object_set_new(root, "date", json_string(day));
	json_object_set_new(root, "now", json_string(when));
	json_object_set_new(root, "requests", json_integer(s->today));
	json_object_set_new(root, "urgent", json_integer(s->today_urgent));
	json_object_set_new(root, "open", json_integer(s->nopenreq));
	long od = 0;
	for (size_t i = 0; i < s->nopen; i++)
		od += s->open[i].overdue;
	json_object_set_new(root, "overdue", json_integer(od));
	struct cat **order = sq_xcalloc(s->ncats, sizeof(*order));
	size_t no = 0;
	for (size_t i = 0; i < s->ncats; i++)
		if (i != s->urgent_cat)
			order[no++] = &s->cats[i];
	qsort(order, no, sizeof(*order), by_today);
	for (size_t i = 0; i < no; i++) {
		const struct cat *c = order[i];
		json_t *o = json_object();
		json_object_set_new(o, "category", json_string(c->id));
		json_object_set_new(o, "name", json_string(c->zh));
		json_object_set_new(o, "count", json_integer(c->today));
		json_object_set_new(o, "urgent", json_integer(c->urgent));
		json_object_set_new(o, "open", json_integer(c->open));
		json_object_set_new(o, "overdue", json_integer(c->overdue));
		json_object_set_new(o, "sensitive", json_boolean(c->sensitive));
		json_array_append_new(cats, o);
	}
	free(order);
	json_object_set_new(root, "categories", cats);
	long shown = 0;
	for (size_t i = 0; i < ng && shown < s->top; i++) {
		const struct daytext *d = &s->texts[g[i].rep];
		const struct cat *c = &s->cats[s->texts[g[i].first].cat];
		long need = c->sensitive && s->min_count < 3 ? 3 : s->min_count;
		if ((long)g[i].count < need)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "count", json_integer((long)g[i].count));
		json_object_set_new(o, "category", json_string(c->id));
		json_object_set_new(o, "name", json_string(c->zh));
		json_object_set_new(o, "text", json_string(d->text));
		json_array_append_new(rep, o);
		shown++;
	}
	json_object_set_new(root, "repeated", rep);
	json_object_set_new(root, "texts_grouped", json_integer((long)s->ntexts));
	json_object_set_new(root, "texts_not_grouped",
	    json_integer(s->texts_skipped));
	free(g);

	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(root);
	return sq_write_document(s->topics_path, text);
}
