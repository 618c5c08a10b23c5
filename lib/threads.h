/*
 * threads.h — when a second thread is worth it, and one that faults in
 * pages ahead of the caller.  The reader (reading
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
/*
 * The pages of p[0, n) faulted in by a thread of their own, 2 MB at a
 * time, while the caller goes on to fill them: the kernel's zeroing of a
 * big block's fresh pages (a fifth of sq-flag's main thread on a district,
 * more on a virtual machine whose host backs the memory late) then
 * overlaps the caller's work.  A hint: nothing happens where the kernel
 * cannot (MADV_POPULATE_WRITE, Linux 5.14) or the rule says one thread;
 * the contents are never touched, and a block freed or moved meanwhile
 * only stops it.
 */
void	 sq_prefault(void *p, size_t n);

#endif
