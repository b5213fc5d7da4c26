package dev.berth.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.snapshot.internal.Trees;
import dev.berth.sys.Libc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests that mount as root: a fresh data root per test, and an {@link AfterEach} that unmounts
 * everything below it, deletes it, and checks /proc/self/mountinfo names nothing below it, whether the
 * test passed or not.
 */
public abstract class RootTestSupport {
    protected Path dataRoot;
    protected final Mounter mounter = new Mounter();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void makeRoot() throws Exception {
        assertEquals(0, Files.getAttribute(Path.of("/proc/self"), "unix:uid"), "integration tests run as root");
        dataRoot = Files.createTempDirectory("berth-snapshot-it-");
    }

    protected <T extends AutoCloseable> T closeAfter(T c) {
        toClose.add(c);
        return c;
    }

    protected Path dir(String name) throws Exception {
        return Files.createDirectories(dataRoot.resolve(name));
    }

    @AfterEach
    void cleanRoot() throws Exception {
        Throwable first = null;
        try {
            mounter.unmount(dataRoot);
        } catch (Throwable t) {
            first = t;
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Throwable t) {
                if (first == null) first = t;
            }
        }
        String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        boolean leaked = mountinfo.contains(dataRoot.toString());
        if (!leaked) Trees.delete(dataRoot);
        if (first != null) throw new AssertionError("cleanup failed", first);
        assertTrue(!leaked, "mounts left under " + dataRoot + ":\n" + mountinfo);
        assertTrue(!Files.exists(dataRoot), dataRoot + " was not removed");
    }

    /** An overlay whiteout: a character device 0:0. */
    protected static void whiteout(Path p) throws Exception {
        Libc.mknod(p.toString(), 0020000, Libc.makedev(0, 0));
    }

    /** Marks a directory in an overlay layer as hiding everything below it. */
    protected static void opaque(Path dir) throws Exception {
        Libc.lsetxattr(dir.toString(), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
    }
}
