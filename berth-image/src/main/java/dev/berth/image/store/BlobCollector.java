package dev.berth.image.store;

import dev.berth.common.BerthException;
import dev.berth.image.content.Blobs;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Info;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageIndex;
import dev.berth.image.model.ImageJson;
import dev.berth.image.model.Manifest;
import dev.berth.image.model.MediaTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mark and sweep over the content store. Roots: every blob an image record names (config,
 * layers, manifests), followed through stored manifests and indexes to what they point at.
 * Kept as well: everything under an open lease (operations still writing). Runs under the store
 * lock, so no image can be added meanwhile; {@code ContentStore.delete} re-checks leases under its
 * own lock, so a writer that leases a blob while the sweep runs wins.
 */
final class BlobCollector {
    private BlobCollector() {}

    static GcResult collect(StoreState state) {
        Set<Digest> live = mark(state);
        List<Digest> removed = new ArrayList<>();
        long freed = 0;
        for (Info info : state.content.list()) {
            if (live.contains(info.digest())) continue;
            try {
                if (state.content.delete(info.digest())) {
                    removed.add(info.digest());
                    freed += info.size();
                    state.steps.reached("blob-deleted");
                }
            } catch (BerthException e) {
                if (e.kind() != BerthException.Kind.CONFLICT) throw e; // CONFLICT: leased, so kept
            }
        }
        return new GcResult(removed, freed);
    }

    static Set<Digest> mark(StoreState state) {
        Set<Digest> live = new HashSet<>();
        Deque<Digest> documents = new ArrayDeque<>();
        for (ImageRecord r : state.records()) {
            live.addAll(r.blobs());
            documents.addAll(r.manifests());
        }
        while (!documents.isEmpty()) {
            Digest d = documents.pop();
            Manifest m = readIfPresent(state, d);
            if (m == null) continue;
            for (Descriptor child : m.references()) {
                if (live.add(child.digest()) && (m instanceof ImageIndex || isDocument(child.mediaType()))) {
                    documents.push(child.digest());
                }
            }
        }
        return live;
    }

    private static boolean isDocument(String mediaType) {
        return MediaTypes.isManifest(mediaType) || MediaTypes.isIndex(mediaType);
    }

    private static Manifest readIfPresent(StoreState state, Digest d) {
        if (state.content.info(d).isEmpty()) return null;
        try {
            return ImageJson.readManifest(Blobs.readAll(state.content, d), "manifest " + d);
        } catch (BerthException e) {
            // Not a manifest we understand (or gone): it is kept as a root, it just names nothing further.
            return null;
        }
    }
}
