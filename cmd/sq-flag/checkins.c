/*
 * checkins.c — the day's check-in exports: each row's day, household key
 * and reading (made on the reading thread), then its household found and
 * marked, or a row of its own for an address not in the roster.
 */
#include "state.h"

/* ---- check-ins -------------------------------------------------------- */

struct cicols {
	struct sq_rowaddr addr;
	long	 date, time, temp, symptoms, name;
	/* the last date cell read: a day's export says the same date */
	char	 last_date[32];
	size_t	 last_len;
	int	 last_day;
	/* the last day a cell read as: "2022-04-10 15:57" differs each row,
	   its day does not */
	char	 last_ymd[11];
	int	 last_ymd_day;
	/* symptom cells said before: a day's export has a handful */
	struct {
		uint8_t	 len, some;	/* len 0: empty slot */
		char	 text[30];
	} said[64];
};

/* Symptoms: yes/no, or free text matched against symptoms.txt. */
static int
has_symptoms(const struct state *s, const char *p, size_t len)
{
	int b = sq_bool_parse(p, len);

	if (b == 1)
		return 1;
	if (b == 0 || b == -1)
		return 0;
	long none = sq_keywords_find(s->symptom_words, "none");
	long some = sq_keywords_find(s->symptom_words, "symptom");
	uint64_t hits = sq_keywords_match(s->symptom_words, p, len);
	if (some >= 0 && (hits >> some & 1))
		return 1;
	if (none >= 0 && (hits >> none & 1))
		return 0;
	return 1;	/* text we do not know: a person should look */
}

/* has_symptoms() remembered for short cells: the keyword match is slow */
static int
symptoms_said(const struct state *s, struct cicols *c, const char *p,
    size_t len)
{
	if (len > sizeof(c->said[0].text))
		return has_symptoms(s, p, len);
	uint32_t h = sq_hash(p, len) % (sizeof(c->said) / sizeof(c->said[0]));
	if (c->said[h].len == len && memcmp(c->said[h].text, p, len) == 0)
		return c->said[h].some;
	int some = has_symptoms(s, p, len);
	c->said[h].len = (uint8_t)len;
	c->said[h].some = (uint8_t)some;
	memcpy(c->said[h].text, p, len);
	return some;
}

char *
arena_printf(struct sq_arena *a, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	return sq_arena_strndup(a, buf, (size_t)n);
}

/* The words of key (share/flag/LANG), places filled, in the arena. */
char *
arena_say(struct state *s, const char *key, ...)
{
	va_list ap;

	s->scratch.len = 0;
	va_start(ap, key);
	sq_words_vsay(s->words, &s->scratch, key, ap);
	va_end(ap);
	return sq_arena_strndup(&s->arena, s->scratch.len ? s->scratch.s : "",
	    s->scratch.len);
}

static void
set_note(struct state *s, struct household *h, char *note)
{
	if (h->note == 0) {
		if (s->nnotes == s->capnotes) {
			s->capnotes = s->capnotes ? 2 * s->capnotes : 64;
			s->notes = sq_xrealloc(s->notes, s->capnotes *
			    sizeof(*s->notes));
		}
		h->note = (uint32_t)++s->nnotes;
	}
	s->notes[h->note - 1] = note;
}

/* What a check-in says of the people in the flat. */
struct reading {
	int16_t	 temp10;	/* NO_TEMP: none */
	uint8_t	 symptoms, bad;
	char	*note;		/* the symptoms, or the reading not read */
};

/* 8:01, 上午8:01: a time of day, no date written before it (no / - 年 月
   nor a run of 5 digits or more: 2022/4/32, 20220410, an Excel serial) */
static int
time_only(const char *p, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '/' || p[i] == '-' || (i + 3 <= len &&
		    (memcmp(p + i, "年", 3) == 0 || memcmp(p + i, "月", 3) == 0)))
			return 0;
		run = p[i] >= '0' && p[i] <= '9' ? run + 1 : 0;
		if (run >= 5)
			return 0;
	}
	return 1;
}

