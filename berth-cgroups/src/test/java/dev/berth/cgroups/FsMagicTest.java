package dev.berth.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FsMagicTest {
    @Test
    void cgroup2RootIsUnified() {
        assertEquals(CgroupMode.UNIFIED, FsMagic.mode("/sys/fs/cgroup", 0x63677270L, OptionalLong.empty()));
        assertFalse(CgroupMode.UNIFIED.usesV1());
    }

    @Test
    void tmpfsWithCgroup2UnifiedIsHybrid() {
        assertEquals(CgroupMode.HYBRID, FsMagic.mode("/sys/fs/cgroup", 0x01021994L, OptionalLong.of(0x63677270L)));
        assertTrue(CgroupMode.HYBRID.usesV1());
    }

    @Test
    void tmpfsAloneOrWithOtherUnifiedIsLegacy() {
        assertEquals(CgroupMode.LEGACY, FsMagic.mode("/sys/fs/cgroup", 0x01021994L, OptionalLong.empty()));
        assertEquals(CgroupMode.LEGACY, FsMagic.mode("/sys/fs/cgroup", 0x01021994L, OptionalLong.of(0x01021994L)));
    }

    @Test
    void anythingElseIsRefusedNamingTheRoot() {
        BerthException e = assertThrows(BerthException.class, () -> FsMagic.mode("/x", 0xEF53L, OptionalLong.empty()));
        assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("/x") && e.getMessage().contains("0xef53"), e.getMessage());
    }
}
