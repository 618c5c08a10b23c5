#define _GNU_SOURCE	/* tee(2): look at a pipe's first bytes */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <strings.h>

#include "bookread.h"
#include "buf.h"
#include "csvread.h"
#include "diag.h"
#include "magic.h"
#include "reader.h"
#include "text.h"
#include "xlsread.h"
#include "xlsxread.h"

static enum sq_book_kind
kind_of(const unsigned char *b, size_t n)
{
	if (n >= 4 && memcmp(b, "PK\3\4", 4) == 0)
		return SQ_BOOK_XLSX;
	if (n >= 4 && memcmp(b, "\xD0\xCF\x11\xE0", 4) == 0)
		return SQ_BOOK_XLS;
	return SQ_BOOK_NONE;
}

int
sq_book_sniff(const char *path)
{
	unsigned char b[8];
	ssize_t n = sq_magic_peek(path, b, 4);

	if (n < 0)
		return -1;
	return n > 0 ? kind_of(b, (size_t)n) : SQ_BOOK_NONE;
}

/* ---- a workbook ------------------------------------------------------- */

/* A merged range being filled, with the value of its first cell. */
struct fill {
	const struct sq_book_range *g;
	char	*val;
	size_t	 len;
};

struct sq_book {
	enum sq_book_kind kind;
	struct sq_xlsx *xlsx;
	struct sq_xls *xls;
	char	*name;			/* "FILE:SHEET!" */
	char	*spool;			/* stdin copied here, removed at close */
	/* --fill-merged */
	struct sq_book_range *merges;	/* by first row */
	size_t	 nmerges, next;
	struct fill *active;
	size_t	 nactive;
	struct sq_rec tmp;
};

