/*
 * settings.h — typed settings of a "key = value" file (rounds.conf,
 * waves.conf and the files given with --settings), declared as a table:
 *
 *	static const struct sq_setting keys[] = {
 *		{ "capacity", SQ_SET_LONG, offsetof(struct st, capacity),
 *		    1, 1000000, "a whole number of parcels" },
 *		{ "lift", SQ_SET_BOOL, offsetof(struct st, lift) },
 *		{ "floors", SQ_SET_CHOICE, offsetof(struct st, down), 0, 0,
 *		    NULL, "up|down" },
 *	};
 *	sq_settings_load(path, SQ_KV_HASH, keys, n, &st);
 *
 * Kinds: SQ_SET_INT (int) and SQ_SET_LONG (long), whole numbers from lo to
 * hi; SQ_SET_DOUBLE (double) from lo to hi; SQ_SET_BOOL (int 0 or 1: yes,
 * no, 是, 否 ...); SQ_SET_TIME (int, minutes after midnight: 07:30, 7点半);
 * SQ_SET_CHOICE (int, the place of the value among the choices, "a|b|c");
 * SQ_SET_TEXT (char *, malloc'd; the old value is freed).
 *
 * A line that is not "key = value", an unknown key or a bad value is an
 * error printed as "PATH:LINE: what" (sq_error, exit status 2 at the end);
 * the rest of the file is still read, so every mistake is told at once.
 */
#ifndef SQ_SETTINGS_H
#define SQ_SETTINGS_H

#include <stddef.h>

enum {
	SQ_SET_INT, SQ_SET_LONG, SQ_SET_DOUBLE, SQ_SET_BOOL, SQ_SET_TIME,
	SQ_SET_CHOICE, SQ_SET_TEXT
};

struct sq_setting {
	const char *key;
	int	 kind;
	size_t	 off;		/* of the value in the caller's struct */
	double	 lo, hi;	/* numbers: the range */
	const char *what;	/* "expected WHAT"; NULL: said by the kind */
	const char *choices;	/* SQ_SET_CHOICE: "up|down" */
};

/*
 * Read path with the kvconf flags (SQ_KV_HASH, SQ_KV_OPTIONAL...) into
 * base.  0, or -1 when the file cannot be read or a line was wrong.
 */
int	 sq_settings_load(const char *path, int kvflags,
	    const struct sq_setting *, size_t n, void *base);

#endif
