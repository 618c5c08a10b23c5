#define _GNU_SOURCE	/* tee(2): look at a pipe's first bytes */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bookread.h"
#include "csvread.h"
#include "diag.h"

static enum sq_book_kind
kind_of(const unsigned char *b, size_t n)
{
	if (n >= 4 && memcmp(b, "PK\3\4", 4) == 0)
		return SQ_BOOK_XLSX;
	if (n >= 4 && memcmp(b, "\xD0\xCF\x11\xE0", 4) == 0)
		return SQ_BOOK_XLS;
	return SQ_BOOK_NONE;
}

/*
 * The first bytes of a pipe, left in it: tee(2) copies them to a pipe of
 * our own without consuming them.  It hands out what is there, so a writer
 * that has sent fewer than four bytes yet is waited for.
 */
static size_t
peek_pipe(int fd, unsigned char *b, size_t want)
{
#ifdef __linux__
	int p[2];
	ssize_t n = 0;

	if (pipe(p) < 0)
		return 0;
	for (;;) {
		n = tee(fd, p[1], want, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || (size_t)n >= want)
			break;
		/* fewer bytes than asked: drain our copy, wait, ask again */
		if (read(p[0], b, (size_t)n) != n)
			break;
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	if (n > 0 && read(p[0], b, (size_t)n) != n)
		n = 0;
	close(p[0]);
	close(p[1]);
	return n > 0 ? (size_t)n : 0;
#else
	(void)fd, (void)b, (void)want;
	return 0;
#endif
}

int
sq_book_sniff(const char *path)
{
	unsigned char b[8];
	struct stat st;
	ssize_t n = 0;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = pread(fd, b, sizeof(b), 0);	/* stdin's offset stays */
	else if (fd == 0 && fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
		n = (ssize_t)peek_pipe(fd, b, 4);
	if (fd != 0)
		close(fd);
	return n > 0 ? kind_of(b, (size_t)n) : SQ_BOOK_NONE;
}

/* ---- not yet: the backends come behind this hook ---------------------- */

struct sq_book {
	char	*name;
};

struct sq_book *
sq_book_open(const char *path, enum sq_book_kind kind,
    const struct sq_book_opts *o)
{
	(void)o;
	sq_error("%s: a workbook (%s); this version cannot read it yet: save "
	    "it as CSV UTF-8 in Excel or WPS", strcmp(path, "-") ? path :
	    "stdin", kind == SQ_BOOK_XLS ? ".xls" : ".xlsx");
	return NULL;
}

int
sq_book_next(struct sq_book *b, struct sq_rec *rec, size_t expect_nf,
    long *blank)
{
	(void)b, (void)rec, (void)expect_nf, (void)blank;
	return SQ_READ_EOF;
}

const char *
sq_book_name(const struct sq_book *b)
{
	return b->name;
}

void
sq_book_close(struct sq_book *b)
{
	if (b == NULL)
		return;
	free(b->name);
	free(b);
}

int
sq_book_list(const char *path)
{
	sq_error("%s: cannot list the sheets of a workbook yet", path);
	return -1;
}
