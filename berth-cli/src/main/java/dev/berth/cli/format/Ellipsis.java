package dev.berth.cli.format;

/** docker's formatter.Ellipsis: cut to a display width, ending in "…". Wide (East Asian) runes count twice. */
public final class Ellipsis {
    private Ellipsis() {}

    public static String cut(String s, int maxWidth) {
        if (maxWidth <= 0) return "";
        int[] cps = s.codePoints().toArray();
        if (maxWidth == 1) return cps.length == 0 ? "" : new String(cps, 0, 1);
        int width = 0;
        for (int cp : cps) width += TabWriter.runeWidth(cp);
        if (width <= maxWidth) return s;
        int w = 0;
        for (int i = 0; i < cps.length; i++) {
            int next = w + TabWriter.runeWidth(cps[i]);
            if (next > maxWidth - 1) return new String(cps, 0, i) + "…";
            w = next;
        }
        return s;
    }
}
