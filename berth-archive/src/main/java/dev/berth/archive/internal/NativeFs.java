package dev.berth.archive.internal;

import dev.berth.sys.Errno;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The *at(2) file system calls the archive code needs, through FFM. Every call works relative to a
 * directory fd, so callers never hand the kernel a path that could wander through a symlink they did
 * not check. Names are raw strings (see {@link RawNames}).
 *
 * <p>One instance per operation and thread: it owns a confined arena with reusable buffers (paths,
 * stat, I/O), so a call allocates nothing native. {@link #close()} frees them.
 */
public final class NativeFs implements AutoCloseable {
    public static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    public static final int O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0100, O_EXCL = 0200, O_DIRECTORY = 0200000,
            O_NOFOLLOW = 0400000, O_CLOEXEC = 02000000, O_PATH = 010000000;
    public static final long RESOLVE_NO_XDEV = 0x01, RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_NO_SYMLINKS = 0x04,
            RESOLVE_BENEATH = 0x08, RESOLVE_IN_ROOT = 0x10;
    public static final int ENAMETOOLONG = 36, ERANGE = 34, ENODATA = 61, EDQUOT = 122, ENOMEM = 12, EMFILE = 24;
    static final long SYS_OPENAT2 = 437;
    public static final int IO_BUFFER = 1 << 20;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final AddressLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle OPENAT = handle("openat", FunctionDescriptor.of(INT, INT, PTR, INT, INT),
            Linker.Option.firstVariadicArg(3));
    private static final MethodHandle SYSCALL4 = handle("syscall", FunctionDescriptor.of(LONG, LONG, LONG, PTR, PTR, LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle MKDIRAT = handle("mkdirat", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle MKNODAT = handle("mknodat", FunctionDescriptor.of(INT, INT, PTR, INT, LONG));
    private static final MethodHandle SYMLINKAT = handle("symlinkat", FunctionDescriptor.of(INT, PTR, INT, PTR));
    private static final MethodHandle LINKAT = handle("linkat", FunctionDescriptor.of(INT, INT, PTR, INT, PTR, INT));
    private static final MethodHandle UNLINKAT = handle("unlinkat", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle FCHOWNAT = handle("fchownat", FunctionDescriptor.of(INT, INT, PTR, INT, INT, INT));
    private static final MethodHandle FCHOWN = handle("fchown", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle FCHMODAT = handle("fchmodat", FunctionDescriptor.of(INT, INT, PTR, INT, INT));
    private static final MethodHandle FCHMOD = handle("fchmod", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle UTIMENSAT = handle("utimensat", FunctionDescriptor.of(INT, INT, PTR, PTR, INT));
    private static final MethodHandle FUTIMENS = handle("futimens", FunctionDescriptor.of(INT, INT, PTR));
    private static final MethodHandle LSETXATTR = handle("lsetxattr", FunctionDescriptor.of(INT, PTR, PTR, PTR, LONG, INT));
    private static final MethodHandle SETXATTR = handle("setxattr", FunctionDescriptor.of(INT, PTR, PTR, PTR, LONG, INT));
    private static final MethodHandle FSETXATTR = handle("fsetxattr", FunctionDescriptor.of(INT, INT, PTR, PTR, LONG, INT));
    private static final MethodHandle LLISTXATTR = handle("llistxattr", FunctionDescriptor.of(LONG, PTR, PTR, LONG));
    private static final MethodHandle LGETXATTR = handle("lgetxattr", FunctionDescriptor.of(LONG, PTR, PTR, PTR, LONG));
    private static final MethodHandle STATX = handle("statx", FunctionDescriptor.of(INT, INT, PTR, INT, INT, PTR));
    private static final MethodHandle GETDENTS64 = handle("getdents64", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle READLINKAT = handle("readlinkat", FunctionDescriptor.of(LONG, INT, PTR, PTR, LONG));
    private static final MethodHandle READ = handle("read", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle WRITE = handle("write", FunctionDescriptor.of(LONG, INT, PTR, LONG));

    private static final int PATH_MAX = 4096, XATTR_MAX = 65536, DIRENT_BUF = 32768;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = arena.allocate(STATE);
    private final MemorySegment path0 = arena.allocate(PATH_MAX + 1);
    private final MemorySegment path1 = arena.allocate(PATH_MAX + 1);
    private final MemorySegment how = arena.allocate(24, 8);
    private final MemorySegment times = arena.allocate(32, 8);
    private final MemorySegment statBuf = arena.allocate(256, 8);
    private final MemorySegment xattrName = arena.allocate(256 + 1);
    private final MemorySegment xattrBuf = arena.allocate(XATTR_MAX);
    private final MemorySegment dirents = arena.allocate(DIRENT_BUF, 8);
    private final MemorySegment io = arena.allocate(IO_BUFFER, 4096);

    private static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... extra) {
        Linker.Option[] opts = new Linker.Option[extra.length + 1];
        opts[0] = CAPTURE;
        System.arraycopy(extra, 0, opts, 1, extra.length);
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd, opts);
    }

    private int errno() {
        return (int) ERRNO.get(state, 0L);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    private Errno fail(String call, String rawWhat) {
        return new Errno(call, RawNames.display(rawWhat), errno());
    }

    private MemorySegment cstr(MemorySegment slot, String raw) throws Errno {
        int n = raw.length();
        if (n > PATH_MAX) throw new Errno("path", RawNames.display(raw.substring(0, 64)) + "...", ENAMETOOLONG);
        for (int i = 0; i < n; i++) slot.set(ValueLayout.JAVA_BYTE, i, (byte) raw.charAt(i));
        slot.set(ValueLayout.JAVA_BYTE, n, (byte) 0);
        return slot;
    }

    /** The path of name inside the directory open as dirFd, through /proc's magic link to that fd. */
    public static String procPath(int dirFd, String rawName) {
        return "/proc/self/fd/" + dirFd + "/" + rawName;
    }

    /** Opens an ordinary (caller-given, trusted) path; its own symlinks are followed. */
    public int openTrusted(java.nio.file.Path p, int flags) throws Errno {
        byte[] b = p.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return openat(AT_FDCWD, RawNames.fromBytes(b, 0, b.length), flags, 0);
    }

    public int openat(int dirFd, String raw, int flags, int mode) throws Errno {
        try {
            while (true) {
                int r = (int) OPENAT.invokeExact(state, dirFd, cstr(path0, raw), flags, mode);
                if (r >= 0) return r;
                if (errno() != Errno.EINTR) throw fail("openat", raw);
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** openat2(2): flags, mode and RESOLVE_* bits as in struct open_how. Retries EAGAIN (a racing rename). */
    public int openat2(int dirFd, String raw, long flags, long mode, long resolve) throws Errno {
        how.set(LONG, 0, flags);
        how.set(LONG, 8, mode);
        how.set(LONG, 16, resolve);
        try {
            for (int attempt = 0; ; attempt++) {
                long r = (long) SYSCALL4.invokeExact(state, SYS_OPENAT2, (long) dirFd, cstr(path0, raw), how, 24L);
                if (r >= 0) return (int) r;
                int e = errno();
                if (e == Errno.EINTR || (e == Errno.EAGAIN && attempt < 64)) continue;
                throw fail("openat2", raw);
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void close(int fd) {
        if (fd < 0) return;
        try {
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void mkdirat(int dirFd, String name, int mode) throws Errno {
        try {
            if ((int) MKDIRAT.invokeExact(state, dirFd, cstr(path0, name), mode) < 0) throw fail("mkdir", name);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void mknodat(int dirFd, String name, int mode, long dev) throws Errno {
        try {
            if ((int) MKNODAT.invokeExact(state, dirFd, cstr(path0, name), mode, dev) < 0) throw fail("mknod", name);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void symlinkat(String target, int dirFd, String name) throws Errno {
        try {
            if ((int) SYMLINKAT.invokeExact(state, cstr(path1, target), dirFd, cstr(path0, name)) < 0) throw fail("symlink", name);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void linkat(int oldDirFd, String oldName, int newDirFd, String newName, int flags) throws Errno {
        try {
            int r = (int) LINKAT.invokeExact(state, oldDirFd, cstr(path1, oldName), newDirFd, cstr(path0, newName), flags);
            if (r < 0) throw fail("link", newName + " to " + oldName);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void unlinkat(int dirFd, String name, int flags) throws Errno {
        try {
            if ((int) UNLINKAT.invokeExact(state, dirFd, cstr(path0, name), flags) < 0) throw fail("unlink", name);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void fchownat(int dirFd, String name, int uid, int gid, int flags) throws Errno {
        try {
            if ((int) FCHOWNAT.invokeExact(state, dirFd, cstr(path0, name), uid, gid, flags) < 0) throw fail("chown", name);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void fchown(int fd, int uid, int gid, String rawWhat) throws Errno {
        try {
            if ((int) FCHOWN.invokeExact(state, fd, uid, gid) < 0) throw fail("chown", rawWhat);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Follows a final symlink (the kernel has no lchmod): only call it on names known not to be symlinks. */
    public void fchmodat(int dirFd, String name, int mode) throws Errno {
        try {
            if ((int) FCHMODAT.invokeExact(state, dirFd, cstr(path0, name), mode, 0) < 0) throw fail("chmod", name);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void fchmod(int fd, int mode, String rawWhat) throws Errno {
        try {
            if ((int) FCHMOD.invokeExact(state, fd, mode) < 0) throw fail("chmod", rawWhat);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private void fillTimes(long aSec, int aNsec, long mSec, int mNsec) {
        times.set(LONG, 0, aSec);
        times.set(LONG, 8, aNsec);
        times.set(LONG, 16, mSec);
        times.set(LONG, 24, mNsec);
    }

    /** utimensat(2) with AT_SYMLINK_NOFOLLOW: sets a symlink's own times. */
    public void lutimensat(int dirFd, String name, long aSec, int aNsec, long mSec, int mNsec) throws Errno {
        fillTimes(aSec, aNsec, mSec, mNsec);
        try {
            if ((int) UTIMENSAT.invokeExact(state, dirFd, cstr(path0, name), times, AT_SYMLINK_NOFOLLOW) < 0) {
                throw fail("utimensat", name);
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void futimens(int fd, long aSec, int aNsec, long mSec, int mNsec, String rawWhat) throws Errno {
        fillTimes(aSec, aNsec, mSec, mNsec);
        try {
            if ((int) FUTIMENS.invokeExact(state, fd, times) < 0) throw fail("futimens", rawWhat);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private MemorySegment xattrValue(byte[] value) {
        MemorySegment.copy(value, 0, xattrBuf, ValueLayout.JAVA_BYTE, 0, value.length);
        return xattrBuf;
    }

    private MemorySegment xattrNameOf(String rawName) throws Errno {
        if (rawName.length() > 255) throw new Errno("setxattr", RawNames.display(rawName), ENAMETOOLONG);
        return cstr(xattrName, rawName);
    }

    /** lsetxattr(2) on a path (does not follow a final symlink). */
    public void lsetxattr(String rawPath, String rawName, byte[] value) throws Errno {
        if (value.length > XATTR_MAX) throw new Errno("setxattr", RawNames.display(rawName), Errno.EINVAL);
        try {
            int r = (int) LSETXATTR.invokeExact(state, cstr(path0, rawPath), xattrNameOf(rawName), xattrValue(value), (long) value.length, 0);
            if (r < 0) throw fail("lsetxattr", rawName);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** setxattr(2) on /proc/self/fd/N of an fd (also an O_PATH one): acts on exactly that inode. */
    public void setxattrFd(int fd, String rawName, byte[] value) throws Errno {
        if (value.length > XATTR_MAX) throw new Errno("setxattr", RawNames.display(rawName), Errno.EINVAL);
        try {
            int r = (int) SETXATTR.invokeExact(state, cstr(path0, "/proc/self/fd/" + fd), xattrNameOf(rawName),
                    xattrValue(value), (long) value.length, 0);
            if (r < 0) throw fail("setxattr", rawName);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void fsetxattr(int fd, String rawName, byte[] value) throws Errno {
        if (value.length > XATTR_MAX) throw new Errno("setxattr", RawNames.display(rawName), Errno.EINVAL);
        try {
            int r = (int) FSETXATTR.invokeExact(state, fd, xattrNameOf(rawName), xattrValue(value), (long) value.length, 0);
            if (r < 0) throw fail("fsetxattr", rawName);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Names of the extended attributes of a path (a final symlink is not followed). */
    public List<String> llistxattr(String rawPath) throws Errno {
        try {
            long r = (long) LLISTXATTR.invokeExact(state, cstr(path0, rawPath), xattrBuf, (long) XATTR_MAX);
            if (r < 0) {
                int e = errno();
                if (e == Errno.EOPNOTSUPP) return List.of();
                throw fail("llistxattr", rawPath);
            }
            List<String> names = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < r; i++) {
                if (xattrBuf.get(ValueLayout.JAVA_BYTE, i) == 0) {
                    if (i > start) names.add(segmentString(xattrBuf, start, i - start));
                    start = i + 1;
                }
            }
            return names;
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The value of one extended attribute, or null when it is absent. */
    public byte[] lgetxattr(String rawPath, String rawName) throws Errno {
        try {
            long r = (long) LGETXATTR.invokeExact(state, cstr(path0, rawPath), xattrNameOf(rawName), xattrBuf, (long) XATTR_MAX);
            if (r < 0) {
                int e = errno();
                if (e == ENODATA || e == Errno.EOPNOTSUPP) return null;
                throw fail("lgetxattr", rawPath + " " + rawName);
            }
            return xattrBuf.asSlice(0, r).toArray(ValueLayout.JAVA_BYTE);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** statx(2) of name in dirFd without following a final symlink; null when it does not exist. */
    public FileStat statOrNull(int dirFd, String name) throws Errno {
        try {
            int r = (int) STATX.invokeExact(state, dirFd, cstr(path0, name), AT_SYMLINK_NOFOLLOW | (name.isEmpty() ? AT_EMPTY_PATH : 0),
                    0x7ff, statBuf);
            if (r < 0) {
                if (errno() == Errno.ENOENT) return null;
                throw fail("statx", name);
            }
            return decodeStatx(statBuf);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public FileStat stat(int dirFd, String name) throws Errno {
        FileStat s = statOrNull(dirFd, name);
        if (s == null) throw new Errno("statx", RawNames.display(name), Errno.ENOENT);
        return s;
    }

    private static FileStat decodeStatx(MemorySegment b) {
        return new FileStat(
                Short.toUnsignedInt(b.get(ValueLayout.JAVA_SHORT, 28)), b.get(INT, 20), b.get(INT, 24),
                Integer.toUnsignedLong(b.get(INT, 16)), b.get(LONG, 32), b.get(INT, 136), b.get(INT, 140),
                b.get(INT, 128), b.get(INT, 132), b.get(LONG, 40),
                b.get(LONG, 64), b.get(INT, 72), b.get(LONG, 112), b.get(INT, 120));
    }

    /** The names in a directory (not "." and ".."), unsorted. */
    public List<String> listDir(int dirFd, String rawWhat) throws Errno {
        List<String> names = new ArrayList<>();
        try {
            while (true) {
                long n = (long) GETDENTS64.invokeExact(state, dirFd, dirents, (long) DIRENT_BUF);
                if (n < 0) {
                    if (errno() == Errno.EINTR) continue;
                    throw fail("getdents64", rawWhat);
                }
                if (n == 0) return names;
                long off = 0;
                while (off < n) {
                    int reclen = Short.toUnsignedInt(dirents.get(ValueLayout.JAVA_SHORT, off + 16));
                    long nameOff = off + 19;
                    int len = 0;
                    while (dirents.get(ValueLayout.JAVA_BYTE, nameOff + len) != 0) len++;
                    String name = segmentString(dirents, nameOff, len);
                    if (!name.equals(".") && !name.equals("..")) names.add(name);
                    off += reclen;
                }
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public String readlinkat(int dirFd, String name) throws Errno {
        try {
            long r = (long) READLINKAT.invokeExact(state, dirFd, cstr(path0, name), path1, (long) PATH_MAX);
            if (r < 0) throw fail("readlink", name);
            return segmentString(path1, 0, (int) r);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Reads up to len bytes (at most {@link #IO_BUFFER}) into dst; returns 0 at end of file. */
    public int read(int fd, byte[] dst, int off, int len, String rawWhat) throws Errno {
        int want = Math.min(len, IO_BUFFER);
        try {
            while (true) {
                long r = (long) READ.invokeExact(state, fd, io, (long) want);
                if (r >= 0) {
                    MemorySegment.copy(io, ValueLayout.JAVA_BYTE, 0, dst, off, (int) r);
                    return (int) r;
                }
                if (errno() != Errno.EINTR) throw fail("read", rawWhat);
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Writes all of src[off, off+len) (len at most {@link #IO_BUFFER}). */
    public void write(int fd, byte[] src, int off, int len, String rawWhat) throws Errno {
        if (len > IO_BUFFER) throw new IllegalArgumentException("write of " + len + " bytes");
        MemorySegment.copy(src, off, io, ValueLayout.JAVA_BYTE, 0, len);
        long done = 0;
        try {
            while (done < len) {
                long r = (long) WRITE.invokeExact(state, fd, io.asSlice(done), (long) len - done);
                if (r < 0) {
                    if (errno() == Errno.EINTR) continue;
                    throw fail("write", rawWhat);
                }
                done += r;
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static String segmentString(MemorySegment s, long off, int len) {
        byte[] b = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, len);
        return RawNames.fromBytes(b, 0, len);
    }

    @Override
    public void close() {
        arena.close();
    }
}
