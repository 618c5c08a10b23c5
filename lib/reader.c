#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bookread.h"
#include "buf.h"
#include "datadir.h"
#include "diag.h"
#include "hmap.h"
#include "jsonread.h"
#include "lines.h"
#include "magic.h"
#include "reader.h"
#include "text.h"
#include "threads.h"

#define HEADER_WINDOW	10	/* records looked at to find the header */

struct queued {
	struct sq_rec rec;
	int	 status;
};

struct sq_reader {
	struct sq_source *src;
	struct sq_csv *csv;
	struct sq_json *json;
	struct sq_book *book;		/* a workbook, read instead of src */
	struct sq_reader_opts o;

	struct sq_rec header;		/* names as used */
	struct sq_rec raw;		/* names as written */
	struct sq_hmap hidx;		/* header name -> column */
	struct sq_hmap rawidx;		/* raw name -> its first column */
	long	 header_line;
	struct sq_reader_stats st;

	struct queued *q;		/* records read ahead to find the header */
	size_t	 nq, qpos, qcap;

	struct ahead *ahead;		/* a thread reading ahead, or NULL */
	int	 ahead_pending;		/* wanted: started at the first record */

	/* sq_reader_prepare(): work on each record where it is read */
	void	(*prep)(void *, const struct sq_rec *, int, void *);
	void	*prepctx;
	void	*prepctx2;		/* the caller's: the work is shared */
	size_t	 prepsz;
	char	*prepone;		/* the one record's, without the thread */
};

/* The first field starts with U+FEFF, a byte order mark. */
static int
has_bom(const struct sq_rec *rec)
{
	return sq_starts_bom(sq_rec_get(rec, 0), rec->len[0]);
}

/* The name in messages: the file, or a workbook's "FILE:SHEET!". */
static const char *
rname(const struct sq_reader *r)
{
	return r->book ? sq_book_name(r->book) : sq_source_name(r->src);
}

/* The next row of a CSV file or a workbook, the same way. */
static int
rows_next(struct sq_reader *r, struct sq_rec *rec, size_t expect_nf)
{
	if (r->book)
		return sq_book_next(r->book, rec, expect_nf, &r->st.blank);
	return sq_csv_next(r->csv, rec, expect_nf, &r->st.blank);
}

static int	 ahead_wanted(const struct sq_reader *);
static void	 ahead_start(struct sq_reader *);
static void	 ahead_stop(struct sq_reader *);
static void	 ahead_free(struct sq_reader *);
static void	 footers_load(const char *datadir);

static int
line_is_blank(const struct sq_line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t' && l->s[i] != '\r' &&
		    l->s[i] != '\n')
			return 0;
	return 1;
}

/* JSON if the first non-blank line starts an object or an array of them. */
static enum sq_ifmt
detect(struct sq_reader *r)
{
	struct sq_line l;
	int n;

	while ((n = sq_source_next(r->src, &l)) == 1 && !l.err &&
	    line_is_blank(&l))
		r->st.blank++;
	if (n != 1)
		return SQ_IN_CSV;
	sq_source_unread(r->src);
	if (l.err)
		return SQ_IN_CSV;
	size_t i = 0;
	while (i < l.len && (l.s[i] == ' ' || l.s[i] == '\t'))
		i++;
	if (i < l.len && l.s[i] == '{')
		return SQ_IN_JSON;
	if (i < l.len && l.s[i] == '[') {
		for (i++; i < l.len && (l.s[i] == ' ' || l.s[i] == '\t'); i++)
			;
		if (i == l.len || l.s[i] == '{' || l.s[i] == ']' ||
		    l.s[i] == '\r' || l.s[i] == '\n')
			return SQ_IN_JSON;
	}
	return SQ_IN_CSV;
}

static void
enqueue(struct sq_reader *r, const struct sq_rec *rec, int status)
{
	/*
	 * The queue grows by doubling.  It grew by one record at a time,
	 * fixing every record up each time: a JSON file with 300,000 bad
	 * lines before its first object took two minutes (O(n^2); found by
	 * fuzz_reader as a timeout).
	 */
	if (r->nq == r->qcap) {
		r->qcap = r->qcap ? 2 * r->qcap : 16;
		r->q = sq_xrealloc(r->q, r->qcap * sizeof(*r->q));
		/*
		 * A record's err points into its own errbuf: realloc moved
		 * the queued records, so point them at their new errbuf.
		 * (Before, a rejected row among the first ten read its
		 * reason from freed memory: garbled messages, and a
		 * use-after-free under ASan.)
		 */
		for (size_t i = 0; i < r->nq; i++)
			if (r->q[i].rec.err)
				r->q[i].rec.err = r->q[i].rec.errbuf;
	}
	sq_rec_init(&r->q[r->nq].rec);
	sq_rec_copy(&r->q[r->nq].rec, rec);
	r->q[r->nq].status = status;
	r->nq++;
}

static const char *
rec_key(void *ctx, uint32_t i, size_t *len)
{
	const struct sq_rec *rec = ctx;

	*len = rec->len[i];
	return sq_rec_get(rec, i);
}

static long
find_name(const struct sq_reader *r, const char *name)
{
	return sq_hmap_get(&r->hidx, name, strlen(name));
}

static int
name_in_header(const char *name, void *arg)
{
	return find_name(arg, name) >= 0;
}

/*
 * Names as used: canonical where asked, empty ones named, repeats renamed.
 * The names so far are looked up in a hash index: the linear search before
 * made a header of 1,000,000 columns take hours (O(n^2)), and next[] keeps
 * where the "_N" numbering of each repeated name got to, so a million
 * columns all called "a" do not try "a_2", "a_3", ... again for each one.
 */
