package dev.berth.image.content;

import java.time.Instant;
import java.util.Objects;

/** What the store knows about a committed blob. */
public record Info(Digest digest, long size, Instant committedAt) {
    public Info {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(committedAt, "committedAt");
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
    }
}
