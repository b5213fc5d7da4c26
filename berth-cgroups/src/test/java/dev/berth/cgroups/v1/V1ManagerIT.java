package dev.berth.cgroups.v1;

import static dev.berth.cgroups.testing.RealCgroups.ROOT;
import static dev.berth.cgroups.testing.RealCgroups.read;
import static dev.berth.cgroups.testing.Res.MB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cgroups.CgroupManager;
import dev.berth.cgroups.CgroupMode;
import dev.berth.cgroups.CgroupMount;
import dev.berth.cgroups.CgroupStats;
import dev.berth.cgroups.Cgroups;
import dev.berth.cgroups.StatParsers;
import dev.berth.cgroups.testing.Procs;
import dev.berth.cgroups.testing.RealCgroups;
import dev.berth.cgroups.testing.Wait;
import dev.berth.oci.runtime.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgroup v1 on the real kernel of this (hybrid) host. */
class V1ManagerIT {
    static final List<Spec.DeviceRule> DOCKER_DEFAULT = List.of(
            new Spec.DeviceRule(false, null, null, null, "rwm"), new Spec.DeviceRule(true, "c", 1L, 5L, "rwm"),
            new Spec.DeviceRule(true, "c", 1L, 3L, "rwm"), new Spec.DeviceRule(true, "c", 1L, 9L, "rwm"),
            new Spec.DeviceRule(true, "c", 1L, 8L, "rwm"), new Spec.DeviceRule(true, "c", 5L, 0L, "rwm"),
            new Spec.DeviceRule(true, "c", 5L, 1L, "rwm"), new Spec.DeviceRule(false, "c", 10L, 229L, "rwm"),
            new Spec.DeviceRule(true, "c", null, null, "m"), new Spec.DeviceRule(true, "b", null, null, "m"),
            new Spec.DeviceRule(true, "c", 136L, null, "rwm"), new Spec.DeviceRule(true, "c", 5L, 2L, "rwm"));

