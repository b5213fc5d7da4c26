package dev.berth.image.store;

import dev.berth.image.content.Blobs;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Lease;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.ImageJson;
import dev.berth.image.model.ImageManifest;
import dev.berth.image.model.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fabricates images (layer blobs, a config, optionally a manifest) in a content store. */
final class TestImages {
    private final ContentStore content;
    private final Lease lease;

    TestImages(ContentStore content) {
        this(content, null);
    }

    TestImages(ContentStore content, Lease lease) {
        this.content = content;
        this.lease = lease;
    }

    Descriptor blob(String mediaType, byte[] data) {
        Digest d = Blobs.write(content, data, lease);
        return Descriptor.of(mediaType, d, data.length);
    }

    /** Layers named {@code seed-0..n-1} (their content is the name), so two images can share layers. */
    List<Descriptor> layers(String seed, int n) {
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(blob(MediaTypes.OCI_LAYER_TAR_GZIP, (seed + "-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static byte[] configBytes(String author, List<Descriptor> layers, Map<String, String> labels, String created) {
        List<Digest> diffIds = layers.stream()
                .map(l -> Digest.sha256(("diff of " + l.digest()).getBytes(StandardCharsets.UTF_8))).toList();
        ImageConfig.Config cfg = new ImageConfig.Config(null, null, List.of("PATH=/bin"), null, List.of("sh"), null,
                null, labels, null, null, null, null, null, null);
        ImageConfig c = new ImageConfig(created, author, "amd64", "linux", null, null, null, cfg,
                ImageConfig.RootFs.layers(diffIds), List.of(), null, null, null, null);
        return ImageJson.write(c);
    }

    /** A new image with its own {@code nLayers} layers. */
    NewImage image(String name, int nLayers) {
        return image(name, layers(name, nLayers), Map.of(), "2024-01-01T00:00:00Z");
    }

    NewImage image(String name, List<Descriptor> layers, Map<String, String> labels, String created) {
        Descriptor config = blob(MediaTypes.OCI_CONFIG, configBytes(name, layers, labels, created));
        return NewImage.of(config, layers);
    }

    /** The image plus a stored OCI manifest for it. */
    NewImage withManifest(NewImage image) {
        Descriptor m = blob(MediaTypes.OCI_MANIFEST, ImageJson.write(ImageManifest.oci(image.config(), image.layers())));
        return image.withManifests(List.of(m.digest()));
    }
}
