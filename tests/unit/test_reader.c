/*
 * test_reader.c — the reader's column lookup: a column by any of its names.
 */
#include "diag.h"
#include "reader.h"
#include "unit.h"

static void
test_col_any(void)
{
	struct sq_reader_opts o = { .format = SQ_IN_CSV,
	    .datadir = getenv("SHEQU_DATADIR") ? NULL : "share" };
	struct sq_reader *r = sq_reader_open(unit_file("sites.csv",
	    "Ｘ,building,Lat ,kind,x\n1,2,3,4,5\n"), &o);

	if (!CHECK(r != NULL))
		return;
	static const char *const site[] = { "site", "building", NULL };
	static const char *const x[] = { "x", NULL };
	static const char *const lat[] = { "lat", NULL };
	static const char *const none[] = { "lon", "longitude", NULL };
	static const char *const empty[] = { NULL };
	CHECK_INT(sq_reader_col_any(r, site), 1);	/* the second name */
	CHECK_INT(sq_reader_col_any(r, x), 4);		/* as written first */
	CHECK_INT(sq_reader_col_any(r, lat), 2);	/* then normalized */
	CHECK_INT(sq_reader_col_any(r, none), -1);
	CHECK_INT(sq_reader_col_any(r, empty), -1);
	sq_reader_close(r);
}

int
main(void)
{
	sq_diag_init("test_reader");
	if (unit_scratch("test_reader") == NULL)
		return 2;
	test_col_any();
	unit_scratch_done();
	UNIT_DONE();
}
