package dev.berth.archive.internal;

import dev.berth.archive.ApplyOptions;
import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies the entries of one tar stream below a root directory, following moby's UnpackLayer rules
 * (an entry replaces whatever non-directory, or anything when it is not a directory itself, is at its
 * path; a directory over a directory merges; missing parents are made 0755; directory times are set
 * last) and converting whiteouts for {@link ApplyOptions.Mode}.
 *
 * <p>Every parent directory comes from {@link RootedDirs} (openat2 RESOLVE_IN_ROOT), and every
 * entry is made and changed relative to that parent fd without following its final component:
 * mkdirat, openat(O_CREAT|O_EXCL|O_NOFOLLOW), symlinkat, linkat (flags 0: a link to a symlink links
 * the symlink), mknodat, fchownat(AT_SYMLINK_NOFOLLOW), utimensat(AT_SYMLINK_NOFOLLOW), fchmodat on
 * names just made (never symlinks), lsetxattr on /proc/self/fd/PARENT/NAME (the magic link jumps to
 * the parent directory itself; the final name is not followed). Regular files use their own fd.
 */
public final class LayerUnpacker {
    private static final int FILE_FLAGS = NativeFs.O_WRONLY | NativeFs.O_CREAT | NativeFs.O_EXCL | NativeFs.O_NOFOLLOW
            | NativeFs.O_CLOEXEC;

    private final NativeFs fs;
    private final RootedDirs dirs;
    private final ApplyOptions options;
    private final boolean plain;
    private final Set<String> unpacked = new HashSet<>();
    private final Map<String, long[]> dirTimes = new LinkedHashMap<>();
    private final byte[] buf = new byte[NativeFs.IO_BUFFER];
    private long entries;
    private String current = "";

    public LayerUnpacker(NativeFs fs, RootedDirs dirs, ApplyOptions options) {
        this.fs = fs;
        this.dirs = dirs;
        this.options = options;
        this.plain = options.mode() == ApplyOptions.Mode.PLAIN;
    }

    public long entries() {
        return entries;
    }

    /** Applies every entry, then the directory times. Refusals throw BerthException naming the entry. */
    public void unpack(TarReader reader) throws IOException {
        for (TarEntry e; (e = reader.next()) != null; ) {
            if (++entries > options.entryLimit()) {
                throw BerthException.invalid("layer refused: it has more than %d entries", options.entryLimit());
            }
            current = e.name();
            try {
                apply(e, reader);
            } catch (Errno x) {
                throw failed(x);
            }
        }
        current = "";
        try {
            setDirTimes();
        } catch (Errno x) {
            throw failed(x);
        }
    }

    private void apply(TarEntry e, TarReader reader) throws IOException {
        String clean = cleanOrRefuse(e.name(), "");
        if (Whiteouts.isAufsMetadata(clean)) return;
        String parent = TarPaths.parent(clean);
        String base = TarPaths.base(clean);
        switch (Whiteouts.kindOf(base)) {
            case OPAQUE -> {
                opaque(parent);
                return;
            }
            case WHITEOUT -> {
                String hidden;
                try {
                    hidden = Whiteouts.hiddenName(base);
                } catch (TarPaths.InvalidNameException x) {
                    throw refuse(x.getMessage());
                }
                whiteout(parent, hidden, e);
                return;
            }
            case NONE -> { }
        }
        checkPolicy(e);
        if (clean.isEmpty()) {
            if (!e.isDir()) throw refuse("the root of the layer can only be a directory, not a " + TarEntry.typeName(e.type()));
            applyMeta(dirs.rootFd(), ".", e, false);
            dirTimes.put(clean, times(e));
            return;
        }
        int parentFd = parentDir(parent);
        switch (e.type()) {
            case TarEntry.DIR -> makeDir(parentFd, base, clean, e);
            case TarEntry.REG, TarEntry.REG_OLD, TarEntry.CONTIGUOUS -> writeFile(parentFd, base, clean, e, reader);
            case TarEntry.SYMLINK -> makeSymlink(parentFd, base, clean, e);
            case TarEntry.LINK -> makeHardlink(parent, base, clean, e);
            case TarEntry.CHAR, TarEntry.BLOCK, TarEntry.FIFO -> makeNode(parentFd, base, clean, e);
            default -> throw new IllegalStateException("unchecked type");
        }
        if (plain) unpacked.add(clean);
    }

