package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthd's system endpoints through the real docker CLIs. */
class DaemonSystemIT {
    @TempDir Path dir;
    Daemon daemon;
    String host;

    @BeforeEach
    void start() throws Exception {
        host = "unix://" + dir.resolve("berth.sock");
        daemon = Daemon.start(new DaemonConfig(List.of(host), dir.resolve("data"), dir.resolve("exec"), dir.resolve("exec/berthd.pid"),
                "warn", List.of(), "berth-test", true).withNetwork(TestDaemon.network(dir)));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.shutdown();
        NetworkFlags n = TestDaemon.network(dir);
        TestCleanup.removeNetwork(dir.resolve("data"), n.bridge(), n.table());
    }

    @Test
    void versionAndInfoThroughEveryClient() throws Exception {
        for (String client : DockerCli.clients()) {
            DockerCli docker = new DockerCli(host, client);
            DockerCli.Result v = docker.run("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.Os}}");
            assertEquals(0, v.exit(), client + ": " + v.err());
            // Version is the Docker release matching our API (clients such as Testcontainers compare it).
            assertEquals("24.0.9 1.43 linux", v.out().strip(), client);
            DockerCli.Result i = docker.run("info", "--format", "{{.Containers}} {{.OSType}} {{.DockerRootDir}}");
            assertEquals(0, i.exit(), client + ": " + i.err());
            assertEquals("0 linux " + dir.resolve("data"), i.out().strip(), client);
        }
    }

    @Test
    void pidFileAndCleanShutdown() throws Exception {
        Path pid = dir.resolve("exec/berthd.pid");
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pid));
        assertTrue(Files.exists(dir.resolve("berth.sock")));
        daemon.shutdown();
        assertFalse(Files.exists(pid));
        assertFalse(Files.exists(dir.resolve("berth.sock")));
    }
}
