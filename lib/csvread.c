#include <csv.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "diag.h"

/* libcsv's parser states (csv.h exposes the struct, libcsv.c the values) */
#define LIBCSV_FIELD_BEGUN	2

struct held_line {
	char	*s;
	size_t	 len;
	long	 no;
	char	*err;
};

struct sq_csv {
	struct sq_source *src;
	struct csv_parser p;
	size_t	 max_record;
	struct sq_rec *target;
	/*
	 * ',' or '\t'; 0 until a line with either decides.  Excel's
	 * "Unicode text" (UTF-16) and "text (tab delimited)" exports are
	 * tab-separated with CSV quoting: a first line with tabs and no
	 * comma makes the file tab-separated.  Before this was found, such
	 * a file came out as one column.
	 */
	char	 delim;

	/* lines of a record whose quoted field is still open */
	struct held_line *pend;
	size_t	 npend, cappend, pend_bytes;

	/* lines to read again after an unterminated quote */
	struct held_line *replay;
	size_t	 nreplay, replay_pos;
	struct held_line cur_replay;	/* owned copy handed out last */
};

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int
only_lf(unsigned char c)
{
	return c == '\n';
}

static void
reset_parser(struct sq_csv *c)
{
	c->p.pstate = 0;
	c->p.quoted = 0;
	c->p.spaces = 0;
	c->p.entry_pos = 0;
	c->p.status = 0;
}

struct sq_csv *
sq_csv_new(struct sq_source *src, size_t max_record)
{
	struct sq_csv *c = sq_xcalloc(1, sizeof(*c));

	c->src = src;
	c->max_record = max_record;
	if (csv_init(&c->p, CSV_STRICT) != 0)
		sq_fatal("cannot start the CSV parser");
	csv_set_space_func(&c->p, never_space);
	csv_set_term_func(&c->p, only_lf);
	/*
	 * Out of memory inside libcsv (a huge field under ulimit -v) made
	 * csv_parse() fail like a bad quote: the row was rejected as "stray
	 * quote", exit 1.  With our allocator it is "out of memory", exit 2.
	 */
	csv_set_realloc_func(&c->p, sq_xrealloc);
	csv_set_free_func(&c->p, free);
	return c;
}

static void
held_free(struct held_line *h)
{
	free(h->s);
	free(h->err);
	h->s = h->err = NULL;
}

static void
drop_pending(struct sq_csv *c)
{
	for (size_t i = 0; i < c->npend; i++)
		held_free(&c->pend[i]);
	c->npend = 0;
	c->pend_bytes = 0;
}

void
sq_csv_free(struct sq_csv *c)
{
	if (c == NULL)
		return;
	drop_pending(c);
	free(c->pend);
	for (size_t i = c->replay_pos; i < c->nreplay; i++)
		held_free(&c->replay[i]);
	free(c->replay);
	held_free(&c->cur_replay);
	csv_free(&c->p);
	free(c);
}

static void
hold(struct sq_csv *c, const struct sq_line *l)
{
	if (c->npend == c->cappend) {
		c->cappend = c->cappend ? c->cappend * 2 : 8;
		c->pend = sq_xrealloc(c->pend, c->cappend * sizeof(*c->pend));
	}
	struct held_line *h = &c->pend[c->npend++];
	h->s = sq_xstrndup(l->s, l->len);
	h->len = l->len;
	h->no = l->no;
	h->err = l->err ? sq_xstrdup(l->err) : NULL;
	c->pend_bytes += l->len;
}

/* The next physical line: from the replay queue first, then the source. */
static int
next_line(struct sq_csv *c, struct sq_line *l)
{
	if (c->replay_pos < c->nreplay) {
		held_free(&c->cur_replay);
		c->cur_replay = c->replay[c->replay_pos++];
		if (c->replay_pos == c->nreplay)
			c->replay_pos = c->nreplay = 0;
		l->s = c->cur_replay.s;
		l->len = c->cur_replay.len;
		l->no = c->cur_replay.no;
		l->err = c->cur_replay.err;
		return 1;
	}
	return sq_source_next(c->src, l);
}

static size_t
body_len(const char *s, size_t len)
{
	if (len && s[len - 1] == '\n')
		len--;
	if (len && s[len - 1] == '\r')
		len--;
	return len;
}

