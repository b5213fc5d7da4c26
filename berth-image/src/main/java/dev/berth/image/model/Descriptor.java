package dev.berth.image.model;

import dev.berth.image.content.Digest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a blob is, its digest and size, and optional extras. {@code data}
 * (embedded base64 content) is kept as the string it was given.
 */
public record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        List<String> urls,
        Map<String, String> annotations,
        Platform platform,
        String artifactType,
        String data) {

    public Descriptor {
        Objects.requireNonNull(digest, "descriptor digest");
        if (size < 0) throw new IllegalArgumentException("descriptor size " + size);
        urls = Copies.list(urls);
        annotations = Copies.map(annotations);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, null, null, null, null);
    }

    public Descriptor withPlatform(Platform p) {
        return new Descriptor(mediaType, digest, size, urls, annotations, p, artifactType, data);
    }

    public Descriptor withAnnotations(Map<String, String> a) {
        return new Descriptor(mediaType, digest, size, urls, a, platform, artifactType, data);
    }
}
