/*
 * fuzz_care.c — the care engines through their headers: solve/care (homes to
 * carers) and rules/greet (days without a greeting).
 *
 * Input: a problem spelled in bytes.  Byte 0: the number of buildings (1 to
 * 16) and whether there is a plan; byte 1: near_k, and the hub forced; then buildings (community, grid, x, y, on
 * the plan), carers (community, building or none, grid, fits, cap) and homes
 * (building, preferences, keep, self) of 5 bytes each, up to 64 of each,
 * the rest of the bytes as greeting entries (day, greeted, alarm bits).
 * Invariants:
 *  - sq_care_pair accepts it; every pair is within the carer's community,
 *    never the carer who lives in the home, at most the carer's cap; the
 *    tier is the carer's tier for that home, unmet what the home asks and
 *    the carer does not fit; a kept pair is one asked for; an unpaired
 *    home has a reason, and no carer in its community (but the one living
 *    there) has room left; the stats add up;
 *  - the same problem again gives the same pairs;
 *  - greetings: the days missed are 0 exactly when greeted today, never
 *    negative; the entries in reverse order give the same answer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "fuzz.h"
#include "greet.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	return 0;
}

static void
greetings(const uint8_t *d, size_t n)
{
	struct sq_greet a, b;
	int32_t today = 20000;
	size_t k = n / 3 < 64 ? n / 3 : 64;

	sq_greet_init(&a, today - (d[0] & 7), n > 1 && d[1] & 1 ?
	    today - (d[1] >> 1 & 7) - 1 : SQ_GREET_NODAY, n > 2 ? d[2] : 0);
	b = a;
	for (size_t i = 0; i < k; i++) {
		const uint8_t *e = d + 3 * i;
		sq_greet_seen(&a, today, today - (e[0] & 15) + 2, e[1] & 1, e[2]);
	}
	for (size_t i = k; i-- > 0;) {
		const uint8_t *e = d + 3 * i;
		sq_greet_seen(&b, today, today - (e[0] & 15) + 2, e[1] & 1, e[2]);
	}
	int32_t m = sq_greet_missed(&a, today);
	FZ_CHECK(m >= 0);
	FZ_CHECK((m == 0) == (a.today != 0));
	FZ_CHECK(m == sq_greet_missed(&b, today));
	FZ_CHECK(sq_greet_status(&a, today, 2) == sq_greet_status(&b, today, 2));
	FZ_CHECK(sq_greet_alarms(&a) == sq_greet_alarms(&b));
	if (sq_greet_status(&a, today, 0) == SQ_GREET_GREETED)
		FZ_CHECK(m == 0 && sq_greet_alarms(&a) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct sq_care_building B[17];
	struct sq_care_carer K[64];
	struct sq_care_home H[64];
	struct sq_care_pair out[64], again[64];
	struct sq_care_stats st;
	uint32_t bcomm[17], bgrid[17];
	size_t at = 1, nk = 0, nh = 0;

	if (n < 2)
		return 0;
	size_t nb = 1 + (d[0] & 15);
	int plan = d[0] >> 4 & 1;
	memset(B, 0, sizeof(B));
	for (size_t b = 1; b <= nb; b++, at += 5) {
		const uint8_t *e = at + 5 <= n ? d + at : (const uint8_t *)"\0\0\0\0\0";
		bcomm[b] = e[0] & 1;
		bgrid[b] = e[1] & 3;
		B[b] = (struct sq_care_building){ e[2] * 8.0, e[3] * 8.0,
		    e[4] & 1 };
	}
	size_t want_k = at < n ? d[at++] & 63 : 0;
	for (; nk < want_k && at + 5 <= n; nk++, at += 5) {
		const uint8_t *e = d + at;
		uint32_t b = e[0] % (nb + 2);
		if (b > nb)
			b = 0;
		K[nk] = (struct sq_care_carer){ b ? bcomm[b] : e[0] & 1, b,
		    b && !(e[1] & 4) ? bgrid[b] : e[1] & 3, e[2] & 7, e[3] & 7 };
	}
	size_t want_h = at < n ? d[at++] & 63 : 0;
	for (; nh < want_h && at + 5 <= n; nh++, at += 5) {
		const uint8_t *e = d + at;
		uint32_t b = 1 + e[0] % nb;
		long keep = e[2] & 64 ? (long)(e[2] & 63) : -1;
		long self = e[3] & 64 ? (long)(e[3] & 63) : -1;
		H[nh] = (struct sq_care_home){ bcomm[b], b, bgrid[b], e[1] & 7,
		    keep, self };
	}
	struct sq_care_problem P = { H, nh, K, nk, plan ? B : NULL,
	    plan ? nb + 1 : 0, 1 + (d[1] & 3), d[1] & 4 ? 1 : 0 };
	FZ_CHECK(sq_care_pair(&P, out, &st) == 0);
	long load[64] = { 0 }, paired = 0, unpaired = 0;
	for (size_t h = 0; h < nh; h++) {
		long c = out[h].carer;
		if (c < 0) {
			FZ_CHECK(out[h].none == SQ_CARE_NO_CARER ||
			    out[h].none == SQ_CARE_ALL_FULL);
			unpaired++;
			continue;
		}
		FZ_CHECK((size_t)c < nk);
		FZ_CHECK(K[c].community == H[h].community);
		FZ_CHECK(c != H[h].self);
		FZ_CHECK(out[h].tier == sq_care_tier(&H[h], &K[c]));
		FZ_CHECK(out[h].unmet == (H[h].prefs & ~K[c].fits));
		FZ_CHECK(!out[h].kept || H[h].keep == c);
		load[c]++;
		paired++;
	}
	for (size_t c = 0; c < nk; c++)
		FZ_CHECK(load[c] <= K[c].cap);
	/* as many as possible: nobody left while a carer in reach has room */
	for (size_t h = 0; h < nh; h++)
		for (size_t c = 0; c < nk && out[h].carer < 0; c++)
			FZ_CHECK(K[c].community != H[h].community ||
			    (long)c == H[h].self || load[c] >= K[c].cap);
	FZ_CHECK(st.paired == paired && st.homes == (long)nh);
	FZ_CHECK(st.unpaired[SQ_CARE_NO_CARER] + st.unpaired[SQ_CARE_ALL_FULL] ==
	    unpaired);
	FZ_CHECK(sq_care_pair(&P, again, NULL) == 0);
	FZ_CHECK(memcmp(out, again, nh * sizeof(*out)) == 0);
	if (at < n)
		greetings(d + at, n - at);
	return 0;
}
