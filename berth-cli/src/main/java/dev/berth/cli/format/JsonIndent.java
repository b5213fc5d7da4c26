package dev.berth.cli.format;

import java.nio.charset.StandardCharsets;

/**
 * Go's json.Indent and json.Compact over raw bytes: layout changes, tokens stay as the daemon
 * wrote them (key order, number spelling, \u003c escapes). Empty objects and arrays stay "{}" and "[]".
 */
public final class JsonIndent {
    private JsonIndent() {}

    public static String indent(byte[] json, String indent) {
        return layout(new String(json, StandardCharsets.UTF_8), indent, true);
    }

    public static String compact(byte[] json) {
        return layout(new String(json, StandardCharsets.UTF_8), "", false);
    }

    private static String layout(String s, String indent, boolean pretty) {
        StringBuilder out = new StringBuilder(s.length() * 2);
        int depth = 0;
        boolean needIndent = false;   // an opening bracket waits to learn whether it is empty
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
            if (needIndent && c != ']' && c != '}') {
                newline(out, pretty, indent, depth);
                needIndent = false;
            }
            switch (c) {
                case '"' -> {
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) != '"') {
                        if (s.charAt(j) == '\\') j++;
                        j++;
                    }
                    out.append(s, i, Math.min(j + 1, s.length()));
                    i = j;
                }
                case '{', '[' -> {
                    out.append(c);
                    depth++;
                    needIndent = true;
                }
                case '}', ']' -> {
                    depth--;
                    if (needIndent) needIndent = false;
                    else newline(out, pretty, indent, depth);
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, pretty, indent, depth);
                }
                case ':' -> {
                    out.append(c);
                    if (pretty) out.append(' ');
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void newline(StringBuilder out, boolean pretty, String indent, int depth) {
        if (!pretty) return;
        out.append('\n');
        for (int k = 0; k < depth; k++) out.append(indent);
    }
}
