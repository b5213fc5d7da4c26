package dev.berth.archive;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * How {@link DirectoryTar} writes a tree.
 *
 * @param fixedMtime   when not null, every entry gets this mtime (whole seconds), for reproducible layers
 * @param preciseTimes when true, mtimes keep their nanoseconds and atimes are recorded (PAX records);
 *                     when false (Docker's layers), mtimes are whole seconds and there are no atimes
 * @param owner        when not null, every entry is owned by these numeric ids instead of its own
 * @param exclude      paths ("/etc/hostname", absolute, as in the tree) to leave out, with everything below
 */
public record TarWriteOptions(Instant fixedMtime, boolean preciseTimes, Owner owner, Predicate<String> exclude) {

    /** Numeric owner of every entry. */
    public record Owner(int uid, int gid) {
    }

    public TarWriteOptions {
        if (exclude == null) exclude = p -> false;
    }

    /** Each entry's own metadata, whole-second mtimes, nothing excluded. */
    public static TarWriteOptions defaults() {
        return new TarWriteOptions(null, false, null, null);
    }

    /** For a built-in image layer: every mtime fixed, everything owned by 0:0. */
    public static TarWriteOptions reproducible(Instant mtime) {
        return new TarWriteOptions(mtime, false, new Owner(0, 0), null);
    }

    public TarWriteOptions withPreciseTimes(boolean v) {
        return new TarWriteOptions(fixedMtime, v, owner, exclude);
    }

    public TarWriteOptions withExclude(Predicate<String> v) {
        return new TarWriteOptions(fixedMtime, preciseTimes, owner, v);
    }
}
