package dev.berth.image.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A single-platform image manifest: OCI image manifest or Docker schema 2 manifest (same JSON
 * shape; they differ in media types only).
 */
public record ImageManifest(
        int schemaVersion,
        String mediaType,
        String artifactType,
        Descriptor config,
        List<Descriptor> layers,
        Descriptor subject,
        Map<String, String> annotations) implements Manifest {

    public ImageManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = Copies.map(annotations);
    }

    public static ImageManifest oci(Descriptor config, List<Descriptor> layers) {
        return new ImageManifest(2, MediaTypes.OCI_MANIFEST, null, config, layers, null, null);
    }

    public static ImageManifest dockerV2(Descriptor config, List<Descriptor> layers) {
        return new ImageManifest(2, MediaTypes.DOCKER_MANIFEST_V2, null, config, layers, null, null);
    }

    @Override
    public List<Descriptor> references() {
        List<Descriptor> all = new ArrayList<>();
        if (config != null) all.add(config);
        all.addAll(layers);
        if (subject != null) all.add(subject);
        return all;
    }
}
