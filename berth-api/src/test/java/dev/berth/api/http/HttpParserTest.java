package dev.berth.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpParserTest {
    private static HttpRequest parse(String head) throws IOException {
        return HttpParser.parse(new ByteArrayInputStream(head.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void repeatedHeadersAreJoinedInOrder() throws IOException {
        HttpRequest r = parse("GET /v1.43/_ping HTTP/1.1\r\nX-A: 1\r\nHost: b\r\nx-a:2\r\nX-A:  3 \r\n\r\n");
        assertEquals("1, 2, 3", r.header("X-A"));
        assertEquals("b", r.header("host"));
        assertEquals("/_ping", r.path());
        assertEquals("1.43", r.apiVersion());
    }

    /** 200,000 short repeats (600 kB, under the head limit): joining as they come copied ~60 GB. */
    @Test
    void manyRepeatsOfOneHeaderParseInLinearTime() {
        StringBuilder sb = new StringBuilder("GET /_ping HTTP/1.1\r\n");
        for (int i = 0; i < 200_000; i++) sb.append("X:1\r\n");
        sb.append("\r\n");
        HttpRequest r = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> parse(sb.toString()));
        String v = r.header("x");
        assertEquals(200_000 * 3 - 2, v.length());
        assertEquals("1, 1", v.substring(0, 4));
    }

    @Test
    void aHeadOverTheLimitIs431() {
        StringBuilder sb = new StringBuilder("GET /_ping HTTP/1.1\r\n");
        String pad = "p".repeat(100);
        for (int i = 0; i < 11_000; i++) sb.append("X-").append(i).append(": ").append(pad).append("\r\n");
        sb.append("\r\n");
        HttpParser.BadRequest e = assertThrows(HttpParser.BadRequest.class, () -> parse(sb.toString()));
        assertEquals(431, e.status);
    }
}
