/*
 * tables.c — reading the day's tables: columns, numbers in cells, rows.
 */
#include "report.h"

/* ---- tables ---------------------------------------------------------- */

/* First column named any of the NULL-terminated names, or -1. */
long
col_any(const struct sq_reader *r, const char *const *names)
{
	for (; *names; names++) {
		long c = sq_reader_col(r, *names);
		if (c >= 0)
			return c;
	}
	return -1;
}

struct sq_reader *
open_table(struct report *R, const char *path)
{
	struct sq_reader_opts o = R->c.in;

	o.aliases = R->aliases;
	o.canonical = 1;
	return sq_reader_open(path, &o);
}

/* A whole number in a cell; -1 (and a problem) when it is not one. */
long
num(const char *file, const struct sq_rec *rec, const struct sq_reader *r,
    long col)
{
	size_t n;
	const char *p = sq_rec_cell_trim(rec, col, &n);
	long v;

	if (col < 0)
		return -1;
	if (sq_long_parse(p, n, 0, 100000000, &v) == SQ_VAL_OK)
		return v;
	sq_problem(file, rec->line, "%s '%.*s': not a whole number",
	    sq_reader_rawname(r, (size_t)col), (int)(n > 40 ? 40 : n), p);
	return -1;
}

double
dnum(const char *file, const struct sq_rec *rec, const struct sq_reader *r,
    long col, int quiet_empty)
{
	size_t n;
	const char *p = sq_rec_cell_trim(rec, col, &n);
	double v;

	if (col < 0 || (n == 0 && quiet_empty))
		return NAN;
	if (sq_double_parse(p, n, &v) == SQ_VAL_OK && isfinite(v))
		return v;
	sq_problem(file, rec->line, "%s '%.*s': not a number",
	    sq_reader_rawname(r, (size_t)col), (int)(n > 40 ? 40 : n), p);
	return NAN;
}

/* Rows of a table, through fn; -1 if it cannot be read (exit 2). */
int
each_row(struct report *R, const char *path, int (*begin)(void *,
    const struct sq_reader *), void (*row)(void *, const struct sq_reader *,
    const struct sq_rec *), void *ctx)
{
	struct sq_reader *r = open_table(R, path);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	if (begin(ctx, r) < 0) {
		sq_reader_close(r);
		return -1;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		if (st == SQ_READ_BAD) {
			sq_problem(sq_reader_name(r), rec.line, "%s", rec.err);
			continue;
		}
		row(ctx, r, &rec);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}

int
need_cols(const struct sq_reader *r, const char *what, long *cols,
    size_t n, const char *const *names)
{
	for (size_t i = 0; i < n; i++)
		if (cols[i] < 0) {
			sq_error("%s: no '%s' column; is this %s?",
			    sq_reader_name(r), names[i], what);
			return -1;
		}
	return 0;
}