static void
build_header(struct sq_reader *r)
{
	const char *file = rname(r);
	char name[SQ_NAME_MAX];
	int *next = sq_xcalloc(r->raw.nf + 1, sizeof(*next));

	sq_rec_clear(&r->header);
	sq_hmap_free(&r->hidx);
	sq_hmap_init(&r->hidx, rec_key, &r->header);
	sq_hmap_reserve(&r->hidx, r->raw.nf);
	sq_hmap_free(&r->rawidx);
	sq_hmap_init(&r->rawidx, rec_key, &r->raw);
	sq_hmap_reserve(&r->rawidx, r->raw.nf);
	for (size_t i = 0; i < r->raw.nf; i++)
		sq_hmap_put_new(&r->rawidx, sq_rec_get(&r->raw, i),
		    r->raw.len[i], (uint32_t)i);
	/*
	 * The canonical names: whole aliases first; then a header none
	 * matches is read by its key words, if no column already has that
	 * name (紧急联系人电话 beside 联系电话 stays as it is), with a
	 * warning, since a word can mislead; one that could be either of two
	 * is left as it is, with the alias to add.
	 */
	const char **canons = sq_xcalloc(r->raw.nf + 1, sizeof(*canons));
	for (size_t i = 0; r->o.canonical && i < r->raw.nf; i++)
		canons[i] = sq_aliases_lookup(r->o.aliases,
		    sq_rec_get(&r->raw, i), r->raw.len[i]);
	for (size_t i = 0; r->o.canonical && i < r->raw.nf; i++) {
		const char *raw = sq_rec_get(&r->raw, i), *word, *other;
		if (canons[i] || r->raw.len[i] == 0)
			continue;
		const char *k = sq_aliases_keyword(r->o.aliases, raw,
		    r->raw.len[i], &word, &other);
		if (k == NULL && other != NULL) {
			sq_warn(file, r->header_line, "column %zu '%s' may be "
			    "%s ('%s') or %s: left as it is; add it to "
			    "aliases.txt under the one it is, e.g. '%s: %s'",
			    i + 1, raw, sq_aliases_lookup(r->o.aliases, word,
			    strlen(word)), word, other, other, raw);
			continue;
		}
		if (k == NULL)
			continue;
		size_t j = 0;
		while (j < r->raw.nf && (canons[j] == NULL ||
		    strcmp(canons[j], k) != 0))
			j++;
		if (j < r->raw.nf)
			continue;	/* another column is that already */
		canons[i] = k;
		sq_warn(file, r->header_line, "column %zu '%s' read as %s (it "
		    "says '%s'); if that is wrong, add it to aliases.txt",
		    i + 1, raw, k, word);
	}
	for (size_t i = 0; i < r->raw.nf; i++) {
		const char *raw = sq_rec_get(&r->raw, i);
		size_t len = r->raw.len[i];
		const char *canon = canons[i];

		if (len == 0)
			snprintf(name, sizeof(name), "column_%zu", i + 1);
		else if (canon && find_name(r, canon) < 0)
			snprintf(name, sizeof(name), "%s", canon);
		else {
			if (canon)
				sq_warn(file, r->header_line, "column %zu '%s' "
				    "means %s too; kept the first and left this "
				    "one as it is", i + 1, raw, canon);
			/*
			 * Long names are cut at 500 bytes, at a character
			 * boundary: cut inside one, the name was not UTF-8
			 * and the output did not read back (fuzz_json).
			 */
			size_t cut = sq_utf8_cut(raw, len, 500);
			snprintf(name, sizeof(name), "%.*s", (int)cut, raw);
		}
		long j = find_name(r, name);
		if (j >= 0) {
			char base[SQ_NAME_MAX];
			snprintf(base, sizeof(base), "%s", name);
			sq_name_free_suffix(name, base, &next[j], name_in_header,
			    r);
			sq_warn(file, r->header_line, "column %zu '%s' repeats "
			    "an earlier column; named it '%s'", i + 1, base, name);
		}
		sq_rec_push(&r->header, name, strlen(name));
		sq_hmap_put(&r->hidx, name, strlen(name), (uint32_t)i);
	}
	free(canons);
	free(next);
}

/* How many cells of REC are header names the aliases know. */
static size_t
known_names(const struct sq_rec *rec, const struct sq_aliases *a)
{
	size_t k = 0;

	for (size_t i = 0; a && i < rec->nf; i++)
		if (rec->len[i] && sq_aliases_lookup(a, sq_rec_get(rec, i),
		    rec->len[i]))
			k++;
	return k;
}

