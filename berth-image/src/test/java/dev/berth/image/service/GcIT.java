package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.store.DeleteResponse;
import dev.berth.image.store.ImageFilter;
import dev.berth.image.store.ImageSummary;
import dev.berth.image.store.ImageUser;
import dev.berth.image.store.ImageUsers;
import dev.berth.snapshot.SnapshotInfo;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** rmi, prune and collection of blobs and snapshots, never under a container; sizes for images and system df. */
class GcIT extends ImagesTestSupport {

    private static Set<String> snapshotKeys(Images images) {
        return images.snapshotter().walk().stream().map(SnapshotInfo::key).collect(Collectors.toSet());
    }

    private static Set<Digest> blobs(Images images) {
        return images.store().content().list().stream().map(i -> i.digest()).collect(Collectors.toSet());
    }

    private void loadTiny(Images images) throws Exception {
        try (InputStream in = GcIT.class.getResourceAsStream("docker-20.10-save-two-images.tar")) {
            images.load(in, true, l -> { });
        }
    }

    @Test
    void snapshotsGoWithTheirLastImageButNeverFromUnderAContainer() throws Exception {
        Images images = openBare("data", SnapshotterMode.OVERLAY);
        loadTiny(images);
        List<String> childChains = Unpacker.chainKeys(images.config("tiny:child").diffIds());
        String baseChain = childChains.get(0);
        Digest childLayer = images.resolve("tiny:child").layers().get(1).digest();
        Path c = run(images, "user", "tiny:child");

        List<DeleteResponse> out = images.remove("tiny:child", true, true, ImageUsers.NONE);
        assertTrue(out.stream().anyMatch(r -> r.deleted() != null), out.toString());
        assertTrue(snapshotKeys(images).containsAll(childChains), "the container still sits on the image's layers");
        assertEquals("added\n", Files.readString(c.resolve("added.txt")), "and keeps working");
        assertTrue(blobs(images).stream().noneMatch(childLayer::equals), "the layer blob nothing names is collected");

        images.unmountRootfs(c);
        images.removeContainer("user");
        images.collect();
        Set<String> left = snapshotKeys(images);
        assertFalse(left.contains(childChains.get(1)), "unused now: removed " + left);
        assertTrue(left.contains(baseChain), "tiny:base still needs its layer");
        images.remove("tiny:base", false, true, ImageUsers.NONE);
        assertEquals(Set.of(), snapshotKeys(images));
        assertEquals(Set.of(), blobs(images));
        assertEquals(List.of(), images.check());
        assertEquals(0, Files.list(root.resolve("data/layers")).count(), "layer records go with their snapshots");
    }

    @Test
    void pruneRemovesDanglingThenUnusedImages() throws Exception {
        Images images = open("data", SnapshotterMode.OVERLAY);
        loadTiny(images);
        Path c = run(images, "c1", "busybox");
        Files.writeString(c.resolve("data"), "x".repeat(100_000));
        images.unmountRootfs(c);
        String dangling = images.commit("c1", CommitOptions.of(null), ImageConfig.Config.empty());
        images.mountRootfs("c1", c);
        Files.writeString(c.resolve("more"), "more\n");
        images.unmountRootfs(c);
        String kept = images.commit("c1", CommitOptions.of("keep:1"), ImageConfig.Config.empty()); // a different layer
        Digest busybox = images.resolve("busybox").id();
        ImageUsers users = id -> id.equals(busybox) ? List.of(new ImageUser("c1", false)) : List.of();

        PruneReport dang = images.prune(false, users);
        assertEquals(List.of(DeleteResponse.deleted(dangling)), dang.deleted());
        assertTrue(dang.spaceReclaimed() >= 200_000, "its layer, unpacked and as a blob: " + dang.spaceReclaimed());
        assertTrue(images.store().get(Digest.parse(kept)).isPresent());
        assertEquals(0, images.prune(false, users).deleted().size(), "nothing dangling left");

        PruneReport all = images.prune(true, users);
        Set<String> deleted = all.deleted().stream().filter(r -> r.deleted() != null).map(DeleteResponse::deleted).collect(Collectors.toSet());
        assertEquals(Set.of(kept, "sha256:8c6738798e610c0c72346c8bb26a3d43e1953423a73d1948423f1838b43706da",
                "sha256:98aa3c45167262009fd0c19567beaf531c8363d1361f65a42e657d99a8b5fe9c"), deleted);
        assertTrue(all.deleted().contains(DeleteResponse.untagged("keep:1")), all.deleted().toString());
        assertEquals(List.of(busybox), images.store().images().stream().map(r -> r.id()).toList(), "the image a container uses stays");
        Set<String> keys = snapshotKeys(images);
        assertEquals(Set.of(Unpacker.chainKeys(images.config("busybox").diffIds()).get(0), "c1", "c1-init"), keys);
        assertEquals(List.of(), images.check());
    }

    @Test
    void sizesAreUnpackedSizesAndSystemDfSharesLayers() throws Exception {
        Images images = open("data", SnapshotterMode.OVERLAY);
        Path c = run(images, "c1", "busybox");
        Files.writeString(c.resolve("file"), "y".repeat(50_000));
        images.unmountRootfs(c);
        images.commit("c1", CommitOptions.of("big:1"), ImageConfig.Config.empty());
        long busyboxSize = images.inspect("busybox").size();
        assertEquals(1_985_581, busyboxSize, 50_000, "apparent size of busybox's files, as Docker counts it");
        assertTrue(busyboxSize < images.resolve("busybox").size(), "smaller than its tar");
        long big = images.inspect("big:1").size();
        assertEquals(busyboxSize + 50_000, big, "one more 50 kB file");
        List<ImageSummary> listed = images.list(ImageFilter.NONE, false);
        assertEquals(Set.of(busyboxSize, big), listed.stream().map(ImageSummary::size).collect(Collectors.toSet()));

        Digest busybox = images.resolve("busybox").id();
        ImagesUsage df = images.usage(id -> id.equals(busybox) ? List.of(new ImageUser("c1", true)) : List.of());
        assertEquals(big, df.layersSize(), "each layer once");
        ImagesUsage.Entry bigEntry = df.images().stream().filter(e -> e.repoTags().contains("big:1")).findFirst().orElseThrow();
        assertEquals(busyboxSize, bigEntry.sharedSize());
        assertEquals(0, bigEntry.containers());
        assertEquals(1, df.active());
        BerthException e = assertThrows(BerthException.class,
                () -> images.remove(busybox.toString(), false, false, id -> List.of(new ImageUser("c1", true))));
        assertEquals(BerthException.Kind.CONFLICT, e.kind());
    }
}
