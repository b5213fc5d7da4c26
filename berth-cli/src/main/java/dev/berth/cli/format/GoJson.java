package dev.berth.cli.format;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * JSON as Go's encoding/json writes it, for template output: compact, maps in their own order
 * (callers pass sorted maps where Go would sort), and Go's escaping, optionally HTML-safe
 * (formatter contexts are marshalled with {@code <>&} escaped, inspect data is not).
 */
public final class GoJson {
    private GoJson() {}

    /** Objects that render themselves as a JSON object (docker's formatter contexts). */
    public interface Marshaler {
        Map<String, Object> toJsonMap();
    }

    public static String write(Object v, boolean escapeHtml) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, escapeHtml);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v, boolean html) {
        if (v == null || v == NIL_MAP || v == NIL_SLICE) {
            sb.append("null");
        } else if (v instanceof Marshaler m) {
            write(sb, m.toJsonMap(), true);
        } else if (v instanceof String s) {
            quote(sb, s, html);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(formatFloat(((Number) v).doubleValue()));
        } else if (v instanceof BigDecimal bd) {
            sb.append(bd.toPlainString());
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (var e : ((Map<Object, Object>) map).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                quote(sb, String.valueOf(e.getKey()), html);
                sb.append(':');
                write(sb, e.getValue(), html);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) sb.append(',');
                first = false;
                write(sb, o, html);
            }
            sb.append(']');
        } else {
            quote(sb, v.toString(), html);
        }
    }

    /** Go's nil map: empty when read, null when marshalled. */
    public static final Map<Object, Object> NIL_MAP = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>());
    /** Go's nil slice: empty when read, null when marshalled. */
    public static final java.util.List<Object> NIL_SLICE = java.util.Collections.unmodifiableList(new java.util.ArrayList<>());

    /** float64 as Go prints it in JSON: plain between 1e-6 and 1e21, exponent otherwise. */
    static String formatFloat(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) return Long.toString((long) d);
        double a = Math.abs(d);
        if (a < 1e-6 || a >= 1e21) {
            String s = Double.toString(d).replace("E", "e");
            int e = s.indexOf('e');
            String exp = s.substring(e + 1);
            if (!exp.startsWith("-")) exp = "+" + exp;
            String mant = s.substring(0, e);
            if (mant.endsWith(".0")) mant = mant.substring(0, mant.length() - 2);
            return mant + "e" + exp;
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    public static String quote(String s, boolean html) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s, html);
        return sb.toString();
    }

    private static void quote(StringBuilder sb, String s, boolean html) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20 || html && (c == '<' || c == '>' || c == '&')) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
