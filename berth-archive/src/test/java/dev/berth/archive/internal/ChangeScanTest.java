package dev.berth.archive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeScanTest {

    private static List<String> lines(List<ChangeScan.PathChange> changes) {
        return changes.stream().map(c -> c.kind().letter() + " /" + c.path()).toList();
    }

    private static MemTree lowerTree() {
        return new MemTree()
                .dir("a").file("a/f", 10, 1000).file("a/g", 10, 1000)
                .file("b", 5, 1000)
                .dir("d").file("d/x", 1, 1000).dir("d/sub").file("d/sub/y", 1, 1000)
                .dir("d2", 0755, 1000)
                .symlink("s", "x")
                .file("m", 1, 1000)
                .fileWithXattr("cap", "security.capability", new byte[] {1, 2});
    }

    @Test
    void plainReportsLikeDockerDiff() throws Exception {
        MemTree upper = new MemTree()
                .dir("a").file("a/f", 11, 1000).file("a/g", 10, 1000).file("a/h", 1, 2000)
                .dir("d2", 0755, 5000)
                .dir("n").file("n/y", 1, 1)
                .symlink("s", "y")
                .file("m", 1, 1000, 0600)
                .fileWithXattr("cap", "security.capability", new byte[] {1, 3});
        assertEquals(List.of("C /a", "C /a/f", "A /a/h", "D /b", "C /cap", "D /d", "C /m", "A /n", "A /n/y", "C /s"),
                lines(ChangeScan.plain(lowerTree(), upper)));
    }

    @Test
    void plainOfIdenticalTreesIsEmpty() throws Exception {
        assertEquals(List.of(), ChangeScan.plain(lowerTree(), lowerTree()));
    }

    @Test
    void plainWithoutParentAddsEverything() throws Exception {
        assertEquals(List.of("A /a", "A /a/f", "A /z"),
                lines(ChangeScan.plain(null, new MemTree().dir("a").file("a/f", 1, 1).file("z", 1, 1))));
    }

    @Test
    void plainTypeChangesAreModificationsWithoutChildDeletes() throws Exception {
        MemTree lower = new MemTree().dir("x").file("x/in", 1, 1).file("y", 1, 1);
        MemTree upper = new MemTree().file("x", 1, 1).dir("y").file("y/in", 1, 1);
        assertEquals(List.of("C /x", "C /y", "A /y/in"), lines(ChangeScan.plain(lower, upper)));
    }

    @Test
    void overlayUsesTheLowerStack() throws Exception {
        MemTree bottom = new MemTree().dir("etc").file("etc/passwd", 10, 1000).file("etc/shadow", 10, 1000)
                .dir("opt").dir("opt/x").file("opt/x/y", 1, 1).dir("var");
        MemTree top = new MemTree().dir("etc").whiteout("etc/shadow").opaqueDir("opt").file("opt/z", 1, 1);
        MemTree upper = new MemTree()
                .dir("etc").file("etc/passwd", 12, 3000).file("etc/new", 1, 3000).file("etc/shadow", 1, 3000)
                .opaqueDir("opt").file("opt/q", 1, 1)
                .whiteout("var")
                .dir("srv").file("srv/www", 1, 1);
        assertEquals(List.of("C /etc", "A /etc/new", "C /etc/passwd", "A /etc/shadow", "C /opt", "A /opt/q", "D /opt/z",
                        "A /srv", "A /srv/www", "D /var"),
                lines(ChangeScan.overlay(upper, List.of(top, bottom))));
    }

    @Test
    void overlayCopiedUpDirWithOnlyModifiedChildIsNotReported() throws Exception {
        MemTree lower = new MemTree().dir("etc").file("etc/hosts", 1, 1);
        MemTree upper = new MemTree().dir("etc").file("etc/hosts", 2, 2);
        assertEquals(List.of("C /etc/hosts"), lines(ChangeScan.overlay(upper, List.of(lower))));
    }

    @Test
    void overlayDeletionMarksParent() throws Exception {
        MemTree lower = new MemTree().dir("etc").file("etc/motd", 1, 1);
        MemTree upper = new MemTree().dir("etc").whiteout("etc/motd");
        assertEquals(List.of("C /etc", "D /etc/motd"), lines(ChangeScan.overlay(upper, List.of(lower))));
    }

    @Test
    void modifiedRules() {
        MemTree t = new MemTree().file("a", 1, 1000).file("b", 1, 1000).dir("d", 0755, 1).dir("e", 0755, 2).file("c", 1, 1000, 0600);
        FileNode a = t.stat("a"), b = t.stat("b"), c = t.stat("c"), d = t.stat("d"), e = t.stat("e");
        assertFalse(ChangeScan.modified(a, b), "same size, mtime, mode");
        assertTrue(ChangeScan.modified(a, c), "mode differs");
        assertFalse(ChangeScan.modified(d, e), "directory mtimes are ignored");
        assertTrue(ChangeScan.sameTime(5, 0, 5, 123), "a side without nanoseconds matches");
        assertFalse(ChangeScan.sameTime(5, 1, 5, 2));
    }
}
