/*
 * textnorm.h — one spelling for what residents type many ways, before a
 * request is classified, checked for urgency or grouped into a topic.
 *
 * In order: full-width to ASCII and white space to one space (sq_fold),
 * ASCII letters to lower case; traditional characters to simplified, one
 * character for one, from a table (share/requests/simplified.txt); then
 * the typos and homophones of a second table (share/requests/typos.txt),
 * the longest written form first at each place.  A table has one entry a
 * line, "FROM TO", white-space separated, '#' starting a comment line:
 *
 *	simplified.txt	藥醫發燒 药医发烧	(characters, the same count)
 *	typos.txt	核算 核酸		(any two strings, TO not empty)
 *
 * A FROM that begins or ends with an ASCII letter replaces only a whole
 * word there ("hs" in "hs几点", not in "hospital").  Replacements are not
 * re-read: TO is never itself replaced.  A table loads all or nothing;
 * later tables add to earlier ones and a FROM given again takes its new TO.
 */
#ifndef SQ_TEXTNORM_H
#define SQ_TEXTNORM_H

#include <stddef.h>

struct sq_textnorm;

struct sq_textnorm *sq_textnorm_new(void);
/* Add the character pairs of a simplified.txt; 0, or -1 printed. */
int	 sq_textnorm_load_chars(struct sq_textnorm *, const char *path);
/* Add the replacements of a typos.txt; 0, or -1 printed. */
int	 sq_textnorm_load_words(struct sq_textnorm *, const char *path);
void	 sq_textnorm_free(struct sq_textnorm *);

/*
 * The normalized text, malloc'd and NUL-terminated, its length in *outlen.
 * A NULL table folds only.  Invalid UTF-8 bytes are copied as they are.
 */
char	*sq_textnorm(const struct sq_textnorm *, const char *in, size_t len,
	    size_t *outlen);

#endif
