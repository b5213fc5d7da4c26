package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.image.store.ImageRecord;
import dev.berth.snapshot.Mounter;
import dev.berth.snapshot.SnapshotInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** What the crash tests require of a data root a killed process left, and the archives they load. */
final class CrashVerifier {
    private CrashVerifier() {}

    /** Four images of 1..3 layers with self-checking payloads, two pairs sharing their first layer. */
    static void writeArchives(Path dir, Random rnd) throws Exception {
        for (int a = 0; a < 4; a++) {
            List<byte[]> layers = new ArrayList<>();
            layers.add(CrashPayload.layer("base-" + (a / 2), 1024 * 1024 + new Random(a / 2).nextInt(1024), new Random(a / 2)));
            for (int l = 1; l <= a % 3; l++) layers.add(CrashPayload.layer("img" + a + "-" + l, 512 * 1024 + rnd.nextInt(4 * 1024 * 1024), rnd));
            Files.write(dir.resolve("a" + a + ".tar"), TestArchives.dockerArchive(layers, "crash:" + a));
        }
    }

    /**
     * Opens the data root after a kill: check() is empty, no ingest file or staging snapshot survives, the
     * leftover containers can be removed, every archive loads again (reusing whatever layer snapshots
     * exist, so an incomplete one would be used), and every image's payloads are complete.
     */
    static void verify(Path data, Path archives, Mounter mounter, String context) throws Exception {
        mounter.unmount(data.resolve("mnt")); // what a restarted daemon does with its containers' mounts
        try (Images images = Images.open(Images.Options.of(data).withSnapshotter(SnapshotterMode.OVERLAY))) {
            assertEquals(List.of(), images.check(), context);
            try (Stream<Path> ingest = Files.list(data.resolve("content/ingest"))) {
                assertEquals(0, ingest.count(), context + ": ingest leftovers survive reopening");
            }
            List<SnapshotInfo> staging = images.snapshotter().walk().stream().filter(SnapshotInfo::staging).toList();
            assertEquals(List.of(), staging, context + ": staging snapshots survive reopening");
            for (String c : images.containersWithLayers()) images.removeContainer(c);
            try (Stream<Path> s = Files.list(archives)) {
                for (Path a : s.sorted().toList()) {
                    try (var in = Files.newInputStream(a)) {
                        images.load(in, true, l -> { });
                    }
                }
            }
            int n = 0;
            for (ImageRecord r : images.store().images()) {
                String id = "verify" + n++;
                images.prepareContainer(id, r.id().toString(), ImagesTestSupport.initFiles(id));
                Path mnt = Files.createDirectories(data.resolve("verify").resolve(id));
                images.mountRootfs(id, mnt);
                try {
                    assertTrue(Files.isDirectory(mnt.resolve("check")), context + ": image " + r.id() + " has its payloads");
                    assertEquals(List.of(), CrashPayload.verify(mnt), context + ": image " + r.id());
                } finally {
                    images.unmountRootfs(mnt);
                }
                images.removeContainer(id);
            }
            images.collect();
            assertEquals(List.of(), images.check(), context + " after collection");
        }
    }
}
