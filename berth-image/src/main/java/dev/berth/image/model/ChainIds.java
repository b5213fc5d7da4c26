package dev.berth.image.model;

import dev.berth.image.content.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain IDs as the OCI image spec defines them: {@code ChainID(L0) = DiffID(L0)} and
 * {@code ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(Ln))}. A chain ID names a layer
 * together with everything below it, so it is the key of an unpacked snapshot.
 */
public final class ChainIds {
    private ChainIds() {}

    /** The chain ID of every prefix of {@code diffIds}, bottom first (same length as the input). */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> out = new ArrayList<>(diffIds.size());
        Digest chain = null;
        for (Digest diff : diffIds) {
            chain = chain == null ? diff : next(chain, diff);
            out.add(chain);
        }
        return List.copyOf(out);
    }

    /** The chain ID of the whole stack; IllegalArgumentException for no layers. */
    public static Digest top(List<Digest> diffIds) {
        if (diffIds.isEmpty()) throw new IllegalArgumentException("no layers, so no chain ID");
        List<Digest> all = of(diffIds);
        return all.get(all.size() - 1);
    }

    /** The chain ID of {@code diffId} placed on top of the stack named {@code parentChainId}. */
    public static Digest next(Digest parentChainId, Digest diffId) {
        return Digest.sha256((parentChainId + " " + diffId).getBytes(StandardCharsets.UTF_8));
    }
}
