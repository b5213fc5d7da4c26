package dev.berth.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTest {
    @Test
    void bindCarriesReadOnlyFlag() {
        Mount ro = Mount.bind(Path.of("/x/fs"), true);
        assertEquals("bind", ro.type());
        assertEquals("/x/fs", ro.source());
        assertEquals(List.of("ro", "rbind"), ro.options());
        assertTrue(Mount.bind(Path.of("/x"), false).hasFlag("rw"));
    }

    @Test
    void optionValuesAndLowerDirs() {
        Mount m = Mount.overlay(List.of("index=off", "upperdir=/u", "lowerdir=/a:/b:/c"));
        assertEquals("/u", m.option("upperdir").orElseThrow());
        assertEquals(List.of("/a", "/b", "/c"), m.lowerDirs());
        assertTrue(m.option("workdir").isEmpty());
    }

    @Test
    void refusesTargetsOutsideAndCommasInOptions() {
        assertThrows(BerthException.class, () -> new Mount("bind", "/a", "/abs", List.of()));
        assertThrows(BerthException.class, () -> new Mount("bind", "/a", "../up", List.of()));
        assertThrows(BerthException.class, () -> new Mount("overlay", "overlay", null, List.of("lowerdir=/a,b")));
        assertThrows(BerthException.class, () -> new Mount("", "x", null, List.of()));
        assertEquals("sub/dir", new Mount("bind", "/a", "sub/dir", List.of("rbind")).target());
    }
}
