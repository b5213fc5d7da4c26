package dev.berth.image.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** The outer tar of an image archive: entries owned by root (0:0), files 0644, directories 0755, as docker save writes them. */
final class ArchiveTarWriter {
    private final TarArchiveOutputStream tar;

    ArchiveTarWriter(OutputStream out) {
        tar = new TarArchiveOutputStream(out, 512, "UTF-8"); // no record padding, like Go's archive/tar
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    void dir(String name, Instant mtime) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        owned(e, 040755, mtime);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    void file(String name, byte[] data, Instant mtime) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        owned(e, 0100644, mtime);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    /** A file of exactly size bytes from in (fails if in has fewer; extra bytes are not read). */
    void file(String name, long size, InputStream in, Instant mtime) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        owned(e, 0100644, mtime);
        e.setSize(size);
        tar.putArchiveEntry(e);
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new IOException(name + ": the data ended " + left + " bytes early");
            tar.write(buf, 0, n);
            left -= n;
        }
        tar.closeArchiveEntry();
    }

    void symlink(String name, String target, Instant mtime) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        owned(e, 0120777, mtime);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    /** Writes the end of the archive and flushes; the stream stays open. */
    void finish() throws IOException {
        tar.finish();
        tar.flush();
    }

    private static void owned(TarArchiveEntry e, int mode, Instant mtime) {
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setLastModifiedTime(FileTime.from(mtime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }
}
