package dev.berth.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.archive.internal.TarEntry;
import dev.berth.archive.internal.TarReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tree with every entry type -> DirectoryTar -> LayerApplier -> the same tree, and interop with GNU tar. */
class RoundTripIT {
    @TempDir
    Path tmp;
    private NoAtimeMount noatime;

    @BeforeEach
    void noatime() throws Exception {
        noatime = new NoAtimeMount(tmp);
    }

    @AfterEach
    void unmount() throws Exception {
        if (noatime != null) noatime.close();
    }

    private static byte[] tar(Path dir, TarWriteOptions o, TarResult[] result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarResult r = DirectoryTar.write(dir, out, o);
        if (result != null) result[0] = r;
        assertEquals(out.size(), r.size());
        return out.toByteArray();
    }

    private static List<TarEntry> entries(byte[] tar) throws Exception {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<TarEntry> out = new ArrayList<>();
        for (TarEntry e; (e = r.next()) != null; ) out.add(e);
        return out;
    }

    @Test
    void everyEntryTypeSurvivesTarAndApply() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.buildFull(src);
        Map<String, String> before = TreeState.of(src, TreeState.Options.EXACT);
        TarResult[] written = new TarResult[1];
        byte[] tar = tar(src, TarWriteOptions.defaults().withPreciseTimes(true), written);

        Path dst = Files.createDirectory(tmp.resolve("dst"));
        ApplyResult applied = new LayerApplier().apply(new ByteArrayInputStream(tar), dst, ApplyOptions.plain());
        assertEquals(written[0].digest(), applied.diffId());
        assertEquals(tar.length, applied.uncompressedSize());
        assertEquals(written[0].entries(), applied.entries());
        assertEquals(Compression.NONE, applied.compression());

        assertEquals(before, TreeState.of(src, TreeState.Options.EXACT), "reading the source changed it");
        assertEquals(before, TreeState.of(dst, TreeState.Options.EXACT));
        assertTrue(before.get("a/hard").contains("hardlink-of=a/file"), before.get("a/hard"));
        assertTrue(before.get("a/cap").contains("security.capability=0100000280200000"), before.get("a/cap"));
        assertTrue(before.get("a/setuid").startsWith("104755"), before.get("a/setuid"));

        assertArrayEquals(tar, tar(dst, TarWriteOptions.defaults().withPreciseTimes(true), null), "tar of the copy differs");
    }

    @Test
    void gnuTarExtractsOurTarAndWeApplyGnuTars() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.buildFull(src);
        TreeState.Options cmp = new TreeState.Options(false, true, true);
        Map<String, String> expected = TreeState.of(src, cmp);

        Path ours = tmp.resolve("ours.tar");
        Files.write(ours, tar(src, TarWriteOptions.defaults().withPreciseTimes(true), null));
        Path byGnu = Files.createDirectory(tmp.resolve("by-gnu"));
        run("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpf", ours.toString(), "-C", byGnu.toString());
        assertEquals(expected, TreeState.of(byGnu, cmp));

        Path gnuPosix = tmp.resolve("gnu-posix.tar");
        run("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "--format=posix", "-cf", gnuPosix.toString(), "-C", src.toString(), ".");
        Path fromPosix = Files.createDirectory(tmp.resolve("from-posix"));
        new LayerApplier().apply(Files.newInputStream(gnuPosix), fromPosix, ApplyOptions.plain());
        assertEquals(expected, TreeState.of(fromPosix, cmp));
        assertEquals(Files.getLastModifiedTime(src), Files.getLastModifiedTime(fromPosix), "the ./ entry sets the root's times");

        Path gnuOld = tmp.resolve("gnu.tar");
        run("tar", "--numeric-owner", "--format=gnu", "-cf", gnuOld.toString(), "-C", src.toString(), ".");
        Path fromGnu = Files.createDirectory(tmp.resolve("from-gnu"));
        new LayerApplier().apply(Files.newInputStream(gnuOld), fromGnu, ApplyOptions.plain());
        Map<String, String> noXattrs = TreeState.of(src, TreeState.Options.SECONDS);
        noXattrs.replaceAll((k, v) -> v.replaceAll(" (user|trusted|security)\\.[^ ]*", ""));
        assertEquals(noXattrs, TreeState.of(fromGnu, TreeState.Options.SECONDS));
    }

    @Test
    void reproducibleOptionsFixTimesAndOwners() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.buildFull(src);
        TarWriteOptions o = TarWriteOptions.reproducible(Instant.ofEpochSecond(1_000_000));
        byte[] one = tar(src, o, null);
        TestTrees.stampTimes(src);
        byte[] two = tar(src, o, null);
        assertArrayEquals(one, two, "same tree, new times: the reproducible tar must not change");
        List<TarEntry> es = entries(one);
        assertFalse(es.isEmpty());
        for (TarEntry e : es) {
            assertEquals(1_000_000, e.mtimeSec(), e.name());
            assertEquals(0, e.uid(), e.name());
            assertFalse(e.hasAtime());
        }
        List<String> names = es.stream().map(TarEntry::name).toList();
        assertEquals("a/", names.getFirst());
        assertTrue(names.indexOf("a/") < names.indexOf("a/file"));

        List<String> without = entries(tar(src, o.withExclude(p -> p.equals("/a") || p.equals("/big")), null))
                .stream().map(TarEntry::name).toList();
        assertFalse(without.stream().anyMatch(n -> n.startsWith("a/") || n.equals("big")), without.toString());
        assertTrue(without.contains("sticky/"));
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
