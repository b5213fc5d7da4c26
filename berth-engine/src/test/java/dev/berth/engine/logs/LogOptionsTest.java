package dev.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogOptionsTest {
    @Test
    void aNonNegativeIntegerIsALineCount() {
        assertEquals(0, LogOptions.parseTail("0"));
        assertEquals(5, LogOptions.parseTail("5"));
        assertEquals(5, LogOptions.parseTail("+5"));
        assertEquals(100000, LogOptions.parseTail("100000"));
    }

    /** Docker: "Passing a negative number or a non-integer to --tail is invalid and the value is set to all". */
    @Test
    void anythingElseMeansAllLines() {
        for (String v : new String[] {"all", "", "abc", "-5", "1x", "1.5", "99999999999999999999", " "})
            assertEquals(LogOptions.ALL, LogOptions.parseTail(v), "tail=" + v);
        assertEquals(LogOptions.ALL, LogOptions.parseTail(null));
    }
}
