#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "diag.h"

int
sq_afile_open(struct sq_afile *f, const char *path)
{
	f->path = sq_xstrdup(path);
	f->tmp = sq_xmalloc(strlen(path) + 16);
	sprintf(f->tmp, "%s.tmpXXXXXX", path);
	int fd = mkstemp(f->tmp);
	if (fd < 0 || (f->fp = fdopen(fd, "w")) == NULL) {
		sq_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(f->path);
		free(f->tmp);
		return -1;
	}
	return 0;
}

int
sq_afile_close(struct sq_afile *f)
{
	int bad;

	errno = 0;
	bad = ferror(f->fp);

	if (fclose(f->fp) != 0)
		bad = 1;
	if (!bad) {
		/* mkstemp made it 0600: the mode of any new file, by umask
		   (077 under --private); a sheet names who is vulnerable */
		mode_t um = umask(0);
		umask(um);
		if (chmod(f->tmp, 0666 & ~um) != 0 ||
		    rename(f->tmp, f->path) != 0)
			bad = 1;
	}
	if (bad) {
		sq_error("%s: %s", f->path, errno ? strerror(errno) :
		    "write error");
		unlink(f->tmp);
	}
	free(f->path);
	free(f->tmp);
	return bad ? -1 : 0;
}
