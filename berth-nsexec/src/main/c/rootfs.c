#include "rootfs.h"
#include "syscalls.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/magic.h>

#define RESOLVE_SCOPED (RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)

static int open_in_root(int rootfd, const char *path, int flags)
{
	int fd;
	do
		fd = sys_openat2(rootfd, path, (uint64_t)(flags | O_CLOEXEC), RESOLVE_SCOPED);
	while (fd < 0 && errno == EAGAIN);
	return fd;
}

#define MAX_LINK_DEPTH 8

static int resolve_depth(int rootfd, const char *path, int create, int depth);

/* name (in parent, whose path in the root is dir) exists but does not resolve: a dangling symlink. Makes
 * its target, read as a path inside the root, as runc's securejoin.MkdirAll does. */
static void make_link_target(int rootfd, int parent, const char *dir, const char *name, int create, int depth)
{
	char target[PATH_MAX], next[PATH_MAX];
	ssize_t n = readlinkat(parent, name, target, sizeof(target) - 1);
	if (n <= 0 || depth >= MAX_LINK_DEPTH)
		return;
	target[n] = '\0';
	int len = target[0] == '/' ? snprintf(next, sizeof(next), "%s", target)
				   : snprintf(next, sizeof(next), "%s/%s", dir, target);
	if (len >= (int)sizeof(next))
		return;
	int fd = resolve_depth(rootfd, next, create, depth + 1);
	if (fd >= 0)
		close(fd);
}

int resolve_in_root(int rootfd, const char *path, int create)
{
	return resolve_depth(rootfd, path, create, 0);
}

static int resolve_depth(int rootfd, const char *path, int create, int depth)
{
	int fd = open_in_root(rootfd, path, O_PATH);
	if (fd >= 0 || errno != ENOENT || !create)
		return fd;
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* Walk the prefixes, resolving each from the root so symlinks stay scoped to it. */
	char *p = buf;
	while (*p == '/')
		p++;
	while (*p) {
		char *slash = strchr(p, '/');
		int last = slash == NULL;
		if (slash)
			*slash = '\0';
		int cur = open_in_root(rootfd, buf, O_PATH);
		if (cur < 0 && errno == ENOENT) {
			char *base = strrchr(buf, '/');
			char dir[PATH_MAX] = "/";
			int parent;
			const char *name;
			if (base && base != buf) {
				*base = '\0';
				snprintf(dir, sizeof(dir), "%s", buf);
				parent = open_in_root(rootfd, buf, O_PATH | O_DIRECTORY);
				*base = '/';
				name = base + 1;
			} else {
				parent = open_in_root(rootfd, "/", O_PATH | O_DIRECTORY);
				name = base ? base + 1 : buf;
			}
			if (parent < 0)
				return -1;
			int r;
			if (last && create == 'f') {
				r = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
				if (r >= 0)
					close(r);
			} else {
				r = mkdirat(parent, name, 0755);
			}
			if (r < 0 && errno == EEXIST)
				make_link_target(rootfd, parent, dir, name, last ? create : 'd', depth);
			else if (r < 0) {
				close(parent);
				return -1;
			}
			close(parent);
			cur = open_in_root(rootfd, buf, O_PATH);
		}
		if (cur < 0)
			return -1;
		if (last)
			return cur;
		close(cur);
		*slash = '/';
		p = slash + 1;
		while (*p == '/')
			p++;
	}
	return open_in_root(rootfd, buf, O_PATH);
}

static unsigned mount_attrs(unsigned long flags)
{
	unsigned a = 0;
	if (flags & MS_RDONLY) a |= MOUNT_ATTR_RDONLY;
	if (flags & MS_NOSUID) a |= MOUNT_ATTR_NOSUID;
	if (flags & MS_NODEV) a |= MOUNT_ATTR_NODEV;
	if (flags & MS_NOEXEC) a |= MOUNT_ATTR_NOEXEC;
	if (flags & MS_NOATIME) a |= MOUNT_ATTR_NOATIME;
	else if (flags & MS_STRICTATIME) a |= MOUNT_ATTR_STRICTATIME;
	if (flags & MS_NODIRATIME) a |= MOUNT_ATTR_NODIRATIME;
	return a;
}

