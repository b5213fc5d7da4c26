package dev.berth.cli.template;

import dev.berth.cli.format.GoJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Go's built-in template functions and docker's additions (json, split, join, title, lower, upper, pad, truncate). */
final class Funcs {
    @FunctionalInterface
    interface Func {
        Object apply(List<Object> args);
    }

    private Funcs() {}

    static Map<String, Func> basic() {
        Map<String, Func> f = new HashMap<>();
        // Go built-ins
        f.put("and", a -> {
            need("and", a, 1, -1);
            for (Object o : a) if (!Values.truth(o)) return o;
            return a.get(a.size() - 1);
        });
        f.put("or", a -> {
            need("or", a, 1, -1);
            for (Object o : a) if (Values.truth(o)) return o;
            return a.get(a.size() - 1);
        });
        f.put("not", a -> {
            need("not", a, 1, 1);
            return !Values.truth(a.get(0));
        });
        f.put("len", a -> {
            need("len", a, 1, 1);
            Object o = a.get(0);
            if (o instanceof String s) return (long) s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (o instanceof Collection<?> c) return (long) c.size();
            if (o instanceof Map<?, ?> m) return (long) m.size();
            throw new TemplateException("error calling len: len of type " + Values.typeName(o));
        });
        f.put("index", Funcs::index);
        f.put("slice", Funcs::slice);
        f.put("print", a -> sprint(a));
        f.put("println", a -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) sb.append(' ');
                sb.append(Values.print(a.get(i)));
            }
            return sb.append('\n').toString();
        });
        f.put("printf", a -> {
            need("printf", a, 1, -1);
            return Printf.format(String.valueOf(a.get(0)), a.subList(1, a.size()));
        });
        f.put("eq", a -> {
            need("eq", a, 2, -1);
            for (int i = 1; i < a.size(); i++) if (Values.equal(a.get(0), a.get(i))) return true;
            return false;
        });
        f.put("ne", a -> {
            need("ne", a, 2, 2);
            return !Values.equal(a.get(0), a.get(1));
        });
        f.put("lt", a -> {
            need("lt", a, 2, 2);
            return Values.compare(a.get(0), a.get(1), "lt") < 0;
        });
        f.put("le", a -> {
            need("le", a, 2, 2);
            return Values.compare(a.get(0), a.get(1), "le") <= 0;
        });
        f.put("gt", a -> {
            need("gt", a, 2, 2);
            return Values.compare(a.get(0), a.get(1), "gt") > 0;
        });
        f.put("ge", a -> {
            need("ge", a, 2, 2);
            return Values.compare(a.get(0), a.get(1), "ge") >= 0;
        });
        f.put("html", a -> sprint(a).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;"));
        f.put("urlquery", a -> java.net.URLEncoder.encode(sprint(a), java.nio.charset.StandardCharsets.UTF_8));
        // docker's templates.basicFunctions
        f.put("json", a -> {
            need("json", a, 1, 1);
            Object v = a.get(0) == Values.NO_VALUE ? null : a.get(0);
            return GoJson.write(v, false);
        });
        f.put("split", a -> {
            need("split", a, 2, 2);
            return split(str("split", a.get(0)), str("split", a.get(1)));
        });
        f.put("join", a -> {
            need("join", a, 2, 2);
            Object list = a.get(0);
            if (list == null || list == Values.NO_VALUE) return "";
            if (!(list instanceof Collection<?> c)) throw new TemplateException("error calling join: wrong type for value; expected []string; got " + Values.typeName(list));
            List<String> parts = new ArrayList<>();
            for (Object o : c) parts.add(Values.print(o));
            return String.join(str("join", a.get(1)), parts);
        });
        f.put("title", a -> {
            need("title", a, 1, 1);
            return title(str("title", a.get(0)));
        });
        f.put("lower", a -> {
            need("lower", a, 1, 1);
            return str("lower", a.get(0)).toLowerCase(java.util.Locale.ROOT);
        });
        f.put("upper", a -> {
            need("upper", a, 1, 1);
            return str("upper", a.get(0)).toUpperCase(java.util.Locale.ROOT);
        });
        f.put("pad", a -> {
            need("pad", a, 3, 3);
            String s = str("pad", a.get(0));
            if (s.isEmpty()) return s;
            return " ".repeat((int) num("pad", a.get(1))) + s + " ".repeat((int) num("pad", a.get(2)));
        });
        f.put("truncate", a -> {
            need("truncate", a, 2, 2);
            String s = str("truncate", a.get(0));
            int n = (int) num("truncate", a.get(1));
            return s.length() < n ? s : s.substring(0, n);
        });
        return f;
    }

    /** docker's HeaderFunctions: while rendering a table header the string functions pass their input through. */
    static Map<String, Func> header() {
        Map<String, Func> f = basic();
        Func first = a -> a.isEmpty() ? "" : a.get(0);
        for (String name : List.of("json", "split", "join", "title", "lower", "upper", "truncate")) f.put(name, first);
        return f;
    }

    private static void need(String name, List<Object> a, int min, int max) {
        if (a.size() < min || max >= 0 && a.size() > max) {
            String want = min == max ? String.valueOf(min) : max < 0 ? "at least " + min : min + " to " + max;
            throw new TemplateException("wrong number of args for " + name + ": want " + want + " got " + a.size());
        }
    }

    private static String str(String fn, Object o) {
        if (o instanceof String s) return s;
        if (o == null || o == Values.NO_VALUE) throw new TemplateException("error calling " + fn + ": invalid value; expected string");
        throw new TemplateException("wrong type for value; expected string; got " + Values.typeName(o));
    }

    private static long num(String fn, Object o) {
        if (o instanceof Number n) return n.longValue();
        throw new TemplateException("wrong type for value; expected int; got " + Values.typeName(o));
    }

    /** fmt.Sprint: a space between operands when neither side is a string. */
    static String sprint(List<Object> a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            if (i > 0 && !(a.get(i) instanceof String) && !(a.get(i - 1) instanceof String)) sb.append(' ');
            sb.append(Values.print(a.get(i)));
        }
        return sb.toString();
    }

    static List<Object> split(String s, String sep) {
        List<Object> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int start = 0, i;
        while ((i = s.indexOf(sep, start)) >= 0) {
            out.add(s.substring(start, i));
            start = i + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }

    /** strings.Title: upper-case the first letter of each word. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean prevLetter = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean letter = Character.isLetterOrDigit(cp) || cp == '_' || cp == '\'';
            sb.appendCodePoint(letter && !prevLetter ? Character.toTitleCase(cp) : cp);
            prevLetter = letter;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static Object index(List<Object> a) {
        need("index", a, 1, -1);
        Object v = a.get(0);
        for (int i = 1; i < a.size(); i++) {
            Object k = a.get(i);
            if (v == null || v == Values.NO_VALUE) {
                // a nil map[string]string in docker's typed structs gives ""
                v = "";
                continue;
            }
            if (v instanceof Map<?, ?> m) {
                Object key = k instanceof Number n ? n.toString() : k;
                v = m.containsKey(key) ? m.get(key) : zeroOf(m);
            } else if (v instanceof List<?> l) {
                if (!(k instanceof Number n)) throw new TemplateException("error calling index: cannot index slice/array with type " + Values.typeName(k));
                long idx = n.longValue();
                if (idx < 0 || idx >= l.size()) throw new TemplateException("error calling index: index out of range: " + idx);
                v = l.get((int) idx);
            } else if (v instanceof String s) {
                if (!(k instanceof Number n)) throw new TemplateException("error calling index: cannot index string with type " + Values.typeName(k));
                long idx = n.longValue();
                if (idx < 0 || idx >= s.length()) throw new TemplateException("error calling index: index out of range: " + idx);
                v = (long) s.getBytes(java.nio.charset.StandardCharsets.UTF_8)[(int) idx] & 0xff;
            } else {
                throw new TemplateException("error calling index: can't index item of type " + Values.typeName(v));
            }
        }
        return v;
    }

    /** The zero value of a map's element type, guessed from its entries: labels maps give "". */
    private static Object zeroOf(Map<?, ?> m) {
        for (Object o : m.values()) if (!(o instanceof String)) return null;
        return "";
    }

    private static Object slice(List<Object> a) {
        need("slice", a, 1, 4);
        Object v = a.get(0);
        int len = v instanceof String s ? s.length() : v instanceof List<?> l ? l.size() : -1;
        if (len < 0) throw new TemplateException("error calling slice: can't slice item of type " + Values.typeName(v));
        int from = a.size() > 1 ? (int) num("slice", a.get(1)) : 0;
        int to = a.size() > 2 ? (int) num("slice", a.get(2)) : len;
        if (from < 0 || to > len || from > to) throw new TemplateException("error calling slice: index out of range");
        return v instanceof String s ? s.substring(from, to) : new ArrayList<>(((List<?>) v).subList(from, to));
    }
}
