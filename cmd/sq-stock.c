/*
 * sq-stock — supply levels from the stock ledger, and which items run low.
 *
 * The ledger streams past; one small record an item is kept (its unit,
 * balance, use in the window and threshold), so memory grows with the
 * number of distinct items, not with the ledger.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "table.h"
#include "text.h"
#include "units.h"
#include "value.h"
#include "words.h"
#include "writer.h"

static const char synopsis[] =
    "sq-stock [-d date] [-w days] [-n days] [-t file] [-u file] [-A file] "
    "[ledger...]";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Read the stock ledger (item, date, in and out quantities or one signed\n"
"quantity, a running balance (结存) beside them or alone, unit) and write\n"
"each item's level: the balance, the average use a day over the window (or\n"
"over the days the ledger covers, when fewer), the days of supply left, and\n"
"an alert when it is out, below its threshold, or runs out within --days.\n"
"A balance the rows before it do not give is a data problem named by line.\n"
"Units are checked: a row in another unit is converted only by a rule in\n"
"stock/units.txt, else rejected by line.  A balance below zero is a data\n"
"problem named by line, and so is an item with a rejected row: an item\n"
"below zero at the end, or with a rejected row, gets no balance in the\n"
"levels (alert 'check': the ledger is to be put right).\n"
"The alerts are for people: Chinese by default.\n"
"With no ledger, or when it is -, read standard input.\n\n", synopsis);
	printf(
"  -d, --date DATE          the day of the levels (default: today); later\n"
"                           rows are counted and left out\n"
"  -w, --window N           days of use averaged (default 7)\n"
"  -n, --days N             alert when supply lasts N days or less (default 3)\n"
"  -t, --thresholds FILE    item, threshold, unit (also a ledger column)\n"
"  -u, --units FILE         more unit conversions, after stock/units.txt\n"
"  -A, --alerts FILE        only the items with an alert, the worst first\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-stock -d 2022-04-10 -t thresholds.csv stock.csv > levels.csv\n"
"  sq-stock -w 3 -n 5 -A alerts.csv -O levels.csv stock.csv\n");
}

struct item {
	char	*name, *key, *unit;
	double	 qty, used, threshold;
	int	 has_threshold, negative;
	long	 rejected;	/* its rows rejected, up to the day: with
				   one, its balance is not known */
	int	 rows;		/* rows taken: a balance is checked from the 2nd */
	int	 first_day;	/* the first dated row's, or SQ_DATE_INVALID */
	long	 unit_line, first_line;
	const char *unit_file;
};

struct state {
	struct sq_common c;
	int	 day, window, days;
	char	 date[11];
	const char *thresholds_path, *units_path, *alerts_path;
	struct sq_aliases *aliases;
	struct sq_rejects *rj;
	struct sq_units *units;
	struct sq_words *words, *words_zh;
	struct item *items;
	size_t	 nitems;
	long	 rows, used_rows, later;
};

/* ---- items ------------------------------------------------------------ */

static struct item *
item_get(struct state *s, const char *name, size_t len, long line)
{
	char *key = sq_fold_lower(name, len);

	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].key, key) == 0) {
			free(key);
			return &s->items[i];
		}
	s->items = sq_xrealloc(s->items, (s->nitems + 1) * sizeof(*s->items));
	struct item *it = &s->items[s->nitems++];
	memset(it, 0, sizeof(*it));
	it->name = sq_xstrndup(name, len);
	it->key = key;
	it->first_line = line;
	it->first_day = SQ_DATE_INVALID;
	return it;
}

/*
 * A quantity cell: a number, maybe with its unit after it ("20箱").
 * 1 and the number; 0 empty; -1 not a number.
 */
static int
quantity(const char *p, size_t len, double *v, char *unit, size_t usz)
{
	size_t n = len;

	if (len == 0)
		return 0;
	while (n > 0 && !((p[n - 1] >= '0' && p[n - 1] <= '9') ||
	    p[n - 1] == '.'))
		n--;
	if (n == 0)
		return -1;
	if (n < len && unit[0] == '\0') {
		const char *u = p + n;
		size_t ul = sq_trim(&u, len - n);
		snprintf(unit, usz, "%.*s", (int)ul, u);
	}
	return sq_double_parse(p, n, v) == SQ_VAL_OK ? 1 : -1;
}

struct cols {
	long	 item, date, in, out, qty, balance, unit, threshold;
};

