#ifndef BERTH_ROOTFS_H
#define BERTH_ROOTFS_H
#include "plan.h"

/* In a container's new mount namespace: mounts, devices, console, pivot_root, masked and read-only
 * paths, sysctls, read-only root. Fails (via fail()) on any error. With p->tty, a pty is allocated
 * from the container's own devpts and its slave bound onto /dev/console; *pty_master and *pty_slave
 * receive it (else -1). */
void setup_rootfs(const struct plan *p, int *pty_master, int *pty_slave);

/* Allocates a pty from the devpts at dev/pts under rootfd (never following a symlink, checked to be
 * a devpts ptmx), as runc does, so the container sees /dev/pts/N of its own instance. Returns the
 * master; *slave gets the peer, opened without a path lookup (TIOCGPTPEER). */
int open_pty_in_root(int rootfd, int *slave);

/* Opens path inside the tree rooted at rootfd, never leaving it. create: 0 (must exist), 'd' (make
 * missing dirs), 'f' (make missing dirs and an empty file as the last component). O_PATH fd or -1. */
int resolve_in_root(int rootfd, const char *path, int create);
#endif
