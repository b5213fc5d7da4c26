package dev.berth.oci.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ready-made specs and the defaults they are built from: what {@code runc spec} writes, and what
 * Docker puts in every container's spec (moby daemon/pkg/oci/defaults.go).
 */
public final class SpecDefaults {
    /** The spec version runc 1.1 writes. */
    public static final String OCI_VERSION = "1.0.2-dev";

    public static final String DEFAULT_PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * Docker's masked paths. /proc/interrupts is masked since moby commit a3fef5d (January 2025,
     * GHSA-6fw5-f8r9-fgfm); Docker also masks each CPU's thermal_throttle directory, see
     * {@link #dockerMaskedPaths(Path)}.
     */
    public static final List<String> DOCKER_MASKED_PATHS = List.of(
            "/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi", "/proc/timer_list",
            "/proc/timer_stats", "/sys/devices/virtual/powercap", "/sys/firmware");

    public static final List<String> DOCKER_READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private static final Pattern CPU_DIR = Pattern.compile("cpu(\\d+)");

    private SpecDefaults() {}

    /** What {@code runc spec} (runc 1.1) writes into config.json. */
    public static Spec runcSpec() {
        List<String> caps = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        Spec.Process process = new Spec.Process(
                true, null, new Spec.User(0, 0, null, null, null), List.of("sh"),
                List.of(DEFAULT_PATH_ENV, "TERM=xterm"), "/",
                new Spec.Capabilities(caps, caps, null, caps, caps),
                List.of(new Spec.Rlimit("RLIMIT_NOFILE", 1024, 1024)), true, null, null, null);
        List<Spec.Mount> mounts = List.of(
                new Spec.Mount("/proc", "proc", "proc", null),
                new Spec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Spec.Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Spec.Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new Spec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Spec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new Spec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro")));
        Spec.Resources resources = new Spec.Resources(
                List.of(new Spec.DeviceRule(false, null, null, null, "rwm")), null, null, null, null, null, null);
        Spec.Linux linux = new Spec.Linux(null, null, null, resources, null,
                namespaces("pid", "network", "ipc", "uts", "mount"), null, null, null,
                List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"),
                List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                null);
        return new Spec(OCI_VERSION, process, new Spec.Root("rootfs", true), "runc", null, mounts, null, null, linux);
    }

    /**
     * Docker's masked paths on this host: {@link #DOCKER_MASKED_PATHS} plus
     * /sys/devices/system/cpu/cpuN/thermal_throttle for each CPU that has one under sysfs
     * (normally Path.of("/sys")).
     */
    public static List<String> dockerMaskedPaths(Path sysfs) {
        List<String> out = new ArrayList<>(DOCKER_MASKED_PATHS);
        Path cpus = sysfs.resolve("devices/system/cpu");
        if (!Files.isDirectory(cpus)) return List.copyOf(out);
        try (Stream<Path> entries = Files.list(cpus)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> CPU_DIR.matcher(n).matches())
                    .filter(n -> Files.isDirectory(cpus.resolve(n).resolve("thermal_throttle")))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a.substring(3)), Integer.parseInt(b.substring(3))))
                    .forEach(n -> out.add("/sys/devices/system/cpu/" + n + "/thermal_throttle"));
        } catch (IOException e) {
            // An unreadable sysfs has nothing more to mask.
        }
        return List.copyOf(out);
    }

    /** The mounts Docker gives every container (/dev/shm with Docker's default 64 MiB). */
    public static List<Spec.Mount> dockerDefaultMounts() {
        return List.of(
                new Spec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new Spec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Spec.Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Spec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new Spec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
                new Spec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Spec.Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
    }

    /** The device nodes runc always creates in the container's /dev: character devices, mode 0666, owned by root. */
    public static List<Spec.Device> defaultDevices() {
        return List.of(
                charDevice("/dev/null", 1, 3), charDevice("/dev/zero", 1, 5), charDevice("/dev/full", 1, 7),
                charDevice("/dev/random", 1, 8), charDevice("/dev/urandom", 1, 9), charDevice("/dev/tty", 5, 0));
    }

    /** {@link #busyboxBundleSpec(List, boolean, String)} with hostname "berth". */
    public static Spec busyboxBundleSpec(List<String> args, boolean terminal) {
        return busyboxBundleSpec(args, terminal, "berth");
    }

    /**
     * A Docker-like spec for tests running a bundle whose rootfs is in "rootfs": Docker's default
     * capabilities (bounding, effective, permitted), masked and read-only paths, and mounts; new
     * pid, network, ipc, uts and mount namespaces; RLIMIT_NOFILE 1024/1024; no cgroupsPath.
     * TERM=xterm is added to the environment when terminal is set, as Docker does.
     */
    public static Spec busyboxBundleSpec(List<String> args, boolean terminal, String hostname) {
        List<String> caps = CapabilityTable.DOCKER_DEFAULT;
        List<String> env = terminal ? List.of(DEFAULT_PATH_ENV, "TERM=xterm") : List.of(DEFAULT_PATH_ENV);
        Spec.Process process = new Spec.Process(
                terminal, null, new Spec.User(0, 0, null, null, null), List.copyOf(args), env, "/",
                new Spec.Capabilities(caps, caps, null, caps, null),
                List.of(new Spec.Rlimit("RLIMIT_NOFILE", 1024, 1024)), false, null, null, null);
        Spec.Linux linux = new Spec.Linux(null, null, null, null, null,
                namespaces("pid", "network", "ipc", "uts", "mount"), null, null, null,
                DOCKER_MASKED_PATHS, DOCKER_READONLY_PATHS, null);
        return new Spec(OCI_VERSION, process, new Spec.Root("rootfs", false),
                hostname == null ? "berth" : hostname, null, dockerDefaultMounts(), null, null, linux);
    }

    private static List<Spec.Namespace> namespaces(String... types) {
        return Stream.of(types).map(t -> new Spec.Namespace(t, null)).toList();
    }

    private static Spec.Device charDevice(String path, long major, long minor) {
        return new Spec.Device("c", path, major, minor, 0666, 0, 0);
    }
}
