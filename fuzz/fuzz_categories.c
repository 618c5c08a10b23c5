/*
 * fuzz_categories.c — the categories file of sq-requests
 * (share/requests/categories.txt: "id 名称 respond solve [sensitive]"),
 * read by load_categories_from in cmd/sq-requests.c, included here with its
 * main renamed.
 *
 * Input: a categories file, then optionally a byte 0xFF and a rules file
 * (rules/classify.c) to check it against; when there is none or it does not
 * load, small fixed rules with the labels urgent, medical and other.
 * Invariants:
 *  - loaded: "urgent" and "other" are there; ids are unique, without
 *    white space; names non-empty; times from 1 minute to 100000 days;
 *    each category knows its label in the rules (or -1), and every label of
 *    the rules is a category; not loaded: no more categories than lines;
 *  - the same bytes give the same answer and categories again; no leaks.
 */
#define main sq_requests_main
#include "../cmd/sq-requests.c"
#undef main

#include "fuzz.h"

static const char base_rules[] =
    "negate: 没有, no\n"
    "urgent: 救命=3, ~发烧=2\n"
    "medical: 药=2, 医院\n"
    "other: 猫=2\n";
static char base_path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	if (fz_memfile(base_rules, sizeof(base_rules) - 1, base_path) < 0)
		abort();
	return 0;
}

static void
state_free(struct state *s)
{
	for (size_t i = 0; i < s->ncats; i++) {
		free(s->cats[i].id);
		free(s->cats[i].zh);
	}
	free(s->cats);
}

static int
load(struct state *s, struct sq_classify *rules, const char *path)
{
	memset(s, 0, sizeof(*s));
	s->rules = rules;
	return load_categories_from(s, path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t n1, n2;
	const uint8_t *rt = fz_split(d, n, 0xFF, &n1, &n2);
	char path[64], rpath[64];
	struct sq_classify *rules = sq_classify_new();
	long lines = 0;

	for (size_t i = 0; i < n1; i++)
		lines += d[i] == '\n';
	if (n1 > 0 && d[n1 - 1] != '\n')
		lines++;
	/* the rules after the 0xFF, else the fixed ones */
	int rfd = n2 > 0 ? fz_memfile(rt, n2, rpath) : -1;
	if (rfd < 0 || sq_classify_load(rules, rpath) < 0)
		FZ_CHECK(sq_classify_load(rules, base_path) == 0);
	if (rfd >= 0)
		close(rfd);

	int fd = fz_memfile(d, n1, path);
	if (fd < 0) {
		sq_classify_free(rules);
		return 0;
	}
	struct state s, s2;
	int rc = load(&s, rules, path);
	int rc2 = load(&s2, rules, path);
	close(fd);
	FZ_CHECK(rc == 0 || rc == -1);
	FZ_CHECK(rc == rc2 && s.ncats == s2.ncats);
	FZ_CHECK((long)s.ncats <= lines);
	for (size_t i = 0; i < s.ncats; i++) {
		const struct cat *c = &s.cats[i], *c2 = &s2.cats[i];
		FZ_CHECK(strcmp(c->id, c2->id) == 0 && strcmp(c->zh, c2->zh) == 0);
		FZ_CHECK(c->respond == c2->respond && c->solve == c2->solve &&
		    c->sensitive == c2->sensitive && c->label == c2->label);
	}
	if (rc == 0) {
		FZ_CHECK(s.urgent_cat < s.ncats && s.other < s.ncats);
		FZ_CHECK(strcmp(s.cats[s.urgent_cat].id, "urgent") == 0);
		FZ_CHECK(strcmp(s.cats[s.other].id, "other") == 0);
		for (size_t i = 0; i < s.ncats; i++) {
			const struct cat *c = &s.cats[i];
			FZ_CHECK(c->id[0] != '\0' && c->zh[0] != '\0');
			FZ_CHECK(strpbrk(c->id, " \t\r\n") == NULL);
			FZ_CHECK(c->respond >= 1 && c->respond <= 100000L * 1440);
			FZ_CHECK(c->solve >= 1 && c->solve <= 100000L * 1440);
			FZ_CHECK(c->sensitive == 0 || c->sensitive == 1);
			FZ_CHECK(c->label == sq_classify_find(rules, c->id));
			for (size_t j = 0; j < i; j++)
				FZ_CHECK(strcmp(s.cats[j].id, c->id) != 0);
		}
		for (size_t l = 0; l < sq_classify_nlabels(rules); l++) {
			size_t k;
			for (k = 0; k < s.ncats && strcmp(s.cats[k].id,
			    sq_classify_label(rules, l)); k++)
				;
			FZ_CHECK(k < s.ncats);
		}
	}
	state_free(&s);
	state_free(&s2);
	sq_classify_free(rules);
	return 0;
}
