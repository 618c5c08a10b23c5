/*
 * sq-cat — the record layer as a program: read any supported table, write it
 * in the chosen format with every value verbatim.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bookread.h"
#include "diag.h"
#include "kind.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "writer.h"

static const char synopsis[] = "sq-cat [options] [FILE...]\n"
"       sq-cat --sheets FILE...\n"
"       sq-cat --kind FILE...";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Read CSV, NDJSON or a JSON array in UTF-8, GB18030/GBK or UTF-16, or a sheet\n"
"of an .xlsx or .xls workbook, and write it as CSV, NDJSON, a JSON array or\n"
"an .xlsx with every value verbatim: nothing is trimmed or reformatted (a\n"
"workbook's cells as Excel shows them), and in JSON every value is a string.\n"
"Rows that cannot be read faithfully are rejected with FILE:LINE (a sheet's\n"
"FILE:SHEET!ROW) and the reason.  With no FILE, or when FILE is -, read\n"
"standard input.\n\n", synopsis);
	printf("  -L, --sheets             list each workbook's sheets (number, name) and exit\n");
	printf("  -K, --kind               say what each FILE is (roster, checkins, orders ...,\n"
"                           by share/kinds.txt) and its rows: KIND TAB ROWS TAB FILE\n");
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-cat -o json roster.csv | jq -r '.[\"联系电话\"]'\n"
"  sq-cat --bom --crlf -O for-excel.csv export.json\n"
"  sq-cat -R bad.csv a.csv b.csv > all.csv\n"
"  sq-cat --sheet 花名册 -O roster.csv 下载.xlsx\n");
}

/* Later files must have the first file's columns, in any order. */
static int
map_columns(const struct sq_rec *first, const struct sq_reader *r, size_t *map)
{
	const struct sq_rec *h = sq_reader_header(r);

	if (h->nf != first->nf)
		return -1;
	for (size_t i = 0; i < first->nf; i++) {
		long c = sq_reader_col(r, sq_rec_get(first, i));
		if (c < 0)
			return -1;
		map[i] = (size_t)c;
	}
	return 0;
}

/*
 * --kind: "KIND\tROWS\tFILE" a file, KIND "-" when no rule fits, "empty"
 * for a file with no header; a file that cannot be read is named on
 * stderr and listed with ROWS "-".
 */
static int
kind_list(int argc, char **argv, struct sq_common *c)
{
	struct sq_kinds *k = sq_kinds_load(c);
	char *apath = sq_datafile(c, "aliases.txt");
	struct sq_aliases *all = sq_aliases_load(apath);
	int failed = k == NULL || all == NULL;

	free(apath);
	c->in.aliases = all;
	for (int i = 0; i < argc && !(k == NULL || all == NULL); i++) {
		struct sq_reader *r = sq_reader_open(argv[i], &c->in);
		if (r == NULL) {
			printf("-\t-\t%s\n", argv[i]);
			failed = 1;
			continue;
		}
		struct sq_rec rec;
		long rows = 0;
		int st;
		sq_rec_init(&rec);
		while ((st = sq_reader_next(r, &rec)) > 0)
			rows++;
		sq_rec_free(&rec);
		const char *kind = sq_reader_ncols(r) == 0 ? "empty" :
		    sq_kinds_match(k, r);
		if (st == SQ_READ_IOERR) {
			failed = 1;
			printf("-\t-\t%s\n", argv[i]);
		} else
			printf("%s\t%ld\t%s\n", kind ? kind : "-", rows, argv[i]);
		sq_reader_close(r);
	}
	sq_kinds_free(k);
	sq_aliases_free(all);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sq_error("write error: %s", strerror(errno));
		failed = 1;
	}
	return failed ? SQ_EXIT_USAGE : SQ_EXIT_OK;
}

struct totals {
	long	 rows, written, rejected, blank, titles, headers;
};

static int
cat_file(const char *path, struct sq_common *c, struct sq_writer *w,
    struct sq_rejects *rj, struct sq_rec *first, int *have_first,
    struct totals *t)
{
	struct sq_reader *r = sq_reader_open(path, &c->in);
	struct sq_rec rec, out;
	size_t *map = NULL;
	int st, rc = 0;

	if (r == NULL)
		return -1;
	sq_rejects_columns(rj, sq_reader_rawheader(r));
	if (!*have_first) {
		*have_first = 1;
		sq_rec_copy(first, sq_reader_header(r));
		sq_writer_header(w, first);
	} else if (sq_reader_ncols(r) > 0) {
		map = sq_xcalloc(first->nf + 1, sizeof(*map));
		if (map_columns(first, r, map) < 0) {
			sq_error("%s: its columns differ from the first "
			    "file's; convert the files separately",
			    sq_reader_name(r));
			free(map);
			sq_reader_close(r);
			return -1;
		}
	}
	sq_rec_init(&rec);
	sq_rec_init(&out);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		if (st == SQ_READ_BAD) {
			sq_rejects_add(rj, sq_reader_name(r), &rec, rec.err);
			if (c->strict) {
				rc = 1;
				break;
			}
			continue;
		}
		if (map) {
			sq_rec_clear(&out);
			for (size_t i = 0; i < first->nf; i++)
				sq_rec_push(&out, sq_rec_get(&rec, map[i]),
				    rec.len[map[i]]);
			sq_writer_row(w, &out);
		} else
			sq_writer_row(w, &rec);
		t->written++;
	}
	if (st == SQ_READ_IOERR)
		rc = -1;
	const struct sq_reader_stats *s = sq_reader_stats(r);
	t->rows += s->rows;
	t->blank += s->blank;
	t->titles += s->titles;
	t->headers += s->headers;
	sq_rec_free(&rec);
	sq_rec_free(&out);
	free(map);
	sq_reader_close(r);
	return rc;
}

