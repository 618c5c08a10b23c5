#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "rejects.h"

/* One table's rejects: one header, one file (or one block of a stream). */
struct rtable {
	char	*name;		/* NULL: the table of a one-table program */
	int	 k;		/* the k-th header seen under this name */
	struct sq_rec cols;	/* its header, then _file, _line, _error */
	struct sq_writer *w;	/* its file; NULL on a stream */
	long	 count;
};

struct sq_rejects {
	char	*path;		/* NULL: report and count only */
	int	 stream;	/* stdout or a device: one writer for all */
	struct sq_writer *probe; /* opened on FILE at once, so a path that
				   cannot be written fails before any output */
	struct rtable *t;
	size_t	 nt;
	long	 cur;		/* the table rows go to; -1: none yet */
	long	 shown;		/* on a stream: whose header was written last */
	long	 count;
	int	 failed;	/* a table's file could not be made */
	struct sq_rec row;
};

static const struct sq_writer_opts csv_opts = { .format = SQ_OUT_CSV };

struct sq_rejects *
sq_rejects_open(const char *path)
{
	struct sq_rejects *rj = sq_xcalloc(1, sizeof(*rj));
	struct stat st;

	sq_rec_init(&rj->row);
	rj->cur = rj->shown = -1;
	if (path == NULL)
		return rj;
	if ((rj->probe = sq_writer_open(path, &csv_opts)) == NULL) {
		free(rj);
		return NULL;
	}
	rj->path = sq_xstrdup(path);
	rj->stream = strcmp(path, "-") == 0 ||
	    (stat(path, &st) == 0 && !S_ISREG(st.st_mode));
	return rj;
}

/* FILE with -NAME (and -K) before its extension: rejects-posts.csv */
static char *
table_path(const char *path, const char *name, int k)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	size_t n = (size_t)(dot - path);
	char kbuf[24] = "";
	if (k > 1)
		snprintf(kbuf, sizeof(kbuf), "-%d", k);
	char *s = sq_xmalloc(strlen(path) + (name ? strlen(name) + 1 : 0) +
	    strlen(kbuf) + 1);
	memcpy(s, path, n);
	sprintf(s + n, "%s%s%s%s", name ? "-" : "", name ? name : "", kbuf,
	    dot);
	return s;
}

