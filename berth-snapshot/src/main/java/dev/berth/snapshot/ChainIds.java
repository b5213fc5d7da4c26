package dev.berth.snapshot;

import dev.berth.common.BerthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * OCI chain ids (image-spec config.md, "Layer ChainID"): the identity of a stack of layers, which is
 * what a committed image-layer snapshot is keyed by.
 * <pre>
 *   ChainID(L0)       = DiffID(L0)
 *   ChainID(L0|...|Ln) = sha256(ChainID(L0|...|Ln-1) + " " + DiffID(Ln))
 * </pre>
 * Pure functions; digests are checked to have the {@code algorithm:hex} form.
 */
public final class ChainIds {
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    private ChainIds() {}

    /** The chain id of {@code diffId} applied on top of the stack {@code parentChainId} (null for the base layer). */
    public static String next(String parentChainId, String diffId) {
        check(diffId, "diff id");
        if (parentChainId == null) return diffId;
        check(parentChainId, "chain id");
        return "sha256:" + sha256Hex(parentChainId + " " + diffId);
    }

    /** The chain id of every prefix of the stack: element i identifies layers 0..i applied in order. */
    public static List<String> of(List<String> diffIds) {
        List<String> out = new ArrayList<>(diffIds.size());
        String chain = null;
        for (String diffId : diffIds) {
            chain = next(chain, diffId);
            out.add(chain);
        }
        return List.copyOf(out);
    }

    /** The chain id of the whole stack (the key of the snapshot a container of this image is built on). */
    public static String top(List<String> diffIds) {
        if (diffIds.isEmpty()) throw BerthException.invalid("chain id of an empty layer list");
        List<String> all = of(diffIds);
        return all.get(all.size() - 1);
    }

    private static void check(String digest, String what) {
        if (digest == null || !DIGEST.matcher(digest).matches())
            throw BerthException.invalid("invalid %s '%s': want algorithm:hex", what, digest);
        if (digest.startsWith("sha256:") && !SHA256.matcher(digest).matches())
            throw BerthException.invalid("invalid %s '%s': sha256 needs 64 lowercase hex digits", what, digest);
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
