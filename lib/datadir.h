/*
 * datadir.h — where the running program's files are: its own directory,
 * and the data directory (share/: rules, wording, templates).
 *
 * The data directory is $SHEQU_DATADIR, else the installed one
 * (SQ_DATADIR) when it holds aliases.txt, else the build tree's share/
 * for a program run from build/bin before `make install`, else SQ_DATADIR.
 * A program's --datadir comes first (prog/opts.h, sq_datadir); the record
 * layer asks here for the files it reads itself (footers.txt).
 */
#ifndef SQ_DATADIR_H
#define SQ_DATADIR_H

#include <stddef.h>

/* The directory the running program is in, into buf; NULL when /proc does
 * not say. */
const char *sq_exe_dir(char *buf, size_t size);

/* The data directory, without a --datadir (static storage). */
const char *sq_share_dir(void);

#endif
