package dev.berth.image.service;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * The size Docker gives a layer (moby's directory.Size): apparent sizes (lstat st_size) of everything
 * but directories, a hard-linked file once. Symlinks count the length of their target.
 */
final class DirSize {
    private DirSize() {}

    static long of(Path dir) {
        long[] total = {0};
        Set<Object> seen = new HashSet<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                    if (a.isDirectory()) return FileVisitResult.CONTINUE;
                    if (a.isRegularFile() && a.fileKey() != null && !seen.add(a.fileKey())) return FileVisitResult.CONTINUE;
                    total[0] += a.size();
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw BerthException.internal("measure " + dir + ": " + e.getMessage(), e);
        }
        return total[0];
    }
}
