package dev.berth.archive.internal;

import dev.berth.sys.Errno;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Directory fds inside a root, resolved by openat2(2) with RESOLVE_IN_ROOT: every symlink met on
 * the way (absolute or with "..") is resolved as if the root were "/", so no path given here can
 * reach outside the root, whatever symlinks a layer created. RESOLVE_NO_MAGICLINKS also refuses
 * /proc-style magic links. The fds are O_PATH, good as the dirfd of *at calls.
 *
 * <p>A small LRU cache keeps recently used directories open (tar entries come grouped by directory).
 * Whoever deletes or replaces a path must call {@link #invalidate} so no stale fd is handed out.
 */
public final class RootedDirs implements AutoCloseable {
    private static final long RESOLVE = NativeFs.RESOLVE_IN_ROOT | NativeFs.RESOLVE_NO_MAGICLINKS;
    private static final int FLAGS = NativeFs.O_PATH | NativeFs.O_DIRECTORY | NativeFs.O_CLOEXEC;
    private static final int CACHE = 64;

    private final NativeFs fs;
    private final int rootFd;
    private final LinkedHashMap<String, Integer> cache = new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            if (size() > CACHE) {
                fs.close(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /** rootFd stays owned by the caller. */
    public RootedDirs(NativeFs fs, int rootFd) {
        this.fs = fs;
        this.rootFd = rootFd;
    }

    public int rootFd() {
        return rootFd;
    }

    /**
     * The directory at a clean relative path ("" is the root). With create, missing directories are
     * made (0755, root-owned, as moby's MkdirAll of parents). The fd belongs to this cache: do not
     * close it, and do not use it after the next call that may evict it.
     */
    public int dir(String clean, boolean create) throws Errno {
        if (clean.isEmpty()) return rootFd;
        Integer cached = cache.get(clean);
        if (cached != null) return cached;
        int fd;
        try {
            fd = fs.openat2(rootFd, clean, FLAGS, 0, RESOLVE);
        } catch (Errno e) {
            if (e.errno() != Errno.ENOENT || !create) throw e;
            return createPath(clean);
        }
        cache.put(clean, fd);
        return fd;
    }

    /** Opens a directory for reading its entries (a new fd the caller closes), resolved in the root. */
    public int openForListing(String clean) throws Errno {
        return fs.openat2(rootFd, clean.isEmpty() ? "." : clean,
                NativeFs.O_RDONLY | NativeFs.O_DIRECTORY | NativeFs.O_CLOEXEC, 0, RESOLVE);
    }

    private int createPath(String clean) throws Errno {
        String prefix = "";
        int parentFd = rootFd;
        for (String part : clean.split("/")) {
            prefix = TarPaths.join(prefix, part);
            Integer cached = cache.get(prefix);
            if (cached != null) {
                parentFd = cached;
                continue;
            }
            int fd;
            try {
                fd = fs.openat2(rootFd, prefix, FLAGS, 0, RESOLVE);
            } catch (Errno e) {
                if (e.errno() != Errno.ENOENT) throw e;
                fs.mkdirat(parentFd, part, 0755);
                fs.fchmodat(parentFd, part, 0755);
                fd = fs.openat2(rootFd, prefix, FLAGS, 0, RESOLVE);
            }
            cache.put(prefix, fd);
            parentFd = fd;
        }
        return parentFd;
    }

    /** Forgets the fds of path and everything below it. */
    public void invalidate(String clean) {
        List<String> gone = new ArrayList<>();
        for (String k : cache.keySet()) {
            if (TarPaths.isWithin(k, clean)) gone.add(k);
        }
        for (String k : gone) fs.close(cache.remove(k));
    }

    @Override
    public void close() {
        for (Iterator<Integer> it = cache.values().iterator(); it.hasNext(); ) {
            fs.close(it.next());
            it.remove();
        }
    }
}
