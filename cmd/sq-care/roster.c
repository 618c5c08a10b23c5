/*
 * roster.c — the households that need a carer, the carers (the
 * volunteers' sign-up form), yesterday's pairs (--keep).
 */
#include "state.h"

/* ---- the households that need a carer ------------------------------- */

struct home *
new_home(struct care *C)
{
	if (C->nh == C->caph) {
		C->caph = C->caph ? 2 * C->caph : 256;
		C->h = sq_xrealloc(C->h, C->caph * sizeof(*C->h));
	}
	struct home *h = &C->h[C->nh];
	memset(h, 0, sizeof(*h));
	h->keep = -1;
	h->since = SQ_GREET_NODAY;
	return h;
}

/* the conditions a household's notes name, as condition bits */
static uint32_t
note_conditions(const struct care *C, const struct sq_rec *rec, long c1,
    long c2)
{
	uint32_t cond = 0;
	long cols[2] = { c1, c2 };

	for (int k = 0; k < 2; k++) {
		size_t len;
		const char *p = sq_rec_cell_trim(rec, cols[k], &len);
		if (len == 0)
			continue;
		uint64_t hits = sq_keywords_match(C->notes, p, len);
		for (int i = 0; i < C->ncond; i++)
			if (C->cond[i].label >= 0 && C->cond[i].label < 64 &&
			    (hits >> C->cond[i].label & 1))
				cond |= (uint32_t)1 << i;
	}
	return cond;
}

/* "elderly_alone;chronic": a household's conditions, in config order */
static char *
need_text(struct care *C, uint32_t cond)
{
	struct sq_buf b;

	sq_buf_init(&b);
	for (int i = 0; i < C->ncond; i++)
		if (cond >> i & 1) {
			if (b.len)
				sq_buf_addc(&b, ';');
			sq_buf_adds(&b, C->cond[i].name);
		}
	char *s = adup(C, b.s ? b.s : "");
	sq_buf_free(&b);
	return s;
}

int
read_households(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	struct sq_rowaddr ra;
	long ccol[MAXCOND];
	int st;

	o.aliases = C->al_hh;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	sq_rejects_table(C->rj, "households", sq_reader_rawheader(r));
	sq_rowaddr_find(&ra, r);
	if (sq_reader_ncols(r) == 0) {
		sq_warn(path, 0, "empty: no households");
		sq_reader_close(r);
		return 0;
	}
	if (sq_rowaddr_need(&ra, r, _("the households table")) < 0) {
		sq_reader_close(r);
		return -1;
	}
	long cname = sq_reader_col(r, "name"), cphone = sq_reader_col(r, "phone"),
	    cgrid = sq_reader_col(r, "grid"), cnote = sq_reader_col(r, "note"),
	    cvuln = sq_reader_col(r, "vulnerable");
	int any = cnote >= 0 || cvuln >= 0;
	for (int i = 0; i < C->ncond; i++) {
		ccol[i] = sq_reader_col(r, C->cond[i].name);
		any |= ccol[i] >= 0 && C->cond[i].care;
	}
	if (!any)
		sq_warn(path, 0, "no column says who needs care (%s, or a "
		    "note); nobody will be paired", "elderly_alone, disabled, "
		    "pregnant, infant");
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		char key[SQ_ADDR_KEYMAX];
		struct sq_addr a;
		const char *why = NULL;
		size_t len;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		int rc = sq_rowaddr_key(&ra, &rec, NULL, 0, key, &a, &why);
		if (rc != SQ_ROWADDR_OK) {
			sq_rejects_add(C->rj, path, &rec, why);
			continue;
		}
		const char *cm = sq_rec_cell_trim(&rec, ra.community, &len);
		uint32_t comm = sq_strtab_id(&C->comms, cm, len);
		size_t bl;
		const char *bshown = sq_rec_cell_trim(&rec, ra.building, &bl);
		char shown[32];
		snprintf(shown, sizeof(shown), "%.*s", (int)bl, bshown);
		if (bl == 0 || bl >= sizeof(shown))
			snprintf(shown, sizeof(shown), "%s", a.building);
		uint32_t b = intern_building(C, key, building_of_key(key), shown);
		const char *g = sq_rec_cell_trim(&rec, cgrid, &len);
		uint32_t grid = sq_strtab_id(&C->grids, g, len);
		count_grid(C, b, grid);

		uint32_t cond = note_conditions(C, &rec, cnote, cvuln);
		for (int i = 0; i < C->ncond; i++) {
			const char *p = sq_rec_cell_trim(&rec, ccol[i], &len);
			int v = len ? sq_bool_parse(p, len) : -1;
			if (v == 1)
				cond |= (uint32_t)1 << i;
			else if (v == -2)
				sq_warn(path, rec.line, "%s '%.*s': not yes or "
				    "no; taken as unknown",
				    sq_reader_rawname(r, (size_t)ccol[i]),
				    (int)len, p);
		}
		if ((cond & C->caremask) == 0) {
			C->hneedless++;
			continue;
		}
		if (sq_hmap_get(&C->hindex, key, strlen(key)) >= 0) {
			/* the roster said it twice: the first row holds */
			C->hmerged++;
			continue;
		}
		struct home *h = new_home(C);
		h->hh = adup(C, key);
		h->line = rec.line;
		h->community = dup_cell(C, &rec, ra.community);
		h->building = adup(C, shown);
		h->unit = ra.unit >= 0 ? dup_cell(C, &rec, ra.unit) :
		    adup(C, a.unit);
		h->room = ra.room >= 0 ? dup_cell(C, &rec, ra.room) :
		    adup(C, a.room);
		h->name = dup_cell(C, &rec, cname);
		h->phone = dup_cell(C, &rec, cphone);
		h->grid = dup_cell(C, &rec, cgrid);
		h->comm = comm;
		h->bld = b;
		h->gridid = grid;
		h->cond = cond;
		h->need = need_text(C, cond);
		sq_hmap_put(&C->hindex, h->hh, strlen(h->hh), (uint32_t)C->nh);
		C->nh++;
	}
	C->hrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* ---- the carers ------------------------------------------------------ */

