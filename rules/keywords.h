/*
 * keywords.h — labels found in free text by keyword, from a rules file.
 *
 * The file has one label a line, then its keywords:
 *
 *	chronic: 慢性, 高血压, 糖尿病
 *
 * '#' starts a comment line.  A keyword matches anywhere in the text (after
 * full-width folding, ASCII case ignored), except right after a negation
 * (无 没有 非 不是 未 no not), so "无慢性病" does not match.  A label given
 * twice (a user file after the shipped one) adds its keywords.
 */
#ifndef SQ_KEYWORDS_H
#define SQ_KEYWORDS_H

#include <stddef.h>
#include <stdint.h>

struct sq_keywords;

/* NULL (printed, with FILE:LINE) when the file cannot be read or is bad. */
struct sq_keywords *sq_keywords_load(const char *path);
void	 sq_keywords_free(struct sq_keywords *);
size_t	 sq_keywords_nlabels(const struct sq_keywords *);
const char *sq_keywords_label(const struct sq_keywords *, size_t i);
/* Index of a label, or -1. */
long	 sq_keywords_find(const struct sq_keywords *, const char *label);
/* Bit i set when label i matches (labels beyond 64 are not reported). */
uint64_t sq_keywords_match(const struct sq_keywords *, const char *text,
	    size_t len);

#endif
