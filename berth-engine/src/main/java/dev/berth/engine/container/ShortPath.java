package dev.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Unix socket paths are limited to 108 bytes; a deep state root makes longer ones. A symlink to
 * the socket's directory in a short root-only directory keeps connect() working; each connect
 * gets its own link, removed as soon as the connection is made.
 */
final class ShortPath {
    private static final Path ROOT = Path.of("/run/berth-links");

    private ShortPath() {}

    /** A fresh link to the socket's directory; the caller deletes it (see {@link #release}). */
    static Path link(Path socket) throws IOException {
        Files.createDirectories(ROOT);
        Path link = ROOT.resolve(UUID.randomUUID().toString().substring(0, 12));
        Files.createSymbolicLink(link, socket.getParent());
        return link.resolve(socket.getFileName());
    }

    static void release(Path viaLink) {
        try {
            Files.deleteIfExists(viaLink.getParent());
        } catch (IOException ignored) {
            // a leftover link is harmless; the directory is under /run
        }
    }
}
