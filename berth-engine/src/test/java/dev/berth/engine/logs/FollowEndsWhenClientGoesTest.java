package dev.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower of a running but silent container must end, and close the log, once its client leaves. */
class FollowEndsWhenClientGoesTest {
    private static final String ENTRY = "{\"log\":\"once\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-01T00:00:00.000000000Z\"}\n";

    @Test
    void followOfASilentLogEndsSoonAfterTheClientGoes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("c-json.log");
        Files.writeString(log, ENTRY);
        AtomicBoolean gone = new AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogOptions follow = new LogOptions(true, true, null, null, false, LogOptions.ALL, true);
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                JsonFileReader.stream(log, follow, true, out, () -> true, gone::get);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(300);
        assertTrue(reader.isAlive(), "a follow of a running container ended by itself");
        assertTrue(openFdsOn(log) > 0, "the follower does not hold the log open");
        long t0 = System.nanoTime();
        gone.set(true);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> reader.join());
        System.out.printf("follow ended %.0f ms after the client went%n", (System.nanoTime() - t0) / 1e6);
        assertEquals("once\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(0, openFdsOn(log), "the log is still open after the follow ended");
    }

    @Test
    void waitingForALogThatIsNotThereYetEndsToo(@TempDir Path dir) {
        Path log = dir.resolve("never-json.log");
        LogOptions follow = new LogOptions(true, true, null, null, false, LogOptions.ALL, true);
        assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> JsonFileReader.stream(log, follow, false, new ByteArrayOutputStream(), () -> true, () -> true));
    }

    private static long openFdsOn(Path file) throws IOException {
        long n = 0;
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file.toAbsolutePath())) n++;
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }
}
