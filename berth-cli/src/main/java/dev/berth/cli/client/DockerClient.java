package dev.berth.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small Docker Engine API client. The first request pings ({@code HEAD /_ping}) and settles the
 * API version at min({@value #MAX_API_VERSION}, the daemon's Api-Version), or DOCKER_API_VERSION
 * when set; later paths are prefixed with {@code /v<version>}. Every request has its own
 * connection. Error statuses become {@link DaemonError}; a daemon that does not answer becomes
 * {@link DaemonUnreachable}.
 */
public final class DockerClient {
    public static final String CLIENT_VERSION = "0.1.0";
    public static final String MAX_API_VERSION = "1.43";
    /** What the Go client assumes when the ping carries no Api-Version. */
    static final String FALLBACK_API_VERSION = "1.24";

    public record Ping(String apiVersion, String osType, boolean experimental) {}

    private final DaemonAddress address;
    private final String pinnedVersion;
    private Ping ping;
    private String version;

    public DockerClient(DaemonAddress address, String pinnedVersion) {
        this.address = address;
        this.pinnedVersion = pinnedVersion == null || pinnedVersion.isBlank() ? null : pinnedVersion.trim();
    }

    public DaemonAddress address() {
        return address;
    }

    /** The negotiated API version (pings first if needed). */
    public String apiVersion() {
        if (version == null) {
            Ping p = ping();
            version = pinnedVersion != null ? pinnedVersion : negotiate(MAX_API_VERSION, p.apiVersion());
        }
        return version;
    }

    /** min(client, server); the fallback when the server names none. */
    public static String negotiate(String clientMax, String server) {
        if (server == null || server.isBlank()) return FALLBACK_API_VERSION;
        return compareVersions(server, clientMax) < 0 ? server : clientMax;
    }

    public static int compareVersions(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? parseIntOr0(x[i]) : 0, yi = i < y.length ? parseIntOr0(y[i]) : 0;
            if (xi != yi) return Integer.compare(xi, yi);
        }
        return 0;
    }

    private static int parseIntOr0(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public boolean versionAtLeast(String v) {
        return compareVersions(apiVersion(), v) >= 0;
    }

    public Ping ping() {
        if (ping != null) return ping;
        Response r = exchange("HEAD", "/_ping", null, null, Map.of());
        r.close();
        if (r.status() == 405 || r.status() / 100 == 5 && r.header("api-version") == null) {
            r = exchange("GET", "/_ping", null, null, Map.of());
            r.bytes();
        }
        ping = new Ping(r.header("api-version"), r.header("ostype"), "true".equals(r.header("docker-experimental")));
        return ping;
    }

    /** GET that expects JSON. */
    public JsonNode getJson(String path, Query query) {
        return call("GET", path, query, null).json();
    }

    /** POST with an optional JSON body, expecting JSON (or nothing) back. */
    public JsonNode postJson(String path, Query query, Object body) {
        return call("POST", path, query, body).json();
    }

    /**
     * Sends a request and returns the response with its body still open; statuses of 400 and
     * above are thrown as {@link DaemonError}. Body: null, byte[] or anything Jackson writes.
     */
    public Response call(String method, String path, Query query, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] bytes = null;
        if (body instanceof byte[] b) {
            bytes = b;
        } else if (body != null) {
            bytes = json(body);
            headers.put("Content-Type", "application/json");
        } else if (method.equals("POST") || method.equals("PUT")) {
            bytes = new byte[0];
        }
        Response r = exchange(method, versioned(path, query), bytes, null, headers);
        return check(r);
    }

    /** Like {@link #call} with extra headers (X-Registry-Auth and the like). */
    public Response call(String method, String path, Query query, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        byte[] bytes = body instanceof byte[] b ? b : body == null ? (method.equals("POST") ? new byte[0] : null) : json(body);
        if (body != null && !(body instanceof byte[])) headers.put("Content-Type", "application/json");
        return check(exchange(method, versioned(path, query), bytes, null, headers));
    }

    /** Streams a request body (tar archives) with chunked encoding. */
    public Response upload(String method, String path, Query query, String contentType, InputStream body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        return check(exchange(method, versioned(path, query), null, body, headers));
    }

    /** HEAD returning the raw response, errors included (cp stats paths this way). */
    public Response head(String path, Query query) {
        return exchange("HEAD", versioned(path, query), null, null, Map.of());
    }

    /**
     * Upgrades the connection for attach or exec start. The daemon answers 101 (or 200 from old
     * daemons) and the socket becomes a raw pipe.
     */
    public Hijacked hijack(String path, Query query, Object jsonBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Connection", "Upgrade");
        headers.put("Upgrade", "tcp");
        byte[] bytes;
        if (jsonBody == null) {
            headers.put("Content-Type", "text/plain");
            bytes = new byte[0];
        } else {
            headers.put("Content-Type", "application/json");
            bytes = json(jsonBody);
        }
        Response r = exchange("POST", versioned(path, query), bytes, null, headers);
        if (r.status() != 101 && r.status() != 200) check(r);
        return new Hijacked(r.connection());
    }

    private String versioned(String path, Query query) {
        String target = "/v" + apiVersion() + path;
        if (query != null && !query.isEmpty()) target += "?" + query.encode();
        return target;
    }

    private Response exchange(String method, String target, byte[] body, InputStream stream, Map<String, String> headers) {
        HttpConnection c;
        try {
            c = HttpConnection.open(address);
        } catch (IOException e) {
            throw new DaemonUnreachable(address, e);
        }
        try {
            if (stream != null) c.sendChunked(method, target, headers, stream);
            else c.send(method, target, headers, body);
            return c.receive(method.equals("HEAD"));
        } catch (IOException e) {
            c.close();
            throw new UncheckedIOException("error during connect: " + method + " " + target + ": " + e.getMessage(), e);
        }
    }

    /** Request bodies are Jackson trees written without an ObjectMapper (see {@link JsonCodec}). */
    private static byte[] json(Object body) {
        if (body instanceof JsonNode n) return JsonCodec.write(n);
        return dev.berth.common.Json.bytes(body);
    }

    private static Response check(Response r) {
        if (r.status() < 400) return r;
        byte[] body = r.bytes();
        String text = new String(body, StandardCharsets.UTF_8).trim();
        String message = text;
        String type = r.header("content-type");
        if (type != null && type.contains("json") || text.startsWith("{")) {
            try {
                JsonNode n = JsonCodec.parse(body);
                if (n != null && n.hasNonNull("message")) message = n.get("message").asText();
            } catch (IOException ignored) {
                // not JSON after all: keep the text
            }
        }
        if (message.isEmpty()) message = r.status() + " " + statusText(r.status());
        throw new DaemonError(r.status(), message);
    }

    private static String statusText(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }
}
