package dev.berth.image.content;

/**
 * What a writer should expect and who keeps the result alive.
 *
 * @param expected the digest the bytes must have, or null to accept whatever is written
 * @param expectedSize the exact size, or -1 if unknown; writing more fails at once
 * @param lease protects the committed blob from garbage collection until closed; may be null
 */
public record WriteRequest(Digest expected, long expectedSize, Lease lease) {
    public WriteRequest {
        if (expectedSize < -1) throw new IllegalArgumentException("expectedSize " + expectedSize);
    }

    public static WriteRequest any() {
        return new WriteRequest(null, -1, null);
    }

    public static WriteRequest expecting(Digest digest, long size) {
        return new WriteRequest(digest, size, null);
    }

    public static WriteRequest expecting(Digest digest) {
        return new WriteRequest(digest, -1, null);
    }

    public WriteRequest under(Lease lease) {
        return new WriteRequest(expected, expectedSize, lease);
    }
}
