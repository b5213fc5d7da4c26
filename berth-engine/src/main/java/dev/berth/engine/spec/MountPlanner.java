package dev.berth.engine.spec;

import dev.berth.engine.model.HostConfig;
import dev.berth.engine.model.Mount;
import dev.berth.oci.runtime.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The spec's mounts, as dockerd's WithMounts lays them out: Docker's default mounts (minus those
 * a user mount replaces, minus everything under /dev when the user mounts /dev, minus /dev/shm for
 * --ipc none, with /dev/shm sized by ShmSize), then the user's mounts (Binds, HostConfig.Mounts,
 * Tmpfs, the engine's extra mounts) shallowest destination first. --read-only makes the default
 * mounts read-only except /proc, /dev, /dev/pts, /dev/shm and /dev/mqueue; --privileged makes
 * /sys and the cgroup mount writable. Named and anonymous volumes are not supported yet.
 */
final class MountPlanner {
    /** Where a bind asks for shared or slave propagation, runc needs the root to propagate too. */
    record Plan(List<Spec.Mount> mounts, String rootfsPropagation) {}

    private static final Set<String> KEEP_WRITABLE = Set.of("/proc", "/dev/pts", "/dev/shm", "/dev/mqueue", "/dev");

    private MountPlanner() {}

    /** Checks Binds, Mounts and Tmpfs as dockerd does at create (with the same messages). */
    static void validate(HostConfig hc, Predicate<Path> exists) {
        userMounts(hc, exists, List.of());
    }

    /**
     * @param hc a HostConfig with Docker's defaults applied
     * @param initMount the docker-init bind, or null
     */
    static Plan plan(HostConfig hc, List<Spec.Mount> extraMounts, Predicate<Path> exists, Spec.Mount initMount) {
        List<Spec.Mount> user = userMounts(hc, exists, extraMounts);
        Set<String> userDestinations = new HashSet<>();
        for (Spec.Mount m : user) userDestinations.add(m.destination());
        boolean userDev = userDestinations.contains("/dev");
        boolean readOnlyRoot = HostConfigDefaults.isTrue(hc.readonlyRootfs());
        boolean privileged = HostConfigDefaults.isTrue(hc.privileged());

        List<Spec.Mount> out = new ArrayList<>();
        List<Spec.Mount> defaults = new ArrayList<>(DOCKER_DEFAULTS);
        if (initMount != null) defaults.add(initMount);
        for (Spec.Mount m : defaults) {
            if (userDestinations.contains(m.destination())) continue;
            if (userDev && m.destination().startsWith("/dev/")) continue;
            List<String> options = new ArrayList<>(m.options());
            if (m.destination().equals("/dev/shm")) {
                if ("none".equals(hc.ipcMode())) continue;
                options.add("size=" + HostConfigDefaults.value(hc.shmSize()));
            }
            if (readOnlyRoot && !KEEP_WRITABLE.contains(m.destination()) && !options.contains("ro")) options.add("ro");
            // After --read-only, as in dockerd: privileged clears it again on /sys and the cgroup mount.
            if (privileged && (m.destination().equals("/sys") || m.type().equals("cgroup"))) options.removeIf("ro"::equals);
            out.add(new Spec.Mount(m.destination(), m.type(), m.source(), List.copyOf(options)));
        }
        out.addAll(user);
        return new Plan(List.copyOf(out), rootfsPropagation(user));
    }

