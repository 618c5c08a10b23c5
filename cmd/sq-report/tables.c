/*
 * tables.c — reading the day's tables: columns, numbers in cells, rows.
 */
#include "report.h"

/* ---- tables ---------------------------------------------------------- */

/*
 * The header aliases of one kind of table: those for every table and
 * those of SECTIONS in share/aliases.txt ("deliveries": the rounds table
 * of sq-rounds, in English or as its --zh names it), loaded once.  NULL
 * when there is no aliases.txt (a table in English needs none); -1 when
 * it cannot be read.
 */
static int
table_aliases(struct report *R, const char *sections,
    const struct sq_aliases **out)
{
	size_t i;

	*out = NULL;
	if (!R->have_aliases)
		return 0;
	for (i = 0; i < R->ntables; i++)
		if (strcmp(R->tables[i].sections, sections) == 0) {
			*out = R->tables[i].aliases;
			return 0;
		}
	if (i == sizeof(R->tables) / sizeof(R->tables[0]))
		sq_fatal("more kinds of table than sq-report keeps");
	R->c.tables = sections;
	struct sq_aliases *a = sq_load_aliases(&R->c);
	R->c.tables = "";
	if (a == NULL)
		return -1;
	R->tables[R->ntables].sections = sections;
	R->tables[R->ntables++].aliases = a;
	*out = a;
	return 0;
}

struct sq_reader *
open_table(struct report *R, const char *path, const char *sections)
{
	struct sq_reader_opts o = R->c.in;

	if (table_aliases(R, sections, &o.aliases) < 0)
		return NULL;
	o.canonical = 1;
	return sq_reader_open(path, &o);
}

/* The name of an input in messages: "-" is "stdin" (as the reader says). */
const char *
input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "stdin" : path;
}

/* A JSON document: the file, or standard input for "-". */
json_t *
read_json(const char *path, json_error_t *e)
{
	if (strcmp(path, "-") == 0)
		return json_loadf(stdin, 0, e);
	return json_load_file(path, 0, e);
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

/*
 * Rows of a table, through fn; -1 if it cannot be read (exit 2).  A row
 * that is not one (a short row) is rejected: said, and kept with -R.
 */
int
each_row(struct report *R, const char *path, const char *sections,
    int (*begin)(void *,
    const struct sq_reader *), void (*row)(void *, const struct sq_reader *,
    const struct sq_rec *), void *ctx)
{
	struct sq_reader *r = open_table(R, path, sections);
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
			sq_rejects_columns(R->rj, sq_reader_rawheader(r));
			sq_rejects_add(R->rj, sq_reader_name(r), &rec, rec.err);
			continue;
		}
		row(ctx, r, &rec);
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : 0;
}
