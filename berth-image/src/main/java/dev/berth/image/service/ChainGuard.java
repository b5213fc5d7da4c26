package dev.berth.image.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps snapshot garbage collection away from snapshots an operation is still working with, and
 * serialises unpacks of the same chain.
 *
 * <p><b>Protection.</b> An operation (unpack, load, commit, import, preparing a container) {@link #protect
 * protects} the keys it will use or create before it looks at them, and releases them only after what
 * keeps them alive for good exists (the image record, or the container's init snapshot, whose parent
 * relation the snapshotter itself enforces). {@link #sweep} runs under the same monitor, computing what
 * images need and removing snapshots in one critical section, so a snapshot is either protected,
 * needed by an image recorded before the sweep began, or truly garbage.
 *
 * <p><b>Unpack locks.</b> {@link #unpackLock} gives one lock per chain id (striped: two chains may share
 * a stripe, which only serialises them), so two threads never stage the same layer twice.
 */
final class ChainGuard {
    private final Map<String, Integer> protectedKeys = new HashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    ChainGuard() {
        for (int i = 0; i < stripes.length; i++) stripes[i] = new ReentrantLock();
    }

    /** A protection; closing it releases the keys (each protect is counted, so protections nest). */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    synchronized Hold protect(Collection<String> keys) {
        List<String> copy = List.copyOf(keys);
        for (String k : copy) protectedKeys.merge(k, 1, Integer::sum);
        boolean[] closed = {false};
        return () -> {
            synchronized (ChainGuard.this) {
                if (closed[0]) return;
                closed[0] = true;
                for (String k : copy) protectedKeys.computeIfPresent(k, (key, n) -> n == 1 ? null : n - 1);
            }
        };
    }

    synchronized boolean isProtected(String key) {
        return protectedKeys.containsKey(key);
    }

    ReentrantLock unpackLock(String chainId) {
        return stripes[Math.floorMod(chainId.hashCode(), stripes.length)];
    }

    /** Runs a collection pass while no protection can be taken or released. */
    synchronized <T> T sweep(Supplier<T> pass) {
        return pass.get();
    }
}
