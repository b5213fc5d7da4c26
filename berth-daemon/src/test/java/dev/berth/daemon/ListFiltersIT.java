package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker ps --filter for what a row shows (network, volume, publish, expose, health, before, since) and Mounts. */
class ListFiltersIT {
    static TestDaemon d;
    static DockerCli docker;

    @BeforeAll
    static void start() throws Exception {
        d = new TestDaemon();
        docker = d.docker();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
    }

    private static String ok(String... args) throws Exception {
        DockerCli.Result r = docker.run(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err() + r.out());
        return r.out();
    }

    private static String names(String filter) throws Exception {
        return String.join(" ", ok("ps", "-a", "--filter", filter, "--format", "{{.Names}}").strip().split("\\s+"));
    }

    @Test
    void filtersMatchDockersAnswers() throws Exception {
        java.nio.file.Path host = d.dir.resolve("fx");
        Files.createDirectories(host);
        ok("network", "create", "fnet");
        try {
            ok("run", "-d", "--name", "fa", "-v", host + ":/data:ro", "--mount", "type=tmpfs,target=/t", "busybox", "sleep", "60");
            ok("run", "-d", "--name", "fb", "--network", "fnet", "-p", "80", "--expose", "81", "busybox", "sleep", "60");
            ok("create", "--name", "fc", "--expose", "7000/udp", "busybox", "true");
            assertEquals("[{\"Type\":\"bind\",\"Source\":\"" + host + "\",\"Destination\":\"/data\",\"Mode\":\"ro\",\"RW\":false,"
                    + "\"Propagation\":\"rprivate\"},{\"Type\":\"tmpfs\",\"Source\":\"\",\"Destination\":\"/t\",\"Mode\":\"\",\"RW\":true,"
                    + "\"Propagation\":\"\"}]", ok("inspect", "-f", "{{json .Mounts}}", "fa").strip());
            assertEquals("fb", names("network=fnet"));
            String netId = ok("network", "inspect", "-f", "{{.Id}}", "fnet").strip();
            assertEquals("fb", names("network=" + netId.substring(0, 12)));
            assertEquals("fa", names("volume=/data"));
            assertEquals("fa", names("volume=" + host));
            String hostPort = ok("port", "fb", "80/tcp").strip().lines().findFirst().orElseThrow().replaceAll(".*:", "");
            assertEquals("fb", names("publish=" + hostPort));
            assertEquals("", names("publish=80"));
            assertEquals("fb", names("expose=80"));
            assertEquals("fb", names("expose=81/tcp"));
            assertEquals("fb", names("expose=79-85"));
            assertEquals("", names("expose=7000/udp"), "a created container shows no ports");
            assertEquals("fb fa", names("before=fc"));
            assertEquals("fc fb", names("since=fa"));
            assertEquals("fc fb fa", names("health=none"));
            assertEquals("", names("health=healthy"));

            DockerCli.Result missing = docker.run("ps", "--filter", "before=nosuch");
            assertNotEquals(0, missing.exit());
            assertTrue(missing.err().contains("No such container: nosuch"), missing.err());
            DockerCli.Result badPort = docker.run("ps", "--filter", "publish=abc");
            assertNotEquals(0, badPort.exit());
            assertTrue(badPort.err().contains("error while looking up for publish abc"), badPort.err());
        } finally {
            docker.run("rm", "-f", "fa", "fb", "fc");
            docker.run("network", "rm", "fnet");
        }
    }
}
