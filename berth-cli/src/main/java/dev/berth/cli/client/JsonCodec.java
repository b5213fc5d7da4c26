package dev.berth.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to and from Jackson's tree model without an ObjectMapper: building the shared mapper costs
 * 40-70 ms at start-up, more than the rest of a `berth ps`. Reads one document or a stream of
 * concatenated ones (progress, events); writes compact JSON; converts trees to plain Java for
 * templates.
 */
public final class JsonCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonCodec() {}

    public static JsonNode parse(byte[] json) throws IOException {
        Source s = new Source(null, json, json.length);
        JsonNode n = s.value();
        s.skipSpace();
        if (s.peek() >= 0) throw s.error("trailing data after the JSON value");
        return n;
    }

    /** The next document of a stream, or null at its end. */
    public static JsonNode next(Source stream) throws IOException {
        stream.skipSpace();
        if (stream.peek() < 0) return null;
        return stream.value();
    }

    public static Source stream(InputStream in) {
        return new Source(in, new byte[16 * 1024], 0);
    }

    /** Reads bytes as they arrive; a value is returned as soon as it is complete. */
    public static final class Source {
        private final InputStream in;
        private byte[] buf;
        private int pos;
        private int end;

        private Source(InputStream in, byte[] buf, int end) {
            this.in = in;
            this.buf = buf;
            this.end = end;
        }

        private int peek() throws IOException {
            if (pos < end) return buf[pos] & 0xff;
            if (in == null) return -1;
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) return -1;
            pos = 0;
            end = n;
            return buf[0] & 0xff;
        }

        private int read() throws IOException {
            int c = peek();
            if (c < 0) throw new EOFException("unexpected end of JSON input");
            pos++;
            return c;
        }

        private void skipSpace() throws IOException {
            int c;
            while ((c = peek()) == ' ' || c == '\n' || c == '\r' || c == '\t') pos++;
        }

        private IOException error(String msg) {
            return new IOException("malformed JSON from the daemon: " + msg);
        }

        private void expect(String word) throws IOException {
            for (int i = 0; i < word.length(); i++) if (read() != word.charAt(i)) throw error("invalid literal");
        }

        private JsonNode value() throws IOException {
            skipSpace();
            int c = peek();
            switch (c) {
                case '{' -> {
                    pos++;
                    ObjectNode o = F.objectNode();
                    skipSpace();
                    if (peek() == '}') {
                        pos++;
                        return o;
                    }
                    while (true) {
                        skipSpace();
                        if (read() != '"') throw error("expected a key");
                        String key = string();
                        skipSpace();
                        if (read() != ':') throw error("expected ':'");
                        o.set(key, value());
                        skipSpace();
                        int d = read();
                        if (d == '}') return o;
                        if (d != ',') throw error("expected ',' or '}'");
                    }
                }
                case '[' -> {
                    pos++;
                    ArrayNode a = F.arrayNode();
                    skipSpace();
                    if (peek() == ']') {
                        pos++;
                        return a;
                    }
                    while (true) {
                        a.add(value());
                        skipSpace();
                        int d = read();
                        if (d == ']') return a;
                        if (d != ',') throw error("expected ',' or ']'");
                    }
                }
                case '"' -> {
                    pos++;
                    return F.textNode(string());
                }
                case 't' -> {
                    expect("true");
                    return F.booleanNode(true);
                }
                case 'f' -> {
                    expect("false");
                    return F.booleanNode(false);
                }
                case 'n' -> {
                    expect("null");
                    return F.nullNode();
                }
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') return number();
                    throw error(c < 0 ? "unexpected end of input" : "unexpected character '" + (char) c + "'");
                }
            }
        }

        private JsonNode number() throws IOException {
            StringBuilder sb = new StringBuilder();
            boolean decimal = false;
            int c;
            while ((c = peek()) >= 0 && (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
                decimal |= c == '.' || c == 'e' || c == 'E';
                sb.append((char) c);
                pos++;
            }
            String s = sb.toString();
            try {
                if (decimal) return F.numberNode(Double.parseDouble(s));
                if (s.length() < 10) return F.numberNode(Integer.parseInt(s));
                if (s.length() < 19) return F.numberNode(Long.parseLong(s));
                BigInteger big = new BigInteger(s);
                return big.bitLength() < 64 ? F.numberNode(big.longValue()) : F.numberNode(big);
            } catch (NumberFormatException e) {
                throw error("bad number " + s);
            }
        }

        private String string() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(32);
            while (true) {
                int c = read();
                if (c == '"') return b.toString(StandardCharsets.UTF_8);
                if (c != '\\') {
                    b.write(c);
                    continue;
                }
                int e = read();
                switch (e) {
                    case '"', '\\', '/' -> b.write(e);
                    case 'b' -> b.write('\b');
                    case 'f' -> b.write('\f');
                    case 'n' -> b.write('\n');
                    case 'r' -> b.write('\r');
                    case 't' -> b.write('\t');
                    case 'u' -> {
                        int cp = hex4();
                        if (Character.isHighSurrogate((char) cp) && peek() == '\\') {
                            pos++;
                            if (read() != 'u') throw error("bad surrogate pair");
                            int low = hex4();
                            cp = Character.toCodePoint((char) cp, (char) low);
                        }
                        b.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    }
                    default -> throw error("bad escape \\" + (char) e);
                }
            }
        }

        private int hex4() throws IOException {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(read(), 16);
                if (d < 0) throw error("bad \\u escape");
                v = v * 16 + d;
            }
            return v;
        }
    }

    public static byte[] write(JsonNode n) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, n);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String writeString(JsonNode n) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, n);
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) sb.append(',');
                first = false;
                quote(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) sb.append(',');
                write(sb, n.get(i));
            }
            sb.append(']');
        } else if (n.isTextual()) {
            quote(sb, n.textValue());
        } else {
            sb.append(n.asText());   // numbers and booleans
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /** Plain Java for templates: LinkedHashMap, ArrayList, String, Integer/Long/BigInteger/Double, Boolean, null. */
    public static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), toJava(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (JsonNode e : n) l.add(toJava(e));
            return l;
        }
        if (n.isTextual()) return n.textValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNumber()) return n.numberValue();
        return n.asText();
    }
}
