/*
 * report.h — what the parts of sq-report share: the run's options,
 * settings and data (struct report), and each part's entry points.
 * Internal to the program (cmd/sq-report.c and the files of
 * cmd/sq-report/).
 */
#ifndef SQ_REPORT_H
#define SQ_REPORT_H

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "kvconf.h"
#include "mask.h"
#include "notices.h"
#include "opts.h"
#include "publish.h"
#include "reader.h"
#include "sites.h"
#include "rejects.h"
#include "svg.h"
#include "table.h"
#include "template.h"
#include "text.h"
#include "value.h"
#include "writer.h"

enum fmt { F_TEXT, F_MARKDOWN, F_HTML, F_JSON };

struct report {
	struct sq_common c;
	enum fmt fmt;
	const char *dir;
	const char *config, *notices, *plan, *summary, *rounds, *assignments,
		   *unfilled, *stock, *requests, *care, *waves[2];
	char	*plan_owned;
	char	*owned[14];	/* the paths found in DIR */
	const char *lang;
	long	 threshold, max_chars, top;
	int	 threshold_set, max_chars_set;
	char	 date[11];
	int	 date_set;	/* --date given: a summary of another day is not it */
	int	 restocking;	/* restocking = yes: low stock is being restocked */
	const char *absent[16];	/* --absent SECTION=REASON */
	size_t	 nabsent;
	struct sq_rejects *rj;		/* -R: the rows rejected */
	struct sq_aliases *aliases;	/* the names of every table */
	int	 have_aliases;		/* share/aliases.txt is there */
	struct {			/* by kind of table (tables.c) */
		const char *sections;
		struct sq_aliases *aliases;
	}	 tables[8];
	size_t	 ntables;

	/* settings, and their lines (for the messages of scrub) */
	char	*name, *committee, *hotline, *community, *conf_lang;
	long	 name_line, committee_line, hotline_line;

	/* personal data in what the committee wrote */
	struct sq_mask *mask;
	const char **people;	/* -P: tables whose names are masked */
	size_t	 npeople;
	char	**allow;	/* -A: [FILE:]LINE kept as written */
	size_t	 nallow;
	json_t	*words;
	json_t	*data;		/* what -f json prints and templates see */
	json_t	*plan_points;	/* [{building, x, y, gate}] */
	json_t	*sensitive;	/* request categories, by id and name */
	json_t	*sensitive_list; /* [[id, 名称]] in the file's order */
	json_t	*categories;	/* every category, by id and name */
};

/* run.c: the run of the options main read */
extern const char *const fmt_names[];	/* by enum fmt */
void	 report_init(struct report *);
int	 run(struct report *);
int	 stdin_inputs(const struct report *);

/* settings.c */
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *in_dir(struct report *, const char *given, const char *name,
	    char **owned);
int	 read_kv(const char *path, void (*fn)(void *, const char *,
	    const char *, long), void *ctx);
void	 word_fn(void *ctx, const char *k, const char *v, long no);
const char *word(struct report *, const char *key);
int	 allow_add(struct report *, const char *a);
void	 conf_fn(void *ctx, const char *k, const char *v, long no);

/* tables.c */
const char *input_name(const char *path);
json_t	*read_json(const char *path, json_error_t *);
struct sq_reader *open_table(struct report *, const char *path,
	    const char *sections);
long	 num(const char *file, const struct sq_rec *, const struct sq_reader *,
	    long col);
double	 dnum(const char *file, const struct sq_rec *,
	    const struct sq_reader *, long col, int quiet_empty);
int	 each_row(struct report *, const char *path, const char *sections,
	    int (*begin)(void *, const struct sq_reader *), void (*row)(void *,
	    const struct sq_reader *, const struct sq_rec *), void *ctx);

/* summaries.c */
json_int_t geti(json_t *o, const char *k);
int	 load_summary(struct report *, const char *path);
int	 load_care(struct report *, const char *path);
int	 hhmm_minutes(const char *t);
int	 load_waves(struct report *, const char *path);

/* plan.c */
struct plan_ctx {
	struct report *R;
	long site, kind, x, y, lat, lon, community;
	const char *file;
};
int	 plan_begin(void *ctx, const struct sq_reader *);
void	 plan_row(void *ctx, const struct sq_reader *, const struct sq_rec *);

/* deliveries.c, posts.c, stock.c, requests.c, notices.c */
int	 load_rounds(struct report *, const char *path);
int	 load_posts(struct report *, const char *assignments,
	    const char *unfilled);
int	 load_stock(struct report *, const char *path);
int	 load_requests(struct report *, const char *path);
int	 load_notices(struct report *, const char *path);

/* scrub.c */
char	*scrub(struct report *, const char *path, long line, const char *what,
	    const char *s, size_t n, size_t *outlen);
json_t	*scrub_json(struct report *, const char *path, long line,
	    const char *what, const char *s);
int	 load_mask(struct report *);

/* charts.c, render.c */
json_t	*charts(struct report *);
int	 render(struct report *, json_t *ctx, struct sq_buf *out);
int	 set_absent(struct report *);
void	 set_date(struct report *);

#endif
