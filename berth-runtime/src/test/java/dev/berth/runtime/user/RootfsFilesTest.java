package dev.berth.runtime.user;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.sys.Libc;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RootfsFilesTest {
    @TempDir Path dir;
    Path rootfs;

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
        rootfs = dir.resolve("rootfs");
    }

    private Optional<byte[]> read(String path, int max) {
        return RootfsFiles.read(rootfs, path, max);
    }

    private BerthException fails(String path, int max) {
        return assertThrows(BerthException.class, () -> read(path, max));
    }

    @Test
    void readsARegularFileByAbsoluteOrRelativePath() throws Exception {
        Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        assertArrayEquals("127.0.0.1 localhost\n".getBytes(StandardCharsets.UTF_8), read("/etc/hosts", 100).orElseThrow());
        assertArrayEquals("127.0.0.1 localhost\n".getBytes(StandardCharsets.UTF_8), read("etc/hosts", 100).orElseThrow());
    }

    @Test
    void missingFilesAndMissingDirectoriesAreEmpty() throws Exception {
        assertTrue(read("/etc/passwd", 100).isEmpty());
        assertTrue(read("/no/such/dir/file", 100).isEmpty());
        Files.writeString(rootfs.resolve("afile"), "x");
        assertTrue(read("/afile/below", 100).isEmpty());
    }

    @Test
    void aMissingRootfsIsNotFound() {
        BerthException e = assertThrows(BerthException.class,
                () -> RootfsFiles.read(dir.resolve("absent"), "/etc/passwd", 100));
        assertEquals(BerthException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains(dir.resolve("absent").toString()), e.getMessage());
    }

    @Test
    void relativeSymlinksInsideTheRootfsAreFollowed() throws Exception {
        Files.createDirectories(rootfs.resolve("usr/lib"));
        Files.writeString(rootfs.resolve("usr/lib/os-release"), "ID=test\n");
        Files.createSymbolicLink(rootfs.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));
        assertEquals("ID=test\n", new String(read("/etc/os-release", 100).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void absoluteSymlinkTargetsAreTakenInsideTheRootfs() throws Exception {
        Path host = dir.resolve("host-secret");
        Files.writeString(host, "host data");
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), host);
        assertTrue(read("/etc/passwd", 100).isEmpty(), "the host file was read through an absolute symlink");
        Files.createSymbolicLink(rootfs.resolve("etc/group"), Path.of("/../../../../" + host));
        assertTrue(read("/etc/group", 100).isEmpty(), "the host file was read through /../..");
    }

    @Test
    void magicLinksAreRefused() {
        // Only procfs has magic links, so this looks at the host's own /proc, read-only: without
        // RESOLVE_NO_MAGICLINKS /proc/self/exe would open the java binary.
        BerthException e = assertThrows(BerthException.class,
                () -> RootfsFiles.read(Path.of("/"), "/proc/self/exe", Integer.MAX_VALUE - 16));
        assertEquals("/proc/self/exe in the container: too many levels of symbolic links", e.getMessage());
    }

    @Test
    void symlinkLoopsAreInvalid() throws Exception {
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("passwd"));
        BerthException e = fails("/etc/passwd", 100);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("/etc/passwd in the container: too many levels of symbolic links", e.getMessage());
    }

    @Test
    void directoriesAreNotRead() {
        BerthException e = fails("/etc", 100);
        assertEquals("/etc in the container is not a regular file", e.getMessage());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Libc.mkfifo(rootfs.resolve("etc/passwd").toString(), 0644);
        BerthException e = fails("/etc/passwd", 100);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("/etc/passwd in the container is not a regular file", e.getMessage());
    }

    @Test
    void theSizeIsCapped() throws Exception {
        Path big = rootfs.resolve("etc/passwd");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(UserResolver.MAX_FILE_BYTES + 1L);
        }
        BerthException e = fails("/etc/passwd", UserResolver.MAX_FILE_BYTES);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("/etc/passwd in the container is larger than 4194304 bytes", e.getMessage());
        Files.writeString(big, "12345");
        assertEquals(5, read("/etc/passwd", 5).orElseThrow().length);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, fails("/etc/passwd", 4).kind());
    }
}
