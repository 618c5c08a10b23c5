/*
 * diag.h — messages, exit status and memory helpers shared by every program.
 *
 * Messages follow one shape: "sq-NAME: FILE:LINE: what is wrong (and what to
 * do)".  Exit status: 0 all rows accepted, 1 data problems, 2 usage or I/O.
 * Line-level messages are capped so a broken 1,000,000-row file does not
 * flood the terminal; the count of those not shown is printed at the end and
 * the rejects file (--rejects) holds every one of them.
 */
#ifndef SQ_DIAG_H
#define SQ_DIAG_H

#include <stddef.h>
#include <stdnoreturn.h>

#define SQ_EXIT_OK	0
#define SQ_EXIT_DATA	1
#define SQ_EXIT_USAGE	2

void	 sq_diag_init(const char *progname);
/*
 * Messages in the user's language: every format given to the functions
 * below (and sq_usage_error, sq_rec_seterr, sq_rejects_add's reason) is
 * looked up in the "shequ" message catalog (gettext) before use, so a call
 * site writes plain English and po/zh_CN.po holds its Chinese.  sq_start()
 * picks the catalog from the locale.  A message built in pieces marks each
 * piece: _("...") where it is used, N_("...") where it is only named (a
 * table of reasons), so that `make po` finds it.
 */
void	 sq_i18n_init(const char *localedir);
const char *sq_tr(const char *msgid) __attribute__((format_arg(1)));
const char *sq_ntr(const char *one, const char *many, unsigned long n)
	    __attribute__((format_arg(1))) __attribute__((format_arg(2)));
#define _(s)	sq_tr(s)
#define N_(s)	(s)
const char *sq_progname(void);
void	 sq_diag_quiet(int);		/* -q: no notes or warnings */
void	 sq_diag_cap(long);		/* line messages shown (default 20) */

/* A data problem at FILE:LINE (line <= 0: no line).  Sets exit status 1. */
void	 sq_problem(const char *file, long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A warning at FILE:LINE: does not change the exit status. */
void	 sq_warn(const char *file, long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A note not tied to a line ("read 3000 rows ..."); hidden by -q. */
void	 sq_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error that stops the program: usage, I/O, unreadable file.  Exit 2. */
noreturn void sq_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like sq_fatal but does not exit; marks status 2. */
void	 sq_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Mark a data problem without printing (already reported elsewhere). */
void	 sq_mark_problem(void);

/*
 * A helper thread's messages: with a log set, this thread's sq_problem,
 * sq_warn, sq_note and sq_error are kept in it (NULL: printed again);
 * sq_diag_replay tells them, in order, as if said now by the caller.
 */
struct sq_buf;
void	 sq_diag_capture(struct sq_buf *log);
void	 sq_diag_replay(const char *log, size_t len);

/* Prints "N more problems not shown" if any were capped; returns status. */
int	 sq_diag_finish(void);
int	 sq_diag_status(void);

void	*sq_xmalloc(size_t);
void	*sq_xcalloc(size_t, size_t);
void	*sq_xrealloc(void *, size_t);
char	*sq_xstrdup(const char *);
/*
 * Zeroed memory for a large table (a million households' index): on Linux
 * backed by 2 MB pages where the kernel allows, so filling it takes a few
 * hundred page faults instead of tens of thousands.  Free with free().
 */
void	*sq_xcalloc_big(size_t);
/* The same, not zeroed: for memory that is written before it is read. */
void	*sq_xmalloc_big(size_t);
/* Ask for huge pages over the whole 2 MB pages inside [p, p+n): a hint. */
void	 sq_hint_huge(void *p, size_t n);
char	*sq_xstrndup(const char *, size_t);

#endif
