#ifndef BERTH_LOGJSON_H
#define BERTH_LOGJSON_H
#include <stddef.h>

/* Docker's json-file log format: one {"log":..., "stream":..., "time":...} object per line of output. */
struct logstream {
	const char *name; /* "stdout" or "stderr" */
	char buf[16384];  /* a line not yet ended; flushed as a partial entry when full, as Docker does */
	size_t len;
};

void log_append(int logfd, struct logstream *s, const char *data, size_t len);
void log_flush(int logfd, struct logstream *s);
/* json-file's max-size/max-file: once logfd (opened on path) would pass max_size bytes, path is
 * renamed to path.1 (path.1 to path.2 ... up to path.(max_files-1)) and a new file takes logfd's
 * number. The directory is held open, so rotation works after the monitor joins other namespaces. */
int log_rotation_init(int logfd, const char *path, long long max_size, int max_files);
#endif
