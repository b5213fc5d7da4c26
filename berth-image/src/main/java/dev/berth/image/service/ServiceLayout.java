package dev.berth.image.service;

import java.nio.file.Path;

/**
 * Where the image service keeps its own files under the data root (the image store and content store
 * have theirs, see {@code ImageStore}):
 * <pre>
 *   snapshots/overlay | snapshots/native   the snapshotter's store (one of them)
 *   layers/&lt;chain-hex&gt;.json              per unpacked layer: diff id, tar size, unpacked size
 *   rootfs/&lt;container-id&gt;.json           per container: its image, top chain id and init files
 *   tmp/                                  export mount points, spool files; emptied on open
 * </pre>
 */
final class ServiceLayout {
    private final Path root;

    ServiceLayout(Path dataRoot) {
        this.root = dataRoot.toAbsolutePath().normalize();
    }

    Path dataRoot() {
        return root;
    }

    Path overlaySnapshots() {
        return root.resolve("snapshots").resolve("overlay");
    }

    Path nativeSnapshots() {
        return root.resolve("snapshots").resolve("native");
    }

    Path layersDir() {
        return root.resolve("layers");
    }

    Path layer(String chainId) {
        return layersDir().resolve(hex(chainId) + ".json");
    }

    Path rootfsDir() {
        return root.resolve("rootfs");
    }

    Path rootfs(String containerId) {
        return rootfsDir().resolve(containerId + ".json");
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    static String hex(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 ? digest : digest.substring(colon + 1);
    }
}
