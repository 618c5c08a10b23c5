/*
 * header.h — header names: aliases, normalization, finding the header row.
 *
 * Aliases are data (share/aliases.txt): one canonical name per line followed
 * by the names people write for it, Chinese and English:
 *
 *	phone: 电话, 联系电话, 手机, 手机号码, mobile, tel
 *
 * Matching is on a normalized form: full-width folded to ASCII, lower case,
 * spaces, '_', '-', '*' and trailing ':'/'：' dropped, and a bracketed unit
 * or note removed ("体温(℃)" -> "体温", "电话（必填）" -> "电话").
 */
#ifndef SQ_HEADER_H
#define SQ_HEADER_H

#include <stddef.h>

#include "record.h"

struct sq_aliases;

/*
 * Loads PATH; on a bad line prints FILE:LINE and returns NULL.  Lines under
 * a "[table]" line belong to that table ("序号" is a volunteer's id in
 * [volunteers], a row number elsewhere): sq_aliases_load_sections() takes
 * the lines before any section and those of the comma-separated sections
 * named; sq_aliases_load() takes them all (to recognize a header row).
 */
struct sq_aliases *sq_aliases_load(const char *path);
struct sq_aliases *sq_aliases_load_sections(const char *path,
	    const char *sections);
void	 sq_aliases_free(struct sq_aliases *);
/* The canonical name for a header as written, or NULL. */
const char *sq_aliases_lookup(const struct sq_aliases *, const char *name,
	    size_t len);
/*
 * A header no alias matches whole, read by its key words: a question of an
 * online form ("1.您今天的体温是多少？", "您的家庭住址是？") holds an alias
 * of two or more Chinese characters.  The canonical name of the longest
 * alias found in it, with that alias in *word; NULL when none is, or when
 * another canonical name's alias is found elsewhere in it too (then *word
 * and *other name the two, for a warning).
 */
const char *sq_aliases_keyword(const struct sq_aliases *, const char *name,
	    size_t len, const char **word, const char **other);
/* The first alias listed for a canonical name (its Chinese name), or NULL. */
const char *sq_aliases_first(const struct sq_aliases *, const char *canon);
/* Number of canonical names (for tests). */
size_t	 sq_aliases_count(const struct sq_aliases *);

/* Normalized form used for matching; returns its length. */
size_t	 sq_header_norm(const char *in, size_t len, char *out, size_t outsz);

/*
 * Which of the first N records is the header?  The first record unless a
 * later one names more known columns (aliases may be NULL), or, with no
 * known names, has more non-empty cells: a title or a note row above the
 * header has fewer.
 */
size_t	 sq_header_pick(const struct sq_rec *cands, size_t n,
	    const struct sq_aliases *);

#endif
