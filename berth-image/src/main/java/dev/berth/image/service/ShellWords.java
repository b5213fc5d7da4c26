package dev.berth.image.service;

import dev.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dockerfile word processing (buildkit's shell lexer): quote removal, backslash escapes and
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}}, {@code ${VAR:+word}},
 * {@code ${VAR+word}}, {@code ${VAR:?msg}}, {@code ${VAR?msg}} against an environment. Unset variables
 * expand to "". Pure.
 */
final class ShellWords {
    private static final char ESCAPE = '\\';

    private final String src;
    private final Map<String, String> env;
    private int pos;

    private ShellWords(String src, Map<String, String> env) {
        this.src = src;
        this.env = env;
    }

    /** The word with quotes removed and variables expanded (ProcessWord). */
    static String word(String word, Map<String, String> env) {
        return new ShellWords(word, env).until((char) 0).result.toString();
    }

    /** The word expanded and split at unquoted whitespace, as EXPOSE takes its ports (ProcessWords). */
    static List<String> words(String word, Map<String, String> env) {
        return new ShellWords(word, env).until((char) 0).words();
    }

    /** Environment entries "K=V" as a map (later entries win, as in a process environment). */
    static Map<String, String> envMap(List<String> env) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (env == null) return out;
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq < 0) out.put(e, "");
            else out.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return out;
    }

    private static final class Out {
        final StringBuilder result = new StringBuilder();
        final List<String> words = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        boolean inWord;

        void splitting(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    if (inWord && current.length() > 0) {
                        words.add(current.toString());
                        current.setLength(0);
                        inWord = false;
                    }
                } else {
                    raw(String.valueOf(c));
                }
            }
        }

        void raw(String s) {
            current.append(s);
            inWord = true;
        }

        List<String> words() {
            if (current.length() > 0) words.add(current.toString());
            return List.copyOf(words);
        }
    }

    /** Processes up to stop (0: the end); the stop character is consumed. */
    private Out until(char stop) {
        Out out = new Out();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (stop != 0 && c == stop) {
                pos++;
                return out;
            }
            switch (c) {
                case '$' -> {
                    String v = dollar();
                    out.result.append(v);
                    out.splitting(v);
                }
                case '\'' -> {
                    String v = singleQuoted();
                    out.result.append(v);
                    out.raw(v);
                }
                case '"' -> {
                    String v = doubleQuoted();
                    out.result.append(v);
                    out.raw(v);
                }
                default -> {
                    pos++;
                    if (c == ESCAPE) {
                        if (pos >= src.length()) continue; // a trailing backslash is dropped
                        char next = src.charAt(pos++);
                        out.raw(String.valueOf(next));
                        out.result.append(next);
                    } else {
                        out.splitting(String.valueOf(c));
                        out.result.append(c);
                    }
                }
            }
        }
        if (stop != 0) throw BerthException.invalid("failed to process \"%s\": syntax error: missing '}'", src);
        return out;
    }

    private String singleQuoted() {
        int end = src.indexOf('\'', pos + 1);
        if (end < 0) throw fail("unexpected end of statement while looking for matching single-quote");
        String v = src.substring(pos + 1, end);
        pos = end + 1;
        return v;
    }

    private String doubleQuoted() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) throw fail("unexpected end of statement while looking for matching double-quote");
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return b.toString();
            }
            if (c == '$') {
                b.append(dollar());
                continue;
            }
            pos++;
            if (c == ESCAPE && pos < src.length()) {
                char next = src.charAt(pos);
                if (next == '"' || next == '$' || next == ESCAPE) {
                    pos++;
                    c = next;
                }
            } else if (c == ESCAPE) {
                continue;
            }
            b.append(c);
        }
    }

    private String dollar() {
        pos++; // '$'
        if (pos >= src.length() || src.charAt(pos) != '{') {
            String name = name();
            return name.isEmpty() ? "$" : env.getOrDefault(name, "");
        }
        pos++; // '{'
        if (pos >= src.length()) throw fail("syntax error: missing '}'");
        char first = src.charAt(pos);
        if (first == '{' || first == '}' || first == ':') throw fail("syntax error: bad substitution");
        String name = name();
        if (pos >= src.length()) throw fail("syntax error: missing '}'");
        char op = src.charAt(pos++);
        if (op == '}') return env.getOrDefault(name, "");
        boolean nullIsUnset = false;
        if (op == ':') {
            nullIsUnset = true;
            if (pos >= src.length()) throw fail("syntax error: missing '}'");
            op = src.charAt(pos++);
        }
        if (op != '-' && op != '+' && op != '?') throw fail("unsupported modifier (" + (nullIsUnset ? ":" : "") + op + ") in substitution");
        String word = until('}').result.toString();
        String value = env.get(name);
        boolean unset = value == null || (nullIsUnset && value.isEmpty());
        return switch (op) {
            case '-' -> unset ? word : value;
            case '+' -> unset ? "" : word;
            default -> {
                if (value == null) throw fail(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                if (unset) throw fail(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                yield value;
            }
        };
    }

    private String name() {
        int start = pos;
        if (pos < src.length() && Character.isDigit(src.charAt(pos))) return src.substring(start, ++pos); // $1: positional
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (!(Character.isLetterOrDigit(c) || c == '_')) break;
            pos++;
        }
        return src.substring(start, pos);
    }

    private BerthException fail(String why) {
        return BerthException.invalid("failed to process \"%s\": %s", src, why);
    }
}
