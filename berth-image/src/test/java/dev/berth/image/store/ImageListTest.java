package dev.berth.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** docker images and its filters (moby daemon/images/images.go). */
class ImageListTest {
    @TempDir Path root;
    ImageStore store;
    TestImages images;
    ImageRecord old;     // 2020, label tier=db, tags db:1 and db:2 and a digest reference
    ImageRecord middle;  // 2022, label tier=web, tag web:1, parent of child
    ImageRecord child;   // 2023, no tags: intermediate? no: it is a head (no children) and dangling
    ImageRecord recent;  // 2024, label tier=web team=x, tag example.com/team/web:2
    ImageRecord orphan;  // 2021, no tags, no children: dangling

    @BeforeEach
    void setUp() {
        store = ImageStore.open(root);
        images = new TestImages(store.content());
        old = add("old", Map.of("tier", "db"), "2020-01-01T00:00:00Z", null);
        orphan = add("orphan", Map.of(), "2021-01-01T00:00:00Z", null);
        middle = add("middle", Map.of("tier", "web"), "2022-01-01T00:00:00Z", null);
        child = add("child", Map.of(), "2023-01-01T00:00:00Z", middle.id());
        recent = add("recent", Map.of("tier", "web", "team", "x"), "2024-01-01T00:00:00Z", null);
        tag(old, "db:1");
        tag(old, "db:2");
        store.addDigestReference(old.id(), Reference.parseNormalized("db@sha256:" + "a".repeat(64)));
        tag(recent, "example.com/team/web:2");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ImageRecord add(String name, Map<String, String> labels, String created, Digest parent) {
        return store.add(images.image(name, images.layers(name, 1), labels, created).withParent(parent));
    }

    private void tag(ImageRecord r, String t) {
        store.tag(r.id(), Reference.parseNormalized(t), true);
    }

    private List<Digest> ids(Map<String, List<String>> filters, boolean all) {
        return store.list(ImageFilter.parse(filters), all).stream().map(ImageSummary::id).toList();
    }

    @Test
    void listsNewestFirstAndHidesIntermediateImages() {
        List<ImageSummary> rows = store.list(ImageFilter.NONE, false);
        assertEquals(List.of(recent.id(), child.id(), orphan.id(), old.id()), rows.stream().map(ImageSummary::id).toList());
        ImageSummary db = rows.get(3);
        assertEquals(List.of("db:1", "db:2"), db.repoTags());
        assertEquals(List.of("db@sha256:" + "a".repeat(64)), db.repoDigests());
        assertEquals(Map.of("tier", "db"), db.labels());
        assertEquals(middle.id(), rows.get(1).parentId());
        assertEquals(List.of(), rows.get(1).repoTags());
        assertEquals(List.of(recent.id(), child.id(), middle.id(), orphan.id(), old.id()), ids(Map.of(), true),
                "all=true shows the untagged parent too");
    }

    @Test
    void tagsMakeAParentVisible() {
        tag(middle, "web:1");
        assertEquals(List.of(recent.id(), child.id(), middle.id(), orphan.id(), old.id()), ids(Map.of(), false));
    }

    @Test
    void danglingFilter() {
        assertEquals(List.of(child.id(), orphan.id()), ids(Map.of("dangling", List.of("true")), false));
        assertEquals(List.of(recent.id(), old.id()), ids(Map.of("dangling", List.of("false")), false));
        // An image with only a digest reference counts as dangling (no tags) but is not hidden by dangling=false.
        store.untag(Reference.parseNormalized("db:1"));
        store.untag(Reference.parseNormalized("db:2"));
        assertEquals(List.of(child.id(), orphan.id(), old.id()), ids(Map.of("dangling", List.of("true")), false));
        assertEquals(List.of(recent.id(), old.id()), ids(Map.of("dangling", List.of("false")), false));
    }

    @Test
    void labelFilter() {
        assertEquals(List.of(recent.id()), ids(Map.of("label", List.of("tier=web")), false));
        assertEquals(List.of(recent.id(), middle.id()), ids(Map.of("label", List.of("tier=web")), true));
        assertEquals(List.of(recent.id(), old.id()), ids(Map.of("label", List.of("tier")), false));
        assertEquals(List.of(recent.id()), ids(Map.of("label", List.of("tier", "team=x")), false), "all labels must match");
        assertEquals(List.of(), ids(Map.of("label", List.of("team=y")), false));
    }

    @Test
    void referenceFilterShowsOnlyMatchingReferences() {
        List<ImageSummary> rows = store.list(ImageFilter.parse(Map.of("reference", List.of("db:1"))), false);
        assertEquals(1, rows.size());
        assertEquals(List.of("db:1"), rows.get(0).repoTags());
        assertEquals(List.of(), rows.get(0).repoDigests());
        assertEquals(List.of(old.id()), ids(Map.of("reference", List.of("db")), false), "familiar name matches too");
        assertEquals(List.of(recent.id()), ids(Map.of("reference", List.of("example.com/*/web")), false));
        assertEquals(List.of(recent.id(), old.id()), ids(Map.of("reference", List.of("db:*", "*/*/web:2")), false));
        assertEquals(List.of(), ids(Map.of("reference", List.of("web")), false));
        assertEquals("syntax error in pattern", assertThrows(BerthException.class,
                () -> store.list(ImageFilter.parse(Map.of("reference", List.of("[-x]"))), false)).getMessage());
    }

    @Test
    void beforeAndSince() {
        assertEquals(List.of(orphan.id(), old.id()), ids(Map.of("before", List.of("sha256:" + middle.id().encoded())), true));
        assertEquals(List.of(recent.id(), child.id()), ids(Map.of("since", List.of(middle.id().encoded().substring(0, 12))), false));
        assertEquals(List.of(child.id(), orphan.id()), ids(Map.of("since", List.of("db:1"),
                "before", List.of("example.com/team/web:2"), "dangling", List.of("true")), false));
        assertEquals(List.of(child.id()), ids(Map.of("since", List.of(orphan.id().toString()),
                "before", List.of("example.com/team/web:2"), "dangling", List.of("true")), false));
        assertEquals("No such image: nothere:latest", assertThrows(BerthException.class,
                () -> store.list(ImageFilter.parse(Map.of("since", List.of("nothere"))), false)).getMessage());
    }

    @Test
    void invalidFilters() {
        assertEquals("invalid filter 'colour'", assertThrows(BerthException.class,
                () -> ImageFilter.parse(Map.of("colour", List.of("red")))).getMessage());
        assertEquals("invalid filter 'dangling=maybe'", assertThrows(BerthException.class,
                () -> ImageFilter.parse(Map.of("dangling", List.of("maybe")))).getMessage());
    }
}
