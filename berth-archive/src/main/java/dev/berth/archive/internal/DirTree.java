package dev.berth.archive.internal;

import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FileTree} over a real directory. Directories and files are opened by openat2 with
 * RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS from an fd of the root, so a symlink anywhere on a path (put
 * there by a container, say) makes the path absent instead of leading elsewhere. xattrs are read with
 * llistxattr/lgetxattr on /proc/self/fd/DIR/NAME (the final name is not followed).
 */
public final class DirTree implements FileTree, AutoCloseable {
    private static final long RESOLVE = NativeFs.RESOLVE_BENEATH | NativeFs.RESOLVE_NO_SYMLINKS | NativeFs.RESOLVE_NO_MAGICLINKS;

    private final NativeFs fs;
    private final Path root;
    private final int rootFd;
    private final byte[] buf = new byte[NativeFs.IO_BUFFER];

    /** Opens root (which must be a directory); fs stays owned by the caller. */
    public DirTree(NativeFs fs, Path root) {
        this.fs = fs;
        this.root = root;
        try {
            this.rootFd = fs.openTrusted(root, NativeFs.O_RDONLY | NativeFs.O_DIRECTORY | NativeFs.O_CLOEXEC);
        } catch (Errno e) {
            if (e.errno() == Errno.ENOENT) throw BerthException.notFound("directory %s does not exist", root);
            throw BerthException.invalid("cannot open directory %s: %s", root, e.getMessage());
        }
    }

    private int openDir(String dir) throws Errno {
        if (dir.isEmpty()) return fs.openat(rootFd, ".", NativeFs.O_RDONLY | NativeFs.O_DIRECTORY | NativeFs.O_CLOEXEC, 0);
        return fs.openat2(rootFd, dir, NativeFs.O_RDONLY | NativeFs.O_DIRECTORY | NativeFs.O_NOFOLLOW | NativeFs.O_CLOEXEC, 0, RESOLVE);
    }

    private static boolean absent(Errno e) {
        return e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR || e.errno() == Errno.ELOOP || e.errno() == Errno.EXDEV;
    }

    @Override
    public List<FileNode> list(String dir) throws IOException {
        int fd;
        try {
            fd = openDir(dir);
        } catch (Errno e) {
            if (absent(e)) return List.of();
            throw e;
        }
        try {
            List<String> names = fs.listDir(fd, dir);
            Collections.sort(names);
            List<FileNode> out = new ArrayList<>(names.size());
            for (String name : names) {
                FileNode n = node(fd, name);
                if (n != null) out.add(n);
            }
            return out;
        } finally {
            fs.close(fd);
        }
    }

    @Override
    public FileNode stat(String path) throws IOException {
        if (path.isEmpty()) return node(rootFd, "");
        int fd;
        try {
            fd = openDir(TarPaths.parent(path));
        } catch (Errno e) {
            if (absent(e)) return null;
            throw e;
        }
        try {
            return node(fd, TarPaths.base(path));
        } finally {
            fs.close(fd);
        }
    }

    private FileNode node(int dirFd, String name) throws Errno {
        FileStat st = fs.statOrNull(dirFd, name);
        if (st == null) return null;
        String link = st.isSymlink() ? fs.readlinkat(dirFd, name) : null;
        Map<String, byte[]> xattrs = new HashMap<>();
        if (name.isEmpty()) return new FileNode(name, st, null, xattrs); // the root: its xattrs are never needed
        String proc = NativeFs.procPath(dirFd, name);
        for (String x : fs.llistxattr(proc)) {
            byte[] v = fs.lgetxattr(proc, x);
            if (v != null) xattrs.put(x, v);
        }
        return new FileNode(name, st, link, xattrs);
    }

    @Override
    public void copyContent(String path, long size, Sink sink) throws IOException {
        int fd = fs.openat2(rootFd, path, NativeFs.O_RDONLY | NativeFs.O_NOFOLLOW | NativeFs.O_CLOEXEC, 0, RESOLVE);
        try {
            long done = 0;
            while (done < size) {
                int n = fs.read(fd, buf, 0, (int) Math.min(buf.length, size - done), path);
                if (n == 0) break;
                sink.write(buf, 0, n);
                done += n;
            }
            if (done != size || fs.read(fd, buf, 0, 1, path) != 0) {
                throw new BerthException(BerthException.Kind.CONFLICT,
                        "file " + root + "/" + RawNames.display(path) + " changed size while it was being archived");
            }
        } finally {
            fs.close(fd);
        }
    }

    @Override
    public void close() {
        fs.close(rootFd);
    }
}
