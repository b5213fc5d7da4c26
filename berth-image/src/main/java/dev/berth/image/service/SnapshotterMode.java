package dev.berth.image.service;

/** Which snapshotter {@link Images} uses for a data root. */
public enum SnapshotterMode {
    /** The one whose store exists in the data root, else overlay if it works there, else native (Docker's choice). */
    AUTO,
    /** Overlay layers (Docker's overlay2). */
    OVERLAY,
    /** Full copies per layer (Docker's vfs); works on any filesystem. */
    NATIVE
}
