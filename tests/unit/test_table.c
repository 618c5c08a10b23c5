/*
 * test_table.c — a table's columns declared as data: lookup, clauses,
 * and the message for what is missing.
 */
#include <stdlib.h>

#include "diag.h"
#include "header.h"
#include "table.h"
#include "unit.h"

static struct sq_aliases *al;

static struct sq_reader *
table(const char *header)
{
	struct sq_reader_opts o = { .format = SQ_IN_CSV, .aliases = al,
	    .canonical = 1, .datadir = getenv("SHEQU_DATADIR") ? NULL :
	    "share" };
	char text[256];

	snprintf(text, sizeof(text), "%s\n", header);
	return sq_reader_open(unit_file("t.csv", text), &o);
}

enum { POST, START, END, SHIFT, TEAM, N };
static const struct sq_col cols[N] = {
	[POST] = { "post", 1 }, [START] = { "start", 2 }, [END] = { "end", 4 },
	[SHIFT] = { "shift|time", 2 | 4 }, [TEAM] = { "team", 0 },
};

static int
cols_of(const char *header, long *c)
{
	struct sq_reader *r = table(header);
	int rc = r ? sq_table_cols(r, cols, N, c, "the posts table") : -2;

	if (r)
		sq_reader_close(r);
	return rc;
}

int
main(void)
{
	long c[N];

	sq_diag_init("test_table");
	if (unit_scratch("test_table") == NULL)
		return 2;
	al = sq_aliases_load(unit_file("aliases.txt",
	    "post: 岗位\nstart: 开始时间\nend: 结束时间\nshift: 班次\n"
	    "team: 队伍\n"));
	if (!CHECK(al != NULL))
		UNIT_DONE();

	CHECK_INT(cols_of("岗位,开始时间,结束时间", c), 0);
	CHECK(c[POST] == 0 && c[START] == 1 && c[END] == 2);
	CHECK(c[SHIFT] == -1 && c[TEAM] == -1);		/* optional, absent */
	CHECK_INT(cols_of("队伍,岗位,班次", c), 0);	/* shift for both */
	CHECK(c[SHIFT] == 2 && c[TEAM] == 0 && c[START] == -1);
	CHECK_INT(cols_of("post,time", c), 0);		/* the second name */
	CHECK_INT(c[SHIFT], 1);
	CHECK_INT(cols_of("岗位,开始时间", c), -1);	/* no end, no shift */
	CHECK_INT(cols_of("开始时间,结束时间", c), -1);	/* no post */
	CHECK_INT(cols_of("姓名", c), -1);

	/* what is said: each clause missing, its names, the columns there
	   (stderr goes to a file from here on) */
	fflush(stderr);
	const char *errpath = unit_file("err.txt", "");
	if (!CHECK(freopen(errpath, "w", stderr) != NULL))
		UNIT_DONE();
	cols_of("姓名,开始时间", c);
	fflush(stderr);
	FILE *f = fopen(errpath, "r");
	char msg[1024] = "";
	if (f) {
		if (fgets(msg, sizeof(msg), f) == NULL)
			msg[0] = '\0';
		fclose(f);
	}
	CHECK(strstr(msg, "the posts table needs a column post (岗位), and a "
	    "column end (结束时间) or shift (班次): its columns are 姓名, "
	    "开始时间") != NULL);
	sq_aliases_free(al);
	unit_scratch_done();
	UNIT_DONE();
}
