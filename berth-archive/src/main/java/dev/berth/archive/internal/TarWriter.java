package dev.berth.archive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a POSIX (PAX) tar stream: a ustar header per entry, preceded by a PAX extended header when a
 * value does not fit ustar (long or non-ASCII names, ids above 2097151, sizes of 8 GiB and more,
 * sub-second or negative times, atimes) or when the entry has xattrs (SCHILY.xattr.*, exact bytes).
 * Output depends only on the entries given, so equal input gives equal bytes.
 *
 * <p>Use: {@code header(e)}, then exactly {@code e.size()} bytes of {@code data(...)}, then
 * {@code endEntry()}; {@code finish()} writes the end-of-archive blocks. The stream is not closed.
 */
public final class TarWriter {
    private static final int BLOCK = 512;
    private static final byte[] ZEROS = new byte[BLOCK * 2];

    private final OutputStream out;
    private long expected;
    private long written;
    private String current = "";

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes the header(s) of e. With preciseTimes the mtime keeps its nanoseconds and the atime is
     * recorded (PAX); otherwise times are whole seconds and there is no atime, as Docker's layers.
     */
    public void header(TarEntry e, boolean preciseTimes) throws IOException {
        if (written != expected) throw new IllegalStateException("previous entry " + current + " incomplete");
        byte[] h = new byte[BLOCK];
        ByteArrayOutputStream pax = new ByteArrayOutputStream();
        String name = e.name();
        if (!putName(h, name)) PaxRecords.append(pax, PaxRecords.PATH, RawNames.toBytes(name));
        String link = e.linkName() == null ? "" : e.linkName();
        if (link.length() > 100 || !isAscii(link)) PaxRecords.append(pax, PaxRecords.LINKPATH, RawNames.toBytes(link));
        putString(h, 157, 100, link);
        TarNumbers.formatOctal(h, 100, 8, e.mode() & 07777);
        putId(h, 108, e.uid(), PaxRecords.UID, pax);
        putId(h, 116, e.gid(), PaxRecords.GID, pax);
        long size = TarEntry.isHeaderOnly(e.type()) ? 0 : e.size();
        if (!TarNumbers.formatOctal(h, 124, 12, size)) {
            TarNumbers.formatOctal(h, 124, 12, 0);
            PaxRecords.append(pax, PaxRecords.SIZE, ascii(Long.toString(size)));
        }
        int nsec = preciseTimes ? e.mtimeNsec() : 0;
        if (!TarNumbers.formatOctal(h, 136, 12, e.mtimeSec()) || nsec != 0) {
            if (!TarNumbers.formatOctal(h, 136, 12, e.mtimeSec())) TarNumbers.formatOctal(h, 136, 12, 0);
            PaxRecords.append(pax, PaxRecords.MTIME, ascii(TarNumbers.formatPaxTime(e.mtimeSec(), nsec)));
        }
        if (preciseTimes && e.hasAtime()) {
            PaxRecords.append(pax, PaxRecords.ATIME, ascii(TarNumbers.formatPaxTime(e.atimeSec(), e.atimeNsec())));
        }
        for (Map.Entry<String, byte[]> x : new TreeMap<>(e.xattrs()).entrySet()) {
            PaxRecords.append(pax, PaxRecords.XATTR_PREFIX + x.getKey(), x.getValue());
        }
        h[156] = e.type();
        putString(h, 257, 6, "ustar");
        h[263] = '0';
        h[264] = '0';
        putDevice(h, 329, e.devMajor());
        putDevice(h, 337, e.devMinor());
        if (pax.size() > 0) writePax(name, pax.toByteArray());
        checksum(h);
        out.write(h);
        expected = size;
        written = 0;
        current = name;
    }

    public void data(byte[] b, int off, int len) throws IOException {
        if (written + len > expected) throw new IOException("entry " + RawNames.display(current) + " got more data than its size " + expected);
        out.write(b, off, len);
        written += len;
    }

    public void endEntry() throws IOException {
        if (written != expected) {
            throw new IOException("entry " + RawNames.display(current) + " has " + written + " bytes, its header says " + expected);
        }
        pad(expected);
        expected = written = 0;
    }

    public void finish() throws IOException {
        out.write(ZEROS);
        out.flush();
    }

    private void writePax(String name, byte[] records) throws IOException {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String dir = TarPaths.parent(trimmed);
        String paxName = TarPaths.join(dir, "PaxHeaders.0/" + TarPaths.base(trimmed));
        byte[] h = new byte[BLOCK];
        putString(h, 0, 100, paxName.length() > 100 || !isAscii(paxName) ? "PaxHeaders.0/entry" : paxName);
        TarNumbers.formatOctal(h, 100, 8, 0644);
        TarNumbers.formatOctal(h, 108, 8, 0);
        TarNumbers.formatOctal(h, 116, 8, 0);
        TarNumbers.formatOctal(h, 124, 12, records.length);
        TarNumbers.formatOctal(h, 136, 12, 0);
        h[156] = TarEntry.PAX;
        putString(h, 257, 6, "ustar");
        h[263] = '0';
        h[264] = '0';
        checksum(h);
        out.write(h);
        out.write(records);
        pad(records.length);
    }

    /** Puts name in the ustar name (and prefix) fields; false when it needs a PAX path record. */
    private static boolean putName(byte[] h, String name) {
        if (!isAscii(name)) {
            putString(h, 0, 100, name.length() > 100 ? name.substring(0, 100) : name);
            return false;
        }
        if (name.length() <= 100) {
            putString(h, 0, 100, name);
            return true;
        }
        for (int i = name.length() - 1; i > 0; i--) {
            if (name.charAt(i) != '/') continue;
            if (i <= 155 && name.length() - i - 1 <= 100 && name.length() - i - 1 > 0) {
                putString(h, 345, 155, name.substring(0, i));
                putString(h, 0, 100, name.substring(i + 1));
                return true;
            }
            if (i < name.length() - 101) break;
        }
        putString(h, 0, 100, name.substring(0, 100));
        return false;
    }

    private static void putId(byte[] h, int off, int id, String key, ByteArrayOutputStream pax) {
        long v = Integer.toUnsignedLong(id);
        if (!TarNumbers.formatOctal(h, off, 8, v)) {
            TarNumbers.formatOctal(h, off, 8, 0);
            PaxRecords.append(pax, key, ascii(Long.toString(v)));
        }
    }

    private static void putDevice(byte[] h, int off, int v) {
        long x = Integer.toUnsignedLong(v);
        if (!TarNumbers.formatOctal(h, off, 8, x)) TarNumbers.formatBase256(h, off, 8, x);
    }

    private static void putString(byte[] h, int off, int len, String raw) {
        for (int i = 0; i < Math.min(len, raw.length()); i++) h[off + i] = (byte) raw.charAt(i);
    }

    private static void checksum(byte[] h) {
        for (int i = 148; i < 156; i++) h[i] = ' ';
        long sum = 0;
        for (byte b : h) sum += b & 0xff;
        TarNumbers.formatOctal(h, 148, 7, sum);
        h[155] = ' ';
    }

    private void pad(long size) throws IOException {
        int p = (int) ((BLOCK - (size % BLOCK)) % BLOCK);
        if (p > 0) out.write(ZEROS, 0, p);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0) return false;
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
