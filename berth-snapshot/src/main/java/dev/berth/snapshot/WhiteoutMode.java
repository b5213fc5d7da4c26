package dev.berth.snapshot;

/**
 * How a layer applier must write a layer into the directory that {@link SnapshotLifecycle#prepare}
 * hands out. The two snapshotters need opposite things, so the snapshot tells the applier which.
 */
public enum WhiteoutMode {
    /**
     * The directory starts empty and is an overlay upper directory: a deleted path is written as a
     * 0:0 character device (a whiteout), a directory that hides everything below it gets the xattr
     * {@code trusted.overlay.opaque=y}.
     */
    OVERLAY,
    /**
     * The directory starts as a full copy of the parent: a deleted path is deleted, an opaque
     * directory has its copied contents emptied first.
     */
    DELETE
}
