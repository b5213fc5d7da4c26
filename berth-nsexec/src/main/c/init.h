#ifndef BERTH_INIT_H
#define BERTH_INIT_H
/* `berth-nsexec init -- CMD...` (also run as /sbin/docker-init -- CMD...): a container's PID 1 for
 * HostConfig.Init. Forks CMD, forwards signals to it, reaps every zombie, exits with its status. */
int init_main(int argc, char **argv);
/* Whether argv asks for the init mode (by subcommand or by the name docker-init). */
int is_init_invocation(int argc, char **argv);
#endif
