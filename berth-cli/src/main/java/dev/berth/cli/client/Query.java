package dev.berth.cli.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** URL query parameters, encoded like Go's url.Values: keys sorted, space as '+'. */
public final class Query {
    private final TreeMap<String, java.util.List<String>> values = new TreeMap<>();

    public static Query of() {
        return new Query();
    }

    public static Query of(String key, String value) {
        return new Query().set(key, value);
    }

    public Query set(String key, String value) {
        var list = new java.util.ArrayList<String>(1);
        list.add(value);
        values.put(key, list);
        return this;
    }

    public Query add(String key, String value) {
        values.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(value);
        return this;
    }

    /** Sets key=1 when the flag is on, as the Go client does for booleans. */
    public Query flag(String key, boolean on) {
        if (on) set(key, "1");
        return this;
    }

    /** Sets the value only when it is neither null nor empty. */
    public Query opt(String key, String value) {
        if (value != null && !value.isEmpty()) set(key, value);
        return this;
    }

    /** Docker's filter encoding, a map of maps to true: {"status":{"exited":true}}. */
    public Query filters(Map<String, ? extends java.util.Collection<String>> filters) {
        if (filters == null || filters.isEmpty()) return this;
        TreeMap<String, TreeMap<String, Boolean>> sorted = new TreeMap<>();
        filters.forEach((k, vs) -> {
            TreeMap<String, Boolean> m = sorted.computeIfAbsent(k, x -> new TreeMap<>());
            for (String v : vs) m.put(v, true);
        });
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (var e : sorted.entrySet()) {
            if (!first) json.append(',');
            first = false;
            json.append(quote(e.getKey())).append(":{");
            boolean f2 = true;
            for (String v : e.getValue().keySet()) {
                if (!f2) json.append(',');
                f2 = false;
                json.append(quote(v)).append(":true");
            }
            json.append('}');
        }
        return set("filters", json.append('}').toString());
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (var e : values.entrySet()) {
            for (String v : e.getValue()) {
                if (!sb.isEmpty()) sb.append('&');
                sb.append(escape(e.getKey())).append('=').append(escape(v));
            }
        }
        return sb.toString();
    }

    /** Go's url.QueryEscape. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Go's url.PathEscape, for names put into paths (image names with '/' stay readable as the CLI sends them). */
    public static String path(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~$&+,/:;=@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
