package dev.berth.snapshot;

import java.util.List;

/** The read side of a {@link Snapshotter}: what exists, how big it is, and how to mount it. */
public interface SnapshotCatalog {

    /** @throws dev.berth.common.BerthException NOT_FOUND when no snapshot has this key */
    SnapshotInfo stat(String key);

    /** Every snapshot, parents before their children (creation order). */
    List<SnapshotInfo> walk();

    /**
     * Disk use of the snapshot's own directory: for an overlay snapshot only its own layer, for a
     * native snapshot the whole copy. Walks the tree, so it costs time proportional to its size.
     */
    Usage usage(String key);

    /**
     * How to mount an active snapshot or a view, as data for {@link Mounter} (or for a runtime that
     * mounts inside the container's namespace). Plans are recomputed from the metadata on every call.
     *
     * @throws dev.berth.common.BerthException FAILED_PRECONDITION for a committed snapshot (make a view
     *                                         of it instead), NOT_FOUND for an unknown key
     */
    List<Mount> mounts(String key);
}
