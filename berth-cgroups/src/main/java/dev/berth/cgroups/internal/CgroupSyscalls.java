package dev.berth.cgroups.internal;

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

/** The libc calls cgroup management needs beyond {@link dev.berth.sys.Libc}: mkdir and rmdir with errno, statfs. */
public final class CgroupSyscalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle MKDIR = handle("mkdir", FunctionDescriptor.of(INT, PTR, INT));
    private static final MethodHandle RMDIR = handle("rmdir", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle STATFS = handle("statfs", FunctionDescriptor.of(INT, PTR, PTR));
    /** struct statfs is 120 bytes on 64-bit Linux; f_type is its first field, a long. */
    private static final long STATFS_SIZE = 128;

    private CgroupSyscalls() {}

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd, CAPTURE);
    }

    /** Creates a directory; returns false when it already exists. */
    public static boolean mkdir(String path, int mode) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) MKDIR.invokeExact(st, a.allocateFrom(path), mode);
            if (r == 0) return true;
            int e = (int) ERRNO.get(st, 0L);
            if (e == Errno.EEXIST) return false;
            throw new Errno("mkdir", path, e);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Removes a directory; returns false when it does not exist. */
    public static boolean rmdir(String path) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) RMDIR.invokeExact(st, a.allocateFrom(path));
            if (r == 0) return true;
            int e = (int) ERRNO.get(st, 0L);
            if (e == Errno.ENOENT) return false;
            throw new Errno("rmdir", path, e);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The filesystem magic number (statfs f_type) of the filesystem holding path. */
    public static long fsType(String path) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            MemorySegment buf = a.allocate(STATFS_SIZE, 8);
            int r = (int) STATFS.invokeExact(st, a.allocateFrom(path), buf);
            if (r < 0) throw new Errno("statfs", path, (int) ERRNO.get(st, 0L));
            return buf.get(ValueLayout.JAVA_LONG, 0);
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
