package dev.berth.image.content;

/**
 * Keeps blobs alive while an operation that writes them is still running (a pull writes its
 * layers, then its config, and only at the end records the image that references them). Blobs a
 * writer commits under a lease, and blobs {@link #add added} to it, cannot be deleted until
 * {@link #close()}. Leases live in memory only: after a crash no operation is running, so none is
 * needed.
 */
public interface Lease extends AutoCloseable {
    String purpose();

    /** Protects {@code digest} (present or about to be written). */
    void add(Digest digest);

    @Override
    void close();
}
