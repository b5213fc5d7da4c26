package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ImagesCrashChild} (load, commit, unpack, rmi, collect on real overlay mounts) in a child
 * JVM, kills it with SIGKILL at a random moment, and requires what it leaves to open cleanly: check()
 * empty, no ingest file, no staging snapshot, and every image's files complete (each layer and commit
 * carries self-checking payloads, so a half-unpacked layer that were used would show). Rounds share the
 * data root, so damage would accumulate.
 */
class ImagesCrashLoopIT extends ImagesTestSupport {
    private static final int ROUNDS = 10;

    @Test
    void killNineDuringLoadCommitUnpackAndRmiLeavesAConsistentStore() throws Exception {
        Path data = root.resolve("data");
        Path archives = Files.createDirectories(root.resolve("archives"));
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        CrashVerifier.writeArchives(archives, rnd);
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("java.class.path");
        long totalOps = 0;
        List<String> kinds = Collections.synchronizedList(new ArrayList<>());
        for (int round = 1; round <= ROUNDS; round++) {
            long delay = rnd.nextInt(2000);
            String context = "round " + round + " (seed " + seed + ", killed " + delay + " ms after the first operation)";
            Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ImagesCrashChild.class.getName(),
                    data.toString(), Long.toString(seed + round), archives.toString()).redirectErrorStream(true).start();
            AtomicLong ops = new AtomicLong();
            List<String> other = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch warm = new CountDownLatch(1);
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.equals("ready")) ready.countDown();
                        else if (line.startsWith("op ")) {
                            ops.incrementAndGet();
                            warm.countDown();
                            kinds.add(line.substring(line.lastIndexOf(' ') + 1));
                        } else other.add(line);
                    }
                } catch (IOException ignored) {
                    // the child died; its output ends here
                }
            });
            try {
                assertTrue(ready.await(60, TimeUnit.SECONDS), context + ": child never got ready: " + other);
                assertTrue(warm.await(120, TimeUnit.SECONDS), context + ": no operation finished: " + other);
                Thread.sleep(delay);
                assertTrue(child.isAlive(), context + ": child died by itself: " + other);
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), context + ": child did not die");
                assertEquals(137, child.exitValue(), context + ": not killed by SIGKILL: " + other);
            } finally {
                if (child.isAlive()) {
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);
                }
                reader.join(10_000);
            }
            totalOps += ops.get();
            CrashVerifier.verify(data, archives, mounter, context + " after " + ops.get() + " operations");
        }
        System.out.printf("ImagesCrashLoopIT: %d rounds, %d operations, kinds %s%n", ROUNDS, totalOps,
                kinds.stream().collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting())));
        assertTrue(totalOps >= ROUNDS * 3L, "the children did real work: " + totalOps + " operations");
        for (String kind : List.of("load", "commit", "rmi")) {
            assertTrue(kinds.contains(kind), "operation " + kind + " ran at least once: " + kinds);
        }
    }
}
