#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "text.h"
#include "xlsxwrite.h"

#define CELL_MAX	32767		/* bytes Excel keeps in a cell */
#define WIDTH_MAX	60

enum { PLAIN, FEVER, URGENT, NLOOK };

struct sq_xlsxw {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	char	*path;		/* where it goes; NULL: copied to fd */
	char	*name;		/* for messages: the path, or "stdout" */
	char	*tmp;		/* where libxlsxwriter writes it */
	int	 fd;		/* standard output or a device, or -1 */
	char	 sheetname[LXW_SHEETNAME_MAX * 4 + 1];
	int	 sheets;
	lxw_format *head, *text[NLOOK], *num[NLOOK];
	struct sq_rec names;
	size_t	 ncols;
	unsigned char *textcol;	/* 1: a key column, always text */
	double	*width;
	long	 row;		/* the next row of this sheet (0: header) */
	long	 rows;		/* data rows written in all */
	long	 status_col, urgent_col, category_col;
	int	 failed;
	char	*scratch;
	size_t	 scratchcap;
};

/* ---- which columns hold keys ------------------------------------------ */

static int
key_column(const char *name)
{
	static const char *const exact[] = {
		"hh", "phone", "tel", "mobile", "room", "unit", "building",
		"id", "vid", "rid", "order", "idcard", "id_number", "post",
		"site", "household", "address", "zip", "postcode",
	};
	static const char *const part[] = {
		"phone", "_id", "户号", "户编号", "楼", "栋", "幢", "单元", "室",
		"房", "门牌", "电话", "手机", "联系方式", "身份证", "证件",
		"编号", "工号", "学号", "号码", "地址", "邮编", "id_",
	};
	const char *p = name;
	size_t n = sq_trim(&p, strlen(name));

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strlen(exact[i]) == n && strncasecmp(p, exact[i], n) == 0)
			return 1;
	for (size_t i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		size_t k = strlen(part[i]);
		for (const char *q = name; *q; q++)
			if (strncasecmp(q, part[i], k) == 0)
				return 1;
	}
	return 0;
}

/*
 * A plain short number, written as a number cell: -?(0|[1-9]d{0,9})
 * (.d{0,5}[1-9])?  Nothing Excel would show differently from the text.
 */
static int
plain_number(const char *s, size_t n)
{
	size_t i = 0, intd = 0, dec = 0;

	if (n && s[0] == '-')
		i++;
	if (i == n || s[i] < '0' || s[i] > '9')
		return 0;
	if (s[i] == '0' && i + 1 < n && s[i + 1] != '.')
		return 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		intd++;
	if (intd > 10)
		return 0;
	if (i < n) {
		if (s[i++] != '.' || i == n || s[n - 1] == '0')
			return 0;
		for (; i < n; i++, dec++)
			if (s[i] < '0' || s[i] > '9')
				return 0;
		if (dec > 6)
			return 0;
	}
	/* "-0" and "-0.0..." are not what Excel would show */
	return !(s[0] == '-' && intd == 1 && s[1] == '0' && dec == 0);
}

/* Display width: a CJK or full-width character takes two columns. */
static double
text_width(const char *s, size_t n)
{
	double w = 0;

	for (size_t i = 0; i < n && w < WIDTH_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80)
			w += 1;
		else if (c >= 0xE0)
			w += c >= 0xE2 ? 2 : 1;	/* lead byte: the char */
		else if (c >= 0xC0)
			w += 1;
	}
	return w;
}

static int
truthy(const char *s, size_t n)
{
	static const char *const yes[] = { "true", "yes", "y", "1", "是",
	    "有", "√", "urgent", "紧急", "加急" };
	const char *p = s;

	n = sq_trim(&p, n);
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strlen(yes[i]) == n && strncasecmp(p, yes[i], n) == 0)
			return 1;
	return 0;
}

static long
find_col(const struct sq_rec *names, const char *const *want)
{
	for (size_t i = 0; i < names->nf; i++)
		for (size_t k = 0; want[k]; k++)
			if (strcasecmp(sq_rec_get(names, i), want[k]) == 0)
				return (long)i;
	return -1;
}

/* ---- the workbook ------------------------------------------------------- */

