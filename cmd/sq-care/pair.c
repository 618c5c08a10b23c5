/*
 * pair.c — pairing (lib/care.h over the households and carers read),
 * and its outputs: the pairs table, the lists per carer and grid worker,
 * the summary.
 */
#include "state.h"

/* ---- pairing ---------------------------------------------------------- */

static int
cmp_home_key(const void *a, const void *b)
{
	return strcmp(((const struct home *)a)->hh,
	    ((const struct home *)b)->hh);
}

/* preferences a household asks for, and those a carer meets */
static uint32_t
home_prefs(const struct care *C, uint32_t cond)
{
	uint32_t m = 0;

	for (int j = 0; j < C->npref; j++)
		if (cond >> C->pref[j].cond & 1)
			m |= (uint32_t)1 << j;
	return m;
}

static uint32_t
carer_fits(const struct care *C, uint64_t skills)
{
	uint32_t m = 0;

	for (int j = 0; j < C->npref; j++)
		if (C->pref[j].skills & skills)
			m |= (uint32_t)1 << j;
	return m;
}

static const char *const tier_names[SQ_CARE_NTIERS] = {
	"building", "grid", "near", "any",
};

/* why this carer (or why none), in the words of words.conf */
static char *
why_text(struct care *C, const struct home *h, const struct sq_care_pair *p)
{
	struct sq_buf b;
	struct fill f = { "", "", "", 0, C->max, 0 };

	sq_buf_init(&b);
	if (p->carer < 0) {
		if (h->left)
			say(&b, word(C, "why", "left"), &f);
		say(&b, word(C, "why", p->none == SQ_CARE_NO_CARER ? "no_carer" :
		    "all_full"), &f);
	} else {
		const struct carer *k = &C->k[p->carer];
		f.building = k->shown;
		f.m = p->walk_m;
		if (p->kept) {
			say(&b, word(C, "why", "kept"), &f);
			sq_buf_adds(&b, "；");
		} else if (h->left)
			say(&b, word(C, "why", "left"), &f);
		const char *w = p->tier == SQ_CARE_BUILDING ? "building" :
		    p->tier == SQ_CARE_GRID ? (k->bld == 0 ? "grid_staff" :
		    p->walk_m >= 0 ? "grid" : "grid_nomap") :
		    p->tier == SQ_CARE_NEAR ? (p->walk_m >= 0 ? "near" :
		    "near_nomap") : "any";
		say(&b, word(C, "why", w), &f);
		uint32_t asked = home_prefs(C, h->cond);
		for (int j = 0; j < C->npref; j++) {
			if (!(asked >> j & 1) || (p->unmet >> j & 1))
				continue;
			uint64_t both = C->pref[j].skills & k->skills;
			int sk = both ? __builtin_ctzll(both) : 0;
			f.skill = word(C, "skill", C->skills.skill[sk]);
			f.need = word(C, "need", C->cond[C->pref[j].cond].name);
			sq_buf_adds(&b, "；");
			say(&b, word(C, "why", "skill"), &f);
		}
	}
	char *s = adup(C, b.s ? b.s : "");
	sq_buf_free(&b);
	return s;
}

static struct sq_care_pair *
pair_all(struct care *C, struct sq_care_stats *st)
{
	struct sq_care_home *H = sq_xcalloc(C->nh + 1, sizeof(*H));
	struct sq_care_carer *K = sq_xcalloc(C->nk + 1, sizeof(*K));
	struct sq_care_building *B = sq_xcalloc(C->nb + 1, sizeof(*B));
	struct sq_care_pair *out = sq_xcalloc(C->nh + 1, sizeof(*out));

	for (size_t i = 0; i < C->nb; i++)
		B[i] = (struct sq_care_building){ C->b[i].x, C->b[i].y,
		    C->b[i].has_xy };
	for (size_t i = 0; i < C->nk; i++)
		K[i] = (struct sq_care_carer){ C->k[i].comm, C->k[i].bld,
		    C->k[i].gridid, carer_fits(C, C->k[i].skills), C->k[i].cap };
	for (size_t i = 0; i < C->nh; i++) {
		const struct home *h = &C->h[i];
		H[i] = (struct sq_care_home){ h->comm, h->bld, h->gridid,
		    home_prefs(C, h->cond), h->keep, -1 };
	}
	/* a carer never cares for their own household (the one their
	   address means, lib/resolve) */
	build_resolver(C);
	for (size_t i = 0; i < C->nk; i++)
		if (C->k[i].hh) {
			struct sq_res r;
			int kind = sq_resolve(C->res, C->k[i].hh,
			    strlen(C->k[i].hh), &r);
			if (kind == SQ_RES_EXACT || kind == SQ_RES_IMPLIED)
				H[r.id].self = (long)i;
		}
	struct sq_care_problem P = { H, C->nh, K, C->nk, C->plan ? B : NULL,
	    C->nb, 0, 0 };
	if (sq_care_pair(&P, out, st) < 0)
		sq_fatal("internal error: a building out of range");
	free(H);
	free(K);
	free(B);
	return out;
}