/* sq_date_days(ymd), the day before remembered */
static int
days_of(struct cicols *c, const char ymd[11])
{
	if (memcmp(ymd, c->last_ymd, 11) != 0) {
		memcpy(c->last_ymd, ymd, 11);
		c->last_ymd_day = sq_date_days(ymd);
	}
	return c->last_ymd_day;
}

/* The day of a check-in: its date cell, or the date in its time cell. */
static int
checkin_day(const struct state *s, struct cicols *c, const struct sq_rec *rec,
    const char **why)
{
	char ymd[11];
	size_t len;
	const char *p = sq_rec_cell_trim(rec, c->date, &len);
	int year = s->year;

	*why = NULL;
	if (len && len == c->last_len && memcmp(p, c->last_date, len) == 0)
		return c->last_day;
	if (len == 0) {
		p = sq_rec_cell_trim(rec, c->time, &len);
		if (len == 0 || time_only(p, len)) {
			*why = NULL;	/* a time alone: today's form */
			return s->day;
		}
		/* a date that does not read (2022/4/32 8:01) is not today's */
		if (sq_date_parse(p, len, year, ymd, why) != SQ_VAL_OK)
			return NO_DAY;
		return days_of(c, ymd);
	}
	if (sq_date_parse(p, len, year, ymd, why) != SQ_VAL_OK)
		return NO_DAY;
	int day = days_of(c, ymd);
	if (len < sizeof(c->last_date)) {
		memcpy(c->last_date, p, len);
		c->last_len = len;
		c->last_day = day;
	}
	return day;
}

/*
 * What a check-in row says, worked out before its household is looked up:
 * on the reading thread (sq_reader_prepare), so it says nothing and
 * changes nothing but *lk and the date it keeps.
 */
struct lookup {
	int	 day;		/* NO_DAY: unreadable, why says */
	int	 rc;		/* SQ_ROWADDR_... when the key was made */
	const char *why;
	uint32_t hash;
	size_t	 keylen;
	int	 temp_rc;	/* SQ_VAL_... of the temperature cell */
	int16_t	 temp10;	/* SQ_VAL_OK: tenths of °C */
	uint8_t	 symptoms;	/* the symptoms cell says some */
	const char *temp_why;	/* not SQ_VAL_OK nor SQ_VAL_EMPTY: why */
	struct sq_addr a;
	char	 key[SQ_ADDR_KEYMAX];
};

/* What look_checkin() reads: the state's fixed part, one file's columns. */
struct looking {
	const struct state *s;
	struct cicols *c;
};

/*
 * The day and the household key of a row, its reading, and a prefetch of
 * its slot in the index.
 */
static void
look_checkin(const struct state *s, struct cicols *c,
    const struct sq_rec *rec, struct lookup *lk)
{
	const char *p;
	size_t len;
	double t;

	lk->rc = SQ_ROWADDR_BAD;
	lk->day = checkin_day(s, c, rec, &lk->why);
	if (lk->day == NO_DAY || lk->day > s->day)
		return;
	lk->rc = sq_rowaddr_key(&c->addr, rec, NULL, 0, lk->key, &lk->a,
	    &lk->why);
	if (lk->rc == SQ_ROWADDR_OK) {
		/* a form without a community column, for a one-community roster */
		lk->keylen = sq_resolver_canon(s->res, lk->key, strlen(lk->key));
		lk->hash = sq_hash(lk->key, lk->keylen);
	}
	if (lk->day != s->day)
		return;		/* history: the reading is not looked at */
	p = sq_rec_cell_trim(rec, c->temp, &len);
	lk->temp_rc = sq_temp_parse(p, len, &t, &lk->temp_why);
	if (lk->temp_rc == SQ_VAL_OK)
		lk->temp10 = (int16_t)(int)(t * 10 + (t >= 0 ? 0.5 : -0.5));
	p = sq_rec_cell_trim(rec, c->symptoms, &len);
	lk->symptoms = len && symptoms_said(s, c, p, len);
}

