package dev.berth.snapshot;

import dev.berth.common.BerthException;
import dev.berth.snapshot.internal.FsCalls;
import dev.berth.snapshot.internal.OverlayOptions;
import dev.berth.snapshot.internal.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds out whether overlay snapshots can live in a directory, by doing what they need once: a writable
 * overlay of two lower layers with its upper and work directories there, a copy-up and a deletion (which
 * makes the kernel create a whiteout in the upper). The engine uses it to choose between the overlay and the
 * native snapshotter, as Docker does before picking overlay2. It fails, for example, when the directory is
 * itself on an overlay ("not supported as upperdir") or on a filesystem without the xattrs overlay needs.
 */
public final class OverlayProbe {
    private OverlayProbe() {}

    /** Empty if overlay works in {@code dir}, else the kernel's reason. Leaves nothing behind either way. */
    public static Optional<String> whyOverlayFails(Path dir, Mounter mounter) {
        Path probe = dir.toAbsolutePath().resolve(".overlay-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Path lower1 = Files.createDirectories(probe.resolve("l1")), lower2 = Files.createDirectories(probe.resolve("l2"));
            Path upper = Files.createDirectories(probe.resolve("u")), work = Files.createDirectories(probe.resolve("w"));
            Path merged = Files.createDirectories(probe.resolve("m"));
            Files.writeString(lower1.resolve("from-lower"), "x");
            Files.writeString(lower2.resolve("deleted"), "x");
            mounter.mount(List.of(Mount.overlay(OverlayOptions.writable(List.of(lower1, lower2), upper, work))), merged);
            try {
                Files.writeString(merged.resolve("from-lower"), "copied up");
                Files.delete(merged.resolve("deleted"));
            } finally {
                mounter.unmount(merged);
            }
            if (!FsCalls.lstat(upper.resolve("deleted").toString()).isCharDevice())
                return Optional.of("overlay in " + dir + " did not record a deletion as a whiteout");
            if (!Files.readString(lower1.resolve("from-lower")).equals("x"))
                return Optional.of("overlay in " + dir + " wrote through to a lower layer");
            return Optional.empty();
        } catch (BerthException | IOException e) {
            return Optional.of(e.getMessage());
        } finally {
            try {
                mounter.unmount(probe);
                Trees.delete(probe);
            } catch (IOException | RuntimeException e) {
                // best effort: the probe directory is outside any store
            }
        }
    }
}
