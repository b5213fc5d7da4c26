package dev.berth.snapshot.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.snapshot.ContainerLayers;
import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Mounter;
import dev.berth.snapshot.Prepared;
import dev.berth.snapshot.RootTestSupport;
import dev.berth.snapshot.SnapshotInfo;
import dev.berth.snapshot.Usage;
import dev.berth.snapshot.internal.FsCalls;
import dev.berth.snapshot.internal.MountInfo;
import dev.berth.snapshot.internal.OverlayOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real overlay mounts of overlay snapshots. Needs root. */
class OverlaySnapshotterIT extends RootTestSupport {
    OverlaySnapshotter s;
    Path rootfs;

    @BeforeEach
    void open() throws Exception {
        s = closeAfter(OverlaySnapshotter.open(dataRoot.resolve("snapshots/overlay"), false));
        rootfs = dir("rootfs");
    }

    /** Three layers: L0 has /a, /dir/x, /shared=0, /opq/old; L1 adds /b and /shared=1; L2 adds /c, /shared=2. */
    private void threeLayers() throws Exception {
        Prepared p = s.stage(null);
        Files.writeString(p.dir().resolve("a"), "a from L0");
        Files.createDirectories(p.dir().resolve("dir"));
        Files.writeString(p.dir().resolve("dir/x"), "x from L0");
        Files.writeString(p.dir().resolve("shared"), "0");
        Files.createDirectories(p.dir().resolve("opq"));
        Files.writeString(p.dir().resolve("opq/old"), "old");
        s.commit("L0", p.key());
        p = s.stage("L0");
        Files.writeString(p.dir().resolve("b"), "b from L1");
        Files.writeString(p.dir().resolve("shared"), "1");
        s.commit("L1", p.key());
        p = s.stage("L1");
        Files.writeString(p.dir().resolve("c"), "c from L2");
        Files.writeString(p.dir().resolve("shared"), "2");
        s.commit("L2", p.key());
    }

    private Path fsOf(String key) {
        // committed keys map to ids in creation order in these tests; read it back from a view's plan instead of guessing
        List<Mount> m = s.view(key + "-peek", key);
        try {
            return Path.of(m.get(0).type().equals("bind") ? m.get(0).source() : m.get(0).lowerDirs().get(0));
        } finally {
            s.remove(key + "-peek");
        }
    }

    @Test
    void threeLayersMergeAndWritesStayInTheUpper() throws Exception {
        threeLayers();
        Prepared ctr = s.prepare("ctr", "L2");
        mounter.mount(s.mounts("ctr"), rootfs);
        try {
            assertEquals("a from L0", Files.readString(rootfs.resolve("a")));
            assertEquals("b from L1", Files.readString(rootfs.resolve("b")));
            assertEquals("c from L2", Files.readString(rootfs.resolve("c")));
            assertEquals("2", Files.readString(rootfs.resolve("shared")), "the topmost layer wins");
            assertEquals("x from L0", Files.readString(rootfs.resolve("dir/x")));

            Files.writeString(rootfs.resolve("a"), "changed in the container");
            Files.writeString(rootfs.resolve("new"), "new");
            Files.delete(rootfs.resolve("b"));
            assertFalse(Files.exists(rootfs.resolve("b")));
        } finally {
            mounter.unmount(rootfs);
        }
        assertEquals(List.of(), mounter.mountsUnder(rootfs));
        assertEquals("a from L0", Files.readString(fsOf("L0").resolve("a")), "copy-on-write: the layer is unchanged");
        assertEquals("b from L1", Files.readString(fsOf("L1").resolve("b")));
        assertEquals("changed in the container", Files.readString(ctr.dir().resolve("a")));
        assertEquals("new", Files.readString(ctr.dir().resolve("new")));
        FsCalls.Stat wh = FsCalls.lstat(ctr.dir().resolve("b").toString());
        assertTrue(wh.isCharDevice(), "the kernel recorded the deletion as a whiteout in the upper");
        assertFalse(Files.exists(ctr.dir().resolve("c")), "untouched files are not copied up");
    }

