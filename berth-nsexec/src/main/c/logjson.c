#include "logjson.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>
#include <time.h>

static struct {
	int dirfd;
	char base[256];
	long long size, max_size;
	int max_files;
} rot = { -1, "", 0, 0, 1 };

int log_rotation_init(int logfd, const char *path, long long max_size, int max_files)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	if (!slash || (size_t)(slash - path) >= sizeof(dir) || strlen(slash + 1) + 8 >= sizeof(rot.base)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	rot.dirfd = open(slash == path ? "/" : dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rot.dirfd < 0)
		return -1;
	snprintf(rot.base, sizeof(rot.base), "%s", slash + 1);
	struct stat st;
	rot.size = fstat(logfd, &st) == 0 ? (long long)st.st_size : 0;
	rot.max_size = max_size;
	rot.max_files = max_files < 1 ? 1 : max_files;
	return 0;
}

/* Best effort: a failed rename leaves the log growing rather than losing output. */
static void rotate(int logfd)
{
	if (rot.max_files == 1) {
		if (ftruncate(logfd, 0) == 0)
			rot.size = 0;
		return;
	}
	char from[300], to[300];
	for (int i = rot.max_files - 1; i > 1; i--) {
		snprintf(from, sizeof(from), "%s.%d", rot.base, i - 1);
		snprintf(to, sizeof(to), "%s.%d", rot.base, i);
		renameat(rot.dirfd, from, rot.dirfd, to);
	}
	snprintf(to, sizeof(to), "%s.1", rot.base);
	if (renameat(rot.dirfd, rot.base, rot.dirfd, to) < 0)
		return;
	int fd = openat(rot.dirfd, rot.base, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		return;
	dup3(fd, logfd, O_CLOEXEC);
	close(fd);
	rot.size = 0;
}

static void emit(int logfd, const char *stream, const char *line, size_t len)
{
	static char out[16384 * 6 + 256];
	size_t o = 0;
	o += (size_t)snprintf(out, sizeof(out), "{\"log\":\"");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		switch (c) {
		case '"': out[o++] = '\\'; out[o++] = '"'; break;
		case '\\': out[o++] = '\\'; out[o++] = '\\'; break;
		case '\n': out[o++] = '\\'; out[o++] = 'n'; break;
		case '\r': out[o++] = '\\'; out[o++] = 'r'; break;
		case '\t': out[o++] = '\\'; out[o++] = 't'; break;
		default:
			if (c < 0x20 || c == '<' || c == '>' || c == '&')
				o += (size_t)snprintf(out + o, 7, "\\u%04x", c);
			else
				out[o++] = (char)c;
		}
	}
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	o += (size_t)snprintf(out + o, sizeof(out) - o, "\",\"stream\":\"%s\",\"time\":\"", stream);
	o += strftime(out + o, 64, "%Y-%m-%dT%H:%M:%S", &tm);
	o += (size_t)snprintf(out + o, sizeof(out) - o, ".%09ldZ\"}\n", ts.tv_nsec);
	if (rot.max_size > 0 && rot.size > 0 && rot.size + (long long)o > rot.max_size)
		rotate(logfd);
	if (write_all(logfd, out, o) == 0)
		rot.size += (long long)o;
}

void log_append(int logfd, struct logstream *s, const char *data, size_t len)
{
	while (len > 0) {
		const char *nl = memchr(data, '\n', len);
		size_t take = nl ? (size_t)(nl - data) + 1 : len;
		size_t room = sizeof(s->buf) - s->len;
		if (take > room)
			take = room;
		memcpy(s->buf + s->len, data, take);
		s->len += take;
		data += take;
		len -= take;
		if (s->buf[s->len - 1] == '\n' || s->len == sizeof(s->buf))
			log_flush(logfd, s);
	}
}

void log_flush(int logfd, struct logstream *s)
{
	if (s->len > 0 && logfd >= 0)
		emit(logfd, s->name, s->buf, s->len);
	s->len = 0;
}
