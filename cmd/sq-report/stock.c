/*
 * stock.c — the stock levels of sq-stock.
 */
#include "report.h"

/* ---- stock ----------------------------------------------------------- */

struct stock_ctx {
	struct report *R;
	const char *file;
	long item, qty, unit, thr, days, alert;
	json_t *items, *unknown;
};

static int
stock_begin(void *ctx, const struct sq_reader *r)
{
	struct stock_ctx *p = ctx;
	enum { ITEM, QTY, UNIT, THR, DAYS, ALERT, N };
	static const struct sq_col cols[N] = {
		[ITEM] = { "item", 1 }, [QTY] = { "qty", 2 },
		[UNIT] = { "unit", 0 }, [THR] = { "threshold", 0 },
		[DAYS] = { "days_left", 0 }, [ALERT] = { "alert", 0 },
	};
	long c[N];

	/* the names as written: share/aliases.txt [levels] */
	p->file = sq_reader_name(r);
	int rc = sq_table_cols(r, cols, N, c,
	    _("a stock table (item,qty,unit,threshold)"));
	p->item = c[ITEM];
	p->qty = c[QTY];
	p->unit = c[UNIT];
	p->thr = c[THR];
	p->days = c[DAYS];
	p->alert = c[ALERT];
	return rc;
}

static json_t *
number_json(double v)
{
	if (isnan(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_sprintf("%.1f", v);
}

/*
 * An item whose balance the ledger does not give (sq-stock's alert
 * "check": below zero, or a row of it rejected), or a quantity below zero
 * or not a number, gets no figure: it is named among the items to be
 * checked, never shown as "-5袋".
 */
static void
stock_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct stock_ctx *p = ctx;
	size_t n, un, an, qn;
	const char *item = sq_rec_cell_trim(rec, p->item, &n);
	const char *unit = sq_rec_cell_trim(rec, p->unit, &un);
	const char *al = sq_rec_cell_trim(rec, p->alert, &an);
	int check = p->alert >= 0 && an == 5 && memcmp(al, "check", 5) == 0;
	sq_rec_cell_trim(rec, p->qty, &qn);
	double qty = check || qn == 0 ? NAN : dnum(p->file, rec, r, p->qty, 0);
	double thr = dnum(p->file, rec, r, p->thr, 1);
	double days = dnum(p->file, rec, r, p->days, 1);
	int low;

	if (qty < 0)
		sq_problem(p->file, rec->line, "%.*s: qty %g is below zero; the "
		    "item is left out of the bulletin (put the ledger right)",
		    (int)n, item, qty);
	if (p->alert >= 0 && an)
		low = sq_bool_parse(al, an) != 0 && !(an == 2 &&
		    memcmp(al, "ok", 2) == 0);
	else
		low = !isnan(qty) && !isnan(thr) && qty < thr;
	json_t *o = json_object();
	char *it = sq_xstrndup(item, n);
	json_object_set_new(o, "item", scrub_json(p->R, p->file, rec->line,
	    "item", it));
	free(it);
	if (isnan(qty) || qty < 0) {
		json_array_append_new(p->unknown, o);
		return;
	}
	json_object_set_new(o, "qty", number_json(qty));
	json_object_set_new(o, "unit", json_stringn(unit, un));
	json_object_set_new(o, "threshold", number_json(thr));
	json_object_set_new(o, "days_left", number_json(days));
	json_object_set_new(o, "low", json_boolean(low));
	json_array_append_new(p->items, o);
}

int
load_stock(struct report *R, const char *path)
{
	struct stock_ctx p = { 0 };

	p.R = R;
	p.items = json_array();
	p.unknown = json_array();
	if (each_row(R, path, "levels", stock_begin, stock_row, &p) < 0) {
		json_decref(p.items);
		json_decref(p.unknown);
		return -1;
	}
	json_t *d = json_object(), *low = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(p.items, i, o)
		if (json_is_true(json_object_get(o, "low")))
			json_array_append(low, o);
	json_object_set_new(d, "nlow", json_integer((json_int_t)json_array_size(low)));
	json_object_set_new(d, "low", low);
	json_object_set_new(d, "nitems", json_integer((json_int_t)
	    json_array_size(p.items)));
	json_object_set_new(d, "items", p.items);
	json_object_set_new(d, "nunknown", json_integer((json_int_t)
	    json_array_size(p.unknown)));
	json_object_set_new(d, "unknown", p.unknown);
	json_object_set_new(R->data, "stock", d);
	return 0;
}
