/*
 * publish.c — the bulletin's sections declared to disclosure control (see
 * publish.h).  A section function reads its true numbers from the data,
 * declares them with put() (a figure shown: where it goes back) or
 * sq_dc_cell() (a part never shown), states the relations, and returns;
 * sq_publish() solves and writes back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "disclose.h"
#include "publish.h"

/* A figure shown: the object and key it is written back to. */
struct put {
	json_t	*obj;
	char	*key;
	char	*text_key;	/* also its text there (a rate's "91%") */
	int	 id;
};

struct section {
	struct sq_dc *dc;
	const struct sq_publish_opts *o;
	struct put *p;
	size_t	 np, capp;
	json_t	*after;		/* the section object, for a finish step */
};

static int
put(struct section *S, json_t *obj, const char *key, unsigned kind, long v,
    int cost, const char *label)
{
	int id = sq_dc_cell(S->dc, kind, v, label);

	sq_dc_cost(S->dc, id, cost);
	if (S->np == S->capp) {
		S->capp = S->capp ? 2 * S->capp : 32;
		S->p = sq_xrealloc(S->p, S->capp * sizeof(*S->p));
	}
	S->p[S->np++] = (struct put){ obj, sq_xstrdup(key), NULL, id };
	return id;
}

static int
put_rate(struct section *S, json_t *obj, const char *key, const char *tkey,
    const int *cell, const double *coef, size_t n, int den, int cost,
    const char *label)
{
	int id = sq_dc_rate(S->dc, cell, coef, n, den, label);

	if (id < 0) {
		json_object_set_new(obj, key, json_null());
		json_object_set_new(obj, tkey, json_string("-"));
		return -1;
	}
	sq_dc_cost(S->dc, id, cost);
	if (S->np == S->capp) {
		S->capp = S->capp ? 2 * S->capp : 32;
		S->p = sq_xrealloc(S->p, S->capp * sizeof(*S->p));
	}
	S->p[S->np++] = (struct put){ obj, sq_xstrdup(key), sq_xstrdup(tkey),
	    id };
	return id;
}

/* A count: 0 when not one, at most a billion (no band overflows). */
static long
geti(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;

	return n < 0 ? 0 : n > 1000000000 ? 1000000000 : (long)n;
}

/* ---- the check-in summary --------------------------------------------- */

/*
 * The costs say what a reader misses most: a building's coverage in a
 * band little, its follow-up count more, the community's figures most
 * (fever least of all).
 */
enum { C_RATE = 1, C_FOLLOW = 3, C_TOTAL_FU = 40, C_TOTAL_U = 60,
	C_TOTAL = 80, C_FEVER = 100 };

