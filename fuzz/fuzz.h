/*
 * fuzz.h — what every libFuzzer harness under fuzz/ shares.
 *
 * FZ_CHECK(cond) aborts with the condition and its line when an invariant
 * fails: libFuzzer then saves the input as crash-*, like any other crash.
 * fz_memfile() puts the input in an anonymous file (memfd) and gives back a
 * path to it, so parsers that open a path (sources, rules files) read the
 * fuzz input through their ordinary code, read() and all.
 */
#ifndef FZ_FUZZ_H
#define FZ_FUZZ_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "diag.h"

/*
 * Where invariant failures are told: a copy of stderr taken at start-up,
 * as libFuzzer's -close_fd_mask=2 (used by fuzz/run.sh to silence the
 * programs' own messages) closes fd 2 itself afterwards.
 */
static int fz_errfd = 2;

#define FZ_CHECK(c) do {						\
	if (!(c)) {							\
		dprintf(fz_errfd, "invariant failed: %s (%s:%d)\n", #c,	\
		    __FILE__, __LINE__);				\
		abort();						\
	}								\
} while (0)

/* Write n bytes to a new memfd; path gets "/proc/self/fd/N".  The fd, or -1. */
static inline int
fz_memfile(const void *d, size_t n, char path[64])
{
	int fd = (int)syscall(SYS_memfd_create, "fuzz", 0u);
	size_t off = 0;

	if (fd < 0)
		return -1;
	while (off < n) {
		ssize_t w = write(fd, (const char *)d + off, n - off);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

/*
 * Call from LLVMFuzzerInitialize: keep a copy of stderr for FZ_CHECK, and
 * quiet diagnostics (line messages capped at none, no warnings or notes).
 */
static inline void
fz_init(void)
{
	int fd = dup(2);

	if (fd >= 0)
		fz_errfd = fd;
	sq_diag_init("fuzz");
	sq_diag_quiet(1);
	sq_diag_cap(0);
}

/* Split d at the first byte equal to sep: [0, *n1) and the rest after it. */
static inline const uint8_t *
fz_split(const uint8_t *d, size_t n, uint8_t sep, size_t *n1, size_t *n2)
{
	const uint8_t *p = memchr(d, sep, n);

	if (p == NULL) {
		*n1 = n;
		*n2 = 0;
		return d + n;
	}
	*n1 = (size_t)(p - d);
	*n2 = n - *n1 - 1;
	return p + 1;
}

#endif
