package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.content.Blobs;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Info;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.MediaTypes;
import dev.berth.image.ref.AnyReference;
import dev.berth.image.ref.Reference;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code docker save}: one tar that is both a docker-archive as dockerd 20.10 writes it and an OCI image
 * layout as Docker 25 adds it, so {@code docker load} (any version), skopeo's {@code docker-archive:} and
 * {@code oci-archive:} all read it.
 * <pre>
 *   &lt;v1 id&gt;/VERSION, json, layer.tar   docker 20.10's layer directories; layer.tar is the layer, uncompressed
 *                                     (its digest is the diff id), written once: a second directory with the
 *                                     same layer symlinks it, as docker save does
 *   &lt;image id hex&gt;.json               each config
 *   manifest.json                     [{"Config","RepoTags","Layers"[,"Parent"]}], Layers naming the layer.tar files
 *   repositories                      {"name":{"tag":"&lt;top v1 id&gt;"}}
 *   blobs/sha256/&lt;hex&gt;                the OCI layout's blobs: configs and OCI manifests as files, layers as
 *                                     symlinks to their layer.tar (layers media type ...oci.image.layer.v1.tar)
 *   oci-layout, index.json            one index entry per tag (annotated with the name), or one untagged
 * </pre>
 * The layer data sits in the legacy directories and the OCI blobs link to it, not the other way round,
 * because skopeo's docker-archive reader takes the size of a symlinked layer.tar from the link and fails
 * on docker save's own archives ("archive/tar: write too long"), while OCI readers extract the layout
 * before they open blobs, and follow links.
 * Which images and tags: a tagged reference saves that image with that tag; a bare name every tag of that
 * repository; an id or digest the image without tags. Layers stored compressed are decompressed on the
 * way (their size comes from the unpack record, else from a pass over the blob) and checked against the
 * diff id. Images without layers are refused, as Docker does.
 */
final class ArchiveSaver {
    private static final Instant EPOCH = Instant.EPOCH;

    private final ImageStore store;
    private final LayerInfoStore infos;

    ArchiveSaver(ImageStore store, LayerInfoStore infos) {
        this.store = store;
        this.infos = infos;
    }

    /** An image to write, with the tags it gets. */
    private record Saved(ImageRecord record, ImageConfig config, byte[] configBytes, List<Reference> tags) {}

