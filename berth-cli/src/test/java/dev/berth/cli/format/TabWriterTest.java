package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Go's tabwriter as docker configures it (minwidth 10, padding 3). */
class TabWriterTest {
    private static String table(String text) {
        StringBuilder sb = new StringBuilder();
        TabWriter.docker(sb).write(text).flush();
        return sb.toString();
    }

    @Test
    void alignsColumnsWithMinimumWidthAndPadding() {
        String out = table("REPOSITORY\tTAG\tIMAGE ID\n" + "busybox\tlatest\t76ea74363be4\n" + "tiny\tbase\t8c6738798e61\n");
        assertEquals("REPOSITORY   TAG       IMAGE ID\n" + "busybox      latest    76ea74363be4\n" + "tiny         base      8c6738798e61\n", out);
    }

    @Test
    void lastCellIsNotPaddedAndEmptyCellsKeepTheirColumn() {
        String out = table("A\tB\tC\nlong-long-long\t\tx\n");
        assertEquals("A                B         C\nlong-long-long             x\n", out);
    }

    @Test
    void aLineWithoutTabsEndsTheBlock() {
        String out = table("a\tb\nheader\nccccccccccccc\td\n");
        assertEquals("a         b\nheader\nccccccccccccc   d\n", out);
    }

    @Test
    void wideRunesCountTwice() {
        String out = table("名前\tx\nab\ty\n");
        assertEquals("名前      x\nab        y\n", out);
    }

    @Test
    void versionLayout() {
        StringBuilder sb = new StringBuilder();
        new TabWriter(sb, 20, 1).write("Client:\n Version:\t0.1.0\n API version:\t1.41\n").flush();
        assertEquals("Client:\n Version:           0.1.0\n API version:       1.41\n", sb.toString());
    }
}
