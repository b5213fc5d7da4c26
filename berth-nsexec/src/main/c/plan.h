/* The launch plan: what Java decided, as a flat list of NUL-terminated strings (key, values...). */
#ifndef BERTH_PLAN_H
#define BERTH_PLAN_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MAX_ITEMS 512

enum mount_kind { MK_FS, MK_BIND, MK_SYMLINK, MK_REMOUNT };

struct pmount {
	enum mount_kind kind;
	const char *source, *dest, *fstype, *data;
	unsigned long flags, propagation;
	int recursive_ro;
};

struct pdevice {
	const char *path;
	char type;
	unsigned major, minor, mode;
	uid_t uid;
	gid_t gid;
};

struct pns {
	const char *type;
	const char *path; /* NULL: a new one */
};

struct idmap {
	unsigned long inside, outside, count;
};

struct prlimit {
	int resource;
	unsigned long long soft, hard;
};

struct plan {
	char *buf;
	int exec_mode; /* 0: a container's init, 1: a process joining a running container */
	const char *id, *rootfs, *hostname, *domainname, *cwd, *console_socket, *stdio, *log_path, *fifo;
	int loopback_up; /* bring lo up in a new network namespace (Docker does; runc does not) */
	int readonly_root, nopivot, tty, open_stdin, stdin_once, no_new_privs, has_oom, oom_score_adj, umask;
	unsigned short rows, cols;
	unsigned long root_propagation;
	uid_t uid;
	gid_t gid;
	int nagids;
	gid_t agids[64];
	int caps_set; /* caps given at all */
	uint64_t cap_bounding, cap_effective, cap_permitted, cap_inheritable, cap_ambient;
	int nns; struct pns ns[8];
	int nuidmap; struct idmap uidmap[8];
	int ngidmap; struct idmap gidmap[8];
	int nmounts; struct pmount mounts[MAX_ITEMS];
	int ndevices; struct pdevice devices[64];
	int nmasked; const char *masked[64];
	int nreadonly; const char *readonly[64];
	int nsysctl; const char *sysctl_key[64], *sysctl_val[64];
	int nrlimits; struct prlimit rlimits[32];
	int nargs; char *args[MAX_ITEMS + 1];
	int nenv; char *env[MAX_ITEMS + 1];
	int ncgroups; const char *cgroups[16];
	const char *seccomp;
	long long log_max_size; /* json-file max-size; 0: unbounded */
	int log_max_files;
};

/* Parses the plan in buf (len bytes, kept by the plan). Returns 0, or -1 with msg filled. */
int plan_parse(struct plan *p, char *buf, size_t len, char *msg, size_t msglen);
#endif
