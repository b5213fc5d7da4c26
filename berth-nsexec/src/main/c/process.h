#ifndef BERTH_PROCESS_H
#define BERTH_PROCESS_H
#include "plan.h"

/* The last steps of every container process (init or exec), in runc's order: rlimits, oom score,
 * cwd, user and groups, capabilities, no_new_privs, seccomp; then the command is looked up in the
 * container's PATH. Returns the path to execve, or fails. */
const char *prepare_process(const struct plan *p);

/* Closes every fd from 3 up except those listed (CVE-2024-21626: no host fd may reach the container). */
void close_fds_except(const int *keep, int nkeep);
#endif
