/*
 * state.c — the run's state: the requests known by rid, the categories,
 * freeing it all.
 */
#include "requests.h"

const char *
req_key(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;

	*len = strlen(s->reqs[i].rid);
	return s->reqs[i].rid;
}

struct req *
req_get(struct state *s, const char *rid, size_t len, int add)
{
	long i = sq_hmap_get(&s->index, rid, len);

	if (i >= 0)
		return &s->reqs[i];
	if (!add)
		return NULL;
	if (s->nreqs == s->capreqs) {
		s->capreqs = s->capreqs ? s->capreqs * 2 : 256;
		s->reqs = sq_xrealloc(s->reqs, s->capreqs * sizeof(*s->reqs));
	}
	struct req *r = &s->reqs[s->nreqs];
	memset(r, 0, sizeof(*r));
	r->rid = sq_arena_strndup(&s->arena, rid, len);
	r->t_answered = r->t_solved = r->t_closed = r->t_last = NO_TIME;
	sq_hmap_put(&s->index, r->rid, len, (uint32_t)s->nreqs);
	s->nreqs++;
	return r;
}

/* The categories of path, copied into the state with their counts. */
static int
load_categories_from(struct state *s, const char *path)
{
	struct sq_reqcats rc;

	memset(&rc, 0, sizeof(rc));
	int st = sq_reqcats_load(&rc, path, s->rules);
	s->cats = sq_xcalloc(rc.n + 1, sizeof(*s->cats));
	for (size_t i = 0; i < rc.n; i++) {
		struct cat *c = &s->cats[i];
		c->id = rc.cat[i].id;
		c->zh = rc.cat[i].zh;
		c->respond = rc.cat[i].respond;
		c->solve = rc.cat[i].solve;
		c->sensitive = rc.cat[i].sensitive;
		c->label = rc.cat[i].label;
	}
	s->ncats = rc.n;
	s->urgent_cat = rc.urgent;
	s->other = rc.other;
	free(rc.cat);		/* the strings are the state's now */
	return st;
}

int
load_categories(struct state *s)
{
	char *path = sq_datafile(&s->c, "requests/categories.txt");
	int rc = load_categories_from(s, path);

	free(path);
	return rc;
}

long
cat_find(const struct state *s, const char *id, size_t len)
{
	for (size_t i = 0; i < s->ncats; i++)
		if (i != s->urgent_cat && word_is(id, len, s->cats[i].id))
			return (long)i;
	for (size_t i = 0; i < s->ncats; i++)
		if (i != s->urgent_cat && strlen(s->cats[i].zh) == len &&
		    memcmp(s->cats[i].zh, id, len) == 0)
			return (long)i;
	return -1;
}

void
free_state(struct state *s)
{
	for (size_t i = 0; i < s->ncats; i++) {
		free(s->cats[i].id);
		free(s->cats[i].zh);
	}
	sq_words_free(s->words);
	free(s->cats);
	for (size_t i = 0; i < s->nevwords; i++)
		free(s->evwords[i].word);
	free(s->evwords);
	for (size_t i = 0; i < s->ntexts; i++) {
		free(s->texts[i].text);
		free(s->texts[i].bi);
	}
	free(s->texts);
	free(s->open);
	free(s->reqs);
	for (size_t i = 0; i < s->nevk; i++)
		sq_rec_free(&s->evk[i].rec);
	free(s->evk);
	free(s->events_name);
	sq_hmap_free(&s->index);
	sq_arena_free(&s->arena);
	sq_triage_free(s->triage);
	sq_aliases_free(s->aliases);
	sq_mask_free(s->mask);
	free(s->people);
}
