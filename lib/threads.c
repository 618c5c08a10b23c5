/*
 * threads.c — the one rule for a second thread, and faulting pages in
 * ahead (see threads.h).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "threads.h"

int
sq_two_threads(long long size, long long min)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return 0;
	if (min < 0)
		return 1;
	const char *env = getenv("SHEQU_READAHEAD");
	if (env && *env)
		return strcmp(env, "0") != 0 && (strcmp(env, "1") == 0 ||
		    size >= min);
	return size >= min;
}

#define PREFAULT_MIN	((size_t)2 << 20)	/* smaller: not worth a thread */
#define PREFAULT_STEP	((size_t)2 << 20)	/* one huge page a call */

struct range {
	char	*p;
	size_t	 n;
};

static void *
fault_in(void *arg)
{
	struct range r = *(struct range *)arg;

	free(arg);
#ifdef MADV_POPULATE_WRITE
	/* a step at a time: the caller's own faults and mmaps wait less */
	for (size_t off = 0; off < r.n; off += PREFAULT_STEP) {
		size_t k = r.n - off < PREFAULT_STEP ? r.n - off : PREFAULT_STEP;
		if (madvise(r.p + off, k, MADV_POPULATE_WRITE) != 0)
			break;	/* not here, or the block is gone */
	}
#endif
	return NULL;
}

void
sq_prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	const uintptr_t page = 4096;
	uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t b = ((uintptr_t)p + n) & ~(page - 1);
	pthread_t th;

	if (n < PREFAULT_MIN || b <= a || !sq_two_threads((long long)n,
	    (long long)PREFAULT_MIN))
		return;
	struct range *r = malloc(sizeof(*r));
	if (r == NULL)
		return;
	r->p = (char *)a;
	r->n = (size_t)(b - a);
	if (pthread_create(&th, NULL, fault_in, r) == 0)
		pthread_detach(th);
	else
		free(r);
#else
	(void)p;
	(void)n;
#endif
}
