/*
 * afile.h — a file written through stdio, put in place atomically: the text
 * goes to a temporary file beside PATH, renamed over it only when complete
 * (sheets, maps: files a program writes with fprintf rather than as a table
 * through writer.h, which does the same for its own output).
 */
#ifndef SQ_AFILE_H
#define SQ_AFILE_H

#include <stdio.h>

struct sq_afile {
	FILE	*fp;		/* write here */
	char	*path, *tmp;
};

/* 0, or -1 with the reason printed (exit 2 in practice). */
int	 sq_afile_open(struct sq_afile *, const char *path);
/* Flush, check, rename into place; on any error remove the temporary. */
int	 sq_afile_close(struct sq_afile *);

#endif
