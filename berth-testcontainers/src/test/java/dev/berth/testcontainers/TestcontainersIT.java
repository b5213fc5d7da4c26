package dev.berth.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Testcontainers-java, unchanged, against a berthd of its own. It is configured as a user would:
 * docker.host in ~/.testcontainers.properties (failsafe points user.home at target/home, so this
 * is the build's own file; the socket path is only known once the daemon runs, which rules out
 * the DOCKER_HOST variable) and TESTCONTAINERS_RYUK_DISABLED=true (set by failsafe: Ryuk's image
 * cannot be pulled here, only the built-in busybox exists). The client talks to berthd through a
 * RecordingProxy so a failure names the exact request, and so the test can check that no image
 * pull happened.
 */
class TestcontainersIT {
    static Berthd berthd;
    static RecordingProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        assertEquals("true", System.getenv("TESTCONTAINERS_RYUK_DISABLED"), "failsafe must disable Ryuk");
        berthd = Berthd.start();
        proxy = RecordingProxy.start(berthd.dir.resolve("tc.sock"), berthd.socket);
        Path home = Path.of(System.getProperty("user.home"));
        assertTrue(home.endsWith(Path.of("target", "home")), "failsafe must set user.home to target/home, not " + home);
        assertEquals(null, System.getenv("DOCKER_HOST"), "DOCKER_HOST would win over docker.host");
        Files.createDirectories(home);
        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix://" + proxy.socket + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (proxy != null) {
                System.out.println("requests Testcontainers made:\n  " + String.join("\n  ", proxy.log()));
                proxy.close();
            }
        } finally {
            if (berthd != null) berthd.close();
        }
        assertEquals(List.of(), berthd.leftovers(), "berthd left traces on the host");
    }

    @Test
    void genericContainerLifecycle() throws Throwable {
        try {
            lifecycle();
        } catch (Throwable t) {
            // The request berthd failed is the news, whatever Testcontainers made of it.
            t.addSuppressed(new AssertionError("requests and answers so far:\n  " + String.join("\n  ", proxy.log())));
            throw t;
        }
    }

    private void lifecycle() throws Exception {
        long t0 = System.nanoTime();
        assertTrue(DockerClientFactory.instance().isDockerAvailable(), "Testcontainers cannot reach berthd: " + proxy.log());
        assertTrue(proxy.requests().contains("GET /v1.32/info"), "Testcontainers talks to another daemon: " + proxy.log());
        String id;
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("busybox:latest"))
                .withExposedPorts(80)
                .withCommand("sh", "-c", "echo served > /tmp/i; echo ready; httpd -f -p 80 -h /tmp")
                .waitingFor(Wait.forLogMessage("ready\\n", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
            c.start();
            long started = System.nanoTime();
            // The default bridge with a published port: what most Testcontainers users do.
            java.net.HttpURLConnection http = (java.net.HttpURLConnection) java.net.URI.create(
                    "http://" + c.getHost() + ":" + c.getMappedPort(80) + "/i").toURL().openConnection();
            http.setConnectTimeout(3000);
            http.setReadTimeout(3000);
            try (var in = http.getInputStream()) {
                assertEquals("served", new String(in.readAllBytes()).strip(), "GET through the mapped port");
            }
            System.out.printf("Testcontainers: client setup + container start + wait: %.2f s%n", (started - t0) / 1e9);
            id = c.getContainerId();
            assertTrue(c.isRunning(), "container not running after start");

            ExecResult r = c.execInContainer("sh", "-c", "echo hi; exit 3");
            assertEquals("hi\n", r.getStdout(), "exec stdout");
            assertEquals("", r.getStderr(), "exec stderr");
            assertEquals(3, r.getExitCode(), "exec exit code");

            ExecResult err = c.execInContainer("sh", "-c", "echo oops >&2");
            assertEquals("oops\n", err.getStderr(), "exec stderr");
            assertEquals(0, err.getExitCode());

            assertEquals("ready\n", c.getLogs(), "container logs");

            c.copyFileToContainer(Transferable.of("from a transferable\n"), "/tmp/t.txt");
            assertEquals("from a transferable\n", c.execInContainer("cat", "/tmp/t.txt").getStdout());

            Path host = berthd.dir.resolve("host.txt");
            Files.writeString(host, "from a host file\n");
            c.copyFileToContainer(MountableFile.forHostPath(host, 0640), "/tmp/dir/m.txt");
            ExecResult m = c.execInContainer("sh", "-c", "cat /tmp/dir/m.txt; stat -c %a /tmp/dir/m.txt");
            assertEquals("from a host file\n640\n", m.getStdout(), "copied host file and its mode: " + m.getStderr());

            String back = c.copyFileFromContainer("/tmp/t.txt", in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("from a transferable\n", back);
            Path out = berthd.dir.resolve("back.txt");
            c.execInContainer("sh", "-c", "printf 'made inside' > /tmp/inside.txt");
            c.copyFileFromContainer("/tmp/inside.txt", out.toString());
            assertEquals("made inside", Files.readString(out));

            long t1 = System.nanoTime();
            c.stop();
            System.out.printf("Testcontainers: stop: %.2f s; whole test %.2f s%n", (System.nanoTime() - t1) / 1e9, (System.nanoTime() - t0) / 1e9);
            assertFalse(c.isRunning());
        }
        List<?> left = DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).exec();
        assertEquals(0, left.size(), "container " + id + " not removed by stop(): " + left);

        List<String> requests = proxy.requests();
        assertTrue(requests.stream().noneMatch(q -> q.matches("POST /v[0-9.]+/images/create.*")), "an image pull was made: " + requests);
        assertTrue(requests.stream().anyMatch(q -> q.matches("POST /v[0-9.]+/containers/create.*")), "requests seen: " + requests);
        List<String> failures = proxy.log().stream().filter(l -> l.matches("< HTTP/1\\.1 5\\d\\d.*")).toList();
        assertEquals(List.of(), failures, "server errors during the run: " + proxy.log());
    }
}
