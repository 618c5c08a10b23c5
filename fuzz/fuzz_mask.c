/*
 * fuzz_mask.c — rules/mask.c: the rules file (share/mask.txt) and masking
 * free text with it.
 *
 * Input: rules, a byte 0xFF, names one a line, a byte 0xFF, then the text.
 * Invariants, with and without SQ_MASK_DIGITS:
 *  - the hits are in order, inside the text, never overlapping, each of a
 *    known kind, and start and end on character boundaries of valid UTF-8;
 *  - the masked text is the text with each hit replaced by '*', 某 or 某某:
 *    rebuilt from the hits, it is byte for byte the same, and its length;
 *  - masking is the same twice, and the masked text masks to itself with
 *    no phone, ID, plate, flat or e-mail left.
 */
#include "fuzz.h"
#include "mask.h"
#include "text.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	return 0;
}

static int
boundary(const char *s, size_t len, size_t at)
{
	return at == 0 || at == len || ((unsigned char)s[at] & 0xC0) != 0x80;
}

static void
check(const struct sq_mask *m, int flags, const char *t, size_t n)
{
	struct sq_mask_hit *h, *h2;
	size_t nh, nh2, ol, ol2;
	char *out = sq_mask_text(m, flags, t, n, &ol, &h, &nh);
	char *again = sq_mask_text(m, flags, t, n, &ol2, &h2, &nh2);
	int valid = sq_utf8_valid((const unsigned char *)t, n, NULL);

	FZ_CHECK(ol == ol2 && memcmp(out, again, ol) == 0 && nh == nh2);
	FZ_CHECK(out[ol] == '\0');
	size_t prev = 0, o = 0;
	for (size_t i = 0; i < nh; i++) {
		FZ_CHECK(h[i].off >= prev && h[i].len > 0);
		FZ_CHECK(h[i].off + h[i].len <= n);
		FZ_CHECK(h[i].off == h2[i].off && h[i].len == h2[i].len);
		FZ_CHECK(h[i].kind > 0 && h[i].kind <= SQ_MASK_NUMBER &&
		    (h[i].kind & (h[i].kind - 1)) == 0);
		if (valid)
			FZ_CHECK(boundary(t, n, h[i].off) &&
			    boundary(t, n, h[i].off + h[i].len));
		size_t keep = h[i].off - prev;
		FZ_CHECK(o + keep <= ol && memcmp(out + o, t + prev, keep) == 0);
		o += keep;
		const char *with = h[i].with;
		size_t wl = strlen(with);
		FZ_CHECK(strcmp(with, "*") == 0 || (h[i].kind == SQ_MASK_NAME &&
		    (strcmp(with, "某") == 0 || strcmp(with, "某某") == 0)));
		FZ_CHECK(o + wl <= ol && memcmp(out + o, with, wl) == 0);
		o += wl;
		prev = h[i].off + h[i].len;
	}
	FZ_CHECK(ol - o == n - prev && memcmp(out + o, t + prev, n - prev) == 0);
	/* what is left has no number to mask */
	struct sq_mask_hit *h3;
	size_t nh3, ol3;
	char *twice = sq_mask_text(m, flags, out, ol, &ol3, &h3, &nh3);
	for (size_t i = 0; i < nh3; i++)
		FZ_CHECK(h3[i].kind == SQ_MASK_NAME ||
		    h3[i].kind == SQ_MASK_NUMBER);
	free(twice);
	free(h3);
	free(out);
	free(again);
	free(h);
	free(h2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t n1, rest, n2, n3;
	const uint8_t *p = fz_split(d, n, 0xFF, &n1, &rest);
	const char *text = (const char *)fz_split(p, rest, 0xFF, &n2, &n3);
	struct sq_mask *m = sq_mask_parse("fuzz", (const char *)d, n1);

	for (size_t a = 0, i = 0; i <= n2; i++)
		if (i == n2 || p[i] == '\n') {
			sq_mask_add_name(m, (const char *)p + a, i - a);
			a = i + 1;
		}
	sq_mask_keep(m, "021-5410 0000", 13);
	check(m, 0, text, n3);
	check(m, SQ_MASK_DIGITS, text, n3);
	sq_mask_free(m);
	return 0;
}