static int
csv_header(struct sq_reader *r)
{
	struct sq_rec recs[HEADER_WINDOW];
	int status[HEADER_WINDOW];
	size_t n = 0, h = 0;
	const char *file = rname(r);

	for (; n < HEADER_WINDOW; n++) {
		sq_rec_init(&recs[n]);
		status[n] = rows_next(r, &recs[n], 0);
		if (status[n] == SQ_READ_IOERR) {
			for (size_t i = 0; i <= n; i++)
				sq_rec_free(&recs[i]);
			return -1;
		}
		if (status[n] == SQ_READ_EOF) {
			sq_rec_free(&recs[n]);
			break;
		}
		if (r->o.header_line > 0 && recs[n].line < r->o.header_line) {
			/* above the named header: titles, however many */
			r->st.titles++;
			sq_rec_free(&recs[n--]);
			continue;
		}
		if (r->o.header_line > 0)
			break;
		if (r->o.header_line == 0 && status[n] == SQ_READ_OK &&
		    sq_rec_blank(&recs[n])) {
			r->st.blank++;
			sq_rec_free(&recs[n--]);
		}
	}
	if (r->o.header_line > 0) {
		/* the loop stops at the first record on or after that line */
		if (status[n] != SQ_READ_OK || recs[n].line != r->o.header_line) {
			sq_error("%s: line %ld does not start a readable row; "
			    "check --header-line", file, r->o.header_line);
			if (status[n] != SQ_READ_EOF)
				sq_rec_free(&recs[n]);
			return -1;
		}
		h = n++;
	} else {
		/* pick among the rows that parsed */
		struct sq_rec ok[HEADER_WINDOW];
		size_t map[HEADER_WINDOW], nok = 0;
		for (size_t i = 0; i < n; i++)
			if (status[i] == SQ_READ_OK) {
				ok[nok] = recs[i];
				map[nok++] = i;
			}
		if (nok == 0 && n == 0) {
			/*
			 * An empty file: no header, no rows.  A data problem
			 * unless asked for: a cron job whose export failed to
			 * download would otherwise say nothing (exit 1).
			 */
			if (!r->o.allow_empty)
				sq_problem(file, 0, "empty input: no header (did "
				    "the export fail?); --allow-empty takes it "
				    "as a table of no rows");
			return 0;
		}
		h = nok ? map[sq_header_pick(ok, nok, r->o.aliases)] : n;
		/*
		 * A line above the one picked could not be read.  It may be
		 * the header itself (wrong --encoding, a stray quote): taking
		 * a data row as the header then loses that row and mislabels
		 * every column, so unless the row picked names at least two
		 * known columns, stop and ask.  (Before, the unreadable
		 * header was skipped as a "title" and the first data row
		 * became the header, exit 0.)
		 */
		for (size_t i = 0; i < h && i < n; i++) {
			if (status[i] != SQ_READ_BAD)
				continue;
			if (h < n && known_names(&recs[h], r->o.aliases) >= 2)
				break;
			sq_error("%s:%ld: cannot read the header: %s (if the "
			    "header is on another line, give --header-line)",
			    file, recs[i].line, recs[i].err);
			for (size_t k = 0; k < n; k++)
				sq_rec_free(&recs[k]);
			return -1;
		}
	}
	if (h > 0) {
		r->st.titles += (long)h;
		sq_warn(file, recs[h].line, "took this line as the header and "
		    "skipped %zu row%s above it (a title?); use --header-line "
		    "to choose another", h, h == 1 ? "" : "s");
	}
	r->header_line = recs[h].line;
	sq_rec_copy(&r->raw, &recs[h]);
	/* a byte order mark inside the file (a title row above the header,
	   or two exports pasted together) is not part of the first name */
	if (r->raw.nf > 0 && has_bom(&r->raw)) {
		r->raw.off[0] += 3;
		r->raw.len[0] -= 3;
	}
	build_header(r);
	for (size_t i = h + 1; i < n; i++)
		enqueue(r, &recs[i], status[i]);
	for (size_t i = 0; i < n; i++)
		sq_rec_free(&recs[i]);
	return 0;
}

static int json_record(struct sq_reader *, json_t *, struct sq_rec *);

static int
json_header(struct sq_reader *r)
{
	struct sq_rec rec;
	json_t *obj;
	int st;

	sq_rec_init(&rec);
	for (;;) {
		st = sq_json_next(r->json, &obj, &rec);
		if (st == SQ_READ_IOERR) {
			sq_rec_free(&rec);
			return -1;
		}
		if (st != SQ_READ_BAD)
			break;
		enqueue(r, &rec, st);
	}
	if (st == SQ_READ_OK) {
		const char *key;
		json_t *v;
		r->header_line = rec.line;
		json_object_foreach(obj, key, v)
			sq_rec_push(&r->raw, key, strlen(key));
		build_header(r);
		long line = rec.line;
		st = json_record(r, obj, &rec);
		rec.line = line;
		json_decref(obj);
		enqueue(r, &rec, st);
	}
	sq_rec_free(&rec);
	return 0;
}

struct sq_reader *
sq_reader_open(const char *path, const struct sq_reader_opts *o)
{
	struct sq_reader *r = sq_xcalloc(1, sizeof(*r));
	enum sq_ifmt fmt;
	int rc;

	r->o = *o;
	footers_load(o->datadir);
	if (r->o.max_field == 0)
		r->o.max_field = SQ_MAX_FIELD_DEFAULT;
	sq_rec_init(&r->header);
	sq_rec_init(&r->raw);
	/* a PDF, a photo, an archive, a web page: say so, read nothing */
	unsigned char head[SQ_MAGIC_PEEK];
	ssize_t hn = sq_magic_peek(path, head, sizeof(head));
	const struct sq_magic *mg = hn > 0 ? sq_magic_of(head, (size_t)hn) :
	    NULL;
	if (mg != NULL) {
		sq_error("%s: this is %s, not a table shequ reads; %s",
		    strcmp(path, "-") == 0 ? "stdin" : path, mg->what,
		    mg->todo);
		free(r);
		return NULL;
	}
	int book = o->format == SQ_IN_AUTO || o->format == SQ_IN_BOOK ?
	    sq_book_sniff(path) : SQ_BOOK_NONE;
	if (book > 0) {
		struct sq_book_opts bo = { o->sheet, o->fill_merged,
		    r->o.max_field };
		if ((r->book = sq_book_open(path, book, &bo)) == NULL ||
		    csv_header(r) < 0) {
			sq_reader_close(r);
			return NULL;
		}
		return r;
	}
	if (o->format == SQ_IN_BOOK && book == SQ_BOOK_NONE) {
		sq_error("%s: not a workbook (.xlsx or .xls)", path);
		free(r);
		return NULL;
	}
	r->src = sq_source_open(path, o->encoding, r->o.max_field);
	if (r->src == NULL) {
		free(r);
		return NULL;
	}
	fmt = o->format == SQ_IN_AUTO ? detect(r) : o->format;
	if (fmt == SQ_IN_JSON) {
		r->json = sq_json_new(r->src, r->o.max_field);
		rc = json_header(r);
	} else {
		r->csv = sq_csv_new(r->src, r->o.max_field);
		rc = csv_header(r);
	}
	if (rc < 0) {
		sq_reader_close(r);
		return NULL;
	}
	/* the thread starts with the first record: sq_reader_prepare()
	   may come before it */
	r->ahead_pending = ahead_wanted(r);
	return r;
}

