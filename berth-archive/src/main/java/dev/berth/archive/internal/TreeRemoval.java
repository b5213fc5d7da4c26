package dev.berth.archive.internal;

import dev.berth.sys.Errno;
import java.util.Set;

/** Recursive deletion through directory fds, never following a symlink. */
public final class TreeRemoval {
    private TreeRemoval() {}

    /** Deletes name in the directory open as parentFd, and everything below it; absent names are fine. */
    public static void removeAll(NativeFs fs, int parentFd, String name) throws Errno {
        FileStat st = fs.statOrNull(parentFd, name);
        if (st == null) return;
        if (st.isDir()) {
            int fd = fs.openat(parentFd, name, NativeFs.O_RDONLY | NativeFs.O_DIRECTORY | NativeFs.O_NOFOLLOW | NativeFs.O_CLOEXEC, 0);
            try {
                for (String child : fs.listDir(fd, name)) removeAll(fs, fd, child);
            } finally {
                fs.close(fd);
            }
            fs.unlinkat(parentFd, name, NativeFs.AT_REMOVEDIR);
        } else {
            fs.unlinkat(parentFd, name, 0);
        }
    }

    /**
     * Deletes what is in the directory open (readable) as dirFd, at clean path dirPath, except the
     * paths in keep; a kept directory is searched the same way. This is how an opaque marker empties
     * a directory of earlier layers while keeping what its own layer put there.
     */
    public static void removeAllExcept(NativeFs fs, int dirFd, String dirPath, Set<String> keep) throws Errno {
        for (String child : fs.listDir(dirFd, dirPath)) {
            String path = TarPaths.join(dirPath, child);
            if (!keep.contains(path)) {
                removeAll(fs, dirFd, child);
                continue;
            }
            FileStat st = fs.statOrNull(dirFd, child);
            if (st == null || !st.isDir()) continue;
            int fd = fs.openat(dirFd, child, NativeFs.O_RDONLY | NativeFs.O_DIRECTORY | NativeFs.O_NOFOLLOW | NativeFs.O_CLOEXEC, 0);
            try {
                removeAllExcept(fs, fd, path, keep);
            } finally {
                fs.close(fd);
            }
        }
    }
}
