package dev.berth.engine.container;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What `wait` callers block on: the next exit of a container, and its removal. Each completes
 * with the exit code; a new future replaces the completed next-exit one when the container starts again.
 */
final class Waits {
    private final Map<String, CompletableFuture<Integer>> nextExit = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Integer>> removed = new ConcurrentHashMap<>();

    CompletableFuture<Integer> nextExit(String id) {
        return nextExit.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    CompletableFuture<Integer> removed(String id) {
        return removed.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    void exited(String id, int code) {
        CompletableFuture<Integer> f = nextExit.remove(id);
        if (f != null) f.complete(code);
    }

    void removedNow(String id, int code) {
        exited(id, code);
        CompletableFuture<Integer> f = removed.remove(id);
        if (f != null) f.complete(code);
    }
}
