#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "buf.h"
#include "diag.h"

/* The program's own diagnostic state: one program, one instance. */
static struct {
	const char *prog;
	int	 status;
	int	 quiet;
	long	 cap;
	long	 shown;
	long	 hidden;
} D = { "shequ", 0, 0, 20, 0, 0 };

#define SQ_TEXTDOMAIN "shequ"

static int i18n_on;

/* The language the environment asks for messages in ("zh_CN"), or NULL. */
static const char *
wanted_language(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 ?
			    NULL : v;
	}
	return NULL;
}

void
sq_i18n_init(const char *localedir)
{
	/*
	 * Only LC_MESSAGES: numbers, character classes and sorting stay C, as
	 * every parser here assumes.  A laptop whose LANG is zh_CN.UTF-8 but
	 * whose locale was never generated still gets Chinese: C.UTF-8 (built
	 * into glibc) with LANGUAGE, which gettext reads when not plain "C".
	 */
	if (setlocale(LC_MESSAGES, "") == NULL) {
		const char *want = wanted_language();
		const char *language = getenv("LANGUAGE");
		if (want && setlocale(LC_MESSAGES, "C.UTF-8") != NULL &&
		    (language == NULL || *language == '\0')) {
			char lang[64];
			size_t n = strcspn(want, ".@");
			if (n >= sizeof(lang))
				n = sizeof(lang) - 1;
			memcpy(lang, want, n);
			lang[n] = '\0';
			setenv("LANGUAGE", lang, 1);
		}
	}
	bindtextdomain(SQ_TEXTDOMAIN, localedir);
	/*
	 * The catalog's text is written as is, and so is libc's (strerror,
	 * getopt): shequ speaks UTF-8 whatever LC_CTYPE says (it stays C).
	 */
	bind_textdomain_codeset(SQ_TEXTDOMAIN, "UTF-8");
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(SQ_TEXTDOMAIN);
	i18n_on = 1;
}

const char *
sq_tr(const char *msgid)
{
	if (!i18n_on || msgid == NULL || *msgid == '\0')
		return msgid;
	return dgettext(SQ_TEXTDOMAIN, msgid);
}

const char *
sq_ntr(const char *one, const char *many, unsigned long n)
{
	if (!i18n_on)
		return n == 1 ? one : many;
	return dngettext(SQ_TEXTDOMAIN, one, many, n);
}

void
sq_diag_init(const char *progname)
{
	const char *slash = strrchr(progname, '/');

	D.prog = slash ? slash + 1 : progname;
}

const char *
sq_progname(void)
{
	return D.prog;
}

void
sq_diag_quiet(int q)
{
	D.quiet = q;
}

void
sq_diag_cap(long cap)
{
	D.cap = cap;
}

