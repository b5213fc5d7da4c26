package dev.berth.image.content;

import java.util.Set;

/** Hands out {@link Lease}s and says what they protect. */
public interface Leaser {
    Lease lease(String purpose);

    /** Digests protected by any open lease right now. */
    Set<Digest> leased();
}
