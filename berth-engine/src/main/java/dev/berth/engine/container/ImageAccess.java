package dev.berth.engine.container;

import dev.berth.image.model.ImageConfig;
import java.nio.file.Path;

/**
 * What containers need of the image side: resolving an image, and a container's own layers
 * (init + writable) mounted as its root. Adapted from the image service by the daemon's wiring.
 */
public interface ImageAccess {
    record ResolvedImage(String id, ImageConfig config) {}

    /** NOT_FOUND "No such image: REF" when absent. */
    ResolvedImage resolve(String ref);

    /** Makes the container's layers on top of the image (at create). */
    void prepare(String containerId, String imageId, String hostname);

    /** Mounts the container's root at target (at start); idempotent. */
    void mount(String containerId, Path target);

    /** Unmounts it (at stop); idempotent. */
    void unmount(String containerId, Path target);

    /** Removes the container's layers (at rm). */
    void remove(String containerId);
}
