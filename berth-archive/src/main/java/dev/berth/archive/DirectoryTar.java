package dev.berth.archive;

import dev.berth.archive.internal.DigestingOutputStream;
import dev.berth.archive.internal.DirTree;
import dev.berth.archive.internal.FileNode;
import dev.berth.archive.internal.NativeFs;
import dev.berth.archive.internal.TarEmitter;
import dev.berth.archive.internal.TarPaths;
import dev.berth.archive.internal.TarWriter;
import dev.berth.common.BerthException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a whole directory tree as an uncompressed tar (for {@code docker export} and for building a
 * layer from a root file system). Reproducible: entries in tree order with names sorted by bytes at
 * each level, parents before children, no root entry, names relative ("bin/", "bin/sh"); the same tree
 * gives the same bytes, and with {@link TarWriteOptions#reproducible} the same bytes on any machine.
 * Symlinks are stored, never followed; sockets are skipped; hardlinks become tar hardlinks.
 */
public final class DirectoryTar {
    private DirectoryTar() {}

    /** Writes the tar of dir to out (flushed, not closed). */
    public static TarResult write(Path dir, OutputStream out, TarWriteOptions options) {
        DigestingOutputStream counted = new DigestingOutputStream(out);
        try (NativeFs fs = new NativeFs(); DirTree tree = new DirTree(fs, dir)) {
            BufferedOutputStream buffered = new BufferedOutputStream(counted, 1 << 20);
            TarEmitter emitter = new TarEmitter(new TarWriter(buffered), tree, emitterOptions(options));
            walk(tree, "", emitter, options);
            emitter.finish();
            buffered.flush();
            return new TarResult(counted.digest(), counted.count(), emitter.entries());
        } catch (IOException e) {
            throw BerthException.internal("writing the tar of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void walk(DirTree tree, String dir, TarEmitter emitter, TarWriteOptions options) throws IOException {
        for (FileNode n : tree.list(dir)) {
            String path = TarPaths.join(dir, n.name());
            if (options.exclude().test(TarPaths.display(path))) continue;
            emitter.emit(path, n);
            if (n.isDir()) walk(tree, path, emitter, options);
        }
    }

    static TarEmitter.Options emitterOptions(TarWriteOptions o) {
        return new TarEmitter.Options(o.fixedMtime() == null ? null : o.fixedMtime().getEpochSecond(), o.preciseTimes(),
                o.owner() == null ? null : o.owner().uid(), o.owner() == null ? null : o.owner().gid());
    }
}
