package dev.berth.image.ref;

import dev.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code path.Match}: {@code *} matches any run of non-'/' characters, {@code ?} one
 * non-'/' character, {@code [^a-z]} a character class, {@code \c} the character c. The whole
 * name must match. A malformed pattern fails with INVALID_ARGUMENT "syntax error in pattern"
 * (Go's ErrBadPattern), whether or not the name would have matched.
 */
public final class PathGlob {
    private sealed interface Token permits Star, AnyChar, Literal, CharClass {}

    private record Star() implements Token {}

    private record AnyChar() implements Token {}

    private record Literal(char c) implements Token {}

    private record CharClass(boolean negated, List<char[]> ranges) implements Token {
        boolean matches(char c) {
            boolean in = false;
            for (char[] r : ranges) if (r[0] <= c && c <= r[1]) in = true;
            return in != negated;
        }
    }

    private final List<Token> tokens;

    private PathGlob(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static PathGlob compile(String pattern) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    out.add(new Star());
                    i++;
                }
                case '?' -> {
                    out.add(new AnyChar());
                    i++;
                }
                case '\\' -> {
                    if (i + 1 >= pattern.length()) throw bad();
                    out.add(new Literal(pattern.charAt(i + 1)));
                    i += 2;
                }
                case '[' -> i = compileClass(pattern, i + 1, out);
                default -> {
                    out.add(new Literal(c));
                    i++;
                }
            }
        }
        return new PathGlob(List.copyOf(out));
    }

    /** Parses a class starting after '['; returns the index after the closing ']'. */
    private static int compileClass(String p, int i, List<Token> out) {
        boolean negated = false;
        if (i < p.length() && p.charAt(i) == '^') {
            negated = true;
            i++;
        }
        List<char[]> ranges = new ArrayList<>();
        while (true) {
            if (i >= p.length()) throw bad();
            if (p.charAt(i) == ']' && !ranges.isEmpty()) {
                out.add(new CharClass(negated, List.copyOf(ranges)));
                return i + 1;
            }
            int[] lo = classChar(p, i);
            i = lo[1];
            char hi = (char) lo[0];
            if (i < p.length() && p.charAt(i) == '-') {
                int[] h = classChar(p, i + 1);
                hi = (char) h[0];
                i = h[1];
            }
            ranges.add(new char[] {(char) lo[0], hi});
        }
    }

    /** One possibly escaped class character: {char, next index}. */
    private static int[] classChar(String p, int i) {
        if (i >= p.length()) throw bad();
        char c = p.charAt(i);
        if (c == '-' || c == ']') throw bad();
        if (c == '\\') {
            if (i + 1 >= p.length()) throw bad();
            return new int[] {p.charAt(i + 1), i + 2};
        }
        return new int[] {c, i + 1};
    }

    private static BerthException bad() {
        return BerthException.invalid("syntax error in pattern");
    }

    public boolean matches(String name) {
        return match(0, name, 0);
    }

    public static boolean matches(String pattern, String name) {
        return compile(pattern).matches(name);
    }

    private boolean match(int ti, String s, int si) {
        while (ti < tokens.size()) {
            Token t = tokens.get(ti);
            if (t instanceof Star) {
                for (int k = si; ; k++) {
                    if (match(ti + 1, s, k)) return true;
                    if (k >= s.length() || s.charAt(k) == '/') return false;
                }
            }
            if (si >= s.length()) return false;
            char c = s.charAt(si);
            boolean ok = switch (t) {
                case AnyChar a -> c != '/';
                case Literal l -> c == l.c();
                case CharClass cc -> cc.matches(c);
                case Star st -> throw new AssertionError();
            };
            if (!ok) return false;
            ti++;
            si++;
        }
        return si == s.length();
    }
}
