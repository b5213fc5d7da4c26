package dev.berth.archive.internal;

import dev.berth.archive.Change;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes what a layer changed, as moby's archive.Changes does, over {@link FileTree}s (so it is
 * tested without a file system). Results are sorted by raw path; paths are clean raw paths.
 */
public final class ChangeScan {
    /** One change with a clean raw path. */
    public record PathChange(Change.Kind kind, String path) {
    }

    private ChangeScan() {}

    /**
     * Changes of a full tree (upper) against its parent tree (lower, null for a first layer), like
     * moby's ChangesDirs: added and deleted paths (a deleted directory once, not its contents),
     * modified ones by {@link #modified}, and every directory holding a change marked modified.
     */
    public static List<PathChange> plain(FileTree lower, FileTree upper) throws IOException {
        List<PathChange> out = new ArrayList<>();
        new PlainScan(lower, upper, out).compare("", upper.stat(""), lower == null ? null : lower.stat(""), true);
        out.sort(Comparator.comparing(PathChange::path));
        return out;
    }

    /**
     * Changes recorded in an overlayfs upper directory over its lower layers (top first), like moby's
     * OverlayChanges: a 0:0 character device is a deletion; an entry absent below is an addition;
     * anything else is a modification, except a directory whose mode, owner and mtime match the one
     * below (copied up only because something inside changed). A directory holding an addition or a
     * deletion is marked modified. An opaque directory is modified, and what it hides below is
     * reported deleted (moby reports the directory itself as deleted).
     */
    public static List<PathChange> overlay(FileTree upper, List<? extends FileTree> lowers) throws IOException {
        List<PathChange> out = new ArrayList<>();
        OverlayLowers below = new OverlayLowers(lowers);
        walkOverlay(upper, below, "", out, new HashSet<>());
        out.sort(Comparator.comparing(PathChange::path));
        return out;
    }

    private static void walkOverlay(FileTree upper, OverlayLowers below, String dir, List<PathChange> out,
                                    Set<String> changedDirs) throws IOException {
        List<FileNode> children = upper.list(dir);
        for (FileNode n : children) {
            String path = TarPaths.join(dir, n.name());
            Change.Kind kind;
            FileNode lower = null;
            if (n.stat().isWhiteout()) {
                kind = Change.Kind.DELETED;
            } else {
                lower = below.lookup(path);
                if (lower == null) kind = Change.Kind.ADDED;
                else if (n.isDir() && lower.isDir() && !n.isOpaque() && sameDir(n.stat(), lower.stat())) kind = null;
                else kind = Change.Kind.MODIFIED;
            }
            if (kind != null) {
                if (n.isDir()) changedDirs.add(path);
                if (kind != Change.Kind.MODIFIED && !dir.isEmpty() && changedDirs.add(dir)) {
                    out.add(new PathChange(Change.Kind.MODIFIED, dir));
                }
                out.add(new PathChange(kind, path));
                if (n.isOpaque() && lower != null && lower.isDir()) {
                    Set<String> present = new HashSet<>();
                    for (FileNode c : upper.list(path)) present.add(c.name());
                    for (String hidden : below.mergedNames(path)) {
                        if (!present.contains(hidden)) out.add(new PathChange(Change.Kind.DELETED, TarPaths.join(path, hidden)));
                    }
                }
            }
            if (n.isDir()) walkOverlay(upper, below, path, out, changedDirs);
        }
    }

    private static boolean sameDir(FileStat a, FileStat b) {
        return a.mode() == b.mode() && a.uid() == b.uid() && a.gid() == b.gid()
                && sameTime(a.mtimeSec(), a.mtimeNsec(), b.mtimeSec(), b.mtimeNsec());
    }

    /** moby's sameFsTime: equal seconds, and equal nanoseconds unless one side has none. */
    static boolean sameTime(long aSec, int aNsec, long bSec, int bNsec) {
        return aSec == bSec && (aNsec == bNsec || aNsec == 0 || bNsec == 0);
    }

    /**
     * Whether a path present in both trees changed: type and permissions, owner, device number;
     * for non-directories also size and mtime (moby ignores both for directories); symlink targets;
     * and portable xattrs (moby compares only security.capability). Contents are not read: as in
     * Docker, a change that keeps size and restores the mtime is not seen.
     */
    public static boolean modified(FileNode a, FileNode b) {
        FileStat x = a.stat(), y = b.stat();
        if (x.mode() != y.mode() || x.uid() != y.uid() || x.gid() != y.gid()
                || x.rdevMajor() != y.rdevMajor() || x.rdevMinor() != y.rdevMinor()) {
            return true;
        }
        if (!x.isDir() && (x.size() != y.size() || !sameTime(x.mtimeSec(), x.mtimeNsec(), y.mtimeSec(), y.mtimeNsec()))) {
            return true;
        }
        if (x.isSymlink() && !a.linkTarget().equals(b.linkTarget())) return true;
        return !a.samePortableXattrs(b);
    }

    private record PlainScan(FileTree lower, FileTree upper, List<PathChange> out) {
        void compare(String path, FileNode now, FileNode before, boolean alreadyRecorded) throws IOException {
            int sizeAtEntry = out.size();
            boolean recorded = alreadyRecorded;
            if (before == null && !path.isEmpty()) {
                out.add(new PathChange(Change.Kind.ADDED, path));
                recorded = true;
            }
            if (!now.isDir()) return;
            Map<String, FileNode> old = new LinkedHashMap<>();
            if (before != null && before.isDir() && lower != null) {
                for (FileNode c : lower.list(path)) old.put(c.name(), c);
            }
            for (FileNode child : upper.list(path)) {
                String childPath = TarPaths.join(path, child.name());
                FileNode was = old.remove(child.name());
                boolean childRecorded = false;
                if (was != null && modified(was, child)) {
                    out.add(new PathChange(Change.Kind.MODIFIED, childPath));
                    childRecorded = true;
                }
                compare(childPath, child, was, childRecorded);
            }
            for (String gone : old.keySet()) out.add(new PathChange(Change.Kind.DELETED, TarPaths.join(path, gone)));
            if (out.size() > sizeAtEntry && !recorded && !path.isEmpty()) {
                out.add(sizeAtEntry, new PathChange(Change.Kind.MODIFIED, path));
            }
        }
    }
}
