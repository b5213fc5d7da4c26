package dev.berth.image.store;

import dev.berth.image.content.Digest;
import dev.berth.image.model.Descriptor;
import java.util.List;
import java.util.Objects;

/**
 * An image to record, whose blobs are already in the content store.
 *
 * @param config descriptor of the config blob; its digest becomes the image ID
 * @param layers descriptors of the layer blobs, bottom first; either empty or one per diff ID
 * @param manifests digests of stored manifest/index blobs that describe the image (pull), may be empty
 * @param parent the image this one was built from (build/commit), or null
 */
public record NewImage(Descriptor config, List<Descriptor> layers, List<Digest> manifests, Digest parent) {
    public NewImage {
        Objects.requireNonNull(config, "config");
        layers = layers == null ? List.of() : List.copyOf(layers);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    public static NewImage of(Descriptor config, List<Descriptor> layers) {
        return new NewImage(config, layers, List.of(), null);
    }

    public NewImage withManifests(List<Digest> m) {
        return new NewImage(config, layers, m, parent);
    }

    public NewImage withParent(Digest p) {
        return new NewImage(config, layers, manifests, p);
    }
}