/* Convert v from unit u into the item's unit; -1 (and why) if no rule. */
static int
to_item_unit(struct state *s, struct item *it, const char *file, long line,
    const char *u, double *v, char *why, size_t wsz)
{
	char *fu = sq_fold_lower(u, strlen(u));
	int rc = 0;

	if (it->unit == NULL) {
		it->unit = sq_xstrdup(u);
		it->unit_line = line;
		it->unit_file = file;
	} else {
		char *iu = sq_fold_lower(it->unit, strlen(it->unit));
		double f = sq_units_factor(s->units, it->key, fu, iu);
		if (f == 0) {
			snprintf(why, wsz, "%s in '%s', but in '%s' on line "
			    "%ld; add a conversion to stock/units.txt (or "
			    "--units), e.g. '%s 1 %s = N %s'", it->name, u,
			    it->unit, it->unit_line, it->name, u, it->unit);
			rc = -1;
		} else
			*v *= f;
		free(iu);
	}
	free(fu);
	return rc;
}

/*
 * A row of a named item rejected: the item's balance is then not known
 * (a rejected out would have lowered it), so its level says "check"
 * rather than a figure the ledger does not give.  A row of a later day
 * than the levels' changes nothing.
 */
static void
reject_row(struct state *s, struct sq_reader *r, const struct sq_rec *rec,
    const char *why, const char *item, size_t il, int day)
{
	sq_rejects_add(s->rj, sq_reader_name(r), rec, why);
	if (il > 0 && day <= s->day)
		item_get(s, item, il, rec->line)->rejected++;
}

static void
take_row(struct state *s, struct sq_reader *r, const struct cols *c,
    const struct sq_rec *rec)
{
	const char *name = sq_reader_name(r), *why;
	char unit[64], why2[512], ymd[11];
	size_t il, ul, dl, l = 0;
	double vin = 0, vout = 0, vq = 0, vb = 0, th = 0;

	const char *item = sq_rec_cell_trim(rec, c->item, &il);
	if (il == 0) {
		sq_rejects_add(s->rj, name, rec, "no item (物资名称)");
		return;
	}
	const char *ds = sq_rec_cell_trim(rec, c->date, &dl);
	int day = s->day;
	if (c->date >= 0) {
		if (sq_date_parse(ds, dl, atoi(s->date), ymd, &why) != SQ_VAL_OK) {
			snprintf(why2, sizeof(why2), "date '%.*s': %s",
			    (int)(dl > 40 ? 40 : dl), ds, dl ? why : "empty");
			/* of no known day: it may be of today */
			reject_row(s, r, rec, why2, item, il, s->day);
			return;
		}
		day = sq_date_days(ymd);
	}
	const char *us = sq_rec_cell_trim(rec, c->unit, &ul);
	snprintf(unit, sizeof(unit), "%.*s", (int)(ul > 60 ? 60 : ul), us);
	const char *p = sq_rec_cell_trim(rec, c->in, &l);
	int hi = quantity(p, l, &vin, unit, sizeof(unit));
	p = sq_rec_cell_trim(rec, c->out, &l);
	int ho = quantity(p, l, &vout, unit, sizeof(unit));
	p = sq_rec_cell_trim(rec, c->qty, &l);
	int hq = quantity(p, l, &vq, unit, sizeof(unit));
	p = sq_rec_cell_trim(rec, c->balance, &l);
	int hb = quantity(p, l, &vb, unit, sizeof(unit));
	p = sq_rec_cell_trim(rec, c->threshold, &l);
	int ht = quantity(p, l, &th, unit, sizeof(unit));
	if (hi < 0 || ho < 0 || hq < 0 || hb < 0 || ht < 0) {
		reject_row(s, r, rec, hi < 0 ? "入库 (in) is not a "
		    "number" : ho < 0 ? "出库 (out) is not a number" : hq < 0 ?
		    "数量 (qty) is not a number" : hb < 0 ? "结存 (balance) is "
		    "not a number" : "预警值 (threshold) is not a number", item,
		    il, day);
		return;
	}
	if (vin < 0 || vout < 0) {
		reject_row(s, r, rec, "a negative in or out; write what left "
		    "under out (出库), what came under in (入库)", item, il, day);
		return;
	}
	if (hi == 0 && ho == 0 && hq == 0 && hb == 0 && ht == 0) {
		reject_row(s, r, rec, "no quantity: in (入库), out (出库), qty "
		    "(数量) or balance (结存)", item, il, day);
		return;
	}
	if (unit[0] == '\0') {
		reject_row(s, r, rec, "no unit (单位): 个, 箱, 包...? units are "
		    "never assumed", item, il, day);
		return;
	}
	if (day > s->day) {
		s->later++;
		return;
	}
	struct item *it = item_get(s, item, il, rec->line);
	double net = vin - vout + vq;
	double use = vout + (vq < 0 ? -vq : 0);
	if (to_item_unit(s, it, name, rec->line, unit, &net, why2,
	    sizeof(why2)) < 0) {
		reject_row(s, r, rec, why2, item, il, day);
		return;
	}
	to_item_unit(s, it, name, rec->line, unit, &use, why2, sizeof(why2));
	if (hb > 0)
		to_item_unit(s, it, name, rec->line, unit, &vb, why2,
		    sizeof(why2));
	if (ht > 0) {
		to_item_unit(s, it, name, rec->line, unit, &th, why2,
		    sizeof(why2));
		it->threshold = th;
		it->has_threshold = 1;
	}
	s->used_rows++;
	if (c->date >= 0 && (it->first_day == SQ_DATE_INVALID ||
	    day < it->first_day))
		it->first_day = day;
	if (hb > 0) {
		/*
		 * The balance as written is the truth: the movements beside
		 * it are checked against it (from an item's second row: the
		 * first may carry an opening balance), never added to it.
		 * A balance alone (a stocktake) tells the use by its fall.
		 */
		double want = it->qty + net, tol = 1e-6 * (fabs(vb) + 1);
		int moved = hi > 0 || ho > 0 || hq > 0;
		if (moved && it->rows > 0 && fabs(want - vb) > tol)
			sq_problem(name, rec->line, "%s: 结存 (balance) %g %s, "
			    "but the balance before (%g) with this line's in "
			    "and out gives %g; the balance is taken as written: "
			    "check this line and the one before", it->name, vb,
			    it->unit, it->qty, want);
		if (!moved && it->rows > 0 && vb < it->qty)
			use = it->qty - vb;
		net = vb - it->qty;
	}
	it->rows++;
	it->qty += net;
	if (day > s->day - s->window)
		it->used += use;
	if (it->qty < -1e-9 && !it->negative) {
		it->negative = 1;
		sq_problem(name, rec->line, "%s: the balance falls to %g %s "
		    "here; an out recorded before its in, or an in missing?",
		    it->name, it->qty, it->unit);
	}
}

