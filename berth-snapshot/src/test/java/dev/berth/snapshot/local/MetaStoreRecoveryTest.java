package dev.berth.snapshot.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.snapshot.SnapshotKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leftovers of killed operations, made by hand on disk, and what the next open does with them. */
class MetaStoreRecoveryTest {
    @TempDir
    Path root;

    private StoreLayout layout() {
        return new StoreLayout(root.resolve("store"));
    }

    /** A committed base, an active child, closed cleanly. Returns their ids. */
    private long[] committedAndActive() {
        try (MetaStore s = MetaStore.open(layout(), true)) {
            MetaStore.Reservation base = s.reserve("base", null, SnapshotKind.ACTIVE, false);
            s.publish(base);
            s.commit("sha256:base", "base");
            MetaStore.Reservation ctr = s.reserve("ctr", "sha256:base", SnapshotKind.ACTIVE, false);
            s.publish(ctr);
            return new long[] {base.id(), ctr.id()};
        }
    }

    @Test
    void reopenFindsWhatWasPublishedAndCommitted() {
        long[] ids = committedAndActive();
        try (MetaStore s = MetaStore.open(layout(), true)) {
            SnapshotRecord base = s.require("sha256:base");
            assertEquals(ids[0], base.id());
            assertEquals(SnapshotKind.COMMITTED, base.kind());
            SnapshotRecord ctr = s.require("ctr");
            assertEquals(SnapshotKind.ACTIVE, ctr.kind());
            assertEquals("sha256:base", s.parentKey(ctr));
            assertTrue(s.find("base").isEmpty(), "the active key is gone after commit");
            assertEquals(List.of(), s.recovery().removed());
            assertEquals(List.of(), s.recovery().ignored());
        }
    }

    @Test
    void directoryWithoutMetadataIsRemovedOnOpen() throws Exception {
        long[] ids = committedAndActive();
        Path half = layout().dir(ids[1] + 1); // prepare killed after mkdir, before the metadata rename
        Files.createDirectories(half.resolve("fs/usr/bin"));
        Files.writeString(half.resolve("fs/usr/bin/half-unpacked"), "x");
        try (MetaStore s = MetaStore.open(layout(), true)) {
            assertFalse(Files.exists(half));
            assertEquals(1, s.recovery().removed().size(), s.recovery().toString());
            assertTrue(s.recovery().removed().get(0).contains(half.toString()));
            assertEquals(2, s.all().size());
            // its id is not handed out again while it could be confused with the old one
            assertTrue(s.reserve("next", null, SnapshotKind.ACTIVE, false).id() > ids[1] + 1);
        }
    }

    @Test
    void metadataTempFileIsIgnoredAndDeleted() throws Exception {
        long[] ids = committedAndActive();
        // commit of "ctr" killed between writing the temp file and the rename: the old metadata stands
        Path tmp = layout().dir(ids[1]).resolve(".meta.json.tmp-5f3a");
        Files.writeString(tmp, "{\"version\":1,\"id\":" + ids[1] + ",\"key\":\"sha256:half\",\"kind\":\"COMM");
        try (MetaStore s = MetaStore.open(layout(), true)) {
            assertFalse(Files.exists(tmp));
            assertEquals(SnapshotKind.ACTIVE, s.require("ctr").kind());
            assertTrue(s.find("sha256:half").isEmpty());
            assertEquals(1, s.recovery().removed().size());
        }
    }

    @Test
    void stagingSnapshotThatWasNeverCommittedIsRemoved() throws Exception {
        Path stagingDir;
        try (MetaStore s = MetaStore.open(layout(), true)) {
            MetaStore.Reservation r = s.reserve("staging-1", null, SnapshotKind.ACTIVE, true);
            Files.createDirectory(layout().fs(r.id()));
            Files.writeString(layout().fs(r.id()).resolve("partial"), "half a layer");
            s.publish(r);
            stagingDir = layout().dir(r.id());
            MetaStore.Reservation kept = s.reserve("kept", null, SnapshotKind.ACTIVE, false);
            s.publish(kept);
        } // "killed" here: the layer was being unpacked
        try (MetaStore s = MetaStore.open(layout(), true)) {
            assertFalse(Files.exists(stagingDir));
            assertTrue(s.find("staging-1").isEmpty());
            assertTrue(s.find("kept").isPresent(), "a durable active snapshot (a container's layer) survives");
        }
    }

