/*
 * fuzz_classify.c — the weighted keyword rules of sq-requests
 * (rules/classify.c, share/requests/rules.txt) and scoring text with them.
 *
 * Input: a rules file, a byte 0xFF, then a text to classify.  Invariants:
 *  - a file loads all or nothing: refused, it adds nothing (loaded alone,
 *    no labels and no keywords; loaded on top of a small fixed set of
 *    rules, that set as it was); no leaks either way; the same file is
 *    refused alone and on top of other rules alike;
 *  - loaded on top of other rules, every keyword of the file is there with
 *    the file's weight and "~" (the last file wins), every other keyword
 *    keeps its own, labels already there keep their index;
 *  - a label a "min:" line names is found by that name, as written;
 *  - labels are unique and found again at their index; keywords point at
 *    labels that exist, are non-empty, folded (folding them again changes
 *    nothing), weigh -99..99, and no label has the same keyword twice;
 *  - scoring is deterministic; a label's score is within the sum of its
 *    keywords' weights either way; white space before, after and inside
 *    the text (runs for single spaces) and ASCII upper case change no
 *    score; long texts (the heap path) too;
 *  - a text that is exactly one keyword of a label (weight not 0) lists
 *    that keyword for the label, in upper case and after spaces too,
 *    "~word" or not: no negation word comes before it; when no keyword of
 *    the label holds a ';', the list splits into keywords of the label,
 *    in order, whose weights add up to the label's score;
 *  - the list cut to a small size is the start of the whole list, cut at
 *    a character boundary, NUL-terminated.
 */
#include "classify.h"
#include "fuzz.h"
#include "text.h"

static const char base_rules[] =
    "negate: 没有, 没, 不, no, not\n"
    "min: urgent=2\n"
    "urgent: ~发烧=2, ~胸痛=2, chest pain=2, 救命=3, 独居\n"
    "medical: 药=2, 医院, doctor=3, ~发烧=2, 药店关门=-1\n"
    "other: 猫=2, pet, 宠物医院=3\n"
    "medical: 宠物医院=-6\n";
static char base_path[64];
static struct sq_classify *base;	/* the base rules, loaded once */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	if (fz_memfile(base_rules, sizeof(base_rules) - 1, base_path) < 0)
		abort();
	base = sq_classify_new();
	if (sq_classify_load(base, base_path) < 0)
		abort();
	return 0;
}

/* Scores of text into a new array (nlabels + 1 ints). */
static int *
scores(const struct sq_classify *c, const char *text, size_t len)
{
	int *s = calloc(sq_classify_nlabels(c) + 1, sizeof(int));

	FZ_CHECK(s != NULL);
	sq_classify_score(c, text, len, s, -1, NULL, 0);
	return s;
}

static int
same_scores(const struct sq_classify *c, const int *a, const char *text,
    size_t len)
{
	int *b = scores(c, text, len);
	int same = memcmp(a, b, sq_classify_nlabels(c) * sizeof(int)) == 0;

	free(b);
	return same;
}

/* Room for every keyword of the rules, ';'-separated. */
static size_t
list_size(const struct sq_classify *c)
{
	size_t n = 1;

	for (size_t i = 0; i < sq_classify_nkeywords(c); i++)
		n += strlen(sq_classify_keyword(c, i, NULL, NULL, NULL)) + 1;
	return n;
}