    void save(List<String> names, OutputStream out) {
        Map<Digest, List<Reference>> selection = select(names);
        List<Saved> images = new ArrayList<>();
        for (Map.Entry<Digest, List<Reference>> e : selection.entrySet()) {
            ImageRecord r = store.get(e.getKey()).orElseThrow(() -> BerthException.notFound("No such image: %s", e.getKey()));
            ImageConfig c = store.config(r.id());
            if (c.diffIds().isEmpty()) throw BerthException.invalid("empty export - not implemented");
            if (r.layers().size() != c.diffIds().size()) {
                throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, "image " + r.id() + " has no layer blobs to save");
            }
            images.add(new Saved(r, c, Blobs.readAll(store.content(), r.id()), e.getValue()));
        }
        try {
            write(images, out);
        } catch (IOException e) {
            throw BerthException.internal("save: " + e.getMessage(), e);
        }
    }

    private Map<Digest, List<Reference>> select(List<String> names) {
        Map<Digest, List<Reference>> out = new LinkedHashMap<>();
        for (String name : names) {
            AnyReference any = AnyReference.parse(name);
            if (any instanceof AnyReference.DigestReference(Digest id)) {
                add(out, store.get(id).orElseThrow(() -> BerthException.notFound("No such image: %s", name)).id(), null);
                continue;
            }
            Reference ref = (Reference) any;
            if (ref.familiarName().equals(Digest.SHA256) || ref.isDigested()) {
                add(out, store.resolve(name).id(), null);
            } else if (ref.isNameOnly()) {
                boolean found = false;
                for (ImageRecord r : store.images()) {
                    for (Reference t : store.references(r.id())) {
                        if (t.isTagged() && t.name().equals(ref.name())) {
                            add(out, r.id(), t);
                            found = true;
                        }
                    }
                }
                if (!found) add(out, store.resolve(name).id(), null);
            } else {
                ImageRecord r = store.get(ref).orElseThrow(() -> BerthException.notFound("No such image: %s", ref.familiarString()));
                add(out, r.id(), ref);
            }
        }
        return out;
    }

    private static void add(Map<Digest, List<Reference>> out, Digest id, Reference tag) {
        List<Reference> tags = out.computeIfAbsent(id, k -> new ArrayList<>());
        if (tag != null && !tags.contains(tag)) tags.add(tag);
    }

    private void write(List<Saved> images, OutputStream out) throws IOException {
        ArchiveTarWriter tar = new ArchiveTarWriter(out);
        Set<String> written = new HashSet<>();
        Map<String, String> layerTars = new LinkedHashMap<>(); // diff id hex -> the layer.tar holding it
        Map<String, Long> layerSizes = new HashMap<>();
        Set<Digest> savedIds = new HashSet<>();
        for (Saved s : images) savedIds.add(s.record().id());
        List<Map<String, Object>> manifest = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        List<Map<String, Object>> index = new ArrayList<>();
        Map<String, byte[]> ociBlobs = new LinkedHashMap<>();
        for (Saved s : images) {
            Instant created = s.config().createdInstant().orElse(EPOCH);
            String idHex = s.record().id().encoded();
            List<String> layerPaths = new ArrayList<>();
            List<Map<String, Object>> ociLayers = new ArrayList<>();
            String parentV1 = null;
            List<Digest> diffIds = s.config().diffIds();
            String chain = null;
            for (int i = 0; i < diffIds.size(); i++) {
                Digest diffId = diffIds.get(i);
                chain = chain == null ? diffId.toString() : dev.berth.image.model.ChainIds.next(Digest.parse(chain), diffId).toString();
                boolean top = i == diffIds.size() - 1;
                String v1 = v1Id(chain, parentV1, top ? s.record().id() : null);
                if (written.add(v1)) {
                    Instant t = created; // docker save stamps all of an image's layer directories with its creation time
                    tar.dir(v1, t);
                    tar.file(v1 + "/VERSION", "1.0".getBytes(StandardCharsets.US_ASCII), t);
                    tar.file(v1 + "/json", DockerJson.bytes(v1Json(v1, parentV1, top ? s.config() : null)), t);
                    String existing = layerTars.get(diffId.encoded());
                    if (existing != null) {
                        tar.symlink(v1 + "/layer.tar", "../" + existing, t);
                    } else {
                        layerSizes.put(diffId.encoded(), writeLayer(tar, v1 + "/layer.tar", s.record().layers().get(i), diffId, chain, t));
                        layerTars.put(diffId.encoded(), v1 + "/layer.tar");
                    }
                }
                layerPaths.add(v1 + "/layer.tar");
                ociLayers.add(descriptor(MediaTypes.OCI_LAYER_TAR, diffId, layerSizes.get(diffId.encoded())));
                parentV1 = v1;
            }
            if (written.add(idHex + ".json")) tar.file(idHex + ".json", s.configBytes(), created);
            ociBlobs.put(idHex, s.configBytes());

            Map<String, Object> oci = new LinkedHashMap<>();
            oci.put("schemaVersion", 2);
            oci.put("mediaType", MediaTypes.OCI_MANIFEST);
            oci.put("config", descriptor(MediaTypes.OCI_CONFIG, s.record().id(), s.configBytes().length));
            oci.put("layers", ociLayers);
            byte[] ociBytes = Json.bytes(oci);
            Digest ociDigest = Digest.sha256(ociBytes);
            ociBlobs.put(ociDigest.encoded(), ociBytes);

            List<String> repoTags = new ArrayList<>();
            for (Reference t : s.tags()) {
                repoTags.add(t.familiarString());
                repositories.computeIfAbsent(t.familiarName(), k -> new TreeMap<>()).put(t.tag(), parentV1);
                Map<String, Object> d = descriptor(MediaTypes.OCI_MANIFEST, ociDigest, ociBytes.length);
                Map<String, String> annotations = new LinkedHashMap<>();
                annotations.put(OciLayoutReader.CONTAINERD_NAME, t.toString());
                annotations.put(OciLayoutReader.REF_NAME, t.tag());
                d.put("annotations", annotations);
                index.add(d);
            }
            if (s.tags().isEmpty()) index.add(descriptor(MediaTypes.OCI_MANIFEST, ociDigest, ociBytes.length));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Config", idHex + ".json");
            item.put("RepoTags", repoTags.isEmpty() ? null : repoTags);
            item.put("Layers", layerPaths);
            Digest parent = s.record().parent();
            if (parent != null && savedIds.contains(parent)) item.put("Parent", parent.toString());
            manifest.add(item);
        }
        tar.file("manifest.json", jsonLine(manifest), EPOCH);
        if (!repositories.isEmpty()) tar.file("repositories", jsonLine(repositories), EPOCH);

        tar.dir("blobs", EPOCH);
        tar.dir("blobs/sha256", EPOCH);
        for (Map.Entry<String, String> l : layerTars.entrySet()) tar.symlink("blobs/sha256/" + l.getKey(), "../../" + l.getValue(), EPOCH);
        for (Map.Entry<String, byte[]> b : ociBlobs.entrySet()) {
            if (!layerTars.containsKey(b.getKey())) tar.file("blobs/sha256/" + b.getKey(), b.getValue(), EPOCH);
        }
        tar.file("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8), EPOCH);
        Map<String, Object> idx = new LinkedHashMap<>();
        idx.put("schemaVersion", 2);
        idx.put("mediaType", MediaTypes.OCI_INDEX);
        idx.put("manifests", index);
        tar.file("index.json", Json.bytes(idx), EPOCH);
        tar.finish();
    }

    /** Writes a layer uncompressed at path, checked against its diff id; returns its size. */
    private long writeLayer(ArchiveTarWriter tar, String path, Descriptor blob, Digest diffId, String chain, Instant mtime) throws IOException {
        boolean plain = blob.digest().equals(diffId);
        long size = plain ? blobSize(blob.digest()) : infos.get(chain).map(LayerInfo::diffSize).orElse(-1L);
        if (size < 0) size = countUncompressed(blob.digest());
        try (InputStream raw = LayerBlobs.uncompressed(store.content(), blob.digest())) {
            MessageDigest md = sha256();
            tar.file(path, size, new DigestInputStream(raw, md), mtime);
            String got = "sha256:" + HexFormat.of().formatHex(md.digest());
            if (raw.read() >= 0 || !got.equals(diffId.toString())) {
                throw BerthException.internal("save: layer " + blob.digest() + " does not uncompress to its diff id " + diffId
                        + " (got " + got + "); the archive written so far is incomplete", null);
            }
        }
        return size;
    }

    private long blobSize(Digest d) {
        return store.content().info(d).map(Info::size).orElseThrow(() -> BerthException.notFound("layer blob %s: not found", d));
    }

    private long countUncompressed(Digest d) throws IOException {
        try (InputStream in = LayerBlobs.uncompressed(store.content(), d)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /**
     * A legacy layer id: stable, and unique to the chain, the layer below and, for an image's top layer, the
     * image (docker derives it the same way, from a different serialisation; nothing checks it).
     */
    static String v1Id(String chain, String parentV1, Digest image) {
        String s = chain + "\n" + (parentV1 == null ? "" : parentV1) + "\n" + (image == null ? "" : image);
        return Digest.sha256(s.getBytes(StandardCharsets.UTF_8)).encoded();
    }

    /** The legacy per-layer json: the image's fields on its top layer, an empty 1970 config below it. */
    private static Map<String, Object> v1Json(String id, String parent, ImageConfig top) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        if (parent != null) m.put("parent", parent);
        if (top == null) {
            m.put("created", "1970-01-01T00:00:00Z");
            m.put("container_config", DockerJson.containerConfig(null));
            m.put("os", "linux");
            return m;
        }
        if (top.extra().get("comment") instanceof String c && !c.isEmpty()) m.put("comment", c);
        m.put("created", top.created() == null ? "1970-01-01T00:00:00Z" : top.created());
        if (top.container() != null && !top.container().isEmpty()) m.put("container", top.container());
        m.put("container_config", DockerJson.containerConfig(top.containerConfig()));
        if (top.dockerVersion() != null && !top.dockerVersion().isEmpty()) m.put("docker_version", top.dockerVersion());
        if (top.author() != null && !top.author().isEmpty()) m.put("author", top.author());
        if (top.config() != null) m.put("config", DockerJson.containerConfig(top.config()));
        if (top.architecture() != null) m.put("architecture", top.architecture());
        if (top.variant() != null) m.put("variant", top.variant());
        m.put("os", top.os() == null ? "linux" : top.os());
        return m;
    }

    private static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }

    /** JSON as Go's json.Encoder writes it: one line with a newline. */
    private static byte[] jsonLine(Object o) {
        byte[] b = DockerJson.bytes(o);
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = '\n';
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
