package dev.berth.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.testing.FakeDaemon;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP/1.1 client over unix sockets against a scripted daemon. */
class DockerClientTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void negotiatesTheLowerOfBothVersions() throws Exception {
        for (String[] c : new String[][] {{"1.41", "/v1.41/info"}, {"1.50", "/v1.43/info"}, {"1.43", "/v1.43/info"}, {null, "/v1.24/info"}}) {
            try (FakeDaemon d = new FakeDaemon(dir.resolve("v.sock"), c[0], FakeDaemon.routes(Map.of("GET /info", r -> "{}")))) {
                DockerClient client = new DockerClient(DaemonAddress.parse(d.host()), null);
                client.getJson("/info", null);
                assertEquals("HEAD", d.requests().get(0).method());
                assertEquals("/_ping", d.requests().get(0).target());
                assertEquals(c[1], d.requests().get(1).target(), "server " + c[0]);
                assertEquals("api.moby.localhost", d.requests().get(1).headers().get("host"));
            }
        }
    }

    @Test
    void pinnedVersionWins() throws Exception {
        try (FakeDaemon d = new FakeDaemon(dir.resolve("p.sock"), "1.43", FakeDaemon.routes(Map.of("GET /info", r -> "{}")))) {
            new DockerClient(DaemonAddress.parse(d.host()), "1.40").getJson("/info", null);
            assertEquals("/v1.40/info", d.requests().get(1).target());
        }
    }

    @Test
    void readsChunkedAndLengthBodies() throws Exception {
        FakeDaemon.Handler h = (r, in, out, ch) -> {
            if (r.path().endsWith("/chunked")) {
                FakeDaemon.respondChunked(out, 200, "application/json", List.of(utf8("{\"a\":"), utf8("[1,2,"), utf8("3]}\n")));
            } else {
                FakeDaemon.respond(out, 200, "{\"b\":true}");
            }
        };
        try (FakeDaemon d = new FakeDaemon(dir.resolve("c.sock"), "1.43", h)) {
            DockerClient client = new DockerClient(DaemonAddress.parse(d.host()), null);
            assertEquals("{\"a\":[1,2,3]}", client.getJson("/chunked", null).toString());
            assertEquals("{\"b\":true}", client.getJson("/plain", Query.of("x", "1")).toString());
            assertEquals("/v1.43/plain?x=1", d.requests().get(d.requests().size() - 1).target());
        }
    }

    @Test
    void streamsJsonMessagesAsTheyArrive() throws Exception {
        FakeDaemon.Handler h = (r, in, out, ch) -> FakeDaemon.respondChunked(out, 200, "application/json",
                List.of(utf8("{\"status\":\"one\"}\r\n{\"sta"), utf8("tus\":\"two\"}\r\n"), utf8("{\"status\":\"three\"}\n")));
        try (FakeDaemon d = new FakeDaemon(dir.resolve("j.sock"), "1.43", h);
             Response r = new DockerClient(DaemonAddress.parse(d.host()), null).call("POST", "/images/load", null, null)) {
            List<String> seen = new ArrayList<>();
            JsonMessages.each(r.body(), m -> seen.add(m.path("status").asText()));
            assertEquals(List.of("one", "two", "three"), seen);
        }
    }

    @Test
    void errorsCarryTheDaemonsMessage() throws Exception {
        FakeDaemon.Handler h = (r, in, out, ch) -> {
            if (r.path().endsWith("/json")) FakeDaemon.respond(out, 404, "{\"message\":\"No such container: nosuch\"}");
            else FakeDaemon.respond(out, 400, "client version 1.11 is too old. Minimum supported API version is 1.12");
        };
        try (FakeDaemon d = new FakeDaemon(dir.resolve("e.sock"), "1.43", h)) {
            DockerClient client = new DockerClient(DaemonAddress.parse(d.host()), null);
            DaemonError e = assertThrows(DaemonError.class, () -> client.getJson("/containers/nosuch/json", null));
            assertEquals("Error response from daemon: No such container: nosuch", e.getMessage());
            assertTrue(e.isNotFound());
            DaemonError t = assertThrows(DaemonError.class, () -> client.getJson("/old", null));
            assertEquals("Error response from daemon: client version 1.11 is too old. Minimum supported API version is 1.12", t.getMessage());
            assertEquals(400, t.status());
        }
    }

    @Test
    void unreachableDaemonSaysHowToStartOne() {
        DaemonAddress a = DaemonAddress.parse("unix://" + dir.resolve("nothing.sock"));
        DaemonUnreachable e = assertThrows(DaemonUnreachable.class, () -> new DockerClient(a, null).ping());
        assertEquals("Cannot connect to the Berth daemon at unix://" + dir.resolve("nothing.sock")
                + ". Is berthd running? Start it with `berthd` (or `berth daemon start`).", e.getMessage());
    }

    @Test
    void hijackIsTwoWayWithHalfClose() throws Exception {
        FakeDaemon.Handler h = (r, in, out, ch) -> {
            out.write(utf8("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"));
            out.write(StreamDemux.frame(1, utf8("hello ")));
            out.flush();
            byte[] stdin = in.readAllBytes();   // until the client half-closes
            out.write(StreamDemux.frame(1, utf8("got " + stdin.length + "\n")));
            out.write(StreamDemux.frame(2, utf8("warn\n")));
            out.flush();
            ch.shutdownOutput();
        };
        try (FakeDaemon d = new FakeDaemon(dir.resolve("h.sock"), "1.43", h)) {
            DockerClient client = new DockerClient(DaemonAddress.parse(d.host()), null);
            Hijacked conn = client.hijack("/containers/x/attach", Query.of("stream", "1").flag("stdin", true), null);
            conn.output().write(utf8("line1\nline2\n"));
            conn.closeWrite();
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            StreamDemux.copy(conn.input(), out, err);
            conn.close();
            assertEquals("hello got 12\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("warn\n", err.toString(StandardCharsets.UTF_8));
            FakeDaemon.Request req = d.find("POST", "/attach");
            assertEquals("Upgrade", req.headers().get("connection"));
            assertEquals("tcp", req.headers().get("upgrade"));
            assertEquals("/v1.43/containers/x/attach?stdin=1&stream=1", req.target());
        }
    }

    @Test
    void uploadsAreChunked() throws Exception {
        try (FakeDaemon d = new FakeDaemon(dir.resolve("u.sock"), "1.43", FakeDaemon.routes(Map.of("POST /images/load", r -> "{}")))) {
            byte[] payload = new byte[200_000];
            for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
            new DockerClient(DaemonAddress.parse(d.host()), null)
                    .upload("POST", "/images/load", Query.of("quiet", "1"), "application/x-tar", new java.io.ByteArrayInputStream(payload), Map.of()).close();
            FakeDaemon.Request r = d.find("POST", "/images/load");
            assertEquals("chunked", r.headers().get("transfer-encoding"));
            assertEquals("application/x-tar", r.headers().get("content-type"));
            assertTrue(java.util.Arrays.equals(payload, r.body()));
        }
    }

    @Test
    void demuxHandlesSplitFramesAndDaemonErrors() throws IOException {
        byte[] a = StreamDemux.frame(1, utf8("out"));
        byte[] b = StreamDemux.frame(2, utf8("err"));
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < all.length ? all[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (i >= all.length) return -1;
                buf[off] = all[i++];   // one byte at a time, so every header and payload is split
                return 1;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StreamDemux.copy(trickle, out, err);
        assertEquals("out", out.toString(StandardCharsets.UTF_8));
        assertEquals("err", err.toString(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class,
                () -> StreamDemux.copy(new java.io.ByteArrayInputStream(StreamDemux.frame(3, utf8("boom"))), OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("boom"));
        assertThrows(IOException.class, () -> StreamDemux.copy(new java.io.ByteArrayInputStream(StreamDemux.frame(9, utf8("x"))), out, err));
        assertThrows(java.io.EOFException.class, () -> StreamDemux.copy(new java.io.ByteArrayInputStream(new byte[] {1, 0, 0, 0, 0, 0, 0, 9, 'a'}), out, err));
    }

    @Test
    void queryEncodingLikeGo() {
        Query q = Query.of("fromImage", "docker.io/library/busybox").set("tag", "latest").add("changes", "ENV A=1").add("changes", "CMD [\"x\"]");
        assertEquals("changes=ENV+A%3D1&changes=CMD+%5B%22x%22%5D&fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest", q.encode());
        Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
        filters.put("status", List.of("exited"));
        filters.put("label", List.of("b=2", "a=1"));
        assertEquals("filters=%7B%22label%22%3A%7B%22a%3D1%22%3Atrue%2C%22b%3D2%22%3Atrue%7D%2C%22status%22%3A%7B%22exited%22%3Atrue%7D%7D",
                Query.of().filters(filters).encode());
        assertTrue(Query.of().filters(Map.of()).isEmpty());
    }

    @Test
    void addressResolution() {
        assertEquals("unix:///x.sock", DaemonAddress.resolve("unix:///x.sock", Map.of("BERTH_HOST", "unix:///b.sock")).uri());
        assertEquals("unix:///b.sock", DaemonAddress.resolve(null, Map.of("BERTH_HOST", "unix:///b.sock", "DOCKER_HOST", "unix:///d.sock")).uri());
        assertEquals("unix:///d.sock", DaemonAddress.resolve(null, Map.of("DOCKER_HOST", "unix:///d.sock")).uri());
        assertEquals(DaemonAddress.DEFAULT, DaemonAddress.resolve(null, Map.of()).uri());
        DaemonAddress t = DaemonAddress.parse("tcp://10.0.0.1:2376");
        assertFalse(t.isUnix());
        assertEquals("10.0.0.1", t.host());
        assertEquals(2376, t.port());
        assertEquals(2375, DaemonAddress.parse("tcp://h").port());
        assertThrows(IllegalArgumentException.class, () -> DaemonAddress.parse("ftp://x"));
    }

    @Test
    void negotiateRule() {
        assertEquals("1.41", DockerClient.negotiate("1.43", "1.41"));
        assertEquals("1.43", DockerClient.negotiate("1.43", "1.50"));
        assertEquals("1.24", DockerClient.negotiate("1.43", null));
        assertTrue(DockerClient.compareVersions("1.9", "1.10") < 0);
    }
}