    /** Docker's default mounts (oci/defaults.go DefaultLinuxSpec); /dev/shm gets its size later. */
    static final List<Spec.Mount> DOCKER_DEFAULTS = List.of(
            new Spec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
            new Spec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            new Spec.Mount("/dev/pts", "devpts", "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            new Spec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
            new Spec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
            new Spec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            new Spec.Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777")));

    /** The user's mounts in mount order; the engine's extra mounts yield to a user mount on the same path. */
    private static List<Spec.Mount> userMounts(HostConfig hc, Predicate<Path> exists, List<Spec.Mount> extraMounts) {
        Map<String, Spec.Mount> byDest = new LinkedHashMap<>();
        Set<String> bindDestinations = new HashSet<>();
        for (String raw : hc.binds() == null ? List.<String>of() : hc.binds()) {
            BindSpec b = BindSpec.parse(raw);
            if (b.isVolume()) {
                throw Errors.unsupported("named volumes are not supported yet: " + GoText.quote(raw)
                        + (b.source().isEmpty() ? " asks for an anonymous volume" : " names volume " + GoText.quote(b.source())));
            }
            if (!exists.test(Path.of(b.source()))) {
                throw Errors.invalid("invalid mount config for type \"bind\": bind source path does not exist: " + b.source());
            }
            if (!bindDestinations.add(b.destination()) || tmpfsHas(hc, b.destination())) {
                throw Errors.invalid("Duplicate mount point: " + b.destination());
            }
            byDest.put(b.destination(), bind(b.source(), b.destination(), b.readOnly(), b.propagation(), true));
        }
        for (Mount m : hc.mounts() == null ? List.<Mount>of() : hc.mounts()) {
            Spec.Mount spec = fromMountSpec(m, exists);
            if (!bindDestinations.add(spec.destination())) throw Errors.invalid("Duplicate mount point: " + m.target());
            byDest.put(spec.destination(), spec);
        }
        if (hc.tmpfs() != null) {
            for (Map.Entry<String, String> e : hc.tmpfs().entrySet()) {
                String problem = MountPaths.targetProblem(e.getKey());
                if (problem != null) throw Errors.invalid(problem);
                String dest = MountPaths.clean(e.getKey());
                if (byDest.containsKey(dest)) throw Errors.invalid("Duplicate mount point: " + e.getKey());
                byDest.put(dest, new Spec.Mount(dest, "tmpfs", "tmpfs", TmpfsOptions.forData(e.getValue())));
            }
        }
        if (Modes.isHost(hc.ipcMode()) && !byDest.containsKey("/dev/shm")
                && extraMounts.stream().noneMatch(m -> m.destination().equals("/dev/shm"))) {
            // --ipc host shares the host's /dev/shm too (dockerd's IpcMounts).
            byDest.put("/dev/shm", bind("/dev/shm", "/dev/shm", false, BindSpec.DEFAULT_PROPAGATION, true));
        }
        for (Spec.Mount m : extraMounts) byDest.putIfAbsent(MountPaths.clean(m.destination()), m);
        List<Spec.Mount> out = new ArrayList<>(byDest.values());
        out.sort(Comparator.comparingInt(m -> MountPaths.depth(m.destination())));
        return out;
    }

    private static boolean tmpfsHas(HostConfig hc, String dest) {
        return hc.tmpfs() != null && hc.tmpfs().keySet().stream().anyMatch(k -> MountPaths.clean(k).equals(dest));
    }

    /** A HostConfig.Mounts entry, checked with moby's ValidateMountConfig rules and messages. */
    private static Spec.Mount fromMountSpec(Mount m, Predicate<Path> exists) {
        String type = m.type() == null ? "" : m.type();
        String target = m.target() == null ? "" : m.target();
        if (target.isEmpty()) throw mountConfig(type, "field Target must not be empty");
        String problem = MountPaths.targetProblem(target);
        if (problem != null) throw mountConfig(type, problem);
        String dest = MountPaths.clean(target.replace('\\', '/'));
        boolean readOnly = HostConfigDefaults.isTrue(m.readOnly());
        String source = m.source() == null ? "" : m.source();
        switch (type) {
            case Mount.TYPE_BIND -> {
                if (source.isEmpty()) throw mountConfig(type, "field Source must not be empty");
                String propagation = m.bindOptions() == null ? null : m.bindOptions().propagation();
                if (propagation != null && !propagation.isEmpty() && !BindSpec.PROPAGATIONS.contains(propagation)) {
                    throw mountConfig(type, "invalid propagation mode: " + propagation);
                }
                if (m.volumeOptions() != null) throw mountConfig(type, "field VolumeOptions must not be specified");
                if (!source.replace('\\', '/').startsWith("/")) {
                    throw mountConfig(type, "invalid mount path: '" + source.replace('\\', '/') + "' mount path must be absolute");
                }
                if (!exists.test(Path.of(source))) throw mountConfig(type, "bind source path does not exist: " + source);
                boolean recursive = m.bindOptions() == null || !HostConfigDefaults.isTrue(m.bindOptions().nonRecursive());
                return bind(MountPaths.clean(source), dest, readOnly,
                        propagation == null || propagation.isEmpty() ? BindSpec.DEFAULT_PROPAGATION : propagation, recursive);
            }
            case Mount.TYPE_TMPFS -> {
                if (m.bindOptions() != null) throw mountConfig(type, "field BindOptions must not be specified");
                if (!source.isEmpty()) throw mountConfig(type, "field Source must not be specified");
                return new Spec.Mount(dest, "tmpfs", "tmpfs", TmpfsOptions.forData(TmpfsOptions.data(m.tmpfsOptions(), readOnly)));
            }
            case Mount.TYPE_VOLUME -> {
                if (m.bindOptions() != null) throw mountConfig(type, "field BindOptions must not be specified");
                throw Errors.unsupported("named volumes are not supported yet: --mount type=volume"
                        + (source.isEmpty() ? "" : ",source=" + source) + ",target=" + target);
            }
            default -> throw mountConfig(type, "mount type unknown");
        }
    }

    /** A bind as dockerd writes it: rbind (bind if non-recursive), ro if read-only, then the propagation. */
    static Spec.Mount bind(String source, String dest, boolean readOnly, String propagation, boolean recursive) {
        List<String> options = new ArrayList<>();
        options.add(recursive ? "rbind" : "bind");
        if (readOnly) options.add("ro");
        options.add(propagation);
        return new Spec.Mount(dest, "bind", source, List.copyOf(options));
    }

    private static RuntimeException mountConfig(String type, String detail) {
        return Errors.invalid("invalid mount config for type " + GoText.quote(type) + ": " + detail);
    }

    /**
     * dockerd makes the root "shared" when a bind is shared or rshared, else "rslave" when one is
     * slave or rslave (after checking the source's own propagation, which needs mountinfo and is
     * left to the runtime); null keeps the runtime's default.
     */
    private static String rootfsPropagation(List<Spec.Mount> user) {
        boolean slave = false;
        for (Spec.Mount m : user) {
            if (!"bind".equals(m.type())) continue;
            for (String o : m.options()) {
                if (o.equals("shared") || o.equals("rshared")) return "shared";
                if (o.equals("slave") || o.equals("rslave")) slave = true;
            }
        }
        return slave ? "rslave" : null;
    }
}
