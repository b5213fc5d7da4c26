#include "init.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int is_init_invocation(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "init"))
		return 1;
	const char *base = argc >= 1 && argv[0] ? strrchr(argv[0], '/') : NULL;
	base = base ? base + 1 : (argc >= 1 && argv[0] ? argv[0] : "");
	return !strcmp(base, "docker-init");
}

static int status_code(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 255;
}

int init_main(int argc, char **argv)
{
	int i = 1;
	if (i < argc && !strcmp(argv[i], "init"))
		i++;
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc) {
		fprintf(stderr, "usage: docker-init -- COMMAND [ARG...]\n");
		return 2;
	}
	/* Every signal stays blocked (so none is lost, and PID 1's default "ignore" does not drop it)
	 * and is taken with sigtimedwait; the child gets the mask it would have had without us. */
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	/* Outside a PID namespace, this init adopts orphans of CMD only as a subreaper. */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	pid_t child = fork();
	if (child < 0) {
		perror("docker-init: fork");
		return 1;
	}
	if (child == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		execvp(argv[i], argv + i);
		fprintf(stderr, "docker-init: exec %s: %s\n", argv[i], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	struct timespec tick = { 1, 0 };
	for (;;) {
		siginfo_t si;
		int sig = sigtimedwait(&all, &si, &tick);
		if (sig > 0 && sig != SIGCHLD)
			kill(child, sig); /* SIGTERM, SIGINT, SIGHUP, SIGUSR1/2, SIGQUIT, SIGWINCH... */
		/* Reap every zombie: CMD, and the orphans re-parented to us. */
		for (;;) {
			int st;
			pid_t p = waitpid(-1, &st, WNOHANG);
			if (p <= 0)
				break;
			if (p == child)
				return status_code(st);
		}
	}
}
