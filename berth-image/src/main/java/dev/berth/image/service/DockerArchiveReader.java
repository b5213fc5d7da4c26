package dev.berth.image.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Lease;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.ImageJson;
import dev.berth.image.model.MediaTypes;
import dev.berth.image.ref.Reference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of a docker-archive ({@code docker save}): manifest.json lists, per image, the config file,
 * its tags and its layer tars (paths inside the archive; symlinked duplicates are followed within the
 * archive, a path climbing out of it is refused).
 */
final class DockerArchiveReader {
    /** One entry of manifest.json, as docker save writes it. */
    record ManifestItem(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
                        @JsonProperty("Layers") List<String> layers, @JsonProperty("Parent") String parent) {}

    private DockerArchiveReader() {}

    static List<ArchiveImage> read(ArchiveSpool spool, ContentStore content, Lease lease) {
        List<ManifestItem> items;
        try {
            items = Json.mapper().readValue(spool.document("manifest.json", content), new TypeReference<List<ManifestItem>>() {});
        } catch (JacksonException e) {
            throw BerthException.invalid("invalid archive: manifest.json: %s", e.getOriginalMessage());
        } catch (IOException e) {
            throw BerthException.internal("read manifest.json: " + e.getMessage(), e);
        }
        if (items == null || items.isEmpty()) throw BerthException.invalid("invalid archive: manifest.json lists no images");
        List<ArchiveImage> out = new ArrayList<>();
        for (ManifestItem m : items) out.add(image(m, spool, content, lease));
        return out;
    }

    private static ArchiveImage image(ManifestItem m, ArchiveSpool spool, ContentStore content, Lease lease) {
        if (m == null || m.config() == null) throw BerthException.invalid("invalid archive: a manifest.json entry has no Config");
        List<String> layerPaths = m.layers() == null ? List.of() : m.layers();
        // Check every path first: a hostile manifest is refused before anything is read through it.
        ArchivePaths.require(m.config(), "manifest.json Config");
        for (String l : layerPaths) ArchivePaths.require(l, "manifest.json layer");

        byte[] configBytes = spool.document(m.config(), content);
        ImageConfig config = ImageJson.readConfig(configBytes, "image config " + m.config());
        if (layerPaths.size() != config.diffIds().size()) {
            throw BerthException.invalid("invalid manifest, layers length mismatch: expected %d, got %d", config.diffIds().size(), layerPaths.size());
        }
        List<Descriptor> layers = new ArrayList<>();
        for (String path : layerPaths) {
            ArchiveSpool.Blob b = spool.blob(path, content, lease);
            layers.add(Descriptor.of(LayerBlobs.dockerMediaType(LayerBlobs.compressionOf(content, b.digest())), b.digest(), b.size()));
        }
        Digest configDigest = dev.berth.image.content.Blobs.write(content, configBytes, lease);
        List<Reference> tags = new ArrayList<>();
        for (String t : m.repoTags() == null ? List.<String>of() : m.repoTags()) tags.add(tag(t));
        Digest parent = null;
        if (m.parent() != null && !m.parent().isEmpty() && Digest.isValid(m.parent())) parent = Digest.parse(m.parent());
        return new ArchiveImage(Descriptor.of(MediaTypes.DOCKER_CONFIG, configDigest, configBytes.length), config, layers, tags, parent);
    }

    static Reference tag(String s) {
        Reference r;
        try {
            r = Reference.parseNormalized(s);
        } catch (BerthException e) {
            throw BerthException.invalid("invalid tag %s: %s", quote(s), e.getMessage());
        }
        if (!r.isTagged() || r.isDigested()) throw BerthException.invalid("invalid tag %s", quote(s));
        return r;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
