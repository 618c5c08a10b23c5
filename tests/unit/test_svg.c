/*
 * test_svg.c — lib/svg.c through its header: the route map (sq-rounds -g)
 * and the bars, columns and plan of the bulletin, for what a reader relies
 * on: every input string escaped, every route drawn from its points, the
 * same bytes for the same input.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "svg.h"
#include "unit.h"

static int
count(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static void
route_map(void)
{
	struct sq_svg_item pts[3] = {
		{ .label = "gate", .x = 0, .y = 0, .square = 1 },
		{ .label = "1<b>&\"'", .x = 100, .y = 0 },
		{ .label = "2\x01", .x = 100, .y = 50 },
	};
	size_t s1[] = { 0, 1, 2, 0 }, s2[] = { 0, 2, 0 };
	struct sq_svg_route rt[2] = {
		{ s1, 4, NULL, "round 1", "round 1, courier <x>" },
		{ s2, 3, "#000000", "round 2", "round 2" },
	};
	struct sq_svg_chart c = { 0 };
	struct sq_buf a, b;

	sq_buf_init(&a);
	sq_buf_init(&b);
	sq_svg_routes(&a, &c, pts, 3, rt, 2);
	sq_svg_routes(&b, &c, pts, 3, rt, 2);
	CHECK_STR(a.s, b.s);
	CHECK(strncmp(a.s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ",
	    44) == 0);
	CHECK(a.len > 6 && strcmp(a.s + a.len - 6, "</svg>") == 0);
	/* 800 wide, the plan 100 m across: 7.2 px a metre, the gate at the
	   bottom left (north up), 50 m up is 360 px higher */
	CHECK(strstr(a.s, "points=\"40.0,400.0 760.0,400.0 760.0,40.0 "
	    "40.0,400.0\"><title>round 1</title>") != NULL);
	CHECK(strstr(a.s, "stroke=\"#1f77b4\"") != NULL);
	CHECK_INT(count(a.s, "stroke=\"#000000\""), 2);
	CHECK_INT(count(a.s, "<polyline"), 2);
	CHECK_INT(count(a.s, "<rect x="), 1);	/* the gate */
	CHECK_INT(count(a.s, "<circle"), 2);
	CHECK(strstr(a.s, ">1&lt;b&gt;&amp;&quot;&#39;</text>") != NULL);
	CHECK(strstr(a.s, ">2</text>") != NULL);	/* no control byte */
	CHECK(strstr(a.s, "courier &lt;x&gt;</text>") != NULL);
	CHECK(strchr(a.s, '\x01') == NULL);
	CHECK_STR(sq_svg_series(0), "#1f77b4");
	CHECK_STR(sq_svg_series(10), sq_svg_series(0));
	sq_buf_free(&a);
	sq_buf_free(&b);

	/* no routes, one point: a map all the same */
	sq_buf_init(&a);
	sq_svg_routes(&a, &c, pts, 1, NULL, 0);
	CHECK_INT(count(a.s, "<polyline"), 0);
	CHECK_INT(count(a.s, "<rect x="), 1);
	sq_buf_free(&a);
}

static void
bars(void)
{
	struct sq_svg_item v[2] = {
		{ .label = "1号楼", .value = 5, .part = -1, .mark = -1,
		    .text = "5 <户>" },
		{ .label = "2", .value = 10, .part = 4, .mark = 8 },
	};
	struct sq_svg_chart c = { .id = "t\"", .title = "a&b" };
	struct sq_buf b;

	sq_buf_init(&b);
	sq_svg_hbars(&b, &c, v, 2);
	CHECK(strstr(b.s, "id=\"t&quot;\"") != NULL);
	CHECK(strstr(b.s, "<title>a&amp;b</title>") != NULL);
	CHECK(strstr(b.s, "5 &lt;户&gt;") != NULL);
	CHECK_INT(count(b.s, "class=\"part\""), 1);
	CHECK_INT(count(b.s, "class=\"mark\""), 1);
	b.len = 0;
	sq_svg_columns(&b, &c, v, 2);
	CHECK_INT(count(b.s, "class=\"bar\""), 2);
	b.len = 0;
	sq_svg_plan(&b, &c, v, 2, NULL, 0, NULL, 0);
	CHECK_INT(count(b.s, "class=\"bldg\""), 2);
	sq_buf_free(&b);
}

int
main(void)
{
	route_map();
	bars();
	CHECK(sq_svg_text_width("ab") > 1.1 && sq_svg_text_width("ab") < 1.3);
	CHECK(sq_svg_text_width("楼") == 1.0);
	UNIT_DONE();
}
