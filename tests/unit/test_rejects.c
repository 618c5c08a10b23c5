/*
 * test_rejects.c — lib/rejects.c: each table's rows in a file of its own,
 * under its own header, cells as read (issue 15 item 6).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "record.h"
#include "rejects.h"
#include "unit.h"

static char dir[] = "/tmp/sqrj.XXXXXX";

static void
rec(struct sq_rec *r, long line, const char *const *cells)
{
	sq_rec_clear(r);
	r->line = line;
	for (; *cells; cells++)
		sq_rec_push(r, *cells, strlen(*cells));
}

/* The file's bytes, or NULL when there is none. */
static char *
slurp(const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *buf = calloc(1, 65536);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
exists(const char *name)
{
	char path[256];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

int
main(void)
{
	struct sq_rec h, r;
	char path[256];
	char *s;

	if (mkdtemp(dir) == NULL)
		return 2;
	sq_diag_init("test_rejects");
	sq_diag_quiet(1);
	sq_rec_init(&h);
	sq_rec_init(&r);

	/* two tables: one file each, FILE itself not written */
	snprintf(path, sizeof(path), "%s/rej.csv", dir);
	struct sq_rejects *rj = sq_rejects_open(path);
	CHECK(rj != NULL);
	rec(&h, 1, (const char *[]){ "post", "start", NULL });
	sq_rejects_table(rj, "posts", &h);
	rec(&r, 3, (const char *[]){ "门岗", "25:00", NULL });
	sq_rejects_add(rj, "posts.csv", &r, "no such hour");
	rec(&h, 1, (const char *[]){ "vid", "name", "skills", NULL });
	sq_rejects_table(rj, "volunteers", &h);
	/* longer than its header: the extra cells, as CSV, in the last */
	rec(&r, 4, (const char *[]){ "V1", "甲", "医生,司机", "x\"y", NULL });
	sq_rejects_add(rj, "vol.csv", &r, "row has 4 fields");
	/* back to the posts after the volunteers were read */
	sq_rejects_table(rj, "posts", NULL);
	rec(&r, 5, (const char *[]){ "岗", NULL });
	sq_rejects_add(rj, "posts.csv", &r, "short");
	/* another header of the volunteers table: a file of its own */
	rec(&h, 1, (const char *[]){ "编号", "姓名", NULL });
	sq_rejects_table(rj, "volunteers", &h);
	rec(&r, 2, (const char *[]){ "V2", "乙", NULL });
	sq_rejects_add(rj, "vol2.csv", &r, "bad");
	/* the first header again: the first file */
	rec(&h, 1, (const char *[]){ "vid", "name", "skills", NULL });
	sq_rejects_table(rj, "volunteers", &h);
	CHECK_INT(sq_rejects_count(rj), 3 + 0 + 1);
	CHECK_INT(sq_rejects_table_count(rj, "posts"), 2);
	CHECK_INT(sq_rejects_table_count(rj, "volunteers"), 2);
	CHECK_INT(sq_rejects_table_count(rj, "events"), 0);
	CHECK_INT(sq_rejects_close(rj), 0);
	CHECK(!exists("rej.csv"));
	s = slurp("rej-posts.csv");
	CHECK_STR(s, "post,start,_file,_line,_error\n"
	    "门岗,25:00,posts.csv,3,no such hour\n"
	    "岗,,posts.csv,5,short\n");
	free(s);
	s = slurp("rej-volunteers.csv");
	CHECK_STR(s, "vid,name,skills,_file,_line,_error\n"
	    "V1,甲,\"\"\"医生,司机\"\",\"\"x\"\"\"\"y\"\"\",vol.csv,4,"
	    "row has 4 fields\n");
	free(s);
	s = slurp("rej-volunteers-2.csv");
	CHECK_STR(s, "编号,姓名,_file,_line,_error\nV2,乙,vol2.csv,2,bad\n");
	free(s);

	/* one table: FILE itself; a file of another header: FILE-2 */
	snprintf(path, sizeof(path), "%s/one", dir);
	rj = sq_rejects_open(path);
	rec(&h, 1, (const char *[]){ "a", "b", NULL });
	sq_rejects_columns(rj, &h);
	rec(&h, 1, (const char *[]){ "a", "b", NULL });
	sq_rejects_columns(rj, &h);	/* the same header: the same file */
	rec(&r, 2, (const char *[]){ "1", "2", NULL });
	sq_rejects_add(rj, "x.csv", &r, "r");
	rec(&h, 1, (const char *[]){ "c", NULL });
	sq_rejects_columns(rj, &h);
	CHECK_INT(sq_rejects_close(rj), 0);
	s = slurp("one");
	CHECK_STR(s, "a,b,_file,_line,_error\n1,2,x.csv,2,r\n");
	free(s);
	s = slurp("one-2");
	CHECK_STR(s, "c,_file,_line,_error\n");
	free(s);

	/* nothing read at all: FILE with the three columns */
	snprintf(path, sizeof(path), "%s/none.csv", dir);
	rj = sq_rejects_open(path);
	CHECK_INT(sq_rejects_close(rj), 0);
	s = slurp("none.csv");
	CHECK_STR(s, "_file,_line,_error\n");
	free(s);

	/* a dot in a folder's name is not an extension */
	if (mkdir(strcat(strcpy(path, dir), "/a.b"), 0700) == 0) {
		strcat(path, "/rej");
		rj = sq_rejects_open(path);
		rec(&h, 1, (const char *[]){ "x", NULL });
		sq_rejects_table(rj, "orders", &h);
		CHECK_INT(sq_rejects_close(rj), 0);
		s = slurp("a.b/rej-orders");
		CHECK_STR(s, "x,_file,_line,_error\n");
		free(s);
	}

	/* no path: counted only */
	rj = sq_rejects_open(NULL);
	rec(&h, 1, (const char *[]){ "x", NULL });
	sq_rejects_table(rj, "events", &h);
	rec(&r, 2, (const char *[]){ "1", NULL });
	sq_rejects_add(rj, "e.csv", &r, "r");
	CHECK_INT(sq_rejects_table_count(rj, "events"), 1);
	sq_rejects_abort(rj);

	sq_rec_free(&h);
	sq_rec_free(&r);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 2;
	UNIT_DONE();
}
