#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "diag.h"
#include "kvconf.h"
#include "opts.h"
#include "value.h"
#include "words.h"

#ifndef SQ_VERSION
#define SQ_VERSION "0.0.0"
#endif
#ifndef SQ_LOCALEDIR
#define SQ_LOCALEDIR "/usr/local/share/locale"
#endif

const char sq_common_help[] =
"  -i, --input-format FMT   csv, json or xlsx (default: detect; xlsx: .xls too)\n"
"  -o, --output-format FMT  csv (default), json (NDJSON), json-array or xlsx\n"
"  -O, --output FILE        write FILE atomically instead of stdout\n"
"  -E, --encoding ENC       utf-8, gb18030, big5, utf-16 (default: detect)\n"
"  -H, --header-line N      the header is on line N (default: find it)\n"
"  -R, --rejects FILE       write rejected rows there, with _line, _error\n"
"  -S, --strict             stop at the first data problem\n"
"  -B, --bom                start CSV output with a BOM (for Excel)\n"
"  -C, --crlf               end CSV lines with CRLF (for Excel)\n"
"  -G, --ragged             fill short rows with empty values\n"
"  -M, --max-field SIZE     largest record in bytes (default 64M)\n"
"  -D, --datadir DIR        rules and templates (default $SHEQU_DATADIR)\n"
"  -q, --quiet              no warnings or notes on stderr\n"
"  -W, --sheet NAME|N       a workbook's sheet by name or number (default 1st)\n"
"  -U, --fill-merged        give every cell of a merged range its value\n"
"      --excel-safe         neutralize formulas (=, +, -, @) in CSV output\n"
"      --no-excel-safe      keep them, even in the lists meant for people\n"
"      --private            files readable by you alone (mode 0600)\n"
"      --allow-empty        an empty input is no rows (default: exit 1)\n"
"  -h, --help               show this help\n"
"  -V, --version            show the version\n";

const char sq_lang_help[] =
"  -l, --lang LANG          the language of what people read (share/*/LANG;\n"
"                           default $SHEQU_LANG, the community's, else zh)\n"
"  -Z, --zh                 write Chinese column names\n";

/*
 * The message catalogs: $SHEQU_LOCALEDIR, else the build tree's (build/
 * locale beside build/bin, made by `make`) for a program run from there,
 * else the installed $(PREFIX)/share/locale.
 */
static const char *
localedir(void)
{
	static char dir[PATH_MAX];
	const char *env = getenv("SHEQU_LOCALEDIR");
	char exe[PATH_MAX];
	struct stat st;

	if (env && *env)
		return env;
	if (sq_exe_dir(exe, sizeof(exe)) != NULL &&
	    snprintf(dir, sizeof(dir), "%s/../locale", exe) < (int)sizeof(dir) &&
	    stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	return SQ_LOCALEDIR;
}

void
sq_start(int argc, char **argv)
{
	(void)argc;
	sq_diag_init(argv[0]);
	sq_i18n_init(localedir());
	/* `sq-cat big.csv | head` ends quietly, as cat does */
	signal(SIGPIPE, SIG_DFL);
}

void
sq_print_version(void)
{
	printf("%s (shequ) %s\n", sq_progname(), SQ_VERSION);
	if (fflush(stdout) != 0 || ferror(stdout))
		sq_fatal("write error: %s", strerror(errno));
}

noreturn void
sq_usage_error(const char *synopsis, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", sq_progname());
	va_start(ap, fmt);
	vfprintf(stderr, sq_tr(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, _("usage: %s\nTry '%s --help'.\n"), synopsis,
	    sq_progname());
	exit(SQ_EXIT_USAGE);
}

noreturn void
sq_bad_option(const char *synopsis, int ch, char *const argv[])
{
	if (ch == ':')
		sq_usage_error(synopsis, "option '%s' needs a value",
		    argv[optind - 1]);
	if (optopt && optopt != '?')
		sq_usage_error(synopsis, "unknown option '-%c'", optopt);
	sq_usage_error(synopsis, "unknown option '%s'", argv[optind - 1]);
}

int
sq_prog_options(const struct sq_prog *p, struct sq_common *c, void *ctx,
    int argc, char **argv)
{
	const char *lang = p->flags & SQ_PROG_LANG ? SQ_LANG_SHORTOPTS : "";
	static char letters[256];	/* a program's letters are < 60 */
	int ch;

	/* ':' first: getopt says nothing, sq_bad_option says it once */
	if (snprintf(letters, sizeof(letters), ":%s%s%shV", SQ_COMMON_SHORTOPTS,
	    p->letters, lang) >= (int)sizeof(letters))
		abort();	/* a program's mistake, seen by its first test */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, letters, p->longopts, NULL)) != -1) {
		if (sq_common_opt(c, ch, optarg, p->synopsis) ||
		    (*lang && sq_lang_opt(c, ch, optarg, p->synopsis)))
			continue;
		switch (ch) {
		case 'h':
			p->usage();
			if (fflush(stdout) != 0 || ferror(stdout))
				sq_fatal("write error: %s", strerror(errno));
			exit(0);
		case 'V':
			sq_print_version();
			exit(0);
		case '?':
		case ':':
			sq_bad_option(p->synopsis, ch, argv);
		default:
			p->option(ctx, ch, optarg);
		}
	}
	return optind;
}