static void
vmsg(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	size_t fl = file ? strlen(file) : 0;
	/* a workbook's sheet, "FILE:SHEET!", takes the row as Excel does */
	if (file && line > 0 && fl > 0 && file[fl - 1] == '!')
		fprintf(stderr, "%s: %s%ld: ", D.prog, file, line);
	else if (file && line > 0)
		fprintf(stderr, "%s: %s:%ld: ", D.prog, file, line);
	else if (file)
		fprintf(stderr, "%s: %s: ", D.prog, file);
	else
		fprintf(stderr, "%s: ", D.prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/*
 * A helper thread's messages (a reader reading ahead) are kept in a log and
 * told by the main thread when it reaches the row they were about: the same
 * order, cap and exit status as if the main thread had read the row itself.
 */
static _Thread_local struct sq_buf *capture;

void
sq_diag_capture(struct sq_buf *log)
{
	capture = log;
}

/* An entry: kind, the line (long), 0/1 has a file, file NUL, message NUL. */
static int
captured(char kind, const char *file, long line, const char *fmt, va_list ap)
{
	if (capture == NULL)
		return 0;
	sq_buf_addc(capture, kind);
	sq_buf_add(capture, (const char *)&line, sizeof(line));
	sq_buf_addc(capture, file != NULL);
	if (file)
		sq_buf_add(capture, file, strlen(file) + 1);
	sq_buf_vprintf(capture, fmt, ap);
	sq_buf_addc(capture, '\0');
	return 1;
}

void
sq_diag_replay(const char *log, size_t len)
{
	const char *p = log, *end = log + len;

	while (p < end) {
		char kind = *p++;
		long line;
		memcpy(&line, p, sizeof(line));
		p += sizeof(line);
		const char *file = NULL;
		if (*p++) {
			file = p;
			p += strlen(p) + 1;
		}
		const char *msg = p;
		p += strlen(p) + 1;
		switch (kind) {
		case 'p': sq_problem(file, line, "%s", msg); break;
		case 'w': sq_warn(file, line, "%s", msg); break;
		case 'n': sq_note("%s", msg); break;
		default: sq_error("%s", msg); break;
		}
	}
}

static int
take_slot(void)
{
	if (D.cap >= 0 && D.shown >= D.cap) {
		D.hidden++;
		return 0;
	}
	D.shown++;
	return 1;
}

void
sq_problem(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	fmt = sq_tr(fmt);

	va_start(ap, fmt);
	if (captured('p', file, line, fmt, ap)) {
		va_end(ap);
		return;
	}
	va_end(ap);
	if (D.status < SQ_EXIT_DATA)
		D.status = SQ_EXIT_DATA;
	if (!take_slot())
		return;
	va_start(ap, fmt);
	vmsg(file, line, fmt, ap);
	va_end(ap);
}

void
sq_warn(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	fmt = sq_tr(fmt);

	va_start(ap, fmt);
	if (captured('w', file, line, fmt, ap)) {
		va_end(ap);
		return;
	}
	va_end(ap);
	if (D.quiet || !take_slot())
		return;
	va_start(ap, fmt);
	vmsg(file, line, fmt, ap);
	va_end(ap);
}

void
sq_note(const char *fmt, ...)
{
	va_list ap;

	fmt = sq_tr(fmt);

	va_start(ap, fmt);
	if (captured('n', NULL, 0, fmt, ap)) {
		va_end(ap);
		return;
	}
	va_end(ap);
	if (D.quiet)
		return;
	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
}

void
sq_error(const char *fmt, ...)
{
	va_list ap;

	fmt = sq_tr(fmt);

	va_start(ap, fmt);
	if (captured('e', NULL, 0, fmt, ap)) {
		va_end(ap);
		return;
	}
	va_end(ap);
	D.status = SQ_EXIT_USAGE;
	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
}

noreturn void
sq_fatal(const char *fmt, ...)
{
	va_list ap;

	fmt = sq_tr(fmt);

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
	exit(SQ_EXIT_USAGE);
}

void
sq_mark_problem(void)
{
	if (D.status < SQ_EXIT_DATA)
		D.status = SQ_EXIT_DATA;
}

int
sq_diag_finish(void)
{
	if (D.hidden > 0) {
		fprintf(stderr, "%s: ", D.prog);
		fprintf(stderr, sq_ntr("%ld more message not shown (every "
		    "rejected row is in the --rejects file)\n", "%ld more "
		    "messages not shown (every rejected row is in the --rejects "
		    "file)\n", (unsigned long)D.hidden), D.hidden);
	}
	D.hidden = 0;
	return D.status;
}

int
sq_diag_status(void)
{
	return D.status;
}

static noreturn void
oom(size_t n)
{
	fprintf(stderr, "%s: ", D.prog);
	fprintf(stderr, sq_tr("out of memory (asked for %zu bytes); "
	    "raise the memory limit or split the input\n"), n);
	exit(SQ_EXIT_USAGE);
}

void *
sq_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
sq_xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (p == NULL)
		oom(n * m);
	return p;
}

void *
sq_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void *
sq_xmalloc_big(size_t n)
{
	const size_t huge = (size_t)2 << 20;
	void *p;

	if (n < huge)
		return sq_xmalloc(n);
	n = (n + huge - 1) & ~(huge - 1);
	if (posix_memalign(&p, huge, n) != 0)
		oom(n);
#ifdef MADV_HUGEPAGE
	madvise(p, n, MADV_HUGEPAGE);	/* a hint: no harm if refused */
#endif
	return p;
}

void *
sq_xcalloc_big(size_t n)
{
	/*
	 * calloc's big blocks are fresh pages, zero already: a memset
	 * would fault in every page at once, here, where the caller may
	 * fill them bit by bit beside another thread (sq-flag's index:
	 * 16 MB before the roster's first row).  The aligned middle on
	 * huge pages, as sq_xmalloc_big's.
	 */
	void *p = sq_xcalloc(1, n);

	sq_hint_huge(p, n);
	return p;
}

void
sq_hint_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t b = ((uintptr_t)p + n) & ~(huge - 1);

	if (b > a)
		madvise((void *)a, b - a, MADV_HUGEPAGE);	/* a hint */
#else
	(void)p;
	(void)n;
#endif
}

char *
sq_xstrdup(const char *s)
{
	return sq_xstrndup(s, strlen(s));
}

char *
sq_xstrndup(const char *s, size_t n)
{
	char *p = sq_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
