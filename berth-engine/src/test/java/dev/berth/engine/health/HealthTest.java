package dev.berth.engine.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.image.model.ImageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
    @Test
    void configFromTestForms() {
        HealthConfig shell = HealthConfig.of(new ImageConfig.Healthcheck(List.of("CMD-SHELL", "curl -f x || exit 1"), null, null, null, null, null));
        assertEquals(List.of("/bin/sh", "-c", "curl -f x || exit 1"), shell.command());
        assertEquals(Duration.ofSeconds(30), shell.interval());
        assertEquals(Duration.ofSeconds(30), shell.timeout());
        assertEquals(3, shell.retries());
        assertEquals(Duration.ZERO, shell.startPeriod());
        HealthConfig cmd = HealthConfig.of(new ImageConfig.Healthcheck(List.of("CMD", "true", "x"), 1_000_000_000L, 2_000_000_000L,
                5_000_000_000L, null, 7));
        assertEquals(List.of("true", "x"), cmd.command());
        assertEquals(Duration.ofSeconds(1), cmd.interval());
        assertEquals(Duration.ofSeconds(2), cmd.timeout());
        assertEquals(Duration.ofSeconds(5), cmd.startPeriod());
        assertEquals(7, cmd.retries());
        assertNull(HealthConfig.of(new ImageConfig.Healthcheck(List.of("NONE"), null, null, null, null, null)));
        assertNull(HealthConfig.of(new ImageConfig.Healthcheck(List.of(), null, null, null, null, null)));
        assertNull(HealthConfig.of(null));
    }

    private static HealthState.Probe probe(int code) {
        return new HealthState.Probe(Instant.now(), Instant.now(), code, "out" + code);
    }

    @Test
    void statusFollowsRetriesAndStartPeriod() {
        HealthState s = new HealthState();
        assertEquals("starting", s.status());
        assertNull(s.record(probe(1), true, 2), "failures in the start period do not count");
        assertEquals(0, s.failingStreak());
        assertNull(s.record(probe(1), false, 2));
        assertEquals(1, s.failingStreak());
        assertEquals("unhealthy", s.record(probe(1), false, 2));
        assertEquals("healthy", s.record(probe(0), false, 2));
        assertEquals(0, s.failingStreak());
        assertNull(s.record(probe(1), true, 2), "once healthy, the start period no longer excuses failures... but one is below retries");
        assertEquals(1, s.failingStreak());
        for (int i = 0; i < 5; i++) s.record(probe(0), false, 2);
        assertEquals(HealthState.KEPT, s.log().size());
        assertEquals(0, s.log().get(4).exitCode());
    }

    @Test
    void outputIsReadFromTheJsonLogAndCut(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("h.log");
        Files.writeString(log, "{\"log\":\"a\\n\",\"stream\":\"stdout\",\"time\":\"t\"}\n{\"log\":\"b\\n\",\"stream\":\"stderr\",\"time\":\"t\"}\n");
        assertEquals("a\nb\n", HealthMonitor.output(log));
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100; i++) big.append("{\"log\":\"").append("y".repeat(100)).append("\",\"stream\":\"stdout\",\"time\":\"t\"}\n");
        Files.writeString(log, big);
        assertEquals(HealthMonitor.MAX_OUTPUT, HealthMonitor.output(log).length());
    }
}
