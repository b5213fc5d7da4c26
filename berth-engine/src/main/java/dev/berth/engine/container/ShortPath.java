package dev.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Unix socket paths are limited to 108 bytes; a deep state root makes longer ones. A symlink to
 * the socket's directory in a short root-only directory keeps connect() working.
 */
final class ShortPath {
    private static final Path ROOT = Path.of("/run/berth-links");

    private ShortPath() {}

    static Path link(Path socket) throws IOException {
        Files.createDirectories(ROOT);
        Path dir = socket.getParent();
        Path link = ROOT.resolve(Integer.toHexString(dir.toString().hashCode()));
        if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(dir)) {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dir);
        }
        return link.resolve(socket.getFileName());
    }
}