    @Test
    void whiteoutInALayerHidesTheFileBelow() throws Exception {
        threeLayers();
        Prepared p = s.stage("L2");
        assertEquals(dev.berth.snapshot.WhiteoutMode.OVERLAY, p.whiteouts());
        whiteout(p.dir().resolve("a"));
        Files.createDirectories(p.dir().resolve("dir"));
        whiteout(p.dir().resolve("dir/x"));
        s.commit("L3", p.key());
        s.prepare("ctr", "L3");
        mounter.mount(s.mounts("ctr"), rootfs);
        try {
            assertFalse(Files.exists(rootfs.resolve("a")), "whited out");
            assertFalse(Files.exists(rootfs.resolve("dir/x")));
            assertTrue(Files.isDirectory(rootfs.resolve("dir")));
            assertEquals("b from L1", Files.readString(rootfs.resolve("b")));
            try (Stream<Path> names = Files.list(rootfs)) {
                assertFalse(names.anyMatch(n -> n.getFileName().toString().equals("a")), "not even listed");
            }
        } finally {
            mounter.unmount(rootfs);
        }
        assertEquals("a from L0", Files.readString(fsOf("L0").resolve("a")));
    }

    @Test
    void opaqueDirectoryHidesEverythingBelowIt() throws Exception {
        threeLayers();
        Prepared p = s.stage("L2");
        Files.createDirectories(p.dir().resolve("opq"));
        opaque(p.dir().resolve("opq"));
        Files.writeString(p.dir().resolve("opq/new"), "new");
        Files.createDirectories(p.dir().resolve("dir"));
        Files.writeString(p.dir().resolve("dir/y"), "y"); // a plain directory merges instead
        s.commit("L3", p.key());
        s.prepare("ctr", "L3");
        mounter.mount(s.mounts("ctr"), rootfs);
        try (Stream<Path> opq = Files.list(rootfs.resolve("opq")); Stream<Path> dir = Files.list(rootfs.resolve("dir"))) {
            assertEquals(List.of("new"), opq.map(x -> x.getFileName().toString()).toList());
            assertEquals(List.of("x", "y"), dir.map(x -> x.getFileName().toString()).sorted().toList());
        } finally {
            mounter.unmount(rootfs);
        }
    }

    @ParameterizedTest
    @EnumSource(Mounter.LongOverlay.class)
    void sixtyLayerStackMountsBeyondThePageLimit(Mounter.LongOverlay how) throws Exception {
        s.close();
        // a long data root, as a user's --data-root may be, pushes 60 absolute lowerdirs past one page
        Path longRoot = dataRoot.resolve("data-root-with-a-long-name-".repeat(3) + "x/snapshots/overlay");
        s = closeAfter(OverlaySnapshotter.open(longRoot, false));
        String parent = null;
        for (int i = 0; i < 60; i++) {
            Prepared p = s.stage(parent);
            Files.writeString(p.dir().resolve("layer-" + i), Integer.toString(i));
            Files.writeString(p.dir().resolve("top"), Integer.toString(i));
            if (i == 0) Files.writeString(p.dir().resolve("bottom-file"), "from the bottom layer");
            s.commit("layer" + i, p.key());
            parent = "layer" + i;
        }
        s.prepare("ctr", parent);
        List<Mount> mounts = s.mounts("ctr");
        assertEquals(60, mounts.get(0).lowerDirs().size());
        String data = String.join(",", mounts.get(0).options());
        assertFalse(OverlayOptions.fitsInPage(data), "precondition: the options are " + data.length() + " bytes");

        Path cwdBefore = Files.readSymbolicLink(Path.of("/proc/self/cwd"));
        new Mounter(how).mount(mounts, rootfs);
        try {
            assertEquals("from the bottom layer", Files.readString(rootfs.resolve("bottom-file")));
            assertEquals("59", Files.readString(rootfs.resolve("top")), "layer order kept: the last layer is on top");
            for (int i = 0; i < 60; i++) assertEquals(Integer.toString(i), Files.readString(rootfs.resolve("layer-" + i)));
            Files.writeString(rootfs.resolve("written"), "w");
            MountInfo.Entry e = MountInfo.parse(Files.readString(Path.of("/proc/self/mountinfo"))).stream()
                    .filter(m -> m.mountPoint().equals(rootfs)).findFirst().orElseThrow();
            assertEquals("overlay", e.fsType());
            if (how == Mounter.LongOverlay.PRIVATE_CWD)
                assertTrue(e.superOptions().contains("lowerdir=60/fs:59/fs:"), "relative lowerdirs: " + e.superOptions());
            else
                assertTrue(e.superOptions().contains("lowerdir+=" + longRoot.resolve("snapshots/60/fs") + ","), "one lowerdir+ per layer: " + e.superOptions());
        } finally {
            mounter.unmount(rootfs);
        }
        assertEquals("w", Files.readString(longRoot.resolve("snapshots/61/fs/written")));
        assertEquals(cwdBefore, Files.readSymbolicLink(Path.of("/proc/self/cwd")), "the JVM's working directory is untouched");
    }

