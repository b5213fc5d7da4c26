package dev.berth.snapshot.nativefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.snapshot.ContainerLayers;
import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Prepared;
import dev.berth.snapshot.RootTestSupport;
import dev.berth.snapshot.SnapshotInfo;
import dev.berth.snapshot.Usage;
import dev.berth.snapshot.WhiteoutMode;
import dev.berth.sys.Libc;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native (full copy) snapshotter with real bind mounts and special files. Needs root. */
class NativeSnapshotterIT extends RootTestSupport {
    NativeSnapshotter s;
    Path rootfs;

    @BeforeEach
    void open() throws Exception {
        s = closeAfter(NativeSnapshotter.open(dataRoot.resolve("snapshots/native")));
        rootfs = dir("rootfs");
    }

    private static Object attr(Path p, String name) throws Exception {
        return Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void copyKeepsOwnersModesXattrsHardLinksAndSpecialFiles() throws Exception {
        Prepared p = s.stage(null);
        Path base = p.dir();
        Path suid = base.resolve("suid");
        Files.writeString(suid, "binary");
        Libc.lchown(suid.toString(), 1234, 5678);
        assertEquals(0, new ProcessBuilder("chmod", "4750", suid.toString()).start().waitFor());
        Files.setLastModifiedTime(suid, FileTime.fromMillis(1_000_000_000_000L));
        Libc.lsetxattr(suid.toString(), "user.note", "u".getBytes(StandardCharsets.UTF_8));
        Libc.lsetxattr(suid.toString(), "trusted.note", "t".getBytes(StandardCharsets.UTF_8));
        Files.createLink(base.resolve("hardlink"), suid);
        Libc.mknod(base.resolve("null").toString(), 0020666, Libc.makedev(1, 3));
        Libc.mkfifo(base.resolve("fifo").toString(), 0600);
        Files.createSymbolicLink(base.resolve("dangling"), Path.of("/nonexistent/target"));
        s.commit("L0", p.key());

        Path copy = s.stage("L0").dir();
        Path c = copy.resolve("suid");
        assertEquals(1234, attr(c, "uid"));
        assertEquals(5678, attr(c, "gid"));
        assertEquals(0104750, attr(c, "mode"));
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(c));
        assertArrayEquals("u".getBytes(StandardCharsets.UTF_8), Libc.lgetxattr(c.toString(), "user.note"));
        assertArrayEquals("t".getBytes(StandardCharsets.UTF_8), Libc.lgetxattr(c.toString(), "trusted.note"));
        assertEquals(attr(c, "ino"), attr(copy.resolve("hardlink"), "ino"), "hard links stay linked in the copy");
        assertNotEquals(attr(suid, "ino"), attr(c, "ino"), "but are not linked to the parent's file");
        assertEquals(0020000, (int) attr(copy.resolve("null"), "mode") & 0170000);
        assertEquals(attr(base.resolve("null"), "mode"), attr(copy.resolve("null"), "mode"));
        assertEquals(Libc.makedev(1, 3), attr(copy.resolve("null"), "rdev"));
        assertEquals(0010600, attr(copy.resolve("fifo"), "mode"));
        assertEquals(attr(base.resolve("null"), "uid"), attr(copy.resolve("null"), "uid"));
        assertEquals(Path.of("/nonexistent/target"), Files.readSymbolicLink(copy.resolve("dangling")));
    }

    @Test
    void layersContainerAndCopyOnWrite() throws Exception {
        Prepared p = s.stage(null);
        assertEquals(WhiteoutMode.DELETE, p.whiteouts());
        Files.writeString(p.dir().resolve("a"), "a from L0");
        Files.createDirectories(p.dir().resolve("opq"));
        Files.writeString(p.dir().resolve("opq/old"), "old");
        s.commit("L0", p.key());
        p = s.stage("L0");
        Files.writeString(p.dir().resolve("b"), "b from L1");
        Files.delete(p.dir().resolve("a")); // the layer's whiteout for /a
        Files.delete(p.dir().resolve("opq/old")); // an opaque /opq: emptied, then filled
        Files.writeString(p.dir().resolve("opq/new"), "new");
        s.commit("L1", p.key());
        p = s.stage("L1");
        Files.writeString(p.dir().resolve("c"), "c from L2");
        s.commit("L2", p.key());

        Prepared ctr = s.prepare("ctr", "L2");
        List<Mount> m = s.mounts("ctr");
        assertEquals(List.of(Mount.bind(ctr.dir(), false)), m);
        mounter.mount(m, rootfs);
        try {
            assertFalse(Files.exists(rootfs.resolve("a")));
            assertEquals("b from L1", Files.readString(rootfs.resolve("b")));
            assertEquals("c from L2", Files.readString(rootfs.resolve("c")));
            try (var opq = Files.list(rootfs.resolve("opq"))) {
                assertEquals(List.of("new"), opq.map(x -> x.getFileName().toString()).toList());
            }
            Files.writeString(rootfs.resolve("b"), "changed");
            Files.delete(rootfs.resolve("c"));
        } finally {
            mounter.unmount(rootfs);
        }
        List<Mount> view = s.view("v", "L2");
        Path l2 = Path.of(view.get(0).source());
        assertEquals("b from L1", Files.readString(l2.resolve("b")), "the committed layer is unchanged");
        assertEquals("c from L2", Files.readString(l2.resolve("c")));
        assertEquals("changed", Files.readString(ctr.dir().resolve("b")));

        mounter.mount(view, rootfs);
        try {
            assertEquals("c from L2", Files.readString(rootfs.resolve("c")));
            assertThrows(FileSystemException.class, () -> Files.writeString(rootfs.resolve("c"), "x"));
        } finally {
            mounter.unmount(rootfs);
        }

        assertEquals(BerthException.Kind.CONFLICT, assertThrows(BerthException.class, () -> s.remove("L2")).kind());
        Usage full = s.usage("ctr"), layer = s.usage("L2");
        assertEquals(layer.inodes() - 1, full.inodes(), "a native container is a whole copy (less the deleted /c): " + full + " vs " + layer);
        s.remove("v");
        s.remove("ctr");
        s.remove("L2");
    }

    @Test
    void containerLayersOnNative() throws Exception {
        Prepared p = s.stage(null);
        Files.createDirectories(p.dir().resolve("etc"));
        Files.writeString(p.dir().resolve("etc/hosts"), "image hosts");
        Files.writeString(p.dir().resolve("etc/passwd"), "root:x:0:0::/:/bin/sh\n");
        s.commit("img", p.key());
        ContainerLayers layers = new ContainerLayers(s);
        mounter.mount(layers.create("c1", "img", ContainerLayers.dockerInitFiles("c1", "10.0.0.2 c1\n", "nameserver 10.0.0.1\n")), rootfs);
        try {
            assertEquals("10.0.0.2 c1\n", Files.readString(rootfs.resolve("etc/hosts")));
            assertEquals("root:x:0:0::/:/bin/sh\n", Files.readString(rootfs.resolve("etc/passwd")));
            assertTrue(Files.exists(rootfs.resolve(".dockerenv")));
        } finally {
            mounter.unmount(rootfs);
        }
        layers.remove("c1");
        assertEquals(List.of("img"), s.walk().stream().map(SnapshotInfo::key).toList());
    }
}