/* Reject the held record's first line; read the others again later. */
static void
resync(struct sq_csv *c, struct sq_rec *rec, const char *why)
{
	struct held_line first = c->pend[0];
	size_t rest = c->npend - 1;
	size_t left = c->nreplay - c->replay_pos;
	struct held_line *q = sq_xmalloc((rest + left + 1) * sizeof(*q));

	memcpy(q, c->pend + 1, rest * sizeof(*q));
	if (left)	/* replay may be NULL: memcpy(..., NULL, 0) is UB */
		memcpy(q + rest, c->replay + c->replay_pos, left * sizeof(*q));
	free(c->replay);
	c->replay = q;
	c->nreplay = rest + left;
	c->replay_pos = 0;
	c->npend = 0;
	c->pend_bytes = 0;
	reset_parser(c);

	sq_rec_clear(rec);
	sq_rec_push(rec, first.s, body_len(first.s, first.len));
	rec->line = first.no;
	sq_rec_seterr(rec, "%s", why);
	held_free(&first);
}

static void
on_field(void *s, size_t len, void *data)
{
	struct sq_csv *c = data;

	sq_rec_push(c->target, s ? s : "", len);
}

static void
on_row(int ch, void *data)
{
	(void)ch;
	(void)data;
}

/*
 * The common line: no quote at all.  Copied once into the record, then cut
 * at each delimiter in place, 16 bytes a step where SSE2 is there: this is
 * the reader's hot loop (a memchr per field cost a quarter of sq-cat).
 * Returns 0, or -1 (rec untouched) when the line holds a '"' and needs
 * libcsv.  *plain: no CR, and no tab in a comma-separated line, so the
 * writer may copy the fields without looking for what needs quotes.
 */
static int
split_plain(struct sq_rec *rec, const char *s, size_t n, char delim,
    int *plain)
{
	size_t i = 0, start = 0;
	int odd = 0;		/* a CR, or a tab between commas */

	sq_rec_reserve(rec, n + 16, 16);	/* 16: the last step stores 16 */
	char *dst = rec->buf + rec->buflen;
	size_t base = rec->buflen;
	size_t nf0 = rec->nf;
#define CUT(at) do {							\
		if (rec->nf == rec->fcap)				\
			sq_rec_reserve(rec, 0, 16);			\
		rec->off[rec->nf] = base + start;			\
		rec->len[rec->nf++] = (at) - start;			\
		start = (at) + 1;					\
	} while (0)
#ifdef __SSE2__
	const __m128i vd = _mm_set1_epi8(delim), vq = _mm_set1_epi8('"'),
	    vr = _mm_set1_epi8('\r'), vt = _mm_set1_epi8('\t');
	for (; i < n; i += 16) {
		__m128i v;
		if (n - i >= 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		} else {
			/* the tail, padded with NULs, which match nothing */
			char tail[16] = { 0 };
			memcpy(tail, s + i, n - i);
			v = _mm_loadu_si128((const __m128i *)(const void *)tail);
		}
		_mm_storeu_si128((__m128i *)(void *)(dst + i), v);
		unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vq));
		if (q)
			goto quoted;
		odd |= _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, vr),
		    _mm_cmpeq_epi8(v, vt)));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vd));
		while (m) {
			size_t at = i + (size_t)__builtin_ctz(m);
			dst[at] = '\0';
			CUT(at);
			m &= m - 1;
		}
	}
#endif
	for (; i < n; i++) {
		char ch = s[i];
		if (ch == '"')
			goto quoted;
		if (ch == delim) {
			dst[i] = '\0';
			CUT(i);
		} else {
			dst[i] = ch;
			odd |= ch == '\r' || ch == '\t';
		}
	}
	CUT(n);
#undef CUT
	dst[n] = '\0';
	rec->buflen = base + n + 1;
	*plain = !odd;	/* (meaningless when tabs were the cuts) */
	return 0;
quoted:
	rec->nf = nf0;
	return -1;
}

static int
in_open_quote(const struct sq_csv *c)
{
	return c->p.pstate == LIBCSV_FIELD_BEGUN && c->p.quoted;
}

/* Count of fields in rec, not counting empty ones past expect. */
static int
fits(const struct sq_rec *rec, size_t expect)
{
	if (expect == 0 || rec->nf == expect)
		return 1;
	if (rec->nf < expect)
		return 0;
	for (size_t i = expect; i < rec->nf; i++)
		if (rec->len[i])
			return 0;
	return 1;
}

/*
 * The delimiter, from the first line that shows one outside quotes: ','
 * if there is a comma, else '\t'; 0 while no line has shown one.  A tab
 * inside a quoted name that runs onto the next line made a comma-separated
 * file read as tab-separated (fuzz_json).
 */
