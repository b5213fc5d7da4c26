package dev.berth.runtime.user;

import dev.berth.sys.Openat2;
import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads small files out of an untrusted container rootfs. Every path component, symlinks
 * included, is resolved inside the rootfs by the kernel (openat2 RESOLVE_IN_ROOT): an absolute
 * symlink or a run of ".." lands in the rootfs, never on the host. Only regular files are read
 * (a FIFO would block, a device node could be anything), and no more than maxBytes of them.
 */
public final class RootfsFiles {
    private static final int O_PATH = 010000000, O_DIRECTORY = 0200000, O_CLOEXEC = 02000000;
    private static final int EAGAIN_RETRIES = 16;

    private RootfsFiles() {}

    /**
     * The content of path (taken relative to rootfs even when absolute), or empty when it does
     * not exist there. Throws INVALID_ARGUMENT when it is not a regular file, is larger than
     * maxBytes or has a symlink loop; NOT_FOUND when rootfs itself is missing.
     */
    public static Optional<byte[]> read(Path rootfs, String path, int maxBytes) {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 16) throw BerthException.invalid("maxBytes %d out of range", maxBytes);
        if (!Openat2.supportedArch()) {
            throw new BerthException(BerthException.Kind.UNSUPPORTED,
                    "reading files in a rootfs needs openat2, not wired up for " + System.getProperty("os.arch"));
        }
        int root;
        try {
            root = Libc.open(rootfs.toString(), O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        } catch (Errno e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR) {
                throw BerthException.notFound("rootfs %s does not exist or is not a directory", rootfs);
            }
            throw BerthException.internal("open rootfs " + rootfs + ": " + e.getMessage(), e);
        }
        try {
            int fd = openInRoot(root, rootfs, path);
            if (fd < 0) return Optional.empty();
            try {
                return Optional.of(readRegular(Path.of("/proc/self/fd/" + fd), path, maxBytes));
            } finally {
                Libc.close(fd);
            }
        } finally {
            Libc.close(root);
        }
    }

    /** An O_PATH fd of path under root, or -1 when it does not exist. */
    private static int openInRoot(int root, Path rootfs, String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (int attempt = 0; ; attempt++) {
            try {
                return Openat2.open(root, relative, O_PATH | O_CLOEXEC,
                        Openat2.RESOLVE_IN_ROOT | Openat2.RESOLVE_NO_MAGICLINKS);
            } catch (Errno e) {
                switch (e.errno()) {
                    case Errno.ENOENT, Errno.ENOTDIR -> {
                        return -1;
                    }
                    case Errno.ELOOP -> throw BerthException.invalid(
                            "%s in the container: too many levels of symbolic links", path);
                    case Errno.EAGAIN -> {
                        // the kernel saw a rename or mount race while resolving ".."; try again
                        if (attempt < EAGAIN_RETRIES) continue;
                        throw BerthException.internal("open " + path + " in " + rootfs + ": " + e.getMessage(), e);
                    }
                    case Errno.ENOSYS -> throw new BerthException(BerthException.Kind.UNSUPPORTED,
                            "openat2 is not available: Linux 5.6 or later is needed to read " + path + " from a rootfs");
                    default -> throw BerthException.internal("open " + path + " in " + rootfs + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Reads through the fd's /proc link, which reopens the very inode resolved, not the path. */
    private static byte[] readRegular(Path fdLink, String path, int maxBytes) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(fdLink, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                throw BerthException.invalid("%s in the container is not a regular file", path);
            }
            if (attrs.size() > maxBytes) {
                throw BerthException.invalid("%s in the container is larger than %d bytes", path, maxBytes);
            }
            try (InputStream in = Files.newInputStream(fdLink)) {
                byte[] data = in.readNBytes(maxBytes + 1);
                if (data.length > maxBytes) {
                    throw BerthException.invalid("%s in the container is larger than %d bytes", path, maxBytes);
                }
                return data;
            }
        } catch (IOException e) {
            throw BerthException.internal("read " + path + " in the container: " + e.getMessage(), e);
        }
    }
}
