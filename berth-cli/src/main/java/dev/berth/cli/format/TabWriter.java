package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter (as docker's formatter configures it: minwidth 10, tabwidth 1, padding 3,
 * spaces): tab-terminated cells are aligned in columns; a column block ends at the first line
 * without a cell in that column, and a line without any tab flushes what came before.
 */
public final class TabWriter {
    private record Cell(String text, int width, boolean htab) {}

    private final StringBuilder out;
    private final int minWidth;
    private final int padding;
    private final List<List<Cell>> lines = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private StringBuilder cell = new StringBuilder();

    public TabWriter(StringBuilder out, int minWidth, int padding) {
        this.out = out;
        this.minWidth = minWidth;
        this.padding = padding;
        reset();
    }

    /** docker's table settings. */
    public static TabWriter docker(StringBuilder out) {
        return new TabWriter(out, 10, 3);
    }

    private void reset() {
        cell = new StringBuilder();
        lines.clear();
        widths.clear();
        lines.add(new ArrayList<>());
    }

    public TabWriter write(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\t' || ch == '\u000b' || ch == '\n' || ch == '\f') {
                int ncells = terminateCell(ch == '\t');
                if (ch == '\n' || ch == '\f') {
                    lines.add(new ArrayList<>());
                    if (ch == '\f' || ncells == 1) flushLines();
                }
            } else {
                cell.append(ch);
            }
        }
        return this;
    }

    private int terminateCell(boolean htab) {
        String text = cell.toString();
        List<Cell> line = lines.get(lines.size() - 1);
        line.add(new Cell(text, width(text), htab));
        cell = new StringBuilder();
        return line.size();
    }

    public void flush() {
        if (!cell.isEmpty()) terminateCell(false);
        flushLines();
    }

    private void flushLines() {
        format(0, lines.size());
        reset();
    }

    private void format(int line0, int line1) {
        int column = widths.size();
        for (int row = line0; row < line1; row++) {
            List<Cell> line = lines.get(row);
            if (column >= line.size() - 1) continue;
            writeLines(line0, row);
            line0 = row;
            int width = minWidth;
            for (; row < line1; row++) {
                line = lines.get(row);
                if (column >= line.size() - 1) break;
                Cell c = line.get(column);
                width = Math.max(width, c.width + padding);
            }
            widths.add(width);
            format(line0, row);
            widths.remove(widths.size() - 1);
            line0 = row;
        }
        writeLines(line0, line1);
    }

    private void writeLines(int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            List<Cell> line = lines.get(i);
            for (int j = 0; j < line.size(); j++) {
                Cell c = line.get(j);
                out.append(c.text);
                if (j < widths.size()) out.repeat(' ', widths.get(j) - c.width);
            }
            if (i + 1 == lines.size()) out.append(cell);
            else out.append('\n');
        }
    }

    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += runeWidth(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    /** go-runewidth in short: East Asian wide and fullwidth runes take two columns, combining marks none. */
    static int runeWidth(int cp) {
        if (cp == 0 || cp < 32 || cp >= 0x7f && cp < 0xa0) return 0;
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || cp == 0x200b) return 0;
        if (cp >= 0x1100 && (cp <= 0x115f || cp == 0x2329 || cp == 0x232a
                || cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f
                || cp >= 0xac00 && cp <= 0xd7a3
                || cp >= 0xf900 && cp <= 0xfaff
                || cp >= 0xfe30 && cp <= 0xfe6f
                || cp >= 0xff00 && cp <= 0xff60
                || cp >= 0xffe0 && cp <= 0xffe6
                || cp >= 0x1f300 && cp <= 0x1f64f
                || cp >= 0x1f900 && cp <= 0x1f9ff
                || cp >= 0x20000 && cp <= 0x3fffd)) return 2;
        return 1;
    }
}
