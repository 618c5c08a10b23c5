/*
 * opts.h — the options every program shares, parsed once.
 *
 * A program lists SQ_COMMON_LONGOPTS in its own option table and gives it,
 * with its own letters and option(), to sq_prog_options() (below), which
 * hands the common ones to sq_common_opt() and prints the program's own
 * usage() for --help.
 *
 *	-i, --input-format FMT	csv or json (default: detect)
 *	-o, --output-format FMT	csv, json (NDJSON) or json-array
 *	-O, --output FILE	write FILE atomically instead of stdout
 *	-E, --encoding ENC	input encoding (default: detect)
 *	-H, --header-line N	the header is on line N
 *	-R, --rejects FILE	rejected rows, as read, plus _file,_line,_error
 *	-S, --strict		stop at the first data problem
 *	-B, --bom		write a UTF-8 BOM (for Excel)
 *	-C, --crlf		end CSV lines with CRLF (for Excel)
 *	-G, --ragged		fill short rows with empty values
 *	-M, --max-field SIZE	largest record, e.g. 64M (default)
 *	-D, --datadir DIR	rules and templates (default: $SHEQU_DATADIR,
 *				then the installed share/shequ)
 *	-q, --quiet		no warnings or notes
 *	-W, --sheet NAME|N	the sheet of a workbook (default: the first)
 *	-U, --fill-merged	a workbook's merged cells each get the value
 *	    --excel-safe	neutralize formulas in every CSV output
 *	    --no-excel-safe	not even in the files meant for people
 *	    --private		create files readable by the user alone (0600)
 *	    --allow-empty	an empty input is a table of no rows, not exit 1
 *
 * The last four have no short form on purpose: a letter added here would
 * be taken from every program, also those being written while it lands.
 */
#ifndef SQ_OPTS_H
#define SQ_OPTS_H

#include <getopt.h>
#include <stdnoreturn.h>

#include "reader.h"
#include "writer.h"

struct sq_common {
	struct sq_reader_opts in;
	struct sq_writer_opts out;
	const char *output;
	const char *rejects;
	const char *datadir;
	int	 strict;
	int	 quiet;
	/* --excel-safe 1, --no-excel-safe -1, neither 0 */
	int	 excel;
	/* the [sections] of aliases.txt this program reads, e.g. "households" */
	const char *tables;
	/* -l/--lang and -Z/--zh, for the programs that take them (sq_lang_opt) */
	const char *lang;
	int	 zh;
	/* the community's settings ($SHEQU_CONF, read by sq_common_init):
	   its language ("lang = zh"), "" when it says none */
	char	 conf_lang[32];
};

#define SQ_COMMON_SHORTOPTS	"i:o:O:E:H:R:SBCGM:D:qW:U"
#define SQ_COMMON_LONGOPTS \
	{ "input-format",  required_argument, NULL, 'i' }, \
	{ "output-format", required_argument, NULL, 'o' }, \
	{ "output",        required_argument, NULL, 'O' }, \
	{ "encoding",      required_argument, NULL, 'E' }, \
	{ "header-line",   required_argument, NULL, 'H' }, \
	{ "rejects",       required_argument, NULL, 'R' }, \
	{ "strict",        no_argument,       NULL, 'S' }, \
	{ "bom",           no_argument,       NULL, 'B' }, \
	{ "crlf",          no_argument,       NULL, 'C' }, \
	{ "ragged",        no_argument,       NULL, 'G' }, \
	{ "max-field",     required_argument, NULL, 'M' }, \
	{ "datadir",       required_argument, NULL, 'D' }, \
	{ "quiet",         no_argument,       NULL, 'q' }, \
	{ "sheet",         required_argument, NULL, 'W' }, \
	{ "fill-merged",   no_argument,       NULL, 'U' }, \
	{ "excel-safe",    no_argument,       NULL, SQ_OPT_EXCEL_SAFE }, \
	{ "no-excel-safe", no_argument,       NULL, SQ_OPT_NO_EXCEL_SAFE }, \
	{ "private",       no_argument,       NULL, SQ_OPT_PRIVATE }, \
	{ "allow-empty",   no_argument,       NULL, SQ_OPT_ALLOW_EMPTY }
/* getopt_long's values for the common options without a letter */
enum { SQ_OPT_EXCEL_SAFE = 0x100, SQ_OPT_NO_EXCEL_SAFE, SQ_OPT_PRIVATE,
	SQ_OPT_ALLOW_EMPTY };

/*
 * The writer options of a file meant for a person, opened in Excel or WPS
 * (a follow-up list, the request queue): those of the main output, with
 * formulas neutralized unless --no-excel-safe.
 */
struct sq_writer_opts sq_person_opts(const struct sq_common *);