static void
check_structure(const struct sq_classify *c)
{
	size_t nl = sq_classify_nlabels(c), nk = sq_classify_nkeywords(c);

	for (size_t i = 0; i < nl; i++) {
		const char *l = sq_classify_label(c, i);
		FZ_CHECK(l != NULL && l[0] != '\0');
		FZ_CHECK(sq_classify_find(c, l) == (long)i);
	}
	FZ_CHECK(sq_classify_label(c, nl) == NULL);
	FZ_CHECK(sq_classify_keyword(c, nk, NULL, NULL, NULL) == NULL);
	for (size_t i = 0; i < nk; i++) {
		size_t label;
		int w, neg;
		const char *k = sq_classify_keyword(c, i, &label, &w, &neg);
		size_t kl = strlen(k);
		FZ_CHECK(k != NULL && kl > 0);
		FZ_CHECK(label < nl);
		FZ_CHECK(w >= -99 && w <= 99);
		FZ_CHECK(neg == 0 || neg == 1);
		char *f = malloc(kl + 1);
		FZ_CHECK(f != NULL);
		FZ_CHECK(sq_classify_fold(k, kl, f, kl + 1) == kl);
		FZ_CHECK(memcmp(f, k, kl) == 0);
		free(f);
		/* quadratic: only for files of a sane size */
		for (size_t j = 0; nk <= 300 && j < i; j++) {
			size_t lj;
			const char *kj = sq_classify_keyword(c, j, &lj, NULL, NULL);
			FZ_CHECK(lj != label || strcmp(kj, k) != 0);
		}
	}
}

/* The keywords of label found for a text (as sq_classify_score lists them). */
static void
check_list(const struct sq_classify *c, size_t label, const char *list,
    int score)
{
	size_t nk = sq_classify_nkeywords(c), next = 0;
	int sum = 0;

	for (size_t i = 0; i < nk; i++) {
		size_t l;
		const char *k = sq_classify_keyword(c, i, &l, NULL, NULL);
		if (l == label && strchr(k, ';') != NULL)
			return;		/* ambiguous: no split */
	}
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ';');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		size_t i;
		/* the next keyword of the label with this text */
		for (i = next; i < nk; i++) {
			size_t l;
			int w;
			const char *k = sq_classify_keyword(c, i, &l, &w, NULL);
			if (l == label && w != 0 && strlen(k) == n &&
			    memcmp(k, p, n) == 0) {
				sum += w;
				break;
			}
		}
		FZ_CHECK(i < nk);
		next = i + 1;
		p += n;
		if (*p == ';')
			p++;
	}
	FZ_CHECK(sum == score);
}

/* A text that is exactly keyword i, as written and disguised. */
static void
check_keyword(const struct sq_classify *c, size_t i, char *list,
    size_t lsize, int *sc)
{
	size_t label;
	int w;
	const char *k = sq_classify_keyword(c, i, &label, &w, NULL);
	size_t kl = strlen(k);

	if (w == 0)
		return;
	sq_classify_score(c, k, kl, sc, (long)label, list, lsize);
	/* listed: as an item of the list (or the whole of it) */
	int found = 0;
	for (const char *p = list; !found && (p = strstr(p, k)) != NULL; p++)
		found = (p == list || p[-1] == ';') &&
		    (p[kl] == '\0' || p[kl] == ';');
	FZ_CHECK(found);
	check_list(c, label, list, sc[label]);
	/* upper case, after spaces */
	char *u = malloc(kl + 3);
	FZ_CHECK(u != NULL);
	u[0] = ' ';
	u[1] = '\t';
	for (size_t j = 0; j < kl; j++)
		u[j + 2] = (char)(k[j] >= 'a' && k[j] <= 'z' ? k[j] - 32 : k[j]);
	FZ_CHECK(same_scores(c, sc, u, kl + 2));
	free(u);
}

/* What a list cut to msize must be: the start of the whole one. */
static void
check_cut(const struct sq_classify *c, const char *text, size_t len,
    long which, const char *whole, size_t msize)
{
	size_t nl = sq_classify_nlabels(c), wl = strlen(whole);
	int *sc = calloc(nl + 1, sizeof(int));
	char *m = malloc(msize);

	FZ_CHECK(sc != NULL && m != NULL);
	sq_classify_score(c, text, len, sc, which, m, msize);
	size_t n = strnlen(m, msize);
	FZ_CHECK(n < msize);
	FZ_CHECK(n <= wl && memcmp(m, whole, n) == 0);
	if (n < wl && n > 0 && whole[n - 1] != ';')
		FZ_CHECK(((unsigned char)whole[n] & 0xC0) != 0x80);
	free(m);
	free(sc);
}

