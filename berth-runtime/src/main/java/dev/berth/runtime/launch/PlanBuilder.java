package dev.berth.runtime.launch;

import dev.berth.cgroups.CgroupMount;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.CapabilityTable;
import dev.berth.oci.runtime.MountOptions;
import dev.berth.oci.runtime.Namespaces;
import dev.berth.oci.runtime.Rlimits;
import dev.berth.oci.runtime.Spec;
import dev.berth.oci.runtime.SpecDefaults;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an OCI spec into the helper's {@link LaunchPlan}: every decision is made here, in Java,
 * so the C side only carries it out. Pure: no file or kernel access.
 */
public final class PlanBuilder {
    private static final long RRO_BIT = 1L << 31;
    private static final long MS_RDONLY = MountOptions.MS_RDONLY, MS_NOSUID = MountOptions.MS_NOSUID,
            MS_NODEV = MountOptions.MS_NODEV, MS_NOEXEC = MountOptions.MS_NOEXEC;
    private static final List<String[]> DEV_SYMLINKS = List.of(
            new String[] {"/proc/self/fd", "/dev/fd"}, new String[] {"/proc/self/fd/0", "/dev/stdin"},
            new String[] {"/proc/self/fd/1", "/dev/stdout"}, new String[] {"/proc/self/fd/2", "/dev/stderr"},
            new String[] {"pts/ptmx", "/dev/ptmx"});

    /** Annotation asking for lo to be up in a new network namespace, as Docker has it (runc leaves it down). */
    public static final String LOOPBACK_ANNOTATION = "dev.berth.loopback";

    private PlanBuilder() {}

    /** What the plan needs beyond the spec: where things are on this host. */
    public record Context(Path bundle, List<Path> cgroupProcs, List<CgroupMount> cgroupView, Path execFifo, IoOptions io) {}

    /** The plan of a container's init. */
    public static LaunchPlan init(Spec spec, Context ctx) {
        LaunchPlan plan = new LaunchPlan().add("mode", "init");
        Spec.Linux linux = spec.linux();
        Path rootfs = ctx.bundle().resolve(spec.root().path()).toAbsolutePath().normalize();
        plan.add("rootfs", rootfs);
        plan.add("readonly", Boolean.TRUE.equals(spec.root().readonly()) ? "1" : "0");
        plan.add("rootprop", MountOptions.propagation(linux == null ? null : linux.rootfsPropagation()));
        if (linux != null) {
            if (linux.namespaces() != null)
                for (Spec.Namespace ns : linux.namespaces()) {
                    Namespaces.cloneFlag(ns.type());
                    plan.add("ns", Namespaces.procName(ns.type()), ns.path() == null ? "" : ns.path());
                }
            idMaps(plan, "uidmap", linux.uidMappings());
            idMaps(plan, "gidmap", linux.gidMappings());
        }
        boolean newNetns = linux != null && linux.namespaces() != null && linux.namespaces().stream()
                .anyMatch(n -> n.type().equals("network") && (n.path() == null || n.path().isEmpty()));
        if (newNetns && spec.annotations() != null && "up".equals(spec.annotations().get(LOOPBACK_ANNOTATION))) plan.add("loup", "1");
        if (spec.hostname() != null && !spec.hostname().isEmpty()) plan.add("hostname", spec.hostname());
        if (spec.domainname() != null && !spec.domainname().isEmpty()) plan.add("domainname", spec.domainname());
        boolean devMounted = false;
        boolean privateCgroupNs = linux != null && linux.namespaces() != null && linux.namespaces().stream()
                .anyMatch(n -> n.type().equals("cgroup") && (n.path() == null || n.path().isEmpty()));
        for (Spec.Mount m : spec.mounts() == null ? List.<Spec.Mount>of() : spec.mounts()) {
            if ("/dev".equals(m.destination()) && !isBind(m)) devMounted = true;
            if ("cgroup".equals(m.type())) {
                cgroupMounts(plan, m, ctx.cgroupView());
            } else {
                mount(plan, m, ctx.bundle());
            }
        }
        if (devMounted) {
            Map<String, Spec.Device> devices = new LinkedHashMap<>();
            for (Spec.Device d : SpecDefaults.defaultDevices()) devices.put(d.path(), d);
            if (linux != null && linux.devices() != null) for (Spec.Device d : linux.devices()) devices.put(d.path(), d);
            for (Spec.Device d : devices.values()) {
                plan.add("device", d.path(), d.type(), d.major(), d.minor(),
                        d.fileMode() == null ? 0666 : d.fileMode(), d.uid() == null ? 0 : d.uid(), d.gid() == null ? 0 : d.gid());
            }
            for (String[] link : DEV_SYMLINKS) plan.add("mount", "symlink", link[0], link[1], "", 0, 0, "");
        }
        if (linux != null) {
            if (linux.sysctl() != null) linux.sysctl().forEach((k, v) -> plan.add("sysctl", k, v));
            if (linux.maskedPaths() != null) linux.maskedPaths().forEach(p -> plan.add("masked", p));
            if (linux.readonlyPaths() != null) linux.readonlyPaths().forEach(p -> plan.add("readonlypath", p));
            if (linux.seccomp() != null) plan.add("seccomp", "profile");
        }
        for (Path procs : ctx.cgroupProcs()) plan.add("cgroup", procs);
        if (ctx.execFifo() != null) plan.add("fifo", ctx.execFifo());
        process(plan, spec.process(), ctx.io());
        return plan;
    }

