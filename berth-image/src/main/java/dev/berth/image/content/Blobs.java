package dev.berth.image.content;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.io.InputStream;

/** Helpers over the narrowest role each needs. */
public final class Blobs {
    /** Manifests and configs larger than this are refused when read whole (Docker uses 4 MiB for manifests). */
    public static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    private Blobs() {}

    /** Reads a whole blob (a manifest or config), at most {@link #MAX_DOCUMENT_BYTES}. */
    public static byte[] readAll(Provider provider, Digest digest) {
        try (InputStream in = provider.read(digest)) {
            byte[] data = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (data.length > MAX_DOCUMENT_BYTES) {
                throw BerthException.invalid("content %s: larger than %d bytes", digest, MAX_DOCUMENT_BYTES);
            }
            return data;
        } catch (IOException e) {
            throw BerthException.internal("read content " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code data} as one blob, protected by {@code lease} (may be null), and returns its digest. */
    public static Digest write(Ingester ingester, byte[] data, Lease lease) {
        Digest digest = Digest.sha256(data);
        try (ContentWriter w = ingester.writer(new WriteRequest(digest, data.length, lease))) {
            w.stream().write(data);
            return w.commit();
        } catch (IOException e) {
            throw BerthException.internal("write content " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Streams {@code in} into one blob that must match {@code expected} (may be null). */
    public static Digest copy(Ingester ingester, InputStream in, Digest expected, long expectedSize, Lease lease) {
        try (ContentWriter w = ingester.writer(new WriteRequest(expected, expectedSize, lease))) {
            in.transferTo(w.stream());
            return w.commit();
        } catch (IOException e) {
            throw BerthException.internal("write content" + (expected == null ? "" : " " + expected) + ": " + e.getMessage(), e);
        }
    }
}
