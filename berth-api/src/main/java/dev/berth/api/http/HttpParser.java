package dev.berth.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses request heads. Pure over an InputStream, so it is tested without sockets. */
final class HttpParser {
    static final int MAX_HEADER_BYTES = 1 << 20;
    private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");

    /** A malformed or oversized head: the connection answers with status and closes. */
    static final class BadRequest extends IOException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private HttpParser() {}

    /** Reads a CRLF- (or LF-) terminated line of at most max bytes; null at EOF before any byte. */
    static String readLine(InputStream in, int max) throws IOException {
        byte[] buf = new byte[Math.min(max, 256)];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (n == 0) return null;
                break;
            }
            if (b == '\n') break;
            if (n == max) throw new BadRequest(431, "request header too large");
            if (n == buf.length) buf = java.util.Arrays.copyOf(buf, Math.min(max, buf.length * 2));
            buf[n++] = (byte) b;
        }
        if (n > 0 && buf[n - 1] == '\r') n--;
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Returns null on a clean EOF between requests. */
    static HttpRequest parse(InputStream in) throws IOException {
        String line;
        do {
            line = readLine(in, 65536);
            if (line == null) return null;
        } while (line.isEmpty());
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) throw new BadRequest(400, "malformed request line");
        // Values of a repeated name are joined once at the end: joining as they come copies the
        // whole value per line, quadratic in a head of many short repeats.
        Map<String, StringBuilder> joined = new LinkedHashMap<>();
        int total = line.length();
        while (true) {
            String h = readLine(in, MAX_HEADER_BYTES);
            if (h == null) throw new BadRequest(400, "unexpected end of request head");
            if (h.isEmpty()) break;
            total += h.length();
            if (total > MAX_HEADER_BYTES) throw new BadRequest(431, "request header too large");
            int colon = h.indexOf(':');
            if (colon <= 0) throw new BadRequest(400, "malformed header line");
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            StringBuilder sb = joined.get(name);
            if (sb == null) joined.put(name, new StringBuilder(value));
            else sb.append(", ").append(value);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        joined.forEach((k, v) -> headers.put(k, v.toString()));
        String target = parts[1];
        int q = target.indexOf('?');
        String rawPath = q >= 0 ? target.substring(0, q) : target;
        Map<String, List<String>> query = parseQuery(q >= 0 ? target.substring(q + 1) : "");
        String path = decodePath(rawPath);
        String version = null;
        Matcher m = VERSIONED.matcher(path);
        if (m.matches()) {
            version = m.group(1);
            path = m.group(2);
        }
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        InputStream body;
        String te = headers.get("transfer-encoding");
        String cl = headers.get("content-length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new ChunkedInputStream(in);
        } else if (cl != null) {
            long len;
            try {
                len = Long.parseLong(cl);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "bad Content-Length");
            }
            if (len < 0) throw new BadRequest(400, "bad Content-Length");
            body = new BoundedInputStream(in, len);
        } else {
            body = InputStream.nullInputStream();
        }
        return new HttpRequest(parts[0], path, version, query, headers, body);
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String v = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** Query strings use form encoding ('+' is a space). */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** In a path '+' is itself. */
    private static String decodePath(String s) {
        return decode(s.replace("+", "%2B"));
    }
}
