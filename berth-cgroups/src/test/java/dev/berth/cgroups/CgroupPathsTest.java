package dev.berth.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupPathsTest {
    @Test
    void relativePathsGoUnderBerth() {
        assertEquals("/berth/abc", CgroupPaths.normalize("abc"));
        assertEquals("/berth/a/b", CgroupPaths.normalize("a//b/"));
    }

    @Test
    void absolutePathsAreCleaned() {
        assertEquals("/berth/abc", CgroupPaths.normalize("/berth/abc"));
        assertEquals("/x/y", CgroupPaths.normalize("//x/./y/"));
        assertEquals(List.of("x", "y"), CgroupPaths.segments("/x/y"));
    }

    @Test
    void escapesAndOddFormsAreRefused() {
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, assertThrows(BerthException.class, () -> CgroupPaths.normalize("/berth/../etc")).kind());
        assertThrows(BerthException.class, () -> CgroupPaths.normalize("/"));
        assertThrows(BerthException.class, () -> CgroupPaths.normalize(""));
        assertThrows(BerthException.class, () -> CgroupPaths.normalize(null));
        assertEquals(BerthException.Kind.UNSUPPORTED,
                assertThrows(BerthException.class, () -> CgroupPaths.normalize("system.slice:docker:abc")).kind());
    }
}
