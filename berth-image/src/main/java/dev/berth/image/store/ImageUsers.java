package dev.berth.image.store;

import dev.berth.image.content.Digest;
import java.util.List;
import java.util.function.Predicate;

/** Who uses an image; supplied by the container side, which the image store does not know. */
@FunctionalInterface
public interface ImageUsers {
    /** The containers created from {@code imageId}; empty if none. */
    List<ImageUser> usersOf(Digest imageId);

    ImageUsers NONE = id -> List.of();

    /**
     * Adapts a bare "is it in use" test: a used image is reported as used by one running container
     * named "unknown", which gives the strictest removal rules.
     */
    static ImageUsers fromPredicate(Predicate<Digest> inUse) {
        return id -> inUse.test(id) ? List.of(new ImageUser("unknown", true)) : List.of();
    }
}
