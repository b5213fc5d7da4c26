package dev.berth.image.store;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link CrashLoopChild} in a real child JVM, kills it with SIGKILL at a random moment, and
 * requires the store it leaves to open cleanly with nothing for {@code check()} to report.
 * Twenty rounds over the same data root, so damage would accumulate.
 */
class CrashLoopIT {
    private static final int ROUNDS = 20;

    @TempDir Path root;

    @Test
    void killNineAtRandomTimesNeverLeavesAnInconsistentStore() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("java.class.path");
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        long totalOps = 0;
        List<String> kinds = Collections.synchronizedList(new ArrayList<>());
        for (int round = 1; round <= ROUNDS; round++) {
            long delay = rnd.nextInt(1500);
            String context = "round " + round + " (seed " + seed + ", killed " + delay + " ms after the first operation)";
            Process child = new ProcessBuilder(java, "-cp", classpath, CrashLoopChild.class.getName(),
                    root.toString(), Long.toString(seed + round)).redirectErrorStream(true).start();
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
                // The first operation is slow (cold JVM); kill at a random point of the steady state after it.
                assertTrue(warm.await(60, TimeUnit.SECONDS), context + ": no operation finished: " + other);
                Thread.sleep(delay);
                assertTrue(child.isAlive(), context + ": child died by itself: " + other);
                child.destroyForcibly(); // SIGKILL
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
            try (ImageStore store = ImageStore.open(root)) {
                assertEquals(List.of(), store.check(), context + " after " + ops.get() + " operations");
                try (Stream<Path> ingest = Files.list(root.resolve("content/ingest"))) {
                    assertEquals(0, ingest.count(), context + ": ingest leftovers survive reopening");
                }
            }
        }
        System.out.printf("CrashLoopIT: %d rounds, %d operations, kinds %s%n", ROUNDS, totalOps,
                kinds.stream().collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting())));
        assertTrue(totalOps >= ROUNDS * 10L, "the children did real work: " + totalOps + " operations");
        for (String kind : List.of("add", "tag", "rmi-ref", "rmi-id", "gc")) {
            assertTrue(kinds.contains(kind), "operation " + kind + " ran at least once: " + totalOps + " operations");
        }
        try (ImageStore store = ImageStore.open(root)) {
            store.gc();
            assertEquals(List.of(), store.check());
        }
    }
}
