package dev.berth.image.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {
    static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hashesKnownVectors() {
        assertEquals("sha256:" + HEX, Digest.sha256(new byte[0]).toString());
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    }

    @Test
    void parsesAndPrints() {
        Digest d = Digest.parse("sha256:" + HEX);
        assertEquals("sha256", d.algorithm());
        assertEquals(HEX, d.encoded());
        assertEquals("e3b0c44298fc", d.shortHex());
        assertEquals(d, Digest.sha256Hex(HEX));
        assertTrue(Digest.isValid("sha256:" + HEX));
        assertFalse(Digest.isValid(HEX));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sha256:abc|invalid checksum digest length",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555|invalid checksum digest length",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855|invalid checksum digest format",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g|invalid checksum digest format",
        "sha256:|invalid checksum digest format",
        "sha256|invalid checksum digest format",
        ":e3b0c44298fc|invalid checksum digest format",
        "Sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855|invalid checksum digest format",
        "md5:d41d8cd98f00b204e9800998ecf8427e|unsupported digest algorithm",
        "sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce|unsupported digest algorithm",
        "invaliddigest:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|unsupported digest algorithm",
    })
    void rejectsWithGoDigestMessages(String input, String message) {
        BerthException e = assertThrows(BerthException.class, () -> Digest.parse(input));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void ordersByString() {
        Digest a = Digest.sha256Hex("0".repeat(64));
        Digest b = Digest.sha256Hex("f".repeat(64));
        assertTrue(a.compareTo(b) < 0);
    }
}
