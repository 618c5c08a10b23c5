/*
 * greetings.c — --greetings, what is read: the pairs, the state of the
 * days before, the day's log (who greeted whom, when, how, the note).
 */
#include "state.h"

/* ---- greetings: the pairs, the state, the log -------------------------- */

/* name -> one index, or -2 when several share it */
static void
index_name(struct sq_strtab *N, long **map, const char *name, long i)
{
	size_t before = N->n;
	uint32_t id = sq_strtab_id(N, name, strlen(name));

	if (id == 0)
		return;
	if (N->n > before) {
		*map = sq_xrealloc(*map, N->cap * sizeof(**map));
		(*map)[id] = i;
	} else if ((*map)[id] != i)
		(*map)[id] = -2;
}

int
read_pairs(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	int st;

	o.aliases = C->al_care;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	sq_rejects_table(C->rj, "pairs", sq_reader_rawheader(r));
	long col[13];
	static const char *const names[13] = { "hh", "community", "building",
	    "unit", "room", "name", "phone", "grid", "need", "vid", "carer",
	    "carer_phone", "since" };
	for (int i = 0; i < 13; i++)
		col[i] = sq_reader_col(r, names[i]);
	if (sq_reader_ncols(r) == 0) {
		sq_warn(path, 0, "empty: nobody in care");
		sq_reader_close(r);
		return 0;
	}
	if (col[0] < 0) {
		sq_error("%s: not a pairs table (no hh column; make it with "
		    "sq-care HOUSEHOLDS VOLUNTEERS)", path);
		sq_reader_close(r);
		return -1;
	}
	if (col[9] < 0)
		sq_warn(path, 0, "no vid column: nobody is anyone's carer");
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		p = sq_rec_cell_trim(&rec, col[0], &len);
		if (len == 0) {
			sq_rejects_add(C->rj, path, &rec, "no household (hh)");
			continue;
		}
		if (sq_hmap_get(&C->hindex, p, len) >= 0) {
			C->hmerged++;
			continue;	/* the first row holds */
		}
		struct home *h = new_home(C);
		char **f[13] = { &h->hh, &h->community, &h->building, &h->unit,
		    &h->room, &h->name, &h->phone, &h->grid, &h->need, &h->vid,
		    &h->carer, &h->carer_phone, &h->since_s };
		for (int i = 0; i < 13; i++)
			*f[i] = dup_cell(C, &rec, col[i]);
		h->line = rec.line;
		h->since = parse_day(h->since_s, strlen(h->since_s), C->year);
		h->comm = sq_strtab_id(&C->comms, h->community,
		    strlen(h->community));
		h->ci = -1;
		sq_greet_init(&h->g, SQ_GREET_NODAY, SQ_GREET_NODAY, 0);
		sq_buf_init(&h->note);
		sq_buf_init(&h->how);
		sq_buf_init(&h->who);
		if (*h->vid) {
			long k = sq_hmap_get(&C->kindex, h->vid, strlen(h->vid));
			if (k < 0) {
				if (C->nk == C->capk) {
					C->capk = C->capk ? 2 * C->capk : 256;
					C->k = sq_xrealloc(C->k, C->capk *
					    sizeof(*C->k));
				}
				struct carer *K = &C->k[C->nk];
				memset(K, 0, sizeof(*K));
				K->vid = h->vid;
				K->name = h->carer;
				K->phone = h->carer_phone;
				K->line = rec.line;
				K->first = K->last = SQ_GREET_NODAY;
				k = (long)C->nk++;
				sq_hmap_put(&C->kindex, K->vid, strlen(K->vid),
				    (uint32_t)k);
				index_name(&C->kname, &C->kname_carer, K->name,
				    k);
			}
			h->ci = k;
		}
		sq_hmap_put(&C->hindex, h->hh, strlen(h->hh), (uint32_t)C->nh);
		C->nh++;
	}
	C->hrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st == SQ_READ_IOERR)
		return -1;
	/* the indexes a log row is looked up in */
	build_resolver(C);
	for (size_t i = 0; i < C->nh; i++)
		index_name(&C->hname, &C->hname_home, C->h[i].name, (long)i);
	C->kh_start = sq_xcalloc(C->nk + 2, sizeof(*C->kh_start));
	C->kh_list = sq_xcalloc(C->nh + 1, sizeof(*C->kh_list));
	for (size_t i = 0; i < C->nh; i++)
		if (C->h[i].ci >= 0)
			C->kh_start[C->h[i].ci + 1]++;
	for (size_t k = 0; k < C->nk; k++)
		C->kh_start[k + 1] += C->kh_start[k];
	size_t *fill = sq_xmalloc((C->nk + 1) * sizeof(*fill));
	memcpy(fill, C->kh_start, (C->nk + 1) * sizeof(*fill));
	for (size_t i = 0; i < C->nh; i++)
		if (C->h[i].ci >= 0)
			C->kh_list[fill[C->h[i].ci]++] = i;
	free(fill);
	return 0;
}

