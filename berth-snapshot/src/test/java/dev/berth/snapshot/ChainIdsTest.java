package dev.berth.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdsTest {
    // Diff ids: sha256 of "layer-a", "layer-b", "layer-c". Chain ids computed with coreutils:
    //   printf '%s %s' $A $B | sha256sum
    static final String A = "sha256:589f0d58b9053a4ff7329b8fdb4f9dd120e29354c086ad0b3b10733f6cfd6de3";
    static final String B = "sha256:55fea2a37a9fc5963f1beccd0d162b856e6bd05ca07cdd3726847846ab740f0d";
    static final String C = "sha256:e6c65c655ca8172ab7a2b634dab3220a45472dd6571b6efd956ccc05e229a201";
    static final String AB = "sha256:267c5fd16af60e52927fabf0a36a31f3b5a2069347f7f00c7bd7f93f6ebc01f4";
    static final String ABC = "sha256:82c0ed5f6c15be9b9180a8c04b9f2c676d74af6db13c711f5bb47a0fa43b56df";

    @Test
    void singleLayerChainIdIsItsDiffId() {
        assertEquals(A, ChainIds.top(List.of(A)));
        assertEquals(List.of(A), ChainIds.of(List.of(A)));
        assertEquals(A, ChainIds.next(null, A));
    }

    @Test
    void knownVectorsFromSha256sum() {
        assertEquals(List.of(A, AB, ABC), ChainIds.of(List.of(A, B, C)));
        assertEquals(ABC, ChainIds.top(List.of(A, B, C)));
        assertEquals(AB, ChainIds.next(A, B));
    }

    @Test
    void matchesTheDefinitionComputedHere() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String ab = "sha256:" + HexFormat.of().formatHex(sha.digest((A + " " + B).getBytes(StandardCharsets.US_ASCII)));
        String abc = "sha256:" + HexFormat.of().formatHex(sha.digest((ab + " " + C).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(abc, ChainIds.top(List.of(A, B, C)));
    }

    @Test
    void orderMatters() {
        assertNotEquals(ChainIds.top(List.of(A, B)), ChainIds.top(List.of(B, A)));
        assertNotEquals(C, ChainIds.top(List.of(A, B, C)), "a layer on a base is not the layer alone");
    }

    @Test
    void refusesMalformedDigests() {
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, assertThrows(BerthException.class, () -> ChainIds.next(null, "abc")).kind());
        assertThrows(BerthException.class, () -> ChainIds.next(A, "sha256:ABC"));
        assertThrows(BerthException.class, () -> ChainIds.next("sha256:1234", B));
        assertThrows(BerthException.class, () -> ChainIds.top(List.of()));
    }
}
