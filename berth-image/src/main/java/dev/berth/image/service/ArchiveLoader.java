package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Lease;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.ref.ImageIds;
import dev.berth.image.ref.Reference;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import dev.berth.image.store.NewImage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code docker load}: reads a docker-archive (manifest.json; docker save 20.10 and 25+) or an OCI image
 * layout archive (index.json; skopeo oci-archive), several images per archive, and records them.
 *
 * <p><b>Order, and what a failure leaves.</b> Everything happens under one content-store lease and a
 * {@link ChainGuard} protection of the images' chains: (1) the archive is spooled (blobs into the content
 * store, checked against their digests where the archive names them); (2) every image's layers are
 * unpacked into committed snapshots, each checked against the config's diff_ids; (3) only then are the
 * images recorded and tagged, parents before children. A refused or broken archive fails in (1) or (2),
 * before any image exists; the lease is then closed and the blobs and snapshots nothing needs are
 * collected, so nothing of it remains. A kill at any point leaves at worst unreferenced blobs, committed
 * snapshots no image needs (both collected by the next garbage collection) or a staging snapshot
 * (removed when the snapshotter opens); a recorded image always has its blobs.
 */
final class ArchiveLoader {
    private final ImageStore store;
    private final Unpacker unpacker;
    private final ChainGuard guard;
    private final Runnable collectGarbage;
    private final CrashPoints crash;

    ArchiveLoader(ImageStore store, Unpacker unpacker, ChainGuard guard, Runnable collectGarbage, CrashPoints crash) {
        this.store = store;
        this.unpacker = unpacker;
        this.guard = guard;
        this.collectGarbage = collectGarbage;
        this.crash = crash;
    }

    /**
     * Loads the archive.
     *
     * @param quiet    when false, progress also gets a "Loading layer &lt;id&gt;" line per layer unpacked
     * @param progress receives Docker's output lines (without newline): renames of moved tags,
     *                 "Loaded image: busybox:latest", "Loaded image ID: sha256:..."
     * @return the loaded references: tags ("busybox:latest") and, for untagged images, image ids
     */
    List<String> load(InputStream in, boolean quiet, Consumer<String> progress) {
        ContentStore content = store.content();
        boolean done = false;
        try {
            try (Lease lease = content.lease("load")) {
                ArchiveSpool spool = ArchiveSpool.read(in, content, lease);
                crash.reached("load-spooled");
                List<ArchiveImage> images;
                if (spool.has("manifest.json")) images = DockerArchiveReader.read(spool, content, lease);
                else if (spool.has("index.json")) images = OciLayoutReader.read(spool, content, lease);
                else throw BerthException.invalid("invalid archive: it has neither manifest.json (docker save) nor index.json (OCI image layout)");
                for (ArchiveImage img : images) checkPlatform(img);
                List<String> chains = new ArrayList<>();
                for (ArchiveImage img : images) chains.addAll(Unpacker.chainKeys(img.parsed().diffIds()));
                try (ChainGuard.Hold _ = guard.protect(chains)) {
                    for (ArchiveImage img : images) {
                        unpacker.unpack("image " + img.id(), img.parsed().diffIds(), img.layers(),
                                i -> { if (!quiet) progress.accept("Loading layer " + ImageIds.truncate(img.parsed().diffIds().get(i).toString())); });
                    }
                    crash.reached("load-unpacked");
                    List<String> loaded = record(images, progress);
                    done = true;
                    return loaded;
                }
            }
        } finally {
            if (!done) collectGarbage.run();
        }
    }

    private static void checkPlatform(ArchiveImage img) {
        String os = img.parsed().os();
        if (os != null && !os.isEmpty() && !os.equals("linux")) throw BerthException.invalid("cannot load %s image on linux", os);
    }

    /** Adds the images, parents first, then tags them as docker load does. */
    private List<String> record(List<ArchiveImage> images, Consumer<String> progress) {
        Map<Digest, ArchiveImage> pending = new LinkedHashMap<>();
        for (ArchiveImage img : images) pending.putIfAbsent(img.id(), img);
        Map<Digest, List<Reference>> tags = new LinkedHashMap<>();
        for (ArchiveImage img : images) tags.computeIfAbsent(img.id(), k -> new ArrayList<>()).addAll(img.tags());
        List<String> loaded = new ArrayList<>();
        Set<Digest> added = new HashSet<>();
        while (!pending.isEmpty()) {
            boolean progressMade = false;
            for (ArchiveImage img : List.copyOf(pending.values())) {
                Digest parent = validParent(img, pending);
                if (parent != null && pending.containsKey(parent) && !parent.equals(img.id())) continue; // its parent first
                NewImage ni = NewImage.of(img.config(), img.layers());
                if (parent != null && !parent.equals(img.id())) ni = ni.withParent(parent);
                store.add(ni);
                crash.reached("load-recorded");
                added.add(img.id());
                pending.remove(img.id());
                progressMade = true;
            }
            if (!progressMade) { // a parent cycle in a hostile manifest: record the rest without parents
                for (ArchiveImage img : List.copyOf(pending.values())) {
                    store.add(NewImage.of(img.config(), img.layers()));
                    pending.remove(img.id());
                }
            }
        }
        for (Map.Entry<Digest, List<Reference>> e : tags.entrySet()) {
            if (e.getValue().isEmpty()) {
                progress.accept("Loaded image ID: " + e.getKey());
                loaded.add(e.getKey().toString());
                continue;
            }
            for (Reference ref : e.getValue()) {
                Optional<ImageRecord> old = store.get(ref);
                if (old.isPresent() && !old.get().id().equals(e.getKey())) {
                    progress.accept("The image " + ref.familiarString() + " already exists, renaming the old one with ID "
                            + old.get().id() + " to empty string");
                }
                store.tag(e.getKey(), ref, true);
                crash.reached("load-tagged");
                progress.accept("Loaded image: " + ref.familiarString());
                loaded.add(ref.familiarString());
            }
        }
        return loaded;
    }

    /**
     * The parent the archive names, if it is usable: recorded already or in this archive, and its layers
     * a prefix of the child's (Docker's checkValidParent); else null.
     */
    private Digest validParent(ArchiveImage img, Map<Digest, ArchiveImage> pending) {
        Digest p = img.parent();
        if (p == null) return null;
        ImageConfig parentConfig;
        if (pending.containsKey(p)) parentConfig = pending.get(p).parsed();
        else if (store.get(p).isPresent()) parentConfig = store.config(p);
        else return null;
        List<Digest> mine = img.parsed().diffIds();
        List<Digest> theirs = parentConfig.diffIds();
        if (theirs.size() > mine.size() || !mine.subList(0, theirs.size()).equals(theirs)) return null;
        return p;
    }
}
