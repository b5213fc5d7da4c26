package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kill -9 of berthd (a real bin/berthd process): containers keep running and logging; a new berthd finds them. */
class LiveRestoreIT {
    static final Path TOP = Path.of("").toAbsolutePath().getParent();
    Path dir;
    String host;
    Process berthd;
    NetworkFlags net;
    DockerCli docker;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "bl");
        host = "unix://" + dir.resolve("s.sock");
        net = TestDaemon.network(dir);
        docker = new DockerCli(host, DockerCli.clients().get(0));
        berthd = startDaemon();
    }

    private Process startDaemon() throws Exception {
        Files.deleteIfExists(dir.resolve("s.sock"));
        Process p = new ProcessBuilder(TOP.resolve("bin/berthd").toString(), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "-H", host, "--cgroup-parent", "berth-test-" + dir.getFileName(),
                "--bridge", net.bridge(), "--nft-table", net.table(), "--default-address-pool", "base=10.240.0.0/12,size=24")
                .redirectErrorStream(true).redirectOutput(dir.resolve("berthd.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(dir.resolve("s.sock")); i++) Thread.sleep(100);
        assertTrue(Files.exists(dir.resolve("s.sock")), "berthd did not start: " + Files.readString(dir.resolve("berthd.log")));
        return p;
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (String id : docker.run("ps", "-aq").out().split("\\s+")) if (!id.isBlank()) docker.run("rm", "-f", id);
        } finally {
            berthd.destroy();
            berthd.waitFor(20, TimeUnit.SECONDS);
            berthd.destroyForcibly();
            new ProcessBuilder("pkill", "-9", "-f", "nsexec monitor " + dir).start().waitFor();
            TestCleanup.removeNetwork(dir.resolve("data"), net.bridge(), net.table());
            TestCleanup.removeTree(dir);
            TestCleanup.removeCgroupParent("berth-test-" + dir.getFileName());
        }
    }

    @Test
    void containersSurviveADaemonKilledHard() throws Exception {
        assertEquals(0, docker.run("run", "-d", "--name", "keep", "busybox", "sh", "-c",
                "i=0; while true; do echo $i; i=$((i+1)); sleep 0.1; done").exit());
        assertEquals(0, docker.run("run", "-d", "--name", "ends", "busybox", "sh", "-c", "sleep 1; exit 7").exit());
        assertEquals(0, docker.run("run", "-d", "--name", "checked", "--health-cmd", "true", "--health-interval", "1s",
                "busybox", "sleep", "300").exit());
        String health = "";
        for (int i = 0; i < 100 && !health.equals("healthy"); i++) {
            Thread.sleep(100);
            health = docker.run("inspect", "-f", "{{.State.Health.Status}}", "checked").out().strip();
        }
        assertEquals("healthy", health);
        var probes = dev.berth.common.Json.mapper().readTree(docker.run("inspect", "-f", "{{json .State.Health.Log}}", "checked").out());
        String lastProbe = probes.get(probes.size() - 1).path("Start").asText();
        String pid = docker.run("inspect", "-f", "{{.State.Pid}}", "keep").out().strip();
        int before = docker.run("logs", "keep").out().split("\n").length;
        berthd.destroyForcibly();
        berthd.waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(2000);
        assertTrue(Files.exists(Path.of("/proc/" + pid)), "the container died with its daemon");
        berthd = startDaemon();
        DockerCli.Result ps = docker.run("ps", "--format", "{{.Names}} {{.Status}}");
        assertTrue(ps.out().contains("keep Up"), ps.out());
        assertEquals("exited 7", docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "ends").out().strip());
        // State.Health carries on from before the crash: status and the probes already made.
        String afterHealth = docker.run("inspect", "-f", "{{json .State.Health}}", "checked").out();
        var h = dev.berth.common.Json.mapper().readTree(afterHealth);
        assertEquals("healthy", h.path("Status").asText(), afterHealth);
        boolean kept = false;
        for (var e : h.path("Log")) kept |= e.path("Start").asText().equals(lastProbe);
        assertTrue(kept, "the probe made before the crash (" + lastProbe + ") is still in " + afterHealth);
        int after = docker.run("logs", "keep").out().split("\n").length;
        assertTrue(after > before + 10, "logging went on while berthd was down: " + before + " -> " + after);
        assertEquals(0, docker.run("exec", "keep", "true").exit());
        assertEquals(List.of(0), List.of(docker.run("stop", "-t", "1", "keep").exit()));
        assertEquals("exited", docker.run("inspect", "-f", "{{.State.Status}}", "keep").out().strip());
    }
}
