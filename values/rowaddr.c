#include <string.h>

#include "buf.h"
#include "diag.h"
#include "header.h"
#include "rowaddr.h"
#include "table.h"
#include "text.h"

void
sq_rowaddr_find(struct sq_rowaddr *c, const struct sq_reader *r)
{
	c->hh = sq_reader_col(r, "hh");
	c->community = sq_reader_col(r, "community");
	c->address = sq_reader_col(r, "address");
	c->building = sq_reader_col(r, "building");
	c->unit = sq_reader_col(r, "unit");
	c->room = sq_reader_col(r, "room");
}

int
sq_rowaddr_usable(const struct sq_rowaddr *c)
{
	return c->hh >= 0 || c->address >= 0 || c->building >= 0 ||
	    c->room >= 0;
}

int
sq_rowaddr_need(const struct sq_rowaddr *c, const struct sq_reader *r,
    const char *what)
{
	static const char *const names[] = { "hh", "address", "building",
	    "room" };
	struct sq_buf b;

	if (sq_rowaddr_usable(c) || sq_reader_ncols(r) == 0)
		return 0;
	sq_buf_init(&b);
	sq_buf_adds(&b, _("an address: a column "));
	for (size_t i = 0; i < 4; i++) {
		const char *zh = sq_aliases_first(sq_reader_aliases(r), names[i]);
		sq_buf_adds(&b, i == 0 ? "" : i == 3 ? _(" or ") : ", ");
		if (zh)
			sq_buf_printf(&b, "%s (%s)", names[i], zh);
		else
			sq_buf_adds(&b, names[i]);
	}
	sq_table_missing(r, what, b.s);
	sq_buf_free(&b);
	return -1;
}

int
sq_rowaddr_key(const struct sq_rowaddr *c, const struct sq_rec *rec,
    const char *community, size_t clen, char *key, struct sq_addr *a,
    const char **why)
{
	size_t hl, bl, ul, rl, al;
	const char *h = sq_rec_cell_trim(rec, c->hh, &hl);
	int rc;

	memset(a, 0, sizeof(*a));
	if (hl > 0 && hl < SQ_ADDR_KEYMAX) {
		memcpy(key, h, hl);
		key[hl] = '\0';
		return SQ_ROWADDR_OK;
	}
	if (community == NULL)
		community = sq_rec_cell_trim(rec, c->community, &clen);
	sq_rec_cell_trim(rec, c->building, &bl);
	sq_rec_cell_trim(rec, c->unit, &ul);
	sq_rec_cell_trim(rec, c->room, &rl);
	const char *addr = sq_rec_cell_trim(rec, c->address, &al);
	if (bl + ul + rl > 0)
		/* the columns, and an address or 门牌 beside them ("2单元502") */
		rc = sq_addr_from_cells(
		    c->building >= 0 ? sq_rec_at(rec, (size_t)c->building, NULL) : NULL,
		    c->unit >= 0 ? sq_rec_at(rec, (size_t)c->unit, NULL) : NULL,
		    c->room >= 0 ? sq_rec_at(rec, (size_t)c->room, NULL) : NULL,
		    al > 0 ? sq_rec_at(rec, (size_t)c->address, NULL) : NULL,
		    a, why);
	else if (al > 0)
		rc = sq_addr_parse(addr, al, a, why);
	else {
		*why = _("empty address");
		return SQ_ROWADDR_EMPTY;
	}
	if (rc < 0)
		return SQ_ROWADDR_BAD;
	if (clen)
		sq_addr_key_community(community, clen, a, key, SQ_ADDR_KEYMAX);
	else
		sq_addr_key(a, key, SQ_ADDR_KEYMAX);
	return SQ_ROWADDR_OK;
}
