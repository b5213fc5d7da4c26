package dev.berth.netlink;

import dev.berth.common.BerthException;
import dev.berth.common.BerthException.Kind;
import dev.berth.netlink.internal.NamespaceCalls;
import dev.berth.netlink.internal.NetnsThreads;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Network namespaces kept alive by a bind mount on a file (like {@code ip netns add}, but anywhere).
 * Lifecycle: {@link #create} makes the namespace with {@code lo} up; {@link #call} runs code inside
 * it; {@link #delete} unmounts and removes the file, and the kernel frees the namespace once no
 * process, socket or mount still holds it.
 *
 * <p>All namespace switching happens on dedicated platform threads (never virtual threads, whose
 * carrier would leak the namespace to unrelated code), which are switched back to the daemon's
 * namespace after each task, or retired if that fails.
 */
public final class Netns {
    private static final String THREAD_NETNS = "/proc/thread-self/ns/net";
    private static final int EINVAL = 22, ENOENT = 2;

    private Netns() {}

    /** Creates a new network namespace bound at {@code file}, with {@code lo} up. */
    public static void create(Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new BerthException(Kind.ALREADY_EXISTS, "network namespace " + file + " already exists");
        } catch (IOException e) {
            throw BerthException.internal("create network namespace " + file + ": " + e.getMessage(), e);
        }
        try {
            NetnsThreads.run(() -> {
                NamespaceCalls.unshareNet();
                Libc.mount(THREAD_NETNS, file.toString(), null, Libc.MS_BIND, null);
                try (RtNetlink rt = RtNetlink.open()) {
                    rt.setUp("lo");
                }
                return null;
            });
        } catch (Exception e) {
            removeQuietly(file);
            throw e instanceof BerthException b ? b
                    : BerthException.internal("create network namespace " + file + ": " + e.getMessage(), e);
        }
    }

    /** Unmounts and removes a namespace file; a missing file is not an error. */
    public static void delete(Path file) {
        try {
            Libc.umount2(file.toString(), Libc.MNT_DETACH);
        } catch (Errno e) {
            if (e.errno() != EINVAL && e.errno() != ENOENT) {
                throw BerthException.internal("delete network namespace " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw BerthException.internal("delete network namespace " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} on a platform thread inside the namespace {@code netnsFile} (a bind mount
     * or /proc/PID/ns/net) and returns its result; sockets it opens belong to that namespace.
     * Exceptions of the action propagate unchanged.
     */
    public static <T> T call(Path netnsFile, Callable<T> action) throws Exception {
        return NetnsThreads.run(() -> {
            enter(netnsFile);
            return action.call();
        });
    }

    private static void enter(Path netnsFile) {
        int fd = openFd(netnsFile);
        try {
            NamespaceCalls.setnsNet(fd, netnsFile.toString());
        } catch (Errno e) {
            throw new BerthException(e.errno() == EINVAL ? Kind.INVALID_ARGUMENT : Kind.INTERNAL,
                    "enter network namespace " + netnsFile + ": "
                            + (e.errno() == EINVAL ? "not a network namespace" : Libc.strerror(e.errno())));
        } finally {
            Libc.close(fd);
        }
    }

    /** Opens {@code netnsFile} for IFLA_NET_NS_FD; the caller closes the descriptor. */
    static int openFd(Path netnsFile) {
        try {
            return Libc.open(netnsFile.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        } catch (Errno e) {
            throw new BerthException(e.errno() == ENOENT ? Kind.NOT_FOUND : Kind.INTERNAL,
                    "network namespace " + netnsFile + ": " + Libc.strerror(e.errno()));
        }
    }

    private static void removeQuietly(Path file) {
        try {
            delete(file);
        } catch (RuntimeException ignored) {
            // best effort: the original failure is what the caller needs to see
        }
    }
}
