/*
 * textnorm.c — see textnorm.h.  Characters map through a sorted array
 * (bsearch); replacements are bucketed by their first byte and the
 * longest one that matches at a place wins.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "diag.h"
#include "text.h"
#include "textnorm.h"

struct cpair {
	int	 from, to;
};

struct word {
	char	*from, *to;
	size_t	 flen, tlen;
};

struct sq_textnorm {
	struct cpair *chars;
	size_t	 nchars, capchars;
	struct word *words;
	size_t	 nwords, capwords;
	size_t	 bucket[257];	/* words[bucket[b] .. bucket[b + 1]) start with b */
};

struct sq_textnorm *
sq_textnorm_new(void)
{
	return sq_xcalloc(1, sizeof(struct sq_textnorm));
}

void
sq_textnorm_free(struct sq_textnorm *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nwords; i++) {
		free(t->words[i].from);
		free(t->words[i].to);
	}
	free(t->words);
	free(t->chars);
	free(t);
}

static int
by_from_cp(const void *a, const void *b)
{
	const struct cpair *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

static int
by_from_word(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	int c = (unsigned char)x->from[0] - (unsigned char)y->from[0];

	if (c)
		return c;
	/* longest first within a bucket, then bytes: the same order always */
	if (x->flen != y->flen)
		return x->flen < y->flen ? 1 : -1;
	return memcmp(x->from, y->from, x->flen);
}

/* The two fields of a table line folded; 1, 0 (blank or comment), -1. */
static int
split_line(char *line, char **a, size_t *al, char **b, size_t *bl)
{
	size_t n = strlen(line);

	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	n = sq_classify_fold(line, n, line, n + 1);
	if (n == 0 || line[0] == '#')
		return 0;
	char *sp = memchr(line, ' ', n);
	if (sp == NULL || sp == line)
		return -1;
	*a = line;
	*al = (size_t)(sp - line);
	*b = sp + 1;
	*bl = n - *al - 1;
	if (*bl == 0 || memchr(*b, ' ', *bl))
		return -1;
	return 1;
}

static int
read_table(struct sq_textnorm *t, const char *path, int chars)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, nc0 = t->nchars, nw0 = t->nwords;
	long lineno = 0;
	int bad = 0;

	if (f == NULL) {
		sq_error("%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	while (!bad && getline(&line, &cap, f) >= 0) {
		char *a, *b;
		size_t al, bl;
		lineno++;
		int rc = split_line(line, &a, &al, &b, &bl);
		if (rc == 0)
			continue;
		if (rc < 0) {
			sq_error("%s:%ld: expected FROM TO, two words with a "
			    "space between", path, lineno);
			bad = 1;
			break;
		}
		if (!chars) {
			if (t->nwords == t->capwords) {
				t->capwords = t->capwords ? 2 * t->capwords : 64;
				t->words = sq_xrealloc(t->words, t->capwords *
				    sizeof(*t->words));
			}
			struct word *w = &t->words[t->nwords++];
			w->from = sq_xstrndup(a, al);
			w->flen = al;
			w->to = sq_xstrndup(b, bl);
			w->tlen = bl;
			continue;
		}
		size_t i = 0, j = 0;
		while (i < al && j < bl) {
			int x = sq_utf8_next((const unsigned char *)a, al, &i);
			int y = sq_utf8_next((const unsigned char *)b, bl, &j);
			if (x < 0 || y < 0)
				break;
			if (t->nchars == t->capchars) {
				t->capchars = t->capchars ? 2 * t->capchars : 256;
				t->chars = sq_xrealloc(t->chars, t->capchars *
				    sizeof(*t->chars));
			}
			t->chars[t->nchars].from = x;
			t->chars[t->nchars++].to = y;
		}
		if (i != al || j != bl) {
			sq_error("%s:%ld: the two sides need as many "
			    "characters, one for one", path, lineno);
			bad = 1;
		}
	}
	free(line);
	fclose(f);
	if (bad) {
		for (size_t i = nw0; i < t->nwords; i++) {
			free(t->words[i].from);
			free(t->words[i].to);
		}
		t->nwords = nw0;
		t->nchars = nc0;
		return -1;
	}
	/* a pair given again takes its new value: keep the last of each */
	if (chars) {
		for (size_t i = nc0; i < t->nchars; i++)
			for (size_t k = 0; k < nc0; k++)
				if (t->chars[k].from == t->chars[i].from)
					t->chars[k].from = -1;
		size_t o = 0;
		for (size_t i = 0; i < t->nchars; i++)
			if (t->chars[i].from >= 0)
				t->chars[o++] = t->chars[i];
		t->nchars = o;
		/* stable for duplicates inside one file: the last wins */
		qsort(t->chars, t->nchars, sizeof(*t->chars), by_from_cp);
		o = 0;
		for (size_t i = 0; i < t->nchars; i++) {
			if (o && t->chars[o - 1].from == t->chars[i].from)
				o--;
			t->chars[o++] = t->chars[i];
		}
		t->nchars = o;
		return 0;
	}
	for (size_t i = nw0; i < t->nwords; i++)
		for (size_t k = 0; k < i; k++)
			if (t->words[k].from && t->words[k].flen ==
			    t->words[i].flen && memcmp(t->words[k].from,
			    t->words[i].from, t->words[i].flen) == 0) {
				free(t->words[k].from);
				free(t->words[k].to);
				t->words[k].from = NULL;
			}
	size_t o = 0;
	for (size_t i = 0; i < t->nwords; i++)
		if (t->words[i].from)
			t->words[o++] = t->words[i];
	t->nwords = o;
	qsort(t->words, t->nwords, sizeof(*t->words), by_from_word);
	size_t k = 0;
	for (int b = 0; b <= 256; b++) {
		while (k < t->nwords && (unsigned char)t->words[k].from[0] < b)
			k++;
		t->bucket[b] = k;
	}
	return 0;
}

int
sq_textnorm_load_chars(struct sq_textnorm *t, const char *path)
{
	return read_table(t, path, 1);
}

int
sq_textnorm_load_words(struct sq_textnorm *t, const char *path)
{
	return read_table(t, path, 0);
}

static int
is_letter(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static void
put_cp(struct sq_buf *b, int cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	sq_buf_add(b, u, n);
}

char *
sq_textnorm(const struct sq_textnorm *t, const char *in, size_t len,
    size_t *outlen)
{
	char *f = sq_xmalloc(len + 1);
	size_t n = sq_classify_fold(in, len, f, len + 1);
	struct sq_buf b;

	sq_buf_init(&b);
	/* characters first: a typo table is written in simplified */
	for (size_t i = 0; i < n;) {
		size_t at = i;
		int cp = sq_utf8_next((const unsigned char *)f, n, &i);
		if (cp < 0 || t == NULL || t->nchars == 0) {
			sq_buf_add(&b, f + at, i - at);
			continue;
		}
		struct cpair key = { cp, 0 }, *p = bsearch(&key, t->chars,
		    t->nchars, sizeof(*t->chars), by_from_cp);
		if (p)
			put_cp(&b, p->to);
		else
			sq_buf_add(&b, f + at, i - at);
	}
	free(f);
	if (t == NULL || t->nwords == 0) {
		*outlen = b.len;
		return sq_buf_take(&b);
	}
	size_t sn = b.len;
	char *s = sq_buf_take(&b);
	struct sq_buf o;
	sq_buf_init(&o);
	for (size_t i = 0; i < sn;) {
		unsigned char c = (unsigned char)s[i];
		const struct word *hit = NULL;
		for (size_t k = t->bucket[c]; k < t->bucket[c + 1]; k++) {
			const struct word *w = &t->words[k];
			if (w->flen > sn - i || memcmp(s + i, w->from, w->flen))
				continue;
			if (is_letter((unsigned char)w->from[0]) && i > 0 &&
			    is_letter((unsigned char)s[i - 1]))
				continue;
			if (is_letter((unsigned char)w->from[w->flen - 1]) &&
			    i + w->flen < sn &&
			    is_letter((unsigned char)s[i + w->flen]))
				continue;
			hit = w;	/* the longest: they come longest first */
			break;
		}
		if (hit) {
			sq_buf_add(&o, hit->to, hit->tlen);
			i += hit->flen;
			continue;
		}
		size_t at = i;
		if (sq_utf8_next((const unsigned char *)s, sn, &i) < 0 &&
		    i == at)
			i++;
		sq_buf_add(&o, s + at, i - at);
	}
	free(s);
	*outlen = o.len;
	return sq_buf_take(&o);
}
