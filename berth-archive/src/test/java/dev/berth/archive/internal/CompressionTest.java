package dev.berth.archive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.archive.Compression;
import dev.berth.common.BerthException;
import org.junit.jupiter.api.Test;

class CompressionTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (byte) v[i];
        return out;
    }

    @Test
    void detectsByMagic() {
        assertEquals(Compression.GZIP, Compression.detect(b(0x1f, 0x8b, 8, 0, 0, 0), 6));
        assertEquals(Compression.ZSTD, Compression.detect(b(0x28, 0xb5, 0x2f, 0xfd, 0x24, 0), 6));
        assertEquals(Compression.NONE, Compression.detect(b('e', 't', 'c', '/', 0, 0), 6));
        assertEquals(Compression.NONE, Compression.detect(b(0x1f), 1));
        assertEquals(Compression.NONE, Compression.detect(new byte[0], 0));
    }

    @Test
    void refusesBzip2AndXzClearly() {
        BerthException bz = assertThrows(BerthException.class, () -> Compression.detect(b('B', 'Z', 'h', '9', 0, 0), 6));
        assertEquals(BerthException.Kind.UNSUPPORTED, bz.kind());
        BerthException xz = assertThrows(BerthException.class, () -> Compression.detect(b(0xfd, '7', 'z', 'X', 'Z', 0), 6));
        assertEquals(BerthException.Kind.UNSUPPORTED, xz.kind());
    }
}
