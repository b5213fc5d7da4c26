package dev.berth.archive.internal;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.berth.archive.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A layer stream opened for reading: compression detected from its magic bytes, the compressed and
 * the uncompressed side each hashed and counted while read (once when they are the same), the
 * uncompressed side bounded by a limit and the compressed side by a generous multiple of it.
 */
public final class LayerInput {
    private static final int BUFFER = 1 << 20;

    private final Compression compression;
    private final DigestingInputStream raw;
    private final InputStream decompressed;
    private final DigestingInputStream tar;

    private LayerInput(Compression compression, DigestingInputStream raw, InputStream decompressed, DigestingInputStream tar) {
        this.compression = compression;
        this.raw = raw;
        this.decompressed = decompressed;
        this.tar = tar;
    }

    public static LayerInput open(InputStream in, long sizeLimit) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(Compression.MAGIC_LENGTH);
        byte[] head = buffered.readNBytes(Compression.MAGIC_LENGTH);
        buffered.reset();
        Compression c = Compression.detect(head, head.length);
        if (c == Compression.NONE) return new LayerInput(c, null, buffered, new DigestingInputStream(buffered, sizeLimit));
        long rawLimit = sizeLimit > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : sizeLimit * 2 + (64L << 20);
        DigestingInputStream raw = new DigestingInputStream(buffered, rawLimit);
        InputStream d = c == Compression.GZIP ? new GZIPInputStream(raw, 64 * 1024) : new ZstdInputStreamNoFinalizer(raw);
        return new LayerInput(c, raw, d, new DigestingInputStream(d, sizeLimit));
    }

    public Compression compression() {
        return compression;
    }

    /** The uncompressed tar stream. */
    public InputStream tar() {
        return tar;
    }

    /** Reads both sides to their end, so the digests cover all of the stream (tar padding included). */
    public void drain() throws IOException {
        tar.drain();
        if (raw != null) raw.drain();
    }

    public String diffId() {
        return tar.digest();
    }

    public long uncompressedSize() {
        return tar.count();
    }

    /** The digest of the input as given; null when it was not compressed. */
    public String compressedDigest() {
        return raw == null ? null : raw.digest();
    }

    public long compressedSize() {
        return raw == null ? tar.count() : raw.count();
    }

    public void close() {
        try {
            decompressed.close();
        } catch (IOException ignored) {
            // the caller closes its own stream; this only frees the decompressor
        }
    }
}
