/*
 * xlsxread.h — the rows of an .xlsx sheet: libzip for the container, expat
 * for the XML, streamed.
 *
 * Opening reads the small parts whole (the relationships, the workbook's
 * sheet list and date system, the styles' number formats) and the shared
 * strings, which every row may point into: memory grows with them, bounded
 * by SQ_BOOK_MAX_STRINGS, never with the rows.  A sheet is then parsed a
 * row at a time (expat suspends at each </row>), so a million rows take
 * the memory of one.  Each row comes as a record of its cells in column
 * order, gaps filled with empty cells, trailing ones not added; rec->line
 * is the sheet's row number.  Cells read as Excel shows them
 * (lib/numfmt.h): shared and inline strings, numbers by their format,
 * booleans as TRUE/FALSE, errors as #N/A etc., formulas by their saved
 * value.  The _xHHHH_ escapes of OOXML are decoded.
 *
 * Bounds: a cell or a row larger than max_field is a rejected row; an XML
 * token larger than max_field, a DTD (entities that expand: "billion
 * laughs"), a part that inflates past 1 GiB at more than 1000 times its
 * compressed size (a zip bomb) stop the reading with a message.
 */
#ifndef SQ_XLSXREAD_H
#define SQ_XLSXREAD_H

#include <stddef.h>

#include "bookread.h"
#include "record.h"

struct sq_xlsx;

/* file: the name for messages.  NULL (printed) if it cannot be read. */
struct sq_xlsx *sq_xlsx_open(const char *path, const char *file,
	    size_t max_field);
const struct sq_book_sheet *sq_xlsx_sheets(const struct sq_xlsx *, size_t *n);
/*
 * Start reading sheet i; msgname ("FILE:SHEET!") names its rows in
 * messages and must outlive the reading.  With merges, the sheet's merged
 * ranges are read first (they come after the rows in the XML: a pass of
 * their own).  0, or -1 (printed).
 */
int	 sq_xlsx_select(struct sq_xlsx *, size_t i, const char *msgname,
	    int merges);
const struct sq_book_range *sq_xlsx_merges(const struct sq_xlsx *, size_t *n);
/* SQ_READ_OK, SQ_READ_BAD (rec->err), SQ_READ_EOF or SQ_READ_IOERR. */
int	 sq_xlsx_row(struct sq_xlsx *, struct sq_rec *);
void	 sq_xlsx_close(struct sq_xlsx *);

#endif
