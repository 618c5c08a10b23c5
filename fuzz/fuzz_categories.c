/*
 * fuzz_categories.c — the categories file of sq-requests
 * (share/requests/categories.txt: "id 名称 respond solve [sensitive]"),
 * read by rules/reqcats (sq_reqcats_load), through its header: the harness
 * no longer includes a program's source (issue #18).
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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "reqcats.h"

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

static int
load(struct sq_reqcats *s, struct sq_classify *rules, const char *path)
{
	memset(s, 0, sizeof(*s));
	return sq_reqcats_load(s, path, rules);
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
	struct sq_reqcats s, s2;
	int rc = load(&s, rules, path);
	int rc2 = load(&s2, rules, path);
	close(fd);
	FZ_CHECK(rc == 0 || rc == -1);
	FZ_CHECK(rc == rc2 && s.n == s2.n);
	FZ_CHECK((long)s.n <= lines);
	for (size_t i = 0; i < s.n; i++) {
		const struct sq_reqcat *c = &s.cat[i], *c2 = &s2.cat[i];
		FZ_CHECK(strcmp(c->id, c2->id) == 0 && strcmp(c->zh, c2->zh) == 0);
		FZ_CHECK(c->respond == c2->respond && c->solve == c2->solve &&
		    c->sensitive == c2->sensitive && c->label == c2->label);
	}
	if (rc == 0) {
		FZ_CHECK(s.urgent < s.n && s.other < s.n);
		FZ_CHECK(strcmp(s.cat[s.urgent].id, "urgent") == 0);
		FZ_CHECK(strcmp(s.cat[s.other].id, "other") == 0);
		for (size_t i = 0; i < s.n; i++) {
			const struct sq_reqcat *c = &s.cat[i];
			FZ_CHECK(c->id[0] != '\0' && c->zh[0] != '\0');
			FZ_CHECK(strpbrk(c->id, " \t\r\n") == NULL);
			FZ_CHECK(c->respond >= 1 && c->respond <= 100000L * 1440);
			FZ_CHECK(c->solve >= 1 && c->solve <= 100000L * 1440);
			FZ_CHECK(c->sensitive == 0 || c->sensitive == 1);
			FZ_CHECK(c->label == sq_classify_find(rules, c->id));
			for (size_t j = 0; j < i; j++)
				FZ_CHECK(strcmp(s.cat[j].id, c->id) != 0);
		}
		for (size_t l = 0; l < sq_classify_nlabels(rules); l++) {
			size_t k;
			for (k = 0; k < s.n && strcmp(s.cat[k].id,
			    sq_classify_label(rules, l)); k++)
				;
			FZ_CHECK(k < s.n);
		}
	}
	sq_reqcats_free(&s);
	sq_reqcats_free(&s2);
	sq_classify_free(rules);
	return 0;
}
