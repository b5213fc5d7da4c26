package dev.berth.archive.internal;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.berth.archive.Compression;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
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
    private final DigestingInputStream tar;
    private final PrefetchInputStream prefetched;

    private LayerInput(Compression compression, DigestingInputStream raw, DigestingInputStream tar) {
        this.compression = compression;
        this.raw = raw;
        this.tar = tar;
        this.prefetched = new PrefetchInputStream(new FilterInputStream(tar) {
            private boolean drained;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0 && !drained) {
                    drained = true;
                    if (raw != null) raw.drain(); // bytes after the end of the compressed data count too
                }
                return n;
            }
        });
    }

    /**
     * Detects the compression (reading the first bytes here), then hands the stream to a reader
     * thread that decompresses and hashes ahead of the consumer. The caller's stream is never closed.
     */
    public static LayerInput open(InputStream in, long sizeLimit) throws IOException {
        InputStream shielded = new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns its stream
            }
        };
        BufferedInputStream buffered = new BufferedInputStream(shielded, BUFFER);
        buffered.mark(Compression.MAGIC_LENGTH);
        byte[] head = buffered.readNBytes(Compression.MAGIC_LENGTH);
        buffered.reset();
        Compression c = Compression.detect(head, head.length);
        if (c == Compression.NONE) return new LayerInput(c, null, new DigestingInputStream(buffered, sizeLimit));
        long rawLimit = sizeLimit > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : sizeLimit * 2 + (64L << 20);
        DigestingInputStream raw = new DigestingInputStream(buffered, rawLimit);
        InputStream d = c == Compression.GZIP ? new GZIPInputStream(raw, 64 * 1024) : new ZstdInputStreamNoFinalizer(raw);
        return new LayerInput(c, raw, new DigestingInputStream(d, sizeLimit));
    }

    public Compression compression() {
        return compression;
    }

    /** The uncompressed tar stream. */
    public InputStream tar() {
        return prefetched;
    }

    /**
     * Reads the rest of the stream (tar padding, trailing bytes of the compressed stream), so the
     * digests cover all of it. Only then are the digests and sizes final.
     */
    public void drain() throws IOException {
        byte[] skip = new byte[64 * 1024];
        while (prefetched.read(skip, 0, skip.length) >= 0) {
            // the reader thread hashes and counts
        }
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

    /** Stops the reader thread (it frees the decompressor when it exits). */
    public void close() {
        prefetched.close();
    }
}
