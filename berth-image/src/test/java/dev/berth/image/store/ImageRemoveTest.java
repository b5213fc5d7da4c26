package dev.berth.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import dev.berth.image.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker rmi: moby's image_delete.go rules and messages. */
class ImageRemoveTest {
    static final String CONTAINER = "c0ffee1234567890abcdef";

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

    private ImageRecord image(String name, String... tags) {
        ImageRecord r = store.add(images.image(name, 1));
        for (String t : tags) store.tag(r.id(), Reference.parseNormalized(t), true);
        return r;
    }

    private static ImageUsers stoppedUser(Digest id) {
        return img -> img.equals(id) ? List.of(new ImageUser(CONTAINER, false)) : List.of();
    }

    private static ImageUsers runningUser(Digest id) {
        return img -> img.equals(id) ? List.of(new ImageUser(CONTAINER, true)) : List.of();
    }

    private static List<String> lines(List<DeleteResponse> rs) {
        return rs.stream().map(DeleteResponse::toString).toList();
    }

    private static String shortId(ImageRecord r) {
        return r.id().encoded().substring(0, 12);
    }

    private String conflict(String ref, boolean force, ImageUsers users) {
        BerthException e = assertThrows(BerthException.class, () -> store.remove(ref, force, true, users));
        assertEquals(BerthException.Kind.CONFLICT, e.kind());
        return e.getMessage();
    }

    @Test
    void lastTagTakesTheImageWithIt() {
        ImageRecord img = image("busybox", "busybox");
        assertEquals(List.of("Untagged: busybox:latest", "Deleted: " + img.id()),
                lines(store.remove("busybox", false, true, ImageUsers.NONE)));
        assertTrue(store.get(img.id()).isEmpty());
        assertTrue(store.content().info(img.id()).isPresent(), "blobs stay until gc");
        assertEquals(List.of(), store.check());
    }

    @Test
    void oneOfSeveralTagsOnlyUntags() {
        ImageRecord img = image("multi", "app:1", "app:2", "other:x");
        assertEquals(List.of("Untagged: app:1"), lines(store.remove("app:1", false, true, ImageUsers.NONE)));
        assertEquals(List.of(Reference.parseNormalized("app:2"), Reference.parseNormalized("other:x")), store.references(img.id()));
    }

    @Test
    void referenceUsedByAContainerNeedsForce() {
        ImageRecord img = image("used", "used:1");
        assertEquals("conflict: unable to remove repository reference \"used:1\" (must force) - container c0ffee123456 is using its referenced image "
                + shortId(img), conflict("used:1", false, stoppedUser(img.id())));
        assertEquals(List.of(Reference.parseNormalized("used:1")), store.references(img.id()));
    }

    @Test
    void forcingAReferenceUsedByARunningContainerOnlyUntags() {
        ImageRecord img = image("run", "run:1");
        assertEquals(List.of("Untagged: run:1"), lines(store.remove("run:1", true, true, runningUser(img.id()))));
        assertTrue(store.get(img.id()).isPresent(), "the image stays, dangling");
        assertTrue(store.references(img.id()).isEmpty());
    }

    @Test
    void forcingAReferenceUsedOnlyByAStoppedContainerDeletesTheImage() {
        ImageRecord img = image("stop", "stop:1");
        assertEquals(List.of("Untagged: stop:1", "Deleted: " + img.id()),
                lines(store.remove("stop:1", true, true, stoppedUser(img.id()))));
    }

    @Test
    void aUsedImageWithAnotherReferenceCanLoseOneWithoutForce() {
        ImageRecord img = image("two", "one:1", "two:1");
        assertEquals(List.of("Untagged: one:1"), lines(store.remove("one:1", false, true, runningUser(img.id()))));
    }

    @Test
    void idOfImageInSeveralRepositoriesNeedsForce() {
        ImageRecord img = image("repos", "r1:latest", "r2:latest");
        assertEquals("conflict: unable to delete " + shortId(img) + " (must be forced) - image is referenced in multiple repositories",
                conflict(shortId(img), false, ImageUsers.NONE));
        assertEquals(List.of("Untagged: r1:latest", "Untagged: r2:latest", "Deleted: " + img.id()),
                lines(store.remove(img.id().toString(), true, true, ImageUsers.NONE)));
    }

    @Test
    void idOfImageWithOneRepositoryUntagsAndDeletes() {
        ImageRecord img = image("single", "s:1");
        store.addDigestReference(img.id(), Reference.parseNormalized("s@sha256:" + "a".repeat(64)));
        assertEquals(List.of("Untagged: s:1", "Untagged: s@sha256:" + "a".repeat(64), "Deleted: " + img.id()),
                lines(store.remove(img.id().encoded(), false, true, ImageUsers.NONE)));
    }

    @Test
    void idOfImageUsedByARunningContainerCannotBeForced() {
        ImageRecord img = image("hard", "hard:1");
        String expected = "conflict: unable to delete " + shortId(img) + " (cannot be forced) - image is being used by running container c0ffee123456";
        assertEquals(expected, conflict(shortId(img), false, runningUser(img.id())));
        assertEquals(expected, conflict(shortId(img), true, runningUser(img.id())));
        assertEquals(List.of(Reference.parseNormalized("hard:1")), store.references(img.id()), "nothing untagged");
    }

