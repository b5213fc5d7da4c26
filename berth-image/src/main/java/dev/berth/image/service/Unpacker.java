package dev.berth.image.service;

import dev.berth.archive.ApplyOptions;
import dev.berth.archive.ApplyResult;
import dev.berth.archive.LayerApplier;
import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Provider;
import dev.berth.image.model.ChainIds;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.MediaTypes;
import dev.berth.snapshot.Prepared;
import dev.berth.snapshot.SnapshotKind;
import dev.berth.snapshot.Snapshotter;
import dev.berth.snapshot.WhiteoutMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Turns an image's layer blobs into committed snapshots keyed by chain id, bottom first, skipping the
 * ones already there (shared with other images or unpacked before).
 *
 * <p>Each missing layer is applied into a {@link Snapshotter#stage staging} snapshot on its parent chain,
 * with the whiteout handling that snapshot asks for; the diff id computed while applying must equal the
 * config's {@code rootfs.diff_ids[i]}, else the staged snapshot is removed and the unpack refused. Only
 * then is it committed under the chain id, so a key always names a complete layer (a process killed
 * mid-way leaves a staging snapshot, which the snapshotter removes when it is next opened).
 *
 * <p>Unpacks of the same chain are serialised by {@link ChainGuard#unpackLock}; the caller should hold a
 * {@link ChainGuard#protect protection} of the chains until something else keeps them alive.
 */
final class Unpacker {
    private final Snapshotter snapshots;
    private final Provider blobs;
    private final LayerInfoStore infos;
    private final ChainGuard guard;
    private final CrashPoints crash;
    private final LayerApplier applier = new LayerApplier();

    Unpacker(Snapshotter snapshots, Provider blobs, LayerInfoStore infos, ChainGuard guard, CrashPoints crash) {
        this.snapshots = snapshots;
        this.blobs = blobs;
        this.infos = infos;
        this.guard = guard;
        this.crash = crash;
    }

    /** The chain ids of an image's layers as snapshot keys, bottom first. */
    static List<String> chainKeys(List<Digest> diffIds) {
        List<String> out = new ArrayList<>(diffIds.size());
        for (Digest d : ChainIds.of(diffIds)) out.add(d.toString());
        return out;
    }

    /**
     * Makes sure every layer of the image is a committed snapshot.
     *
     * @param what    names the image in errors
     * @param diffIds the config's diff ids
     * @param layers  the layer blobs, one per diff id (may be empty if every layer is already unpacked)
     * @return the top chain id (the parent for a container's init layer), or null for an image without layers
     */
    String unpack(String what, List<Digest> diffIds, List<Descriptor> layers) {
        return unpack(what, diffIds, layers, i -> { });
    }

    /** As {@link #unpack(String, List, List)}, telling {@code beforeLayer} the index of each layer it is about to unpack. */
    String unpack(String what, List<Digest> diffIds, List<Descriptor> layers, IntConsumer beforeLayer) {
        if (diffIds.isEmpty()) return null;
        List<String> chains = chainKeys(diffIds);
        try (ChainGuard.Hold _ = guard.protect(chains)) {
            for (int i = 0; i < chains.size(); i++) {
                if (isCommitted(chains.get(i))) continue;
                if (layers.size() != diffIds.size()) {
                    throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, String.format(
                            "%s: layer %d (%s) is not unpacked and the image has no layer blobs to unpack it from", what, i, diffIds.get(i)));
                }
                ReentrantLock lock = guard.unpackLock(chains.get(i));
                lock.lock();
                try {
                    if (!isCommitted(chains.get(i))) {
                        beforeLayer.accept(i);
                        unpackOne(what, i, i == 0 ? null : chains.get(i - 1), layers.get(i), diffIds.get(i), chains.get(i));
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        return chains.get(chains.size() - 1);
    }

    boolean isCommitted(String key) {
        try {
            return snapshots.stat(key).kind() == SnapshotKind.COMMITTED;
        } catch (BerthException e) {
            if (e.kind() == BerthException.Kind.NOT_FOUND) return false;
            throw e;
        }
    }

    private void unpackOne(String what, int index, String parent, Descriptor layer, Digest diffId, String chain) {
        if (layer.mediaType() != null && !MediaTypes.isLayer(layer.mediaType())) {
            throw BerthException.invalid("%s: layer %d (%s) has media type %s, which is not a layer", what, index, layer.digest(), layer.mediaType());
        }
        Prepared p = snapshots.stage(parent);
        boolean committed = false;
        try {
            ApplyResult r;
            crash.reached("unpack-staged");
            try (InputStream in = blobs.read(layer.digest())) {
                r = applier.apply(in, p.dir(), p.whiteouts() == WhiteoutMode.OVERLAY ? ApplyOptions.overlay() : ApplyOptions.plain());
            }
            if (!r.diffId().equals(diffId.toString())) {
                throw BerthException.invalid("%s: layer %d (blob %s) unpacks to diff_id %s, but the image config says %s; refusing the image",
                        what, index, layer.digest(), r.diffId(), diffId);
            }
            crash.reached("unpack-applied");
            long size = DirSize.of(p.dir());
            if (p.whiteouts() == WhiteoutMode.DELETE) size = Math.max(0, size - parentsSize(parent));
            infos.put(new LayerInfo(chain, diffId.toString(), r.uncompressedSize(), size));
            crash.reached("unpack-info-written");
            snapshots.commit(chain, p.key());
            committed = true;
            crash.reached("unpack-committed");
        } catch (IOException e) {
            throw BerthException.internal(what + ": reading layer " + layer.digest() + ": " + e.getMessage(), e);
        } finally {
            if (!committed) removeQuietly(p.key());
        }
    }

    /** Native snapshots hold whole trees: the size of the stack below, from the parents' records. */
    private long parentsSize(String parent) {
        long sum = 0;
        for (String key = parent; key != null; key = snapshots.stat(key).parent()) {
            sum += infos.get(key).map(LayerInfo::size).orElse(0L);
        }
        return sum;
    }

    private void removeQuietly(String key) {
        try {
            snapshots.remove(key);
        } catch (RuntimeException e) {
            // a staging snapshot is removed on the next open anyway
        }
    }
}
