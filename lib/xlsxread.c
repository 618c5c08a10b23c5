#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "csvread.h"
#include "diag.h"
#include "numfmt.h"
#include "xlsxread.h"

#define CHUNK		((size_t)64 << 10)	/* inflated bytes parsed at a time */
#define PART_MAX	((size_t)64 << 20)	/* a workbook, styles or rels part */
#define BOMB_BYTES	((zip_uint64_t)1 << 30)
#define BOMB_RATIO	1000
#define MAX_COLS	16384			/* XFD */

/* ---- a part of the package, inflated and parsed chunk by chunk --------- */

struct part {
	struct sq_xlsx *x;
	const char *name;
	zip_file_t *zf;
	zip_uint64_t comp, inflated, limit;
	XML_Parser p;
	int	 final;		/* the last chunk was handed to expat */
	int	 suspended;	/* expat stopped at a row's end */
	int	 done;		/* no more rows: end of data, or stopped */
	size_t	 since_event;	/* bytes fed since the last callback */
	const char *fatal;	/* why the reading stopped (printed) */
	char	 fatalbuf[256];
};

struct numfmt_id {
	int	 id;
	struct sq_numfmt f;
};

struct slot {
	const char *p;		/* a shared string's bytes, or NULL: ... */
	size_t	 off, len;	/* ... the row buffer's from off */
	int	 set;
};

struct sq_xlsx {
	zip_t	*za;
	char	*file;
	size_t	 max_field;
	int	 date1904;

	struct sq_book_sheet *sheets;
	char	**targets;		/* each sheet's part, or NULL */
	size_t	 nsheets;

	/* shared strings: string i is sst[off[i], off[i+1]) */
	char	*sst;
	size_t	 sstlen, sstcap;
	size_t	*sstoff;
	size_t	 nsst, sstoffcap;
	unsigned char *sstbig;		/* 1: string i passed --max-field */

	struct sq_numfmt *xf;		/* number format of each cell style */
	size_t	 nxf;
	struct numfmt_id *fmts;		/* the workbook's own codes */
	size_t	 nfmts;

	struct sq_book_range *merges;
	size_t	 nmerges, mergecap;

	/* the sheet being read */
	const char *msgname;
	struct part sheet;
	int	 in_data, in_cell, in_is, in_rph, capture;
	long	 rowno;
	size_t	 col;			/* the cell's column (0-based) */
	size_t	 next_col;
	char	 ctype;			/* 's' 'n' 'b' 'e' 'i'(nline) 'f'(str) 'd' */
	size_t	 style;
	int	 have_v, formula;
	char	*v;			/* the cell's text so far */
	size_t	 vlen, vcap;
	int	 vbig;
	char	 ref[16];		/* the cell's reference, for messages */
	struct slot *slots;
	size_t	 nslots, slotcap;
	char	*rowbuf;
	size_t	 rowlen, rowcap;
	const char *rowerr;
	char	 rowerrbuf[400];	/* room for a reason in Chinese */
	int	 row_ready;
	struct sq_rec *out;
	int	 warned_nocache;
};

static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *
attr(const char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(local(a[0]), name) == 0)
			return a[1];
	return NULL;
}

/* A DTD could define entities that expand without end: none in OOXML. */
static void XMLCALL
no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	struct part *pt = ud;

	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	pt->fatal = "has a DTD, which a workbook never has";
	XML_StopParser(pt->p, XML_FALSE);
}

static int
part_open(struct sq_xlsx *x, struct part *pt, const char *name, void *ud,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text, zip_uint64_t limit)
{
	zip_int64_t i = zip_name_locate(x->za, name, 0);
	zip_stat_t st;

	memset(pt, 0, sizeof(*pt));
	pt->x = x;
	pt->name = name;
	pt->limit = limit;
	if (i < 0)
		i = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
	if (i < 0)
		return 0;	/* not there: the caller says if it matters */
	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)i, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_COMP_SIZE))
		pt->comp = st.comp_size;
	if ((pt->zf = zip_fopen_index(x->za, (zip_uint64_t)i, 0)) == NULL) {
		sq_error("%s: %s: cannot read it: %s (a password-protected "
		    "workbook? save it again without a password)", x->file,
		    name, zip_strerror(x->za));
		return -1;
	}
	pt->p = XML_ParserCreate("UTF-8");
	if (pt->p == NULL)
		sq_fatal("out of memory");
	XML_SetUserData(pt->p, ud);
	XML_SetElementHandler(pt->p, start, end);
	if (text)
		XML_SetCharacterDataHandler(pt->p, text);
	/* no handler sees pt: the doctype one gets it through the parser's
	   user data, so both go through ud, whose first field is the part */
	XML_SetStartDoctypeDeclHandler(pt->p, no_doctype);
	return 1;
}

static void
part_close(struct part *pt)
{
	if (pt->p)
		XML_ParserFree(pt->p);
	if (pt->zf)
		zip_fclose(pt->zf);
	pt->p = NULL;
	pt->zf = NULL;
}

