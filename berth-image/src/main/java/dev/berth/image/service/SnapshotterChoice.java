package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.snapshot.Mounter;
import dev.berth.snapshot.OverlayProbe;
import dev.berth.snapshot.Snapshotter;
import dev.berth.snapshot.nativefs.NativeSnapshotter;
import dev.berth.snapshot.overlay.OverlaySnapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Picks the snapshotter for a data root as Docker picks its storage driver: the one whose store already
 * exists there (so images never silently disappear), else overlay when {@link OverlayProbe} says it works
 * on the data root's filesystem, else native (full copies, like Docker's vfs).
 */
final class SnapshotterChoice {
    private static final System.Logger LOG = System.getLogger(SnapshotterChoice.class.getName());

    /** The open snapshotter and the storage driver name Docker would report for it. */
    record Opened(Snapshotter snapshotter, String driverName, boolean overlay) {}

    private SnapshotterChoice() {}

    static Opened open(ServiceLayout layout, SnapshotterMode mode, boolean durable, Mounter mounter) {
        boolean overlay = switch (mode) {
            case OVERLAY -> true;
            case NATIVE -> false;
            case AUTO -> chooseOverlay(layout, mounter);
        };
        if (overlay) return new Opened(OverlaySnapshotter.open(layout.overlaySnapshots(), durable), "overlay2", true);
        return new Opened(NativeSnapshotter.open(layout.nativeSnapshots(), durable), "vfs", false);
    }

    private static boolean chooseOverlay(ServiceLayout layout, Mounter mounter) {
        if (Files.isDirectory(layout.overlaySnapshots())) return true;
        if (Files.isDirectory(layout.nativeSnapshots())) return false;
        try {
            Files.createDirectories(layout.dataRoot());
        } catch (IOException e) {
            throw BerthException.internal("create data root " + layout.dataRoot() + ": " + e.getMessage(), e);
        }
        Optional<String> why = OverlayProbe.whyOverlayFails(layout.dataRoot(), mounter);
        why.ifPresent(w -> LOG.log(System.Logger.Level.WARNING,
                "overlay does not work in {0} ({1}); using the native snapshotter, which copies every layer", layout.dataRoot(), w));
        return why.isEmpty();
    }

}
