package dev.berth.image.store;

import dev.berth.image.content.Digest;
import java.nio.file.Path;

/**
 * Paths of the image metadata under {@code <data-root>/image}:
 * <pre>
 * image/lock                     held (flock) while a store is open
 * image/repositories.json        references, Docker's format: {"Repositories":{name:{ref:id}}}
 * image/images/&lt;hex&gt;.json       one record per image
 * </pre>
 */
final class StoreLayout {
    private final Path root;

    StoreLayout(Path dataRoot) {
        this.root = dataRoot.resolve("image");
    }

    Path root() {
        return root;
    }

    Path lock() {
        return root.resolve("lock");
    }

    Path repositories() {
        return root.resolve("repositories.json");
    }

    Path imagesDir() {
        return root.resolve("images");
    }

    Path record(Digest id) {
        return imagesDir().resolve(id.encoded() + ".json");
    }
}
