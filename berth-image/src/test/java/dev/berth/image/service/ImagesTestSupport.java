package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.image.content.Digest;
import dev.berth.snapshot.ContainerLayers;
import dev.berth.snapshot.InitFile;
import dev.berth.snapshot.Mounter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests that mount as root: a fresh data root per test under a temp directory, images opened on it
 * with the built-in busybox, and an {@link AfterEach} that unmounts everything below it, closes what was
 * opened, deletes it and checks /proc/self/mountinfo names nothing below it, whether the test passed or not.
 */
abstract class ImagesTestSupport {
    protected Path root;
    protected final Mounter mounter = new Mounter();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void makeRoot() throws Exception {
        assertEquals(0, Files.getAttribute(Path.of("/proc/self"), "unix:uid"), "integration tests run as root");
        root = Files.createTempDirectory("berth-images-it-");
    }

    @AfterEach
    void cleanRoot() throws Exception {
        Throwable first = null;
        try {
            mounter.unmount(root);
        } catch (Throwable t) {
            first = t;
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Throwable t) {
                if (first == null) first = t;
            }
        }
        String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        boolean leaked = mountinfo.contains(root.toString());
        if (!leaked) ContainerFiles.deleteTree(root);
        if (first != null) throw new AssertionError("cleanup failed", first);
        assertTrue(!leaked, "mounts left under " + root + ":\n" + mountinfo);
    }

    protected <T extends AutoCloseable> T closeAfter(T c) {
        toClose.add(c);
        return c;
    }

    static Path busyboxArchive() {
        String p = System.getProperty(BuiltinImage.PROPERTY);
        if (p == null) p = "target/busybox-image.tar";
        Path path = Path.of(p);
        assertTrue(Files.isRegularFile(path), "the built-in busybox archive exists at " + path + " (mvn generate-resources makes it)");
        return path;
    }

    protected Images open(String name, SnapshotterMode mode) {
        return closeAfter(Images.open(Images.Options.of(root.resolve(name)).withBuiltinArchive(busyboxArchive()).withSnapshotter(mode)));
    }

    protected Images openBare(String name, SnapshotterMode mode) {
        return closeAfter(Images.open(Images.Options.of(root.resolve(name)).withSnapshotter(mode)));
    }

    static List<InitFile> initFiles(String hostname) {
        return ContainerLayers.dockerInitFiles(hostname, "127.0.0.1\tlocalhost\n", "nameserver 10.0.0.1\n");
    }

    /** Prepares a container and mounts its root at root/mnt/&lt;id&gt;. */
    protected Path run(Images images, String id, String image) throws IOException {
        images.prepareContainer(id, image, initFiles(id));
        Path mnt = Files.createDirectories(root.resolve("mnt").resolve(id));
        images.mountRootfs(id, mnt);
        return mnt;
    }

    /** Entry name (directories end in "/") to entry, of an uncompressed tar. */
    static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> out = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) out.put(e.getName(), e);
        }
        return out;
    }

    /** Entry name to content, of an uncompressed tar. */
    static Map<String, byte[]> contents(InputStream tar) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) out.put(e.getName(), in.readAllBytes());
        return out;
    }

    static byte[] blob(Images images, Digest d) throws IOException {
        try (InputStream in = images.store().content().read(d)) {
            return in.readAllBytes();
        }
    }

    static byte[] export(Images images, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        images.export(id, out);
        return out.toByteArray();
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