static int
read_ledger(struct state *s, const char *path)
{
	struct sq_reader *r = sq_reader_open(path, &s->c.in);
	struct sq_rec rec;
	struct cols c;
	int st;

	if (r == NULL)
		return -1;
	enum { ITEM, DATE, IN, OUT, QTY, BALANCE, UNIT, THR, N };
	/* an item, and what moved: in or out, a signed qty, or a balance */
	static const struct sq_col cols[N] = {
		[ITEM] = { "item", 1 }, [DATE] = { "date", 0 },
		[IN] = { "in", 2 }, [OUT] = { "out", 2 }, [QTY] = { "qty", 2 },
		[BALANCE] = { "balance", 2 }, [UNIT] = { "unit", 0 },
		[THR] = { "threshold", 0 },
	};
	long k[N];
	/* a header-only or empty ledger is no movements, not a wrong table */
	if (sq_table_cols_or_empty(r, cols, N, k, _("a ledger")) < 0) {
		sq_reader_close(r);
		return -1;
	}
	c.item = k[ITEM];
	c.date = k[DATE];
	c.in = k[IN];
	c.out = k[OUT];
	c.qty = k[QTY];
	c.balance = k[BALANCE];
	c.unit = k[UNIT];
	c.threshold = k[THR];
	sq_rejects_columns(s->rj, sq_reader_rawheader(r));
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		s->rows++;
		if (st == SQ_READ_BAD) {
			size_t il;
			const char *item = sq_rec_cell_trim(&rec, c.item, &il);
			reject_row(s, r, &rec, rec.err, item, il, s->day);
		} else
			take_row(s, r, &c, &rec);
		if (s->c.strict && sq_diag_status())
			break;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

/* The thresholds file: item, threshold, unit (all rows must have a unit). */
static int
read_thresholds(struct state *s)
{
	struct sq_reader *r = sq_reader_open(s->thresholds_path, &s->c.in);
	struct sq_rec rec;
	int st;

	if (r == NULL)
		return -1;
	enum { ITEM, THR, UNIT, N };
	static const struct sq_col cols[N] = {
		[ITEM] = { "item", 1 }, [THR] = { "threshold", 2 },
		[UNIT] = { "unit", 0 },
	};
	long k[N];
	if (sq_table_cols_or_empty(r, cols, N, k,
	    _("the thresholds table")) < 0) {
		sq_reader_close(r);
		return -1;
	}
	long ci = k[ITEM], ct = k[THR], cu = k[UNIT];
	sq_rec_init(&rec);
	while ((st = sq_reader_next(r, &rec)) > 0) {
		const char *name = sq_reader_name(r);
		char unit[64] = "", why[512];
		size_t il, l = 0, ul;
		double th;
		if (st == SQ_READ_BAD) {
			sq_problem(name, rec.line, "%s", rec.err);
			continue;
		}
		const char *item = sq_rec_cell_trim(&rec, ci, &il);
		const char *u = sq_rec_cell_trim(&rec, cu, &ul);
		snprintf(unit, sizeof(unit), "%.*s", (int)(ul > 60 ? 60 : ul), u);
		const char *ts = sq_rec_cell_trim(&rec, ct, &l);
		int h = quantity(ts, l, &th, unit, sizeof(unit));
		if (il == 0 || h <= 0 || th < 0 || unit[0] == '\0') {
			sq_problem(name, rec.line, "%s", il == 0 ? "no item" :
			    h <= 0 || th < 0 ? "the threshold is not a number" :
			    "no unit (单位): units are never assumed");
			continue;
		}
		struct item *it = item_get(s, item, il, rec.line);
		if (to_item_unit(s, it, name, rec.line, unit, &th, why,
		    sizeof(why)) < 0) {
			sq_problem(name, rec.line, "%s", why);
			continue;
		}
		it->threshold = th;
		it->has_threshold = 1;
	}
	sq_rec_free(&rec);
	sq_reader_close(r);
	return st < 0 ? -1 : 0;
}

/* ---- output ----------------------------------------------------------- */

/*
 * check: the ledger does not give the balance (it falls below zero, or a
 * row of the item was rejected): no figure is written, the ledger is to
 * be put right.  After out in the alerts, before low.
 */
enum { A_NONE, A_SOON, A_LOW, A_CHECK, A_OUT };
static const char *const alert_names[] = { "", "soon", "low", "check",
    "out" };
#define NALERTS	5

struct level {
	const struct item *it;
	double	 avg, left;	/* left < 0: no use, lasts */
	int	 alert;
};

static void
num(char *out, size_t sz, double v, int prec)
{
	char *p;

	if (fabs(v) < 0.5 * pow(10, -prec))
		v = 0;
	snprintf(out, sz, "%.*f", prec, v);
	if (strchr(out, '.')) {
		p = out + strlen(out) - 1;
		while (*p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
	}
}

static int
by_alert(const void *pa, const void *pb)
{
	const struct level *a = pa, *b = pb;

	if (a->alert != b->alert)
		return b->alert - a->alert;
	double la = a->left < 0 ? 1e300 : a->left, lb = b->left < 0 ? 1e300 :
	    b->left;
	if (la != lb)
		return la < lb ? -1 : 1;
	return a->it < b->it ? -1 : a->it > b->it;
}

static int
write_levels(struct state *s, const char *path, struct level *lv, size_t n,
    int only_alerts)
{
	static const char *const cols[] = { "item", "qty", "unit", "threshold",
	    "avg_daily", "days_left", "alert" };
	/* the alerts are for the person who restocks, in their language;
	   the levels for sq-report, in codes */
	struct sq_writer_opts wo = only_alerts ? sq_person_opts(&s->c) :
	    s->c.out;
	struct sq_writer *w = sq_writer_open(path, &wo);
	const struct sq_words *names_from = only_alerts ? s->words :
	    s->c.zh ? s->words_zh : NULL;
	const char *alert[NALERTS];
	struct sq_rec names;

	if (w == NULL)
		return -1;
	for (int k = 0; k < NALERTS; k++)
		alert[k] = only_alerts && k ? sq_words_label(s->words, "alert",
		    alert_names[k]) : alert_names[k];
	sq_rec_init(&names);
	for (size_t i = 0; i < 7; i++) {
		const char *nm = names_from ? sq_words_label(names_from, "col",
		    cols[i]) : cols[i];
		sq_rec_push(&names, nm, strlen(nm));
	}
	sq_writer_header(w, &names);
	sq_rec_free(&names);
	for (size_t i = 0; i < n; i++) {
		const struct level *l = &lv[i];
		char q[48], t[48] = "", a[48], d[48] = "";
		const char *v[7];
		size_t len[7];
		if (only_alerts && l->alert == A_NONE)
			continue;
		q[0] = a[0] = '\0';
		if (l->alert != A_CHECK) {	/* no figure it does not give */
			num(q, sizeof(q), l->it->qty, 2);
			num(a, sizeof(a), l->avg, 2);
			if (l->left >= 0)
				num(d, sizeof(d), l->left, 1);
		}
		if (l->it->has_threshold)
			num(t, sizeof(t), l->it->threshold, 2);
		v[0] = l->it->name;
		v[1] = q;
		v[2] = l->it->unit ? l->it->unit : "";
		v[3] = t;
		v[4] = a;
		v[5] = d;
		v[6] = alert[l->alert];
		for (size_t k = 0; k < 7; k++)
			len[k] = strlen(v[k]);
		sq_writer_fields(w, v, len, 7);
	}
	return sq_writer_close(w);
}

static void
free_state(struct state *s)
{
	sq_units_free(s->units);
	for (size_t i = 0; i < s->nitems; i++) {
		free(s->items[i].name);
		free(s->items[i].key);
		free(s->items[i].unit);
	}
	free(s->items);
	sq_aliases_free(s->aliases);
	sq_words_free(s->words);
	sq_words_free(s->words_zh);
}

/* ---- the run ------------------------------------------------------------ */

/* The wording, the aliases of [stock], the units, the rejects. */
static int
setup(struct state *s)
{
	if (sq_person_words(&s->c, "stock", &s->words, &s->words_zh) < 0)
		return -1;
	s->c.tables = "stock";
	if ((s->aliases = sq_load_aliases(&s->c)) == NULL)
		return -1;
	s->c.in.aliases = s->aliases;
	s->c.in.canonical = 1;
	char *upath = sq_datafile(&s->c, "stock/units.txt");
	s->units = sq_units_new();
	int bad = sq_units_load(s->units, upath) < 0 ||
	    (s->units_path && sq_units_load(s->units, s->units_path) < 0);
	free(upath);
	if (bad || (s->rj = sq_rejects_open(s->c.rejects)) == NULL)
		return -1;
	return 0;
}

/* Each item's level and alert on the day. */
static struct level *
levels_of(const struct state *s)
{
	struct level *lv = sq_xcalloc(s->nitems + 1, sizeof(*lv));

	for (size_t i = 0; i < s->nitems; i++) {
		const struct item *it = &s->items[i];
		struct level *l = &lv[i];
		l->it = it;
		/* over the days the ledger covers, when fewer than the
		   window: 3 days of use are not a week's */
		int span = s->window;
		if (it->first_day != SQ_DATE_INVALID &&
		    s->day - it->first_day + 1 < span)
			span = s->day - it->first_day + 1;
		l->avg = it->used / (span > 0 ? span : 1);
		l->left = l->avg > 0 ? (it->qty > 0 ? it->qty / l->avg : 0) : -1;
		/* below zero at the end: no figure (a fall below zero
		   that the rows after it make good was said, and the
		   sum stands) */
		if (it->qty < -1e-9 || it->rejected)
			l->alert = A_CHECK;
		else if (it->qty <= 1e-9)
			l->alert = A_OUT;
		else if (it->has_threshold && it->qty < it->threshold)
			l->alert = A_LOW;
		else if (l->left >= 0 && l->left <= s->days)
			l->alert = A_SOON;
	}
	return lv;
}

/* The items with an alert; those without a balance (*unknown) said. */
static long
alerts_of(const struct state *s, const struct level *lv, long *unknown)
{
	long alerts = 0;

	*unknown = 0;
	for (size_t i = 0; i < s->nitems; i++) {
		alerts += lv[i].alert != A_NONE;
		if (lv[i].alert == A_CHECK && lv[i].it->rejected) {
			++*unknown;
			sq_warn(NULL, 0, "%s: %ld row%s rejected; its balance is "
			    "not written (alert 'check') until the ledger is put "
			    "right", lv[i].it->name, lv[i].it->rejected,
			    lv[i].it->rejected == 1 ? "" : "s");
		} else if (lv[i].alert == A_CHECK) {
			++*unknown;
			sq_warn(NULL, 0, "%s: %g %s at the end, below zero; its "
			    "balance is not written (alert 'check') until the "
			    "ledger is put right", lv[i].it->name, lv[i].it->qty,
			    lv[i].it->unit ? lv[i].it->unit : "");
		}
	}
	return alerts;
}

/* The ledgers read: the levels, the alerts, the rejects and the note. */
static int
write_all(struct state *s)
{
	struct level *lv = levels_of(s);
	int failed = 0;
	long unknown;

	if (write_levels(s, s->c.output, lv, s->nitems, 0) < 0)
		failed = 1;
	long alerts = alerts_of(s, lv, &unknown);
	if (!failed && s->alerts_path) {
		qsort(lv, s->nitems, sizeof(*lv), by_alert);
		if (write_levels(s, s->alerts_path, lv, s->nitems, 1) < 0)
			failed = 1;
	}
	long rejected = sq_rejects_count(s->rj);
	if (sq_rejects_close(s->rj) < 0)
		failed = 1;
	sq_note("%ld ledger rows read: %ld used, %ld after %s left out, %ld "
	    "rejected; %zu items, %ld with an alert, %ld of them without a "
	    "balance", s->rows, s->used_rows, s->later, s->date, rejected,
	    s->nitems, alerts, unknown);
	free(lv);
	return failed ? -1 : 0;
}

static int
run(struct state *s, char **files)
{
	int failed = 0;

	if (s->day == SQ_DATE_INVALID)
		s->day = sq_date_today(s->date, NULL);
	if (setup(s) < 0) {
		free_state(s);
		return SQ_EXIT_USAGE;
	}
	if (s->thresholds_path && read_thresholds(s) < 0)
		failed = 1;
	for (; *files && !failed; files++) {
		if (read_ledger(s, *files) < 0)
			failed = 1;
		if (s->c.strict && sq_diag_status())
			break;
	}
	int stopped = !failed && s->c.strict && sq_diag_status();
	if (failed || stopped) {
		/* --strict: exit 1, and the rejected rows kept (the rule of
		   every program) */
		if (failed)
			sq_rejects_abort(s->rj);
		else if (sq_rejects_close(s->rj) < 0)
			failed = 1;
		if (stopped)
			sq_note("stopped at the first data problem (--strict); "
			    "no output written");
		free_state(s);
		sq_diag_finish();
		return failed ? SQ_EXIT_USAGE : SQ_EXIT_DATA;
	}
	if (write_all(s) < 0)
		failed = 1;
	free_state(s);
	int status = sq_diag_finish();
	return failed ? SQ_EXIT_USAGE : status;
}

static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	{ "date",       required_argument, NULL, 'd' },
	{ "window",     required_argument, NULL, 'w' },
	{ "days",       required_argument, NULL, 'n' },
	{ "thresholds", required_argument, NULL, 't' },
	{ "units",      required_argument, NULL, 'u' },
	{ "alerts",     required_argument, NULL, 'A' },
	SQ_LANG_LONGOPTS,
	{ "help",       no_argument,       NULL, 'h' },
	{ "version",    no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* One of sq-stock's own options into the run. */
static void
option(void *ctx, int ch, char *arg)
{
	struct state *s = ctx;
	const char *why;

	switch (ch) {
	case 'd':
		if (sq_date_parse(arg, strlen(arg), 0, s->date, &why) !=
		    SQ_VAL_OK)
			sq_usage_error(synopsis, "--date '%s': %s", arg, why);
		s->day = sq_date_days(s->date);
		break;
	case 'w':
		s->window = (int)sq_opt_long(arg, 1, 366, "--window", synopsis);
		break;
	case 'n':
		s->days = (int)sq_opt_long(arg, 0, 366, "--days", synopsis);
		break;
	case 't': s->thresholds_path = arg; break;
	case 'u': s->units_path = arg; break;
	case 'A': s->alerts_path = arg; break;
	}
}

int
main(int argc, char **argv)
{
	static const struct sq_prog prog = { synopsis, "d:w:n:t:u:A:",
	    longopts, SQ_PROG_LANG, usage, option };
	static struct state s;
	static char *stdin_only[] = { "-", NULL };

	sq_start(argc, argv);
	sq_common_init(&s.c);
	s.window = 7;
	s.days = 3;
	s.day = SQ_DATE_INVALID;
	int first = sq_prog_options(&prog, &s.c, &s, argc, argv);
	argc -= first;
	argv += first;
	return run(&s, argc ? argv : stdin_only);
}