enum mode { CAT, SHEETS, KINDS };

/* -L and -K: the mode (ctx) */
static void
option(void *ctx, int ch, char *arg)
{
	enum mode *mode = ctx;

	*mode = ch == 'L' ? SHEETS : KINDS;
}

/* the options; returns the mode, or exits for --help, --version, a bad one */
static enum mode
parse_args(int *argcp, char ***argvp, struct sq_common *c)
{
	static const struct option longopts[] = {
		SQ_COMMON_LONGOPTS,
		{ "sheets",  no_argument, NULL, 'L' },
		{ "kind",    no_argument, NULL, 'K' },
		{ "help",    no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct sq_prog prog = {
		synopsis, "KL", longopts, 0, usage, option };
	enum mode mode = CAT;
	int first = sq_prog_options(&prog, c, &mode, *argcp, *argvp);

	*argcp -= first;
	*argvp += first;
	if (mode == KINDS && *argcp == 0)
		sq_usage_error(synopsis, "--kind needs a file");
	if (mode == SHEETS && *argcp == 0)
		sq_usage_error(synopsis, "--sheets needs a workbook");
	return mode;
}

/* --sheets: each workbook's sheets, number and name */
static int
list_sheets(int argc, char **argv)
{
	int failed = 0;

	for (int i = 0; i < argc; i++) {
		if (argc > 1)
			printf("%s%s:\n", i ? "\n" : "", argv[i]);
		if (sq_book_list(argv[i]) < 0)
			failed = 1;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sq_error("write error: %s", strerror(errno));
		failed = 1;
	}
	return failed ? SQ_EXIT_USAGE : SQ_EXIT_OK;
}

/* the summary line, and what --strict left behind */
static void
say_totals(const struct totals *t, int stopped, const struct sq_common *c)
{
	if (t->rejected || t->titles || t->headers)
		sq_note("%ld row%s read: %ld written, %ld rejected "
		    "(skipped: %ld blank, %ld title, %ld repeated header)",
		    t->rows, t->rows == 1 ? "" : "s", t->written, t->rejected,
		    t->blank, t->titles, t->headers);
	/* to a file nothing is written; to a pipe the rows before are gone */
	if (stopped && c->output)
		sq_note("stopped at the first rejected row (--strict); no "
		    "output written");
	else if (stopped)
		sq_note("stopped at the first rejected row (--strict); what "
		    "reached standard output is incomplete: do not use it "
		    "(-O FILE writes all or nothing)");
}

/* every FILE (or standard input) to one output, rejects to -R */
static int
cat_all(int argc, char **argv, struct sq_common *c)
{
	static char *stdin_only[] = { "-", NULL };
	struct sq_aliases *aliases = NULL;
	struct sq_writer *w;
	struct sq_rejects *rj;
	struct sq_rec first;
	struct totals t = { 0 };
	int have_first = 0, failed = 0, stopped = 0;
	char *apath = sq_datafile(c, "aliases.txt");

	/* aliases only help find the header under a title; optional here */
	if (c->in.header_line == 0 && access(apath, R_OK) == 0)
		aliases = sq_aliases_load(apath);
	free(apath);
	c->in.aliases = aliases;

	/* free the aliases on these early exits too (LeakSanitizer) */
	if ((rj = sq_rejects_open(c->rejects)) == NULL) {
		sq_aliases_free(aliases);
		return SQ_EXIT_USAGE;
	}
	if ((w = sq_writer_open(c->output, &c->out)) == NULL) {
		sq_rejects_abort(rj);
		sq_aliases_free(aliases);
		return SQ_EXIT_USAGE;
	}
	sq_rec_init(&first);
	for (char **files = argc ? argv : stdin_only; *files && !stopped; files++) {
		int rc = cat_file(*files, c, w, rj, &first, &have_first, &t);
		if (rc < 0)
			failed = 1;
		if (rc > 0)
			stopped = 1;
	}
	sq_rec_free(&first);
	sq_aliases_free(aliases);
	t.rejected = sq_rejects_count(rj);
	say_totals(&t, stopped, c);
	if (stopped || (failed && c->output)) {
		sq_writer_abort(w);
		sq_rejects_close(rj);
	} else {
		if (sq_writer_close(w) < 0)
			failed = 1;
		if (sq_rejects_close(rj) < 0)
			failed = 1;
	}
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}

int
main(int argc, char **argv)
{
	struct sq_common c;

	sq_start(argc, argv);
	sq_common_init(&c);
	switch (parse_args(&argc, &argv, &c)) {
	case KINDS:
		return kind_list(argc, argv, &c);
	case SHEETS:
		return list_sheets(argc, argv);
	default:
		return cat_all(argc, argv, &c);
	}
}
