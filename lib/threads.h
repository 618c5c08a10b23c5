/*
 * threads.h — when a second thread is worth it.  The reader (reading
 * ahead) and the writer (a big table's rows formatted by two threads)
 * take the same rule, so SHEQU_READAHEAD says it once for both: 0 one
 * thread, 1 two for any size, else two when the job is big enough.  Under ulimit -v, always one: a second thread reserves
 * address space (its stack, glibc's 64 MB malloc arena) that counts
 * against the limit.
 */
#ifndef SQ_THREADS_H
#define SQ_THREADS_H

/*
 * Two threads for a job of size units (bytes, rows), worth it from min?
 * min < 0: the caller asks for two whatever the environment says.
 */
int	 sq_two_threads(long long size, long long min);

#endif
