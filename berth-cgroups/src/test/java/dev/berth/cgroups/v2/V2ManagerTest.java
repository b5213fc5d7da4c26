package dev.berth.cgroups.v2;

import static dev.berth.cgroups.testing.Res.MB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cgroups.CgroupMount;
import dev.berth.cgroups.CgroupStats;
import dev.berth.cgroups.testing.FakeCgroupFs;
import dev.berth.cgroups.testing.FakeV2Tree;
import dev.berth.cgroups.testing.Res;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V2ManagerTest {
    static final String ALL = "cpuset cpu io memory hugetlb pids";
    static final List<Spec.DeviceRule> DOCKER_DEFAULT = List.of(
            new Spec.DeviceRule(false, null, null, null, "rwm"), new Spec.DeviceRule(true, "c", 1L, 3L, "rwm"),
            new Spec.DeviceRule(true, "c", null, null, "m"), new Spec.DeviceRule(true, "c", 136L, null, "rwm"));

    @TempDir
    Path root;
    FakeCgroupFs fs;
    V2Manager cg;
    Path leaf;

    @BeforeEach
    void setUp() throws Exception {
        fs = FakeV2Tree.create(root, ALL, true);
        cg = new V2Manager(root, "/berth/c1", fs);
        leaf = root.resolve("berth/c1");
    }

    private String read(String file) {
        return FakeCgroupFs.read(leaf.resolve(file)).trim();
    }

    @Test
    void createEnablesControllersInEveryAncestorAndWritesEachMapping() {
        Spec.Resources r = new Spec.Resources(DOCKER_DEFAULT,
                new Spec.Memory(64 * MB, 32 * MB, 128 * MB, null, null, null, null, null, null),
                new Spec.Cpu(512L, 50000L, 100000L, null, null, "0-1", "0", null),
                new Spec.Pids(100),
                new Spec.BlockIO(300, null, List.of(new Spec.WeightDevice(8, 0, 200, null)),
                        List.of(new Spec.ThrottleDevice(8, 0, MB)), null, null, List.of(new Spec.ThrottleDevice(8, 0, 100))),
                List.of(new Spec.HugepageLimit("2MB", 4 * MB)),
                Map.of("memory.oom.group", "1"));
        cg.create(r);

        assertEquals(ALL, FakeCgroupFs.read(root.resolve("cgroup.subtree_control")).trim());
        assertEquals(ALL, FakeCgroupFs.read(root.resolve("berth/cgroup.subtree_control")).trim());
        assertEquals("", read("cgroup.subtree_control"), "the leaf enables nothing for children");
        assertEquals(ALL, read("cgroup.controllers"));

        assertEquals(Long.toString(64 * MB), read("memory.max"));
        assertEquals(Long.toString(32 * MB), read("memory.low"));
        assertEquals(Long.toString(64 * MB), read("memory.swap.max"), "memory+swap 128M with memory 64M is 64M of swap");
        assertEquals("20", read("cpu.weight"));
        assertEquals("50000 100000", read("cpu.max"));
        assertEquals("0-1", read("cpuset.cpus"));
        assertEquals("0", read("cpuset.mems"));
        assertEquals("100", read("pids.max"));
        assertEquals(List.of("300", "8:0 200"), fs.writesTo("io.bfq.weight"));
        assertEquals("2930", read("io.weight"));
        assertEquals(List.of("8:0 rbps=1048576", "8:0 wiops=100"), fs.writesTo("io.max"));
        assertEquals(Long.toString(4 * MB), read("hugetlb.2MB.max"));
        assertEquals("1", read("memory.oom.group"));
        assertEquals(List.of(leaf.resolve("cgroup.procs")), cg.procsFiles());
    }

    @Test
    void relativePathGoesUnderBerth() {
        V2Manager rel = new V2Manager(root, "abc", fs);
        rel.create(null);
        assertTrue(Files.isDirectory(root.resolve("berth/abc")));
        assertEquals(root.resolve("berth/abc"), rel.directory());
    }

    @Test
    void unlimitedMemoryMeansUnlimitedSwap() {
        cg.create(Res.memory(-1L, null, null));
        assertEquals("max", read("memory.max"));
        assertEquals("max", read("memory.swap.max"));
    }

    @Test
    void updateWritesOnlyTheGivenFields() {
        cg.create(Res.of(new Spec.Memory(64 * MB, null, null, null, null, null, null, null, null),
                new Spec.Cpu(null, 50000L, 100000L, null, null, null, null, null), null, null));
        int before = fs.writes().size();
        cg.update(Res.of(null, new Spec.Cpu(null, null, 200000L, null, null, null, null, null), new Spec.Pids(50), null));
        List<FakeCgroupFs.Write> updateWrites = fs.writes().subList(before, fs.writes().size());
        assertEquals(List.of("cpu.max", "pids.max"), updateWrites.stream().map(FakeCgroupFs.Write::name).toList());
        assertEquals("50000 200000", read("cpu.max"), "a period alone keeps the quota");
        assertEquals("50", read("pids.max"));
        assertEquals(Long.toString(64 * MB), read("memory.max"));
    }

    @Test
    void updateOfAMissingCgroupIsNotFound() {
        assertEquals(BerthException.Kind.NOT_FOUND, assertThrows(BerthException.class, () -> cg.update(Res.pids(5))).kind());
    }

    @Test
    void withoutBfqTheWeightGoesToIoWeightOnlyAndDeviceWeightsAreRefused() throws Exception {
        Path other = Files.createDirectory(root.resolve("nobfq"));
        FakeCgroupFs fs2 = FakeV2Tree.create(other, ALL, false);
        V2Manager m = new V2Manager(other, "/berth/c1", fs2);
        m.create(Res.of(null, null, null, new Spec.BlockIO(500, null, null, null, null, null, null)));
        assertEquals(List.of("4950"), fs2.writesTo("io.weight"));
        assertEquals(List.of(), fs2.writesTo("io.bfq.weight"));
        BerthException e = assertThrows(BerthException.class, () -> m.update(Res.of(null, null, null,
                new Spec.BlockIO(null, null, List.of(new Spec.WeightDevice(8, 0, 200, null)), null, null, null, null))));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("io.bfq.weight"), e.getMessage());
    }

    @Test
    void extraDeviceRulesAreRefusedBeforeAnythingIsCreated() {
        Spec.DeviceRule disk = new Spec.DeviceRule(true, "b", 8L, 0L, "rwm");
        BerthException e = assertThrows(BerthException.class, () -> cg.create(Res.devices(List.of(
                new Spec.DeviceRule(false, null, null, null, "rwm"), disk))));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("device cgroup rules need eBPF on cgroup v2: not supported yet"), e.getMessage());
        assertFalse(Files.exists(root.resolve("berth")));
        assertEquals(List.of(), fs.writes());
    }

    @Test
    void aControllerMissingFromTheHostIsReportedAndTheCgroupRolledBack() throws Exception {
        Path other = Files.createDirectory(root.resolve("small"));
        FakeCgroupFs fs2 = FakeV2Tree.create(other, "cpu pids", false);
        V2Manager m = new V2Manager(other, "/berth/c1", fs2);
        BerthException e = assertThrows(BerthException.class, () -> m.create(Res.memory(64 * MB, null, null)));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("memory controller is not available for " + other.resolve("berth/c1")), e.getMessage());
        assertTrue(e.getMessage().contains("cpu pids"), e.getMessage());
        assertFalse(Files.exists(other.resolve("berth/c1")));
        assertTrue(Files.exists(other.resolve("berth")), "the shared parent stays");
        assertEquals("cpu pids", FakeCgroupFs.read(other.resolve("cgroup.subtree_control")).trim());
    }

    @Test
    void realtimeAndBadUnifiedKeysAreRefused() {
        BerthException rt = assertThrows(BerthException.class, () -> cg.create(Res.of(null,
                new Spec.Cpu(null, null, null, 950000L, 1000000L, null, null, null), null, null)));
        assertEquals(BerthException.Kind.UNSUPPORTED, rt.kind());
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, assertThrows(BerthException.class,
                () -> cg.create(Res.unified(Map.of("../../cgroup.procs", "1")))).kind());
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, assertThrows(BerthException.class,
                () -> cg.create(Res.unified(Map.of("cgroup.procs", "1")))).kind());
        assertFalse(Files.exists(leaf));
    }

    @Test
    void freezeWritesCgroupFreezeAndWaitsForEvents() {
        cg.create(null);
        assertFalse(cg.frozen());
        cg.freeze(true);
        assertEquals(List.of("1"), fs.writesTo("cgroup.freeze"));
        assertTrue(cg.frozen());
        assertTrue(read("cgroup.events").contains("frozen 1"));
        cg.freeze(false);
        assertEquals(List.of("1", "0"), fs.writesTo("cgroup.freeze"));
        assertFalse(cg.frozen());
    }

    @Test
    void statsAreParsedFromTheV2Files() {
        cg.create(Res.of(new Spec.Memory(64 * MB, null, null, null, null, null, null, null, null), null, new Spec.Pids(20), null));
        FakeCgroupFs.set(leaf.resolve("memory.current"), "1048576\n");
        FakeCgroupFs.set(leaf.resolve("memory.peak"), "2097152\n");
        FakeCgroupFs.set(leaf.resolve("memory.stat"), "anon 100\nfile 4096\nkernel 5\n");
        FakeCgroupFs.set(leaf.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 0\n");
        FakeCgroupFs.set(leaf.resolve("pids.current"), "3\n");
        FakeCgroupFs.set(leaf.resolve("io.stat"), "8:0 rbytes=10 wbytes=20 rios=1 wios=1\n254:0 rbytes=1 wbytes=2\n");
        FakeCgroupFs.set(leaf.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
        assertEquals(new CgroupStats(MB, 64 * MB, 2 * MB, 4096, 1_500_000, 1_000_000, 500_000, 3, 20, 11, 22, 1), cg.stats());
    }

    @Test
    void statsReportUnlimitedAsMaxValueAndZero() {
        cg.create(null);
        CgroupStats s = cg.stats();
        assertEquals(Long.MAX_VALUE, s.memoryLimit());
        assertEquals(0, s.pidsLimit());
    }

    @Test
    void oomKilledReadsMemoryEvents() {
        cg.create(null);
        assertFalse(cg.oomKilled());
        FakeCgroupFs.set(leaf.resolve("memory.events"), "low 0\nhigh 0\nmax 9\noom 2\noom_kill 0\n");
        assertFalse(cg.oomKilled(), "oom without a kill is not an OOM kill");
        FakeCgroupFs.set(leaf.resolve("memory.events"), "low 0\nhigh 0\nmax 9\noom 2\noom_kill 2\n");
        assertTrue(cg.oomKilled());
    }

    @Test
    void pidsAreCollectedRecursively() throws Exception {
        cg.create(null);
        fs.mkdir(leaf.resolve("sub"));
        FakeCgroupFs.set(leaf.resolve("cgroup.procs"), "11\n10\n");
        FakeCgroupFs.set(leaf.resolve("sub/cgroup.procs"), "12\n");
        assertEquals(List.of(10, 11, 12), cg.pids());
    }

    @Test
    void destroyRemovesChildrenFirstAndIsIdempotent() throws Exception {
        cg.create(null);
        fs.mkdir(leaf.resolve("sub"));
        fs.mkdir(leaf.resolve("sub/deeper"));
        cg.destroy();
        assertFalse(Files.exists(leaf));
        assertTrue(Files.exists(root.resolve("berth")));
        cg.destroy();
        assertEquals(List.of(), cg.pids());
    }

    @Test
    void destroyRetriesWhileTheLastProcessExits() throws Exception {
        cg.create(null);
        FakeCgroupFs.set(leaf.resolve("cgroup.procs"), "42\n");
        Thread exiter = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                return;
            }
            FakeCgroupFs.set(leaf.resolve("cgroup.procs"), "");
        });
        cg.destroy();
        exiter.join();
        assertFalse(Files.exists(leaf));
    }

    @Test
    void destroyOfABusyCgroupNamesItsProcesses() {
        cg.create(null);
        FakeCgroupFs.set(leaf.resolve("cgroup.procs"), "42\n");
        BerthException e = assertThrows(BerthException.class, cg::destroy);
        assertEquals(BerthException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("[42]") && e.getMessage().contains(leaf.toString()), e.getMessage());
    }

    @Test
    void containerView() {
        assertEquals(List.of(new CgroupMount("cgroup2", "cgroup", "/sys/fs/cgroup", true)), cg.containerView(true));
        assertEquals(List.of(new CgroupMount("bind", leaf.toString(), "/sys/fs/cgroup", true)), cg.containerView(false));
    }
}