static void
part_fail(struct part *pt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
part_fail(struct part *pt, const char *fmt, ...)
{
	va_list ap;

	if (pt->fatal)
		return;
	va_start(ap, fmt);
	vsnprintf(pt->fatalbuf, sizeof(pt->fatalbuf), fmt, ap);
	va_end(ap);
	pt->fatal = pt->fatalbuf;
	XML_StopParser(pt->p, XML_FALSE);
}

/*
 * Feed expat until it stops at a row (1), the part ends (0) or something
 * is wrong (-1, printed).  A suspended parse is resumed first.
 */
static int
part_pump(struct part *pt)
{
	struct sq_xlsx *x = pt->x;
	enum XML_Status st;

	for (;;) {
		if (pt->done)
			return 0;
		if (pt->suspended) {
			pt->suspended = 0;
			st = XML_ResumeParser(pt->p);
		} else if (pt->final) {
			pt->done = 1;
			return 0;
		} else {
			/*
			 * A token that never ends (an attribute of a
			 * gigabyte): expat would keep all of it.  Bytes fed
			 * with no callback between them are that token.
			 */
			if (pt->since_event > x->max_field + CHUNK) {
				sq_error("%s: %s: an XML token larger than "
				    "--max-field; stopped reading", x->file,
				    pt->name);
				return -1;
			}
			void *buf = XML_GetBuffer(pt->p, (int)CHUNK);
			if (buf == NULL)
				sq_fatal("out of memory");
			zip_int64_t n = zip_fread(pt->zf, buf, CHUNK);
			if (n < 0) {
				sq_error("%s: %s: cannot inflate: %s", x->file,
				    pt->name, zip_file_strerror(pt->zf));
				return -1;
			}
			pt->inflated += (zip_uint64_t)n;
			pt->since_event += (size_t)n;
			if (pt->inflated > pt->limit) {
				sq_error("%s: %s: larger than %llu MB; not read "
				    "(a zip bomb?)", x->file, pt->name,
				    (unsigned long long)(pt->limit >> 20));
				return -1;
			}
			if (pt->inflated > BOMB_BYTES &&
			    pt->inflated / BOMB_RATIO > pt->comp) {
				sq_error("%s: %s: inflates to more than %d "
				    "times its size (a zip bomb?); not read",
				    x->file, pt->name, BOMB_RATIO);
				return -1;
			}
			pt->final = n == 0;
			st = XML_ParseBuffer(pt->p, (int)n, pt->final);
		}
		if (st == XML_STATUS_SUSPENDED) {
			pt->suspended = 1;
			return 1;
		}
		if (st == XML_STATUS_ERROR) {
			if (pt->done && !pt->fatal)
				return 0;	/* stopped at the end of data */
			if (pt->fatal)
				sq_error("%s: %s:%lu: %s", x->file, pt->name,
				    (unsigned long)XML_GetCurrentLineNumber(pt->p),
				    pt->fatal);
			else
				sq_error("%s: %s:%lu: broken XML (%s); the "
				    "workbook is damaged: open it in Excel or "
				    "WPS and save it again", x->file, pt->name,
				    (unsigned long)XML_GetCurrentLineNumber(pt->p),
				    XML_ErrorString(XML_GetErrorCode(pt->p)));
			return -1;
		}
	}
}

/* A whole small part through its handlers: 1 read, 0 absent, -1 bad. */
static int
part_parse(struct sq_xlsx *x, const char *name, void *ud,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text, zip_uint64_t limit, struct part *pt)
{
	int rc = part_open(x, pt, name, ud, start, end, text, limit);

	if (rc <= 0)
		return rc;
	while ((rc = part_pump(pt)) == 1)
		;
	part_close(pt);
	return rc < 0 ? -1 : 1;
}

/* ---- paths and relationships -------------------------------------------- */

/* dir of base ("xl/workbook.xml" -> "xl/") joined with target, ".." done */
static char *
resolve(const char *base, const char *target)
{
	size_t bl = 0;
	char *out;

	if (target[0] == '/')
		target++;
	else if (strrchr(base, '/'))
		bl = (size_t)(strrchr(base, '/') - base) + 1;
	out = sq_xmalloc(bl + strlen(target) + 1);
	memcpy(out, base, bl);
	strcpy(out + bl, target);
	/* "a/b/../c" -> "a/c"; "./" dropped */
	char *w = out;
	for (char *r = out; *r;) {
		if (strncmp(r, "../", 3) == 0) {
			r += 3;
			if (w > out) {
				w--;
				while (w > out && w[-1] != '/')
					w--;
			}
		} else if (strncmp(r, "./", 2) == 0)
			r += 2;
		else {
			while (*r && *r != '/')
				*w++ = *r++;
			if (*r)
				*w++ = *r++;
		}
	}
	*w = '\0';
	return out;
}

struct rel {
	char	*id, *type, *target;
};

struct rels {
	struct part pt;		/* first: the doctype handler's user data */
	struct rel *v;
	size_t	 n, cap;
};

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct rels *r = ud;
	const char *id, *type, *target, *mode;

	r->pt.since_event = 0;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	id = attr(a, "Id");
	type = attr(a, "Type");
	target = attr(a, "Target");
	mode = attr(a, "TargetMode");
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->v = sq_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n].id = sq_xstrdup(id);
	r->v[r->n].type = sq_xstrdup(type);
	r->v[r->n].target = sq_xstrdup(target);
	r->n++;
}

