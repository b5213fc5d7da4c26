package dev.berth.snapshot.internal;

import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The file-descriptor based mount API (fsopen, fsconfig, fsmount, move_mount; Linux 5.2+), through the raw
 * syscall(2) entry because older glibc has no wrappers. Its syscall numbers are the same on every
 * architecture. Overlay's {@code lowerdir+} key, which adds one lower layer per call and so has no
 * length limit, needs Linux 6.8.
 */
public final class NewMountApi implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(LONG, LONG, LONG, LONG, LONG, LONG, LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private static final long SYS_MOVE_MOUNT = 429, SYS_FSOPEN = 430, SYS_FSCONFIG = 431, SYS_FSMOUNT = 432;
    private static final long FSOPEN_CLOEXEC = 1, FSMOUNT_CLOEXEC = 1;
    private static final long FSCONFIG_SET_FLAG = 0, FSCONFIG_SET_STRING = 1, FSCONFIG_CMD_CREATE = 6;
    private static final long AT_FDCWD = -100, MOVE_MOUNT_F_EMPTY_PATH = 4;
    public static final long MOUNT_ATTR_RDONLY = 1, MOUNT_ATTR_NOSUID = 2, MOUNT_ATTR_NODEV = 4, MOUNT_ATTR_NOEXEC = 8,
            MOUNT_ATTR_NOATIME = 0x10, MOUNT_ATTR_NODIRATIME = 0x80;

    private final String fsType;
    private final int fsFd;

    private NewMountApi(String fsType, int fsFd) {
        this.fsType = fsType;
        this.fsFd = fsFd;
    }

    /** fsopen: a filesystem context to configure. ENOSYS on kernels before 5.2. */
    public static NewMountApi open(String fsType) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            long fd = call(a, "fsopen", fsType, SYS_FSOPEN, a.allocateFrom(fsType).address(), FSOPEN_CLOEXEC, 0, 0, 0);
            return new NewMountApi(fsType, (int) fd);
        }
    }

    public void setString(String key, String value) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            call(a, "fsconfig", fsType + " " + key + "=" + value, SYS_FSCONFIG, fsFd, FSCONFIG_SET_STRING,
                    a.allocateFrom(key).address(), a.allocateFrom(value).address(), 0);
        }
    }

    public void setFlag(String key) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            call(a, "fsconfig", fsType + " " + key, SYS_FSCONFIG, fsFd, FSCONFIG_SET_FLAG, a.allocateFrom(key).address(), 0, 0);
        }
    }

    /** Creates the superblock, makes a detached mount of it and attaches that on {@code target}. */
    public void createAndMove(long attrFlags, String target) throws Errno {
        try (Arena a = Arena.ofConfined()) {
            call(a, "fsconfig", fsType + " create", SYS_FSCONFIG, fsFd, FSCONFIG_CMD_CREATE, 0, 0, 0);
            int mntFd = (int) call(a, "fsmount", fsType, SYS_FSMOUNT, fsFd, FSMOUNT_CLOEXEC, attrFlags, 0, 0);
            try {
                call(a, "move_mount", fsType + " on " + target, SYS_MOVE_MOUNT, mntFd, a.allocateFrom("").address(),
                        AT_FDCWD, a.allocateFrom(target).address(), MOVE_MOUNT_F_EMPTY_PATH);
            } finally {
                Libc.close(mntFd);
            }
        }
    }

    /** The kernel's own explanation of a failure, which it queues on the context fd ("e overlay: ..."). */
    public List<String> messages() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            try {
                byte[] m = Libc.read(fsFd, 1024);
                if (m.length == 0) break;
                out.add(new String(m, java.nio.charset.StandardCharsets.UTF_8).strip());
            } catch (Errno e) {
                break; // ENODATA: no more messages
            }
        }
        return out;
    }

    @Override
    public void close() {
        Libc.close(fsFd);
    }

    private static long call(Arena a, String name, String what, long nr, long a1, long a2, long a3, long a4, long a5) throws Errno {
        MemorySegment st = a.allocate(STATE);
        long r;
        try {
            r = (long) SYSCALL.invokeExact(st, nr, a1, a2, a3, a4, a5);
        } catch (Throwable t) {
            throw FsCalls.rethrow(t);
        }
        if (r < 0) throw new Errno(name, what, (int) ERRNO.get(st, 0L));
        return r;
    }
}
