/*
 * sq-rounds — plan the day's delivery rounds from the gate: the fewest,
 * shortest rounds, each cart within its capacity, each round within its
 * time, urgent orders first.  Under it is the capacitated vehicle routing
 * problem (lib/cvrp.h); --tsplib runs the same solver on a CVRPLIB instance.
 *
 * read (orders, households, sites, couriers, matrix) -> pack each
 * building's orders into cart loads -> solve the urgent loads, then the rest
 * -> give the rounds to the couriers (urgent first, longest first) -> write
 * the rounds table, the sheets, the map and the summary.
 *
 * This file is the options; the parts are in cmd/sq-rounds/: read.c (the
 * tables), settings.c, solve.c (packing, the solver, the couriers),
 * write.c (the outputs), tsplib.c (-T), plan.c (the day's run, end to end).
 */
#include "sq-rounds/rounds.h"

static const char synopsis[] =
    "sq-rounds [options] -s SITES ORDERS\n"
    "       sq-rounds [options] -T FILE.vrp";

static void
usage(void)
{
	printf("usage: %s\n\n"
"Plan the day's delivery rounds from the gate: every order delivered once,\n"
"no cart over its capacity, no round longer than the maximum, urgent orders\n"
"in the first rounds; as little walking as possible, then the earliest\n"
"return of the last round.  ORDERS is the orders table (order, hh, parcels,\n"
"door, urgent); buildings come from --households (or the hh key), places\n"
"from --sites (the gate is the site named \"gate\" or of kind gate).  Writes\n"
"the rounds table, one row per order; a summary goes to stderr.  With\n"
"--tsplib, solves a CVRPLIB instance and writes one row per stop.\n\n",
	    synopsis);
	printf(
"  -s, --sites FILE         buildings and the gate: site, x, y or lat, lon\n"
"  -w, --households FILE    the roster: hh, building, unit, room, vulnerable\n"
"  -n, --couriers N|FILE    volunteers with carts (default 1), or a table\n"
"  -c, --capacity C         parcels a cart holds (default: rounds.conf)\n"
"  -L, --max-minutes M      longest round in minutes (default: rounds.conf)\n"
"  -m, --matrix FILE        walking distances: from, to, distance_m\n"
"  -t, --time SECONDS       search this long instead (wall clock: a rerun\n"
"                           may give another plan)\n"
"  -I, --iterations N       the search's effort (default 30000): the same\n"
"                           plan every run for the same input\n"
"  -e, --seed N             random seed (default 1)\n"
"  -k, --vehicles K         at most K rounds\n"
"  -d, --sheets DIR         one sheet per round, DIR/round-01.txt ...\n"
"  -g, --svg FILE           a map of the rounds on the site plan\n"
"  -j, --geojson FILE       the rounds as GeoJSON (lat/lon sites)\n"
"  -x, --settings FILE      settings (default: rounds.conf in the datadir)\n"
"  -T, --tsplib FILE.vrp    solve a CVRPLIB instance (benchmarks)\n"
"  -p, --progress           show progress even when stderr is not a tty\n");
	fputs(sq_lang_help, stdout);
	fputs(sq_common_help, stdout);
	printf("\nexamples:\n"
"  sq-rounds -s sites.csv -w households.csv -n 3 -c 30 orders.csv > rounds.csv\n"
"  sq-rounds -s sites.csv -n couriers.csv -d sheets -g rounds.svg orders.csv\n"
"  sq-rounds -e 7 -I 20000 -s sites.csv orders.csv      # reproducible\n"
"  sq-rounds -t 10 -T X-n101-k25.vrp > plan.csv\n");
}

/* ---- small helpers ---- */

static double
opt_double(const char *arg, double lo, double hi, const char *what)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || *end || !(v >= lo && v <= hi))
		sq_usage_error(synopsis, "%s must be a number from %g to %g, "
		    "not '%s'", what, lo, hi, arg);
	return v;
}

/* ---- main ---- */