static int
sec_checkin(struct section *S, json_t *data)
{
	json_t *ck = json_object_get(data, "checkin");
	json_t *blds = json_object_get(data, "buildings");
	size_t nb = json_array_size(blds), i;
	json_t *b;

	if (!json_is_object(ck))
		return 0;
	int *hs = sq_xcalloc(nb + 1, sizeof(int));
	int *us = sq_xcalloc(nb + 1, sizeof(int));
	int *fs = sq_xcalloc(nb + 1, sizeof(int));
	int *ss = sq_xcalloc(nb + 1, sizeof(int));
	int *bs = sq_xcalloc(nb + 1, sizeof(int));
	int *fus = sq_xcalloc(nb + 1, sizeof(int));
	long H = 0, U = 0, F = 0, Sy = 0, B = 0;
	int have_parts = nb > 0;

	json_array_foreach(blds, i, b) {
		json_t *raw = json_object_get(b, "_raw");
		if (!json_is_object(raw)) {
			have_parts = 0;
			break;
		}
		long h = geti(raw, "households"), u = geti(raw, "unreported");
		long f = geti(raw, "fever"), s = geti(raw, "symptoms");
		long bd = geti(raw, "bad_reading");
		/* a summary that flags more than a building has (made by
		   hand): its flats are at least those flagged */
		if (h < u + f + s + bd)
			h = u + f + s + bd;
		H += h; U += u; F += f; Sy += s; B += bd;
		hs[i] = sq_dc_cell(S->dc, SQ_DC_PUBLIC, h, "households");
		us[i] = sq_dc_cell(S->dc, SQ_DC_HIDDEN, u, "unreported");
		fs[i] = sq_dc_cell(S->dc, SQ_DC_SECRET, f, "fever");
		ss[i] = sq_dc_cell(S->dc, SQ_DC_SECRET, s, "symptoms");
		bs[i] = sq_dc_cell(S->dc, SQ_DC_SECRET, bd, "bad_reading");
		fus[i] = put(S, b, "follow_up", SQ_DC_HOUSEHOLDS, u + f + s + bd,
		    C_FOLLOW, "follow-up");
		int parts[4] = { us[i], fs[i], ss[i], bs[i] };
		sq_dc_sum(S->dc, fus[i], parts, 4);
		/* the reported who are well: none below zero */
		int cap[5] = { us[i], fs[i], ss[i], bs[i], hs[i] };
		double k[5] = { 1, 1, 1, 1, -1 };
		sq_dc_le(S->dc, cap, k, 5);
		int ill[3] = { fs[i], ss[i], bs[i] };
		sq_dc_protect(S->dc, ill, 3, "a building's ill");
		int rep[2] = { hs[i], us[i] };
		double rk[2] = { 1, -1 };
		put_rate(S, b, "coverage", "coverage_text", rep, rk, 2, hs[i],
		    C_RATE, "coverage");
	}
	/* the totals: of the buildings when their parts are known */
	if (!have_parts) {
		H = geti(ck, "households");
		U = geti(ck, "unreported");
		F = geti(ck, "fever");
		Sy = geti(ck, "symptoms");
		B = geti(ck, "bad_reading");
	}
	int tH = sq_dc_cell(S->dc, SQ_DC_PUBLIC, H, "households");
	json_object_set_new(ck, "households", json_integer(H));
	int tU = put(S, ck, "unreported", SQ_DC_HOUSEHOLDS, U, C_TOTAL_U,
	    "unreported");
	int tF = put(S, ck, "fever", SQ_DC_HOUSEHOLDS, F, C_FEVER, "fever");
	int tS = put(S, ck, "symptoms", SQ_DC_HOUSEHOLDS, Sy, C_TOTAL,
	    "symptoms");
	int tB = put(S, ck, "bad_reading", SQ_DC_HOUSEHOLDS, B, C_TOTAL,
	    "bad readings");
	int tFU = put(S, ck, "follow_up", SQ_DC_HOUSEHOLDS, U + F + Sy + B,
	    C_TOTAL_FU, "follow-up");
	int tR = put(S, ck, "reported", SQ_DC_COUNT, H - U, C_TOTAL,
	    "reported");
	int parts4[4] = { tU, tF, tS, tB };
	sq_dc_sum(S->dc, tFU, parts4, 4);
	int hr[2] = { tR, tU };
	sq_dc_sum(S->dc, tH, hr, 2);
	put_rate(S, ck, "coverage", "coverage_text", &tR, NULL, 1, tH, C_TOTAL,
	    "coverage");
	if (have_parts) {
		sq_dc_sum(S->dc, tH, hs, nb);
		sq_dc_sum(S->dc, tU, us, nb);
		sq_dc_sum(S->dc, tF, fs, nb);
		sq_dc_sum(S->dc, tS, ss, nb);
		sq_dc_sum(S->dc, tB, bs, nb);
		sq_dc_sum(S->dc, tFU, fus, nb);
	} else {
		/* no parts: the buildings are shown as nothing */
		json_array_foreach(blds, i, b) {
			json_object_set_new(b, "follow_up", json_null());
			json_object_set_new(b, "coverage", json_null());
			json_object_set_new(b, "coverage_text", json_string("-"));
		}
	}
	free(hs);
	free(us);
	free(fs);
	free(ss);
	free(bs);
	free(fus);
	return 0;
}

/* The class of the follow-up map from what is shown: "at least". */
static void
fin_checkin(struct section *S, json_t *data)
{
	long t = S->o->threshold;
	size_t i;
	json_t *b;

	json_array_foreach(json_object_get(data, "buildings"), i, b) {
		json_t *fu = json_object_get(b, "follow_up");
		long lo = -1;
		if (json_is_integer(fu))
			lo = (long)json_integer_value(fu);
		else if (json_is_string(fu)) {
			const char *s = json_string_value(fu);
			lo = s[0] == '<' ? 0 : strtol(s, NULL, 10);
		}
		int heat = lo < 0 ? -1 : lo < t ? 0 : lo < 2 * t ? 1 :
		    lo < 4 * t ? 2 : 3;
		json_object_set_new(b, "heat", json_integer(heat));
		json_object_del(b, "_raw");
	}
}

/* ---- requests ----------------------------------------------------------- */

