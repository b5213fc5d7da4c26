package dev.berth.image.content;

/**
 * Writes new blobs. A writer streams into a private temp file under {@code content/ingest/}; only
 * {@link ContentWriter#commit()} makes the blob visible, after fsync and digest check, by an
 * atomic rename. Abandoned writers leave nothing behind once closed (or once the store is reopened).
 */
public interface Ingester {
    ContentWriter writer(WriteRequest request);
}
