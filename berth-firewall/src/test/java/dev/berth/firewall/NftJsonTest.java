package dev.berth.firewall;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Detection of iptables' FORWARD policy on {@code nft -j} output captured from a host running dockerd. */
class NftJsonTest {
    @Test
    void forwardPolicyAccept() {
        assertEquals(Optional.of("accept"), NftJson.chainPolicy(resource("nft-forward-accept.json"), "FORWARD"));
    }

    @Test
    void forwardPolicyDrop() {
        assertEquals(Optional.of("drop"), NftJson.chainPolicy(resource("nft-forward-drop.json"), "FORWARD"));
    }

    @Test
    void regularChainHasNoPolicyAndOtherNamesDoNotMatch() {
        assertEquals(Optional.empty(), NftJson.chainPolicy(resource("nft-docker-user.json"), "DOCKER-USER"));
        assertEquals(Optional.empty(), NftJson.chainPolicy(resource("nft-forward-drop.json"), "INPUT"));
    }

    @Test
    void garbageIsInternal() {
        BerthException e = assertThrows(BerthException.class, () -> NftJson.chainPolicy("{\"x\": 1}", "FORWARD"));
        assertEquals(BerthException.Kind.INTERNAL, e.kind());
    }

    private static String resource(String name) {
        try (InputStream in = NftJsonTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