/* look_checkin() as sq_reader_prepare() calls it. */
static void
prepare_checkin(void *ctx, const struct sq_rec *rec, int st, void *out)
{
	const struct looking *L = ctx;
	struct lookup *lk = out;

	lk->rc = SQ_ROWADDR_BAD;
	if (st != SQ_READ_BAD)
		look_checkin(L->s, L->c, rec, lk);
}

/*
 * The temperature and symptoms of a check-in: the same for a household of
 * the roster and an address not in it (a fever stays a fever).  The cells
 * were read by look_checkin(); here is what is said of them.
 */
static void
read_reading(struct state *s, const struct sq_reader *r, const struct cicols *c,
    const struct sq_rec *rec, const struct lookup *lk, struct reading *rd)
{
	const char *p;
	size_t len;

	rd->temp10 = NO_TEMP;
	rd->symptoms = rd->bad = 0;
	rd->note = NULL;
	if (lk->temp_rc == SQ_VAL_OK)
		rd->temp10 = lk->temp10;
	else if (lk->temp_rc != SQ_VAL_EMPTY) {
		p = sq_rec_cell_trim(rec, c->temp, &len);
		s->bad_temps++;
		sq_problem(sq_reader_name(r), rec->line, "%s '%.*s': %s",
		    sq_reader_rawname(r, (size_t)c->temp), (int)len, p,
		    lk->temp_why);
		rd->bad = 1;
		char value[64], where[4200];
		snprintf(value, sizeof(value), "%.*s",
		    (int)sq_utf8_cut(p, len, 40), p);
		snprintf(where, sizeof(where), "%s:%ld", sq_reader_name(r),
		    rec->line);
		rd->note = arena_say(s, "reason.bad_reading", "value", value,
		    "where", where, NULL);
	}
	if (lk->symptoms) {
		rd->symptoms = 1;
		p = sq_rec_cell_trim(rec, c->symptoms, &len);
		if (!rd->bad)
			rd->note = arena_printf(&s->arena, "%.*s",
			    (int)sq_utf8_cut(p, len, 60), p);
	}
}

static int
is_fever(const struct state *s, int temp10)
{
	return temp10 != NO_TEMP && temp10 >= (int)(s->fever * 10 + 0.5);
}

/* "K1、K2" for a reason: the candidates of an ambiguous address. */
static void
list_candidates(const struct state *s, const struct sq_res *res, char *buf,
    size_t sz)
{
	size_t o = 0, n = res->ncand < SQ_RES_MAXCAND ? res->ncand :
	    SQ_RES_MAXCAND;

	buf[0] = '\0';
	for (size_t k = 0; k < n && o + 1 < sz; k++) {
		int w = snprintf(buf + o, sz - o, "%s%s", k ?
		    sq_words_get(s->words, "reason.cand_sep") : "",
		    s->hh[res->cand[k]].text);
		if (w < 0 || (size_t)w >= sz - o)
			break;
		o += (size_t)w;
	}
}

/* The words of key, places filled, after what b holds (arena_say's way). */
static void
say_into(struct state *s, struct sq_buf *b, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	sq_words_vsay(s->words, b, key, ap);
	va_end(ap);
}

/* "FILE:LINE", as snprintf(out, 4200, "%s:%ld") wrote it: once a row */
static const char *
where_of(const struct sq_reader *r, long line, char out[4200])
{
	const char *name = sq_reader_name(r);
	size_t n = strlen(name), o;
	char num[DECIMAL_MAX];
	const char *p = decimal(line, num, 0);

	o = n < 4199 ? n : 4199;
	memcpy(out, name, o);
	if (o < 4199)
		out[o++] = ':';
	size_t dl = (size_t)(num + DECIMAL_MAX - 1 - p);
	if (dl > 4199 - o)
		dl = 4199 - o;
	memcpy(out + o, p, dl);
	out[o + dl] = '\0';
	return out;
}

/*
 * A check-in from an address that is no household of the roster: a row of
 * its own, with its reading (a fever first, as any fever), and the
 * household it may be: the candidates of an incomplete address, or the
 * nearest one.  Its reason is made in parts in s->ubuf and kept once.
 */
