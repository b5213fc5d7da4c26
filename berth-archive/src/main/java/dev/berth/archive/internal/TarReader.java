package dev.berth.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream (v7, ustar, GNU and PAX headers) the way Go's archive/tar does, keeping names and
 * xattr values as exact bytes. Limits: PAX headers and GNU long names above 1 MiB are refused (Go's
 * limit), sparse files are refused, global PAX headers are read and ignored (as moby does).
 *
 * <p>Use: {@code for (TarEntry e; (e = r.next()) != null; ) { read(...) the entry's data }}. Unread data
 * is skipped by reading it (so that a hashing stream underneath sees every byte).
 */
public final class TarReader {
    public static final int MAX_SPECIAL_SIZE = 1 << 20;
    private static final int BLOCK = 512;

    private final InputStream in;
    private final byte[] block = new byte[BLOCK];
    private final byte[] skipBuf = new byte[64 * 1024];
    private long remaining;
    private long padding;
    private long offset;
    private boolean done;
    private String currentName = "";

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    public TarEntry next() throws IOException {
        if (done) return null;
        skip(remaining + padding);
        remaining = padding = 0;
        String longName = null, longLink = null;
        Map<String, byte[]> pax = null;
        while (true) {
            long headerOffset = offset;
            if (!readBlock(true)) {
                if (longName != null || longLink != null || pax != null) throw corrupt("archive ends after an extended header");
                done = true;
                return null;
            }
            if (isZero(block)) {
                if (readBlock(true) && !isZero(block)) throw corrupt("data after an end-of-archive block at offset " + headerOffset);
                if (longName != null || longLink != null || pax != null) throw corrupt("archive ends after an extended header");
                done = true;
                return null;
            }
            verifyChecksum(headerOffset);
            byte type = block[156];
            long size = TarNumbers.parseNumeric(block, 124, 12);
            if (size < 0) throw corrupt("negative size in header at offset " + headerOffset);
            switch (type) {
                case TarEntry.PAX -> {
                    Map<String, byte[]> recs = PaxRecords.parse(readSpecial(size, "PAX header"));
                    if (pax == null) pax = new HashMap<>();
                    pax.putAll(recs);
                    continue;
                }
                case TarEntry.PAX_GLOBAL -> {
                    PaxRecords.parse(readSpecial(size, "global PAX header"));
                    continue;
                }
                case TarEntry.GNU_LONGNAME -> {
                    longName = cString(readSpecial(size, "GNU long name"));
                    continue;
                }
                case TarEntry.GNU_LONGLINK -> {
                    longLink = cString(readSpecial(size, "GNU long link name"));
                    continue;
                }
                case TarEntry.GNU_SPARSE -> throw TarFormatException.unsupported("sparse file " + RawNames.display(headerName()) + " is not supported");
                default -> {
                    TarEntry e = build(type, size, longName, longLink, pax);
                    remaining = TarEntry.isHeaderOnly(e.type()) ? 0 : e.size();
                    padding = (BLOCK - (remaining % BLOCK)) % BLOCK;
                    currentName = e.name();
                    return e;
                }
            }
        }
    }

    /** Reads data of the current entry; -1 when it is exhausted. */
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) return -1;
        int want = (int) Math.min(len, remaining);
        int n = in.read(b, off, want);
        if (n < 0) throw corrupt("archive truncated inside the data of " + RawNames.display(currentName));
        remaining -= n;
        offset += n;
        return n;
    }

    private TarEntry build(byte type, long size, String longName, String longLink, Map<String, byte[]> pax) throws IOException {
        boolean ustar = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a' && block[261] == 'r';
        boolean gnu = ustar && block[262] == ' ' && block[263] == ' ';
        boolean posix = ustar && block[262] == 0;
        boolean star = posix && block[508] == 't' && block[509] == 'a' && block[510] == 'r' && block[511] == 0;
        String name = headerName();
        if (posix) {
            String prefix = cString(block, 345, star ? 131 : 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
        }
        if (longName != null) name = longName;
        String link = cString(block, 157, 100);
        if (longLink != null) link = longLink;
        int mode = (int) (TarNumbers.parseNumeric(block, 100, 8) & 07777);
        long uid = TarNumbers.parseNumeric(block, 108, 8);
        long gid = TarNumbers.parseNumeric(block, 116, 8);
        long mtime = TarNumbers.parseNumeric(block, 136, 12);
        int mtimeNsec = 0;
        boolean hasAtime = false;
        long atime = 0;
        int atimeNsec = 0;
        if (gnu || star) {
            int at = gnu ? 345 : 476;
            if (!isZero(block, at, 12)) {
                atime = TarNumbers.parseNumeric(block, at, 12);
                hasAtime = true;
            }
        }
        int major = 0, minor = 0;
        if (type == TarEntry.CHAR || type == TarEntry.BLOCK) {
            major = (int) checkRange(TarNumbers.parseNumeric(block, 329, 8), 0xffffffffL, "device major");
            minor = (int) checkRange(TarNumbers.parseNumeric(block, 337, 8), 0xffffffffL, "device minor");
        }
        Map<String, byte[]> xattrs = new HashMap<>();
        if (pax != null) {
            for (Map.Entry<String, byte[]> r : pax.entrySet()) {
                String k = r.getKey();
                String v = PaxRecords.text(r.getValue());
                if (k.startsWith(PaxRecords.XATTR_PREFIX)) {
                    String xname = k.substring(PaxRecords.XATTR_PREFIX.length());
                    if (xname.isEmpty()) throw corrupt("PAX xattr record without a name");
                    xattrs.put(xname, r.getValue());
                    continue;
                }
                if (k.startsWith(PaxRecords.SPARSE_PREFIX)) {
                    throw TarFormatException.unsupported("sparse file " + RawNames.display(name) + " is not supported");
                }
                if (v.isEmpty()) continue;
                switch (k) {
                    case PaxRecords.PATH -> name = v;
                    case PaxRecords.LINKPATH -> link = v;
                    case PaxRecords.SIZE -> size = TarNumbers.parseDecimal(k, v, Long.MAX_VALUE);
                    case PaxRecords.UID -> uid = TarNumbers.parseDecimal(k, v, 0xffffffffL);
                    case PaxRecords.GID -> gid = TarNumbers.parseDecimal(k, v, 0xffffffffL);
                    case PaxRecords.MTIME -> {
                        long[] t = TarNumbers.parsePaxTime(k, v);
                        mtime = t[0];
                        mtimeNsec = (int) t[1];
                    }
                    case PaxRecords.ATIME -> {
                        long[] t = TarNumbers.parsePaxTime(k, v);
                        atime = t[0];
                        atimeNsec = (int) t[1];
                        hasAtime = true;
                    }
                    default -> { }
                }
            }
        }
        checkRange(uid, 0xffffffffL, "uid");
        checkRange(gid, 0xffffffffL, "gid");
        if (type == TarEntry.REG_OLD && name.endsWith("/")) type = TarEntry.DIR;
        return new TarEntry(name, type, size, mode, (int) uid, (int) gid, mtime, mtimeNsec, hasAtime, atime, atimeNsec,
                link, major, minor, xattrs);
    }

    private long checkRange(long v, long max, String what) throws TarFormatException {
        if (v < 0 || v > max) throw corrupt(what + " " + v + " out of range in the header of " + RawNames.display(headerName()));
        return v;
    }

    private String headerName() {
        return cString(block, 0, 100);
    }

    private byte[] readSpecial(long size, String what) throws IOException {
        if (size > MAX_SPECIAL_SIZE) {
            throw corrupt(what + " of " + size + " bytes exceeds the limit of " + MAX_SPECIAL_SIZE + " bytes");
        }
        byte[] data = new byte[(int) size];
        readFully(data, data.length, what);
        skip((BLOCK - (size % BLOCK)) % BLOCK);
        return data;
    }

    private void verifyChecksum(long headerOffset) throws TarFormatException {
        long stored;
        try {
            stored = TarNumbers.parseOctal(block, 148, 8);
        } catch (TarFormatException e) {
            throw corrupt("invalid header checksum field at offset " + headerOffset);
        }
        long unsigned = 0, signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) throw corrupt("header checksum mismatch at offset " + headerOffset);
    }

    /** Reads a full block; false at a clean end of stream (only allowed where eofOk). */
    private boolean readBlock(boolean eofOk) throws IOException {
        int got = 0;
        while (got < BLOCK) {
            int n = in.read(block, got, BLOCK - got);
            if (n < 0) {
                if (got == 0 && eofOk) return false;
                throw corrupt("archive truncated inside a header at offset " + offset);
            }
            got += n;
            offset += n;
        }
        return true;
    }

    private void readFully(byte[] b, int len, String what) throws IOException {
        int got = 0;
        while (got < len) {
            int n = in.read(b, got, len - got);
            if (n < 0) throw corrupt("archive truncated inside a " + what);
            got += n;
            offset += n;
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            int r = in.read(skipBuf, 0, (int) Math.min(skipBuf.length, n));
            if (r < 0) throw corrupt("archive truncated inside the data of " + RawNames.display(currentName));
            n -= r;
            offset += r;
        }
    }

    private static boolean isZero(byte[] b) {
        return isZero(b, 0, b.length);
    }

    private static boolean isZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) if (b[i] != 0) return false;
        return true;
    }

    private static String cString(byte[] b) {
        return cString(b, 0, b.length);
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return RawNames.fromBytes(b, off, end - off);
    }

    private static TarFormatException corrupt(String msg) {
        return new TarFormatException(msg);
    }
}
