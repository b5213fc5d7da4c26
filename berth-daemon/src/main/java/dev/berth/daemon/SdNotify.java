package dev.berth.daemon;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/** sd_notify(3): tells systemd (or any NOTIFY_SOCKET listener) "READY=1". Java has no unix datagram sockets, so FFM. */
final class SdNotify {
    private SdNotify() {}

    static void notify(String state) {
        String path = System.getenv("NOTIFY_SOCKET");
        if (path == null || path.isEmpty()) return;
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        try (Arena a = Arena.ofConfined()) {
            MethodHandle socket = linker.downcallHandle(libc.find("socket").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            int fd = (int) socket.invokeExact(1 /* AF_UNIX */, 2 | 02000000 /* SOCK_DGRAM|SOCK_CLOEXEC */, 0);
            if (fd < 0) return;
            byte[] p = path.getBytes(StandardCharsets.UTF_8);
            if (p[0] == '@') p[0] = 0;
            MemorySegment addr = a.allocate(110);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) 1);
            MemorySegment.copy(p, 0, addr, ValueLayout.JAVA_BYTE, 2, Math.min(p.length, 107));
            byte[] msg = state.getBytes(StandardCharsets.UTF_8);
            MemorySegment m = a.allocateFrom(ValueLayout.JAVA_BYTE, msg);
            long r = (long) sendto.invokeExact(fd, m, (long) msg.length, 0, addr, 2 + Math.min(p.length, 107));
            int c = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            // best effort, as sd_notify is
        }
    }
}
