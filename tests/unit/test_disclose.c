/*
 * test_disclose.c — render/disclose.c through its header, on the check-in
 * table as the bulletin declares it (households per building public;
 * unreported, fever, symptoms, bad readings hidden; follow-up and coverage
 * shown; totals shown).  Cases from the issue, then random communities of
 * one and two small buildings where every whole-number table that agrees
 * with what is shown is enumerated: no protected count may be pinned to
 * 1..t-1 (the integer range, stronger than the mechanism's own audit).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "unit.h"

#define MAXB 64

struct community {
	int	 nb;
	long	 h[MAXB], u[MAXB], f[MAXB], s[MAXB], b[MAXB];
};

struct ids {
	int	 h[MAXB], u[MAXB], f[MAXB], s[MAXB], b[MAXB], fu[MAXB], cov[MAXB];
	int	 H, U, F, S, B, FU, R, COV;
};

static void
declare(struct sq_dc *dc, const struct community *c, struct ids *id)
{
	long tot[6] = { 0 };
	int hs[MAXB], us[MAXB], fs[MAXB], ss[MAXB], bs[MAXB], fus[MAXB];

	for (int i = 0; i < c->nb; i++) {
		long fu = c->u[i] + c->f[i] + c->s[i] + c->b[i];
		id->h[i] = hs[i] = sq_dc_cell(dc, SQ_DC_PUBLIC, c->h[i], "h");
		id->u[i] = us[i] = sq_dc_cell(dc, SQ_DC_HIDDEN, c->u[i], "u");
		id->f[i] = fs[i] = sq_dc_cell(dc, SQ_DC_SECRET, c->f[i], "f");
		id->s[i] = ss[i] = sq_dc_cell(dc, SQ_DC_SECRET, c->s[i], "s");
		id->b[i] = bs[i] = sq_dc_cell(dc, SQ_DC_SECRET, c->b[i], "b");
		id->fu[i] = fus[i] = sq_dc_cell(dc, SQ_DC_HOUSEHOLDS, fu, "fu");
		sq_dc_cost(dc, id->fu[i], 3);
		int parts[4] = { us[i], fs[i], ss[i], bs[i] };
		sq_dc_sum(dc, fus[i], parts, 4);
		int cap[5] = { us[i], fs[i], ss[i], bs[i], hs[i] };
		double one[5] = { 1, 1, 1, 1, -1 };
		sq_dc_le(dc, cap, one, 5);
		int ill[3] = { fs[i], ss[i], bs[i] };
		sq_dc_protect(dc, ill, 3, "ill");
		int rep[2] = { hs[i], us[i] };
		double k[2] = { 1, -1 };
		id->cov[i] = sq_dc_rate(dc, rep, k, 2, hs[i], "coverage");
		tot[0] += c->h[i];
		tot[1] += c->u[i];
		tot[2] += c->f[i];
		tot[3] += c->s[i];
		tot[4] += c->b[i];
		tot[5] += fu;
	}
	id->H = sq_dc_cell(dc, SQ_DC_PUBLIC, tot[0], "H");
	id->U = sq_dc_cell(dc, SQ_DC_HOUSEHOLDS, tot[1], "U");
	id->F = sq_dc_cell(dc, SQ_DC_HOUSEHOLDS, tot[2], "F");
	id->S = sq_dc_cell(dc, SQ_DC_HOUSEHOLDS, tot[3], "S");
	id->B = sq_dc_cell(dc, SQ_DC_HOUSEHOLDS, tot[4], "B");
	id->FU = sq_dc_cell(dc, SQ_DC_HOUSEHOLDS, tot[5], "FU");
	id->R = sq_dc_cell(dc, SQ_DC_COUNT, tot[0] - tot[1], "R");
	int tc[7] = { id->U, id->F, id->S, id->B, id->FU, id->R };
	for (int k = 0; k < 6; k++)
		sq_dc_cost(dc, tc[k], 100);
	sq_dc_sum(dc, id->H, hs, (size_t)c->nb);
	sq_dc_sum(dc, id->U, us, (size_t)c->nb);
	sq_dc_sum(dc, id->F, fs, (size_t)c->nb);
	sq_dc_sum(dc, id->S, ss, (size_t)c->nb);
	sq_dc_sum(dc, id->B, bs, (size_t)c->nb);
	sq_dc_sum(dc, id->FU, fus, (size_t)c->nb);
	int hr[2] = { id->R, id->U };
	sq_dc_sum(dc, id->H, hr, 2);
	int fu4[4] = { id->U, id->F, id->S, id->B };
	sq_dc_sum(dc, id->FU, fu4, 4);
	int r1 = id->R;
	id->COV = sq_dc_rate(dc, &r1, NULL, 1, id->H, "coverage");
}

/* Does what is shown of a cell admit v? */
static int
admits(const struct sq_dc *dc, int id, double v)
{
	struct sq_dc_shown sh;

	sq_dc_shown(dc, id, &sh);
	return sh.hidden || (v >= sh.lo - 1e-9 && v <= sh.hi + 1e-9);
}

