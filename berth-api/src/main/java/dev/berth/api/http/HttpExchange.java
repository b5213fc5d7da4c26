package dev.berth.api.http;

import dev.berth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response side of one request. Exactly one of the send methods is used: a whole body, a
 * chunked stream, or a hijack that hands over the raw connection (attach, exec start).
 */
public final class HttpExchange {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, String> commonHeaders;
    private boolean committed;
    private boolean reusable = true;

    HttpExchange(SocketChannel channel, InputStream in, OutputStream out, Map<String, String> commonHeaders) {
        this.channel = channel;
        this.in = in;
        this.out = out;
        this.commonHeaders = commonHeaders;
    }

    public boolean committed() {
        return committed;
    }

    boolean reusable() {
        return reusable;
    }

    private void head(int status, String reason, Map<String, String> headers) throws IOException {
        if (committed) throw new IllegalStateException("response already started");
        committed = true;
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (var e : commonHeaders.entrySet()) sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        sb.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        for (var e : headers.entrySet()) sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(int status, String contentType, byte[] body) throws IOException {
        send(status, contentType, body, Map.of());
    }

    public void send(int status, String contentType, byte[] body, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(extra);
        if (contentType != null) h.put("Content-Type", contentType);
        h.put("Content-Length", Integer.toString(body.length));
        head(status, Status.reason(status), h);
        out.write(body);
        out.flush();
    }

    public void sendJson(int status, Object value) throws IOException {
        byte[] json = Json.bytes(value);
        byte[] body = java.util.Arrays.copyOf(json, json.length + 1);
        body[json.length] = '\n';
        send(status, "application/json", body);
    }

    public void sendEmpty(int status) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        if (status != 204 && status != 304) h.put("Content-Length", "0");
        head(status, Status.reason(status), h);
        out.flush();
    }

    public void sendError(int status, String message) throws IOException {
        sendJson(status, Map.of("message", message));
    }

    /** Starts a chunked body; each write is sent as a chunk at once (streams must not sit in buffers). */
    public OutputStream startChunked(int status, String contentType, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) h.put("Content-Type", contentType);
        if (extra != null) h.putAll(extra);
        h.put("Transfer-Encoding", "chunked");
        head(status, Status.reason(status), h);
        out.flush();
        return new ChunkedOutputStream(out);
    }

    /**
     * Hands over the connection: a 101 UPGRADED (when the client asked to upgrade) or a plain 200
     * for old clients, then raw bytes both ways. The connection is not reused afterwards.
     */
    public Hijacked hijack(boolean upgrade, String contentType) throws IOException {
        reusable = false;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        if (upgrade) {
            h.put("Connection", "Upgrade");
            h.put("Upgrade", "tcp");
            head(101, "UPGRADED", h);
        } else {
            head(200, "OK", h);
        }
        out.flush();
        return new Hijacked(channel, in, out);
    }

    /** The connection taken over by a hijack. */
    public record Hijacked(SocketChannel channel, InputStream in, OutputStream out) {
        /** Half-close: the client sees EOF, and may still send. */
        public void closeOutput() {
            try {
                out.flush();
                channel.shutdownOutput();
            } catch (IOException ignored) {
                // the client is gone
            }
        }
    }
}
