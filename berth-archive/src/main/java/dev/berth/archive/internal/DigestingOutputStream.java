package dev.berth.archive.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Passes bytes through while computing their SHA-256 and count. Closing does not close the target. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = DigestingInputStream.sha256();
    private long count;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    public long count() {
        return count;
    }

    public String digest() {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }
}
