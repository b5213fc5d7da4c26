package dev.berth.archive.internal;

import java.nio.charset.StandardCharsets;

/**
 * File names inside this module are "raw" strings: each char is one byte of the name (ISO-8859-1
 * decoding). Tar headers and the kernel both deal in bytes, so names that are not valid UTF-8 survive
 * a round trip unchanged, and comparing raw strings orders names by their bytes, as Go's tar does.
 * Only messages and the public API use ordinary (UTF-8 decoded) strings.
 */
public final class RawNames {
    private RawNames() {}

    public static String fromBytes(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    public static byte[] toBytes(String raw) {
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A raw name as people read it (UTF-8 decoded, invalid bytes replaced). */
    public static String display(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) return new String(toBytes(raw), StandardCharsets.UTF_8);
        }
        return raw;
    }

    /** The raw form of an ordinary string (UTF-8 encoded). */
    public static String fromDisplay(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return fromBytes(b, 0, b.length);
    }
}
