package dev.berth.runtime.launch;

import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The helper binary as a sealed memfd (CVE-2019-5736): a container that reaches the helper through
 * /proc/PID/exe finds a file nobody can write. Made once per JVM; spawned as /proc/JVMPID/fd/N.
 */
public final class SealedHelper {
    private static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033, F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;

    private final Path source;
    private final String execPath;

    private SealedHelper(Path source, String execPath) {
        this.source = source;
        this.execPath = execPath;
    }

    /** The installed helper: -Dberth.helper, else beside the jars (libexec/ or the checkout's build). */
    public static Path locate() {
        String prop = System.getProperty("berth.helper");
        if (prop != null && !prop.isEmpty()) return Path.of(prop);
        for (Path p : new Path[] {Path.of("/usr/local/lib/berth/libexec/berth-nsexec"), Path.of("/usr/libexec/berth/berth-nsexec")})
            if (Files.isExecutable(p)) return p;
        throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                "berth-nsexec helper not found: set -Dberth.helper or build berth-nsexec");
    }

    public static SealedHelper of(Path helper) {
        if (!Files.isRegularFile(helper))
            throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, "helper " + helper + " does not exist");
        // A one-shot CLI spawns one helper: cheaper to let it copy and seal itself (it does so
        // whenever it does not run from a sealed memfd) than to link the syscalls here.
        if ("c".equals(System.getProperty("berth.helper.seal"))) return new SealedHelper(helper, helper.toString());
        try {
            byte[] image = Files.readAllBytes(helper);
            int fd;
            try (Arena a = Arena.ofConfined()) {
                MemorySegment name = a.allocateFrom("berth-nsexec");
                fd = (int) Libc.syscall(Libc.SYS_MEMFD_CREATE, name.address(), MFD_CLOEXEC | MFD_ALLOW_SEALING, 0, "memfd_create");
            }
            for (int off = 0; off < image.length; ) {
                int n = Math.min(1 << 20, image.length - off);
                byte[] chunk = java.util.Arrays.copyOfRange(image, off, off + n);
                off += (int) Libc.write(fd, chunk);
            }
            Libc.fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
            return new SealedHelper(helper, "/proc/" + Libc.getpid() + "/fd/" + fd);
        } catch (Errno e) {
            throw BerthException.internal("seal helper copy: " + e.getMessage(), e);
        } catch (IOException e) {
            throw BerthException.internal("read helper " + helper + ": " + e.getMessage(), e);
        }
    }

    /** The path to exec: the sealed copy. */
    public String execPath() {
        return execPath;
    }

    public Path source() {
        return source;
    }
}
