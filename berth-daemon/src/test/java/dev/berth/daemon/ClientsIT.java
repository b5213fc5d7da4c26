package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Other clients than the docker CLI, and volume: docker-py, and 1000 sequential `docker run --rm`. */
class ClientsIT {
    static TestDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = new TestDaemon();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
    }

    @Test
    void dockerPy() throws Exception {
        Path script = d.dir.resolve("smoke.py");
        try (var in = ClientsIT.class.getResourceAsStream("/dockerpy_smoke.py")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(true);
        pb.environment().put("BERTH_HOST", d.host);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("docker-py ok"), out);
    }

    @Test
    void thousandSequentialRunsLeaveNothing() throws Exception {
        long fdsBefore = openFds();
        DockerCli docker = d.docker();
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            DockerCli.Result r = docker.run("run", "--rm", "busybox", "true");
            assertEquals(0, r.exit(), "run " + i + ": " + r.err());
        }
        System.out.printf("1000 sequential docker run --rm: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals("", docker.run("ps", "-aq").out());
        assertEquals(0, Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains(d.dir.toString())).count());
        try (var s = Files.list(d.dir.resolve("exec/runtime"))) {
            assertEquals(0, s.count(), "runtime state dirs left");
        }
        assertTrue(openFds() <= fdsBefore + 5, "berthd's fds grew: " + fdsBefore + " -> " + openFds());
    }

    private static long openFds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
