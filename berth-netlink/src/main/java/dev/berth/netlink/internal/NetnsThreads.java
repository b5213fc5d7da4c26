package dev.berth.netlink.internal;

import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform threads that may leave the daemon's network namespace for the length of one task.
 * After every task the thread is switched back to the namespace of the process's main thread
 * (opened once, at class init); a thread that cannot be switched back is retired (its worker dies
 * and is never handed another task). Idle threads are kept a while so a burst of container starts
 * does not pay for thread creation each time.
 */
public final class NetnsThreads {
    private static final long IDLE_SECONDS = 30;
    private static final String ORIGINAL_PATH = "/proc/" + Libc.getpid() + "/ns/net";
    private static final int ORIGINAL_FD = openOriginal();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), NetnsThreads::newThread);

    /** Thrown on a worker that could not return to the daemon's namespace, to end that worker. */
    private static final class ThreadRetired extends Error {
        ThreadRetired() {
            super("netns thread retired", null, false, false);
        }
    }

    private NetnsThreads() {}

    private static int openOriginal() {
        try {
            return Libc.open(ORIGINAL_PATH, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        } catch (Errno e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Thread newThread(Runnable r) {
        Thread t = Thread.ofPlatform().daemon().name("berth-netns-" + COUNTER.incrementAndGet()).unstarted(r);
        t.setUncaughtExceptionHandler((thread, e) -> {
            if (!(e instanceof ThreadRetired)) e.printStackTrace();
        });
        return t;
    }

    /**
     * Runs {@code task} on a netns thread and waits for it (not interruptibly: the tasks are short
     * and must not outlive the call). The task may switch the thread's network namespace; the thread
     * is always switched back afterwards. The task's exception is rethrown as is.
     */
    public static <T> T run(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        POOL.execute(() -> {
            T value = null;
            Throwable failure = null;
            try {
                value = task.call();
            } catch (Throwable t) {
                failure = t;
            }
            try {
                NamespaceCalls.setnsNet(ORIGINAL_FD, ORIGINAL_PATH);
            } catch (Throwable e) {
                var err = BerthException.internal("could not return a thread to the daemon's network namespace", e);
                if (failure != null) err.addSuppressed(failure);
                result.completeExceptionally(err);
                throw new ThreadRetired();
            }
            if (failure != null) result.completeExceptionally(failure);
            else result.complete(value);
        });
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            if (cause instanceof Error err) throw err;
            throw e;
        }
    }
}
