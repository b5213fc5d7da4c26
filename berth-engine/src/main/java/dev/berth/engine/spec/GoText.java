package dev.berth.engine.spec;

import java.util.List;

/** Go's fmt verbs where Docker's messages use them, so Berth's texts match byte for byte. */
final class GoText {
    private GoText() {}

    /** {@code %q} of a string: double-quoted with Go escapes. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c));
                    else b.appendCodePoint(c);
                }
            }
        });
        return b.append('"').toString();
    }

    /** {@code %q} of a []string: {@code ["a" "b"]}. */
    static String quote(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(' ');
            b.append(quote(values.get(i)));
        }
        return b.append(']').toString();
    }

    /** {@code %v} of a [][]string: {@code [[gpu] [a b]]}. */
    static String nested(List<List<String>> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(' ');
            b.append('[').append(String.join(" ", values.get(i) == null ? List.of() : values.get(i))).append(']');
        }
        return b.append(']').toString();
    }
}
