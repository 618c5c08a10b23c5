/*
 * writer.h — records out: CSV (RFC 4180), NDJSON, or a JSON array.
 *
 * CSV quotes a field only when it must (a comma, a quote, CR, LF or tab, or
 * a lone empty field that would read back as a blank line); --bom and
 * --crlf make the file Excel opens cleanly.  JSON values are always strings, so a room
 * number or a phone is never turned into a number.  A JSON array streams
 * like NDJSON does.  Output is UTF-8.
 *
 * With a path, output goes to a temporary file beside it that is renamed over
 * the path only when everything was written: a failed run never leaves half a
 * file where yesterday's good one stood.  Write errors (a full disk) are
 * remembered and reported by sq_writer_close().
 */
#ifndef SQ_WRITER_H
#define SQ_WRITER_H

#include <stddef.h>

#include "record.h"

/* SQ_OUT_XLSX: an .xlsx workbook, by lib/xlsxwrite.c */
enum sq_ofmt { SQ_OUT_CSV = 0, SQ_OUT_NDJSON, SQ_OUT_JSONARRAY, SQ_OUT_XLSX };

struct sq_writer_opts {
	enum sq_ofmt format;
	int	 bom;
	/* a BOM in a CSV written to a file (not to standard output, which
	   goes on to the next program): the community's `bom = yes` */
	int	 file_bom;
	int	 crlf;
	int	 excel_safe;
};

struct sq_writer;

/* path NULL or "-": standard output.  NULL and a message on failure. */
struct sq_writer *sq_writer_open(const char *path, const struct sq_writer_opts *);
/* The column names; call once, before any row. */
void	 sq_writer_header(struct sq_writer *, const struct sq_rec *names);
void	 sq_writer_row(struct sq_writer *, const struct sq_rec *);
void	 sq_writer_fields(struct sq_writer *, const char *const *v,
	    const size_t *len, size_t n);
/* Bytes as they are (a JSON document, a sheet): no header, no quoting. */
void	 sq_writer_raw(struct sq_writer *, const char *, size_t);
/*
 * Rows 0..n-1, each written by put(ctx, w, i): the same bytes as a loop
 * calling put.  A big table (the rule of lib/threads.h) is made by two
 * threads, so put may be called on another thread, with a writer of its
 * own: it must only read what it shares, and print nothing.
 */
void	 sq_writer_rows(struct sq_writer *, size_t n,
	    void (*put)(void *ctx, struct sq_writer *, size_t i), void *ctx);
/*
 * A whole document (a JSON summary) to path ("-": stdout), a newline
 * after it, atomically.  Takes ownership of text (malloc'd, may be NULL
 * when the caller ran out of memory).  0, or -1 (printed).
 */
int	 sq_write_document(const char *path, char *text);
/* Bytes as they are to path, atomically (a sheet, a notice).  0, or -1. */
int	 sq_write_bytes(const char *path, const char *s, size_t len);
/* Flush, check, and (with a path) rename into place.  0, or -1 (printed). */
int	 sq_writer_close(struct sq_writer *);
/* Give up: remove the temporary file, leave the old one. */
void	 sq_writer_abort(struct sq_writer *);
const char *sq_writer_path(const struct sq_writer *);
/*
 * The folder dir and any of its parents that are missing (mkdir -p), so
 * an output folder named by the day (lists/2022-04-10) works on a fresh
 * machine.  0, or -1 (printed: the folder that could not be made).
 */
int	 sq_make_dir(const char *dir);

/* The field would be a formula in a spreadsheet (see excel_safe above). */
int	 sq_formula_like(const char *, size_t);
/*
 * A cell of a text a person reads (a round sheet), neutralized the same
 * way: s itself, or, when it is formula-like, "'" and s in b (reset
 * first).  Returns the text to print; b is the caller's to free.
 */
struct sq_buf;
const char *sq_excel_text(const char *s, struct sq_buf *b);

/* "csv", "json"/"ndjson"/"jsonl", "json-array", "xlsx"; 0 or -1. */
int	 sq_ofmt_parse(const char *, enum sq_ofmt *);

#endif
