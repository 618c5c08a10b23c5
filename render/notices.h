/*
 * notices.h — the committee's notices and answers (sq-report's --notices,
 * notices.txt).
 *
 * UTF-8 text, one item a line:
 *
 *	notice: text		a notice (also 通知: 公告:, or with '：')
 *	q: text			a question (also Q: 问:)
 *	a: text			the answer to the question before (also A: 答:)
 *	  more text		indented (space, tab, U+3000): continues the
 *				item above, after a newline
 *	# comment		'#' in the first column
 *
 * A blank line (white space only, U+3000 and U+00A0 included) ends the item
 * above, so a line indented after it is a problem.  Text is trimmed like a
 * cell (sq_trim).  A UTF-8 byte order mark at the start of the file is
 * skipped; line ends are '\n', a CR before it is dropped.  A line that is
 * not UTF-8 is a problem and is skipped (the item above goes on after it).
 * An answer goes to the last question, which must not have one yet (an
 * empty answer is none); a question without answer has "a": "".  An item
 * with no text at all ("notice:" alone) is kept, with "".
 *
 * The result is a new JSON object {"notices": [{"text": ...}, ...],
 * "faq": [{"q": ..., "a": ...}, ...]}; every string in it is valid UTF-8
 * and each of its lines is a part of one line of the input.
 */
#ifndef SQ_NOTICES_H
#define SQ_NOTICES_H

#include <jansson.h>
#include <stddef.h>

/*
 * A problem at line (1, 2, ...): why is the message without "FILE:LINE: ".
 * With fn NULL, problems are data problems of the file (sq_problem, which
 * prints "NAME:LINE: why" and sets exit status 1).
 */
typedef void sq_notices_fn(void *ctx, long line, const char *why);

/*
 * Read the notices file at path.  The object, or NULL with "PATH: why"
 * printed (sq_error) when the file cannot be opened or read.
 */
json_t	*sq_notices_load(const char *path, sq_notices_fn *fn, void *ctx);

/* The same for text in memory (NUL bytes included); name is for messages. */
json_t	*sq_notices_parse(const char *name, const char *text, size_t len,
	    sq_notices_fn *fn, void *ctx);

#endif
