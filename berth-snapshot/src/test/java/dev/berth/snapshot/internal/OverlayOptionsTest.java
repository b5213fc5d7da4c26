package dev.berth.snapshot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayOptionsTest {
    @Test
    void writableOverlayListsLowersTopmostFirst() {
        List<String> o = OverlayOptions.writable(List.of(Path.of("/s/3/fs"), Path.of("/s/2/fs"), Path.of("/s/1/fs")),
                Path.of("/s/4/fs"), Path.of("/s/4/work"));
        assertEquals(List.of("index=off", "workdir=/s/4/work", "upperdir=/s/4/fs", "lowerdir=/s/3/fs:/s/2/fs:/s/1/fs"), o);
    }

    @Test
    void readOnlyOverlayNeedsTwoLowers() {
        assertEquals(List.of("ro", "index=off", "lowerdir=/s/2/fs:/s/1/fs"), OverlayOptions.readOnly(List.of(Path.of("/s/2/fs"), Path.of("/s/1/fs"))));
        assertThrows(IllegalArgumentException.class, () -> OverlayOptions.readOnly(List.of(Path.of("/s/1/fs"))));
    }

    @Test
    void refusesPathsOverlayCannotParse() {
        for (String bad : List.of("/data:root/x", "/data,root/x", "/data\\root/x")) {
            BerthException e = assertThrows(BerthException.class, () -> OverlayOptions.checkPath(Path.of(bad)));
            assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(BerthException.class, () -> OverlayOptions.writable(List.of(Path.of("/a:b")), Path.of("/u"), Path.of("/w")));
        assertThrows(BerthException.class, () -> OverlayOptions.checkPath(Path.of("relative/x")));
    }

    @Test
    void pageLimitCountsTheNul() {
        assertTrue(OverlayOptions.fitsInPage("x".repeat(4095)));
        assertFalse(OverlayOptions.fitsInPage("x".repeat(4096)));
        assertTrue(OverlayOptions.fitsInPage(null));
    }

    @Test
    void sixtyLayersUnderALongRootExceedAPageButCompactWellBelowIt() {
        Path snapshots = Path.of("/var/lib/berth-with-a-rather-long-data-root-name/snapshots/overlay/snapshots");
        List<Path> lowers = new ArrayList<>();
        for (int i = 60; i >= 1; i--) lowers.add(snapshots.resolve(i + "/fs"));
        List<String> opts = OverlayOptions.writable(lowers, snapshots.resolve("61/fs"), snapshots.resolve("61/work"));
        String data = String.join(",", opts);
        assertFalse(OverlayOptions.fitsInPage(data), "precondition: " + data.length() + " bytes");

        OverlayOptions.Compacted c = OverlayOptions.compact(opts);
        assertEquals(snapshots, c.cwd());
        assertEquals("upperdir=" + snapshots.resolve("61/fs"), c.options().get(2), "upper and work stay absolute");
        String lower = c.options().get(3);
        assertTrue(lower.startsWith("lowerdir=60/fs:59/fs:"), lower);
        assertTrue(lower.endsWith(":2/fs:1/fs"), lower);
        assertTrue(OverlayOptions.fitsInPage(String.join(",", c.options())));
    }

    @Test
    void compactFindsTheDeepestCommonDirectory() {
        OverlayOptions.Compacted c = OverlayOptions.compact(List.of("lowerdir=/r/s/1/fs:/r/t/2/fs"));
        assertEquals(Path.of("/r"), c.cwd());
        assertEquals(List.of("lowerdir=s/1/fs:t/2/fs"), c.options());
        // a lower that is the common directory itself must not become an empty path
        c = OverlayOptions.compact(List.of("lowerdir=/r/a:/r"));
        assertEquals(Path.of("/"), c.cwd());
        assertEquals(List.of("lowerdir=r/a:r"), c.options());
    }
}
