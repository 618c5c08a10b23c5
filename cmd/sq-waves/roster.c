/*
 * roster.c — sq-waves' households: the roster read and keyed, its
 * buildings, and finding the household of a row (lib/resolve.h).
 */
#include "state.h"

/* ---- the roster -------------------------------------------------------- */

const char *
key_of(void *ctx, uint32_t i, size_t *len)
{
	struct state *s = ctx;
	const char *k = s->hh[i].text;

	*len = strlen(k);
	return k;
}

/* The part of key that starts with tag ("-U", "-R"), up to the next '-'. */
size_t
key_part(const char *key, char tag, char *out, size_t outsz)
{
	const char *p = key;

	*out = '\0';
	while ((p = strchr(p, '-')) != NULL) {
		if (p[1] == tag && p[2] >= '0' && p[2] <= '9')
			break;
		p++;
	}
	if (p == NULL)
		return 0;
	p++;
	size_t n = strcspn(p, "-");
	if (tag == 'R' && p[n] == '-')	/* a sub-let room "R0502-1" */
		n += strlen(p + n);
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return n;
}

/* "B0012" -> "12", "U02" -> "2", "R0502-1" -> "502-1", "B0012A" -> "12A" */
void
part_label(const char *part, char *out, size_t outsz)
{
	const char *p = part + (*part != '\0');

	while (*p == '0' && p[1] >= '0' && p[1] <= '9')
		p++;
	snprintf(out, outsz, "%s", p);
	if (strcmp(out, "0") == 0)
		*out = '\0';
}

static uint32_t
building_of(struct state *s, uint32_t community, const char *key,
    const char *label)
{
	char ck[SQ_BKEY_MAX + 16];
	int n = snprintf(ck, sizeof(ck), "%u:%s", community, key);
	long id = sq_strtab_find(&s->bkeys, ck, (size_t)n);

	if (id > 0)
		return (uint32_t)id - 1;
	sq_strtab_id(&s->bkeys, ck, (size_t)n);
	if (s->nbld == s->capbld) {
		s->capbld = s->capbld ? 2 * s->capbld : 64;
		s->bld = sq_xrealloc(s->bld, s->capbld * sizeof(*s->bld));
	}
	struct building *b = &s->bld[s->nbld];
	memset(b, 0, sizeof(*b));
	b->community = community;
	snprintf(b->key, sizeof(b->key), "%s", key);
	b->label = label;
	b->site = -1;
	return (uint32_t)s->nbld++;
}

static int
by_hh_key(const void *a, const void *b)
{
	return strcmp(((const struct household *)a)->text,
	    ((const struct household *)b)->text);
}

