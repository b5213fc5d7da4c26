#include "process.h"
#include "syscalls.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/magic.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static int compare_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

void close_fds_except(const int *keep, int nkeep)
{
	int sorted[16];
	int n = 0;
	for (int i = 0; i < nkeep && n < 16; i++)
		if (keep[i] > 2)
			sorted[n++] = keep[i];
	qsort(sorted, (size_t)n, sizeof(int), compare_int);
	unsigned from = 3;
	for (int i = 0; i < n; i++) {
		if ((unsigned)sorted[i] > from)
			sys_close_range(from, (unsigned)sorted[i] - 1, 0);
		from = (unsigned)sorted[i] + 1;
	}
	sys_close_range(from, ~0U, 0);
}

static void apply_rlimits(const struct plan *p)
{
	for (int i = 0; i < p->nrlimits; i++) {
		struct rlimit rl = { p->rlimits[i].soft, p->rlimits[i].hard };
		if (setrlimit(p->rlimits[i].resource, &rl) < 0)
			fail('S', errno, "setrlimit %d (soft %llu, hard %llu)", p->rlimits[i].resource,
			     p->rlimits[i].soft, p->rlimits[i].hard);
	}
}

static void apply_oom_score(const struct plan *p)
{
	if (!p->has_oom)
		return;
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	struct statfs sf;
	char buf[32];
	snprintf(buf, sizeof(buf), "%d", p->oom_score_adj);
	if (fd < 0 || fstatfs(fd, &sf) < 0 || sf.f_type != PROC_SUPER_MAGIC || write_all(fd, buf, strlen(buf)) < 0)
		fail('S', errno, "set oom_score_adj");
	close(fd);
}

static void enter_cwd(const struct plan *p)
{
	const char *cwd = p->cwd && p->cwd[0] ? p->cwd : "/";
	if (chdir(cwd) < 0) {
		if (errno != ENOENT || p->exec_mode)
			fail('S', errno, "chdir to cwd (\"%s\") set in config.json", cwd);
		/* runc creates a missing cwd in the container's root. */
		char buf[PATH_MAX];
		snprintf(buf, sizeof(buf), "%s", cwd);
		for (char *s = buf + 1; *s; s++)
			if (*s == '/') {
				*s = '\0';
				mkdir(buf, 0755);
				*s = '/';
			}
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			fail('S', errno, "create cwd %s", cwd);
		if (chdir(cwd) < 0)
			fail('S', errno, "chdir to cwd (\"%s\")", cwd);
	}
	/* CVE-2024-21626: a cwd reached through a leaked host fd is outside our root. */
	char buf[PATH_MAX];
	if (!getcwd(buf, sizeof(buf)) || buf[0] != '/')
		fail('S', EPERM, "cwd %s is outside the container's root", cwd);
}

static int last_cap(void)
{
	static int cached = -1;
	if (cached < 0) {
		char *s = read_file(AT_FDCWD, "/proc/sys/kernel/cap_last_cap", 16, NULL);
		cached = s ? atoi(s) : 40;
		free(s);
	}
	return cached;
}

static void apply_capabilities_and_user(const struct plan *p)
{
	int last = last_cap();
	if (p->caps_set)
		for (int c = 0; c <= last; c++)
			if (!(p->cap_bounding & (1ULL << c)) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
				fail('S', errno, "drop capability %d from the bounding set", c);
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		fail('S', errno, "keep capabilities");
	char *sg = read_file(AT_FDCWD, "/proc/self/setgroups", 16, NULL);
	int setgroups_allowed = !sg || strncmp(sg, "deny", 4) != 0;
	free(sg);
	if (setgroups_allowed && setgroups((size_t)p->nagids, p->agids) < 0)
		fail('S', errno, "setgroups");
	if (setresgid(p->gid, p->gid, p->gid) < 0)
		fail('S', errno, "setgid %u", p->gid);
	if (setresuid(p->uid, p->uid, p->uid) < 0)
		fail('S', errno, "setuid %u", p->uid);
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		fail('S', errno, "clear keepcaps");
	if (!p->caps_set)
		return;
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	memset(data, 0, sizeof(data));
	for (int i = 0; i < 2; i++) {
		data[i].effective = (uint32_t)(p->cap_effective >> (32 * i));
		data[i].permitted = (uint32_t)(p->cap_permitted >> (32 * i));
		data[i].inheritable = (uint32_t)(p->cap_inheritable >> (32 * i));
	}
	if (syscall(SYS_capset, &hdr, data) < 0)
		fail('S', errno, "capset");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		fail('S', errno, "clear ambient capabilities");
	for (int c = 0; c <= last; c++)
		/* A cap missing from the inheritable set cannot be ambient: skipped, as runc does. */
		if ((p->cap_ambient & (1ULL << c)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0 && errno != EPERM)
			fail('S', errno, "raise ambient capability %d", c);
}

static const char *env_path(const struct plan *p)
{
	for (int i = 0; i < p->nenv; i++)
		if (!strncmp(p->env[i], "PATH=", 5))
			return p->env[i] + 5;
	return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

static int executable(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (access(path, X_OK) < 0)
		return -errno;
	return 0;
}

/* exec.LookPath semantics: a name with a slash is used as it is; else the first PATH entry where it
 * is an executable file. A hit that is not executable is remembered to report 126 rather than 127. */
static const char *look_up(const struct plan *p)
{
	static char found[PATH_MAX];
	const char *name = p->args[0];
	if (strchr(name, '/')) {
		int r = executable(name);
		if (r == -ENOENT || r == -ENOTDIR)
			fail('N', 0, "exec: \"%s\": stat %s: no such file or directory", name, name);
		if (r < 0)
			fail('X', -r, "exec: \"%s\": permission denied", name);
		return name;
	}
	const char *path = env_path(p);
	int denied = 0;
	while (path) {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t)(colon - path) : strlen(path);
		snprintf(found, sizeof(found), "%.*s/%s", (int)len, len ? path : ".", name);
		int r = executable(found);
		if (r == 0)
			return found;
		if (r == -EACCES || r == -EISDIR)
			denied = 1;
		path = colon ? colon + 1 : NULL;
	}
	if (denied)
		fail('X', EACCES, "exec: \"%s\": permission denied", name);
	fail('N', 0, "exec: \"%s\": executable file not found in $PATH", name);
}

const char *prepare_process(const struct plan *p)
{
	apply_rlimits(p);
	apply_oom_score(p);
	enter_cwd(p);
	apply_capabilities_and_user(p);
	if (p->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		fail('S', errno, "set no_new_privs");
	if (p->seccomp)
		/* The place where a seccomp BPF program will be loaded (after no_new_privs, before exec). */
		fail('S', ENOSYS, "seccomp profiles are not supported yet");
	umask(p->umask >= 0 ? (mode_t)p->umask : 022);
	return look_up(p);
}
