/*
 * fuzz_reader.c — the table reader as sq-cat uses it: encoding detection
 * and decoding (lib/source.c), CSV with libcsv and quote resync
 * (lib/csvread.c), header finding, aliases and duplicate names, ragged
 * and totals rows (lib/reader.c), and JSON when the input looks like it.
 * The checks are in reader_check.h.
 */
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
	fz_reader_run(d, n, 0);
	return 0;
}
