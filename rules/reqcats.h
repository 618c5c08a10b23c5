/*
 * reqcats.h — the committee's lines of work and their deadlines
 * (share/requests/categories.txt), read by sq-requests.
 *
 * One category a line, "id 名称 respond solve [sensitive]", white-space
 * separated, '#' starting a comment line; times as 30m, 2h or 1d (1
 * minute to 100000 days).  "urgent" and "other" must be listed; ids are
 * unique.  With rules, each category knows its label there (or -1) and
 * every label of the rules (but negate and min) must be a category.
 */
#ifndef SQ_REQCATS_H
#define SQ_REQCATS_H

#include <stddef.h>

#include "classify.h"

struct sq_reqcat {
	char	*id, *zh;
	long	 respond, solve;	/* minutes */
	int	 sensitive;
	long	 label;			/* in the rules, or -1 */
};

struct sq_reqcats {
	struct sq_reqcat *cat;
	size_t	 n, urgent, other;	/* urgent, other: indexes */
};

/* 0, or -1 (printed, FILE:LINE); the categories read so far are kept. */
int	 sq_reqcats_load(struct sq_reqcats *, const char *path,
	    const struct sq_classify *rules);
void	 sq_reqcats_free(struct sq_reqcats *);
/* "30m", "2h", "1d" in minutes, or -1. */
long	 sq_reqcats_duration(const char *s);

#endif
