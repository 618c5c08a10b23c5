/*
 * sites.h — where things are in the estate: the site plan (buildings, the
 * gate, testing points, in metres), a building as the household key names
 * it, and the floor of a room.
 *
 * A sites table has a site column (or building, or name), x and y in
 * metres on a local plan or lat and lon in degrees, and optionally kind
 * (the words of share/sites.txt: gate 大门 门岗 东门 ...; point 采样点
 * 检测点 testing ...; else a building) and community.  Degrees are
 * projected on a plane through the gate (or the first site), fine for one
 * estate.  A site is a building when its name reads as one ("12",
 * "12号楼", "12栋", "二期3栋", "123弄5号", "A座", "B0012"): its key is the building part of the household key, "B0012",
 * "Z02-B0003", "L0123-B0005", so "12号楼" on the plan is the building of
 * B0012-U02-R0502 in the roster.
 */
#ifndef SQ_SITES_H
#define SQ_SITES_H

#include <stddef.h>

#include "reader.h"

enum { SQ_SITE_BUILDING, SQ_SITE_GATE, SQ_SITE_POINT };

#define SQ_BKEY_MAX	48

struct sq_site {
	char	*name;		/* as written */
	char	*community;	/* "" if the table has none */
	char	 key[SQ_BKEY_MAX];	/* "B0012"; "" if not a building */
	double	 x, y;		/* metres, x east, y north */
	int	 kind;
	long	 line;
};

struct sq_sites {
	struct sq_site *v;
	size_t	 n, cap;
	int	 latlon;	/* the table gave degrees */
	double	 lat0, lon0;	/* the origin of the projection */
};

/*
 * Read the table at path with the reader options given (canonical names).
 * A row that cannot be used (no name, bad coordinates, a building twice)
 * is a data problem, printed with its line.  0, or -1 (printed) when the
 * file cannot be read or has no site or coordinate columns.
 */
int	 sq_sites_read(struct sq_sites *, const char *path,
	    const struct sq_reader_opts *);
void	 sq_sites_free(struct sq_sites *);

/*
 * The kind of a site (SQ_SITE_GATE, SQ_SITE_POINT, else SQ_SITE_BUILDING)
 * from the word of its kind column, or from its name when the plan has no
 * kind column: the words of DATADIR/sites.txt (NULL: sq_share_dir()),
 * read once for the program.  Every program that reads a plan asks here.
 */
int	 sq_site_kind(const char *datadir, const char *s, size_t n);

/* Degrees to the plan's metres (as the table's were); -1 if not latlon. */
int	 sq_sites_project(const struct sq_sites *, double lat, double lon,
	    double *x, double *y);

/*
 * The site of a building key, in community (NULL or "": any), or -1.
 * A site row without a community stands for that building everywhere.
 */
long	 sq_sites_building(const struct sq_sites *, const char *community,
	    const char *key);
/* The first site of a kind, or -1. */
long	 sq_sites_first(const struct sq_sites *, int kind);
/* The site called name (as written, trimmed), or -1. */
long	 sq_sites_named(const struct sq_sites *, const char *name);

/*
 * The building key of a building as people name it (see above), into out
 * (SQ_BKEY_MAX).  0, or -1 when the name is not a building (a gate).
 */
int	 sq_building_key(const char *name, size_t len, char *out,
	    size_t outsz);
/*
 * The building part of a household key, without the community:
 * "B0012" of "C1a2b3c4d-B0012-U02-R0502".  Its length; 0 if none.
 */
size_t	 sq_hh_building(const char *hh, char *out, size_t outsz);

/*
 * The floor of a room number: 502 -> 5, 1201 -> 12, "502-1" -> 5,
 * "A1203" -> 12, "2F"/"2FQL" -> 2; 101 -> 1; a room of one or two digits
 * (12) is on floor 1; no number (TZJ, ""): 0, unknown.
 */
int	 sq_room_floor(const char *room);

#endif
