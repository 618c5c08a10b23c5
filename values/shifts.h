/*
 * shifts.h — named shifts (早班, 中班, 夜班 ...), defined once in a settings
 * file and used wherever people write a time of duty: the shift column of
 * a posts sheet ("早班", "早班、夜班") and a volunteer's availability
 * ("只上夜班").
 *
 * The file (share/match/shifts.conf, then a user's --shifts file) is
 * "name = HH:MM-HH:MM" a line, '#' starting a comment; a shift that ends
 * at or before its start ends the next day (夜班 = 22:00-06:00), and
 * 24:00 is the end of the day.  Names are compared folded (sq_fold_lower):
 * full-width forms and case do not matter.  A later line or file giving a
 * name again replaces it.
 */
#ifndef SQ_SHIFTS_H
#define SQ_SHIFTS_H

#include <stddef.h>

#define SQ_DAYMIN	1440L	/* minutes in a day */

struct sq_shift {
	char	*name;		/* folded */
	size_t	 len;
	long	 from, to;	/* minutes of the day; from < to <= from + 1440 */
};

/*
 * A word for a part of the day (上午, 晚上, 全天, evening ...), from
 * share/match/periods.conf: its window, how a clock time after it reads
 * (下午3点 is 15:00: SQ_PERIOD_PM), and whether it means any time at all
 * (全天, 都可以: skipped after a clock time, "18:00以后都可以").
 */
enum { SQ_PERIOD_NONE, SQ_PERIOD_AM, SQ_PERIOD_NOON, SQ_PERIOD_PM };
struct sq_period {
	char	*word;		/* folded */
	size_t	 len;
	int	 kind;		/* SQ_PERIOD_* */
	long	 from, to;	/* as a shift's */
	int	 any;
};

/* The words of a time of duty.  Zero it before the first load. */
struct sq_shifts {
	struct sq_shift *v;
	size_t	 n;
	struct sq_period *p;
	size_t	 np;
};

/* Add the shifts of a file.  0, or -1 with FILE:LINE: why printed. */
int	 sq_shifts_load(struct sq_shifts *, const char *path);
/*
 * Add the periods of a file (share/match/periods.conf): "word =
 * HH:MM-HH:MM [am|noon|pm] [any]" a line.  0, or -1 with FILE:LINE: why.
 */
int	 sq_periods_load(struct sq_shifts *, const char *path);
/* Add one shift by hand (tests, callers with their own source). */
void	 sq_shifts_add(struct sq_shifts *, const char *name, long from,
	    long to);
void	 sq_shifts_free(struct sq_shifts *);

/* The shift whose folded name is exactly s[0, len), or NULL. */
const struct sq_shift *sq_shifts_find(const struct sq_shifts *,
	    const char *s, size_t len);
/*
 * The shift with the longest name that s[i, n) starts with (s folded), or
 * NULL; the name's length in *len.
 */
const struct sq_shift *sq_shifts_at(const struct sq_shifts *, const char *s,
	    size_t n, size_t i, size_t *len);

/*
 * "HH:MM-HH:MM" (also "6:00~14:00", "06:00至14:00", "22:00-06:00",
 * "18:00-24:00") as minutes: from in 0..1439, to after it and at most a
 * day later.  0, or -1 with *why.
 */
int	 sq_shift_range(const char *s, size_t len, long *from, long *to,
	    const char **why);

#endif
