/*
 * berth-nsexec: the process that a JVM cannot be. `berth-nsexec monitor DIR` reads DIR/plan, and:
 *   stage 0 (the process Java spawned) forks the monitor and exits once the container is created
 *   (or failed), so Java never has to reap it;
 *   the monitor (a new session, a child subreaper) clones the container's process into its
 *   namespaces, writes id maps and cgroup membership, then holds its stdio (pipes or pty),
 *   writes its output as json-file lines, serves DIR/attach.sock, reads commands from DIR/ctl,
 *   and when the process exits writes its wait status to DIR/exit and exits itself. It outlives
 *   the JVM that started it, so a restarted daemon finds the container, its output and its exit.
 *   the child sets up namespaces, rootfs and credentials, reports 'K' (or an error) on the sync
 *   socket and, for a container's init, waits on the exec fifo until `start` before it execs.
 * DIR/result: "ok MONITORPID PID" or "err KIND ERRNO MESSAGE".
 */
#include "init.h"
#include "logjson.h"
#include "plan.h"
#include "process.h"
#include "rootfs.h"
#include "syscalls.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <net/if.h>
#include <unistd.h>

extern char **environ;

#define MAX_CLIENTS 16

static const struct { const char *type; int flag; } NS_TYPES[] = {
	{ "user", CLONE_NEWUSER }, { "pid", CLONE_NEWPID }, { "net", CLONE_NEWNET }, { "ipc", CLONE_NEWIPC },
	{ "uts", CLONE_NEWUTS }, { "mnt", CLONE_NEWNS }, { "cgroup", CLONE_NEWCGROUP },
};

static int ns_flag(const char *type)
{
	for (size_t i = 0; i < sizeof(NS_TYPES) / sizeof(NS_TYPES[0]); i++)
		if (!strcmp(NS_TYPES[i].type, type))
			return NS_TYPES[i].flag;
	return 0;
}

/* CVE-2019-5736: never run from a file a container could write through /proc/PID/exe. Unless we
 * already run from a sealed memfd (Java spawns us from one), copy ourselves into one and re-exec. */
