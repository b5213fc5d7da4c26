package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.image.content.Blobs;
import dev.berth.image.content.Digest;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.MediaTypes;
import dev.berth.image.store.NewImage;
import dev.berth.snapshot.SnapshotInfo;
import dev.berth.snapshot.SnapshotKind;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unpacking: long stacks, concurrent unpacks of one chain, refused layers, import. */
class UnpackIT extends ImagesTestSupport {

    /** Layer i adds l/f&lt;i&gt;, rewrites /top, adds gone-&lt;i&gt; and whites out gone-&lt;i-1&gt;. */
    static List<byte[]> stack(int n) {
        List<byte[]> layers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestArchives.Tar t = new TestArchives.Tar().dir("l").file("l/f" + i, "layer " + i + "\n").file("top", i + "\n")
                    .file("gone-" + i, "x");
            if (i > 0) t.file(".wh.gone-" + (i - 1), new byte[0]);
            layers.add(t.bytes());
        }
        return layers;
    }

    /** Adds an image straight to the store (blobs and record), without unpacking it. */
    static String addWithoutUnpacking(Images images, List<byte[]> layers, List<Digest> diffIds, String tag) {
        List<Descriptor> descs = new ArrayList<>();
        for (byte[] l : layers) descs.add(Descriptor.of(MediaTypes.DOCKER_LAYER_TAR, Blobs.write(images.store().content(), l, null), l.length));
        byte[] config = TestArchives.config(diffIds, "2024-03-03T00:00:00Z");
        Descriptor c = Descriptor.of(MediaTypes.DOCKER_CONFIG, Blobs.write(images.store().content(), config, null), config.length);
        String id = images.store().add(NewImage.of(c, descs)).id().toString();
        if (tag != null) images.tag(id, tag);
        return id;
    }

    private static List<SnapshotInfo> snapshots(Images images) {
        return images.snapshotter().walk();
    }

    @ParameterizedTest
    @EnumSource(value = SnapshotterMode.class, names = {"OVERLAY", "NATIVE"})
    void sixtyLayerImageUnpacksAndMounts(SnapshotterMode mode) throws Exception {
        Images images = openBare("data", mode);
        List<byte[]> layers = stack(60);
        assertEquals(List.of("deep:60"), images.load(new ByteArrayInputStream(TestArchives.dockerArchive(layers, "deep:60")), true, l -> { }));
        Path c = run(images, "deep", "deep:60");
        for (int i = 0; i < 60; i++) assertEquals("layer " + i + "\n", Files.readString(c.resolve("l/f" + i)));
        assertEquals("59\n", Files.readString(c.resolve("top")), "the top layer wins");
        for (int i = 0; i < 59; i++) assertFalse(exists(c.resolve("gone-" + i)), "whited out by layer " + (i + 1));
        assertTrue(exists(c.resolve("gone-59")));
        long chains = snapshots(images).stream().filter(s -> s.key().startsWith("sha256:")).count();
        assertEquals(60, chains);
        Files.writeString(c.resolve("new"), "on top of 60\n");
        images.unmountRootfs(c);
        String id = images.commit("deep", CommitOptions.of("deep:61"), ImageConfig.Config.empty());
        assertEquals(61, images.config(id).diffIds().size());
        assertEquals("on top of 60\n", Files.readString(run(images, "deeper", "deep:61").resolve("new")));
        assertEquals(List.of(), images.check());
    }

    @Test
    void concurrentUnpacksOfTheSameChainMakeOneSnapshotEach() throws Exception {
        Images images = openBare("data", SnapshotterMode.OVERLAY);
        List<byte[]> layers = stack(5);
        List<Digest> diffIds = layers.stream().map(TestArchives::sha).toList();
        String id = addWithoutUnpacking(images, layers, diffIds, "race:1");
        String other = addWithoutUnpacking(images, layers.subList(0, 3), diffIds.subList(0, 3), "race:3"); // shares 3 chains
        assertTrue(snapshots(images).isEmpty(), "nothing unpacked yet");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> jobs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String which = i % 2 == 0 ? id : other;
                jobs.add(() -> images.ensureUnpacked(which));
            }
            List<String> tops = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(jobs)) tops.add(f.get());
            assertEquals(Set.of(Unpacker.chainKeys(diffIds).get(4), Unpacker.chainKeys(diffIds).get(2)), Set.copyOf(tops));
        } finally {
            pool.shutdownNow();
        }
        List<SnapshotInfo> all = snapshots(images);
        assertEquals(5, all.size(), "one snapshot per chain: " + all);
        assertTrue(all.stream().allMatch(s -> s.kind() == SnapshotKind.COMMITTED && !s.staging()));
        assertEquals(Set.copyOf(Unpacker.chainKeys(diffIds)), all.stream().map(SnapshotInfo::key).collect(Collectors.toSet()));
    }

    @Test
    void aLayerThatDoesNotMatchItsDiffIdIsRefusedAndItsStagedSnapshotRemoved() throws Exception {
        Images images = openBare("data", SnapshotterMode.OVERLAY);
        List<byte[]> layers = stack(3);
        List<Digest> lies = new ArrayList<>(layers.stream().map(TestArchives::sha).toList());
        lies.set(1, TestArchives.sha("something else".getBytes()));
        String id = addWithoutUnpacking(images, layers, lies, "liar:1");
        BerthException e = assertThrows(BerthException.class, () -> images.ensureUnpacked(id));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("layer 1") && e.getMessage().contains("unpacks to diff_id " + TestArchives.sha(layers.get(1)))
                && e.getMessage().contains("the image config says " + lies.get(1)), e.getMessage());
        List<SnapshotInfo> all = snapshots(images);
        assertEquals(List.of(Unpacker.chainKeys(lies).get(0)), all.stream().map(SnapshotInfo::key).toList(),
                "only the good layer below is committed; the bad one's staging snapshot is gone: " + all);
        BerthException again = assertThrows(BerthException.class, () -> images.prepareContainer("c", "liar:1", initFiles("c")));
        assertEquals(e.getMessage(), again.getMessage(), "a container is never made on a half-unpacked image");
        assertFalse(Files.exists(root.resolve("data/rootfs/c.json")));
    }

    @Test
    void importMakesAOneLayerImageWithTheChanges() throws Exception {
        Images images = openBare("data", SnapshotterMode.OVERLAY);
        byte[] rootfs = new TestArchives.Tar().dir("bin").file("bin/app", "#!/bin/sh\n".getBytes(), 0755).dir("etc").file("etc/motd", "hi\n").bytes();
        String id = images.importRootfs(new ByteArrayInputStream(TestArchives.gzip(rootfs)), "imp:1",
                List.of("CMD [\"/bin/app\"]", "ENV A=1", "WORKDIR /srv"), null);
        ImageConfig c = images.config("imp:1");
        assertEquals(id, images.resolve("imp:1").id().toString());
        assertEquals(List.of(TestArchives.sha(rootfs)), c.diffIds(), "the layer is the uncompressed tar");
        assertEquals(List.of("/bin/app"), c.config().cmd());
        assertEquals(List.of("A=1"), c.config().env());
        assertEquals("/srv", c.config().workingDir());
        assertEquals("linux", c.os());
        assertEquals("amd64", c.architecture());
        assertEquals("Imported from -", c.history().get(0).comment());
        assertEquals("Imported from -", images.inspect(id).comment());
        assertEquals("Imported from -", images.history(id).get(0).comment());
        assertEquals("hi\n", Files.readString(run(images, "c", "imp:1").resolve("etc/motd")));
        String plain = images.importRootfs(new ByteArrayInputStream(rootfs), null, List.of(), "my message");
        assertEquals("my message", images.inspect(plain).comment());
        assertTrue(images.store().references(images.resolve(plain).id()).isEmpty());

        int before = images.store().images().size();
        assertThrows(BerthException.class, () -> images.importRootfs(new ByteArrayInputStream("not a tar".repeat(100).getBytes()), "bad:1", List.of(), null));
        assertThrows(BerthException.class, () -> images.importRootfs(new ByteArrayInputStream(rootfs), "bad:2", List.of("RUN x"), null));
        assertEquals(before, images.store().images().size());
        assertEquals(List.of(), images.check());
    }
}