/* ---- writing ------------------------------------------------------------ */

void
put_header(struct care *C, struct sq_writer *w, const char *const *cols,
    size_t n, int zh)
{
	sq_table_header(w, cols, n, zh ? C->al_care : NULL);
}

void
put_row(struct sq_writer *w, const char *const *v, size_t n)
{
	size_t len[32];

	for (size_t i = 0; i < n; i++)
		len[i] = strlen(v[i]);
	sq_writer_fields(w, v, len, n);
}

/* codes "a;b" in words: "独居老人、慢性病" */
char *
words_of(struct care *C, const char *prefix, const char *codes)
{
	struct sq_buf b;
	const char *p = codes;

	sq_buf_init(&b);
	while (*p) {
		size_t n = strcspn(p, ";");
		char code[64];
		snprintf(code, sizeof(code), "%.*s", (int)n, p);
		if (b.len)
			sq_buf_adds(&b, "、");
		sq_buf_adds(&b, word(C, prefix, code));
		p += n;
		if (*p)
			p++;
	}
	char *s = adup(C, b.s ? b.s : "");
	sq_buf_free(&b);
	return s;
}

/* A file name a person can read, made safe: no '/', no leading dot. */
void
file_name(char *out, size_t sz, const char *dir, const char *a, const char *b,
    const char *c, const char *date)
{
	char name[512];
	size_t o = 0;

	snprintf(name, sizeof(name), "%s%s%s%s%s%s%s", a, *b ? "-" : "", b,
	    *c ? "-" : "", c, *date ? "-" : "", date);
	for (char *p = name; *p; p++, o++)
		if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    (o == 0 && *p == '.'))
			*p = '_';
	snprintf(out, sz, "%s/%s.csv", dir, name);
}

/* a list people open in Excel or WPS: a BOM, no formula in a name */
struct sq_writer_opts
list_opts(const struct care *C)
{
	struct sq_writer_opts o = sq_person_opts(&C->c);

	o.format = SQ_OUT_CSV;
	o.bom = 1;
	return o;
}

/* ---- pairs: the table, the lists, the summary ------------------------- */

static const char *const pair_cols[] = {
	"hh", "community", "building", "unit", "room", "name", "phone", "grid",
	"need", "vid", "carer", "carer_phone", "carer_building", "tier",
	"walk_m", "status", "since", "why",
};
_Static_assert(sizeof(pair_cols) / sizeof(pair_cols[0]) == NPAIR, "NPAIR");

static const char *const pstatus_names[] = { "kept", "new", "repaired",
    "unpaired" };

static void
pair_rows(struct care *C, const struct sq_care_pair *out, struct prow *rows)
{
	for (size_t i = 0; i < C->nh; i++) {
		struct home *h = &C->h[i];
		const struct sq_care_pair *p = &out[i];
		const struct carer *k = p->carer >= 0 ? &C->k[p->carer] : NULL;
		struct prow *r = &rows[i];
		char num[24], since[11];
		r->carer = p->carer;
		r->status = k == NULL ? P_UNPAIRED : p->kept ? P_KEPT :
		    h->in_keep ? P_REPAIRED : P_NEW;
		if (h->since == SQ_GREET_NODAY || h->since > C->day)
			h->since = C->day;
		sq_date_from_days(h->since, since);
		snprintf(num, sizeof(num), "%ld", p->walk_m);
		const char *v[NPAIR] = { h->hh, h->community, h->building,
		    h->unit, h->room, h->name, h->phone, h->grid, h->need,
		    k ? k->vid : "", k ? k->name : "", k ? k->phone : "",
		    k ? k->shown : "", k ? tier_names[p->tier] : "",
		    k && p->walk_m >= 0 ? adup(C, num) : "",
		    pstatus_names[r->status], adup(C, since),
		    why_text(C, h, p) };
		memcpy(r->v, v, sizeof(v));
	}
}

