package dev.berth.archive;

import dev.berth.archive.internal.TarEntry;
import dev.berth.archive.internal.TarReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds test tars with commons-compress (an independent writer), names written exactly as given. */
final class TestTars {
    private final ByteArrayOutputStream bos = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out = new TarArchiveOutputStream(bos);

    TestTars() {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TestTars dir(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.LF_DIR, true);
        e.setMode(0755);
        return add(e, null);
    }

    TestTars file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TestTars file(String name, byte[] content, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
        e.setMode(mode);
        e.setSize(content.length);
        return add(e, content);
    }

    TestTars symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
        e.setLinkName(target);
        e.setMode(0777);
        return add(e, null);
    }

    TestTars hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK, true);
        e.setLinkName(target);
        e.setMode(0644);
        return add(e, null);
    }

    TestTars device(String name, byte type, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        e.setMode(0600);
        return add(e, null);
    }

    /** Entries get a fixed mtime (commons-compress would use "now"), so layers built in a test compare stably. */
    static final long MTIME = 1_600_000_000L;

    TestTars add(TarArchiveEntry e, byte[] content) {
        e.setModTime(MTIME * 1000);
        try {
            out.putArchiveEntry(e);
            if (content != null) out.write(content);
            out.closeArchiveEntry();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return this;
    }

    /** One raw ustar header block (valid checksum) for crafting broken archives; size is put in octal or base-256. */
    static byte[] header(String name, byte type, long size) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size < (1L << 33)) {
            octal(h, 124, 12, size);
        } else {
            h[124] = (byte) 0x80;
            for (int i = 135; i > 124; i--, size >>>= 8) h[i] = (byte) size;
        }
        octal(h, 136, 12, MTIME);
        h[156] = type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) h[i] = ' ';
        long sum = 0;
        for (byte b : h) sum += b & 0xff;
        octal(h, 148, 7, sum);
        return h;
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        s = "0".repeat(len - 1 - s.length()) + s;
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
    }

    /** The entries of a tar, read with the module's reader. */
    static List<TarEntry> read(byte[] tar) {
        try {
            TarReader r = new TarReader(new ByteArrayInputStream(tar));
            List<TarEntry> out = new ArrayList<>();
            for (TarEntry e; (e = r.next()) != null; ) out.add(e);
            return out;
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static List<String> names(byte[] tar) {
        return read(tar).stream().map(TarEntry::name).toList();
    }

    byte[] bytes() {
        try {
            out.finish();
            out.close();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return bos.toByteArray();
    }
}
