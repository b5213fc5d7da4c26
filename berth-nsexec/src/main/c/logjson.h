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
#endif
