package dev.berth.image.service;

import java.util.List;
import java.util.Objects;

/**
 * What the service remembers of a container's layers: the image it was made from (the parent of a
 * commit), the chain its init layer sits on, and the paths the engine put in the init layer (left out
 * of {@code docker diff}, commit and export).
 */
record RootfsRecord(String containerId, String imageId, String chainId, List<String> initPaths) {
    RootfsRecord {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(imageId, "imageId");
        initPaths = initPaths == null ? List.of() : List.copyOf(initPaths);
    }

    /** True for an init path itself or anything below it. */
    boolean isInitPath(String path) {
        for (String p : initPaths) {
            if (path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/")) return true;
        }
        return false;
    }
}
