/*
 * test_record.c — the record layer's own rules: a free column name.
 */
#include <string.h>

#include "record.h"
#include "unit.h"

/* taken: the names in a NULL-ended list */
static int
in_list(const char *name, void *arg)
{
	for (const char *const *p = arg; *p; p++)
		if (strcmp(*p, name) == 0)
			return 1;
	return 0;
}

static void
test_free_suffix(void)
{
	char out[SQ_NAME_MAX];
	const char *none[] = { NULL };
	const char *some[] = { "hh", "hh_2", "hh_3", "name_2", NULL };
	int next = 0;

	sq_name_free_suffix(out, "hh", NULL, in_list, none);
	CHECK_STR(out, "hh_2");
	sq_name_free_suffix(out, "hh", NULL, in_list, some);
	CHECK_STR(out, "hh_4");		/* the first number free */
	sq_name_free_suffix(out, "name", &next, in_list, some);
	CHECK_STR(out, "name_3");
	CHECK_INT(next, 4);		/* where the next repeat starts */
	sq_name_free_suffix(out, "name", &next, in_list, some);
	CHECK_STR(out, "name_4");
	next = 1;			/* 0 and 1 mean "from 2" */
	sq_name_free_suffix(out, "a", &next, in_list, none);
	CHECK_STR(out, "a_2");

	/* a long name is cut at a character boundary, then numbered */
	char big[1200] = "";
	for (int i = 0; i < 300; i++)
		strcat(big, "楼");	/* 3 bytes each: 900 bytes */
	sq_name_free_suffix(out, big, NULL, in_list, none);
	size_t n = strlen(out);
	CHECK(n < SQ_NAME_MAX);
	CHECK(n >= 2 && strcmp(out + n - 2, "_2") == 0);
	CHECK_INT((n - 2) % 3, 0);	/* whole characters only */
	CHECK(strncmp(out, big, n - 2) == 0);
}

int
main(void)
{
	test_free_suffix();
	UNIT_DONE();
}
