package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Lease;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.ImageIndex;
import dev.berth.image.model.ImageJson;
import dev.berth.image.model.ImageManifest;
import dev.berth.image.model.Manifest;
import dev.berth.image.model.MediaTypes;
import dev.berth.image.model.Platform;
import dev.berth.image.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of an OCI image layout archive (skopeo's oci-archive, Docker 25's save): index.json names
 * manifests (or nested indexes, of which the linux/amd64 entry is taken) in blobs/sha256/. Names come from
 * the {@code io.containerd.image.name} annotation, else from {@code org.opencontainers.image.ref.name}
 * when that is a full reference ("busybox:latest"); a bare tag ("latest") names no repository, so such
 * an image is loaded untagged.
 */
final class OciLayoutReader {
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final int MAX_DEPTH = 4;

    private OciLayoutReader() {}

    static List<ArchiveImage> read(ArchiveSpool spool, ContentStore content, Lease lease) {
        Manifest top = ImageJson.readManifest(spool.document("index.json", content), "index.json");
        if (!(top instanceof ImageIndex index)) throw BerthException.invalid("invalid archive: index.json is not an image index");
        Map<Digest, ArchiveImage> byManifest = new LinkedHashMap<>();
        for (Descriptor d : index.manifests()) {
            Descriptor manifest = pick(d, spool, content, 0);
            if (manifest == null) continue;
            ArchiveImage img = byManifest.get(manifest.digest());
            if (img == null) img = image(manifest, spool, content, lease);
            Reference name = name(d);
            if (name != null && !img.tags().contains(name)) {
                List<Reference> tags = new ArrayList<>(img.tags());
                tags.add(name);
                img = new ArchiveImage(img.config(), img.parsed(), img.layers(), tags, null);
            }
            byManifest.put(manifest.digest(), img);
        }
        if (byManifest.isEmpty()) throw BerthException.invalid("invalid archive: index.json names no image for linux/amd64");
        return List.copyOf(byManifest.values());
    }

    /** The manifest descriptor to load for an index entry (following nested indexes), or null if none fits. */
    private static Descriptor pick(Descriptor d, ArchiveSpool spool, ContentStore content, int depth) {
        if (MediaTypes.isManifest(d.mediaType())) return d;
        if (!MediaTypes.isIndex(d.mediaType()) || depth >= MAX_DEPTH) return null;
        Manifest nested = ImageJson.readManifest(spool.document(blobPath(d.digest()), content), "index " + d.digest());
        if (!(nested instanceof ImageIndex idx)) return null;
        for (Descriptor m : idx.manifests()) {
            if (!fits(m.platform())) continue;
            Descriptor found = pick(m, spool, content, depth + 1);
            if (found != null) return found;
        }
        return null;
    }

    private static boolean fits(Platform p) {
        return p == null || (("linux".equals(p.os()) || p.os() == null) && ("amd64".equals(p.architecture()) || p.architecture() == null));
    }

    private static ArchiveImage image(Descriptor d, ArchiveSpool spool, ContentStore content, Lease lease) {
        ArchiveSpool.Blob mb = spool.blob(blobPath(d.digest()), content, lease);
        Manifest parsed = ImageJson.readManifest(dev.berth.image.content.Blobs.readAll(content, mb.digest()), "manifest " + d.digest());
        if (!(parsed instanceof ImageManifest m)) throw BerthException.invalid("invalid archive: %s is not an image manifest", d.digest());
        ArchiveSpool.Blob cb = spool.blob(blobPath(m.config().digest()), content, lease);
        ImageConfig config = ImageJson.readConfig(dev.berth.image.content.Blobs.readAll(content, cb.digest()), "image config " + cb.digest());
        if (m.layers().size() != config.diffIds().size()) {
            throw BerthException.invalid("invalid manifest, layers length mismatch: expected %d, got %d", config.diffIds().size(), m.layers().size());
        }
        List<Descriptor> layers = new ArrayList<>();
        for (Descriptor l : m.layers()) {
            ArchiveSpool.Blob lb = spool.blob(blobPath(l.digest()), content, lease);
            if (lb.size() != l.size()) {
                throw BerthException.invalid("invalid archive: layer %s has %d bytes, its manifest says %d", l.digest(), lb.size(), l.size());
            }
            layers.add(Descriptor.of(l.mediaType(), lb.digest(), lb.size()));
        }
        String configType = m.config().mediaType() == null ? MediaTypes.OCI_CONFIG : m.config().mediaType();
        return new ArchiveImage(Descriptor.of(configType, cb.digest(), cb.size()), config, layers, List.of(), null);
    }

    static String blobPath(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.encoded();
    }

    /** The tag an index entry gives, or null. */
    static Reference name(Descriptor d) {
        Map<String, String> a = d.annotations() == null ? Map.of() : d.annotations();
        String full = a.get(CONTAINERD_NAME);
        if (full == null) {
            String ref = a.get(REF_NAME);
            if (ref != null && (ref.contains(":") || ref.contains("/"))) full = ref;
        }
        if (full == null) return null;
        try {
            Reference r = Reference.parseNormalized(full);
            return r.isDigested() ? null : r.withDefaultTag();
        } catch (BerthException e) {
            return null;
        }
    }
}