/* alarm labels "fall;unwell" -> bits, and back */
static uint64_t
alarm_bits(const struct care *C, const char *s, size_t len)
{
	uint64_t m = 0;
	char *t = sq_xstrndup(s, len), *save = NULL;

	for (char *tok = strtok_r(t, ";", &save); tok;
	    tok = strtok_r(NULL, ";", &save)) {
		long i = sq_keywords_find(C->alarms, tok);
		if (i >= 0 && i < 64)
			m |= (uint64_t)1 << i;
	}
	free(t);
	return m;
}

void
alarm_text(const struct care *C, uint64_t m, struct sq_buf *b)
{
	for (size_t i = 0; i < sq_keywords_nlabels(C->alarms) && i < 64; i++)
		if (m >> i & 1) {
			if (b->len)
				sq_buf_addc(b, ';');
			sq_buf_adds(b, sq_keywords_label(C->alarms, i));
		}
}

static const char *const state_cols[] = { "hh", "last", "last_alarm",
    "prev", "prev_alarm", "since", "as_of" };
#define NSTATE	7

int
read_state(struct care *C)
{
	struct sq_reader_opts o = { 0 };
	struct stat sb;
	struct sq_rec rec;
	int st;

	if (C->state == NULL || stat(C->state, &sb) < 0)
		return 0;	/* the first day: no history yet */
	struct sq_reader *r = sq_reader_open(C->state, &o);
	if (r == NULL)
		return -1;
	long col[NSTATE];
	for (int i = 0; i < NSTATE; i++)
		col[i] = sq_reader_col(r, state_cols[i]);
	if (col[0] < 0 || col[1] < 0 || col[5] < 0 || col[6] < 0) {
		sq_error("%s: not a sq-care state file (hh, last, last_alarm, "
		    "prev, prev_alarm, since, as_of)", C->state);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		if (st == SQ_READ_BAD) {
			sq_problem(C->state, rec.line, "%s", rec.err);
			continue;
		}
		p = sq_rec_cell_trim(&rec, col[6], &len);
		int32_t as_of = parse_day(p, len, 0);
		if (as_of != SQ_GREET_NODAY && as_of > C->day) {
			sq_error("%s: the state is as of %.*s, after --date %s; "
			    "give the right --date or another --state",
			    C->state, (int)len, p, C->date);
			st = -1;
			break;
		}
		p = sq_rec_cell_trim(&rec, col[0], &len);
		long i = sq_hmap_get(&C->hindex, p, len);
		if (i < 0)
			continue;	/* no longer cared for */
		struct home *h = &C->h[i];
		int32_t v[4];
		uint64_t al[2];
		for (int k = 0; k < 2; k++) {
			p = sq_rec_cell_trim(&rec, col[1 + 2 * k], &len);
			v[k] = parse_day(p, len, 0);
			p = sq_rec_cell_trim(&rec, col[2 + 2 * k], &len);
			al[k] = alarm_bits(C, p, len);
		}
		p = sq_rec_cell_trim(&rec, col[5], &len);
		v[2] = parse_day(p, len, 0);
		/* a re-run of the same day: what was known before it */
		int again = v[0] != SQ_GREET_NODAY && v[0] >= C->day;
		sq_greet_init(&h->g, SQ_GREET_NODAY, again ? v[1] : v[0],
		    again ? al[1] : al[0]);
		h->state_known = 1;
		h->known_from = v[2];
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

int
write_state(struct care *C)
{
	struct sq_writer_opts wo = { .format = SQ_OUT_CSV };
	struct sq_writer *w;

	if (C->state == NULL)
		return 0;
	if ((w = sq_writer_open(C->state, &wo)) == NULL)
		return -1;
	sq_table_header(w, state_cols, NSTATE, NULL);
	for (size_t i = 0; i < C->nh; i++) {
		const struct home *h = &C->h[i];
		const struct sq_greet *g = &h->g;
		char last[11] = "", prev[11] = "", since[11] = "";
		struct sq_buf la, pa;
		sq_buf_init(&la);
		sq_buf_init(&pa);
		int32_t l = g->today ? C->day : g->last;
		int32_t pv = g->today ? g->last : SQ_GREET_NODAY;
		if (l != SQ_GREET_NODAY)
			sq_date_from_days(l, last);
		if (pv != SQ_GREET_NODAY)
			sq_date_from_days(pv, prev);
		alarm_text(C, g->today ? g->alarms : g->last_alarms, &la);
		if (g->today)
			alarm_text(C, g->last_alarms, &pa);
		sq_date_from_days(g->since, since);
		const char *v[NSTATE] = { h->hh, last, la.s ? la.s : "", prev,
		    pa.s ? pa.s : "", since, C->date };
		put_row(w, v, NSTATE);
		sq_buf_free(&la);
		sq_buf_free(&pa);
	}
	return sq_writer_close(w);
}

struct logcols {
	struct sq_rowaddr ra;
	long	 who, vid, carer, whom, date, time, how, note, minutes, greeted;
};

/* the first UTF-8 character of s: its length */
static size_t
first_char(const char *s)
{
	size_t i = 0, n = strlen(s);

	if (n == 0)
		return 0;
	if (sq_utf8_next((const unsigned char *)s, n, &i) < 0)
		return 1;
	return i;
}

/*
 * Does a name as typed ("王奶奶", "老王") point at the head "王秀英"?  2 the
 * full name, 1 the surname with an honorific, 0 no.
 */
static int
name_match(const struct care *C, const char *typed, const char *head)
{
	if (*typed == '\0' || *head == '\0')
		return 0;
	if (strcmp(typed, head) == 0)
		return 2;
	size_t s = first_char(head), tl = strlen(typed);
	for (size_t i = 0; i < C->honorifics.n; i++) {
		const char *h = C->honorifics.v[i];
		if (tl == s + strlen(h) && memcmp(typed, head, s) == 0 &&
		    strcmp(typed + s, h) == 0)
			return 1;
	}
	for (size_t i = 0; i < C->prefixes.n; i++) {
		const char *p = C->prefixes.v[i];
		size_t pl = strlen(p);
		if (tl == pl + s && memcmp(typed, p, pl) == 0 &&
		    memcmp(typed + pl, head, s) == 0)
			return 1;
	}
	return 0;
}

/*
 * A household key to a home (lib/resolve: exact, or the one household an
 * address that leaves out a part can mean), or -1 with *why.
 */
static long
find_home(struct care *C, const char *key, size_t len, const char **why)
{
	struct sq_res r;

	switch (sq_resolve(C->res, key, len, &r)) {
	case SQ_RES_EXACT:
	case SQ_RES_IMPLIED:
		return r.id;
	case SQ_RES_AMBIGUOUS:
		snprintf(C->whybuf, sizeof(C->whybuf), "the address fits %zu "
		    "households in care; write it in full (unit, community)",
		    r.ncand);
		break;
	default:
		if (r.nearest >= 0) {
			const struct home *n = &C->h[r.nearest];
			snprintf(C->whybuf, sizeof(C->whybuf), "not a household "
			    "in care; the nearest is building %s, unit %s, room "
			    "%s", n->building, *n->unit ? n->unit : "-", n->room);
		} else
			snprintf(C->whybuf, sizeof(C->whybuf), "not a household "
			    "in care");
	}
	*why = C->whybuf;
	return -1;
}

/*
 * The household a log row means: its hh, its address (columns, or the
 * whom cell read as one), or the name the greeter wrote, among the
 * greeter's households first.  -1 with *why.
 */
static long
resolve_whom(struct care *C, const struct logcols *L, const struct sq_rec *rec,
    long carer, const char **why)
{
	char key[SQ_ADDR_KEYMAX];
	struct sq_addr a;
	size_t len, cl, ol = 0;
	const char *w;
	const char *cm = sq_rec_cell_trim(rec, L->ra.community, &cl);
	const char *only = only_community(C, &ol);

	if (cl == 0 && only != NULL) {
		cm = only;
		cl = ol;
	}
	*why = NULL;
	int rc = sq_rowaddr_key(&L->ra, rec, cm, cl, key, &a, why);
	if (rc == SQ_ROWADDR_OK) {
		long i = find_home(C, key, strlen(key), why);
		if (i >= 0)
			return i;
	} else if (rc == SQ_ROWADDR_EMPTY)
		*why = NULL;
	w = sq_rec_cell_trim(rec, L->whom, &len);
	if (len > 0 && len < SQ_ADDR_KEYMAX) {
		/* a household key, copied from the pairs */
		struct sq_res r;
		if (sq_resolve(C->res, w, len, &r) == SQ_RES_EXACT)
			return r.id;
	}
	if (len > 0) {
		if (sq_addr_parse(w, len, &a, NULL) == 0) {
			if (cl)
				sq_addr_key_community(cm, cl, &a, key,
				    sizeof(key));
			else
				sq_addr_key(&a, key, sizeof(key));
			long i = find_home(C, key, strlen(key), why);
			if (i >= 0)
				return i;
		}
		char *typed = sq_xstrndup(w, len);
		long found = -1;
		int best = 0, tie = 0;
		/* the greeter's own households first, by name */
		if (carer >= 0)
			for (size_t j = C->kh_start[carer];
			    j < C->kh_start[carer + 1]; j++) {
				long i = (long)C->kh_list[j];
				int m = name_match(C, typed, C->h[i].name);
				if (m > best)
					best = m, found = i, tie = 0;
				else if (m == best && m > 0)
					tie = 1;
			}
		if (found < 0 || tie) {
			/* anyone's, by the full name only */
			uint32_t id = names_find(&C->hname, typed, len);
			found = id != UINT32_MAX && id != 0 ?
			    C->hname_home[id] : -1;
			if (found == -2) {
				*why = "the name fits several households; "
				    "write the address";
				found = -1;
			}
		}
		free(typed);
		if (found >= 0)
			return found;
		if (*why == NULL)
			*why = carer >= 0 ? "not an address, and no household "
			    "of the greeter's has that name" :
			    "not an address or the name of a household in care";
		return -1;
	}
	if (*why)
		return -1;
	if (carer >= 0 && C->kh_start[carer + 1] - C->kh_start[carer] == 1)
		return (long)C->kh_list[C->kh_start[carer]];
	*why = "no household: give an address or the name (whom)";
	return -1;
}

/* The greeter: a vid, or a carer's name (one person), or -1. */
static long
resolve_who(struct care *C, const struct logcols *L, const struct sq_rec *rec)
{
	size_t len;
	const char *p = sq_rec_cell_trim(rec, L->vid, &len);
	long k;

	if (len > 0 && (k = sq_hmap_get(&C->kindex, p, len)) >= 0)
		return k;
	long cols[2] = { L->who, L->carer };
	for (int c = 0; c < 2; c++) {
		p = sq_rec_cell_trim(rec, cols[c], &len);
		if (len == 0)
			continue;
		if ((k = sq_hmap_get(&C->kindex, p, len)) >= 0)
			return k;
		uint32_t id = names_find(&C->kname, p, len);
		if (id != UINT32_MAX && id != 0 && C->kname_carer[id] >= 0)
			return C->kname_carer[id];
	}
	return -1;
}

/* how.txt's first label that matches, as an index into minutes[] */
static int
how_of(const struct care *C, const char *s, size_t len, const char **label)
{
	static const char *const names[] = { "door", "wechat", "phone" };
	uint64_t m = len ? sq_keywords_match(C->how, s, len) : 0;

	for (size_t i = 0; i < sq_keywords_nlabels(C->how) && i < 64; i++)
		if (m >> i & 1) {
			*label = sq_keywords_label(C->how, i);
			for (int k = 0; k < 3; k++)
				if (strcmp(*label, names[k]) == 0)
					return k;
			return 3;
		}
	*label = "other";
	return 3;
}

static void
join(struct sq_buf *b, const char *s, size_t len)
{
	if (len == 0 || b->len >= NOTE_MAX)
		return;
	if (b->len)
		sq_buf_adds(b, "；");
	sq_buf_add(b, s, len);
}

/* the words of a greeter's entry that are already in b, separated by '；' */
static int
joined_has(const struct sq_buf *b, const char *s, size_t len)
{
	const char *p = b->s;

	while (p && *p) {
		const char *q = strstr(p, "；");
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (n == len && memcmp(p, s, len) == 0)
			return 1;
		if (q == NULL)
			break;
		p = q + strlen("；");
	}
	return 0;
}

int
read_log(struct care *C, const char *path)
{
	struct sq_reader_opts o = C->c.in;
	struct sq_reader *r;
	struct sq_rec rec;
	struct logcols L;
	int st;

	o.aliases = C->al_care;
	o.canonical = 1;
	if ((r = sq_reader_open(path, &o)) == NULL)
		return -1;
	sq_rejects_table(C->rj, "greetings", sq_reader_rawheader(r));
	sq_rowaddr_find(&L.ra, r);
	if (sq_reader_ncols(r) == 0) {
		sq_warn(path, 0, "empty: nobody greeted yet");
		sq_reader_close(r);
		return 0;
	}
	L.who = sq_reader_col(r, "who");
	L.vid = sq_reader_col(r, "vid");
	L.carer = sq_reader_col(r, "carer");
	L.whom = sq_reader_col(r, "whom");
	L.date = sq_reader_col(r, "date");
	L.time = sq_reader_col(r, "time");
	L.how = sq_reader_col(r, "how");
	L.note = sq_reader_col(r, "note");
	L.minutes = sq_reader_col(r, "minutes");
	L.greeted = sq_reader_col(r, "greeted");
	if (L.whom < 0 && !sq_rowaddr_usable(&L.ra)) {
		sq_error("%s: no column says whom the greeting was for (whom, "
		    "an address, or hh)", path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p, *why = NULL;
		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		/* the day: the date column, else a date in the time column,
		   else the day checked (a time alone) */
		int32_t day = SQ_GREET_NODAY;
		char ymd[11], hm[6];
		p = sq_rec_cell_trim(&rec, L.date, &len);
		if (len > 0) {
			if (sq_date_parse(p, len, C->year, ymd, &why) !=
			    SQ_VAL_OK) {
				reject(C, path, &rec, "%s '%.*s': %s",
				    sq_reader_rawname(r, (size_t)L.date),
				    (int)len, p, why ? why : "not a date");
				continue;
			}
			day = sq_date_days(ymd);
		} else if ((p = sq_rec_cell_trim(&rec, L.time, &len)), len > 0) {
			if (sq_date_parse(p, len, C->year, ymd, &why) ==
			    SQ_VAL_OK)
				day = sq_date_days(ymd);
			else if (sq_time_parse(p, len, hm, &why) == SQ_VAL_OK)
				day = C->day;
			else {
				reject(C, path, &rec, "%s '%.*s': not a date "
				    "or a time", sq_reader_rawname(r,
				    (size_t)L.time), (int)len, p);
				continue;
			}
		} else
			day = C->day;
		long carer = resolve_who(C, &L, &rec);
		long hi = resolve_whom(C, &L, &rec, carer, &why);
		if (hi < 0) {
			p = sq_rec_cell_trim(&rec, L.whom, &len);
			if (len > 0)
				reject(C, path, &rec, "%s '%.*s': %s",
				    sq_reader_rawname(r, (size_t)L.whom),
				    (int)len, p, why);
			else
				reject(C, path, &rec, "%s", why);
			continue;
		}
		if (day > C->day) {
			C->llater++;	/* tomorrow's, in today's file */
			continue;
		}
		struct home *h = &C->h[hi];
		int greeted = 1;
		p = sq_rec_cell_trim(&rec, L.greeted, &len);
		if (len > 0) {
			int v = sq_bool_parse(p, len);
			if (v == -2)
				sq_warn(path, rec.line, "%s '%.*s': not yes or "
				    "no; taken as yes", sq_reader_rawname(r,
				    (size_t)L.greeted), (int)len, p);
			greeted = v != 0;
		}
		size_t nl, hl;
		const char *note = sq_rec_cell_trim(&rec, L.note, &nl);
		const char *howtxt = sq_rec_cell_trim(&rec, L.how, &hl);
		uint64_t alarms = nl ? sq_keywords_match(C->alarms, note, nl) : 0;
		if (hl)
			alarms |= sq_keywords_match(C->alarms, howtxt, hl);
		if (C->unreachable >= 0 && C->unreachable < 64 &&
		    (alarms >> C->unreachable & 1))
			greeted = 0;
		const char *label;
		int how = how_of(C, howtxt, hl, &label);
		sq_greet_seen(&h->g, C->day, day, greeted, alarms);
		if (C->lfirst == SQ_GREET_NODAY || day < C->lfirst)
			C->lfirst = day;
		if (day == C->day) {
			C->ltoday++;
			join(&h->note, note, nl);
			if (greeted && !joined_has(&h->how, label, strlen(label)))
				join(&h->how, label, strlen(label));
			const char *who = sq_rec_cell_trim(&rec, L.who >= 0 ?
			    L.who : L.carer >= 0 ? L.carer : L.vid, &len);
			if (carer >= 0 && len == 0)
				who = C->k[carer].name, len = strlen(who);
			if (greeted && !joined_has(&h->who, who, len))
				join(&h->who, who, len);
		} else
			C->learlier++;
		/* the time bank: every entry took the greeter's time */
		if (carer >= 0) {
			struct carer *K = &C->k[carer];
			long mins = C->minutes[how];
			p = sq_rec_cell_trim(&rec, L.minutes, &len);
			if (len > 0) {
				double v;
				if (sq_double_parse(p, len, &v) == SQ_VAL_OK &&
				    v >= 0 && v <= 600)
					mins = lround(v);
				else
					sq_warn(path, rec.line, "%s '%.*s': not "
					    "minutes (0 to 600); counted as %ld",
					    sq_reader_rawname(r,
					    (size_t)L.minutes), (int)len, p,
					    mins);
			}
			K->greetings++;
			K->minutes += mins;
			if (K->first == SQ_GREET_NODAY || day < K->first)
				K->first = day;
			if (K->last == SQ_GREET_NODAY || day > K->last)
				K->last = day;
		}
	}
	C->lrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}
