package dev.berth.snapshot.local;

import dev.berth.common.BerthException;
import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Prepared;
import dev.berth.snapshot.SnapshotInfo;
import dev.berth.snapshot.SnapshotKind;
import dev.berth.snapshot.Snapshotter;
import dev.berth.snapshot.Usage;
import dev.berth.snapshot.WhiteoutMode;
import dev.berth.snapshot.internal.DiskUsage;
import dev.berth.snapshot.internal.FsCalls;
import dev.berth.snapshot.internal.MountInfo;
import dev.berth.snapshot.internal.Trees;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The part the overlay and native snapshotters share: a {@link MetaStore} under a root directory, the
 * lifecycle rules, usage. Subclasses say how a new snapshot's directory is filled and how it is mounted.
 */
public abstract class LocalSnapshotter implements Snapshotter {
    private static final String STAGING_PREFIX = "staging-";

    protected final StoreLayout layout;
    private final MetaStore store;
    private final boolean durable;

    /**
     * @param root    the store's directory (created 0700 if missing)
     * @param durable make every change survive a power cut, not only a killed process: fsync the metadata and
     *                flush the layer's filesystem (syncfs) before a commit. Costs a few fsyncs per operation and
     *                a flush of every dirty page on that filesystem per commit.
     */
    protected LocalSnapshotter(Path root, boolean durable) {
        this.layout = new StoreLayout(root);
        this.store = MetaStore.open(layout, durable);
        this.durable = durable;
    }

    /** Makes the directories of a new snapshot; {@code parentFs} is the parent's fs directory or null. */
    protected abstract void populate(SnapshotKind kind, long id, Path parentFs) throws IOException;

    /** The mounts of an active snapshot or a view, given its parents' fs directories, nearest first. */
    protected abstract List<Mount> mountsOf(SnapshotRecord snapshot, List<Path> parentFs);

    protected abstract WhiteoutMode whiteoutMode();

    /** What opening the store cleaned up. */
    public Recovery recovery() {
        return store.recovery();
    }

    public Path root() {
        return layout.root();
    }

    @Override
    public Prepared prepare(String key, String parent) {
        return create(key, parent, SnapshotKind.ACTIVE, false);
    }

    @Override
    public Prepared stage(String parent) {
        while (true) {
            String key = STAGING_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            if (store.find(key).isEmpty()) return create(key, parent, SnapshotKind.ACTIVE, true);
        }
    }

    @Override
    public List<Mount> view(String key, String parent) {
        create(key, parent, SnapshotKind.VIEW, false);
        return mounts(key);
    }

    private Prepared create(String key, String parent, SnapshotKind kind, boolean staging) {
        MetaStore.Reservation res = store.reserve(key, parent, kind, staging);
        try {
            Path parentFs = res.parentId() == SnapshotRecord.NO_PARENT ? null : layout.fs(res.parentId());
            populate(kind, res.id(), parentFs);
            SnapshotRecord r = store.publish(res);
            return new Prepared(r.key(), layout.fs(r.id()), whiteoutMode());
        } catch (IOException | RuntimeException e) {
            store.abandon(res);
            deleteQuietly(layout.dir(res.id()), e);
            if (e instanceof BerthException be) throw be;
            throw BerthException.internal("prepare snapshot " + key + " in " + layout.dir(res.id()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void commit(String key, String activeKey) {
        SnapshotRecord active = store.require(activeKey);
        if (durable && active.kind() == SnapshotKind.ACTIVE) syncfs(layout.fs(active.id()));
        store.commit(key, activeKey);
    }

    @Override
    public void remove(String key) {
        refuseIfMounted(key, layout.dir(store.require(key).id()));
        SnapshotRecord r = store.unlink(key);
        try {
            Trees.delete(layout.dir(r.id()));
        } catch (IOException e) {
            throw BerthException.internal("snapshot " + key + " is removed but its directory " + layout.dir(r.id())
                    + " could not be deleted (" + e.getMessage() + "); the next open of the store deletes it", e);
        }
    }

    @Override
    public SnapshotInfo stat(String key) {
        return info(store.require(key));
    }

    @Override
    public List<SnapshotInfo> walk() {
        List<SnapshotInfo> out = new ArrayList<>();
        for (SnapshotRecord r : store.all()) out.add(info(r));
        return out;
    }

    @Override
    public Usage usage(String key) {
        return DiskUsage.of(layout.fs(store.require(key).id()));
    }

    @Override
    public List<Mount> mounts(String key) {
        SnapshotRecord r = store.require(key);
        if (r.kind() == SnapshotKind.COMMITTED)
            throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                    "snapshot " + key + " is committed and cannot be mounted itself: make a view or an active snapshot on it");
        List<Path> parents = new ArrayList<>();
        for (SnapshotRecord p : store.ancestors(r)) parents.add(layout.fs(p.id()));
        return mountsOf(r, parents);
    }

    @Override
    public void close() {
        store.close();
    }

    private SnapshotInfo info(SnapshotRecord r) {
        return new SnapshotInfo(r.key(), store.parentKey(r), r.kind(), r.staging(), r.created());
    }

    /**
     * Deleting a snapshot under a mounted container would pull its files away (or, through a mount inside
     * it, delete someone else's), so look in this mount namespace first. Best effort: a mount made in
     * another namespace, or between this check and the delete, is not seen.
     */
    private static void refuseIfMounted(String key, Path dir) {
        String mountinfo;
        try {
            mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            return; // no procfs: nothing to check against
        }
        List<String> users = MountInfo.usersOf(mountinfo, dir);
        if (!users.isEmpty())
            throw BerthException.conflict("cannot remove snapshot %s: it is in use by %s; unmount it first", key, String.join(", ", users));
    }

    private static void syncfs(Path dir) {
        int fd;
        try {
            fd = Libc.open(dir.toString(), Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        } catch (Errno e) {
            throw BerthException.internal("commit: " + e.getMessage(), e);
        }
        try {
            FsCalls.syncfs(fd, dir.toString());
        } catch (Errno e) {
            throw BerthException.internal("commit: " + e.getMessage(), e);
        } finally {
            Libc.close(fd);
        }
    }

    private static void deleteQuietly(Path dir, Exception cause) {
        try {
            Trees.delete(dir);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e); // the next open deletes it: it has no metadata
        }
    }
}
