package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Info;
import dev.berth.image.model.ImageConfig;
import dev.berth.snapshot.SnapshotInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

/** save, load and their formats: docker 20.10's archives, OCI layouts, skopeo both ways, hostile archives. */
class ArchiveIT extends ImagesTestSupport {
    private static final String TINY_BASE = "sha256:8c6738798e610c0c72346c8bb26a3d43e1953423a73d1948423f1838b43706da";
    private static final String TINY_CHILD = "sha256:98aa3c45167262009fd0c19567beaf531c8363d1361f65a42e657d99a8b5fe9c";

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = ArchiveIT.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] save(Images images, String... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        images.save(List.of(names), out);
        return out.toByteArray();
    }

    private static List<String> load(Images images, byte[] archive, List<String> lines) {
        return images.load(new ByteArrayInputStream(archive), false, lines::add);
    }

    private String commitChild(Images images) throws Exception {
        Path c = run(images, "c1", "busybox");
        Files.writeString(c.resolve("tmp/child"), "child\n");
        Files.delete(c.resolve("etc/group"));
        images.unmountRootfs(c);
        return images.commit("c1", CommitOptions.of("mine:1"), ImageConfig.Config.empty());
    }

    /** Everything a failed load must not change. */
    private record State(Set<String> images, Set<String> blobs, Set<String> snapshots) {}

    private static State state(Images images) {
        return new State(images.store().images().stream().map(r -> r.id().toString()).collect(Collectors.toCollection(TreeSet::new)),
                images.store().content().list().stream().map(i -> i.digest().toString()).collect(Collectors.toCollection(TreeSet::new)),
                images.snapshotter().walk().stream().map(SnapshotInfo::key).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void loadsWhatDocker2010SavesWithSymlinkedLayersAndParents() throws Exception {
        Images images = openBare("data", SnapshotterMode.OVERLAY);
        List<String> lines = new ArrayList<>();
        List<String> loaded = load(images, resource("docker-20.10-save-two-images.tar"), lines);
        assertEquals(List.of("tiny:base", "tiny:child"), loaded);
        assertTrue(lines.contains("Loaded image: tiny:base") && lines.contains("Loaded image: tiny:child"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Loading layer ")), "not quiet: layer lines " + lines);
        assertEquals(TINY_BASE, images.resolve("tiny:base").id().toString());
        assertEquals(TINY_CHILD, images.resolve("tiny:child").id().toString());
        assertEquals(TINY_BASE, images.inspect("tiny:child").parent(), "manifest.json's Parent is kept");
        assertEquals("tester", images.inspect("tiny:child").author());
        Path c = run(images, "c1", "tiny:child");
        assertEquals("added\n", Files.readString(c.resolve("added.txt")));
        assertEquals("hello\n", Files.readString(c.resolve("hello.txt")));
        assertEquals("hello.txt", Files.readSymbolicLink(c.resolve("link")).toString());
        assertEquals(List.of(), images.check());

        List<String> again = new ArrayList<>();
        images.load(new ByteArrayInputStream(resource("docker-20.10-save-two-images.tar")), true, again::add);
        assertEquals(List.of("Loaded image: tiny:base", "Loaded image: tiny:child"), again, "quiet: only the result lines");
    }

    @Test
    void saveWritesDocker2010sLayoutAndAnOciLayoutInOneTar() throws Exception {
        Images images = open("data", SnapshotterMode.OVERLAY);
        String child = commitChild(images);
        String busybox = images.resolve("busybox").id().toString();
        byte[] tar = save(images, "mine:1", "busybox");
        Map<String, TarArchiveEntry> entries = entries(tar);
        Map<String, byte[]> files = contents(new ByteArrayInputStream(tar));

        // docker 20.10's manifest.json and repositories, compared with the real one in the resources
        JsonNode reference = Json.mapper().readTree(contents(new ByteArrayInputStream(resource("docker-20.10-save-two-images.tar"))).get("manifest.json"));
        JsonNode manifest = Json.mapper().readTree(files.get("manifest.json"));
        assertEquals(2, manifest.size());
        assertEquals(fieldNames(reference.get(1)), fieldNames(manifest.get(0)), "the child's entry has Config, RepoTags, Layers, Parent");
        assertEquals(fieldNames(reference.get(0)), fieldNames(manifest.get(1)), "a base image's entry has Config, RepoTags, Layers");
        assertEquals(busybox, manifest.get(0).get("Parent").asText());
        assertEquals(child.substring(7) + ".json", manifest.get(0).get("Config").asText());
        assertEquals("mine:1", manifest.get(0).get("RepoTags").get(0).asText());
        assertEquals(Digest.sha256(files.get(child.substring(7) + ".json")).toString(), child, "the config file is the config blob");
        JsonNode repos = Json.mapper().readTree(files.get("repositories"));
        List<String> childLayers = new ArrayList<>();
        manifest.get(0).get("Layers").forEach(n -> childLayers.add(n.asText()));
        assertEquals(2, childLayers.size());
        String topV1 = childLayers.get(1).substring(0, 64);
        assertEquals(topV1, repos.get("mine").get("1").asText(), "repositories names the top legacy layer");
        assertTrue(repos.get("busybox").has("latest"));
        List<Digest> diffIds = images.config(child).diffIds();
        for (int i = 0; i < childLayers.size(); i++) {
            String path = childLayers.get(i);
            String dir = path.substring(0, path.indexOf('/'));
            assertEquals("1.0", new String(files.get(dir + "/VERSION"), StandardCharsets.US_ASCII));
            assertEquals(dir, Json.mapper().readTree(files.get(dir + "/json")).get("id").asText());
            assertTrue(entries.get(path).isFile(), path + " holds the layer");
            assertEquals(diffIds.get(i), Digest.sha256(files.get(path)), "layers are saved uncompressed");
            TarArchiveEntry blob = entries.get("blobs/sha256/" + diffIds.get(i).encoded());
            assertTrue(blob.isSymbolicLink(), "the OCI blob links to the layer.tar");
            assertEquals("../../" + path, blob.getLinkName());
        }
        assertEquals(childLayers.get(1).substring(0, 64), Json.mapper().readTree(files.get(topV1 + "/json")).get("id").asText());
        assertEquals(childLayers.get(0).substring(0, 64), Json.mapper().readTree(files.get(topV1 + "/json")).get("parent").asText());

        // the OCI layout in the same tar
        assertEquals("{\"imageLayoutVersion\": \"1.0.0\"}", new String(files.get("oci-layout"), StandardCharsets.UTF_8));
        JsonNode index = Json.mapper().readTree(files.get("index.json"));
        assertEquals(2, index.get("manifests").size());
        JsonNode first = index.get("manifests").get(0);
        assertEquals("docker.io/library/mine:1", first.get("annotations").get("io.containerd.image.name").asText());
        assertEquals("1", first.get("annotations").get("org.opencontainers.image.ref.name").asText());
        byte[] ociManifest = files.get("blobs/sha256/" + Digest.parse(first.get("digest").asText()).encoded());
        assertEquals(first.get("digest").asText(), Digest.sha256(ociManifest).toString());
        JsonNode m = Json.mapper().readTree(ociManifest);
        assertEquals(child, m.get("config").get("digest").asText());
        assertEquals(diffIds.get(1).toString(), m.get("layers").get(1).get("digest").asText());
    }

    @Test
    void saveThenLoadIntoAnotherDataRootGivesTheSameImages() throws Exception {
        Images images = open("data", SnapshotterMode.OVERLAY);
        String child = commitChild(images);
        byte[] tar = save(images, "mine", "busybox:latest");
        Images other = openBare("other", SnapshotterMode.NATIVE);
        List<String> loaded = load(other, tar, new ArrayList<>());
        assertEquals(Set.of("mine:1", "busybox:latest"), Set.copyOf(loaded));
        assertEquals(child, other.resolve("mine:1").id().toString());
        assertEquals(images.resolve("busybox").id(), other.resolve("busybox").id());
        assertEquals(images.resolve("busybox").id().toString(), other.inspect("mine:1").parent());
        Path c = run(other, "c2", "mine:1");
        assertEquals("child\n", Files.readString(c.resolve("tmp/child")));
        assertFalse(exists(c.resolve("etc/group")));

        byte[] byId = save(images, child);
        Images third = openBare("third", SnapshotterMode.OVERLAY);
        assertEquals(List.of(child), load(third, byId, new ArrayList<>()), "an image saved by id loads untagged");
        assertTrue(third.store().references(third.resolve(child).id()).isEmpty());

        BerthException e = assertThrows(BerthException.class, () -> save(images, "nosuch:tag"));
        assertEquals("No such image: nosuch:tag", e.getMessage());
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    /**
     * Runs skopeo in a private mount namespace with an empty /var/lib/containers, so its blob-info cache
     * (which would swap in a layer compressed the way an earlier run compressed it) neither leaks between
     * runs nor touches the machine's.
     */
    private static String skopeo(String... args) throws Exception {
        Files.createDirectories(Path.of("/var/lib/containers"));
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs tmpfs /var/lib/containers && exec skopeo --insecure-policy \"$@\"", "skopeo"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    @Test
    void skopeoReadsWhatBerthSavesAndBerthLoadsWhatSkopeoWrites() throws Exception {
        Images images = open("data", SnapshotterMode.OVERLAY);
        String child = commitChild(images);
        Path saved = root.resolve("saved.tar");
        Files.write(saved, save(images, "mine:1"));

        // skopeo reads Berth's tar both ways
        JsonNode asDocker = Json.mapper().readTree(skopeo("inspect", "--config", "docker-archive:" + saved));
        assertEquals(images.config(child).diffIds().get(1).toString(), asDocker.get("rootfs").get("diff_ids").get(1).asText());
        JsonNode asOci = Json.mapper().readTree(skopeo("inspect", "--raw", "oci-archive:" + saved + ":1"));
        assertEquals(child, asOci.get("config").get("digest").asText());
        Path fromOci = root.resolve("from-oci.tar");
        skopeo("copy", "oci-archive:" + saved + ":1", "docker-archive:" + fromOci + ":mine:fromoci"); // reads every blob

        // skopeo's oci-archive (uncompressed, gzip, zstd layers) and docker-archive load back
        Path oci = root.resolve("oci.tar");
        skopeo("copy", "docker-archive:" + saved, "oci-archive:" + oci + ":mine:oci");
        Path gz = root.resolve("oci-gzip.tar");
        skopeo("copy", "--dest-compress", "docker-archive:" + saved, "oci-archive:" + gz + ":mine:gzip");
        Path zst = root.resolve("oci-zstd.tar");
        skopeo("copy", "--dest-compress-format", "zstd", "docker-archive:" + saved, "oci-archive:" + zst + ":mine:zstd");
        Path docker = root.resolve("skopeo-docker.tar");
        skopeo("copy", "docker-archive:" + saved, "docker-archive:" + docker + ":mine:docker");

        Images other = openBare("other", SnapshotterMode.OVERLAY);
        int n = 0;
        for (Path p : List.of(oci, gz, zst, docker, fromOci)) {
            String tag = "mine:" + List.of("oci", "gzip", "zstd", "docker", "fromoci").get(n++);
            List<String> loaded = other.load(Files.newInputStream(p), true, l -> { });
            assertEquals(List.of(tag), loaded, p.toString());
            assertEquals(images.config(child).diffIds(), other.config(tag).diffIds(), tag);
            Path c = run(other, "c-" + n, tag);
            assertEquals("child\n", Files.readString(c.resolve("tmp/child")), tag);
            assertFalse(exists(c.resolve("etc/group")), tag);
            assertTrue(Files.isRegularFile(c.resolve("bin/busybox")), tag);
        }
        // The same config loaded again is the same image: its record keeps the layer blobs it got first
        // (skopeo gzips layers for OCI destinations by default).
        assertTrue(other.resolve("mine:zstd").layers().stream().allMatch(l -> l.mediaType().equals(dev.berth.image.model.MediaTypes.OCI_LAYER_TAR_GZIP)),
                "layers as the first archive had them: " + other.resolve("mine:zstd").layers());
        Images zstdOnly = openBare("zstd-only", SnapshotterMode.OVERLAY);
        zstdOnly.load(Files.newInputStream(zst), true, l -> { });
        assertTrue(zstdOnly.resolve("mine:zstd").layers().stream().allMatch(l -> l.mediaType().endsWith("+zstd")),
                "zstd layers are kept as they came: " + zstdOnly.resolve("mine:zstd").layers());
        Images gzipOnly = openBare("gzip-only", SnapshotterMode.NATIVE);
        gzipOnly.load(Files.newInputStream(gz), true, l -> { });
        assertTrue(gzipOnly.resolve("mine:gzip").layers().stream().allMatch(l -> l.mediaType().endsWith("+gzip")),
                "gzip layers are kept as they came: " + gzipOnly.resolve("mine:gzip").layers());
        assertEquals("child\n", Files.readString(run(gzipOnly, "gz", "mine:gzip").resolve("tmp/child")));
        // and a compressed image saves back as a plain docker-archive
        Path again = root.resolve("again.tar");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zstdOnly.save(List.of("mine:zstd"), out);
        Files.write(again, out.toByteArray());
        JsonNode config = Json.mapper().readTree(skopeo("inspect", "--config", "docker-archive:" + again));
        assertEquals(images.config(child).diffIds().get(1).toString(), config.get("rootfs").get("diff_ids").get(1).asText());
        assertEquals(List.of(), other.check());
        assertEquals(List.of(), zstdOnly.check());
    }

    @Test
    void hostileAndBrokenArchivesAreRefusedAndLeaveNothing() throws Exception {
        Images images = open("data", SnapshotterMode.OVERLAY);
        State before = state(images);
        byte[] good = TestArchives.layer("a.txt", "a\n");
        byte[] config = TestArchives.config(List.of(TestArchives.sha(good)), "2024-01-01T00:00:00Z");
        String configName = TestArchives.sha(config).encoded() + ".json";

        Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
        hostile.put("config path climbing out", new TestArchives.Tar().file("l/layer.tar", good).file(configName, config)
                .file("manifest.json", Json.bytes(List.of(TestArchives.manifestItem("../../../etc/passwd", "x:1", List.of("l/layer.tar"))))).bytes());
        hostile.put("layer path climbing out", new TestArchives.Tar().file("l/layer.tar", good).file(configName, config)
                .file("manifest.json", Json.bytes(List.of(TestArchives.manifestItem(configName, "x:1", List.of("l/../../x/layer.tar"))))).bytes());
        hostile.put("symlink out of the archive", new TestArchives.Tar().symlink("l/layer.tar", "../../../../etc/shadow").file(configName, config)
                .file("manifest.json", Json.bytes(List.of(TestArchives.manifestItem(configName, "x:1", List.of("l/layer.tar"))))).bytes());
        hostile.put("diff_id mismatch", new TestArchives.Tar().file("l/layer.tar", TestArchives.layer("b.txt", "b\n")).file(configName, config)
                .file("manifest.json", Json.bytes(List.of(TestArchives.manifestItem(configName, "x:1", List.of("l/layer.tar"))))).bytes());
        hostile.put("blob not matching its name", new TestArchives.Tar().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                .file("blobs/sha256/" + TestArchives.sha(good).encoded(), TestArchives.layer("evil", "x")).file("index.json", "{}").bytes());
        hostile.put("not a tar", "this is not a tar archive at all, just some text that is long enough".repeat(20).getBytes(StandardCharsets.UTF_8));
        hostile.put("layer count mismatch", new TestArchives.Tar().file("l/layer.tar", good).file(configName, config)
                .file("manifest.json", Json.bytes(List.of(TestArchives.manifestItem(configName, "x:1", List.of("l/layer.tar", "l/layer.tar"))))).bytes());
        byte[] second = TestArchives.layer("z.txt", "z\n");
        byte[] config2 = TestArchives.config(List.of(TestArchives.sha(second)), "2024-01-01T00:00:00Z");
        hostile.put("good image then a bad one", new TestArchives.Tar().file("l/layer.tar", good).file("m/layer.tar", good).file(configName, config)
                .file("c2.json", config2).file("manifest.json", Json.bytes(List.of(
                        TestArchives.manifestItem(configName, "x:1", List.of("l/layer.tar")),
                        TestArchives.manifestItem("c2.json", "x:2", List.of("m/layer.tar"))))).bytes());

        byte[] whole = TestArchives.dockerArchive(List.of(TestArchives.layer("big", "x".repeat(200_000))), "cut:1");
        hostile.put("archive cut short", java.util.Arrays.copyOf(whole, whole.length / 2));
        Map<String, String> expected = Map.ofEntries(Map.entry("archive cut short", "invalid archive"),
                Map.entry("config path climbing out", "points outside the archive"),
                Map.entry("layer path climbing out", "points outside the archive"),
                Map.entry("symlink out of the archive", "points outside the archive"),
                Map.entry("diff_id mismatch", "unpacks to diff_id"),
                Map.entry("blob not matching its name", "does not match its digest"),
                Map.entry("not a tar", "invalid archive"),
                Map.entry("layer count mismatch", "layers length mismatch"),
                Map.entry("good image then a bad one", "unpacks to diff_id"));
        for (Map.Entry<String, byte[]> h : hostile.entrySet()) {
            BerthException e = assertThrows(BerthException.class, () -> load(images, h.getValue(), new ArrayList<>()), h.getKey());
            assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind(), h.getKey() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(expected.get(h.getKey())), h.getKey() + ": " + e.getMessage());
            assertEquals(before, state(images), h.getKey() + " left something behind");
        }
        assertEquals(List.of(), images.check());
        long leftovers;
        try (var s = Files.list(root.resolve("data/content/ingest"))) {
            leftovers = s.count();
        }
        assertEquals(0, leftovers, "no ingest files");
        assertTrue(images.store().content().list().stream().mapToLong(Info::size).sum() > 0);
    }
}
