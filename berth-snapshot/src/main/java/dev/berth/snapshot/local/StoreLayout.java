package dev.berth.snapshot.local;

import java.nio.file.Path;

/**
 * Where a local snapshot store keeps things, under the root given to the snapshotter:
 * <pre>
 *   root/lock                      held (flock) while a process has the store open
 *   root/snapshots/&lt;id&gt;/meta.json  the snapshot's metadata; a directory without it is a leftover
 *   root/snapshots/&lt;id&gt;/fs        the snapshot's files (overlay: its layer / upper; native: a full tree)
 *   root/snapshots/&lt;id&gt;/work      overlay's work directory (overlay only)
 * </pre>
 * Numeric ids keep paths short, which matters for overlay's one-page option limit.
 */
public record StoreLayout(Path root) {
    public static final String META = "meta.json";

    public StoreLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path lockFile() {
        return root.resolve("lock");
    }

    public Path snapshots() {
        return root.resolve("snapshots");
    }

    public Path dir(long id) {
        return snapshots().resolve(Long.toString(id));
    }

    public Path fs(long id) {
        return dir(id).resolve("fs");
    }

    public Path work(long id) {
        return dir(id).resolve("work");
    }

    public Path meta(long id) {
        return dir(id).resolve(META);
    }

    /** AtomicFiles names its temp files ".&lt;name&gt;.tmp-&lt;random&gt;"; an interrupted write leaves one behind. */
    static boolean isMetaTemp(String fileName) {
        return fileName.startsWith("." + META + ".tmp-");
    }
}
