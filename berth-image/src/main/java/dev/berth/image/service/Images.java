package dev.berth.image.service;

import dev.berth.archive.Change;
import dev.berth.common.BerthException;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.ref.Reference;
import dev.berth.image.store.DeleteResponse;
import dev.berth.image.store.ImageFilter;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import dev.berth.image.store.ImageSummary;
import dev.berth.image.store.ImageUsers;
import dev.berth.snapshot.InitFile;
import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Mounter;
import dev.berth.snapshot.Snapshotter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The image side of the daemon, one object per data root: images (unpack, history, inspect, tag, rmi,
 * prune, save, load, import, commit) and containers' root file systems (layers, mounts, diff, export).
 * It owns the content store and image store ({@code <data-root>/content}, {@code <data-root>/image}) and a
 * snapshotter ({@code <data-root>/snapshots/overlay} when overlay works there, else {@code .../native}),
 * and delegates each verb to a small class of this package.
 *
 * <h2>Lifecycle of an image's layers</h2>
 * <pre>{@code
 * Images images = Images.open(dataRoot, BuiltinImage.locate().orElse(null)); // busybox:latest loaded if missing
 * images.load(in, false, System.out::println);        // blobs -> unpacked snapshots -> records -> tags
 * images.prepareContainer("c1", "busybox", ContainerLayers.dockerInitFiles(host, hosts, resolv)); // init + writable
 * images.mountRootfs("c1", rootfs);  ...  images.unmountRootfs(rootfs);
 * images.changes("c1");  images.commit("c1", CommitOptions.of("mine:1"), containerConfig);
 * images.removeContainer("c1");
 * images.remove("mine:1", false, true, users);        // record gone; blobs and snapshots collected
 * images.close();
 * }</pre>
 *
 * <h2>Crash safety</h2>
 * Every operation writes in the order blobs (under a content lease), snapshots (staged, then committed
 * under their chain id), image record, tags, and removes in the reverse order. A kill at any point leaves
 * only things the next {@link #open} or garbage collection cleans: temp and ingest files, staging
 * snapshots, unreferenced blobs, chain snapshots no image needs. A chain key always names a complete,
 * verified layer.
 *
 * <h2>Threads</h2>
 * All methods are safe to call concurrently; unpacks of the same chain are serialised, and collection never
 * removes a snapshot an operation is still using ({@link ChainGuard}).
 */
public final class Images implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Images.class.getName());

    /**
     * How to open.
     *
     * @param dataRoot       the daemon's data root
     * @param builtinArchive the built-in busybox archive to load when busybox:latest is missing, or null
     * @param snapshotter    which snapshotter
     * @param durable        fsync snapshots and metadata (survive power cuts, not only kills)
     */
    public record Options(Path dataRoot, Path builtinArchive, SnapshotterMode snapshotter, boolean durable) {
        public Options {
            Objects.requireNonNull(dataRoot, "dataRoot");
            Objects.requireNonNull(snapshotter, "snapshotter");
        }

        public static Options of(Path dataRoot) {
            return new Options(dataRoot, null, SnapshotterMode.AUTO, true);
        }

        public Options withBuiltinArchive(Path p) {
            return new Options(dataRoot, p, snapshotter, durable);
        }

        public Options withSnapshotter(SnapshotterMode m) {
            return new Options(dataRoot, builtinArchive, m, durable);
        }
    }

    private final ImageStore store;
    private final Snapshotter snapshots;
    private final String driverName;
    private final Unpacker unpacker;
    private final Collector collector;
    private final ContainerRootfs rootfs;
    private final ContainerFiles files;
    private final ArchiveLoader loader;
    private final ArchiveSaver saver;
    private final Committer committer;
    private final Importer importer;
    private final ImageHistory history;
    private final ImageInspector inspector;
    private final ImageSizes sizes;
    private final ImagesReports reports;

    private Images(ImageStore store, SnapshotterChoice.Opened opened, Mounter mounter, ServiceLayout layout, CrashPoints crash) {
        this.store = store;
        this.snapshots = opened.snapshotter();
        this.driverName = opened.driverName();
        ChainGuard guard = new ChainGuard();
        LayerInfoStore infos = new LayerInfoStore(layout);
        this.unpacker = new Unpacker(snapshots, store.content(), infos, guard, crash);
        this.collector = new Collector(store, snapshots, guard, infos, crash);
        Runnable gc = this::collectQuietly;
        this.rootfs = new ContainerRootfs(snapshots, mounter, unpacker, guard, new RootfsRecords(layout), crash);
        this.files = new ContainerFiles(snapshots, opened.overlay(), mounter, layout);
        this.loader = new ArchiveLoader(store, unpacker, guard, gc, crash);
        this.saver = new ArchiveSaver(store, infos);
        this.committer = new Committer(store, files, unpacker, guard, gc, Clock.systemUTC(), crash);
        this.importer = new Importer(store, unpacker, guard, gc, Clock.systemUTC());
        this.sizes = new ImageSizes(infos);
        this.history = new ImageHistory(store, sizes);
        this.inspector = new ImageInspector(store, sizes, driverName);
        this.reports = new ImagesReports(store, sizes, this::collect);
    }

    /** Opens the data root without loading a built-in image. */
    public static Images open(Path dataRoot) {
        return open(Options.of(dataRoot));
    }

    /** Opens the data root and loads {@code builtinArchive} (may be null) if busybox:latest is missing. */
    public static Images open(Path dataRoot, Path builtinArchive) {
        return open(Options.of(dataRoot).withBuiltinArchive(builtinArchive));
    }

    public static Images open(Options o) {
        return open(o, CrashPoints.NONE);
    }

    static Images open(Options o, CrashPoints crash) {
        ServiceLayout layout = new ServiceLayout(o.dataRoot());
        Mounter mounter = new Mounter();
        ImageStore store = null;
        Snapshotter snaps = null;
        try {
            Files.createDirectories(layout.dataRoot());
            cleanTmp(layout, mounter);
            store = ImageStore.open(layout.dataRoot());
            SnapshotterChoice.Opened opened = SnapshotterChoice.open(layout, o.snapshotter(), o.durable(), mounter);
            snaps = opened.snapshotter();
            Images images = new Images(store, opened, mounter, layout, crash);
            images.collector.removeLeftoverViews();
            if (o.builtinArchive() != null) images.ensureBuiltin(o.builtinArchive());
            return images;
        } catch (IOException | RuntimeException e) {
            if (snaps != null) snaps.close();
            if (store != null) store.close();
            if (e instanceof BerthException be) throw be;
            throw BerthException.internal("open images in " + layout.dataRoot() + ": " + e.getMessage(), e);
        }
    }

    /** Export mounts and spool files of a process that died: unmounted, then deleted. */
    private static void cleanTmp(ServiceLayout layout, Mounter mounter) throws IOException {
        if (!Files.exists(layout.tmp())) return;
        mounter.unmount(layout.tmp());
        if (mounter.mountsUnder(layout.tmp()).isEmpty()) ContainerFiles.deleteTree(layout.tmp());
    }

    private void ensureBuiltin(Path archive) {
        if (store.get(Reference.parseNormalized(BuiltinImage.REFERENCE)).isPresent()) return;
        if (!Files.isRegularFile(archive)) {
            LOG.log(System.Logger.Level.WARNING, "built-in image archive {0} not found; {1} is not available", archive, BuiltinImage.REFERENCE);
            return;
        }
        try (InputStream in = Files.newInputStream(archive)) {
            load(in, true, line -> { });
        } catch (IOException | BerthException e) { // a broken build artefact must not keep the daemon from starting
            LOG.log(System.Logger.Level.WARNING, "cannot load the built-in image {0}; {1} is not available: {2}",
                    archive, BuiltinImage.REFERENCE, e.getMessage());
        }
    }

    /** The image and reference store (list, tag, resolve, check). */
    public ImageStore store() {
        return store;
    }

    /** The snapshotter, for tests and diagnostics. */
    Snapshotter snapshotter() {
        return snapshots;
    }

    /** "overlay2" or "vfs": the storage driver Docker would report for the snapshotter in use. */
    public String driverName() {
        return driverName;
    }

    // ---- images ----

    /** Docker's image lookup: full id or digest, reference (":latest" by default), or unique id prefix. */
    public ImageRecord resolve(String refOrId) {
        return store.resolve(refOrId);
    }

    public ImageConfig config(String refOrId) {
        return store.config(resolve(refOrId).id());
    }

    /** Unpacks every layer of the image not yet unpacked; returns the top chain id (null for no layers). */
    public String ensureUnpacked(String refOrId) {
        ImageRecord r = resolve(refOrId);
        return unpacker.unpack("image " + r.id(), store.config(r.id()).diffIds(), r.layers());
    }

    /** {@code docker images}, with sizes of unpacked layers where known. */
    public List<ImageSummary> list(ImageFilter filter, boolean all) {
        return reports.list(filter, all);
    }

    public List<HistoryRow> history(String refOrId) {
        return history.history(resolve(refOrId));
    }

    public ImageInspect inspect(String refOrId) {
        return inspector.inspect(resolve(refOrId));
    }

    /** {@code docker tag}: the target reference ":latest" by default, moved if it exists (the API always forces). */
    public void tag(String source, String target) {
        store.tag(resolve(source).id(), Committer.tagOf(target), true);
    }

    /** {@code docker rmi} (see ImageRemover for the rules); blobs and snapshots freed by it are collected. */
    public List<DeleteResponse> remove(String refOrId, boolean force, boolean prune, ImageUsers users) {
        List<DeleteResponse> out = store.remove(refOrId, force, prune, users);
        if (out.stream().anyMatch(r -> r.deleted() != null)) collectQuietly();
        return out;
    }

    /** {@code docker image prune}: dangling images, or with {@code all} every image no container uses. */
    public PruneReport prune(boolean all, ImageUsers users) {
        return reports.prune(all, users);
    }

    /** Collects unreferenced blobs and unneeded snapshots; returns the bytes freed. */
    public long collect() {
        return collector.collect().bytes();
    }

    private void collectQuietly() {
        try {
            collector.collect();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "garbage collection failed; it runs again with the next removal: " + e.getMessage(), e);
        }
    }

    /** The images part of {@code docker system df}. */
    public ImagesUsage usage(ImageUsers users) {
        return reports.usage(users);
    }

    /** Problems of the stores, one line each; empty when consistent. */
    public List<String> check() {
        return reports.check(snapshots);
    }

    // ---- archives ----

    /** {@code docker save}: writes the archive (docker-archive and OCI layout at once) to out, which is not closed. */
    public void save(List<String> refsOrIds, OutputStream out) {
        saver.save(refsOrIds, out);
    }

    /**
     * {@code docker load}: reads a docker-archive or OCI layout archive from in (not closed).
     *
     * @param progress gets Docker's output lines; with quiet=false also "Loading layer &lt;id&gt;" per layer
     * @return the loaded tags ("busybox:latest"), and ids of loaded untagged images
     */
    public List<String> load(InputStream in, boolean quiet, Consumer<String> progress) {
        return loader.load(in, quiet, progress);
    }

    /** {@code docker import}: a one-layer image from a root file system tar (plain, gzip or zstd); returns its id. */
    public String importRootfs(InputStream tar, String ref, List<String> changes, String message) {
        return importer.importRootfs(tar, ref, changes, message).toString();
    }

    // ---- containers ----

    /**
     * Makes the container's layers on the image (unpacking it first): the init layer with {@code initFiles}
     * ({@link dev.berth.snapshot.ContainerLayers#dockerInitFiles}), and the writable layer. Returns the
     * mounts of its root file system.
     */
    public List<Mount> prepareContainer(String containerId, String imageRefOrId, List<InitFile> initFiles) {
        ImageRecord image = resolve(imageRefOrId);
        return rootfs.prepare(containerId, image, store.config(image.id()), initFiles);
    }

    /** The mounts of the container's root file system (for a runtime that mounts in its own namespace). */
    public List<Mount> containerMounts(String containerId) {
        return rootfs.mounts(containerId);
    }

    /** Mounts the container's root file system on target (an existing directory); idempotent. */
    public void mountRootfs(String containerId, Path target) {
        rootfs.mount(containerId, target);
    }

    /** Unmounts everything at or below target; nothing mounted is fine. */
    public void unmountRootfs(Path target) {
        rootfs.unmount(target);
    }

    /** Removes the container's layers; refused (CONFLICT) while its root is mounted. */
    public void removeContainer(String containerId) {
        rootfs.remove(containerId);
    }

    /**
     * Containers that have layers here, sorted: at start-up the engine removes those it has no record of
     * (a creation killed half-way leaves some).
     */
    public List<String> containersWithLayers() {
        return rootfs.ids();
    }

    /** The image id a container's layers were made from. */
    public String containerImage(String containerId) {
        return rootfs.record(containerId).imageId();
    }

    /** {@code docker diff}: what the container added, changed and deleted (init files left out). */
    public List<Change> changes(String containerId) {
        return files.changes(rootfs.record(containerId));
    }

    /** {@code docker export}: the container's file system as a tar (see {@link ContainerFiles} for the init files). */
    public void export(String containerId, OutputStream out) {
        files.export(rootfs.record(containerId), out);
    }

    /**
     * {@code docker commit}: a new image of the container's changes.
     *
     * @param containerConfig the container's config (its Cmd becomes the history's created_by)
     * @return the new image's id
     */
    public String commit(String containerId, CommitOptions options, ImageConfig.Config containerConfig) {
        return committer.commit(rootfs.record(containerId), options, containerConfig).toString();
    }

    /** Closes the snapshotter and the image store (releasing their locks). Mounts are left as they are. */
    @Override
    public void close() {
        try {
            snapshots.close();
        } finally {
            store.close();
        }
    }
}
