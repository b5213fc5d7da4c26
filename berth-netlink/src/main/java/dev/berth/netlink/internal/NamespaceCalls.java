package dev.berth.netlink.internal;

import dev.berth.sys.Errno;
import dev.berth.sys.Libc;

/** unshare(2) and setns(2) for the network namespace; both act on the calling thread only. */
public final class NamespaceCalls {
    private static final long SYS_UNSHARE = 272, SYS_SETNS = 308;
    public static final int CLONE_NEWNET = 0x40000000;

    private NamespaceCalls() {}

    public static void unshareNet() throws Errno {
        Libc.syscall(SYS_UNSHARE, CLONE_NEWNET, 0, 0, "unshare(CLONE_NEWNET)");
    }

    public static void setnsNet(int fd, String what) throws Errno {
        Libc.syscall(SYS_SETNS, fd, CLONE_NEWNET, 0, "setns " + what);
    }
}
