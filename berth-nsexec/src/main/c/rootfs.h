#ifndef BERTH_ROOTFS_H
#define BERTH_ROOTFS_H
#include "plan.h"

/* In a container's new mount namespace: mounts, devices, console, pivot_root, masked and read-only
 * paths, sysctls, read-only root. Fails (via fail()) on any error. console_fd: the pty slave or -1. */
void setup_rootfs(const struct plan *p, int console_fd);

/* Opens path inside the tree rooted at rootfd, never leaving it. create: 0 (must exist), 'd' (make
 * missing dirs), 'f' (make missing dirs and an empty file as the last component). O_PATH fd or -1. */
int resolve_in_root(int rootfd, const char *path, int create);
#endif