/* The community every household is in, or NULL when there are several. */
const char *
only_community(const struct care *C, size_t *len)
{
	/* names 0 is "": no community column */
	if (C->comms.n == 1) {
		*len = 0;
		return "";
	}
	if (C->comms.n == 2) {
		*len = C->comms.len[1];
		return C->comms.s[1];
	}
	return NULL;
}

void
reject(struct care *C, const char *file, const struct sq_rec *rec,
    const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	sq_rejects_add(C->rj, file, rec, why);
}

int
read_volunteers(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	struct sq_rowaddr ra;
	int st;

	o.aliases = C->al_vol;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	sq_rejects_table(C->rj, "volunteers", sq_reader_rawheader(r));
	sq_rowaddr_find(&ra, r);
	long cvid = sq_reader_col(r, "vid"), cname = sq_reader_col(r, "name"),
	    cphone = sq_reader_col(r, "phone"), cgrid = sq_reader_col(r, "grid"),
	    cskills = sq_reader_col(r, "skills"), crole = sq_reader_col(r, "role"),
	    cmax = sq_reader_col(r, "care_max"), ccarer = sq_reader_col(r, "carer");
	if (cskills < 0)
		cskills = sq_reader_col(r, "skill");
	if (sq_reader_ncols(r) == 0) {
		sq_warn(path, 0, "empty: no volunteers");
		sq_reader_close(r);
		return 0;
	}
	if (cvid < 0 && cname < 0) {
		sq_error("%s: the volunteers table needs a vid or a name "
		    "column", path);
		sq_reader_close(r);
		return -1;
	}
	size_t olen = 0;
	const char *only = only_community(C, &olen);
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p, *why = NULL;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		p = sq_rec_cell_trim(&rec, ccarer, &len);
		if (len > 0) {
			int v = sq_bool_parse(p, len);
			if (v == -2) {
				reject(C, path, &rec, "%s '%.*s': yes or no?",
				    sq_reader_rawname(r, (size_t)ccarer),
				    (int)len, p);
				continue;
			}
			if (v == 0) {
				C->vnot++;	/* not a carer */
				continue;
			}
		}
		struct carer k;
		memset(&k, 0, sizeof(k));
		k.line = rec.line;
		k.first = k.last = SQ_GREET_NODAY;
		k.vid = dup_cell(C, &rec, cvid >= 0 ? cvid : cname);
		k.name = dup_cell(C, &rec, cname);
		k.phone = dup_cell(C, &rec, cphone);
		k.role = dup_cell(C, &rec, crole);
		if (*k.vid == '\0') {
			reject(C, path, &rec, "no %s; give every volunteer one",
			    sq_reader_rawname(r, (size_t)(cvid >= 0 ? cvid :
			    cname)));
			continue;
		}
		long dup = sq_hmap_get(&C->kindex, k.vid, strlen(k.vid));
		if (dup >= 0) {
			reject(C, path, &rec, "%s '%s' is also on line %ld; "
			    "give every volunteer a different one",
			    sq_reader_rawname(r, (size_t)(cvid >= 0 ? cvid :
			    cname)), k.vid, C->k[dup].line);
			continue;
		}
		/* the community: the row's, else the only one there is */
		const char *cm = sq_rec_cell_trim(&rec, ra.community, &len);
		if (len == 0) {
			if (only == NULL) {
				reject(C, path, &rec, "no community, and the "
				    "households are in %zu communities: say "
				    "which (a 小区 column)", C->comms.n - 1);
				continue;
			}
			cm = only;
			len = olen;
		}
		uint32_t comm = names_find(&C->comms, cm, len);
		if (comm == UINT32_MAX)
			comm = sq_strtab_id(&C->comms, cm, len);	/* nobody there */
		/* where they live: a full address, else a building */
		char key[SQ_ADDR_KEYMAX], shown[16] = "";
		struct sq_addr a;
		size_t bl, al;
		sq_rec_cell_trim(&rec, ra.building, &bl);
		sq_rec_cell_trim(&rec, ra.address, &al);
		int rc = sq_rowaddr_key(&ra, &rec, cm, len, key, &a, &why);
		if (rc == SQ_ROWADDR_OK) {
			snprintf(shown, sizeof(shown), "%s", a.building);
			k.hh = adup(C, key);
			k.bld = intern_building(C, key, building_of_key(key),
			    shown);
		} else if (bl > 0 || al > 0) {
			char *bt = dup_cell(C, &rec, bl > 0 ? ra.building :
			    ra.address);
			if (parse_building(cm, len, bt, key, shown, &why) < 0) {
				reject(C, path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)(bl > 0 ?
				    ra.building : ra.address)), bt, why);
				continue;
			}
			k.bld = intern_building(C, key, strlen(key), shown);
		}
		k.shown = k.bld ? (C->b[k.bld].shown ? C->b[k.bld].shown :
		    adup(C, shown)) : "";
		k.comm = comm;
		p = sq_rec_cell_trim(&rec, cgrid, &len);
		k.gridid = sq_strtab_id(&C->grids, p, len);
		if (k.gridid == 0 && k.bld)
			k.gridid = grid_of_building(C, k.bld);
		p = sq_rec_cell(&rec, cskills, &len);
		char *t = sq_fold_lower(p, len);
		k.skills = sq_skills_scan(&C->skills, t, NULL);
		free(t);
		k.cap = C->max;
		p = sq_rec_cell_trim(&rec, cmax, &len);
		if (len > 0) {
			long v;
			if (sq_long_parse(p, len, 0, 1000, &v) != SQ_VAL_OK) {
				reject(C, path, &rec, "%s '%.*s': a number of "
				    "households", sq_reader_rawname(r,
				    (size_t)cmax), (int)len, p);
				continue;
			}
			if (v < k.cap)
				k.cap = v;
		}
		if (C->nk == C->capk) {
			C->capk = C->capk ? 2 * C->capk : 256;
			C->k = sq_xrealloc(C->k, C->capk * sizeof(*C->k));
		}
		C->k[C->nk] = k;
		sq_hmap_put(&C->kindex, k.vid, strlen(k.vid), (uint32_t)C->nk);
		C->nk++;
	}
	C->vrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* ---- yesterday's pairs (--keep) -------------------------------------- */

