package dev.berth.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.snapshot.nativefs.NativeSnapshotter;
import dev.berth.snapshot.overlay.OverlaySnapshotter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLayersTest {
    @TempDir
    Path tmp;

    private static String image(Snapshotter s) throws Exception {
        Prepared p = s.stage(null);
        Files.createDirectories(p.dir().resolve("etc"));
        Files.writeString(p.dir().resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        s.commit("sha256:img", p.key());
        return "sha256:img";
    }

    @Test
    void initLayerIsCommittedUnderTheContainerAndWritableLayerOnTop() throws Exception {
        try (OverlaySnapshotter s = OverlaySnapshotter.open(tmp.resolve("o"), false)) {
            ContainerLayers layers = new ContainerLayers(s);
            List<Mount> mounts = layers.create("c1", image(s), ContainerLayers.dockerInitFiles("web", "127.0.0.1 localhost\n", "nameserver 1.1.1.1\n"));

            SnapshotInfo init = s.stat("c1-init");
            assertEquals(SnapshotKind.COMMITTED, init.kind());
            assertEquals("sha256:img", init.parent());
            assertEquals("c1-init", s.stat("c1").parent());
            assertEquals(SnapshotKind.ACTIVE, s.stat("c1").kind());

            Mount m = mounts.get(0);
            Path initFs = Path.of(m.lowerDirs().get(0));
            assertEquals(2, m.lowerDirs().size(), "lower = init + image");
            assertEquals("web\n", Files.readString(initFs.resolve("etc/hostname")));
            assertEquals("nameserver 1.1.1.1\n", Files.readString(initFs.resolve("etc/resolv.conf")));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(initFs.resolve(".dockerenv"))));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(initFs.resolve("etc/hosts"))));
            assertFalse(Files.exists(initFs.resolve("etc/passwd")), "the init layer holds only its own files");
            assertEquals(mounts, layers.mounts("c1"));

            assertEquals(BerthException.Kind.ALREADY_EXISTS,
                    assertThrows(BerthException.class, () -> layers.create("c1", "sha256:img", List.of())).kind());
            assertEquals(BerthException.Kind.CONFLICT, assertThrows(BerthException.class, () -> s.remove("sha256:img")).kind());

            layers.remove("c1");
            assertEquals(List.of("sha256:img"), s.walk().stream().map(SnapshotInfo::key).toList());
            layers.remove("c1"); // idempotent
            s.remove("sha256:img");
        }
    }

    @Test
    void aSymlinkedFileInTheImageIsReplacedNotFollowed() throws Exception {
        Path outside = tmp.resolve("host-hosts");
        Files.writeString(outside, "host file");
        try (NativeSnapshotter s = NativeSnapshotter.open(tmp.resolve("n"), false)) {
            Prepared p = s.stage(null);
            Files.createDirectories(p.dir().resolve("etc"));
            Files.createSymbolicLink(p.dir().resolve("etc/hosts"), outside);
            Files.createSymbolicLink(p.dir().resolve("run"), tmp);
            s.commit("img", p.key());
            ContainerLayers layers = new ContainerLayers(s);
            layers.create("c", "img", List.of(InitFile.of("/etc/hosts", "container hosts")));
            assertEquals("host file", Files.readString(outside));
            Path ctrFs = Path.of(layers.mounts("c").get(0).source());
            assertFalse(Files.isSymbolicLink(ctrFs.resolve("etc/hosts")));
            assertEquals("container hosts", Files.readString(ctrFs.resolve("etc/hosts")));

            BerthException e = assertThrows(BerthException.class,
                    () -> layers.create("d", "img", List.of(InitFile.of("/run/secrets/x", "y"))));
            assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
            assertTrue(e.getMessage().contains("/run is a symbolic link"), e.getMessage());
            assertFalse(Files.exists(tmp.resolve("secrets")));
            assertEquals(List.of("img", "c-init", "c"), s.walk().stream().map(SnapshotInfo::key).toList(), "the failed create left nothing");
        }
    }

    @Test
    void initFilePathsAreChecked() {
        assertThrows(BerthException.class, () -> InitFile.of("etc/hosts", ""));
        assertThrows(BerthException.class, () -> InitFile.of("/etc/../hosts", ""));
        assertThrows(BerthException.class, () -> InitFile.of("/", ""));
        assertThrows(BerthException.class, () -> new InitFile("/x", new byte[0], 04755));
    }
}
