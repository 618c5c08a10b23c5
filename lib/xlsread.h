/*
 * xlsread.h — the rows of a legacy .xls sheet (BIFF5/8, Excel 97-2003 and
 * WPS), with FreeXL.
 *
 * FreeXL reads the compound file and gives each cell's value: text
 * (decoded from the workbook's code page to UTF-8), integers and doubles,
 * and dates, times and date-times by their format.  Numbers read as
 * General does (lib/numfmt.h): a phone stored as a number in full.  FreeXL
 * gives no other number formats, no hidden state and no merged ranges, so
 * --fill-merged does nothing here (said once).  An .xls holds at most
 * 65,536 rows of 256 columns, which FreeXL keeps in memory.
 */
#ifndef SQ_XLSREAD_H
#define SQ_XLSREAD_H

#include <stddef.h>

#include "bookread.h"
#include "record.h"

struct sq_xls;

struct sq_xls *sq_xls_open(const char *path, const char *file, size_t max_field);
const struct sq_book_sheet *sq_xls_sheets(const struct sq_xls *, size_t *n);
int	 sq_xls_select(struct sq_xls *, size_t i, const char *msgname);
int	 sq_xls_row(struct sq_xls *, struct sq_rec *);
void	 sq_xls_close(struct sq_xls *);

#endif
