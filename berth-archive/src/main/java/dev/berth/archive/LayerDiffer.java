package dev.berth.archive;

import dev.berth.archive.internal.ChangeScan;
import dev.berth.archive.internal.DigestingOutputStream;
import dev.berth.archive.internal.DirTree;
import dev.berth.archive.internal.FileNode;
import dev.berth.archive.internal.NativeFs;
import dev.berth.archive.internal.TarEmitter;
import dev.berth.archive.internal.TarPaths;
import dev.berth.archive.internal.TarWriter;
import dev.berth.archive.internal.Whiteouts;
import dev.berth.common.BerthException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Writes what a container (or build step) changed as a layer tar: uncompressed, in Docker's form
 * (whole-second mtimes, no atimes, numeric owners, xattrs as PAX SCHILY.xattr.*, hardlinks within
 * the diff as tar hardlinks, whiteouts as {@code .wh.NAME} and {@code .wh..wh..opq}). Entries are in
 * tree order with names sorted by bytes, so equal trees give equal tars. The returned digest is the
 * layer's diff_id; compress the output yourself if you need a compressed blob.
 *
 * <p>{@code exclude} receives absolute paths ("/etc/hosts") and leaves out the entry, its subtree and
 * its whiteout; use it for files the engine itself put in the container (/etc/hosts, /etc/resolv.conf,
 * /etc/hostname, /.dockerenv) when they are unchanged from the init layer.
 *
 * <p>The trees must not change while they are read; a file whose size changes fails the diff (CONFLICT).
 */
public final class LayerDiffer {

    /**
     * The diff of an overlayfs upper directory: 0:0 character devices become {@code .wh.NAME}, a
     * directory with trusted.overlay.opaque=y becomes its entry plus {@code DIR/.wh..wh..opq}, all else
     * is written as it is. Fails (UNSUPPORTED) on overlayfs redirect or metacopy entries, which a tar
     * cannot express: mount with redirect_dir=off and metacopy=off.
     */
    public TarResult overlay(Path upper, OutputStream out, Predicate<String> exclude) {
        return run(upper, out, (tree, emitter) -> walkUpper(upper, tree, "", emitter, exclude == null ? p -> false : exclude));
    }

    /**
     * The diff of a full tree (upper) against the tree of its parent layer (lower; null when there is
     * none): {@link Changes#plain}'s additions and modifications written as entries, its deletions as
     * {@code .wh.NAME}.
     */
    public TarResult plain(Path lower, Path upper, OutputStream out, Predicate<String> exclude) {
        Predicate<String> skip = exclude == null ? p -> false : exclude;
        try (NativeFs lowerFs = new NativeFs(); DirTree lowerTree = lower == null ? null : new DirTree(lowerFs, lower)) {
            return run(upper, out, (tree, emitter) -> { // the upper tree has its own NativeFs: both are used on this thread only
                for (ChangeScan.PathChange c : ChangeScan.plain(lowerTree, tree)) {
                    if (excluded(c.path(), skip)) continue;
                    if (c.kind() == Change.Kind.DELETED) {
                        FileNode parent = tree.stat(TarPaths.parent(c.path()));
                        emitter.emitWhiteout(TarPaths.parent(c.path()), TarPaths.base(c.path()), parent == null ? null : parent.stat());
                        continue;
                    }
                    FileNode n = tree.stat(c.path());
                    if (n != null) emitter.emit(c.path(), n);
                }
            });
        }
    }

    /** True when the path or one of its parents is excluded. */
    private static boolean excluded(String path, Predicate<String> exclude) {
        for (String p = path; !p.isEmpty(); p = TarPaths.parent(p)) {
            if (exclude.test(TarPaths.display(p))) return true;
        }
        return false;
    }

    private interface Body {
        void write(DirTree tree, TarEmitter emitter) throws IOException;
    }

    private static TarResult run(Path upper, OutputStream out, Body body) {
        DigestingOutputStream counted = new DigestingOutputStream(out);
        try (NativeFs fs = new NativeFs(); DirTree tree = new DirTree(fs, upper)) {
            BufferedOutputStream buffered = new BufferedOutputStream(counted, 1 << 20);
            TarEmitter emitter = new TarEmitter(new TarWriter(buffered), tree, TarEmitter.Options.DOCKER);
            body.write(tree, emitter);
            emitter.finish();
            buffered.flush();
            return new TarResult(counted.digest(), counted.count(), emitter.entries());
        } catch (IOException e) {
            throw BerthException.internal("writing the diff of " + upper + ": " + e.getMessage(), e);
        }
    }

    private static void walkUpper(Path upper, DirTree tree, String dir, TarEmitter emitter, Predicate<String> exclude) throws IOException {
        for (FileNode n : tree.list(dir)) {
            String path = TarPaths.join(dir, n.name());
            if (exclude.test(TarPaths.display(path))) continue;
            if (n.stat().isWhiteout()) {
                emitter.emitWhiteout(dir, n.name(), n.stat());
                continue;
            }
            for (String x : n.xattrs().keySet()) {
                if (x.equals("trusted.overlay.redirect") || x.equals("trusted.overlay.metacopy")) {
                    throw new BerthException(BerthException.Kind.UNSUPPORTED, "cannot diff " + upper + TarPaths.display(path)
                            + ": it carries the overlayfs xattr " + x + " (mount with redirect_dir=off,metacopy=off)");
                }
            }
            emitter.emit(path, n);
            if (n.isDir()) {
                if (n.isOpaque()) emitter.emitOpaque(path, n.stat());
                walkUpper(upper, tree, path, emitter, exclude);
            }
        }
    }
}
