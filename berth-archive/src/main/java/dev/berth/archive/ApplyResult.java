package dev.berth.archive;

/**
 * What {@link LayerApplier#apply} read and wrote.
 *
 * @param diffId           "sha256:&lt;hex&gt;" of the uncompressed tar stream, all of it (the OCI diff_id)
 * @param uncompressedSize bytes of the uncompressed tar stream
 * @param compression      what the input was compressed with
 * @param compressedDigest "sha256:&lt;hex&gt;" of the input as given, or null when it was not compressed
 *                         (then it equals {@code diffId})
 * @param compressedSize   bytes of the input as given
 * @param entries          tar entries applied (extended headers not counted, whiteouts counted)
 */
public record ApplyResult(String diffId, long uncompressedSize, Compression compression, String compressedDigest,
                          long compressedSize, long entries) {
}
