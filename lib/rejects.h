/*
 * rejects.h — where rejected rows go, so that no row is ever lost.
 *
 * Every rejected row is reported on stderr as FILE:LINE: why, and, with
 * --rejects FILE, written there as read (in CSV, bytes verbatim) with three
 * more columns: _file, _line and _error.  The columns are those of the
 * first input's header.
 */
#ifndef SQ_REJECTS_H
#define SQ_REJECTS_H

#include "reader.h"
#include "writer.h"

struct sq_rejects;

/* path NULL: report and count only.  NULL return: could not open (printed). */
struct sq_rejects *sq_rejects_open(const char *path);
/* The columns, from the first input read (later calls are ignored). */
void	 sq_rejects_columns(struct sq_rejects *, const struct sq_rec *rawheader);
/* Report and keep one rejected row from FILE. */
void	 sq_rejects_add(struct sq_rejects *, const char *file,
	    const struct sq_rec *rec, const char *why);
long	 sq_rejects_count(const struct sq_rejects *);
/* Write it out (atomically).  0, or -1 (printed). */
int	 sq_rejects_close(struct sq_rejects *);
void	 sq_rejects_abort(struct sq_rejects *);

#endif