    /** The parent directory of an entry, made when missing; refused when the path leads to a non-directory. */
    private int parentDir(String parent) throws Errno {
        try {
            return dirs.dir(parent, true);
        } catch (Errno x) {
            int n = x.errno();
            if (n == Errno.EEXIST || n == Errno.ENOTDIR || n == Errno.ELOOP || n == Errno.ENOENT) {
                throw refuse("parent \"" + RawNames.display(parent) + "\" is not a directory inside the target (" + x.getMessage() + ")");
            }
            throw x;
        }
    }

    private void checkPolicy(TarEntry e) {
        switch (e.type()) {
            case TarEntry.DIR, TarEntry.REG, TarEntry.REG_OLD, TarEntry.CONTIGUOUS, TarEntry.SYMLINK, TarEntry.LINK,
                 TarEntry.CHAR, TarEntry.BLOCK, TarEntry.FIFO -> { }
            default -> throw refuse("unsupported entry " + TarEntry.typeName(e.type()));
        }
        boolean whiteoutDevice = e.type() == TarEntry.CHAR && e.devMajor() == 0 && e.devMinor() == 0;
        if (e.isDevice() && !options.allowDevices() && !whiteoutDevice) {
            throw refuse(TarEntry.typeName(e.type()) + " " + e.devMajor() + ":" + e.devMinor() + " is not allowed");
        }
        if (!e.isDir() && (e.mode() & 06000) != 0 && !options.allowSetuid()) {
            throw refuse(String.format("setuid/setgid mode %04o is not allowed", e.mode()));
        }
        if (e.size() > options.sizeLimit()) {
            throw refuse("size " + e.size() + " exceeds the layer size limit of " + options.sizeLimit() + " bytes");
        }
    }

    private void makeDir(int parentFd, String base, String clean, TarEntry e) throws Errno {
        boolean overWhiteout = false;
        try {
            fs.mkdirat(parentFd, base, 0700);
        } catch (Errno x) {
            if (x.errno() != Errno.EEXIST) throw x;
            FileStat st = fs.stat(parentFd, base);
            if (!st.isDir()) {
                overWhiteout = st.isWhiteout();
                replace(parentFd, base, clean);
                fs.mkdirat(parentFd, base, 0700);
            }
        }
        applyMeta(parentFd, base, e, false);
        if (overWhiteout && !plain) {
            // as overlayfs itself does: a directory made where lower layers were deleted must not show them again
            fs.lsetxattr(NativeFs.procPath(parentFd, base), Whiteouts.OPAQUE_XATTR, new byte[] {'y'});
        }
        dirTimes.put(clean, times(e));
    }

    private void writeFile(int parentFd, String base, String clean, TarEntry e, TarReader reader) throws IOException {
        int fd = createFile(parentFd, base, clean);
        try {
            for (int n; (n = fill(reader)) > 0; ) fs.write(fd, buf, 0, n, clean);
            fs.fchown(fd, e.uid(), e.gid(), clean);
            setXattrs(e, (name, value) -> fs.fsetxattr(fd, name, value));
            fs.fchmod(fd, e.mode(), clean);
            long[] t = times(e);
            fs.futimens(fd, t[0], (int) t[1], t[2], (int) t[3], clean);
        } finally {
            fs.close(fd);
        }
    }

    private int createFile(int parentFd, String base, String clean) throws Errno {
        try {
            return fs.openat(parentFd, base, FILE_FLAGS, 0600);
        } catch (Errno x) {
            if (x.errno() != Errno.EEXIST) throw x;
            replace(parentFd, base, clean);
            return fs.openat(parentFd, base, FILE_FLAGS, 0600);
        }
    }

    /** Reads as much of the entry's data as fits the buffer (fewer, larger writes). */
    private int fill(TarReader reader) throws IOException {
        int got = 0;
        while (got < buf.length) {
            int n = reader.read(buf, got, buf.length - got);
            if (n < 0) break;
            got += n;
        }
        return got;
    }

    private void makeSymlink(int parentFd, String base, String clean, TarEntry e) throws Errno {
        String target = e.linkName();
        if (target.isEmpty()) throw refuse("symlink with an empty target");
        if (target.indexOf('\0') >= 0) throw refuse("symlink target contains a NUL byte");
        try {
            fs.symlinkat(target, parentFd, base);
        } catch (Errno x) {
            if (x.errno() != Errno.EEXIST) throw x;
            replace(parentFd, base, clean);
            fs.symlinkat(target, parentFd, base);
        }
        applyMeta(parentFd, base, e, true);
        long[] t = times(e);
        fs.lutimensat(parentFd, base, t[0], (int) t[1], t[2], (int) t[3]);
    }

