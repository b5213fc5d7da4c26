package dev.berth.archive;

import dev.berth.archive.internal.ChangeScan;
import dev.berth.archive.internal.DirTree;
import dev.berth.archive.internal.NativeFs;
import dev.berth.archive.internal.TarPaths;
import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker diff}: what a layer added (A), changed (C) and deleted (D), sorted by path. Reads the
 * trees, writes nothing. See {@link ChangeScan} for the exact rules (moby's).
 */
public final class Changes {
    private Changes() {}

    /** Changes recorded in an overlayfs upper directory over its lower directories (topmost first). */
    public static List<Change> overlay(Path upper, List<Path> lowers) {
        List<DirTree> trees = new ArrayList<>();
        try (NativeFs fs = new NativeFs(); DirTree up = new DirTree(fs, upper)) {
            try {
                for (Path p : lowers) trees.add(new DirTree(fs, p));
                return toPublic(ChangeScan.overlay(up, trees));
            } finally {
                trees.forEach(DirTree::close);
            }
        } catch (IOException e) {
            throw BerthException.internal("computing the changes of " + upper + ": " + e.getMessage(), e);
        }
    }

    /** Changes of a full tree against its parent layer's full tree (lower null: everything is added). */
    public static List<Change> plain(Path lower, Path upper) {
        try (NativeFs fs = new NativeFs(); DirTree low = lower == null ? null : new DirTree(fs, lower); DirTree up = new DirTree(fs, upper)) {
            return toPublic(ChangeScan.plain(low, up));
        } catch (IOException e) {
            throw BerthException.internal("computing the changes of " + upper + ": " + e.getMessage(), e);
        }
    }

    private static List<Change> toPublic(List<ChangeScan.PathChange> raw) {
        List<Change> out = new ArrayList<>(raw.size());
        for (ChangeScan.PathChange c : raw) out.add(new Change(c.kind(), TarPaths.display(c.path())));
        return List.copyOf(out);
    }
}
