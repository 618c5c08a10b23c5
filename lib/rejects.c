#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "rejects.h"

struct sq_rejects {
	struct sq_writer *w;
	struct sq_rec cols;
	int	 have_cols;
	long	 count;
	struct sq_rec row;
};

struct sq_rejects *
sq_rejects_open(const char *path)
{
	struct sq_rejects *rj = sq_xcalloc(1, sizeof(*rj));
	struct sq_writer_opts wo = { .format = SQ_OUT_CSV };

	sq_rec_init(&rj->cols);
	sq_rec_init(&rj->row);
	if (path && (rj->w = sq_writer_open(path, &wo)) == NULL) {
		free(rj);
		return NULL;
	}
	return rj;
}

void
sq_rejects_columns(struct sq_rejects *rj, const struct sq_rec *raw)
{
	if (rj->have_cols)
		return;
	rj->have_cols = 1;
	sq_rec_copy(&rj->cols, raw);
	sq_rec_push(&rj->cols, "_file", 5);
	sq_rec_push(&rj->cols, "_line", 5);
	sq_rec_push(&rj->cols, "_error", 6);
	if (rj->w)
		sq_writer_header(rj->w, &rj->cols);
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
	if (rj->w == NULL)
		return;
	if (!rj->have_cols) {
		struct sq_rec none;
		sq_rec_init(&none);
		sq_rejects_columns(rj, &none);
		sq_rec_free(&none);
	}
	/*
	 * The row as read, padded to the columns.  A longer row keeps its
	 * extra cells in the last column, joined by commas as they were.
	 */
	width = rj->cols.nf - 3;
	sq_rec_clear(&rj->row);
	for (size_t i = 0; i < rec->nf; i++) {
		if (width > 0 && i >= width) {
			sq_rec_append(&rj->row, ",", 1);
			sq_rec_append(&rj->row, sq_rec_get(rec, i), rec->len[i]);
		} else
			sq_rec_push(&rj->row, sq_rec_get(rec, i), rec->len[i]);
	}
	while (rj->row.nf < width)
		sq_rec_push(&rj->row, "", 0);
	snprintf(line, sizeof(line), "%ld", rec->line);
	sq_rec_push(&rj->row, file, strlen(file));
	sq_rec_push(&rj->row, line, strlen(line));
	sq_rec_push(&rj->row, why, strlen(why));
	sq_writer_row(rj->w, &rj->row);
}

long
sq_rejects_count(const struct sq_rejects *rj)
{
	return rj->count;
}

static void
release(struct sq_rejects *rj)
{
	sq_rec_free(&rj->cols);
	sq_rec_free(&rj->row);
	free(rj);
}

int
sq_rejects_close(struct sq_rejects *rj)
{
	int rc = 0;

	if (rj->w) {
		if (!rj->have_cols) {
			struct sq_rec none;
			sq_rec_init(&none);
			sq_rejects_columns(rj, &none);
			sq_rec_free(&none);
		}
		rc = sq_writer_close(rj->w);
	}
	release(rj);
	return rc;
}

void
sq_rejects_abort(struct sq_rejects *rj)
{
	if (rj == NULL)
		return;
	sq_writer_abort(rj->w);
	release(rj);
}
