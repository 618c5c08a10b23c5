/*
 * rejects.h — where rejected rows go, so that no row is ever lost.
 *
 * Every rejected row is reported on stderr as FILE:LINE: why, and, with
 * --rejects FILE, written there as read (in CSV, each cell's bytes
 * verbatim) under its own table's header, with three more columns:
 * _file, _line and _error.
 *
 * Each table has a file of its own, so that every file is one table that
 * Miller, xsv or sq-cat reads back as it is:
 *   - a program that names its tables (sq_rejects_table: "volunteers",
 *     "posts") writes each to FILE with -TABLE before the extension:
 *     rejects.csv -> rejects-volunteers.csv, rejects-posts.csv;
 *   - a program of one table (sq_rejects_columns) writes FILE itself;
 *   - a later input of the same table under another header (check-in
 *     exports of two forms) goes to a file of its own: -TABLE-2, FILE-2 ...
 * Every table declared gets its file, a header only when nothing was
 * rejected, so a rerun leaves no stale rows.  On standard output ("-") or
 * a device the tables follow one another in one stream, each block after
 * a blank line and its header (Miller's csvlite reads that back).
 */
#ifndef SQ_REJECTS_H
#define SQ_REJECTS_H

#include "reader.h"
#include "writer.h"

struct sq_rejects;

/* path NULL: report and count only.  NULL return: could not open (printed). */
struct sq_rejects *sq_rejects_open(const char *path);
/*
 * The rows added from now on are of TABLE (a plain word: "checkins"),
 * whose header as the file spells it is RAWHEADER (sq_reader_rawheader).
 * RAWHEADER NULL: back to the table of that name seen first (its rows
 * come after another table was read).
 */
void	 sq_rejects_table(struct sq_rejects *, const char *table,
	    const struct sq_rec *rawheader);
/* The same for a program of one table: its rows go to FILE itself. */
void	 sq_rejects_columns(struct sq_rejects *, const struct sq_rec *rawheader);
/* Report and keep one rejected row from FILE, under the current table. */
void	 sq_rejects_add(struct sq_rejects *, const char *file,
	    const struct sq_rec *rec, const char *why);
long	 sq_rejects_count(const struct sq_rejects *);
/* The rows rejected of one table (NULL: of the unnamed one). */
long	 sq_rejects_table_count(const struct sq_rejects *, const char *table);
/* Write them out (atomically, each file).  0, or -1 (printed). */
int	 sq_rejects_close(struct sq_rejects *);
void	 sq_rejects_abort(struct sq_rejects *);

#endif
