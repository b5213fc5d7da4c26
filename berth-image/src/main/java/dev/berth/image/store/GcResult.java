package dev.berth.image.store;

import dev.berth.image.content.Digest;
import java.util.List;

/** What {@link ImageStore#gc()} removed. */
public record GcResult(List<Digest> removed, long bytesFreed) {
    public GcResult {
        removed = List.copyOf(removed);
    }
}
