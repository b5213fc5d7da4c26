package dev.berth.snapshot;

/** The three states a snapshot can be in; see {@link Snapshotter} for the transitions. */
public enum SnapshotKind {
    /** Writable: a layer being unpacked, a container's init layer being written, a container's upper. */
    ACTIVE,
    /** Read-only look at a committed snapshot; nothing written to it is kept. */
    VIEW,
    /** Read-only and immutable; the only kind that can be a parent. */
    COMMITTED
}
