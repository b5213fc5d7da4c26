package dev.berth.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.image.content.LocalContentStore;
import dev.berth.image.ref.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a workload at every durable step (as a kill -9 would: nothing after that step happens, and
 * nothing in memory survives), reopens the store from disk and requires it to be consistent.
 */
class CrashSafetyTest {
    @TempDir Path root;

    /** Thrown at the chosen step; an Error so no catch in the store swallows it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String step) {
            super("simulated crash after " + step, null, false, false);
        }
    }

    static final class CrashAt implements StoreState.Steps {
        final int target;
        final List<String> seen = new ArrayList<>();

        CrashAt(int target) {
            this.target = target;
        }

        @Override
        public void reached(String step) {
            seen.add(step);
            if (seen.size() == target) throw new SimulatedCrash(step);
        }
    }

    private static Reference ref(String s) {
        return Reference.parseNormalized(s);
    }

    /** Every multi-step operation the store has, in a fixed order. */
    private static void workload(ImageStore s) {
        TestImages t = new TestImages(s.content());
        NewImage baseImage = t.withManifest(t.image("base", 2));
        ImageRecord base = s.add(baseImage);
        s.tag(base.id(), ref("base:1"), true);
        s.addDigestReference(base.id(), ref("base@" + baseImage.manifests().get(0)));
        ImageRecord app = s.add(t.image("app", 1).withParent(base.id()));
        s.tag(app.id(), ref("app:1"), true);
        s.tag(app.id(), ref("app:2"), true);
        s.tag(app.id(), ref("base:1"), true); // moves a tag
        s.remove("app:1", false, true, ImageUsers.NONE);
        s.remove("base:1", false, true, ImageUsers.NONE);
        s.remove("app:2", false, true, ImageUsers.NONE); // deletes app; base is pruned only if dangling
        s.remove(base.id().toString(), true, true, ImageUsers.NONE);
        ImageRecord shared = s.add(t.image("shared", 1));
        s.tag(shared.id(), ref("one:1"), true);
        s.tag(shared.id(), ref("two:1"), true);
        s.remove(shared.id().toString(), true, true, ImageUsers.NONE); // several repositories: untag all, then delete
        ImageRecord last = s.add(t.image("last", 1));
        s.tag(last.id(), ref("last"), true);
        s.gc();
    }

    @Test
    void everyCrashPointLeavesAStoreThatOpensCleanlyAndChecksClean() {
        Set<String> kindsOfStep = new LinkedHashSet<>();
        int completedAt = -1;
        for (int crashAt = 1; crashAt < 200 && completedAt < 0; crashAt++) {
            Path dir = root.resolve("run-" + crashAt);
            CrashAt steps = new CrashAt(crashAt);
            ImageStore s = ImageStore.open(dir, LocalContentStore.open(dir), steps, Clock.systemUTC());
            String where = "completed";
            try {
                workload(s);
                completedAt = crashAt;
            } catch (SimulatedCrash e) {
                where = e.getMessage() + " #" + crashAt;
            } finally {
                s.close();
            }
            kindsOfStep.addAll(steps.seen);
            try (ImageStore reopened = ImageStore.open(dir)) {
                assertEquals(List.of(), reopened.check(), where);
                reopened.gc();
                assertEquals(List.of(), reopened.check(), where + ", then gc");
                for (Reference r : reopened.images().stream().flatMap(i -> reopened.references(i.id()).stream()).toList()) {
                    assertTrue(reopened.get(r).isPresent(), where + ": " + r);
                }
            }
        }
        assertTrue(completedAt > 20, "the workload has many steps, ran to completion at " + completedAt);
        assertEquals(Set.of("record-written", "reference-written", "reference-removed", "record-deleted", "blob-deleted"),
                kindsOfStep, "every kind of durable step was interrupted at least once");
    }

    @Test
    void theFinalStateIsWhatTheWorkloadMeans() {
        try (ImageStore s = ImageStore.open(root)) {
            workload(s);
            assertEquals(1, s.images().size());
            assertEquals(List.of(ref("last:latest")), s.references(s.images().get(0).id()));
            assertEquals(List.of(), s.check());
        }
    }

    @Test
    void leftoversOfInterruptedWritesAreCleanedOnOpen() throws IOException {
        ImageRecord img;
        try (ImageStore s = ImageStore.open(root)) {
            TestImages t = new TestImages(s.content());
            img = s.add(t.image("kept", 1));
            s.tag(img.id(), ref("kept"), true);
            t.image("never-recorded", 2); // blobs written, crash before add
        }
        Path image = root.resolve("image");
        Files.writeString(root.resolve("content/ingest/ingest-4711"), "half a layer");
        Files.writeString(image.resolve(".repositories.json.tmp-1a2b"), "{\"Repositories\":{\"tru");
        Files.writeString(image.resolve("images/." + img.id().encoded() + ".json.tmp-3c4d"), "{");
        try (ImageStore s = ImageStore.open(root)) {
            assertEquals(List.of(), s.check());
            assertFalse(Files.exists(image.resolve(".repositories.json.tmp-1a2b")));
            assertFalse(Files.exists(image.resolve("images/." + img.id().encoded() + ".json.tmp-3c4d")));
            try (Stream<Path> ingest = Files.list(root.resolve("content/ingest"))) {
                assertEquals(0, ingest.count());
            }
            assertEquals(img.id(), s.resolve("kept").id());
            assertEquals(3, s.gc().removed().size(), "the unrecorded image's config and two layers");
            assertEquals(List.of(), s.check());
        }
    }
}
