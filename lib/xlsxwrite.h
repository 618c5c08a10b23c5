/*
 * xlsxwrite.h — a table as an .xlsx workbook Excel cannot mangle, with
 * libxlsxwriter in its constant-memory mode (a row is written out when the
 * next one starts: memory is one row and the column widths, never the
 * table).  lib/writer.c hands its -o xlsx output here.
 *
 *  - Values stay what they are.  A column whose name says it holds keys
 *    (hh, phone, room, unit, building, IDs; 户号, 电话, 手机, 室, 单元, 楼,
 *    身份证, 编号 ...) is written as text cells, and so is any value that is
 *    not a plain short number (13800138000, 0502, 37.30, 1e5): a phone is
 *    never shown as 1.38E+10 and no leading zero is lost.  Plain numbers
 *    of at most 10 integer digits in other columns (a count, a temperature)
 *    are number cells, so they sort and add up.
 *  - The header is bold, frozen and filtered; columns are as wide as their
 *    longest value (CJK characters count twice), at most 60.
 *  - Follow-up lists: a row whose status (状态) is fever (发热) is red, a
 *    row whose urgent (加急, 紧急) is true, or whose category is urgent,
 *    is orange.
 *  - More rows than a sheet holds (1,048,576) go on in a second sheet,
 *    header repeated; a value longer than a cell holds (32,767 bytes) is
 *    cut at a character and said (exit 1).
 *
 * With a path the workbook is made beside it and renamed into place; to
 * standard output or a device it is made in $TMPDIR and copied (never to
 * a terminal).
 */
#ifndef SQ_XLSXWRITE_H
#define SQ_XLSXWRITE_H

#include <stddef.h>

#include "record.h"

struct sq_xlsxw;

/* path NULL or "-": standard output.  NULL (printed) on failure. */
struct sq_xlsxw *sq_xlsxw_open(const char *path);
void	 sq_xlsxw_header(struct sq_xlsxw *, const struct sq_rec *names);
void	 sq_xlsxw_row(struct sq_xlsxw *, const char *const *v, const size_t *len,
	    size_t n);
/* Write it out and put it in place: 0, or -1 (printed). */
int	 sq_xlsxw_close(struct sq_xlsxw *);
void	 sq_xlsxw_abort(struct sq_xlsxw *);

#endif
