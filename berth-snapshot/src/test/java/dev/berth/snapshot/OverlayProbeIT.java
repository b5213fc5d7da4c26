package dev.berth.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OverlayProbeIT extends RootTestSupport {
    @Test
    void overlayWorksOnThisDisk() throws Exception {
        Path d = dir("disk");
        assertEquals(Optional.empty(), OverlayProbe.whyOverlayFails(d, mounter));
        try (Stream<Path> left = Files.list(d)) {
            assertEquals(0, left.count(), "the probe cleans up");
        }
    }

    @Test
    void aDirectoryOnAnOverlayCannotHoldOverlayUppers() throws Exception {
        // a data root that is itself on overlayfs (Docker in Docker): the case the native snapshotter is for
        Path l1 = dir("o/l1"), l2 = dir("o/l2"), up = dir("o/u"), work = dir("o/w"), merged = dir("o/m");
        mounter.mount(List.of(Mount.overlay(List.of("workdir=" + work, "upperdir=" + up, "lowerdir=" + l1 + ":" + l2))), merged);
        try {
            Optional<String> why = OverlayProbe.whyOverlayFails(merged, mounter);
            assertTrue(why.isPresent(), "overlay on overlay as upper must be refused");
            // mount(2) only says EINVAL; the fsconfig replay names the option refused (the upper/work directory)
            assertTrue(why.get().contains("fsconfig overlay") && why.get().contains(".overlay-probe-"), why.get());
            assertEquals(List.of(merged), mounter.mountsUnder(merged), "only the outer overlay is left");
        } finally {
            mounter.unmount(merged);
        }
    }
}
