package dev.berth.snapshot;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An active snapshot ready to be written: unpack a layer into {@link #dir()} following {@link #whiteouts()},
 * then {@link SnapshotLifecycle#commit commit} it.
 *
 * @param key       the active snapshot's key (generated for {@link SnapshotLifecycle#stage})
 * @param dir       the directory to write into; it belongs to the snapshotter
 * @param whiteouts how deletions must be written into {@code dir}
 */
public record Prepared(String key, Path dir, WhiteoutMode whiteouts) {
    public Prepared {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(whiteouts, "whiteouts");
    }
}
