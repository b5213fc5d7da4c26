package dev.berth.engine.archive;

import dev.berth.sys.Openat2;
import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A container's root file system held open as a directory fd. Every path inside it is resolved by
 * openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) on that fd, so symlinks the container made (absolute
 * or relative, or swapped in while we work) resolve inside it (CVE-2018-15664). Files are then reached
 * only through /proc/self/fd/N of the resolved fds, which name exactly the inode resolved.
 */
final class ContainerRoot implements AutoCloseable {
    private static final long RESOLVE = Openat2.RESOLVE_IN_ROOT | Openat2.RESOLVE_NO_MAGICLINKS;

    /** The parent directory (an O_PATH fd the caller must close via the Located) and the final name. */
    record Located(int parentFd, String name, PathStat stat) implements AutoCloseable {
        /** The host path that reaches the parent directory's inode, whatever the container renames. */
        Path parentPath() {
            return fdPath(parentFd);
        }

        @Override
        public void close() {
            Libc.close(parentFd);
        }
    }

    private final int rootFd;
    private final String hostRoot;
    private final String containerId;

    private ContainerRoot(int rootFd, String hostRoot, String containerId) {
        this.rootFd = rootFd;
        this.hostRoot = hostRoot;
        this.containerId = containerId;
    }

    /** Opens the mounted root at hostRoot (a daemon-owned path, trusted). */
    static ContainerRoot open(Path hostRoot, String containerId) {
        try {
            int fd = Libc.open(hostRoot.toString(), (int) (Openat2.O_PATH | Openat2.O_DIRECTORY | Openat2.O_CLOEXEC), 0);
            try {
                return new ContainerRoot(fd, Files.readSymbolicLink(fdPath(fd)).toString(), containerId);
            } catch (IOException | RuntimeException e) {
                Libc.close(fd);
                throw e;
            }
        } catch (IOException e) {
            throw BerthException.internal("opening the root of container " + containerId + " at " + hostRoot + ": " + e.getMessage(), e);
        }
    }

    static Path fdPath(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    /** The path's parent resolved in the root, and the stat of its final component (not followed unless asked). */
    Located locate(String path) {
        ContainerPath cp = ContainerPath.parse(path);
        String parent = cp.parent();
        String name = cp.name();
        if (cp.followFinal()) {
            int fd = resolve(cp.full().equals("/.") ? "/" : cp.full(), Openat2.O_PATH, path);
            try {
                String inner = innerPath(fd);
                if (inner.equals("/")) {
                    parent = "/";
                    name = ".";
                } else {
                    int slash = inner.lastIndexOf('/');
                    parent = slash == 0 ? "/" : inner.substring(0, slash);
                    name = inner.substring(slash + 1);
                }
            } finally {
                Libc.close(fd);
            }
        }
        int parentFd = resolve(parent, Openat2.O_PATH | Openat2.O_DIRECTORY, path);
        try {
            PathStat stat = stat(parentFd, parent, name, path);
            return new Located(parentFd, name, stat);
        } catch (RuntimeException e) {
            Libc.close(parentFd);
            throw e;
        }
    }

    /** A directory fd (readable) of path, every component followed inside the root; for extracting into. */
    int openDirectory(String path) {
        try {
            return Openat2.open(rootFd, path, Openat2.O_RDONLY | Openat2.O_DIRECTORY | Openat2.O_CLOEXEC, RESOLVE);
        } catch (Errno e) {
            if (e.errno() == Errno.ENOENT) throw notFound(path);
            if (e.errno() == Errno.ENOTDIR) throw BerthException.invalid("extraction point is not a directory");
            throw BerthException.internal("resolving " + path + " in container " + containerId + ": " + e.getMessage(), e);
        }
    }

    private int resolve(String path, long flags, String asked) {
        try {
            return Openat2.open(rootFd, path, flags | Openat2.O_CLOEXEC, RESOLVE);
        } catch (Errno e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR || e.errno() == Errno.ELOOP) throw notFound(asked);
            throw BerthException.internal("resolving " + asked + " in container " + containerId + ": " + e.getMessage(), e);
        }
    }

    private BerthException notFound(String path) {
        return BerthException.notFound("Could not find the file %s in container %s", path, containerId);
    }

    private PathStat stat(int parentFd, String parent, String name, String asked) {
        Path p = name.equals(".") ? fdPath(parentFd) : fdPath(parentFd).resolve(name);
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            throw notFound(asked);
        } catch (IOException e) {
            throw BerthException.internal("stat " + asked + " in container " + containerId + ": " + e.getMessage(), e);
        }
        int mode = (Integer) a.get("mode");
        long goMode = PathStat.goMode(mode);
        String linkTarget = "";
        if ((goMode & PathStat.GO_SYMLINK) != 0) linkTarget = linkTarget(parent, name, p);
        String mtime = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(((FileTime) a.get("lastModifiedTime")).toInstant().atOffset(ZoneOffset.UTC));
        String shown = name.equals(".") ? (parent.equals("/") ? "/" : parent.substring(parent.lastIndexOf('/') + 1)) : name;
        return new PathStat(shown, (Long) a.get("size"), goMode, mtime, linkTarget);
    }

    /** Where a symlink finally leads, as an absolute path in the container; its own text when it dangles. */
    private String linkTarget(String parent, String name, Path link) {
        String full = parent.equals("/") ? "/" + name : parent + "/" + name;
        try {
            int fd = Openat2.open(rootFd, full, Openat2.O_PATH | Openat2.O_CLOEXEC, RESOLVE);
            try {
                return innerPath(fd);
            } finally {
                Libc.close(fd);
            }
        } catch (Errno | RuntimeException e) {
            try {
                return Files.readSymbolicLink(link).toString();
            } catch (IOException io) {
                return "";
            }
        }
    }

    /** The absolute in-container path of an fd opened below the root. */
    private String innerPath(int fd) {
        String host;
        try {
            host = Files.readSymbolicLink(fdPath(fd)).toString();
        } catch (IOException e) {
            throw BerthException.internal("reading the path of a resolved file in container " + containerId + ": " + e.getMessage(), e);
        }
        if (host.equals(hostRoot)) return "/";
        String prefix = hostRoot.endsWith("/") ? hostRoot : hostRoot + "/";
        if (!host.startsWith(prefix))
            throw new BerthException(BerthException.Kind.INTERNAL, "resolved path " + host + " is outside the root of container " + containerId);
        return "/" + host.substring(prefix.length());
    }

    @Override
    public void close() {
        Libc.close(rootFd);
    }
}
