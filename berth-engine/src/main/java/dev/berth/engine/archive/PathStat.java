package dev.berth.engine.archive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.berth.common.Json;
import java.util.Base64;

/**
 * What Docker's X-Docker-Container-Path-Stat header carries about a path in a container (its
 * types.ContainerPathStat): mode is a Go os.FileMode, mtime RFC 3339, linkTarget the absolute
 * in-container path a symlink finally leads to (empty for other files).
 */
@JsonPropertyOrder({"name", "size", "mode", "mtime", "linkTarget"})
public record PathStat(@JsonProperty("name") String name, @JsonProperty("size") long size, @JsonProperty("mode") long mode,
                       @JsonProperty("mtime") String mtime, @JsonProperty("linkTarget") String linkTarget) {
    public static final String HEADER = "X-Docker-Container-Path-Stat";

    // Go's os.FileMode type bits.
    static final long GO_DIR = 1L << 31, GO_SYMLINK = 1L << 27, GO_DEVICE = 1L << 26, GO_PIPE = 1L << 25,
            GO_SOCKET = 1L << 24, GO_SETUID = 1L << 23, GO_SETGID = 1L << 22, GO_CHARDEV = 1L << 21, GO_STICKY = 1L << 20;

    @JsonIgnore
    public boolean isDir() {
        return (mode & GO_DIR) != 0;
    }

    @JsonIgnore
    public boolean isSymlink() {
        return (mode & GO_SYMLINK) != 0;
    }

    /** The header value: base64 of the JSON. */
    @JsonIgnore
    public String headerValue() {
        return Base64.getEncoder().encodeToString(Json.bytes(this));
    }

    /** Go's os.FileMode of a Linux st_mode. */
    public static long goMode(int stMode) {
        long m = stMode & 0777;
        if ((stMode & 04000) != 0) m |= GO_SETUID;
        if ((stMode & 02000) != 0) m |= GO_SETGID;
        if ((stMode & 01000) != 0) m |= GO_STICKY;
        switch (stMode & 0170000) {
            case 0040000 -> m |= GO_DIR;
            case 0120000 -> m |= GO_SYMLINK;
            case 0010000 -> m |= GO_PIPE;
            case 0140000 -> m |= GO_SOCKET;
            case 0060000 -> m |= GO_DEVICE;
            case 0020000 -> m |= GO_DEVICE | GO_CHARDEV;
            default -> { }
        }
        return m;
    }
}
