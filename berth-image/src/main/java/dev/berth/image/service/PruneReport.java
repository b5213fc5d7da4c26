package dev.berth.image.service;

import dev.berth.image.store.DeleteResponse;
import java.util.List;

/** {@code docker image prune}'s answer: what was untagged and deleted, and the bytes freed (layers and blobs). */
public record PruneReport(List<DeleteResponse> deleted, long spaceReclaimed) {
    public PruneReport {
        deleted = List.copyOf(deleted);
    }
}
