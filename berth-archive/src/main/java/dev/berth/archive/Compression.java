package dev.berth.archive;

import dev.berth.common.BerthException;

/** How a layer stream is compressed, as told by its first bytes (not by a media type). */
public enum Compression {
    NONE, GZIP, ZSTD;

    /** Bytes of the stream head {@link #detect} needs to look at. */
    public static final int MAGIC_LENGTH = 6;

    /**
     * Detects the compression from the first {@code len} bytes of a stream. Anything that is neither
     * gzip (1f 8b) nor zstd (28 b5 2f fd) is taken as a plain tar, except bzip2 and xz, which are
     * recognised and refused (UNSUPPORTED) so the error is clear.
     */
    public static Compression detect(byte[] head, int len) {
        if (len >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return GZIP;
        if (len >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        if (len >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            throw new BerthException(BerthException.Kind.UNSUPPORTED, "layer is compressed with bzip2, which is not supported");
        }
        if (len >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X' && head[4] == 'Z'
                && head[5] == 0) {
            throw new BerthException(BerthException.Kind.UNSUPPORTED, "layer is compressed with xz, which is not supported");
        }
        return NONE;
    }
}