int
load_households(struct state *s, const char *path)
{
	static const char *const names[NSTR] = { "hh", "building", "unit",
	    "room", "name", "phone" };
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	long col[NSTR], comm, grid, members, flag[16];
	int nflag = 0, st;
	struct sq_rec rec;

	if (r == NULL)
		return -1;
	/* the name outlives the reader: the duplicates are told after it */
	char *file = sq_xstrdup(sq_reader_name(r));
	for (int i = 0; i < NSTR; i++)
		col[i] = sq_reader_col(r, names[i]);
	comm = sq_reader_col(r, "community");
	grid = sq_reader_col(r, "grid");
	members = sq_reader_col(r, "members");
	/* the door flags: columns named in waves.conf, as far as present */
	char *list = sq_xstrdup(s->set.door_flags), *save = NULL;
	for (char *t = strtok_r(list, ", \t", &save); t && nflag < 16;
	    t = strtok_r(NULL, ", \t", &save)) {
		const char *canon = sq_aliases_lookup(s->aliases, t, strlen(t));
		long c = sq_reader_col(r, canon ? canon : t);
		if (c >= 0)
			flag[nflag++] = c;
	}
	free(list);
	if (col[S_KEY] < 0) {
		sq_error("%s: no hh column: give the households table that "
		    "sq-ingest writes", file);
		sq_reader_close(r);
		free(file);
		return -1;
	}
	/* each table's rejects in a file of its own (lib/rejects.h) */
	sq_rejects_table(s->rj, "households", sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *key = sq_rec_cell_trim(&rec, col[S_KEY], &len);
		if (st == SQ_READ_BAD || len == 0 || len >= SQ_ADDR_KEYMAX) {
			sq_rejects_add(s->rj, file, &rec, st == SQ_READ_BAD ?
			    rec.err : len ? "hh too long: not a household key" :
			    "no hh: not a household");
			continue;
		}
		if (s->nhh == s->caphh) {
			s->caphh = s->caphh ? 2 * s->caphh : 4096;
			s->hh = sq_xrealloc(s->hh, s->caphh * sizeof(*s->hh));
		}
		struct household *h = &s->hh[s->nhh];
		memset(h, 0, sizeof(*h));
		const char *str[NSTR];
		size_t slen[NSTR], total = 0;
		char parts[3][24];
		str[S_KEY] = key;
		slen[S_KEY] = len;
		for (int i = S_BUILDING; i < NSTR; i++)
			str[i] = sq_rec_cell_trim(&rec, col[i], &slen[i]);
		/* building, unit, room from the key when the cells are empty */
		char kbuf[SQ_ADDR_KEYMAX], part[SQ_BKEY_MAX];
		memcpy(kbuf, key, len);
		kbuf[len] = '\0';
		static const char tags[3] = { 'B', 'U', 'R' };
		for (int i = 0; i < 3; i++) {
			parts[i][0] = '\0';
			if (slen[S_BUILDING + i] > 0)
				continue;
			if (i == 0) {	/* "Z02-B0012": the B part */
				char whole[SQ_BKEY_MAX];
				sq_hh_building(kbuf, whole, sizeof(whole));
				const char *b = strrchr(whole, '-');
				snprintf(part, sizeof(part), "%s", b ? b + 1 :
				    whole);
			} else
				key_part(kbuf, tags[i], part, sizeof(part));
			part_label(part, parts[i], sizeof(parts[i]));
			str[S_BUILDING + i] = parts[i];
			slen[S_BUILDING + i] = strlen(parts[i]);
		}
		for (int i = 0; i < NSTR; i++)
			total += slen[i] + 1;
		char *t = h->text = sq_arena_alloc(&s->arena, total);
		for (int i = 0; i < NSTR; i++) {
			memcpy(t, str[i], slen[i]);
			t[slen[i]] = '\0';
			t += slen[i] + 1;
		}
		h->line = (int32_t)(rec.line < INT32_MAX ? rec.line : INT32_MAX);
		const char *p = sq_rec_cell_trim(&rec, comm, &len);
		h->community = sq_strtab_id(&s->names, p, len);
		p = sq_rec_cell_trim(&rec, grid, &len);
		h->grid = sq_strtab_id(&s->names, p, len);
		p = sq_rec_cell_trim(&rec, members, &len);
		long m = 1;
		const char *why = NULL;
		int rc = sq_count_parse(p, len, &m, &why);
		if (rc == SQ_VAL_OK) {
			h->members_known = 1;
		} else {
			if (rc != SQ_VAL_EMPTY) {
				sq_warn(file, rec.line, "%s '%.*s': %s; "
				    "taken as 1", sq_reader_rawname(r,
				    (size_t)members), (int)(len > 40 ? 40 : len),
				    p, why);
				s->members_bad++;
			}
			s->members_missing++;
			m = 1;
		}
		h->members = (uint8_t)m;
		for (int f = 0; f < nflag; f++) {
			p = sq_rec_cell_trim(&rec, flag[f], &len);
			if (sq_bool_parse(p, len) == 1)
				h->door |= DOOR_FLAG;
		}
		s->nhh++;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	if (st < 0) {
		free(file);
		return -1;
	}
	/* key order: the natural order of buildings, units and rooms */
	if (s->nhh > 1)
		qsort(s->hh, s->nhh, sizeof(*s->hh), by_hh_key);
	size_t kept = 0;
	for (size_t i = 0; i < s->nhh; i++) {
		if (kept > 0 && strcmp(s->hh[kept - 1].text, s->hh[i].text) == 0) {
			s->roster_dups++;
			sq_warn(file, s->hh[i].line, "household %s is in the "
			    "roster twice (line %ld); kept the first",
			    s->hh[i].text, (long)s->hh[kept - 1].line);
			if (s->hh[i].line < s->hh[kept - 1].line)
				s->hh[kept - 1] = s->hh[i];
			continue;
		}
		s->hh[kept++] = s->hh[i];
	}
	s->nhh = kept;
	free(file);
	sq_resolver_reserve(s->res, s->nhh);
	for (size_t i = 0; i < s->nhh; i++) {
		struct household *h = &s->hh[i];
		char bk[SQ_BKEY_MAX], up[16];
		sq_resolver_add(s->res, h->text, strlen(h->text), (uint32_t)i);
		if (sq_hh_building(h->text, bk, sizeof(bk)) == 0)
			snprintf(bk, sizeof(bk), "B%s", hstr(h, S_BUILDING));
		h->bld = building_of(s, h->community, bk, hstr(h, S_BUILDING));
		key_part(h->text, 'U', up, sizeof(up));
		h->unit = sq_strtab_id(&s->units, up, strlen(up));
		const char *room = hstr(h, S_ROOM);
		h->floor = (int16_t)sq_room_floor(room);
	}
	s->only_community = s->nhh ? s->hh[0].community : 0;
	for (size_t i = 1; i < s->nhh && s->only_community; i++)
		if (s->hh[i].community != s->only_community) {
			s->only_community = 0;
			s->communities = 1;
		}
	return 0;
}

/*
 * The household of a row (hh, address or building/unit/room), through
 * the resolver (lib/resolve.h): its index, -1 (*r says why: not in the
 * roster, or several could be meant), or -2 when the address cannot be
 * read (*why).  key receives the row's own key.
 */
long
find_household(struct state *s, const struct sq_rowaddr *ra,
    const struct sq_rec *rec, char *key, struct sq_res *r, const char **why)
{
	*why = NULL;
	key[0] = '\0';
	int rc = sq_resolve_row(s->res, ra, rec, key, r, why);
	if (rc != SQ_ROWADDR_OK) {
		if (*why == NULL)
			*why = "empty address";
		return -2;
	}
	return r->kind == SQ_RES_EXACT || r->kind == SQ_RES_IMPLIED ?
	    r->id : -1;
}

/*
 * A table of several communities' households needs the community of each
 * row: without the column a key is usually every community's.
 */
void
need_community(const struct state *s, const struct sq_rowaddr *ra,
    const char *file)
{
	if (s->communities && ra->community < 0 && ra->hh < 0)
		sq_fatal("%s: no community column (小区), and the roster has "
		    "several communities: add the column", file);
}

/* "K1、K2、K3" of the first candidates (malloc'd). */
char *
candidates(const struct state *s, const struct sq_res *r, const char *sep)
{
	struct sq_buf b;

	sq_buf_init(&b);
	for (size_t k = 0; k < r->ncand && k < SQ_RES_MAXCAND; k++) {
		if (k)
			sq_buf_adds(&b, sep);
		sq_buf_adds(&b, s->hh[r->cand[k]].text);
	}
	return sq_buf_take(&b);
}
