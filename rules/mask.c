/*
 * mask.c — personal data out of free text (see mask.h).
 *
 * A text is decoded once into folded code points, each with the byte offset
 * of its original character; the rules find spans of code points, which are
 * merged and written back over the original bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "hmap.h"
#include "mask.h"
#include "reader.h"
#include "record.h"
#include "text.h"

/*
 * Words as code points, back to back; word k is cp[at[k] .. at[k + 1]).
 * by_first lists the words in the order of their first code point, for a
 * binary search of those that can start at a place.
 */
struct words {
	int	*cp;
	size_t	*at;
	size_t	 n, ncp, cap, capcp;
	struct first { int c; size_t k; } *by_first;
};

enum { W_SURNAME, W_HONORIFIC, W_BEFORE, W_INTRO, W_TITLE, W_STOP,
	W_NOTNAME, W_PLATE, NW };
static const char *const section_names[NW] = { "surnames", "honorifics",
	"before", "intro", "titles", "stop", "not-names", "plates" };

struct sq_mask {
	struct words w[NW];
	/* the single-character surnames, stop characters and plate
	   provinces, sorted, for bsearch */
	int	*single[NW];
	size_t	 nsingle[NW];
	/* known names, folded, without spaces */
	char	**names;
	size_t	 nnames, capnames, maxname;	/* maxname in code points */
	struct sq_hmap index;
	/* digits of the numbers never masked */
	char	**keep;
	size_t	 nkeep;
};

