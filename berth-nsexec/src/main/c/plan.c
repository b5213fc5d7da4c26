#include "plan.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cursor {
	char *pos, *end;
};

static const char *next(struct cursor *c)
{
	if (c->pos >= c->end)
		return NULL;
	char *s = c->pos;
	char *nul = memchr(s, '\0', (size_t)(c->end - s));
	if (!nul)
		return NULL;
	c->pos = nul + 1;
	return s;
}

#define NEED(v) do { if (!(v = next(&c))) goto truncated; } while (0)
#define ROOM(n, arr) do { if ((n) >= (int)(sizeof(arr) / sizeof((arr)[0])) - 1) goto toomany; } while (0)

static unsigned long long num(const char *s)
{
	return strtoull(s, NULL, 0);
}

int plan_parse(struct plan *p, char *buf, size_t len, char *msg, size_t msglen)
{
	struct cursor c = { buf, buf + len };
	const char *k, *a, *b, *d, *e, *f, *g;
	memset(p, 0, sizeof(*p));
	p->buf = buf;
	p->umask = -1;
	p->stdio = "inherit";
	while ((k = next(&c))) {
		if (!strcmp(k, "mode")) { NEED(a); p->exec_mode = !strcmp(a, "exec"); }
		else if (!strcmp(k, "id")) { NEED(p->id); }
		else if (!strcmp(k, "rootfs")) { NEED(p->rootfs); }
		else if (!strcmp(k, "readonly")) { NEED(a); p->readonly_root = a[0] == '1'; }
		else if (!strcmp(k, "loup")) { NEED(a); p->loopback_up = a[0] == '1'; }
		else if (!strcmp(k, "nopivot")) { NEED(a); p->nopivot = a[0] == '1'; }
		else if (!strcmp(k, "hostname")) { NEED(p->hostname); }
		else if (!strcmp(k, "domainname")) { NEED(p->domainname); }
		else if (!strcmp(k, "rootprop")) { NEED(a); p->root_propagation = num(a); }
		else if (!strcmp(k, "ns")) {
			NEED(a); NEED(b); ROOM(p->nns, p->ns);
			p->ns[p->nns].type = a;
			p->ns[p->nns++].path = b[0] ? b : NULL;
		} else if (!strcmp(k, "uidmap") || !strcmp(k, "gidmap")) {
			NEED(a); NEED(b); NEED(d);
			struct idmap m = { num(a), num(b), num(d) };
			if (k[0] == 'u') { ROOM(p->nuidmap, p->uidmap); p->uidmap[p->nuidmap++] = m; }
			else { ROOM(p->ngidmap, p->gidmap); p->gidmap[p->ngidmap++] = m; }
		} else if (!strcmp(k, "mount")) {
			NEED(a); NEED(b); NEED(d); NEED(e); NEED(f); NEED(g);
			const char *data; NEED(data);
			ROOM(p->nmounts, p->mounts);
			struct pmount *m = &p->mounts[p->nmounts++];
			m->kind = !strcmp(a, "bind") ? MK_BIND : !strcmp(a, "symlink") ? MK_SYMLINK : !strcmp(a, "remount") ? MK_REMOUNT : MK_FS;
			m->source = b; m->dest = d; m->fstype = e;
			m->flags = num(f); m->propagation = num(g) & ~(1UL << 31);
			m->recursive_ro = (num(g) >> 31) & 1;
			m->data = data;
		} else if (!strcmp(k, "device")) {
			NEED(a); NEED(b); NEED(d); NEED(e); NEED(f); NEED(g);
			const char *gid; NEED(gid);
			ROOM(p->ndevices, p->devices);
			struct pdevice *dv = &p->devices[p->ndevices++];
			dv->path = a; dv->type = b[0]; dv->major = num(d); dv->minor = num(e);
			dv->mode = num(f); dv->uid = num(g); dv->gid = num(gid);
		} else if (!strcmp(k, "masked")) { ROOM(p->nmasked, p->masked); NEED(p->masked[p->nmasked]); p->nmasked++; }
		else if (!strcmp(k, "readonlypath")) { ROOM(p->nreadonly, p->readonly); NEED(p->readonly[p->nreadonly]); p->nreadonly++; }
		else if (!strcmp(k, "sysctl")) {
			ROOM(p->nsysctl, p->sysctl_key);
			NEED(p->sysctl_key[p->nsysctl]); NEED(p->sysctl_val[p->nsysctl]); p->nsysctl++;
		} else if (!strcmp(k, "rlimit")) {
			NEED(a); NEED(b); NEED(d); ROOM(p->nrlimits, p->rlimits);
			p->rlimits[p->nrlimits++] = (struct prlimit){ (int)num(a), num(b), num(d) };
		} else if (!strcmp(k, "oom")) { NEED(a); p->has_oom = 1; p->oom_score_adj = atoi(a); }
		else if (!strcmp(k, "uid")) { NEED(a); p->uid = num(a); }
		else if (!strcmp(k, "gid")) { NEED(a); p->gid = num(a); }
		else if (!strcmp(k, "agid")) { NEED(a); ROOM(p->nagids, p->agids); p->agids[p->nagids++] = num(a); }
		else if (!strcmp(k, "umask")) { NEED(a); p->umask = (int)num(a); }
		else if (!strcmp(k, "cap")) {
			NEED(a); NEED(b); uint64_t v = num(b); p->caps_set = 1;
			switch (a[0]) {
			case 'b': p->cap_bounding = v; break;
			case 'e': p->cap_effective = v; break;
			case 'p': p->cap_permitted = v; break;
			case 'i': p->cap_inheritable = v; break;
			case 'a': p->cap_ambient = v; break;
			default: snprintf(msg, msglen, "plan: bad capability set %s", a); return -1;
			}
		} else if (!strcmp(k, "nnp")) { NEED(a); p->no_new_privs = a[0] == '1'; }
		else if (!strcmp(k, "cwd")) { NEED(p->cwd); }
		else if (!strcmp(k, "arg")) { ROOM(p->nargs, p->args); NEED(a); p->args[p->nargs++] = (char *)a; }
		else if (!strcmp(k, "env")) { ROOM(p->nenv, p->env); NEED(a); p->env[p->nenv++] = (char *)a; }
		else if (!strcmp(k, "tty")) { NEED(a); p->tty = a[0] == '1'; }
		else if (!strcmp(k, "console_socket")) { NEED(p->console_socket); }
		else if (!strcmp(k, "console_size")) { NEED(a); NEED(b); p->rows = num(a); p->cols = num(b); }
		else if (!strcmp(k, "stdio")) { NEED(p->stdio); }
		else if (!strcmp(k, "log")) { NEED(p->log_path); }
		else if (!strcmp(k, "log_max_size")) { NEED(a); p->log_max_size = (long long)num(a); }
		else if (!strcmp(k, "log_max_files")) { NEED(a); p->log_max_files = (int)num(a); }
		else if (!strcmp(k, "stdin")) { NEED(a); p->open_stdin = a[0] == '1'; }
		else if (!strcmp(k, "stdin_once")) { NEED(a); p->stdin_once = a[0] == '1'; }
		else if (!strcmp(k, "cgroup")) { ROOM(p->ncgroups, p->cgroups); NEED(p->cgroups[p->ncgroups]); p->ncgroups++; }
		else if (!strcmp(k, "fifo")) { NEED(p->fifo); }
		else if (!strcmp(k, "seccomp")) { NEED(p->seccomp); }
		else { snprintf(msg, msglen, "plan: unknown key %s", k); return -1; }
	}
	if (p->nargs == 0) { snprintf(msg, msglen, "plan: no args"); return -1; }
	p->args[p->nargs] = NULL;
	p->env[p->nenv] = NULL;
	return 0;
truncated:
	snprintf(msg, msglen, "plan: truncated after %s", k);
	return -1;
toomany:
	snprintf(msg, msglen, "plan: too many %s entries", k);
	return -1;
}
