/*
 * reader.h — a table from a file: CSV, NDJSON or a JSON array, any encoding
 * source.h reads, one record at a time with the line it started on.
 *
 * The header: CSV takes its header row (found below title rows, or the one
 * --header-line names); JSON takes the keys of the first object.  Duplicate
 * names are renamed "x_2" with a warning; empty ones "column_N".  With
 * `canonical`, names are mapped through the aliases to canonical names;
 * sq_reader_rawname() keeps the name as the file spells it, for messages.
 *
 * Records: sq_reader_next() returns SQ_READ_OK with a record of exactly
 * ncols fields, or SQ_READ_BAD with the row as read and rec->err saying why
 * (the caller writes it to the rejects file).  Blank rows, a repeated header
 * (two exports pasted together) and title rows above the header are skipped
 * and counted, never silently.
 */
#ifndef SQ_READER_H
#define SQ_READER_H

#include <stddef.h>

#include "csvread.h"
#include "header.h"
#include "record.h"
#include "source.h"

/* SQ_IN_BOOK: a workbook, .xlsx or .xls (lib/bookread.h); AUTO finds one
   by its first bytes, whatever the file is called */
enum sq_ifmt { SQ_IN_AUTO = 0, SQ_IN_CSV, SQ_IN_JSON, SQ_IN_BOOK };

struct sq_reader_opts {
	enum sq_ifmt format;
	enum sq_enc encoding;
	long	 header_line;	/* 0: find it */
	size_t	 max_field;	/* bytes in one record; 0: default */
	int	 ragged;	/* pad short rows instead of rejecting them */
	const struct sq_aliases *aliases;	/* for finding the header */
	int	 canonical;	/* rename columns through the aliases */
	int	 readahead;	/* SQ_READAHEAD_*: a thread reads ahead */
	const char *sheet;	/* a workbook's sheet, name or number */
	int	 fill_merged;	/* a workbook's merged cells all hold the value */
	int	 allow_empty;	/* an empty file is no problem (else exit 1) */
	const char *datadir;	/* of footers.txt; NULL: sq_share_dir() */
};

/*
 * Read ahead in a second thread: AUTO does for a CSV file (not a pipe) of
 * 256 KB or more when the address space is not limited (ulimit -v), and
 * the environment can say (SHEQU_READAHEAD=0 never, =1 for any file).
 * The records, messages and exit status are the same either way, and so
 * are the counts of sq_reader_stats after each record.
 */
enum { SQ_READAHEAD_AUTO = 0, SQ_READAHEAD_ON, SQ_READAHEAD_OFF };

struct sq_reader_stats {
	long	 rows;		/* data rows handed out: ok + bad */
	long	 bad;		/* of which rejected by the reader */
	long	 blank;		/* blank lines and rows skipped */
	long	 titles;	/* lines above the header skipped */
	long	 headers;	/* repeated header rows skipped */
};

struct sq_reader;

#define SQ_MAX_FIELD_DEFAULT	((size_t)64 << 20)

struct sq_reader *sq_reader_open(const char *path, const struct sq_reader_opts *);
int	 sq_reader_next(struct sq_reader *, struct sq_rec *);
/*
 * Work on each record done where it is read: on the reading thread when
 * there is one, so the two cores share a program's work too.  fn(ctx, rec,
 * status, out) is called once per record sq_reader_next() will give, in
 * order, and fills out (size bytes); sq_reader_prepared() is then that
 * record's out, valid until the next sq_reader_next().  fn runs beside the
 * caller: it says nothing, and reads only what the caller no longer
 * changes.  Call before the first sq_reader_next().
 */
void	 sq_reader_prepare(struct sq_reader *,
	    void (*fn)(void *ctx, const struct sq_rec *, int status, void *out),
	    void *ctx, size_t size);
void	*sq_reader_prepared(const struct sq_reader *);
/*
 * The same, with the work shared: fn may also run on the caller's thread,
 * on the records the reading thread has not reached, so neither core
 * waits for the other.  The reading thread calls fn(ctx, ...), the
 * caller's fn(ctx_caller, ...), at the same time on different records: a
 * cache fn keeps goes in each context, never in what both see.
 */
void	 sq_reader_prepare_shared(struct sq_reader *,
	    void (*fn)(void *ctx, const struct sq_rec *, int status, void *out),
	    void *ctx, void *ctx_caller, size_t size);
void	 sq_reader_close(struct sq_reader *);

const char *sq_reader_name(const struct sq_reader *);
size_t	 sq_reader_ncols(const struct sq_reader *);
const char *sq_reader_colname(const struct sq_reader *, size_t);
const char *sq_reader_rawname(const struct sq_reader *, size_t);
/* Column index of a (canonical) name, or -1. */
long	 sq_reader_col(const struct sq_reader *, const char *name);
/*
 * The first of the NULL-ended NAMES a column has, or -1: a table may name
 * its key more ways than one ("site", "building").  Each name is looked up
 * as written, then in the header's normalized form (sq_header_norm: "X" or
 * "Ｘ" for x), as the aliases compare.
 */
long	 sq_reader_col_any(const struct sq_reader *, const char *const *names);
/* The aliases the reader was opened with (NULL if none). */
const struct sq_aliases *sq_reader_aliases(const struct sq_reader *);
/* The header as a record (names as used), e.g. for a writer. */
const struct sq_rec *sq_reader_header(const struct sq_reader *);
/* The header as the file spells it. */
const struct sq_rec *sq_reader_rawheader(const struct sq_reader *);
long	 sq_reader_header_lineno(const struct sq_reader *);
const struct sq_reader_stats *sq_reader_stats(const struct sq_reader *);
enum sq_enc sq_reader_encoding(const struct sq_reader *);
int	 sq_reader_is_json(const struct sq_reader *);
int	 sq_reader_is_book(const struct sq_reader *);

#endif
