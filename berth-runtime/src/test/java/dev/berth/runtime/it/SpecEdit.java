package dev.berth.runtime.it;

import dev.berth.oci.runtime.Spec;
import dev.berth.oci.runtime.SpecDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Copies of a {@link Spec} with one part changed (the records have no withers). */
public final class SpecEdit {
    private SpecEdit() {}

    /** Docker-like spec (busyboxBundleSpec), terminal off, in the cgroup cgroupsPath. */
    public static Spec busybox(String cgroupsPath, String... args) {
        return cgroupsPath(SpecDefaults.busyboxBundleSpec(List.of(args), false), cgroupsPath);
    }

    /** What `runc spec` writes, with terminal off and these args, in the cgroup cgroupsPath. */
    public static Spec runc(String cgroupsPath, String... args) {
        Spec s = process(SpecDefaults.runcSpec(), p -> terminal(args(p, List.of(args)), false));
        return cgroupsPath(s, cgroupsPath);
    }

    public static Spec process(Spec s, UnaryOperator<Spec.Process> f) {
        return new Spec(s.ociVersion(), f.apply(s.process()), s.root(), s.hostname(), s.domainname(), s.mounts(),
                s.hooks(), s.annotations(), s.linux());
    }

    public static Spec linux(Spec s, UnaryOperator<Spec.Linux> f) {
        return new Spec(s.ociVersion(), s.process(), s.root(), s.hostname(), s.domainname(), s.mounts(), s.hooks(),
                s.annotations(), f.apply(s.linux()));
    }

    public static Spec mounts(Spec s, List<Spec.Mount> mounts) {
        return new Spec(s.ociVersion(), s.process(), s.root(), s.hostname(), s.domainname(), List.copyOf(mounts),
                s.hooks(), s.annotations(), s.linux());
    }

    public static Spec addMount(Spec s, Spec.Mount m) {
        List<Spec.Mount> all = new ArrayList<>(s.mounts());
        all.add(m);
        return mounts(s, all);
    }

    public static Spec root(Spec s, Spec.Root root) {
        return new Spec(s.ociVersion(), s.process(), root, s.hostname(), s.domainname(), s.mounts(), s.hooks(),
                s.annotations(), s.linux());
    }

    public static Spec args(Spec s, String... args) {
        return process(s, p -> args(p, List.of(args)));
    }

    public static Spec cwd(Spec s, String cwd) {
        return process(s, p -> new Spec.Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.env(), cwd,
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel()));
    }

    public static Spec terminal(Spec s, boolean on, Spec.ConsoleSize size) {
        return process(s, p -> new Spec.Process(on, size, p.user(), p.args(), p.env(), p.cwd(), p.capabilities(),
                p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel()));
    }

    public static Spec.Process args(Spec.Process p, List<String> args) {
        return new Spec.Process(p.terminal(), p.consoleSize(), p.user(), List.copyOf(args), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel());
    }

    public static Spec.Process terminal(Spec.Process p, boolean on) {
        return new Spec.Process(on, p.consoleSize(), p.user(), p.args(), p.env(), p.cwd(), p.capabilities(),
                p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel());
    }

    public static Spec.Process user(Spec.Process p, int uid, int gid) {
        return new Spec.Process(p.terminal(), p.consoleSize(), new Spec.User(uid, gid, null, null, null), p.args(),
                p.env(), p.cwd(), p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(),
                p.oomScoreAdj(), p.selinuxLabel());
    }

    public static Spec.Process env(Spec.Process p, List<String> env) {
        return new Spec.Process(p.terminal(), p.consoleSize(), p.user(), p.args(), List.copyOf(env), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel());
    }

    public static Spec.Process cwd(Spec.Process p, String cwd) {
        return new Spec.Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.env(), cwd, p.capabilities(),
                p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel());
    }

    public static Spec cgroupsPath(Spec s, String path) {
        return linux(s, l -> new Spec.Linux(l.uidMappings(), l.gidMappings(), l.sysctl(), l.resources(), path,
                l.namespaces(), l.devices(), l.seccomp(), l.rootfsPropagation(), l.maskedPaths(), l.readonlyPaths(),
                l.mountLabel()));
    }

    public static Spec resources(Spec s, Spec.Resources r) {
        return linux(s, l -> new Spec.Linux(l.uidMappings(), l.gidMappings(), l.sysctl(), r, l.cgroupsPath(),
                l.namespaces(), l.devices(), l.seccomp(), l.rootfsPropagation(), l.maskedPaths(), l.readonlyPaths(),
                l.mountLabel()));
    }

    public static Spec namespaces(Spec s, List<Spec.Namespace> ns) {
        return linux(s, l -> new Spec.Linux(l.uidMappings(), l.gidMappings(), l.sysctl(), l.resources(),
                l.cgroupsPath(), List.copyOf(ns), l.devices(), l.seccomp(), l.rootfsPropagation(), l.maskedPaths(),
                l.readonlyPaths(), l.mountLabel()));
    }

    /** The spec without the namespace of this type. */
    public static Spec withoutNamespace(Spec s, String type) {
        return namespaces(s, s.linux().namespaces().stream().filter(n -> !n.type().equals(type)).toList());
    }

    public static Spec sysctl(Spec s, Map<String, String> sysctl) {
        return linux(s, l -> new Spec.Linux(l.uidMappings(), l.gidMappings(), Map.copyOf(sysctl), l.resources(),
                l.cgroupsPath(), l.namespaces(), l.devices(), l.seccomp(), l.rootfsPropagation(), l.maskedPaths(),
                l.readonlyPaths(), l.mountLabel()));
    }

    public static Spec devices(Spec s, List<Spec.Device> devices) {
        return linux(s, l -> new Spec.Linux(l.uidMappings(), l.gidMappings(), l.sysctl(), l.resources(),
                l.cgroupsPath(), l.namespaces(), List.copyOf(devices), l.seccomp(), l.rootfsPropagation(),
                l.maskedPaths(), l.readonlyPaths(), l.mountLabel()));
    }

    /** Resources with a memory limit, cpu shares and a pids limit (null fields left alone). */
    public static Spec.Resources limits(List<Spec.DeviceRule> devices, Long memory, Long shares, Long pids) {
        return new Spec.Resources(devices,
                memory == null ? null : new Spec.Memory(memory, null, null, null, null, null, null, null, null),
                shares == null ? null : new Spec.Cpu(shares, null, null, null, null, null, null, null),
                pids == null ? null : new Spec.Pids(pids), null, null, null);
    }
}
