/*
 * gen-orders — a made-up community for tests and timing: a site plan,
 * a roster and a day's orders, the same for the same seed.
 *
 *	gen-orders [-b BUILDINGS] [-n ORDERS] [-s SEED] DIR
 *
 * writes DIR/sites.csv (gate and buildings, metres on a plan, some with a
 * lift), DIR/households.csv (hh, building, unit, room, elderly_alone) and
 * DIR/orders.csv (order, hh, parcels, door, urgent).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cvrp.h"

static FILE *
create(const char *dir, const char *name)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen-orders: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return fp;
}

int
main(int argc, char **argv)
{
	long nb = 60, no = 3000, seed = 1;
	int ch;

	while ((ch = getopt(argc, argv, "b:n:s:")) != -1)
		switch (ch) {
		case 'b': nb = atol(optarg); break;
		case 'n': no = atol(optarg); break;
		case 's': seed = atol(optarg); break;
		default:
			fprintf(stderr, "usage: gen-orders [-b BUILDINGS] "
			    "[-n ORDERS] [-s SEED] DIR\n");
			return 2;
		}
	if (optind != argc - 1 || nb < 1 || nb > 9999 || no < 0) {
		fprintf(stderr, "usage: gen-orders [-b BUILDINGS] [-n ORDERS] "
		    "[-s SEED] DIR\n");
		return 2;
	}
	const char *dir = argv[optind];
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen-orders: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	struct sq_rng g;
	sq_rng_seed(&g, (uint64_t)seed);

	FILE *fs = create(dir, "sites.csv");
	fprintf(fs, "site,x,y,lift\ngate,%ld,-30,\n",
	    (long)(sq_rng_below(&g, 6) * 45));
	int *units = malloc((size_t)nb * sizeof(int));
	int *floors = malloc((size_t)nb * sizeof(int));
	for (long b = 0; b < nb; b++) {
		int lift = sq_rng_unif(&g) < 0.3;
		units[b] = 1 + (int)sq_rng_below(&g, 3);
		floors[b] = lift ? 11 + (int)sq_rng_below(&g, 8) :
		    5 + (int)sq_rng_below(&g, 3);
		fprintf(fs, "%ld,%ld,%ld,%s\n", b + 1,
		    (b % 6) * 45 + (long)sq_rng_below(&g, 10),
		    (b / 6) * 35 + (long)sq_rng_below(&g, 8),
		    lift ? "yes" : "no");
	}
	if (fclose(fs) != 0)
		return 2;

	FILE *fh = create(dir, "households.csv");
	fprintf(fh, "hh,building,unit,room,elderly_alone\n");
	long nh = 0, cap = 1024;
	char (*keys)[48] = malloc((size_t)cap * sizeof(*keys));
	char *vuln = malloc((size_t)cap);
	for (long b = 0; b < nb; b++)
		for (int u = 1; u <= units[b]; u++)
			for (int f = 1; f <= floors[b]; f++)
				for (int r = 1; r <= 2; r++) {
					if (nh == cap) {
						cap *= 2;
						keys = realloc(keys, (size_t)cap *
						    sizeof(*keys));
						vuln = realloc(vuln, (size_t)cap);
					}
					snprintf(keys[nh], 48, "B%04ld-U%02d-R%04d",
					    b + 1, u, f * 100 + r);
					vuln[nh] = sq_rng_unif(&g) < 0.08;
					fprintf(fh, "%s,%ld,%d,%d,%s\n", keys[nh],
					    b + 1, u, f * 100 + r,
					    vuln[nh] ? "是" : "否");
					nh++;
				}
	if (fclose(fh) != 0)
		return 2;

	FILE *fo = create(dir, "orders.csv");
	fprintf(fo, "order,hh,parcels,door,urgent\n");
	for (long i = 0; i < no; i++) {
		long h = (long)sq_rng_below(&g, (uint32_t)nh);
		double u = sq_rng_unif(&g);
		int parcels = u < 0.5 ? 1 : u < 0.8 ? 2 : u < 0.95 ? 3 : 5;
		int urgent = sq_rng_unif(&g) < 0.05;
		fprintf(fo, "D%05ld,%s,%d,%s,%s\n", i + 1, keys[h], parcels,
		    vuln[h] ? "yes" : "", urgent ? "yes" : "no");
	}
	if (fclose(fo) != 0)
		return 2;
	free(keys);
	free(vuln);
	free(units);
	free(floors);
	return 0;
}
