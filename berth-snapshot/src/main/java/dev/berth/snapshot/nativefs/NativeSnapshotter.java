package dev.berth.snapshot.nativefs;

import dev.berth.snapshot.Mount;
import dev.berth.snapshot.SnapshotKind;
import dev.berth.snapshot.WhiteoutMode;
import dev.berth.snapshot.local.LocalSnapshotter;
import dev.berth.snapshot.local.SnapshotRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The fallback for data roots where overlay cannot work (an overlay or other filesystem that overlay refuses
 * as upper), like containerd's native and Docker's vfs: every active snapshot is a full copy of its parent,
 * layers apply whiteouts as deletions, and mounting is a bind. Costs a full copy per layer and per container.
 *
 * <p>Mounts: an active snapshot is a read-write bind of its own tree; a view is a read-only bind of the
 * parent's tree directly (a committed snapshot never changes, so no copy is needed), or of its own empty
 * directory when it has no parent.
 */
public final class NativeSnapshotter extends LocalSnapshotter {

    private NativeSnapshotter(Path root, boolean durable) {
        super(root, durable);
    }

    public static NativeSnapshotter open(Path root) {
        return new NativeSnapshotter(root, true);
    }

    public static NativeSnapshotter open(Path root, boolean durable) {
        return new NativeSnapshotter(root, durable);
    }

    @Override
    protected void populate(SnapshotKind kind, long id, Path parentFs) throws IOException {
        Path fs = layout.fs(id);
        Files.createDirectory(fs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(fs, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (kind == SnapshotKind.ACTIVE && parentFs != null) TreeCopier.copy(parentFs, fs);
    }

    @Override
    protected List<Mount> mountsOf(SnapshotRecord s, List<Path> parents) {
        if (s.kind() == SnapshotKind.ACTIVE) return List.of(Mount.bind(layout.fs(s.id()), false));
        return List.of(Mount.bind(parents.isEmpty() ? layout.fs(s.id()) : parents.get(0), true));
    }

    @Override
    protected WhiteoutMode whiteoutMode() {
        return WhiteoutMode.DELETE;
    }
}
