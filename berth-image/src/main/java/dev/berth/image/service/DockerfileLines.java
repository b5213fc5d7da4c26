package dev.berth.image.service;

import dev.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;

/**
 * The line level of the Dockerfile parser (buildkit's parser.Parse and splitCommand), enough for
 * {@code --change} instructions: comments, blank lines, backslash continuations, the instruction word
 * and leading {@code --flag} words. Pure.
 */
final class DockerfileLines {
    private DockerfileLines() {}

    /**
     * One instruction.
     *
     * @param command  the instruction word lowercased ("env"), as Docker reports it in errors
     * @param flags    leading {@code --name=value} words, quotes removed
     * @param rest     the arguments after the flags, trimmed
     * @param original the whole logical line as written (continuations joined)
     */
    record Instruction(String command, List<String> flags, String rest, String original) {}

    /** Parses the changes as Docker does: joined with newlines and read as a Dockerfile. */
    static List<Instruction> parse(List<String> changes) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder logical = null;
        for (String raw : String.join("\n", changes).split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical == null)) continue;
            if (trimmed.isEmpty()) continue; // blank lines inside a continuation are skipped too
            String body = continuation(line);
            if (logical == null) logical = new StringBuilder();
            if (body != null) {
                logical.append(body);
                continue;
            }
            logical.append(line);
            out.add(split(logical.toString()));
            logical = null;
        }
        if (logical != null && !logical.toString().isBlank()) out.add(split(logical.toString()));
        return out;
    }

    /** The line without its continuation backslash (and the blanks after it), or null if it has none. */
    private static String continuation(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) end--;
        if (end == 0 || line.charAt(end - 1) != '\\') return null;
        return line.substring(0, end - 1);
    }

    static Instruction split(String line) {
        String t = line.strip();
        int ws = 0;
        while (ws < t.length() && !Character.isWhitespace(t.charAt(ws))) ws++;
        String cmd = t.substring(0, ws);
        String args = t.substring(ws).strip();
        List<String> flags = new ArrayList<>();
        args = extractFlags(args, flags);
        return new Instruction(cmd.toLowerCase(java.util.Locale.ROOT), List.copyOf(flags), args.strip(), t);
    }

    /** Removes leading "--x" words from args into flags; returns the rest (buildkit's extractBuilderFlags). */
    private static String extractFlags(String line, List<String> flags) {
        int pos = 0;
        while (true) {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) pos++;
            if (pos + 1 >= line.length() || line.charAt(pos) != '-' || line.charAt(pos + 1) != '-') return line.substring(pos);
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; pos < line.length(); pos++) {
                char c = line.charAt(pos);
                if (quote != 0) {
                    if (c == quote) quote = 0;
                    else if (c == '\\' && pos + 1 < line.length()) word.append(line.charAt(++pos));
                    else word.append(c);
                } else if (Character.isWhitespace(c)) {
                    break;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && pos + 1 < line.length()) {
                    word.append(line.charAt(++pos));
                } else {
                    word.append(c);
                }
            }
            if (quote != 0) throw BerthException.invalid("unexpected end of statement while looking for matching %s", quote);
            if (word.toString().equals("--")) return line.substring(pos);
            flags.add(word.toString());
        }
    }

    /**
     * Words of a line with quotes kept (buildkit's parseWords): whitespace separates words except inside
     * quotes; a backslash outside quotes keeps itself and the next character.
     */
    static List<String> wordsKeepingQuotes(String rest) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false, blankOk = false;
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote != '\'') {
                    if (i + 1 >= rest.length()) continue;
                    w.append(c);
                    c = rest.charAt(++i);
                }
                w.append(c);
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (inWord && (blankOk || w.length() > 0)) words.add(w.toString());
                w.setLength(0);
                inWord = false;
                blankOk = false;
                continue;
            }
            inWord = true;
            if (c == '\'' || c == '"') {
                quote = c;
                blankOk = true;
                w.append(c);
            } else if (c == '\\' && i + 1 < rest.length()) {
                w.append(c).append(rest.charAt(++i));
            } else if (c != '\\') {
                w.append(c);
            }
        }
        if (inWord && (blankOk || w.length() > 0)) words.add(w.toString());
        return words;
    }
}
