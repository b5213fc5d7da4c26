package dev.berth.firewall;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NftErrorTest {
    @Test
    void quotesTheOffendingLine() {
        String script = "table ip t {}\ndelete table ip t\ntable ip t {\n\tchain x {\n\t\tbogus rule\n\t}\n}\n";
        String stderr = "/dev/stdin:5:3-7: Error: syntax error, unexpected string\n\t\tbogus rule\n\t\t^^^^^";
        assertEquals("nft rejected the rules of table ip t: " + stderr.strip() + " (script line 5: bogus rule)",
                NftError.describe("t", script, stderr));
    }

    @Test
    void withoutLocationJustStderr() {
        assertEquals("nft rejected the rules of table ip t: Error: Could not process rule: Operation not permitted",
                NftError.describe("t", "x\n", "Error: Could not process rule: Operation not permitted\n"));
    }
}
