/*
 * words.h — the wording of what a person reads, as data: a program's
 * sentences, labels and column names live in share/AREA/LANG/words.conf
 * (like the bulletin's share/report/LANG/), not in C strings, so a
 * committee changes a word without recompiling and a language is a folder.
 *
 * A words file is "key = value" a line (lib/kvconf, '#' starts a comment);
 * a value may hold {name} places, filled by the caller.  The English file
 * is read first and the chosen language over it, so a key the language
 * does not give yet still says something (tests check that zh gives every
 * key en does).  A key neither gives comes out as the key itself: never a
 * blank cell.
 */
#ifndef SQ_WORDS_H
#define SQ_WORDS_H

#include <stdarg.h>

#include "buf.h"

struct sq_words;

/*
 * The wording of AREA ("match", "stock", "rounds") in LANG, from the data
 * directory dir: dir/AREA/en/words.conf, then dir/AREA/LANG/words.conf.
 * NULL with a message when a file cannot be read or LANG is no name.
 */
struct sq_words *sq_words_open(const char *dir, const char *area,
	    const char *lang);
void	 sq_words_free(struct sq_words *);

/* (The language asked for is sq_lang() of prog/opts.) */

/* The value of key, or NULL when no file gives it. */
const char *sq_words_find(const struct sq_words *, const char *key);
/* The value of key, or the key itself. */
const char *sq_words_get(const struct sq_words *, const char *key);
/* The value of PREFIX.NAME ("skill.porter"), or name itself. */
const char *sq_words_label(const struct sq_words *, const char *prefix,
	    const char *name);

/*
 * Append the value of key to out with its {name} places filled from the
 * pairs that follow: name, value, ..., NULL.  A place no pair names is
 * left as written.
 */
void	 sq_words_say(const struct sq_words *, struct sq_buf *out,
	    const char *key, ...) __attribute__((sentinel));
void	 sq_words_vsay(const struct sq_words *, struct sq_buf *out,
	    const char *key, va_list);

#endif
