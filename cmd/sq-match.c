/*
 * sq-match — put each volunteer where their background counts, in shifts
 * people can keep.
 *
 * Read the volunteers and the posts, turn free-text professions into skills
 * through the rules in share/skills.txt, and assign people to post-shifts:
 * as many filled seats as possible, then the best fit (exact skill over a
 * related one, the post's team, the home building), then hours spread
 * evenly.  With --check, validate a plan made by hand against the same
 * rules instead.
 *
 * The method (see sq-match(1), METHOD):
 *   post-shifts with the same time, skill, training and team form a class;
 *   a flow network source -> person -> person-week -> person-day -> class
 *   -> sink, whose capacities are upper bounds on what a person can do in a
 *   week and a day, is a relaxation of the problem: its maximum flow is an
 *   upper bound on the seats any plan can fill.  A min-cost maximum flow
 *   (lib/mcmf) gives the fit and fairness; where it puts one person on two
 *   conflicting shifts or past their hours, the person keeps the best
 *   feasible part (the repair), the plan is completed by feasible
 *   insertions, and a depth-first branch and bound on the same relaxation
 *   closes the gap when the network is small enough and the node budget
 *   allows.  The bound is printed with the summary.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "avail.h"
#include "diag.h"
#include "mcmf.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "shifts.h"
#include "skills.h"
#include "text.h"
#include "value.h"
#include "words.h"
#include "writer.h"

#include "match/match.h"

static const char synopsis[] =
    "sq-match [options] [-c PLAN] VOLUNTEERS POSTS";

#define FIT_W		16	/* one grade of fit outweighs fairness */
#define BB_MAX_ARCS	50000	/* larger networks: no branch and bound */

static void
usage(void)
{
	printf("usage: %s\n\n"
"Assign volunteers to post-shifts: nobody on two overlapping shifts, past\n"
"their hours or outside their availability; shifts within the length allowed\n"
"for staff and volunteers, with a rest gap between them; untrained people\n"
"only where the post allows it, skilled posts only to people with the skill.\n"
"First as many seats filled as possible, then the best fit, then hours\n"
"spread evenly; the same input gives the same plan.  Writes the assignments\n"
"table; the summary on stderr gives the upper bound on seats any plan can\n"
"fill.  With --check PLAN, list every rule a hand-made plan breaks instead.\n\n",
	    synopsis);
	printf(
"  -c, --check PLAN         validate PLAN (an assignments table) and write\n"
"                           its violations instead of making a plan\n"
"  -u, --unfilled FILE      write the seats left empty, and why\n"
"  -w, --hours FILE         write hours and shifts per volunteer (time bank)\n"
"  -A, --care-hours FILE    add the hours spent caring (sq-care --hours)\n"
"  -x, --explain            add a 'why' column: why this person got the post\n"
"  -r, --rules FILE         more skill rules, read after share/skills.txt\n"
"  -g, --rest HOURS         rest between two shifts of one person (default 8)\n"
"  -s, --staff-shift HOURS  longest shift for staff (default 8)\n"
"  -v, --volunteer-shift MIN-MAX  shift length for volunteers (default 4-6)\n"
"  -d, --day-hours HOURS    daily limit when max_hours is empty (default:\n"
"                           the longest shift of the person's role)\n"
"  -n, --headcount N        people per shift when headcount is empty\n"
"                           (default 2)\n"
"  -e, --effort N           branch and bound nodes at most (default 20000;\n"
"                           0: none)\n"
"  -t, --date DATE          the day of posts given by times only (default:\n"
"                           today)\n"
"  -f, --shifts FILE        more named shifts, after share/match/shifts.conf\n"
"  -T, --trained-default yes|no  training of those the volunteers table\n"
"                           does not say (default: not trained)\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-match -u unfilled.csv -w hours.csv volunteers.csv posts.csv > plan.csv\n"
"  sq-match -x volunteers.csv posts.csv | sq-cat -o json\n"
"  sq-match -c plan-by-hand.csv volunteers.csv posts.csv\n");
}

/* ------------------------------------------------------------------ */
/* small text helpers                                                  */

/* "12号楼", "12栋", "１２" -> "12"; other text folded as it is. */
static char *
norm_building(const char *s, size_t len)
{
	static const char *const suffix[] = { "号楼", "栋楼", "栋", "幢",
	    "号", "楼", "座", NULL };
	char *b = sq_fold_lower(s, len);
	size_t n = strlen(b);
	int again = 1;

	while (again) {
		again = 0;
		for (int k = 0; suffix[k]; k++) {
			size_t l = strlen(suffix[k]);
			if (n > l && memcmp(b + n - l, suffix[k], l) == 0) {
				n -= l;
				b[n] = '\0';
				again = 1;
			}
		}
	}
	size_t z = 0;
	while (z + 1 < n && b[z] == '0' && isdigit((unsigned char)b[z + 1]))
		z++;
	memmove(b, b + z, n - z + 1);
	return b;
}

void
fmt_time(long t, char out[17])
{
	char d[11];
	long day = t >= 0 ? t / DAYMIN : -((-t + DAYMIN - 1) / DAYMIN);
	long m = t - day * DAYMIN;

	char buf[48];

	sq_date_from_days((int)day, d);
	snprintf(buf, sizeof(buf), "%.10s %02d:%02d", d, (int)(m / 60) % 100,
	    (int)(m % 60));
	memcpy(out, buf, 16);
	out[16] = '\0';
}

static long
floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* the data: see match/match.h */

static const char *const fit_name[] = { "exact", "team", "general",
	"related", "other" };
static const int fit_cost[] = { 0, 0, 1, 2, 2 };

struct ctx C;	/* the program's one instance (reachable at exit) */

static long
len_of(const struct cls *k)
{
	return k->end - k->start;
}

/*
 * Can volunteer v take a shift [start,end) with this skill, training and
 * team?  CAN_OK and the fit, or the first reason why not.
 */
static int
can_take(const struct vol *v, long start, long end, int skill, int training,
    int teamid, int own_len, int *fit)
{
	long len = end - start;

	if (skill >= 0) {
		if (v->skills & ((uint64_t)1 << skill))
			*fit = FIT_EXACT;
		else if (v->skills & C.R.related[skill])
			*fit = FIT_RELATED;
		else
			return CAN_SKILL;
	} else if (teamid >= 0 && (v->skills & C.R.team[teamid].skills))
		*fit = FIT_TEAM;
	else if (v->skills == 0)
		*fit = FIT_GENERAL;
	else
		*fit = FIT_OTHER;
	if (training && v->trained != 1)
		return CAN_TRAIN;
	/* a post that sets its own shift length waives the shortest shift */
	if (v->staff ? len > C.staff_max : ((len < C.vol_min && !own_len) ||
	    len > C.vol_max))
		return CAN_LEN;
	if (!sq_avail_within(v->win, v->nwin, start, end))
		return CAN_AVAIL;
	if (len > v->daycap || len > v->weekcap)
		return CAN_CAP;
	return CAN_OK;
}

/* conflict: overlapping, or closer than the rest gap */
int
conflict(long s1, long e1, long s2, long e2)
{
	return s1 < e2 + C.rest && s2 < e1 + C.rest;
}

long
day_of(long t)
{
	return floor_div(t, DAYMIN);
}

long
week_of(long t)
{
	return floor_div(day_of(t) + 3, 7);	/* weeks start on Monday */
}

/* ------------------------------------------------------------------ */
/* reading                                                             */

struct cols {
	long	 c[16];
};

static long
col2(const struct sq_reader *r, const char *a, const char *b)
{
	long i = sq_reader_col(r, a);

	return i >= 0 || b == NULL ? i : sq_reader_col(r, b);
}

char *
cell_dup(const struct sq_rec *rec, long col)
{
	size_t len;
	const char *p = sq_rec_cell(rec, col, &len);

	len = sq_trim(&p, len);
	return sq_xstrndup(p, len);
}

/*
 * A point in time: "2022-04-10 08:00", or "08:00" on day defday (-1: none).
 * Minutes since 1970, or -1 with *why.
 */
long
parse_when(const char *s, size_t len, long defday, int *has_date,
    const char **why)
{
	char buf[300], ymd[11], hm[6];
	const char *w = NULL;
	long plus = 0, day;
	int year = 0;
	size_t n;

	*has_date = 0;
	len = sq_trim(&s, len);
	if (len == 0) {
		*why = "empty";
		return -1;
	}
	if (len >= sizeof(buf) - 1) {
		*why = "too long for a time";
		return -1;
	}
	n = sq_fold(s, len, buf, sizeof(buf));
	if (n >= 5 && memcmp(buf + n - 5, "24:00", 5) == 0 &&
	    (n == 5 || !isdigit((unsigned char)buf[n - 6]))) {
		memcpy(buf + n - 5, "00:00", 5);
		plus = DAYMIN;
	}
	if (defday >= 0) {
		char d[11];
		sq_date_from_days((int)defday, d);
		year = atoi(d);
	}
	if (sq_date_parse(buf, n, year, ymd, &w) == SQ_VAL_OK) {
		*has_date = 1;
		day = sq_date_days(ymd);
		if (sq_time_parse(buf, n, hm, &w) != SQ_VAL_OK) {
			*why = "a date without a time of day; write "
			    "'2022-04-10 08:00'";
			return -1;
		}
	} else if (sq_time_parse(buf, n, hm, &w) == SQ_VAL_OK) {
		if (defday < 0) {
			*why = "a time without a date; write '2022-04-10 "
			    "08:00' or add a date column";
			return -1;
		}
		day = defday;
	} else {
		*why = w ? w : "not a date and time; write '2022-04-10 08:00'";
		return -1;
	}
	/* an Excel serial from 1954 ("20020") is a date, but not a shift's:
	   before, it came out as negative minutes, taken for "no time" */
	if (day < 0) {
		*why = "a date before 1970: not a shift's";
		return -1;
	}
	return day * DAYMIN + atol(hm) * 60 + atol(hm + 3) + plus;
}

