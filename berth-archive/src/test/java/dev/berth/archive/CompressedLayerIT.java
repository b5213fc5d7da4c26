package dev.berth.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.berth.common.BerthException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gzip and zstd layers (made by the gzip/zstd commands and by Java), digests and sizes, corrupt input. */
class CompressedLayerIT {
    private static final TreeState.Options CMP = new TreeState.Options(false, true, true);

    @TempDir
    Path tmp;
    private Path src;
    private byte[] tar;
    private Map<String, String> expected;

    @BeforeEach
    void makeTar() throws Exception {
        src = tmp.resolve("src");
        TestTrees.buildFull(src);
        Path t = tmp.resolve("layer.tar");
        RoundTripIT.run("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "--format=posix", "-cf", t.toString(), "-C", src.toString(), ".");
        tar = Files.readAllBytes(t);
        expected = TreeState.of(src, CMP);
    }

    private static String sha(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private byte[] command(String... cmd) throws Exception {
        Path in = tmp.resolve("in.tar");
        Files.write(in, tar);
        String[] full = Arrays.copyOf(cmd, cmd.length + 1);
        full[cmd.length] = in.toString();
        Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
        return out;
    }

    private void applyAndCheck(byte[] layer, Compression expectedCompression, String name) throws Exception {
        Path dst = Files.createDirectory(tmp.resolve("dst-" + name));
        ApplyResult r = new LayerApplier().apply(new ByteArrayInputStream(layer), dst, ApplyOptions.overlay());
        assertEquals(expectedCompression, r.compression(), name);
        assertEquals(sha(tar), r.diffId(), name + ": diff_id is the sha256 of the whole uncompressed tar");
        assertEquals(tar.length, r.uncompressedSize(), name);
        assertEquals(layer.length, r.compressedSize(), name);
        if (expectedCompression == Compression.NONE) assertNull(r.compressedDigest());
        else assertEquals(sha(layer), r.compressedDigest(), name);
        assertEquals(expected, TreeState.of(dst, CMP), name);
    }

    @Test
    void appliesPlainGzipAndZstdFromCommandsAndJava() throws Exception {
        applyAndCheck(tar, Compression.NONE, "plain");
        applyAndCheck(command("gzip", "-c"), Compression.GZIP, "gzip-cmd");
        applyAndCheck(command("zstd", "-q", "-c"), Compression.ZSTD, "zstd-cmd");

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(tar);
        }
        applyAndCheck(gz.toByteArray(), Compression.GZIP, "gzip-java");

        ByteArrayOutputStream zs = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(zs, 3)) {
            z.write(tar);
        }
        applyAndCheck(zs.toByteArray(), Compression.ZSTD, "zstd-java");

        ByteArrayOutputStream multi = new ByteArrayOutputStream();
        int cut = tar.length / 3 + 7;
        for (byte[] part : new byte[][] {Arrays.copyOfRange(tar, 0, cut), Arrays.copyOfRange(tar, cut, tar.length)}) {
            try (GZIPOutputStream g = new GZIPOutputStream(multi)) {
                g.write(part);
            }
        }
        applyAndCheck(multi.toByteArray(), Compression.GZIP, "gzip-two-members");
    }

    @Test
    void refusesCorruptCompressedLayers() throws Exception {
        byte[] gz = command("gzip", "-c");
        byte[] bad = gz.clone();
        for (int i = 100; i < 140; i++) bad[i] ^= 0x5a;
        assertCorrupt(bad);
        assertCorrupt(Arrays.copyOf(gz, gz.length / 2));
        byte[] zs = command("zstd", "-q", "-c");
        assertCorrupt(Arrays.copyOf(zs, zs.length / 2));
    }

    private void assertCorrupt(byte[] layer) throws Exception {
        Path dst = Files.createTempDirectory(tmp, "corrupt");
        BerthException e = assertThrows(BerthException.class, () -> new LayerApplier().apply(new ByteArrayInputStream(layer), dst, ApplyOptions.overlay()));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("corrupt layer"), e.getMessage());
    }
}