static void attach(int treefd, int dstfd, const char *dest)
{
	if (sys_move_mount(treefd, "", dstfd, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		fail('S', errno, "mount onto %s", dest);
	close(treefd);
}

static void set_propagation(int rootfd, const char *dest, unsigned long propagation)
{
	if (!propagation)
		return;
	int fd = resolve_in_root(rootfd, dest, 0);
	struct mount_attr attr = { .propagation = propagation & ~(unsigned long)MS_REC };
	if (fd < 0 || sys_mount_setattr(fd, "", AT_EMPTY_PATH | ((propagation & MS_REC) ? AT_RECURSIVE : 0), &attr) < 0)
		fail('S', errno, "set propagation of %s", dest);
	close(fd);
}

static void fs_error(int fsfd, const char *what, const char *dest)
{
	char msg[512];
	ssize_t n = fsfd >= 0 ? read(fsfd, msg, sizeof(msg) - 1) : -1;
	int saved = errno;
	if (n > 0) {
		msg[n] = '\0';
		if (msg[n - 1] == '\n')
			msg[n - 1] = '\0';
		fail('S', 0, "%s %s: %s", what, dest, msg + 2);
	}
	fail('S', saved, "%s %s", what, dest);
}

static void mount_new_fs(const struct pmount *m, int dstfd)
{
	int fsfd = sys_fsopen(m->fstype, FSOPEN_CLOEXEC);
	if (fsfd < 0)
		fail('S', errno, "fsopen %s for %s", m->fstype, m->dest);
	if (m->source && m->source[0] && sys_fsconfig(fsfd, FSCONFIG_SET_STRING, "source", m->source, 0) < 0)
		fs_error(fsfd, "mount source", m->dest);
	char opts[4096];
	snprintf(opts, sizeof(opts), "%s", m->data);
	for (char *save = NULL, *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(o, '=');
		int r;
		if (eq) {
			*eq = '\0';
			r = sys_fsconfig(fsfd, FSCONFIG_SET_STRING, o, eq + 1, 0);
		} else {
			r = sys_fsconfig(fsfd, FSCONFIG_SET_FLAG, o, NULL, 0);
			if (r < 0 && !strcmp(o, "newinstance"))
				r = 0; /* devpts from fsopen is always a new instance */
		}
		if (r < 0)
			fs_error(fsfd, "mount option", o);
	}
	if (sys_fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		fs_error(fsfd, "mount", m->dest);
	int mfd = sys_fsmount(fsfd, FSMOUNT_CLOEXEC, mount_attrs(m->flags));
	if (mfd < 0)
		fs_error(fsfd, "mount", m->dest);
	close(fsfd);
	attach(mfd, dstfd, m->dest);
}

static void mount_bind(const struct pmount *m, int dstfd)
{
	unsigned flags = OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | ((m->flags & MS_REC) ? AT_RECURSIVE : 0);
	int tree = sys_open_tree(AT_FDCWD, m->source, flags);
	if (tree < 0)
		fail('S', errno, "bind mount %s", m->source);
	struct mount_attr attr = { .attr_set = mount_attrs(m->flags) };
	if (attr.attr_set &&
	    sys_mount_setattr(tree, "", AT_EMPTY_PATH | (m->recursive_ro ? AT_RECURSIVE : 0), &attr) < 0)
		fail('S', errno, "set options of bind mount %s", m->dest);
	attach(tree, dstfd, m->dest);
}

static void make_symlink(int rootfd, const char *target, const char *linkpath)
{
	char parent[PATH_MAX];
	snprintf(parent, sizeof(parent), "%s", linkpath);
	char *slash = strrchr(parent, '/');
	const char *name = slash ? slash + 1 : parent;
	if (slash)
		*slash = '\0';
	int pfd = resolve_in_root(rootfd, slash && parent[0] ? parent : "/", 'd');
	if (pfd < 0)
		fail('S', errno, "symlink %s", linkpath);
	if (symlinkat(target, pfd, name) < 0 && errno != EEXIST)
		fail('S', errno, "symlink %s", linkpath);
	close(pfd);
}

static void do_mount(int rootfd, const struct pmount *m)
{
	if (m->kind == MK_SYMLINK) {
		make_symlink(rootfd, m->source, m->dest);
		return;
	}
	if (m->kind == MK_REMOUNT) {
		/* Change the options of a mount made earlier in the plan (e.g. /sys/fs/cgroup to read-only). */
		int fd = resolve_in_root(rootfd, m->dest, 0);
		struct mount_attr attr = { .attr_set = mount_attrs(m->flags) };
		if (fd < 0 || sys_mount_setattr(fd, "", AT_EMPTY_PATH, &attr) < 0)
			fail('S', errno, "remount %s", m->dest);
		close(fd);
		return;
	}
	int want = 'd';
	if (m->kind == MK_BIND) {
		struct stat st;
		if (stat(m->source, &st) < 0)
			fail('S', errno, "bind mount source %s", m->source);
		want = S_ISDIR(st.st_mode) ? 'd' : 'f';
	}
	int dst = resolve_in_root(rootfd, m->dest, want);
	if (dst < 0)
		fail('S', errno, "mount destination %s", m->dest);
	struct stat dt;
	if (fstat(dst, &dt) < 0)
		fail('S', errno, "stat %s", m->dest);
	if (want == 'd' && !S_ISDIR(dt.st_mode))
		fail('S', ENOTDIR, "cannot mount a directory onto %s, which is not a directory", m->dest);
	if (want == 'f' && S_ISDIR(dt.st_mode))
		fail('S', EISDIR, "cannot mount file %s onto %s, which is a directory", m->source, m->dest);
	if (m->kind == MK_BIND)
		mount_bind(m, dst);
	else
		mount_new_fs(m, dst);
	close(dst);
	set_propagation(rootfd, m->dest, m->propagation);
}

static void make_device(int rootfd, const struct pdevice *d)
{
	char parent[PATH_MAX];
	snprintf(parent, sizeof(parent), "%s", d->path);
	char *slash = strrchr(parent, '/');
	if (!slash)
		fail('S', EINVAL, "device path %s", d->path);
	*slash = '\0';
	const char *name = slash + 1;
	int pfd = resolve_in_root(rootfd, parent[0] ? parent : "/", 'd');
	if (pfd < 0)
		fail('S', errno, "device %s", d->path);
	mode_t type = d->type == 'b' ? S_IFBLK : d->type == 'p' ? S_IFIFO : S_IFCHR;
	if (mknodat(pfd, name, type | (d->mode & 07777), makedev(d->major, d->minor)) < 0) {
		if (errno == EEXIST) {
			close(pfd);
			return;
		}
		if (errno != EPERM)
			fail('S', errno, "mknod %s", d->path);
		/* In a user namespace: bind the host's node onto an empty file, as runc does. */
		close(pfd);
		int dst = resolve_in_root(rootfd, d->path, 'f');
		int tree = dst < 0 ? -1 : sys_open_tree(AT_FDCWD, d->path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
		if (tree < 0)
			fail('S', errno, "bind device %s", d->path);
		attach(tree, dst, d->path);
		close(dst);
		return;
	}
	if (fchownat(pfd, name, d->uid, d->gid, AT_SYMLINK_NOFOLLOW) < 0)
		fail('S', errno, "chown %s", d->path);
	close(pfd);
}

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

int open_pty_in_root(int rootfd, int *slave)
{
	int master = sys_openat2(rootfd, "/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC,
				 RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
	struct stat st;
	struct statfs sf;
	if (master < 0)
		fail('S', errno, "a terminal needs a devpts at /dev/pts: open /dev/pts/ptmx");
	if (fstat(master, &st) < 0 || fstatfs(master, &sf) < 0)
		fail('S', errno, "stat /dev/pts/ptmx");
	if (!S_ISCHR(st.st_mode) || sf.f_type != DEVPTS_SUPER_MAGIC)
		fail('S', EPERM, "/dev/pts/ptmx is not the ptmx of a devpts");
	int unlock = 0;
	if (ioctl(master, TIOCSPTLCK, &unlock) < 0)
		fail('S', errno, "unlock the pty");
	*slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*slave < 0)
		fail('S', errno, "open the pty's peer");
	return master;
}

static void bind_console(int rootfd, int console_fd)
{
	int dst = resolve_in_root(rootfd, "/dev/console", 'f');
	struct stat st;
	struct statfs sf;
	if (dst < 0 || fstat(dst, &st) < 0 || fstatfs(dst, &sf) < 0)
		fail('S', errno, "create /dev/console");
	/* Only a plain file on our own /dev tmpfs is a safe mount target (CVE-2025-52565). */
	if (!S_ISREG(st.st_mode) || sf.f_type != TMPFS_MAGIC)
		fail('S', EPERM, "/dev/console is not a file of the container's /dev");
	int tree = sys_open_tree(console_fd, "", AT_EMPTY_PATH | OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (tree < 0)
		fail('S', errno, "bind console");
	attach(tree, dst, "/dev/console");
	close(dst);
}

static void pivot(const struct plan *p, int rootfd)
{
	if (fchdir(rootfd) < 0)
		fail('S', errno, "chdir to rootfs");
	if (!p->nopivot) {
		if (sys_pivot_root(".", ".") == 0) {
			if (umount2(".", MNT_DETACH) < 0)
				fail('S', errno, "detach the old root");
			if (chdir("/") < 0)
				fail('S', errno, "chdir /");
			return;
		}
		if (errno != EINVAL)
			fail('S', errno, "pivot_root");
		/* EINVAL: the root cannot be pivoted (e.g. an initramfs root); fall back as runc --no-pivot. */
	}
	if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
		fail('S', errno, "move the rootfs to /");
	if (chroot(".") < 0 || chdir("/") < 0)
		fail('S', errno, "chroot");
}

static int open_checked(int rootfd, const char *path, int flags, long magic)
{
	int fd = sys_openat2(rootfd, path, (uint64_t)(flags | O_CLOEXEC), RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
	if (fd < 0)
		return -1;
	struct statfs sf;
	if (magic && (fstatfs(fd, &sf) < 0 || sf.f_type != magic)) {
		close(fd);
		errno = EXDEV;
		return -1;
	}
	return fd;
}

static void write_sysctls(const struct plan *p, int rootfd)
{
	for (int i = 0; i < p->nsysctl; i++) {
		char path[PATH_MAX];
		int n = snprintf(path, sizeof(path), "/proc/sys/%s", p->sysctl_key[i]);
		for (char *c = path + 10; c < path + n; c++)
			if (*c == '.')
				*c = '/';
		int fd = open_checked(rootfd, path, O_WRONLY, PROC_SUPER_MAGIC);
		if (fd < 0 || write_all(fd, p->sysctl_val[i], strlen(p->sysctl_val[i])) < 0)
			fail('S', errno, "write sysctl %s", p->sysctl_key[i]);
		close(fd);
	}
}

static void mask_paths(const struct plan *p, int rootfd)
{
	int null_fd = -1;
	for (int i = 0; i < p->nmasked; i++) {
		int dst = open_checked(rootfd, p->masked[i], O_PATH, 0);
		if (dst < 0) {
			if (errno == ENOENT)
				continue;
			fail('S', errno, "mask %s", p->masked[i]);
		}
		struct stat st;
		if (fstat(dst, &st) < 0)
			fail('S', errno, "stat %s", p->masked[i]);
		int tree;
		if (S_ISDIR(st.st_mode)) {
			int fsfd = sys_fsopen("tmpfs", FSOPEN_CLOEXEC);
			if (fsfd < 0 || sys_fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
				fail('S', errno, "tmpfs to mask %s", p->masked[i]);
			tree = sys_fsmount(fsfd, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY);
			close(fsfd);
		} else {
			if (null_fd < 0) {
				/* The container's own /dev/null, checked to be the real node on our /dev tmpfs
				 * (CVE-2025-31133: a swapped /dev/null must not be bound over /proc files). */
				struct stat ns;
				null_fd = open_checked(rootfd, "/dev/null", O_PATH, TMPFS_MAGIC);
				if (null_fd < 0 || fstat(null_fd, &ns) < 0 || !S_ISCHR(ns.st_mode) ||
				    major(ns.st_rdev) != 1 || minor(ns.st_rdev) != 3)
					fail('S', errno ? errno : EPERM, "/dev/null is not the null device; refusing to mask %s", p->masked[i]);
			}
			tree = sys_open_tree(null_fd, "", AT_EMPTY_PATH | OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
		}
		if (tree < 0)
			fail('S', errno, "mask %s", p->masked[i]);
		attach(tree, dst, p->masked[i]);
		close(dst);
	}
	if (null_fd >= 0)
		close(null_fd);
}

static void readonly_paths(const struct plan *p, int rootfd)
{
	for (int i = 0; i < p->nreadonly; i++) {
		int dst = open_checked(rootfd, p->readonly[i], O_PATH, 0);
		if (dst < 0) {
			if (errno == ENOENT)
				continue;
			fail('S', errno, "make %s read-only", p->readonly[i]);
		}
		int tree = sys_open_tree(dst, "", AT_EMPTY_PATH | OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
		struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC };
		if (tree < 0 || sys_mount_setattr(tree, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr) < 0)
			fail('S', errno, "make %s read-only", p->readonly[i]);
		attach(tree, dst, p->readonly[i]);
		close(dst);
	}
}

void setup_rootfs(const struct plan *p, int *pty_master, int *pty_slave)
{
	*pty_master = *pty_slave = -1;
	/* Open the rootfs while still the host's root: its parent directories may be closed to the
	 * uid a user namespace maps root to. */
	int hostfd = open(p->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (hostfd < 0)
		fail('S', errno, "open rootfs %s", p->rootfs);
	/* In a user namespace our host uid 0 is unmapped; become the namespace's root (mapped by now)
	 * before making files, as runc's nsexec does. */
	if (p->nuidmap > 0 && (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0))
		fail('S', errno, "become root in the user namespace");
	unsigned long prop = p->root_propagation ? p->root_propagation : (MS_REC | MS_PRIVATE);
	if (mount(NULL, "/", NULL, prop, NULL) < 0)
		fail('S', errno, "set propagation of /");
	/* pivot_root needs the rootfs to be a mount point: bind it onto itself, by fd. The tree's fd
	 * then is the root of that new mount. */
	int rootfd = sys_open_tree(hostfd, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE | AT_EMPTY_PATH);
	if (rootfd < 0 || sys_move_mount(rootfd, "", hostfd, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		fail('S', errno, "bind rootfs %s", p->rootfs);
	close(hostfd);
	for (int i = 0; i < p->nmounts; i++)
		do_mount(rootfd, &p->mounts[i]);
	for (int i = 0; i < p->ndevices; i++)
		make_device(rootfd, &p->devices[i]);
	if (p->tty) {
		*pty_master = open_pty_in_root(rootfd, pty_slave);
		bind_console(rootfd, *pty_slave);
	}
	pivot(p, rootfd);
	close(rootfd);
	rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		fail('S', errno, "open /");
	write_sysctls(p, rootfd);
	mask_paths(p, rootfd);
	readonly_paths(p, rootfd);
	if (p->readonly_root) {
		struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY };
		if (sys_mount_setattr(rootfd, "", AT_EMPTY_PATH, &attr) < 0)
			fail('S', errno, "make the root read-only");
	}
	close(rootfd);
}