static void XMLCALL
any_end(void *ud, const XML_Char *name)
{
	struct part *pt = ud;

	(void)name;
	pt->since_event = 0;
}

static void
rels_free(struct rels *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const struct rel *
rel_of_type(const struct rels *r, const char *suffix)
{
	for (size_t i = 0; i < r->n; i++)
		if (ends_with(r->v[i].type, suffix))
			return &r->v[i];
	return NULL;
}

/* ---- the workbook: sheets and date system ------------------------------- */

struct wb {
	struct part pt;
	struct sq_xlsx *x;
	char	**rids;
};

static void XMLCALL
wb_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct wb *w = ud;
	struct sq_xlsx *x = w->x;
	const char *n = local(name), *v;

	w->pt.since_event = 0;
	if (strcmp(n, "workbookPr") == 0) {
		v = attr(a, "date1904");
		x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(n, "sheet") == 0) {
		const char *sname = attr(a, "name"), *state = attr(a, "state");
		const char *rid = attr(a, "id");
		if (x->nsheets >= 65536)
			return;
		x->sheets = sq_xrealloc(x->sheets, (x->nsheets + 1) *
		    sizeof(*x->sheets));
		w->rids = sq_xrealloc(w->rids, (x->nsheets + 1) * sizeof(*w->rids));
		struct sq_book_sheet *s = &x->sheets[x->nsheets];
		memset(s, 0, sizeof(*s));
		s->name = sq_xstrdup(sname ? sname : "");
		s->hidden = state && strcmp(state, "visible") != 0;
		w->rids[x->nsheets] = rid ? sq_xstrdup(rid) : NULL;
		x->nsheets++;
	}
}

/* ---- styles: the number format of each cell style ------------------------ */

struct styles {
	struct part pt;
	struct sq_xlsx *x;
	int	 in_xfs;
};

static const struct sq_numfmt *
find_fmt(const struct sq_xlsx *x, int id, struct sq_numfmt *tmp)
{
	for (size_t i = 0; i < x->nfmts; i++)
		if (x->fmts[i].id == id)
			return &x->fmts[i].f;
	sq_numfmt_builtin(id, tmp);
	return tmp;
}

static void XMLCALL
styles_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct styles *s = ud;
	struct sq_xlsx *x = s->x;
	const char *n = local(name), *v;

	s->pt.since_event = 0;
	if (strcmp(n, "numFmt") == 0 && (v = attr(a, "numFmtId")) != NULL &&
	    x->nfmts < 65536) {
		x->fmts = sq_xrealloc(x->fmts, (x->nfmts + 1) * sizeof(*x->fmts));
		x->fmts[x->nfmts].id = atoi(v);
		sq_numfmt_parse(attr(a, "formatCode"), &x->fmts[x->nfmts].f);
		x->nfmts++;
	} else if (strcmp(n, "cellXfs") == 0)
		s->in_xfs = 1;
	else if (s->in_xfs && strcmp(n, "xf") == 0 && x->nxf < 1000000) {
		struct sq_numfmt tmp;
		v = attr(a, "numFmtId");
		x->xf = sq_xrealloc(x->xf, (x->nxf + 1) * sizeof(*x->xf));
		x->xf[x->nxf++] = *find_fmt(x, v ? atoi(v) : 0, &tmp);
	}
}

static void XMLCALL
styles_end(void *ud, const XML_Char *name)
{
	struct styles *s = ud;

	s->pt.since_event = 0;
	if (strcmp(local(name), "cellXfs") == 0)
		s->in_xfs = 0;
}

/* ---- text: _xHHHH_ escapes ----------------------------------------------- */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * OOXML writes characters XML cannot hold (a CR, a control character) as
 * _xHHHH_, and a literal "_x" that looks like one as _x005F_x...; decoded
 * in place (never longer).  Returns the new length.
 */
static size_t
unescape_x(char *s, size_t n)
{
	size_t r = 0, w = 0;

	if (memchr(s, '_', n) == NULL)
		return n;
	while (r < n) {
		if (s[r] == '_' && r + 7 <= n && s[r + 1] == 'x' &&
		    s[r + 6] == '_') {
			int h[4], ok = 1;
			for (int i = 0; i < 4; i++)
				ok &= (h[i] = hexval(s[r + 2 + i])) >= 0;
			if (ok) {
				unsigned cp = (unsigned)(h[0] << 12 | h[1] << 8 |
				    h[2] << 4 | h[3]);
				if (cp < 0x80)
					s[w++] = (char)cp;
				else if (cp < 0x800) {
					s[w++] = (char)(0xC0 | cp >> 6);
					s[w++] = (char)(0x80 | (cp & 0x3F));
				} else if (cp >= 0xD800 && cp < 0xE000) {
					/* half a surrogate pair: not text */
					s[w++] = (char)0xEF;
					s[w++] = (char)0xBF;
					s[w++] = (char)0xBD;
				} else {
					s[w++] = (char)(0xE0 | cp >> 12);
					s[w++] = (char)(0x80 | (cp >> 6 & 0x3F));
					s[w++] = (char)(0x80 | (cp & 0x3F));
				}
				r += 7;
				continue;
			}
		}
		s[w++] = s[r++];
	}
	return w;
}