static void
add_unknown(struct state *s, const struct sq_reader *r,
    const struct sq_rec *rec, const struct cicols *c, const struct lookup *lk,
    const char *key, const char *why, const struct sq_res *res)
{
	const struct sq_addr *a = &lk->a;
	size_t len, alen;
	const char *addr = sq_rec_cell_trim(rec, c->addr.address, &alen);
	struct reading rd;
	char cands[400];

	alen = sq_utf8_cut(addr, alen, 80);
	read_reading(s, r, c, rec, lk, &rd);

	if (s->nunknown == s->capunknown) {
		s->capunknown = s->capunknown ? 2 * s->capunknown : 64;
		s->unknown = sq_xrealloc(s->unknown,
		    s->capunknown * sizeof(*s->unknown));
	}
	struct flagrow *u = &s->unknown[s->nunknown++];
	memset(u, 0, sizeof(*u));
	/* its key, building, unit, room and name: one block of the arena */
	const char *name = sq_rec_cell_trim(rec, c->name, &len);
	size_t kl = key ? strlen(key) : 0, bl = strlen(a->building),
	    ul = strlen(a->unit), rl = strlen(a->room);
	char *t = sq_arena_alloc(&s->arena, kl + bl + ul + rl + len + 5);
	u->key = t;
	memcpy(t, key ? key : "", kl);
	t[kl] = '\0';
	u->building = t += kl + 1;
	memcpy(t, a->building, bl + 1);
	u->unit = t += bl + 1;
	memcpy(t, a->unit, ul + 1);
	u->room = t += ul + 1;
	memcpy(t, a->room, rl + 1);
	u->name = t += rl + 1;
	memcpy(t, name, len);
	t[len] = '\0';
	u->temp10 = rd.temp10;
	if (is_fever(s, rd.temp10)) {
		u->status = ST_FEVER;
		u->tier = 2;
	} else if (rd.symptoms) {
		u->status = ST_SYMPTOMS;
		u->tier = 4;
	} else {
		u->status = ST_UNKNOWN;
		u->tier = 9;
	}
	s->unknown_count[u->status]++;
	/* the grid worker of the household it may be */
	long near = res == NULL ? -1 : res->kind == SQ_RES_AMBIGUOUS ?
	    res->cand[0] : res->nearest;
	if (near >= 0) {
		u->grid = s->hh[near].grid;
		u->community = s->hh[near].community;
	}
	struct sq_buf *what = &s->ubuf[0], *at = &s->ubuf[1],
	    *out = &s->ubuf[2];
	what->len = at->len = out->len = 0;
	if (why) {
		char address[128];
		snprintf(address, sizeof(address), "%.*s", (int)alen, addr);
		say_into(s, what, "reason.bad_address", "address", address,
		    "why", why, NULL);
	} else if (res->kind == SQ_RES_AMBIGUOUS) {
		char n[24];
		list_candidates(s, res, cands, sizeof(cands));
		snprintf(n, sizeof(n), "%zu", res->ncand);
		say_into(s, what, "reason.partial", "missing",
		    sq_words_get(s->words, res->parts & SQ_PART_UNIT ?
		    "reason.partial_unit" : res->parts & SQ_PART_COMMUNITY ?
		    "reason.partial_community" : "reason.partial_none"),
		    "candidates", cands, "more", res->ncand > SQ_RES_MAXCAND ?
		    sq_words_get(s->words, "reason.partial_more") : "", "n", n,
		    NULL);
	} else if (near >= 0)
		say_into(s, what, "reason.nearest", "hh", s->hh[near].text, NULL);
	else
		say_into(s, what, "reason.not_on_roster", NULL);
	char where[4200];
	say_into(s, at, "reason.at", "where", where_of(r, rec->line, where),
	    "what", what->len ? what->s : "", NULL);
	const char *sep = sq_words_get(s->words, "reason.sep");
	if (u->status == ST_FEVER) {
		char temp[DECIMAL_MAX];
		const char *tp = decimal(rd.temp10, temp, 1);
		if (rd.symptoms)
			say_into(s, out, "reason.fever_symptoms", "temp", tp,
			    "what", rd.note ? rd.note : "", NULL);
		else
			say_into(s, out, "reason.fever", "temp", tp, NULL);
		sq_buf_adds(out, sep);
		sq_buf_add(out, at->len ? at->s : "", at->len);
	} else if (u->status == ST_SYMPTOMS) {
		if (rd.note)
			say_into(s, out, "reason.symptoms_what", "what", rd.note,
			    NULL);
		else
			say_into(s, out, "reason.symptoms", NULL);
		sq_buf_adds(out, sep);
		sq_buf_add(out, at->len ? at->s : "", at->len);
	} else {
		sq_buf_add(out, at->len ? at->s : "", at->len);
		if (rd.bad) {
			sq_buf_adds(out, sep);
			sq_buf_adds(out, rd.note);
		}
	}
	/* arena_printf's bound: a reason is at most 511 bytes */
	u->reason = sq_arena_strndup(&s->arena, out->len ? out->s : "",
	    out->len < 511 ? out->len : 511);
	s->ci_unknown++;
}

