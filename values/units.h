/*
 * units.h — unit conversions for the stock ledger (share/stock/units.txt
 * and sq-stock --units).
 *
 * One rule a line, its fields separated by white space:
 *
 *	口罩      1 箱 = 50 包
 *	*        1 公斤 = 2 斤
 *
 * "ITEM A UNIT = B UNIT" (A and B numbers above 0, A usually 1): ITEM is an
 * item as the ledger names it, or * for every item.  '#' starts a comment
 * line.  Items and units are compared folded (sq_fold_lower).  A rule
 * works both ways; later rules win (later lines, later files), an item's
 * own rules before the * rules.  A rule's factor (B / A) must be from 1e-9
 * to 1e9, so a conversion through a unit between stays a finite number.
 */
#ifndef SQ_UNITS_H
#define SQ_UNITS_H

#include <stddef.h>

struct sq_units;

struct sq_units *sq_units_new(void);
/* Add the rules of PATH; 0, or -1 with FILE:LINE printed (and none added). */
int	 sq_units_load(struct sq_units *, const char *path);
void	 sq_units_free(struct sq_units *);
size_t	 sq_units_count(const struct sq_units *);

/*
 * How many `to` one `from` is, for the item whose folded name is key (from
 * and to folded too): 1 when they are the same; by one rule, or by two
 * through a unit between (箱 -> 包 -> 个); 0 when no rule says.
 */
double	 sq_units_factor(const struct sq_units *, const char *key,
	    const char *from, const char *to);

#endif
