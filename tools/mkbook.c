/*
 * mkbook — make .xlsx workbooks for the tests and the benchmark, with
 * libxlsxwriter (what the tests read must come from a writer that is not
 * ours to read).
 *
 *   mkbook SPEC OUT.xlsx         a workbook as the spec says
 *   mkbook -r N [-s SEED] [-c] OUT.xlsx
 *                                a roster of N households, as exported
 *                                by a committee (-c: libxlsxwriter's
 *                                constant-memory mode, inline strings)
 *
 * The spec, a line each ('#' starts a comment):
 *   sheet NAME [hidden]    a new sheet (the first line must be one)
 *   merge A3:A5            merge a range (write its first cell in a row)
 *   col B hidden           hide a column;  row hidden: hide the next row
 *   anything else          a row of cells, separated by tabs:
 *     text                 a string ("" for an empty string cell)
 *     #13800138000         a number; #44652@yyyy-mm-dd with a format
 *     ?1  ?0               a boolean
 *     =SUM(A1:A2)|3        a formula with its saved value (|x: a string)
 *     =A1                  a formula with no saved value
 *     (an empty field)     no cell
 *     \#x  \?x  \=x        text starting with # ? =
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAXFMT	64

static lxw_workbook *wb;
static struct { char code[64]; lxw_format *f; } fmts[MAXFMT];
static int nfmts;

static _Noreturn void
die(const char *what)
{
	fprintf(stderr, "mkbook: %s\n", what);
	exit(2);
}

static lxw_format *
fmt(const char *code)
{
	for (int i = 0; i < nfmts; i++)
		if (strcmp(fmts[i].code, code) == 0)
			return fmts[i].f;
	if (nfmts == MAXFMT)
		die("too many formats");
	snprintf(fmts[nfmts].code, sizeof(fmts[nfmts].code), "%s", code);
	fmts[nfmts].f = workbook_add_format(wb);
	format_set_num_format(fmts[nfmts].f, code);
	return fmts[nfmts++].f;
}

static void
cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, char *s)
{
	if (*s == '\0')
		return;
	if (s[0] == '\\') {
		worksheet_write_string(ws, r, c, s + 1, NULL);
	} else if (strcmp(s, "\"\"") == 0) {
		worksheet_write_string(ws, r, c, "", NULL);
	} else if (s[0] == '#') {
		char *at = strchr(s, '@');
		if (at)
			*at++ = '\0';
		worksheet_write_number(ws, r, c, strtod(s + 1, NULL),
		    at ? fmt(at) : NULL);
	} else if (s[0] == '?') {
		worksheet_write_boolean(ws, r, c, s[1] == '1', NULL);
	} else if (s[0] == '=') {
		char *bar = strchr(s, '|');
		if (bar == NULL) {
			worksheet_write_formula(ws, r, c, s, NULL);
			return;
		}
		*bar++ = '\0';
		char *end;
		double v = strtod(bar, &end);
		if (*bar && *end == '\0')
			worksheet_write_formula_num(ws, r, c, s, NULL, v);
		else
			worksheet_write_formula_str(ws, r, c, s, NULL, bar);
	} else
		worksheet_write_string(ws, r, c, s, NULL);
}

static int
ref(const char *s, lxw_row_t *r, lxw_col_t *c)
{
	int col = 0, row = 0;

	for (; *s >= 'A' && *s <= 'Z'; s++)
		col = col * 26 + (*s - 'A' + 1);
	for (; *s >= '0' && *s <= '9'; s++)
		row = row * 10 + (*s - '0');
	if (col == 0 || row == 0)
		return -1;
	*r = (lxw_row_t)(row - 1);
	*c = (lxw_col_t)(col - 1);
	return 0;
}

static void
from_spec(const char *spec)
{
	FILE *f = fopen(spec, "r");
	char line[8192];
	lxw_worksheet *ws = NULL;
	lxw_row_t row = 0;
	lxw_row_col_options hidden = { .hidden = 1 };
	int hide_next = 0;

	if (f == NULL)
		die(strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' && line[1] != '\0' && line[1] != '\t' &&
		    (line[1] < '0' || line[1] > '9'))
			continue;	/* a comment, not a number cell */
		if (strncmp(line, "sheet ", 6) == 0) {
			char *name = line + 6, *sp = strstr(name, " hidden");
			if (sp)
				*sp = '\0';
			ws = workbook_add_worksheet(wb, name);
			if (ws == NULL)
				die("bad sheet name");
			if (sp)
				worksheet_hide(ws);
			row = 0;
			continue;
		}
		if (ws == NULL)
			die("the spec must start with a sheet line");
		if (strncmp(line, "merge ", 6) == 0) {
			lxw_row_t r1, r2;
			lxw_col_t c1, c2;
			char *colon = strchr(line + 6, ':');
			if (colon == NULL)
				die("merge A1:B2");
			*colon = '\0';
			if (ref(line + 6, &r1, &c1) < 0 || ref(colon + 1, &r2, &c2) < 0)
				die("merge A1:B2");
			worksheet_merge_range(ws, r1, c1, r2, c2, "", NULL);
			continue;
		}
		if (strncmp(line, "col ", 4) == 0) {
			lxw_col_t c = (lxw_col_t)(line[4] - 'A');
			worksheet_set_column_opt(ws, c, c, LXW_DEF_COL_WIDTH, NULL,
			    &hidden);
			continue;
		}
		if (strcmp(line, "row hidden") == 0) {
			hide_next = 1;
			continue;
		}
		if (hide_next) {
			worksheet_set_row_opt(ws, row, LXW_DEF_ROW_HEIGHT, NULL,
			    &hidden);
			hide_next = 0;
		}
		lxw_col_t c = 0;
		for (char *p = line, *t; p; p = t, c++) {
			t = strchr(p, '\t');
			if (t)
				*t++ = '\0';
			cell(ws, row, c, p);
		}
		row++;
	}
	fclose(f);
}