    /**
     * The plan of a process joining a running container: its namespaces (by /proc/PID/ns paths),
     * its cgroup, and its own process settings.
     */
    public static LaunchPlan exec(Spec containerSpec, int initPid, Spec.Process process, List<Path> cgroupProcs, IoOptions io) {
        return exec(containerSpec, initPid, process, cgroupProcs, io, null);
    }

    /** With a gate fifo, the process waits (set up, checked) until the fifo is written: attach first, then run. */
    public static LaunchPlan exec(Spec containerSpec, int initPid, Spec.Process process, List<Path> cgroupProcs, IoOptions io, Path gate) {
        LaunchPlan plan = new LaunchPlan().add("mode", "exec");
        if (gate != null) plan.add("fifo", gate);
        Spec.Linux linux = containerSpec.linux();
        if (linux != null && linux.namespaces() != null) {
            for (Spec.Namespace ns : linux.namespaces()) {
                String name = Namespaces.procName(ns.type());
                plan.add("ns", name, "/proc/" + initPid + "/ns/" + name);
            }
        }
        for (Path procs : cgroupProcs) plan.add("cgroup", procs);
        process(plan, process, io);
        return plan;
    }

    private static void process(LaunchPlan plan, Spec.Process p, IoOptions io) {
        if (p == null || p.args() == null || p.args().isEmpty()) throw BerthException.invalid("args must not be empty");
        Spec.User user = p.user() == null ? new Spec.User(0, 0, null, null, null) : p.user();
        plan.add("uid", user.uid()).add("gid", user.gid());
        if (user.additionalGids() != null) user.additionalGids().forEach(g -> plan.add("agid", g));
        if (user.umask() != null) plan.add("umask", user.umask());
        Spec.Capabilities caps = p.capabilities();
        if (caps != null) {
            plan.add("cap", "b", hex(CapabilityTable.mask(caps.bounding())));
            plan.add("cap", "e", hex(CapabilityTable.mask(caps.effective())));
            plan.add("cap", "p", hex(CapabilityTable.mask(caps.permitted())));
            plan.add("cap", "i", hex(CapabilityTable.mask(caps.inheritable())));
            plan.add("cap", "a", hex(CapabilityTable.mask(caps.ambient())));
        }
        if (p.rlimits() != null)
            for (Spec.Rlimit r : p.rlimits()) plan.add("rlimit", Rlimits.number(r.type()), Long.toUnsignedString(r.soft()), Long.toUnsignedString(r.hard()));
        if (p.oomScoreAdj() != null) plan.add("oom", p.oomScoreAdj());
        plan.add("nnp", Boolean.TRUE.equals(p.noNewPrivileges()) ? "1" : "0");
        plan.add("cwd", p.cwd() == null || p.cwd().isEmpty() ? "/" : p.cwd());
        if (p.env() != null) p.env().forEach(e -> plan.add("env", e));
        p.args().forEach(a -> plan.add("arg", a));
        boolean tty = Boolean.TRUE.equals(p.terminal());
        plan.add("tty", tty ? "1" : "0");
        if (tty && p.consoleSize() != null) plan.add("console_size", p.consoleSize().height(), p.consoleSize().width());
        if (tty && io.consoleSocket() != null) plan.add("console_socket", io.consoleSocket());
        plan.add("stdio", io.stdio().planValue());
        if (io.logPath() != null) plan.add("log", io.logPath());
        if (io.logPath() != null && io.logMaxSize() > 0) {
            plan.add("log_max_size", Long.toString(io.logMaxSize()));
            plan.add("log_max_files", Integer.toString(io.logMaxFiles()));
        }
        if (io.openStdin()) plan.add("stdin", "1");
        if (io.stdinOnce()) plan.add("stdin_once", "1");
    }

