package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** FFM binding of openat2(2) (Linux 5.6+), made through syscall(2) as glibc 2.36 has no wrapper. */
public final class Openat2 {
    public static final long RESOLVE_NO_XDEV = 0x01, RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_NO_SYMLINKS = 0x04,
            RESOLVE_BENEATH = 0x08, RESOLVE_IN_ROOT = 0x10;
    public static final long O_RDONLY = 0, O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000, O_CLOEXEC = 02000000, O_PATH = 010000000;
    private static final int EAGAIN = 11;

    /** The same number on x86_64 and aarch64: syscalls added since 5.x share one table. */
    private static final long SYS_OPENAT2 = 437;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    // Every variadic argument is passed as a full 64-bit value: syscall(2) reads each one as a long.
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private Openat2() {}

    public static boolean supportedArch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64");
    }

    /** openat2(dirfd, path, {flags, 0, resolve}); retries EAGAIN (a racing rename elsewhere in the tree). */
    public static int open(int dirfd, String path, long flags, long resolve) throws Errno {
        for (int attempt = 0; ; attempt++) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment state = a.allocate(STATE);
                MemorySegment how = a.allocate(24, 8);
                how.set(ValueLayout.JAVA_LONG, 0, flags);
                how.set(ValueLayout.JAVA_LONG, 8, 0L);
                how.set(ValueLayout.JAVA_LONG, 16, resolve);
                long r = (long) SYSCALL.invokeExact(state, SYS_OPENAT2, (long) dirfd, a.allocateFrom(path), how, 24L);
                if (r >= 0) return (int) r;
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != EAGAIN || attempt >= 16) throw new Errno("openat2", path, errno);
            } catch (Errno | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
