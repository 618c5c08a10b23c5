/*
 * gen-community — a made-up residential community (or a district of many)
 * for examples, tests and benchmarks.
 *
 * Everything comes from one seed through a PRNG of our own (xoshiro256**
 * seeded by splitmix64), so the output is byte-for-byte the same on every
 * machine for the same options.  Each file and each community draws from its
 * own stream, so --days or --roster-only never change the roster.  Draw at
 * most once a statement: C leaves the order of a call's arguments open, and
 * gcc and clang do differ.
 *
 * Plain mode (the default) writes clean UTF-8, LF, no title row; addresses
 * come in mixed but valid forms.  --messy writes what real exports look like:
 * see usage() and share/examples/README.
 *
 * Every household lives in a real flat: buildings 1..B have 1-4 units and
 * 6, 11 or 18 floors with 2-4 flats a floor (rooms 101..1804); households
 * take a random subset of the flats, in building order.
 */

#include "gen-community/gen.h"

static const char synopsis[] =
    "gen-community [options] -o DIR";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Write a made-up community into DIR: the household roster (roster.csv), the\n"
"site plan (sites.csv), daily check-in form exports (checkins-DATE.csv),\n"
"volunteers, posts and group-buy orders; with --messy also a per-person\n"
"roster (residents.csv).  Output depends only on the options: the same seed\n"
"gives the same bytes.  Plain mode is clean UTF-8 with mixed but valid\n"
"address forms; --messy imitates real exports: GBK, CRLF, a title row and a\n"
"footer, Excel-mangled phones, mixed spellings, duplicates, bad addresses.\n\n"
"options:\n"
"  -n, --households N   households in all (default 3000)\n"
"  -b, --buildings N    buildings in each community (default: one per\n"
"                       60 households)\n"
"  -c, --communities N  communities (小区) in the district (default 1)\n"
"  -s, --seed S         seed of the random generator (default 1)\n"
"  -m, --messy          imitate real exports (see above)\n"
"  -d, --date DATE      last day of check-ins, YYYY-MM-DD (default\n"
"                       2022-04-10); also the day of orders and posts\n"
"  -k, --days N         days of check-ins, 0 to 60 (default 3)\n"
"  -r, --roster-only    write roster.csv only (for benchmarks)\n"
"  -o, --out DIR        write into DIR (created if missing)\n"
"  -h, --help           this text\n"
"  -V, --version        the version\n"
"\nexamples:\n"
"  gen-community --messy --seed 2022 -o share/examples/sample\n"
"  gen-community -n 1000000 -c 200 --roster-only -o bench/out\n"
"  gen-community -n 500 -k 7 -o /tmp/small\n", synopsis);
}

static long
parse_date(const char *s)
{
	int y, m, d, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] != '\0' ||
	    strlen(s) != 10 || y < 1900 || y > 2100 || m < 1 || m > 12 ||
	    d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
		sq_usage_error(synopsis, "--date: '%s' is not a date "
		    "YYYY-MM-DD", s);
	return days_from_civil(y, m, d);
}


