package dev.berth.netlink.internal;

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

/** FFM bindings of the BSD socket calls a netlink socket needs (libc has no Java binding for them). */
final class SocketCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt", FunctionDescriptor.of(INT, INT, INT, INT, PTR, INT));
    private static final MethodHandle SENDTO = downcall("sendto", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT, PTR, INT));
    private static final MethodHandle RECV = downcall("recv", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT));

    private static final int EINTR = 4;

    private SocketCalls() {}

    private static MethodHandle downcall(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, CAPTURE);
    }

    static int socket(int domain, int type, int protocol) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) SOCKET.invokeExact(st, domain, type, protocol);
            if (r < 0) throw new Errno("socket", "netlink", (int) ERRNO.get(st, 0L));
            return r;
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void setsockopt(int fd, int level, int name, MemorySegment value) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(STATE);
            int r = (int) SETSOCKOPT.invokeExact(st, fd, level, name, value, (int) value.byteSize());
            if (r < 0) throw new Errno("setsockopt", "level " + level + " option " + name, (int) ERRNO.get(st, 0L));
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static long sendto(int fd, MemorySegment buf, long len, MemorySegment addr, MemorySegment state) throws Errno {
        try {
            while (true) {
                long r = (long) SENDTO.invokeExact(state, fd, buf, len, 0, addr, (int) addr.byteSize());
                if (r >= 0) return r;
                int e = (int) ERRNO.get(state, 0L);
                if (e != EINTR) throw new Errno("sendto", "netlink socket", e);
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static long recv(int fd, MemorySegment buf, int flags, MemorySegment state) throws Errno {
        try {
            while (true) {
                long r = (long) RECV.invokeExact(state, fd, buf, buf.byteSize(), flags);
                if (r >= 0) return r;
                int e = (int) ERRNO.get(state, 0L);
                if (e != EINTR) throw new Errno("recv", "netlink socket", e);
            }
        } catch (Errno e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static MemorySegment allocateState(Arena arena) {
        return arena.allocate(STATE);
    }
}
