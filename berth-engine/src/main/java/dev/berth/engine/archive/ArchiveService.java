package dev.berth.engine.archive;

import dev.berth.archive.ApplyOptions;
import dev.berth.archive.DirectoryTar;
import dev.berth.archive.LayerApplier;
import dev.berth.archive.TarWriteOptions;
import dev.berth.common.BerthException;
import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.container.ImageAccess;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docker cp: stat, read (as a tar) and write (from a tar) paths inside a container, running or not.
 * A running container's root is its mounted rootfs; a stopped one's layers are mounted for the call
 * on a private directory and unmounted after. All paths are resolved inside the root ({@link ContainerRoot}).
 */
public final class ArchiveService {
    /** Where the tar of a GET goes, opened once the path's stat is known (it travels in a header first). */
    public interface TarSink {
        OutputStream open(PathStat stat) throws IOException;
    }

    /** PUT's options: copyUIDGID keeps the tar's owners, else files belong to the container's root (0:0). */
    public record PutOptions(boolean noOverwriteDirNonDir, boolean copyUidGid) {}

    private interface RootAction<T> {
        T run(ContainerRoot root) throws IOException;
    }

    private final ContainerService containers;
    private final ImageAccess images;
    private final Path scratch;

    /** scratch: a daemon-private directory where stopped containers' roots are mounted for a moment. */
    public ArchiveService(ContainerService containers, ImageAccess images, Path scratch) {
        this.containers = containers;
        this.images = images;
        this.scratch = scratch;
    }

    /** HEAD: the stat of path (a final symlink not followed); NOT_FOUND "Could not find the file ...". */
    public PathStat stat(String ref, String path) {
        return withRoot(ref, root -> {
            try (ContainerRoot.Located l = root.locate(path)) {
                return l.stat();
            }
        });
    }

    /** GET: a tar of path (file or tree, entries named from its base name) written to the sink. */
    public PathStat get(String ref, String path, TarSink sink) {
        return withRoot(ref, root -> {
            try (ContainerRoot.Located l = root.locate(path)) {
                OutputStream out = sink.open(l.stat());
                TarWriteOptions opts = TarWriteOptions.defaults();
                if (!l.name().equals(".")) {
                    String only = "/" + l.name();
                    opts = opts.withExclude(p -> !(p.equals(only) || p.startsWith(only + "/")));
                }
                DirectoryTar.write(l.parentPath(), out, opts);
                out.flush();
                return l.stat();
            }
        });
    }

    /** PUT: extracts the tar into path, an existing directory of the container. */
    public void put(String ref, String path, InputStream tar, PutOptions options) {
        ContainerRecord r = containers.get(ref);
        if (r.hostConfig() != null && Boolean.TRUE.equals(r.hostConfig().readonlyRootfs()))
            throw BerthException.invalid("container rootfs is marked read-only");
        withRoot(ref, root -> {
            int dir = root.openDirectory(path);
            try {
                TarEntryGuard guarded = new TarEntryGuard(tar, dir, path, options);
                try {
                    new LayerApplier().apply(guarded, ContainerRoot.fdPath(dir), ApplyOptions.plain());
                } catch (BerthException e) {
                    if (guarded.refusal() != null) throw BerthException.invalid("%s", guarded.refusal());
                    throw e;
                }
            } finally {
                Libc.close(dir);
            }
            return null;
        });
    }

    private <T> T withRoot(String ref, RootAction<T> action) {
        ContainerRecord r = containers.get(ref);
        try {
            if (containers.isRunning(r.id()) && r.rootfsPath() != null) {
                try (ContainerRoot root = ContainerRoot.open(Path.of(r.rootfsPath()), ref)) {
                    return action.run(root);
                }
            }
            Files.createDirectories(scratch);
            Path target = Files.createTempDirectory(scratch, r.id().substring(0, 12) + "-");
            try {
                images.mount(r.id(), target);
                try (ContainerRoot root = ContainerRoot.open(target, ref)) {
                    return action.run(root);
                } finally {
                    images.unmount(r.id(), target);
                }
            } finally {
                Files.deleteIfExists(target);
            }
        } catch (IOException e) {
            throw BerthException.internal("copying with container " + ref + ": " + e.getMessage(), e);
        }
    }
}
