#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"

#ifndef SQ_DATADIR
#define SQ_DATADIR "/usr/local/share/shequ"
#endif

const char *
sq_exe_dir(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return buf;
}

/*
 * A program run from the build tree before `make install` (build/bin/sq-x)
 * finds the tree's share/: ../../share beside its own binary.  NULL when
 * that is not where it runs from.
 */
static const char *
tree_datadir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];

	if (sq_exe_dir(exe, sizeof(exe)) == NULL)
		return NULL;
	if (snprintf(dir, sizeof(dir), "%s/../../share", exe) >= (int)sizeof(dir))
		return NULL;
	char probe[PATH_MAX + 16];
	snprintf(probe, sizeof(probe), "%s/aliases.txt", dir);
	return access(probe, R_OK) == 0 ? dir : NULL;
}

const char *
sq_share_dir(void)
{
	const char *env, *tree;

	if ((env = getenv("SHEQU_DATADIR")) != NULL && *env)
		return env;
	if (access(SQ_DATADIR "/aliases.txt", R_OK) != 0 &&
	    (tree = tree_datadir()) != NULL)
		return tree;
	return SQ_DATADIR;
}
