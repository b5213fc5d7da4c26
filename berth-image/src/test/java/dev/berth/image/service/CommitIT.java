package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.archive.Change;
import dev.berth.common.BerthException;
import dev.berth.image.content.Info;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.MediaTypes;
import dev.berth.image.store.ImageRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Containers on real mounts, both snapshotters: copy-on-write, diff, commit with whiteouts, export, the init layer. */
class CommitIT extends ImagesTestSupport {
    private static final ImageConfig.Config CONTAINER = new ImageConfig.Config(null, null,
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), null,
            List.of("sh", "-c", "rm /etc/group; rm -rf /sbin && mkdir /sbin"), null, null, null, null, null, null, null, null,
            Map.of("Hostname", "c1"));

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /** What the container does: a deleted lower file, a replaced (opaque) directory, new and changed files, an init file edited. */
    private static void work(Path mnt) throws Exception {
        Files.delete(mnt.resolve("etc/group"));
        try (Stream<Path> s = Files.list(mnt.resolve("sbin"))) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.delete(mnt.resolve("sbin"));
        Files.createDirectory(mnt.resolve("sbin"));
        Files.writeString(mnt.resolve("sbin/only"), "only\n");
        Files.writeString(mnt.resolve("tmp/new"), "new\n");
        Files.writeString(mnt.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(mnt.resolve("etc/hosts"), "10.1.1.1 edited\n", java.nio.file.StandardOpenOption.APPEND);
    }

    @ParameterizedTest
    @EnumSource(value = SnapshotterMode.class, names = {"OVERLAY", "NATIVE"})
    void whiteoutsAndOpaqueDirectoriesSurviveCommitAndTheImageStaysIntact(SnapshotterMode mode) throws Exception {
        Images images = open("data", mode);
        assertEquals(mode == SnapshotterMode.OVERLAY ? "overlay2" : "vfs", images.driverName());
        Set<String> busyboxSbin = names(run(images, "before", "busybox").resolve("sbin"));
        assertTrue(busyboxSbin.size() > 5, "busybox has applets in /sbin: " + busyboxSbin);

        Path c1 = run(images, "c1", "busybox");
        assertEquals("127.0.0.1\tlocalhost\n", Files.readString(c1.resolve("etc/hosts")), "the init layer is visible in the container");
        work(c1);

        List<String> diff = images.changes("c1").stream().map(Change::toString).toList();
        assertTrue(diff.contains("D /etc/group"), diff.toString());
        assertTrue(diff.contains("A /tmp/new"), diff.toString());
        assertTrue(diff.contains("C /etc/passwd"), diff.toString());
        assertTrue(diff.contains("A /sbin/only"), diff.toString());
        assertTrue(diff.stream().noneMatch(l -> l.contains("/etc/hosts") || l.contains("dockerenv") || l.contains("hostname")
                || l.contains("resolv.conf")), "init files are not in docker diff: " + diff);

        String id = images.commit("c1", new CommitOptions("mine:1", "tester", "the message", List.of("ENV ADDED=yes", "CMD [\"true\"]"),
                true, null), CONTAINER);
        ImageRecord rec = images.resolve("mine:1");
        assertEquals(id, rec.id().toString());
        Descriptor layer = rec.layers().get(rec.layers().size() - 1);
        assertEquals(MediaTypes.DOCKER_LAYER_TAR, layer.mediaType());
        Map<String, TarArchiveEntry> tar = entries(blob(images, layer.digest()));
        assertTrue(tar.containsKey("etc/.wh.group"), "the deleted file is a whiteout: " + tar.keySet());
        if (mode == SnapshotterMode.OVERLAY) {
            assertTrue(tar.containsKey("sbin/.wh..wh..opq"), "overlay: the replaced directory is opaque: " + tar.keySet());
        } else { // a tree compare (Docker's naive diff) sees every old entry deleted
            for (String old : busyboxSbin) assertTrue(tar.containsKey("sbin/.wh." + old), "native: " + old + " is whited out: " + tar.keySet());
        }
        assertTrue(tar.containsKey("sbin/only") && tar.containsKey("tmp/new") && tar.containsKey("etc/passwd"), tar.keySet().toString());
        assertTrue(tar.keySet().stream().noneMatch(n -> n.contains("hosts") || n.contains("dockerenv") || n.contains("hostname")
                || n.contains("resolv")), "the init layer is not committed: " + tar.keySet());
        assertEquals(rec.layers().size(), images.inspect("mine:1").layers().size());
        assertEquals(layer.digest().toString(), images.inspect("mine:1").layers().get(1), "an uncompressed layer's digest is its diff id");

        Path c2 = run(images, "c2", "mine:1");
        assertFalse(exists(c2.resolve("etc/group")), "deleted in the new image");
        assertEquals(Set.of("only"), names(c2.resolve("sbin")), "the opaque directory hides the lower one");
        assertEquals("new\n", Files.readString(c2.resolve("tmp/new")));
        assertEquals("root:x:0:0:root:/root:/bin/sh\n", Files.readString(c2.resolve("etc/passwd")));
        assertEquals("127.0.0.1\tlocalhost\n", Files.readString(c2.resolve("etc/hosts")), "c2 has its own init files, not c1's edit");

        Path c3 = run(images, "c3", "busybox");
        assertTrue(exists(c3.resolve("etc/group")), "copy-on-write: the image keeps its file");
        assertEquals(busyboxSbin, names(c3.resolve("sbin")), "copy-on-write: the image keeps its directory");

        ImageConfig config = images.config("mine:1");
        assertTrue(config.config().env().contains("ADDED=yes"), config.config().env().toString());
        assertEquals(List.of("true"), config.config().cmd());
        assertEquals("c1", config.config().extra().get("Hostname"), "the container's config is the base of the new one");
        assertEquals("c1", config.container());
        assertEquals(CONTAINER.cmd(), config.containerConfig().cmd());
        ImageInspect inspect = images.inspect("mine:1");
        assertEquals(images.resolve("busybox").id().toString(), inspect.parent());
        assertEquals("tester", inspect.author());
        assertEquals("the message", inspect.comment());
        assertEquals(List.of("mine:1"), inspect.repoTags());
        List<HistoryRow> history = images.history("mine:1");
        assertEquals(id, history.get(0).id());
        assertEquals("sh -c rm /etc/group; rm -rf /sbin && mkdir /sbin", history.get(0).createdBy(), "Docker joins the container's Cmd");
        assertEquals("the message", history.get(0).comment());
        assertEquals(List.of("mine:1"), history.get(0).tags());
        assertEquals(images.resolve("busybox").id().toString(), history.get(1).id());
        assertEquals("<missing>", history.get(history.size() - 1).id());
        assertEquals(List.of(), images.check());
    }

    @ParameterizedTest
    @EnumSource(value = SnapshotterMode.class, names = {"OVERLAY", "NATIVE"})
    void exportShowsTheContainersViewWithoutTheInitLayer(SnapshotterMode mode) throws Exception {
        Images images = open("data", mode);
        Path c1 = run(images, "c1", "busybox");
        Files.writeString(c1.resolve("tmp/new"), "new\n");
        Files.delete(c1.resolve("etc/group"));
        Map<String, byte[]> before = contents(new ByteArrayInputStream(export(images, "c1")));
        assertTrue(before.containsKey("bin/busybox") && before.containsKey("tmp/new") && before.containsKey("etc/passwd"), before.keySet().toString());
        assertFalse(before.containsKey("etc/group"), "a deleted file is not exported");
        for (String init : List.of(".dockerenv", "etc/hosts", "etc/hostname", "etc/resolv.conf")) {
            assertFalse(before.containsKey(init), init + " of the init layer is not exported: " + before.keySet());
        }
        assertEquals(2_000_000, before.get("bin/busybox").length, 100_000);

        Files.writeString(c1.resolve("etc/hostname"), "changed-by-the-container\n");
        Map<String, byte[]> after = contents(new ByteArrayInputStream(export(images, "c1")));
        assertEquals("changed-by-the-container\n", new String(after.get("etc/hostname"), StandardCharsets.UTF_8),
                "an init file the container changed is exported with the container's content");
        assertFalse(after.containsKey("etc/hosts"));
        assertTrue(images.changes("c1").stream().noneMatch(c -> c.path().equals("/etc/hostname")), "but never in docker diff");
        assertEquals(List.of(), mounter.mountsUnder(root.resolve("data/tmp")), "export leaves no mount behind");
    }

    @ParameterizedTest
    @EnumSource(value = SnapshotterMode.class, names = {"OVERLAY", "NATIVE"})
    void badChangesAndEmptyDiffs(SnapshotterMode mode) throws Exception {
        Images images = open("data", mode);
        run(images, "c1", "busybox");
        Set<String> blobs = images.store().content().list().stream().map(i -> i.digest().toString()).collect(Collectors.toSet());
        int imageCount = images.store().images().size();
        BerthException e = assertThrows(BerthException.class,
                () -> images.commit("c1", CommitOptions.of("x:1").withChanges(List.of("RUN echo")), CONTAINER));
        assertEquals("run is not a valid change command", e.getMessage());
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals(imageCount, images.store().images().size());
        assertEquals(blobs, images.store().content().list().stream().map(i -> i.digest().toString()).collect(Collectors.toSet()),
                "a refused commit leaves no blob");

        String id = images.commit("c1", CommitOptions.of(null), CONTAINER);
        ImageConfig c = images.config(id);
        assertEquals(images.config("busybox").diffIds(), c.diffIds(), "no change, no layer");
        assertEquals(Boolean.TRUE, c.history().get(c.history().size() - 1).emptyLayer());
        assertTrue(images.store().references(images.resolve(id).id()).isEmpty(), "no ref, no tag");
        assertNull(c.author());
        BerthException taken = assertThrows(BerthException.class, () -> images.prepareContainer("c1", id, initFiles("c1")));
        assertEquals(BerthException.Kind.ALREADY_EXISTS, taken.kind());
        assertEquals(images.resolve("busybox").id().toString(), images.containerImage("c1"), "the existing container's record is kept");
        assertEquals(List.of("c1"), images.containersWithLayers());
        assertEquals(List.of(), images.check());
        long infos = images.store().content().list().stream().mapToLong(Info::size).sum();
        assertTrue(infos > 0);
    }
}
