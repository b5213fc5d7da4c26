package dev.berth.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A daemon response: status, headers (names lower-cased) and a body read from the open connection. */
public final class Response implements Closeable {
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final HttpConnection connection;

    Response(int status, Map<String, String> headers, InputStream body, HttpConnection connection) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.connection = connection;
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public InputStream body() {
        return body;
    }

    public byte[] bytes() {
        try (this) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** The body as JSON; a missing body is JSON null. */
    public JsonNode json() {
        byte[] b = bytes();
        if (b.length == 0) return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        try {
            return JsonCodec.parse(b);
        } catch (IOException e) {
            throw new UncheckedIOException("malformed JSON from the daemon: " + e.getMessage(), e);
        }
    }

    HttpConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
    }
}