    @Test
    void removeKilledAfterUnlinkingMetadataLeavesOnlyADirectoryThatOpenDeletes() throws Exception {
        long[] ids = committedAndActive();
        Files.delete(layout().meta(ids[1])); // remove("ctr") killed after its atomic step
        try (MetaStore s = MetaStore.open(layout(), true)) {
            assertFalse(Files.exists(layout().dir(ids[1])));
            assertTrue(s.find("ctr").isEmpty());
            s.unlink("sha256:base"); // no children left
        }
    }

    @Test
    void unreadableMetadataAndOrphansAreIgnoredNotDeleted() throws Exception {
        long[] ids = committedAndActive();
        Files.writeString(layout().meta(ids[0]), "not json");
        try (MetaStore s = MetaStore.open(layout(), true)) {
            assertEquals(List.of(), s.all());
            assertEquals(2, s.recovery().ignored().size(), s.recovery().toString());
            assertTrue(Files.exists(layout().dir(ids[0])));
            assertTrue(Files.exists(layout().dir(ids[1])));
        }
    }

    @Test
    void junkInTheSnapshotsDirectoryIsRemoved() throws Exception {
        committedAndActive();
        Path junk = layout().snapshots().resolve("new-123");
        Files.createDirectories(junk);
        try (MetaStore s = MetaStore.open(layout(), true)) {
            assertFalse(Files.exists(junk));
            assertEquals(2, s.all().size());
        }
    }

    @Test
    void secondOpenIsRefusedWhileTheFirstHoldsTheLock() {
        try (MetaStore s = MetaStore.open(layout(), true)) {
            BerthException e = assertThrows(BerthException.class, () -> MetaStore.open(layout(), true));
            assertEquals(BerthException.Kind.CONFLICT, e.kind());
        }
        MetaStore.open(layout(), true).close(); // released on close
    }

    @Test
    void lifecycleRules() {
        try (MetaStore s = MetaStore.open(layout(), true)) {
            s.publish(s.reserve("a", null, SnapshotKind.ACTIVE, false));
            assertEquals(BerthException.Kind.ALREADY_EXISTS, assertThrows(BerthException.class, () -> s.reserve("a", null, SnapshotKind.ACTIVE, false)).kind());
            assertEquals(BerthException.Kind.FAILED_PRECONDITION, assertThrows(BerthException.class, () -> s.reserve("b", "a", SnapshotKind.ACTIVE, false)).kind());
            assertEquals(BerthException.Kind.NOT_FOUND, assertThrows(BerthException.class, () -> s.reserve("b", "nope", SnapshotKind.ACTIVE, false)).kind());
            s.commit("A", "a");
            MetaStore.Reservation pending = s.reserve("b", "A", SnapshotKind.ACTIVE, false);
            BerthException busy = assertThrows(BerthException.class, () -> s.unlink("A"));
            assertEquals(BerthException.Kind.CONFLICT, busy.kind());
            assertTrue(busy.getMessage().contains("b (being created)"), busy.getMessage());
            assertEquals(BerthException.Kind.ALREADY_EXISTS, assertThrows(BerthException.class, () -> s.reserve("b", null, SnapshotKind.VIEW, false)).kind());
            s.abandon(pending);
            s.publish(s.reserve("v", "A", SnapshotKind.VIEW, false));
            assertEquals(BerthException.Kind.FAILED_PRECONDITION, assertThrows(BerthException.class, () -> s.commit("V", "v")).kind());
            s.publish(s.reserve("c", null, SnapshotKind.ACTIVE, false));
            assertEquals(BerthException.Kind.ALREADY_EXISTS, assertThrows(BerthException.class, () -> s.commit("A", "c")).kind());
            s.unlink("c");
            s.unlink("v");
            s.unlink("A");
            assertEquals(List.of(), s.all());
        }
    }
}
