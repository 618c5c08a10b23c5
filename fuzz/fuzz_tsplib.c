/*
 * fuzz_tsplib.c — the TSPLIB/CVRPLIB reader (solve/tsplib.c).
 *
 * Input: an instance file.  Invariants:
 *  - failure: -1 with "NAME:LINE: why" in err, nothing left allocated;
 *  - success: 1 <= dim <= 1,000,000, capacity > 0, the depot a node,
 *    coordinates finite, demands 0 or more, DISTANCE and SERVICE_TIME
 *    0 or more; EUC_2D distances are finite, 0 from a node to itself,
 *    symmetric and whole numbers;
 *  - the same bytes read through sq_tsplib_read (a file) give the same.
 */
#include <math.h>

#include "fuzz.h"
#include "tsplib.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct sq_tsplib t, u;
	char err[256] = "", err2[256] = "", path[64];
	int rc = sq_tsplib_parse("in.vrp", (const char *)d, n, &t, err,
	    sizeof(err));

	FZ_CHECK(rc == 0 || rc == -1);
	if (rc < 0) {
		FZ_CHECK(strncmp(err, "in.vrp", 6) == 0);
		FZ_CHECK(t.x == NULL && t.y == NULL && t.demand == NULL);
	} else {
		FZ_CHECK(t.dim >= 1 && t.dim <= 1000000);
		FZ_CHECK(t.capacity > 0);
		FZ_CHECK(t.depot >= 0 && t.depot < t.dim);
		FZ_CHECK(t.distance >= 0 && t.service_time >= 0);
		FZ_CHECK(t.vehicles >= 0);
		FZ_CHECK(memchr(t.name, 0, sizeof(t.name)) != NULL);
		for (int i = 0; i < t.dim; i++) {
			FZ_CHECK(isfinite(t.x[i]) && isfinite(t.y[i]));
			FZ_CHECK(t.demand[i] >= 0);
		}
		for (int i = 0; i < t.dim && i < 64; i++) {
			int j = (i * 7 + 3) % t.dim;
			double a = sq_tsplib_dist(&t, i, j);
			FZ_CHECK(isfinite(a) && a >= 0 && a == floor(a));
			FZ_CHECK(a == sq_tsplib_dist(&t, j, i));
			FZ_CHECK(sq_tsplib_dist(&t, i, i) == 0);
		}
	}
	int fd = fz_memfile(d, n, path);
	if (fd >= 0) {
		int rc2 = sq_tsplib_read(path, &u, err2, sizeof(err2));
		close(fd);
		FZ_CHECK(rc2 == rc);
		if (rc == 0) {
			FZ_CHECK(u.dim == t.dim && u.depot == t.depot &&
			    u.capacity == t.capacity);
			FZ_CHECK(memcmp(u.demand, t.demand,
			    (size_t)t.dim * sizeof(long)) == 0);
			sq_tsplib_free(&u);
		} else
			/* the same line (messages may be cut at different
			   places: the names differ in length) */
			FZ_CHECK(strtol(err + 7, NULL, 10) ==
			    strtol(err2 + strlen(path) + 1, NULL, 10));
	}
	if (rc == 0)
		sq_tsplib_free(&t);
	return 0;
}
