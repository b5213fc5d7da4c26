package dev.berth.image.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A multi-platform index: OCI image index or Docker manifest list (same JSON shape). */
public record ImageIndex(
        int schemaVersion,
        String mediaType,
        String artifactType,
        List<Descriptor> manifests,
        Descriptor subject,
        Map<String, String> annotations) implements Manifest {

    public ImageIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = Copies.map(annotations);
    }

    public static ImageIndex oci(List<Descriptor> manifests) {
        return new ImageIndex(2, MediaTypes.OCI_INDEX, null, manifests, null, null);
    }

    public static ImageIndex dockerList(List<Descriptor> manifests) {
        return new ImageIndex(2, MediaTypes.DOCKER_MANIFEST_LIST, null, manifests, null, null);
    }

    @Override
    public List<Descriptor> references() {
        List<Descriptor> all = new ArrayList<>(manifests);
        if (subject != null) all.add(subject);
        return all;
    }
}
