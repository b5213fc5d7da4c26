package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.store.GcResult;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import dev.berth.snapshot.SnapshotInfo;
import dev.berth.snapshot.SnapshotKind;
import dev.berth.snapshot.Snapshotter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Garbage collection of blobs and snapshots. Blobs: {@link ImageStore#gc()} (nothing names them, no lease
 * holds them). Snapshots, in one {@link ChainGuard#sweep} pass, children before parents:
 * <ul>
 *   <li>a committed chain snapshot is removed when no recorded image has that chain and no operation
 *       protects it; one a container's init layer (or any snapshot) still builds on is refused by the
 *       snapshotter (CONFLICT) and stays, as does one mounted somewhere;</li>
 *   <li>a committed {@code <id>-init} snapshot nothing builds on is the leftover of a container creation
 *       killed half-way, and is removed.</li>
 * </ul>
 * If any image's config cannot be read, no chain snapshot is removed (what that image needs is unknown).
 */
final class Collector {
    private final ImageStore store;
    private final Snapshotter snapshots;
    private final ChainGuard guard;
    private final LayerInfoStore infos;
    private final CrashPoints crash;

    Collector(ImageStore store, Snapshotter snapshots, ChainGuard guard, LayerInfoStore infos, CrashPoints crash) {
        this.crash = crash;
        this.store = store;
        this.snapshots = snapshots;
        this.guard = guard;
        this.infos = infos;
    }

    /** What a collection freed. */
    record Result(int blobs, int snapshots, long bytes) {}

    Result collect() {
        GcResult blobs = store.gc();
        crash.reached("gc-blobs-collected");
        long[] bytes = {blobs.bytesFreed()};
        int removed = guard.sweep(() -> sweep(bytes));
        return new Result(blobs.removed().size(), removed, bytes[0]);
    }

    private int sweep(long[] bytes) {
        Set<String> needed = neededChains();
        List<SnapshotInfo> all = new ArrayList<>(snapshots.walk());
        Map<String, Integer> children = new HashMap<>();
        for (SnapshotInfo s : all) if (s.parent() != null) children.merge(s.parent(), 1, Integer::sum);
        Collections.reverse(all);
        int removed = 0;
        Set<String> chainsLeft = new HashSet<>();
        for (SnapshotInfo s : all) {
            String key = s.key();
            boolean chain = key.startsWith("sha256:");
            if (chain && s.kind() == SnapshotKind.COMMITTED) chainsLeft.add(key);
            if (s.kind() != SnapshotKind.COMMITTED || guard.isProtected(key) || children.getOrDefault(key, 0) > 0) continue;
            boolean garbage = chain ? needed != null && !needed.contains(key) : key.endsWith("-init");
            if (!garbage) continue;
            try {
                snapshots.remove(key);
            } catch (BerthException e) {
                if (e.kind() == BerthException.Kind.CONFLICT || e.kind() == BerthException.Kind.NOT_FOUND) continue;
                throw e;
            }
            removed++;
            crash.reached("gc-snapshot-removed");
            if (s.parent() != null) children.merge(s.parent(), -1, Integer::sum);
            if (chain) {
                chainsLeft.remove(key);
                bytes[0] += infos.get(key).map(LayerInfo::size).orElse(0L);
                infos.delete(key);
            }
        }
        infos.retainOnly(k -> chainsLeft.contains(k) || guard.isProtected(k)); // protected: being unpacked right now
        return removed;
    }

    /** Every chain a recorded image needs, or null when some image's config cannot be read. */
    private Set<String> neededChains() {
        Set<String> needed = new HashSet<>();
        for (ImageRecord r : store.images()) {
            ImageConfig c;
            try {
                c = store.config(r.id());
            } catch (BerthException e) {
                if (e.kind() == BerthException.Kind.NOT_FOUND && store.get(r.id()).isEmpty()) continue; // removed meanwhile
                return null;
            }
            needed.addAll(Unpacker.chainKeys(c.diffIds()));
        }
        return needed;
    }

    /** Removes read-only views an interrupted diff or export left (their names say they are ours). */
    void removeLeftoverViews() {
        for (SnapshotInfo s : snapshots.walk()) {
            if (s.kind() == SnapshotKind.VIEW && s.key().startsWith(ContainerLayerDirs.VIEW_PREFIX)) {
                try {
                    snapshots.remove(s.key());
                } catch (BerthException e) {
                    if (e.kind() != BerthException.Kind.NOT_FOUND && e.kind() != BerthException.Kind.CONFLICT) throw e;
                }
            }
        }
    }
}
