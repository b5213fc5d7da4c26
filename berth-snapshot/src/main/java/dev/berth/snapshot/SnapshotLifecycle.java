package dev.berth.snapshot;

import java.util.List;

/** The write side of a {@link Snapshotter}: the state transitions. Parents are always committed snapshots. */
public interface SnapshotLifecycle {

    /**
     * Creates an active snapshot {@code key} on top of the committed snapshot {@code parent} (null for
     * none) and returns the directory to write into. It survives restarts until committed or removed.
     *
     * @throws dev.berth.common.BerthException ALREADY_EXISTS if {@code key} is taken, NOT_FOUND if the
     *                                         parent is unknown, FAILED_PRECONDITION if it is not committed
     */
    Prepared prepare(String key, String parent);

    /**
     * Like {@link #prepare} with a generated key, for a snapshot that exists only to be filled and
     * committed (unpacking a layer, writing a container's init layer). If the process dies before the
     * commit, the next open of the store removes it, so a half-written layer never lingers or becomes
     * visible under a committed key.
     */
    Prepared stage(String parent);

    /** Creates a read-only view {@code key} of the committed snapshot {@code parent} and returns its mounts. */
    List<Mount> view(String key, String parent);

    /**
     * Turns the active snapshot {@code activeKey} into the committed snapshot {@code key}, atomically:
     * before this call returns nothing can find {@code key}, afterwards {@code activeKey} is gone. The
     * caller must have finished writing and unmounted it.
     *
     * @throws dev.berth.common.BerthException ALREADY_EXISTS if {@code key} is taken, FAILED_PRECONDITION
     *                                         if {@code activeKey} is a view or already committed
     */
    void commit(String key, String activeKey);

    /**
     * Removes a snapshot and its directory. The caller must have unmounted it.
     *
     * @throws dev.berth.common.BerthException CONFLICT while other snapshots have it as parent,
     *                                         NOT_FOUND for an unknown key
     */
    void remove(String key);
}