static void
reject(const char *file, const struct sq_rec *rec, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
reject(const char *file, const struct sq_rec *rec, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sq_rejects_add(C.rj, file, rec, msg);
}

/* quote a cell for a message: at most 60 bytes */
const char *
q(const char *s, size_t len)
{
	static char buf[4][80];
	static int k;
	char *b = buf[k++ & 3];

	len = sq_trim(&s, len);
	if (len > 60) {
		len = sq_utf8_cut(s, len, 57);
		snprintf(b, 80, "%.*s...", (int)len, s);
	} else
		snprintf(b, 80, "%.*s", (int)len, s);
	return b;
}

static int
parse_skill_cell(const char *s, size_t len, int *skill)
{
	static const char *const none[] = { "", "无", "不限", "不需要", "无要求",
	    "任意", "均可", "none", "any", "-", "/", "--", "—", "no", NULL };
	char *t = sq_fold_lower(s, len);
	uint64_t m;
	int rc = 0;

	*skill = -1;
	for (int k = 0; none[k]; k++)
		if (strcmp(t, none[k]) == 0)
			goto out;
	if ((*skill = sq_skills_id(&C.R, t)) >= 0)
		goto out;
	m = sq_skills_scan(&C.R, t, NULL);
	if (m == 0)
		rc = -1;
	else if (m & (m - 1))
		rc = -2;
	else
		for (*skill = 0; !(m & ((uint64_t)1 << *skill)); (*skill)++)
			;
out:
	free(t);
	return rc;
}

/* post-shifts by (post, start, end), to find one given twice */
static size_t *slot_hash;
static size_t slot_hcap;

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
slot_find_all(const char *post, long start, long end, long *out, size_t max)
{
	size_t n = 0;

	if (slot_hcap == 0)
		return 0;
	for (size_t i = slot_hkey(post, start, end) & (slot_hcap - 1);
	    slot_hash[i] != (size_t)-1; i = (i + 1) & (slot_hcap - 1)) {
		size_t k = slot_hash[i];
		if (k < C.ns && C.s[k].start == start && C.s[k].end == end &&
		    strcmp(C.s[k].post, post) == 0 && n < max)
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
slot_find(const char *post, long start, long end, int skill)
{
	long all[64];
	size_t n = slot_find_all(post, start, end, all, 64);

	for (size_t i = 0; i < n; i++)
		if (C.s[all[i]].skill == skill)
			return all[i];
	return -1;
}

static void
slot_index(size_t k)
{
	if (2 * (C.ns + 1) > slot_hcap) {
		size_t ncap = slot_hcap ? 2 * slot_hcap : 1024;
		free(slot_hash);
		slot_hash = sq_xmalloc(ncap * sizeof(*slot_hash));
		memset(slot_hash, 0xff, ncap * sizeof(*slot_hash));
		slot_hcap = ncap;
		for (size_t j = 0; j < C.ns; j++)
			if (j != k)
				slot_index(j);
	}
	size_t i = slot_hkey(C.s[k].post, C.s[k].start, C.s[k].end) &
	    (slot_hcap - 1);
	while (slot_hash[i] != (size_t)-1)
		i = (i + 1) & (slot_hcap - 1);
	slot_hash[i] = k;
}

static void
slot_free(struct slot *s)
{
	free(s->post);
	free(s->team);
	free(s->bld);
	free(s->skill_txt);
	free(s->who);
}

static void
slots_rollback(size_t before)
{
	while (C.ns > before)
		slot_free(&C.s[--C.ns]);
}

/* 0, or the line of the row that has this post-shift already */
static long
add_slot(const struct sq_rec *rec, long line, const char *post,
    const char *team, const char *bld, const char *skill_txt, int skill,
    int training, long head, long start, long end)
{
	struct slot *s;
	long dup = slot_find(post, start, end, skill);

	if (dup >= 0)
		return C.s[dup].line;
	C.s = sq_xrealloc(C.s, (C.ns + 1) * sizeof(*C.s));
	s = &C.s[C.ns++];
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
		s->teamid = sq_skills_team(&C.R, t);
		free(t);
	}
	s->training = training;
	s->head = head;
	s->start = start;
	s->end = end;
	(void)rec;
	slot_index(C.ns - 1);
	return 0;
}

static int parse_limits(const char *, size_t, int, long *, long *,
    const char **);

/*
 * One shift as a posts sheet writes it: a named shift of shifts.conf
 * ("早班"), maybe with its hours after it ("早班(06:00-14:00)": the hours
 * win), or a range of times on defday ("06:00-14:00", "22:00-06:00"
 * into the next day) or of dates and times ("2022-04-10 22:00-2022-04-11
 * 06:00").  0 with minutes since 1970 in *t1, *t2, or -1 with *why.
 */
static int
shift_token(const char *tok, size_t len, long defday, long *t1, long *t2,
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
	if ((sh = sq_shifts_find(&C.shifts, buf, n)) != NULL) {
		*t1 = defday * DAYMIN + sh->from;
		*t2 = defday * DAYMIN + sh->to;
		return 0;
	}
	/* 早班(06:00-14:00): read the hours */
	if (sq_shifts_at(&C.shifts, buf, n, 0, &l) != NULL) {
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
post_shift(const char *path, struct sq_reader *r, const struct sq_rec *rec,
    const struct post_row *p, long clen, long t1, long t2)
{
	long step = t2 - t1;

	if (p->length > 0 && p->length < step) {
		if (step % p->length != 0) {
			char h1[16], h2[16];
			sq_hours_format(step, h1, sizeof(h1));
			sq_hours_format(p->length, h2, sizeof(h2));
			reject(path, rec, "%s: the shift is %s h, not a whole "
			    "number of %s h shifts; give a length that divides "
			    "it, or the shifts one by one",
			    sq_reader_rawname(r, (size_t)clen), h1, h2);
			return -1;
		}
		step = p->length;
	}
	for (long a = t1; a < t2; a += step) {
		long dup = add_slot(rec, rec->line, p->post, p->team, p->bld,
		    p->skt, p->skill, p->training, p->head, a, a + step);
		if (dup) {
			reject(path, rec, "the same post and shift as line %ld; "
			    "give each shift once", dup);
			return -1;
		}
		C.s[C.ns - 1].own_len = p->length > 0;
	}
	return 0;
}

static int
read_posts(const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &C.c.in);
	struct sq_rec rec;
	long lastday = -1;
	int st;

	if (r == NULL)
		return -1;
	sq_rejects_columns(C.rj, sq_reader_rawheader(r));
	long cpost = sq_reader_col(r, "post"), cteam = sq_reader_col(r, "team"),
	    cskill = col2(r, "skill", "skills"),
	    cstart = sq_reader_col(r, "start"), cend = sq_reader_col(r, "end"),
	    cdate = sq_reader_col(r, "date"), cshift = col2(r, "shift", "time"),
	    chead = col2(r, "headcount", "members"),
	    ctrain = col2(r, "needs_training", "trained"),
	    clen = sq_reader_col(r, "shift_length"),
	    cbld = sq_reader_col(r, "building");
	if (cpost < 0 || ((cstart < 0 || cend < 0) && cshift < 0)) {
		sq_error("%s: the posts table needs a post column and start "
		    "and end (or shift) columns", path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		const char *p, *why = NULL;
		size_t len;
		long defday = C.date;
		int hd;
		struct post_row pr = { NULL, NULL, NULL, NULL, -1, 1,
		    C.headcount, 0 };

		if (st == SQ_READ_BAD) {
			sq_rejects_add(C.rj, path, &rec, rec.err);
			continue;
		}
		char *post = cell_dup(&rec, cpost);
		if (*post == '\0') {
			reject(path, &rec, "no post name in '%s'",
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
			int rc = sq_date_parse(p, len, C.year, ymd, &why);
			if (rc == SQ_VAL_OK)
				defday = lastday = sq_date_days(ymd);
			else if (rc == SQ_VAL_EMPTY)
				defday = lastday >= 0 ? lastday : C.date;
			else {
				reject(path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)cdate),
				    q(p, len), why ? why : "not a date");
				goto next;
			}
		}
		p = sq_rec_cell(&rec, cskill, &len);
		int rc = parse_skill_cell(p, len, &pr.skill);
		if (rc == -1) {
			reject(path, &rec, "%s '%s': unknown skill; use a skill "
			    "or keyword of share/skills.txt, or add one with "
			    "--rules", sq_reader_rawname(r, (size_t)cskill),
			    q(p, len));
			goto next;
		} else if (rc == -2) {
			reject(path, &rec, "%s '%s': names several skills; "
			    "a post asks for one", sq_reader_rawname(r,
			    (size_t)cskill), q(p, len));
			goto next;
		}
		if (ctrain >= 0) {
			p = sq_rec_cell(&rec, ctrain, &len);
			int b = sq_bool_parse(p, len);
			if (b == -2) {
				reject(path, &rec, "%s '%s': not yes or no",
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
				pr.head = C.headcount;
			else if (hd != SQ_VAL_OK) {
				reject(path, &rec, "%s '%s': %s",
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
				reject(path, &rec, "%s '%s': %s",
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
		size_t before = C.ns;
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
				if (shift_token(tok, strlen(tok), defday, &t1,
				    &t2, &why) < 0) {
					reject(path, &rec, "%s '%s': %s",
					    sq_reader_rawname(r, (size_t)cshift),
					    q(tok, strlen(tok)), why);
					slots_rollback(before);
					free(list);
					goto next;
				}
				if (post_shift(path, r, &rec, &pr, clen, t1,
				    t2) < 0) {
					slots_rollback(before);
					free(list);
					goto next;
				}
			}
			free(list);
			if (C.ns == before) {
				reject(path, &rec, "%s is empty",
				    sq_reader_rawname(r, (size_t)cshift));
				goto next;
			}
		} else {
			int hs, he;
			const char *ps, *pe;
			size_t ls, le;
			if (cstart < 0 || cend < 0) {
				reject(path, &rec, "no shift: the row needs "
				    "start and end, or a shift");
				goto next;
			}
			ps = sq_rec_cell(&rec, cstart, &ls);
			pe = sq_rec_cell(&rec, cend, &le);
			long t1 = parse_when(ps, ls, defday, &hs, &why);
			if (t1 < 0) {
				reject(path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)cstart),
				    q(ps, ls), why);
				goto next;
			}
			long t2 = parse_when(pe, le, day_of(t1), &he, &why);
			if (t2 < 0) {
				reject(path, &rec, "%s '%s': %s",
				    sq_reader_rawname(r, (size_t)cend),
				    q(pe, le), why);
				goto next;
			}
			if (!he && t2 <= t1)
				t2 += DAYMIN;	/* past midnight */
			if (t2 <= t1 || t2 - t1 > DAYMIN) {
				reject(path, &rec, "%s '%s' to %s '%s': a shift "
				    "must end after it starts, within 24 hours",
				    sq_reader_rawname(r, (size_t)cstart),
				    q(ps, ls), sq_reader_rawname(r,
				    (size_t)cend), q(pe, le));
				goto next;
			}
			if (post_shift(path, r, &rec, &pr, clen, t1, t2) < 0)
				slots_rollback(before);
		}
next:
		free(post);
		free(team);
		free(bld);
		free(skt);
	}
	C.prows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/*
 * Hour limits: "6", "6小时", "6h", "每天6小时", "6/天", "每周20小时",
 * "20h/week", "每天4小时，每周20小时", "不限".  0, SQ_VAL_EMPTY, or -2 with
 * *why.  Sets *day and/or *week (minutes).
 */
static int
parse_limits(const char *s, size_t len, int in_week, long *day, long *week,
    const char **why)
{
	static const char *const unlimited[] = { "不限", "无限制", "不限制",
	    "no limit", "unlimited", "any", NULL };
	static const char *const weekw[] = { "周", "星期", "礼拜", "week",
	    "wk", "/w", NULL };
	static const char *const minw[] = { "分钟", "min", NULL };
	char *t = sq_fold_lower(s, len), *save, *piece;
	int rc = 0, any = 0;

	*why = NULL;
	if (*t == '\0' || strcmp(t, "-") == 0 || strcmp(t, "无") == 0) {
		free(t);
		return SQ_VAL_EMPTY;
	}
	for (int k = 0; unlimited[k]; k++)
		if (strcmp(t, unlimited[k]) == 0) {
			*day = *week = NOLIMIT;
			free(t);
			return 0;
		}
	for (piece = strtok_r(t, ",;、，；", &save); piece;
	    piece = strtok_r(NULL, ",;、，；", &save)) {
		size_t n = strlen(piece), i = 0, nd;
		long whole = -1, frac = 0, fd = 0;
		int isweek = in_week, ismin = 0, numbers = 0;
		while (i < n) {
			if (isdigit((unsigned char)piece[i])) {
				numbers++;
				whole = sq_digits_at(piece, n, i, &nd);
				i += nd;
				if (i < n && piece[i] == '.') {
					frac = sq_digits_at(piece, n, i + 1, &nd);
					fd = (long)nd;
					i += 1 + nd;
				}
				continue;
			}
			if (sq_at_any(piece, n, i, weekw, NULL))
				isweek = 1;
			if (sq_at_any(piece, n, i, minw, NULL))
				ismin = 1;
			i++;
		}
		if (numbers == 0)
			continue;
		if (numbers > 1 || whole < 0 || fd > 2) {
			*why = "write one limit per part, like '每天4小时，"
			    "每周20小时'";
			rc = -2;
			break;
		}
		long m = ismin ? whole : whole * 60 + (fd == 1 ? frac * 6 :
		    fd == 2 ? frac * 60 / 100 : 0);
		if (m <= 0 || m > (isweek ? 7 : 1) * DAYMIN) {
			*why = isweek ? "more hours than a week has" :
			    "more hours than a day has";
			rc = -2;
			break;
		}
		*(isweek ? week : day) = m;
		any = 1;
	}
	if (rc == 0 && !any) {
		*why = "no number of hours";
		rc = -2;
	}
	free(t);
	return rc;
}

/* 1 staff, 0 volunteer, -1 not understood */
static int
parse_role(const char *s, size_t len)
{
	static const char *const staff[] = { "工作人员", "职工", "员工",
	    "专职", "干部", "社工", "在编", "居委", "物业", "staff", "employee",
	    "worker", NULL };
	static const char *const vol[] = { "志愿", "义工", "居民", "党员",
	    "volunteer", NULL };
	char *t = sq_fold_lower(s, len);
	int rc = -1;
	size_t n = strlen(t);

	if (n == 0)
		rc = 0;
	for (size_t i = 0; i < n && rc < 0; i++) {
		if (sq_at_any(t, n, i, vol, NULL))
			rc = 0;
		else if (sq_at_any(t, n, i, staff, NULL))
			rc = 1;
	}
	free(t);
	return rc;
}

/* 1, 0, -1 unknown (empty), -2 not understood */
static int
parse_trained(const char *s, size_t len)
{
	int b = sq_bool_parse(s, len);
	char *t;

	if (b != -2)
		return b;
	t = sq_fold_lower(s, len);
	if (strstr(t, "未") || strstr(t, "没") || strstr(t, "待") ||
	    strstr(t, "not") || strstr(t, "untrained"))
		b = 0;
	else if (strstr(t, "已") || strstr(t, "培训过") || strstr(t, "合格") ||
	    strstr(t, "trained") || strstr(t, "完成"))
		b = 1;
	free(t);
	return b;
}

/* volunteers by vid */
static size_t *vol_hash;
static size_t vol_hcap;

long
vol_find(const char *vid)
{
	if (vol_hcap == 0)
		return -1;
	for (size_t i = sq_fnv1a32(vid, strlen(vid), SQ_FNV1A32_INIT) &
	    (vol_hcap - 1); vol_hash[i] != (size_t)-1;
	    i = (i + 1) & (vol_hcap - 1))
		if (strcmp(C.v[vol_hash[i]].vid, vid) == 0)
			return (long)vol_hash[i];
	return -1;
}

static void
vol_index(size_t k)
{
	if (2 * (C.nv + 1) > vol_hcap) {
		size_t ncap = vol_hcap ? 2 * vol_hcap : 1024;
		free(vol_hash);
		vol_hash = sq_xmalloc(ncap * sizeof(*vol_hash));
		memset(vol_hash, 0xff, ncap * sizeof(*vol_hash));
		vol_hcap = ncap;
		for (size_t j = 0; j < C.nv; j++)
			if (j != k)
				vol_index(j);
	}
	size_t i = sq_fnv1a32(C.v[k].vid, strlen(C.v[k].vid),
	    SQ_FNV1A32_INIT) & (vol_hcap - 1);
	while (vol_hash[i] != (size_t)-1)
		i = (i + 1) & (vol_hcap - 1);
	vol_hash[i] = k;
}

static void
vol_free(struct vol *v)
{
	free(v->vid);
	free(v->name);
	free(v->phone);
	free(v->bld);
	free(v->skills_txt);
	free(v->avail_txt);
	free(v->win);
	free(v->cls);
}

static int
read_volunteers(const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &C.c.in);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	sq_rejects_columns(C.rj, sq_reader_rawheader(r));
	long cvid = sq_reader_col(r, "vid"), cname = sq_reader_col(r, "name"),
	    cphone = sq_reader_col(r, "phone"),
	    cbld = sq_reader_col(r, "building"),
	    cskills = col2(r, "skills", "skill"),
	    cavail = sq_reader_col(r, "available"),
	    cmax = sq_reader_col(r, "max_hours"),
	    cweek = sq_reader_col(r, "max_week"),
	    ctrain = col2(r, "trained", "needs_training"),
	    crole = sq_reader_col(r, "role");
	if (cvid < 0 && cname < 0) {
		sq_error("%s: the volunteers table needs a vid or a name "
		    "column", path);
		sq_reader_close(r);
		return -1;
	}
	if (ctrain < 0 && C.trained_default < 0)
		sq_warn(path, 0, "no 是否培训 (trained) column: nobody counts as "
		    "trained, so posts that need training get no one; say "
		    "--trained-default yes (or no) to mean it");
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		struct vol v;
		const char *p, *why;
		size_t len, bad;
		char linebuf[32];
		int rc;

		if (st == SQ_READ_BAD) {
			sq_rejects_add(C.rj, path, &rec, rec.err);
			continue;
		}
		memset(&v, 0, sizeof(v));
		v.line = rec.line;
		if (cvid >= 0)
			v.vid = cell_dup(&rec, cvid);
		else {
			snprintf(linebuf, sizeof(linebuf), "%ld", rec.line);
			v.vid = sq_xstrdup(linebuf);
		}
		v.name = cell_dup(&rec, cname);
		v.phone = cell_dup(&rec, cphone);
		p = sq_rec_cell(&rec, cbld, &len);
		v.bld = norm_building(p, len);
		v.skills_txt = cell_dup(&rec, cskills);
		v.avail_txt = cell_dup(&rec, cavail);
		if (*v.vid == '\0') {
			reject(path, &rec, "no %s; give every volunteer one",
			    sq_reader_rawname(r, (size_t)cvid));
			goto bad;
		}
		long dup = vol_find(v.vid);
		if (dup >= 0) {
			reject(path, &rec, "%s '%s' is also on line %ld; give "
			    "every volunteer a different one",
			    sq_reader_rawname(r, (size_t)cvid), q(v.vid,
			    strlen(v.vid)), C.v[dup].line);
			goto bad;
		}
		p = sq_rec_cell(&rec, crole, &len);
		if ((v.staff = parse_role(p, len)) < 0) {
			reject(path, &rec, "%s '%s': staff or volunteer?",
			    sq_reader_rawname(r, (size_t)crole), q(p, len));
			goto bad;
		}
		p = sq_rec_cell(&rec, ctrain, &len);
		if ((v.trained = parse_trained(p, len)) == -2) {
			reject(path, &rec, "%s '%s': not yes or no",
			    sq_reader_rawname(r, (size_t)ctrain), q(p, len));
			goto bad;
		}
		if (v.trained == -1 && C.trained_default >= 0)
			v.trained = C.trained_default;
		v.daycap = C.day_default > 0 ? C.day_default :
		    v.staff ? C.staff_max : C.vol_max;
		v.weekcap = NOLIMIT;
		p = sq_rec_cell(&rec, cmax, &len);
		rc = parse_limits(p, len, 0, &v.daycap, &v.weekcap, &why);
		if (rc == -2) {
			reject(path, &rec, "%s '%s': %s", sq_reader_rawname(r,
			    (size_t)cmax), q(p, len), why);
			goto bad;
		}
		p = sq_rec_cell(&rec, cweek, &len);
		/* a bare number in the weekly column is hours a week */
		long wk = NOLIMIT, dy = NOLIMIT;
		rc = parse_limits(p, len, 1, &dy, &wk, &why);
		if (rc == -2) {
			reject(path, &rec, "%s '%s': %s", sq_reader_rawname(r,
			    (size_t)cweek), q(p, len), why);
			goto bad;
		}
		if (rc == 0 && wk != NOLIMIT)
			v.weekcap = wk;
		if (rc == 0 && dy != NOLIMIT && dy < v.daycap)
			v.daycap = dy;
		{
			char *t = sq_fold_lower(v.skills_txt, strlen(v.skills_txt));
			v.skills = sq_skills_scan(&C.R, t, NULL);
			free(t);
		}
		if (*v.avail_txt) {
			struct sq_avail a = { NULL, 0 };
			char *t = sq_fold_lower(v.avail_txt, strlen(v.avail_txt));
			if (sq_avail_parse(t, C.year, &C.shifts, &a, &bad,
			    &why) < 0) {
				reject(path, &rec, "%s '%s': at '%s': %s",
				    sq_reader_rawname(r, (size_t)cavail),
				    q(v.avail_txt, strlen(v.avail_txt)),
				    q(t + bad, strlen(t + bad)), why);
				free(t);
				sq_avail_free(&a);
				goto bad;
			}
			if (a.n == 0) {
				reject(path, &rec, "%s '%s': no day or time "
				    "found", sq_reader_rawname(r,
				    (size_t)cavail), q(v.avail_txt,
				    strlen(v.avail_txt)));
				free(t);
				sq_avail_free(&a);
				goto bad;
			}
			v.nwin = sq_avail_expand(&a, C.day0, C.day1, &v.win);
			free(t);
			sq_avail_free(&a);
		} else {
			v.win = sq_xmalloc(2 * sizeof(*v.win));
			v.win[0] = (C.day0 - 1) * DAYMIN;
			v.win[1] = (C.day1 + 2) * DAYMIN;
			v.nwin = 1;
		}
		C.v = sq_xrealloc(C.v, (C.nv + 1) * sizeof(*C.v));
		C.v[C.nv++] = v;
		vol_index(C.nv - 1);
		continue;
bad:
		vol_free(&v);
	}
	C.vrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* classes and the network                                             */

static int
cmp_slot_class(const void *a, const void *b)
{
	const struct slot *x = &C.s[*(const size_t *)a];
	const struct slot *y = &C.s[*(const size_t *)b];

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->skill != y->skill)
		return x->skill < y->skill ? -1 : 1;
	if (x->training != y->training)
		return x->training < y->training ? -1 : 1;
	if (x->teamid != y->teamid)
		return x->teamid < y->teamid ? -1 : 1;
	if (x->own_len != y->own_len)
		return x->own_len < y->own_len ? -1 : 1;
	return (*(const size_t *)a > *(const size_t *)b) -
	    (*(const size_t *)a < *(const size_t *)b);
}

static void
build_classes(void)
{
	size_t *ord = sq_xcalloc(C.ns + 1, sizeof(*ord));

	for (size_t i = 0; i < C.ns; i++)
		ord[i] = i;
	qsort(ord, C.ns, sizeof(*ord), cmp_slot_class);
	C.k = sq_xcalloc(C.ns + 1, sizeof(*C.k));
	for (size_t i = 0; i < C.ns; i++) {
		struct slot *s = &C.s[ord[i]];
		struct cls *k = C.nk ? &C.k[C.nk - 1] : NULL;
		if (k == NULL || k->start != s->start || k->end != s->end ||
		    k->skill != s->skill || k->training != s->training ||
		    k->teamid != s->teamid || k->own_len != s->own_len) {
			k = &C.k[C.nk++];
			k->start = s->start;
			k->end = s->end;
			k->day = day_of(s->start);
			k->week = week_of(s->start);
			k->skill = s->skill;
			k->training = s->training;
			k->teamid = s->teamid;
			k->own_len = s->own_len;
		}
		k->slots = sq_xrealloc(k->slots, (k->nslots + 1) *
		    sizeof(*k->slots));
		k->slots[k->nslots++] = ord[i];
		k->seats += s->head;
		C.seats += s->head;
		s->cls = (size_t)(k - C.k);
	}
	free(ord);
}

static size_t *scratch;		/* per-volunteer work space */
static long *scratch2;

static int
cmp_by_end(const void *a, const void *b)
{
	const long *x = a, *y = b;

	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* most shifts among edges [b,e) one person can work (rest gaps only) */
static long
greedy_count(size_t b, size_t e, long *minlen)
{
	size_t n = 0;
	long last = LONG_MIN / 2, cnt = 0;

	*minlen = NOLIMIT;
	for (size_t i = b; i < e; i++) {
		const struct cls *k = &C.k[C.e[i].cls];
		scratch2[2 * n] = k->start;
		scratch2[2 * n + 1] = k->end;
		if (len_of(k) < *minlen)
			*minlen = len_of(k);
		n++;
	}
	qsort(scratch2, n, 2 * sizeof(long), cmp_by_end);
	for (size_t i = 0; i < n; i++)
		if (scratch2[2 * i] >= last + C.rest) {
			cnt++;
			last = scratch2[2 * i + 1];
		}
	return cnt;
}

static long
lmin(long a, long b)
{
	return a < b ? a : b;
}

static void
build_network(void)
{
	size_t ecap = 0, maxdeg = 0;

	C.ebeg = sq_xcalloc(C.nv + 1, sizeof(*C.ebeg));
	for (size_t v = 0; v < C.nv; v++) {
		C.ebeg[v] = C.ne;
		for (size_t k = 0; k < C.nk; k++) {
			int fit;
			const struct cls *K = &C.k[k];
			if (can_take(&C.v[v], K->start, K->end, K->skill,
			    K->training, K->teamid, K->own_len, &fit) != CAN_OK)
				continue;
			if (C.ne == ecap) {
				ecap = ecap ? 2 * ecap : 4096;
				C.e = sq_xrealloc(C.e, ecap * sizeof(*C.e));
			}
			C.e[C.ne].vol = v;
			C.e[C.ne].cls = k;
			C.e[C.ne].fit = fit;
			C.e[C.ne].arc = 0;
			C.ne++;
		}
		if (C.ne - C.ebeg[v] > maxdeg)
			maxdeg = C.ne - C.ebeg[v];
	}
	C.ebeg[C.nv] = C.ne;
	scratch = sq_xcalloc(maxdeg + 1, sizeof(*scratch));
	scratch2 = sq_xcalloc(2 * maxdeg + 2, sizeof(*scratch2));
	C.sel = sq_xcalloc(C.ne + 1, 1);

	/* per-class candidate lists, by volunteer */
	for (size_t i = 0; i < C.ne; i++)
		C.k[C.e[i].cls].nedges++;
	for (size_t k = 0; k < C.nk; k++) {
		C.k[k].edges = sq_xcalloc(C.k[k].nedges + 1, sizeof(size_t));
		C.k[k].nedges = 0;
	}
	for (size_t i = 0; i < C.ne; i++) {
		struct cls *k = &C.k[C.e[i].cls];
		k->edges[k->nedges++] = i;
	}

	/* nodes: S, T, classes, then per volunteer person/weeks/days */
	size_t nodes = 2 + C.nk;
	for (size_t v = 0; v < C.nv; v++) {
		if (C.ebeg[v] == C.ebeg[v + 1])
			continue;
		nodes++;
		long lastw = LONG_MIN, lastd = LONG_MIN;
		for (size_t i = C.ebeg[v]; i < C.ebeg[v + 1]; i++) {
			const struct cls *k = &C.k[C.e[i].cls];
			if (k->week != lastw)
				nodes++, lastw = k->week;
			if (k->day != lastd || k->week != lastw)
				nodes++, lastd = k->day;
		}
	}
	C.g = sq_mcmf_new(nodes);
	for (size_t k = 0; k < C.nk; k++) {
		C.k[k].node = 2 + k;
		sq_mcmf_arc(C.g, 2 + k, 1, C.k[k].seats, 0);
	}
	size_t next = 2 + C.nk;
	for (size_t v = 0; v < C.nv; v++) {
		const struct vol *V = &C.v[v];
		size_t b = C.ebeg[v], e = C.ebeg[v + 1];
		if (b == e)
			continue;
		size_t pn = next++;
		long total = 0;
		/* weeks */
		for (size_t wb = b; wb < e;) {
			size_t we = wb;
			while (we < e && C.k[C.e[we].cls].week ==
			    C.k[C.e[wb].cls].week)
				we++;
			size_t wn = next++;
			long wdays = 0, minlen;
			for (size_t db = wb; db < we;) {
				size_t de = db;
				while (de < we && C.k[C.e[de].cls].day ==
				    C.k[C.e[db].cls].day)
					de++;
				size_t dn = next++;
				long dc = greedy_count(db, de, &minlen);
				if (V->daycap != NOLIMIT)
					dc = lmin(dc, V->daycap / minlen);
				wdays += dc;
				sq_mcmf_arc(C.g, wn, dn, dc, 0);
				for (size_t i = db; i < de; i++)
					C.e[i].arc = sq_mcmf_arc(C.g, dn,
					    C.k[C.e[i].cls].node, 1,
					    FIT_W * fit_cost[C.e[i].fit]);
				db = de;
			}
			long wc = lmin(wdays, greedy_count(wb, we, &minlen));
			if (V->weekcap != NOLIMIT)
				wc = lmin(wc, V->weekcap / minlen);
			sq_mcmf_arc(C.g, pn, wn, wc, 0);
			total += wc;
			wb = we;
		}
		/* fairness: the n-th shift of a person costs n-1 */
		for (long i = 0; i < total; i++)
			sq_mcmf_arc(C.g, 0, pn, 1, i);
	}
}

/* ------------------------------------------------------------------ */
/* plans: checking a person, the dive, insertion, branch and bound     */

/*
 * The first rule broken by volunteer v's selected edges: the edges
 * involved in set[], their number returned (0: none).  *rule: 0 conflict,
 * 1 day hours, 2 week hours.
 */
static size_t
violation(size_t v, const unsigned char *sel, size_t *set, int *rule)
{
	const struct vol *V = &C.v[v];
	size_t n = 0;

	for (size_t i = C.ebeg[v]; i < C.ebeg[v + 1]; i++)
		if (sel[i])
			scratch[n++] = i;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			const struct cls *a = &C.k[C.e[scratch[i]].cls];
			const struct cls *b = &C.k[C.e[scratch[j]].cls];
			if (conflict(a->start, a->end, b->start, b->end)) {
				set[0] = scratch[i];
				set[1] = scratch[j];
				*rule = 0;
				return 2;
			}
		}
	for (int pass = 0; pass < 2; pass++) {
		long cap = pass ? V->weekcap : V->daycap;
		if (cap == NOLIMIT)
			continue;
		for (size_t i = 0; i < n;) {
			const struct cls *a = &C.k[C.e[scratch[i]].cls];
			long key = pass ? a->week : a->day, sum = 0;
			size_t j = i;
			while (j < n && (pass ? C.k[C.e[scratch[j]].cls].week :
			    C.k[C.e[scratch[j]].cls].day) == key)
				sum += len_of(&C.k[C.e[scratch[j++]].cls]);
			if (sum > cap) {
				for (size_t x = i; x < j; x++)
					set[x - i] = scratch[x];
				*rule = 1 + pass;
				return j - i;
			}
			i = j;
		}
	}
	return 0;
}

/* May volunteer v take class k on top of the selected edges? CAN_OK or why */
enum { ADD_OK, ADD_OVERLAP, ADD_REST, ADD_DAY, ADD_WEEK };

static int
can_add(size_t v, size_t kk, const unsigned char *sel)
{
	const struct vol *V = &C.v[v];
	const struct cls *k = &C.k[kk];
	long day = 0, week = 0;
	int why = ADD_OK;

	for (size_t i = C.ebeg[v]; i < C.ebeg[v + 1]; i++) {
		if (!sel[i])
			continue;
		const struct cls *a = &C.k[C.e[i].cls];
		if (a->start < k->end && k->start < a->end)
			return ADD_OVERLAP;
		if (conflict(a->start, a->end, k->start, k->end))
			why = ADD_REST;
		if (a->day == k->day)
			day += len_of(a);
		if (a->week == k->week)
			week += len_of(a);
	}
	if (why != ADD_OK)
		return why;
	if (V->daycap != NOLIMIT && day + len_of(k) > V->daycap)
		return ADD_DAY;
	if (V->weekcap != NOLIMIT && week + len_of(k) > V->weekcap)
		return ADD_WEEK;
	return ADD_OK;
}

static void
flow_to_sel(unsigned char *sel)
{
	for (size_t i = 0; i < C.ne; i++)
		sel[i] = sq_mcmf_flow(C.g, C.e[i].arc) > 0;
}

/* order for dropping: worst fit first, then the later shift */
static int
worse(size_t a, size_t b)
{
	int fa = fit_cost[C.e[a].fit], fb = fit_cost[C.e[b].fit];

	if (fa != fb)
		return fa > fb;
	return C.e[a].cls > C.e[b].cls;
}

static long
solve_flow(void)
{
	return sq_mcmf_solve(C.g, 0, 1, LONG_MAX, NULL);
}

/*
 * The repair: for every person the flow over-books keep the best feasible
 * part of their shifts (best fit first, then earlier).  With max_rounds
 * above 1 the arcs of the rest are forbidden and the flow solved again (a
 * dive); measured on the district benchmark that fills fewer seats than
 * one repair followed by insertion, so max_rounds is 1.
 */
static void
dive(void)
{
	size_t *set = sq_xcalloc(C.ne + 1, sizeof(*set));
	unsigned char *keep = sq_xcalloc(C.ne + 1, 1);

	for (;;) {
		long changed = 0;
		solve_flow();
		flow_to_sel(C.sel);
		for (size_t v = 0; v < C.nv; v++) {
			int rule;
			if (violation(v, C.sel, set, &rule) == 0)
				continue;
			/* greedy: best fit first, earlier first */
			size_t n = 0;
			for (size_t i = C.ebeg[v]; i < C.ebeg[v + 1]; i++)
				if (C.sel[i]) {
					set[n++] = i;
					C.sel[i] = 0;
				}
			for (size_t a = 1; a < n; a++)
				for (size_t b = a; b > 0 &&
				    worse(set[b - 1], set[b]); b--) {
					size_t t = set[b];
					set[b] = set[b - 1];
					set[b - 1] = t;
				}
			for (size_t a = 0; a < n; a++) {
				if (can_add(v, C.e[set[a]].cls, C.sel) == ADD_OK)
					C.sel[set[a]] = 1;
				else {
					sq_mcmf_set_cap(C.g, C.e[set[a]].arc, 0);
					changed++;
				}
			}
		}
		if (changed == 0)
			break;
		C.rounds++;
		if (C.rounds >= C.max_rounds) {
			/* keep the feasible part: C.sel holds it */
			break;
		}
	}
	free(set);
	free(keep);
}

static void
count_fill(const unsigned char *sel)
{
	for (size_t k = 0; k < C.nk; k++)
		C.k[k].filled = 0;
	for (size_t v = 0; v < C.nv; v++)
		C.v[v].minutes = 0;
	C.filled = 0;
	for (size_t i = 0; i < C.ne; i++)
		if (sel[i]) {
			C.k[C.e[i].cls].filled++;
			C.v[C.e[i].vol].minutes += len_of(&C.k[C.e[i].cls]);
			C.filled++;
		}
}

/* Fill empty seats with whoever can still take them: best fit, fewest hours */
static void
insert_fill(unsigned char *sel)
{
	count_fill(sel);
	for (size_t kk = 0; kk < C.nk; kk++) {
		struct cls *k = &C.k[kk];
		while (k->filled < k->seats) {
			size_t best = (size_t)-1;
			for (size_t j = 0; j < k->nedges; j++) {
				size_t i = k->edges[j];
				if (sel[i] || can_add(C.e[i].vol, kk, sel) != ADD_OK)
					continue;
				if (best == (size_t)-1 ||
				    fit_cost[C.e[i].fit] < fit_cost[C.e[best].fit] ||
				    (fit_cost[C.e[i].fit] == fit_cost[C.e[best].fit]
				    && C.v[C.e[i].vol].minutes <
				    C.v[C.e[best].vol].minutes))
					best = i;
			}
			if (best == (size_t)-1)
				break;
			sel[best] = 1;
			k->filled++;
			C.filled++;
			C.v[C.e[best].vol].minutes += len_of(k);
		}
	}
}

struct bb {
	long	 budget;
	long	 best;
	int	 aborted;
	unsigned char *bestsel, *tmp;
};

static void
bb_node(struct bb *B)
{
	size_t *set, n = 0;
	int rule;
	long val;

	if (B->best >= C.bound)
		return;
	if (B->budget <= 0) {
		B->aborted = 1;
		return;
	}
	B->budget--;
	C.bb_nodes++;
	val = solve_flow();
	if (val <= B->best)
		return;
	flow_to_sel(B->tmp);
	set = sq_xcalloc(C.ne + 1, sizeof(*set));
	for (size_t v = 0; v < C.nv && n == 0; v++)
		n = violation(v, B->tmp, set, &rule);
	if (n == 0) {
		B->best = val;
		memcpy(B->bestsel, B->tmp, C.ne);
		free(set);
		return;
	}
	/* worst fit first: the likelier one to drop */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && !worse(set[b - 1], set[b]); b--) {
			size_t t = set[b];
			set[b] = set[b - 1];
			set[b - 1] = t;
		}
	for (size_t a = 0; a < n && !B->aborted && B->best < C.bound; a++) {
		size_t arc = C.e[set[a]].arc;
		sq_mcmf_set_cap(C.g, arc, 0);
		bb_node(B);
		sq_mcmf_set_cap(C.g, arc, 1);
	}
	free(set);
}

static void
solve(void)
{
	build_network();
	C.bound = C.root = solve_flow();
	dive();
	insert_fill(C.sel);
	C.proved = C.filled >= C.bound;
	C.bb_skipped = !C.proved && (C.effort == 0 ||
	    sq_mcmf_narcs(C.g) > BB_MAX_ARCS);
	if (!C.proved && !C.bb_skipped) {
		struct bb B = { C.effort, C.filled, 0, NULL, NULL };
		B.bestsel = sq_xcalloc(C.ne + 1, 1);
		B.tmp = sq_xcalloc(C.ne + 1, 1);
		for (size_t i = 0; i < C.ne; i++)
			sq_mcmf_set_cap(C.g, C.e[i].arc, 1);
		long before = C.filled;
		bb_node(&B);
		if (B.best > before) {
			memcpy(C.sel, B.bestsel, C.ne);
			insert_fill(C.sel);
		}
		if (!B.aborted) {
			C.proved = 1;
			C.bound = C.filled;
		}
		free(B.bestsel);
		free(B.tmp);
	}
	count_fill(C.sel);
}

/* ------------------------------------------------------------------ */
/* from classes to posts                                               */

void
vol_take(size_t v, size_t slot)
{
	struct vol *V = &C.v[v];
	struct slot *S = &C.s[slot];

	if (V->ncls == V->ccls) {
		V->ccls = V->ccls ? 2 * V->ccls : 4;
		V->cls = sq_xrealloc(V->cls, V->ccls * sizeof(*V->cls));
	}
	V->cls[V->ncls++] = slot;
	V->minutes += S->end - S->start;
	S->who = sq_xrealloc(S->who, (S->nwho + 1) * sizeof(*S->who));
	S->who[S->nwho++] = v;
}

/* Within a class the seats are alike but for the building: same first. */
static void
distribute(void)
{
	size_t *who = NULL;
	unsigned char *placed = NULL;

	for (size_t v = 0; v < C.nv; v++)
		C.v[v].minutes = 0;
	for (size_t kk = 0; kk < C.nk; kk++) {
		struct cls *k = &C.k[kk];
		size_t n = 0;
		who = sq_xrealloc(who, (k->nedges + 1) * sizeof(*who));
		placed = sq_xrealloc(placed, k->nedges + 1);
		for (size_t j = 0; j < k->nedges; j++)
			if (C.sel[k->edges[j]])
				who[n++] = C.e[k->edges[j]].vol;
		memset(placed, 0, n);
		for (int pass = 0; pass < 2; pass++)
			for (size_t j = 0; j < k->nslots; j++) {
				struct slot *S = &C.s[k->slots[j]];
				for (size_t x = 0; x < n &&
				    (long)S->nwho < S->head; x++) {
					if (placed[x] || (pass == 0 &&
					    (S->bld[0] == '\0' || strcmp(S->bld,
					    C.v[who[x]].bld) != 0)))
						continue;
					placed[x] = 1;
					vol_take(who[x], k->slots[j]);
				}
			}
	}
	free(who);
	free(placed);
}

/* May v take slot s on top of their plan?  F_* */
static int
slot_can_add(size_t v, size_t s)
{
	const struct vol *V = &C.v[v];
	const struct slot *S = &C.s[s];
	long day = 0, week = 0;
	int why = ADD_OK;

	for (size_t i = 0; i < V->ncls; i++) {
		const struct slot *a = &C.s[V->cls[i]];
		if (a->start < S->end && S->start < a->end)
			return ADD_OVERLAP;
		if (conflict(a->start, a->end, S->start, S->end))
			why = ADD_REST;
		if (day_of(a->start) == day_of(S->start))
			day += a->end - a->start;
		if (week_of(a->start) == week_of(S->start))
			week += a->end - a->start;
	}
	if (why != ADD_OK)
		return why;
	if (V->daycap != NOLIMIT && day + (S->end - S->start) > V->daycap)
		return ADD_DAY;
	if (V->weekcap != NOLIMIT && week + (S->end - S->start) > V->weekcap)
		return ADD_WEEK;
	return ADD_OK;
}

/* ------------------------------------------------------------------ */
/* output                                                              */

void
put(struct sq_rec *r, const char *s)
{
	sq_rec_push(r, s, strlen(s));
}

void
header(struct sq_writer *w, const char *const *names)
{
	struct sq_rec h;

	sq_rec_init(&h);
	for (int i = 0; names[i]; i++)
		put(&h, C.c.zh ? sq_words_label(C.Wzh, "col", names[i]) :
		    names[i]);
	sq_writer_header(w, &h);
	sq_rec_free(&h);
}

/* a skill as a person reads it: its label in words.conf, or its name */
const char *
skill_name(int s)
{
	return s >= 0 ? sq_words_label(C.W, "skill", C.R.skill[s]) : "";
}

static const char *
team_name(int t)
{
	return t >= 0 && C.R.team[t].nnames ? C.R.team[t].names[0] : "";
}

const char *
num_str(char buf[24], long n)
{
	snprintf(buf, 24, "%ld", n);
	return buf;
}

/* why v got slot s, in a few words, into out */
static void
explain(size_t v, size_t s, int fit, struct sq_buf *out)
{
	const struct vol *V = &C.v[v];
	const struct slot *S = &C.s[s];
	const char *first[SQ_SKILLS_MAX] = { 0 };
	char *t = sq_fold_lower(V->skills_txt, strlen(V->skills_txt));
	char hb[16], n1[24], n2[24];
	long nth = 0;
	int k;

	sq_skills_scan(&C.R, t, first);
	switch (fit) {
	case FIT_EXACT:
		sq_words_say(C.W, out, "why.exact", "skill",
		    skill_name(S->skill), "word", first[S->skill] ?
		    first[S->skill] : skill_name(S->skill), NULL);
		break;
	case FIT_RELATED:
		for (k = 0; k < (int)C.R.nskill; k++)
			if ((V->skills & C.R.related[S->skill] &
			    ((uint64_t)1 << k)))
				break;
		if (k < (int)C.R.nskill)
			sq_words_say(C.W, out, "why.related", "skill",
			    skill_name(k), "word", first[k] ? first[k] : "",
			    "post_skill", skill_name(S->skill), NULL);
		break;
	case FIT_TEAM:
		for (k = 0; k < (int)C.R.nskill; k++)
			if ((V->skills & C.R.team[S->teamid].skills &
			    ((uint64_t)1 << k)))
				break;
		if (k < (int)C.R.nskill)
			sq_words_say(C.W, out, "why.team", "skill",
			    skill_name(k), "word", first[k] ? first[k] : "",
			    "team", team_name(S->teamid), NULL);
		break;
	case FIT_GENERAL:
		sq_words_say(C.W, out, "why.general", NULL);
		break;
	default:
		sq_words_say(C.W, out, "why.other", NULL);
		break;
	}
	free(t);
	if (S->training)
		sq_words_say(C.W, out, "why.trained", NULL);
	if (*V->avail_txt)
		sq_words_say(C.W, out, "why.available", "text", V->avail_txt,
		    NULL);
	else
		sq_words_say(C.W, out, "why.any_time", NULL);
	if (S->bld[0] && strcmp(S->bld, V->bld) == 0)
		sq_words_say(C.W, out, "why.building", "building", V->bld,
		    NULL);
	for (size_t i = 0; i < V->ncls; i++)
		if (C.s[V->cls[i]].start < S->start ||
		    (C.s[V->cls[i]].start == S->start && V->cls[i] <= s))
			nth++;
	sq_hours_format(V->minutes, hb, sizeof(hb));
	sq_words_say(C.W, out, "why.load", "n", num_str(n1, nth), "of",
	    num_str(n2, (long)V->ncls), "hours", hb, NULL);
}

static int
write_assignments(void)
{
	static const char *const cols[] = { "post", "team", "start", "end",
	    "vid", "name", "phone", "fit", "why", NULL };
	struct sq_writer *w = sq_writer_open(C.c.output, &C.c.out);
	struct sq_rec r;
	struct sq_buf why;
	char t1[17], t2[17];

	if (w == NULL)
		return -1;
	if (!C.explain) {
		static const char *const c8[] = { "post", "team", "start",
		    "end", "vid", "name", "phone", "fit", NULL };
		header(w, c8);
	} else
		header(w, cols);
	sq_rec_init(&r);
	sq_buf_init(&why);
	for (size_t s = 0; s < C.ns; s++) {
		const struct slot *S = &C.s[s];
		fmt_time(S->start, t1);
		fmt_time(S->end, t2);
		for (size_t j = 0; j < S->nwho; j++) {
			const struct vol *V = &C.v[S->who[j]];
			int fit = FIT_GENERAL;
			can_take(V, S->start, S->end, S->skill, S->training,
			    S->teamid, S->own_len, &fit);
			sq_rec_clear(&r);
			put(&r, S->post);
			put(&r, S->team);
			put(&r, t1);
			put(&r, t2);
			put(&r, V->vid);
			put(&r, V->name);
			put(&r, V->phone);
			put(&r, fit_name[fit]);
			if (C.explain) {
				why.len = 0;
				explain(S->who[j], s, fit, &why);
				sq_rec_push(&r, why.s ? why.s : "", why.len);
			}
			sq_writer_row(w, &r);
		}
	}
	sq_buf_free(&why);
	sq_rec_free(&r);
	return sq_writer_close(w);
}

/* why slot s has empty seats, into out */
static void
diagnose(size_t s, struct sq_buf *out)
{
	const struct slot *S = &C.s[s];
	long pass[CAN_CAP + 2] = { 0 }, busy[ADD_WEEK + 1] = { 0 };
	char hb[16], n1[24], n2[24], n3[24], n4[24];

	for (size_t v = 0; v < C.nv; v++) {
		int fit, w = can_take(&C.v[v], S->start, S->end, S->skill,
		    S->training, S->teamid, S->own_len, &fit);
		for (int k = 0; k < w || (w == CAN_OK && k <= CAN_CAP); k++)
			pass[k]++;
		if (w != CAN_OK)
			continue;
		int on = 0;
		for (size_t j = 0; j < S->nwho; j++)
			if (S->who[j] == v)
				on = 1;
		if (!on)
			busy[slot_can_add(v, s)]++;
	}
	sq_hours_format(S->end - S->start, hb, sizeof(hb));
	if (pass[CAN_SKILL] == 0)
		sq_words_say(C.W, out, S->skill >= 0 ? "reason.no_skill" :
		    "reason.no_volunteers", "skill", skill_name(S->skill), NULL);
	else if (pass[CAN_TRAIN] == 0)
		sq_words_say(C.W, out, S->skill >= 0 ? "reason.untrained_skill" :
		    "reason.untrained", "skill", skill_name(S->skill), NULL);
	else if (pass[CAN_LEN] == 0)
		sq_words_say(C.W, out, "reason.length", "hours", hb, "staff",
		    num_str(n1, C.staff_max / 60), "vmin", num_str(n2,
		    C.vol_min / 60), "vmax", num_str(n3, C.vol_max / 60), NULL);
	else if (pass[CAN_AVAIL] == 0)
		sq_words_say(C.W, out, "reason.available", NULL);
	else if (pass[CAN_CAP] == 0)
		sq_words_say(C.W, out, "reason.limit", "hours", hb, NULL);
	else if (busy[ADD_OK] == 0 && busy[ADD_OVERLAP] + busy[ADD_REST] +
	    busy[ADD_DAY] + busy[ADD_WEEK] == 0)
		sq_words_say(C.W, out, pass[CAN_CAP] == 1 ? "reason.only_one" :
		    "reason.only_many", "n", num_str(n1, pass[CAN_CAP]), NULL);
	else if (busy[ADD_OK] > 0)
		sq_words_say(C.W, out, busy[ADD_OK] == 1 ? "reason.free_one" :
		    "reason.free_many", "n", num_str(n1, busy[ADD_OK]), NULL);
	else {
		static const char *const what[] = { NULL, "busy.overlap",
		    "busy.rest", "busy.day", "busy.week" };
		long nb = busy[ADD_OVERLAP] + busy[ADD_REST] + busy[ADD_DAY] +
		    busy[ADD_WEEK];
		int any = 0;
		sq_words_say(C.W, out, nb == 1 ? "reason.busy_one" :
		    "reason.busy_many", "n", num_str(n1, nb), NULL);
		for (int k = ADD_OVERLAP; k <= ADD_WEEK; k++) {
			if (busy[k] == 0)
				continue;
			sq_buf_adds(out, sq_words_get(C.W, any ? "busy.next" :
			    "busy.first"));
			sq_words_say(C.W, out, what[k], "n", num_str(n4,
			    busy[k]), "rest", num_str(n2, C.rest / 60), NULL);
			any = 1;
		}
	}
}

static int
write_unfilled(long *empty)
{
	static const char *const cols[] = { "post", "team", "start", "end",
	    "skill", "headcount", "filled", "missing", "reason", NULL };
	/* the empty seats are for the person who recruits: Excel-safe */
	struct sq_writer_opts o = sq_person_opts(&C.c);
	struct sq_writer *w = NULL;
	struct sq_rec r;
	struct sq_buf why;
	char t1[17], t2[17], n1[24], n2[24], n3[24];

	*empty = 0;
	if (C.unfilled && (w = sq_writer_open(C.unfilled, &o)) == NULL)
		return -1;
	if (w)
		header(w, cols);
	sq_rec_init(&r);
	sq_buf_init(&why);
	for (size_t s = 0; s < C.ns; s++) {
		const struct slot *S = &C.s[s];
		if ((long)S->nwho >= S->head)
			continue;
		*empty += S->head - (long)S->nwho;
		if (w == NULL)
			continue;
		fmt_time(S->start, t1);
		fmt_time(S->end, t2);
		why.len = 0;
		diagnose(s, &why);
		snprintf(n1, sizeof(n1), "%ld", S->head);
		snprintf(n2, sizeof(n2), "%zu", S->nwho);
		snprintf(n3, sizeof(n3), "%ld", S->head - (long)S->nwho);
		sq_rec_clear(&r);
		put(&r, S->post);
		put(&r, S->team);
		put(&r, t1);
		put(&r, t2);
		put(&r, skill_name(S->skill));
		put(&r, n1);
		put(&r, n2);
		put(&r, n3);
		sq_rec_push(&r, why.s ? why.s : "", why.len);
		sq_writer_row(w, &r);
	}
	sq_buf_free(&why);
	sq_rec_free(&r);
	return w ? sq_writer_close(w) : 0;
}

/* sq-care's ledger (--care-hours): greetings and hours by vid */
struct care_row {
	char	*vid, *name, *from, *to;
	long	 greetings, minutes;
	int	 used;
};
static struct care_row *care_rows;
static size_t ncare;

static int
read_care_hours(const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &C.c.in);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	long cv = sq_reader_col(r, "vid"), cn = sq_reader_col(r, "name"),
	    cg = sq_reader_col(r, "greetings"), ch = sq_reader_col(r, "hours"),
	    cf = sq_reader_col(r, "from"), ct = sq_reader_col(r, "to");
	if (cv < 0 || ch < 0) {
		sq_error("%s: not a ledger of care hours (vid, greetings, "
		    "hours: what sq-care --hours writes)", path);
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t len;
		const char *p;
		double h;
		long g = 0;
		if (st == SQ_READ_BAD) {
			sq_problem(path, rec.line, "%s", rec.err);
			continue;
		}
		p = sq_rec_cell_trim(&rec, ch, &len);
		if (sq_double_parse(p, len, &h) != SQ_VAL_OK || h < 0 ||
		    h > 1e6) {
			sq_problem(path, rec.line, "hours '%.*s': not a number "
			    "of hours; row left out", (int)len, p);
			continue;
		}
		p = sq_rec_cell_trim(&rec, cg, &len);
		if (len && sq_long_parse(p, len, 0, LONG_MAX / 2, &g) !=
		    SQ_VAL_OK)
			g = 0;
		care_rows = sq_xrealloc(care_rows, (ncare + 1) *
		    sizeof(*care_rows));
		care_rows[ncare] = (struct care_row){ cell_dup(&rec, cv),
		    cell_dup(&rec, cn), cell_dup(&rec, cf), cell_dup(&rec, ct),
		    g, (long)(h * 60 + 0.5), 0 };
		ncare++;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

static int
write_hours(void)
{
	static const char *const cols[] = { "vid", "name", "role", "shifts",
	    "hours", "from", "to", "greetings", "care_hours", "total_hours",
	    NULL };
	struct sq_writer_opts o = C.c.out;
	struct sq_writer *w;
	struct sq_rec r;
	char d0[11] = "", d1[11] = "", n[24], h[24];
	long *care = NULL;

	if (C.hours == NULL)
		return 0;
	if ((w = sq_writer_open(C.hours, &o)) == NULL)
		return -1;
	if (C.care_hours) {
		/* one row a volunteer, their care hours beside their shifts */
		header(w, cols);
		care = sq_xmalloc((C.nv + 1) * sizeof(*care));
		for (size_t v = 0; v < C.nv; v++)
			care[v] = -1;
		for (size_t i = 0; i < ncare; i++) {
			long v = vol_find(care_rows[i].vid);
			if (v >= 0 && care[v] < 0) {
				care[v] = (long)i;
				care_rows[i].used = 1;
			}
		}
	} else {
		static const char *const plain[] = { "vid", "name", "role",
		    "shifts", "hours", "from", "to", NULL };
		header(w, plain);
	}
	if (C.ns > 0) {
		long a = LONG_MAX, b = LONG_MIN;
		for (size_t s = 0; s < C.ns; s++) {
			a = lmin(a, day_of(C.s[s].start));
			if (day_of(C.s[s].start) > b)
				b = day_of(C.s[s].start);
		}
		sq_date_from_days((int)a, d0);
		sq_date_from_days((int)b, d1);
	}
	sq_rec_init(&r);
	for (size_t v = 0; v < C.nv; v++) {
		const struct vol *V = &C.v[v];
		snprintf(n, sizeof(n), "%zu", V->ncls);
		sq_hours_format(V->minutes, h, sizeof(h));
		sq_rec_clear(&r);
		put(&r, V->vid);
		put(&r, V->name);
		put(&r, V->staff ? "staff" : "volunteer");
		put(&r, n);
		put(&r, h);
		put(&r, d0);
		put(&r, d1);
		if (care) {
			const struct care_row *c = care[v] >= 0 ?
			    &care_rows[care[v]] : NULL;
			snprintf(n, sizeof(n), "%ld", c ? c->greetings : 0);
			put(&r, n);
			sq_hours_format(c ? c->minutes : 0, h, sizeof(h));
			put(&r, h);
			sq_hours_format(V->minutes + (c ? c->minutes : 0), h,
			    sizeof(h));
			put(&r, h);
		}
		sq_writer_row(w, &r);
	}
	/* carers who took no shift */
	for (size_t i = 0; care && i < ncare; i++) {
		const struct care_row *c = &care_rows[i];
		if (c->used)
			continue;
		snprintf(n, sizeof(n), "%ld", c->greetings);
		sq_hours_format(c->minutes, h, sizeof(h));
		sq_rec_clear(&r);
		put(&r, c->vid);
		put(&r, c->name);
		put(&r, "");
		put(&r, "0");
		put(&r, "0");
		put(&r, c->from);
		put(&r, c->to);
		put(&r, n);
		put(&r, h);
		put(&r, h);
		sq_writer_row(w, &r);
	}
	free(care);
	sq_rec_free(&r);
	return sq_writer_close(w);
}

/* ------------------------------------------------------------------ */

static long
opt_hours(const char *arg, long min, long max, const char *what)
{
	double h;

	if (sq_double_parse(arg, strlen(arg), &h) != SQ_VAL_OK ||
	    h * 60 < min - 1e-9 || h * 60 > max + 1e-9)
		sq_usage_error(synopsis, "%s takes hours from %ld to %ld, not "
		    "'%s'", what, min / 60, max / 60, arg);
	return (long)(h * 60 + 0.5);
}

static void
free_all(void)
{
	for (size_t i = 0; i < C.nv; i++)
		vol_free(&C.v[i]);
	free(C.v);
	for (size_t i = 0; i < C.ns; i++)
		slot_free(&C.s[i]);
	free(C.s);
	for (size_t k = 0; k < C.nk; k++) {
		free(C.k[k].slots);
		free(C.k[k].edges);
	}
	free(C.k);
	free(C.e);
	free(C.ebeg);
	free(C.sel);
	sq_mcmf_free(C.g);
	free(scratch);
	free(scratch2);
	free(slot_hash);
	free(vol_hash);
	check_free();
	sq_skills_free(&C.R);
	sq_shifts_free(&C.shifts);
	sq_words_free(C.W);
	sq_words_free(C.Wzh);
	for (size_t i = 0; i < ncare; i++) {
		free(care_rows[i].vid);
		free(care_rows[i].name);
		free(care_rows[i].from);
		free(care_rows[i].to);
	}
	free(care_rows);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		SQ_COMMON_LONGOPTS,
		{ "check",           required_argument, NULL, 'c' },
		{ "unfilled",        required_argument, NULL, 'u' },
		{ "hours",           required_argument, NULL, 'w' },
		{ "care-hours",      required_argument, NULL, 'A' },
		{ "explain",         no_argument,       NULL, 'x' },
		{ "rules",           required_argument, NULL, 'r' },
		{ "rest",            required_argument, NULL, 'g' },
		{ "staff-shift",     required_argument, NULL, 's' },
		{ "volunteer-shift", required_argument, NULL, 'v' },
		{ "day-hours",       required_argument, NULL, 'd' },
		{ "headcount",       required_argument, NULL, 'n' },
		{ "effort",          required_argument, NULL, 'e' },
		{ "date",            required_argument, NULL, 't' },
		{ "shifts",          required_argument, NULL, 'f' },
		{ "trained-default", required_argument, NULL, 'T' },
		SQ_LANG_LONGOPTS,
		{ "help",            no_argument,       NULL, 'h' },
		{ "version",         no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, failed = 0;
	char *dash;

	sq_start(argc, argv);
	sq_common_init(&C.c);
	C.rest = 8 * 60;
	C.staff_max = 8 * 60;
	C.vol_min = 4 * 60;
	C.vol_max = 6 * 60;
	C.headcount = 2;
	C.effort = 20000;
	C.max_rounds = 1;
	C.trained_default = -1;
	C.date = -1;
	while ((ch = getopt_long(argc, argv, SQ_COMMON_SHORTOPTS
	    "c:u:w:A:xr:g:s:v:d:n:e:t:f:T:" SQ_LANG_SHORTOPTS "hV", longopts,
	    NULL)) != -1) {
		if (sq_common_opt(&C.c, ch, optarg, synopsis) ||
		    sq_lang_opt(&C.c, ch, optarg, synopsis))
			continue;
		switch (ch) {
		case 'c':
			C.check = optarg;
			break;
		case 'u':
			C.unfilled = optarg;
			break;
		case 'w':
			C.hours = optarg;
			break;
		case 'A':
			C.care_hours = optarg;
			break;
		case 'x':
			C.explain = 1;
			break;
		case 'r':
			C.rules_file = optarg;
			break;
		case 'g':
			C.rest = opt_hours(optarg, 0, DAYMIN, "--rest");
			break;
		case 's':
			C.staff_max = opt_hours(optarg, 1, DAYMIN,
			    "--staff-shift");
			break;
		case 'v':
			if ((dash = strchr(optarg, '-')) == NULL)
				sq_usage_error(synopsis, "--volunteer-shift "
				    "takes MIN-MAX hours, like 4-6, not '%s'",
				    optarg);
			*dash = '\0';
			C.vol_min = opt_hours(optarg, 1, DAYMIN,
			    "--volunteer-shift");
			C.vol_max = opt_hours(dash + 1, 1, DAYMIN,
			    "--volunteer-shift");
			*dash = '-';
			if (C.vol_min > C.vol_max)
				sq_usage_error(synopsis, "--volunteer-shift "
				    "%s: the minimum is above the maximum",
				    optarg);
			break;
		case 'd':
			C.day_default = opt_hours(optarg, 1, DAYMIN,
			    "--day-hours");
			break;
		case 'n':
			C.headcount = sq_opt_long(optarg, 0, 1000,
			    "--headcount", synopsis);
			break;
		case 'e':
			C.effort = sq_opt_long(optarg, 0, 100000, "--effort",
			    synopsis);
			break;
		case 't': {
			char ymd[11];
			const char *why = NULL;
			if (sq_date_parse(optarg, strlen(optarg), 0, ymd,
			    &why) != SQ_VAL_OK)
				sq_usage_error(synopsis, "--date '%s': %s",
				    optarg, why ? why : "not a date");
			C.date = sq_date_days(ymd);
			break;
		}
		case 'f':
			C.shifts_file = optarg;
			break;
		case 'T':
			if ((C.trained_default = sq_bool_parse(optarg,
			    strlen(optarg))) < 0)
				sq_usage_error(synopsis, "--trained-default "
				    "takes yes or no, not '%s'", optarg);
			break;
		case 'h':
			usage();
			if (fflush(stdout) != 0 || ferror(stdout))
				sq_fatal("write error: %s", strerror(errno));
			return 0;
		case 'V':
			sq_print_version();
			return 0;
		default:
			sq_usage_error(synopsis, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		sq_usage_error(synopsis, argc < 2 ? "give the volunteers and "
		    "the posts tables" : "too many files");
	C.volfile = argv[0];
	C.postfile = argv[1];
	if (strcmp(C.volfile, "-") == 0 && strcmp(C.postfile, "-") == 0)
		sq_usage_error(synopsis, "only one of the tables can be "
		    "standard input");

	if (C.date < 0) {
		char today[11];
		C.date = sq_date_today(today, NULL);
	}
	{
		char d[11];
		sq_date_from_days((int)C.date, d);
		C.year = atoi(d);	/* for 4月10日 until the posts say */
	}
	char *rpath = sq_datafile(&C.c, "skills.txt");
	char *spath = sq_datafile(&C.c, "match/shifts.conf");
	if (sq_skills_load(&C.R, rpath) < 0 || (C.rules_file &&
	    sq_skills_load(&C.R, C.rules_file) < 0) ||
	    sq_shifts_load(&C.shifts, spath) < 0 || (C.shifts_file &&
	    sq_shifts_load(&C.shifts, C.shifts_file) < 0)) {
		free(rpath);
		free(spath);
		free_all();
		return SQ_EXIT_USAGE;
	}
	free(rpath);
	free(spath);
	if (sq_person_words(&C.c, "match", &C.W, &C.Wzh) < 0) {
		free_all();
		return SQ_EXIT_USAGE;
	}
	C.c.tables = "volunteers";
	struct sq_aliases *aliases = sq_load_aliases(&C.c);
	if (aliases == NULL) {
		free_all();
		return SQ_EXIT_USAGE;
	}
	C.c.in.aliases = aliases;
	C.c.in.canonical = 1;
	if ((C.rj = sq_rejects_open(C.c.rejects)) == NULL) {
		sq_aliases_free(aliases);
		free_all();
		return SQ_EXIT_USAGE;
	}
	/* the posts first: they give the year and the days of the plan */
	if (read_posts(C.postfile) < 0)
		failed = 1;
	C.day0 = C.day1 = 0;
	if (C.ns > 0) {
		long a = LONG_MAX, b = LONG_MIN;
		for (size_t s = 0; s < C.ns; s++) {
			a = lmin(a, day_of(C.s[s].start));
			if (day_of(C.s[s].end) > b)
				b = day_of(C.s[s].end);
		}
		char d[11];
		sq_date_from_days((int)a, d);
		C.year = atoi(d);
		C.day0 = a - 1;
		C.day1 = b + 1;
	}
	if (!failed && read_volunteers(C.volfile) < 0)
		failed = 1;
	if (!failed && C.check && read_plan(C.check) < 0)
		failed = 1;
	if (!failed && C.care_hours && read_care_hours(C.care_hours) < 0)
		failed = 1;
	if (!failed && C.c.strict && sq_rejects_count(C.rj) > 0) {
		sq_note("stopped at the first rejected row (--strict); no "
		    "output written");
		failed = 2;
	}
	long empty = 0;
	if (!failed) {
		build_classes();
		if (C.check) {
			check_plan();
			if (write_violations() < 0)
				failed = 1;
		} else {
			solve();
			distribute();
			if (write_assignments() < 0)
				failed = 1;
		}
	}
	if (!failed && (write_unfilled(&empty) < 0 || write_hours() < 0))
		failed = 1;
	long nrejected = sq_rejects_count(C.rj);
	if (failed)
		sq_rejects_abort(C.rj);
	else if (sq_rejects_close(C.rj) < 0)
		failed = 1;
	if (!failed) {
		long vrej = 0, onduty = 0;
		for (size_t v = 0; v < C.nv; v++)
			onduty += C.v[v].ncls > 0;
		vrej = C.vrows - (long)C.nv;
		long prej = nrejected - vrej;
		if (C.check) {
			sq_note("checked %zu assignment%s: %zu violation%s; "
			    "%ld of %ld seats empty", check_rows(),
			    check_rows() == 1 ? "" : "s", check_violations(),
			    check_violations() == 1 ? "" : "s", empty, C.seats);
			if (check_violations() > 0)
				sq_mark_problem();
		} else {
			sq_note("%ld seat%s in %zu post-shift%s: %ld filled, "
			    "%ld empty; upper bound %ld%s", C.seats,
			    C.seats == 1 ? "" : "s", C.ns, C.ns == 1 ? "" : "s",
			    C.filled, empty, C.proved ? C.filled : C.root,
			    C.proved ? (C.filled == C.root ?
			    " (the flow bound: optimal)" :
			    " (proved by branch and bound: optimal)") :
			    C.bb_skipped ? " (flow relaxation; too large for "
			    "branch and bound)" : " (flow relaxation; search "
			    "budget spent)");
		}
		sq_note("%ld volunteer%s read: %zu accepted (%ld on duty), "
		    "%ld rejected; %ld post row%s read, %ld rejected",
		    C.vrows, C.vrows == 1 ? "" : "s", C.nv, onduty, vrej,
		    C.prows, C.prows == 1 ? "" : "s", prej);
	}
	sq_aliases_free(aliases);
	free_all();
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}