static lxw_format *
look(lxw_workbook *wb, int kind, int text)
{
	lxw_format *f = workbook_add_format(wb);

	if (text)
		format_set_num_format(f, "@");
	if (kind == FEVER) {
		format_set_bg_color(f, 0xFFC7CE);
		format_set_font_color(f, 0x9C0006);
	} else if (kind == URGENT) {
		format_set_bg_color(f, 0xFFEB9C);
		format_set_font_color(f, 0x9C5700);
	}
	return f;
}

/* The sheet's name: the file's, less its suffix and what Excel forbids. */
static void
sheet_name(struct sq_xlsxw *x, const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	size_t o = 0, chars = 0;

	base = base ? base + 1 : path;
	if (base == NULL || *base == '\0' || strcmp(base, "-") == 0)
		base = "Sheet1";
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	for (size_t i = 0; i < n && chars < LXW_SHEETNAME_MAX - 4; i++) {
		unsigned char c = (unsigned char)base[i];
		if ((c & 0xC0) != 0x80)
			chars++;
		x->sheetname[o++] = strchr("[]:*?/\\'", c) ? '_' : (char)c;
	}
	x->sheetname[o] = '\0';
	if (o == 0)
		strcpy(x->sheetname, "Sheet1");
}

static int
new_sheet(struct sq_xlsxw *x)
{
	char name[sizeof(x->sheetname) + 16];

	if (x->sheets++ == 0)
		snprintf(name, sizeof(name), "%s", x->sheetname);
	else
		snprintf(name, sizeof(name), "%s (%d)", x->sheetname, x->sheets);
	x->ws = workbook_add_worksheet(x->wb, name);
	if (x->ws == NULL)
		return -1;
	x->row = 0;
	return 0;
}

struct sq_xlsxw *
sq_xlsxw_open(const char *path)
{
	struct sq_xlsxw *x = sq_xcalloc(1, sizeof(*x));
	struct stat st;
	int fd;

	x->fd = -1;
	sq_rec_init(&x->names);
	x->name = sq_xstrdup(path && strcmp(path, "-") ? path : "stdout");
	if (path == NULL || strcmp(path, "-") == 0) {
		if (isatty(1)) {
			sq_error("will not write a workbook to a terminal; give "
			    "-O FILE.xlsx or redirect the output");
			free(x->name);
			free(x);
			return NULL;
		}
		x->fd = 1;
	} else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or a FIFO (-O /dev/null): written in place */
		if ((x->fd = open(path, O_WRONLY | O_TRUNC)) < 0) {
			sq_error("%s: cannot write here: %s", path, strerror(errno));
			free(x->name);
			free(x);
			return NULL;
		}
	} else
		x->path = sq_xstrdup(path);
	if (x->path) {
		x->tmp = sq_xmalloc(strlen(path) + 16);
		sprintf(x->tmp, "%s.tmp.XXXXXX", path);
	} else {
		const char *dir = getenv("TMPDIR");
		dir = dir && *dir ? dir : "/tmp";
		x->tmp = sq_xmalloc(strlen(dir) + 32);
		sprintf(x->tmp, "%s/sq-xlsx.XXXXXX", dir);
	}
	if ((fd = mkstemp(x->tmp)) < 0) {
		sq_error("%s: cannot write here: %s", path ? path : x->tmp,
		    strerror(errno));
		free(x->tmp);
		x->tmp = NULL;
		sq_xlsxw_abort(x);
		return NULL;
	}
	close(fd);
	mode_t um = umask(0);
	umask(um);
	chmod(x->tmp, 0666 & ~um);
	lxw_workbook_options o = { .constant_memory = 1 };
	const char *dir = getenv("TMPDIR");
	o.tmpdir = dir && *dir ? (char *)dir : NULL;
	if ((x->wb = workbook_new_opt(x->tmp, &o)) == NULL) {
		sq_error("%s: cannot make a workbook (out of memory?)",
		    x->name);
		sq_xlsxw_abort(x);
		return NULL;
	}
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_num_format(x->head, "@");
	format_set_bg_color(x->head, 0xD9D9D9);
	for (int k = 0; k < NLOOK; k++) {
		x->text[k] = look(x->wb, k, 1);
		x->num[k] = look(x->wb, k, 0);
	}
	sheet_name(x, x->path);
	if (new_sheet(x) < 0) {
		sq_error("%s: cannot make a worksheet", x->name);
		sq_xlsxw_abort(x);
		return NULL;
	}
	return x;
}

