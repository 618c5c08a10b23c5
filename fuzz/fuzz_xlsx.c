/*
 * fuzz_xlsx.c — the workbook reader as every program uses it: the zip
 * container (libzip), the package's relationships, the workbook, styles
 * and number formats (lib/numfmt.c), the shared strings and the sheet's
 * rows streamed through expat (lib/xlsxread.c), sheet choice and merged
 * ranges (lib/bookread.c), then header finding (lib/reader.c).
 *
 * Input: the first byte picks the mode and options, the rest is:
 *	bit 0   0: the parts of a package, separated by 0xFF, in the order
 *	        sheet1.xml, sharedStrings.xml, styles.xml, workbook.xml,
 *	        workbook.xml.rels, _rels/.rels (a missing part gets a good
 *	        default, so most runs reach the rows); zipped here;
 *	        1: the file's bytes as they are (a damaged zip)
 *	bit 1   --fill-merged
 *	bit 2   --max-field 200 (the limit paths)
 *	bit 3   --sheet 2 (a second sheet, or a missing one)
 * Invariants: no crash, leak or hang; a good record has the header's
 * number of fields, a rejected one says why; rows handed out = good +
 * rejected = the reader's count; rows come in order of their numbers
 * when the sheet's are in order; reading again gives the same records;
 * and the good records written with -o xlsx read back the same.
 */
#include <zip.h>

#include "fuzz.h"
#include "reader.h"
#include "writer.h"

#define MAXKEEP	2048

static const char *const names[] = {
	"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels",
};
static const char *const defaults[] = {
	("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
	"<c r=\"B1\" t=\"inlineStr\"><is><t>phone</t></is></c></row>"
	"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\">"
	"<v>13800138000</v></c></row></sheetData>"
	"<mergeCells><mergeCell ref=\"A2:A3\"/></mergeCells></worksheet>"),
	("<sst><si><t>name</t></si><si><r><t>张</t></r><r><t>三</t></r></si></sst>"),
	("<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"0.00\"/>"
	"</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
	"<xf numFmtId=\"164\"/></cellXfs></styleSheet>"),
	("<workbook xmlns:r=\"r\"><workbookPr/><sheets><sheet name=\"表\" "
	"r:id=\"rId1\"/><sheet name=\"二\" r:id=\"rId1\" state=\"hidden\"/>"
	"</sheets></workbook>"),
	("<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
	"Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/>"
	"</Relationships>"),
	("<Relationships><Relationship Id=\"rId1\" Type=\"x/officeDocument\" "
	"Target=\"xl/workbook.xml\"/></Relationships>"),
};

static char tmpdir[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_init();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/fuzz_xlsx.%d", (int)getpid());
	return 0;
}

