/*
 * csvread.h — RFC 4180 records from physical lines, with libcsv.
 *
 * libcsv is fed one physical line at a time so every record knows the line
 * it starts on; lines without a quote take a fast path that splits on commas
 * and gives the same result.  libcsv's defaults are switched off where they
 * would change data: no trimming of spaces, strict quotes (a stray quote is a
 * rejected row, not a silently merged one), and lines end records only
 * outside quotes.  A quoted field that runs over several lines is accepted
 * only if the record it ends up in has the header's number of fields (or
 * the caller does not know it yet); otherwise, or at end of input, or past
 * the byte limit (--max-field; any number of lines), the quote is taken to be
 * unterminated: the first line is rejected and the lines after it are read
 * again as records of their own, so no row is swallowed.
 */
#ifndef SQ_CSVREAD_H
#define SQ_CSVREAD_H

#include <stddef.h>

#include "record.h"
#include "source.h"

struct sq_csv;

struct sq_csv *sq_csv_new(struct sq_source *, size_t max_record);
void	 sq_csv_free(struct sq_csv *);
/*
 * The next record into *rec (rec->line set).  expect_nf: the header's field
 * count, 0 while it is not known.  Returns SQ_READ_OK, SQ_READ_BAD (rec holds
 * the line as read in one field, rec->err why), SQ_READ_EOF or SQ_READ_IOERR.
 * Blank lines are skipped and counted in *blank.
 */
int	 sq_csv_next(struct sq_csv *, struct sq_rec *rec, size_t expect_nf,
	    long *blank);

enum { SQ_READ_IOERR = -1, SQ_READ_EOF = 0, SQ_READ_OK = 1, SQ_READ_BAD = 2 };

#endif
