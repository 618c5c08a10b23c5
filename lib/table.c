/*
 * table.c — a table's columns, declared as data (see table.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "header.h"
#include "table.h"
#include "writer.h"

/* The column of NAME ("a|b": the first of a, b the table has), or -1. */
static long
find(const struct sq_reader *r, const char *name)
{
	const char *names[8];
	char buf[256];
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", name);
	for (char *save, *t = strtok_r(buf, "|", &save); t && n < 7;
	    t = strtok_r(NULL, "|", &save))
		names[n++] = t;
	names[n] = NULL;
	return sq_reader_col_any(r, names);
}

/* "start (开始时间)": the first of a|b, with the aliases' first name */
static void
say_col(struct sq_buf *b, const struct sq_reader *r, const char *name)
{
	size_t n = strcspn(name, "|");
	char canon[128];

	snprintf(canon, sizeof(canon), "%.*s", (int)n, name);
	const char *zh = sq_aliases_first(sq_reader_aliases(r), canon);
	if (zh && strcmp(zh, canon) != 0)
		sq_buf_printf(b, "%s (%s)", canon, zh);
	else
		sq_buf_adds(b, canon);
}

int
sq_table_cols(const struct sq_reader *r, const struct sq_col *cols,
    size_t n, long *col, const char *what)
{
	unsigned need = 0, met = 0;

	for (size_t i = 0; i < n; i++) {
		col[i] = find(r, cols[i].name);
		need |= cols[i].need;
		if (col[i] >= 0)
			met |= cols[i].need;
	}
	if ((need & ~met) == 0)
		return 0;

	struct sq_buf b;
	int clauses = 0;
	sq_buf_init(&b);
	for (unsigned bit = 1; bit && bit <= need; bit <<= 1) {
		if (!(need & bit & ~met))
			continue;
		sq_buf_adds(&b, clauses++ ? _(", and a column ") :
		    _("a column "));
		int alts = 0;
		for (size_t i = 0; i < n; i++)
			if (cols[i].need & bit) {
				if (alts++)
					sq_buf_adds(&b, _(" or "));
				say_col(&b, r, cols[i].name);
			}
	}
	sq_table_missing(r, what, b.s);
	sq_buf_free(&b);
	return -1;
}

void
sq_table_missing(const struct sq_reader *r, const char *what,
    const char *needs)
{
	struct sq_buf b;

	sq_buf_init(&b);
	for (size_t i = 0; i < sq_reader_ncols(r); i++)
		sq_buf_printf(&b, "%s%s", i ? ", " : "",
		    sq_reader_rawname(r, i));
	if (sq_reader_ncols(r) == 0)
		sq_buf_adds(&b, _("none"));
	sq_error("%s: %s needs %s: its columns are %s (one named otherwise: "
	    "add its name to share/aliases.txt)", sq_reader_name(r), what,
	    needs, b.s);
	sq_buf_free(&b);
}

int
sq_table_cols_or_empty(const struct sq_reader *r, const struct sq_col *cols,
    size_t n, long *col, const char *what)
{
	if (sq_reader_ncols(r) == 0) {
		for (size_t i = 0; i < n; i++)
			col[i] = -1;
		return 0;
	}
	return sq_table_cols(r, cols, n, col, what);
}

void
sq_table_push_names(struct sq_rec *h, const char *const *names, size_t n,
    const struct sq_aliases *zh)
{
	for (size_t i = 0; i < n; i++) {
		const char *z = zh ? sq_aliases_first(zh, names[i]) : NULL;
		const char *c = z ? z : names[i];
		sq_rec_push(h, c, strlen(c));
	}
}

void
sq_table_header(struct sq_writer *w, const char *const *names, size_t n,
    const struct sq_aliases *zh)
{
	struct sq_rec h;

	sq_rec_init(&h);
	sq_table_push_names(&h, names, n, zh);
	sq_writer_header(w, &h);
	sq_rec_free(&h);
}