static int
sec_requests(struct section *S, json_t *data)
{
	json_t *rq = json_object_get(data, "requests");
	json_t *cats = json_object_get(rq, "categories");
	json_t *rep = json_object_get(rq, "repeated");
	size_t nc = json_array_size(cats), i, j;
	json_t *c, *q;

	if (!json_is_object(rq))
		return 0;
	int *ids = sq_xcalloc(nc + 1, sizeof(int));
	long sum = 0;
	json_array_foreach(cats, i, c) {
		long n = geti(c, "count");
		int sens = json_is_true(json_object_get(c, "sensitive"));
		sum += n;
		/* a small count of a sensitive category is not shown; the
		   others are, and may be coarsened to protect one */
		ids[i] = put(S, c, "count", sens ? SQ_DC_HOUSEHOLDS : SQ_DC_COUNT,
		    n, sens ? 50 : 2 + (int)(n > 10 ? 10 : n), "a category");
	}
	long total = geti(rq, "total");
	if (total < sum)
		total = sum;
	int tot = put(S, rq, "total", SQ_DC_COUNT, total, 100, "requests");
	/* categories not listed (an old topics file): one hidden rest; when
	   the list adds up to the total a reader takes it as complete */
	int rest = sq_dc_cell(S->dc, total > sum ? SQ_DC_HIDDEN : SQ_DC_PUBLIC,
	    total - sum, "unlisted");
	ids[nc] = rest;
	sq_dc_sum(S->dc, tot, ids, nc + 1);
	json_array_foreach(rep, j, q) {
		const char *cat = json_string_value(json_object_get(q, "category"));
		int qid = put(S, q, "count", SQ_DC_COUNT, geti(q, "count"), 20,
		    "a repeated question");
		/* a question asked n times: its category has n at least */
		json_array_foreach(cats, i, c) {
			const char *cc = json_string_value(json_object_get(c,
			    "category"));
			if (cat && cc && strcmp(cat, cc) == 0) {
				int le[2] = { qid, ids[i] };
				double k[2] = { 1, -1 };
				sq_dc_le(S->dc, le, k, 2);
			}
		}
	}
	free(ids);
	return 0;
}

static long
shown_lo(json_t *v)
{
	if (json_is_integer(v))
		return (long)json_integer_value(v);
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		return s[0] == '<' ? 0 : strtol(s, NULL, 10);
	}
	return -1;
}

static int
by_shown(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	long x = shown_lo(json_object_get(a, "count"));
	long y = shown_lo(json_object_get(b, "count"));
	int ea = json_is_integer(json_object_get(a, "count"));
	int eb = json_is_integer(json_object_get(b, "count"));

	/* exact counts first, the largest first; then by name alone */
	if (ea != eb)
		return ea ? -1 : 1;
	if (ea && x != y)
		return x > y ? -1 : 1;
	const char *na = json_string_value(json_object_get(a, "category"));
	const char *nb = json_string_value(json_object_get(b, "category"));
	return strcmp(na ? na : "", nb ? nb : "");
}

/*
 * The categories in the order of what is shown (the true order would
 * place a "<3" between a 3 and a 2); top holds exact counts above zero
 * only.  A repeated question not shown goes.
 */
static void
fin_requests(struct section *S, json_t *data)
{
	json_t *rq = json_object_get(data, "requests");
	json_t *cats = json_object_get(rq, "categories");
	size_t n = json_array_size(cats), i;
	json_t **v = sq_xcalloc(n + 1, sizeof(*v)), *c;

	if (!json_is_object(rq)) {
		free(v);
		return;
	}
	json_array_foreach(cats, i, c)
		v[i] = json_incref(c);
	qsort(v, n, sizeof(*v), by_shown);
	json_t *all = json_array(), *top = json_array();
	for (i = 0; i < n; i++) {
		json_t *cnt = json_object_get(v[i], "count");
		json_object_del(v[i], "sensitive");
		if (json_is_integer(cnt) && json_integer_value(cnt) > 0 &&
		    (long)json_array_size(top) < S->o->top)
			json_array_append(top, v[i]);
		json_array_append_new(all, v[i]);
	}
	free(v);
	json_object_set_new(rq, "categories", all);
	json_object_set_new(rq, "top", top);
	json_t *rep = json_object_get(rq, "repeated"), *kept = json_array();
	json_array_foreach(rep, i, c) {
		json_object_del(c, "category");
		if (json_is_integer(json_object_get(c, "count")))
			json_array_append(kept, c);
	}
	json_object_set_new(rq, "repeated", kept);
}

/* ---- deliveries --------------------------------------------------------- */

