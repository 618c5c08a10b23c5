/*
 * gen.h — what the parts of gen-community share: the random streams, the
 * CSV output, the community (buildings, households) and each part's entry
 * points.  Internal to the tool (tools/gen-community.c and the files of
 * tools/gen-community/).
 */
#ifndef GEN_COMMUNITY_H
#define GEN_COMMUNITY_H

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "opts.h"

struct rng {
	uint64_t s[4];
};

/* Streams: one per purpose and per community (or day). */
enum {
	ST_COMMUNITY = 1, ST_ROSTER, ST_MESSY, ST_CHECKIN, ST_MEMBER,
	ST_RESIDENTS, ST_SITES, ST_VOLUNTEERS, ST_POSTS, ST_ORDERS
};

struct out {
	FILE	*f;
	char	*path;
	iconv_t	 cd;		/* (iconv_t)-1: write UTF-8 as it is */
	const char *eol;
	char	*buf;
	size_t	 len, cap;
	int	 col;
};

enum { ENC_UTF8, ENC_UTF8_BOM, ENC_GBK };

enum {
	F_ELDERLY = 1, F_CHRONIC = 2, F_DISABLED = 4, F_PREGNANT = 8,
	F_INFANT = 16
};

struct bldg {
	int	 units, floors, perfloor;
	int	 grid;
};

struct hh {
	int	 b, u, room;	/* building number, unit, room number */
	int	 grid;
	int	 members;
	unsigned flags;
	int	 age;		/* of the head */
	float	 p;		/* chance of checking in on a day */
	char	 name[24];
	char	 phone[24];	/* 13800138000 or 021-64381234 */
	const char *note;
};

/* How a grid worker's part of a messy sheet is typed. */
struct style {
	int	 addr, yes, members;
};

struct comm {
	int	 idx;
	char	 name[64];
	int	 nb;
	struct bldg *b;
	int	 ng;
	char	(*grid)[24];
	struct style *style;
	size_t	 n;
	struct hh *h;
};

/* The biggest building: 4 units, 18 floors, 4 flats a floor. */
#define MAXFLATS	288

enum {
	A_HAO, A_DONG, A_DASH, A_FULL, A_ZHUANG,	/* roster forms */
	A_HAO_NOSHI, A_HAO_SHORT, A_DASH_ROOM,		/* typed in forms */
	A_NSTYLES
};

/* rng.c */
void	 rng_seed(struct rng *r, uint64_t seed, uint64_t stream, uint64_t sub);
uint32_t rng_below(struct rng *r, uint32_t n);
int	 rng_range(struct rng *r, int lo, int hi);
double	 rng_unit(struct rng *r);
int	 rng_chance(struct rng *r, double p);

/* out.c */
struct out *out_open(const char *dir, const char *name, int enc, int crlf);
void	 out_cell(struct out *o, const char *s);
void	 out_cellf(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void	 out_cells(struct out *o, const char *list);
void	 out_end(struct out *o);
void	 out_close(struct out *o);

/* names.c */
void	 make_given(struct rng *r, char *out, size_t sz);
void	 make_name(struct rng *r, char *out, size_t sz);
void	 make_mobile(struct rng *r, char *out, size_t sz);
void	 make_landline(struct rng *r, char *out, size_t sz);
void	 fullwidth(const char *s, char *out, size_t sz);
long	 days_from_civil(int y, int m, int d);
void	 civil_from_days(long z, int *y, int *m, int *d);
extern const char *const cn_digit[];

/* community.c */
int	 roster_form(struct rng *r);
void	 gen_community(struct comm *c, int idx, size_t n, int nb,
	    uint64_t seed);
void	 free_community(struct comm *c);
extern const char *const comm_prefix[];

/* cells.c */
void	 addr_render(char *out, size_t sz, int b, int u, int room, int style,
	    int space);
const char *yes_cell(struct rng *r, int messy, int style, int v);
void	 members_cell(struct rng *r, int messy, int style, int m, char *out,
	    size_t sz);
void	 phone_cell(struct rng *r, int messy, const char *p, char *out,
	    size_t sz);

/* roster.c */
void	 write_roster(struct out *o, const struct comm *c, uint64_t seed,
	    int messy, long *seq, long *sum);
void	 write_residents(const char *dir, const struct comm *c, uint64_t seed);
extern const char roster_header[];
#define ROSTER_COLS 13

/* checkins.c */
void	 write_checkins(struct out *o, const struct comm *c, uint64_t seed,
	    int messy, long day, int di);

/* sites.c */
void	 write_sites(struct out *o, const struct comm *c, uint64_t seed,
	    int district);

/* day.c */
void	 write_volunteers(const char *dir, const struct comm *c,
	    uint64_t seed, int messy);
void	 write_posts(const char *dir, const struct comm *c, uint64_t seed,
	    int messy, long day);
void	 write_orders(const char *dir, const struct comm *c, uint64_t seed,
	    int messy, long day);

#endif
