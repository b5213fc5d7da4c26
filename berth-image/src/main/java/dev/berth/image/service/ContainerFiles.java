package dev.berth.image.service;

import dev.berth.archive.Change;
import dev.berth.archive.Changes;
import dev.berth.archive.DirectoryTar;
import dev.berth.archive.LayerDiffer;
import dev.berth.archive.TarResult;
import dev.berth.archive.TarWriteOptions;
import dev.berth.common.BerthException;
import dev.berth.snapshot.Mount;
import dev.berth.snapshot.Mounter;
import dev.berth.snapshot.Snapshotter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * What a container changed, read from its layers: {@code docker diff}, the layer tar of a commit, and
 * {@code docker export}.
 *
 * <p><b>The init layer.</b> Docker keeps /etc/hosts, /etc/hostname, /etc/resolv.conf in bind mounts, so a
 * container's writes to them never reach its layer: diff and commit never show them. Berth writes them
 * into the init layer instead, where a container's write copies them up; so diff and commit leave out
 * the init paths (the files and anything below them) whatever the container did to them.
 *
 * <p><b>Export.</b> Docker tars the merged root file system, which includes its init layer: the files
 * above appear there as empty placeholders (0755, size 0; their real content is in the bind mounts),
 * with /.dockerenv, /dev/console, /dev/pts, /dev/shm, /proc, /sys, /etc/mtab. Berth's init layer holds
 * real content (the host's resolver, the container's hostname), which does not belong in an export:
 * Berth exports the container's layer over the image's layers without the init layer, so an init file
 * appears only if the container changed it (then with the container's content), and otherwise the
 * image's own file, if it has one, shows through. (Native snapshots have no separate layers: there an
 * init file identical to the init layer's copy is left out, so the image's own version is not shown.)
 */
final class ContainerFiles {
    private final Snapshotter snapshots;
    private final boolean overlay;
    private final Mounter mounter;
    private final ServiceLayout layout;

    ContainerFiles(Snapshotter snapshots, boolean overlay, Mounter mounter, ServiceLayout layout) {
        this.snapshots = snapshots;
        this.overlay = overlay;
        this.mounter = mounter;
        this.layout = layout;
    }

    /** {@code docker diff}: sorted A/C/D entries, init paths left out. */
    List<Change> changes(RootfsRecord r) {
        try (ContainerLayerDirs d = ContainerLayerDirs.open(snapshots, overlay, r.containerId())) {
            List<Path> lowers = new ArrayList<>();
            lowers.add(d.init);
            lowers.addAll(d.image);
            List<Change> all = d.overlay ? Changes.overlay(d.upper, lowers) : Changes.plain(d.init, d.upper);
            return all.stream().filter(c -> !r.isInitPath(c.path())).toList();
        }
    }

    /** The container's layer tar (Docker's form, whiteouts as .wh. entries), init paths left out. */
    TarResult writeLayer(RootfsRecord r, OutputStream out) {
        Predicate<String> exclude = r::isInitPath;
        try (ContainerLayerDirs d = ContainerLayerDirs.open(snapshots, overlay, r.containerId())) {
            return d.overlay ? new LayerDiffer().overlay(d.upper, out, exclude) : new LayerDiffer().plain(d.init, d.upper, out, exclude);
        }
    }

    /** {@code docker export}: the container's file system as a tar, without the init layer (see the class comment). */
    TarResult export(RootfsRecord r, OutputStream out) {
        try (ContainerLayerDirs d = ContainerLayerDirs.open(snapshots, overlay, r.containerId())) {
            if (!d.overlay) {
                Predicate<String> unchangedInit = p -> r.initPaths().contains(p) && sameFile(d.init.resolve(p.substring(1)), d.upper.resolve(p.substring(1)));
                return DirectoryTar.write(d.upper, out, TarWriteOptions.defaults().withExclude(unchangedInit));
            }
            Path work = Files.createDirectories(layout.tmp()).resolve("export-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
            Path empty = Files.createDirectories(work.resolve("empty"));
            Path merged = Files.createDirectories(work.resolve("merged"));
            try {
                List<String> lowers = new ArrayList<>();
                lowers.add(d.upper.toString());
                for (Path p : d.image) lowers.add(p.toString());
                lowers.add(empty.toString()); // overlay wants two lower layers when there is no upper
                mounter.mount(List.of(Mount.overlay(List.of("ro", "index=off", "lowerdir=" + String.join(":", lowers)))), merged);
                try {
                    return DirectoryTar.write(merged, out, TarWriteOptions.defaults());
                } finally {
                    mounter.unmount(merged);
                }
            } finally {
                if (mounter.mountsUnder(work).isEmpty()) deleteTree(work); // never recurse into a mount that stayed
            }
        } catch (IOException e) {
            throw BerthException.internal("export container " + r.containerId() + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (!Files.isRegularFile(a, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(b, LinkOption.NOFOLLOW_LINKS)) return false;
            return Files.getPosixFilePermissions(a, LinkOption.NOFOLLOW_LINKS).equals(Files.getPosixFilePermissions(b, LinkOption.NOFOLLOW_LINKS))
                    && Files.mismatch(a, b) == -1;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(p)) {
                for (Path c : children.toList()) deleteTree(c);
            }
        }
        Files.deleteIfExists(p);
    }
}