static char
sniff_delim(const char *s, size_t n)
{
	int quoted = 0, tab = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			return ',';
		else if (!quoted && s[i] == '\t')
			tab = 1;
	}
	return tab ? '\t' : 0;
}

int
sq_csv_next(struct sq_csv *c, struct sq_rec *rec, size_t expect_nf, long *blank)
{
	struct sq_line l;
	char why[160];

	sq_rec_clear(rec);
	c->target = rec;
	for (;;) {
		int r = next_line(c, &l);
		if (r < 0)
			return SQ_READ_IOERR;
		if (r == 0) {
			if (c->npend == 0)
				return SQ_READ_EOF;
			snprintf(why, sizeof(why), _("unterminated quote: the "
			    "quoted field opened on this line never closes"));
			resync(c, rec, why);
			return SQ_READ_BAD;
		}
		size_t n = body_len(l.s, l.len);
		if (l.err) {
			if (c->npend) {
				hold(c, &l);
				snprintf(why, sizeof(why), _("unterminated quote? "
				    "the quoted field runs into line %ld, which "
				    "%s"), l.no, l.err);
				resync(c, rec, why);
				return SQ_READ_BAD;
			}
			sq_rec_push(rec, l.s, n);
			rec->line = l.no;
			sq_rec_seterr(rec, "%s", l.err);
			return SQ_READ_BAD;
		}
		if (c->npend == 0) {
			rec->line = l.no;
			if (n == 0) {
				(*blank)++;
				continue;
			}
			if (c->delim == 0 && (c->delim = sniff_delim(l.s, n)) != 0)
				csv_set_delim(&c->p, (unsigned char)c->delim);
			char d = c->delim ? c->delim : ',';
			int plain;
			if (split_plain(rec, l.s, n, d, &plain) == 0) {
				/*
				 * split on commas, so only a lone CR (and a
				 * tab: see writer.c) needs quotes
				 */
				rec->plain = d == ',' && plain;
				return SQ_READ_OK;
			}
		}
		/*
		 * libcsv grows its field buffer by blk_size (128 bytes by
		 * default) at a time: a 5 MB field took ~40,000 reallocs,
		 * each copying the field (minutes under ASan, where realloc
		 * always copies).  Room for the whole line at once instead.
		 */
		csv_set_blk_size(&c->p, l.len > 4096 ? l.len : 4096);
		if (csv_parse(&c->p, l.s, n, on_field, on_row, c) != n) {
			if (c->npend) {
				hold(c, &l);
				snprintf(why, sizeof(why), _("unterminated or "
				    "stray quote: the quoted field opened here "
				    "breaks on line %ld"), l.no);
				resync(c, rec, why);
				return SQ_READ_BAD;
			}
			reset_parser(c);
			sq_rec_clear(rec);
			sq_rec_push(rec, l.s, n);
			rec->line = l.no;
			sq_rec_seterr(rec, "stray quote: a '\"' inside a field "
			    "must be doubled and the field quoted (RFC 4180)");
			return SQ_READ_BAD;
		}
		if (in_open_quote(c)) {
			hold(c, &l);
			/*
			 * bounded by bytes, not lines: a note of 90,000
			 * Alt+Enter lines is one cell, and a quote that never
			 * closes is still caught past --max-field
			 */
			if (c->pend_bytes > c->max_record) {
				snprintf(why, sizeof(why), _("unterminated quote: "
				    "the quoted field opened here runs over %zu "
				    "lines and %zu bytes, past --max-field"),
				    c->npend, c->pend_bytes);
				resync(c, rec, why);
				return SQ_READ_BAD;
			}
			/* the line end is part of the quoted field */
			csv_parse(&c->p, l.s + n, l.len - n, on_field, on_row, c);
			continue;
		}
		csv_parse(&c->p, "\n", 1, on_field, on_row, c);
		if (c->npend) {
			hold(c, &l);
			if (!fits(rec, expect_nf)) {
				snprintf(why, sizeof(why), _("unterminated quote? "
				    "the quoted field opened here runs to line "
				    "%ld and leaves %zu fields, not %zu"), l.no,
				    rec->nf, expect_nf);
				resync(c, rec, why);
				return SQ_READ_BAD;
			}
			rec->line = c->pend[0].no;
			drop_pending(c);
		}
		return SQ_READ_OK;
	}
}
