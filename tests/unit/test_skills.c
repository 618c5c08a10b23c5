/*
 * test_skills.c — skill rules (rules/skills.c) through their header: the
 * shipped share/skills.txt on what volunteers write about themselves, and
 * small rules files written here (a later file moving a keyword, a team
 * replaced, bad lines refused).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "skills.h"
#include "text.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* skill names of a text, joined by '+' in id order, or "-" */
static const char *
skills_of(const struct sq_skills *R, const char *text, char *out, size_t sz)
{
	char *t = sq_fold_lower(text, strlen(text));
	uint64_t m = sq_skills_scan(R, t, NULL);

	free(t);
	out[0] = '\0';
	for (size_t i = 0; i < R->nskill; i++)
		if (m >> i & 1) {
			if (out[0])
				strncat(out, "+", sz - strlen(out) - 1);
			strncat(out, R->skill[i], sz - strlen(out) - 1);
		}
	if (out[0] == '\0')
		snprintf(out, sz, "-");
	return out;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return;
	fputs(text, f);
	fclose(f);
}

int
main(void)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "退休护士，会开车", "nursing+driving" },
		{ "心理医生", "psychology" },		/* the longest keyword */
		{ "内科医生", "medical" },
		{ "小学老师 会手语", "teaching+sign" },
		{ "GP", "medical" },
		{ "gps导航", "-" },			/* ASCII: whole words */
		{ "Nurse; driver", "nursing+driving" },
		{ "ＮＵＲＳＥ", "nursing" },		/* full width */
		{ "快递员 体力好", "porter" },
		{ "", "-" },
		{ "无", "-" },
	};
	struct sq_skills R;
	char got[256], path[] = "/tmp/sqskillsXXXXXX";

	sq_diag_init("test_skills");
	memset(&R, 0, sizeof(R));
	if (!CHECK(sq_skills_load(&R, "share/skills.txt") == 0))
		UNIT_DONE();
	for (size_t i = 0; i < NELEM(cases); i++)
		CHECK_STR_CTX(skills_of(&R, cases[i].text, got, sizeof(got)),
		    cases[i].want, cases[i].text);
	CHECK(sq_skills_id(&R, "medical") >= 0);
	CHECK(sq_skills_id(&R, "no such skill") == -1);
	int med = sq_skills_team(&R, "医疗队");
	CHECK(med >= 0 && (R.team[med].skills >>
	    sq_skills_id(&R, "nursing") & 1));
	CHECK(sq_skills_team(&R, "东门医疗队临时") == med);	/* inside */
	CHECK(sq_skills_team(&R, "") == -1);
	/* nursing may stand in for nothing; pharmacy's post takes medical */
	CHECK(R.related[sq_skills_id(&R, "pharmacy")] >>
	    sq_skills_id(&R, "medical") & 1);

	/* a later file moves a keyword and adds a skill */
	int fd = mkstemp(path);
	if (fd >= 0) {
		close(fd);
		write_file(path, "# user rules\nskill medical: 护工\n"
		    "skill 摄影: 摄影师, photographer\n");
		CHECK(sq_skills_load(&R, path) == 0);
		CHECK_STR(skills_of(&R, "护工", got, sizeof(got)), "medical");
		CHECK_STR(skills_of(&R, "Photographer", got, sizeof(got)),
		    "摄影");
		write_file(path, "skill medical 医生\n");
		CHECK(sq_skills_load(&R, path) == -1);	/* no colon */
		write_file(path, "talent x: y\n");
		CHECK(sq_skills_load(&R, path) == -1);	/* unknown kind */
		write_file(path, "skill : y\n");
		CHECK(sq_skills_load(&R, path) == -1);	/* no name */
		unlink(path);
	}
	CHECK(sq_skills_load(&R, "/nonexistent/skills.txt") == -1);
	sq_skills_free(&R);
	CHECK(R.nskill == 0 && R.kw == NULL);
	UNIT_DONE();
}