static void
take_checkin(struct state *s, const struct sq_reader *r, const struct cicols *c,
    const struct sq_rec *rec, const struct lookup *lk)
{
	int day = lk->day;
	struct sq_res res;

	if (day == NO_DAY) {
		char msg[200];
		snprintf(msg, sizeof(msg), "date cannot be read: %s", lk->why);
		sq_rejects_add(s->rj, sq_reader_name(r), rec, msg);
		return;
	}
	if (day > s->day) {
		s->ci_future++;
		return;
	}
	/*
	 * An earlier day's check-in from an address not in the roster tells
	 * no household's history: it is counted (earlier_unknown), and was
	 * that day's unknown_household row already.
	 */
	if (lk->rc != SQ_ROWADDR_OK) {
		if (day == s->day)
			add_unknown(s, r, rec, c, lk, NULL, lk->why, NULL);
		else
			s->ci_earlier_unknown++;
		return;
	}
	sq_resolve_h(s->res, lk->hash, lk->key, lk->keylen, &res);
	if (res.kind != SQ_RES_EXACT && res.kind != SQ_RES_IMPLIED) {
		if (day == s->day)
			add_unknown(s, r, rec, c, lk, lk->key, NULL, &res);
		else
			s->ci_earlier_unknown++;
		return;
	}
	struct household *h = &s->hh[res.id];
	s->ci_implied += res.kind == SQ_RES_IMPLIED;
	if (day < s->day) {
		if (h->last == NO_DAY || day > h->last)
			h->last = day;
		s->ci_history++;
		return;
	}
	if (h->reported)
		s->ci_merged++;
	else
		s->ci_today++;
	h->reported = 1;

	struct reading rd;
	read_reading(s, r, c, rec, lk, &rd);
	if (rd.temp10 != NO_TEMP && rd.temp10 > h->temp10)
		h->temp10 = rd.temp10;
	if (rd.bad && !h->bad) {
		h->bad = 1;
		set_note(s, h, rd.note);
	}
	if (rd.symptoms && !h->symptoms) {
		h->symptoms = 1;
		if (!h->bad || h->note == 0)
			set_note(s, h, rd.note);
	}
}