/* With all: the lists of a few labels and a text of each of a few keywords. */
static void
check_scoring(const struct sq_classify *c, const char *text, size_t len,
    unsigned cut, int all)
{
	size_t nl = sq_classify_nlabels(c), nk = sq_classify_nkeywords(c);
	int *s = scores(c, text, len);

	FZ_CHECK(same_scores(c, s, text, len));
	/* within the weights */
	for (size_t l = 0; l < nl; l++) {
		long pos = 0, neg = 0;
		for (size_t i = 0; i < nk; i++) {
			size_t kl;
			int w;
			sq_classify_keyword(c, i, &kl, &w, NULL);
			if (kl == l && w > 0)
				pos += w;
			else if (kl == l)
				neg += w;
		}
		FZ_CHECK(s[l] >= neg && s[l] <= pos);
	}
	/* spaces around and inside, upper case */
	char *t = malloc(2 * len + 8);
	FZ_CHECK(t != NULL);
	memcpy(t, " \t\n", 3);
	memcpy(t + 3, text, len);
	memcpy(t + 3 + len, "\r\n ", 3);
	FZ_CHECK(same_scores(c, s, t, len + 6));
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		t[o++] = text[i];
		if (text[i] == ' ')
			t[o++] = '\t';
	}
	FZ_CHECK(same_scores(c, s, t, o));
	for (size_t i = 0; i < len; i++)
		t[i] = (char)(text[i] >= 'a' && text[i] <= 'z' ? text[i] - 32 :
		    text[i]);
	FZ_CHECK(same_scores(c, s, t, len));
	free(t);
	if (!all) {
		free(s);
		return;
	}

	/* the list of each label, whole and cut */
	size_t lsize = list_size(c);
	char *list = malloc(lsize);
	int *sc = calloc(nl + 1, sizeof(int));
	FZ_CHECK(list != NULL && sc != NULL);
	for (size_t l = 0; l < nl && l < 8; l++) {
		sq_classify_score(c, text, len, sc, (long)l, list, lsize);
		FZ_CHECK(memcmp(sc, s, nl * sizeof(int)) == 0);
		check_list(c, l, list, s[l]);
		check_cut(c, text, len, (long)l, list, 1 + cut % 24);
	}
	sq_classify_score(c, text, len, sc, -1, list, lsize);
	FZ_CHECK(list[0] == '\0');
	for (size_t i = 0; i < nk && i < 16; i++)
		check_keyword(c, i, list, lsize, sc);
	free(sc);
	free(list);
	free(s);
}

/* Each label named on a "min:" line of the file (loaded) is found. */
static void
check_min_names(const struct sq_classify *c, const char *rules, size_t len)
{
	const char *end = rules + len;

	for (const char *p = rules; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *l = malloc(n + 1);
		FZ_CHECK(l != NULL);
		/* as sq_classify_load reads a line: up to a NUL, folded */
		size_t ln = sq_fold(p, strnlen(p, n), l, n + 1);
		l[ln] = '\0';
		char *colon = strchr(l, ':');
		const char *name = l;
		if (colon && sq_trim(&name, (size_t)(colon - l)) == 3 &&
		    memcmp(name, "min", 3) == 0 && name[0] != '#') {
			char *save = NULL;
			for (char *tok = strtok_r(colon + 1, ",", &save); tok;
			    tok = strtok_r(NULL, ",", &save)) {
				const char *q = tok;
				size_t qn = sq_trim(&q, strlen(tok));
				if (qn > 0 && q[0] == '~') {
					q++;
					qn--;
				}
				const char *eq = memchr(q, '=', qn);
				if (eq)
					qn = (size_t)(eq - q);
				qn = sq_trim(&q, qn);
				if (qn == 0)
					continue;
				char *want = strndup(q, qn);
				FZ_CHECK(want != NULL);
				FZ_CHECK(sq_classify_find(c, want) >= 0);
				free(want);
			}
		}
		free(l);
		p += n + 1;
	}
}

