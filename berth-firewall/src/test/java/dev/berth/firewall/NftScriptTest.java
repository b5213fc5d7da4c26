package dev.berth.firewall;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NftScriptTest {
    static final BridgeNet DEFAULT = new BridgeNet("berth0", "172.17.0.0/16", false, true);
    static final BridgeNet USER = new BridgeNet("br-0123456789ab", "172.18.0.0/16", false, true);

    @Test
    void oneBridge() {
        assertGolden("one-bridge.nft", NftScript.render("berth", new FirewallModel(List.of(DEFAULT), List.of())));
    }

    @Test
    void twoBridgesAreIsolatedBothWays() {
        String s = NftScript.render("berth", new FirewallModel(List.of(USER, DEFAULT), List.of()));
        assertGolden("two-bridges.nft", s);
        assertTrue(s.contains("iifname \"berth0\" oifname { \"br-0123456789ab\" } drop"), s);
        assertTrue(s.contains("iifname \"br-0123456789ab\" oifname { \"berth0\" } drop"), s);
    }

    @Test
    void internalBridgeHasNoMasqueradeAndDropsInAndOut() {
        BridgeNet internal = new BridgeNet("br-internal0001", "10.99.0.0/24", true, true);
        String s = NftScript.render("berth", new FirewallModel(List.of(internal), List.of()));
        assertGolden("internal.nft", s);
        assertFalse(s.contains("masquerade"), s);
    }

    @Test
    void iccFalseDropsSameBridge() {
        BridgeNet noIcc = new BridgeNet("berth0", "172.17.0.0/16", false, false);
        assertGolden("icc-false.nft", NftScript.render("berth", new FirewallModel(List.of(noIcc), List.of())));
    }

    @Test
    void forwardsTcpUdpWithAndWithoutHostIp() {
        FirewallModel m = new FirewallModel(List.of(DEFAULT, USER), List.of(
                new PortForward("tcp", "", 8080, "172.17.0.2", 80, "berth0"),
                new PortForward("udp", "", 5353, "172.18.0.3", 53, "br-0123456789ab"),
                new PortForward("tcp", "192.168.1.10", 8443, "172.18.0.3", 443, "br-0123456789ab"),
                new PortForward("udp", "127.0.0.1", 6000, "172.17.0.2", 6000, "berth0")));
        assertGolden("forwards.nft", NftScript.render("berth_t1a2b", m));
    }

    @Test
    void forwardsOntoInternalBridgeAreNotPublished() {
        BridgeNet internal = new BridgeNet("br-internal0001", "10.99.0.0/24", true, true);
        String s = NftScript.render("berth", new FirewallModel(List.of(internal),
                List.of(new PortForward("tcp", "", 8080, "10.99.0.2", 80, "br-internal0001"))));
        assertFalse(s.contains("dnat to"), s);
    }

    @Test
    void renderIsDeterministicWhateverTheInputOrder() {
        List<BridgeNet> bridges = new ArrayList<>();
        List<PortForward> forwards = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String br = String.format("br-%012x", 0xabc000 + i);
            bridges.add(new BridgeNet(br, "10.50." + i + ".0/24", i % 3 == 0, i % 2 == 0));
            forwards.add(new PortForward(i % 2 == 0 ? "tcp" : "udp", i % 3 == 1 ? "10.1.1." + i : "", 20000 + i,
                    "10.50." + i + ".2", 80, br));
        }
        String first = NftScript.render("berth", new FirewallModel(bridges, forwards));
        Random random = new Random(42);
        for (int round = 0; round < 10; round++) {
            Collections.shuffle(bridges, random);
            Collections.shuffle(forwards, random);
            assertEquals(first, NftScript.render("berth", new FirewallModel(bridges, forwards)));
        }
    }

    @Test
    void emptyModelStillDeclaresTheChains() {
        String s = NftScript.render("berth", FirewallModel.empty());
        assertTrue(s.startsWith("table ip berth {}\ndelete table ip berth\ntable ip berth {\n"), s);
        assertTrue(s.contains("type nat hook prerouting priority dstnat; policy accept;"), s);
        assertTrue(s.contains("fib daddr type local jump publish"), "always there, so ports change without the hooks: " + s);
    }

    @Test
    void publishUpdateRewritesOnlyThePublishChain() {
        BridgeNet b = new BridgeNet("berth0", "172.17.0.0/16", false, true);
        FirewallModel one = new FirewallModel(List.of(b), List.of(new PortForward("tcp", "", 8080, "172.17.0.2", 80, "berth0")));
        FirewallModel two = new FirewallModel(List.of(b), List.of(new PortForward("tcp", "", 8080, "172.17.0.2", 80, "berth0"),
                new PortForward("udp", "127.0.0.1", 53, "172.17.0.3", 5353, "berth0")));
        assertEquals(NftScript.shape(one), NftScript.shape(two));
        assertEquals(NftScript.shape(one), NftScript.shape(new FirewallModel(List.of(b), List.of())));
        assertEquals("flush chain ip berth publish\n"
                + "add rule ip berth publish tcp dport 8080 dnat to 172.17.0.2:80\n"
                + "add rule ip berth publish ip daddr 127.0.0.1 udp dport 53 dnat to 172.17.0.3:5353\n",
                NftScript.renderPublish("berth", two));
        assertEquals("flush chain ip berth publish\n", NftScript.renderPublish("berth", FirewallModel.empty()));
        assertFalse(NftScript.shape(one).equals(NftScript.shape(new FirewallModel(List.of(b, new BridgeNet("br-x", "10.1.0.0/24", false, true)), List.of()))));
    }

    @Test
    void removeScriptIsIdempotentTransaction() {
        assertEquals("table ip berth_x {}\ndelete table ip berth_x\n", NftScript.renderRemove("berth_x"));
    }

    @Test
    void badInputIsInvalidArgument() {
        assertInvalid(() -> new PortForward("sctp", "", 80, "172.17.0.2", 80, "berth0"));
        assertInvalid(() -> new PortForward("TCP", "", 80, "172.17.0.2", 80, "berth0"));
        assertInvalid(() -> new PortForward("tcp", "", 0, "172.17.0.2", 80, "berth0"));
        assertInvalid(() -> new PortForward("tcp", "", 70000, "172.17.0.2", 80, "berth0"));
        assertInvalid(() -> new PortForward("tcp", "", 80, "172.17.0.2", 0, "berth0"));
        assertInvalid(() -> new PortForward("tcp", "", 80, "172.17.0.2", 65536, "berth0"));
        assertInvalid(() -> new PortForward("tcp", "1.2.3", 80, "172.17.0.2", 80, "berth0"));
        assertInvalid(() -> new PortForward("tcp", "", 80, "172.17.0.256", 80, "berth0"));
        assertInvalid(() -> new PortForward("tcp", "", 80, "172.17.0.2", 80, "bad name\""));
        assertInvalid(() -> new BridgeNet("berth0", "172.17.0.1/16", false, true));
        assertInvalid(() -> new BridgeNet("berth0", "172.17.0.0", false, true));
        assertInvalid(() -> new BridgeNet("berth0", "172.17.0.0/33", false, true));
        assertInvalid(() -> new BridgeNet("a-name-longer-than-15", "172.17.0.0/16", false, true));
        assertInvalid(() -> NftScript.render("bad table", FirewallModel.empty()));
        assertInvalid(() -> new FirewallModel(List.of(DEFAULT, DEFAULT), List.of()));
        assertInvalid(() -> new FirewallModel(List.of(DEFAULT),
                List.of(new PortForward("tcp", "", 80, "172.18.0.2", 80, "br-0123456789ab"))));
    }

    @Test
    void samePortTwiceIsConflict() {
        BerthException e = assertThrows(BerthException.class, () -> new FirewallModel(List.of(DEFAULT), List.of(
                new PortForward("tcp", "", 8080, "172.17.0.2", 80, "berth0"),
                new PortForward("tcp", "127.0.0.1", 8080, "172.17.0.3", 80, "berth0"))));
        assertEquals(BerthException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("127.0.0.1:8080->172.17.0.3:80/tcp"), e.getMessage());
        // Same port on different protocols or different host IPs is fine.
        new FirewallModel(List.of(DEFAULT), List.of(
                new PortForward("tcp", "", 8080, "172.17.0.2", 80, "berth0"),
                new PortForward("udp", "", 8080, "172.17.0.2", 80, "berth0"),
                new PortForward("tcp", "10.0.0.1", 9090, "172.17.0.2", 80, "berth0"),
                new PortForward("tcp", "10.0.0.2", 9090, "172.17.0.3", 80, "berth0")));
    }

    private static void assertInvalid(Runnable r) {
        BerthException e = assertThrows(BerthException.class, r::run);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
    }

    static void assertGolden(String name, String actual) {
        assertEquals(golden(name), actual, "render differs from golden/" + name);
    }

    static String golden(String name) {
        try (InputStream in = NftScriptTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) throw new AssertionError("missing golden file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
