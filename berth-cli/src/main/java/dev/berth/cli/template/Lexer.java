package dev.berth.cli.template;

import java.util.ArrayList;
import java.util.List;

/** Splits a template into text and action tokens, with Go's {{- and -}} whitespace trimming. */
final class Lexer {
    enum Type { TEXT, LEFT, RIGHT, IDENT, FIELD, VAR, STRING, RAW_STRING, CHAR, NUMBER, DOT, PIPE, LPAREN, RPAREN, ASSIGN, DECLARE, COMMA, COMMENT, EOF }

    record Token(Type type, String text, int line, boolean spaceBefore, int col) {
        Token(Type type, String text, int line, boolean spaceBefore) {
            this(type, text, line, spaceBefore, 0);
        }
    }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> lex(String src) {
        Lexer l = new Lexer(src);
        l.run();
        return l.tokens;
    }

    private void run() {
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            if (open < 0) {
                text(src.substring(pos));
                pos = src.length();
                break;
            }
            String text = src.substring(pos, open);
            boolean trimLeft = src.startsWith("{{-", open) && open + 3 < src.length() && isSpace(src.charAt(open + 3));
            if (trimLeft) text = stripTrailing(text);
            text(text);
            pos = open + (trimLeft ? 3 : 2);
            if (isCommentStart()) {
                comment();
                continue;
            }
            tokens.add(new Token(Type.LEFT, "{{", line, false));
            action();
        }
        tokens.add(new Token(Type.EOF, "", line, false));
    }

    private void text(String t) {
        if (!t.isEmpty()) tokens.add(new Token(Type.TEXT, t, line, false));
        line += count(t, '\n');
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    private boolean isCommentStart() {
        int p = pos;
        while (p < src.length() && Character.isWhitespace(src.charAt(p))) p++;
        return src.startsWith("/*", p);
    }

    private void comment() {
        int start = src.indexOf("/*", pos);
        int end = src.indexOf("*/", start + 2);
        if (end < 0) throw new TemplateException("template: :" + line + ": unclosed comment");
        line += count(src.substring(pos, end), '\n');
        pos = end + 2;
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
        boolean trimRight = src.startsWith("-}}", pos);
        if (trimRight) pos++;
        if (!src.startsWith("}}", pos)) throw new TemplateException("template: :" + line + ": comment ends before closing delimiter");
        pos += 2;
        if (trimRight) skipLeadingSpace();
    }

    private void skipLeadingSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            if (src.charAt(pos) == '\n') line++;
            pos++;
        }
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) end--;
        return s.substring(0, end);
    }

    private void action() {
        boolean space = false;
        while (true) {
            if (pos >= src.length()) throw new TemplateException("template: :" + line + ": unclosed action");
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (c == '\n') line++;
                // " -}}" closes with trimming
                if (src.startsWith("-}}", pos + 1)) {
                    pos += 4;
                    tokens.add(new Token(Type.RIGHT, "}}", line, true));
                    skipLeadingSpace();
                    return;
                }
                pos++;
                space = true;
                continue;
            }
            if (src.startsWith("}}", pos)) {
                pos += 2;
                tokens.add(new Token(Type.RIGHT, "}}", line, space));
                return;
            }
            int start = pos;
            Type type;
            switch (c) {
                case '|' -> { pos++; type = Type.PIPE; }
                case '(' -> { pos++; type = Type.LPAREN; }
                case ')' -> { pos++; type = Type.RPAREN; }
                case ',' -> { pos++; type = Type.COMMA; }
                case '=' -> { pos++; type = Type.ASSIGN; }
                case ':' -> {
                    if (!src.startsWith(":=", pos)) throw error("expected :=");
                    pos += 2;
                    type = Type.DECLARE;
                }
                case '"' -> { quoted('"'); type = Type.STRING; }
                case '`' -> {
                    int end = src.indexOf('`', pos + 1);
                    if (end < 0) throw error("unterminated raw quoted string");
                    pos = end + 1;
                    type = Type.RAW_STRING;
                }
                case '\'' -> { quoted('\''); type = Type.CHAR; }
                case '$' -> { pos++; alnum(); type = Type.VAR; }
                case '.' -> {
                    if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                        number();
                        type = Type.NUMBER;
                    } else {
                        pos++;
                        if (pos < src.length() && isAlnum(src.charAt(pos))) {
                            alnum();
                            type = Type.FIELD;
                        } else {
                            type = Type.DOT;
                        }
                    }
                }
                default -> {
                    if (c == '-' || c == '+' || Character.isDigit(c)) {
                        number();
                        type = Type.NUMBER;
                    } else if (isAlnum(c)) {
                        alnum();
                        type = Type.IDENT;
                    } else {
                        throw error("unexpected \"" + c + "\" in command");
                    }
                }
            }
            tokens.add(new Token(type, src.substring(start, pos), line, space, start - src.lastIndexOf('\n', start - 1) - 1));
            space = false;
        }
    }

    private TemplateException error(String msg) {
        return new TemplateException("template: :" + line + ": " + msg);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlnum(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private void alnum() {
        while (pos < src.length() && isAlnum(src.charAt(pos))) pos++;
    }

    private void number() {
        if (src.charAt(pos) == '-' || src.charAt(pos) == '+') pos++;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.' || src.charAt(pos) == '_'
                || (src.charAt(pos) == '-' || src.charAt(pos) == '+') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E'))) pos++;
    }

    private void quoted(char q) {
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') throw error("unterminated quoted string");
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == q) return;
        }
    }
}
