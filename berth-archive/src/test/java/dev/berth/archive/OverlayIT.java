package dev.berth.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.archive.internal.TarEntry;
import dev.berth.sys.Libc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whiteouts and opaque dirs in overlay form, checked on a real overlayfs mount, and diffs of upper dirs. */
class OverlayIT {
    @TempDir
    Path tmp;

    static byte[] baseLayer() {
        return new TestTars().dir("etc").file("etc/passwd", "root").file("etc/shadow", "secret").file("etc/keep", "k")
                .dir("opt").dir("opt/x").file("opt/x/old1", "1").file("opt/x/old2", "2")
                .dir("var").dir("var/log").file("var/log/a", "a").dir("bin").file("bin/sh", "sh").bytes();
    }

    static byte[] secondLayer() {
        return new TestTars().dir("etc").file("etc/.wh.shadow", "").dir("opt").dir("opt/x").file("opt/x/.wh..wh..opq", "")
                .file("opt/x/new", "n").dir("var").file("var/.wh.log", "").file("newfile", "nf").bytes();
    }

    private Path apply(byte[] tar, String dir, ApplyOptions o) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(dir));
        new LayerApplier().apply(new ByteArrayInputStream(tar), d, o);
        return d;
    }

    static boolean isWhiteoutDevice(Path p) throws Exception {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        return (((Integer) a.get("mode")) & 0170000) == 0020000 && (Long) a.get("rdev") == 0;
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void whiteoutsBecomeDevicesAndOpaqueXattrsThatOverlayfsHonours() throws Exception {
        Path lower = apply(baseLayer(), "l", ApplyOptions.overlay());
        Path upper = apply(secondLayer(), "u", ApplyOptions.overlay());
        assertTrue(isWhiteoutDevice(upper.resolve("etc/shadow")));
        assertTrue(isWhiteoutDevice(upper.resolve("var/log")));
        assertArrayEquals(new byte[] {'y'}, Libc.lgetxattr(upper.resolve("opt/x").toString(), "trusted.overlay.opaque"));
        assertEquals(List.of("new"), list(upper.resolve("opt/x")));
        assertFalse(Files.exists(upper.resolve("etc/.wh.shadow"), LinkOption.NOFOLLOW_LINKS));

        Path merged = Files.createDirectory(tmp.resolve("m"));
        try (OverlayMount m = new OverlayMount(List.of(lower), upper, Files.createDirectory(tmp.resolve("w")), merged)) {
            assertFalse(Files.exists(merged.resolve("etc/shadow"), LinkOption.NOFOLLOW_LINKS), "whiteout must hide the lower file");
            assertEquals("root", Files.readString(merged.resolve("etc/passwd")));
            assertEquals(List.of("keep", "passwd"), list(merged.resolve("etc")));
            assertEquals(List.of("new"), list(merged.resolve("opt/x")), "opaque dir must hide the lower entries");
            assertFalse(Files.exists(merged.resolve("var/log"), LinkOption.NOFOLLOW_LINKS));
            assertEquals("nf", Files.readString(merged.resolve("newfile")));
            assertEquals("sh", Files.readString(merged.resolve("bin/sh")));
        }
    }

    @Test
    void directoryRecreatedAfterItsWhiteoutIsOpaque() throws Exception {
        Path lower = apply(baseLayer(), "l", ApplyOptions.overlay());
        Path upper = apply(new TestTars().file(".wh.bin", "").dir("bin").file("bin/new", "n").bytes(), "u", ApplyOptions.overlay());
        assertArrayEquals(new byte[] {'y'}, Libc.lgetxattr(upper.resolve("bin").toString(), "trusted.overlay.opaque"));
        Path merged = Files.createDirectory(tmp.resolve("m"));
        try (OverlayMount m = new OverlayMount(List.of(lower), upper, Files.createDirectory(tmp.resolve("w")), merged)) {
            assertEquals(List.of("new"), list(merged.resolve("bin")));
        }
    }

    @Test
    void diffOfAnUpperDirReproducesTheMergedView() throws Exception {
        byte[] base = baseLayer();
        Path lower = apply(base, "l", ApplyOptions.overlay());
        Path upper = apply(secondLayer(), "u", ApplyOptions.overlay());
        Path merged = Files.createDirectory(tmp.resolve("m"));
        Map<String, String> view;
        try (OverlayMount m = new OverlayMount(List.of(lower), upper, Files.createDirectory(tmp.resolve("w")), merged)) {
            Files.delete(merged.resolve("etc/passwd"));
            Files.writeString(merged.resolve("etc/added"), "added");
            TestTrees.chmod(merged.resolve("etc/keep"), 0600);
            Files.delete(merged.resolve("bin/sh"));
            Files.delete(merged.resolve("bin"));
            Files.createDirectory(merged.resolve("bin"));
            Files.writeString(merged.resolve("bin/busybox"), "bb");
            Files.createDirectory(merged.resolve("newdir"));
            Files.writeString(merged.resolve("newdir/f"), "f");
            view = TreeState.of(merged, TreeState.Options.SECONDS);
        }
        assertTrue(isWhiteoutDevice(upper.resolve("etc/passwd")), "the kernel's own whiteout");
        assertArrayEquals(new byte[] {'y'}, Libc.lgetxattr(upper.resolve("bin").toString(), "trusted.overlay.opaque"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarResult r = new LayerDiffer().overlay(upper, out, null);
        byte[] diff = out.toByteArray();
        assertEquals(diff.length, r.size());
        List<String> names = TestTars.names(diff);
        for (String n : List.of("bin/", "bin/.wh..wh..opq", "bin/busybox", "etc/.wh.passwd", "etc/.wh.shadow", "etc/added", "etc/keep",
                "newdir/", "newdir/f", "newfile", "opt/x/", "opt/x/.wh..wh..opq", "opt/x/new", "var/.wh.log")) {
            assertTrue(names.contains(n), n + " missing from " + names);
        }
        assertTrue(names.indexOf("bin/") < names.indexOf("bin/.wh..wh..opq") && names.indexOf("bin/.wh..wh..opq") < names.indexOf("bin/busybox"));
        assertFalse(names.contains("etc/passwd") || names.contains("etc/shadow") || names.contains("bin/sh"), names.toString());
        for (TarEntry e : TestTars.read(diff)) {
            assertFalse(e.xattrs().keySet().stream().anyMatch(k -> k.startsWith("trusted.overlay.")), e.name() + " leaks overlay xattrs");
            assertEquals(0, e.mtimeNsec(), "Docker layers have whole-second mtimes");
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new LayerDiffer().overlay(upper, again, null);
        assertArrayEquals(diff, again.toByteArray(), "diff must be reproducible");

        Path plain = apply(base, "p", ApplyOptions.plain());
        new LayerApplier().apply(new ByteArrayInputStream(diff), plain, ApplyOptions.plain());
        assertEquals(view, TreeState.of(plain, TreeState.Options.SECONDS), "base + diff applied plainly = merged view");

        Path upper2 = apply(diff, "u2", ApplyOptions.overlay());
        Path merged2 = Files.createDirectory(tmp.resolve("m2"));
        try (OverlayMount m = new OverlayMount(List.of(lower), upper2, Files.createDirectory(tmp.resolve("w2")), merged2)) {
            assertEquals(view, TreeState.of(merged2, TreeState.Options.SECONDS), "diff applied as a new upper = merged view");
        }

        assertEquals(List.of("C /bin", "A /bin/busybox", "D /bin/sh", "C /etc", "A /etc/added", "C /etc/keep", "D /etc/passwd",
                        "D /etc/shadow", "A /newdir", "A /newdir/f", "A /newfile", "C /opt/x", "A /opt/x/new", "D /opt/x/old1",
                        "D /opt/x/old2", "C /var", "D /var/log"),
                Changes.overlay(upper, List.of(lower)).stream().map(Change::toString).toList());

        ByteArrayOutputStream filtered = new ByteArrayOutputStream();
        new LayerDiffer().overlay(upper, filtered, p -> p.equals("/etc/added") || p.equals("/etc/passwd") || p.equals("/newdir"));
        List<String> kept = TestTars.names(filtered.toByteArray());
        assertFalse(kept.contains("etc/added") || kept.contains("etc/.wh.passwd") || kept.contains("newdir/") || kept.contains("newdir/f"),
                kept.toString());
        assertTrue(kept.contains("etc/keep"));
    }
}
