/*
 * lines.h — the one reader of a rules file's lines (share/aliases.txt,
 * units.txt, sites.txt, a skills or keywords file, ...).
 *
 * Every rules file is read the same way: a line at a time with its number,
 * the line's end (LF or CRLF) and a UTF-8 byte order mark on the first line
 * dropped (Notepad and WPS save one), white space around it trimmed, blank
 * lines and lines starting with '#' skipped.  A NUL byte ends its line
 * (a rules file is text; the rest could not be a C string).  What a line says is the
 * caller's: only it knows its grammar and its message.
 *
 *	struct sq_lines l;
 *	if (sq_lines_open(&l, path) < 0) ... errno says why
 *	while ((p = sq_lines_next(&l, &n)) != NULL)
 *		... p[0, n) is line l.no, NUL-terminated, the caller's to change
 *	sq_lines_close(&l);
 */
#ifndef SQ_LINES_H
#define SQ_LINES_H

#include <stdio.h>

struct sq_lines {
	const char *path;
	long	 no;		/* the number of the line just given */
	FILE	*f;
	char	*buf;
	size_t	 cap;
};

/* 0, or -1 with errno set when PATH cannot be opened. */
int	 sq_lines_open(struct sq_lines *, const char *path);
/* The next line with something on it, trimmed; NULL at the end. */
char	*sq_lines_next(struct sq_lines *, size_t *len);
void	 sq_lines_close(struct sq_lines *);

/*
 * Is the line "[name]", a section heading?  1 with its name in
 * *name, *nlen; 0 when it is not one.
 */
int	 sq_lines_section(const char *p, size_t len, const char **name,
	    size_t *nlen);
/*
 * Which of names[0..n) the heading "[name]" on the line is: its index,
 * or -1 (not a heading, or one of none of them: a word like any other).
 */
int	 sq_lines_section_of(const char *p, size_t len,
	    const char *const *names, int n);

#endif