static void ensure_sealed_self(char **argv)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail('S', errno, "open /proc/self/exe");
	int seals = fcntl(fd, F_GET_SEALS);
	if (seals >= 0 && (seals & F_SEAL_WRITE)) {
		close(fd);
		return;
	}
	int mfd = memfd_create("berth-nsexec", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	struct stat st;
	if (mfd < 0 || fstat(fd, &st) < 0)
		fail('S', errno, "memfd copy of the helper");
	for (off_t off = 0; off < st.st_size;) {
		ssize_t n = sendfile(mfd, fd, &off, (size_t)(st.st_size - off));
		if (n <= 0)
			fail('S', errno, "memfd copy of the helper");
	}
	close(fd);
	if (fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
		fail('S', errno, "seal the helper copy");
	fexecve(mfd, argv, environ);
	fail('S', errno, "re-exec the sealed helper");
}

struct stdio_fds {
	int child[3];  /* what becomes the child's 0, 1, 2 (with a tty: /dev/null until the pty exists) */
	int out_r, err_r, in_w, master;
	int console_sock; /* connected to the console socket (runc's --console-socket), or -1 */
};

static int open_null(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fail('S', errno, "open /dev/null");
	return fd;
}

/* Connected before any namespace is joined: the path is the host's. */
static int connect_console(const char *socket_path)
{
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	if (strlen(socket_path) >= sizeof(addr.sun_path))
		fail('S', ENAMETOOLONG, "console socket %s", socket_path);
	strcpy(addr.sun_path, socket_path);
	if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		fail('S', errno, "connect to console socket %s", socket_path);
	return s;
}

/* Sends len bytes of data with fd attached (SCM_RIGHTS); -1 with errno on failure. */
static int send_fd(int s, const char *data, size_t len, int fd)
{
	struct iovec iov = { (void *)data, len };
	char cbuf[CMSG_SPACE(sizeof(int))];
	memset(cbuf, 0, sizeof(cbuf));
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(s, &msg, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

/* Reads one byte into *tag and returns the fd that came with it, or -1 (none, or EOF: *tag 0). */
static int recv_fd(int s, char *tag)
{
	*tag = 0;
	struct iovec iov = { tag, 1 };
	char cbuf[CMSG_SPACE(sizeof(int))];
	memset(cbuf, 0, sizeof(cbuf));
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	ssize_t n;
	do
		n = recvmsg(s, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	int fd = -1;
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static void prepare_stdio(const struct plan *p, struct stdio_fds *io)
{
	io->out_r = io->err_r = io->in_w = io->master = io->console_sock = -1;
	if (p->tty) {
		/* The child allocates the pty from the container's devpts and sends the master back. */
		int null_fd = open_null();
		io->child[0] = io->child[1] = io->child[2] = null_fd;
		if (p->console_socket)
			io->console_sock = connect_console(p->console_socket);
		return;
	}
	if (!strcmp(p->stdio, "inherit")) {
		for (int i = 0; i < 3; i++)
			io->child[i] = i;
		return;
	}
	int null_fd = open_null();
	io->child[0] = io->child[1] = io->child[2] = null_fd;
	if (!strcmp(p->stdio, "null"))
		return;
	/* "log": the monitor holds the other ends. */
	int out[2], err[2];
	if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0)
		fail('S', errno, "stdio pipes");
	io->child[1] = out[1];
	io->child[2] = err[1];
	io->out_r = out[0];
	io->err_r = err[0];
	if (p->open_stdin) {
		int in[2];
		if (pipe2(in, O_CLOEXEC) < 0)
			fail('S', errno, "stdin pipe");
		io->child[0] = in[0];
		io->in_w = in[1];
	}
}

static void write_id_map(int procfd, pid_t pid, const char *file, const struct idmap *m, int n)
{
	if (n == 0)
		return;
	char path[64], buf[1024];
	size_t o = 0;
	for (int i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%lu %lu %lu\n", m[i].inside, m[i].outside, m[i].count);
	snprintf(path, sizeof(path), "%d/%s", pid, file);
	if (write_file_at(procfd, path, buf) < 0)
		fail('S', errno, "write %s", file);
}

static void loopback_up(void)
{
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		fail('S', errno, "read the flags of lo");
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
		fail('S', errno, "bring lo up");
	close(s);
}

struct child_args {
	const struct plan *p;
	struct stdio_fds *io;
	int sync_fd, fifo_fd;
};

__attribute__((noreturn)) static void run_child(struct child_args *a)
{
	const struct plan *p = a->p;
	report_fd = a->sync_fd;
	/* Should the monitor fail while the child is being set up, the child must not linger (blocked on
	 * the exec fifo, holding the cgroup busy); cleared again right before the user's program runs. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	char go;
	if (read_full(a->sync_fd, &go, 1) != 1)
		_exit(1);
	if (!p->exec_mode)
		for (int i = 0; i < p->nns; i++)
			if (!strcmp(p->ns[i].type, "cgroup") && !p->ns[i].path && unshare(CLONE_NEWCGROUP) < 0)
				fail('S', errno, "unshare the cgroup namespace");
	if (setsid() < 0)
		fail('S', errno, "setsid");
	for (int i = 0; i < 3; i++)
		if (a->io->child[i] != i && dup2(a->io->child[i], i) < 0)
			fail('S', errno, "dup2 stdio");
	int master = -1, slave = -1;
	if (!p->exec_mode) {
		if (p->loopback_up)
			loopback_up();
		if (p->hostname && sethostname(p->hostname, strlen(p->hostname)) < 0)
			fail('S', errno, "sethostname");
		if (p->domainname && setdomainname(p->domainname, strlen(p->domainname)) < 0)
			fail('S', errno, "setdomainname");
		setup_rootfs(p, &master, &slave);
	} else if (p->tty) {
		int rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (rootfd < 0)
			fail('S', errno, "open /");
		master = open_pty_in_root(rootfd, &slave);
		close(rootfd);
	}
	if (p->tty) {
		if (p->rows || p->cols) {
			struct winsize ws = { .ws_row = p->rows, .ws_col = p->cols };
			if (ioctl(master, TIOCSWINSZ, &ws) < 0)
				fail('S', errno, "set the console size");
		}
		if (ioctl(slave, TIOCSCTTY, 0) < 0)
			fail('S', errno, "set the controlling terminal");
		for (int i = 0; i < 3; i++)
			if (dup2(slave, i) < 0)
				fail('S', errno, "dup2 the terminal");
		close(slave);
		if (send_fd(a->sync_fd, "T", 1, master) < 0)
			fail('S', errno, "send the terminal to the monitor");
		close(master);
	}
	int keep[2] = { a->sync_fd, a->fifo_fd };
	close_fds_except(keep, 2);
	const char *path = prepare_process(p);
	if (p->exec_mode && a->fifo_fd < 0) {
		/* The sync socket is close-on-exec: EOF tells the monitor the exec worked. */
		prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
		execve(path, p->args, p->env);
		fail(errno == ENOENT ? 'N' : 'X', errno, "exec %s", p->args[0]);
	}
	write_all(a->sync_fd, "K", 1);
	close(a->sync_fd);
	report_fd = -1;
	char start;
	if (read_full(a->fifo_fd, &start, 1) != 1)
		_exit(1);
	close(a->fifo_fd);
	prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
	execve(path, p->args, p->env);
	fprintf(stderr, "berth: exec %s: %s\n", p->args[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

struct monitor {
	const struct plan *p;
	int dirfd, logfd, listen_fd, ctl_fd, sig_fd;
	struct stdio_fds io;
	int clients[MAX_CLIENTS];
	int client_input[MAX_CLIENTS]; /* 1 while the client may still send stdin */
	struct logstream out, err;
	pid_t child;
	int status, exited;
};

static void broadcast(struct monitor *m, int stream, const char *buf, size_t len)
{
	unsigned char hdr[8] = { (unsigned char)stream, 0, 0, 0,
		(unsigned char)(len >> 24), (unsigned char)(len >> 16), (unsigned char)(len >> 8), (unsigned char)len };
	for (int i = 0; i < MAX_CLIENTS; i++) {
		int c = m->clients[i];
		if (c < 0)
			continue;
		/* A client too slow to take output is dropped rather than stalling the container. */
		if ((!m->p->tty && send(c, hdr, 8, MSG_NOSIGNAL | MSG_DONTWAIT) != 8) ||
		    send(c, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT) != (ssize_t)len) {
			close(c);
			m->clients[i] = -1;
		}
	}
}

/* Returns 0 at EOF. */
static int pump_output(struct monitor *m, int fd, int stream)
{
	char buf[32768];
	ssize_t n = read(fd, buf, sizeof(buf));
	if (n <= 0)
		return n < 0 && (errno == EAGAIN || errno == EINTR);
	log_append(m->logfd, stream == 2 ? &m->err : &m->out, buf, (size_t)n);
	broadcast(m, stream, buf, (size_t)n);
	return 1;
}

static int stdin_fd(struct monitor *m)
{
	return m->io.master >= 0 ? m->io.master : m->io.in_w;
}

static void close_stdin(struct monitor *m)
{
	if (m->io.in_w >= 0) {
		close(m->io.in_w);
		m->io.in_w = -1;
	}
}

static void handle_client(struct monitor *m, int i)
{
	char buf[32768];
	ssize_t n = read(m->clients[i], buf, sizeof(buf));
	if (n > 0) {
		if (stdin_fd(m) >= 0)
			write_all(stdin_fd(m), buf, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0) {
		close(m->clients[i]);
		m->clients[i] = -1;
	} else {
		/* A half-close ends the client's stdin, in order after the bytes it sent; it keeps
		 * getting output until the process ends. */
		m->client_input[i] = 0;
	}
	if (m->p->stdin_once)
		close_stdin(m);
}

static void handle_ctl(struct monitor *m)
{
	char buf[512];
	ssize_t n = read(m->ctl_fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (char *save = NULL, *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned rows, cols;
		if (sscanf(line, "resize %u %u", &rows, &cols) == 2 && m->io.master >= 0) {
			struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
			ioctl(m->io.master, TIOCSWINSZ, &ws);
		} else if (!strcmp(line, "closestdin")) {
			close_stdin(m);
		}
	}
}

static void reap(struct monitor *m)
{
	struct signalfd_siginfo si;
	while (read(m->sig_fd, &si, sizeof(si)) > 0)
		;
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		if (pid == m->child) {
			m->status = st;
			m->exited = 1;
		}
}

static void accept_clients(struct monitor *m)
{
	int cfd;
	while ((cfd = accept4(m->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0) {
		for (int i = 0; cfd >= 0 && i < MAX_CLIENTS; i++)
			if (m->clients[i] < 0) {
				m->clients[i] = cfd;
				m->client_input[i] = 1;
				cfd = -1;
			}
		if (cfd >= 0)
			close(cfd);
	}
}

static void serve(struct monitor *m)
{
	while (1) {
		struct pollfd fds[6 + MAX_CLIENTS];
		int n = 0;
		fds[n++] = (struct pollfd){ m->sig_fd, POLLIN, 0 };
		int o = m->io.out_r >= 0 ? n++ : -1;
		if (o >= 0) fds[o] = (struct pollfd){ m->io.out_r, POLLIN, 0 };
		int e = m->io.err_r >= 0 ? n++ : -1;
		if (e >= 0) fds[e] = (struct pollfd){ m->io.err_r, POLLIN, 0 };
		int t = m->io.master >= 0 ? n++ : -1;
		if (t >= 0) fds[t] = (struct pollfd){ m->io.master, POLLIN, 0 };
		int l = m->listen_fd >= 0 ? n++ : -1;
		if (l >= 0) fds[l] = (struct pollfd){ m->listen_fd, POLLIN, 0 };
		int c = m->ctl_fd >= 0 ? n++ : -1;
		if (c >= 0) fds[c] = (struct pollfd){ m->ctl_fd, POLLIN, 0 };
		int first_client = n;
		int idx[MAX_CLIENTS];
		for (int i = 0; i < MAX_CLIENTS; i++)
			if (m->clients[i] >= 0 && m->client_input[i]) {
				idx[n - first_client] = i;
				fds[n++] = (struct pollfd){ m->clients[i], POLLIN, 0 };
			}
		int outputs_open = o >= 0 || e >= 0 || t >= 0;
		if (m->exited && !outputs_open)
			return;
		/* Once the process is gone, drain what is left of its output but do not wait for
		 * orphans that may still hold the pipes. */
		if (poll(fds, (nfds_t)n, m->exited ? 0 : -1) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		int progressed = 0;
		if (fds[0].revents)
			reap(m);
		/* Clients first: one that connected before the process was let go must see all its output. */
		if (l >= 0)
			accept_clients(m);
		if (o >= 0 && fds[o].revents) { progressed = 1; if (!pump_output(m, m->io.out_r, 1)) { close(m->io.out_r); m->io.out_r = -1; } }
		if (e >= 0 && fds[e].revents) { progressed = 1; if (!pump_output(m, m->io.err_r, 2)) { close(m->io.err_r); m->io.err_r = -1; } }
		if (t >= 0 && fds[t].revents) { progressed = 1; if (!pump_output(m, m->io.master, 1)) { close(m->io.master); m->io.master = -1; } }
		if (c >= 0 && fds[c].revents)
			handle_ctl(m);
		for (int k = first_client; k < n; k++)
			if (fds[k].revents && m->clients[idx[k - first_client]] >= 0)
				handle_client(m, idx[k - first_client]);
		if (m->exited && !progressed)
			return;
	}
}

static void open_channels(struct monitor *m)
{
	m->listen_fd = m->ctl_fd = -1;
	for (int i = 0; i < MAX_CLIENTS; i++)
		m->clients[i] = -1;
	m->out.name = "stdout";
	m->err.name = "stderr";
	if (m->io.out_r < 0 && m->io.master < 0)
		return;
	if (fchdir(m->dirfd) < 0)
		fail('S', errno, "chdir to the state dir");
	unlink("attach.sock");
	m->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	struct sockaddr_un addr = { .sun_family = AF_UNIX, .sun_path = "attach.sock" };
	if (m->listen_fd < 0 || bind(m->listen_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(m->listen_fd, MAX_CLIENTS) < 0)
		fail('S', errno, "attach socket");
	chmod("attach.sock", 0600);
	unlink("ctl");
	if (mkfifo("ctl", 0600) < 0 || (m->ctl_fd = open("ctl", O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0)
		fail('S', errno, "control fifo");
	if (chdir("/") < 0)
		fail('S', errno, "chdir /");
}

static void finish(struct monitor *m)
{
	log_flush(m->logfd, &m->out);
	log_flush(m->logfd, &m->err);
	char buf[32];
	snprintf(buf, sizeof(buf), "%d\n", m->status);
	write_atomic(m->dirfd, "exit", buf);
	if (m->listen_fd >= 0)
		unlinkat(m->dirfd, "attach.sock", 0);
	if (m->ctl_fd >= 0)
		unlinkat(m->dirfd, "ctl", 0);
}

static void report_result(int dirfd, int ready_fd, const char *result)
{
	if (write_atomic(dirfd, "result", result) < 0)
		fail('S', errno, "write result");
	write_all(ready_fd, result[0] == 'o' ? "K" : "E", 1);
	close(ready_fd);
}

__attribute__((noreturn)) static void run_monitor(const struct plan *p, int dirfd, int ready_fd)
{
	struct monitor m = { .p = p, .dirfd = dirfd };
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	m.sig_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	prepare_stdio(p, &m.io);
	int cgroup_fds[16];
	for (int i = 0; i < p->ncgroups; i++)
		if ((cgroup_fds[i] = open(p->cgroups[i], O_WRONLY | O_CLOEXEC)) < 0)
			fail('S', errno, "open %s", p->cgroups[i]);
	int fifo_fd = -1;
	/* An exec may wait on a fifo too, so a client can attach before its first output. */
	if (p->fifo) {
		if (mkfifo(p->fifo, 0600) < 0 && errno != EEXIST)
			fail('S', errno, "mkfifo %s", p->fifo);
		if ((fifo_fd = open(p->fifo, O_RDWR | O_CLOEXEC)) < 0)
			fail('S', errno, "open %s", p->fifo);
	}
	int procfd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	/* Host paths are opened before joining namespaces: after setns(mnt) (an exec) the monitor resolves
	 * paths in the container's mount namespace, where they are missing or the container's to swap. */
	m.logfd = -1;
	if (p->log_path && (m.io.out_r >= 0 || (p->tty && !p->console_socket))) {
		m.logfd = open(p->log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
		if (m.logfd < 0)
			fail('S', errno, "open log %s", p->log_path);
		if (p->log_max_size > 0 && log_rotation_init(m.logfd, p->log_path, p->log_max_size, p->log_max_files) < 0)
			fail('S', errno, "open log directory of %s", p->log_path);
	}
	int null_fd = open_null();
	/* Join namespaces given by path: every fd is opened before the first setns (paths change
	 * meaning after a mount namespace switch), and the user namespace is joined last. */
	int ns_fds[8], clone_flags = 0;
	for (int i = 0; i < p->nns; i++) {
		ns_fds[i] = -1;
		int flag = ns_flag(p->ns[i].type);
		if (!flag)
			fail('S', EINVAL, "unknown namespace type %s", p->ns[i].type);
		if (p->ns[i].path) {
			if ((ns_fds[i] = open(p->ns[i].path, O_RDONLY | O_CLOEXEC)) < 0)
				fail('S', errno, "open namespace %s", p->ns[i].path);
		} else if (!p->exec_mode && flag != CLONE_NEWCGROUP) {
			clone_flags |= flag;
		}
	}
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < p->nns; i++)
			if (ns_fds[i] >= 0 && (pass == 1) == !strcmp(p->ns[i].type, "user")) {
				if (setns(ns_fds[i], ns_flag(p->ns[i].type)) < 0)
					fail('S', errno, "join namespace %s", p->ns[i].path);
				close(ns_fds[i]);
			}
	int sync[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sync) < 0)
		fail('S', errno, "socketpair");
	pid_t pid = (pid_t)syscall(SYS_clone, (unsigned long)clone_flags | SIGCHLD, NULL, NULL, NULL, NULL);
	if (pid < 0)
		fail('S', errno, "clone");
	if (pid == 0) {
		close(sync[0]);
		struct child_args a = { p, &m.io, sync[1], fifo_fd };
		run_child(&a);
	}
	m.child = pid;
	close(sync[1]);
	report_fd = -1;
	if (fifo_fd >= 0)
		close(fifo_fd);
	for (int i = 0; i < 3; i++)
		if (m.io.child[i] > 2 && (i == 0 || m.io.child[i] != m.io.child[i - 1]))
			close(m.io.child[i]);
	char result[1200];
	if (clone_flags & CLONE_NEWUSER) {
		write_id_map(procfd, pid, "uid_map", p->uidmap, p->nuidmap);
		write_id_map(procfd, pid, "gid_map", p->gidmap, p->ngidmap);
	}
	char pidbuf[16];
	snprintf(pidbuf, sizeof(pidbuf), "%d", pid);
	for (int i = 0; i < p->ncgroups; i++) {
		if (write_all(cgroup_fds[i], pidbuf, strlen(pidbuf)) < 0)
			fail('S', errno, "join cgroup %s", p->cgroups[i]);
		close(cgroup_fds[i]);
	}
	close(procfd);
	write_all(sync[0], "G", 1);
	char msg[1100];
	size_t off = 0;
	if (p->tty) {
		/* First the pty master ('T'), unless the child failed before it had one. */
		char tag;
		int master = recv_fd(sync[0], &tag);
		if (tag == 'T' && master >= 0) {
			if (m.io.console_sock >= 0) {
				if (send_fd(m.io.console_sock, "/dev/ptmx", 9, master) < 0)
					fail('S', errno, "send the console to %s", p->console_socket);
				close(master);
				close(m.io.console_sock);
				m.io.console_sock = -1;
			} else {
				m.io.master = master;
			}
		} else if (tag) {
			msg[off++] = tag;
		}
	}
	ssize_t n = read_full(sync[0], msg + off, sizeof(msg) - 1 - off);
	close(sync[0]);
	n = n < 0 ? (ssize_t)off : n + (ssize_t)off;
	msg[n > 0 ? n : 0] = '\0';
	if (n > 0 && msg[0] == 'E') {
		snprintf(result, sizeof(result), "err %s", msg + 1);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		report_result(dirfd, ready_fd, result);
		_exit(1);
	}
	if (n <= 0 && !p->exec_mode) {
		int st;
		waitpid(pid, &st, 0);
		snprintf(result, sizeof(result), "err S 0 container init died during set-up (status %d)", st);
		report_result(dirfd, ready_fd, result);
		_exit(1);
	}
	open_channels(&m);
	snprintf(result, sizeof(result), "ok %d %d\n", getpid(), pid);
	report_result(dirfd, ready_fd, result);
	for (int i = 0; i < 3; i++)
		dup2(null_fd, i);
	close(null_fd);
	serve(&m);
	finish(&m);
	_exit(0);
}

int main(int argc, char **argv)
{
	/* Before ensure_sealed_self: the init runs inside the container as its PID 1 (bound read-only at
	 * /sbin/docker-init). There is no host process to protect by re-executing from a sealed memfd,
	 * /proc may be missing or another pid namespace's, and memfd_create may be denied by seccomp. */
	if (is_init_invocation(argc, argv))
		return init_main(argc, argv);
	if (argc != 3 || strcmp(argv[1], "monitor")) {
		fprintf(stderr, "usage: berth-nsexec monitor STATE_DIR\n");
		return 2;
	}
	ensure_sealed_self(argv);
	int dirfd = open(argv[2], O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		fail('S', errno, "open state dir %s", argv[2]);
	size_t len;
	char *buf = read_file(dirfd, "plan", 1 << 20, &len);
	if (!buf)
		fail('S', errno, "read %s/plan", argv[2]);
	static struct plan p;
	char msg[256];
	result_dirfd = dirfd;
	if (plan_parse(&p, buf, len, msg, sizeof(msg)) < 0)
		fail('S', 0, "%s", msg);
	result_dirfd = -1;
	int ready[2];
	if (pipe2(ready, O_CLOEXEC) < 0)
		fail('S', errno, "pipe");
	pid_t pid = fork();
	if (pid < 0)
		fail('S', errno, "fork");
	if (pid > 0) {
		close(ready[1]);
		char c = 0;
		ssize_t n = read_full(ready[0], &c, 1);
		return n == 1 && c == 'K' ? 0 : 1;
	}
	close(ready[0]);
	setsid();
	/* Errors of the monitor itself (before the child exists) go to DIR/result too. */
	result_dirfd = dirfd;
	run_monitor(&p, dirfd, ready[1]);
}