int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "households",  required_argument, NULL, 'n' },
		{ "buildings",   required_argument, NULL, 'b' },
		{ "communities", required_argument, NULL, 'c' },
		{ "seed",        required_argument, NULL, 's' },
		{ "messy",       no_argument,       NULL, 'm' },
		{ "date",        required_argument, NULL, 'd' },
		{ "days",        required_argument, NULL, 'k' },
		{ "roster-only", no_argument,       NULL, 'r' },
		{ "out",         required_argument, NULL, 'o' },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	long households = 3000, buildings = 0, communities = 1, days = 3;
	uint64_t seed = 1;
	int messy = 0, roster_only = 0, ch;
	const char *dir = NULL, *date = "2022-04-10";
	char *end;

	sq_start(argc, argv);
	while ((ch = getopt_long(argc, argv, "n:b:c:s:md:k:ro:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'n':
			households = sq_opt_long(optarg, 1, 100000000,
			    "--households", synopsis);
			break;
		case 'b':
			buildings = sq_opt_long(optarg, 1, 10000,
			    "--buildings", synopsis);
			break;
		case 'c':
			communities = sq_opt_long(optarg, 1, 100000,
			    "--communities", synopsis);
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || *optarg == '-')
				sq_usage_error(synopsis, "--seed: '%s' is not "
				    "a number 0 to 2^64-1", optarg);
			break;
		case 'm':
			messy = 1;
			break;
		case 'd':
			date = optarg;
			break;
		case 'k':
			days = sq_opt_long(optarg, 0, 60, "--days", synopsis);
			break;
		case 'r':
			roster_only = 1;
			break;
		case 'o':
			dir = optarg;
			break;
		case 'h':
			usage();
			return 0;
		case 'V':
			sq_print_version();
			return 0;
		default:
			sq_usage_error(synopsis, "unknown option");
		}
	}
	if (optind < argc)
		sq_usage_error(synopsis, "unexpected argument '%s'",
		    argv[optind]);
	if (dir == NULL)
		sq_usage_error(synopsis, "no output directory; give --out DIR");
	if (communities > households)
		sq_usage_error(synopsis, "more communities (%ld) than "
		    "households (%ld)", communities, households);
	long most = households / communities + (households % communities != 0);
	if (buildings > 0 && most > buildings * MAXFLATS)
		sq_usage_error(synopsis, "%ld households do not fit in %ld "
		    "building%s (at most %d each); give more --buildings",
		    most, buildings, buildings == 1 ? "" : "s", MAXFLATS);
	long last = parse_date(date);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		sq_fatal("%s: %s", dir, strerror(errno));

	struct out *roster = out_open(dir, "roster.csv",
	    messy ? ENC_GBK : ENC_UTF8, messy);
	struct out *sites = NULL, *ci[60] = { NULL };
	int y, mo, d;
	civil_from_days(last, &y, &mo, &d);
	if (messy) {
		char title[128];
		char pre[16];
		snprintf(pre, sizeof(pre), "%s", comm_prefix[0]);
		snprintf(title, sizeof(title), "%s%s居民花名册（%d年%d月）", pre,
		    communities > 1 ? "街道" : "社区", y, mo);
		out_cell(roster, title);
		for (int i = 1; i < ROSTER_COLS; i++)
			out_cell(roster, "");
		out_end(roster);
	}
	out_cells(roster, roster_header);
	out_end(roster);
	if (!roster_only) {
		sites = out_open(dir, "sites.csv", ENC_UTF8, 0);
		out_cells(sites, communities > 1 ? "小区,site,kind,x,y" :
		    "site,kind,x,y");
		out_end(sites);
		for (long i = 0; i < days; i++) {
			char fn[64];
			int cy, cm, cd;
			civil_from_days(last - days + 1 + i, &cy, &cm, &cd);
			snprintf(fn, sizeof(fn), "checkins-%04d-%02d-%02d.csv",
			    cy, cm, cd);
			ci[i] = out_open(dir, fn, messy ? ENC_UTF8_BOM :
			    ENC_UTF8, messy);
			out_cells(ci[i], "提交时间,小区,地址,姓名,体温,是否有症状");
			out_end(ci[i]);
		}
	}

	long seq = 0, sum = 0;
	for (long ci_ = 0; ci_ < communities; ci_++) {
		struct comm c;
		size_t n = (size_t)(households / communities +
		    (ci_ < households % communities));
		gen_community(&c, (int)ci_, n, (int)buildings, seed);
		write_roster(roster, &c, seed, messy, &seq, &sum);
		if (!roster_only) {
			write_sites(sites, &c, seed, communities > 1);
			for (long i = 0; i < days; i++)
				write_checkins(ci[i], &c, seed, messy,
				    last - days + 1 + i, (int)i);
			if (ci_ == 0) {
				if (messy)
					write_residents(dir, &c, seed);
				write_volunteers(dir, &c, seed, messy);
				write_posts(dir, &c, seed, messy, last);
				write_orders(dir, &c, seed, messy, last);
			}
		}
		free_community(&c);
	}
	if (messy) {
		out_cell(roster, "合计");
		for (int i = 1; i < ROSTER_COLS; i++)
			if (i == 5)
				out_cellf(roster, "%ld", sum);
			else
				out_cell(roster, "");
		out_end(roster);
	}
	out_close(roster);
	if (sites)
		out_close(sites);
	for (long i = 0; i < days; i++)
		if (ci[i])
			out_close(ci[i]);
	return 0;
}