/*
 * A value as libxlsxwriter should get it: a literal "_x0041_" would read
 * back as "A" (OOXML's escape), so its '_' is escaped as _x005F_; a value
 * longer than a cell is cut at a character.  NUL-terminated, in scratch.
 */
static const char *
cell_text(struct sq_xlsxw *x, const char *s, size_t n, int *cut)
{
	size_t need = n * 7 + 1, o = 0;

	*cut = 0;
	if (need > x->scratchcap) {
		x->scratchcap = need;
		x->scratch = sq_xrealloc(x->scratch, need);
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_' &&
		    strspn(s + i + 2, "0123456789abcdefABCDEF") >= 4) {
			memcpy(x->scratch + o, "_x005F_", 7);
			o += 7;
			continue;
		}
		x->scratch[o++] = s[i];
	}
	if (o > CELL_MAX) {
		o = sq_utf8_cut(x->scratch, o, CELL_MAX);
		*cut = 1;
	}
	x->scratch[o] = '\0';
	return x->scratch;
}

static void
put_cell(struct sq_xlsxw *x, size_t c, const char *s, size_t n, int lookk,
    int header)
{
	lxw_error e;
	int cut = 0;

	if (c >= LXW_COL_MAX)
		return;
	double w = text_width(s, n);
	if (c < x->ncols && w > x->width[c])
		x->width[c] = w;
	if (header) {
		e = worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)c,
		    cell_text(x, s, n, &cut), x->head);
	} else if (n == 0) {
		e = lookk == PLAIN ? LXW_NO_ERROR : worksheet_write_blank(x->ws,
		    (lxw_row_t)x->row, (lxw_col_t)c, x->text[lookk]);
	} else if ((c >= x->ncols || !x->textcol[c]) && plain_number(s, n)) {
		char buf[32];
		memcpy(buf, s, n);
		buf[n] = '\0';
		e = worksheet_write_number(x->ws, (lxw_row_t)x->row, (lxw_col_t)c,
		    strtod(buf, NULL), x->num[lookk]);
	} else {
		e = worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)c,
		    cell_text(x, s, n, &cut), x->text[lookk]);
	}
	if (cut)
		sq_problem(x->name, x->row + 1, "column %zu: "
		    "a value of %zu bytes is longer than an Excel cell holds "
		    "(32,767); cut", c + 1, n);
	if (e != LXW_NO_ERROR && !x->failed) {
		sq_error("%s: cannot write row %ld: %s", x->name, x->row + 1, lxw_strerror(e));
		x->failed = 1;
	}
}

static void
put_header(struct sq_xlsxw *x)
{
	for (size_t i = 0; i < x->names.nf; i++)
		put_cell(x, i, sq_rec_get(&x->names, i), x->names.len[i], PLAIN, 1);
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
}

void
sq_xlsxw_header(struct sq_xlsxw *x, const struct sq_rec *names)
{
	static const char *const status[] = { "status", "状态", NULL };
	static const char *const urgent[] = { "urgent", "加急", "紧急", "urgency",
	    NULL };
	static const char *const category[] = { "category", "类别", "分类", NULL };

	sq_rec_copy(&x->names, names);
	x->ncols = names->nf;
	x->textcol = sq_xcalloc(x->ncols + 1, 1);
	x->width = sq_xcalloc(x->ncols + 1, sizeof(*x->width));
	for (size_t i = 0; i < x->ncols; i++)
		x->textcol[i] = (unsigned char)key_column(sq_rec_get(names, i));
	x->status_col = find_col(names, status);
	x->urgent_col = find_col(names, urgent);
	x->category_col = find_col(names, category);
	if (x->ncols)
		put_header(x);
}