static int
rate_admits(const struct sq_dc *dc, int id, long num, long den)
{
	struct sq_dc_shown sh;
	double p = 100.0 * (double)num / (double)den;

	if (id < 0)
		return 1;
	sq_dc_shown(dc, id, &sh);
	if (sh.hidden)
		return 1;
	if (sh.exact)
		return p >= sh.value - 0.5 - 1e-9 && p <= sh.value + 0.5 + 1e-9;
	return p >= sh.lo - 1e-9 && p <= sh.hi + 1e-9;
}

/*
 * Every table of up to two buildings agreeing with what is shown: the
 * integer range of each building's ill, fever, symptoms and bad readings
 * and of the totals F, S, B must not be inside [1, t-1].
 */
static int
brute(const struct sq_dc *dc, const struct community *c, const struct ids *id,
    long t)
{
	long lo[2][4], hi[2][4], tl[3], th[3];
	int found = 0;
	long u[2], f[2], s[2], b[2];
	long h0 = c->h[0], h1 = c->nb > 1 ? c->h[1] : 0;

	for (u[0] = 0; u[0] <= h0; u[0]++)
	for (f[0] = 0; u[0] + f[0] <= h0; f[0]++)
	for (s[0] = 0; u[0] + f[0] + s[0] <= h0; s[0]++)
	for (b[0] = 0; u[0] + f[0] + s[0] + b[0] <= h0; b[0]++)
	for (u[1] = 0; u[1] <= h1; u[1]++)
	for (f[1] = 0; u[1] + f[1] <= h1; f[1]++)
	for (s[1] = 0; u[1] + f[1] + s[1] <= h1; s[1]++)
	for (b[1] = 0; u[1] + f[1] + s[1] + b[1] <= h1; b[1]++) {
		long U = 0, F = 0, S = 0, B = 0, FU = 0, H = 0;
		int ok = 1;
		for (int i = 0; i < c->nb && ok; i++) {
			long fu = u[i] + f[i] + s[i] + b[i];
			ok = admits(dc, id->fu[i], fu) &&
			    rate_admits(dc, id->cov[i], c->h[i] - u[i], c->h[i]);
			U += u[i]; F += f[i]; S += s[i]; B += b[i]; FU += fu;
			H += c->h[i];
		}
		ok = ok && admits(dc, id->U, U) && admits(dc, id->F, F) &&
		    admits(dc, id->S, S) && admits(dc, id->B, B) &&
		    admits(dc, id->FU, FU) && admits(dc, id->R, H - U) &&
		    rate_admits(dc, id->COV, H - U, H);
		if (!ok)
			continue;
		long tv[3] = { F, S, B };
		for (int i = 0; i < c->nb; i++) {
			long v[4] = { f[i] + s[i] + b[i], f[i], s[i], b[i] };
			for (int k = 0; k < 4; k++) {
				if (!found || v[k] < lo[i][k]) lo[i][k] = v[k];
				if (!found || v[k] > hi[i][k]) hi[i][k] = v[k];
			}
		}
		for (int k = 0; k < 3; k++) {
			if (!found || tv[k] < tl[k]) tl[k] = tv[k];
			if (!found || tv[k] > th[k]) th[k] = tv[k];
		}
		found = 1;
	}
	if (!found)
		return 0;		/* the truth itself must be there */
	for (int i = 0; i < c->nb; i++)
		for (int k = 0; k < 4; k++)
			if (lo[i][k] >= 1 && hi[i][k] <= t - 1)
				return 0;
	for (int k = 0; k < 3; k++) {
		/* a total shown below t: may not be pinned */
		int shown_id = k == 0 ? id->F : k == 1 ? id->S : id->B;
		struct sq_dc_shown sh;
		sq_dc_shown(dc, shown_id, &sh);
		if (!sh.exact && tl[k] >= 1 && th[k] <= t - 1)
			return 0;
	}
	return 1;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static long
rnd(long n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (long)(rng % (uint64_t)n);
}

/* all protected objects safe by the mechanism's own audit */
static int
audit_ok(struct sq_dc *dc)
{
	long lo, hi;
	const char *label;

	for (size_t k = 0; sq_dc_audit(dc, k, &lo, &hi, &label) == 0; k++)
		if (lo >= 1 && hi <= sq_dc_threshold(dc) - 1)
			return 0;
	return 1;
}

int
main(void)
{
	char buf[64];

	/* the issue's building 1: 43 flats, 95%, follow-up 3: one ill */
	{
		struct community c = { 2, { 43, 40 }, { 2, 5 }, { 0, 2 },
		    { 1, 2 }, { 0, 1 } };
		struct ids id;
		struct sq_dc *dc = sq_dc_new(3);
		declare(dc, &c, &id);
		CHECK_INT(sq_dc_solve(dc), 0);
		CHECK(audit_ok(dc));
		sq_dc_text(dc, id.fu[0], buf, sizeof(buf));
		CHECK_STR(buf, "3");
		/* 95% beside 43 flats and 3 follow-ups would say 1 ill */
		struct sq_dc_shown sh;
		sq_dc_shown(dc, id.cov[0], &sh);
		CHECK(!sh.exact);
		sq_dc_free(dc);
	}
	/* one building: "<3" beside "发热1户" */
	{
		struct community c = { 1, { 6 }, { 0 }, { 1 }, { 0 }, { 0 } };
		struct ids id;
		struct sq_dc *dc = sq_dc_new(3);
		declare(dc, &c, &id);
		CHECK_INT(sq_dc_solve(dc), 0);
		sq_dc_text(dc, id.F, buf, sizeof(buf));
		CHECK_STR(buf, "<3");
		sq_dc_text(dc, id.fu[0], buf, sizeof(buf));
		CHECK_STR(buf, "<3");
		CHECK(audit_ok(dc));
		CHECK(brute(dc, &c, &id, 3));
		sq_dc_free(dc);
	}
	/* differencing: the total minus the buildings shown */
	{
		struct community c = { 2, { 8, 8 }, { 0, 4 }, { 1, 0 },
		    { 0, 1 }, { 0, 0 } };
		struct ids id;
		struct sq_dc *dc = sq_dc_new(3);
		declare(dc, &c, &id);
		CHECK_INT(sq_dc_solve(dc), 0);
		CHECK(audit_ok(dc));
		CHECK(brute(dc, &c, &id, 3));
		sq_dc_free(dc);
	}
	/* texts and JSON of bands and rates */
	{
		struct sq_dc *dc = sq_dc_new(3);
		int h = sq_dc_cell(dc, SQ_DC_PUBLIC, 40, "h");
		int a = sq_dc_cell(dc, SQ_DC_COUNT, 7, "a");
		int z = sq_dc_cell(dc, SQ_DC_HOUSEHOLDS, 0, "z");
		int r = sq_dc_rate(dc, &a, NULL, 1, h, "r");
		CHECK_INT(sq_dc_rate(dc, &a, NULL, 1, z, "none"), -1);
		CHECK_INT(sq_dc_solve(dc), 0);
		sq_dc_text(dc, a, buf, sizeof(buf));
		CHECK_STR(buf, "7");
		sq_dc_text(dc, z, buf, sizeof(buf));
		CHECK_STR(buf, "<3");
		sq_dc_text(dc, r, buf, sizeof(buf));
		CHECK_STR(buf, "18%");
		json_t *j = sq_dc_json(dc, z);
		CHECK(json_is_string(j) && strcmp(json_string_value(j), "<3") == 0);
		json_decref(j);
		j = sq_dc_json(dc, a);
		CHECK(json_is_integer(j) && json_integer_value(j) == 7);
		json_decref(j);
		struct sq_dc_stats st;
		sq_dc_stats(dc, &st);
		CHECK_INT(st.primary, 1);
		CHECK_INT(st.rates, 1);
		sq_dc_free(dc);
	}
	/* a relation that does not hold is a bug in the declaration */
	{
		struct sq_dc *dc = sq_dc_new(3);
		int a = sq_dc_cell(dc, SQ_DC_COUNT, 7, "a");
		int b = sq_dc_cell(dc, SQ_DC_COUNT, 5, "b");
		sq_dc_sum(dc, a, &b, 1);
		CHECK_INT(sq_dc_solve(dc), -1);
		sq_dc_free(dc);
	}

	/* random small communities: brute force agrees nothing is pinned */
	long cases = 0, coarsened = 0;
	for (int n = 0; n < 120; n++) {
		struct community c = { 0 };
		struct ids id;
		c.nb = 1 + (int)rnd(2);
		long t = 2 + rnd(2);
		for (int i = 0; i < c.nb; i++) {
			c.h[i] = 2 + rnd(c.nb == 1 ? 9 : 5);
			long left = c.h[i];
			c.u[i] = rnd(left / 2 + 1); left -= c.u[i];
			c.f[i] = rnd(left < 3 ? left + 1 : 3); left -= c.f[i];
			c.s[i] = rnd(left < 3 ? left + 1 : 3); left -= c.s[i];
			c.b[i] = rnd(left < 2 ? left + 1 : 2);
		}
		struct sq_dc *dc = sq_dc_new(t);
		declare(dc, &c, &id);
		if (!CHECK_INT(sq_dc_solve(dc), 0))
			continue;
		if (!CHECK(audit_ok(dc)) || !CHECK(brute(dc, &c, &id, t)))
			fprintf(stderr, "  case %d: %d buildings, t %ld\n", n,
			    c.nb, t);
		struct sq_dc_stats st;
		sq_dc_stats(dc, &st);
		coarsened += st.steps > 0;
		cases++;
		sq_dc_free(dc);
	}
	CHECK(cases == 120 && coarsened > 0);

	/* sixty buildings of tiny counts: the mechanism's audit, and time */
	{
		struct community c = { .nb = 60 };
		struct ids id;
		for (int i = 0; i < c.nb; i++) {
			c.h[i] = 20 + rnd(60);
			c.u[i] = rnd(4);
			c.f[i] = rnd(8) == 0;
			c.s[i] = rnd(5) == 0;
			c.b[i] = rnd(20) == 0;
		}
		struct sq_dc *dc = sq_dc_new(3);
		declare(dc, &c, &id);
		CHECK_INT(sq_dc_solve(dc), 0);
		CHECK(audit_ok(dc));
		struct sq_dc_stats st;
		sq_dc_stats(dc, &st);
		CHECK(st.protected == 60 * 5 + 5 && st.hidden_all == 0);
		sq_dc_free(dc);
	}
	UNIT_DONE();
}