/* ---- shared strings ----------------------------------------------------- */

struct sst {
	struct part pt;
	struct sq_xlsx *x;
	int	 in_si, in_t, in_rph;
	size_t	 start;		/* this string's start in x->sst */
	int	 big;
};

static void
sst_add(struct sq_xlsx *x, const char *s, size_t n)
{
	if (x->sstlen + n + 1 > x->sstcap) {
		size_t cap = x->sstcap ? x->sstcap : (size_t)64 << 10;
		while (cap < x->sstlen + n + 1)
			cap *= 2;
		x->sst = sq_xrealloc(x->sst, cap);
		x->sstcap = cap;
	}
	memcpy(x->sst + x->sstlen, s, n);
	x->sstlen += n;
}

static void XMLCALL
sst_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct sst *s = ud;
	const char *n = local(name);

	(void)a;
	s->pt.since_event = 0;
	if (strcmp(n, "si") == 0) {
		sst_add(s->x, "", 0);	/* the table exists, if empty */
		s->in_si = 1;
		s->start = s->x->sstlen;
		s->big = 0;
	} else if (s->in_si && strcmp(n, "rPh") == 0)
		s->in_rph = 1;		/* phonetic guide: not the text */
	else if (s->in_si && !s->in_rph && strcmp(n, "t") == 0)
		s->in_t = 1;
}

static void XMLCALL
sst_end(void *ud, const XML_Char *name)
{
	struct sst *s = ud;
	struct sq_xlsx *x = s->x;
	const char *n = local(name);

	s->pt.since_event = 0;
	if (strcmp(n, "t") == 0)
		s->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		s->in_rph = 0;
	else if (strcmp(n, "si") == 0 && s->in_si) {
		s->in_si = 0;
		if (x->nsst + 2 > x->sstoffcap) {
			size_t old = x->sstoffcap;
			x->sstoffcap = x->sstoffcap ? 2 * x->sstoffcap : 1024;
			x->sstoff = sq_xrealloc(x->sstoff, x->sstoffcap *
			    sizeof(*x->sstoff));
			if (x->sstbig) {
				x->sstbig = sq_xrealloc(x->sstbig, x->sstoffcap);
				memset(x->sstbig + old, 0, x->sstoffcap - old);
			}
		}
		if (s->big) {
			/* kept empty, and marked: the cells that use it are
			   rejected, not read as empty */
			x->sstlen = s->start;
			if (x->sstbig == NULL)
				x->sstbig = sq_xcalloc(x->sstoffcap, 1);
			x->sstbig[x->nsst] = 1;
		}
		x->sstlen = s->start + unescape_x(x->sst + s->start,
		    x->sstlen - s->start);
		x->sstoff[x->nsst++] = s->start;
		x->sstoff[x->nsst] = x->sstlen;
	}
}

static void XMLCALL
sst_text(void *ud, const XML_Char *t, int len)
{
	struct sst *s = ud;
	struct sq_xlsx *x = s->x;

	s->pt.since_event = 0;
	if (!s->in_t || s->big)
		return;
	if (x->sstlen - s->start + (size_t)len > x->max_field) {
		s->big = 1;
		return;
	}
	if (x->sstlen + (size_t)len > SQ_BOOK_MAX_STRINGS) {
		part_fail(&s->pt, "the shared strings pass %zu MB; not read "
		    "(a zip bomb?)", SQ_BOOK_MAX_STRINGS >> 20);
		return;
	}
	sst_add(x, t, (size_t)len);
}

/* ---- opening ------------------------------------------------------------ */

static int
load_rels(struct sq_xlsx *x, const char *name, struct rels *r)
{
	memset(r, 0, sizeof(*r));
	return part_parse(x, name, r, rels_start, any_end, NULL, PART_MAX, &r->pt);
}

/* The first part of a zip that is a table of its own (a.csv, b.xlsx), or
   NULL: a zip of exports is unpacked first */
static const char *
table_inside(zip_t *za)
{
	static const char *const ext[] = { ".csv", ".xlsx", ".xls", ".txt",
	    ".json", ".et", NULL };
	zip_int64_t n = zip_get_num_entries(za, 0);

	for (zip_int64_t i = 0; i < n && i < 1000; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		size_t l = name ? strlen(name) : 0;
		for (int k = 0; ext[k] && l; k++) {
			size_t e = strlen(ext[k]);
			if (l > e && strcasecmp(name + l - e, ext[k]) == 0)
				return name;
		}
	}
	return NULL;
}

