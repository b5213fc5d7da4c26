package dev.berth.snapshot;

import dev.berth.common.BerthException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A file the engine puts into a container's init layer ({@code /etc/hosts}, {@code /.dockerenv}, ...).
 *
 * @param path    absolute path inside the container, without {@code ..}
 * @param content the bytes (copied)
 * @param mode    permission bits, e.g. 0644
 */
public record InitFile(String path, byte[] content, int mode) {
    public InitFile {
        Path p = path == null ? null : Path.of(path);
        if (p == null || !p.isAbsolute() || p.getNameCount() == 0 || !p.normalize().equals(p))
            throw BerthException.invalid("init file path '%s' must be absolute, normalized and not /", path);
        if ((mode & ~0777) != 0) throw BerthException.invalid("init file %s: bad mode %o", path, mode);
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public static InitFile of(String path, String content) {
        return new InitFile(path, content.getBytes(StandardCharsets.UTF_8), 0644);
    }
}
