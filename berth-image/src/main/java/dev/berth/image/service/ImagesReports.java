package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.ref.Reference;
import dev.berth.image.store.DeleteResponse;
import dev.berth.image.store.ImageFilter;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import dev.berth.image.store.ImageSummary;
import dev.berth.image.store.ImageUsers;
import dev.berth.snapshot.SnapshotInfo;
import dev.berth.snapshot.SnapshotKind;
import dev.berth.snapshot.Snapshotter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/** The read-mostly verbs over all images: list with unpacked sizes, prune, system df, check. */
final class ImagesReports {
    private final ImageStore store;
    private final ImageSizes sizes;
    private final LongSupplier collect;

    ImagesReports(ImageStore store, ImageSizes sizes, LongSupplier collect) {
        this.store = store;
        this.sizes = sizes;
        this.collect = collect;
    }

    List<ImageSummary> list(ImageFilter filter, boolean all) {
        List<ImageSummary> out = new ArrayList<>();
        for (ImageSummary s : store.list(filter, all)) {
            long size = store.get(s.id()).map(r -> sizeOf(r)).orElse(s.size());
            out.add(new ImageSummary(s.id(), s.parentId(), s.repoTags(), s.repoDigests(), s.created(), size, s.labels()));
        }
        return out;
    }

    private long sizeOf(ImageRecord r) {
        try {
            return sizes.imageSize(r, store.config(r.id()));
        } catch (BerthException e) {
            return r.size(); // a damaged config shows in check(), not as a failing listing
        }
    }

    /**
     * moby's ImagesPrune: candidates are images without children (dangling only: also without tags) or,
     * with {@code all}, every image; an untagged image with children is an intermediate and never a
     * candidate; images containers use are skipped. Each is removed through its references (or its id),
     * without force, pruning untagged parents; refusals are skipped. Then blobs and snapshots are collected.
     */
    PruneReport prune(boolean all, ImageUsers users) {
        List<DeleteResponse> deleted = new ArrayList<>();
        for (ImageRecord r : store.images()) {
            if (store.get(r.id()).isEmpty()) continue; // already deleted as a pruned parent
            List<Reference> refs = store.references(r.id());
            boolean hasChildren = store.images().stream().anyMatch(o -> r.id().equals(o.parent()));
            if (refs.isEmpty() && hasChildren) continue;
            if (!all && (hasChildren || refs.stream().anyMatch(Reference::isTagged))) continue;
            if (!users.usersOf(r.id()).isEmpty()) continue;
            try {
                if (refs.isEmpty()) {
                    deleted.addAll(store.remove(r.id().encoded(), false, true, users));
                } else {
                    for (Reference ref : refs) deleted.addAll(store.remove(ref.toString(), false, true, users));
                }
            } catch (BerthException e) {
                if (e.kind() != BerthException.Kind.CONFLICT && e.kind() != BerthException.Kind.NOT_FOUND) throw e;
            }
        }
        long freed = deleted.isEmpty() ? 0 : collect.getAsLong();
        return new PruneReport(deleted, freed);
    }

    ImagesUsage usage(ImageUsers users) {
        Map<String, Integer> imagesPerChain = new HashMap<>();
        Map<Digest, List<String>> chainsOf = new HashMap<>();
        List<ImageRecord> records = store.images();
        for (ImageRecord r : records) {
            List<String> chains = Unpacker.chainKeys(store.config(r.id()).diffIds());
            chainsOf.put(r.id(), chains);
            for (String c : new HashSet<>(chains)) imagesPerChain.merge(c, 1, Integer::sum);
        }
        Map<String, Long> chainSize = new HashMap<>();
        for (ImageRecord r : records) {
            List<String> chains = chainsOf.get(r.id());
            for (int i = 0; i < chains.size(); i++) {
                chainSize.putIfAbsent(chains.get(i), sizes.layerSize(chains.get(i), i < r.layers().size() ? r.layers().get(i) : null));
            }
        }
        long layersSize = chainSize.values().stream().mapToLong(Long::longValue).sum();
        List<ImagesUsage.Entry> entries = new ArrayList<>();
        for (ImageRecord r : records) {
            long size = 0, shared = 0;
            for (String c : chainsOf.get(r.id())) {
                size += chainSize.get(c);
                if (imagesPerChain.get(c) > 1) shared += chainSize.get(c);
            }
            List<String> tags = store.references(r.id()).stream().filter(Reference::isTagged).map(Reference::familiarString).toList();
            entries.add(new ImagesUsage.Entry(r.id().toString(), tags, r.created().getEpochSecond(), size, shared, users.usersOf(r.id()).size()));
        }
        return new ImagesUsage(layersSize, entries);
    }

    /** The image store's problems, and chain snapshots whose key does not follow from their parent and layer. */
    List<String> check(Snapshotter snapshots) {
        List<String> problems = new ArrayList<>(store.check());
        Set<String> chains = new HashSet<>();
        for (SnapshotInfo s : snapshots.walk()) if (s.key().startsWith("sha256:") && s.kind() == SnapshotKind.COMMITTED) chains.add(s.key());
        for (SnapshotInfo s : snapshots.walk()) {
            if (!chains.contains(s.key())) continue;
            if (s.parent() != null && !chains.contains(s.parent())) {
                problems.add("layer snapshot " + s.key() + " sits on " + s.parent() + ", which is not a layer snapshot");
            }
        }
        for (ImageRecord r : store.images()) {
            ImageConfig c;
            try {
                c = store.config(r.id());
            } catch (BerthException e) {
                continue; // reported by the image store's check
            }
            List<String> keys = Unpacker.chainKeys(c.diffIds());
            for (int i = 1; i < keys.size(); i++) {
                if (chains.contains(keys.get(i)) && !chains.contains(keys.get(i - 1))) {
                    problems.add("image " + r.id() + ": layer " + i + " is unpacked but layer " + (i - 1) + " below it is not");
                }
            }
        }
        return problems;
    }
}