int
read_checkins(struct state *s, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	struct cicols c;
	int st;

	if (r == NULL)
		return -1;
	memset(&c, 0, sizeof(c));
	sq_rowaddr_find(&c.addr, r);
	c.date = sq_reader_col(r, "date");
	c.time = sq_reader_col(r, "time");
	c.temp = sq_reader_col(r, "temperature");
	c.symptoms = sq_reader_col(r, "symptoms");
	c.name = sq_reader_col(r, "name");
	if (sq_rowaddr_need(&c.addr, r, _("the check-in table")) < 0) {
		sq_reader_close(r);
		return -1;
	}
	/*
	 * Every community has its own 12号楼: without the community of each
	 * check-in, a district's would all be unknown, and every household
	 * unreported.
	 */
	if (sq_reader_ncols(r) > 0 && s->communities && c.addr.community < 0 &&
	    c.addr.hh < 0) {
		sq_error("%s: no community column (小区), and the roster has "
		    "several communities: name the column in the header, or "
		    "add its name to aliases.txt", sq_reader_name(r));
		sq_reader_close(r);
		return -1;
	}
	/*
	 * A form without a temperature still says who reported (and maybe
	 * symptoms): read, but a person must know no fever can show.
	 */
	if (sq_reader_ncols(r) > 0 && c.temp < 0)
		sq_warn(sq_reader_name(r), sq_reader_header_lineno(r), "no "
		    "temperature column (体温): its check-ins count as reported, "
		    "none can be a fever; name the column in the header, or add "
		    "its name to aliases.txt");
	/*
	 * Rows are read a batch at a time and their slots in the index
	 * fetched before the first is taken: a district's index is far
	 * bigger than the cache, and one miss after another was a fifth of
	 * the time.  Rows are still taken in order; only a message of the
	 * reader itself (a header pasted again) may come a few rows early.
	 * --strict stops at the first problem: one row at a time.
	 */
	/* its rejected rows under its own header, not the households' */
	sq_rejects_table(s->rj, "checkins", sq_reader_rawheader(r));
	enum { BATCH = 16 };
	struct sq_rec rec[BATCH];
	struct lookup lk[BATCH];
	int stv[BATCH];
	size_t batch = s->c.strict ? 1 : BATCH, n;
	/*
	 * The keys are made on the reading thread and on this one, each
	 * with its own copy of the columns (their caches of dates and
	 * symptom cells are the threads' own).
	 */
	struct cicols c2 = c;
	struct looking L = { s, &c }, L2 = { s, &c2 };
	sq_reader_prepare_shared(r, prepare_checkin, &L, &L2,
	    sizeof(struct lookup));
	for (size_t k = 0; k < batch; k++)
		sq_rec_init(&rec[k]);
	do {
		for (n = 0; n < batch && (st = sq_reader_next(r, &rec[n])) > 0; n++) {
			stv[n] = st;
			memcpy(&lk[n], sq_reader_prepared(r), sizeof(lk[n]));
			if (lk[n].rc == SQ_ROWADDR_OK)
				sq_resolver_prefetch(s->res, lk[n].hash);
		}
		/* the slots are in: fetch the households, then their keys; for
		   a key not in the index, its building's slot, group, members */
		long cand[BATCH];
		uint64_t hint[BATCH];
		for (size_t k = 0; k < n; k++) {
			cand[k] = lk[k].rc == SQ_ROWADDR_OK ?
			    sq_resolver_peek(s->res, lk[k].hash) : -1;
			if (cand[k] >= 0)
				__builtin_prefetch(&s->hh[cand[k]]);
			else if (lk[k].rc == SQ_ROWADDR_OK)
				sq_resolver_prefetch_near(s->res, lk[k].key,
				    lk[k].keylen, 0, &hint[k]);
		}
		for (size_t k = 0; k < n; k++)
			if (cand[k] >= 0)
				__builtin_prefetch(s->hh[cand[k]].text);
			else if (lk[k].rc == SQ_ROWADDR_OK)
				sq_resolver_prefetch_near(s->res, lk[k].key,
				    lk[k].keylen, 1, &hint[k]);
		for (size_t k = 0; k < n; k++)
			if (cand[k] < 0 && lk[k].rc == SQ_ROWADDR_OK)
				sq_resolver_prefetch_near(s->res, lk[k].key,
				    lk[k].keylen, 2, &hint[k]);
		for (size_t k = 0; k < n; k++) {
			if (stv[k] == SQ_READ_BAD)
				sq_rejects_add(s->rj, sq_reader_name(r), &rec[k],
				    rec[k].err);
			else
				take_checkin(s, r, &c, &rec[k], &lk[k]);
		}
		if (s->c.strict && sq_diag_status()) {
			st = 1;
			break;
		}
	} while (n == batch);
	s->ci_rows += sq_reader_stats(r)->rows;
	for (size_t k = 0; k < batch; k++)
		sq_rec_free(&rec[k]);
	sq_reader_close(r);
	return st < 0 ? -1 : st;
}
