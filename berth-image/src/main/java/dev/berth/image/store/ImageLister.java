package dev.berth.image.store;

import dev.berth.image.content.Digest;
import dev.berth.image.ref.PathGlob;
import dev.berth.image.ref.Reference;
import dev.berth.image.ref.ReferenceMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code docker images}: moby's daemon/images/images.go selection rules over the store's records. */
final class ImageLister {
    private ImageLister() {}

    /**
     * @param labelsOf reads an image's labels (from its config blob)
     * @param resolve turns a before/since argument into an image
     */
    static List<ImageSummary> list(StoreState state, ImageFilter filter, boolean all,
                                   Function<Digest, Map<String, String>> labelsOf,
                                   Function<String, ImageRecord> resolve) {
        boolean danglingOnly = Boolean.TRUE.equals(filter.dangling());
        ImageRecord before = filter.before() == null ? null : resolve.apply(filter.before());
        ImageRecord since = filter.since() == null ? null : resolve.apply(filter.since());
        filter.references().forEach(PathGlob::compile); // a bad pattern fails even when nothing would be matched

        List<ImageSummary> out = new ArrayList<>();
        images:
        for (ImageRecord img : state.records()) {
            boolean head = state.children(img.id()).isEmpty();
            if (danglingOnly && !head) continue;
            if (before != null && !img.created().isBefore(before.created())) continue;
            if (since != null && !img.created().isAfter(since.created())) continue;
            Map<String, String> labels = labelsOf.apply(img.id());
            if (!filter.labels().isEmpty() && !matchLabels(filter.labels(), labels)) continue;

            List<String> tags = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            for (Reference ref : state.referencesTo(img.id())) {
                if (!filter.references().isEmpty()
                        && filter.references().stream().noneMatch(p -> ReferenceMatch.matches(p, ref))) {
                    continue;
                }
                if (ref.isDigested()) digests.add(ref.familiarString());
                if (ref.isTagged()) {
                    if (danglingOnly) continue images;
                    tags.add(ref.familiarString());
                }
            }
            if (tags.isEmpty() && digests.isEmpty()) {
                if ((!all && !head) || Boolean.FALSE.equals(filter.dangling()) || !filter.references().isEmpty()) continue;
            }
            out.add(new ImageSummary(img.id(), img.parent(), tags, digests, img.created(), img.size(), labels));
        }
        out.sort(Comparator.comparing(ImageSummary::created).reversed().thenComparing(ImageSummary::id));
        return out;
    }

    /** Docker's MatchKVList: every "key" must be present and every "key=value" equal. */
    private static boolean matchLabels(List<String> wanted, Map<String, String> labels) {
        for (String w : wanted) {
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            if (!labels.containsKey(key)) return false;
            if (eq >= 0 && !w.substring(eq + 1).equals(labels.get(key))) return false;
        }
        return true;
    }
}
