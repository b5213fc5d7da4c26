package dev.berth.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpServerTest {
    @TempDir Path dir;
    HttpServer server;
    Path sock;

    @BeforeEach
    void start() throws IOException {
        sock = dir.resolve("t.sock");
        Router r = new Router(new ApiVersion("1.24", "1.43"))
                .on("GET", "/_ping", (req, ex, p) -> ex.send(200, "text/plain; charset=utf-8", "OK".getBytes()))
                .on("POST", "/echo/{id}", (req, ex, p) -> ex.sendJson(200, Map.of("id", p.get("id"), "body", new String(req.body().readAllBytes()),
                        "q", String.valueOf(req.query("x")))))
                .on("GET", "/images/{name:.*}/json", (req, ex, p) -> ex.sendJson(200, Map.of("name", p.get("name"))))
                .on("GET", "/missing", (req, ex, p) -> { throw BerthException.notFound("No such container: %s", "x"); })
                .on("GET", "/stream", (req, ex, p) -> {
                    try (OutputStream o = ex.startChunked(200, "application/json", null)) {
                        o.write("{\"a\":1}\n".getBytes());
                        o.write("{\"a\":2}\n".getBytes());
                    }
                })
                .on("POST", "/hijack", (req, ex, p) -> {
                    var h = ex.hijack(req.wantsUpgrade(), "application/vnd.docker.raw-stream");
                    byte[] in = h.in().readAllBytes();
                    h.out().write(("got:" + new String(in)).getBytes());
                    h.closeOutput();
                });
        server = new HttpServer(List.of(new HttpServer.Listen("unix://" + sock)), r, Map.of("Api-Version", "1.43", "Ostype", "linux"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String exchange(String raw) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            OutputStream out = Channels.newOutputStream(ch);
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ch.shutdownOutput();
            InputStream in = Channels.newInputStream(ch);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void keepAliveServesTwoRequestsWithBodiesAndVersionPrefix() throws IOException {
        String r = exchange("POST /v1.41/echo/abc?x=a+b%2Fc HTTP/1.1\r\nHost: d\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
        assertTrue(r.contains("Api-Version: 1.43"), r);
        assertTrue(r.contains("\"id\":\"abc\""), r);
        assertTrue(r.contains("\"body\":\"hello\""), r);
        assertTrue(r.contains("\"q\":\"a b/c\""), r);
        assertTrue(r.endsWith("\r\n\r\nOK"), r);
    }

    @Test
    void chunkedRequestBody() throws IOException {
        String r = exchange("POST /echo/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        assertTrue(r.contains("\"body\":\"abcde\""), r);
    }

    @Test
    void errorsAreDockerJson() throws IOException {
        assertTrue(exchange("GET /missing HTTP/1.1\r\n\r\n").contains("404 Not Found"));
        assertTrue(exchange("GET /missing HTTP/1.1\r\n\r\n").contains("{\"message\":\"No such container: x\"}"));
        String nf = exchange("GET /nothing/here HTTP/1.1\r\n\r\n");
        assertTrue(nf.contains("404") && nf.contains("page not found"), nf);
        String tooNew = exchange("GET /v1.99/_ping HTTP/1.1\r\n\r\n");
        assertTrue(tooNew.contains("400") && tooNew.contains("client version 1.99 is too new. Maximum supported API version is 1.43"), tooNew);
        String tooOld = exchange("GET /v1.11/_ping HTTP/1.1\r\n\r\n");
        assertTrue(tooOld.contains("text/plain") && tooOld.contains("is too old"), tooOld);
    }

    @Test
    void imageNamesWithSlashes() throws IOException {
        assertTrue(exchange("GET /images/localhost:5000/a/b:1/json HTTP/1.1\r\n\r\n").contains("\"name\":\"localhost:5000/a/b:1\""));
    }

    @Test
    void chunkedStream() throws IOException {
        String r = exchange("GET /stream HTTP/1.1\r\n\r\n");
        assertTrue(r.contains("Transfer-Encoding: chunked"), r);
        assertTrue(r.endsWith("8\r\n{\"a\":1}\n\r\n8\r\n{\"a\":2}\n\r\n0\r\n\r\n"), r);
    }

    @Test
    void hijackAfterUpgradeKeepsBytesSentRightAfterTheHead() throws IOException {
        String r = exchange("POST /hijack HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\nstdin-bytes");
        assertTrue(r.startsWith("HTTP/1.1 101 UPGRADED\r\n"), r);
        assertTrue(r.contains("Content-Type: application/vnd.docker.raw-stream"), r);
        assertTrue(r.endsWith("got:stdin-bytes"), r);
    }

    @Test
    void oversizedHeaderIsRefused() throws IOException {
        String big = "X-Big: " + "a".repeat(HttpParser.MAX_HEADER_BYTES + 10) + "\r\n";
        String r = exchange("GET /_ping HTTP/1.1\r\n" + big + "\r\n");
        assertTrue(r.startsWith("HTTP/1.1 431"), r.substring(0, Math.min(80, r.length())));
        assertEquals(200, statusOf(exchange("GET /_ping HTTP/1.1\r\n\r\n")));
    }

    private static int statusOf(String r) {
        return Integer.parseInt(r.substring(9, 12));
    }
}
