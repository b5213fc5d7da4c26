package dev.berth.engine.archive;

import dev.berth.sys.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** FFM binding of openat2(2) (Linux 5.6+) through syscall(2), as glibc 2.36 has no wrapper. */
final class Openat2 {
    static final long RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_IN_ROOT = 0x10;
    static final long O_RDONLY = 0, O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000, O_CLOEXEC = 02000000, O_PATH = 010000000;

    /** The same number on x86_64 and aarch64. */
    private static final long SYS_OPENAT2 = 437;
    private static final int EAGAIN = 11;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private Openat2() {}

    /** openat2(dirfd, path, {flags, 0, resolve}); retries EAGAIN (a racing rename elsewhere in the tree). */
    static int open(int dirfd, String path, long flags, long resolve) throws Errno {
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