static void
community_setting(void *ctx, const char *key, const char *value, long line)
{
	struct sq_common *c = ctx;

	(void)line;
	/* the rest of the file is sq-report's, and sq-report checks it */
	if (key == NULL)
		return;
	if (strcmp(key, "lang") == 0)
		snprintf(c->conf_lang, sizeof(c->conf_lang), "%s", value);
	else if (strcmp(key, "bom") == 0)
		c->out.file_bom = sq_bool_parse(value, strlen(value)) == 1;
}

void
sq_common_init(struct sq_common *c)
{
	const char *conf = getenv("SHEQU_CONF");

	memset(c, 0, sizeof(*c));
	if (conf && *conf && sq_kv_load(conf, SQ_KV_HASH, community_setting,
	    c) < 0)
		sq_fatal("the community's settings ($SHEQU_CONF) cannot be "
		    "read; set SHEQU_CONF to its community.conf, or unset it");
}

int
sq_lang_opt(struct sq_common *c, int ch, const char *arg,
    const char *synopsis)
{
	switch (ch) {
	case 'l':
		if (*arg == '\0' || strchr(arg, '/') || arg[0] == '.')
			sq_usage_error(synopsis, "--lang is a name like zh or "
			    "en, not '%s'", arg);
		c->lang = arg;
		return 1;
	case 'Z':
		c->zh = 1;
		return 1;
	}
	return 0;
}

const char *
sq_lang(const struct sq_common *c)
{
	const char *e = getenv("SHEQU_LANG");

	if (c->lang)
		return c->lang;
	if (e && *e)
		return e;
	return c->conf_lang[0] ? c->conf_lang : "zh";
}

int
sq_person_words(const struct sq_common *c, const char *area,
    struct sq_words **words, struct sq_words **zh)
{
	const char *dir = sq_datadir(c);

	if ((*words = sq_words_open(dir, area, sq_lang(c))) == NULL)
		return -1;
	if (c->zh && (*zh = sq_words_open(dir, area, "zh")) == NULL)
		return -1;
	return 0;
}

long
sq_opt_long(const char *arg, long min, long max, const char *what,
    const char *synopsis)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end != '\0' || v < min || v > max)
		sq_usage_error(synopsis, "%s must be a whole number from %ld "
		    "to %ld, not '%s'", what, min, max, arg);
	return v;
}

static size_t
parse_size(const char *arg, const char *synopsis)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || end == arg || arg[0] == '-')
		goto bad;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end != '\0' || v < 16 || v > ((unsigned long long)1 << 40))
		goto bad;
	return (size_t)v;
