package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.client.StreamDemux;
import dev.berth.cli.testing.Cli;
import dev.berth.cli.testing.FakeDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request sequences of run and exec (docker-api.md §4, §5) against a scripted daemon. */
class RunSequenceTest {
    static final String ID = "c0ffee".repeat(10) + "0000";

    @TempDir
    Path dir;

    /** A daemon that runs one container: output after start, then the wait result. */
    private static final class OneContainer implements FakeDaemon.Handler {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicReference<String> stdin = new AtomicReference<>("");
        final AtomicInteger creates = new AtomicInteger();
        int missingImageCreates;
        String pullResponse = null;
        String startError = null;
        int status = 3;

        @Override
        public void handle(FakeDaemon.Request r, java.io.InputStream in, OutputStream out, java.nio.channels.SocketChannel ch) throws IOException {
            String p = r.path();
            if (p.endsWith("/containers/create")) {
                if (creates.getAndIncrement() < missingImageCreates) {
                    FakeDaemon.respond(out, 404, "{\"message\":\"No such image: nosuchimg:latest\"}");
                } else {
                    FakeDaemon.respond(out, 201, "{\"Id\":\"" + ID + "\",\"Warnings\":[\"low memory\"]}");
                }
            } else if (p.endsWith("/images/create")) {
                if (pullResponse.startsWith("!")) FakeDaemon.respond(out, 404, pullResponse.substring(1));
                else FakeDaemon.respondChunked(out, 200, "application/json", List.of(pullResponse.getBytes(StandardCharsets.UTF_8)));
            } else if (p.endsWith("/attach")) {
                out.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (r.query().contains("stdin=1")) stdin.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                await();
                out.write(StreamDemux.frame(1, "hi\n".getBytes(StandardCharsets.UTF_8)));
                out.write(StreamDemux.frame(2, "oops\n".getBytes(StandardCharsets.UTF_8)));
                out.flush();
                ch.shutdownOutput();
            } else if (p.endsWith("/wait")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                await();
                byte[] b = ("{\"Error\":null,\"StatusCode\":" + status + "}\n").getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(b);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } else if (p.endsWith("/start")) {
                if (startError != null) {
                    FakeDaemon.respond(out, 400, "{\"message\":\"" + startError + "\"}");
                } else {
                    out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    started.countDown();
                }
            } else {
                FakeDaemon.respond(out, 404, "{\"message\":\"page not found\"}");
            }
        }

