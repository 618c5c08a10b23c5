/*
 * test_sites.c — the kind of a site on a plan (values/sites.h,
 * sq_site_kind): the words of share/sites.txt, whole, any case, trimmed.
 */
#include <stdlib.h>
#include <string.h>

#include "sites.h"
#include "unit.h"

static int
kind(const char *s)
{
	return sq_site_kind(getenv("SHEQU_DATADIR") ? NULL : "share", s,
	    strlen(s));
}

int
main(void)
{
	static const char *const gates[] = { "gate", "Gate", " GATE ", "大门",
	    "门岗", "东门", "南门", "西门", "北门", "小区门口" };
	static const char *const points[] = { "point", "testing point",
	    "采样点", "检测点", "核酸点" };
	static const char *const others[] = { "12", "12号楼", "B0012", "东门采样点",
	    "大门口", "gates", "", "门" };

	for (size_t i = 0; i < sizeof(gates) / sizeof(gates[0]); i++)
		CHECK_INT(kind(gates[i]), SQ_SITE_GATE);
	for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++)
		CHECK_INT(kind(points[i]), SQ_SITE_POINT);
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		CHECK_INT(kind(others[i]), SQ_SITE_BUILDING);
	UNIT_DONE();
}