static int
row_look(const struct sq_xlsxw *x, const char *const *v, const size_t *len,
    size_t n)
{
	long c = x->status_col;

	if (c >= 0 && (size_t)c < n) {
		const char *p = v[c];
		size_t k = sq_trim(&p, len[c]);
		if ((k == 5 && strncasecmp(p, "fever", 5) == 0) ||
		    (k == 6 && memcmp(p, "发热", 6) == 0))
			return FEVER;
	}
	if ((c = x->urgent_col) >= 0 && (size_t)c < n && truthy(v[c], len[c]))
		return URGENT;
	if ((c = x->category_col) >= 0 && (size_t)c < n) {
		const char *p = v[c];
		size_t k = sq_trim(&p, len[c]);
		if ((k == 6 && strncasecmp(p, "urgent", 6) == 0) ||
		    (k == 6 && memcmp(p, "紧急", 6) == 0))
			return URGENT;
	}
	return PLAIN;
}

void
sq_xlsxw_row(struct sq_xlsxw *x, const char *const *v, const size_t *len,
    size_t n)
{
	if (x->failed)
		return;
	if (x->row >= LXW_ROW_MAX) {
		/* a sheet is full: go on in the next, header and all */
		if (new_sheet(x) < 0) {
			sq_error("%s: cannot make a worksheet", x->name);
			x->failed = 1;
			return;
		}
		put_header(x);
	}
	int k = row_look(x, v, len, n);
	for (size_t i = 0; i < n; i++)
		put_cell(x, i, v[i], len[i], k, 0);
	for (size_t i = n; k != PLAIN && i < x->ncols; i++)
		put_cell(x, i, "", 0, k, 0);
	x->row++;
	x->rows++;
}

/* The finished file to standard output or a device. */
static int
copy_out(struct sq_xlsxw *x)
{
	char buf[65536];
	int in = open(x->tmp, O_RDONLY);
	ssize_t n;

	if (in < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t o = 0; o < n;) {
			ssize_t w = write(x->fd, buf + o, (size_t)(n - o));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				int e = errno;
				close(in);
				errno = e;
				return -1;
			}
			o += w;
		}
	}
	int e = errno;
	close(in);
	errno = e;
	return n < 0 ? -1 : 0;
}

static void
release(struct sq_xlsxw *x)
{
	if (x->tmp)
		unlink(x->tmp);
	if (x->fd > 1)
		close(x->fd);
	sq_rec_free(&x->names);
	free(x->textcol);
	free(x->width);
	free(x->scratch);
	free(x->path);
	free(x->name);
	free(x->tmp);
	free(x);
}

int
sq_xlsxw_close(struct sq_xlsxw *x)
{
	const char *name = x->name;
	int rc = x->failed ? -1 : 0;

	/* widths: every sheet has the same columns */
	if (rc == 0) {
		lxw_worksheet *ws;
		LXW_FOREACH_WORKSHEET(ws, x->wb) {
			for (size_t i = 0; i < x->ncols && i < LXW_COL_MAX; i++) {
				double w = x->width[i] + 2;
				worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
				    w < 6 ? 6 : w > WIDTH_MAX ? WIDTH_MAX : w, NULL);
			}
			if (x->ncols)
				worksheet_autofilter(ws, 0, 0, (lxw_row_t)(ws ==
				    x->ws ? x->row - 1 : LXW_ROW_MAX - 1),
				    (lxw_col_t)(x->ncols - 1));
		}
	}
	lxw_error e = workbook_close(x->wb);
	x->wb = NULL;
	if (rc == 0 && e != LXW_NO_ERROR) {
		sq_error("%s: write error: %s", name, lxw_strerror(e));
		rc = -1;
	}
	if (rc == 0 && x->path) {
		int fd = open(x->tmp, O_RDONLY);
		if (fd < 0 || (fsync(fd) < 0 && errno != EINVAL)) {
			sq_error("%s: write error: %s", name, strerror(errno));
			rc = -1;
		}
		if (fd >= 0)
			close(fd);
		if (rc == 0 && rename(x->tmp, x->path) < 0) {
			sq_error("%s: cannot put the output in place: %s", name,
			    strerror(errno));
			rc = -1;
		} else if (rc == 0) {
			free(x->tmp);
			x->tmp = NULL;
		}
	} else if (rc == 0 && copy_out(x) < 0) {
		sq_error("%s: write error: %s", name, strerror(errno));
		rc = -1;
	}
	release(x);
	return rc;
}

void
sq_xlsxw_abort(struct sq_xlsxw *x)
{
	if (x == NULL)
		return;
	if (x->wb) {
		/* libxlsxwriter has no discard: close it, then remove it */
		workbook_close(x->wb);
	}
	release(x);
}
