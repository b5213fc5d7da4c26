package dev.berth.image.content;

import java.util.List;
import java.util.Optional;

/** Inspects and removes committed blobs. */
public interface Manager {
    Optional<Info> info(Digest digest);

    /** Every committed blob, sorted by digest. */
    List<Info> list();

    /**
     * Removes a blob.
     *
     * @return false if it was not there
     * @throws dev.berth.common.BerthException CONFLICT if a live lease protects it
     */
    boolean delete(Digest digest);
}
