package dev.berth.snapshot.internal;

import dev.berth.sys.Errno;
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

/**
 * FFM bindings this module needs beyond {@code dev.berth.sys.Libc}: statx (for allocated blocks, which
 * Java's file attributes do not give), syncfs, and the per-thread cwd used to mount long overlay stacks.
 */
public final class FsCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle STATX = handle("statx", FunctionDescriptor.of(INT, INT, PTR, INT, INT, PTR));
    private static final MethodHandle SYNCFS = handle("syncfs", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle UNSHARE = handle("unshare", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle CHDIR = handle("chdir", FunctionDescriptor.of(INT, PTR));

    private static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, STATX_BASIC_STATS = 0x7ff;
    private static final int CLONE_FS = 0x200;
    private static final long STATX_SIZE = 256;

    private FsCalls() {}

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd, CAPTURE);
    }

    /** What {@link #lstat} reports: the inode identity, its type and mode bits, and allocated 512-byte blocks. */
    public record Stat(long devMajor, long devMinor, long ino, int mode, long nlink, long size, long blocks) {
        public static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFLNK = 0120000;

        public boolean isDirectory() {
            return (mode & S_IFMT) == S_IFDIR;
        }

        /** An overlay whiteout: a character device with device number 0:0. */
        public boolean isCharDevice() {
            return (mode & S_IFMT) == S_IFCHR;
        }
    }

    /** statx without following a final symlink. */
    public static Stat lstat(String path) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            MemorySegment buf = a.allocate(STATX_SIZE, 8);
            int r = (int) STATX.invokeExact(st, AT_FDCWD, a.allocateFrom(path), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buf);
            if (r < 0) throw new Errno("statx", path, errno(st));
            return new Stat(
                    Integer.toUnsignedLong(buf.get(INT, 136)), Integer.toUnsignedLong(buf.get(INT, 140)),
                    buf.get(ValueLayout.JAVA_LONG, 32),
                    Short.toUnsignedInt(buf.get(ValueLayout.JAVA_SHORT, 28)),
                    Integer.toUnsignedLong(buf.get(INT, 16)),
                    buf.get(ValueLayout.JAVA_LONG, 40),
                    buf.get(ValueLayout.JAVA_LONG, 48));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Flushes every dirty page of the filesystem {@code fd} lives on. */
    public static void syncfs(int fd, String what) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) SYNCFS.invokeExact(st, fd);
            if (r < 0) throw new Errno("syncfs", what, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Gives the calling thread its own cwd/root/umask (unshare CLONE_FS), so a later chdir affects no other
     * thread of the JVM. Only for a short-lived platform thread made for the purpose.
     */
    public static void unshareFs() throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) UNSHARE.invokeExact(st, CLONE_FS);
            if (r < 0) throw new Errno("unshare", "CLONE_FS", errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void chdir(String dir) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) CHDIR.invokeExact(st, a.allocateFrom(dir));
            if (r < 0) throw new Errno("chdir", dir, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
