package dev.berth.image.service;

import java.util.Objects;

/**
 * What is known of one unpacked layer (a committed snapshot keyed by its chain id).
 *
 * @param chainId  the snapshot key, "sha256:..."
 * @param diffId   the layer's diff id
 * @param diffSize bytes of the uncompressed layer tar
 * @param size     unpacked size as Docker counts it: apparent bytes of the layer's non-directory entries,
 *                 hard links once (for a native snapshot: its tree minus its parents')
 */
record LayerInfo(String chainId, String diffId, long diffSize, long size) {
    LayerInfo {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(diffId, "diffId");
    }
}