struct sq_xlsx *
sq_xlsx_open(const char *path, const char *file, size_t max_field)
{
	struct sq_xlsx *x = sq_xcalloc(1, sizeof(*x));
	struct rels root, wbrels;
	int err = 0, rc;
	char *wbpath = NULL, *relpath = NULL;

	x->file = sq_xstrdup(file);
	x->max_field = max_field;
	memset(&root, 0, sizeof(root));
	memset(&wbrels, 0, sizeof(wbrels));
	if ((x->za = zip_open(path, ZIP_RDONLY, &err)) == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		sq_error("%s: not a workbook that can be read: %s (an .xlsx "
		    "is a zip archive; this one is damaged or cut short)",
		    file, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto fail;
	}
	if (zip_get_num_entries(x->za, 0) > 100000) {
		sq_error("%s: a zip archive of %lld parts is no workbook",
		    file, (long long)zip_get_num_entries(x->za, 0));
		goto fail;
	}
	/* the package's root relationships name the workbook part */
	if (load_rels(x, "_rels/.rels", &root) < 0)
		goto fail;
	const struct rel *office = rel_of_type(&root, "/officeDocument");
	wbpath = office ? resolve("", office->target) :
	    sq_xstrdup("xl/workbook.xml");
	if (strncmp(wbpath, "word/", 5) == 0 || strncmp(wbpath, "ppt/", 4) == 0) {
		sq_error("%s: this is a %s, not a table shequ reads; copy the "
		    "table into a sheet and save it as .xlsx or CSV", file,
		    *wbpath == 'w' ?
		    "Word document (.docx)" : "PowerPoint deck (.pptx)");
		goto fail;
	}
	if (zip_name_locate(x->za, wbpath, ZIP_FL_NOCASE) < 0) {
		const char *inside = table_inside(x->za);
		if (inside)
			sq_error("%s: a zip archive holding '%s'%s: unzip it "
			    "and give the table itself", file, inside,
			    zip_get_num_entries(x->za, 0) > 1 ? " and more" : "");
		else if (zip_name_locate(x->za, "xl/workbook.bin", ZIP_FL_NOCASE) >= 0)
			sq_error("%s: an .xlsb (binary) workbook: save it as "
			    ".xlsx in Excel or WPS", file);
		else if (zip_name_locate(x->za, "content.xml", 0) >= 0)
			sq_error("%s: an OpenDocument spreadsheet (.ods): save "
			    "it as .xlsx", file);
		else
			sq_error("%s: a zip archive without a workbook in it "
			    "(no %s)", file, wbpath);
		goto fail;
	}
	/* xl/workbook.xml -> xl/_rels/workbook.xml.rels */
	const char *slash = strrchr(wbpath, '/');
	size_t dl = slash ? (size_t)(slash - wbpath) + 1 : 0;
	relpath = sq_xmalloc(strlen(wbpath) + 16);
	sprintf(relpath, "%.*s_rels/%s.rels", (int)dl, wbpath, wbpath + dl);
	if (load_rels(x, relpath, &wbrels) < 0)
		goto fail;

	struct wb w;
	memset(&w, 0, sizeof(w));
	w.x = x;
	rc = part_parse(x, wbpath, &w, wb_start, any_end, NULL, PART_MAX, &w.pt);
	if (rc <= 0) {
		if (rc == 0)
			sq_error("%s: cannot find %s", file, wbpath);
		for (size_t i = 0; i < x->nsheets; i++)
			free(w.rids[i]);
		free(w.rids);
		goto fail;
	}
	x->targets = sq_xcalloc(x->nsheets + 1, sizeof(*x->targets));
	for (size_t i = 0; i < x->nsheets; i++) {
		const struct rel *rel = NULL;
		for (size_t k = 0; w.rids[i] && k < wbrels.n; k++)
			if (strcmp(wbrels.v[k].id, w.rids[i]) == 0)
				rel = &wbrels.v[k];
		if (rel) {
			x->targets[i] = resolve(wbpath, rel->target);
			x->sheets[i].chart = !ends_with(rel->type, "/worksheet");
		} else if (wbrels.n == 0) {
			/* no relationships at all: the usual names */
			x->targets[i] = sq_xmalloc(64);
			snprintf(x->targets[i], 64, "%.*sworksheets/sheet%zu.xml",
			    (int)dl, wbpath, i + 1);
		}
		free(w.rids[i]);
	}
	free(w.rids);

	const struct rel *r;
	char *p;
	struct styles st;
	memset(&st, 0, sizeof(st));
	st.x = x;
	r = rel_of_type(&wbrels, "/styles");
	p = r ? resolve(wbpath, r->target) : resolve(wbpath, "styles.xml");
	rc = part_parse(x, p, &st, styles_start, styles_end, NULL, PART_MAX, &st.pt);
	free(p);
	if (rc < 0)
		goto fail;

	struct sst ss;
	memset(&ss, 0, sizeof(ss));
	ss.x = x;
	r = rel_of_type(&wbrels, "/sharedStrings");
	p = r ? resolve(wbpath, r->target) : resolve(wbpath, "sharedStrings.xml");
	rc = part_parse(x, p, &ss, sst_start, sst_end, sst_text,
	    (zip_uint64_t)SQ_BOOK_MAX_STRINGS * 4, &ss.pt);
	free(p);
	if (rc < 0)
		goto fail;
	rels_free(&root);
	rels_free(&wbrels);
	free(wbpath);
	free(relpath);
	return x;
fail:
	rels_free(&root);
	rels_free(&wbrels);
	free(wbpath);
	free(relpath);
	sq_xlsx_close(x);
	return NULL;
}

const struct sq_book_sheet *
sq_xlsx_sheets(const struct sq_xlsx *x, size_t *n)
{
	*n = x->nsheets;
	return x->sheets;
}

void
sq_xlsx_close(struct sq_xlsx *x)
{
	if (x == NULL)
		return;
	part_close(&x->sheet);
	if (x->za)
		zip_discard(x->za);
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		if (x->targets)
			free(x->targets[i]);
	}
	free(x->sheets);
	free(x->targets);
	free(x->sst);
	free(x->sstoff);
	free(x->sstbig);
	free(x->xf);
	free(x->fmts);
	free(x->merges);
	free(x->v);
	free(x->slots);
	free(x->rowbuf);
	free(x->file);
	free(x);
}