/* The parts zipped (stored, not deflated: the fuzzer's bytes as they are). */
static void *
package(const uint8_t *d, size_t n, size_t *outlen)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	void *out = NULL;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return NULL;
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		return NULL;
	}
	for (size_t i = 0; i < 6; i++) {
		const uint8_t *p = d;
		size_t len = n;
		const uint8_t *sep = n ? memchr(d, 0xFF, n) : NULL;
		if (sep)
			len = (size_t)(sep - d);
		if (n == 0 && i > 0) {
			p = (const uint8_t *)defaults[i];
			len = strlen(defaults[i]);
		} else if (i == 0 && n == 0) {
			p = (const uint8_t *)defaults[0];
			len = strlen(defaults[0]);
		}
		zip_source_t *ps = zip_source_buffer(za, p, len, 0);
		zip_int64_t idx = ps ? zip_file_add(za, names[i], ps, 0) : -1;
		if (idx < 0)
			zip_source_free(ps);
		else
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		if (sep) {
			n -= len + 1;
			d = sep + 1;
		} else {
			d += len;
			n = 0;
		}
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		zip_source_free(src);
		return NULL;
	}
	if (zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		zip_int64_t size = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		if (size > 0 && (out = malloc((size_t)size)) != NULL &&
		    zip_source_read(src, out, (zip_uint64_t)size) != size) {
			free(out);
			out = NULL;
		}
		*outlen = size > 0 ? (size_t)size : 0;
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

struct kept {
	struct sq_rec v[MAXKEEP];
	int	 st[MAXKEEP];
	size_t	 n;
};

static int
rec_eq(const struct sq_rec *a, const struct sq_rec *b)
{
	if (a->nf != b->nf)
		return 0;
	for (size_t i = 0; i < a->nf; i++)
		if (a->len[i] != b->len[i] ||
		    memcmp(sq_rec_get(a, i), sq_rec_get(b, i), a->len[i]) != 0)
			return 0;
	return 1;
}

/* Read it all; the invariants of one reading.  NULL header: not opened. */
static int
read_all(const char *path, const struct sq_reader_opts *o, struct kept *k,
    struct sq_rec *header)
{
	struct sq_reader *r = sq_reader_open(path, o);
	struct sq_rec rec;
	long ok = 0, bad = 0;
	int st;

	if (r == NULL)
		return -1;
	size_t ncols = sq_reader_ncols(r);
	sq_rec_copy(header, sq_reader_header(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) == SQ_READ_OK || st == SQ_READ_BAD) {
		FZ_CHECK(rec.line >= 1);
		if (st == SQ_READ_OK) {
			FZ_CHECK(rec.nf == ncols);
			ok++;
		} else {
			FZ_CHECK(rec.err != NULL && rec.err[0] != '\0');
			bad++;
		}
		if (k->n < MAXKEEP) {
			sq_rec_init(&k->v[k->n]);
			sq_rec_copy(&k->v[k->n], &rec);
			k->st[k->n++] = st;
		}
	}
	const struct sq_reader_stats *s = sq_reader_stats(r);
	FZ_CHECK(s->rows == ok + bad && s->bad == bad);
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st;
}

static void
kept_free(struct kept *k)
{
	for (size_t i = 0; i < k->n; i++)
		sq_rec_free(&k->v[i]);
	k->n = 0;
}

/* The good records through -o xlsx and back: the same records. */
static void
round_trip(const struct sq_rec *header, const struct kept *k)
{
	char path[96];
	struct sq_writer_opts wo = { .format = SQ_OUT_XLSX };
	struct sq_reader_opts o = { .format = SQ_IN_BOOK, .header_line = 1 };
	static struct kept back;
	struct sq_rec h2;
	size_t ngood = 0;

	for (size_t i = 0; i < k->n; i++)
		ngood += k->st[i] == SQ_READ_OK;
	if (header->nf == 0 || ngood == 0)
		return;
	snprintf(path, sizeof(path), "%s.out.xlsx", tmpdir);
	struct sq_writer *w = sq_writer_open(path, &wo);
	FZ_CHECK(w != NULL);
	sq_writer_header(w, header);
	for (size_t i = 0; i < k->n; i++)
		if (k->st[i] == SQ_READ_OK)
			sq_writer_row(w, &k->v[i]);
	FZ_CHECK(sq_writer_close(w) == 0);
	sq_rec_init(&h2);
	FZ_CHECK(read_all(path, &o, &back, &h2) == SQ_READ_EOF);
	FZ_CHECK(rec_eq(&h2, header));
	size_t j = 0;
	for (size_t i = 0; i < k->n; i++) {
		if (k->st[i] != SQ_READ_OK || sq_rec_blank(&k->v[i]) ||
		    rec_eq(&k->v[i], header))
			continue;	/* skipped on reading: blank, the header again */
		FZ_CHECK(j < back.n && back.st[j] == SQ_READ_OK);
		FZ_CHECK(rec_eq(&back.v[j], &k->v[i]));
		j++;
	}
	FZ_CHECK(j == back.n);
	kept_free(&back);
	sq_rec_free(&h2);
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct kept a, b;
	struct sq_reader_opts o = { .format = SQ_IN_BOOK };
	struct sq_rec h1, h2;
	unsigned mode = n ? d[0] : 0;
	void *file;
	size_t len;
	char path[64];

	if (n) {
		d++;
		n--;
	}
	if (mode & 1) {
		file = malloc(n ? n : 1);
		if (file == NULL)
			return 0;
		memcpy(file, d, n);
		len = n;
	} else if ((file = package(d, n, &len)) == NULL)
		return 0;
	int fd = fz_memfile(file, len, path);
	free(file);
	if (fd < 0)
		return 0;
	o.fill_merged = (mode >> 1) & 1;
	o.max_field = (mode >> 2) & 1 ? 200 : 0;
	o.sheet = (mode >> 3) & 1 ? "2" : NULL;
	sq_rec_init(&h1);
	sq_rec_init(&h2);
	int st1 = read_all(path, &o, &a, &h1);
	if (st1 != -1) {
		/* the same file again: the same records */
		int st2 = read_all(path, &o, &b, &h2);
		FZ_CHECK(st1 == st2 && a.n == b.n && rec_eq(&h1, &h2));
		for (size_t i = 0; i < a.n; i++) {
			FZ_CHECK(a.st[i] == b.st[i] && a.v[i].line == b.v[i].line);
			FZ_CHECK(rec_eq(&a.v[i], &b.v[i]));
		}
		if (st1 == SQ_READ_EOF && !o.max_field)
			round_trip(&h1, &a);
	}
	kept_free(&a);
	kept_free(&b);
	sq_rec_free(&h1);
	sq_rec_free(&h2);
	close(fd);
	return 0;
}
