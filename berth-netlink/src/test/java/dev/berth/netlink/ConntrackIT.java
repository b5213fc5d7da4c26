package dev.berth.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ctnetlink in a namespace the test makes (conntrack switched on there by an nft rule that uses it). */
class ConntrackIT {
    private static int sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        return p.exitValue();
    }

    @Test
    void deletesOnlyTheUdpEntriesOfOnePort() throws Exception {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        String ns = "bnct" + HexFormat.of().formatHex(b);
        assertEquals(0, sh("ip", "netns", "add", ns));
        try {
            assertEquals(0, sh("ip", "-n", ns, "link", "set", "lo", "up"));
            assertEquals(0, sh("ip", "netns", "exec", ns, "nft",
                    "add table ip t; add chain ip t c { type filter hook output priority 0; }; add rule ip t c ct state new accept"));
            for (int port : new int[] {5353, 5354, 5354}) {
                assertEquals(0, sh("ip", "netns", "exec", ns, "bash", "-c", "echo x > /dev/udp/127.0.0.1/" + port));
            }
            Path nsFile = Path.of("/run/netns", ns);
            List<Conntrack.Flow> before = Netns.call(nsFile, () -> {
                try (Conntrack c = Conntrack.open()) {
                    return c.flows();
                }
            });
            assertTrue(before.stream().anyMatch(f -> f.proto() == 17 && f.dstPort() == 5354), before.toString());
            assertTrue(before.stream().anyMatch(f -> f.proto() == 17 && f.dstPort() == 5353), before.toString());
            int deleted = Netns.call(nsFile, () -> {
                try (Conntrack c = Conntrack.open()) {
                    return c.deleteUdpTo(5354);
                }
            });
            assertTrue(deleted >= 1, "deleted " + deleted);
            List<Conntrack.Flow> after = Netns.call(nsFile, () -> {
                try (Conntrack c = Conntrack.open()) {
                    return c.flows();
                }
            });
            assertTrue(after.stream().noneMatch(f -> f.dstPort() == 5354), after.toString());
            assertTrue(after.stream().anyMatch(f -> f.proto() == 17 && f.dstPort() == 5353), "other ports stay: " + after);
            // The kernel's own listing agrees.
            Process cat = new ProcessBuilder("ip", "netns", "exec", ns, "cat", "/proc/net/nf_conntrack").start();
            String table = new String(cat.getInputStream().readAllBytes());
            cat.waitFor();
            assertTrue(table.contains("dport=5353") && !table.contains("dport=5354"), table);
        } finally {
            sh("ip", "netns", "del", ns);
        }
    }
}