static void
words_add(struct words *w, const int *cp, size_t n)
{
	if (w->n + 2 > w->cap) {
		w->cap = w->cap ? 2 * w->cap : 64;
		w->at = sq_xrealloc(w->at, w->cap * sizeof(*w->at));
	}
	if (w->ncp + n > w->capcp) {
		while (w->ncp + n > w->capcp)
			w->capcp = w->capcp ? 2 * w->capcp : 256;
		w->cp = sq_xrealloc(w->cp, w->capcp * sizeof(*w->cp));
	}
	if (w->n == 0)
		w->at[0] = 0;
	memcpy(w->cp + w->ncp, cp, n * sizeof(*cp));
	w->ncp += n;
	w->at[++w->n] = w->ncp;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* Folded code points of s[0..len) into cp (room: len), their count. */
static size_t
decode(const char *s, size_t len, int *cp, size_t *at)
{
	size_t i = 0, n = 0;

	while (i < len) {
		char f[4];
		size_t start = i, fl = sq_fold_next(s, len, &i, f), k = 0;
		int c = sq_utf8_next((const unsigned char *)f, fl, &k);
		if (at)
			at[n] = start;
		cp[n++] = c < 0 ? 0xFFFD : c;
	}
	if (at)
		at[n] = len;
	return n;
}

static const char *
name_key(void *ctx, uint32_t i, size_t *len)
{
	struct sq_mask *m = ctx;

	*len = strlen(m->names[i]);
	return m->names[i];
}

static int
by_first_cp(const void *pa, const void *pb)
{
	const struct first *a = pa, *b = pb;

	if (a->c != b->c)
		return a->c < b->c ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

struct sq_mask *
sq_mask_parse(const char *name, const char *text, size_t len)
{
	struct sq_mask *m = sq_xcalloc(1, sizeof(*m));
	int *cp = sq_xmalloc((len + 1) * sizeof(*cp));
	int sec = -1;
	long no = 0;
	size_t p = 0;

	sq_hmap_init(&m->index, name_key, m);
	if (len >= 3 && sq_starts_bom(text, len))
		p = 3;
	while (p < len) {
		const char *line = text + p;
		const char *nl = memchr(line, '\n', len - p);
		size_t n = nl ? (size_t)(nl - line) : len - p;
		p += n + (nl != NULL);
		no++;
		const char *hash = memchr(line, '#', n);
		if (hash)
			n = (size_t)(hash - line);
		const char *l = line;
		n = sq_trim(&l, n);
		if (n == 0)
			continue;
		if (l[0] == '[' && l[n - 1] == ']') {
			for (sec = 0; sec < NW; sec++)
				if (strlen(section_names[sec]) == n - 2 &&
				    memcmp(section_names[sec], l + 1, n - 2) == 0)
					break;
			if (sec == NW) {
				sq_problem(name, no, "unknown section '%.*s'",
				    (int)n, l);
				sec = -1;
			}
			continue;
		}
		if (sec < 0) {
			sq_problem(name, no, "a word before any [section]");
			continue;
		}
		size_t ncp = decode(l, n, cp, NULL), a = 0;
		/* words are separated by spaces and commas (both widths) */
		for (size_t k = 0; k <= ncp; k++) {
			int c = k < ncp ? cp[k] : ' ';
			if (c != ' ' && c != ',' && c != '\t' && c != 0x3001)
				continue;
			if (k > a)
				words_add(&m->w[sec], cp + a, k - a);
			a = k + 1;
		}
	}
	free(cp);
	for (int s = 0; s < NW; s++) {
		struct words *w = &m->w[s];
		w->by_first = sq_xmalloc((w->n + 1) * sizeof(*w->by_first));
		for (size_t k = 0; k < w->n; k++)
			w->by_first[k] = (struct first){ w->cp[w->at[k]], k };
		if (w->n > 1)
			qsort(w->by_first, w->n, sizeof(*w->by_first),
			    by_first_cp);
		m->single[s] = sq_xmalloc((w->n + 1) * sizeof(int));
		for (size_t k = 0; k < w->n; k++)
			if (w->at[k + 1] - w->at[k] == 1)
				m->single[s][m->nsingle[s]++] = w->cp[w->at[k]];
		if (m->nsingle[s] > 1)
			qsort(m->single[s], m->nsingle[s], sizeof(int),
			    cmp_int);
	}
	return m;
}

struct sq_mask *
sq_mask_load(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct sq_buf b;
	char tmp[8192];
	size_t n;

	if (f == NULL) {
		sq_error("%s: %s (is shequ installed? set SHEQU_DATADIR or "
		    "--datadir)", path, strerror(errno));
		return NULL;
	}
	sq_buf_init(&b);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		sq_buf_add(&b, tmp, n);
	int err = ferror(f);
	fclose(f);
	if (err) {
		sq_error("%s: read error", path);
		sq_buf_free(&b);
		return NULL;
	}
	struct sq_mask *m = sq_mask_parse(path, b.s ? b.s : "", b.len);
	sq_buf_free(&b);
	return m;
}

void
sq_mask_free(struct sq_mask *m)
{
	if (m == NULL)
		return;
	for (int s = 0; s < NW; s++) {
		free(m->w[s].cp);
		free(m->w[s].at);
		free(m->w[s].by_first);
		free(m->single[s]);
	}
	for (size_t i = 0; i < m->nnames; i++)
		free(m->names[i]);
	free(m->names);
	sq_hmap_free(&m->index);
	for (size_t i = 0; i < m->nkeep; i++)
		free(m->keep[i]);
	free(m->keep);
	free(m);
}

static int
is_cjk(int c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0x20000 && c <= 0x3FFFF);
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* UTF-8 of cp[0..n) into out (room: 4 n + 1); its length. */
static size_t
encode(const int *cp, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned)cp[i];
		if (c < 0x80)
			out[o++] = (char)c;
		else if (c < 0x800) {
			out[o++] = (char)(0xC0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			out[o++] = (char)(0xE0 | c >> 12);
			out[o++] = (char)(0x80 | (c >> 6 & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[o++] = (char)(0xF0 | c >> 18);
			out[o++] = (char)(0x80 | (c >> 12 & 0x3F));
			out[o++] = (char)(0x80 | (c >> 6 & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[o] = '\0';
	return o;
}

void
sq_mask_add_name(struct sq_mask *m, const char *s, size_t len)
{
	int *cp = sq_xmalloc((len + 1) * sizeof(*cp));
	size_t n = decode(s, len, cp, NULL), k = 0, letters = 0;

	for (size_t i = 0; i < n; i++) {
		if (cp[i] == ' ' || cp[i] == '\t' || cp[i] == 0xA0)
			continue;
		letters += is_cjk(cp[i]) || is_alpha(cp[i]);
		cp[k++] = cp[i];
	}
	/* one character, or a Latin name shorter than four letters, would
	   mask words rather than a person */
	int cjk = k && is_cjk(cp[0]);
	if (letters == 0 || k < 2 || (!cjk && k < 4) || k > SQ_MASK_NAMEMAX) {
		free(cp);
		return;
	}
	char *key = sq_xmalloc(4 * k + 1);
	size_t kl = encode(cp, k, key);
	free(cp);
	if (sq_hmap_get(&m->index, key, kl) >= 0) {
		free(key);
		return;
	}
	if (m->nnames == m->capnames) {
		m->capnames = m->capnames ? 2 * m->capnames : 256;
		m->names = sq_xrealloc(m->names, m->capnames * sizeof(char *));
	}
	m->names[m->nnames] = key;
	sq_hmap_put(&m->index, key, kl, (uint32_t)m->nnames);
	m->nnames++;
	if (k > m->maxname)
		m->maxname = k;
}

long
sq_mask_add_table(struct sq_mask *m, const char *path,
    const struct sq_reader_opts *o)
{
	struct sq_reader *r = sq_reader_open(path, o);
	struct sq_rec rec;
	long added = 0;
	int st;

	if (r == NULL)
		return -1;
	long col = sq_reader_col(r, "name");
	if (col < 0) {
		sq_problem(sq_reader_name(r), sq_reader_header_lineno(r),
		    "no name column (姓名, 户主姓名, name ...): no names to mask "
		    "from this table");
		sq_reader_close(r);
		return 0;
	}
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		size_t before = m->nnames, n;
		const char *v;
		if (st != SQ_READ_OK)
			continue;	/* the program that owns it says why */
		v = sq_rec_cell_trim(&rec, col, &n);
		sq_mask_add_name(m, v, n);
		added += m->nnames > before;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st == SQ_READ_IOERR ? -1 : added;
}

size_t
sq_mask_names(const struct sq_mask *m)
{
	return m->nnames;
}

void
sq_mask_keep(struct sq_mask *m, const char *s, size_t len)
{
	char *d = sq_xmalloc(len + 1);
	int *cp = sq_xmalloc((len + 1) * sizeof(*cp));
	size_t n = decode(s, len, cp, NULL), k = 0;

	for (size_t i = 0; i < n; i++)
		if (is_digit(cp[i]))
			d[k++] = (char)cp[i];
	d[k] = '\0';
	free(cp);
	if (k < 7) {
		free(d);
		return;
	}
	m->keep = sq_xrealloc(m->keep, (m->nkeep + 1) * sizeof(char *));
	m->keep[m->nkeep++] = d;
}

/* ---- matching -------------------------------------------------------- */

struct span {
	size_t	 a, b;		/* code points [a, b) */
	int	 kind;
	const char *with;
	size_t	 order;		/* found so, for a stable sort */
};

struct scan {
	const struct sq_mask *m;
	const int *cp;
	size_t	 n;
	struct span *v;
	size_t	 nv, cap;
	/* ends[i]: a span ends at code point i.  In the output a '*' or 某
	   stands before i, so a number starting there starts a word: the
	   masked text must have nothing left to mask ("联系Amy13812345678") */
	unsigned char *ends;
};

static void
add(struct scan *S, size_t a, size_t b, int kind, const char *with)
{
	if (b <= a)
		return;
	if (S->nv == S->cap) {
		S->cap = S->cap ? 2 * S->cap : 16;
		S->v = sq_xrealloc(S->v, S->cap * sizeof(*S->v));
	}
	S->v[S->nv] = (struct span){ a, b, kind, with, S->nv };
	S->nv++;
	S->ends[b] = 1;
}

static int
single(const struct sq_mask *m, int sec, int c)
{
	return bsearch(&c, m->single[sec], m->nsingle[sec], sizeof(int),
	    cmp_int) != NULL;
}

/* Length of the longest word of sec at cp[i..], 0 if none. */
static size_t
word_at(const struct scan *S, int sec, size_t i)
{
	const struct words *w = &S->m->w[sec];
	size_t best = 0, lo = 0, hi = w->n;
	int c = S->cp[i];

	/* the first word starting with c */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->by_first[mid].c < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < w->n; lo++) {
		size_t k = w->by_first[lo].k, l = w->at[k + 1] - w->at[k];
		if (w->by_first[lo].c != c)
			break;
		if (l > best && i + l <= S->n &&
		    memcmp(w->cp + w->at[k], S->cp + i, l * sizeof(int)) == 0)
			best = l;
	}
	return best;
}

/* A surname starting at i: its length (2 for a compound one), or 0. */
static size_t
surname_at(const struct scan *S, size_t i)
{
	if (i >= S->n)
		return 0;
	size_t l = word_at(S, W_SURNAME, i);
	return l;
}

/* A known name at i: its length in code points, or 0. */
static size_t
name_at(const struct scan *S, size_t i, char *buf)
{
	const struct sq_mask *m = S->m;

	if (m->nnames == 0 || !(is_cjk(S->cp[i]) || is_alpha(S->cp[i])))
		return 0;
	for (size_t l = m->maxname; l >= 2; l--) {
		if (i + l > S->n)
			continue;
		size_t bl = encode(S->cp + i, l, buf);
		if (sq_hmap_get(&m->index, buf, bl) >= 0) {
			/* a Latin name is a whole word */
			if (!is_cjk(S->cp[i]) && ((i > 0 &&
			    is_alpha(S->cp[i - 1])) || (i + l < S->n &&
			    is_alpha(S->cp[i + l]))))
				continue;
			return l;
		}
	}
	return 0;
}

/* A run of digits in groups at i: its end; groups and digits counted. */
struct numtok {
	size_t	 end, digits, groups, first, last, min_rest;
	int	 x;		/* ends in X (an ID) */
};

static struct numtok
number_at(const struct scan *S, size_t i)
{
	struct numtok t = { i, 0, 0, 0, 0, (size_t)-1, 0 };
	size_t j = i, g = 0;

	while (j < S->n) {
		if (is_digit(S->cp[j])) {
			g++;
			j++;
			continue;
		}
		/* one space or dash between groups; an X after 17 digits */
		if ((S->cp[j] == 'X' || S->cp[j] == 'x') && t.digits + g == 17 &&
		    (j + 1 == S->n || !is_alpha(S->cp[j + 1]))) {
			t.x = 1;
			j++;
			break;
		}
		if ((S->cp[j] == ' ' || S->cp[j] == '-') && g > 0 &&
		    j + 1 < S->n && is_digit(S->cp[j + 1])) {
			if (t.groups == 0)
				t.first = g;
			else if (g < t.min_rest)
				t.min_rest = g;
			t.groups++;
			t.digits += g;
			g = 0;
			j++;
			continue;
		}
		break;
	}
	if (g) {
		if (t.groups == 0)
			t.first = g;
		else if (g < t.min_rest)
			t.min_rest = g;
		t.groups++;
		t.digits += g;
		t.last = g;
	}
	t.end = j;
	return t;
}

static int
is_one_of(const struct scan *S, size_t i, const char *const *marks,
    size_t *len)
{
	for (; *marks; marks++) {
		int cp[8];
		size_t n = decode(*marks, strlen(*marks), cp, NULL);
		if (i + n <= S->n && memcmp(S->cp + i, cp, n * sizeof(int)) == 0) {
			*len = n;
			return 1;
		}
	}
	return 0;
}

static const char *const room_marks[] = { "室", "房", NULL };
static const char *const unit_marks[] = { "单元", NULL };
static const char *const bldg_marks[] = { "号楼", "栋", "幢", "座", "#",
	"号", "楼", NULL };
static const char *const addr_marks[] = { "号楼", "栋", "幢", "座", "单元",
	"室", "号", "楼", "弄", "#", "-", NULL };

/*
 * What follows a number that makes it a flat: a room mark (502室), a unit
 * and a number (2单元502), a building mark and a number of three digits or
 * a unit (3栋502, 12号楼2单元502).  The end of the flat, or 0.
 */
static size_t
flat_after(const struct scan *S, struct numtok t)
{
	size_t ml, e = t.end;

	/* 502室, not 2室1厅 */
	if (is_one_of(S, e, room_marks, &ml) && t.digits >= 3)
		return e + ml;
	if (is_one_of(S, e, unit_marks, &ml) && e + ml < S->n &&
	    is_digit(S->cp[e + ml])) {
		struct numtok r = number_at(S, e + ml);
		size_t rl;
		return is_one_of(S, r.end, room_marks, &rl) ? r.end + rl : r.end;
	}
	if (is_one_of(S, e, bldg_marks, &ml) && e + ml < S->n &&
	    is_digit(S->cp[e + ml])) {
		struct numtok r = number_at(S, e + ml);
		size_t f = flat_after(S, r);
		if (f)
			return f;
		if (r.digits >= 3 && r.groups == 1)
			return r.end;
	}
	return 0;
}

static void
scan_numbers(struct scan *S, int flags)
{
	for (size_t i = 0; i < S->n;) {
		int c = S->cp[i];
		size_t start = i;
		/* +86: the sign belongs to the phone */
		if (c == '+' && i + 1 < S->n && is_digit(S->cp[i + 1]))
			i++;
		else if (!is_digit(c) || (i > 0 && !S->ends[i] &&
		    (is_alpha(S->cp[i - 1]) || is_digit(S->cp[i - 1])))) {
			i++;
			continue;
		}
		struct numtok t = number_at(S, i);
		size_t f;
		if ((t.digits == 18 && t.groups == 1) || (t.digits == 17 && t.x) ||
		    (t.digits == 15 && t.groups == 1))
			add(S, start, t.end, SQ_MASK_ID, "*");
		else if (t.digits >= 7 && (t.groups == 1 || t.min_rest >= 3) &&
		    (t.first >= 3 || (t.first == 2 && S->cp[i] == '8' &&
		    S->cp[i + 1] == '6')))
			add(S, start, t.end, SQ_MASK_PHONE, "*");
		else if ((f = flat_after(S, t)) != 0)
			add(S, start, f, SQ_MASK_ROOM, "*");
		else if (t.groups >= 2 && t.groups <= 3 && t.last >= 3 &&
		    t.first <= 4 && t.digits < 12 && S->cp[t.end - t.last - 1] == '-')
			/* 12-2-502, 12-502: a dashed flat; not 2022-04-10 */
			add(S, start, t.end, SQ_MASK_ROOM, "*");
		else if (flags & SQ_MASK_DIGITS) {
			size_t ml;
			if (t.digits >= 3 || is_one_of(S, t.end, addr_marks, &ml))
				add(S, start, t.end, SQ_MASK_NUMBER, "*");
		}
		i = t.end > i ? t.end : i + 1;
	}
}

static void
scan_emails(struct scan *S)
{
	for (size_t i = 0; i < S->n; i++) {
		if (S->cp[i] != '@')
			continue;
		size_t a = i, b = i + 1;
		int dot = 0;
		while (a > 0 && (is_alpha(S->cp[a - 1]) || is_digit(S->cp[a - 1]) ||
		    S->cp[a - 1] == '.' || S->cp[a - 1] == '_' ||
		    S->cp[a - 1] == '-'))
			a--;
		while (b < S->n && (is_alpha(S->cp[b]) || is_digit(S->cp[b]) ||
		    S->cp[b] == '.' || S->cp[b] == '-')) {
			dot |= S->cp[b] == '.';
			b++;
		}
		if (a < i && dot && b > i + 2)
			add(S, a, b, SQ_MASK_EMAIL, "*");
	}
}

static void
scan_plates(struct scan *S)
{
	for (size_t i = 0; i + 7 <= S->n; i++) {
		if (!single(S->m, W_PLATE, S->cp[i]) || i + 1 >= S->n ||
		    !is_alpha(S->cp[i + 1]))
			continue;
		size_t j = i + 2, k = 0, digits = 0;
		if (j < S->n && (S->cp[j] == 0xB7 || S->cp[j] == 0x30FB ||
		    S->cp[j] == 0x2022 || S->cp[j] == '.' || S->cp[j] == '-' ||
		    S->cp[j] == ' '))
			j++;
		while (j + k < S->n && k < 7 && (is_alpha(S->cp[j + k]) ||
		    is_digit(S->cp[j + k]))) {
			digits += is_digit(S->cp[j + k]);
			k++;
		}
		if ((k == 5 || k == 6) && digits >= 2)
			add(S, i, j + k, SQ_MASK_PLATE, "*");
	}
}

/* A given name after a surname ending at e: up to two CJK characters. */
static size_t
given_after(const struct scan *S, size_t e)
{
	size_t k = 0;

	while (k < 2 && e + k < S->n && is_cjk(S->cp[e + k]) &&
	    !single(S->m, W_STOP, S->cp[e + k]) && !word_at(S, W_HONORIFIC,
	    e + k))
		k++;
	return k;
}

static void
scan_names(struct scan *S)
{
	char *buf = sq_xmalloc(4 * (S->m->maxname + 1) + 1);

	for (size_t i = 0; i < S->n; i++) {
		size_t l;
		/* a known name: the longest */
		if ((l = name_at(S, i, buf)) != 0) {
			/* 某阿姨, as a surname before an honorific is */
			add(S, i, i + l, SQ_MASK_NAME, word_at(S, W_HONORIFIC,
			    i + l) ? "某" : "某某");
			i += l - 1;
			continue;
		}
		/* 我是张伟, 联系人：李娜 */
		if ((l = word_at(S, W_INTRO, i)) != 0) {
			size_t k = i + l, sl;
			while (k < S->n && (S->cp[k] == ':' || S->cp[k] == 0xFF1A ||
			    S->cp[k] == ' '))
				k++;
			if (k < S->n && (sl = name_at(S, k, buf)) != 0)
				continue;	/* found next round */
			if ((sl = surname_at(S, k)) != 0) {
				size_t g = given_after(S, k + sl);
				if (g)
					add(S, k, k + sl + g, SQ_MASK_NAME, "某某");
			}
			continue;
		}
		/* 主任王秀兰, 网格员李娜: not 主任高度重视, 医生和护士 */
		if ((l = word_at(S, W_TITLE, i)) != 0) {
			size_t k = i + l, sl = surname_at(S, k), g;
			if (sl && !word_at(S, W_NOTNAME, k) &&
			    !(sl == 1 && single(S->m, W_STOP, S->cp[k])) &&
			    (g = given_after(S, k + sl)) != 0) {
				add(S, k, k + sl + g, SQ_MASK_NAME, "某某");
				i = k + sl + g - 1;
				continue;
			}
		}
		/* 老王, 小李, unless it is a word (小时, 小程序) */
		if ((l = word_at(S, W_BEFORE, i)) != 0 &&
		    !word_at(S, W_NOTNAME, i) && !word_at(S, W_HONORIFIC, i)) {
			size_t sl = surname_at(S, i + l);
			if (sl)
				add(S, i + l, i + l + sl, SQ_MASK_NAME, "某");
		}
		/* 李阿姨, 李秀英阿姨, 王老师: back from the honorific */
		if ((l = word_at(S, W_HONORIFIC, i)) != 0 && i > 0) {
			size_t best = (size_t)-1;
			for (size_t gap = 0; gap <= 2; gap++) {
				for (size_t sl = 2; sl >= 1; sl--) {
					if (i < gap + sl)
						continue;
					size_t s = i - gap - sl;
					int ok = word_at(S, W_SURNAME, s) == sl;
					for (size_t k = s + sl; ok && k < i; k++)
						ok = is_cjk(S->cp[k]) &&
						    !single(S->m, W_STOP, S->cp[k]);
					/* 于, 和, 向 ... are surnames only
					   right before the honorific, after no
					   other character: 于阿姨 but not 关于阿姨 */
					if (ok && single(S->m, W_STOP, S->cp[s]) &&
					    (gap > 0 || (s > 0 && is_cjk(S->cp[s - 1]))))
						ok = 0;
					if (ok && (best == (size_t)-1 || s < best))
						best = s;
				}
			}
			if (best != (size_t)-1)
				add(S, best, i, SQ_MASK_NAME, "某");
			i += l - 1;
		}
	}
	free(buf);
}

static int
by_start(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	if (a->b != b->b)
		return a->b > b->b ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The digits of cp[a..b) are one the committee keeps public. */
static int
kept(const struct scan *S, size_t a, size_t b)
{
	char d[64];
	size_t k = 0;

	for (size_t i = a; i < b && k + 1 < sizeof(d); i++)
		if (is_digit(S->cp[i]))
			d[k++] = (char)S->cp[i];
	d[k] = '\0';
	for (size_t i = 0; i < S->m->nkeep; i++) {
		const char *h = S->m->keep[i];
		size_t hl = strlen(h), s = hl < k ? hl : k;
		/* the same number, or one with the area code the other lacks */
		if (s >= 7 && memcmp(h + hl - s, d + k - s, s) == 0)
			return 1;
	}
	return 0;
}

char *
sq_mask_text(const struct sq_mask *m, int flags, const char *s, size_t len,
    size_t *outlen, struct sq_mask_hit **hits, size_t *nhits)
{
	struct scan S = { 0 };
	int *cp = sq_xmalloc((len + 1) * sizeof(*cp));
	size_t *at = sq_xmalloc((len + 2) * sizeof(*at));

	S.m = m;
	S.cp = cp;
	S.n = decode(s, len, cp, at);
	S.ends = sq_xcalloc(S.n + 1, 1);
	scan_plates(&S);
	scan_emails(&S);
	scan_numbers(&S, flags);
	size_t before_names = S.nv;
	scan_names(&S);
	/* a name just before digits: they start a word once it is 某 (the
	   spans found again merge with the first ones) */
	for (size_t i = before_names; i < S.nv; i++)
		if (S.v[i].b < S.n && is_digit(S.cp[S.v[i].b])) {
			scan_numbers(&S, flags);
			break;
		}
	if (S.nv > 1)
		qsort(S.v, S.nv, sizeof(*S.v), by_start);

	/* merge overlapping spans; the first one says what it was */
	size_t nm = 0;
	for (size_t i = 0; i < S.nv; i++) {
		struct span sp = S.v[i];
		if ((sp.kind == SQ_MASK_PHONE || sp.kind == SQ_MASK_NUMBER) &&
		    kept(&S, sp.a, sp.b))
			continue;
		if (nm && sp.a < S.v[nm - 1].b) {
			if (sp.b > S.v[nm - 1].b)
				S.v[nm - 1].b = sp.b;
			continue;
		}
		S.v[nm++] = sp;
	}

	struct sq_buf out;
	size_t prev = 0;
	sq_buf_init(&out);
	if (hits) {
		*hits = nm ? sq_xcalloc(nm, sizeof(**hits)) : NULL;
		*nhits = nm;
	}
	for (size_t i = 0; i < nm; i++) {
		size_t a = at[S.v[i].a], b = at[S.v[i].b];
		sq_buf_add(&out, s + prev, a - prev);
		sq_buf_adds(&out, S.v[i].with);
		prev = b;
		if (hits)
			(*hits)[i] = (struct sq_mask_hit){ a, b - a, S.v[i].kind,
			    S.v[i].with };
	}
	sq_buf_add(&out, s + prev, len - prev);
	sq_buf_addc(&out, '\0');
	if (outlen)
		*outlen = out.len - 1;
	free(S.v);
	free(S.ends);
	free(cp);
	free(at);
	return sq_buf_take(&out);
}

const char *
sq_mask_kind_name(int kind)
{
	switch (kind) {
	case SQ_MASK_NAME:	return "a name";
	case SQ_MASK_PHONE:	return "a phone number";
	case SQ_MASK_ID:	return "an ID number";
	case SQ_MASK_PLATE:	return "a car plate";
	case SQ_MASK_ROOM:	return "a flat's number";
	case SQ_MASK_EMAIL:	return "an e-mail address";
	default:		return "a number";
	}
}

void
sq_mask_preview(const char *s, size_t len, int kind, char *out, size_t outsz)
{
	size_t i = 0, o = 0, k = 0, nchars = 0, ndig = 0;

	if (outsz == 0)
		return;
	for (size_t j = 0; j < len; j++) {
		nchars += ((unsigned char)s[j] & 0xC0) != 0x80;
		ndig += s[j] >= '0' && s[j] <= '9';
	}
	int numeric = kind != SQ_MASK_NAME && ndig > 0;
	while (i < len && o + 5 < outsz) {
		size_t start = i, cl = 1;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0xF0)
			cl = 4;
		else if (c >= 0xE0)
			cl = 3;
		else if (c >= 0xC0)
			cl = 2;
		if (i + cl > len)
			cl = len - i;
		i += cl;
		int show;
		if (numeric) {
			int dig = c >= '0' && c <= '9';
			if (dig)
				k++;
			/* a long number keeps its ends, a flat or a plate
			   none of its digits */
			show = !dig || (ndig >= 9 && (k <= 3 || k + 2 > ndig));
		} else
			show = start == 0 && nchars > 1;
		if (show) {
			memcpy(out + o, s + start, cl);
			o += cl;
		} else
			out[o++] = '*';
	}
	out[o] = '\0';
}
