/*
 * kind.h — what a table is (a roster, a check-in sheet, orders ...), from
 * the names of its header, by the rules of share/kinds.txt.
 */
#ifndef SQ_KIND_H
#define SQ_KIND_H

#include "opts.h"
#include "reader.h"

struct sq_kinds;

/* kinds.txt and the aliases of each section it names; NULL (printed). */
struct sq_kinds *sq_kinds_load(const struct sq_common *);
void	 sq_kinds_free(struct sq_kinds *);
/* The first kind whose columns the reader's header has, or NULL. */
const char *sq_kinds_match(const struct sq_kinds *, const struct sq_reader *);

#endif
