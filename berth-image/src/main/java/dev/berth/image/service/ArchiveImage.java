package dev.berth.image.service;

import dev.berth.image.content.Digest;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.ref.Reference;
import java.util.List;

/**
 * An image found in an archive being loaded: its blobs are in the content store (under the load's
 * lease), it is not recorded yet.
 *
 * @param config the config blob (its digest is the image id)
 * @param parsed the parsed config
 * @param layers the layer blobs, bottom first
 * @param tags   the tags to give it (may be empty)
 * @param parent the parent image id the archive names (docker save's "Parent"), or null
 */
record ArchiveImage(Descriptor config, ImageConfig parsed, List<Descriptor> layers, List<Reference> tags, Digest parent) {
    ArchiveImage {
        layers = List.copyOf(layers);
        tags = List.copyOf(tags);
    }

    Digest id() {
        return config.digest();
    }
}
