package dev.berth.image.content;

import java.util.List;

/**
 * Content-addressed blob storage (modelled on containerd's content store). Terms:
 * <ul>
 *   <li><b>blob</b>: immutable bytes named by their sha256 {@link Digest}; stored at
 *       {@code <data-root>/content/blobs/sha256/<hex>}.</li>
 *   <li><b>ingest</b>: a blob being written, in a temp file under {@code content/ingest/}; it is
 *       invisible to {@link Provider} and {@link Manager} until committed. Leftovers from a crash
 *       are removed when the store is opened.</li>
 *   <li><b>lease</b>: keeps blobs alive while the operation that wrote them has not yet recorded
 *       who uses them (see {@link Lease}).</li>
 * </ul>
 * A blob is written once; two writers of the same digest both succeed and leave one identical
 * file. Callers should depend on the narrowest role they need: {@link Provider} to read,
 * {@link Ingester} to write, {@link Manager} to list or delete.
 */
public interface ContentStore extends Provider, Ingester, Manager, Leaser {
    /**
     * Re-hashes every blob and reports, one human-readable line each, blobs whose content does not
     * match their name and files that do not belong in the blob directory. Empty when all is well.
     */
    List<String> verify();
}
