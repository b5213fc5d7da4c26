package dev.berth.cgroups.v1;

import static dev.berth.cgroups.testing.Res.MB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cgroups.CgroupMount;
import dev.berth.cgroups.CgroupStats;
import dev.berth.cgroups.testing.FakeCgroupFs;
import dev.berth.cgroups.testing.FakeV1Tree;
import dev.berth.cgroups.testing.Res;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import dev.berth.sys.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V1ManagerTest {
    @TempDir
    Path root;
    FakeCgroupFs fs;
    V1Manager cg;

    @BeforeEach
    void setUp() throws Exception {
        fs = FakeV1Tree.create(root, true, false);
        cg = new V1Manager(V1Hierarchies.fromDirectories(root), "/berth/c1", fs);
    }

    private Path leaf(String hierarchy) {
        return root.resolve(hierarchy).resolve("berth/c1");
    }

    private String read(String hierarchy, String file) {
        return FakeCgroupFs.read(leaf(hierarchy).resolve(file)).trim();
    }

    private static Spec.Resources memory(Long limit, Long swap) {
        return Res.memory(limit, swap, null);
    }

    @Test
    void createMakesThePathInEveryHierarchyWithOneProcsFileEach() {
        cg.create(null);
        for (String h : FakeV1Tree.HIERARCHIES) assertTrue(Files.isDirectory(leaf(h)), h);
        List<Path> expected = FakeV1Tree.HIERARCHIES.stream().map(h -> leaf(h).resolve("cgroup.procs")).toList();
        assertEquals(expected, cg.procsFiles(), "co-mounted cpu,cpuacct has a single procs file; systemd is joined too");
    }

    @Test
    void newCpusetsGetTheParentsCpusAndMemsOnEveryLevel() {
        cg.create(null);
        assertEquals("0-3", FakeCgroupFs.read(root.resolve("cpuset/berth/cpuset.cpus")).trim());
        assertEquals("0", FakeCgroupFs.read(root.resolve("cpuset/berth/cpuset.mems")).trim());
        assertEquals("0-3", read("cpuset", "cpuset.cpus"));
        assertEquals("0", read("cpuset", "cpuset.mems"));
    }

    @Test
    void cpusetOfTheSpecWinsOverTheInheritedOne() {
        cg.create(Res.of(null, new Spec.Cpu(null, null, null, null, null, "1", null, null), null, null));
        assertEquals("1", read("cpuset", "cpuset.cpus"));
        assertEquals("0-3", FakeCgroupFs.read(root.resolve("cpuset/berth/cpuset.cpus")).trim());
    }

    @Test
    void memorySettingsGoToTheirFiles() {
        cg.create(Res.of(new Spec.Memory(64 * MB, 32 * MB, 128 * MB, 1L, 16 * MB, 0L, true, null, null), null, null, null));
        assertEquals(Long.toString(64 * MB), read("memory", "memory.limit_in_bytes"));
        assertEquals(Long.toString(128 * MB), read("memory", "memory.memsw.limit_in_bytes"));
        assertEquals(Long.toString(32 * MB), read("memory", "memory.soft_limit_in_bytes"));
        assertEquals(Long.toString(16 * MB), read("memory", "memory.kmem.tcp.limit_in_bytes"));
        assertEquals("0", read("memory", "memory.swappiness"));
        assertEquals(List.of("1"), fs.writesTo("memory.oom_control"));
        assertFalse(fs.writtenNames().contains("memory.kmem.limit_in_bytes"), "kernel memory is ignored");
    }

    @Test
    void memoryAndSwapAreWrittenInTheOrderTheKernelAccepts() {
        cg.create(memory(64 * MB, 64 * MB));
        // growing: memsw must go first (limit 256M > memsw 64M would be EINVAL)
        int before = fs.writes().size();
        cg.update(memory(256 * MB, 512 * MB));
        assertEquals(List.of("memory.memsw.limit_in_bytes", "memory.limit_in_bytes"), fs.writtenNames().subList(before, fs.writes().size()));
        assertEquals(Long.toString(256 * MB), read("memory", "memory.limit_in_bytes"));
        assertEquals(Long.toString(512 * MB), read("memory", "memory.memsw.limit_in_bytes"));
        // shrinking: limit must go first (memsw 32M < limit 256M would be EINVAL)
        before = fs.writes().size();
        cg.update(memory(32 * MB, 32 * MB));
        assertEquals(List.of("memory.limit_in_bytes", "memory.memsw.limit_in_bytes"), fs.writtenNames().subList(before, fs.writes().size()));
        assertEquals(Long.toString(32 * MB), read("memory", "memory.memsw.limit_in_bytes"));
        // back to unlimited
        cg.update(memory(-1L, null));
        assertEquals("-1", read("memory", "memory.limit_in_bytes"));
        assertEquals("-1", read("memory", "memory.memsw.limit_in_bytes"));
    }

    @Test
    void swapBelowMemoryIsRefused() {
        BerthException e = assertThrows(BerthException.class, () -> cg.create(memory(64 * MB, 32 * MB)));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertFalse(Files.exists(leaf("memory")), "create rolls back");
    }

    @Test
    void swapLimitWithoutSwapAccountingIsUnsupportedButUnlimitedSwapIsFine() throws Exception {
        Path other = Files.createDirectory(root.resolve("noswap"));
        FakeCgroupFs fs2 = FakeV1Tree.create(other, false, false);
        V1Manager m = new V1Manager(V1Hierarchies.fromDirectories(other), "/berth/c1", fs2);
        BerthException e = assertThrows(BerthException.class, () -> m.create(memory(64 * MB, 128 * MB)));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("swapaccount=1"), e.getMessage());
        m.create(memory(64 * MB, -1L));
        assertEquals(Long.toString(64 * MB), FakeCgroupFs.read(other.resolve("memory/berth/c1/memory.limit_in_bytes")).trim());
    }

    @Test
    void cpuSettingsGoToTheirFiles() {
        cg.create(Res.of(null, new Spec.Cpu(512L, 50000L, 100000L, 10000L, 1000000L, null, null, 1L), null, null));
        assertEquals("512", read("cpu,cpuacct", "cpu.shares"));
        assertEquals("50000", read("cpu,cpuacct", "cpu.cfs_quota_us"));
        assertEquals("100000", read("cpu,cpuacct", "cpu.cfs_period_us"));
        assertEquals("1000000", read("cpu,cpuacct", "cpu.rt_period_us"));
        assertEquals("10000", read("cpu,cpuacct", "cpu.rt_runtime_us"));
        assertEquals("1", read("cpu,cpuacct", "cpu.idle"));
        assertEquals(List.of("cpu.shares", "cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.rt_period_us", "cpu.rt_runtime_us", "cpu.idle"),
                fs.writtenNames().stream().filter(n -> n.startsWith("cpu.")).toList());
    }

    @Test
    void aPeriodTheKernelRefusesIsWrittenAgainAfterTheQuota() {
        cg.create(null);
        fs.failNextWrite("cpu.cfs_period_us", Errno.EINVAL);
        cg.update(Res.cpu(null, 20000L, 50000L));
        assertEquals(List.of("cpu.cfs_quota_us", "cpu.cfs_period_us"),
                fs.writtenNames().stream().filter(n -> n.startsWith("cpu.")).toList());
        assertEquals("50000", read("cpu,cpuacct", "cpu.cfs_period_us"));
    }

    @Test
    void aRefusedPeriodWithoutQuotaFailsNamingTheFile() {
        cg.create(null);
        fs.failNextWrite("cpu.cfs_period_us", Errno.EINVAL);
        BerthException e = assertThrows(BerthException.class, () -> cg.update(Res.cpu(null, null, 50000L)));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains(leaf("cpu,cpuacct").resolve("cpu.cfs_period_us").toString()), e.getMessage());
    }

    @Test
    void invalidSharesFailAndCreateRollsBackEveryHierarchy() {
        BerthException e = assertThrows(BerthException.class, () -> cg.create(Res.cpu(1L, null, null)));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        for (String h : FakeV1Tree.HIERARCHIES) assertFalse(Files.exists(leaf(h)), h);
        assertTrue(Files.exists(root.resolve("memory/berth")));
    }

    @Test
    void blkioFallsBackToBfqAndWritesThrottles() {
        cg.create(Res.of(null, null, null, new Spec.BlockIO(300, 10, List.of(new Spec.WeightDevice(8, 0, 200, null)),
                List.of(new Spec.ThrottleDevice(8, 0, MB)), List.of(new Spec.ThrottleDevice(8, 0, 2 * MB)),
                List.of(new Spec.ThrottleDevice(8, 16, 100)), List.of(new Spec.ThrottleDevice(8, 16, 200)))));
        assertEquals(List.of("300"), fs.writesTo("blkio.bfq.weight"));
        assertEquals(List.of("8:0 200"), fs.writesTo("blkio.bfq.weight_device"));
        assertEquals(List.of("8:0 1048576"), fs.writesTo("blkio.throttle.read_bps_device"));
        assertEquals(List.of("8:0 2097152"), fs.writesTo("blkio.throttle.write_bps_device"));
        assertEquals(List.of("8:16 100"), fs.writesTo("blkio.throttle.read_iops_device"));
        assertEquals(List.of("8:16 200"), fs.writesTo("blkio.throttle.write_iops_device"));
    }

    @Test
    void blkioWeightIsPreferredWhenCfqIsThere() throws Exception {
        Path other = Files.createDirectory(root.resolve("cfq"));
        FakeCgroupFs fs2 = FakeV1Tree.create(other, true, true);
        new V1Manager(V1Hierarchies.fromDirectories(other), "/berth/c1", fs2)
                .create(Res.of(null, null, null, new Spec.BlockIO(300, null, List.of(new Spec.WeightDevice(8, 0, 200, null)), null, null, null, null)));
        assertEquals(List.of("300"), fs2.writesTo("blkio.weight"));
        assertEquals(List.of("8:0 200"), fs2.writesTo("blkio.weight_device"));
        assertEquals(List.of(), fs2.writesTo("blkio.bfq.weight"));
    }

    @Test
    void pidsLimit() {
        cg.create(Res.pids(20));
        assertEquals("20", read("pids", "pids.max"));
        cg.update(Res.pids(0));
        assertEquals("max", read("pids", "pids.max"));
    }

    @Test
    void deviceRulesAreWrittenInOrder() {
        List<Spec.DeviceRule> rules = List.of(new Spec.DeviceRule(false, null, null, null, "rwm"),
                new Spec.DeviceRule(true, "c", 1L, 3L, "rwm"), new Spec.DeviceRule(true, "c", null, null, "m"),
                new Spec.DeviceRule(false, "c", 10L, 229L, "rwm"), new Spec.DeviceRule(true, "b", 8L, 0L, "r"));
        cg.create(Res.devices(rules));
        List<String> seq = new ArrayList<>();
        for (FakeCgroupFs.Write w : fs.writes()) if (w.name().startsWith("devices.")) seq.add(w.name() + " " + w.value());
        assertEquals(List.of("devices.deny a", "devices.allow c 1:3 rwm", "devices.allow c *:* m",
                "devices.deny c 10:229 rwm", "devices.allow b 8:0 r"), seq);
    }

    @Test
    void whatV1CannotDoIsRefusedBeforeAnythingIsCreated() {
        BerthException unified = assertThrows(BerthException.class, () -> cg.create(Res.unified(Map.of("memory.high", "1"))));
        assertEquals(BerthException.Kind.UNSUPPORTED, unified.kind());
        BerthException hugetlb = assertThrows(BerthException.class, () -> cg.create(Res.hugepages("2MB", MB)));
        assertEquals(BerthException.Kind.UNSUPPORTED, hugetlb.kind());
        assertTrue(hugetlb.getMessage().contains("hugetlb controller is not mounted"), hugetlb.getMessage());
        assertFalse(Files.exists(root.resolve("memory/berth")));
    }

    @Test
    void freezeWritesFreezerState() {
        cg.create(null);
        cg.freeze(true);
        assertEquals("FROZEN", read("freezer", "freezer.state"));
        assertTrue(cg.frozen());
        cg.freeze(false);
        assertEquals(List.of("FROZEN", "THAWED"), fs.writesTo("freezer.state"));
        assertFalse(cg.frozen());
    }

    @Test
    void statsAreParsedFromTheV1Files() {
        cg.create(Res.of(new Spec.Memory(64 * MB, null, null, null, null, null, null, null, null), null, new Spec.Pids(20), null));
        FakeCgroupFs.set(leaf("memory").resolve("memory.usage_in_bytes"), "1048576\n");
        FakeCgroupFs.set(leaf("memory").resolve("memory.max_usage_in_bytes"), "2097152\n");
        FakeCgroupFs.set(leaf("memory").resolve("memory.stat"), "cache 100\nrss 5\ntotal_cache 4096\ntotal_rss 5\n");
        FakeCgroupFs.set(leaf("memory").resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        FakeCgroupFs.set(leaf("cpu,cpuacct").resolve("cpuacct.usage"), "123456789\n");
        FakeCgroupFs.set(leaf("cpu,cpuacct").resolve("cpuacct.stat"), "user 7\nsystem 3\n");
        FakeCgroupFs.set(leaf("pids").resolve("pids.current"), "4\n");
        FakeCgroupFs.set(leaf("blkio").resolve("blkio.throttle.io_service_bytes"),
                "8:0 Read 100\n8:0 Write 200\n8:0 Sync 300\n8:0 Total 300\n254:0 Read 1\n254:0 Write 2\nTotal 303\n");
        assertEquals(new CgroupStats(MB, 64 * MB, 2 * MB, 4096, 123456789, 70_000_000, 30_000_000, 4, 20, 101, 202, 2), cg.stats());
    }

    @Test
    void oomKilledReadsTheOomKillCounter() {
        cg.create(null);
        assertFalse(cg.oomKilled());
        FakeCgroupFs.set(leaf("memory").resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 1\noom_kill 0\n");
        assertFalse(cg.oomKilled());
        FakeCgroupFs.set(leaf("memory").resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        assertTrue(cg.oomKilled());
    }

    @Test
    void pidsAreTheUnionOverHierarchiesAndDescendants() throws Exception {
        cg.create(null);
        fs.mkdir(leaf("freezer").resolve("sub"));
        FakeCgroupFs.set(leaf("freezer").resolve("cgroup.procs"), "7\n");
        FakeCgroupFs.set(leaf("freezer").resolve("sub/cgroup.procs"), "9\n");
        FakeCgroupFs.set(leaf("memory").resolve("cgroup.procs"), "7\n8\n");
        assertEquals(List.of(7, 8, 9), cg.pids());
    }

    @Test
    void destroyRemovesTheCgroupFromEveryHierarchyAndIsIdempotent() throws Exception {
        cg.create(null);
        fs.mkdir(leaf("memory").resolve("sub"));
        cg.destroy();
        for (String h : FakeV1Tree.HIERARCHIES) assertFalse(Files.exists(leaf(h)), h);
        cg.destroy();
    }

    @Test
    void containerViewIsATmpfsWithAReadOnlyBindPerHierarchyAndTheAliases() {
        List<CgroupMount> view = cg.containerView(false);
        List<CgroupMount> expected = new ArrayList<>();
        expected.add(new CgroupMount("tmpfs", "cgroup", "/sys/fs/cgroup", true));
        for (String h : FakeV1Tree.HIERARCHIES) expected.add(new CgroupMount("bind", leaf(h).toString(), "/sys/fs/cgroup/" + h, true));
        expected.add(new CgroupMount("symlink", "cpu,cpuacct", "/sys/fs/cgroup/cpu", false));
        expected.add(new CgroupMount("symlink", "cpu,cpuacct", "/sys/fs/cgroup/cpuacct", false));
        assertEquals(expected, view);
        assertEquals(view, cg.containerView(true));
    }
}