        private void await() {
            try {
                if (!started.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never started");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> sequence(FakeDaemon d) {
        List<String> out = new ArrayList<>();
        for (FakeDaemon.Request r : d.requests()) out.add(r.method() + " " + r.target().replaceFirst("^/v1\\.43", ""));
        return out;
    }

    @Test
    void attachedRunAttachesAndWaitsBeforeStartAndExitsWithTheStatus() throws Exception {
        OneContainer c = new OneContainer();
        try (FakeDaemon d = new FakeDaemon(dir.resolve("r.sock"), "1.43", c)) {
            Cli.Result r = Cli.run(d.host(), "", "run", "--name", "t1", "busybox", "sh", "-c", "exit 3");
            assertEquals(3, r.exit());
            assertEquals("hi\n", r.out());
            assertEquals("WARNING: low memory\noops\n", r.err());
            assertEquals(List.of("HEAD /_ping", "POST /containers/create?name=t1",
                    "POST /containers/" + ID + "/attach?stderr=1&stdout=1&stream=1",
                    "POST /containers/" + ID + "/wait?condition=next-exit", "POST /containers/" + ID + "/start"), sequence(d));
            assertEquals("0", d.find("POST", "/start").headers().get("content-length"));
        }
    }

    @Test
    void interactiveRunSendsStdinAndHalfCloses() throws Exception {
        OneContainer c = new OneContainer();
        c.status = 0;
        try (FakeDaemon d = new FakeDaemon(dir.resolve("i.sock"), "1.43", c)) {
            Cli.Result r = Cli.run(d.host(), "line1\nline2\n", "run", "-i", "--rm", "busybox", "cat");
            assertEquals(0, r.exit());
            assertEquals("line1\nline2\n", c.stdin.get());
            assertTrue(sequence(d).contains("POST /containers/" + ID + "/attach?stderr=1&stdin=1&stdout=1&stream=1"), sequence(d).toString());
            assertTrue(sequence(d).contains("POST /containers/" + ID + "/wait?condition=removed"), sequence(d).toString());
        }
    }

    @Test
    void detachedRunPrintsTheIdAndStillWaitsBeforeStart() throws Exception {
        OneContainer c = new OneContainer();
        try (FakeDaemon d = new FakeDaemon(dir.resolve("d.sock"), "1.43", c)) {
            Cli.Result r = Cli.run(d.host(), "", "run", "-d", "busybox", "sleep", "9");
            assertEquals(0, r.exit());
            assertEquals(ID + "\n", r.out());
            assertEquals(List.of("HEAD /_ping", "POST /containers/create", "POST /containers/" + ID + "/wait?condition=next-exit",
                    "POST /containers/" + ID + "/start"), sequence(d));
        }
    }

    @Test
    void missingImageIsPulledThenCreateRetried() throws Exception {
        OneContainer c = new OneContainer();
        c.missingImageCreates = 1;
        c.pullResponse = "{\"status\":\"Pulling from library/nosuchimg\",\"id\":\"latest\"}\r\n{\"status\":\"Status: Downloaded newer image for nosuchimg:latest\"}\r\n";
        c.status = 0;
        try (FakeDaemon d = new FakeDaemon(dir.resolve("p.sock"), "1.43", c)) {
            Cli.Result r = Cli.run(d.host(), "", "run", "--rm", "nosuchimg");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().startsWith("Unable to find image 'nosuchimg:latest' locally\nlatest: Pulling from library/nosuchimg\n"
                    + "Status: Downloaded newer image for nosuchimg:latest\n"), r.err());
            FakeDaemon.Request pull = d.find("POST", "/images/create");
            assertNotNull(pull);
            assertEquals("fromImage=docker.io%2Flibrary%2Fnosuchimg&tag=latest", pull.query());
            assertEquals("e30=", pull.headers().get("x-registry-auth"));
            assertEquals(2, c.creates.get());
        }
    }

    @Test
    void failedPullExits125() throws Exception {
        OneContainer c = new OneContainer();
        c.missingImageCreates = 1;
        c.pullResponse = "!{\"message\":\"manifest for nosuchimg:latest not found: manifest unknown: manifest unknown\"}";
        try (FakeDaemon d = new FakeDaemon(dir.resolve("f.sock"), "1.43", c)) {
            Cli.Result r = Cli.run(d.host(), "", "run", "nosuchimg");
            assertEquals(125, r.exit());
            assertEquals("Unable to find image 'nosuchimg:latest' locally\nberth: Error response from daemon: manifest for nosuchimg:latest not found: "
                    + "manifest unknown: manifest unknown\n\nRun 'berth run --help' for more information\n", r.err());
        }
    }

    @Test
    void startErrorsMapTo127And126() throws Exception {
        for (String[] c : new String[][] {
                {"failed to create task: exec: \\\"nosuchcmd\\\": executable file not found in $PATH: unknown", "127"},
                {"failed to create task: exec: \\\"/etc\\\": permission denied: unknown", "126"},
                {"something else", "125"}}) {
            OneContainer one = new OneContainer();
            one.startError = c[0];
            try (FakeDaemon d = new FakeDaemon(dir.resolve("s.sock"), "1.43", one)) {
                Cli.Result r = Cli.run(d.host(), "", "run", "busybox", "nosuchcmd");
                assertEquals(Integer.parseInt(c[1]), r.exit(), r.err());
                assertTrue(r.err().contains("berth: Error response from daemon: " + c[0].replace("\\\"", "\"")
                        + "\n\nRun 'berth run --help' for more information\n"), r.err());
            }
        }
    }

    @Test
    void execExitsWithTheExecsExitCode() throws Exception {
        FakeDaemon.Handler h = (r, in, out, ch) -> {
            String p = r.path();
            if (p.endsWith("/containers/t1/json")) FakeDaemon.respond(out, 200, "{\"Id\":\"" + ID + "\",\"Config\":{\"Tty\":false}}");
            else if (p.endsWith("/containers/t1/exec")) FakeDaemon.respond(out, 201, "{\"Id\":\"e1\"}");
            else if (p.endsWith("/exec/e1/start")) {
                out.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(StreamDemux.frame(1, "in exec\n".getBytes(StandardCharsets.UTF_8)));
                out.flush();
                ch.shutdownOutput();
            } else if (p.endsWith("/exec/e1/json")) FakeDaemon.respond(out, 200, "{\"Running\":false,\"ExitCode\":4}");
            else FakeDaemon.respond(out, 404, "{\"message\":\"page not found\"}");
        };
        try (FakeDaemon d = new FakeDaemon(dir.resolve("x.sock"), "1.43", h)) {
            Cli.Result r = Cli.run(d.host(), "", "exec", "-e", "A=1", "t1", "sh", "-c", "exit 4");
            assertEquals(4, r.exit());
            assertEquals("in exec\n", r.out());
            assertEquals("{\"User\":\"\",\"Privileged\":false,\"Tty\":false,\"AttachStdin\":false,\"AttachStderr\":true,\"AttachStdout\":true,"
                    + "\"Detach\":false,\"DetachKeys\":\"\",\"Env\":[\"A=1\"],\"WorkingDir\":\"\",\"Cmd\":[\"sh\",\"-c\",\"exit 4\"]}",
                    d.find("POST", "/containers/t1/exec").bodyText());
            assertEquals("{\"Detach\":false,\"Tty\":false}", d.find("POST", "/exec/e1/start").bodyText());
        }
    }
}
