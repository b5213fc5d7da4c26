package dev.berth.snapshot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.snapshot.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageTest {
    @TempDir
    Path dir;

    @Test
    void countsHardLinksOnceAndMatchesDu() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        Files.write(dir.resolve("a/big"), data);
        Files.writeString(dir.resolve("a/b/small"), "hello");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("a/big"));
        Usage before = DiskUsage.of(dir);
        assertEquals(6, before.inodes(), "dir, a, a/b, big, small, link");
        assertTrue(before.bytes() >= 300_000, "allocated bytes cover the data: " + before);

        Files.createLink(dir.resolve("hardlink"), dir.resolve("a/big"));
        assertEquals(before, DiskUsage.of(dir), "a hard link adds no inode and no bytes");

        assertEquals(du("--block-size=1"), DiskUsage.of(dir).bytes());
        assertEquals(du("--inodes"), DiskUsage.of(dir).inodes());
    }

    @Test
    void emptyDirectoryIsOneInode() {
        assertEquals(1, DiskUsage.of(dir).inodes());
    }

    private long du(String how) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("du", "-s", "-x", how, dir.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return Long.parseLong(out.split("\\s+")[0]);
    }
}
