package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.snapshot.ContainerLayers;
import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Snapshotter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a container's layers are on disk, read from the snapshotter's mount plans (the snapshotter hands
 * out no other paths).
 *
 * <ul>
 *   <li>overlay: {@code upper} holds only the container's changes, {@code init} the init layer,
 *       {@code image} the image's layers topmost first;</li>
 *   <li>native: {@code upper} is the container's whole tree and {@code init} the init layer's whole tree
 *       (found through a short-lived read-only view, removed by {@link #close}); {@code image} is empty.</li>
 * </ul>
 */
final class ContainerLayerDirs implements AutoCloseable {
    static final String VIEW_PREFIX = "berth-view-";

    final boolean overlay;
    final Path upper;
    final Path init;
    final List<Path> image;
    private final Snapshotter snapshots;
    private final String viewKey;

    private ContainerLayerDirs(boolean overlay, Path upper, Path init, List<Path> image, Snapshotter snapshots, String viewKey) {
        this.overlay = overlay;
        this.upper = upper;
        this.init = init;
        this.image = image;
        this.snapshots = snapshots;
        this.viewKey = viewKey;
    }

    static ContainerLayerDirs open(Snapshotter snapshots, boolean overlay, String containerId) {
        List<Mount> mounts = snapshots.mounts(containerId);
        if (mounts.size() != 1) throw BerthException.internal("container " + containerId + ": unexpected mounts " + mounts, null);
        Mount m = mounts.get(0);
        if (overlay) {
            String upper = m.option("upperdir").orElseThrow(() ->
                    BerthException.internal("container " + containerId + ": its mount has no upper directory: " + m, null));
            List<Path> lowers = m.lowerDirs().stream().map(Path::of).toList();
            if (lowers.isEmpty()) throw BerthException.internal("container " + containerId + ": its mount has no init layer: " + m, null);
            return new ContainerLayerDirs(true, Path.of(upper), lowers.get(0), lowers.subList(1, lowers.size()), snapshots, null);
        }
        String key = VIEW_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        List<Mount> view = snapshots.view(key, ContainerLayers.initKey(containerId));
        return new ContainerLayerDirs(false, Path.of(m.source()), Path.of(view.get(0).source()), List.of(), snapshots, key);
    }

    @Override
    public void close() {
        if (viewKey == null) return;
        try {
            snapshots.remove(viewKey);
        } catch (BerthException e) {
            if (e.kind() != BerthException.Kind.NOT_FOUND) throw e;
        }
    }
}
