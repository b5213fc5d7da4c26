package dev.berth.engine.container;

import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes a container's directory without ever touching what is mounted inside it (its rootfs, a
 * bind): mounts below it are detached first, and the walk stays on the directory's own filesystem.
 */
final class SafeDelete {
    private SafeDelete() {}

    static void tree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        for (Path m : mountsUnder(dir)) {
            try {
                Libc.umount2(m.toString(), Libc.MNT_DETACH);
            } catch (Errno e) {
                throw BerthException.internal("unmount " + m + ": " + e.getMessage(), e);
            }
        }
        try {
            Object rootDev = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                    if (!rootDev.equals(Files.getAttribute(d, "unix:dev", LinkOption.NOFOLLOW_LINKS)))
                        throw new IOException(d + " is on another filesystem (still mounted?)");
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) throw e;
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw BerthException.internal("remove " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Mount points at or below dir, deepest first. */
    static List<Path> mountsUnder(Path dir) {
        List<Path> out = new ArrayList<>();
        try {
            String prefix = dir.toAbsolutePath().normalize().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String mp = line.split(" ")[4].replace("\\040", " ");
                if (mp.equals(prefix) || mp.startsWith(prefix + "/")) out.add(Path.of(mp));
            }
        } catch (IOException e) {
            throw BerthException.internal("read mountinfo: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingInt((Path p) -> p.getNameCount()).reversed());
        return out;
    }
}
