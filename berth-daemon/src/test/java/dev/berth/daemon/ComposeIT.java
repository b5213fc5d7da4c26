package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's docker-compose 1.29 (a real client) against berthd: a project network, service names, down. */
class ComposeIT {
    static TestDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = new TestDaemon();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
    }

    private static DockerCli.Result compose(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "docker-compose";
        cmd[1] = "-p";
        cmd[2] = "bt";
        System.arraycopy(args, 0, cmd, 3, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("DOCKER_HOST", d.host);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new DockerCli.Result(p.exitValue(), new String(out), new String(err));
    }

    @Test
    void servicesReachEachOtherByNameOnTheProjectNetwork() throws Exception {
        Path dir = d.dir.resolve("compose");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("docker-compose.yml"), """
                version: "3"
                services:
                  web:
                    image: busybox
                    command: sh -c "echo from-web > /tmp/i; httpd -f -p 80 -h /tmp"
                  client:
                    image: busybox
                    command: sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://web/i && break; sleep 0.3; done; sleep 300"
                    depends_on: [web]
                """);
        DockerCli.Result up = compose(dir, "up", "-d");
        assertEquals(0, up.exit(), up.err());
        String logs = "";
        for (int i = 0; i < 30 && !logs.contains("from-web"); i++) {
            Thread.sleep(200);
            logs = compose(dir, "logs", "--no-color", "client").out();
        }
        assertTrue(logs.contains("from-web"), logs);
        DockerCli docker = d.docker();
        assertTrue(docker.run("network", "ls", "--format", "{{.Name}}").out().contains("bt_default"));
        // A container outside the project joins its network and finds the service by name.
        assertEquals(0, docker.run("run", "-d", "--name", "visitor", "busybox", "sleep", "300").exit());
        assertEquals(0, docker.run("network", "connect", "bt_default", "visitor").exit());
        DockerCli.Result visit = docker.run("exec", "visitor", "wget", "-q", "-O-", "http://web/i");
        assertEquals("from-web", visit.out().strip(), visit.err());
        assertEquals(0, docker.run("rm", "-f", "visitor").exit());
        DockerCli.Result down = compose(dir, "down", "-t", "1");
        assertEquals(0, down.exit(), down.err());
        assertFalse(docker.run("network", "ls", "--format", "{{.Name}}").out().contains("bt_default"));
        assertEquals("", docker.run("ps", "-aq").out().strip());
    }
}