static int
sec_deliveries(struct section *S, json_t *data)
{
	json_t *d = json_object_get(data, "deliveries");

	if (!json_is_object(d))
		return 0;
	/* orders and parcels are shown as they are: no household's state */
	int orders = sq_dc_cell(S->dc, SQ_DC_PUBLIC, geti(d, "orders"),
	    "orders");
	static const char *const keys[] = { "urgent", "door" };
	for (int k = 0; k < 2; k++) {
		if (json_object_get(d, keys[k]) == NULL)
			continue;
		int id = put(S, d, keys[k], SQ_DC_HOUSEHOLDS, geti(d, keys[k]),
		    10, keys[k]);
		int le[2] = { id, orders };
		double kk[2] = { 1, -1 };
		sq_dc_le(S->dc, le, kk, 2);
	}
	return 0;
}

/* ---- care (sq-care's summary) ------------------------------------------ */

/*
 * The households in care are the vulnerable: every count of them is shown
 * from the threshold only, and protected; their parts add up (paired and
 * unpaired; greeted and to follow up; urgent among those to follow up).
 * The alarms by kind are never published.
 */
static int
sec_care(struct section *S, json_t *data)
{
	json_t *c = json_object_get(data, "care");

	if (!json_is_object(c))
		return 0;
	long H = geti(c, "households"), P = geti(c, "paired");
	long un = H > P ? H - P : 0;
	int tH = put(S, c, "households", SQ_DC_HOUSEHOLDS, H, 80,
	    "households in care");
	int tP = put(S, c, "paired", SQ_DC_HOUSEHOLDS, P, 40, "paired");
	int tN = put(S, c, "unpaired", SQ_DC_HOUSEHOLDS, un, 60, "unpaired");
	int pn[2] = { tP, tN };
	sq_dc_sum(S->dc, tH, pn, 2);
	if (json_is_true(json_object_get(c, "greetings"))) {
		long G = geti(c, "greeted"), U = geti(c, "urgent");
		if (G > H)
			G = H;
		if (U > H)
			U = H;
		long F = H - G;
		int tG = put(S, c, "greeted", SQ_DC_HOUSEHOLDS, G, 40,
		    "greeted");
		int tF = put(S, c, "follow_up", SQ_DC_HOUSEHOLDS, F, 60,
		    "to greet");
		/* urgent: an alarm today, greeted or not, or days of silence */
		int tU = put(S, c, "urgent", SQ_DC_HOUSEHOLDS, U, 100, "urgent");
		int gf[2] = { tG, tF }, uh[2] = { tU, tH };
		double k[2] = { 1, -1 };
		sq_dc_sum(S->dc, tH, gf, 2);
		sq_dc_le(S->dc, uh, k, 2);
		put_rate(S, c, "rate", "rate_text", &tG, NULL, 1, tH, 10,
		    "greeted today");
	}
	return 0;
}

/* nothing true the section did not show */
static void
fin_care(struct section *S, json_t *data)
{
	json_t *c = json_object_get(data, "care");

	(void)S;
	if (!json_is_object(c))
		return;
	json_object_del(c, "not_greeted");
	json_object_del(c, "missed_2_days_or_more");
	json_object_del(c, "alarm");
}

/* ---- mass testing (sq-waves' summary of who was missed) ---------------- */

/*
 * A household not sampled is a household's state: each building's count of
 * them (missed or partly sampled) is shown from the threshold only and
 * protected, as are the community's; a building's flats are public, so
 * its rate (households sampled in full / households) is coarsened when it
 * would give the count away.  Missed and partial are shown for the
 * community only; the plan's queue (people called, not households) is
 * not a household's state and is shown as it is.
 */
