package dev.berth.snapshot.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Prepared;
import dev.berth.snapshot.SnapshotInfo;
import dev.berth.snapshot.SnapshotKind;
import dev.berth.snapshot.WhiteoutMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay snapshotter's bookkeeping and the mounts it plans; nothing is mounted here. */
class OverlaySnapshotterTest {
    @TempDir
    Path tmp;
    Path root;
    OverlaySnapshotter s;

    @BeforeEach
    void open() {
        root = tmp.resolve("overlay");
        s = OverlaySnapshotter.open(root, false);
    }

    @AfterEach
    void close() {
        s.close();
    }

    private String layer(String key, String parent) {
        Prepared p = s.stage(parent);
        s.commit(key, p.key());
        return key;
    }

    @Test
    void prepareGivesAnEmptyUpperAndCommitMakesItAParent() throws Exception {
        Prepared p = s.prepare("extract-1", null);
        assertEquals(WhiteoutMode.OVERLAY, p.whiteouts());
        assertEquals(root.resolve("snapshots/1/fs"), p.dir());
        assertTrue(Files.isDirectory(root.resolve("snapshots/1/work")));
        try (var list = Files.list(p.dir())) {
            assertEquals(0, list.count());
        }
        Files.writeString(p.dir().resolve("hello"), "hi");
        s.commit("sha256:l0", "extract-1");
        SnapshotInfo info = s.stat("sha256:l0");
        assertEquals(SnapshotKind.COMMITTED, info.kind());
        assertNull(info.parent());
        assertEquals(BerthException.Kind.NOT_FOUND, assertThrows(BerthException.class, () -> s.stat("extract-1")).kind());
        assertEquals("hi", Files.readString(root.resolve("snapshots/1/fs/hello")), "commit keeps the directory");
    }

    @Test
    void activeOverChainPlansOverlayWithTopmostLowerFirst() {
        layer("L0", null);
        layer("L1", "L0");
        layer("L2", "L1");
        s.prepare("ctr", "L2");
        Path snaps = root.resolve("snapshots");
        assertEquals(List.of(Mount.overlay(List.of(
                "index=off",
                "workdir=" + snaps.resolve("4/work"),
                "upperdir=" + snaps.resolve("4/fs"),
                "lowerdir=" + snaps.resolve("3/fs") + ":" + snaps.resolve("2/fs") + ":" + snaps.resolve("1/fs")))),
                s.mounts("ctr"));
    }

    @Test
    void activeWithoutParentIsARwBind() {
        s.prepare("scratch", null);
        assertEquals(List.of(Mount.bind(root.resolve("snapshots/1/fs"), false)), s.mounts("scratch"));
    }

    @Test
    void viewsAreReadOnly() {
        layer("L0", null);
        layer("L1", "L0");
        assertEquals(List.of(Mount.bind(root.resolve("snapshots/1/fs"), true)), s.view("v0", "L0"), "one layer: bind of it");
        List<Mount> v1 = s.view("v1", "L1");
        assertEquals(1, v1.size());
        assertEquals("overlay", v1.get(0).type());
        assertTrue(v1.get(0).hasFlag("ro"));
        assertEquals(List.of(root.resolve("snapshots/2/fs").toString(), root.resolve("snapshots/1/fs").toString()), v1.get(0).lowerDirs());
        assertTrue(v1.get(0).option("upperdir").isEmpty());
        assertEquals(List.of(Mount.bind(root.resolve("snapshots/5/fs"), true)), s.view("empty", null));
    }

    @Test
    void committedSnapshotsAreNotMountedThemselves() {
        layer("L0", null);
        assertEquals(BerthException.Kind.FAILED_PRECONDITION, assertThrows(BerthException.class, () -> s.mounts("L0")).kind());
    }

    @Test
    void removeIsRefusedWhileChildrenExistAndDeletesTheDirectory() {
        layer("L0", null);
        s.prepare("ctr", "L0");
        BerthException e = assertThrows(BerthException.class, () -> s.remove("L0"));
        assertEquals(BerthException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("ctr"), e.getMessage());
        assertTrue(Files.isDirectory(root.resolve("snapshots/1/fs")));
        s.remove("ctr");
        assertFalse(Files.exists(root.resolve("snapshots/2")));
        s.remove("L0");
        assertFalse(Files.exists(root.resolve("snapshots/1")));
        assertEquals(List.of(), s.walk());
    }

    @Test
    void walkListsParentsFirstWithKinds() {
        layer("L0", null);
        s.prepare("ctr", "L0");
        s.view("v", "L0");
        List<SnapshotInfo> all = s.walk();
        assertEquals(List.of("L0", "ctr", "v"), all.stream().map(SnapshotInfo::key).toList());
        assertEquals(List.of(SnapshotKind.COMMITTED, SnapshotKind.ACTIVE, SnapshotKind.VIEW), all.stream().map(SnapshotInfo::kind).toList());
        assertEquals("L0", all.get(1).parent());
    }

    @Test
    void stagingSnapshotsVanishOnReopenButPreparedOnesStay() {
        layer("L0", null);
        Prepared staged = s.stage("L0");
        assertTrue(s.stat(staged.key()).staging());
        s.prepare("ctr", "L0");
        s.close();
        s = OverlaySnapshotter.open(root, false);
        assertEquals(List.of("L0", "ctr"), s.walk().stream().map(SnapshotInfo::key).toList());
        assertFalse(Files.exists(staged.dir()));
        assertEquals(1, s.recovery().removed().size());
    }

    @Test
    void usageCountsOnlyTheSnapshotsOwnFiles() throws Exception {
        Prepared p = s.stage(null);
        Files.write(p.dir().resolve("data"), new byte[100_000]);
        s.commit("L0", p.key());
        Prepared ctr = s.prepare("ctr", "L0");
        assertEquals(1, s.usage("ctr").inodes(), "an empty upper is just its root directory");
        assertEquals(2, s.usage("L0").inodes());
        assertTrue(s.usage("L0").bytes() >= 100_000, s.usage("L0").toString());
        Files.writeString(ctr.dir().resolve("x"), "x");
        assertEquals(2, s.usage("ctr").inodes());
    }

    @Test
    void rootsOverlayCannotNameAreRefusedBeforeLocking() {
        Path bad = tmp.resolve("a:b");
        BerthException e = assertThrows(BerthException.class, () -> OverlaySnapshotter.open(bad));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertFalse(Files.exists(bad));
    }

    @Test
    void failedPrepareLeavesNothing() {
        layer("L0", null);
        assertThrows(BerthException.class, () -> s.prepare("L0", null));
        assertThrows(BerthException.class, () -> s.prepare("x", "missing"));
        assertEquals(List.of("L0"), s.walk().stream().map(SnapshotInfo::key).toList());
        try (var dirs = Files.list(root.resolve("snapshots"))) {
            assertEquals(1, dirs.count());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