    @ParameterizedTest
    @EnumSource(Mounter.LongOverlay.class)
    void aMissingLayerIsReportedByPath(Mounter.LongOverlay how) throws Exception {
        List<java.nio.file.Path> lowers = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) lowers.add(dir("layers/" + "l".repeat(40) + i));
        Path missing = dataRoot.resolve("layers/gone");
        lowers.add(40, missing);
        Mount m = Mount.overlay(OverlayOptions.writable(lowers, dir("up"), dir("work")));
        BerthException e = assertThrows(BerthException.class, () -> new Mounter(how).mount(List.of(m), rootfs));
        assertEquals(BerthException.Kind.NOT_FOUND, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), "names the missing layer: " + e.getMessage());
        assertEquals(List.of(), mounter.mountsUnder(rootfs));
    }

    @Test
    void viewIsReadOnly() throws Exception {
        threeLayers();
        mounter.mount(s.view("v", "L2"), rootfs);
        try {
            assertEquals("2", Files.readString(rootfs.resolve("shared")));
            assertEquals("a from L0", Files.readString(rootfs.resolve("a")));
            FileSystemException e = assertThrows(FileSystemException.class, () -> Files.writeString(rootfs.resolve("nope"), "x"));
            assertTrue(String.valueOf(e.getReason()).contains("Read-only"), String.valueOf(e.getReason()));
        } finally {
            mounter.unmount(rootfs);
        }
        mounter.mount(s.view("v0", "L0"), rootfs); // one layer: a read-only bind
        try {
            assertEquals("0", Files.readString(rootfs.resolve("shared")));
            assertThrows(FileSystemException.class, () -> Files.writeString(rootfs.resolve("nope"), "x"));
        } finally {
            mounter.unmount(rootfs);
        }
    }

    @Test
    void removeIsRefusedWhileChildrenExist() throws Exception {
        threeLayers();
        s.prepare("ctr", "L2");
        for (String k : List.of("L0", "L1", "L2")) {
            BerthException e = assertThrows(BerthException.class, () -> s.remove(k));
            assertEquals(BerthException.Kind.CONFLICT, e.kind(), e.getMessage());
        }
        assertEquals("a from L0", Files.readString(fsOf("L0").resolve("a")));
        s.remove("ctr");
        s.remove("L2");
        s.remove("L1");
        s.remove("L0");
        assertEquals(List.<SnapshotInfo>of(), s.walk());
        try (Stream<Path> left = Files.list(dataRoot.resolve("snapshots/overlay/snapshots"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void usageOfAContainerUpperMatchesDu() throws Exception {
        threeLayers();
        Prepared ctr = s.prepare("ctr", "L2");
        assertEquals(new Usage(4096, 1), s.usage("ctr"), "an empty upper: one directory block");
        mounter.mount(s.mounts("ctr"), rootfs);
        try {
            byte[] data = new byte[1 << 20];
            new java.util.Random(7).nextBytes(data);
            Files.write(rootfs.resolve("megabyte"), data);
            Files.createLink(rootfs.resolve("megabyte-link"), rootfs.resolve("megabyte"));
            Files.writeString(rootfs.resolve("a"), "copied up");
        } finally {
            mounter.unmount(rootfs);
        }
        Usage u = s.usage("ctr");
        assertEquals(3, u.inodes(), "upper dir, megabyte (+ its link), a");
        assertTrue(u.bytes() >= (1 << 20) && u.bytes() < (1 << 20) + 64 * 1024, u.toString());
        Process du = new ProcessBuilder("du", "-s", "-x", "--block-size=1", ctr.dir().toString()).start();
        assertEquals(Long.parseLong(new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s+")[0]), u.bytes());
        assertEquals(0, du.waitFor());
        Usage l0 = s.usage("L0");
        assertEquals(7, l0.inodes(), "fs, a, dir, dir/x, shared, opq, opq/old: " + l0);
    }

    @Test
    void containerLayersMountInitOverImageAndCleanUp() throws Exception {
        threeLayers();
        ContainerLayers layers = new ContainerLayers(s);
        List<Mount> m = layers.create("ctr1", "L2", ContainerLayers.dockerInitFiles("ctr1", "127.0.0.1\tlocalhost\n", "nameserver 10.0.0.1\n"));
        assertEquals(4, m.get(0).lowerDirs().size(), "init + 3 image layers");
        mounter.mount(m, rootfs);
        try {
            assertEquals("ctr1\n", Files.readString(rootfs.resolve("etc/hostname")));
            assertEquals("nameserver 10.0.0.1\n", Files.readString(rootfs.resolve("etc/resolv.conf")));
            assertTrue(Files.isRegularFile(rootfs.resolve(".dockerenv")));
            assertEquals("c from L2", Files.readString(rootfs.resolve("c")));
            Files.writeString(rootfs.resolve("etc/hosts"), "edited");
        } finally {
            mounter.unmount(rootfs);
        }
        Path initFs = Path.of(m.get(0).lowerDirs().get(0));
        assertEquals("127.0.0.1\tlocalhost\n", Files.readString(initFs.resolve("etc/hosts")), "the init layer is read-only");
        layers.remove("ctr1");
        assertEquals(List.of("L0", "L1", "L2"), s.walk().stream().map(SnapshotInfo::key).toList());
        assertFalse(Files.exists(initFs));
    }

    @Test
    void aFailingMountListUndoesWhatItMounted() throws Exception {
        threeLayers();
        s.prepare("ctr", "L2");
        List<Mount> plan = new java.util.ArrayList<>(s.mounts("ctr"));
        plan.add(new Mount("bind", dataRoot.resolve("missing").toString(), "sub", List.of("rbind")));
        BerthException e = assertThrows(BerthException.class, () -> mounter.mount(plan, rootfs));
        assertEquals(BerthException.Kind.NOT_FOUND, e.kind(), e.getMessage());
        assertEquals(List.of(), mounter.mountsUnder(rootfs));
    }

    @Test
    void removingAMountedSnapshotsDirectoryIsRefusedNotFollowed() throws Exception {
        threeLayers();
        Prepared v = s.prepare("scratch", null);
        Files.createDirectories(v.dir().resolve("mnt"));
        mounter.mount(s.view("v", "L2"), v.dir().resolve("mnt"));
        try {
            BerthException e = assertThrows(BerthException.class, () -> s.remove("scratch"));
            assertEquals(BerthException.Kind.CONFLICT, e.kind());
            assertTrue(e.getMessage().contains("mounted at " + v.dir().resolve("mnt")), e.getMessage());
            assertEquals("a from L0", Files.readString(fsOf("L0").resolve("a")), "nothing below the mount was deleted");
            assertEquals("scratch", s.stat("scratch").key(), "still there");
        } finally {
            mounter.unmount(v.dir().resolve("mnt"));
        }
        s.remove("scratch");
    }

    @Test
    void removingTheUpperOfAMountedContainerIsRefused() throws Exception {
        threeLayers();
        s.prepare("ctr", "L2");
        mounter.mount(s.mounts("ctr"), rootfs);
        try {
            BerthException e = assertThrows(BerthException.class, () -> s.remove("ctr"));
            assertEquals(BerthException.Kind.CONFLICT, e.kind());
            assertTrue(e.getMessage().contains("overlay at " + rootfs + " (upperdir)"), e.getMessage());
        } finally {
            mounter.unmount(rootfs);
        }
        s.remove("ctr");
    }
}