    private void makeHardlink(String parent, String base, String clean, TarEntry e) throws Errno {
        String target = cleanOrRefuse(e.linkName(), "hardlink target ");
        if (target.isEmpty()) throw refuse("hardlink to the root directory");
        if (target.equals(clean)) throw refuse("hardlink to itself");
        String tParent = TarPaths.parent(target), tBase = TarPaths.base(target);
        int parentFd = parentDir(parent);
        int tParentFd = targetDir(tParent, e);
        FileStat st = fs.statOrNull(tParentFd, tBase);
        if (st == null) throw refuse(targetMissing(e));
        if (st.isDir()) throw refuse("hardlink to a directory (" + RawNames.display(e.linkName()) + ")");
        try {
            fs.linkat(tParentFd, tBase, parentFd, base, 0);
        } catch (Errno x) {
            if (x.errno() != Errno.EEXIST) throw x;
            replace(parentFd, base, clean);
            parentFd = parentDir(parent);
            tParentFd = targetDir(tParent, e);
            try {
                fs.linkat(tParentFd, tBase, parentFd, base, 0);
            } catch (Errno y) {
                if (y.errno() == Errno.ENOENT) throw refuse(targetMissing(e));
                throw y;
            }
        }
        if (!st.isSymlink()) {
            applyMeta(parentFd, base, e, false);
            long[] t = times(e);
            fs.lutimensat(parentFd, base, t[0], (int) t[1], t[2], (int) t[3]);
        }
    }

    private int targetDir(String tParent, TarEntry e) throws Errno {
        try {
            return dirs.dir(tParent, false);
        } catch (Errno x) {
            if (x.errno() == Errno.ENOENT || x.errno() == Errno.ENOTDIR) throw refuse(targetMissing(e));
            throw x;
        }
    }

    private String targetMissing(TarEntry e) {
        return "hardlink target " + RawNames.display(e.linkName()) + " does not exist"
                + (plain ? "" : " in this layer (overlay mode links only within a layer)");
    }

    private void makeNode(int parentFd, String base, String clean, TarEntry e) throws Errno {
        int typeBits = switch (e.type()) {
            case TarEntry.CHAR -> FileStat.S_IFCHR;
            case TarEntry.BLOCK -> FileStat.S_IFBLK;
            default -> FileStat.S_IFIFO;
        };
        long dev = e.type() == TarEntry.FIFO ? 0 : Libc.makedev(Integer.toUnsignedLong(e.devMajor()), Integer.toUnsignedLong(e.devMinor()));
        try {
            fs.mknodat(parentFd, base, typeBits | 0600, dev);
        } catch (Errno x) {
            if (x.errno() != Errno.EEXIST) throw x;
            replace(parentFd, base, clean);
            fs.mknodat(parentFd, base, typeBits | 0600, dev);
        }
        applyMeta(parentFd, base, e, false);
        long[] t = times(e);
        fs.lutimensat(parentFd, base, t[0], (int) t[1], t[2], (int) t[3]);
    }

    private void whiteout(String parent, String hidden, TarEntry e) throws Errno {
        String path = TarPaths.join(parent, hidden);
        if (plain) {
            int parentFd;
            try {
                parentFd = dirs.dir(parent, false);
            } catch (Errno x) {
                if (x.errno() == Errno.ENOENT || x.errno() == Errno.ENOTDIR) return;
                throw x;
            }
            replace(parentFd, hidden, path);
            return;
        }
        int parentFd = parentDir(parent);
        if (fs.statOrNull(parentFd, hidden) != null) replace(parentFd, hidden, path);
        fs.mknodat(parentFd, hidden, FileStat.S_IFCHR, Libc.makedev(0, 0));
        fs.fchownat(parentFd, hidden, e.uid(), e.gid(), NativeFs.AT_SYMLINK_NOFOLLOW);
    }

    private void opaque(String dir) throws Errno {
        int dirFd = parentDir(dir);
        if (!plain) {
            fs.setxattrFd(dirFd, Whiteouts.OPAQUE_XATTR, new byte[] {'y'});
            return;
        }
        int listFd = dirs.openForListing(dir);
        try {
            TreeRemoval.removeAllExcept(fs, listFd, dir, unpacked);
        } finally {
            fs.close(listFd);
        }
        dirs.invalidate(dir);
    }

