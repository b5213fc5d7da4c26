package dev.berth.archive.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes a stream through while computing its SHA-256 and length. Past {@code limit} bytes it throws
 * {@link LimitExceededException}, so a decompression bomb is stopped while it is being read.
 */
public final class DigestingInputStream extends FilterInputStream {
    /** More bytes than the limit allowed. */
    public static final class LimitExceededException extends java.io.IOException {
        public LimitExceededException(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    private final MessageDigest digest;
    private final long limit;
    private long count;

    public DigestingInputStream(InputStream in, long limit) {
        super(in);
        this.digest = sha256();
        this.limit = limit;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            account(1);
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            account(n);
            digest.update(b, off, n);
        }
        return n;
    }

    private void account(int n) throws LimitExceededException {
        count += n;
        if (count > limit) throw new LimitExceededException(limit);
    }

    /** Skipping reads, so that the digest covers every byte. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 65536)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads the rest of the stream (for the digest of all of it). */
    public void drain() throws IOException {
        byte[] buf = new byte[65536];
        while (read(buf, 0, buf.length) >= 0) {
            // counting and hashing happen in read
        }
    }

    public long count() {
        return count;
    }

    /** "sha256:" and the hex digest of everything read so far. */
    public String digest() {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }
}