void
sq_reader_close(struct sq_reader *r)
{
	if (r == NULL)
		return;
	if (r->ahead)
		ahead_stop(r);
	for (size_t i = 0; i < r->nq; i++)
		sq_rec_free(&r->q[i].rec);
	free(r->q);
	sq_csv_free(r->csv);
	sq_json_free(r->json);
	sq_book_close(r->book);
	sq_source_close(r->src);
	sq_rec_free(&r->header);
	sq_rec_free(&r->raw);
	sq_hmap_free(&r->hidx);
	sq_hmap_free(&r->rawidx);
	free(r->prepone);
	free(r);
}

/*
 * The header again, as when two exports are pasted together; the second
 * may start with a byte order mark, which is not data (before, that header
 * became a row).  A record's values are left as they are.
 */
static int
same_as_header(const struct sq_reader *r, const struct sq_rec *rec)
{
	if (rec->nf < r->raw.nf)
		return 0;
	for (size_t i = 0; i < rec->nf; i++) {
		size_t n, vn = rec->len[i];
		const char *h = sq_rec_at(&r->raw, i, &n);
		const char *v = sq_rec_get(rec, i);
		if (i == 0 && has_bom(rec)) {
			v += 3;
			vn -= 3;
		}
		if (n != vn || memcmp(h, v, n) != 0)
			return 0;
	}
	return 1;
}

/* Make a CSV record fit the header, or say why it does not. */
static int
shape(struct sq_reader *r, struct sq_rec *rec)
{
	size_t want = r->header.nf;

	if (rec->nf == want)
		return SQ_READ_OK;
	if (rec->nf > want) {
		for (size_t i = want; i < rec->nf; i++)
			if (rec->len[i]) {
				sq_rec_seterr(rec, "row has %zu fields, the "
				    "header has %zu (a comma inside a value "
				    "that is not quoted?)", rec->nf, want);
				return SQ_READ_BAD;
			}
		/* trailing empty cells, as spreadsheets often add */
		rec->nf = want;
		return SQ_READ_OK;
	}
	/* a sheet does not store the empty cells at the end of a row */
	if (!r->o.ragged && !r->book) {
		sq_rec_seterr(rec, "row has %zu field%s, the header has %zu "
		    "(use --ragged to fill short rows with empty values)",
		    rec->nf, rec->nf == 1 ? "" : "s", want);
		return SQ_READ_BAD;
	}
	while (rec->nf < want)
		sq_rec_push(rec, "", 0);
	return SQ_READ_OK;
}

static long
json_col(const struct sq_reader *r, const char *key, size_t guess)
{
	if (guess < r->raw.nf && strcmp(sq_rec_get(&r->raw, guess), key) == 0)
		return (long)guess;
	/* keys in another order: hashed, not a scan per key (O(n^2)) */
	return sq_hmap_get(&r->rawidx, key, strlen(key));
}

