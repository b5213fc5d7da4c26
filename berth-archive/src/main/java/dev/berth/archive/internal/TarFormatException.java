package dev.berth.archive.internal;

import java.io.IOException;

/** A tar stream that cannot be parsed (truncated, bad checksum, malformed or oversized headers) or uses an unsupported feature. */
public final class TarFormatException extends IOException {
    private final boolean unsupported;

    public TarFormatException(String message) {
        this(message, false);
    }

    private TarFormatException(String message, boolean unsupported) {
        super(message);
        this.unsupported = unsupported;
    }

    /** A well-formed feature this reader does not handle (sparse files). */
    public static TarFormatException unsupported(String message) {
        return new TarFormatException(message, true);
    }

    public boolean isUnsupported() {
        return unsupported;
    }
}
