package dev.berth.snapshot.local;

import dev.berth.common.AtomicFiles;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.snapshot.SnapshotKind;
import dev.berth.snapshot.internal.Trees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Snapshot metadata: one {@code meta.json} per snapshot directory, an index of them in memory, and the
 * rules of the lifecycle (unique keys, committed parents, no removal under children).
 *
 * <p><b>Crash safety.</b> Every change is one atomic step on disk, so a process killed at any point leaves
 * a store that the next {@link #open} turns consistent:
 * <ul>
 *   <li>prepare: mkdir the snapshot directory, fill it, then write {@code meta.json} (temp file, rename;
 *   fsync of both when durable). Killed before the rename: a directory without metadata, deleted on open.</li>
 *   <li>commit: rewrite {@code meta.json} with the new key and kind, by rename. Either the old active or
 *   the new committed snapshot exists, never both nor neither. A staging snapshot killed before its commit
 *   is deleted on open.</li>
 *   <li>remove: delete {@code meta.json} first, then the directory. Killed in between: a leftover directory,
 *   deleted on open.</li>
 * </ul>
 * Temp files of interrupted metadata writes are deleted on open. Ids only grow while the store is open,
 * so a directory being deleted in the background is never reused.
 *
 * <p>Methods are synchronized; slow work (copying, deleting trees) happens outside, in the callers,
 * between {@link #reserve} and {@link #publish} or after {@link #unlink}.
 */
public final class MetaStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MetaStore.class.getName());
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private final StoreLayout layout;
    private final FileChannel lockChannel;
    private final boolean fsync;
    private final Map<String, SnapshotRecord> byKey = new HashMap<>();
    private final Map<Long, SnapshotRecord> byId = new TreeMap<>();
    private final Map<Long, Reservation> pending = new HashMap<>();
    private final Recovery recovery;
    private long nextId = 1;
    private boolean closed;

    /** An id and directory held for a snapshot being created; it becomes visible with {@link #publish}. */
    public record Reservation(long id, String key, long parentId, SnapshotKind kind, boolean staging) {}

    private MetaStore(StoreLayout layout, FileChannel lockChannel, boolean fsync, List<String> removed, List<String> ignored) throws IOException {
        this.layout = layout;
        this.lockChannel = lockChannel;
        this.fsync = fsync;
        load(removed, ignored);
        this.recovery = new Recovery(removed, ignored);
    }

    /**
     * Opens (creating if needed) the store under {@code layout.root()}, locks it against other processes and
     * cleans up after interrupted operations.
     *
     * @param fsync fsync metadata files and their directory on every change, so they also survive a power cut
     *              (a killed process needs only the renames, which are always atomic)
     * @throws BerthException CONFLICT if another process (or another open store in this one) holds it
     */
    public static MetaStore open(StoreLayout layout, boolean fsync) {
        Path root = layout.root();
        FileChannel ch = null;
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            }
            Files.createDirectories(layout.snapshots());
            ch = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw BerthException.conflict("snapshot store %s is in use by another process", root);
            MetaStore s = new MetaStore(layout, ch, fsync, new ArrayList<>(), new ArrayList<>());
            for (String r : s.recovery.removed()) LOG.log(System.Logger.Level.INFO, "snapshot store {0}: removed {1}", root, r);
            for (String r : s.recovery.ignored()) LOG.log(System.Logger.Level.WARNING, "snapshot store {0}: ignored {1}", root, r);
            return s;
        } catch (IOException e) {
            closeQuietly(ch);
            throw BerthException.internal("open snapshot store " + root + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private void load(List<String> removed, List<String> ignored) throws IOException {
        List<SnapshotRecord> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.snapshots())) {
            for (Path entry : ds) {
                String name = entry.getFileName().toString();
                if (!ID.matcher(name).matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Trees.delete(entry);
                    removed.add("unknown entry " + entry);
                    continue;
                }
                long id = Long.parseLong(name);
                nextId = Math.max(nextId, id + 1);
                removeMetaTemps(entry, removed);
                Path meta = entry.resolve(StoreLayout.META);
                if (!Files.exists(meta, LinkOption.NOFOLLOW_LINKS)) {
                    Trees.delete(entry);
                    removed.add("snapshot directory " + entry + " without metadata (interrupted prepare or remove)");
                    continue;
                }
                SnapshotRecord r;
                try {
                    r = Json.mapper().readValue(Files.readAllBytes(meta), MetaFile.class).toRecord(id);
                } catch (IOException | RuntimeException e) {
                    ignored.add("snapshot " + entry + ": unreadable metadata: " + e.getMessage());
                    continue;
                }
                if (r.staging()) {
                    Files.delete(meta);
                    Trees.delete(entry);
                    removed.add("staging snapshot " + r.key() + " (" + entry + ") that was never committed");
                    continue;
                }
                found.add(r);
            }
        }
        found.sort(Comparator.comparingLong(SnapshotRecord::id));
        for (SnapshotRecord r : found) {
            SnapshotRecord parent = r.hasParent() ? byId.get(r.parentId()) : null;
            if (r.hasParent() && (parent == null || parent.kind() != SnapshotKind.COMMITTED)) {
                ignored.add("snapshot " + r.key() + " (" + layout.dir(r.id()) + "): parent " + r.parentId() + " is missing or not committed");
            } else if (byKey.containsKey(r.key())) {
                ignored.add("snapshot " + r.key() + " (" + layout.dir(r.id()) + "): key already used by snapshot " + byKey.get(r.key()).id());
            } else {
                byKey.put(r.key(), r);
                byId.put(r.id(), r);
            }
        }
    }

    private static void removeMetaTemps(Path dir, List<String> removed) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> StoreLayout.isMetaTemp(p.getFileName().toString()))) {
            for (Path tmp : ds) {
                Files.deleteIfExists(tmp);
                removed.add("metadata temp file " + tmp);
            }
        }
    }

    public StoreLayout layout() {
        return layout;
    }

    /** What {@link #open} cleaned up or left aside. */
    public Recovery recovery() {
        return recovery;
    }

    public synchronized Optional<SnapshotRecord> find(String key) {
        checkOpen();
        return Optional.ofNullable(byKey.get(key));
    }

    public synchronized SnapshotRecord require(String key) {
        return find(key).orElseThrow(() -> BerthException.notFound("snapshot %s: not found", key));
    }

    /** All snapshots by id, that is parents before children. */
    public synchronized List<SnapshotRecord> all() {
        checkOpen();
        return List.copyOf(byId.values());
    }

    /** The key of a record's parent, or null. */
    public synchronized String parentKey(SnapshotRecord r) {
        return r.hasParent() ? byId.get(r.parentId()).key() : null;
    }

    /** The parent chain of {@code r}, nearest first (r itself not included). */
    public synchronized List<SnapshotRecord> ancestors(SnapshotRecord r) {
        checkOpen();
        List<SnapshotRecord> out = new ArrayList<>();
        for (long p = r.parentId(); p != SnapshotRecord.NO_PARENT; ) {
            SnapshotRecord parent = byId.get(p);
            if (parent == null) throw BerthException.internal("snapshot " + r.key() + ": parent " + p + " vanished", null);
            out.add(parent);
            p = parent.parentId();
        }
        return out;
    }

    /**
     * Checks the key and parent, allocates an id and makes the snapshot's (empty) directory. Until
     * {@link #publish} the snapshot cannot be found, but its key is taken and its parent cannot be removed.
     */
    public synchronized Reservation reserve(String key, String parentKey, SnapshotKind kind, boolean staging) {
        checkOpen();
        checkKey(key);
        if (kind == SnapshotKind.COMMITTED) throw new IllegalArgumentException("snapshots are committed by commit()");
        if (keyTaken(key)) throw new BerthException(BerthException.Kind.ALREADY_EXISTS, "snapshot " + key + " already exists");
        long parentId = SnapshotRecord.NO_PARENT;
        if (parentKey != null) {
            SnapshotRecord parent = byKey.get(parentKey);
            if (parent == null) throw BerthException.notFound("parent snapshot %s: not found", parentKey);
            if (parent.kind() != SnapshotKind.COMMITTED)
                throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                        "parent snapshot " + parentKey + " is " + parent.kind().name().toLowerCase() + ": only committed snapshots can be parents");
            parentId = parent.id();
        }
        while (true) {
            long id = nextId++;
            try {
                Files.createDirectory(layout.dir(id));
            } catch (FileAlreadyExistsException e) {
                continue; // a leftover being deleted; take the next id
            } catch (IOException e) {
                throw BerthException.internal("create snapshot directory " + layout.dir(id) + ": " + e.getMessage(), e);
            }
            Reservation r = new Reservation(id, key, parentId, kind, staging);
            pending.put(id, r);
            return r;
        }
    }

    /** Makes a reserved snapshot visible by writing its metadata (the atomic step of prepare). */
    public synchronized SnapshotRecord publish(Reservation res) {
        checkOpen();
        if (pending.get(res.id()) != res) throw new IllegalStateException("snapshot " + res.id() + " is not reserved");
        SnapshotRecord r = new SnapshotRecord(res.id(), res.key(), res.parentId(), res.kind(), res.staging(), Instant.now());
        writeMeta(r);
        pending.remove(res.id());
        byKey.put(r.key(), r);
        byId.put(r.id(), r);
        return r;
    }

    /** Gives up a reservation; the caller deletes its directory. */
    public synchronized void abandon(Reservation res) {
        pending.remove(res.id(), res);
    }

    /** Renames the active snapshot {@code activeKey} to the committed snapshot {@code key} (one atomic rename on disk). */
    public synchronized SnapshotRecord commit(String key, String activeKey) {
        checkOpen();
        checkKey(key);
        SnapshotRecord active = require(activeKey);
        if (active.kind() != SnapshotKind.ACTIVE)
            throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                    "cannot commit snapshot " + activeKey + ": it is " + active.kind().name().toLowerCase() + ", not active");
        if (keyTaken(key)) throw new BerthException(BerthException.Kind.ALREADY_EXISTS, "snapshot " + key + " already exists");
        SnapshotRecord committed = active.committedAs(key);
        writeMeta(committed);
        byKey.remove(activeKey);
        byKey.put(key, committed);
        byId.put(committed.id(), committed);
        return committed;
    }

    /**
     * Makes a snapshot disappear: refuses while it has children, then deletes its metadata (the atomic step of
     * remove). The caller deletes the directory afterwards; if it dies first, the next open does.
     */
    public synchronized SnapshotRecord unlink(String key) {
        checkOpen();
        SnapshotRecord r = require(key);
        List<String> children = new ArrayList<>();
        for (SnapshotRecord c : byId.values()) if (c.parentId() == r.id()) children.add(c.key());
        for (Reservation c : pending.values()) if (c.parentId() == r.id()) children.add(c.key() + " (being created)");
        if (!children.isEmpty())
            throw BerthException.conflict("cannot remove snapshot %s: %d snapshot(s) depend on it (%s)", key, children.size(),
                    String.join(", ", children.subList(0, Math.min(3, children.size()))) + (children.size() > 3 ? ", ..." : ""));
        try {
            Files.delete(layout.meta(r.id()));
            if (fsync) AtomicFiles.fsyncDir(layout.dir(r.id()));
        } catch (IOException e) {
            throw BerthException.internal("remove snapshot " + key + ": delete " + layout.meta(r.id()) + ": " + e.getMessage(), e);
        }
        byKey.remove(key);
        byId.remove(r.id());
        return r;
    }

    private boolean keyTaken(String key) {
        if (byKey.containsKey(key)) return true;
        for (Reservation r : pending.values()) if (r.key().equals(key)) return true;
        return false;
    }

    private void writeMeta(SnapshotRecord r) {
        Path meta = layout.meta(r.id());
        try {
            AtomicFiles.write(meta, Json.bytes(MetaFile.of(r)), fsync);
        } catch (IOException e) {
            throw BerthException.internal("write snapshot metadata " + meta + ": " + e.getMessage(), e);
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank()) throw BerthException.invalid("snapshot key must not be empty");
        if (key.indexOf('\0') >= 0 || key.length() > 1024) throw BerthException.invalid("invalid snapshot key '%s'", key);
    }

    private void checkOpen() {
        if (closed) throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, "snapshot store " + layout.root() + " is closed");
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        closeQuietly(lockChannel); // releases the lock
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
