/*
 * bookread.h — records from a workbook (.xlsx, .xls), for lib/reader.c.
 *
 * The reader asks sq_book_sniff() which kind of file a path is, by its first
 * bytes (a zip's "PK\3\4", OLE2's "\xD0\xCF\x11\xE0"), not by its name: a
 * downloaded export is often called "下载.csv" or has no suffix at all.  A
 * workbook is then read here instead of through lib/source.c and
 * lib/csvread.c, and hands the reader the same records: one per sheet row,
 * cells as Excel shows them, rec->line the sheet's own row number.  The
 * reader finds the header under title rows as it does for a CSV.
 *
 * sq_book_name() is "FILE:SHEET!", so messages read
 * "花名册.xlsx:花名册!12: ..." (lib/diag.c puts no colon after a '!').
 */
#ifndef SQ_BOOKREAD_H
#define SQ_BOOKREAD_H

#include <stddef.h>

#include "record.h"

enum sq_book_kind { SQ_BOOK_NONE = 0, SQ_BOOK_XLSX, SQ_BOOK_XLS };

struct sq_book_opts {
	const char *sheet;	/* name or 1-based number; NULL: the first */
	int	 fill_merged;	/* a merged range's value in each of its cells */
	size_t	 max_field;	/* bytes in one cell and in one record */
};

struct sq_book;

/*
 * What PATH ("-": standard input, a file or a pipe) holds: SQ_BOOK_NONE
 * (read it as text), a workbook kind, or -1 when it cannot be opened (the
 * text reader then says why).  Reads nothing a later open would miss.
 */
int	 sq_book_sniff(const char *path);
/* NULL (printed) when the workbook or the sheet cannot be read: exit 2. */
struct sq_book *sq_book_open(const char *path, enum sq_book_kind,
	    const struct sq_book_opts *);
/*
 * The next row, as lib/csvread.c's sq_csv_next(): SQ_READ_OK, SQ_READ_BAD
 * (rec->err says why), SQ_READ_EOF or SQ_READ_IOERR (printed).  Rows
 * shorter than expect_nf are padded with empty cells (a sheet does not
 * store empty cells at the end of a row); empty rows are counted in
 * *blank and skipped.
 */
int	 sq_book_next(struct sq_book *, struct sq_rec *, size_t expect_nf,
	    long *blank);
const char *sq_book_name(const struct sq_book *);
void	 sq_book_close(struct sq_book *);

/*
 * The sheets of the workbook at PATH, one line each on stdout:
 * number, tab, name, and "\t(hidden)" for a hidden one.  0, or -1 (printed).
 */
int	 sq_book_list(const char *path);

/* ---- what the backends (lib/xlsxread.c, lib/xlsread.c) hand over ----- */

struct sq_book_sheet {
	char	*name;
	int	 hidden;	/* hidden or "very hidden" */
	int	 chart;		/* a chart or dialog sheet: no cells */
};

/* A merged range: rows r1..r2 (1-based), columns c1..c2 (0-based). */
struct sq_book_range {
	long	 r1, r2;
	size_t	 c1, c2;
};

/* Bytes of a workbook's shared strings kept at most (and each cell's at
   most --max-field): what a zip bomb could make us hold is bounded. */
#define SQ_BOOK_MAX_STRINGS	((size_t)1 << 30)

#endif
