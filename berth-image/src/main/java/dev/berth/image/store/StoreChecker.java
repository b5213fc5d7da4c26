package dev.berth.image.store;

import dev.berth.common.BerthException;
import dev.berth.image.content.Blobs;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Info;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.ImageJson;
import dev.berth.image.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code berth system check}: what is wrong with the store, one human-readable line per problem. */
final class StoreChecker {
    private StoreChecker() {}

    static List<String> check(StoreState state) {
        List<String> problems = new ArrayList<>(state.loadProblems());
        problems.addAll(state.content.verify());
        for (ImageRecord r : state.records()) checkImage(state, r, problems);
        for (Map.Entry<Reference, Digest> e : state.allReferences().entrySet()) {
            if (state.record(e.getValue()).isEmpty()) {
                problems.add("reference " + e.getKey().familiarString() + " points to missing image " + e.getValue());
            }
        }
        return problems;
    }

    private static void checkImage(StoreState state, ImageRecord r, List<String> problems) {
        String image = "image " + r.id();
        if (!blobMissing(state, r.config(), image + ": config blob", problems)) {
            try {
                ImageConfig c = ImageJson.readConfig(Blobs.readAll(state.content, r.id()), "config blob " + r.id());
                if (!r.layers().isEmpty() && r.layers().size() != c.diffIds().size()) {
                    problems.add(image + ": " + r.layers().size() + " layer blobs but " + c.diffIds().size()
                            + " diff IDs in its config");
                }
            } catch (BerthException e) {
                problems.add(image + ": " + e.getMessage());
            }
        }
        for (Descriptor layer : r.layers()) blobMissing(state, layer, image + ": layer blob", problems);
        for (Digest m : r.manifests()) {
            if (state.content.info(m).isEmpty()) problems.add(image + ": manifest blob " + m + " is missing");
        }
        if (r.parent() != null && state.record(r.parent()).isEmpty()) {
            problems.add(image + ": parent image " + r.parent() + " does not exist");
        }
    }

    /** Adds a problem and returns true if the blob is missing or has the wrong size. */
    private static boolean blobMissing(StoreState state, Descriptor d, String what, List<String> problems) {
        Optional<Info> info = state.content.info(d.digest());
        if (info.isEmpty()) {
            problems.add(what + " " + d.digest() + " is missing");
            return true;
        }
        if (info.get().size() != d.size()) {
            problems.add(what + " " + d.digest() + " has " + info.get().size() + " bytes, expected " + d.size());
        }
        return false;
    }
}
