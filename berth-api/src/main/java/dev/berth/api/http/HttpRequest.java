package dev.berth.api.http;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One parsed HTTP/1.1 request: method, path (without the /vX.Y prefix), query, headers and body stream. */
public final class HttpRequest {
    private final String method;
    private final String path;
    private final String apiVersion;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final InputStream body;

    HttpRequest(String method, String path, String apiVersion, Map<String, List<String>> query, Map<String, String> headers, InputStream body) {
        this.method = method;
        this.path = path;
        this.apiVersion = apiVersion;
        this.query = query;
        this.headers = headers;
        this.body = body;
    }

    public String method() { return method; }
    public String path() { return path; }
    /** The version of a /vX.Y/ path, or null for an unversioned one. */
    public String apiVersion() { return apiVersion; }
    public Map<String, List<String>> queryAll() { return query; }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    public String query(String name, String dflt) {
        String v = query(name);
        return v == null ? dflt : v;
    }

    /** Docker's boolean query values: "1", "true", "True" are true; absent is dflt. */
    public boolean flag(String name, boolean dflt) {
        String v = query(name);
        if (v == null) return dflt;
        return v.equals("1") || v.equalsIgnoreCase("true");
    }

    public int intQuery(String name, int dflt) {
        String v = query(name);
        if (v == null || v.isEmpty()) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid value for %s: %s", name, v);
        }
    }

    public InputStream body() { return body; }

    public boolean wantsUpgrade() {
        String c = header("connection");
        String u = header("upgrade");
        return c != null && c.toLowerCase(Locale.ROOT).contains("upgrade") && u != null && u.equalsIgnoreCase("tcp");
    }

    /** The JSON body as T; an empty body gives null. Malformed JSON is an INVALID_ARGUMENT error. */
    public <T> T json(Class<T> type) {
        try {
            byte[] b = body.readAllBytes();
            if (b.length == 0) return null;
            return Json.mapper().readValue(b, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw BerthException.invalid("%s", e.getOriginalMessage());
        } catch (IOException e) {
            throw BerthException.invalid("read body: %s", e.getMessage());
        }
    }
}
