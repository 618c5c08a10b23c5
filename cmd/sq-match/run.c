/*
 * run.c — the program's one context C, and freeing it.
 */
#include "match.h"

struct ctx C;	/* the program's one instance (reachable at exit) */

void
free_all(void)
{
	for (size_t i = 0; i < C.nv; i++)
		vol_free(&C.v[i]);
	free(C.v);
	for (size_t i = 0; i < C.ns; i++)
		slot_free(&C.s[i]);
	free(C.s);
	for (size_t k = 0; k < C.nk; k++) {
		free(C.k[k].slots);
		free(C.k[k].edges);
	}
	free(C.k);
	free(C.e);
	free(C.ebeg);
	free(C.sel);
	sq_mcmf_free(C.g);
	free(scratch);
	free(scratch2);
	free(slot_hash);
	free(vol_hash);
	check_free();
	sq_skills_free(&C.R);
	sq_shifts_free(&C.shifts);
	sq_words_free(C.W);
	sq_words_free(C.Wzh);
	for (size_t i = 0; i < ncare; i++) {
		free(care_rows[i].vid);
		free(care_rows[i].name);
		free(care_rows[i].from);
		free(care_rows[i].to);
	}
	free(care_rows);
}
