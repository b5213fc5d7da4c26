package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.store.ImageRecord;
import dev.berth.snapshot.ContainerLayers;
import dev.berth.snapshot.InitFile;
import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Mounter;
import dev.berth.snapshot.Snapshotter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's root file system: its init and writable snapshots on the image's top chain
 * ({@link ContainerLayers}), a {@link RootfsRecord} of where it came from, and mounting it.
 *
 * <p>Order: the record is written, the image unpacked, then the snapshots made (the image's chains and
 * the new init key protected until the init snapshot builds on them). Removal is the reverse. A kill in
 * between leaves a record without snapshots (harmless, overwritten or deleted by the next create or
 * remove of that id), or an init snapshot without the container's (collected as an orphan).
 */
final class ContainerRootfs {
    private final Snapshotter snapshots;
    private final ContainerLayers layers;
    private final Mounter mounter;
    private final Unpacker unpacker;
    private final ChainGuard guard;
    private final RootfsRecords records;
    private final CrashPoints crash;

    ContainerRootfs(Snapshotter snapshots, Mounter mounter, Unpacker unpacker, ChainGuard guard, RootfsRecords records, CrashPoints crash) {
        this.crash = crash;
        this.snapshots = snapshots;
        this.layers = new ContainerLayers(snapshots);
        this.mounter = mounter;
        this.unpacker = unpacker;
        this.guard = guard;
        this.records = records;
    }

    List<Mount> prepare(String containerId, ImageRecord image, ImageConfig config, List<InitFile> files) {
        RootfsRecords.checkId(containerId);
        for (String key : List.of(containerId, ContainerLayers.initKey(containerId))) {
            if (exists(key)) throw new BerthException(BerthException.Kind.ALREADY_EXISTS, "container layer " + key + " already exists");
        }
        List<String> keys = new ArrayList<>(Unpacker.chainKeys(config.diffIds()));
        keys.add(ContainerLayers.initKey(containerId));
        try (ChainGuard.Hold _ = guard.protect(keys)) {
            String chain = unpacker.unpack("image " + image.id(), config.diffIds(), image.layers());
            List<String> initPaths = files.stream().map(InitFile::path).toList();
            records.put(new RootfsRecord(containerId, image.id().toString(), chain, initPaths));
            crash.reached("rootfs-record-written");
            try {
                return layers.create(containerId, chain, files);
            } catch (BerthException e) {
                if (e.kind() != BerthException.Kind.ALREADY_EXISTS) records.delete(containerId);
                throw e;
            }
        }
    }

    private boolean exists(String key) {
        try {
            snapshots.stat(key);
            return true;
        } catch (BerthException e) {
            if (e.kind() == BerthException.Kind.NOT_FOUND) return false;
            throw e;
        }
    }

    List<Mount> mounts(String containerId) {
        return layers.mounts(RootfsRecords.checkId(containerId));
    }

    /** Mounts the container's root on target; nothing to do if something is already mounted exactly there. */
    void mount(String containerId, Path target) {
        Path t = target.toAbsolutePath().normalize();
        if (mounter.mountsUnder(t).contains(t)) return;
        mounter.mount(mounts(containerId), t);
    }

    void unmount(Path target) {
        mounter.unmount(target);
    }

    /** Removes both snapshots and the record; the root must be unmounted (else CONFLICT). */
    void remove(String containerId) {
        RootfsRecords.checkId(containerId);
        layers.remove(containerId);
        crash.reached("rootfs-layers-removed");
        records.delete(containerId);
    }

    List<String> ids() {
        return records.ids();
    }

    RootfsRecord record(String containerId) {
        return records.require(containerId);
    }
}
