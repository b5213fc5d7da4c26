package dev.berth.netlink.internal;

import static dev.berth.netlink.internal.NlConstants.*;

import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A NETLINK_ROUTE socket in the network namespace of the thread that opened it; afterwards usable
 * from any thread, one request at a time (callers synchronize). Knows frames, not rtnetlink.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int RECV_BUFFER = 64 * 1024;
    private static final int SOL_SOCKET = 1, SO_RCVTIMEO = 20;
    private static final long RECV_TIMEOUT_SECONDS = 5;
    /** struct sockaddr_nl: family u16, pad u16, pid u32, groups u32 (pid 0 = the kernel). */
    private static final int SOCKADDR_NL_LEN = 12;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment sendBuf = arena.allocate(RECV_BUFFER);
    private final MemorySegment recvBuf = arena.allocate(RECV_BUFFER);
    private final MemorySegment kernel = arena.allocate(SOCKADDR_NL_LEN);
    private final MemorySegment state = SocketCalls.allocateState(arena);
    private final int fd;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
        kernel.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
    }

    public static NetlinkSocket open() throws Errno {
        return open(NETLINK_ROUTE);
    }

    /** A socket of another netlink family (NETLINK_NETFILTER for conntrack). */
    public static NetlinkSocket open(int protocol) throws Errno {
        int fd = SocketCalls.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        NetlinkSocket s = new NetlinkSocket(fd);
        try {
            s.configure();
            return s;
        } catch (Errno | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void configure() throws Errno {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment one = a.allocate(ValueLayout.JAVA_INT);
            one.set(ValueLayout.JAVA_INT, 0, 1);
            SocketCalls.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, one);
            SocketCalls.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, one);
            MemorySegment timeval = a.allocate(16);
            timeval.set(ValueLayout.JAVA_LONG, 0, RECV_TIMEOUT_SECONDS);
            SocketCalls.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeval);
        }
    }

    /** Sends one request and returns its sequence number. */
    public int send(NlMessage message) throws Errno {
        int s = ++seq;
        byte[] bytes = message.finish(s);
        if (bytes.length > sendBuf.byteSize()) throw new IllegalArgumentException("netlink request too large: " + bytes.length);
        MemorySegment.copy(bytes, 0, sendBuf, ValueLayout.JAVA_BYTE, 0, bytes.length);
        SocketCalls.sendto(fd, sendBuf, bytes.length, kernel, state);
        return s;
    }

    /**
     * Receives the replies to request {@code seq} until its ACK/error or NLMSG_DONE (so every
     * request must carry NLM_F_ACK or be a dump); replies to
     * other sequence numbers (late answers to an abandoned request) are dropped. The returned
     * frames are copies owned by the caller, the terminating frame last.
     */
    public List<NlFrame> receive(int seq) throws Errno {
        List<NlFrame> out = new ArrayList<>();
        while (true) {
            long n = SocketCalls.recv(fd, recvBuf, MSG_TRUNC, state);
            if (n > recvBuf.byteSize()) throw new Errno("recv", "netlink reply of " + n + " bytes truncated", Errno.EIO);
            MemorySegment copy = MemorySegment.ofArray(recvBuf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
            for (NlFrame f : NlFrame.split(copy)) {
                if (f.seq() != seq) continue;
                out.add(f);
                if (f.type() == NLMSG_ERROR || f.type() == NLMSG_DONE) return out;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
        arena.close();
    }
}
