#ifndef BERTH_UTIL_H
#define BERTH_UTIL_H
#include <stddef.h>
#include <sys/types.h>

/* How the child reports a failure to the monitor (and on to Java): a kind letter, errno, text.
 * S: set-up failed, N: command not found (Docker 127), X: command not executable (126). */
extern int report_fd;
/* When set (and report_fd is not), fail() writes "err ..." to result_dirfd/result. */
extern int result_dirfd;
__attribute__((noreturn, format(printf, 3, 4))) void fail(char kind, int err, const char *fmt, ...);

int write_all(int fd, const void *buf, size_t len);
ssize_t read_full(int fd, void *buf, size_t len);
/* Reads a whole small file (at most max bytes) into a malloc'd, NUL-terminated buffer. */
char *read_file(int dirfd, const char *path, size_t max, size_t *len);
int write_file_at(int dirfd, const char *path, const char *data);
/* Writes data to dir/name via a temp file and rename, so readers see all or nothing. */
int write_atomic(int dirfd, const char *name, const char *data);
#endif
