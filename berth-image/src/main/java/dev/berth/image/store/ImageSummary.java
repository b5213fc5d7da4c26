package dev.berth.image.store;

import dev.berth.image.content.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code docker images}. Tags and digests are familiar strings; a dangling image has
 * both lists empty (the API layer may print Docker's {@code <none>} placeholders).
 */
public record ImageSummary(
        Digest id, Digest parentId, List<String> repoTags, List<String> repoDigests,
        Instant created, long size, Map<String, String> labels) {
    public ImageSummary {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
