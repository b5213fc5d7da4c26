package dev.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.sys.Libc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarEntryGuardTest {
    private static byte[] tar(String name, byte[] content, int uid) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(content.length);
            e.setIds(uid, uid);
            e.setUserName("someone");
            t.putArchiveEntry(e);
            t.write(content);
            t.closeArchiveEntry();
            TarArchiveEntry dir = new TarArchiveEntry("d/");
            dir.setIds(uid, uid);
            t.putArchiveEntry(dir);
            t.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static byte[] through(byte[] tar, int fd, ArchiveService.PutOptions o) throws IOException {
        try (InputStream in = new TarEntryGuard(new ByteArrayInputStream(tar), fd, "/x", o)) {
            return in.readAllBytes();
        }
    }

    @Test
    void withoutCopyUidGidEveryEntryBelongsToRoot() throws IOException {
        byte[] content = "data".repeat(300).getBytes(StandardCharsets.UTF_8);
        byte[] out = through(tar("f.txt", content, 1234), -1, new ArchiveService.PutOptions(false, false));
        try (TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(out))) {
            TarArchiveEntry e = t.getNextEntry();
            assertEquals("f.txt", e.getName());
            assertEquals(0, e.getLongUserId());
            assertEquals(0, e.getLongGroupId());
            assertEquals("", e.getUserName());
            assertArrayEquals(content, t.readAllBytes());
            TarArchiveEntry d = t.getNextEntry();
            assertEquals("d/", d.getName());
            assertEquals(0, d.getLongUserId());
            assertNull(t.getNextEntry());
        }
    }

    @Test
    void withCopyUidGidTheTarPassesUnchanged() throws IOException {
        byte[] in = tar("f.txt", new byte[700], 1234);
        assertArrayEquals(in, through(in, -1, new ArchiveService.PutOptions(false, true)));
    }

    @Test
    void aFileMayNotReplaceADirectoryEvenUnderALongName(@TempDir Path dir) throws IOException {
        String longName = "n".repeat(150);
        Files.createDirectories(dir.resolve("sub").resolve(longName));
        int fd = Libc.open(dir.toString(), Libc.O_RDONLY | 0200000, 0);
        try {
            byte[] in = tar("sub/" + longName, new byte[10], 0);
            TarEntryGuard g = new TarEntryGuard(new ByteArrayInputStream(in), fd, "/x", new ArchiveService.PutOptions(true, true));
            IOException e = assertThrows(IOException.class, g::readAllBytes);
            assertTrue(e.getMessage().startsWith("cannot overwrite directory \"/x/sub/nnn"), e.getMessage());
            assertEquals(e.getMessage(), g.refusal());
            // A new name passes.
            byte[] other = tar("sub/other", new byte[10], 0);
            assertArrayEquals(other, through(other, fd, new ArchiveService.PutOptions(true, true)));
        } finally {
            Libc.close(fd);
        }
    }
}
