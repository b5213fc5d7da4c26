package dev.berth.archive.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TarNumbersTest {

    private static byte[] field(String s, int len) {
        byte[] b = new byte[len];
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, b, 0, v.length);
        return b;
    }

    @Test
    void parsesPaddedOctal() throws Exception {
        assertEquals(0755, TarNumbers.parseNumeric(field("0000755\0", 8), 0, 8));
        assertEquals(0755, TarNumbers.parseNumeric(field("   755 \0", 8), 0, 8));
        assertEquals(0, TarNumbers.parseNumeric(new byte[8], 0, 8));
        assertThrows(TarFormatException.class, () -> TarNumbers.parseNumeric(field("0009\0", 8), 0, 8));
    }

    @Test
    void octalRoundTripAndOverflow() throws Exception {
        byte[] b = new byte[12];
        assertTrue(TarNumbers.formatOctal(b, 0, 12, 077777777777L));
        assertEquals(077777777777L, TarNumbers.parseNumeric(b, 0, 12));
        assertFalse(TarNumbers.formatOctal(b, 0, 12, 1L << 33));
        assertFalse(TarNumbers.formatOctal(b, 0, 8, 1L << 21));
        assertFalse(TarNumbers.formatOctal(b, 0, 8, -1));
    }

    @Test
    void base256BothSigns() throws Exception {
        byte[] b = new byte[12];
        TarNumbers.formatBase256(b, 0, 12, 1L << 40);
        assertEquals((byte) 0x80, b[0]);
        assertEquals(1L << 40, TarNumbers.parseNumeric(b, 0, 12));
        TarNumbers.formatBase256(b, 0, 12, -5);
        assertEquals(-5, TarNumbers.parseNumeric(b, 0, 12));
        byte[] huge = new byte[12];
        huge[0] = (byte) 0x80;
        huge[1] = 0x7f;
        for (int i = 2; i < 12; i++) huge[i] = (byte) 0xff;
        assertThrows(TarFormatException.class, () -> TarNumbers.parseNumeric(huge, 0, 12));
    }

    @Test
    void paxTimes() throws Exception {
        assertArrayEquals(new long[] {1700000000, 123456789}, TarNumbers.parsePaxTime("mtime", "1700000000.123456789"));
        assertArrayEquals(new long[] {1700000000, 500000000}, TarNumbers.parsePaxTime("mtime", "1700000000.5"));
        assertArrayEquals(new long[] {12, 123456789}, TarNumbers.parsePaxTime("mtime", "12.1234567891234"));
        assertArrayEquals(new long[] {-2, 500000000}, TarNumbers.parsePaxTime("mtime", "-1.5"));
        assertArrayEquals(new long[] {42, 0}, TarNumbers.parsePaxTime("mtime", "42"));
        assertThrows(TarFormatException.class, () -> TarNumbers.parsePaxTime("mtime", "1.2x"));
        assertThrows(TarFormatException.class, () -> TarNumbers.parsePaxTime("mtime", "abc"));
        assertEquals("-1.500000000", TarNumbers.formatPaxTime(-2, 500000000));
        assertEquals("3.000000007", TarNumbers.formatPaxTime(3, 7));
        assertEquals("3", TarNumbers.formatPaxTime(3, 0));
    }

    @Test
    void decimalRange() throws Exception {
        assertEquals(4294967295L, TarNumbers.parseDecimal("uid", "4294967295", 0xffffffffL));
        assertThrows(TarFormatException.class, () -> TarNumbers.parseDecimal("uid", "4294967296", 0xffffffffL));
        assertThrows(TarFormatException.class, () -> TarNumbers.parseDecimal("size", "99999999999999999999", Long.MAX_VALUE));
        assertThrows(TarFormatException.class, () -> TarNumbers.parseDecimal("size", "-1", Long.MAX_VALUE));
    }
}
