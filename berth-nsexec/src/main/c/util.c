#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int report_fd = -1;
int result_dirfd = -1;

void fail(char kind, int err, const char *fmt, ...)
{
	char msg[1024];
	int n = snprintf(msg, sizeof(msg), "E%c %d ", kind, err);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	size_t len = strlen(msg);
	if (err && len + 3 < sizeof(msg))
		snprintf(msg + len, sizeof(msg) - len, ": %s", strerror(err));
	if (report_fd >= 0) {
		write_all(report_fd, msg, strlen(msg));
	} else if (result_dirfd >= 0) {
		char result[1100];
		snprintf(result, sizeof(result), "err %s\n", msg + 1);
		write_atomic(result_dirfd, "result", result);
	} else
		fprintf(stderr, "berth-nsexec: %s\n", msg + 2);
	_exit(kind == 'N' ? 127 : kind == 'X' ? 126 : 1);
}

int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t r = read(fd, (char *)buf + got, len - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

char *read_file(int dirfd, const char *path, size_t max, size_t *len)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	char *buf = malloc(max + 1);
	ssize_t n = buf ? read_full(fd, buf, max) : -1;
	int saved = errno;
	close(fd);
	if (n < 0) {
		free(buf);
		errno = saved;
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = (size_t)n;
	return buf;
}

int write_file_at(int dirfd, const char *path, const char *data)
{
	int fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = write_all(fd, data, strlen(data));
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int write_atomic(int dirfd, const char *name, const char *data)
{
	char tmp[256];
	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (write_all(fd, data, strlen(data)) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	return renameat(dirfd, tmp, dirfd, name);
}
