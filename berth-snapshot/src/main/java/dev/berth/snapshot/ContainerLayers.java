package dev.berth.snapshot;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A container's two snapshots, as Docker lays them out: a read-only init layer {@code <id>-init} holding the
 * files the engine provides ({@code /etc/hosts}, {@code /etc/resolv.conf}, {@code /etc/hostname},
 * {@code /.dockerenv}) on top of the image, and the writable layer {@code <id>} on top of that. Mounting the
 * container gives lower = init + image layers, upper = the container's own layer.
 */
public final class ContainerLayers {
    private final Snapshotter snapshots;

    public ContainerLayers(Snapshotter snapshots) {
        this.snapshots = snapshots;
    }

    public static String initKey(String containerId) {
        return containerId + "-init";
    }

    /** The files Docker puts in every container's init layer. */
    public static List<InitFile> dockerInitFiles(String hostname, String hosts, String resolvConf) {
        return List.of(
                InitFile.of("/etc/hostname", hostname.endsWith("\n") ? hostname : hostname + "\n"),
                InitFile.of("/etc/hosts", hosts),
                InitFile.of("/etc/resolv.conf", resolvConf),
                new InitFile("/.dockerenv", new byte[0], 0755));
    }

    /**
     * Creates {@code <id>-init} on the image's top snapshot (its chain id, or null for an image with no
     * layers) with {@code files} in it, and the writable {@code <id>} on top; returns the mounts of the
     * container's root filesystem. On failure nothing is left behind.
     *
     * @throws BerthException ALREADY_EXISTS if the container already has layers
     */
    public List<Mount> create(String containerId, String imageChainId, List<InitFile> files) {
        for (String key : List.of(containerId, initKey(containerId))) {
            if (exists(key)) throw new BerthException(BerthException.Kind.ALREADY_EXISTS, "container layer " + key + " already exists");
        }
        Prepared init = snapshots.stage(imageChainId);
        boolean committed = false;
        try {
            for (InitFile f : files) write(init.dir(), f);
            snapshots.commit(initKey(containerId), init.key());
            committed = true;
            snapshots.prepare(containerId, initKey(containerId));
            return snapshots.mounts(containerId);
        } catch (RuntimeException e) {
            List<String> undo = committed ? List.of(containerId, initKey(containerId)) : List.of(init.key());
            for (String key : undo) {
                try {
                    if (exists(key)) snapshots.remove(key);
                } catch (RuntimeException r) {
                    e.addSuppressed(r);
                }
            }
            throw e;
        }
    }

    /** The mounts of the container's root filesystem. */
    public List<Mount> mounts(String containerId) {
        return snapshots.mounts(containerId);
    }

    /** Removes both layers; what is already gone is skipped. The rootfs must be unmounted. */
    public void remove(String containerId) {
        for (String key : List.of(containerId, initKey(containerId))) {
            try {
                snapshots.remove(key);
            } catch (BerthException e) {
                if (e.kind() != BerthException.Kind.NOT_FOUND) throw e;
            }
        }
    }

    private boolean exists(String key) {
        try {
            snapshots.stat(key);
            return true;
        } catch (BerthException e) {
            if (e.kind() == BerthException.Kind.NOT_FOUND) return false;
            throw e;
        }
    }

    /**
     * Writes one file below {@code root} without ever following a symlink: in a native snapshot the directory
     * is a copy of the image, whose {@code /etc/hosts} could be a link pointing anywhere on the host. A
     * symlinked final component is replaced; a symlinked parent directory is refused.
     */
    private static void write(Path root, InitFile f) {
        Path rel = Path.of(f.path().substring(1));
        Path dir = root;
        try {
            for (int i = 0; i < rel.getNameCount() - 1; i++) {
                dir = dir.resolve(rel.getName(i));
                if (Files.isSymbolicLink(dir))
                    throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                            "cannot write " + f.path() + " into the container's init layer: /" + root.relativize(dir) + " is a symbolic link in the image");
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(dir);
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                            "cannot write " + f.path() + " into the container's init layer: /" + root.relativize(dir) + " is not a directory");
                }
            }
            Path file = dir.resolve(rel.getFileName());
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))
                throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                        "cannot write " + f.path() + " into the container's init layer: it is a directory in the image");
            Files.deleteIfExists(file);
            Files.write(file, f.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(file, permissions(f.mode()));
        } catch (IOException e) {
            throw BerthException.internal("write " + f.path() + " into init layer " + root + ": " + e.getMessage(), e);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) if ((mode & (0400 >> i)) != 0) out.add(bits[i]);
        return out;
    }
}
