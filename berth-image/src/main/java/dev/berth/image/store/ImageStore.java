package dev.berth.image.store;

import dev.berth.common.BerthException;
import dev.berth.image.content.Blobs;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Info;
import dev.berth.image.content.LocalContentStore;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.ImageJson;
import dev.berth.image.ref.AnyReference;
import dev.berth.image.ref.ImageIds;
import dev.berth.image.ref.Reference;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Images and references, over a {@link ContentStore} that holds their blobs.
 *
 * <p><b>Terms.</b> An <i>image</i> is a config blob (its digest is the image ID) with the layer
 * and manifest blobs recorded for it. A <i>reference</i> is a normalised name with a tag
 * ({@code docker.io/library/busybox:latest}) or a digest ({@code ...busybox@sha256:...}) that
 * names one image. An image without tags is <i>dangling</i>.
 *
 * <p><b>Lifecycle of an image.</b>
 * <pre>{@code
 * try (Lease lease = store.content().lease("pull busybox")) {
 *     // 1. blobs: layers, config, manifest written under the lease (GC leaves them alone)
 *     ImageRecord img = store.add(NewImage.of(configDescriptor, layerDescriptors).withManifests(List.of(manifest)));
 *     // 2. record written        3. references written
 *     store.tag(img.id(), Reference.parseNormalized("busybox"), true);
 * }
 * store.remove("busybox", false, true, users);   // references removed, then the record
 * store.gc();                                     // then blobs nothing names any more
 * }</pre>
 *
 * <p><b>Crash safety.</b> Writes are ordered blobs, record, references; deletions the reverse. Every
 * file is replaced atomically (temp file, fsync, rename, fsync of the directory). So after a kill
 * at any point: a reference always names an existing record, and a record's blobs exist. What a
 * crash can leave is harmless: an unreferenced blob (removed by the next {@link #gc()}) or a
 * dangling image (an interrupted rmi or an add that did not reach its tag).
 *
 * <p><b>On disk</b> ({@code <data-root>/image}): one JSON record per image, so adding or deleting
 * an image touches one file, plus one {@code repositories.json} in Docker's format, so each change
 * of references is a single atomic rename. A file lock keeps a second process out.
 *
 * <p>All methods are thread-safe (one lock; the store is small and operations are short, except
 * {@link #gc()} and {@link #check()}, which read blobs).
 */
public final class ImageStore implements Closeable {
    private final StoreState state;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Digest, ImageConfig> configs = new ConcurrentHashMap<>();
    private boolean closed;

    private ImageStore(StoreState state, FileChannel lockChannel, FileLock fileLock, Clock clock) {
        this.state = state;
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        this.clock = clock;
    }

    /** Opens the store under {@code <dataRoot>/image}, with its own content store under {@code <dataRoot>/content}. */
    public static ImageStore open(Path dataRoot) {
        return open(dataRoot, LocalContentStore.open(dataRoot));
    }

    public static ImageStore open(Path dataRoot, ContentStore content) {
        return open(dataRoot, content, StoreState.Steps.NONE, Clock.systemUTC());
    }

    static ImageStore open(Path dataRoot, ContentStore content, StoreState.Steps steps, Clock clock) {
        StoreLayout layout = new StoreLayout(dataRoot);
        FileChannel ch = null;
        try {
            Files.createDirectories(layout.imagesDir());
            ch = FileChannel.open(layout.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fl;
            try {
                fl = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                fl = null;
            }
            if (fl == null) {
                throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                        "image store " + layout.root() + " is in use by another process");
            }
            RecordFiles.removeTempFiles(layout.root());
            RecordFiles.removeTempFiles(layout.imagesDir());
            List<String> problems = new ArrayList<>();
            Map<Digest, ImageRecord> records = RecordFiles.loadAll(layout, problems);
            ReferenceTable refs = ReferenceTable.load(layout.repositories(), problems);
            StoreState state = new StoreState(layout, content, steps, records, refs, problems);
            return new ImageStore(state, ch, fl, clock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            if (e instanceof BerthException be) throw be;
            throw BerthException.internal("open image store " + layout.root() + ": " + e.getMessage(), e);
        }
    }

    public ContentStore content() {
        return state.content;
    }

    /**
     * Records an image whose blobs are already in the content store. Adding an existing image only
     * merges in new manifest digests.
     *
     * @throws BerthException NOT_FOUND if a blob or the parent is missing, INVALID_ARGUMENT if the
     *     config is not an image config or sizes and layer counts disagree
     */
    public ImageRecord add(NewImage image) {
        return locked(() -> {
            Digest id = image.config().digest();
            requireBlob(image.config(), "config");
            for (Descriptor l : image.layers()) requireBlob(l, "layer");
            for (Digest m : image.manifests()) {
                if (state.content.info(m).isEmpty()) throw BerthException.notFound("manifest blob %s: not found", m);
            }
            ImageConfig config = readConfig(id);
            if (!image.layers().isEmpty() && image.layers().size() != config.diffIds().size()) {
                throw BerthException.invalid("image %s: %d layer blobs given for %d diff IDs in its config",
                        id, image.layers().size(), config.diffIds().size());
            }
            if (image.parent() != null && state.record(image.parent()).isEmpty()) {
                throw BerthException.notFound("No such image: %s", image.parent());
            }
            Optional<ImageRecord> existing = state.record(id);
            if (existing.isPresent()) {
                LinkedHashSet<Digest> merged = new LinkedHashSet<>(existing.get().manifests());
                merged.addAll(image.manifests());
                if (merged.size() == existing.get().manifests().size()) return existing.get();
                ImageRecord updated = existing.get().withManifests(List.copyOf(merged));
                state.putRecord(updated);
                return updated;
            }
            long size = image.layers().stream().mapToLong(Descriptor::size).sum();
            ImageRecord r = new ImageRecord(id, image.config(), image.layers(), image.manifests(),
                    config.createdInstant().orElse(clock.instant()), size, image.parent(), null);
            state.putRecord(r);
            return r;
        });
    }

    /**
     * Docker's {@code docker tag}: points {@code ref} (":latest" added if it has no tag) at the image.
     * An existing tag on another image moves only with {@code force} (Docker's API always forces).
     */
    public void tag(Digest imageId, Reference reference, boolean force) {
        Reference ref = normalized(reference);
        locked(() -> {
            ImageRecord img = require(imageId);
            if (ref.isDigested()) throw BerthException.invalid("refusing to create a tag with a digest reference");
            addReference(ref.withDefaultTag(), imageId, force);
            state.putRecord(img.withLastTagTime(clock.instant()));
            return null;
        });
    }

    /** Records {@code repo@digest} (a tag in {@code ref} is dropped) for the image, as a pull does. */
    public void addDigestReference(Digest imageId, Reference reference) {
        Reference ref = normalized(reference);
        locked(() -> {
            require(imageId);
            if (!ref.isDigested()) throw BerthException.invalid("reference %s has no digest", ref.familiarString());
            addReference(ref.dockerRef(), imageId, false);
            return null;
        });
    }

    private void addReference(Reference ref, Digest id, boolean force) {
        if (ref.familiarName().equals(Digest.SHA256)) {
            throw BerthException.invalid("refusing to create an ambiguous tag using digest algorithm as name");
        }
        Optional<Digest> old = state.lookup(ref);
        if (old.isPresent()) {
            if (old.get().equals(id)) return;
            if (ref.isDigested()) throw BerthException.conflict("Cannot overwrite digest %s", ref.digest());
            if (!force) {
                throw BerthException.conflict(
                        "Conflict: Tag %s is already set to image %s, if you want to replace it, please use the force option",
                        ref.familiarString(), old.get());
            }
        }
        state.putReference(ref, id);
    }

    /**
     * Removes one reference (Docker's rules: digest wins over tag, ":latest" if neither) and never
     * the image.
     *
     * @return false if there was no such reference
     */
    public boolean untag(Reference ref) {
        return locked(() -> state.removeReference(normalized(ref).dockerRef()));
    }

    public Optional<ImageRecord> get(Digest id) {
        return locked(() -> state.record(id));
    }

    /** The image a reference names, looked up as Docker's reference store does. */
    public Optional<ImageRecord> get(Reference ref) {
        return locked(() -> state.lookup(normalized(ref).dockerRef()).flatMap(state::record));
    }

    /**
     * The one image whose ID starts with {@code prefix} (hex, "sha256:" optional).
     *
     * @throws BerthException NOT_FOUND "No such image: x", INVALID_ARGUMENT if several match
     */
    public ImageRecord getByIdPrefix(String prefix) {
        return locked(() -> {
            if (!ImageIds.isIdPrefix(prefix)) throw BerthException.notFound("No such image: %s", prefix);
            String hex = ImageIds.hex(prefix);
            List<ImageRecord> found = state.records().stream().filter(r -> r.id().encoded().startsWith(hex)).toList();
            if (found.isEmpty()) throw BerthException.notFound("No such image: %s", prefix);
            if (found.size() > 1) {
                throw BerthException.invalid("image ID prefix %s is ambiguous: it matches %d images", prefix, found.size());
            }
            return found.get(0);
        });
    }

    /**
     * Finds an image the way Docker's {@code GetImage} does: a full ID or digest; else a reference
     * (normalised, ":latest" by default); else a unique ID prefix.
     *
     * @throws BerthException INVALID_ARGUMENT for a malformed reference, NOT_FOUND "No such image:
     *     busybox:latest", INVALID_ARGUMENT for an ambiguous ID prefix
     */
    public ImageRecord resolve(String refOrId) {
        return locked(() -> {
            AnyReference any = AnyReference.parse(refOrId);
            if (any instanceof AnyReference.DigestReference(Digest id)) {
                return state.record(id).orElseThrow(() -> BerthException.notFound("No such image: %s", id));
            }
            Reference ref = (Reference) any;
            Optional<ImageRecord> byRef = state.lookup(ref.dockerRef()).flatMap(state::record);
            if (byRef.isPresent()) return byRef.get();
            if (ImageIds.isIdPrefix(refOrId)) {
                try {
                    return getByIdPrefix(refOrId);
                } catch (BerthException e) {
                    if (e.kind() != BerthException.Kind.NOT_FOUND) throw e;
                }
            }
            throw BerthException.notFound("No such image: %s", ref.withDefaultTag().familiarString());
        });
    }

    /** References to the image, sorted. */
    public List<Reference> references(Digest imageId) {
        return locked(() -> state.referencesTo(imageId));
    }

    /** Every image record, sorted by ID. */
    public List<ImageRecord> images() {
        return locked(() -> List.copyOf(state.records()));
    }

    /** The parsed config of a stored image (cached; configs never change). */
    public ImageConfig config(Digest imageId) {
        locked(() -> require(imageId));
        return readConfig(imageId);
    }

    private ImageConfig readConfig(Digest id) {
        return configs.computeIfAbsent(id, d -> ImageJson.readConfig(Blobs.readAll(state.content, d), "image config " + d));
    }

    /** {@code docker images}; {@code all} also shows intermediate (untagged parent) images. */
    public List<ImageSummary> list(ImageFilter filter, boolean all) {
        return locked(() -> ImageLister.list(state, filter, all, this::labelsOf, this::resolve));
    }

    private Map<String, String> labelsOf(Digest id) {
        try {
            return readConfig(id).labels();
        } catch (BerthException e) {
            return Map.of(); // a damaged config shows up in check(), not as a failing listing
        }
    }

    /**
     * {@code docker rmi}; see {@link ImageRemover} for the exact rules and messages.
     *
     * @param users who uses which image (the container side)
     * @return what was untagged and deleted, in order
     */
    public List<DeleteResponse> remove(String refOrId, boolean force, boolean prune, ImageUsers users) {
        return locked(() -> {
            ImageRecord img = resolve(refOrId);
            List<DeleteResponse> out = ImageRemover.remove(state, img, refOrId, force, prune, users);
            out.stream().filter(r -> r.deleted() != null).forEach(r -> configs.remove(Digest.parse(r.deleted())));
            return out;
        });
    }

    /** Deletes every blob no image names (see {@link BlobCollector}); never blobs under a lease. */
    public GcResult gc() {
        return locked(() -> BlobCollector.collect(state));
    }

    /** Everything wrong with the store, one line each; empty if it is consistent. */
    public List<String> check() {
        return locked(() -> StoreChecker.check(state));
    }

    /** Releases the file lock; the store cannot be used afterwards. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
        } finally {
            lock.unlock();
        }
        try {
            fileLock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        }
        closeQuietly(lockChannel);
    }

    private ImageRecord require(Digest id) {
        return state.record(id).orElseThrow(() -> BerthException.notFound("No such image: %s", id));
    }

    private void requireBlob(Descriptor d, String what) {
        Info info = state.content.info(d.digest())
                .orElseThrow(() -> BerthException.notFound("%s blob %s: not found", what, d.digest()));
        if (info.size() != d.size()) {
            throw BerthException.invalid("%s blob %s: descriptor says %d bytes, the blob has %d",
                    what, d.digest(), d.size(), info.size());
        }
    }

    /**
     * References are stored normalised. Normalising is idempotent, so a reference parsed without
     * defaults ({@link Reference#parse}) is brought to the same form here.
     */
    private static Reference normalized(Reference ref) {
        return Reference.parseNormalized(ref.toString());
    }

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            if (closed) {
                throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                        "image store " + state.layout.root() + " is closed");
            }
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
