package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.berth.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad and hostile input over raw HTTP on berthd's unix socket: broken bodies, oversized heads,
 * lying Content-Lengths, clients that vanish mid-stream, and Docker's conflict errors. After each
 * abuse the daemon must still answer, and vanished clients must not leave fds or threads behind
 * (the daemon runs in this JVM, so /proc/self and a thread dump see it).
 */
class BadInputIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    static TestDaemon d;
    static Path socket;

    @BeforeAll
    static void start() throws Exception {
        d = new TestDaemon();
        socket = Path.of(d.host.substring("unix://".length()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            d.close();
        } finally {
            // Again, in case close() failed part way: both are idempotent.
            TestCleanup.removeTree(d.dir);
            TestCleanup.removeCgroupParent(d.cgroupParent);
        }
    }

    // ---- request bodies -------------------------------------------------------------------

    @Test
    void malformedJsonIsA400WithAJsonMessage() throws Exception {
        Response r = request("POST", "/v1.43/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"");
        assertEquals(400, r.status, r.text());
        assertTrue(r.header("content-type").startsWith("application/json"), "content-type " + r.header("content-type"));
        String msg = r.json().path("message").asText("");
        assertTrue(!msg.isBlank(), "no message in " + r.text());
        assertPing();
    }

    @Test
    void unknownFieldsAreIgnoredLikeDocker() throws Exception {
        String name = "bi-unk-" + hex();
        Response r = request("POST", "/v1.43/containers/create?name=" + name,
                "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"NoSuchField\":{\"a\":[1,2]},\"Other\":null,"
                        + "\"HostConfig\":{\"NotAHostConfigField\":true},\"NetworkingConfig\":{\"Whatever\":1}}");
        assertEquals(201, r.status, r.text());
        String id = r.json().path("Id").asText();
        assertEquals(64, id.length(), r.text());
        assertEquals(204, request("DELETE", "/v1.43/containers/" + id + "?force=1", null).status);
    }

    @Test
    void wrongTypesAreA400NamingTheField() throws Exception {
        int before = containerCount();
        Response memory = request("POST", "/v1.43/containers/create?name=bi-type-" + hex(), "{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":\"lots\"}}");
        Response tty = request("POST", "/v1.43/containers/create", "{\"Image\":\"busybox\",\"Tty\":{\"yes\":1}}");
        Response array = request("POST", "/v1.43/containers/create", "[\"busybox\"]");
        assertAll(() -> assertEquals(400, memory.status, memory.text()),
                () -> assertEquals(400, tty.status, tty.text()),
                () -> assertEquals(400, array.status, array.text()),
                () -> assertEquals(before, containerCount(), "a rejected create left a container"),
                // dockerd: json: cannot unmarshal string into Go struct field HostConfig.HostConfig.Memory of type int64
                () -> assertTrue(memory.json().path("message").asText("").contains("Memory"), "message should name the field: " + memory.text()),
                () -> assertTrue(tty.json().path("message").asText("").contains("Tty"), "message should name the field: " + tty.text()));
    }

    /** Docker: "Passing a negative number or a non-integer to --tail is invalid and the value is set to all". */
    @Test
    void aBadTailMeansAllLikeDocker() throws Exception {
        String id = runDetached("echo one; echo two");
        try {
            Response w = request("POST", "/v1.43/containers/" + id + "/wait", "");
            assertEquals(200, w.status, w.text());
            for (String tail : new String[] {"abc", "-5", "1x"}) {
                Response r = request("GET", "/v1.43/containers/" + id + "/logs?stdout=1&tail=" + tail, null);
                assertEquals(200, r.status, "tail=" + tail + ": " + r.text());
                String text = r.text();
                assertTrue(text.contains("one\n") && text.contains("two\n"), "tail=" + tail + " should show every line: " + text);
            }
        } finally {
            forceRemove(id);
        }
    }

    // ---- request heads --------------------------------------------------------------------

    @Test
    void aOneMegabyteHeaderLineIsRefusedAndTheConnectionClosed() throws Exception {
        String head = "GET /_ping HTTP/1.1\r\nHost: berth\r\nX-Big: " + "a".repeat(1 << 20) + "\r\n\r\n";
        assertRefusedAndClosed(head.getBytes(StandardCharsets.ISO_8859_1));
        assertPing();
    }

    @Test
    void tenThousandHeadersOverAMegabyteAreRefusedAndTheConnectionClosed() throws Exception {
        StringBuilder sb = new StringBuilder("GET /_ping HTTP/1.1\r\nHost: berth\r\n");
        String pad = "p".repeat(100);
        for (int i = 0; i < 10_000; i++) sb.append("X-Pad-").append(i).append(": ").append(pad).append("\r\n");
        sb.append("\r\n");
        assertRefusedAndClosed(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertPing();
    }

    /**
     * Under the 1 MB head limit, many small headers: 100,000 distinct names, then one name 200,000
     * times. Values of a repeated header are joined; a head must be dealt with in about the time
     * it takes to read it either way (a linear parse takes well under a second; joining by copying
     * the whole value each time is quadratic: some 60 GB of copying here).
     */
    @Test
    void aFloodOfSmallHeadersIsHandledPromptly() throws Exception {
        double distinct = timeHead(100_000, i -> "X" + i + ":1");
        double repeated = timeHead(200_000, i -> "X:1");
        System.out.printf("small headers answered in %.2f s (100,000 distinct names), %.2f s (one name 200,000 times)%n", distinct, repeated);
        assertAll(() -> assertTrue(distinct < 2, String.format("100,000 distinct small headers took %.1f s to answer", distinct)),
                () -> assertTrue(repeated < 2, String.format("200,000 repeated 'X:1' headers (600 kB) took %.1f s to answer (100,000 distinct: %.1f s)",
                        repeated, distinct)));
        assertPing();
    }

    private static double timeHead(int count, java.util.function.IntFunction<String> header) throws Exception {
        StringBuilder sb = new StringBuilder("GET /_ping HTTP/1.1\r\nHost: berth\r\n");
        for (int i = 0; i < count; i++) sb.append(header.apply(i)).append("\r\n");
        sb.append("\r\n");
        long t0 = System.nanoTime();
        try (Conn c = Conn.open()) {
            c.writeInBackground(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            Response r = within(Duration.ofSeconds(60), c::read, "berthd's answer to " + count + " small headers");
            assertTrue(r.status == 200 || r.status == 431 || r.status == 400, "status " + r.status);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    @Test
    void aBadContentLengthIsA400AndClosed() throws Exception {
        for (String cl : new String[] {"abc", "-5", "99999999999999999999"}) {
            byte[] req = ("POST /v1.43/containers/create HTTP/1.1\r\nHost: berth\r\nContent-Type: application/json\r\nContent-Length: " + cl
                    + "\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1);
            try (Conn c = Conn.open()) {
                c.write(req);
                Response r = within(TIMEOUT, c::read, "answer to Content-Length: " + cl);
                assertEquals(400, r.status, "Content-Length: " + cl + " -> " + r.text());
                assertTrue(within(TIMEOUT, c::atEof, "close after bad Content-Length"), "connection left open after Content-Length: " + cl);
            }
        }
        assertPing();
    }

    @Test
    void aTruncatedBodyThenDisconnectLeavesTheDaemonServing() throws Exception {
        int before = containerCount();
        long fds = fds();
        for (int i = 0; i < 20; i++) {
            try (Conn c = Conn.open()) {
                c.write(("POST /v1.43/containers/create?name=bi-trunc-" + hex() + " HTTP/1.1\r\nHost: berth\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000\r\n\r\n{\"Image\":\"busybox\",\"Cmd\":[\"tr").getBytes(StandardCharsets.ISO_8859_1));
            }
            try (Conn c = Conn.open()) {
                c.write(("POST /v1.43/containers/create HTTP/1.1\r\nHost: berth\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n400\r\n{\"Image\":\"bus").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        assertPing();
        assertEquals(before, containerCount(), "a cut-off create left a container");
        assertSettles("fds after 40 cut-off bodies", BadInputIT::fds, fds + 5);
    }

    // ---- clients that vanish mid-stream ---------------------------------------------------

    @Test
    void clientsVanishingFromAttachAndFollowedLogsLeakNothing() throws Exception {
        String id = runDetached("while true; do echo tick; sleep 0.1; done");
        try {
            warmUp(id, attachHead(id), followHead(id));
            long fds = fds(), threads = osThreads(), all = allThreads();
            for (int i = 0; i < 50; i++) {
                disconnectAfterData(id, attachHead(id));
                disconnectAfterData(id, followHead(id));
            }
            assertPing();
            assertAll(() -> assertSettles("fds after 100 vanished clients", BadInputIT::fds, fds + 5),
                    () -> assertSettles("OS threads after 100 vanished clients", BadInputIT::osThreads, threads + 3),
                    () -> assertSettles("platform + virtual threads after 100 vanished clients", BadInputIT::allThreads, all + 5));
        } finally {
            forceRemove(id);
        }
    }

    /**
     * dockerd ends a `logs --follow` when its client goes, even if the container says nothing
     * more (the request context is cancelled). A silent container must not pin a thread and fds
     * per vanished follower.
     */
    @Test
    void clientsVanishingFromFollowedLogsOfASilentContainerLeakNothing() throws Exception {
        String id = runDetached("echo once; exec sleep 300");
        try {
            warmUp(id, followHead(id));
            long fds = fds(), all = allThreads();
            for (int i = 0; i < 50; i++) disconnectAfterData(id, followHead(id));
            assertPing();
            assertAll(() -> assertSettles("fds after 50 vanished followers of a silent container", BadInputIT::fds, fds + 5),
                    () -> assertSettles("platform + virtual threads after 50 vanished followers of a silent container", BadInputIT::allThreads, all + 5));
        } finally {
            forceRemove(id);
        }
    }

    // ---- Docker's conflicts ---------------------------------------------------------------

    @Test
    void aNameClashIsA409WithDockersMessage() throws Exception {
        String name = "bi-clash-" + hex();
        Response first = request("POST", "/v1.43/containers/create?name=" + name, "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
        assertEquals(201, first.status, first.text());
        String id = first.json().path("Id").asText();
        try {
            Response again = request("POST", "/v1.43/containers/create?name=" + name, "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
            assertEquals(409, again.status, again.text());
            assertEquals("Conflict. The container name \"/" + name + "\" is already in use by container \"" + id
                    + "\". You have to remove (or rename) that container to be able to reuse that name.", again.json().path("message").asText());
        } finally {
            forceRemove(id);
        }
    }

    @Test
    void removingARunningContainerWithoutForceIsA409() throws Exception {
        String id = runDetached("exec sleep 300");
        try {
            Response r = request("DELETE", "/v1.43/containers/" + id, null);
            assertEquals(409, r.status, r.text());
            String msg = r.json().path("message").asText();
            assertTrue(msg.startsWith("You cannot remove a running container " + id + ". Stop the container before attempting removal or force remove"), msg);
            assertEquals("running", request("GET", "/v1.43/containers/" + id + "/json", null).json().path("State").path("Status").asText());
        } finally {
            forceRemove(id);
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    /** A 431 (or 400) for an oversized head, then the connection closes. */
    private static void assertRefusedAndClosed(byte[] req) throws Exception {
        try (Conn c = Conn.open()) {
            c.writeInBackground(req);
            Response r = within(TIMEOUT, c::read, "answer to an oversized head");
            assertTrue(r.status == 431 || r.status == 400, "status " + r.status + ": " + r.text());
            assertTrue(within(TIMEOUT, c::atEof, "close after an oversized head"), "connection left open after " + r.status);
        }
    }

    private static void assertPing() throws Exception {
        Response r = request("GET", "/_ping", null);
        assertEquals(200, r.status);
        assertEquals("OK", r.text());
    }

    private static String runDetached(String script) throws Exception {
        Response r = request("POST", "/v1.43/containers/create?name=bi-run-" + hex(),
                Json.mapper().writeValueAsString(Map.of("Image", "busybox", "Cmd", java.util.List.of("sh", "-c", script))));
        assertEquals(201, r.status, r.text());
        String id = r.json().path("Id").asText();
        Response s = request("POST", "/v1.43/containers/" + id + "/start", null);
        assertEquals(204, s.status, s.text());
        return id;
    }

    private static void forceRemove(String id) throws Exception {
        Response r = request("DELETE", "/v1.43/containers/" + id + "?force=1", null);
        assertEquals(204, r.status, r.text());
    }

    private static String attachHead(String id) {
        return "POST /v1.43/containers/" + id + "/attach?stream=1&stdout=1&stderr=1 HTTP/1.1\r\nHost: berth\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
    }

    private static String followHead(String id) {
        return "GET /v1.43/containers/" + id + "/logs?follow=1&stdout=1&stderr=1 HTTP/1.1\r\nHost: berth\r\n\r\n";
    }

    /** A few rounds first, so lazily made pools and caches do not count as leaks. */
    private static void warmUp(String id, String... heads) throws Exception {
        for (int i = 0; i < 3; i++)
            for (String h : heads) disconnectAfterData(id, h);
        Thread.sleep(500);
    }

    /** Sends a streaming request, waits for its head and the first bytes of the stream, and drops the connection. */
    private static void disconnectAfterData(String id, String head) throws Exception {
        Conn c = Conn.open();
        try {
            c.write(head.getBytes(StandardCharsets.ISO_8859_1));
            within(TIMEOUT, () -> {
                String status = c.readLine();
                if (status == null || !(status.startsWith("HTTP/1.1 101") || status.startsWith("HTTP/1.1 200")))
                    throw new AssertionError("stream of " + id + " answered " + status);
                while (!c.readLine().isEmpty()) {
                    // head
                }
                if (c.in.read() < 0) throw new AssertionError("stream of " + id + " ended at once");
                return null;
            }, "first bytes of " + head.lines().findFirst().orElse(""));
        } finally {
            c.close();
        }
    }

    private static int containerCount() throws Exception {
        Response r = request("GET", "/v1.43/containers/json?all=1", null);
        assertEquals(200, r.status, r.text());
        return r.json().size();
    }

    private static long fds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long osThreads() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/task"))) {
            return s.count();
        }
    }

    /** Platform and virtual threads, from a JSON thread dump (jdk.trackAllThreads is on by default). */
    private static long allThreads() throws IOException {
        Path f = d.dir.resolve("threads-" + hex() + ".json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpThreads(f.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            long n = 0;
            for (JsonNode container : Json.mapper().readTree(f.toFile()).path("threadDump").path("threadContainers"))
                n += container.path("threads").size();
            if (n == 0) throw new AssertionError("empty thread dump");
            return n;
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FunctionalInterface
    interface Count {
        long get() throws IOException;
    }

    /** Leaked resources stay; ones being released go within a few seconds. */
    private static void assertSettles(String what, Count count, long max) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long n = count.get();
        while (n > max && System.nanoTime() < deadline) {
            Thread.sleep(200);
            n = count.get();
        }
        assertTrue(n <= max, what + ": " + n + " (at most " + max + " allowed)");
    }

    private static <T> T within(Duration limit, Callable<T> work, String what) throws Exception {
        FutureTask<T> f = new FutureTask<>(work);
        Thread.ofVirtual().name("within").start(f);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("no " + what + " within " + limit.toSeconds() + " s");
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw (Error) e.getCause();
        }
    }

    private static String hex() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }

    /** One request on a fresh connection, answered within TIMEOUT. */
    static Response request(String method, String path, String jsonBody) throws Exception {
        try (Conn c = Conn.open()) {
            byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: berth\r\n");
            if (jsonBody != null) head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            head.append("\r\n");
            c.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            c.write(body);
            return within(TIMEOUT, c::read, method + " " + path);
        }
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    /** A raw HTTP/1.1 connection to berthd's socket. */
    static final class Conn implements AutoCloseable {
        final SocketChannel ch;
        final InputStream in;
        final OutputStream out;
        final AtomicReference<Thread> writer = new AtomicReference<>();

        private Conn(SocketChannel ch) {
            this.ch = ch;
            this.in = new java.io.BufferedInputStream(Channels.newInputStream(ch));
            this.out = Channels.newOutputStream(ch);
        }

        static Conn open() throws IOException {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new Conn(ch);
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            out.flush();
        }

        /** For heads the server may refuse part way: its close then fails the write, which is fine. */
        void writeInBackground(byte[] b) {
            writer.set(Thread.ofVirtual().start(() -> {
                try {
                    write(b);
                } catch (IOException ignored) {
                    // refused before the end
                }
            }));
        }

        String readLine() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') b.write(c);
            if (c < 0 && b.size() == 0) return null;
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        Response read() throws IOException {
            String status = readLine();
            if (status == null) throw new IOException("connection closed before a response");
            String[] parts = status.split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int code = Integer.parseInt(parts[1]);
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                int n;
                while ((n = Integer.parseInt(readLine().trim(), 16)) > 0) {
                    b.write(in.readNBytes(n));
                    readLine();
                }
                readLine();
                body = b.toByteArray();
            } else if (code == 204 || code == 304) {
                body = new byte[0];
            } else {
                body = in.readAllBytes();
            }
            return new Response(code, headers, body);
        }

        /** True when the server has closed its side (after what it sent). */
        boolean atEof() throws IOException {
            try {
                while (true) if (in.read() < 0) return true;
            } catch (IOException e) {
                return true; // reset
            }
        }

        @Override
        public void close() throws IOException {
            ch.close();
            Thread w = writer.get();
            if (w != null) w.interrupt();
        }
    }
}