static int
same_name(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Its header is RAW (the _file, _line, _error after it)? */
static int
same_header(const struct rtable *t, const struct sq_rec *raw)
{
	size_t n = raw ? raw->nf : 0;
	if (t->cols.nf != n + 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (t->cols.len[i] != raw->len[i] ||
		    memcmp(sq_rec_get(&t->cols, i), sq_rec_get(raw, i),
		    raw->len[i]) != 0)
			return 0;
	return 1;
}

/* On a stream: a blank line, then the table's header, when it changes. */
static void
show(struct sq_rejects *rj, long i)
{
	if (!rj->stream || rj->shown == i)
		return;
	if (rj->shown >= 0)
		sq_writer_raw(rj->probe, "\n", 1);
	sq_writer_row(rj->probe, &rj->t[i].cols);
	rj->shown = i;
}

void
sq_rejects_table(struct sq_rejects *rj, const char *name,
    const struct sq_rec *raw)
{
	int k = 0;

	for (size_t i = 0; i < rj->nt; i++) {
		if (!same_name(rj->t[i].name, name))
			continue;
		if (raw == NULL || same_header(&rj->t[i], raw)) {
			rj->cur = (long)i;
			return;
		}
		k = rj->t[i].k;
	}
	rj->t = sq_xrealloc(rj->t, (rj->nt + 1) * sizeof(*rj->t));
	struct rtable *t = &rj->t[rj->nt];
	memset(t, 0, sizeof(*t));
	t->name = name ? sq_xstrdup(name) : NULL;
	t->k = k + 1;
	sq_rec_init(&t->cols);
	if (raw)
		sq_rec_copy(&t->cols, raw);
	sq_rec_push(&t->cols, "_file", 5);
	sq_rec_push(&t->cols, "_line", 5);
	sq_rec_push(&t->cols, "_error", 6);
	rj->cur = (long)rj->nt++;
	if (rj->path == NULL)
		return;
	if (rj->stream) {
		/* the first table's header at once, as a file has it */
		if (rj->shown < 0)
			show(rj, rj->cur);
		return;
	}
	if (name == NULL && t->k == 1 && rj->probe) {
		/* FILE itself: the writer opened on it */
		t->w = rj->probe;
		rj->probe = NULL;
	} else {
		char *p = table_path(rj->path, name, t->k);
		if ((t->w = sq_writer_open(p, &csv_opts)) == NULL)
			rj->failed = 1;	/* said; the run ends with status 2 */
		free(p);
	}
	if (t->w)
		sq_writer_header(t->w, &t->cols);
}

void
sq_rejects_columns(struct sq_rejects *rj, const struct sq_rec *raw)
{
	sq_rejects_table(rj, NULL, raw);
}

/* A cell as CSV (quoted when it must be), after the cells before it. */
static void
append_csv(struct sq_rec *row, const char *s, size_t n)
{
	int quote = 0;
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\t';
	if (!quote) {
		sq_rec_append(row, s, n);
		return;
	}
	sq_rec_append(row, "\"", 1);
	for (size_t i = 0; i < n; i++)
		sq_rec_append(row, s[i] == '"' ? "\"\"" : s + i,
		    s[i] == '"' ? 2 : 1);
	sq_rec_append(row, "\"", 1);
}

void
sq_rejects_add(struct sq_rejects *rj, const char *file, const struct sq_rec *rec,
    const char *why)
{
	char line[32];
	size_t width;

	rj->count++;
	/* a reason given as a literal is translated here; one built with
	 * sq_rec_seterr already was (and is not in the catalog) */
	why = sq_tr(why);
	sq_problem(file, rec->line, "%s", why);
	if (rj->cur < 0)
		sq_rejects_table(rj, NULL, NULL);
	struct rtable *t = &rj->t[rj->cur];
	t->count++;
	if (rj->path == NULL)
		return;
	/*
	 * The row as read, padded to its header.  A longer row keeps its
	 * extra cells in the last column, written as CSV (so they read back
	 * as they were: "a,b",c).
	 */
	width = t->cols.nf - 3;
	sq_rec_clear(&rj->row);
	for (size_t i = 0; i < rec->nf; i++) {
		const char *s = sq_rec_get(rec, i);
		if (width == 0 || i + 1 < width || (i + 1 == width &&
		    rec->nf == width))
			sq_rec_push(&rj->row, s, rec->len[i]);
		else if (i + 1 == width) {
			sq_rec_push(&rj->row, "", 0);
			append_csv(&rj->row, s, rec->len[i]);
		} else {
			sq_rec_append(&rj->row, ",", 1);
			append_csv(&rj->row, s, rec->len[i]);
		}
	}
	while (rj->row.nf < width)
		sq_rec_push(&rj->row, "", 0);
	snprintf(line, sizeof(line), "%ld", rec->line);
	sq_rec_push(&rj->row, file, strlen(file));
	sq_rec_push(&rj->row, line, strlen(line));
	sq_rec_push(&rj->row, why, strlen(why));
	if (rj->stream) {
		show(rj, rj->cur);
		sq_writer_row(rj->probe, &rj->row);
	} else if (t->w)
		sq_writer_row(t->w, &rj->row);
}

long
sq_rejects_count(const struct sq_rejects *rj)
{
	return rj->count;
}

long
sq_rejects_table_count(const struct sq_rejects *rj, const char *name)
{
	long n = 0;
	for (size_t i = 0; i < rj->nt; i++)
		if (same_name(rj->t[i].name, name))
			n += rj->t[i].count;
	return n;
}

static void
release(struct sq_rejects *rj)
{
	for (size_t i = 0; i < rj->nt; i++) {
		free(rj->t[i].name);
		sq_rec_free(&rj->t[i].cols);
	}
	free(rj->t);
	free(rj->path);
	sq_rec_free(&rj->row);
	free(rj);
}

int
sq_rejects_close(struct sq_rejects *rj)
{
	int rc = rj->failed ? -1 : 0;

	/* nothing read at all: FILE, with the three columns of its own */
	if (rj->path && rj->nt == 0)
		sq_rejects_table(rj, NULL, NULL);
	for (size_t i = 0; i < rj->nt; i++)
		if (rj->t[i].w && sq_writer_close(rj->t[i].w) < 0)
			rc = -1;
	if (rj->probe) {
		if (rj->stream) {
			if (sq_writer_close(rj->probe) < 0)
				rc = -1;
		} else	/* FILE was not one of the tables: leave it be */
			sq_writer_abort(rj->probe);
	}
	release(rj);
	return rc;
}

void
sq_rejects_abort(struct sq_rejects *rj)
{
	if (rj == NULL)
		return;
	for (size_t i = 0; i < rj->nt; i++)
		sq_writer_abort(rj->t[i].w);
	sq_writer_abort(rj->probe);
	release(rj);
}