int32_t
parse_day(const char *p, size_t len, int year)
{
	char ymd[11];
	const char *why;

	if (len == 0 || sq_date_parse(p, len, year, ymd, &why) != SQ_VAL_OK)
		return SQ_GREET_NODAY;
	return sq_date_days(ymd);
}

int
read_keep(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	int st;

	o.aliases = C->al_care;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	long chh = sq_reader_col(r, "hh"), cvid = sq_reader_col(r, "vid"),
	    csince = sq_reader_col(r, "since");
	if (chh < 0 || cvid < 0) {
		sq_error("%s: not a pairs table (it needs hh and vid, as "
		    "sq-care writes them)", path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		if (st == SQ_READ_BAD) {
			sq_problem(path, rec.line, "%s", rec.err);
			continue;
		}
		C->krows++;
		p = sq_rec_cell_trim(&rec, chh, &len);
		long i = sq_hmap_get(&C->hindex, p, len);
		if (i < 0)
			continue;	/* needs no carer now, or moved out */
		struct home *h = &C->h[i];
		if (h->in_keep)
			continue;	/* the first row holds */
		h->in_keep = 1;
		p = sq_rec_cell_trim(&rec, csince, &len);
		h->since = parse_day(p, len, C->year);
		p = sq_rec_cell_trim(&rec, cvid, &len);
		if (len == 0)
			continue;	/* had nobody */
		long k = sq_hmap_get(&C->kindex, p, len);
		if (k < 0 || C->k[k].cap == 0)
			h->left = 1;
		else
			h->keep = k;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}
