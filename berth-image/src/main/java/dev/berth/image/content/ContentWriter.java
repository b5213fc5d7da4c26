package dev.berth.image.content;

import java.io.Closeable;
import java.io.OutputStream;

/**
 * One blob being written. Lifecycle: write bytes (any number of calls), then {@link #commit()}
 * once; {@link #close()} always (it discards the temp file when the writer was not committed).
 *
 * <pre>{@code
 * try (ContentWriter w = store.writer(WriteRequest.expecting(digest, size).under(lease))) {
 *     in.transferTo(w.stream());
 *     w.commit();
 * }
 * }</pre>
 */
public interface ContentWriter extends Closeable {
    /**
     * Where to write the blob's bytes; closing this stream does not commit. Writing more than the
     * expected size fails at once with a FAILED_PRECONDITION {@link dev.berth.common.BerthException}.
     */
    OutputStream stream();

    /** Bytes written so far. */
    long written();

    /**
     * Verifies size and digest against the request (if it named them), fsyncs and renames the blob
     * into place. If the blob is already present the temp file is simply dropped.
     *
     * @return the digest of what was written
     * @throws dev.berth.common.BerthException FAILED_PRECONDITION on a size or digest mismatch
     */
    Digest commit();

    /** Discards the temp file unless committed; never throws for that. */
    @Override
    void close();
}
