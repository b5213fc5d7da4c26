package dev.berth.firewall;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Berth's table on the real kernel: needs root, nftables and busybox. Touches only names with a random suffix. */
class FirewallIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    private String hex;
    private int x;
    private String table;
    private Firewall firewall;
    private HostNet net;

    @BeforeEach
    void setUp() {
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        hex = HexFormat.of().formatHex(b);
        x = 1 + RANDOM.nextInt(250);
        table = "berth_t" + hex;
        firewall = new Firewall(table);
        net = new HostNet();
    }

    @AfterEach
    void tearDown() {
        try {
            firewall.remove();
        } finally {
            net.close();
            HostNet.exec("nft", "delete", "table", "ip", table);
        }
    }

    @Test
    void portChangesOnlyTouchThePublishChainAndSurviveATableRemovedBehindOurBack() throws IOException {
        String br = "bnt" + hex;
        net.bridge(br, "10.202." + x + ".1/24");
        BridgeNet bridge = new BridgeNet(br, "10.202." + x + ".0/24", false, true);
        int port = 20000 + RANDOM.nextInt(20000);
        firewall.apply(new FirewallModel(List.of(bridge), List.of()));
        String handleOfPrerouting = chainHandle();
        assertTrue(handleOfPrerouting.matches("\\d+"), handleOfPrerouting);
        firewall.apply(new FirewallModel(List.of(bridge), List.of(new PortForward("tcp", "", port, "10.202." + x + ".2", 80, br))));
        assertEquals(handleOfPrerouting, chainHandle(), "base chains were kept");
        assertTrue(firewall.currentRuleset().contains("tcp dport " + port + " dnat to 10.202." + x + ".2:80"));

        HostNet.exec("nft", "delete", "table", "ip", table);
        firewall.apply(new FirewallModel(List.of(bridge), List.of(new PortForward("tcp", "", port + 1, "10.202." + x + ".2", 80, br))));
        String rules = firewall.currentRuleset();
        assertTrue(rules.contains("tcp dport " + (port + 1) + " dnat"), rules);
        assertTrue(rules.contains("masquerade"), "rewritten whole: " + rules);
    }

    private String chainHandle() {
        String listing = HostNet.run("nft", "-a", "list", "chain", "ip", table, "prerouting");
        return listing.replaceAll("(?s).*chain prerouting \\{ # handle (\\d+).*", "$1");
    }

    @Test
    void applyListsRulesSwapsAtomicallyAndRemoves() throws IOException {
        String br = "bnt" + hex;
        net.bridge(br, "10.202." + x + ".1/24");
        BridgeNet bridge = new BridgeNet(br, "10.202." + x + ".0/24", false, true);
        int portA = 20000 + RANDOM.nextInt(20000);
        int portB = portA + 1;

        firewall.apply(new FirewallModel(List.of(bridge), List.of(new PortForward("tcp", "", portA, "10.202." + x + ".2", 8080, br))));
        String rules = firewall.currentRuleset();
        assertTrue(rules.contains("tcp dport " + portA + " dnat to 10.202." + x + ".2:8080"), rules);
        assertTrue(rules.contains("ip saddr 10.202." + x + ".0/24 oifname != \"" + br + "\" masquerade"), rules);
        assertTrue(rules.contains("type nat hook output priority -100; policy accept;"), rules);
        assertTrue(HostNet.run("nft", "list", "tables").contains("table ip " + table), "table listed");
        assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/conf", br, "route_localnet")).strip());
        assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());

        firewall.apply(new FirewallModel(List.of(bridge), List.of(new PortForward("udp", "127.0.0.1", portB, "10.202." + x + ".3", 53, br))));
        rules = firewall.currentRuleset();
        assertFalse(rules.contains("dport " + portA), "old forward gone: " + rules);
        assertTrue(rules.contains("ip daddr 127.0.0.1 udp dport " + portB + " dnat to 10.202." + x + ".3:53"), rules);

        // A transaction nft rejects changes nothing: the old table stays whole.
        String broken = NftScript.renderRemove(table) + "table ip " + table + " {\n\tchain c {\n\t\tbogus rule here\n\t}\n}\n";
        BerthException e = assertThrows(BerthException.class, () -> firewall.runScript(broken));
        assertEquals(BerthException.Kind.INTERNAL, e.kind());
        assertTrue(e.getMessage().contains("script line 5: bogus rule here"), e.getMessage());
        assertEquals(rules, firewall.currentRuleset());

        firewall.remove();
        assertFalse(HostNet.run("nft", "list", "tables").contains("table ip " + table + "\n"), "table removed");
        assertEquals(BerthException.Kind.NOT_FOUND, assertThrows(BerthException.class, firewall::currentRuleset).kind());
        firewall.remove(); // idempotent
    }

    @Test
    void publishedPortIsReachableFromLoopbackSiblingsItselfAndOtherBridges(@TempDir Path www) throws Exception {
        String br1 = "bnt" + hex, br2 = "bnu" + hex;
        String ctr = "bntc" + hex, sibling = "bntd" + hex, other = "bnte" + hex;
        String net1 = "10.202." + x, net2 = "10.203." + x;
        net.bridge(br1, net1 + ".1/24");
        net.bridge(br2, net2 + ".1/24");
        net.namespace(ctr, "bntv" + hex, br1, net1 + ".2/24", net1 + ".1", true);
        net.namespace(sibling, "bntw" + hex, br1, net1 + ".3/24", net1 + ".1", false);
        net.namespace(other, "bntx" + hex, br2, net2 + ".3/24", net2 + ".1", false);
        Files.writeString(www.resolve("index.html"), "hi from " + hex + "\n");
        net.httpd(ctr, 8080, www.toString());
        String expected = "hi from " + hex + "\n";
        String direct = "http://" + net1 + ".2:8080/";
        awaitServer(ctr);

        int hostPort = 20000 + RANDOM.nextInt(20000);
        String viaGateway = "http://" + net1 + ".1:" + hostPort + "/";
        // Before Berth's table: no port is published, and the bridges are not isolated.
        assertNull(httpGet("127.0.0.1", hostPort), "nothing published yet");
        assertEquals(expected, HostNet.wgetIn(other, direct));

        firewall.apply(new FirewallModel(
                List.of(new BridgeNet(br1, net1 + ".0/24", false, true), new BridgeNet(br2, net2 + ".0/24", false, true)),
                List.of(new PortForward("tcp", "", hostPort, net1 + ".2", 8080, br1))));
        System.out.println("[FirewallIT] applied table " + table + ":\n" + firewall.currentRuleset());

        assertEquals(expected, httpGet("127.0.0.1", hostPort), "host loopback -> published port");
        assertEquals(expected, HostNet.wgetIn(sibling, viaGateway), "sibling on the same bridge via the gateway address");
        assertEquals(expected, HostNet.wgetIn(ctr, viaGateway), "container to its own published port (hairpin)");
        assertEquals(expected, HostNet.wgetIn(other, viaGateway), "container on another bridge via a host address");
        assertEquals(expected, HostNet.wgetIn(sibling, direct), "icc on the same bridge");
        assertNull(HostNet.wgetIn(other, direct), "isolation: another bridge must not reach the container directly");

        firewall.remove();
        assertNull(httpGet("127.0.0.1", hostPort), "unpublished after remove");
        assertEquals(expected, HostNet.wgetIn(other, direct), "isolation gone with the table");
    }

    @Test
    void outsideHostsReachOnlyPublishedPortsAndContainersNotTheHostsLoopback(@TempDir Path www) throws Exception {
        String br = "bnt" + hex, ctr = "bntc" + hex, lan = "bntl" + hex, lanVeth = "bntm" + hex;
        String n = "10.204." + x, l = "10.205." + x;
        net.bridge(br, n + ".1/24");
        net.namespace(ctr, "bntv" + hex, br, n + ".2/24", n + ".1", false);
        Files.writeString(www.resolve("index.html"), "ctr " + hex + "\n");
        net.httpd(ctr, 8080, www.toString());
        awaitServer(ctr);
        // A "LAN host": a netns routed to the container subnet through this machine, not on the bridge.
        HostNet.run("ip", "netns", "add", lan);
        try {
            HostNet.run("ip", "link", "add", lanVeth, "type", "veth", "peer", "name", "eth0", "netns", lan);
            HostNet.run("ip", "addr", "add", l + ".1/30", "dev", lanVeth);
            HostNet.run("ip", "link", "set", lanVeth, "up");
            HostNet.run("ip", "-n", lan, "addr", "add", l + ".2/30", "dev", "eth0");
            HostNet.run("ip", "-n", lan, "link", "set", "eth0", "up");
            HostNet.run("ip", "-n", lan, "route", "add", n + ".0/24", "via", l + ".1");
            int hostPort = 20000 + RANDOM.nextInt(20000);
            firewall.apply(new FirewallModel(List.of(new BridgeNet(br, n + ".0/24", false, true)),
                    List.of(new PortForward("tcp", "", hostPort, n + ".2", 8080, br))));
            assertEquals("ctr " + hex + "\n", HostNet.wgetIn(lan, "http://" + l + ".1:" + hostPort + "/"), "the published port");
            assertNull(HostNet.wgetIn(lan, "http://" + n + ".2:8080/"), "an unpublished port routed to from outside");
            HostNet.run("nft", "delete", "rule", "ip", table, "forward", "handle", handleOf("forward", "oifname \"" + br + "\" iifname != "));
            assertEquals("ctr " + hex + "\n", HostNet.wgetIn(lan, "http://" + n + ".2:8080/"), "reachable without that drop: the check can fail");

            // A container sending to 127.0.0.1 through its gateway (it has NET_RAW, it can route as it likes).
            Path secret = www.resolve("secret");
            Files.createDirectories(secret);
            Files.writeString(secret.resolve("index.html"), "host loopback\n");
            int loPort = 20000 + RANDOM.nextInt(20000);
            Process hostOnly = new ProcessBuilder("busybox", "httpd", "-f", "-p", "127.0.0.1:" + loPort, "-h", secret.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                HostNet.run("ip", "-n", ctr, "route", "del", "local", "127.0.0.0/8", "dev", "lo", "table", "local");
                HostNet.run("ip", "-n", ctr, "route", "del", "local", "127.0.0.1", "dev", "lo", "table", "local");
                HostNet.run("ip", "netns", "exec", ctr, "sysctl", "-qw", "net.ipv4.conf.eth0.route_localnet=1");
                HostNet.run("ip", "-n", ctr, "route", "add", "127.0.0.0/8", "via", n + ".1");
                assertNull(HostNet.wgetIn(ctr, "http://127.0.0.1:" + loPort + "/"), "the host's loopback from a container");
                String guard = HostNet.run("nft", "list", "chain", "ip", table, "loopback_guard");
                assertTrue(guard.matches("(?s).*counter packets [1-9]\\d* bytes.*"), "the guard dropped the container's packets: " + guard);
            } finally {
                hostOnly.destroyForcibly().waitFor();
            }
        } finally {
            HostNet.exec("ip", "netns", "del", lan);
            HostNet.exec("ip", "link", "del", lanVeth);
        }
    }

    private String handleOf(String chain, String ruleStart) {
        for (String line : HostNet.run("nft", "-a", "list", "chain", "ip", table, chain).lines().toList()) {
            if (line.strip().startsWith(ruleStart)) return line.replaceAll(".*# handle (\\d+).*", "$1");
        }
        throw new AssertionError("no rule starting with " + ruleStart + " in chain " + chain);
    }

    @Test
    void iccFalseDropsSameBridgeButKeepsPublishedPorts(@TempDir Path www) throws Exception {
        String br = "bnt" + hex, ctr = "bntc" + hex, sibling = "bntd" + hex, n = "10.202." + x;
        net.bridge(br, n + ".1/24");
        net.namespace(ctr, "bntv" + hex, br, n + ".2/24", n + ".1", true);
        net.namespace(sibling, "bntw" + hex, br, n + ".3/24", n + ".1", false);
        Files.writeString(www.resolve("index.html"), "icc " + hex + "\n");
        net.httpd(ctr, 8080, www.toString());
        awaitServer(ctr);
        String direct = "http://" + n + ".2:8080/";
        assertNotNull(HostNet.wgetIn(sibling, direct), "same bridge reachable before the table");
        // Bridged traffic only meets the forward hook when br_netfilter is loaded with bridge-nf-call-iptables=1.
        boolean bridgedTrafficFiltered = Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables"))
                && Files.readString(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables")).strip().equals("1");

        int hostPort = 20000 + RANDOM.nextInt(20000);
        firewall.apply(new FirewallModel(List.of(new BridgeNet(br, n + ".0/24", false, false)),
                List.of(new PortForward("tcp", "", hostPort, n + ".2", 8080, br))));
        assertEquals("icc " + hex + "\n", HostNet.wgetIn(sibling, "http://" + n + ".1:" + hostPort + "/"), "published port with icc=false");
        System.out.println("[FirewallIT] br_netfilter bridge-nf-call-iptables=" + bridgedTrafficFiltered);
        if (bridgedTrafficFiltered) {
            assertNull(HostNet.wgetIn(sibling, direct), "icc=false must drop container-to-container on the bridge");
        } else {
            assertNotNull(HostNet.wgetIn(sibling, direct), "without br_netfilter bridged frames never reach nftables' forward hook");
        }
    }

    @Test
    void forwardPolicyDetectionIsReadOnlyAndMatchesTheKernel() {
        String before = HostNet.exec("nft", "list", "table", "ip", "filter").out();
        ForwardPolicy found = firewall.forwardPolicy();
        System.out.println("[FirewallIT] ip filter FORWARD: " + found);
        HostNet.Result chain = HostNet.exec("nft", "list", "chain", "ip", "filter", "FORWARD");
        if (chain.exit() != 0) {
            assertEquals(ForwardPolicy.NO_CHAIN, found);
        } else if (chain.out().contains("policy drop;")) {
            boolean dockerUser = HostNet.exec("nft", "list", "chain", "ip", "filter", "DOCKER-USER").exit() == 0;
            assertEquals(dockerUser ? ForwardPolicy.DROP_HANDLED : ForwardPolicy.DROP_UNHANDLED, found);
        } else {
            assertTrue(chain.out().contains("policy accept;"), chain.out());
            assertEquals(ForwardPolicy.ACCEPT, found);
        }
        assertEquals(before, HostNet.exec("nft", "list", "table", "ip", "filter").out(), "detection must not change ip filter");
    }

    private static void awaitServer(String ns) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (HostNet.wgetIn(ns, "http://127.0.0.1:8080/") != null) return;
            Thread.sleep(100);
        }
        throw new AssertionError("busybox httpd did not start in " + ns);
    }

    /** HTTP/1.0 GET / from the host; the body, or null if the connection failed. */
    private static String httpGet(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? response : response.substring(body + 4);
        } catch (IOException e) {
            return null;
        }
    }
}