/* A roster as a committee keeps it: building, unit, room, head, phone
   (typed as a number), members, a date, a note; splitmix64 for the data. */
static uint64_t seed;

static uint64_t
rnd(void)
{
	uint64_t z = (seed += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
roster(long n)
{
	static const char *sur[] = { "王", "李", "张", "刘", "陈", "杨", "赵",
	    "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林" };
	static const char *giv[] = { "伟", "芳", "娜", "秀英", "敏", "静", "丽",
	    "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超" };
	static const char *notes[] = { "", "", "", "独居老人", "慢性病",
	    "孕妇", "有婴儿", "行动不便", "", "租户" };
	lxw_worksheet *ws = workbook_add_worksheet(wb, "花名册");
	lxw_format *date = fmt("yyyy-mm-dd");
	static const char *head[] = { "楼号", "单元", "室", "户主", "联系电话",
	    "人口", "登记日期", "备注" };
	char buf[64];

	for (lxw_col_t c = 0; c < 8; c++)
		worksheet_write_string(ws, 0, c, head[c], NULL);
	for (long i = 1; i <= n; i++) {
		lxw_row_t r = (lxw_row_t)i;
		snprintf(buf, sizeof(buf), "%d号楼", (int)(rnd() % 60) + 1);
		worksheet_write_string(ws, r, 0, buf, NULL);
		worksheet_write_number(ws, r, 1, (double)(rnd() % 6 + 1), NULL);
		snprintf(buf, sizeof(buf), "%d%02d", (int)(rnd() % 30) + 1,
		    (int)(rnd() % 4) + 1);
		worksheet_write_string(ws, r, 2, buf, NULL);
		snprintf(buf, sizeof(buf), "%s%s", sur[rnd() % 16], giv[rnd() % 18]);
		worksheet_write_string(ws, r, 3, buf, NULL);
		worksheet_write_number(ws, r, 4, 13000000000.0 +
		    (double)(rnd() % 6999999999ULL), NULL);
		worksheet_write_number(ws, r, 5, (double)(rnd() % 6 + 1), NULL);
		worksheet_write_number(ws, r, 6, 44562 + (double)(rnd() % 365),
		    date);
		const char *note = notes[rnd() % 10];
		if (*note)
			worksheet_write_string(ws, r, 7, note, NULL);
	}
}

int
main(int argc, char **argv)
{
	lxw_workbook_options o = { 0 };
	long rows = -1;
	int ch;

	seed = 22;
	while ((ch = getopt(argc, argv, "r:s:c")) != -1) {
		switch (ch) {
		case 'r': rows = atol(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'c': o.constant_memory = 1; break;
		default: die("usage: mkbook SPEC OUT.xlsx | mkbook -r N [-s SEED] [-c] OUT.xlsx");
		}
	}
	argc -= optind;
	argv += optind;
	if ((rows < 0 && argc != 2) || (rows >= 0 && argc != 1))
		die("usage: mkbook SPEC OUT.xlsx | mkbook -r N [-s SEED] [-c] OUT.xlsx");
	wb = workbook_new_opt(argv[argc - 1], &o);
	if (wb == NULL)
		die("cannot make the workbook");
	if (rows >= 0)
		roster(rows);
	else
		from_spec(argv[0]);
	if (workbook_close(wb) != LXW_NO_ERROR)
		die("cannot write the workbook");
	return 0;
}