bad:
	sq_usage_error(synopsis, "--max-field takes a size like 64M "
	    "(16 bytes to 1T), not '%s'", arg);
}

int
sq_common_opt(struct sq_common *c, int ch, const char *arg, const char *synopsis)
{
	switch (ch) {
	case 'i':
		if (strcmp(arg, "csv") == 0)
			c->in.format = SQ_IN_CSV;
		else if (strcmp(arg, "json") == 0 || strcmp(arg, "ndjson") == 0)
			c->in.format = SQ_IN_JSON;
		else if (strcmp(arg, "xlsx") == 0 || strcmp(arg, "xls") == 0)
			c->in.format = SQ_IN_BOOK;
		else
			sq_usage_error(synopsis, "--input-format is csv, json "
			    "or xlsx, not '%s'", arg);
		return 1;
	case 'o':
		if (sq_ofmt_parse(arg, &c->out.format) < 0)
			sq_usage_error(synopsis, "--output-format is csv, json, "
			    "json-array or xlsx, not '%s'", arg);
		return 1;
	case 'O':
		c->output = arg;
		return 1;
	case 'E':
		if (sq_enc_parse(arg, &c->in.encoding) < 0)
			sq_usage_error(synopsis, "unknown encoding '%s' "
			    "(utf-8, gb18030, gbk, big5, utf-16)", arg);
		return 1;
	case 'H':
		c->in.header_line = sq_opt_long(arg, 1, LONG_MAX,
		    "--header-line", synopsis);
		return 1;
	case 'R':
		c->rejects = arg;
		return 1;
	case 'S':
		c->strict = 1;
		return 1;
	case 'B':
		c->out.bom = 1;
		return 1;
	case 'C':
		c->out.crlf = 1;
		return 1;
	case 'G':
		c->in.ragged = 1;
		return 1;
	case 'M':
		c->in.max_field = parse_size(arg, synopsis);
		return 1;
	case 'D':
		c->datadir = arg;
		c->in.datadir = arg;
		return 1;
	case 'W':
		if (*arg == '\0')
			sq_usage_error(synopsis, "--sheet takes a sheet's name "
			    "or number");
		c->in.sheet = arg;
		return 1;
	case 'U':
		c->in.fill_merged = 1;
		return 1;
	case 'q':
		c->quiet = 1;
		sq_diag_quiet(1);
		return 1;
	case SQ_OPT_EXCEL_SAFE:
		c->excel = 1;
		c->out.excel_safe = 1;
		return 1;
	case SQ_OPT_NO_EXCEL_SAFE:
		c->excel = -1;
		c->out.excel_safe = 0;
		return 1;
	case SQ_OPT_ALLOW_EMPTY:
		c->in.allow_empty = 1;
		return 1;
	case SQ_OPT_PRIVATE:
		/* every file and folder made from here on: the user's alone */
		umask(077);
		return 1;
	}
	return 0;
}

struct sq_writer_opts
sq_person_opts(const struct sq_common *c)
{
	struct sq_writer_opts o = c->out;

	o.excel_safe = c->excel >= 0;
	return o;
}

const char *
sq_datadir(const struct sq_common *c)
{
	if (c && c->datadir)
		return c->datadir;
	return sq_share_dir();
}

char *
sq_datafile(const struct sq_common *c, const char *name)
{
	const char *dir = sq_datadir(c);
	char *p = sq_xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

struct sq_aliases *
sq_load_aliases(const struct sq_common *c)
{
	char *path = sq_datafile(c, "aliases.txt");
	struct sq_aliases *a = NULL;

	if (access(path, R_OK) == 0)
		a = sq_aliases_load_sections(path, c->tables);
	else
		sq_error("%s: cannot read the header aliases (is shequ "
		    "installed? set SHEQU_DATADIR or --datadir)", path);
	free(path);
	return a;
}
