package dev.berth.oci.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecDefaultsTest {
    private static final Path RUNC = Path.of("/usr/sbin/runc");

    /** Runs {@code runc spec} in dir and returns the config.json it wrote. */
    private static byte[] runcSpecJson(Path dir) throws Exception {
        if (!Files.isExecutable(RUNC)) {
            fail("runc is needed to check SpecDefaults.runcSpec() against the real thing, but " + RUNC
                    + " is missing: install runc (apt-get install runc)");
        }
        Process p = new ProcessBuilder(RUNC.toString(), "spec").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "runc spec did not finish");
        assertEquals(0, p.exitValue(), "runc spec failed: " + out);
        return Files.readAllBytes(dir.resolve("config.json"));
    }

    @Test
    void runcSpecIsWhatRuncSpecWrites(@TempDir Path dir) throws Exception {
        byte[] json = runcSpecJson(dir);
        Spec theirs = Json.mapper().readValue(json, Spec.class);
        Spec ours = SpecDefaults.runcSpec();

        assertEquals(theirs.ociVersion(), ours.ociVersion());
        assertEquals(theirs.process().terminal(), ours.process().terminal());
        assertEquals(theirs.process().user(), ours.process().user());
        assertEquals(theirs.process().args(), ours.process().args());
        assertEquals(theirs.process().env(), ours.process().env());
        assertEquals(theirs.process().cwd(), ours.process().cwd());
        assertEquals(theirs.process().capabilities(), ours.process().capabilities());
        assertEquals(theirs.process().rlimits(), ours.process().rlimits());
        assertEquals(theirs.process().noNewPrivileges(), ours.process().noNewPrivileges());
        assertEquals(theirs.process(), ours.process());
        assertEquals(theirs.root(), ours.root());
        assertEquals(theirs.hostname(), ours.hostname());
        assertEquals(theirs.mounts().size(), ours.mounts().size());
        for (int i = 0; i < theirs.mounts().size(); i++) {
            assertEquals(theirs.mounts().get(i), ours.mounts().get(i), "mount " + i);
        }
        assertEquals(theirs.linux().resources(), ours.linux().resources());
        assertEquals(theirs.linux().namespaces(), ours.linux().namespaces());
        assertEquals(theirs.linux().maskedPaths(), ours.linux().maskedPaths());
        assertEquals(theirs.linux().readonlyPaths(), ours.linux().readonlyPaths());
        assertEquals(theirs, ours);

        // Nothing runc writes is lost on the way through the Spec records either.
        JsonNode theirTree = Json.mapper().readTree(json);
        JsonNode ourTree = Json.mapper().readTree(Json.bytes(ours));
        assertEquals(theirTree, ourTree);
    }

    @Test
    void runcSpecPassesValidation(@TempDir Path bundle) throws Exception {
        Files.createDirectory(bundle.resolve("rootfs"));
        assertDoesNotThrow(() -> SpecValidator.validate(SpecDefaults.runcSpec(), bundle));
    }

    @Test
    void dockerMountsAreMobysWithShmSized() {
        List<Spec.Mount> mounts = SpecDefaults.dockerDefaultMounts();
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"),
                mounts.stream().map(Spec.Mount::destination).toList());
        assertEquals(new Spec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                mounts.get(1));
        assertEquals(new Spec.Mount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")), mounts.get(2));
        assertEquals(new Spec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")), mounts.get(3));
        assertEquals(new Spec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
                mounts.get(4));
        assertEquals(new Spec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")), mounts.get(5));
        assertEquals(new Spec.Mount("/dev/shm", "tmpfs", "shm",
                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")), mounts.get(6));
        for (Spec.Mount m : mounts) assertDoesNotThrow(() -> MountOptions.parse(m.options()));
    }

    @Test
    void dockerPaths() {
        assertEquals(12, SpecDefaults.DOCKER_MASKED_PATHS.size());
        for (String p : List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
                "/sys/devices/virtual/powercap", "/proc/interrupts")) {
            assertTrue(SpecDefaults.DOCKER_MASKED_PATHS.contains(p), p);
        }
        assertEquals(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                SpecDefaults.DOCKER_READONLY_PATHS);
    }

    @Test
    void dockerMaskedPathsAddEachCpusThermalThrottle(@TempDir Path sys) throws Exception {
        Path cpu = sys.resolve("devices/system/cpu");
        Files.createDirectories(cpu.resolve("cpu10/thermal_throttle"));
        Files.createDirectories(cpu.resolve("cpu2/thermal_throttle"));
        Files.createDirectories(cpu.resolve("cpu3"));
        Files.createDirectories(cpu.resolve("cpufreq/thermal_throttle"));
        List<String> paths = SpecDefaults.dockerMaskedPaths(sys);
        assertEquals(SpecDefaults.DOCKER_MASKED_PATHS, paths.subList(0, 12));
        assertEquals(List.of("/sys/devices/system/cpu/cpu2/thermal_throttle",
                "/sys/devices/system/cpu/cpu10/thermal_throttle"), paths.subList(12, paths.size()));
        assertEquals(SpecDefaults.DOCKER_MASKED_PATHS, SpecDefaults.dockerMaskedPaths(sys.resolve("absent")));
    }

    @Test
    void defaultDevicesAreRuncsSix() {
        List<Spec.Device> devices = SpecDefaults.defaultDevices();
        assertEquals(List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty"),
                devices.stream().map(Spec.Device::path).toList());
        assertEquals(new Spec.Device("c", "/dev/null", 1, 3, 0666, 0, 0), devices.get(0));
        assertEquals(new Spec.Device("c", "/dev/urandom", 1, 9, 0666, 0, 0), devices.get(4));
        assertEquals(new Spec.Device("c", "/dev/tty", 5, 0, 0666, 0, 0), devices.get(5));
        assertEquals(List.of(3L, 5L, 7L, 8L, 9L, 0L), devices.stream().map(Spec.Device::minor).toList());
    }

    @Test
    void busyboxBundleSpecIsDockerLikeAndValid(@TempDir Path bundle) throws Exception {
        Files.createDirectory(bundle.resolve("rootfs"));
        Spec spec = SpecDefaults.busyboxBundleSpec(List.of("sh", "-c", "echo hi"), false);
        assertDoesNotThrow(() -> SpecValidator.validate(spec, bundle));
        assertEquals(List.of("sh", "-c", "echo hi"), spec.process().args());
        assertFalse(spec.process().terminal());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), spec.process().env());
        assertEquals("/", spec.process().cwd());
        assertEquals(CapabilityTable.DOCKER_DEFAULT, spec.process().capabilities().bounding());
        assertEquals(CapabilityTable.DOCKER_DEFAULT, spec.process().capabilities().effective());
        assertEquals(CapabilityTable.DOCKER_DEFAULT, spec.process().capabilities().permitted());
        assertEquals(List.of(new Spec.Rlimit("RLIMIT_NOFILE", 1024, 1024)), spec.process().rlimits());
        assertFalse(spec.process().noNewPrivileges());
        assertEquals(new Spec.Root("rootfs", false), spec.root());
        assertEquals("berth", spec.hostname());
        assertEquals(SpecDefaults.dockerDefaultMounts(), spec.mounts());
        assertEquals(List.of("pid", "network", "ipc", "uts", "mount"),
                spec.linux().namespaces().stream().map(Spec.Namespace::type).toList());
        assertTrue(spec.linux().namespaces().stream().allMatch(n -> n.path() == null));
        assertNull(spec.linux().cgroupsPath());
        assertEquals(SpecDefaults.DOCKER_MASKED_PATHS, spec.linux().maskedPaths());
        assertEquals(SpecDefaults.DOCKER_READONLY_PATHS, spec.linux().readonlyPaths());

        Spec tty = SpecDefaults.busyboxBundleSpec(List.of("sh"), true, "box");
        assertTrue(tty.process().terminal());
        assertEquals("box", tty.hostname());
        assertTrue(tty.process().env().contains("TERM=xterm"));

        // It survives a trip through config.json.
        Files.write(bundle.resolve("config.json"), Json.bytes(spec));
        assertEquals(spec, SpecValidator.load(bundle));
    }
}
