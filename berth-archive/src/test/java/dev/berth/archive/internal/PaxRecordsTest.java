package dev.berth.archive.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaxRecordsTest {

    @Test
    void binaryValuesSurvive() throws Exception {
        byte[] cap = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PaxRecords.append(out, "SCHILY.xattr.security.capability", cap);
        PaxRecords.append(out, "path", RawNames.toBytes(RawNames.fromBytes(new byte[] {'a', (byte) 0xff}, 0, 2)));
        Map<String, byte[]> m = PaxRecords.parse(out.toByteArray());
        assertArrayEquals(cap, m.get("SCHILY.xattr.security.capability"));
        assertArrayEquals(new byte[] {'a', (byte) 0xff}, m.get("path"));
    }

    @Test
    void lengthsAcrossDigitBoundaries() throws Exception {
        for (int n = 0; n < 1100; n++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] v = "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
            PaxRecords.append(out, "k", v);
            byte[] rec = out.toByteArray();
            String s = new String(rec, StandardCharsets.US_ASCII);
            assertEquals(rec.length, Integer.parseInt(s.substring(0, s.indexOf(' '))), "record length for value of " + n);
            assertArrayEquals(v, PaxRecords.parse(rec).get("k"));
        }
    }

    @Test
    void refusesMalformedRecords() {
        for (String bad : new String[] {"abc path=x\n", "11 path=x\n", "99999999999 path=x\n", "9 path=x!", "6 =ab\n", "3 a\n",
                "12 pathnoeq\n"}) {
            assertThrows(TarFormatException.class, () -> PaxRecords.parse(bad.getBytes(StandardCharsets.ISO_8859_1)), bad);
        }
    }

    @Test
    void laterRecordsWin() throws Exception {
        Map<String, byte[]> m = PaxRecords.parse("10 path=a\n10 path=b\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {'b'}, m.get("path"));
    }
}
