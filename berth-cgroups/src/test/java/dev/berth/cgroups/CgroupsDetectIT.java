package dev.berth.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Mode detection on this host: v1 hierarchies in a tmpfs plus an empty cgroup2 at unified/. */
class CgroupsDetectIT {
    @Test
    void thisHostIsHybrid() {
        assertEquals(CgroupMode.HYBRID, Cgroups.detect(Path.of("/sys/fs/cgroup")));
    }

    @Test
    void theUnifiedMountAloneLooksUnified() {
        assertEquals(CgroupMode.UNIFIED, Cgroups.detect(Path.of("/sys/fs/cgroup/unified")));
    }

    @Test
    void aV1HierarchyIsNoCgroupRoot() {
        BerthException e = assertThrows(BerthException.class, () -> Cgroups.detect(Path.of("/sys/fs/cgroup/memory")));
        assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
        assertEquals(BerthException.Kind.NOT_FOUND,
                assertThrows(BerthException.class, () -> Cgroups.detect(Path.of("/nonexistent-cgroup-root"))).kind());
    }
}