static const struct option longopts[] = {
	SQ_COMMON_LONGOPTS,
	SQ_LANG_LONGOPTS,
	{ "sites",       required_argument, NULL, 's' },
	{ "households",  required_argument, NULL, 'w' },
	{ "couriers",    required_argument, NULL, 'n' },
	{ "capacity",    required_argument, NULL, 'c' },
	{ "max-minutes", required_argument, NULL, 'L' },
	{ "matrix",      required_argument, NULL, 'm' },
	{ "time",        required_argument, NULL, 't' },
	{ "iterations",  required_argument, NULL, 'I' },
	{ "seed",        required_argument, NULL, 'e' },
	{ "vehicles",    required_argument, NULL, 'k' },
	{ "sheets",      required_argument, NULL, 'd' },
	{ "svg",         required_argument, NULL, 'g' },
	{ "geojson",     required_argument, NULL, 'j' },
	{ "settings",    required_argument, NULL, 'x' },
	{ "tsplib",      required_argument, NULL, 'T' },
	{ "progress",    no_argument,       NULL, 'p' },
	{ "help",        no_argument,       NULL, 'h' },
	{ "version",     no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* what the options say: the run's, and two that main weighs after */
struct args {
	struct rounds_opts *o;
	int	 force_progress, time_set;
};

/* One of sq-rounds' own options into the args (ctx). */
static void
option(void *ctx, int ch, char *arg)
{
	struct args *a = ctx;
	struct rounds_opts *o = a->o;

	switch (ch) {
	case 's': o->sites = arg; break;
	case 'w': o->households = arg; break;
	case 'n': o->couriers = arg; break;
	case 'c': o->capacity = sq_opt_long(arg, 1, 1000000,
	    "--capacity", synopsis); break;
	case 'L': o->max_min = opt_double(arg, 1, 1440,
	    "--max-minutes"); break;
	case 'm': o->matrix = arg; break;
	case 't': o->so.time = opt_double(arg, 0, 86400, "--time");
	    a->time_set = 1; break;
	case 'I': o->so.iterations = sq_opt_long(arg, 1,
	    1000000000L, "--iterations", synopsis); break;
	case 'e': o->so.seed = (uint64_t)sq_opt_long(arg, 0,
	    LONG_MAX, "--seed", synopsis); break;
	case 'k': o->so.vehicles = (int)sq_opt_long(arg, 1, 1000000,
	    "--vehicles", synopsis); break;
	case 'd': o->sheets = arg; break;
	case 'g': o->svg = arg; break;
	case 'j': o->geojson = arg; break;
	case 'x': o->settings = arg; break;
	case 'T': o->tsplib = arg; break;
	case 'p': a->force_progress = 1; break;
	}
}

int
main(int argc, char **argv)
{
	static const struct sq_prog prog = { synopsis,
	    "s:w:n:c:L:m:t:I:e:k:d:g:j:x:T:p", longopts, SQ_PROG_LANG, usage,
	    option };
	struct sq_common c;
	struct progress pg = { 0, 0, 0 };
	struct rounds_opts o = { .so = { 0.5, 0, 1, 0, &pg } };
	struct args a = { &o, 0, 0 };
	long ncour;

	sq_start(argc, argv);
	sq_common_init(&c);
	int first = sq_prog_options(&prog, &c, &a, argc, argv);
	/* a fixed effort by default: the sheets handed out match a rerun */
	if (o.so.iterations == 0 && !a.time_set)
		o.so.iterations = 30000;
	argc -= first;
	argv += first;
	pg.on = a.force_progress || (!c.quiet && o.so.iterations == 0 &&
	    isatty(STDERR_FILENO));
	if (o.tsplib && argc > 0)
		sq_usage_error(synopsis, "--tsplib takes no ORDERS");
	if (o.tsplib) {
		int rc = run_tsplib(o.tsplib, &o.so, &c), st = sq_diag_finish();
		return rc ? rc : st;
	}
	if (argc != 1)
		sq_usage_error(synopsis, argc ? "one ORDERS table at a time" :
		    "no ORDERS table");
	if (o.sites == NULL)
		sq_usage_error(synopsis, "no site plan: give --sites");
	if (o.couriers && courier_count(o.couriers, &ncour) &&
	    (ncour < 1 || ncour > 10000))
		sq_usage_error(synopsis, "--couriers must be from 1 to 10000, "
		    "or a file");
	return plan_rounds(&c, &o, argv[0]);
}
