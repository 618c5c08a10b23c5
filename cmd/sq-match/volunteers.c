/*
 * volunteers.c — the volunteers sheet: skills (share/skills.txt), role,
 * training, hour limits ("每天6小时"), availability (lib/avail.c), each
 * volunteer once by vid.
 */
#include "match.h"

/*
 * Hour limits: "6", "6小时", "6h", "每天6小时", "6/天", "每周20小时",
 * "20h/week", "每天4小时，每周20小时", "不限".  0, SQ_VAL_EMPTY, or -2 with
 * *why.  Sets *day and/or *week (minutes).
 */
int
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

long
vol_find(struct ctx *C, const char *vid)
{
	if (C->vol_hcap == 0)
		return -1;
	for (size_t i = sq_fnv1a32(vid, strlen(vid), SQ_FNV1A32_INIT) &
	    (C->vol_hcap - 1); C->vol_hash[i] != (size_t)-1;
	    i = (i + 1) & (C->vol_hcap - 1))
		if (strcmp(C->v[C->vol_hash[i]].vid, vid) == 0)
			return (long)C->vol_hash[i];
	return -1;
}

static void
vol_index(struct ctx *C, size_t k)
{
	if (2 * (C->nv + 1) > C->vol_hcap) {
		size_t ncap = C->vol_hcap ? 2 * C->vol_hcap : 1024;
		free(C->vol_hash);
		C->vol_hash = sq_xmalloc(ncap * sizeof(*C->vol_hash));
		memset(C->vol_hash, 0xff, ncap * sizeof(*C->vol_hash));
		C->vol_hcap = ncap;
		for (size_t j = 0; j < C->nv; j++)
			if (j != k)
				vol_index(C, j);
	}
	size_t i = sq_fnv1a32(C->v[k].vid, strlen(C->v[k].vid),
	    SQ_FNV1A32_INIT) & (C->vol_hcap - 1);
	while (C->vol_hash[i] != (size_t)-1)
		i = (i + 1) & (C->vol_hcap - 1);
	C->vol_hash[i] = k;
}

void
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

int
read_volunteers(struct ctx *C, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &C->c.in);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	sq_rejects_table(C->rj, "volunteers", sq_reader_rawheader(r));
	enum { VID, NAME, PHONE, BLD, SKILLS, AVAIL, MAX, WEEK, TRAIN, ROLE,
	    N };
	/* someone: by id or by name */
	static const struct sq_col cols[N] = {
		[VID] = { "vid", 1 }, [NAME] = { "name", 1 },
		[PHONE] = { "phone", 0 }, [BLD] = { "building", 0 },
		[SKILLS] = { "skills|skill", 0 }, [AVAIL] = { "available", 0 },
		[MAX] = { "max_hours", 0 }, [WEEK] = { "max_week", 0 },
		[TRAIN] = { "trained|needs_training", 0 }, [ROLE] = { "role", 0 },
	};
	long c[N];
	if (sq_table_cols(r, cols, N, c, _("the volunteers table")) < 0) {
		sq_reader_close(r);
		return -1;
	}
	long cvid = c[VID], cname = c[NAME], cphone = c[PHONE], cbld = c[BLD],
	    cskills = c[SKILLS], cavail = c[AVAIL], cmax = c[MAX],
	    cweek = c[WEEK], ctrain = c[TRAIN], crole = c[ROLE];
	if (ctrain < 0 && C->trained_default < 0)
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
			sq_rejects_add(C->rj, path, &rec, rec.err);
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
			reject(C, path, &rec, "no %s; give every volunteer one",
			    sq_reader_rawname(r, (size_t)cvid));
			goto bad;
		}
		long dup = vol_find(C, v.vid);
		if (dup >= 0) {
			reject(C, path, &rec, "%s '%s' is also on line %ld; give "
			    "every volunteer a different one",
			    sq_reader_rawname(r, (size_t)cvid), q(v.vid,
			    strlen(v.vid)), C->v[dup].line);
			goto bad;
		}
		p = sq_rec_cell(&rec, crole, &len);
		if ((v.staff = parse_role(p, len)) < 0) {
			reject(C, path, &rec, "%s '%s': staff or volunteer?",
			    sq_reader_rawname(r, (size_t)crole), q(p, len));
			goto bad;
		}
		p = sq_rec_cell(&rec, ctrain, &len);
		if ((v.trained = parse_trained(p, len)) == -2) {
			reject(C, path, &rec, "%s '%s': not yes or no",
			    sq_reader_rawname(r, (size_t)ctrain), q(p, len));
			goto bad;
		}
		if (v.trained == -1 && C->trained_default >= 0)
			v.trained = C->trained_default;
		v.daycap = C->day_default > 0 ? C->day_default :
		    v.staff ? C->staff_max : C->vol_max;
		v.weekcap = NOLIMIT;
		p = sq_rec_cell(&rec, cmax, &len);
		rc = parse_limits(p, len, 0, &v.daycap, &v.weekcap, &why);
		if (rc == -2) {
			reject(C, path, &rec, "%s '%s': %s", sq_reader_rawname(r,
			    (size_t)cmax), q(p, len), why);
			goto bad;
		}
		p = sq_rec_cell(&rec, cweek, &len);
		/* a bare number in the weekly column is hours a week */
		long wk = NOLIMIT, dy = NOLIMIT;
		rc = parse_limits(p, len, 1, &dy, &wk, &why);
		if (rc == -2) {
			reject(C, path, &rec, "%s '%s': %s", sq_reader_rawname(r,
			    (size_t)cweek), q(p, len), why);
			goto bad;
		}
		if (rc == 0 && wk != NOLIMIT)
			v.weekcap = wk;
		if (rc == 0 && dy != NOLIMIT && dy < v.daycap)
			v.daycap = dy;
		{
			char *t = sq_fold_lower(v.skills_txt, strlen(v.skills_txt));
			v.skills = sq_skills_scan(&C->R, t, NULL);
			free(t);
		}
		if (*v.avail_txt) {
			struct sq_avail a = { NULL, 0 };
			char *t = sq_fold_lower(v.avail_txt, strlen(v.avail_txt));
			if (sq_avail_parse(t, C->year, &C->shifts, &a, &bad,
			    &why) < 0) {
				reject(C, path, &rec, "%s '%s': at '%s': %s",
				    sq_reader_rawname(r, (size_t)cavail),
				    q(v.avail_txt, strlen(v.avail_txt)),
				    q(t + bad, strlen(t + bad)), why);
				free(t);
				sq_avail_free(&a);
				goto bad;
			}
			if (a.n == 0) {
				reject(C, path, &rec, "%s '%s': no day or time "
				    "found", sq_reader_rawname(r,
				    (size_t)cavail), q(v.avail_txt,
				    strlen(v.avail_txt)));
				free(t);
				sq_avail_free(&a);
				goto bad;
			}
			v.nwin = sq_avail_expand(&a, C->day0, C->day1, &v.win);
			free(t);
			sq_avail_free(&a);
		} else {
			v.win = sq_xmalloc(2 * sizeof(*v.win));
			v.win[0] = (C->day0 - 1) * DAYMIN;
			v.win[1] = (C->day1 + 2) * DAYMIN;
			v.nwin = 1;
		}
		C->v = sq_xrealloc(C->v, (C->nv + 1) * sizeof(*C->v));
		C->v[C->nv++] = v;
		vol_index(C, C->nv - 1);
		continue;
bad:
		vol_free(&v);
	}
	C->vrows = sq_reader_stats(r)->rows;
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}