/* Rules a and b the same: labels, minimums, keywords. */
static int
same_rules(const struct sq_classify *a, const struct sq_classify *b)
{
	if (sq_classify_nlabels(a) != sq_classify_nlabels(b) ||
	    sq_classify_nkeywords(a) != sq_classify_nkeywords(b))
		return 0;
	for (size_t i = 0; i < sq_classify_nlabels(a); i++)
		if (strcmp(sq_classify_label(a, i), sq_classify_label(b, i)) ||
		    sq_classify_min(a, i) != sq_classify_min(b, i))
			return 0;
	for (size_t i = 0; i < sq_classify_nkeywords(a); i++) {
		size_t la, lb;
		int wa, wb, na, nb;
		const char *ka = sq_classify_keyword(a, i, &la, &wa, &na);
		const char *kb = sq_classify_keyword(b, i, &lb, &wb, &nb);
		if (strcmp(ka, kb) || la != lb || wa != wb || na != nb)
			return 0;
	}
	return 1;
}

/* Index of keyword k of label (by name) in c, or -1. */
static long
find_keyword(const struct sq_classify *c, const char *label, const char *k)
{
	long l = sq_classify_find(c, label);

	for (size_t i = 0; l >= 0 && i < sq_classify_nkeywords(c); i++) {
		size_t li;
		const char *ki = sq_classify_keyword(c, i, &li, NULL, NULL);
		if (li == (size_t)l && strcmp(ki, k) == 0)
			return (long)i;
	}
	return -1;
}

/* c0: the base; cb: the base, then the file; c: the file alone. */
static void
check_merge(const struct sq_classify *c0, const struct sq_classify *cb,
    const struct sq_classify *c)
{
	for (size_t i = 0; i < sq_classify_nlabels(c0); i++)
		FZ_CHECK(strcmp(sq_classify_label(c0, i),
		    sq_classify_label(cb, i)) == 0);
	for (size_t i = 0; i < sq_classify_nkeywords(c); i++) {
		size_t l;
		int w, neg, wb, negb;
		const char *k = sq_classify_keyword(c, i, &l, &w, &neg);
		long j = find_keyword(cb, sq_classify_label(c, l), k);
		FZ_CHECK(j >= 0);
		sq_classify_keyword(cb, (size_t)j, NULL, &wb, &negb);
		FZ_CHECK(w == wb && neg == negb);
	}
	for (size_t i = 0; i < sq_classify_nkeywords(c0); i++) {
		size_t l, lb;
		int w, neg, wb, negb;
		const char *k = sq_classify_keyword(c0, i, &l, &w, &neg);
		const char *kb = sq_classify_keyword(cb, i, &lb, &wb, &negb);
		/* keeps its place; its weight unless the file gave one */
		FZ_CHECK(kb != NULL && strcmp(k, kb) == 0 && l == lb);
		if (find_keyword(c, sq_classify_label(c0, l), k) < 0)
			FZ_CHECK(w == wb && neg == negb);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t n1, n2;
	const char *text = (const char *)fz_split(d, n, 0xFF, &n1, &n2);
	unsigned cut = n > 0 ? d[n - 1] : 0;
	char path[64];
	int fd = fz_memfile(d, n1, path);

	if (fd < 0)
		return 0;
	struct sq_classify *c = sq_classify_new();
	struct sq_classify *cb = sq_classify_new();
	int rc = sq_classify_load(c, path);
	FZ_CHECK(sq_classify_load(cb, base_path) == 0);
	int rcb = sq_classify_load(cb, path);
	close(fd);
	FZ_CHECK(rc == 0 || rc == -1);
	FZ_CHECK(rc == rcb);
	if (rc < 0) {
		FZ_CHECK(sq_classify_nlabels(c) == 0);
		FZ_CHECK(sq_classify_nkeywords(c) == 0);
		FZ_CHECK(same_rules(base, cb));
	} else {
		check_structure(c);
		check_structure(cb);
		check_min_names(c, (const char *)d, n1);
		check_merge(base, cb, c);
		check_scoring(c, text, n2, cut, 1);
		/* the whole input as text, too (long texts take the heap path) */
		check_scoring(c, (const char *)d, n, cut, 0);
	}
	check_scoring(cb, text, n2, cut, 0);
	sq_classify_free(c);
	sq_classify_free(cb);
	return 0;
}
