package dev.berth.image.model;

import java.util.List;

/** A document a registry serves under /manifests/: one image, or an index of them. */
public sealed interface Manifest permits ImageManifest, ImageIndex {
    int schemaVersion();

    /** May be null in OCI documents (the field is optional there). */
    String mediaType();

    /** Every blob this document points at directly (config and layers, or the index entries). */
    List<Descriptor> references();
}
