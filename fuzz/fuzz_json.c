/*
 * fuzz_json.c — JSON input: the streaming NDJSON / concatenated / array
 * reader (lib/jsonread.c) under the table reader, and sq_json_parse (the
 * entry the JSONTestSuite conformance test uses).
 *
 * Invariants: those of reader_check.h with the format forced to JSON; and
 * for sq_json_parse: a NUL byte is always refused; a value it accepts,
 * dumped by jansson and parsed again, is an equal value.
 */
#include "jsonread.h"
#include "reader_check.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_reader_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char err[200];
	json_t *v = sq_json_parse((const char *)d, n, err, sizeof(err));

	if (memchr(d, 0, n) != NULL)
		FZ_CHECK(v == NULL);
	if (v != NULL) {
		char *text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		FZ_CHECK(text != NULL);
		json_t *w = sq_json_parse(text, strlen(text), err, sizeof(err));
		FZ_CHECK(w != NULL && json_equal(v, w));
		json_decref(w);
		free(text);
		json_decref(v);
	} else
		FZ_CHECK(err[0] != '\0');
	fz_reader_run(d, n, 1);
	return 0;
}
