/*
 * threads.c — the one rule for a second thread (see threads.h).
 */
#include <stdlib.h>
#include <string.h>
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
