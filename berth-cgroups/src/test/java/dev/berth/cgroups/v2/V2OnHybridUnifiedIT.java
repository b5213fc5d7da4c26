package dev.berth.cgroups.v2;

import static dev.berth.cgroups.testing.RealCgroups.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cgroups.CgroupManager;
import dev.berth.cgroups.CgroupMode;
import dev.berth.cgroups.Cgroups;
import dev.berth.cgroups.testing.Procs;
import dev.berth.cgroups.testing.RealCgroups;
import dev.berth.cgroups.testing.Wait;
import dev.berth.cgroups.testing.Res;
import dev.berth.common.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 code on the real kernel, using this hybrid host's cgroup2 mount at /sys/fs/cgroup/unified. It has no
 * controllers (they are all bound to v1), so this covers what cgroup2 core gives: directories, joining, the
 * freezer, pids, removal, and the refusal of a controller the tree lacks.
 */
class V2OnHybridUnifiedIT {
    static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified");

    String parent;
    CgroupManager cg;
    Path dir;
    Procs procs;
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        assertEquals(CgroupMode.UNIFIED, Cgroups.detect(UNIFIED));
        parent = RealCgroups.uniqueParent();
        cg = Cgroups.manager(UNIFIED, CgroupMode.UNIFIED, parent + "/c1");
        dir = UNIFIED.resolve(parent.substring(1)).resolve("c1");
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

    @Test
    void aProcessJoinsIsListedFrozenThawedAndTheCgroupRemoved() throws Exception {
        cg.create(null);
        assertTrue(Files.isDirectory(dir));
        assertEquals(List.of(dir.resolve("cgroup.procs")), cg.procsFiles());
        Path out = tmp.resolve("loop.txt"); // a @TempDir: removed after tearDown has killed the loop
        Process p = procs.shell("while :; do echo x >> " + out + "; sleep 0.02; done");
        Procs.join(p, cg.procsFiles());
        assertTrue(Files.readString(Path.of("/proc/" + p.pid() + "/cgroup")).contains("0::" + parent + "/c1\n"));
        Procs.go(p);
        Wait.until(() -> Files.exists(out) && Files.size(out) > 20, "the loop to write");
        assertTrue(cg.pids().contains((int) p.pid()), cg.pids().toString());

        cg.freeze(true);
        assertTrue(cg.frozen());
        assertEquals("1", read(dir.resolve("cgroup.freeze")));
        assertTrue(Files.readString(dir.resolve("cgroup.events")).contains("frozen 1"));
        long frozenSize = Files.size(out);
        Thread.sleep(300);
        assertEquals(frozenSize, Files.size(out), "a frozen loop wrote on");

        cg.freeze(false);
        assertFalse(cg.frozen());
        Wait.until(() -> Files.size(out) > frozenSize, "the loop to write again after thaw");

        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        cg.destroy();
        assertFalse(Files.exists(dir));
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        cg.destroy();
    }

    @Test
    void aControllerTheTreeLacksIsRefusedAndNothingIsLeft() {
        BerthException e = assertThrows(BerthException.class, () -> cg.create(Res.memory(64 * Res.MB, null, null)));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("memory controller is not available for " + dir), e.getMessage());
        assertFalse(Files.exists(dir));
    }

    @Test
    void theCgroupNamespaceViewIsACgroup2MountAndTheOtherABindOfTheDirectory() {
        assertEquals("cgroup2", cg.containerView(true).getFirst().kind());
        assertEquals(dir.toString(), cg.containerView(false).getFirst().source());
    }
}
