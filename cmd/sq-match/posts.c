/*
 * posts.c — the posts sheet: each row's post, skill, team and headcount,
 * its shifts (a named shift, a time range, a list of both) cut into
 * post-shifts; a post-shift given twice is found by its hash.
 */
#include "match.h"

static uint32_t
slot_hkey(const char *post, long start, long end)
{
	uint32_t h = sq_fnv1a32(post, strlen(post), SQ_FNV1A32_INIT);

	h = sq_fnv1a32(&start, sizeof(start), h);
	return sq_fnv1a32(&end, sizeof(end), h);
}

/*
 * The slots of a post and shift (several when a post asks for different
 * skills at the same time): up to max indices in out, their number.
 */
size_t
slot_find_all(struct ctx *C, const char *post, long start, long end, long *out, size_t max)
{
	size_t n = 0;

	if (C->slot_hcap == 0)
		return 0;
	for (size_t i = slot_hkey(post, start, end) & (C->slot_hcap - 1);
	    C->slot_hash[i] != (size_t)-1; i = (i + 1) & (C->slot_hcap - 1)) {
		size_t k = C->slot_hash[i];
		if (k < C->ns && C->s[k].start == start && C->s[k].end == end &&
		    strcmp(C->s[k].post, post) == 0 && n < max)
			out[n++] = (long)k;
	}
	/* in file order */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && out[b - 1] > out[b]; b--) {
			long t = out[b];
			out[b] = out[b - 1];
			out[b - 1] = t;
		}
	return n;
}

/* the slot of a post, shift and skill, or -1 */
static long
slot_find(struct ctx *C, const char *post, long start, long end, int skill)
{
	long all[64];
	size_t n = slot_find_all(C, post, start, end, all, 64);

	for (size_t i = 0; i < n; i++)
		if (C->s[all[i]].skill == skill)
			return all[i];
	return -1;
}

static void
slot_index(struct ctx *C, size_t k)
{
	if (2 * (C->ns + 1) > C->slot_hcap) {
		size_t ncap = C->slot_hcap ? 2 * C->slot_hcap : 1024;
		free(C->slot_hash);
		C->slot_hash = sq_xmalloc(ncap * sizeof(*C->slot_hash));
		memset(C->slot_hash, 0xff, ncap * sizeof(*C->slot_hash));
		C->slot_hcap = ncap;
		for (size_t j = 0; j < C->ns; j++)
			if (j != k)
				slot_index(C, j);
	}
	size_t i = slot_hkey(C->s[k].post, C->s[k].start, C->s[k].end) &
	    (C->slot_hcap - 1);
	while (C->slot_hash[i] != (size_t)-1)
		i = (i + 1) & (C->slot_hcap - 1);
	C->slot_hash[i] = k;
}

void
slot_free(struct slot *s)
{
	free(s->post);
	free(s->team);
	free(s->bld);
	free(s->skill_txt);
	free(s->who);
}

static void
slots_rollback(struct ctx *C, size_t before)
{
	while (C->ns > before)
		slot_free(&C->s[--C->ns]);
}

/* 0, or the line of the row that has this post-shift already */
static long
add_slot(struct ctx *C, const struct sq_rec *rec, long line, const char *post,
    const char *team, const char *bld, const char *skill_txt, int skill,
    int training, long head, long start, long end)
{
	struct slot *s;
	long dup = slot_find(C, post, start, end, skill);

	if (dup >= 0)
		return C->s[dup].line;
	C->s = sq_xrealloc(C->s, (C->ns + 1) * sizeof(*C->s));
	s = &C->s[C->ns++];
	memset(s, 0, sizeof(*s));
	s->line = line;
	s->post = sq_xstrdup(post);
	s->team = sq_xstrdup(team);
	s->bld = norm_building(bld, strlen(bld));
	s->skill_txt = sq_xstrdup(skill_txt);
	s->skill = skill;
	s->teamid = -1;
	if (*team) {
		char *t = sq_fold_lower(team, strlen(team));
		s->teamid = sq_skills_team(&C->R, t);
		free(t);
	}
	s->training = training;
	s->head = head;
	s->start = start;
	s->end = end;
	(void)rec;
	slot_index(C, C->ns - 1);
	return 0;
}

