package dev.berth.archive.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** TarWriter and TarReader against each other and against commons-compress. */
class TarCodecTest {
    private static final byte[] CAP = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final String LONG = "d".repeat(120) + "/" + "n".repeat(150);
    private static final String NON_UTF8 = RawNames.fromBytes(new byte[] {'f', (byte) 0xff, (byte) 0xfe}, 0, 3);

    private static TarEntry entry(String name, byte type, long size, int mode, int uid, int gid, long mtime, int nsec, String link,
                                  Map<String, byte[]> xattrs) {
        return new TarEntry(name, type, size, mode, uid, gid, mtime, nsec, false, 0, 0, link, 0, 0, xattrs);
    }

    private static byte[] write(List<TarEntry> entries, List<byte[]> data, boolean precise) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(out);
        for (int i = 0; i < entries.size(); i++) {
            w.header(entries.get(i), precise);
            byte[] d = data.get(i);
            if (d != null) w.data(d, 0, d.length);
            w.endEntry();
        }
        w.finish();
        return out.toByteArray();
    }

    private static List<TarEntry> readAll(byte[] tar, List<byte[]> contents) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<TarEntry> out = new ArrayList<>();
        for (TarEntry e; (e = r.next()) != null; ) {
            out.add(e);
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            byte[] buf = new byte[7];
            for (int n; (n = r.read(buf, 0, buf.length)) > 0; ) d.write(buf, 0, n);
            contents.add(d.toByteArray());
        }
        return out;
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        byte[] content = "hello world".getBytes(StandardCharsets.US_ASCII);
        List<TarEntry> in = List.of(
                entry("dir/", TarEntry.DIR, 0, 02755, 0, 0, 1700000000, 0, "", Map.of()),
                entry("dir/file", TarEntry.REG, content.length, 04755, 3000000, 7, 1700000001, 123456789, "",
                        Map.of("security.capability", CAP, "user.x", new byte[] {'v'})),
                entry(LONG, TarEntry.REG, 0, 0644, 0, 0, -5, 0, "", Map.of()),
                entry(NON_UTF8, TarEntry.SYMLINK, 0, 0777, 0, 0, 1, 0, "x".repeat(200), Map.of()),
                entry("hl", TarEntry.LINK, 0, 0644, 0, 0, 1, 0, "dir/file", Map.of()),
                new TarEntry("dev", TarEntry.CHAR, 0, 0600, 0, 0, 1, 0, false, 0, 0, "", 4095, 1048575, Map.of()),
                entry("fifo", TarEntry.FIFO, 0, 0600, 0, 0, 1, 0, "", Map.of()));
        List<byte[]> data = Arrays.asList(null, content, new byte[0], null, null, null, null);
        byte[] tar = write(in, data, true);
        List<byte[]> got = new ArrayList<>();
        List<TarEntry> out = readAll(tar, got);
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            TarEntry a = in.get(i), b = out.get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.type(), b.type());
            assertEquals(a.mode(), b.mode());
            assertEquals(a.uid(), b.uid());
            assertEquals(a.gid(), b.gid());
            assertEquals(a.mtimeSec(), b.mtimeSec(), a.name());
            assertEquals(a.mtimeNsec(), b.mtimeNsec());
            assertEquals(a.linkName(), b.linkName());
            assertEquals(a.devMajor(), b.devMajor());
            assertEquals(a.devMinor(), b.devMinor());
            assertEquals(a.xattrs().keySet(), b.xattrs().keySet());
            for (String k : a.xattrs().keySet()) assertArrayEquals(a.xattrs().get(k), b.xattrs().get(k));
        }
        assertArrayEquals(content, got.get(1));
    }

    @Test
    void outputIsDeterministicAndSecondsOnlyByDefault() throws IOException {
        List<TarEntry> in = List.of(entry("f", TarEntry.REG, 0, 0644, 0, 0, 1700000001, 999, "", Map.of("b", new byte[] {1}, "a", new byte[] {2})));
        List<byte[]> data = Arrays.asList(new byte[0]);
        byte[] one = write(in, data, false);
        assertArrayEquals(one, write(in, data, false));
        TarEntry back = readAll(one, new ArrayList<>()).getFirst();
        assertEquals(0, back.mtimeNsec());
        assertFalse(back.hasAtime());
    }

    @Test
    void commonsCompressReadsOurs() throws IOException {
        byte[] content = new byte[1000];
        Arrays.fill(content, (byte) 'z');
        byte[] tar = write(List.of(entry(LONG, TarEntry.REG, 1000, 0640, 5, 6, 1234567890, 0, "", Map.of("user.a", new byte[] {'b'}))),
                Arrays.asList(content), false);
        try (TarArchiveInputStream cc = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e = cc.getNextEntry();
            assertEquals(LONG, e.getName());
            assertEquals(1000, e.getSize());
            assertEquals(0640, e.getMode() & 07777);
            assertEquals(5, e.getLongUserId());
            assertEquals("b", e.getExtraPaxHeader("SCHILY.xattr.user.a"));
            assertArrayEquals(content, cc.readAllBytes());
            assertNull(cc.getNextEntry());
        }
    }

    @Test
    void readsCommonsCompressGnuAndPosixLongNames() throws IOException {
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(bos)) {
                t.setLongFileMode(mode);
                t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                TarArchiveEntry e = new TarArchiveEntry(LONG);
                e.setSize(3);
                e.setUserId(4000000);
                t.putArchiveEntry(e);
                t.write(new byte[] {1, 2, 3});
                t.closeArchiveEntry();
                TarArchiveEntry l = new TarArchiveEntry("sym", TarArchiveEntry.LF_SYMLINK);
                l.setLinkName("t".repeat(300));
                t.putArchiveEntry(l);
                t.closeArchiveEntry();
            }
            List<byte[]> data = new ArrayList<>();
            List<TarEntry> got = readAll(bos.toByteArray(), data);
            assertEquals(LONG, got.get(0).name());
            assertEquals(4000000, got.get(0).uid());
            assertArrayEquals(new byte[] {1, 2, 3}, data.get(0));
            assertEquals("t".repeat(300), got.get(1).linkName());
        }
    }

    private static byte[] oneFile() throws IOException {
        return write(List.of(entry("f", TarEntry.REG, 600, 0644, 0, 0, 1, 0, "", Map.of())), Arrays.asList(new byte[600]), false);
    }

    @Test
    void refusesBadChecksum() throws IOException {
        byte[] tar = oneFile();
        tar[10] ^= 1;
        TarFormatException e = assertThrows(TarFormatException.class, () -> readAll(tar, new ArrayList<>()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void refusesTruncation() throws IOException {
        byte[] tar = oneFile();
        assertThrows(TarFormatException.class, () -> readAll(Arrays.copyOf(tar, 300), new ArrayList<>()));
        assertThrows(TarFormatException.class, () -> readAll(Arrays.copyOf(tar, 900), new ArrayList<>()));
    }

    @Test
    void acceptsMissingEndBlocksLikeGo() throws IOException {
        byte[] tar = oneFile();
        assertEquals(1, readAll(Arrays.copyOf(tar, 512 + 1024), new ArrayList<>()).size());
    }

    @Test
    void refusesDataAfterASingleZeroBlock() throws IOException {
        byte[] tar = oneFile();
        byte[] bad = Arrays.copyOf(tar, tar.length + 512);
        System.arraycopy(tar, 0, bad, 512 + 1024 + 512, 512); // zero block, then a header again
        assertThrows(TarFormatException.class, () -> readAll(bad, new ArrayList<>()));
    }

    @Test
    void refusesOversizedExtendedHeaders() throws IOException {
        byte[] h = new byte[512];
        System.arraycopy("PaxHeaders.0/f".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 14);
        TarNumbers.formatOctal(h, 100, 8, 0644);
        TarNumbers.formatOctal(h, 124, 12, 1L << 32);
        h[156] = TarEntry.PAX;
        for (int i = 148; i < 156; i++) h[i] = ' ';
        long sum = 0;
        for (byte x : h) sum += x & 0xff;
        TarNumbers.formatOctal(h, 148, 7, sum);
        TarFormatException e = assertThrows(TarFormatException.class, () -> readAll(Arrays.copyOf(h, 4096), new ArrayList<>()));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }
}
