package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * FFM bindings of the few libc calls Berth makes from Java. Each call captures errno and, on
 * failure, throws {@link Errno} naming the call and its argument. Small on purpose: one concern per
 * method, no state.
 */
public final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final java.lang.foreign.StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;

    private static final Downcall STRERROR = new Downcall("strerror",
            FunctionDescriptor.of(PTR.withTargetLayout(java.lang.foreign.MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE)), INT), false);
    private static final Downcall KILL = new Downcall("kill", FunctionDescriptor.of(INT, INT, INT), true);
    private static final Downcall MOUNT = new Downcall("mount", FunctionDescriptor.of(INT, PTR, PTR, PTR, LONG, PTR), true);
    private static final Downcall UMOUNT2 = new Downcall("umount2", FunctionDescriptor.of(INT, PTR, INT), true);
    private static final Downcall MKFIFO = new Downcall("mkfifo", FunctionDescriptor.of(INT, PTR, INT), true);
    private static final Downcall MKNOD = new Downcall("mknod", FunctionDescriptor.of(INT, PTR, INT, LONG), true);
    private static final Downcall LCHOWN = new Downcall("lchown", FunctionDescriptor.of(INT, PTR, INT, INT), true);
    private static final Downcall LSETXATTR = new Downcall("lsetxattr", FunctionDescriptor.of(INT, PTR, PTR, PTR, LONG, INT), true);
    private static final Downcall LGETXATTR = new Downcall("lgetxattr", FunctionDescriptor.of(LONG, PTR, PTR, PTR, LONG), true);
    private static final Downcall OPEN = new Downcall("open", FunctionDescriptor.of(INT, PTR, INT, INT), true);
    private static final Downcall CLOSE = new Downcall("close", FunctionDescriptor.of(INT, INT), true);
    private static final Downcall WRITE = new Downcall("write", FunctionDescriptor.of(LONG, INT, PTR, LONG), true);
    private static final Downcall READ = new Downcall("read", FunctionDescriptor.of(LONG, INT, PTR, LONG), true);
    private static final Downcall POLL = new Downcall("poll", FunctionDescriptor.of(INT, PTR, LONG, INT), true);
    private static final Downcall SYSCALL3 = new Downcall("syscall", FunctionDescriptor.of(LONG, LONG, LONG, LONG, LONG, LONG), true);
    private static final Downcall FCNTL = new Downcall("fcntl", FunctionDescriptor.of(INT, INT, INT, INT), true);

    public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_NONBLOCK = 04000, O_CLOEXEC = 02000000,
            O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000, O_PATH = 010000000, O_CREAT = 0100;
    public static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32,
            MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19,
            MS_SHARED = 1 << 20, MS_UNBINDABLE = 1 << 17, MS_NOATIME = 1024, MS_NODIRATIME = 2048,
            MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24, MS_SYNCHRONOUS = 16, MS_DIRSYNC = 128, MS_MANDLOCK = 64;
    public static final int MNT_DETACH = 2;
    public static final long SYS_PIDFD_OPEN = 434, SYS_PIDFD_SEND_SIGNAL = 424, SYS_MEMFD_CREATE = 319;
    public static final int POLLIN = 1;

    private Libc() {}

    /**
     * A downcall made on first use: each costs milliseconds to link, and a short-lived CLI needs
     * only a few of them.
     */
    private static final class Downcall {
        private final String name;
        private final FunctionDescriptor descriptor;
        private final boolean captureErrno;
        private volatile MethodHandle handle;

        Downcall(String name, FunctionDescriptor descriptor, boolean captureErrno) {
            this.name = name;
            this.descriptor = descriptor;
            this.captureErrno = captureErrno;
        }

        MethodHandle mh() {
            MethodHandle h = handle;
            if (h == null) {
                var symbol = LIBC.find(name).orElseThrow();
                h = captureErrno ? LINKER.downcallHandle(symbol, descriptor, CAPTURE) : LINKER.downcallHandle(symbol, descriptor);
                handle = h;
            }
            return h;
        }
    }

    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.mh().invokeExact(errno);
            return s.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    public static int getpid() {
        return (int) ProcessHandle.current().pid();
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    public static void kill(int pid, int signal) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) KILL.mh().invokeExact(st, pid, signal);
            if (r < 0) throw new Errno("kill", pid + " signal " + signal, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Returns false (instead of throwing) when the process does not exist. */
    public static boolean alive(int pid) {
        try {
            kill(pid, 0);
            return true;
        } catch (Errno e) {
            return e.errno() != Errno.ESRCH;
        }
    }

    public static void mount(String source, String target, String type, long flags, String data) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) MOUNT.mh().invokeExact(st, cstr(a, source), cstr(a, target), cstr(a, type), flags, cstr(a, data));
            if (r < 0) throw new Errno("mount", (type == null ? "" : type + " ") + source + " on " + target, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void umount2(String target, int flags) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) UMOUNT2.mh().invokeExact(st, cstr(a, target), flags);
            if (r < 0) throw new Errno("umount", target, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void mkfifo(String path, int mode) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) MKFIFO.mh().invokeExact(st, cstr(a, path), mode);
            if (r < 0) throw new Errno("mkfifo", path, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** mode includes the file type bits (S_IFCHR = 0020000, S_IFBLK = 0060000, S_IFIFO = 0010000). */
    public static void mknod(String path, int mode, long dev) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) MKNOD.mh().invokeExact(st, cstr(a, path), mode, dev);
            if (r < 0) throw new Errno("mknod", path, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    public static void lchown(String path, int uid, int gid) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) LCHOWN.mh().invokeExact(st, cstr(a, path), uid, gid);
            if (r < 0) throw new Errno("lchown", path, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void lsetxattr(String path, String name, byte[] value) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            MemorySegment v = a.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
            int r = (int) LSETXATTR.mh().invokeExact(st, cstr(a, path), cstr(a, name), v, (long) value.length, 0);
            if (r < 0) throw new Errno("lsetxattr", path + " " + name, errno(st));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Returns null when the attribute is absent. */
    public static byte[] lgetxattr(String path, String name) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            MemorySegment v = a.allocate(65536);
            long r = (long) LGETXATTR.mh().invokeExact(st, cstr(a, path), cstr(a, name), v, 65536L);
            if (r < 0) {
                int e = errno(st);
                if (e == 61 /* ENODATA */) return null;
                throw new Errno("lgetxattr", path + " " + name, e);
            }
            return v.asSlice(0, r).toArray(ValueLayout.JAVA_BYTE);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int open(String path, int flags, int mode) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) OPEN.mh().invokeExact(st, cstr(a, path), flags, mode);
            if (r < 0) throw new Errno("open", path, errno(st));
            return r;
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void close(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) CLOSE.mh().invokeExact(st, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long write(int fd, byte[] data) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            MemorySegment b = a.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, b, ValueLayout.JAVA_BYTE, 0, data.length);
            long r = (long) WRITE.mh().invokeExact(st, fd, b, (long) data.length);
            if (r < 0) throw new Errno("write", "fd " + fd, errno(st));
            return r;
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static byte[] read(int fd, int max) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            MemorySegment b = a.allocate(Math.max(1, max));
            long r = (long) READ.mh().invokeExact(st, fd, b, (long) max);
            if (r < 0) throw new Errno("read", "fd " + fd, errno(st));
            return b.asSlice(0, r).toArray(ValueLayout.JAVA_BYTE);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Waits until fd is readable; returns false on timeout. timeoutMs < 0 waits forever. */
    public static boolean pollIn(int fd, int timeoutMs) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            MemorySegment pfd = a.allocate(8);
            pfd.set(INT, 0, fd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, (short) POLLIN);
            while (true) {
                int r = (int) POLL.mh().invokeExact(st, pfd, 1L, timeoutMs);
                if (r >= 0) return r > 0;
                int e = errno(st);
                if (e != Errno.EINTR) throw new Errno("poll", "fd " + fd, e);
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A raw syscall with up to three arguments; the fourth is passed as 0 (not left as register garbage). */
    public static long syscall(long nr, long a1, long a2, long a3, String what) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            long r = (long) SYSCALL3.mh().invokeExact(st, nr, a1, a2, a3, 0L);
            if (r < 0) throw new Errno("syscall " + nr, what, errno(st));
            return r;
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int fcntl(int fd, int cmd, int arg) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) FCNTL.mh().invokeExact(st, fd, cmd, arg);
            if (r < 0) throw new Errno("fcntl", "fd " + fd, errno(st));
            return r;
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A pidfd for any process (not only children); poll it to learn when the process has exited. */
    public static int pidfdOpen(int pid) throws Errno {
        return (int) syscall(SYS_PIDFD_OPEN, pid, 0, 0, "pidfd_open " + pid);
    }

    public static void pidfdSendSignal(int pidfd, int signal) throws Errno {
        syscall(SYS_PIDFD_SEND_SIGNAL, pidfd, signal, 0, "pidfd_send_signal signal " + signal);
    }

    static MemorySegment cstr(Arena a, String s) {
        return s == null ? MemorySegment.NULL : a.allocateFrom(s);
    }
}