/*
 * One shift as a posts sheet writes it: a named shift of shifts.conf
 * ("早班"), maybe with its hours after it ("早班(06:00-14:00)": the hours
 * win), or a range of times on defday ("06:00-14:00", "22:00-06:00"
 * into the next day) or of dates and times ("2022-04-10 22:00-2022-04-11
 * 06:00").  0 with minutes since 1970 in *t1, *t2, or -1 with *why.
 */
int
shift_token(struct ctx *C, const char *tok, size_t len, long defday, long *t1, long *t2,
    const char **why)
{
	static const char *const seps[] = { "-", "~", "至", "到", "—", "〜",
	    NULL };
	static const char *const brackets[] = { "(", ")", "（", "）", ":", NULL };
	char buf[300];
	size_t n, l, b = 0;
	const struct sq_shift *sh;
	int hs, he;

	len = sq_trim(&tok, len);
	if (len >= sizeof(buf)) {
		*why = "too long for a shift";
		return -1;
	}
	n = sq_fold(tok, len, buf, sizeof(buf));
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)buf[i]);
	if ((sh = sq_shifts_find(&C->shifts, buf, n)) != NULL) {
		*t1 = defday * DAYMIN + sh->from;
		*t2 = defday * DAYMIN + sh->to;
		return 0;
	}
	/* 早班(06:00-14:00): read the hours */
	if (sq_shifts_at(&C->shifts, buf, n, 0, &l) != NULL) {
		b = l;
		while (b < n && (buf[b] == ' ' || (l = sq_at_any(buf, n, b,
		    brackets, NULL)) != 0))
			b += buf[b] == ' ' ? 1 : l;
		while (n > b && (buf[n - 1] == ' ' || buf[n - 1] == ')' ||
		    (n >= b + 3 && memcmp(buf + n - 3, "）", 3) == 0)))
			n -= buf[n - 1] == ' ' || buf[n - 1] == ')' ? 1 : 3;
	}
	/* the separator of the range: the first place both sides read */
	*why = NULL;
	for (size_t i = b + 1; i < n; i++) {
		if ((l = sq_at_any(buf, n, i, seps, NULL)) == 0)
			continue;
		const char *w1 = NULL, *w2 = NULL;
		long a = parse_when(buf + b, i - b, defday, &hs, &w1);
		long z = a < 0 ? -1 : parse_when(buf + i + l, n - i - l,
		    day_of(a), &he, &w2);
		if (a < 0 || z < 0) {
			if (*why == NULL)
				*why = a < 0 ? w1 : w2;
			continue;
		}
		if (!he && z <= a)
			z += DAYMIN;	/* 22:00-06:00: past midnight */
		if (z <= a || z - a > DAYMIN) {
			*why = "a shift must end after it starts, within 24 "
			    "hours";
			return -1;
		}
		*t1 = a;
		*t2 = z;
		return 0;
	}
	if (*why == NULL || b == 0)
		*why = "write each shift as a range like 08:00-14:00, or a "
		    "named shift of share/match/shifts.conf (早班, 夜班 ...)";
	return -1;
}

/* What the shifts of one post row share. */
struct post_row {
	const char *post, *team, *bld, *skt;
	int	 skill, training;
	long	 head;
	long	 length;		/* its own shift length; 0: none */
};

/*
 * Add the shift [t1, t2) of a post row: cut into shifts of the post's own
 * length when it sets one.  0, or -1 with the row rejected.
 */
static int
post_shift(struct ctx *C, const char *path, struct sq_reader *r, const struct sq_rec *rec,
    const struct post_row *p, long clen, long t1, long t2)
{
	long step = t2 - t1;

	if (p->length > 0 && p->length < step) {
		if (step % p->length != 0) {
			char h1[16], h2[16];
			sq_hours_format(step, h1, sizeof(h1));
			sq_hours_format(p->length, h2, sizeof(h2));
			reject(C, path, rec, "%s: the shift is %s h, not a whole "
			    "number of %s h shifts; give a length that divides "
			    "it, or the shifts one by one",
			    sq_reader_rawname(r, (size_t)clen), h1, h2);
			return -1;
		}
		step = p->length;
	}
	for (long a = t1; a < t2; a += step) {
		long dup = add_slot(C, rec, rec->line, p->post, p->team, p->bld,
		    p->skt, p->skill, p->training, p->head, a, a + step);
		if (dup) {
			reject(C, path, rec, "the same post and shift as line %ld; "
			    "give each shift once", dup);
			return -1;
		}
		C->s[C->ns - 1].own_len = p->length > 0;
	}
	return 0;
}

