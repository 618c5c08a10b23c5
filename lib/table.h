/*
 * table.h — what a program reads of a table, declared as data.
 *
 * Each column by its canonical name (share/aliases.txt gives the names
 * people write for it; "skills|skill" is either, the first found), and
 * which of the table's needs it meets: bit k of need is clause k, and the
 * table is usable when every clause has a column, so "start and end, or
 * shift" is start 1, end 2, shift 1|2.  One lookup and one message for
 * what is missing, naming each column as the aliases' first name for it
 * (its Chinese name) beside the canonical one.
 *
 *	enum { P_POST, P_START, P_END, P_SHIFT, P_N };
 *	static const struct sq_col cols[P_N] = {
 *		[P_POST] = { "post", 1 }, [P_START] = { "start", 2 },
 *		[P_END] = { "end", 4 }, [P_SHIFT] = { "shift|time", 2 | 4 },
 *	};
 *	long col[P_N];
 *	if (sq_table_cols(r, cols, P_N, col, "the posts table") < 0) ...
 */
#ifndef SQ_TABLE_H
#define SQ_TABLE_H

#include <stddef.h>

#include "reader.h"

struct sq_col {
	const char *name;	/* canonical; "a|b" for either */
	unsigned need;		/* the clauses it meets; 0: optional */
};

/*
 * Each column's index in r into col[], -1 where the table has none.  0,
 * or -1 when a clause has no column, said as "FILE: WHAT needs a column
 * post (岗位), and a column start (开始时间) or shift (班次): its columns
 * are ...".
 */
int	 sq_table_cols(const struct sq_reader *, const struct sq_col *,
	    size_t n, long *col, const char *what);
/*
 * The message of a table without what a program needs from it: "FILE:
 * WHAT needs NEEDS: its columns are ... (one named otherwise: add its name
 * to share/aliases.txt)".  For needs sq_table_cols cannot say (an address
 * in any of its forms: values/rowaddr).
 */
void	 sq_table_missing(const struct sq_reader *, const char *what,
	    const char *needs);
/*
 * The same, but a table with no columns at all (an empty input, which the
 * reader has already said) is a table of no rows, not a wrong one: 0 with
 * every col -1.
 */
int	 sq_table_cols_or_empty(const struct sq_reader *,
	    const struct sq_col *, size_t n, long *col, const char *what);
/*
 * The header of an output table: the canonical names, or under zh the
 * first name share/aliases.txt gives each (its Chinese name; the canonical
 * one where it gives none).  zh is the aliases to take them from, or NULL
 * for the canonical names.
 */
struct sq_writer;
void	 sq_table_header(struct sq_writer *, const char *const *names,
	    size_t n, const struct sq_aliases *zh);
/* Those names pushed on h, for a header with more after them. */
void	 sq_table_push_names(struct sq_rec *h, const char *const *names,
	    size_t n, const struct sq_aliases *zh);

#endif