/* ---- cell references ---------------------------------------------------- */

/* "B12" -> column 1 (0-based); -1 if it is not a reference */
static long
ref_col(const char *s, long *row)
{
	long c = 0, r = 0;
	int letters = 0, digits = 0;

	if (s[0] == '$')
		s++;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
		if (++letters > 3)
			return -1;
		c = c * 26 + ((*s | 0x20) - 'a' + 1);
	}
	if (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 7)
			return -1;
		r = r * 10 + (*s - '0');
	}
	if (*s != '\0' || letters == 0 || c > MAX_COLS)
		return -1;
	if (row)
		*row = digits ? r : 0;
	return c - 1;
}

static void
col_name(size_t col, long row, char out[16])
{
	char tmp[8];
	int n = 0;

	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	int k = 0;
	while (n > 0)
		out[k++] = tmp[--n];
	snprintf(out + k, (size_t)(16 - k), "%ld", row);
}

/* ---- merged ranges: a pass of their own --------------------------------- */

struct mpass {
	struct part pt;
	struct sq_xlsx *x;
};

static void XMLCALL
merge_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct mpass *m = ud;
	struct sq_xlsx *x = m->x;
	const char *ref, *colon;
	char first[16];
	long r1, r2, c1, c2;

	m->pt.since_event = 0;
	if (strcmp(local(name), "mergeCell") != 0 ||
	    (ref = attr(a, "ref")) == NULL || (colon = strchr(ref, ':')) == NULL ||
	    colon - ref >= (long)sizeof(first))
		return;
	memcpy(first, ref, (size_t)(colon - ref));
	first[colon - ref] = '\0';
	if ((c1 = ref_col(first, &r1)) < 0 || (c2 = ref_col(colon + 1, &r2)) < 0 ||
	    r1 < 1 || r2 < r1 || c2 < c1 || x->nmerges >= 1000000)
		return;	/* a range that is no range fills nothing */
	if (x->nmerges == x->mergecap) {
		x->mergecap = x->mergecap ? 2 * x->mergecap : 64;
		x->merges = sq_xrealloc(x->merges, x->mergecap * sizeof(*x->merges));
	}
	struct sq_book_range *g = &x->merges[x->nmerges++];
	g->r1 = r1;
	g->r2 = r2;
	g->c1 = (size_t)c1;
	g->c2 = (size_t)c2;
}

const struct sq_book_range *
sq_xlsx_merges(const struct sq_xlsx *x, size_t *n)
{
	*n = x->nmerges;
	return x->merges;
}

/* ---- the sheet's rows --------------------------------------------------- */

static void
row_fail(struct sq_xlsx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
row_fail(struct sq_xlsx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->rowerr)
		return;		/* the first reason is the one told */
	va_start(ap, fmt);
	vsnprintf(x->rowerrbuf, sizeof(x->rowerrbuf), fmt, ap);
	va_end(ap);
	x->rowerr = x->rowerrbuf;
}

static void
v_add(struct sq_xlsx *x, const char *s, size_t n)
{
	if (x->vbig)
		return;
	if (x->vlen + n > x->max_field) {
		x->vbig = 1;
		return;
	}
	if (x->vlen + n + 1 > x->vcap) {
		size_t cap = x->vcap ? x->vcap : 256;
		while (cap < x->vlen + n + 1)
			cap *= 2;
		x->v = sq_xrealloc(x->v, cap);
		x->vcap = cap;
	}
	memcpy(x->v + x->vlen, s, n);
	x->vlen += n;
	x->v[x->vlen] = '\0';
}

static void
row_text(struct sq_xlsx *x, struct slot *sl, const char *s, size_t n)
{
	if (x->rowlen + n > x->rowcap) {
		size_t cap = x->rowcap ? x->rowcap : 4096;
		while (cap < x->rowlen + n)
			cap *= 2;
		x->rowbuf = sq_xrealloc(x->rowbuf, cap);
		x->rowcap = cap;
	}
	memcpy(x->rowbuf + x->rowlen, s, n);
	sl->p = NULL;
	sl->off = x->rowlen;
	sl->len = n;
	x->rowlen += n;
}

static struct slot *
slot_at(struct sq_xlsx *x, size_t col)
{
	if (col >= x->slotcap) {
		size_t cap = x->slotcap ? x->slotcap : 64;
		while (cap <= col)
			cap *= 2;
		x->slots = sq_xrealloc(x->slots, cap * sizeof(*x->slots));
		x->slotcap = cap;
	}
	while (x->nslots <= col)
		memset(&x->slots[x->nslots++], 0, sizeof(*x->slots));
	return &x->slots[col];
}

