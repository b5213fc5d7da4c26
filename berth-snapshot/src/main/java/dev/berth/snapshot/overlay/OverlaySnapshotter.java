package dev.berth.snapshot.overlay;

import dev.berth.snapshot.Mount;
import dev.berth.snapshot.SnapshotKind;
import dev.berth.snapshot.WhiteoutMode;
import dev.berth.snapshot.internal.OverlayOptions;
import dev.berth.snapshot.local.LocalSnapshotter;
import dev.berth.snapshot.local.SnapshotRecord;
import dev.berth.snapshot.local.StoreLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots as overlayfs layers (like containerd's overlay snapshotter and Docker's overlay2): each
 * snapshot's {@code fs} directory holds only its own changes, with deletions kept as overlay whiteouts;
 * mounting an active snapshot stacks its {@code fs} as upper over the parents' {@code fs} directories.
 *
 * <p>Mounts it returns:
 * <ul>
 *   <li>active, no parent: read-write bind of its own {@code fs} (overlay needs a lower layer);</li>
 *   <li>active with parents: {@code overlay index=off,workdir=<id>/work,upperdir=<id>/fs,lowerdir=<p1>:<p2>...}
 *   with absolute paths, topmost parent first;</li>
 *   <li>view: read-only bind of its own empty {@code fs} (no parent) or of the parent's {@code fs} (one
 *   parent), else a read-only overlay of the parents.</li>
 * </ul>
 * Long stacks can make the lowerdir option longer than the page mount(2) accepts; that is the
 * {@link dev.berth.snapshot.Mounter}'s problem, which solves it without changing this data.
 */
public final class OverlaySnapshotter extends LocalSnapshotter {

    private OverlaySnapshotter(Path root, boolean durable) {
        super(checked(root), durable);
    }

    /** Opens the store at {@code root} (e.g. {@code <data-root>/snapshots/overlay}), durable against power cuts. */
    public static OverlaySnapshotter open(Path root) {
        return new OverlaySnapshotter(root, true);
    }

    /** As {@link #open(Path)}; {@code durable=false} keeps kill -9 safety but not power-cut safety, for speed (no fsync). */
    public static OverlaySnapshotter open(Path root, boolean durable) {
        return new OverlaySnapshotter(root, durable);
    }

    // Checked before the store is opened (and locked): overlay options cannot carry some characters.
    private static Path checked(Path root) {
        OverlayOptions.checkPath(new StoreLayout(root).snapshots());
        return root;
    }

    @Override
    protected void populate(SnapshotKind kind, long id, Path parentFs) throws IOException {
        Files.createDirectory(layout.fs(id), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(layout.fs(id), PosixFilePermissions.fromString("rwxr-xr-x")); // umask-proof
        if (kind == SnapshotKind.ACTIVE) Files.createDirectory(layout.work(id));
    }

    @Override
    protected List<Mount> mountsOf(SnapshotRecord s, List<Path> parents) {
        Path fs = layout.fs(s.id());
        if (s.kind() == SnapshotKind.ACTIVE) {
            if (parents.isEmpty()) return List.of(Mount.bind(fs, false));
            return List.of(Mount.overlay(OverlayOptions.writable(parents, fs, layout.work(s.id()))));
        }
        if (parents.isEmpty()) return List.of(Mount.bind(fs, true));
        if (parents.size() == 1) return List.of(Mount.bind(parents.get(0), true));
        return List.of(Mount.overlay(OverlayOptions.readOnly(new ArrayList<>(parents))));
    }

    @Override
    protected WhiteoutMode whiteoutMode() {
        return WhiteoutMode.OVERLAY;
    }
}
