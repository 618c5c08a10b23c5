/*
 * test_lines.c — the one reader of a rules file's lines.
 */
#include <errno.h>

#include "lines.h"
#include "unit.h"

/* The lines of TEXT as "NO:LINE|..." */
static const char *
lines_of(const char *text)
{
	static char out[1024];
	struct sq_lines l;
	size_t n, used = 0;
	char *p;

	out[0] = '\0';
	if (sq_lines_open(&l, unit_file("rules.txt", text)) < 0)
		return "(cannot open)";
	while ((p = sq_lines_next(&l, &n)) != NULL && used < sizeof(out))
		used += (size_t)snprintf(out + used, sizeof(out) - used,
		    "%ld:%s(%zu)|", l.no, p, n);
	sq_lines_close(&l);
	return out;
}

/* A NUL ends its line: a label can never be "" (fuzz_classify found one) */
static void
test_nul(void)
{
	static const char text[] = "\0\0ab:c\nx\0y\n\0\n: z\n";
	const char *path = unit_file("nul.txt", "");
	FILE *f = fopen(path, "w");
	struct sq_lines l;
	size_t n;
	char *p;

	CHECK(f != NULL && fwrite(text, 1, sizeof(text) - 1, f) ==
	    sizeof(text) - 1);
	if (f)
		fclose(f);
	CHECK(sq_lines_open(&l, path) == 0);
	p = sq_lines_next(&l, &n);
	CHECK(p != NULL && l.no == 2 && n == 1 && strcmp(p, "x") == 0);
	p = sq_lines_next(&l, &n);
	CHECK(p != NULL && l.no == 4 && n == 3 && strcmp(p, ": z") == 0);
	CHECK(sq_lines_next(&l, &n) == NULL);
	sq_lines_close(&l);
}

static void
test_next(void)
{
	CHECK_STR(lines_of(""), "");
	CHECK_STR(lines_of("a\nb"), "1:a(1)|2:b(1)|");	/* no last newline */
	CHECK_STR(lines_of("a\r\nb\r\n"), "1:a(1)|2:b(1)|");
	CHECK_STR(lines_of("\xEF\xBB\xBF# 注释\n门岗\n"), "2:门岗(6)|");
	CHECK_STR(lines_of("\xEF\xBB\xBFgate\n"), "1:gate(4)|");
	CHECK_STR(lines_of("\n\n  \t\n# c\n  # c\nx\n"), "6:x(1)|");
	CHECK_STR(lines_of("  a b  \n\xE3\x80\x80全角\xE3\x80\x80\n"),
	    "1:a b(3)|2:全角(6)|");
	CHECK_STR(lines_of("x # not a comment\n"), "1:x # not a comment(17)|");
	/* a BOM later in the file is not dropped */
	CHECK_STR(lines_of("a\n\xEF\xBB\xBF" "b\n"), "1:a(1)|2:\xEF\xBB\xBF" "b(4)|");

	struct sq_lines l;
	errno = 0;
	CHECK(sq_lines_open(&l, "/nonexistent/rules.txt") < 0);
	CHECK_INT(errno, ENOENT);
	size_t n;
	CHECK(sq_lines_next(&l, &n) == NULL);	/* safe after a failed open */
	sq_lines_close(&l);
}

static void
test_section(void)
{
	const char *name;
	size_t n;

	CHECK(sq_lines_section("[gate]", 6, &name, &n) && n == 4 &&
	    memcmp(name, "gate", 4) == 0);
	CHECK(sq_lines_section("[]", 2, &name, &n) && n == 0);
	CHECK(!sq_lines_section("[gate", 5, &name, &n));
	CHECK(!sq_lines_section("gate]", 5, &name, &n));
	CHECK(!sq_lines_section("[", 1, &name, &n));
	CHECK(!sq_lines_section("", 0, &name, &n));
	/* which of a file's sections a heading names */
	static const char *const sect[] = { "gate", "point", "gates" };
	CHECK_INT(sq_lines_section_of("[gate]", 6, sect, 3), 0);
	CHECK_INT(sq_lines_section_of("[point]", 7, sect, 3), 1);
	CHECK_INT(sq_lines_section_of("[gates]", 7, sect, 3), 2);
	CHECK_INT(sq_lines_section_of("[gat]", 5, sect, 3), -1);
	CHECK_INT(sq_lines_section_of("[gate]", 6, sect, 0), -1);
	CHECK_INT(sq_lines_section_of("gate", 4, sect, 3), -1);
	CHECK_INT(sq_lines_section_of("[]", 2, sect, 3), -1);
}

int
main(void)
{
	if (unit_scratch("test_lines") == NULL)
		return 2;
	test_next();
	test_nul();
	test_section();
	unit_scratch_done();
	UNIT_DONE();
}
