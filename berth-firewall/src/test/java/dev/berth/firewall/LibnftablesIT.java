package dev.berth.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The in-process nft library answers as the nft executable does (needs root and the nftables package). */
class LibnftablesIT {
    @Test
    void sameResultsAsTheExecutable() {
        Libnftables lib = Libnftables.get().orElseThrow(() -> new AssertionError("libnftables.so.1 not loadable"));
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        String table = "berth_l" + HexFormat.of().formatHex(b);
        try {
            Command.Result add = lib.script("add table ip " + table + "\nadd chain ip " + table + " c { type filter hook forward priority 0; policy accept; }\n");
            assertEquals(0, add.exit(), add.stderr());
            Command.Result viaLib = lib.command("list table ip " + table, false);
            Command.Result viaExe = Command.run(java.util.List.of("nft", "list", "table", "ip", table), null);
            assertEquals(0, viaLib.exit(), viaLib.stderr());
            assertEquals(viaExe.stdout(), viaLib.stdout());
            Command.Result json = lib.command("list chain ip " + table + " c", true);
            assertEquals("accept", NftJson.chainPolicy(json.stdout(), "c").orElseThrow(), json.stdout());

            Command.Result bad = lib.script("add table ip " + table + "\nadd rule ip " + table + " c bogus nonsense\n");
            assertEquals(1, bad.exit());
            assertTrue(bad.stderr().matches("(?s).*:2:\\d+-\\d+: Error.*"), "names the script line: " + bad.stderr());
            Command.Result missing = lib.command("list table ip " + table + "x", false);
            assertEquals(1, missing.exit());
            assertTrue(missing.stderr().contains("No such file or directory"), missing.stderr());
        } finally {
            Command.run(java.util.List.of("nft", "delete", "table", "ip", table), null);
        }
    }
}