static int
write_pairs(struct care *C, const char *path, const struct prow *rows,
    int only_unpaired)
{
	struct sq_writer *w = sq_writer_open(path, &C->c.out);

	if (w == NULL)
		return -1;
	put_header(C, w, pair_cols, NPAIR, C->zh);
	for (size_t i = 0; i < C->nh; i++)
		if (!only_unpaired || rows[i].status == P_UNPAIRED)
			put_row(w, rows[i].v, NPAIR);
	return sq_writer_close(w);
}

int
cmp_size_t(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* rows by carer (vid order) or by grid (name order), then household */
static const struct prow *sort_rows;	/* for qsort, set just before */

static int
cmp_by_carer(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(sort_rows[a].v[9], sort_rows[b].v[9]);

	return c ? c : cmp_size_t(pa, pb);
}

static int
cmp_by_grid(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(sort_rows[a].v[7], sort_rows[b].v[7]);

	return c ? c : cmp_size_t(pa, pb);
}

static int
write_pair_lists(struct care *C, const struct prow *rows)
{
	static const char *const kcols[] = { "building", "unit", "room", "name",
	    "phone", "need", "grid", "since" };
	static const char *const gcols[] = { "building", "unit", "room", "name",
	    "phone", "need", "carer", "carer_phone", "tier", "status", "why" };
	size_t *ord = sq_xmalloc((C->nh + 1) * sizeof(*ord));
	struct sq_writer_opts wo = list_opts(C);
	char path[4096];
	int rc = 0;

	if (sq_make_dir(C->split) < 0) {
		free(ord);
		return -1;
	}
	sort_rows = rows;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		size_t n = 0;
		for (size_t i = 0; i < C->nh; i++)
			if (pass == 1 || rows[i].carer >= 0)
				ord[n++] = i;
		qsort(ord, n, sizeof(*ord), pass ? cmp_by_grid : cmp_by_carer);
		for (size_t i = 0; i < n && rc == 0;) {
			size_t j = i;
			const struct prow *r0 = &rows[ord[i]];
			while (j < n && strcmp(rows[ord[j]].v[pass ? 7 : 9],
			    r0->v[pass ? 7 : 9]) == 0)
				j++;
			if (pass == 0)
				file_name(path, sizeof(path), C->split,
				    word(C, "file", "carer_pairs"), r0->v[10],
				    r0->v[9], "");
			else
				file_name(path, sizeof(path), C->split,
				    word(C, "file", "grid_pairs"), *r0->v[7] ?
				    r0->v[7] : word(C, "file", "no_grid"), "",
				    "");
			struct sq_writer *w = sq_writer_open(path, &wo);
			if (w == NULL) {
				rc = -1;
				break;
			}
			put_header(C, w, pass ? gcols : kcols, pass ? 11 : 8, 1);
			for (size_t k = i; k < j; k++) {
				const struct prow *r = &rows[ord[k]];
				const char *need = words_of(C, "need", r->v[8]);
				if (pass == 0) {
					const char *v[] = { r->v[2], r->v[3],
					    r->v[4], r->v[5], r->v[6], need,
					    r->v[7], r->v[16] };
					put_row(w, v, 8);
				} else {
					const char *v[] = { r->v[2], r->v[3],
					    r->v[4], r->v[5], r->v[6], need,
					    r->v[10], r->v[11], *r->v[13] ?
					    word(C, "tier", r->v[13]) : "",
					    word(C, "status", r->v[15]),
					    r->v[17] };
					put_row(w, v, 11);
				}
			}
			if (sq_writer_close(w) < 0)
				rc = -1;
			i = j;
		}
	}
	free(ord);
	return rc;
}

