package dev.berth.archive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TarPathsTest {

    @ParameterizedTest
    @CsvSource({
            "a, a", "a/b/c, a/b/c", "./a/b, a/b", "a//b/, a/b", "a/./b/., a/b", "a/b/../c, a/c",
            "/etc/passwd, etc/passwd", "/../etc/passwd, etc/passwd", "/a/../../../b, b", "//x, x",
            "./, ''", "/, ''", "., ''", "a/.., ''", "a/b/../../c/, c", "'.wh..wh..opq', '.wh..wh..opq'",
            "...., ....", "a/..b, a/..b"
    })
    void cleansLikeMoby(String raw, String expected) throws Exception {
        assertEquals(expected, TarPaths.clean(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../../x", "./../x", "a/b/../../../etc", "../../../../../../etc/passwd", "x/../.."})
    void refusesRelativeEscapes(String raw) {
        TarPaths.InvalidNameException e = assertThrows(TarPaths.InvalidNameException.class, () -> TarPaths.clean(raw));
        assertEquals("path escapes the target", e.getMessage());
    }

    @Test
    void refusesEmptyAndNul() {
        assertThrows(TarPaths.InvalidNameException.class, () -> TarPaths.clean(""));
        assertThrows(TarPaths.InvalidNameException.class, () -> TarPaths.clean("a\0/../../x"));
    }

    @Test
    void keepsRawBytes() throws Exception {
        String raw = RawNames.fromBytes(new byte[] {'d', '/', (byte) 0xff, (byte) 0xe9, '.', 't'}, 0, 6);
        String clean = TarPaths.clean("./" + raw);
        assertEquals(raw, clean);
        assertEquals(6, RawNames.toBytes(clean).length);
        assertEquals((byte) 0xff, RawNames.toBytes(clean)[2]);
    }

    @Test
    void splitsAndJoins() {
        assertEquals("a/b", TarPaths.parent("a/b/c"));
        assertEquals("", TarPaths.parent("a"));
        assertEquals("c", TarPaths.base("a/b/c"));
        assertEquals("a", TarPaths.base("a"));
        assertEquals("", TarPaths.base(""));
        assertEquals("x", TarPaths.join("", "x"));
        assertEquals("a/x", TarPaths.join("a", "x"));
        assertEquals("/", TarPaths.display(""));
        assertEquals("/a/b", TarPaths.display("a/b"));
    }

    @Test
    void withinIsByComponent() {
        assertTrue(TarPaths.isWithin("a/b", "a"));
        assertTrue(TarPaths.isWithin("a", "a"));
        assertTrue(TarPaths.isWithin("anything", ""));
        assertFalse(TarPaths.isWithin("ab", "a"));
        assertFalse(TarPaths.isWithin("a", "a/b"));
    }

    @Test
    void displaysUtf8() {
        String raw = RawNames.fromDisplay("café/ü");
        assertEquals(8, raw.length());
        assertEquals("café/ü", RawNames.display(raw));
    }
}
