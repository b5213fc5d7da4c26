package dev.berth.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.snapshot.local.LocalSnapshotter;
import dev.berth.snapshot.nativefs.NativeSnapshotter;
import dev.berth.snapshot.overlay.OverlaySnapshotter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a process in the middle of snapshot operations, repeatedly, on the same store: every reopen must
 * succeed and leave a consistent store in which every committed layer is complete.
 */
class CrashRecoveryIT extends RootTestSupport {
    private static final int ROUNDS = 8;

    @ParameterizedTest
    @ValueSource(strings = {"overlay", "native"})
    void storeSurvivesSigkillAtRandomPoints(String kind) throws Exception {
        Path root = dataRoot.resolve("snapshots/" + kind);
        int removedLeftovers = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process worker = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    CrashWorker.class.getName(), kind, root.toString(), "r" + round)
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("tick"), "worker did not start: " + line);
                Thread.sleep(ThreadLocalRandom.current().nextInt(1, 120));
            } finally {
                worker.destroyForcibly(); // SIGKILL
                worker.waitFor();
            }
            try (LocalSnapshotter s = kind.equals("overlay") ? OverlaySnapshotter.open(root, false) : NativeSnapshotter.open(root, false)) {
                removedLeftovers += s.recovery().removed().size();
                assertEquals(List.of(), s.recovery().ignored(), "round " + round);
                checkConsistent(s, root, round);
            }
        }
        assertTrue(removedLeftovers > 0, "in " + ROUNDS + " kills at least one interrupted operation should have been cleaned up");
    }

    private static void checkConsistent(LocalSnapshotter s, Path root, int round) throws Exception {
        List<SnapshotInfo> all = s.walk();
        Set<String> keys = new HashSet<>();
        for (SnapshotInfo i : all) {
            assertFalse(i.staging(), "round " + round + ": staging snapshot " + i.key() + " survived a reopen");
            assertTrue(i.parent() == null || keys.contains(i.parent()), "round " + round + ": " + i.key() + " has no parent " + i.parent());
            keys.add(i.key());
        }
        try (Stream<Path> dirs = Files.list(root.resolve("snapshots"))) {
            List<Path> d = dirs.toList();
            assertEquals(all.size(), d.size(), "round " + round + ": every directory is an indexed snapshot: " + d);
            for (Path dir : d) {
                try (Stream<Path> files = Files.list(dir)) {
                    assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "temp files left in " + dir);
                }
            }
        }
        for (SnapshotInfo i : all) {
            if (i.kind() != SnapshotKind.COMMITTED) continue;
            // a committed layer always has all its files; its own directory is the bind source of its view, or
            // the topmost lower directory when it has parents (overlay), and each layer wrote all FILES there
            List<Mount> v = s.view("check-" + i.key(), i.key());
            Path fs = Path.of(v.get(0).type().equals("bind") ? v.get(0).source() : v.get(0).lowerDirs().get(0));
            for (int f = 0; f < CrashWorker.FILES; f++)
                assertEquals("content of " + f, Files.readString(fs.resolve("f" + f)), "round " + round + ": layer " + i.key() + " is incomplete");
            s.remove("check-" + i.key());
        }
    }
}
