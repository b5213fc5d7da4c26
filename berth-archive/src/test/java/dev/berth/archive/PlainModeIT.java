package dev.berth.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PLAIN (vfs-like) targets: whiteouts delete, opaque markers empty; diffs and changes of full trees. */
class PlainModeIT {
    @TempDir
    Path tmp;

    private Path apply(byte[] tar, Path dir) throws Exception {
        Files.createDirectories(dir);
        new LayerApplier().apply(new ByteArrayInputStream(tar), dir, ApplyOptions.plain());
        return dir;
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void whiteoutsDeleteAndOpaqueMarkersKeepOnlyTheirOwnLayer() throws Exception {
        Path p = apply(OverlayIT.baseLayer(), tmp.resolve("p"));
        byte[] layer = new TestTars().dir("etc").file("etc/.wh.shadow", "").dir("opt").dir("opt/x")
                .file("opt/x/-early", "e").file("opt/x/.wh..wh..opq", "").file("opt/x/new", "n")
                .dir("var").file("var/.wh.log", "").file("bin/.wh.absent", "").file("newfile", "nf").bytes();
        apply(layer, p);
        assertFalse(Files.exists(p.resolve("etc/shadow"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of("keep", "passwd"), list(p.resolve("etc")));
        assertEquals(List.of("-early", "new"), list(p.resolve("opt/x")), "opaque keeps entries of its own layer, before and after it");
        assertEquals(List.of(), list(p.resolve("var")), "var/log and its content deleted");
        assertEquals(List.of("sh"), list(p.resolve("bin")));
        try (Stream<Path> s = Files.walk(p)) {
            assertFalse(s.anyMatch(x -> x.getFileName().toString().startsWith(".wh.") || isDevice(x)), "no whiteout leftovers");
        }
    }

    private static boolean isDevice(Path p) {
        try {
            return (((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000) == 0020000;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void plainDiffAndChangesOfAFullCopy() throws Exception {
        byte[] base = OverlayIT.baseLayer();
        Path lower = apply(base, tmp.resolve("lower"));
        Path upper = apply(base, tmp.resolve("upper"));
        assertEquals(List.of(), Changes.plain(lower, upper), "identical copies");

        Files.delete(upper.resolve("etc/passwd"));
        Files.writeString(upper.resolve("etc/added"), "added");
        TestTrees.chmod(upper.resolve("etc/keep"), 0600);
        Files.delete(upper.resolve("var/log/a"));
        Files.delete(upper.resolve("var/log"));
        Files.writeString(upper.resolve("opt/x/old1"), "longer content");
        Files.createDirectory(upper.resolve("newdir"));
        Files.writeString(upper.resolve("newdir/f"), "f");
        Files.createSymbolicLink(upper.resolve("link"), Path.of("/etc/keep"));
        Files.createLink(upper.resolve("newdir/f2"), upper.resolve("newdir/f"));

        assertEquals(List.of("C /etc", "A /etc/added", "C /etc/keep", "D /etc/passwd", "A /link", "A /newdir", "A /newdir/f",
                        "A /newdir/f2", "C /opt", "C /opt/x", "C /opt/x/old1", "C /var", "D /var/log"),
                Changes.plain(lower, upper).stream().map(Change::toString).toList());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarResult r = new LayerDiffer().plain(lower, upper, out, null);
        byte[] diff = out.toByteArray();
        List<String> names = TestTars.names(diff);
        assertTrue(names.containsAll(List.of("etc/", "etc/.wh.passwd", "etc/added", "var/.wh.log", "newdir/", "newdir/f", "link")), names.toString());
        assertFalse(names.contains("etc/shadow") || names.contains("bin/sh"), "unchanged files stay out: " + names);
        assertEquals(diff.length, r.size());
        assertEquals(TarEntryTypes.LINK, TestTars.read(diff).stream().filter(e -> e.name().equals("newdir/f2")).findFirst().orElseThrow().type());

        Path rebuilt = apply(base, tmp.resolve("rebuilt"));
        ApplyResult applied = new LayerApplier().apply(new ByteArrayInputStream(diff), rebuilt, ApplyOptions.plain());
        assertEquals(r.digest(), applied.diffId());
        assertEquals(TreeState.of(upper, TreeState.Options.SECONDS), TreeState.of(rebuilt, TreeState.Options.SECONDS));

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        new LayerDiffer().plain(null, upper, all, p -> p.equals("/bin"));
        Path fresh = apply(all.toByteArray(), tmp.resolve("fresh"));
        assertFalse(Files.exists(fresh.resolve("bin")));
        var expected = TreeState.of(upper, TreeState.Options.SECONDS);
        expected.keySet().removeIf(k -> k.equals("bin") || k.startsWith("bin/"));
        assertEquals(expected, TreeState.of(fresh, TreeState.Options.SECONDS));
    }

    /** Tar type flags, for readable assertions. */
    static final class TarEntryTypes {
        static final byte LINK = '1';
    }
}
