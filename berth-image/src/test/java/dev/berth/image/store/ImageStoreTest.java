package dev.berth.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.content.Blobs;
import dev.berth.image.content.Digest;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.MediaTypes;
import dev.berth.image.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir Path root;
    ImageStore store;
    TestImages images;

    @BeforeEach
    void open() {
        store = ImageStore.open(root);
        images = new TestImages(store.content());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ImageStore reopen() {
        store.close();
        store = ImageStore.open(root);
        return store;
    }

    private static Reference ref(String s) {
        return Reference.parseNormalized(s);
    }

    private static BerthException.Kind kind(Runnable r) {
        return assertThrows(BerthException.class, r::run).kind();
    }

    private static String message(Runnable r) {
        return assertThrows(BerthException.class, r::run).getMessage();
    }

    @Test
    void addRecordsAnImageWhoseIdIsTheConfigDigest() throws Exception {
        NewImage ni = images.image("alpha", 2);
        ImageRecord r = store.add(ni);
        byte[] configBytes = Blobs.readAll(store.content(), ni.config().digest());
        assertEquals(Digest.sha256(configBytes), r.id());
        assertEquals(ni.layers(), r.layers());
        assertEquals(ni.layers().get(0).size() + ni.layers().get(1).size(), r.size());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), r.created());
        assertNull(r.parent());
        assertTrue(Files.isRegularFile(root.resolve("image/images/" + r.id().encoded() + ".json")));
        assertEquals("alpha", store.config(r.id()).author());

        ImageRecord again = reopen().get(r.id()).orElseThrow();
        assertEquals(r, again);
        assertEquals(List.of(r), store.images());
        assertEquals(List.of(), store.check());
    }

    @Test
    void imageWithoutCreatedTimeTakesTheTimeItWasAdded() {
        store.close();
        Instant now = Instant.parse("2030-05-06T07:08:09Z");
        store = ImageStore.open(root, store.content(), StoreState.Steps.NONE, Clock.fixed(now, ZoneOffset.UTC));
        NewImage ni = images.image("timeless", images.layers("t", 1), Map.of(), null);
        assertEquals(now, store.add(ni).created());
    }

    @Test
    void addRefusesWhatIsNotThere() {
        NewImage ni = images.image("beta", 2);
        Descriptor ghost = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, Digest.sha256("ghost".getBytes()), 5);
        assertEquals("layer blob " + ghost.digest() + ": not found",
                message(() -> store.add(NewImage.of(ni.config(), List.of(ni.layers().get(0), ghost)))));
        Descriptor wrongSize = Descriptor.of(ni.layers().get(1).mediaType(), ni.layers().get(1).digest(), 999);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT,
                kind(() -> store.add(NewImage.of(ni.config(), List.of(ni.layers().get(0), wrongSize)))));
        assertEquals("image " + ni.config().digest() + ": 1 layer blobs given for 2 diff IDs in its config",
                message(() -> store.add(NewImage.of(ni.config(), List.of(ni.layers().get(0))))));
        Digest missingParent = Digest.sha256("p".getBytes());
        assertEquals("No such image: " + missingParent, message(() -> store.add(ni.withParent(missingParent))));
        assertEquals(BerthException.Kind.NOT_FOUND,
                kind(() -> store.add(ni.withManifests(List.of(Digest.sha256("m".getBytes()))))));
        Descriptor notAConfig = images.blob(MediaTypes.OCI_CONFIG, "[1,2,3]".getBytes());
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, kind(() -> store.add(NewImage.of(notAConfig, List.of()))));
        assertTrue(store.images().isEmpty());
        assertFalse(Files.exists(root.resolve("image/images/" + ni.config().digest().encoded() + ".json")));
    }

    @Test
    void addingAgainMergesManifests() {
        NewImage ni = images.image("gamma", 1);
        ImageRecord first = store.add(ni);
        assertEquals(first, store.add(ni));
        NewImage withM = images.withManifest(ni);
        ImageRecord second = store.add(withM);
        assertEquals(withM.manifests(), second.manifests());
        assertEquals(second, reopen().get(first.id()).orElseThrow());
    }

    @Test
    void tagsResolveLikeDocker() throws Exception {
        ImageRecord img = store.add(images.image("busybox", 1));
        store.tag(img.id(), ref("busybox"), true);
        String hex = img.id().encoded();
        for (String s : List.of("busybox", "busybox:latest", "docker.io/library/busybox:latest", "library/busybox",
                "index.docker.io/library/busybox", hex, "sha256:" + hex, hex.substring(0, 12), hex.substring(0, 3),
                "sha256:" + hex.substring(0, 5))) {
            assertEquals(img.id(), store.resolve(s).id(), s);
        }
        assertEquals("No such image: busybox:1", message(() -> store.resolve("busybox:1")));
        assertEquals("No such image: nothere:latest", message(() -> store.resolve("nothere")));
        assertEquals("No such image: example.com/x/y:latest", message(() -> store.resolve("example.com/x/y")));
        assertEquals("No such image: sha256:" + "0".repeat(64), message(() -> store.resolve("0".repeat(64))));
        assertEquals("invalid reference format", message(() -> store.resolve("a::b")));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, kind(() -> store.resolve("a::b")));
        assertEquals(List.of(ref("busybox:latest")), store.references(img.id()));
        assertNotNull(store.get(img.id()).orElseThrow().lastTagTime());

        JsonNode repos = Json.mapper().readTree(Files.readAllBytes(root.resolve("image/repositories.json")));
        assertEquals(img.id().toString(), repos.at("/Repositories/busybox/busybox:latest").asText(),
                "Docker's repositories.json shape, familiar names");
        assertEquals(List.of(ref("busybox:latest")), reopen().references(img.id()));
    }

    @Test
    void tagRulesAndMessages() {
        ImageRecord a = store.add(images.image("a", 1));
        ImageRecord b = store.add(images.image("b", 1));
        store.tag(a.id(), ref("app:v1"), false);
        store.tag(a.id(), ref("app:v1"), false); // same image again: fine
        assertEquals("Conflict: Tag app:v1 is already set to image " + a.id()
                        + ", if you want to replace it, please use the force option",
                message(() -> store.tag(b.id(), ref("app:v1"), false)));
        store.tag(b.id(), ref("app:v1"), true);
        assertEquals(b.id(), store.resolve("app:v1").id());
        assertEquals(List.of(), store.references(a.id()), "the tag moved; a is dangling now");
        assertEquals("refusing to create a tag with a digest reference",
                message(() -> store.tag(a.id(), ref("app@sha256:" + "a".repeat(64)), true)));
        assertEquals("refusing to create an ambiguous tag using digest algorithm as name",
                message(() -> store.tag(a.id(), ref("sha256:sometag"), true)));
        Digest nope = Digest.sha256("nope".getBytes());
        assertEquals("No such image: " + nope, message(() -> store.tag(nope, ref("x"), true)));
    }

    @Test
    void digestReferences() {
        NewImage ni = images.withManifest(images.image("redis", 1));
        ImageRecord img = store.add(ni);
        Digest manifest = ni.manifests().get(0);
        store.tag(img.id(), ref("redis:7"), true);
        store.addDigestReference(img.id(), ref("redis:7@" + manifest));
        assertEquals(List.of(ref("redis:7"), ref("redis@" + manifest)), store.references(img.id()));
        assertEquals(img.id(), store.resolve("redis@" + manifest).id());
        assertEquals(img.id(), store.resolve("redis:whatever@" + manifest).id(), "digest wins over tag");
        ImageRecord other = store.add(images.image("other", 1));
        assertEquals("Cannot overwrite digest " + manifest,
                message(() -> store.addDigestReference(other.id(), ref("redis@" + manifest))));
        assertEquals("reference redis:7 has no digest", message(() -> store.addDigestReference(img.id(), ref("redis:7"))));
    }

    @Test
    void shortIdPrefixMustBeUnique() {
        Map<Character, ImageRecord> byFirst = new HashMap<>();
        ImageRecord[] clash = null;
        for (int i = 0; clash == null; i++) {
            ImageRecord r = store.add(images.image("img" + i, 1));
            ImageRecord prev = byFirst.putIfAbsent(r.id().encoded().charAt(0), r);
            if (prev != null) clash = new ImageRecord[] {prev, r};
        }
        String prefix = clash[0].id().encoded().substring(0, 1);
        BerthException e = assertThrows(BerthException.class, () -> store.getByIdPrefix(prefix));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("image ID prefix " + prefix + " is ambiguous: it matches 2 images", e.getMessage());
        assertEquals(e.getMessage(), message(() -> store.resolve(prefix)));
        assertEquals(clash[1].id(), store.getByIdPrefix(clash[1].id().encoded().substring(0, 20)).id());
        assertEquals("No such image: zz", message(() -> store.getByIdPrefix("zz")));
    }

    @Test
    void untagKeepsTheImage() {
        ImageRecord img = store.add(images.image("u", 1));
        store.tag(img.id(), ref("u:1"), true);
        assertTrue(store.untag(ref("u:1")));
        assertFalse(store.untag(ref("u:1")));
        assertTrue(store.get(img.id()).isPresent());
        assertTrue(store.references(img.id()).isEmpty());
    }

    @Test
    void aSecondStoreOnTheSameRootIsRefused() {
        BerthException e = assertThrows(BerthException.class, () -> ImageStore.open(root));
        assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
        assertEquals("image store " + root.resolve("image") + " is in use by another process", e.getMessage());
        store.close();
        store = ImageStore.open(root); // released on close
    }

    @Test
    void gcRemovesOnlyWhatNoImageNames() {
        NewImage kept = images.withManifest(images.image("kept", 2));
        ImageRecord keptImg = store.add(kept);
        // A platform manifest reachable only through a stored index must survive too.
        Descriptor platformManifest = images.blob(MediaTypes.OCI_MANIFEST, dev.berth.image.model.ImageJson.write(
                dev.berth.image.model.ImageManifest.oci(kept.config(), kept.layers().subList(0, 1))));
        Descriptor index = images.blob(MediaTypes.OCI_INDEX, dev.berth.image.model.ImageJson.write(
                dev.berth.image.model.ImageIndex.oci(List.of(platformManifest))));
        store.add(kept.withManifests(List.of(index.digest())));
        ImageRecord goneImg = store.add(images.image("gone", 2));
        Descriptor stray = images.blob("application/octet-stream", "stray".getBytes());
        Descriptor leased;
        try (var lease = store.content().lease("pull in progress")) {
            leased = new TestImages(store.content(), lease).blob(MediaTypes.OCI_LAYER_TAR, "half pulled".getBytes());
            store.remove(goneImg.id().toString(), false, true, ImageUsers.NONE);
            GcResult gc = store.gc();
            List<Digest> expected = new java.util.ArrayList<>(goneImg.blobs());
            expected.add(stray.digest());
            assertEquals(expected.stream().sorted().toList(), gc.removed().stream().sorted().toList());
            assertEquals(goneImg.size() + goneImg.config().size() + stray.size(), gc.bytesFreed());
            assertTrue(store.content().info(leased.digest()).isPresent(), "leased blob kept");
        }
        for (Digest d : keptImg.blobs()) assertTrue(store.content().info(d).isPresent(), d.toString());
        assertTrue(store.content().info(platformManifest.digest()).isPresent());
        assertTrue(store.content().info(index.digest()).isPresent());
        assertEquals(List.of(leased.digest()), store.gc().removed(), "lease closed: now collectable");
        assertEquals(List.of(), store.gc().removed());
        assertEquals(List.of(), store.check());
    }

    @Test
    void checkReportsEveryKindOfDamage() throws Exception {
        ImageRecord a = store.add(images.image("a", 2));
        ImageRecord b = store.add(images.image("b", 1));
        store.tag(a.id(), ref("a"), true);
        assertEquals(List.of(), store.check());

        Path blobs = root.resolve("content/blobs/sha256");
        Files.delete(blobs.resolve(a.layers().get(1).digest().encoded()));
        Files.write(blobs.resolve(b.id().encoded()), "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes());
        store.close();
        Digest ghost = Digest.sha256("ghost".getBytes());
        Files.writeString(root.resolve("image/repositories.json"),
                "{\"Repositories\":{\"a\":{\"a:latest\":\"" + a.id() + "\"},\"ghost\":{\"ghost:1\":\"" + ghost + "\"}}}");
        Files.writeString(root.resolve("image/images/" + "e".repeat(64) + ".json"), "{truncated");
        store = ImageStore.open(root);

        List<String> problems = store.check();
        String all = String.join("\n", problems);
        assertTrue(all.contains("image record " + root.resolve("image/images/" + "e".repeat(64) + ".json") + " is unreadable"), all);
        assertTrue(all.contains("image " + a.id() + ": layer blob " + a.layers().get(1).digest() + " is missing"), all);
        assertTrue(all.contains("blob " + b.id() + " is corrupt: its content hashes to"), all);
        assertTrue(all.contains("image " + b.id() + ": config blob " + b.id() + " has "), all);
        assertTrue(all.contains("reference ghost:1 points to missing image " + ghost), all);
        assertEquals(6, problems.size(), all); // the corrupt config also disagrees on layer count
    }

    @Test
    void checkReportsMissingConfigAndParent() throws Exception {
        ImageRecord parent = store.add(images.image("parent", 1));
        ImageRecord child = store.add(images.image("child", 1).withParent(parent.id()));
        store.close();
        Files.delete(root.resolve("image/images/" + parent.id().encoded() + ".json"));
        Files.delete(root.resolve("content/blobs/sha256/" + child.id().encoded()));
        store = ImageStore.open(root);
        assertEquals(List.of(
                "image " + child.id() + ": config blob " + child.id() + " is missing",
                "image " + child.id() + ": parent image " + parent.id() + " does not exist"), store.check());
    }

    @Test
    void referencesParsedWithoutDefaultsAreNormalised() {
        ImageRecord img = store.add(images.image("n", 1));
        store.tag(img.id(), Reference.parse("busybox:1"), true);
        assertEquals(List.of(ref("docker.io/library/busybox:1")), store.references(img.id()));
        assertEquals(img.id(), store.get(Reference.parse("busybox:1")).orElseThrow().id());
        assertTrue(store.untag(Reference.parse("library/busybox:1")));
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();
        BerthException e = assertThrows(BerthException.class, () -> store.images());
        assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
        assertEquals("image store " + root.resolve("image") + " is closed", e.getMessage());
        store.close(); // idempotent
        store = ImageStore.open(root);
    }

    @Test
    void configOfUnknownImageIsNotFound() {
        assertEquals(BerthException.Kind.NOT_FOUND, kind(() -> store.config(Digest.sha256("x".getBytes(StandardCharsets.UTF_8)))));
    }
}
