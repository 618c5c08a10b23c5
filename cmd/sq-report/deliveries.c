/*
 * deliveries.c — the delivery rounds of sq-rounds.
 */
#include "report.h"

/* ---- deliveries ------------------------------------------------------ */

struct round {
	char	*name;
	long	 orders, parcels, done, done_parcels;
};

struct rounds_ctx {
	struct report *R;
	const char *file;
	long round, parcels, urgent, door, done, status;
	struct round *v;
	size_t n, cap;
	long orders, parcels_total, urgent_n, door_n, done_n, done_parcels;
	int have_done;
};

static int
rounds_begin(void *ctx, const struct sq_reader *r)
{
	struct rounds_ctx *p = ctx;
	enum { ROUND, PARCELS, URGENT, DOOR, DONE, STATUS, N };
	static const struct sq_col cols[N] = {
		[ROUND] = { "round", 1 }, [PARCELS] = { "parcels", 2 },
		[URGENT] = { "urgent", 0 }, [DOOR] = { "door", 0 },
		[DONE] = { "delivered", 0 }, [STATUS] = { "status", 0 },
	};
	long c[N];

	/* the names as written: share/aliases.txt [deliveries] */
	p->file = sq_reader_name(r);
	int rc = sq_table_cols(r, cols, N, c,
	    _("the rounds table of sq-rounds"));
	p->round = c[ROUND];
	p->parcels = c[PARCELS];
	p->urgent = c[URGENT];
	p->door = c[DOOR];
	p->done = c[DONE];
	p->status = c[STATUS];
	p->have_done = p->done >= 0 || p->status >= 0;
	return rc;
}

static int
is_true(const char *s, size_t n)
{
	return sq_bool_parse(s, n) == 1;
}

static void
rounds_row(void *ctx, const struct sq_reader *r, const struct sq_rec *rec)
{
	struct rounds_ctx *p = ctx;
	size_t n, sn;
	const char *name = sq_rec_cell_trim(rec, p->round, &n);
	long parcels = num(p->file, rec, r, p->parcels);
	int done = 0;

	if (parcels < 0)
		parcels = 0;
	if (p->done >= 0) {
		const char *d = sq_rec_cell_trim(rec, p->done, &sn);
		done = is_true(d, sn);
	} else if (p->status >= 0) {
		const char *d = sq_rec_cell_trim(rec, p->status, &sn);
		done = (sn == 4 && memcmp(d, "done", 4) == 0) ||
		    (sn == 9 && memcmp(d, "delivered", 9) == 0) ||
		    (sn == 9 && memcmp(d, "已送达", 9) == 0) ||
		    (sn == 6 && memcmp(d, "已送", 6) == 0);
	}
	size_t i;
	for (i = 0; i < p->n; i++)
		if (strlen(p->v[i].name) == n && memcmp(p->v[i].name, name, n) == 0)
			break;
	if (i == p->n) {
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 32;
			p->v = sq_xrealloc(p->v, p->cap * sizeof(*p->v));
		}
		p->v[p->n++] = (struct round){ sq_xstrndup(name, n), 0, 0, 0, 0 };
	}
	p->v[i].orders++;
	p->v[i].parcels += parcels;
	p->v[i].done += done;
	p->v[i].done_parcels += done ? parcels : 0;
	p->orders++;
	p->parcels_total += parcels;
	p->done_n += done;
	p->done_parcels += done ? parcels : 0;
	const char *u = sq_rec_cell_trim(rec, p->urgent, &sn);
	p->urgent_n += p->urgent >= 0 && is_true(u, sn);
	u = sq_rec_cell_trim(rec, p->door, &sn);
	p->door_n += p->door >= 0 && is_true(u, sn);
}

int
load_rounds(struct report *R, const char *path)
{
	struct rounds_ctx p = { 0 };

	p.R = R;
	if (each_row(R, path, "deliveries", rounds_begin, rounds_row, &p) < 0) {
		for (size_t i = 0; i < p.n; i++)
			free(p.v[i].name);
		free(p.v);
		return -1;
	}
	json_t *d = json_object(), *list = json_array();
	json_object_set_new(d, "rounds", json_integer((json_int_t)p.n));
	json_object_set_new(d, "orders", json_integer(p.orders));
	json_object_set_new(d, "parcels", json_integer(p.parcels_total));
	json_object_set_new(d, "urgent", json_integer(p.urgent_n));
	json_object_set_new(d, "door", json_integer(p.door_n));
	if (p.have_done) {
		json_object_set_new(d, "done", json_integer(p.done_n));
		json_object_set_new(d, "done_parcels", json_integer(p.done_parcels));
	}
	for (size_t i = 0; i < p.n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "round", json_string(p.v[i].name));
		json_object_set_new(o, "orders", json_integer(p.v[i].orders));
		json_object_set_new(o, "parcels", json_integer(p.v[i].parcels));
		if (p.have_done)
			json_object_set_new(o, "done_parcels",
			    json_integer(p.v[i].done_parcels));
		json_array_append_new(list, o);
		free(p.v[i].name);
	}
	free(p.v);
	json_object_set_new(d, "per_round", list);
	json_object_set_new(R->data, "deliveries", d);
	return 0;
}
