/*
 * fuzz_keywords.c — rules files in share/ (rules/keywords.c: skills.txt,
 * symptoms.txt, vulnerable.txt) and matching free text against them.
 *
 * Input: a rules file, a byte 0xFF, then text to match.  Invariants:
 *  - a file is loaded or refused (NULL), never half: no leaks either way;
 *  - labels are unique and found again by name at their own index;
 *  - a match sets only bits of labels that exist, the same twice, for the
 *    text and for the whole input read as text (long: the heap path).
 * (That a label's own keyword matches it is left to test_keywords: the
 * library does not hand out the keywords it loaded.)
 */
#include "fuzz.h"
#include "keywords.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t n1, n2;
	const char *text = (const char *)fz_split(d, n, 0xFF, &n1, &n2);
	char path[64];
	int fd = fz_memfile(d, n1, path);

	if (fd < 0)
		return 0;
	struct sq_keywords *k = sq_keywords_load(path);
	close(fd);
	if (k == NULL)
		return 0;
	size_t nl = sq_keywords_nlabels(k);
	for (size_t i = 0; i < nl; i++) {
		const char *l = sq_keywords_label(k, i);
		FZ_CHECK(l != NULL);
		FZ_CHECK(sq_keywords_find(k, l) == (long)i);
	}
	FZ_CHECK(sq_keywords_label(k, nl) == NULL);
	uint64_t m = sq_keywords_match(k, text, n2);
	FZ_CHECK(m == sq_keywords_match(k, text, n2));
	if (nl < 64)
		FZ_CHECK((m >> nl) == 0);
	/* the whole input as text, too (long texts take the heap path) */
	uint64_t m2 = sq_keywords_match(k, (const char *)d, n);
	FZ_CHECK(m2 == sq_keywords_match(k, (const char *)d, n));
	if (nl < 64)
		FZ_CHECK((m2 >> nl) == 0);
	sq_keywords_free(k);
	return 0;
}
