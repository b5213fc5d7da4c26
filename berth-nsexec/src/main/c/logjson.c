#include "logjson.h"
#include "util.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

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
	write_all(logfd, out, o);
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
