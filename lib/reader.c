#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hmap.h"
#include "jsonread.h"
#include "reader.h"

#define HEADER_WINDOW	10	/* records looked at to find the header */

struct queued {
	struct sq_rec rec;
	int	 status;
};

struct sq_reader {
	struct sq_source *src;
	struct sq_csv *csv;
	struct sq_json *json;
	struct sq_reader_opts o;

	struct sq_rec header;		/* names as used */
	struct sq_rec raw;		/* names as written */
	struct sq_hmap hidx;		/* header name -> column */
	struct sq_hmap rawidx;		/* raw name -> its first column */
	long	 header_line;
	struct sq_reader_stats st;

	struct queued *q;		/* records read ahead to find the header */
	size_t	 nq, qpos, qcap;
};

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
	const char *file = sq_source_name(r->src);
	char name[512];
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
	for (size_t i = 0; i < r->raw.nf; i++) {
		const char *raw = sq_rec_get(&r->raw, i);
		size_t len = r->raw.len[i];
		const char *canon = r->o.canonical ?
		    sq_aliases_lookup(r->o.aliases, raw, len) : NULL;

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
			size_t cut = len > 500 ? 500 : len;
			while (cut < len && cut > 0 &&
			    ((unsigned char)raw[cut] & 0xC0) == 0x80)
				cut--;
			snprintf(name, sizeof(name), "%.*s", (int)cut, raw);
		}
		long j = find_name(r, name);
		if (j >= 0) {
			char base[512];
			int k = next[j] ? next[j] : 2;
			snprintf(base, sizeof(base), "%s", name);
			do
				snprintf(name, sizeof(name), "%.500s_%d", base, k++);
			while (find_name(r, name) >= 0);
			next[j] = k;
			sq_warn(file, r->header_line, "column %zu '%s' repeats "
			    "an earlier column; named it '%s'", i + 1, base, name);
		}
		sq_rec_push(&r->header, name, strlen(name));
		sq_hmap_put(&r->hidx, name, strlen(name), (uint32_t)i);
	}
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
	const char *file = sq_source_name(r->src);

	for (; n < HEADER_WINDOW; n++) {
		sq_rec_init(&recs[n]);
		status[n] = sq_csv_next(r->csv, &recs[n], 0, &r->st.blank);
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
		if (nok == 0 && n == 0)
			return 0;	/* an empty file: no header, no rows */
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
	if (r->o.max_field == 0)
		r->o.max_field = SQ_MAX_FIELD_DEFAULT;
	sq_rec_init(&r->header);
	sq_rec_init(&r->raw);
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
	return r;
}

void
sq_reader_close(struct sq_reader *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nq; i++)
		sq_rec_free(&r->q[i].rec);
	free(r->q);
	sq_csv_free(r->csv);
	sq_json_free(r->json);
	sq_source_close(r->src);
	sq_rec_free(&r->header);
	sq_rec_free(&r->raw);
	sq_hmap_free(&r->hidx);
	sq_hmap_free(&r->rawidx);
	free(r);
}

static int
same_as_header(const struct sq_reader *r, const struct sq_rec *rec)
{
	if (rec->nf < r->raw.nf)
		return 0;
	for (size_t i = 0; i < rec->nf; i++) {
		size_t n;
		const char *h = sq_rec_at(&r->raw, i, &n);
		if (n != rec->len[i] || memcmp(h, sq_rec_get(rec, i), n) != 0)
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
	if (!r->o.ragged) {
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
	if (r->csv)
		return sq_csv_next(r->csv, rec, r->header.nf, &r->st.blank);
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
 * A totals row at the foot of an export ("合计,,,35", "总计：35户"): its
 * first non-empty cell is 合计, 总计, 小计 or 共计, alone or followed by a
 * colon, a space, a bracket or a number.  It is not a record of the table;
 * before, it went through as one (a household called 合计).  It is now
 * rejected with that reason, so it is counted and lands in --rejects.
 */
static const char *
total_row(const struct sq_rec *rec)
{
	static const char *const words[] = { "合计", "总计", "小计", "共计" };
	size_t i = 0;

	while (i < rec->nf && rec->len[i] == 0)
		i++;
	if (i == rec->nf)
		return NULL;
	const char *s = sq_rec_get(rec, i), *end = s + rec->len[i];
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	/* every row is asked: the words all start 0xE5 or 0xE6 in UTF-8 */
	if (s == end || ((unsigned char)*s != 0xE5 && (unsigned char)*s != 0xE6))
		return NULL;
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t wl = strlen(words[w]);
		if ((size_t)(end - s) < wl || memcmp(s, words[w], wl) != 0)
			continue;
		const char *t = s + wl;
		if (t == end || *t == ':' || *t == ' ' || *t == '(' ||
		    (*t >= '0' && *t <= '9') ||
		    (end - t >= 3 && (memcmp(t, "：", 3) == 0 ||
		    memcmp(t, "（", 3) == 0)))
			return words[w];
	}
	return NULL;
}

int
sq_reader_next(struct sq_reader *r, struct sq_rec *rec)
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
		if (st == SQ_READ_OK && (word = total_row(rec)) != NULL) {
			/* before shape(): "总计：35户" alone is short, too */
			sq_rec_seterr(rec, "a totals row ('%s'), not a record; "
			    "left out", word);
			st = SQ_READ_BAD;
		}
		if (st == SQ_READ_OK && r->csv) {
			if (same_as_header(r, rec)) {
				r->st.headers++;
				sq_warn(sq_source_name(r->src), rec->line, "the "
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

const char *
sq_reader_name(const struct sq_reader *r)
{
	return sq_source_name(r->src);
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
	return &r->st;
}

enum sq_enc
sq_reader_encoding(const struct sq_reader *r)
{
	return sq_source_encoding(r->src);
}

int
sq_reader_is_json(const struct sq_reader *r)
{
	return r->json != NULL;
}