    String parent;
    String path;
    CgroupManager cg;
    Procs procs;
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        parent = RealCgroups.uniqueParent();
        path = parent + "/c1";
        CgroupMode mode = Cgroups.detect(ROOT);
        cg = Cgroups.manager(ROOT, mode, path);
        assertInstanceOf(V1Manager.class, cg);
        procs = new Procs();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            procs.close();
        } finally {
            RealCgroups.removeEverywhere(parent);
        }
        assertEquals(List.of(), RealCgroups.dirsOf(parent), "test cgroups left behind");
    }

    private Path dir(String hierarchy) {
        return ROOT.resolve(hierarchy).resolve(path.substring(1));
    }

    private static String wholeDisk() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/sys/block"))) {
            Path disk = s.filter(p -> p.getFileName().toString().matches("(vd|sd|xvd|nvme).*")).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no disk in /sys/block to throttle"));
            return read(disk.resolve("dev"));
        }
    }

    private Spec.Resources limits(String disk) {
        long major = Long.parseLong(disk.split(":")[0]), minor = Long.parseLong(disk.split(":")[1]);
        return new Spec.Resources(DOCKER_DEFAULT,
                new Spec.Memory(64 * MB, 32 * MB, 128 * MB, null, null, 10L, null, null, null),
                new Spec.Cpu(512L, 50000L, 100000L, null, null, "0", "0", null),
                new Spec.Pids(20),
                new Spec.BlockIO(300, null, null, List.of(new Spec.ThrottleDevice(major, minor, MB)), null, null,
                        List.of(new Spec.ThrottleDevice(major, minor, 500))),
                null, null);
    }

    @Test
    void limitsReachTheKernelFiles() throws Exception {
        String disk = wholeDisk();
        cg.create(limits(disk));
        assertEquals(Long.toString(64 * MB), read(dir("memory").resolve("memory.limit_in_bytes")));
        assertEquals(Long.toString(128 * MB), read(dir("memory").resolve("memory.memsw.limit_in_bytes")));
        assertEquals(Long.toString(32 * MB), read(dir("memory").resolve("memory.soft_limit_in_bytes")));
        assertEquals("10", read(dir("memory").resolve("memory.swappiness")));
        assertEquals("512", read(dir("cpu").resolve("cpu.shares")));
        assertEquals("50000", read(dir("cpu").resolve("cpu.cfs_quota_us")));
        assertEquals("100000", read(dir("cpu").resolve("cpu.cfs_period_us")));
        assertEquals("0", read(dir("cpuset").resolve("cpuset.cpus")));
        assertEquals("0", read(dir("cpuset").resolve("cpuset.mems")));
        assertEquals("20", read(dir("pids").resolve("pids.max")));
        assertEquals("300", read(dir("blkio").resolve("blkio.bfq.weight")));
        assertEquals(disk + " 1048576", read(dir("blkio").resolve("blkio.throttle.read_bps_device")));
        assertEquals(disk + " 500", read(dir("blkio").resolve("blkio.throttle.write_iops_device")));
        List<String> devices = Files.readAllLines(dir("devices").resolve("devices.list"));
        assertTrue(devices.contains("c 1:3 rwm") && devices.contains("c 136:* rwm") && devices.contains("b *:* m"), devices.toString());
        assertFalse(devices.contains("a *:* rwm"), devices.toString());
        assertTrue(Files.isDirectory(dir("systemd")), "the name=systemd hierarchy gets the cgroup too");
    }

    @Test
    void aProcessJoinsThroughProcsFilesAndIsListed() throws Exception {
        cg.create(limits(wholeDisk()));
        Process p = procs.shell("exec sleep 1000");
        Procs.join(p, cg.procsFiles());
        assertEquals(List.of((int) p.pid()), cg.pids());
        String membership = Files.readString(Path.of("/proc/" + p.pid() + "/cgroup"));
        for (String c : List.of("memory", "pids", "freezer", "cpu", "cpuset", "devices", "blkio", "name=systemd"))
            assertTrue(membership.contains(":" + c + ":" + path + "\n"), c + " in\n" + membership);
    }

    @Test
    void freezeStopsTheProcessesAndThawResumesThem() throws Exception {
        cg.create(null);
        Path out = tmp.resolve("loop.txt"); // a @TempDir: removed after tearDown has killed the loop
        Process p = procs.shell("while :; do echo x >> " + out + "; sleep 0.02; done");
        Procs.join(p, cg.procsFiles());
        Procs.go(p);
        Wait.until(() -> Files.exists(out) && Files.size(out) > 20, "the loop to write");
        cg.freeze(true);
        assertTrue(cg.frozen());
        assertEquals("FROZEN", read(dir("freezer").resolve("freezer.state")));
        long frozenSize = Files.size(out);
        Thread.sleep(300);
        assertEquals(frozenSize, Files.size(out), "a frozen loop wrote on");
        cg.freeze(false);
        assertFalse(cg.frozen());
        assertEquals("THAWED", read(dir("freezer").resolve("freezer.state")));
        Wait.until(() -> Files.size(out) > frozenSize, "the loop to write again after thaw");
    }

    @Test
    void statsCountTheWorkOfTheProcesses() throws Exception {
        cg.create(limits(wholeDisk()));
        Process p = procs.shell("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exec sleep 1000");
        Procs.join(p, cg.procsFiles());
        Procs.go(p);
        Wait.until(() -> read(Path.of("/proc/" + p.pid() + "/comm")).equals("sleep"), "the busy loop to end");
        CgroupStats s = cg.stats();
        assertEquals(64 * MB, s.memoryLimit());
        assertTrue(s.memoryUsage() > 0 && s.memoryMaxUsage() >= s.memoryUsage(), s.toString());
        assertTrue(s.cpuUsageNanos() > 10_000_000, "cpu usage " + s);
        assertTrue(s.cpuUserNanos() + s.cpuSystemNanos() > 0, s.toString());
        assertEquals(1, s.pidsCurrent());
        assertEquals(20, s.pidsLimit());
        assertEquals(0, s.oomKills());
        assertFalse(cg.oomKilled());
    }

    @Test
    void aProcessOverTheMemoryLimitIsOomKilled() throws Exception {
        cg.create(new Spec.Resources(null, new Spec.Memory(32 * MB, null, 32 * MB, null, null, null, null, null, null),
                null, null, null, null, null));
        Process p = procs.shell("exec /usr/bin/python3 -c 'b = bytes(1) * (200 * 1024 * 1024); print(len(b))'");
        Procs.join(p, cg.procsFiles());
        Procs.go(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the allocating process should die");
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        assertTrue(cg.oomKilled());
        assertTrue(cg.stats().oomKills() >= 1);
    }

    @Test
    void thePidsLimitStopsForks() throws Exception {
        cg.create(new Spec.Resources(null, null, null, new Spec.Pids(5), null, null, null));
        Process p = procs.shell("for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1000 & done; wait");
        Procs.join(p, cg.procsFiles());
        Procs.go(p);
        Wait.until(() -> StatParsers.flatKeyed(Files.readString(dir("pids").resolve("pids.events"))).get("max") > 0,
                "a fork refused by pids.max");
        assertTrue(cg.pids().size() <= 5, cg.pids().toString());
        assertTrue(Long.parseLong(read(dir("pids").resolve("pids.current"))) <= 5);
    }

    @Test
    void updateChangesLiveLimitsAndLeavesTheRest() throws Exception {
        cg.create(limits(wholeDisk()));
        Process p = procs.shell("exec sleep 1000");
        Procs.join(p, cg.procsFiles());
        cg.update(new Spec.Resources(null, new Spec.Memory(256 * MB, null, 512 * MB, null, null, null, null, null, null),
                new Spec.Cpu(null, 20000L, null, null, null, null, null, null), new Spec.Pids(50), null, null, null));
        assertEquals(Long.toString(256 * MB), read(dir("memory").resolve("memory.limit_in_bytes")));
        assertEquals(Long.toString(512 * MB), read(dir("memory").resolve("memory.memsw.limit_in_bytes")));
        assertEquals("20000", read(dir("cpu").resolve("cpu.cfs_quota_us")));
        assertEquals("100000", read(dir("cpu").resolve("cpu.cfs_period_us")));
        assertEquals("512", read(dir("cpu").resolve("cpu.shares")));
        assertEquals("50", read(dir("pids").resolve("pids.max")));
        cg.update(new Spec.Resources(null, new Spec.Memory(16 * MB, null, 16 * MB, null, null, null, null, null, null),
                null, null, null, null, null));
        assertEquals(Long.toString(16 * MB), read(dir("memory").resolve("memory.limit_in_bytes")));
        assertEquals(Long.toString(16 * MB), read(dir("memory").resolve("memory.memsw.limit_in_bytes")));
    }

    @Test
    void destroyRemovesEveryDirectoryOnceTheProcessesAreGone() throws Exception {
        cg.create(limits(wholeDisk()));
        Process p = procs.shell("exec sleep 1000");
        Procs.join(p, cg.procsFiles());
        p.destroyForcibly(); // no wait: destroy must ride out the EBUSY while the process exits
        cg.destroy();
        for (V1Hierarchy h : ((V1Manager) cg).hierarchies()) assertFalse(Files.exists(((V1Manager) cg).directory(h)), h.name());
        cg.destroy();
    }

    @Test
    void theContainerViewShowsTheContainersOwnCgroupReadOnly() throws Exception {
        cg.create(limits(wholeDisk()));
        List<CgroupMount> view = cg.containerView(false);
        // Destinations are inside the container: carry them out under a scratch "rootfs" in a private mount namespace.
        Path rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        String r = rootfs.toString();
        StringBuilder script = new StringBuilder("set -e\n");
        for (CgroupMount m : view) {
            String dst = "'" + r + m.destination() + "'";
            switch (m.kind()) {
                case "tmpfs" -> script.append("mkdir -p ").append(dst).append("\nmount -t tmpfs cgroup ").append(dst).append('\n');
                case "bind" -> script.append("mkdir -p ").append(dst).append("\nmount --bind '").append(m.source()).append("' ")
                        .append(dst).append("\nmount -o remount,bind,ro ").append(dst).append('\n');
                case "symlink" -> script.append("ln -s '").append(m.source()).append("' ").append(dst).append('\n');
                default -> throw new AssertionError(m.toString());
            }
        }
        String inside = r + "/sys/fs/cgroup";
        script.append("cat ").append(inside).append("/memory/memory.limit_in_bytes\n");
        script.append("cat ").append(inside).append("/pids/pids.max\n");
        script.append("ls ").append(inside).append('\n');
        script.append("if echo 7 > ").append(inside).append("/pids/pids.max; then echo WRITABLE; fi\n");
        Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "/bin/sh", "-c", script.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = new ArrayList<>(List.of(out.split("\n")));
        assertEquals(Long.toString(64 * MB), lines.get(0), out);
        assertEquals("20", lines.get(1), out);
        assertTrue(lines.containsAll(List.of("memory", "cpu", "pids", "freezer", "systemd", "blkio", "devices")), out);
        assertFalse(out.contains("WRITABLE"), out);
        assertEquals("20", read(dir("pids").resolve("pids.max")), "the host file is unchanged");
    }
}
