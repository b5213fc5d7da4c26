package dev.berth.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-tar corpus. Each case is refused with a clear INVALID_ARGUMENT naming the entry, or is
 * shown to stay inside the target; after every case a sentinel tree outside the target (and the host's
 * /etc/passwd) must be byte-for-byte and metadata-for-metadata unchanged.
 */
class HostileTarIT {
    private static final TreeState.Options SENTINEL = new TreeState.Options(false, true, true);

    @TempDir
    Path tmp;
    private Path outside;
    private Path target;
    private Map<String, String> sentinelBefore;
    private String hostPasswd;

    @BeforeEach
    void sentinel() throws Exception {
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "top secret");
        Files.createDirectory(outside.resolve("sub"));
        Files.writeString(outside.resolve("sub/file"), "sub file");
        Files.createSymbolicLink(outside.resolve("sub/link"), Path.of("../secret"));
        target = Files.createDirectory(tmp.resolve("target"));
        sentinelBefore = TreeState.of(outside, SENTINEL);
        hostPasswd = TreeState.sha(Path.of("/etc/passwd"));
    }

    @AfterEach
    void sentinelUntouched() throws Exception {
        assertEquals(sentinelBefore, TreeState.of(outside, SENTINEL), "the tree outside the target changed");
        assertEquals(hostPasswd, TreeState.sha(Path.of("/etc/passwd")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(java.util.List.of("outside", "target"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "something appeared next to the target");
        }
    }

    private String out() {
        return outside.toString();
    }

    private BerthException refused(byte[] tar, ApplyOptions o, String entry, String reason) {
        BerthException e = assertThrows(BerthException.class, () -> new LayerApplier().apply(new ByteArrayInputStream(tar), target, o));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
        if (entry != null) assertTrue(e.getMessage().contains("\"" + entry + "\""), "message should name " + entry + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), "message should say " + reason + ": " + e.getMessage());
        return e;
    }

    private BerthException refused(byte[] tar, String entry, String reason) {
        return refused(tar, ApplyOptions.overlay(), entry, reason);
    }

    private void contained(byte[] tar, ApplyOptions o) {
        new LayerApplier().apply(new ByteArrayInputStream(tar), target, o);
    }

    @Test
    void dotDotNameIsRefused() {
        refused(new TestTars().file("../escape", "x").bytes(), "../escape", "path escapes the target");
        refused(new TestTars().file("./../../escape", "x").bytes(), "./../../escape", "path escapes the target");
    }

    @Test
    void dotDotInsideANameIsRefused() {
        refused(new TestTars().dir("a").file("a/../../escape", "x").bytes(), "a/../../escape", "path escapes the target");
    }

    @Test
    void absoluteNamesAreTakenRelativeToTheTargetLikeMoby() throws Exception {
        contained(new TestTars().file("/abs/path", "a").file("/../../abs2", "b").file(out() + "/secret", "planted").bytes(),
                ApplyOptions.overlay());
        assertEquals("a", Files.readString(target.resolve("abs/path")));
        assertEquals("b", Files.readString(target.resolve("abs2")));
        assertEquals("planted", Files.readString(target.resolve(out().substring(1) + "/secret")));
    }

    @Test
    void symlinkParentPointingOutsideIsRefused() {
        refused(new TestTars().symlink("link", out()).file("link/file", "x").bytes(), "link/file", "is not a directory inside the target");
        refused(new TestTars().symlink("a", "b").symlink("b", out()).file("a/x", "x").bytes(), "a/x", "is not a directory inside the target");
    }

    @Test
    void symlinkParentToSlashResolvesInsideTheTarget() throws Exception {
        contained(new TestTars().symlink("root", "/").file("root/etc/passwd", "evil").file("root/" + out() + "-x", "y").bytes(),
                ApplyOptions.overlay());
        assertEquals("evil", Files.readString(target.resolve("etc/passwd")));
        assertTrue(Files.isSymbolicLink(target.resolve("root")));
        assertTrue(Files.exists(target.resolve(out().substring(1) + "-x")));
    }

    @Test
    void symlinkParentWithRelativeEscapeIsClampedToTheTarget() throws Exception {
        contained(new TestTars().symlink("link", "../../../../../../..").file("link/file", "x")
                .dir("outside").symlink("deep/l2", "../../outside").file("deep/l2/secret", "y").bytes(), ApplyOptions.overlay());
        assertEquals("x", Files.readString(target.resolve("file")));
        assertEquals("y", Files.readString(target.resolve("outside/secret")));
    }

    @Test
    void fileReplacesASymlinkInsteadOfWritingThroughIt() throws Exception {
        contained(new TestTars().symlink("f", out() + "/secret").file("f", "pwned")
                .symlink("g", "../outside/secret").file("g", "pwned too").bytes(), ApplyOptions.overlay());
        assertFalse(Files.isSymbolicLink(target.resolve("f")));
        assertEquals("pwned", Files.readString(target.resolve("f")));
        assertEquals("pwned too", Files.readString(target.resolve("g")));
    }

    @Test
    void directoryEntryReplacesASymlinkToOutside() throws Exception {
        contained(new TestTars().symlink("d", out()).dir("d").file("d/file", "x").bytes(), ApplyOptions.overlay());
        assertTrue(Files.isDirectory(target.resolve("d"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("x", Files.readString(target.resolve("d/file")));
    }

    @Test
    void hardlinkOutOfTheTargetIsRefused() {
        refused(new TestTars().hardlink("h", "../outside/secret").bytes(), "h", "path escapes the target");
        refused(new TestTars().hardlink("h", out() + "/secret").bytes(), "h", "does not exist");
    }

    @Test
    void hardlinkThroughASymlinkedDirectoryIsRefused() {
        refused(new TestTars().symlink("d", out()).hardlink("h", "d/secret").bytes(), "h", "does not exist");
        refused(new TestTars().symlink("d2", "../../../../../..").hardlink("h2", "d2" + out() + "/secret").bytes(), "h2", "does not exist");
    }

    @Test
    void hardlinkToASymlinkLinksTheSymlinkItself() throws Exception {
        contained(new TestTars().symlink("l", out() + "/secret").hardlink("h", "l").bytes(), ApplyOptions.plain());
        assertTrue(Files.isSymbolicLink(target.resolve("h")));
        assertEquals(Files.readSymbolicLink(target.resolve("l")), Files.readSymbolicLink(target.resolve("h")));
    }

    @Test
    void devicesAreRefusedWhenNotAllowed() throws Exception {
        ApplyOptions noDevices = ApplyOptions.builder(ApplyOptions.Mode.OVERLAY).allowDevices(false).build();
        refused(new TestTars().device("mem", TarArchiveEntry.LF_CHR, 1, 1).bytes(), noDevices, "mem", "character device 1:1 is not allowed");
        refused(new TestTars().device("sda", TarArchiveEntry.LF_BLK, 8, 0).bytes(), noDevices, "sda", "block device 8:0 is not allowed");
        contained(new TestTars().device("wh", TarArchiveEntry.LF_CHR, 0, 0).device("fifo", TarArchiveEntry.LF_FIFO, 0, 0).bytes(), noDevices);
        assertTrue(OverlayIT.isWhiteoutDevice(target.resolve("wh")));
    }

    @Test
    void setuidAndSetgidFilesAreRefusedWhenNotAllowed() throws Exception {
        ApplyOptions noSetuid = ApplyOptions.builder(ApplyOptions.Mode.PLAIN).allowSetuid(false).build();
        refused(new TestTars().file("su", "x".getBytes(), 04755).bytes(), noSetuid, "su", "setuid/setgid mode 4755 is not allowed");
        refused(new TestTars().file("sg", "x".getBytes(), 02755).bytes(), noSetuid, "sg", "setuid/setgid mode 2755 is not allowed");
        TarArchiveEntry dir = new TarArchiveEntry("shared/", TarArchiveEntry.LF_DIR, true);
        dir.setMode(02775);
        contained(new TestTars().add(dir, null).bytes(), noSetuid);
        assertEquals(02775, ((Integer) Files.getAttribute(target.resolve("shared"), "unix:mode")) & 07777);
    }

    @Test
    void truncatedAndCorruptHeadersAreRefused() {
        byte[] good = new TestTars().file("a", "x".repeat(1000)).file("b", "y").bytes();
        refused(Arrays.copyOf(good, 300), null, "corrupt layer tar: archive truncated inside a header");
        refused(Arrays.copyOf(good, 1200), null, "corrupt layer tar: archive truncated inside the data of a");
        byte[] bad = good.clone();
        bad[5] ^= 0x41;
        refused(bad, null, "corrupt layer tar: header checksum mismatch at offset 0");
        byte[] badSize = TestTars.header("x", (byte) '0', 10);
        badSize[124] = 'z';
        refused(Arrays.copyOf(badSize, 2048), null, "corrupt layer tar:");
    }

    @Test
    void absurdExtendedHeadersAreRefused() {
        byte[] huge = Arrays.copyOf(TestTars.header("PaxHeaders.0/x", (byte) 'x', 8L << 30), 4096);
        refused(huge, null, "PAX header of 8589934592 bytes exceeds the limit");
        byte[] longName = Arrays.copyOf(TestTars.header("././@LongLink", (byte) 'L', 2L << 20), 4096);
        refused(longName, null, "GNU long name of 2097152 bytes exceeds the limit");
        byte[] records = "99999999999 path=x\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(TestTars.header("PaxHeaders.0/x", (byte) 'x', records.length));
        b.writeBytes(Arrays.copyOf(records, 512));
        b.writeBytes(new byte[2048]);
        refused(b.toByteArray(), null, "PAX record length 99999999999 out of range");
        byte[] nulRecord = "30 path=ok\0/../../../escape/x\n".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream n = new ByteArrayOutputStream();
        n.writeBytes(TestTars.header("PaxHeaders.0/nul", (byte) 'x', nulRecord.length));
        n.writeBytes(Arrays.copyOf(nulRecord, 512));
        n.writeBytes(TestTars.header("nul", (byte) '0', 0));
        n.writeBytes(new byte[1024]);
        refused(n.toByteArray(), null, "name contains a NUL byte");
    }

    @Test
    void oversizedEntryIsRefusedBeforeItsDataIsRead() throws Exception {
        ApplyOptions small = ApplyOptions.builder(ApplyOptions.Mode.OVERLAY).sizeLimit(1 << 20).build();
        refused(new TestTars().file("bomb", new byte[2 << 20], 0644).bytes(), small, "bomb", "exceeds the layer size limit of 1048576 bytes");
        assertFalse(Files.exists(target.resolve("bomb")));
    }

    @Test
    void decompressionBombIsStoppedAtTheLimit() throws Exception {
        TestTars t = new TestTars();
        for (int i = 0; i < 40; i++) t.file("zeros-" + i, new byte[1 << 20], 0644);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(t.bytes());
        }
        assertTrue(gz.size() < 200_000, "a small compressed layer: " + gz.size());
        long limit = 8L << 20;
        ApplyOptions o = ApplyOptions.builder(ApplyOptions.Mode.OVERLAY).sizeLimit(limit).build();
        refused(gz.toByteArray(), o, null, "layer refused: its uncompressed size exceeds the limit of 8388608 bytes");
        long written;
        try (Stream<Path> s = Files.walk(target)) {
            written = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(written <= limit, "wrote " + written + " bytes");
    }

    @Test
    void tooManyEntriesAreRefused() {
        TestTars t = new TestTars();
        for (int i = 0; i < 500; i++) t.file("f" + i, "");
        ApplyOptions o = ApplyOptions.builder(ApplyOptions.Mode.OVERLAY).entryLimit(100).build();
        refused(t.bytes(), o, null, "layer refused: it has more than 100 entries");
    }

    @Test
    void whiteoutsThroughASymlinkStayInside() throws Exception {
        contained(new TestTars().symlink("s", out()).file("s/.wh.secret", "").symlink("r", "../..").file("r/outside/.wh.secret", "")
                .bytes(), ApplyOptions.plain());
        refused(new TestTars().symlink("s", out()).file("s/.wh.secret", "").bytes(), ApplyOptions.overlay(), "s/.wh.secret",
                "is not a directory inside the target");
    }

    @Test
    void opaqueMarkersThroughASymlinkStayInside() {
        refused(new TestTars().symlink("s", out()).file("s/.wh..wh..opq", "").bytes(), ApplyOptions.plain(), "s/.wh..wh..opq",
                "is not a directory inside the target");
        refused(new TestTars().symlink("s", out()).file("s/.wh..wh..opq", "").bytes(), ApplyOptions.overlay(), "s/.wh..wh..opq",
                "is not a directory inside the target");
    }

    @Test
    void badWhiteoutNamesAreRefused() {
        refused(new TestTars().file("../.wh.secret", "").bytes(), ApplyOptions.plain(), "../.wh.secret", "path escapes the target");
        refused(new TestTars().file("dir/.wh..", "").bytes(), ApplyOptions.plain(), "dir/.wh..", "invalid whiteout name");
    }

    @Test
    void rootCanOnlyBeADirectory() {
        refused(new TestTars().file(".", "x".getBytes(), 0644).bytes(), ".", "the root of the layer can only be a directory");
    }

    @Test
    void appliedTreeHasNothingOutsideTheTarget() throws Exception {
        byte[] everything = new TestTars().symlink("link", out()).symlink("up", "../..").file("up/inside", "i")
                .hardlink("up/h", "up/inside").symlink("f", out() + "/secret").file("f", "replaced").bytes();
        contained(everything, ApplyOptions.plain());
        assertArrayEquals("i".getBytes(), Files.readAllBytes(target.resolve("h")));
        assertEquals("replaced", Files.readString(target.resolve("f")));
    }
}
