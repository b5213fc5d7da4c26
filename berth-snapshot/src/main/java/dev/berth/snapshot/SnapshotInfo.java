package dev.berth.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link SnapshotCatalog#stat} tells about a snapshot.
 *
 * @param key     the snapshot's name (a chain id for image layers, a container id for containers)
 * @param parent  the key of the committed snapshot below it, or null for a base snapshot
 * @param kind    active, view or committed
 * @param staging true for an active snapshot made by {@link SnapshotLifecycle#stage}: it exists only to
 *                be committed and does not survive a restart
 * @param created when it was prepared
 */
public record SnapshotInfo(String key, String parent, SnapshotKind kind, boolean staging, Instant created) {
    public SnapshotInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
    }
}
