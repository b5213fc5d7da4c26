package dev.berth.firewall;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * iptables' FORWARD policy drop, as dockerd leaves it, built inside a throwaway network namespace (its nftables
 * ruleset is its own), so the host's real {@code ip filter} table is never written.
 */
class ForwardDropIT {
    private String ns;
    private String table;
    private List<String> inNs;

    @BeforeEach
    void setUp() {
        byte[] b = new byte[2];
        new SecureRandom().nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        ns = "bntf" + hex;
        table = "berth_t" + hex;
        HostNet.run("ip", "netns", "add", ns);
        inNs = List.of("ip", "netns", "exec", ns);
    }

    @AfterEach
    void tearDown() {
        HostNet.exec("ip", "netns", "del", ns);
    }

    private String inNs(String... argv) {
        String[] full = new String[argv.length + 4];
        System.arraycopy(inNs.toArray(String[]::new), 0, full, 0, 4);
        System.arraycopy(argv, 0, full, 4, argv.length);
        return HostNet.run(full);
    }

    @Test
    void noFilterTableIsNoChain() {
        Firewall fw = new Firewall(table, inNs);
        assertEquals(ForwardPolicy.NO_CHAIN, fw.forwardPolicy());
        fw.apply(new FirewallModel(List.of(new BridgeNet("bnt0", "10.202.1.0/24", false, true)), List.of()));
        assertEquals(ForwardPolicy.NO_CHAIN, fw.forwardPolicy());
        fw.remove();
    }

    @Test
    void dropWithDockerUserGetsExactlyBerthsAccepts() {
        inNs("iptables", "-P", "FORWARD", "DROP");
        inNs("iptables", "-N", "DOCKER-USER");
        inNs("iptables", "-A", "DOCKER-USER", "-i", "eth9", "-m", "comment", "--comment", "admin", "-j", "ACCEPT");
        inNs("iptables", "-A", "DOCKER-USER", "-j", "RETURN");
        inNs("iptables", "-A", "FORWARD", "-j", "DOCKER-USER");
        // Another Berth daemon's rule (different table) must survive ours being re-synced and removed.
        inNs("iptables", "-I", "DOCKER-USER", "-i", "bnt0", "-m", "comment", "--comment", "berth:other", "-j", "ACCEPT");

        Firewall fw = new Firewall(table, inNs);
        assertEquals(ForwardPolicy.DROP_HANDLED, fw.forwardPolicy());
        BridgeNet a = new BridgeNet("bnt0", "10.202.1.0/24", false, true);
        BridgeNet b = new BridgeNet("bnt1", "10.202.2.0/24", false, true);
        fw.apply(new FirewallModel(List.of(a, b), List.of()));
        assertEquals(ForwardPolicy.DROP_HANDLED, fw.forwardPolicy());
        assertEquals(List.of("-i bnt0", "-i bnt1", "-o bnt0", "-o bnt1"), ours());

        fw.apply(new FirewallModel(List.of(a, b), List.of())); // idempotent: no duplicates
        assertEquals(List.of("-i bnt0", "-i bnt1", "-o bnt0", "-o bnt1"), ours());

        fw.apply(new FirewallModel(List.of(b), List.of()));
        assertEquals(List.of("-i bnt1", "-o bnt1"), ours());

        String policy = inNs("iptables", "-S", "FORWARD");
        assertTrue(policy.startsWith("-P FORWARD DROP"), "FORWARD policy untouched: " + policy);

        fw.remove();
        assertEquals(List.of(), ours());
        String left = inNs("iptables", "-S", "DOCKER-USER");
        assertTrue(left.contains("--comment admin"), left);
        assertTrue(left.contains("-i bnt0 -m comment --comment \"berth:other\" -j ACCEPT"), left);
        assertFalse(inNs("nft", "list", "tables").contains(table), "table removed");
    }

    @Test
    void dropWithoutDockerUserIsUnhandledAndWritesNothing() {
        inNs("iptables", "-P", "FORWARD", "DROP");
        Firewall fw = new Firewall(table, inNs);
        assertEquals(ForwardPolicy.DROP_UNHANDLED, fw.forwardPolicy());
        String before = inNs("nft", "list", "table", "ip", "filter");
        fw.apply(new FirewallModel(List.of(new BridgeNet("bnt0", "10.202.1.0/24", false, true)), List.of()));
        assertEquals(ForwardPolicy.DROP_UNHANDLED, fw.forwardPolicy());
        assertEquals(before, inNs("nft", "list", "table", "ip", "filter"));
        fw.remove();
    }

    @Test
    void acceptPolicyRemovesStaleAccepts() {
        inNs("iptables", "-P", "FORWARD", "ACCEPT"); // iptables-nft creates FORWARD only when asked
        inNs("iptables", "-N", "DOCKER-USER");
        inNs("iptables", "-A", "DOCKER-USER", "-i", "bnt0", "-m", "comment", "--comment", "berth:" + table, "-j", "ACCEPT");
        Firewall fw = new Firewall(table, inNs);
        fw.apply(new FirewallModel(List.of(new BridgeNet("bnt0", "10.202.1.0/24", false, true)), List.of()));
        assertEquals(ForwardPolicy.ACCEPT, fw.forwardPolicy());
        assertEquals(List.of(), ours());
        fw.remove();
    }

    /** Berth's DOCKER-USER rules for this table, as sorted keys. */
    private List<String> ours() {
        return DockerUserRules.present(inNs("iptables", "-S", "DOCKER-USER"), table).keySet().stream().sorted().toList();
    }
}
