package dev.berth.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.Test;

class ApplyOptionsTest {
    @Test
    void defaultsAreDockers() {
        ApplyOptions o = ApplyOptions.overlay();
        assertEquals(ApplyOptions.Mode.OVERLAY, o.mode());
        assertTrue(o.allowDevices());
        assertTrue(o.allowSetuid());
        assertEquals(Long.MAX_VALUE, o.sizeLimit());
        assertEquals(ApplyOptions.DEFAULT_ENTRY_LIMIT, o.entryLimit());
        assertEquals(ApplyOptions.Mode.PLAIN, ApplyOptions.plain().mode());
    }

    @Test
    void builderSetsPolicy() {
        ApplyOptions o = ApplyOptions.builder(ApplyOptions.Mode.PLAIN).allowDevices(false).allowSetuid(false).sizeLimit(10).entryLimit(5).build();
        assertFalse(o.allowDevices());
        assertFalse(o.allowSetuid());
        assertEquals(10, o.sizeLimit());
        assertEquals(5, o.entryLimit());
    }

    @Test
    void refusesNonsense() {
        assertEquals(BerthException.Kind.INVALID_ARGUMENT,
                assertThrows(BerthException.class, () -> ApplyOptions.builder(ApplyOptions.Mode.OVERLAY).sizeLimit(0).build()).kind());
        assertThrows(BerthException.class, () -> ApplyOptions.builder(ApplyOptions.Mode.OVERLAY).entryLimit(-1).build());
        assertThrows(BerthException.class, () -> new ApplyOptions(null, true, true, 1, 1));
    }
}
