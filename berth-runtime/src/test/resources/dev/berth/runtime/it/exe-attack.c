/* CVE-2019-5736 from inside a container: reach the runtime helper's binary through /proc/PID/exe and try
 * every way to open it for writing. Prints one line per attempt: "NAME fail ERRNO" or "NAME opened write=N". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *err(void)
{
	return strerrorname_np(errno);
}

static void try_open(const char *what, const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0) {
		printf("%s fail %s\n", what, err());
		return;
	}
	/* Writes nothing harmful if it got this far: the test fails on "opened" anyway. */
	ssize_t w = pwrite(fd, "", 0, 0);
	printf("%s opened write=%zd\n", what, w);
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: exe-attack PID\n");
		return 2;
	}
	char exe[64], link[512], fdpath[64];
	snprintf(exe, sizeof(exe), "/proc/%s/exe", argv[1]);
	ssize_t n = readlink(exe, link, sizeof(link) - 1);
	if (n < 0)
		printf("link fail %s\n", err());
	else
		printf("link %.*s\n", (int)n, link);
	int ro = open(exe, O_RDONLY | O_CLOEXEC);
	if (ro < 0) {
		printf("rdonly fail %s\n", err());
	} else {
		printf("rdonly ok seals=%d\n", fcntl(ro, F_GET_SEALS));
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", ro);
		try_open("reopen-wronly", fdpath, O_WRONLY);
		try_open("reopen-rdwr", fdpath, O_RDWR);
	}
	int pathfd = open(exe, O_PATH | O_CLOEXEC);
	if (pathfd < 0) {
		printf("opath fail %s\n", err());
	} else {
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", pathfd);
		try_open("opath-reopen-wronly", fdpath, O_WRONLY);
	}
	try_open("wronly", exe, O_WRONLY);
	try_open("rdwr", exe, O_RDWR);
	try_open("trunc", exe, O_WRONLY | O_TRUNC);
	return 0;
}