    @Test
    void idOfImageUsedByAStoppedContainerMustBeForced() {
        ImageRecord img = image("soft", "soft:1");
        assertEquals("conflict: unable to delete " + shortId(img) + " (must be forced) - image is being used by stopped container c0ffee123456",
                conflict(shortId(img), false, stoppedUser(img.id())));
        assertEquals(List.of("Untagged: soft:1", "Deleted: " + img.id()),
                lines(store.remove(shortId(img), true, true, stoppedUser(img.id()))));
    }

    @Test
    void untaggedImageUsedByAStoppedContainer() {
        ImageRecord img = image("dangling");
        assertEquals("conflict: unable to delete " + shortId(img) + " (must be forced) - image is being used by stopped container c0ffee123456",
                conflict(img.id().toString(), false, stoppedUser(img.id())));
    }

    @Test
    void parentWithChildrenCannotBeDeleted() {
        ImageRecord parent = image("parent");
        ImageRecord child = store.add(images.image("child", 1).withParent(parent.id()));
        assertEquals("conflict: unable to delete " + shortId(parent) + " (cannot be forced) - image has dependent child images",
                conflict(parent.id().toString(), true, ImageUsers.NONE));
        assertTrue(store.get(child.id()).isPresent());
    }

    @Test
    void pruneRemovesUntaggedParentsButNotTaggedOnes() {
        ImageRecord base = image("base", "base:1");
        ImageRecord mid = store.add(images.image("mid", 1).withParent(base.id()));
        ImageRecord top = store.add(images.image("top", 1).withParent(mid.id()));
        store.tag(top.id(), Reference.parseNormalized("top:1"), true);
        assertEquals(List.of("Untagged: top:1", "Deleted: " + top.id(), "Deleted: " + mid.id()),
                lines(store.remove("top:1", false, true, ImageUsers.NONE)));
        assertTrue(store.get(base.id()).isPresent());
    }

    @Test
    void noPruneKeepsParents() {
        ImageRecord mid = image("mid");
        ImageRecord top = store.add(images.image("top", 1).withParent(mid.id()));
        store.tag(top.id(), Reference.parseNormalized("top:1"), true);
        assertEquals(List.of("Untagged: top:1", "Deleted: " + top.id()),
                lines(store.remove("top:1", false, false, ImageUsers.NONE)));
        assertTrue(store.get(mid.id()).isPresent());
    }

    @Test
    void removingTheLastTagOfARepositoryDropsItsDigestReferences() {
        ImageRecord img = image("redis", "redis:7");
        String digestRef = "redis@sha256:" + "b".repeat(64);
        store.addDigestReference(img.id(), Reference.parseNormalized(digestRef));
        store.tag(img.id(), Reference.parseNormalized("cache:1"), true);
        assertEquals(List.of("Untagged: redis:7", "Untagged: " + digestRef),
                lines(store.remove("redis:7", false, true, ImageUsers.NONE)));
        assertEquals(List.of(Reference.parseNormalized("cache:1")), store.references(img.id()));
    }

    @Test
    void removingADigestReference() {
        ImageRecord img = image("pinned", "pinned:1");
        String digestRef = "pinned@sha256:" + "c".repeat(64);
        store.addDigestReference(img.id(), Reference.parseNormalized(digestRef));
        assertEquals(List.of("Untagged: " + digestRef), lines(store.remove(digestRef, false, true, ImageUsers.NONE)));
        assertEquals(List.of(Reference.parseNormalized("pinned:1")), store.references(img.id()));
    }

    @Test
    void unknownImages() {
        assertEquals("No such image: nothere:latest",
                assertThrows(BerthException.class, () -> store.remove("nothere", false, true, ImageUsers.NONE)).getMessage());
        assertEquals(BerthException.Kind.NOT_FOUND,
                assertThrows(BerthException.class, () -> store.remove("abcdef", true, true, ImageUsers.NONE)).kind());
    }

    @Test
    void predicateAdapterIsTheStrictest() {
        ImageRecord img = image("p", "p:1");
        ImageUsers users = ImageUsers.fromPredicate(id -> id.equals(img.id()));
        assertEquals(List.of("Untagged: p:1"), lines(store.remove("p:1", true, true, users)));
        assertTrue(store.get(img.id()).isPresent());
    }

    @Test
    void singleReferenceRule() {
        Reference tagA = Reference.parseNormalized("a:1");
        Reference tagA2 = Reference.parseNormalized("a:2");
        Reference digA = Reference.parseNormalized("a@sha256:" + "d".repeat(64));
        Reference digB = Reference.parseNormalized("b@sha256:" + "d".repeat(64));
        assertFalse(ImageRemover.isSingleReference(List.of()));
        assertTrue(ImageRemover.isSingleReference(List.of(tagA)));
        assertTrue(ImageRemover.isSingleReference(List.of(tagA, digA)));
        assertFalse(ImageRemover.isSingleReference(List.of(tagA, tagA2)));
        assertFalse(ImageRemover.isSingleReference(List.of(tagA, digB)));
        assertFalse(ImageRemover.isSingleReference(List.of(digA, digB)));
        assertTrue(ImageRemover.isSingleReference(List.of(digA, Reference.parseNormalized("a@sha256:" + "e".repeat(64)))));
    }

    @Test
    void labelsDoNotMatterForRemoval() {
        ImageRecord img = store.add(images.image("labelled", images.layers("l", 1), Map.of("k", "v"), "2024-01-01T00:00:00Z"));
        assertEquals(List.of("Deleted: " + img.id()), lines(store.remove(img.id().toString(), false, true, ImageUsers.NONE)));
    }
}