static int
sec_waves(struct section *S, json_t *data)
{
	json_t *w = json_object_get(data, "waves");
	json_t *blds = json_object_get(w, "buildings");
	size_t nb = json_array_size(blds), i;
	json_t *b;

	if (!json_is_object(w) || nb == 0)
		return 0;
	int *hs = sq_xcalloc(nb, sizeof(int)), *fs = sq_xcalloc(nb, sizeof(int));
	int *ms = sq_xcalloc(nb, sizeof(int));
	int *ps = sq_xcalloc(nb, sizeof(int));
	long H = 0, M = 0, P = 0;

	json_array_foreach(blds, i, b) {
		long m = geti(b, "missed"), p = geti(b, "partial");
		long h = geti(b, "households");
		if (h < m + p)		/* made by hand: at least those listed */
			h = m + p;
		H += h; M += m; P += p;
		json_object_set_new(b, "households", json_integer(h));
		hs[i] = sq_dc_cell(S->dc, SQ_DC_PUBLIC, h, "households");
		ms[i] = sq_dc_cell(S->dc, SQ_DC_HIDDEN, m, "missed");
		ps[i] = sq_dc_cell(S->dc, SQ_DC_HIDDEN, p, "partial");
		fs[i] = put(S, b, "follow_up", SQ_DC_HOUSEHOLDS, m + p, C_FOLLOW,
		    "not sampled");
		int mp[2] = { ms[i], ps[i] }, hf[2] = { hs[i], fs[i] };
		double k[2] = { 1, -1 };
		sq_dc_sum(S->dc, fs[i], mp, 2);
		/* not below zero, and the rate sampled: (h - f) / h, in terms
		   of the figures themselves (the solver coarsens by them) */
		sq_dc_le(S->dc, hf, (const double[]){ -1, 1 }, 2);
		put_rate(S, b, "rate", "rate_text", hf, k, 2, hs[i], C_RATE,
		    "sampled");
	}
	int tH = sq_dc_cell(S->dc, SQ_DC_PUBLIC, H, "households");
	json_object_set_new(w, "households", json_integer(H));
	int tF = put(S, w, "follow_up", SQ_DC_HOUSEHOLDS, M + P, C_TOTAL_FU,
	    "the community's not sampled");
	int tM = put(S, w, "missed", SQ_DC_HOUSEHOLDS, M, C_TOTAL, "missed");
	int tP = put(S, w, "partial", SQ_DC_HOUSEHOLDS, P, C_TOTAL, "partial");
	int mp[2] = { tM, tP }, hf[2] = { tH, tF };
	double k[2] = { 1, -1 };
	sq_dc_sum(S->dc, tF, mp, 2);
	sq_dc_sum(S->dc, tH, hs, nb);
	sq_dc_sum(S->dc, tF, fs, nb);
	sq_dc_sum(S->dc, tM, ms, nb);
	sq_dc_sum(S->dc, tP, ps, nb);
	put_rate(S, w, "rate", "rate_text", hf, k, 2, tH, C_TOTAL,
	    "the community's sampled");
	free(hs);
	free(fs);
	free(ms);
	free(ps);
	return 0;
}

/* nothing true the section did not show */
static void
fin_waves(struct section *S, json_t *data)
{
	json_t *w = json_object_get(data, "waves");
	size_t i;
	json_t *b;

	(void)S;
	json_array_foreach(json_object_get(w, "buildings"), i, b) {
		json_object_del(b, "missed");
		json_object_del(b, "partial");
	}
}

/* ---- the table of sections --------------------------------------------- */

static const struct {
	const char *name;
	int	(*declare)(struct section *, json_t *);
	void	(*finish)(struct section *, json_t *);
} sections[] = {
	{ "checkin", sec_checkin, fin_checkin },
	{ "requests", sec_requests, fin_requests },
	{ "deliveries", sec_deliveries, NULL },
	{ "care", sec_care, fin_care },
	{ "waves", sec_waves, fin_waves },
};

int
sq_publish(json_t *data, const struct sq_publish_opts *o,
    struct sq_publish_stats *st)
{
	int rc = 0;

	if (st)
		memset(st, 0, sizeof(*st));
	for (size_t s = 0; s < sizeof(sections) / sizeof(sections[0]); s++) {
		struct section S = { 0 };
		S.o = o;
		S.dc = sq_dc_new(o->threshold);
		if (sections[s].declare(&S, data) < 0 || sq_dc_solve(S.dc) < 0) {
			sq_error("disclosure control: the section '%s' could not "
			    "be published", sections[s].name);
			rc = -1;
		}
		for (size_t i = 0; i < S.np; i++) {
			struct put *p = &S.p[i];
			if (rc == 0) {
				json_object_set_new(p->obj, p->key,
				    sq_dc_json(S.dc, p->id));
				if (p->text_key) {
					char buf[64];
					sq_dc_text(S.dc, p->id, buf, sizeof(buf));
					json_object_set_new(p->obj, p->text_key,
					    json_string(buf));
				}
			}
			free(p->key);
			free(p->text_key);
		}
		if (rc == 0 && sections[s].finish)
			sections[s].finish(&S, data);
		if (st) {
			struct sq_dc_stats ds;
			sq_dc_stats(S.dc, &ds);
			st->shown += (long)S.np;
			st->primary += ds.primary;
			st->coarsened += ds.steps;
			st->hidden_all += ds.hidden_all;
		}
		free(S.p);
		sq_dc_free(S.dc);
		if (rc < 0)
			break;
	}
	return rc;
}
