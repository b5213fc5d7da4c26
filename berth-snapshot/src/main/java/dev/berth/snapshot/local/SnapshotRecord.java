package dev.berth.snapshot.local;

import dev.berth.snapshot.SnapshotKind;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot as the metastore keeps it. Parents are referenced by id, which never changes (a commit
 * renames the key but keeps the id and the directory).
 *
 * @param parentId the parent's id, or {@link #NO_PARENT}
 */
public record SnapshotRecord(long id, String key, long parentId, SnapshotKind kind, boolean staging, Instant created) {
    public static final long NO_PARENT = 0;

    public SnapshotRecord {
        if (id <= 0) throw new IllegalArgumentException("snapshot id must be positive: " + id);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
        if (parentId >= id) throw new IllegalArgumentException("snapshot " + id + ": parent " + parentId + " is not older");
    }

    public boolean hasParent() {
        return parentId != NO_PARENT;
    }

    SnapshotRecord committedAs(String newKey) {
        return new SnapshotRecord(id, newKey, parentId, SnapshotKind.COMMITTED, false, created);
    }
}
