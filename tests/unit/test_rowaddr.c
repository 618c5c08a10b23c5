/*
 * test_rowaddr.c — the household key of a row wherever its address is
 * (values/rowaddr.h): an hh cell, one address cell, building/unit/room
 * cells (with a 门牌 beside them), with the row's community or the
 * caller's; one household gives one key every way; an empty address and a
 * bad one are told apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "reader.h"
#include "record.h"
#include "rowaddr.h"
#include "unit.h"

#define MAXROWS	16

struct got {
	int	 usable, n;
	int	 rc[MAXROWS];
	char	 key[MAXROWS][SQ_ADDR_KEYMAX];
	const char *why[MAXROWS];
};

/* Each row's key, as a program reads the table. */
static void
keys(const char *name, const char *csv, const char *community,
    struct got *g)
{
	struct sq_reader_opts o;
	struct sq_rowaddr c;
	struct sq_rec rec;
	struct sq_addr a;

	memset(&o, 0, sizeof(o));
	o.readahead = SQ_READAHEAD_OFF;
	o.datadir = getenv("SHEQU_DATADIR") ? NULL : "share";
	memset(g, 0, sizeof(*g));
	struct sq_reader *r = sq_reader_open(unit_file(name, csv), &o);
	if (!CHECK(r != NULL))
		return;
	sq_rowaddr_find(&c, r);
	g->usable = sq_rowaddr_usable(&c);
	sq_rec_init(&rec);
	while (g->n < MAXROWS && sq_reader_next(r, &rec) > 0) {
		g->why[g->n] = NULL;
		g->rc[g->n] = sq_rowaddr_key(&c, &rec, community,
		    community ? strlen(community) : 0, g->key[g->n], &a,
		    &g->why[g->n]);
		g->n++;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
}

static void
test_forms(void)
{
	struct got g;

	keys("hh.csv", "hh,name\nB0012-U02-R0502,张三\n  B0001-U01-R0101 ,李四\n",
	    NULL, &g);
	CHECK_INT(g.usable, 1);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.rc[0], SQ_ROWADDR_OK);
	CHECK_STR(g.key[0], "B0012-U02-R0502");	/* as it is */
	CHECK_STR(g.key[1], "B0001-U01-R0101");	/* trimmed */

	keys("address.csv", "address,name\n12号楼2单元502室,张三\n"
	    "12-2-502,张三\n十二号楼二单元502,张三\n", NULL, &g);
	CHECK_INT(g.n, 3);
	for (int i = 0; i < g.n; i++) {
		CHECK_INT(g.rc[i], SQ_ROWADDR_OK);
		CHECK_STR(g.key[i], "B0012-U02-R0502");
	}

	keys("cells.csv", "building,unit,room,address\n12,2,502,\n"
	    "12号楼,2单元,502室,\n12,,,2单元502\n", NULL, &g);
	CHECK_INT(g.n, 3);
	for (int i = 0; i < g.n; i++) {
		CHECK_INT(g.rc[i], SQ_ROWADDR_OK);
		CHECK_STR(g.key[i], "B0012-U02-R0502");
	}

	/* an hh cell wins over the address beside it; an empty one does not */
	keys("both.csv", "hh,address\nB0003-U01-R0101,12-2-502\n,12-2-502\n",
	    NULL, &g);
	CHECK_STR(g.key[0], "B0003-U01-R0101");
	CHECK_STR(g.key[1], "B0012-U02-R0502");
}

/* The community: the row's own, or the caller's over it; one key a way. */
static void
test_community(void)
{
	struct got g, h;

	keys("comm.csv", "community,address\n阳光小区,12-2-502\n"
	    " 阳光小区 ,12号楼2单元502\n,12-2-502\n", NULL, &g);
	CHECK_INT(g.n, 3);
	CHECK(g.key[0][0] == 'C');		/* "Cxxxxxxxx-B0012-..." */
	CHECK(strstr(g.key[0], "-B0012-U02-R0502") != NULL);
	CHECK_STR(g.key[1], g.key[0]);		/* trimmed, the same */
	CHECK_STR(g.key[2], "B0012-U02-R0502");	/* no community: plain */

	keys("cells2.csv", "community,building,unit,room\n阳光小区,12,2,502\n"
	    "幸福花园,12,2,502\n", NULL, &h);
	CHECK_STR(h.key[0], g.key[0]);		/* columns or address: one key */
	CHECK(strcmp(h.key[1], h.key[0]) != 0);	/* another community */

	/* the caller's community over the row's */
	keys("comm3.csv", "community,address\n幸福花园,12-2-502\n", "阳光小区",
	    &h);
	CHECK_STR(h.key[0], g.key[0]);
}

static void
test_refusals(void)
{
	struct got g;

	/* (a row of empty cells is a blank line to the reader: a name) */
	keys("bad.csv", "name,address,building,unit,room\n张三,,,,\n"
	    "李四,花园里,,,\n王五,,,,502\n", NULL, &g);
	CHECK_INT(g.n, 3);
	CHECK_INT(g.rc[0], SQ_ROWADDR_EMPTY);
	CHECK(g.why[0] != NULL && *g.why[0]);
	CHECK_INT(g.rc[1], SQ_ROWADDR_BAD);
	CHECK(g.why[1] != NULL && *g.why[1]);
	CHECK_INT(g.rc[2] == SQ_ROWADDR_OK || g.rc[2] == SQ_ROWADDR_BAD, 1);

	/* a table with nothing to find a household by */
	keys("none.csv", "name,phone\n张三,13800138000\n", NULL, &g);
	CHECK_INT(g.usable, 0);
	CHECK_INT(g.rc[0], SQ_ROWADDR_EMPTY);
	keys("room.csv", "room\n502\n", NULL, &g);
	CHECK_INT(g.usable, 1);
}

int
main(void)
{
	sq_diag_init("test_rowaddr");
	if (unit_scratch("test_rowaddr") == NULL)
		return 2;
	test_forms();
	test_community();
	test_refusals();
	unit_scratch_done();
	UNIT_DONE();
}