    private static boolean isBind(Spec.Mount m) {
        return "bind".equals(m.type()) || (m.options() != null && (m.options().contains("bind") || m.options().contains("rbind")));
    }

    private static void mount(LaunchPlan plan, Spec.Mount m, Path bundle) {
        if (m.destination() == null || !m.destination().startsWith("/"))
            throw BerthException.invalid("mount destination %s is not absolute", m.destination());
        MountOptions.Parsed o = MountOptions.parse(m.options());
        long prop = o.propagation() | (o.recursiveReadonly() ? RRO_BIT : 0);
        if (isBind(m)) {
            String source = m.source() == null ? "" : bundle.resolve(m.source()).toString();
            long flags = o.flags() | MountOptions.MS_BIND | (o.recursiveBind() ? MountOptions.MS_REC : 0);
            plan.add("mount", "bind", source, m.destination(), "", flags, prop, "");
        } else {
            plan.add("mount", "fs", m.source() == null ? m.type() : m.source(), m.destination(), m.type(), o.flags(), prop, o.data());
        }
    }

    private static void cgroupMounts(LaunchPlan plan, Spec.Mount m, List<CgroupMount> view) {
        long flags = MountOptions.parse(m.options()).flags();
        long common = flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC);
        boolean ro = (flags & MS_RDONLY) != 0;
        String remountTmpfs = null;
        for (CgroupMount c : view) {
            long f = common | (ro || c.readonly() ? MS_RDONLY : 0);
            switch (c.kind()) {
                case CgroupMount.TMPFS -> {
                    plan.add("mount", "fs", "tmpfs", c.destination(), "tmpfs", common, 0, "mode=755");
                    if (ro || c.readonly()) remountTmpfs = c.destination();
                }
                case CgroupMount.BIND -> plan.add("mount", "bind", c.source(), c.destination(), "", f | MountOptions.MS_BIND | MountOptions.MS_REC, 0, "");
                case CgroupMount.CGROUP2 -> plan.add("mount", "fs", "cgroup", c.destination(), "cgroup2", f, 0, "");
                case CgroupMount.SYMLINK -> plan.add("mount", "symlink", c.source(), c.destination(), "", 0, 0, "");
                default -> throw new AssertionError(c.kind());
            }
        }
        if (remountTmpfs != null) plan.add("mount", "remount", "", remountTmpfs, "", common | MS_RDONLY, 0, "");
    }

    private static void idMaps(LaunchPlan plan, String key, List<Spec.IdMapping> maps) {
        if (maps != null) for (Spec.IdMapping m : maps) plan.add(key, m.containerID(), m.hostID(), m.size());
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