    private void replace(int parentFd, String name, String clean) throws Errno {
        dirs.invalidate(clean);
        TreeRemoval.removeAll(fs, parentFd, name);
    }

    private void applyMeta(int parentFd, String name, TarEntry e, boolean symlink) throws Errno {
        fs.fchownat(parentFd, name, e.uid(), e.gid(), NativeFs.AT_SYMLINK_NOFOLLOW);
        String proc = NativeFs.procPath(parentFd, name);
        setXattrs(e, (n, v) -> fs.lsetxattr(proc, n, v));
        if (!symlink) fs.fchmodat(parentFd, name, e.mode());
    }

    private interface XattrSetter {
        void set(String name, byte[] value) throws Errno;
    }

    /**
     * Sets the entry's xattrs in name order. trusted.overlay.* never comes from a tar (it would steer
     * overlayfs). Where the file system or a security module says no (EOPNOTSUPP; EPERM/EACCES for
     * security.* and user.*, which e.g. symlinks cannot carry) the attribute is skipped, as Docker does.
     */
    private void setXattrs(TarEntry e, XattrSetter setter) throws Errno {
        if (e.xattrs().isEmpty()) return;
        for (Map.Entry<String, byte[]> x : new TreeMap<>(e.xattrs()).entrySet()) {
            String name = x.getKey();
            if (Whiteouts.isOverlayXattr(name)) continue;
            try {
                setter.set(name, x.getValue());
            } catch (Errno err) {
                int n = err.errno();
                boolean lenient = name.startsWith("security.") || name.startsWith("user.");
                if (n == Errno.EOPNOTSUPP || (lenient && (n == Errno.EPERM || n == Errno.EACCES))) continue;
                throw err;
            }
        }
    }

    /** {atime sec, nsec, mtime sec, nsec}: the atime is the later of atime and mtime, as moby does. */
    private static long[] times(TarEntry e) {
        long aSec = e.mtimeSec(), aNsec = e.mtimeNsec();
        if (e.hasAtime() && (e.atimeSec() > aSec || (e.atimeSec() == aSec && e.atimeNsec() > aNsec))) {
            aSec = e.atimeSec();
            aNsec = e.atimeNsec();
        }
        return new long[] {aSec, aNsec, e.mtimeSec(), e.mtimeNsec()};
    }

    private void setDirTimes() throws Errno {
        for (Map.Entry<String, long[]> d : dirTimes.entrySet()) {
            String path = d.getKey();
            int parentFd;
            try {
                parentFd = dirs.dir(TarPaths.parent(path), false);
            } catch (Errno x) {
                if (x.errno() == Errno.ENOENT || x.errno() == Errno.ENOTDIR) continue;
                throw x;
            }
            String name = path.isEmpty() ? "." : TarPaths.base(path);
            FileStat st = fs.statOrNull(parentFd, name);
            if (st == null || !st.isDir()) continue;
            long[] t = d.getValue();
            fs.lutimensat(parentFd, name, t[0], (int) t[1], t[2], (int) t[3]);
        }
    }

    private String cleanOrRefuse(String raw, String what) {
        try {
            return TarPaths.clean(raw);
        } catch (TarPaths.InvalidNameException x) {
            throw refuse(what + (what.isEmpty() ? "" : "\"" + RawNames.display(raw) + "\": ") + x.getMessage());
        }
    }

    private BerthException refuse(String reason) {
        return BerthException.invalid("invalid tar entry \"%s\": %s", RawNames.display(current), reason);
    }

    private BerthException failed(Errno x) {
        int n = x.errno();
        boolean ours = n == Errno.ENOSPC || n == Errno.EIO || n == Errno.EROFS || n == NativeFs.EDQUOT
                || n == NativeFs.ENOMEM || n == NativeFs.EMFILE || n == Errno.EBADF;
        String msg = current.isEmpty()
                ? "failed to apply layer: " + x.getMessage()
                : String.format("failed to apply tar entry \"%s\": %s", RawNames.display(current), x.getMessage());
        return new BerthException(ours ? BerthException.Kind.INTERNAL : BerthException.Kind.INVALID_ARGUMENT, msg, x);
    }
}
