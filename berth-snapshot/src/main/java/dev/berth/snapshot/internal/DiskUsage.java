package dev.berth.snapshot.internal;

import dev.berth.common.BerthException;
import dev.berth.snapshot.Usage;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * du for one directory tree: allocated bytes (st_blocks * 512) and inodes, each inode counted once however
 * many hard links it has, without following symlinks or crossing into other filesystems (like {@code du -x}).
 */
public final class DiskUsage {
    private DiskUsage() {}

    private record InodeKey(long major, long minor, long ino) {}

    public static Usage of(Path dir) {
        Set<InodeKey> seen = new HashSet<>();
        long[] bytes = {0};
        try {
            FsCalls.Stat top = FsCalls.lstat(dir.toString());
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    FsCalls.Stat s = FsCalls.lstat(d.toString());
                    if (s.devMajor() != top.devMajor() || s.devMinor() != top.devMinor()) return FileVisitResult.SKIP_SUBTREE;
                    count(s);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    count(FsCalls.lstat(f.toString()));
                    return FileVisitResult.CONTINUE;
                }

                private void count(FsCalls.Stat s) {
                    if (seen.add(new InodeKey(s.devMajor(), s.devMinor(), s.ino()))) bytes[0] += s.blocks() * 512;
                }
            });
        } catch (IOException e) {
            throw BerthException.internal("disk usage of " + dir + ": " + e.getMessage(), e);
        }
        return new Usage(bytes[0], seen.size());
    }
}
