package dev.berth.cgroups;

import dev.berth.common.BerthException;
import dev.berth.common.BerthException.Kind;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** One cgroup directory: reads and writes of its interface files, failing with messages that name the file. */
public final class CgroupDir {
    private static final int ERANGE = 34;
    private final CgroupFs fs;
    private final Path path;

    public CgroupDir(CgroupFs fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public Path file(String name) {
        return path.resolve(name);
    }

    public boolean exists() {
        return Files.isDirectory(path);
    }

    public boolean has(String name) {
        return Files.exists(file(name));
    }

    public void write(String name, String value) {
        int errno = tryWrite(name, value);
        if (errno != 0) throw writeError(name, value, errno);
    }

    /** Writes and returns 0, or the errno of a failed write, for callers that retry on a specific error. */
    public int tryWrite(String name, String value) {
        try {
            fs.write(file(name), value);
            return 0;
        } catch (Errno e) {
            return e.errno();
        }
    }

    public BerthException writeError(String name, String value, int errno) {
        Path f = file(name);
        return switch (errno) {
            case Errno.ENOENT -> exists()
                    ? new BerthException(Kind.UNSUPPORTED, "cgroup file " + f + " does not exist: its controller is not available for this cgroup")
                    : BerthException.notFound("cgroup %s does not exist", path);
            case Errno.EINVAL, ERANGE -> BerthException.invalid("cannot write \"%s\" to %s: %s", value, f, Libc.strerror(errno));
            case Errno.EBUSY -> BerthException.conflict("cannot write \"%s\" to %s: %s", value, f, Libc.strerror(errno));
            case Errno.EPERM, Errno.EACCES, Errno.EROFS -> new BerthException(Kind.PERMISSION_DENIED,
                    "cannot write \"" + value + "\" to " + f + ": " + Libc.strerror(errno));
            default -> new BerthException(Kind.INTERNAL, "cannot write \"" + value + "\" to " + f + ": " + Libc.strerror(errno));
        };
    }

    /** The file's content, trimmed. */
    public String read(String name) {
        return readIfPresent(name).orElseThrow(() -> exists()
                ? new BerthException(Kind.UNSUPPORTED, "cgroup file " + file(name) + " does not exist: its controller is not available for this cgroup")
                : BerthException.notFound("cgroup %s does not exist", path));
    }

    public Optional<String> readIfPresent(String name) {
        try {
            return Optional.of(Files.readString(file(name)).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw BerthException.internal("cannot read " + file(name) + ": " + e.getMessage(), e);
        }
    }
}
