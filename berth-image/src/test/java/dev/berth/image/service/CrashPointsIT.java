package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stops a child JVM exactly at each point between the durable steps of load, unpack, commit, container
 * removal and collection (the first and, for repeated points, a later passage), then requires what it
 * leaves to pass {@link CrashVerifier#verify}. Deterministic where {@link ImagesCrashLoopIT} is random.
 */
class CrashPointsIT extends ImagesTestSupport {
    private static final List<String> POINTS = List.of("load-spooled", "unpack-staged", "unpack-applied", "unpack-info-written",
            "unpack-committed", "load-unpacked", "load-recorded", "load-tagged", "rootfs-record-written", "commit-layer-written",
            "commit-config-written", "commit-unpacked", "commit-recorded", "rootfs-layers-removed", "gc-blobs-collected",
            "gc-snapshot-removed");

    @Test
    void aKillAtEveryStepLeavesAStoreThatOpensCleanly() throws Exception {
        Path archives = Files.createDirectories(root.resolve("archives"));
        CrashVerifier.writeArchives(archives, new Random(42));
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("java.class.path");
        int runs = 0;
        for (String point : POINTS) {
            for (int n : List.of(1, 3)) {
                Path data = root.resolve("data-" + point + "-" + n);
                Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath,
                        CrashPointChild.class.getName(), data.toString(), archives.toString(), point, Integer.toString(n))
                        .redirectErrorStream(true).start();
                String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(child.waitFor(120, TimeUnit.SECONDS), point + ": child hangs");
                if (n > 1 && child.exitValue() == 0 && out.contains("done")) continue; // passed fewer than n times
                assertEquals(137, child.exitValue(), point + " #" + n + ": the child reached the point and halted; output:\n" + out);
                CrashVerifier.verify(data, archives, mounter, "halted at " + point + " #" + n);
                runs++;
            }
        }
        assertTrue(runs >= POINTS.size(), "every point was reached: " + runs + " halts");
    }
}
