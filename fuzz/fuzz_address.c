/*
 * fuzz_address.c — the household address parser (values/address.c).
 *
 * Input: an address cell, any bytes.  Invariants, beyond no crash:
 *  - sq_addr_parse returns 0 or -1; -1 always comes with a reason and a
 *    zeroed struct; the same bytes parse the same way twice (no state);
 *  - a key holds only [0-9A-Z-], fits SQ_ADDR_KEYMAX, and its returned
 *    length is its strlen; truncating to a small buffer keeps a prefix and
 *    the same returned length (snprintf semantics);
 *  - every part is NUL-terminated inside its array; a building is always
 *    there; no room only in a lane house (a lane or zone, no unit);
 *  - the community key is "C" + 8 hex digits + "-" + the key, or the plain
 *    key for a blank community;
 *  - canonical parts fed back through sq_addr_from_parts (no lane, no zone,
 *    each part with a digit) give the same key;
 *  - sq_addr_from_parts on three NUL-separated pieces of the input keeps
 *    the same invariants;
 *  - where the lexer's fast path takes the input, it leaves the very items
 *    the full lexer leaves (values/addrlex.h).
 */
#include "address.h"
#include "addrlex.h"
#include "fuzz.h"

static void
check_fast(const char *s, size_t n)
{
	struct scan full, fast;

	memset(&full, 0, sizeof(full));
	memset(&fast, 0, sizeof(fast));
	if (!sq_addr_scan_fast(s, n, &fast)) {
		FZ_CHECK(fast.n == 0 && fast.word == NULL && !fast.longnum &&
		    !fast.overflow);
		return;
	}
	FZ_CHECK(sq_addr_scan_full(s, n, &full) == NULL);
	FZ_CHECK(full.n == fast.n && full.overflow == fast.overflow &&
	    full.longnum == fast.longnum && full.word == fast.word);
	for (int k = 0; k < full.n; k++)
		FZ_CHECK(memcmp(&full.it[k], &fast.it[k], sizeof(full.it[k])) == 0);
}

static void
check_addr(const struct sq_addr *a)
{
	char key[SQ_ADDR_KEYMAX], small[7];
	size_t n = sq_addr_key(a, key, sizeof(key));

	FZ_CHECK(memchr(a->zone, 0, sizeof(a->zone)));
	FZ_CHECK(memchr(a->lane, 0, sizeof(a->lane)));
	FZ_CHECK(memchr(a->building, 0, sizeof(a->building)));
	FZ_CHECK(memchr(a->unit, 0, sizeof(a->unit)));
	FZ_CHECK(memchr(a->room, 0, sizeof(a->room)));
	FZ_CHECK(a->building[0] != '\0');
	if (a->room[0] == '\0')
		FZ_CHECK((a->lane[0] || a->zone[0]) && a->unit[0] == '\0');
	FZ_CHECK(n < sizeof(key));
	FZ_CHECK(n == strlen(key));
	for (size_t i = 0; i < n; i++)
		FZ_CHECK((key[i] >= '0' && key[i] <= '9') ||
		    (key[i] >= 'A' && key[i] <= 'Z') || key[i] == '-');
	FZ_CHECK(sq_addr_key(a, small, sizeof(small)) == n);
	FZ_CHECK(strlen(small) == (n < sizeof(small) ? n : sizeof(small) - 1));
	FZ_CHECK(strncmp(small, key, strlen(small)) == 0);
}

static int
has_digit(const char *s)
{
	return strpbrk(s, "0123456789") != NULL;
}

static void
check_fail(const struct sq_addr *a, const char *why)
{
	static const struct sq_addr zero;

	FZ_CHECK(why != NULL && why[0] != '\0');
	FZ_CHECK(memcmp(a, &zero, sizeof(zero)) == 0);
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
	const char *s = (const char *)d, *why = NULL, *why2 = NULL;
	struct sq_addr a, b;
	char key[SQ_ADDR_KEYMAX], ckey[SQ_ADDR_KEYMAX];
	int rc = sq_addr_parse(s, n, &a, &why);

	check_fast(s, n);
	FZ_CHECK(rc == 0 || rc == -1);
	FZ_CHECK(sq_addr_parse(s, n, &b, &why2) == rc);
	FZ_CHECK(memcmp(&a, &b, sizeof(a)) == 0 && why == why2);
	if (rc < 0) {
		check_fail(&a, why);
	} else {
		check_addr(&a);
		size_t k = sq_addr_key(&a, key, sizeof(key));
		size_t c = sq_addr_key_community(s, n, &a, ckey, sizeof(ckey));
		FZ_CHECK(c < sizeof(ckey) && c == strlen(ckey));
		if (c == k)
			FZ_CHECK(strcmp(ckey, key) == 0);
		else {
			FZ_CHECK(c == k + 10 && ckey[0] == 'C' && ckey[9] == '-');
			for (int i = 1; i < 9; i++)
				FZ_CHECK((ckey[i] >= '0' && ckey[i] <= '9') ||
				    (ckey[i] >= 'a' && ckey[i] <= 'f'));
			FZ_CHECK(strcmp(ckey + 10, key) == 0);
		}
		/*
		 * (A part that is a lone letter, "A" from "A座" or "B" from
		 * "B单元", does not read back from its column: the column
		 * reader wants "A座".  A sub-let room "4-1" with no unit
		 * reads as unit 4, room 1 there, as documented.)
		 */
		if (a.lane[0] == '\0' && a.zone[0] == '\0' &&
		    has_digit(a.building) && has_digit(a.room) &&
		    (a.unit[0] ? has_digit(a.unit) : !strchr(a.room, '-'))) {
			char k2[SQ_ADDR_KEYMAX];
			FZ_CHECK(sq_addr_from_parts(a.building, a.unit, a.room,
			    &b, &why2) == 0);
			sq_addr_key(&b, k2, sizeof(k2));
			FZ_CHECK(strcmp(key, k2) == 0);
		}
	}

	/* the same bytes as three columns: building \0 unit \0 room */
	if (n < 600) {
		char buf[604];
		memcpy(buf, s, n);
		buf[n] = buf[n + 1] = buf[n + 2] = '\0';
		const char *bld = buf, *unit = bld + strlen(bld) + 1;
		if ((size_t)(unit - buf) > n)
			unit = "";
		const char *room = unit[0] ? unit + strlen(unit) + 1 : "";
		if (room != unit && (size_t)(room - buf) > n)
			room = "";
		rc = sq_addr_from_parts(bld, unit, room, &a, &why);
		FZ_CHECK(rc == 0 || rc == -1);
		if (rc < 0)
			check_fail(&a, why);
		else
			check_addr(&a);
	}
	return 0;
}
