package dev.berth.snapshot.nativefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Prepared;
import dev.berth.snapshot.WhiteoutMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeSnapshotterTest {
    @TempDir
    Path tmp;
    NativeSnapshotter s;

    @BeforeEach
    void open() {
        s = NativeSnapshotter.open(tmp.resolve("native"), false);
    }

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void eachActiveSnapshotIsAFullCopyAndWhiteoutsAreDeletions() throws Exception {
        Prepared l0 = s.stage(null);
        assertEquals(WhiteoutMode.DELETE, l0.whiteouts());
        Files.createDirectories(l0.dir().resolve("etc"));
        Files.writeString(l0.dir().resolve("etc/os-release"), "base");
        Files.writeString(l0.dir().resolve("gone"), "deleted by the next layer");
        Files.setPosixFilePermissions(l0.dir().resolve("etc/os-release"), PosixFilePermissions.fromString("rw-r-----"));
        Files.createSymbolicLink(l0.dir().resolve("link"), Path.of("etc/os-release"));
        s.commit("L0", l0.key());

        Prepared l1 = s.stage("L0");
        assertEquals("base", Files.readString(l1.dir().resolve("etc/os-release")), "starts as a copy of the parent");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(l1.dir().resolve("etc/os-release"))));
        assertEquals(Path.of("etc/os-release"), Files.readSymbolicLink(l1.dir().resolve("link")));
        Files.delete(l1.dir().resolve("gone")); // what the applier does for a whiteout
        Files.writeString(l1.dir().resolve("etc/os-release"), "changed");
        s.commit("L1", l1.key());

        Path l0fs = s.root().resolve("snapshots/1/fs");
        assertEquals("base", Files.readString(l0fs.resolve("etc/os-release")), "the parent is untouched");
        assertTrue(Files.exists(l0fs.resolve("gone")));

        s.prepare("ctr", "L1");
        List<Mount> m = s.mounts("ctr");
        assertEquals(List.of(Mount.bind(s.root().resolve("snapshots/3/fs"), false)), m);
        assertFalse(Files.exists(s.root().resolve("snapshots/3/fs/gone")));
        assertEquals("changed", Files.readString(s.root().resolve("snapshots/3/fs/etc/os-release")));
    }

    @Test
    void viewBindsTheParentReadOnlyWithoutCopying() throws Exception {
        Prepared l0 = s.stage(null);
        Files.write(l0.dir().resolve("big"), new byte[200_000]);
        s.commit("L0", l0.key());
        assertEquals(List.of(Mount.bind(s.root().resolve("snapshots/1/fs"), true)), s.view("v", "L0"));
        assertEquals(1, s.usage("v").inodes());
    }
}