/* The cell's reference for a message ("C12"); made only when one is told. */
static const char *
cellref(struct sq_xlsx *x)
{
	col_name(x->col, x->rowno, x->ref);
	return x->ref;
}

/* The cell just read, as Excel shows it, into its slot. */
static void
cell_done(struct sq_xlsx *x)
{
	struct slot *sl;
	char num[SQ_NUMFMT_MAX];
	int lost = 0;

	if (x->vbig) {
		row_fail(x, "cell %s is larger than --max-field", cellref(x));
		return;
	}
	if (x->col >= MAX_COLS)
		return;
	sl = slot_at(x, x->col);
	if (sl->set) {
		row_fail(x, "cell %s appears twice in the row (a damaged "
		    "workbook?)", cellref(x));
		return;
	}
	sl->set = 1;
	sl->len = 0;
	sl->p = NULL;
	if (!x->have_v) {
		if (x->formula && !x->warned_nocache) {
			x->warned_nocache = 1;
			sq_warn(x->msgname, x->rowno, "cell %s is a formula with "
			    "no saved value (the workbook was made by a program "
			    "and never calculated); such cells read as empty: "
			    "open it in Excel or WPS and save it again",
			    cellref(x));
		}
		return;
	}
	switch (x->ctype) {
	case 's': {
		char *end;
		unsigned long i = strtoul(x->v, &end, 10);
		if (end == x->v || *end != '\0' || x->v[0] == '-' ||
		    i >= x->nsst) {
			row_fail(x, "cell %s refers to shared string '%s'; the "
			    "workbook has %zu (a damaged workbook?)", cellref(x),
			    x->v, x->nsst);
			return;
		}
		if (x->sstbig && x->sstbig[i]) {
			row_fail(x, "cell %s is larger than --max-field", cellref(x));
			return;
		}
		sl->p = x->sst + x->sstoff[i];
		sl->len = x->sstoff[i + 1] - x->sstoff[i];
		return;
	}
	case 'b':
		if (strcmp(x->v, "1") == 0 || strcmp(x->v, "true") == 0)
			row_text(x, sl, "TRUE", 4);
		else if (strcmp(x->v, "0") == 0 || strcmp(x->v, "false") == 0)
			row_text(x, sl, "FALSE", 5);
		else
			row_text(x, sl, x->v, x->vlen);
		return;
	case 'i': case 'f':
		x->vlen = unescape_x(x->v, x->vlen);
		row_text(x, sl, x->v, x->vlen);
		return;
	case 'n': {
		const struct sq_numfmt *f = x->style < x->nxf ? &x->xf[x->style] : NULL;
		static const struct sq_numfmt general;
		long n = sq_numfmt_text(f ? f : &general, x->v, x->vlen,
		    x->date1904, num, &lost);
		if (n < 0) {
			row_text(x, sl, x->v, x->vlen);	/* as it is written */
			return;
		}
		if (lost)
			sq_warn(x->msgname, x->rowno, "cell %s: %s has more digits "
			    "than Excel keeps (15), so the last ones were lost "
			    "when it was typed as a number (type ID numbers as "
			    "text)", cellref(x), num);
		row_text(x, sl, num, (size_t)n);
		return;
	}
	default:	/* 'e' errors (#N/A), 'd' ISO dates: as written */
		row_text(x, sl, x->v, x->vlen);
	}
}