int
read_posts(struct ctx *C, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &C->c.in);
	struct sq_rec rec;
	long lastday = -1;
	int st;

	if (r == NULL)
		return -1;
	sq_rejects_table(C->rj, "posts", sq_reader_rawheader(r));
	enum { POST, TEAM, SKILL, START, END, DATE, SHIFT, HEAD, TRAIN, LEN,
	    BLD, N };
	/* a post, and its start and end or its shift */
	static const struct sq_col cols[N] = {
		[POST] = { "post", 1 }, [TEAM] = { "team", 0 },
		[SKILL] = { "skill|skills", 0 }, [START] = { "start", 2 },
		[END] = { "end", 4 }, [DATE] = { "date", 0 },
		[SHIFT] = { "shift|time", 2 | 4 },
		[HEAD] = { "headcount|members", 0 },
		[TRAIN] = { "needs_training|trained", 0 },
		[LEN] = { "shift_length", 0 }, [BLD] = { "building", 0 },
	};
	long c[N];
	if (sq_table_cols(r, cols, N, c, _("the posts table")) < 0) {
		sq_reader_close(r);
		return -1;
	}
	long cpost = c[POST], cteam = c[TEAM], cskill = c[SKILL],
	    cstart = c[START], cend = c[END], cdate = c[DATE],
	    cshift = c[SHIFT], chead = c[HEAD], ctrain = c[TRAIN],
	    clen = c[LEN], cbld = c[BLD];
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		const char *p, *why = NULL;
		size_t len;
		long defday = C->date;
		int hd;
		struct post_row pr = { NULL, NULL, NULL, NULL, -1, 1,
		    C->headcount, 0 };

		if (st == SQ_READ_BAD) {
			sq_rejects_add(C->rj, path, &rec, rec.err);
			continue;
		}
		char *post = cell_dup(&rec, cpost);
		if (*post == '\0') {
			reject(C, path, &rec, "no post name in '%s'",
			    sq_reader_rawname(r, (size_t)cpost));
			free(post);
			continue;
		}
		char *team = cell_dup(&rec, cteam), *bld = cell_dup(&rec, cbld);
		char *skt = cell_dup(&rec, cskill);
		pr.post = post;
		pr.team = team;
		pr.bld = bld;
		pr.skt = skt;
		if (cdate >= 0) {
			/* an empty date is the one above (merged cells), or
			   --date on the first rows */
			char ymd[11];
			p = sq_rec_cell(&rec, cdate, &len);
			int rc = sq_date_parse(p, len, C->year, ymd, &why);
			if (rc == SQ_VAL_OK)
				defday = lastday = sq_date_days(ymd);
			else if (rc == SQ_VAL_EMPTY)
				defday = lastday >= 0 ? lastday : C->date;
			else {
				reject(C, path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)cdate),
				    q(p, len), why ? why : "not a date");
				goto next;
			}
		}
		p = sq_rec_cell(&rec, cskill, &len);
		int rc = parse_skill_cell(C, p, len, &pr.skill);
		if (rc == -1) {
			reject(C, path, &rec, "%s '%s': unknown skill; use a skill "
			    "or keyword of share/skills.txt, or add one with "
			    "--rules", sq_reader_rawname(r, (size_t)cskill),
			    q(p, len));
			goto next;
		} else if (rc == -2) {
			reject(C, path, &rec, "%s '%s': names several skills; "
			    "a post asks for one", sq_reader_rawname(r,
			    (size_t)cskill), q(p, len));
			goto next;
		}
		if (ctrain >= 0) {
			p = sq_rec_cell(&rec, ctrain, &len);
			int b = sq_bool_parse(p, len);
			if (b == -2) {
				reject(C, path, &rec, "%s '%s': not yes or no",
				    sq_reader_rawname(r, (size_t)ctrain),
				    q(p, len));
				goto next;
			}
			if (b >= 0)
				pr.training = b;
		}
		if (chead >= 0) {
			p = sq_rec_cell(&rec, chead, &len);
			hd = sq_count_parse(p, len, &pr.head, &why);
			if (hd == SQ_VAL_EMPTY)
				pr.head = C->headcount;
			else if (hd != SQ_VAL_OK) {
				reject(C, path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)chead),
				    q(p, len), why ? why : "not a number");
				goto next;
			}
		}
		if (clen >= 0) {
			long day = 0, week = NOLIMIT;
			p = sq_rec_cell(&rec, clen, &len);
			rc = parse_limits(p, len, 0, &day, &week, &why);
			if (rc == 0 && (week != NOLIMIT || day == NOLIMIT)) {
				rc = -2;
				why = "a shift length in hours, like 2 or 2小时";
			}
			if (rc == -2) {
				reject(C, path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)clen),
				    q(p, len), why);
				goto next;
			}
			if (rc == 0)
				pr.length = day;
		}
		/* the shifts: a shift column of names or ranges, or start/end */
		size_t slen;
		const char *sh = sq_rec_cell(&rec, cshift, &slen);
		slen = sq_trim(&sh, slen);
		size_t before = C->ns;
		if (cshift >= 0 && slen > 0) {
			char *list = sq_xstrndup(sh, slen);
			char *save, *tok;
			/* the ideographic comma is three bytes: make it ',' */
			for (char *d; (d = strstr(list, "、")) != NULL;) {
				d[0] = ',';
				memmove(d + 1, d + 3, strlen(d + 3) + 1);
			}
			for (tok = strtok_r(list, ",;，；", &save); tok;
			    tok = strtok_r(NULL, ",;，；", &save)) {
				long t1, t2;
				const char *tk = tok;
				if (sq_trim(&tk, strlen(tok)) == 0)
					continue;
				if (shift_token(C, tok, strlen(tok), defday, &t1,
				    &t2, &why) < 0) {
					reject(C, path, &rec, "%s '%s': %s",
					    sq_reader_rawname(r, (size_t)cshift),
					    q(tok, strlen(tok)), why);
					slots_rollback(C, before);
					free(list);
					goto next;
				}
				if (post_shift(C, path, r, &rec, &pr, clen, t1,
				    t2) < 0) {
					slots_rollback(C, before);
					free(list);
					goto next;
				}
			}
			free(list);
			if (C->ns == before) {
				reject(C, path, &rec, "%s is empty",
				    sq_reader_rawname(r, (size_t)cshift));
				goto next;
			}
		} else {
			int hs, he;
			const char *ps, *pe;
			size_t ls, le;
			if (cstart < 0 || cend < 0) {
				reject(C, path, &rec, "no shift: the row needs "
				    "start and end, or a shift");
				goto next;
			}
			ps = sq_rec_cell(&rec, cstart, &ls);
			pe = sq_rec_cell(&rec, cend, &le);
			long t1 = parse_when(ps, ls, defday, &hs, &why);
			if (t1 < 0) {
				reject(C, path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)cstart),
				    q(ps, ls), why);
				goto next;
			}
			long t2 = parse_when(pe, le, day_of(t1), &he, &why);
			if (t2 < 0) {
				reject(C, path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)cend),
				    q(pe, le), why);
				goto next;
			}
			if (!he && t2 <= t1)
				t2 += DAYMIN;	/* past midnight */
			if (t2 <= t1 || t2 - t1 > DAYMIN) {
				reject(C, path, &rec, "%s '%s' to %s '%s': a shift "
				    "must end after it starts, within 24 hours",
				    sq_reader_rawname(r, (size_t)cstart),
				    q(ps, ls), sq_reader_rawname(r,
				    (size_t)cend), q(pe, le));
				goto next;
			}
			if (post_shift(C, path, r, &rec, &pr, clen, t1, t2) < 0)
				slots_rollback(C, before);
		}
next:
		free(post);
		free(team);
		free(bld);
		free(skt);
	}
	C->prows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}
