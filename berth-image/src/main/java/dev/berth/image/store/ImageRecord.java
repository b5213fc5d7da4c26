package dev.berth.image.store;

import dev.berth.image.content.Digest;
import dev.berth.image.model.Descriptor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the store keeps per image. The ID is the config blob's digest.
 *
 * @param id the image ID ({@code sha256:<hex of the config blob>})
 * @param config the config blob (its digest equals {@code id})
 * @param layers the layer blobs in the content store, bottom first (may be empty for images whose
 *     layers exist only as snapshots)
 * @param manifests manifests and indexes stored for this image (pulled images), else empty
 * @param created the config's {@code created} time, or when the image was added if it has none
 * @param size the sum of the layer blob sizes
 * @param parent the image this one was built on (local builds only), or null
 * @param lastTagTime when a tag was last put on the image, or null
 */
public record ImageRecord(
        Digest id,
        Descriptor config,
        List<Descriptor> layers,
        List<Digest> manifests,
        Instant created,
        long size,
        Digest parent,
        Instant lastTagTime) {

    public ImageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(created, "created");
        if (!config.digest().equals(id)) {
            throw new IllegalArgumentException("image " + id + ": config digest " + config.digest() + " differs");
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    /** Every blob this record itself names: config, layers, manifests. */
    public List<Digest> blobs() {
        java.util.ArrayList<Digest> all = new java.util.ArrayList<>();
        all.add(config.digest());
        layers.forEach(l -> all.add(l.digest()));
        all.addAll(manifests);
        return all;
    }

    ImageRecord withManifests(List<Digest> m) {
        return new ImageRecord(id, config, layers, m, created, size, parent, lastTagTime);
    }

    ImageRecord withLastTagTime(Instant t) {
        return new ImageRecord(id, config, layers, manifests, created, size, parent, t);
    }
}