static int
write_pair_summary(struct care *C, const struct sq_care_stats *st,
    const struct prow *rows)
{
	json_t *root = json_object(), *care = json_object(),
	    *tiers = json_object();
	long carers = 0, repaired = 0;
	unsigned char *used = sq_xcalloc(C->nk + 1, 1);

	for (size_t i = 0; i < C->nh; i++) {
		if (rows[i].carer >= 0 && !used[rows[i].carer]) {
			used[rows[i].carer] = 1;
			carers++;
		}
		repaired += rows[i].status == P_REPAIRED;
	}
	free(used);
	json_object_set_new(root, "date", json_string(C->date));
	json_object_set_new(care, "households", json_integer(st->homes));
	json_object_set_new(care, "paired", json_integer(st->paired));
	json_object_set_new(care, "unpaired", json_integer(st->homes -
	    st->paired));
	json_object_set_new(care, "kept", json_integer(st->kept));
	json_object_set_new(care, "repaired", json_integer(repaired));
	for (int t = 0; t < SQ_CARE_NTIERS; t++)
		json_object_set_new(tiers, tier_names[t],
		    json_integer(st->tier[t]));
	json_object_set_new(care, "tier", tiers);
	json_object_set_new(care, "carers", json_integer(carers));
	json_object_set_new(care, "volunteers", json_integer((long)C->nk));
	json_object_set_new(root, "care", care);
	if (C->comms.n > 1) {
		json_t *per = json_object();
		for (uint32_t c = 1; c < C->comms.n; c++) {
			long n = 0, p = 0;
			for (size_t i = 0; i < C->nh; i++)
				if (C->h[i].comm == c) {
					n++;
					p += rows[i].carer >= 0;
				}
			if (n == 0)
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "households", json_integer(n));
			json_object_set_new(o, "paired", json_integer(p));
			json_object_set_new(o, "unpaired", json_integer(n - p));
			json_object_set_new(per, C->comms.s[c], o);
		}
		json_object_set_new(root, "communities", per);
	}
	char *text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	return sq_write_document(C->summary, text);
}

int
run_pairs(struct care *C, const char *hfile, const char *vfile)
{
	struct sq_care_stats st;
	long r0, r1, r2;

	r0 = sq_rejects_count(C->rj);
	if (read_households(C, hfile) < 0)
		return -1;
	r1 = sq_rejects_count(C->rj);
	/* households in key order: neighbours next to each other */
	if (C->nh > 0)
		qsort(C->h, C->nh, sizeof(*C->h), cmp_home_key);
	sq_hmap_free(&C->hindex);
	sq_hmap_init(&C->hindex, home_key, C);
	for (size_t i = 0; i < C->nh; i++)
		sq_hmap_put(&C->hindex, C->h[i].hh, strlen(C->h[i].hh),
		    (uint32_t)i);
	if (C->sites && read_sites(C, C->sites) < 0)
		return -1;
	if (read_volunteers(C, vfile) < 0)
		return -1;
	r2 = sq_rejects_count(C->rj);
	if (C->keep && read_keep(C, C->keep) < 0)
		return -1;
	if (C->c.strict && r2 > r0) {
		sq_note("stopped at the first rejected row (--strict); no "
		    "output written");
		return 1;	/* exit 1, the rejects kept */
	}
	struct sq_care_pair *out = pair_all(C, &st);
	struct prow *rows = sq_xcalloc(C->nh + 1, sizeof(*rows));
	pair_rows(C, out, rows);
	int rc = write_pairs(C, C->c.output, rows, 0);
	if (rc == 0 && C->unpaired)
		rc = write_pairs(C, C->unpaired, rows, 1);
	if (rc == 0 && C->split)
		rc = write_pair_lists(C, rows);
	if (rc == 0 && C->summary)
		rc = write_pair_summary(C, &st, rows);
	long caring = 0;
	unsigned char *used = sq_xcalloc(C->nk + 1, 1);
	for (size_t i = 0; i < C->nh; i++)
		if (out[i].carer >= 0 && !used[out[i].carer]++)
			caring++;
	free(used);
	if (rc == 0) {
		sq_note("%ld household row%s read: %ld need a carer: %ld "
		    "paired (%ld in their building, %ld in their grid, %ld "
		    "nearby, %ld by staff), %ld without; %ld need none, %ld "
		    "merged, %ld rejected", C->hrows, C->hrows == 1 ? "" : "s",
		    st.homes, st.paired, st.tier[SQ_CARE_BUILDING],
		    st.tier[SQ_CARE_GRID], st.tier[SQ_CARE_NEAR],
		    st.tier[SQ_CARE_ANY], st.homes - st.paired, C->hneedless,
		    C->hmerged, r1 - r0);
		sq_note("%ld volunteer row%s read: %zu carer%s (%ld caring), "
		    "%ld not carers, %ld rejected%s", C->vrows,
		    C->vrows == 1 ? "" : "s", C->nk, C->nk == 1 ? "" : "s",
		    caring, C->vnot, r2 - r1, C->keep ? "" : "");
		if (C->keep)
			sq_note("kept %ld pair%s of %ld row%s in %s", st.kept,
			    st.kept == 1 ? "" : "s", C->krows, C->krows == 1 ?
			    "" : "s", C->keep);
		if (st.approx)
			sq_note("a community with very many buildings: walking "
			    "to the farthest is approximate");
	}
	free(out);
	free(rows);
	return rc;
}
