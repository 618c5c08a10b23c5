/*
 * disclose.h — disclosure control: what a public table may show so that no
 * household's illness can be worked out from it.
 *
 * A section of the bulletin declares its figures as cells (whole numbers,
 * >= 0) and rates, and the linear relations between them that a reader
 * knows or can see (a total is the sum of its parts; a building's flats
 * are its reported and unreported households).  sq_dc_solve() then decides
 * how each figure is shown:
 *
 *  - primary suppression: a shown count marked SQ_DC_SMALL below the
 *    threshold t is shown as "<t" (zero too, so "<t" never says "some");
 *  - protection: every cell marked SQ_DC_PROTECT that is not shown exactly,
 *    and every protected sum, must keep a range, over every table that
 *    agrees with what is shown and with the relations, that is not inside
 *    [1, t-1]: the reader must not learn "one or two households";
 *  - complementary suppression: while a protected range is inside [1, t-1]
 *    the cheapest figure whose bound holds it there (read off the
 *    simplex's reduced costs, solve/lp.c) is coarsened one step, tried
 *    before it is kept: a count to a band (3-5, 6-11, 12-23, ...; then
 *    <6, 6-23, ...; then not shown), a rate to 5, 10, 25 points, then not
 *    shown.  Bands are fixed grids, so the band itself tells nothing more.
 *
 * Coarsening only widens ranges, so a range once safe stays safe; if
 * nothing near a range helps, every figure of the table is hidden, which is
 * always safe when the relations hold.  The ranges are those of the linear
 * relaxation, bounds rounded inward (the audit of tau-ARGUS and sdcTable).
 *
 * One sq_dc is one table or a few tied together; nothing is shared between
 * two.  Ids are small integers from 0, cells and rates in one sequence.
 */
#ifndef SQ_DISCLOSE_H
#define SQ_DISCLOSE_H

#include <jansson.h>
#include <stddef.h>

/* What a cell is; SQ_DC_SHOWN cells are printed, the others not. */
enum {
	SQ_DC_PUBLIC	= 1 << 0,	/* known to all (a building's flats) */
	SQ_DC_SHOWN	= 1 << 1,	/* printed: exact, a band, or "-" */
	SQ_DC_SMALL	= 1 << 2,	/* shown below t as "<t" */
	SQ_DC_PROTECT	= 1 << 3,	/* its range may not be in [1, t-1] */
};
/* The usual kinds. */
#define SQ_DC_HIDDEN	0				/* a part, never printed */
#define SQ_DC_COUNT	SQ_DC_SHOWN			/* printed as it is */
#define SQ_DC_HOUSEHOLDS (SQ_DC_SHOWN | SQ_DC_SMALL | SQ_DC_PROTECT)
#define SQ_DC_SECRET	SQ_DC_PROTECT			/* hidden, protected */

struct sq_dc;

struct sq_dc *sq_dc_new(long threshold);
void	 sq_dc_free(struct sq_dc *);
long	 sq_dc_threshold(const struct sq_dc *);

/* A cell with its true value (>= 0); label for messages.  Its id. */
int	 sq_dc_cell(struct sq_dc *, unsigned kind, long value,
	    const char *label);
/*
 * A rate shown as a percentage: 100 * (sum coef[k] cell[k]) / cell den,
 * rounded to a whole percent.  Its id (-1 when den is 0: no rate).
 */
int	 sq_dc_rate(struct sq_dc *, const int *cell, const double *coef,
	    size_t n, int den, const char *label);
/* What coarsening a shown figure costs, a step (default 1). */
void	 sq_dc_cost(struct sq_dc *, int id, int cost);

/* Relations that hold for the true values: sum coef[k] cell[k] = 0 or <= 0. */
void	 sq_dc_eq(struct sq_dc *, const int *cell, const double *coef,
	    size_t n);
void	 sq_dc_le(struct sq_dc *, const int *cell, const double *coef,
	    size_t n);
/* total = parts[0] + ... + parts[n-1]. */
void	 sq_dc_sum(struct sq_dc *, int total, const int *parts, size_t n);
/* A protected sum of cells (a building's ill: fever + symptoms + ...). */
void	 sq_dc_protect(struct sq_dc *, const int *cell, size_t n,
	    const char *label);

/*
 * Decide what is shown.  0; -1 when a relation does not hold for the true
 * values (a bug in the declaration: printed).
 */
int	 sq_dc_solve(struct sq_dc *);

/* How a figure is shown, after sq_dc_solve. */
struct sq_dc_shown {
	int	 exact;		/* the value itself */
	int	 hidden;	/* not at all ("-") */
	long	 value;		/* a count's value, a rate's rounded percent */
	double	 lo, hi;	/* the band: a count's [lo, hi], a rate's
				   [lo, hi) in percent ([lo, 100] at the top) */
};
void	 sq_dc_shown(const struct sq_dc *, int id, struct sq_dc_shown *);
/* "7", "<3", "3-5", "91%", "90-95%", "-" (a rate has its %). */
void	 sq_dc_text(const struct sq_dc *, int id, char *buf, size_t size);
/* The value as a number when exact, else the text; JSON null if hidden. */
json_t	*sq_dc_json(const struct sq_dc *, int id);

/* For tests and notes: what was done. */
struct sq_dc_stats {
	long	 cells, rates, protected;
	long	 primary;	/* counts shown as <t */
	long	 steps;		/* coarsening steps kept */
	long	 hidden_all;	/* 1 when everything had to be hidden */
	long	 lps;		/* ranges computed */
};
void	 sq_dc_stats(const struct sq_dc *, struct sq_dc_stats *);
/*
 * The range [lo, hi] of a protected object (k from 0: the protected cells
 * and sums in the order declared) over what is shown; its label.  After
 * sq_dc_solve.  -1 when k is past the last.
 */
int	 sq_dc_audit(struct sq_dc *, size_t k, long *lo, long *hi,
	    const char **label);

#endif