/* An object as a record in header order; values as strings. */
static int
json_record(struct sq_reader *r, json_t *obj, struct sq_rec *rec)
{
	size_t n = r->raw.nf, k = 0;
	const char *key;
	json_t *v;
	char **vals = sq_xcalloc(n ? n : 1, sizeof(*vals));
	size_t *lens = sq_xcalloc(n ? n : 1, sizeof(*lens));
	int st = SQ_READ_OK;

	json_object_foreach(obj, key, v) {
		long c = json_col(r, key, k++);
		if (c < 0) {
			sq_rec_seterr(rec, "key \"%s\" is not among the first "
			    "object's keys (line %ld)", key, r->header_line);
			st = SQ_READ_BAD;
			break;
		}
		if (json_is_string(v)) {
			vals[c] = sq_xstrndup(json_string_value(v),
			    json_string_length(v));
			lens[c] = json_string_length(v);
		} else if (!json_is_null(v)) {
			vals[c] = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
			lens[c] = vals[c] ? strlen(vals[c]) : 0;
		}
	}
	if (st == SQ_READ_BAD) {
		/* the object as read */
		char *text = json_dumps(obj, JSON_COMPACT);
		const char *err = rec->err;
		char why[256];
		snprintf(why, sizeof(why), "%s", err);
		sq_rec_clear(rec);
		sq_rec_push(rec, text ? text : "", text ? strlen(text) : 0);
		sq_rec_seterr(rec, "%s", why);
		free(text);
	} else {
		sq_rec_clear(rec);
		for (size_t i = 0; i < n; i++)
			sq_rec_push(rec, vals[i] ? vals[i] : "", lens[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	free(lens);
	return st;
}

static int
next_raw(struct sq_reader *r, struct sq_rec *rec)
{
	if (r->qpos < r->nq) {
		struct queued *q = &r->q[r->qpos++];
		sq_rec_copy(rec, &q->rec);
		int st = q->status;
		sq_rec_free(&q->rec);
		if (r->qpos == r->nq) {
			free(r->q);
			r->q = NULL;
			r->nq = r->qpos = r->qcap = 0;
		}
		return st;
	}
	if (r->csv || r->book)
		return rows_next(r, rec, r->header.nf);
	json_t *obj;
	int st = sq_json_next(r->json, &obj, rec);
	if (st == SQ_READ_OK) {
		long line = rec->line;
		st = json_record(r, obj, rec);
		rec->line = line;
		json_decref(obj);
	}
	return st;
}

/*
 * Rows at the foot (or top) of an export that are not records: the words
 * of share/footers.txt, read once for the whole program (before any
 * reading thread starts), by section: totals, signers, notes.
 */
enum { FW_TOTAL, FW_SIGNER, FW_NOTE, NFW };
#define FW_MAX	64

static struct footwords {
	int	 loaded;
	char	*w[NFW][FW_MAX];
	size_t	 len[NFW][FW_MAX], n[NFW];
	unsigned char lead[256];	/* a first byte some word starts with */
} FW;

static void
footers_load(const char *datadir)
{
	static const char *const sect[NFW] = { "totals", "signers", "notes" };
	char path[4096];
	struct sq_lines l;
	size_t n;
	char *p;
	int at = -1;

	if (FW.loaded)
		return;
	FW.loaded = 1;
	snprintf(path, sizeof(path), "%s/footers.txt", datadir ? datadir :
	    sq_share_dir());
	if (sq_lines_open(&l, path) < 0) {
		sq_warn(path, 0, "cannot read the footer words: totals, "
		    "signature and note lines are read as rows (is shequ "
		    "installed? set SHEQU_DATADIR or --datadir)");
		return;
	}
	while ((p = sq_lines_next(&l, &n)) != NULL) {
		int k = sq_lines_section_of(p, n, sect, NFW);
		if (k >= 0) {
			at = k;
			continue;
		}
		if (at < 0) {
			sq_warn(path, l.no, "a word before any [section]: left "
			    "out");
			continue;
		}
		if (FW.n[at] == FW_MAX) {
			sq_warn(path, l.no, "more than %d words in the "
			    "section: left out", FW_MAX);
			continue;
		}
		FW.w[at][FW.n[at]] = sq_xstrndup(p, n);
		FW.len[at][FW.n[at]++] = n;
		FW.lead[(unsigned char)*p] = 1;
	}
	sq_lines_close(&l);
}

/* The first non-empty cell of rec, blanks before it skipped; 0 if none. */
static int
first_cell(const struct sq_rec *rec, const char **s, const char **end,
    size_t *cells)
{
	size_t i = 0;

	while (i < rec->nf && rec->len[i] == 0)
		i++;
	if (i == rec->nf)
		return 0;
	*cells = 0;
	for (size_t k = i; k < rec->nf; k++)
		*cells += rec->len[k] != 0;
	*s = sq_rec_get(rec, i);
	*end = *s + rec->len[i];
	while (*s < *end && (**s == ' ' || **s == '\t'))
		(*s)++;
	/* every row is asked: most start with no word's first byte */
	return *s < *end && FW.lead[(unsigned char)**s];
}

/*
 * A totals row ("合计,,,35", "总计：35户"): the word alone or followed by a
 * colon, a space, a bracket or a number.  It is not a record of the table;
 * before, it went through as one (a household called 合计).  It is now
 * rejected with that reason, so it is counted and lands in --rejects.
 */
static const char *
total_row(const struct sq_rec *rec)
{
	const char *s, *end;
	size_t cells;

	if (!first_cell(rec, &s, &end, &cells))
		return NULL;
	for (size_t i = 0; i < FW.n[FW_TOTAL]; i++) {
		size_t wl = FW.len[FW_TOTAL][i];
		if ((size_t)(end - s) < wl ||
		    memcmp(s, FW.w[FW_TOTAL][i], wl) != 0)
			continue;
		const char *t = s + wl;
		if (t == end || *t == ':' || *t == ' ' || *t == '(' ||
		    (*t >= '0' && *t <= '9') ||
		    (end - t >= 3 && (memcmp(t, "：", 3) == 0 ||
		    memcmp(t, "（", 3) == 0)))
			return FW.w[FW_TOTAL][i];
	}
	return NULL;
}

/*
 * A signature or footnote line ("制表人：张三,审核人：李四", "填报说明：……"
 * or "备注：……" spanning the row): a signer's word and a colon; or, for a
 * note, the same in the only non-empty cell.  Returns the word, or NULL.
 * Not a record: skipped with a warning naming the line, never a household.
 */
static const char *
footer_row(const struct sq_rec *rec)
{
	const char *s, *end;
	size_t cells;

	if (!first_cell(rec, &s, &end, &cells))
		return NULL;
	for (int k = FW_SIGNER; k <= FW_NOTE; k++) {
		if (k == FW_NOTE && cells != 1)
			break;
		/* each word of the section, not only the first that fits:
		   制表 is not 制表人's "制表：" */
		for (size_t i = 0; i < FW.n[k]; i++) {
			size_t wl = FW.len[k][i];
			if ((size_t)(end - s) < wl ||
			    memcmp(s, FW.w[k][i], wl) != 0)
				continue;
			const char *t = s + wl;
			while (t < end && *t == ' ')
				t++;
			if (t < end && (*t == ':' || (end - t >= 3 &&
			    memcmp(t, "：", 3) == 0)))
				return FW.w[k][i];
		}
	}
	return NULL;
}

/* The next record, skipping blank lines and repeated headers. */
static int
next_record(struct sq_reader *r, struct sq_rec *rec)
{
	for (;;) {
		int st = next_raw(r, rec);

		if (st == SQ_READ_EOF || st == SQ_READ_IOERR)
			return st;
		if (st == SQ_READ_OK && sq_rec_blank(rec)) {
			r->st.blank++;
			continue;
		}
		const char *word;
		if (st == SQ_READ_OK && (word = footer_row(rec)) != NULL) {
			r->st.blank++;
			sq_warn(rname(r), rec->line, "a signature or note line "
			    "('%s：…'), not a record; skipped", word);
			continue;
		}
		if (st == SQ_READ_OK && (word = total_row(rec)) != NULL) {
			/* before shape(): "总计：35户" alone is short, too */
			sq_rec_seterr(rec, "a totals row ('%s'), not a record; "
			    "left out", word);
			st = SQ_READ_BAD;
		}
		if (st == SQ_READ_OK && (r->csv || r->book)) {
			if (same_as_header(r, rec)) {
				r->st.headers++;
				sq_warn(rname(r), rec->line, "the "
				    "header again (two exports pasted "
				    "together?); skipped");
				continue;
			}
			st = shape(r, rec);
		}
		r->st.rows++;
		if (st == SQ_READ_BAD)
			r->st.bad++;
		return st;
	}
}

/* ---- reading ahead ---------------------------------------------------- */

/*
 * A big CSV file is read by a second thread: it turns lines into records
 * (decoding, splitting, checking the shape) a batch ahead while the program
 * works on the ones before, so the two cores share the work.  Memory stays
 * bounded: NBATCH batches of BATCH records.  A batch keeps its records back
 * to back (bytes, then field offsets and lengths), which the caller's core
 * reads in order: handing over each record's own buffers cost more in
 * cache misses than the reading saved.  The thread's messages are kept
 * with the batch and told when the caller reaches the record they came
 * before, so what is printed, in what order, and the exit status are the
 * same as reading in one thread.
 *
 * Batches are big because each handover may wake the other thread, which
 * takes tens of microseconds in a virtual machine: with 512 records it was
 * slower than one thread.
 */
enum { NBATCH = 3, BATCH = 4096 };
/*
 * Shared preparing (sq_reader_prepare_shared): a batch's records are
 * prepared a chunk at a time, by the caller from the front as it takes
 * them, by the reading thread from the back once every batch is full;
 * the two meet in the middle.  A chunk is a few hundred microseconds of
 * work: claiming one under the lock costs nothing beside it.
 */
enum { CHUNK = 64, NCHUNK = BATCH / CHUNK };
#define AHEAD_MIN_BYTES	((long long)256 << 10)	/* smaller: not worth a thread */
#define BATCH_KEEP	((size_t)8 << 20)	/* a batch's bytes kept at most */

struct entry {
	long	 line;
	int	 status;
	int	 plain;
	size_t	 at, buflen;		/* its bytes: bytes[at, at + buflen) */
	size_t	 field, nf;		/* its fields: off[field ...], len[...] */
	size_t	 err;			/* its reason at bytes[err], or NO_ERR */
	size_t	 msgend;		/* log bytes to tell before it */
	long	 blank, headers;	/* skipped up to it */
};
#define NO_ERR	((size_t)-1)

struct batch {
	struct entry e[BATCH];
	size_t	 n;
	char	*bytes;
	size_t	 nbytes, capbytes;
	size_t	*off, *len;
	size_t	 nfields, capfields;
	int	 last;			/* the input ends after e[n-1] ... */
	int	 final;			/* ... with EOF or an I/O error */
	struct sq_buf log;		/* the thread's messages, in order */
	struct sq_reader_stats st;	/* as of the batch's end */
	char	*prep;			/* BATCH results of sq_reader_prepare */
	/* shared preparing: chunks [lo, hi) are not claimed yet */
	size_t	 lo, hi;
	unsigned char done[NCHUNK];	/* prepared by the reading thread */
};

struct ahead {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch b[NBATCH];
	size_t	 head, full;		/* next batch to take; batches filled */
	int	 stop;			/* closed early: the thread ends */
	int	 eof;			/* the last batch is in: shared preparing
					   is what is left for the thread */
	/* the caller's side */
	struct batch *cur;
	size_t	 pos, told;
	void	*prepped;		/* the last record's */
	int	 ended;			/* the final status is reached ... */
	int	 final;			/* ... and is this */
	struct sq_reader_stats st;	/* handed to sq_reader_stats */
};

static size_t
add_bytes(struct batch *b, const char *s, size_t n)
{
	size_t at = b->nbytes;

	if (b->nbytes + n > b->capbytes) {
		size_t cap = b->capbytes ? b->capbytes : (size_t)64 << 10;
		while (cap < b->nbytes + n)
			cap *= 2;
		b->bytes = sq_xrealloc(b->bytes, cap);
		b->capbytes = cap;
	}
	memcpy(b->bytes + at, s, n);
	b->nbytes += n;
	return at;
}

/* Put the record the thread read at the end of batch b. */
static void
add_record(struct batch *b, const struct sq_rec *rec, int st)
{
	struct entry *e = &b->e[b->n++];

	e->line = rec->line;
	e->status = st;
	e->plain = rec->plain;
	e->buflen = rec->buflen;
	e->at = add_bytes(b, rec->buf, rec->buflen);
	e->err = rec->err ? add_bytes(b, rec->err, strlen(rec->err) + 1) : NO_ERR;
	if (b->nfields + rec->nf > b->capfields) {
		size_t cap = b->capfields ? b->capfields : 4096;
		while (cap < b->nfields + rec->nf)
			cap *= 2;
		b->off = sq_xrealloc(b->off, cap * sizeof(*b->off));
		b->len = sq_xrealloc(b->len, cap * sizeof(*b->len));
		b->capfields = cap;
	}
	e->field = b->nfields;
	e->nf = rec->nf;
	memcpy(b->off + b->nfields, rec->off, rec->nf * sizeof(*rec->off));
	memcpy(b->len + b->nfields, rec->len, rec->nf * sizeof(*rec->len));
	b->nfields += rec->nf;
}

/* Empty batch b for the next round; memory a huge row took goes back. */
static void
reset_batch(struct batch *b)
{
	b->n = b->nbytes = b->nfields = 0;
	b->last = 0;
	b->log.len = 0;
	if (b->capbytes > BATCH_KEEP) {
		free(b->bytes);
		b->bytes = NULL;
		b->capbytes = 0;
	}
	if (b->capfields * sizeof(size_t) > BATCH_KEEP) {
		free(b->off);
		free(b->len);
		b->off = b->len = NULL;
		b->capfields = 0;
	}
}

/* Record i of a full batch, its bytes where they are: for fn, which only reads. */
static void
entry_view(const struct batch *b, size_t i, struct sq_rec *v)
{
	const struct entry *e = &b->e[i];

	v->line = e->line;
	v->nf = e->nf;
	v->off = b->off + e->field;
	v->len = b->len + e->field;
	v->buf = b->bytes + e->at;
	v->buflen = v->bufcap = e->buflen;
	v->fcap = e->nf;
	v->err = e->err != NO_ERR ? b->bytes + e->err : NULL;
	v->plain = e->plain;
	v->errbuf[0] = '\0';
}

/* Shared preparing: chunk k of batch b, with the context of this thread. */
static void
prep_chunk(const struct sq_reader *r, struct batch *b, size_t k, void *ctx)
{
	struct sq_rec v;
	size_t end = (k + 1) * CHUNK < b->n ? (k + 1) * CHUNK : b->n;

	for (size_t i = k * CHUNK; i < end; i++) {
		entry_view(b, i, &v);
		r->prep(ctx, &v, b->e[i].status, b->prep + i * r->prepsz);
	}
}

/* The oldest full batch with chunks nobody claimed, or NULL; under a->mu. */
static struct batch *
to_help(struct ahead *a)
{
	for (size_t j = 0; j < a->full; j++) {
		struct batch *b = &a->b[(a->head + j) % NBATCH];
		if (b->lo < b->hi)
			return b;
	}
	return NULL;
}

static void *
ahead_main(void *arg)
{
	struct sq_reader *r = arg;
	struct ahead *a = r->ahead;
	struct sq_rec rec;
	size_t tail = 0;
	int shared = r->prep && r->prepctx2;

	sq_rec_init(&rec);
	for (;;) {
		struct batch *help = NULL;
		size_t k = 0;
		pthread_mutex_lock(&a->mu);
		/* a batch to read, else (shared) a chunk to prepare */
		while (!a->stop && (a->full == NBATCH || a->eof)) {
			if (shared && (help = to_help(a)) != NULL) {
				k = --help->hi;
				break;
			}
			if (a->eof)
				break;
			pthread_cond_wait(&a->cv, &a->mu);
		}
		int stop = a->stop, eof = a->eof;
		pthread_mutex_unlock(&a->mu);
		if (stop)
			break;
		if (help) {
			prep_chunk(r, help, k, r->prepctx);
			pthread_mutex_lock(&a->mu);
			help->done[k] = 1;
			pthread_cond_broadcast(&a->cv);
			pthread_mutex_unlock(&a->mu);
			continue;
		}
		if (eof)
			break;		/* all read, all claimed */
		struct batch *b = &a->b[tail];
		reset_batch(b);
		sq_diag_capture(&b->log);
		while (b->n < BATCH) {
			int st = next_record(r, &rec);
			if (st == SQ_READ_EOF || st == SQ_READ_IOERR) {
				b->last = 1;
				b->final = st;
				break;
			}
			add_record(b, &rec, st);
			if (r->prep && !shared)
				r->prep(r->prepctx, &rec, st,
				    b->prep + (b->n - 1) * r->prepsz);
			struct entry *e = &b->e[b->n - 1];
			e->msgend = b->log.len;
			e->blank = r->st.blank;
			e->headers = r->st.headers;
			/* a huge row's buffer is not kept for the next one */
			if (rec.bufcap > BATCH_KEEP ||
			    rec.fcap * sizeof(size_t) > BATCH_KEEP) {
				sq_rec_free(&rec);
				sq_rec_init(&rec);
			}
		}
		sq_diag_capture(NULL);
		b->st = r->st;
		pthread_mutex_lock(&a->mu);
		b->lo = 0;
		b->hi = shared ? (b->n + CHUNK - 1) / CHUNK : 0;
		memset(b->done, 0, sizeof(b->done));
		a->full++;
		a->eof = b->last;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		if (b->last && !shared)
			break;
		tail = (tail + 1) % NBATCH;
	}
	sq_rec_free(&rec);
	return NULL;
}

static int
ahead_wanted(const struct sq_reader *r)
{
	if (r->csv == NULL || r->o.readahead == SQ_READAHEAD_OFF)
		return 0;
	long long size = sq_source_file_size(r->src);
	if (size < 0)
		return 0;	/* a pipe: a slow writer would hold up close */
	/* under ulimit -v, one thread (sq-cat, which streams in 2 MB, ran
	   out of memory): even when the program asks for two */
	if (r->o.readahead == SQ_READAHEAD_ON)
		return sq_two_threads(0, -1);
	return sq_two_threads(size, AHEAD_MIN_BYTES);
}

static void
ahead_start(struct sq_reader *r)
{
	struct ahead *a = sq_xcalloc(1, sizeof(*a));

	for (int i = 0; i < NBATCH; i++) {
		sq_buf_init(&a->b[i].log);
		if (r->prep)
			a->b[i].prep = sq_xmalloc(BATCH * r->prepsz);
	}
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	a->st = r->st;		/* what finding the header skipped */
	r->ahead = a;
	/* the thread parses, it does not recurse: a small stack will do */
	pthread_attr_t attr;
	int made = 0;
	if (pthread_attr_init(&attr) == 0) {
		(void)pthread_attr_setstacksize(&attr, (size_t)1 << 20);
		made = pthread_create(&a->th, &attr, ahead_main, r) == 0;
		pthread_attr_destroy(&attr);
	}
	if (!made)		/* then read in this thread, as small files are */
		ahead_free(r);
}

static void
ahead_free(struct sq_reader *r)
{
	struct ahead *a = r->ahead;

	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	for (int i = 0; i < NBATCH; i++) {
		free(a->b[i].bytes);
		free(a->b[i].off);
		free(a->b[i].len);
		free(a->b[i].prep);
		sq_buf_free(&a->b[i].log);
	}
	free(a);
	r->ahead = NULL;
}

static void
ahead_stop(struct sq_reader *r)
{
	struct ahead *a = r->ahead;

	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->th, NULL);
	ahead_free(r);
}

static void
tell(struct ahead *a, size_t upto)
{
	if (upto > a->told)
		sq_diag_replay(a->cur->log.s + a->told, upto - a->told);
	a->told = upto;
}

static int
ahead_next(struct sq_reader *r, struct sq_rec *rec)
{
	struct ahead *a = r->ahead;

	for (;;) {
		if (a->ended)
			return a->final;
		if (a->cur == NULL) {
			pthread_mutex_lock(&a->mu);
			while (a->full == 0)
				pthread_cond_wait(&a->cv, &a->mu);
			a->cur = &a->b[a->head];
			pthread_mutex_unlock(&a->mu);
			a->pos = a->told = 0;
		}
		struct batch *b = a->cur;
		if (a->pos < b->n && a->pos % CHUNK == 0 && r->prepctx2) {
			/* shared: prepare this chunk, or wait for the thread's */
			size_t k = a->pos / CHUNK;
			pthread_mutex_lock(&a->mu);
			int mine = k < b->hi;
			if (mine)
				b->lo = k + 1;
			else
				while (!b->done[k])
					pthread_cond_wait(&a->cv, &a->mu);
			pthread_mutex_unlock(&a->mu);
			if (mine)
				prep_chunk(r, b, k, r->prepctx2);
		}
		if (a->pos < b->n) {
			const struct entry *e = &b->e[a->pos++];
			tell(a, e->msgend);
			sq_rec_clear(rec);
			sq_rec_reserve(rec, e->buflen + 1, e->nf);
			memcpy(rec->buf, b->bytes + e->at, e->buflen);
			rec->buflen = e->buflen;
			memcpy(rec->off, b->off + e->field, e->nf * sizeof(*rec->off));
			memcpy(rec->len, b->len + e->field, e->nf * sizeof(*rec->len));
			rec->nf = e->nf;
			rec->line = e->line;
			rec->plain = e->plain;
			if (e->err != NO_ERR) {
				snprintf(rec->errbuf, sizeof(rec->errbuf), "%s",
				    b->bytes + e->err);
				rec->err = rec->errbuf;
			}
			/* the counts as of this record: a program that
			   stops early (--strict) reports them */
			a->st.rows++;
			if (e->status == SQ_READ_BAD)
				a->st.bad++;
			a->st.blank = e->blank;
			a->st.headers = e->headers;
			a->prepped = b->prep ? b->prep + (a->pos - 1) *
			    r->prepsz : NULL;
			return e->status;
		}
		tell(a, b->log.len);
		a->st = b->st;
		if (b->last) {
			a->ended = 1;
			a->final = b->final;
			continue;
		}
		pthread_mutex_lock(&a->mu);
		a->head = (a->head + 1) % NBATCH;
		a->full--;
		a->cur = NULL;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
	}
}

int
sq_reader_next(struct sq_reader *r, struct sq_rec *rec)
{
	if (r->ahead_pending) {
		r->ahead_pending = 0;
		ahead_start(r);
	}
	if (r->ahead)
		return ahead_next(r, rec);
	int st = next_record(r, rec);
	if (st > 0 && r->prep)
		r->prep(r->prepctx2 ? r->prepctx2 : r->prepctx, rec, st,
		    r->prepone);
	return st;
}

void
sq_reader_prepare(struct sq_reader *r,
    void (*fn)(void *ctx, const struct sq_rec *, int status, void *out),
    void *ctx, size_t size)
{
	sq_reader_prepare_shared(r, fn, ctx, NULL, size);
}

void
sq_reader_prepare_shared(struct sq_reader *r,
    void (*fn)(void *ctx, const struct sq_rec *, int status, void *out),
    void *ctx, void *ctx_caller, size_t size)
{
	if (r->ahead != NULL)
		sq_fatal("sq_reader_prepare after the first record");
	r->prep = fn;
	r->prepctx = ctx;
	r->prepctx2 = ctx_caller;
	r->prepsz = size ? size : 1;
	free(r->prepone);
	r->prepone = sq_xmalloc(r->prepsz);
}

void *
sq_reader_prepared(const struct sq_reader *r)
{
	if (r->ahead)
		return r->ahead->prepped;
	return r->prepone;
}

const char *
sq_reader_name(const struct sq_reader *r)
{
	return rname(r);
}

size_t
sq_reader_ncols(const struct sq_reader *r)
{
	return r->header.nf;
}

const char *
sq_reader_colname(const struct sq_reader *r, size_t i)
{
	return sq_rec_at(&r->header, i, NULL);
}

const char *
sq_reader_rawname(const struct sq_reader *r, size_t i)
{
	return sq_rec_at(&r->raw, i, NULL);
}

long
sq_reader_col(const struct sq_reader *r, const char *name)
{
	return find_name(r, name);
}

long
sq_reader_col_any(const struct sq_reader *r, const char *const *names)
{
	char a[256], b[256];

	for (const char *const *n = names; *n; n++) {
		long c = find_name(r, *n);
		if (c >= 0)
			return c;
		size_t bl = sq_header_norm(*n, strlen(*n), b, sizeof(b));
		for (size_t i = 0; i < r->header.nf; i++) {
			const char *cn = sq_rec_get(&r->header, i);
			size_t al = sq_header_norm(cn, r->header.len[i], a,
			    sizeof(a));
			if (al == bl && memcmp(a, b, al) == 0)
				return (long)i;
		}
	}
	return -1;
}

const struct sq_aliases *
sq_reader_aliases(const struct sq_reader *r)
{
	return r->o.aliases;
}

const struct sq_rec *
sq_reader_header(const struct sq_reader *r)
{
	return &r->header;
}

const struct sq_rec *
sq_reader_rawheader(const struct sq_reader *r)
{
	return &r->raw;
}

long
sq_reader_header_lineno(const struct sq_reader *r)
{
	return r->header_line;
}

const struct sq_reader_stats *
sq_reader_stats(const struct sq_reader *r)
{
	if (r->ahead)
		return &r->ahead->st;
	return &r->st;
}

enum sq_enc
sq_reader_encoding(const struct sq_reader *r)
{
	return r->book ? SQ_ENC_UTF8 : sq_source_encoding(r->src);
}

int
sq_reader_is_book(const struct sq_reader *r)
{
	return r->book != NULL;
}

int
sq_reader_is_json(const struct sq_reader *r)
{
	return r->json != NULL;
}
