/*
 * fuzz_units.c — the unit conversions of sq-stock (values/units.c:
 * share/stock/units.txt and --units).
 *
 * Input: a units file, then optionally a byte 0xFF and a question "ITEM
 * FROM TO" (white space between).  Invariants:
 *  - a file loads all or nothing (refused, the rules already there are as
 *    they were); no leaks either way;
 *  - a unit converts to itself by 1; any answer is 0 (no rule) or a
 *    finite number from 1e-18 to 1e18 (two steps of at most 1e9), and
 *    when one way has an answer, so has the other;
 *  - the last rule of the file is the answer for its item and units
 *    (when they differ), and its inverse the other way, exactly;
 *  - for every rule (the first 64): its item converts between its units
 *    both ways, the answers deterministic;
 *  - the file loaded twice answers the same.
 */
#include <math.h>

#include "fuzz.h"
#include "text.h"
#include "units.h"
#include "value.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	return 0;
}

static void
check_pair(const struct sq_units *u, const char *key, const char *a,
    const char *b)
{
	double f = sq_units_factor(u, key, a, b);
	double r = sq_units_factor(u, key, b, a);

	FZ_CHECK(f == sq_units_factor(u, key, a, b));
	FZ_CHECK(f == 0 || (isfinite(f) && f >= 1e-18 && f <= 1e18));
	FZ_CHECK(r == 0 || (isfinite(r) && r >= 1e-18 && r <= 1e18));
	FZ_CHECK((f == 0) == (r == 0));
	FZ_CHECK(sq_units_factor(u, key, a, a) == 1);
	if (strcmp(a, b) == 0)
		FZ_CHECK(f == 1);
}

/*
 * The fields of a rule line as sq_units_load splits it (at most 8): the
 * line as lib/lines gives it (a BOM off the first, cut at a NUL, trimmed,
 * '#' a comment), then split at blanks and CRs.
 */
static int
fields(char *line, int first, char *f[8])
{
	char *save = NULL;
	const char *p = line;
	size_t len = strlen(line);
	int n = 0;

	if (first && sq_starts_bom(p, len)) {
		p += 3;
		len -= 3;
	}
	len = sq_trim(&p, len);
	line[(p - line) + len] = '\0';
	line += p - line;
	if (len == 0 || *line == '#')
		return 0;
	for (char *t = strtok_r(line, " \t\r\n", &save); t && n < 8;
	    t = strtok_r(NULL, " \t\r\n", &save))
		f[n++] = t;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t n1, n2;
	const char *q = (const char *)fz_split(d, n, 0xFF, &n1, &n2);
	char path[64];
	int fd = fz_memfile(d, n1, path);

	if (fd < 0)
		return 0;
	struct sq_units *u = sq_units_new();
	int rc = sq_units_load(u, path);
	FZ_CHECK(rc == 0 || rc == -1);
	if (rc < 0) {
		FZ_CHECK(sq_units_count(u) == 0);
		sq_units_free(u);
		close(fd);
		return 0;
	}
	size_t count = sq_units_count(u);
	/* again, on top: twice the rules, the same answers */
	struct sq_units *u2 = sq_units_new();
	FZ_CHECK(sq_units_load(u2, path) == 0);
	FZ_CHECK(sq_units_load(u2, path) == 0);
	FZ_CHECK(sq_units_count(u2) == 2 * count);
	close(fd);

	/* the rules as lines (up to a NUL, as getline and strtok see them) */
	char *text = malloc(n1 + 1), *last[8] = { NULL };
	FZ_CHECK(text != NULL);
	memcpy(text, d, n1);
	text[n1] = '\0';
	size_t seen = 0;
	for (char *p = text, *e; p < text + n1; p = e + 1) {
		e = memchr(p, '\n', (size_t)(text + n1 - p));
		if (e == NULL)
			e = text + n1;
		*e = '\0';
		char *f[8];
		if (fields(p, p == text, f) != 6)
			continue;
		seen++;
		char *item = sq_fold_lower(f[0], strlen(f[0]));
		char *from = sq_fold_lower(f[2], strlen(f[2]));
		char *to = sq_fold_lower(f[5], strlen(f[5]));
		if (seen <= 64) {
			check_pair(u, item, from, to);
			FZ_CHECK(sq_units_factor(u, item, from, to) != 0);
			FZ_CHECK(sq_units_factor(u, item, from, to) ==
			    sq_units_factor(u2, item, from, to));
		}
		for (int i = 0; i < 3; i++)
			free(last[i]);
		last[0] = item;
		last[1] = from;
		last[2] = to;
		last[3] = f[1];
		last[4] = f[4];
	}
	FZ_CHECK(seen == count);
	if (last[0] != NULL && strcmp(last[1], last[2]) != 0) {
		double a = 0, b = 0;
		FZ_CHECK(sq_double_parse(last[3], strlen(last[3]), &a) == 0);
		FZ_CHECK(sq_double_parse(last[4], strlen(last[4]), &b) == 0);
		double f = sq_units_factor(u, last[0], last[1], last[2]);
		double r = sq_units_factor(u, last[0], last[2], last[1]);
		FZ_CHECK(f == b / a);
		FZ_CHECK(r == 1 / f);
	}
	for (int i = 0; i < 3; i++)
		free(last[i]);
	free(text);

	/* the question */
	if (n2 > 0) {
		char *qs = malloc(n2 + 1), *f[8], *save = NULL;
		int nf = 0;
		FZ_CHECK(qs != NULL);
		memcpy(qs, q, n2);
		qs[n2] = '\0';
		for (char *t = strtok_r(qs, " \t\r\n", &save); t && nf < 3;
		    t = strtok_r(NULL, " \t\r\n", &save))
			f[nf++] = t;
		if (nf == 3) {
			char *k = sq_fold_lower(f[0], strlen(f[0]));
			char *a = sq_fold_lower(f[1], strlen(f[1]));
			char *b = sq_fold_lower(f[2], strlen(f[2]));
			check_pair(u, k, a, b);
			check_pair(u, "*", a, b);
			FZ_CHECK(sq_units_factor(u, k, a, b) ==
			    sq_units_factor(u2, k, a, b));
			free(k);
			free(a);
			free(b);
		}
		free(qs);
	}
	sq_units_free(u);
	sq_units_free(u2);
	return 0;
}
