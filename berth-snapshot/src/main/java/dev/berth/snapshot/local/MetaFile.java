package dev.berth.snapshot.local;

import dev.berth.common.BerthException;
import dev.berth.snapshot.SnapshotKind;
import java.time.Instant;

/** The JSON shape of {@code meta.json}; translated to and from {@link SnapshotRecord}. */
record MetaFile(int version, long id, String key, long parent, String kind, boolean staging, String created) {
    static final int VERSION = 1;

    static MetaFile of(SnapshotRecord r) {
        return new MetaFile(VERSION, r.id(), r.key(), r.parentId(), r.kind().name(), r.staging(), r.created().toString());
    }

    SnapshotRecord toRecord(long dirId) {
        if (version != VERSION) throw BerthException.invalid("snapshot %d: unknown metadata version %d", dirId, version);
        if (id != dirId) throw BerthException.invalid("snapshot %d: metadata names id %d", dirId, id);
        if (key == null || key.isEmpty()) throw BerthException.invalid("snapshot %d: metadata has no key", dirId);
        try {
            return new SnapshotRecord(id, key, parent, SnapshotKind.valueOf(kind), staging, Instant.parse(created));
        } catch (RuntimeException e) {
            throw BerthException.invalid("snapshot %d: bad metadata: %s", dirId, e.getMessage());
        }
    }
}
