package dev.berth.archive;

/**
 * What a tar writer produced.
 *
 * @param digest  "sha256:&lt;hex&gt;" of the uncompressed tar written (for a layer diff: its diff_id)
 * @param size    bytes written
 * @param entries tar entries written (extended headers not counted)
 */
public record TarResult(String digest, long size, long entries) {
}