/* A pipe cannot be read twice or from its end: copy it to a file. */
static char *
spool_stdin(void)
{
	const char *dir = getenv("TMPDIR");
	char *path = sq_xmalloc(strlen(dir && *dir ? dir : "/tmp") + 32);
	char buf[65536];
	ssize_t n;
	int fd;

	sprintf(path, "%s/sq-book.XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		sq_error("stdin: cannot copy the workbook to %s: %s", path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	for (;;) {
		n = read(0, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t o = 0; o < n;) {
			ssize_t w = write(fd, buf + o, (size_t)(n - o));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				n = -1;
				break;
			}
			o += w;
		}
		if (n < 0)
			break;
	}
	if (n < 0 || close(fd) < 0) {
		sq_error("stdin: cannot copy the workbook to %s: %s", path,
		    strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

static const struct sq_book_sheet *
sheets(const struct sq_book *b, size_t *n)
{
	if (b->xlsx)
		return sq_xlsx_sheets(b->xlsx, n);
	return sq_xls_sheets(b->xls, n);
}

/* Open the workbook itself: the sheet is chosen after. */
static struct sq_book *
book_open(const char *path, enum sq_book_kind kind, size_t max_field)
{
	struct sq_book *b = sq_xcalloc(1, sizeof(*b));
	const char *file = strcmp(path, "-") == 0 ? "stdin" : path;
	const char *real = path;

	b->kind = kind;
	sq_rec_init(&b->tmp);
	if (strcmp(path, "-") == 0) {
		struct stat st;
		if (fstat(0, &st) == 0 && S_ISREG(st.st_mode))
			real = "/dev/stdin";
		else if ((b->spool = spool_stdin()) == NULL) {
			free(b);
			return NULL;
		} else
			real = b->spool;
	}
	if (kind == SQ_BOOK_XLSX)
		b->xlsx = sq_xlsx_open(real, file, max_field);
	else
		b->xls = sq_xls_open(real, file, max_field);
	if (b->xlsx == NULL && b->xls == NULL) {
		sq_book_close(b);
		return NULL;
	}
	return b;
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The sheet's index, or -1 (printed) with the sheets there are. */
static long
pick(const struct sq_book *b, const char *file, const char *want)
{
	size_t n;
	const struct sq_book_sheet *s = sheets(b, &n);
	long i = -1;

	if (want == NULL) {
		/* the first a person sees: hidden sheets hold lookup lists */
		for (size_t k = 0; k < n && i < 0; k++)
			if (!s[k].hidden && !s[k].chart)
				i = (long)k;
		for (size_t k = 0; k < n && i < 0; k++)
			if (!s[k].chart)
				i = (long)k;
		if (i < 0) {
			sq_error("%s: the workbook has no sheet with cells", file);
			return -1;
		}
		return i;
	}
	for (size_t k = 0; k < n && i < 0; k++)
		if (strcmp(s[k].name, want) == 0)
			i = (long)k;
	if (i < 0 && all_digits(want)) {
		unsigned long v = strtoul(want, NULL, 10);
		if (v >= 1 && v <= n)
			i = (long)v - 1;
	}
	for (size_t k = 0; k < n && i < 0; k++) {
		/* " 花名册 " for 花名册, Sheet1 for sheet1 */
		const char *p = s[k].name, *w = want;
		size_t pl = sq_trim(&p, strlen(p)), wl = sq_trim(&w, strlen(w));
		if (pl == wl && strncasecmp(p, w, wl) == 0)
			i = (long)k;
	}
	if (i < 0) {
		struct sq_buf names;
		sq_buf_init(&names);
		for (size_t k = 0; k < n; k++)
			sq_buf_printf(&names, "%s%zu %s", k ? ", " : "", k + 1,
			    s[k].name);
		sq_error("%s: no sheet '%s'; the sheets are: %s", file, want,
		    n ? names.s : "(none)");
		sq_buf_free(&names);
		return -1;
	}
	if (s[i].chart) {
		sq_error("%s: sheet '%s' is a chart, not a table", file,
		    s[i].name);
		return -1;
	}
	return i;
}

static int
by_first_row(const void *pa, const void *pb)
{
	const struct sq_book_range *a = pa, *b = pb;

	if (a->r1 != b->r1)
		return a->r1 < b->r1 ? -1 : 1;
	return a->c1 < b->c1 ? -1 : a->c1 > b->c1;
}

struct sq_book *
sq_book_open(const char *path, enum sq_book_kind kind,
    const struct sq_book_opts *o)
{
	const char *file = strcmp(path, "-") == 0 ? "stdin" : path;
	struct sq_book *b = book_open(path, kind, o->max_field);
	long i;

	if (b == NULL)
		return NULL;
	if ((i = pick(b, file, o->sheet)) < 0) {
		sq_book_close(b);
		return NULL;
	}
	size_t n;
	const struct sq_book_sheet *s = sheets(b, &n);
	b->name = sq_xmalloc(strlen(file) + strlen(s[i].name) + 3);
	sprintf(b->name, "%s:%s!", file, s[i].name);
	int rc;
	if (b->xlsx) {
		rc = sq_xlsx_select(b->xlsx, (size_t)i, b->name, o->fill_merged);
		if (rc == 0 && o->fill_merged) {
			const struct sq_book_range *g = sq_xlsx_merges(b->xlsx,
			    &b->nmerges);
			b->merges = sq_xcalloc(b->nmerges + 1, sizeof(*g));
			if (b->nmerges)
				memcpy(b->merges, g, b->nmerges * sizeof(*g));
			qsort(b->merges, b->nmerges, sizeof(*g), by_first_row);
			b->active = sq_xcalloc(b->nmerges + 1, sizeof(*b->active));
		}
	} else {
		rc = sq_xls_select(b->xls, (size_t)i, b->name);
		if (rc == 0 && o->fill_merged)
			sq_warn(b->name, 0, "--fill-merged: an .xls does not say "
			    "which cells are merged (FreeXL); cells below a "
			    "merged one stay empty (save it as .xlsx to fill "
			    "them)");
	}
	if (rc < 0) {
		sq_book_close(b);
		return NULL;
	}
	return b;
}

/*
 * --fill-merged: each cell of a merged range gets the value of its first
 * cell (a 楼号 merged down ten rows is on each of them).  Ranges are taken
 * in order of their first row and dropped after their last, so a row looks
 * only at the ranges over it.
 */
static void
fill_row(struct sq_book *b, struct sq_rec *rec)
{
	long r = rec->line;
	size_t k = 0, width = rec->nf;

	while (b->next < b->nmerges && b->merges[b->next].r1 <= r) {
		const struct sq_book_range *g = &b->merges[b->next++];
		struct fill *f = &b->active[b->nactive++];
		size_t len = 0;
		const char *v = g->r1 == r ? sq_rec_at(rec, g->c1, &len) : "";
		f->g = g;
		f->val = sq_xstrndup(v, len);
		f->len = len;
	}
	for (size_t i = 0; i < b->nactive; i++) {
		if (b->active[i].g->r2 < r) {
			free(b->active[i].val);
			continue;
		}
		b->active[k++] = b->active[i];
		if (b->active[i].len && b->active[i].g->c2 + 1 > width)
			width = b->active[i].g->c2 + 1;
	}
	b->nactive = k;
	if (k == 0)
		return;
	sq_rec_clear(&b->tmp);
	for (size_t c = 0; c < width; c++) {
		size_t len;
		const char *v = sq_rec_at(rec, c, &len);
		for (size_t i = 0; len == 0 && i < b->nactive; i++) {
			const struct fill *f = &b->active[i];
			if (c >= f->g->c1 && c <= f->g->c2) {
				v = f->val;
				len = f->len;
			}
		}
		sq_rec_push(&b->tmp, v, len);
	}
	long line = rec->line;
	sq_rec_copy(rec, &b->tmp);
	rec->line = line;
}

int
sq_book_next(struct sq_book *b, struct sq_rec *rec, size_t expect_nf,
    long *blank)
{
	for (;;) {
		int st = b->xlsx ? sq_xlsx_row(b->xlsx, rec) :
		    sq_xls_row(b->xls, rec);
		if (st != SQ_READ_OK)
			return st;
		if (b->merges)
			fill_row(b, rec);
		if (sq_rec_blank(rec)) {
			(*blank)++;
			continue;
		}
		while (rec->nf < expect_nf)
			sq_rec_push(rec, "", 0);
		return st;
	}
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
	sq_xlsx_close(b->xlsx);
	sq_xls_close(b->xls);
	if (b->spool) {
		unlink(b->spool);
		free(b->spool);
	}
	for (size_t i = 0; i < b->nactive; i++)
		free(b->active[i].val);
	free(b->active);
	free(b->merges);
	sq_rec_free(&b->tmp);
	free(b->name);
	free(b);
}

int
sq_book_list(const char *path)
{
	int kind = sq_book_sniff(path);
	const char *file = strcmp(path, "-") == 0 ? "stdin" : path;

	if (kind <= 0) {
		if (kind < 0)
			sq_error("%s: cannot open: %s", file, strerror(errno));
		else
			sq_error("%s: not a workbook (.xlsx or .xls)", file);
		return -1;
	}
	struct sq_book *b = book_open(path, kind, SQ_MAX_FIELD_DEFAULT);
	if (b == NULL)
		return -1;
	size_t n;
	const struct sq_book_sheet *s = sheets(b, &n);
	for (size_t i = 0; i < n; i++)
		printf("%zu\t%s%s\n", i + 1, s[i].name, s[i].chart ? "\t(chart)" :
		    s[i].hidden ? "\t(hidden)" : "");
	sq_book_close(b);
	return 0;
}
