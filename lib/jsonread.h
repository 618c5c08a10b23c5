/*
 * jsonread.h — JSON objects from a stream, with jansson.
 *
 * Reads NDJSON (one object a line), concatenated objects (jq's pretty
 * output), or one top-level array of objects, streaming: a small scanner finds
 * where each object ends and jansson parses just that object, so memory is
 * one object, never the file.  Duplicate keys, integers too big for 64 bits,
 * invalid UTF-8 and NUL characters are errors of that record, named by the
 * line the object starts on.  A string cannot hold a raw line break, so an
 * unterminated string is caught at the end of its line instead of swallowing
 * the objects after it.
 */
#ifndef SQ_JSONREAD_H
#define SQ_JSONREAD_H

#include <jansson.h>

#include "record.h"
#include "source.h"

struct sq_json;

struct sq_json *sq_json_new(struct sq_source *, size_t max_record);
void	 sq_json_free(struct sq_json *);
/*
 * SQ_READ_OK: *obj is a new reference to an object, rec->line its line.
 * SQ_READ_BAD: rec holds the text as read in one field, rec->err why.
 * SQ_READ_EOF, or SQ_READ_IOERR (also for a broken array: printed).
 */
int	 sq_json_next(struct sq_json *, json_t **obj, struct sq_rec *rec);

/* Parse one JSON text the way records are parsed (for conformance tests). */
json_t	*sq_json_parse(const char *buf, size_t len, char *err, size_t errsz);

#endif
