/*
 * test_tsplib.c — solve/tsplib through its header: the CVRPLIB format as
 * the instances write it (spaces or tabs around the colon, or none; EOF
 * missing; optional keys), EUC_2D rounding, and every refusal naming the
 * line.
 */
#include <string.h>

#include "tsplib.h"
#include "unit.h"

static const char small[] =
    "NAME : toy-n4-k2\n"
    "COMMENT : (a comment, with : inside)\n"
    "TYPE : CVRP\n"
    "DIMENSION : 4\n"
    "EDGE_WEIGHT_TYPE : EUC_2D\n"
    "CAPACITY\t:\t10\n"
    "NODE_COORD_SECTION\n"
    " 1 0 0\n"
    " 2 3 4\n"
    " 3 0 1.5\n"
    " 4 -2 -2\n"
    "DEMAND_SECTION\n"
    "1 0\n"
    "2 4\n"
    "3 6\n"
    "4 5\n"
    "DEPOT_SECTION\n"
    " 1\n"
    " -1\n"
    "EOF\n";

/* parse text; on failure the error must contain want_err */
static int
parse(const char *text, const char *want_err)
{
	struct sq_tsplib p;
	char err[256] = "";
	int rc = sq_tsplib_parse("t.vrp", text, strlen(text), &p, err,
	    sizeof(err));

	if (rc == 0)
		sq_tsplib_free(&p);
	if (want_err == NULL)
		return CHECK_STR_CTX(rc == 0 ? "ok" : err, "ok", text);
	return CHECK_STR_CTX(rc == 0 ? "parsed" : (strstr(err, want_err) ? want_err : err),
	    want_err, text);
}

static char *
replace(const char *from, const char *to)
{
	static char buf[sizeof(small) + 256];
	const char *at = strstr(small, from);
	size_t n = (size_t)(at - small);

	memcpy(buf, small, n);
	strcpy(buf + n, to);
	strcat(buf, at + strlen(from));
	return buf;
}

int
main(void)
{
	struct sq_tsplib p;
	char err[256];

	if (!CHECK(sq_tsplib_parse("t.vrp", small, strlen(small), &p, err,
	    sizeof(err)) == 0))
		UNIT_DONE();
	CHECK_STR(p.name, "toy-n4-k2");
	CHECK_INT(p.dim, 4);
	CHECK_INT(p.capacity, 10);
	CHECK_INT(p.depot, 0);
	CHECK_INT(p.demand[2], 6);
	CHECK(p.distance == 0 && p.service_time == 0 && p.vehicles == 0);
	/* EUC_2D: nint of the Euclidean distance, 1.5 rounds to 2 */
	CHECK(sq_tsplib_dist(&p, 0, 1) == 5);
	CHECK(sq_tsplib_dist(&p, 0, 2) == 2);
	CHECK(sq_tsplib_dist(&p, 1, 3) == 8);	/* sqrt(61) = 7.81 */
	CHECK(sq_tsplib_dist(&p, 2, 2) == 0);
	sq_tsplib_free(&p);

	/* forms the instances use */
	parse(replace("EOF\n", ""), NULL);
	parse(replace("CAPACITY\t:\t10", "CAPACITY:10"), NULL);
	parse(replace("TYPE : CVRP\n", "TYPE : CVRP\nDISTANCE : 100\nSERVICE_TIME : 5\nVEHICLES : 2\n"), NULL);
	parse(replace("EOF\n", "EOF\n\n"), NULL);

	/* refusals, each with its reason */
	parse(replace("DIMENSION : 4", "DIMENSION : 5"), ":");
	parse(replace("EDGE_WEIGHT_TYPE : EUC_2D", "EDGE_WEIGHT_TYPE : GEO"), ":");
	parse(replace(" 2 3 4\n", " 2 3 4\n 2 3 4\n"), ":");
	parse(replace(" 1\n -1", " 1\n 2\n -1"), ":");
	parse(replace("CAPACITY\t:\t10\n", ""), ":");
	parse(replace("2 4\n", "2 x\n"), ":");
	parse("", ":");

	/* the line is named: the duplicate node is on line 10 */
	const char *dup = replace(" 3 0 1.5\n", " 2 0 1.5\n");
	if (sq_tsplib_parse("t.vrp", dup, strlen(dup), &p, err, sizeof(err)) == 0) {
		CHECK(!"a duplicate node id was accepted");
		sq_tsplib_free(&p);
	} else
		CHECK_STR_CTX(strncmp(err, "t.vrp:10:", 9) == 0 ? "t.vrp:10:" : err,
		    "t.vrp:10:", dup);
	UNIT_DONE();
}
