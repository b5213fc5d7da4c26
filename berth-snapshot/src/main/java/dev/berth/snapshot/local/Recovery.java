package dev.berth.snapshot.local;

import java.util.List;

/**
 * What opening a store found and did about interrupted operations.
 *
 * @param removed what was deleted (half-made snapshot directories, staging snapshots, temp files)
 * @param ignored snapshots left on disk but not indexed (unreadable metadata, missing parent): never
 *                deleted automatically, since they might be recoverable by hand
 */
public record Recovery(List<String> removed, List<String> ignored) {
    public Recovery {
        removed = List.copyOf(removed);
        ignored = List.copyOf(ignored);
    }
}