/*
 * The language of what a person reads, one way for every program: a
 * program that writes for people lists SQ_LANG_LONGOPTS and
 * SQ_LANG_SHORTOPTS, prints sq_lang_help, hands -l and -Z to
 * sq_lang_opt(), and words its sheets in sq_lang() (lib/words).
 *
 *	-l, --lang LANG		share/AREA/LANG (default: $SHEQU_LANG, then
 *				the community's "lang" in $SHEQU_CONF, then zh)
 *	-Z, --zh		Chinese column names in the tables too
 *
 * The community's settings file is $SHEQU_CONF (shequ-daily sets it to
 * the day's community.conf): besides lang, "bom = yes" starts every CSV
 * written to a file with a BOM, for Excel on Chinese Windows (not the
 * standard output, which goes on to the next program).
 */
#define SQ_LANG_SHORTOPTS	"l:Z"
#define SQ_LANG_LONGOPTS \
	{ "lang", required_argument, NULL, 'l' }, \
	{ "zh",   no_argument,       NULL, 'Z' }
extern const char sq_lang_help[];
/* 1 if ch was -l or -Z (handled), 0 if not; a bad name is a usage error. */
int	 sq_lang_opt(struct sq_common *, int ch, const char *arg,
	    const char *synopsis);
/* The language asked for: --lang, $SHEQU_LANG, the community's, or zh. */
const char *sq_lang(const struct sq_common *);

struct sq_words;
/*
 * The wording of AREA (share/AREA/LANG/words.conf) for the people who read
 * a program's output: *words in sq_lang(), and under --zh *zh in Chinese
 * too (else *zh is left as it is).  -1 with a message when one cannot be
 * read.
 */
int	 sq_person_words(const struct sq_common *, const char *area,
	    struct sq_words **words, struct sq_words **zh);

/* The lines of --help describing the common options (for usage()). */
extern const char sq_common_help[];

void	 sq_common_init(struct sq_common *);
/*
 * 1 if ch was a common option (handled), 0 if not.  A bad value is a usage
 * error: prints the synopsis and "Try 'PROG --help'." and exits 2.
 */
int	 sq_common_opt(struct sq_common *, int ch, const char *arg,
	    const char *synopsis);
/* Usage error: message, synopsis, hint; exits 2. */
noreturn void sq_usage_error(const char *synopsis, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * The usage error for what getopt_long returned as ':' (a missing value)
 * or '?' (an unknown option), for option strings that start with ':'.
 */
noreturn void sq_bad_option(const char *synopsis, int ch, char *const argv[]);
/* "sq-x (shequ) 0.1.0" */
void	 sq_print_version(void);

/*
 * A program's options, parsed one way for every program (issue #18's
 * skeleton).  The program declares them:
 *
 *	static const struct sq_prog prog = {
 *		synopsis, "d:f:a", longopts, SQ_PROG_LANG, usage, option };
 *
 * and its main calls sq_prog_options(&prog, &s.c, &s, argc, argv), which
 * runs getopt_long over the common letters, the program's own and (with
 * SQ_PROG_LANG) -l/-Z; hands the common and language options to
 * sq_common_opt and sq_lang_opt; prints usage() for -h and the version for
 * -V and exits 0 (a write error exits 2, as for any output); says an
 * unknown option or a missing value once (sq_bad_option), exit 2; and
 * gives every other option to option(ctx, ch, optarg).  longopts lists
 * SQ_COMMON_LONGOPTS, SQ_LANG_LONGOPTS when it takes them, "help" 'h' and
 * "version" 'V'.  Returns the index of the first operand (optind).
 */
enum { SQ_PROG_LANG = 1 };
struct sq_prog {
	const char *synopsis;
	const char *letters;		/* the program's own, as getopt's */
	const struct option *longopts;
	int	 flags;			/* SQ_PROG_LANG */
	void	(*usage)(void);
	void	(*option)(void *ctx, int ch, char *arg);
};
int	 sq_prog_options(const struct sq_prog *, struct sq_common *,
	    void *ctx, int argc, char **argv);
/*
 * Program start: name for messages, SIGPIPE default, the C locale but for
 * messages, which are in the user's language ($SHEQU_LOCALEDIR overrides
 * where the catalogs are looked for).
 */
void	 sq_start(int argc, char **argv);

/* The data directory (rules, templates); and a file in it (malloc'd). */
const char *sq_datadir(const struct sq_common *);
char	*sq_datafile(const struct sq_common *, const char *name);
/*
 * Load aliases.txt from the data directory: the common names and those of
 * c->tables (all sections when it is NULL).  NULL (printed) on failure.
 */
struct sq_aliases *sq_load_aliases(const struct sq_common *);

/* Range-checked integer from an option argument; usage error otherwise. */
long	 sq_opt_long(const char *arg, long min, long max, const char *what,
	    const char *synopsis);

#endif