/* The row just read, into the caller's record. */
static void
row_done(struct sq_xlsx *x)
{
	struct sq_rec *rec = x->out;
	size_t total = 0, n = x->nslots;
	int cut = 0;

	sq_rec_clear(rec);
	rec->line = x->rowno;
	while (n > 0 && x->slots[n - 1].len == 0)
		n--;
	for (size_t i = 0; i < n; i++)
		total += x->slots[i].len + 1;
	if (total > x->max_field) {
		/* rejected; what is kept of it for the message is cut */
		row_fail(x, "row is larger than --max-field");
		cut = 1;
		if (n > 64)
			n = 64;
	}
	for (size_t i = 0; i < n; i++) {
		const struct slot *sl = &x->slots[i];
		const char *s = sl->p ? sl->p : sl->len ? x->rowbuf + sl->off : "";
		size_t len = cut && sl->len > 256 ? 256 : sl->len;
		sq_rec_push(rec, s, len);
		if (len && memchr(s, '\0', len))
			row_fail(x, "a cell in column %zu holds a NUL character",
			    i + 1);
	}
	if (x->rowerr) {
		snprintf(rec->errbuf, sizeof(rec->errbuf), "%s", x->rowerr);
		rec->err = rec->errbuf;
	}
	x->row_ready = 1;
	x->nslots = 0;
	x->rowlen = 0;
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct sq_xlsx *x = ((struct part *)ud)->x;
	const char *n = local(name), *v;

	x->sheet.since_event = 0;
	if (x->in_cell) {
		if (strcmp(n, "v") == 0)
			x->capture = 1, x->have_v = 1;
		else if (strcmp(n, "f") == 0)
			x->formula = 1;
		else if (strcmp(n, "is") == 0)
			x->in_is = 1;
		else if (x->in_is && strcmp(n, "rPh") == 0)
			x->in_rph = 1;
		else if (x->in_is && !x->in_rph && strcmp(n, "t") == 0)
			x->capture = 1, x->have_v = 1;
		return;
	}
	if (strcmp(n, "c") == 0 && x->in_data) {
		long c, r;
		x->in_cell = 1;
		x->have_v = x->formula = x->in_is = x->in_rph = x->vbig = 0;
		x->vlen = 0;
		if (x->v)
			x->v[0] = '\0';
		x->col = x->next_col;
		if ((v = attr(a, "r")) != NULL) {
			if ((c = ref_col(v, &r)) < 0) {
				row_fail(x, "cell reference '%.20s' is not a cell "
				    "(a damaged workbook?)", v);
				c = (long)x->next_col;
			}
			x->col = (size_t)c;
		}
		if (x->col >= MAX_COLS) {
			row_fail(x, "a cell beyond column XFD (a damaged "
			    "workbook?)");
		}
		x->next_col = x->col + 1;
		v = attr(a, "s");
		x->style = v ? strtoul(v, NULL, 10) : 0;
		v = attr(a, "t");
		x->ctype = 'n';
		if (v) {
			if (strcmp(v, "s") == 0) x->ctype = 's';
			else if (strcmp(v, "inlineStr") == 0) x->ctype = 'i';
			else if (strcmp(v, "str") == 0) x->ctype = 'f';
			else if (strcmp(v, "b") == 0) x->ctype = 'b';
			else if (strcmp(v, "e") == 0) x->ctype = 'e';
			else if (strcmp(v, "d") == 0) x->ctype = 'd';
		}
	} else if (strcmp(n, "row") == 0 && x->in_data) {
		long r = 0;
		if ((v = attr(a, "r")) != NULL) {
			char *end;
			r = strtol(v, &end, 10);
			if (*end || r < 1 || r > 99999999)
				r = 0;
		}
		x->rowno = r ? r : x->rowno + 1;
		x->next_col = 0;
		x->nslots = 0;
		x->rowlen = 0;
		x->rowerr = NULL;
	} else if (strcmp(n, "sheetData") == 0)
		x->in_data = 1;
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *name)
{
	struct sq_xlsx *x = ((struct part *)ud)->x;
	const char *n = local(name);

	x->sheet.since_event = 0;
	if (x->in_cell) {
		if (strcmp(n, "c") == 0) {
			x->in_cell = 0;
			cell_done(x);
		} else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
			x->capture = 0;
		else if (strcmp(n, "rPh") == 0)
			x->in_rph = 0;
		else if (strcmp(n, "is") == 0)
			x->in_is = 0;
		return;
	}
	if (strcmp(n, "row") == 0 && x->in_data) {
		row_done(x);
		XML_StopParser(x->sheet.p, XML_TRUE);
	} else if (strcmp(n, "sheetData") == 0) {
		/* what follows (merges, print settings) is not rows */
		x->in_data = 0;
		x->sheet.done = 1;
		XML_StopParser(x->sheet.p, XML_FALSE);
	}
}

static void XMLCALL
sheet_text(void *ud, const XML_Char *t, int len)
{
	struct sq_xlsx *x = ((struct part *)ud)->x;

	x->sheet.since_event = 0;
	if (x->capture)
		v_add(x, t, (size_t)len);
}

int
sq_xlsx_select(struct sq_xlsx *x, size_t i, const char *msgname, int merges)
{
	const char *target = i < x->nsheets ? x->targets[i] : NULL;
	int rc;

	x->msgname = msgname;
	if (x->v == NULL) {
		x->vcap = 256;
		x->v = sq_xmalloc(x->vcap);
	}
	x->v[0] = '\0';
	if (target == NULL) {
		sq_error("%s: the workbook does not say where this sheet is "
		    "(a damaged workbook?)", msgname);
		return -1;
	}
	if (merges) {
		struct mpass m;
		memset(&m, 0, sizeof(m));
		m.x = x;
		rc = part_parse(x, target, &m, merge_start, any_end, NULL,
		    UINT64_MAX, &m.pt);
		if (rc < 0)
			return -1;
	}
	rc = part_open(x, &x->sheet, target, &x->sheet, sheet_start,
	    sheet_end, sheet_text, UINT64_MAX);
	if (rc == 0)
		sq_error("%s: its part %s is missing (a damaged workbook?)",
		    msgname, target);
	return rc == 1 ? 0 : -1;
}

int
sq_xlsx_row(struct sq_xlsx *x, struct sq_rec *rec)
{
	if (x->sheet.p == NULL)
		return SQ_READ_EOF;
	x->out = rec;
	x->row_ready = 0;
	int rc = part_pump(&x->sheet);
	if (rc < 0) {
		part_close(&x->sheet);
		return SQ_READ_IOERR;
	}
	if (rc == 0 || !x->row_ready) {
		part_close(&x->sheet);
		return SQ_READ_EOF;
	}
	return rec->err ? SQ_READ_BAD : SQ_READ_OK;
}
